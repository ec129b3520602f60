"""The speaking backends: each utterance is one child process, run by one worker thread.

`say()` and `stop()` only leave an order for the speaker's worker thread and return (microseconds:
starting a child process can take a quarter of a second on a loaded machine, which must not fall
on a frame). The thread starts each utterance, kills the one being said when new words interrupt
it, starts the next queued one when the last ends, and reaps finished children. Text goes in on
the child's standard input where the program reads it (so a line starting with "-" is never
taken for an option, and nothing passes through a shell's quoting).
"""
from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from typing import Callable

from . import RATES, Speaker

MAX_CHARS = 6000  # a very long page is cut here: well under a pipe's buffer, so writing never waits
TICK = 0.05       # how often the worker looks whether the words being said have ended


class ProcessSpeaker(Speaker):
    names: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    speaks = True

    def __init__(self, program: str):
        super().__init__()
        self.program = program
        self.current: subprocess.Popen | None = None  # these three belong to the worker thread
        self.waiting: list[str] = []
        self.ended: list[subprocess.Popen] = []  # killed, not yet reaped
        self.orders: queue.Queue = queue.Queue()
        self.thread: threading.Thread | None = None

    @classmethod
    def find(cls, which: Callable[[str], str | None]) -> str | None:
        return next((path for path in map(which, cls.programs) if path), None)

    # -- to fill in --------------------------------------------------------------------------
    def command(self, text: str) -> tuple[list[str], str | None]:
        """The program's arguments, and what to write on its standard input (or None)."""
        raise NotImplementedError

    def tick(self) -> None:
        """The worker's moment between orders (a backend may tidy up here)."""

    # -- the interface (any thread) ----------------------------------------------------------
    def say(self, text: str, interrupt: bool = True) -> None:
        text = " ".join(text.split())[:MAX_CHARS]
        if text:
            self._order(("say", text, interrupt, self.rate))

    def stop(self) -> None:
        self._order(("stop",))

    @property
    def busy(self) -> bool:
        current = self.current
        return current is not None and current.poll() is None

    def settle(self) -> None:
        """Wait until the worker has carried out every order given so far (for tests)."""
        self.orders.join()

    def close(self) -> None:
        if self.thread is not None:
            self.orders.put(None)
            self.thread.join(timeout=1)
            self.thread = None

    def _order(self, order: tuple) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._work, name=f"speech-{self.name}", daemon=True)
            self.thread.start()
        self.orders.put(order)

    # -- the worker thread -------------------------------------------------------------------
    def _work(self) -> None:
        while True:
            watching = self.current or self.waiting or self.ended or getattr(self, "cancel", False)
            try:  # with nothing to watch, sleep until the next order
                order = self.orders.get(timeout=TICK if watching else None)
            except queue.Empty:
                order = ()
            try:
                if order is None:
                    self._stop_now()
                    return
                if order and order[0] == "stop":
                    self._stop_now()
                elif order:
                    _, text, interrupt, self.rate = order
                    if interrupt:
                        self._stop_now()
                    if self.busy or self.waiting:
                        self.waiting.append(text)
                    else:
                        self._start(text)
                self.ended = [p for p in self.ended if p.poll() is None]
                if self.current is not None and self.current.poll() is not None:
                    self.current = None  # its words have been said
                if self.waiting and not self.busy:
                    self._start(self.waiting.pop(0))
                self.tick()
            finally:
                if order != ():
                    self.orders.task_done()

    def _stop_now(self) -> None:
        self.waiting.clear()
        if self.current is not None:
            if self.current.poll() is None:
                try:
                    self.current.kill()
                except OSError:
                    pass
                self.ended.append(self.current)
            self.current = None

    def _start(self, text: str) -> None:
        args, stdin = self.command(text)
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform.startswith("win") else 0
        try:
            process = subprocess.Popen(args, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       creationflags=flags)
            if stdin is not None:
                process.stdin.write(stdin.encode("utf-8"))
                process.stdin.close()
        except (OSError, ValueError):
            self.current = None  # the voice went away: stay quiet rather than fail
            return
        self.current = process


class EspeakSpeaker(ProcessSpeaker):
    """espeak-ng (or espeak): reads the words from standard input."""

    name = "espeak-ng"
    names = ("espeak-ng", "espeak")
    programs = ("espeak-ng", "espeak")

    def command(self, text):
        return [self.program, "-s", str(RATES[self.rate])], text

    def to_wav(self, text: str, path: str) -> list[str]:
        """The command that writes `text` as speech into a WAV file instead of playing it."""
        return [self.program, "-s", str(RATES[self.rate]), "-w", path, text]


class SpdSpeaker(ProcessSpeaker):
    """speech-dispatcher's client: the speech server a running Orca shares, so the game's voice
    and the screen reader's take turns rather than talk over each other."""

    name = "spd-say"
    names = ("spd-say", "speech-dispatcher")
    programs = ("spd-say",)
    SPD_RATES = {"slow": -35, "normal": 0, "fast": 40}

    def __init__(self, program: str):
        super().__init__(program)
        self.cancel = False  # the server may still be speaking what a killed client sent
        self.stopped_at = 0.0

    def command(self, text):
        rate = str(self.SPD_RATES[self.rate])
        # -w: the client lives while the words are spoken, so a queued utterance waits its turn
        if self.cancel:  # cancel on the server, then speak: in that order, in one child
            self.cancel = False
            return ["sh", "-c", '"$0" -C; exec "$0" -w -r "$1" -- "$2"', self.program, rate, text], None
        return [self.program, "-w", "-r", rate, "--", text], None

    def _stop_now(self) -> None:
        if self.busy:  # killing the client does not silence the server
            self.cancel, self.stopped_at = True, time.monotonic()
        super()._stop_now()

    def tick(self) -> None:
        # stopped, and no new words came at once to cancel it for us: cancel on the server now
        if self.cancel and not self.busy and time.monotonic() - self.stopped_at > 2 * TICK:
            self.cancel = False
            try:
                self.ended.append(subprocess.Popen([self.program, "-C"], stdin=subprocess.DEVNULL,
                                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            except OSError:
                pass


class MacSpeaker(ProcessSpeaker):
    """macOS `say`: reads the words from standard input when given none."""

    name = "say"
    names = ("say", "macos")
    programs = ("say",)

    def command(self, text):
        return [self.program, "-r", str(RATES[self.rate] + 5)], text


class SapiSpeaker(ProcessSpeaker):
    """Windows: the SAPI voice through PowerShell's System.Speech (no extra install). Written to
    the documented API; not yet tried on a Windows machine."""

    name = "sapi"
    names = ("sapi", "windows")
    programs = ("powershell", "pwsh")
    SAPI_RATES = {"slow": -3, "normal": 0, "fast": 3}
    SCRIPT = ("Add-Type -AssemblyName System.Speech; "
              "$v = New-Object System.Speech.Synthesis.SpeechSynthesizer; "
              "$v.Rate = {rate}; $v.Speak([Console]::In.ReadToEnd())")

    def command(self, text):
        script = self.SCRIPT.replace("{rate}", str(self.SAPI_RATES[self.rate]))
        return [self.program, "-NoProfile", "-NonInteractive", "-Command", script], text
