"""The workshop's discussion timer: advisory only, it never stops, hurries or makes a choice."""
from __future__ import annotations

import math

TIMER_MINUTES = (0, 2, 3, 5)  # T steps through these; 0 is off


class Timer:
    """An advisory countdown for one decision. It says when time is up; it never stops,
    hurries or makes a choice."""

    def __init__(self) -> None:
        self.minutes = 0
        self.left = 0.0

    @property
    def on(self) -> bool:
        return self.minutes > 0

    @property
    def finished(self) -> bool:
        return self.on and self.left <= 0

    def cycle(self) -> None:
        """Off, 2, 3, 5 minutes, off again; a new length starts counting from the top."""
        position = TIMER_MINUTES.index(self.minutes) if self.minutes in TIMER_MINUTES else 0
        self.minutes = TIMER_MINUTES[(position + 1) % len(TIMER_MINUTES)]
        self.restart()

    def restart(self) -> None:
        self.left = self.minutes * 60.0

    def tick(self, dt: float) -> bool:
        """Count down; True at the moment time runs out."""
        if not self.on or self.left <= 0:
            return False
        self.left = max(0.0, self.left - dt)
        return self.left <= 0

    def reading(self, reduce_motion: bool) -> str:
        """What the big figure says: minutes and seconds, or with reduced motion only the
        minutes (rounded up), so the figure changes once a minute instead of every second."""
        if reduce_motion:
            return f"{math.ceil(self.left / 60)} min"
        seconds = math.ceil(self.left)
        return f"{seconds // 60}:{seconds % 60:02d}"
