"""Speech through the computer's own voice: one small interface, a few backends.

`Speaker` is all the game knows: `say(text, interrupt=True)`, `stop()`, `pump()`. The backend is
chosen once, at start-up, by `choose_speaker()`:

- Linux: speech-dispatcher's `spd-say` (the same speech server a running Orca uses), else
  `espeak-ng` (or the older `espeak`);
- macOS: `say`;
- Windows: the system's SAPI voice through PowerShell (System.Speech);
- nothing found: `Silent`, which says nothing and never fails.

`Recorder` keeps what would have been said, in order, for tests. No backend uses the network.

Speaking never holds up a frame: `say()` and `stop()` only hand an order to the speaker's own
worker thread, which runs each utterance as a child process and never makes the game wait; the
next utterance (or a key) kills the one still speaking. Backends live in `backends.py`.
"""
from __future__ import annotations

import os
import shutil
import sys

# speech_rate setting -> words a minute (espeak-ng, say); spd-say and SAPI scale it themselves
RATES = {"slow": 130, "normal": 175, "fast": 240}
CHOOSE_ENV = "MAKING_TOGETHER_SPEECH"  # force a backend: spd-say, espeak-ng, say, sapi, silent


class Speaker:
    """Say things aloud; the base class says nothing (the silent backend)."""

    name = "silent"
    speaks = False  # True when words can really be heard

    def __init__(self) -> None:
        self.rate = "normal"

    def say(self, text: str, interrupt: bool = True) -> None:
        """Start saying `text` and return at once. With `interrupt`, whatever is being said
        stops first; without it, `text` follows what is being said."""

    def stop(self) -> None:
        """Stop speaking now and forget anything waiting to be said."""

    def pump(self) -> None:
        """Called every frame: start the next waiting utterance when the last one ended."""

    @property
    def busy(self) -> bool:
        return False

    def close(self) -> None:
        self.stop()


Silent = Speaker


class Recorder(Speaker):
    """Speaks nothing; keeps every call, in order, so tests can hear what the window says."""

    name = "recorder"

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, str]] = []  # ("say", text) / ("queue", text) / ("stop", "")

    def say(self, text: str, interrupt: bool = True) -> None:
        self.events.append(("say" if interrupt else "queue", text))

    def stop(self) -> None:
        self.events.append(("stop", ""))

    @property
    def spoken(self) -> list[str]:
        """Everything said so far, in order."""
        return [text for kind, text in self.events if kind != "stop"]

    @property
    def stops(self) -> int:
        return sum(1 for kind, _ in self.events if kind == "stop")

    def clear(self) -> None:
        self.events.clear()


def choose_speaker(platform: str | None = None, which=shutil.which) -> Speaker:
    """The best backend this computer has (chosen once), or Silent."""
    from .backends import EspeakSpeaker, MacSpeaker, SapiSpeaker, SpdSpeaker
    platform = platform or sys.platform
    forced = os.environ.get(CHOOSE_ENV, "").strip().lower()
    if forced == "silent":
        return Silent()
    candidates: list = []
    if platform.startswith("win"):
        candidates = [SapiSpeaker]
    elif platform == "darwin":
        candidates = [MacSpeaker, EspeakSpeaker]
    else:
        candidates = [SpdSpeaker, EspeakSpeaker]
    if forced:
        candidates = [c for c in (SpdSpeaker, EspeakSpeaker, MacSpeaker, SapiSpeaker)
                      if forced in c.names]
    for backend in candidates:
        program = backend.find(which)
        if program:
            return backend(program)
    return Silent()
