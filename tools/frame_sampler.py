"""Where a slow frame spends its time: a sampler that looks at the main thread's stack every few
milliseconds while a frame runs, so the monkey can say what its worst frame was doing.

A profiler slows every frame down; looking at the stack 250 times a second costs little, and a
frame slow enough to matter (a tenth of a second or more) gets enough looks to show where it
went. A look can only happen when the thread lets another run (between bytecodes), so the time
inside one long call into C is counted at the line that made the call.

    sampler = FrameSampler(ROOT)
    sampler.start()
    sampler.begin()            # a frame starts
    ...                        # the frame
    looks = sampler.end()      # Counter: Place (where the thread was) -> how many looks
    print(describe(looks))
    sampler.stop()
"""
from __future__ import annotations

import sys
import threading
from collections import Counter
from pathlib import Path
from types import FrameType

INTERVAL = 0.004  # seconds between looks
OWN_DEPTH = 10    # the innermost frames of the game's own code kept for each look
SHOWN_DEPTH = 4   # of which a place shows this many

# Where the thread was at one look: the game's own frames, outermost first, as (file, line,
# function), and the library function the innermost of them was in ("" when none).
Place = tuple[tuple[tuple[str, int, str], ...], str]


class FrameSampler:
    """Counts, for the frame in progress, where the thread that made it was at each look."""

    def __init__(self, root: Path, interval: float = INTERVAL):
        self.root = str(root.resolve()) + "/"
        self.interval = interval
        self.thread_id = threading.get_ident()  # the thread that draws: the one creating this
        self._looks: Counter | None = None
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._stopped.clear()
            self._thread = threading.Thread(target=self._watch, name="frame sampler", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def begin(self) -> None:
        self._looks = Counter()

    def end(self) -> Counter:
        looks, self._looks = self._looks or Counter(), None
        return looks

    def _watch(self) -> None:
        while not self._stopped.wait(self.interval):
            looks = self._looks
            if looks is None:
                continue
            frame = sys._current_frames().get(self.thread_id)
            if frame is not None:
                looks[self.where(frame)] += 1

    def where(self, frame: FrameType) -> Place:
        """The innermost frames of the game's own code (outermost first) as (file, line,
        function), and the library function the innermost of them had called, if any."""
        own: list[tuple[str, int, str]] = []
        outside = ""
        walking: FrameType | None = frame
        while walking is not None and len(own) < OWN_DEPTH:
            code = walking.f_code
            name = code.co_filename[len(self.root):] if code.co_filename.startswith(self.root) else ""
            if name.startswith("game/") or (name and "/" not in name):  # not tools/ or .venv/
                own.append((name, walking.f_lineno, code.co_name))
            elif not own and not outside:
                outside = f"{_short(code.co_filename)} {code.co_name}"
            walking = walking.f_back
        return tuple(reversed(own)), outside


def _short(filename: str) -> str:
    """A library file's name from its package down: '.../site-packages/yaml/scanner.py' ->
    'yaml/scanner.py'."""
    parts = Path(filename).parts
    for marker in ("site-packages", "dist-packages", "lib-dynload"):
        if marker in parts:
            return "/".join(parts[parts.index(marker) + 1:])
    return "/".join(parts[-2:])


def describe(looks: Counter, top: int = 4) -> list[str]:
    """The game's functions the frame was seen in most, with their share of the looks (a look
    counts for every function on the stack), then the places it was seen most, most first."""
    total = sum(looks.values())
    if not total:
        return ["(too quick for a look)"]
    functions: Counter = Counter()
    for (own, _outside), count in looks.items():
        for name in {f"{file}:{function}" for file, _line, function in own}:
            functions[name] += count
    lines = ["in: " + ", ".join(f"{name} {count * 100 / total:.0f}%"
                                for name, count in functions.most_common(top * 2))]
    for (own, outside), count in looks.most_common(top):
        chain = " > ".join(f"{file}:{line} {function}" for file, line, function in own[-SHOWN_DEPTH:])
        chain = chain or "(outside the game's code)"
        lines.append(f"{count * 100 / total:3.0f}%  {chain}" + (f" > [{outside}]" if outside else ""))
    return lines
