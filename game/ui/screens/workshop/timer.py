"""The workshop's discussion timer, and how the play screen shows it: advisory only, it never
stops, hurries or makes a choice."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from ...layout import Column

if TYPE_CHECKING:
    from ...app import App
    from ..play.screen import PlayScreen

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


class TimerTools:
    """The timer on the play screen: T cycles it, it counts down while a decision is on screen,
    and the top bar shows it. A part of `Facilitator` (facilitator.py), which supplies `app`,
    `play`, `timer`, `at_decision` and `decision_key`."""

    app: "App"
    play: "PlayScreen"
    timer: Timer
    _at: tuple | None

    def cycle_timer(self) -> None:
        self.timer.cycle()
        self._at = self.decision_key()
        self.play.invalidate()
        if not self.timer.on:
            self.app.say("Timer off.")
        elif self.at_decision():
            self.app.say(f"Timer: {self.timer.minutes} minutes to talk. It only advises: choose "
                         "whenever the room is ready.")
        else:
            self.app.say(f"Timer: {self.timer.minutes} minutes, starting at the next decision.")

    def update(self, dt: float) -> bool:
        """Count down while a decision is on screen; True when the timer looks different.
        At each new decision a timer that is on starts again from the top."""
        if not self.app.workshop or not self.timer.on:
            return False
        key = self.decision_key()
        if key != self._at:
            self._at = key
            if key is not None:
                self.timer.restart()
                self.play.invalidate()
                return True
        if key is None:
            return False
        reduce = self.app.settings.reduce_motion
        before = self.timer.reading(reduce)
        if self.timer.tick(dt):
            self.play.invalidate()  # the figure gives way to words
            self.app.say("Time's up. Choose when the room is ready: there is no hurry.", seconds=6)
            return True
        return self.timer.reading(reduce) != before

    def fill_timer(self, column: Column) -> None:
        """In the top bar at a decision, while the timer is on: one line with the time left,
        large, and what it counts, over a thin bar; or that time is up. Never scrolled away."""
        if not (self.app.workshop and self.at_decision() and self.timer.on):
            return
        theme = column.theme
        if self.timer.finished:
            column.text("Time's up. No hurry: choose when the room is ready.", "subheading",
                        "accent", after=0.25)
            return
        big = "subheading"
        bar = 0 if self.app.settings.reduce_motion else max(4, theme.unit // 2) + theme.unit // 2
        column.drawing(theme.line_height(big) + bar,
                       lambda surface, rect: self._draw_timer(surface, rect, big), after=0.25)

    def _draw_timer(self, surface: pygame.Surface, rect: pygame.Rect, big: str) -> None:
        theme = self.app.theme
        palette = theme.palette
        reduce = self.app.settings.reduce_motion
        step = theme.line_height(big)
        figure = theme.render(self.timer.reading(reduce), big, palette.accent)
        surface.blit(figure, (rect.x, rect.y + (step - figure.get_height()) // 2))
        # beside the figure, what it counts: "to talk, of 3 minutes"
        words = theme.render(f"to talk, of {self.timer.minutes} minutes", "small_bold", palette.muted)
        if figure.get_width() + theme.unit + words.get_width() <= rect.width:
            surface.blit(words, (rect.x + figure.get_width() + theme.unit,
                                 rect.y + (step - words.get_height()) // 2 + theme.unit // 4))
        if reduce:
            return  # no bar creeping along: the figure alone, once a minute
        track = pygame.Rect(rect.x, rect.y + step + theme.unit // 2, rect.width, max(4, theme.unit // 2))
        share = self.timer.left / (self.timer.minutes * 60)
        pygame.draw.rect(surface, palette.panel, track, border_radius=track.height // 2)
        if share > 0:
            filled = pygame.Rect(track.x, track.y, max(track.height, round(track.width * share)),
                                 track.height)
            pygame.draw.rect(surface, palette.accent, filled, border_radius=track.height // 2)
        pygame.draw.rect(surface, palette.muted, track, width=1, border_radius=track.height // 2)
