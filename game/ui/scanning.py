"""One-switch scanning: the highlight steps through a screen's buttons on its own, and one key
(the "switch" binding, Space unless the player chose another) presses the one it has reached.

The scan is driven by a one-shot SDL timer (`pygame.time.set_timer`), which posts `SCAN_EVENT`
when the next step is due; the loop picks that event up like any key. Nothing polls for the time
and the loop keeps its idle pace (app.py), so scanning costs one redraw per step.

What the player can rely on:
- off by default; the `scanning` setting is the time a button stays highlighted (1 to 3 s);
- the highlight stays a little longer on the last button (`END_PAUSE` times the interval), so the
  end of a round is felt before it starts again at the top;
- any key, click or pad button starts the wait again from where the highlight is, so a switch
  press never lands on a button that moved under it;
- a new screen starts its scan from its first button, after a whole interval;
- a text box is scanned too (its Save and Cancel buttons), until the player types in it: from
  then on the scan leaves it alone, so typed letters never turn into commands under a highlight
  that moved; the Keys screen holds the scan while it waits for a new key (`holds_scan`);
- with speech on, the scan waits until the voice has said the highlighted button: a player
  listening to the scan hears every button whole, then has the whole interval to press.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from .app import App

SCAN_EVENT = pygame.event.custom_type()
END_PAUSE = 2.0      # the last button of a round is held this many intervals
VOICE_CHECK = 0.25   # seconds between looks at whether the voice has finished
VOICE_LIMIT = 60.0   # never wait longer than this for the voice (a stuck speech program)
EARLY = 0.05         # a timer event this much before its time is one from before the last re-arm


class Scanner:
    """The scan of the screen on top of `app`; `app.step` hands it `SCAN_EVENT` and every input."""

    def __init__(self, app: "App", arm=pygame.time.set_timer, clock=time.monotonic):
        self.app = app
        self.arm = arm              # set_timer(event, milliseconds, loops): replaced in tests
        self.clock = clock
        self.armed_ms = 0           # the wait now set (0: no timer)
        self.armed_at = 0.0         # when it was set
        self.screen = None          # the screen being scanned
        self.voice_waited = 0.0     # seconds spent waiting for the voice on this button
        self.typed_in = None        # the text box screen the player has typed into
        self.configure()

    @property
    def interval(self) -> float:
        """Seconds a button stays highlighted; 0 when scanning is off."""
        return float(self.app.settings.scanning)

    @property
    def on(self) -> bool:
        return self.interval > 0

    def configure(self) -> None:
        """Start or stop after a settings change (and at start-up)."""
        if self.on:
            self.app.keyboard_used = True  # the highlight is drawn from the first frame
            self.screen = None
            self._set(self.interval)
        else:
            self._set(0)

    def close(self) -> None:
        self._set(0)

    def heard_input(self) -> None:
        """A key, click or pad button: the whole wait again, from where the highlight is."""
        if self.on:
            top = self.app.top
            if top.takes_text and top.focused is None:  # typing into a text box
                self.typed_in = top
            self.voice_waited = 0.0
            self._set(self.interval)

    def follow(self) -> None:
        """After each frame: a screen that opened is scanned from its first button."""
        if self.on and self.app.top is not self.screen:
            self.screen = self.app.top
            self.voice_waited = 0.0
            self._set(self.interval)

    def due(self) -> None:
        """The timer went off: move the highlight on, or wait a little longer."""
        if not self.on or not self.armed_ms:
            return
        if self.clock() - self.armed_at < self.armed_ms / 1000 - EARLY:
            return  # posted before a key re-armed the timer: the new wait stands
        self.armed_ms = 0
        app, screen = self.app, self.app.top
        if screen is not self.screen:
            self.follow()
            return
        typing = screen.takes_text and screen.focused is None and self.typed_in is screen
        if typing or getattr(screen, "holds_scan", False):
            self._set(self.interval)
            return
        voice = app.voice
        if voice.on and voice.speaker.busy and self.voice_waited < VOICE_LIMIT:
            self.voice_waited += VOICE_CHECK
            self._set(VOICE_CHECK)
            return
        waited, self.voice_waited = self.voice_waited, 0.0
        if 0 < waited < VOICE_LIMIT:  # the voice has just finished: the whole interval to press
            self._set(self.interval)
            return
        self.advance()

    def advance(self) -> None:
        """Highlight the next button (the first after the last), and set the next wait."""
        app, screen = self.app, self.app.top
        screen.ensure_layout()
        buttons = screen.buttons
        if not buttons:  # nothing to press here (a page being read): look again later
            self._set(self.interval)
            return
        app.keyboard_used = True
        screen.move_focus(1)  # also scrolls it into view
        app.dirty = True
        last = screen.focused is buttons[-1]
        self._set(self.interval * (END_PAUSE if last else 1))

    def _set(self, seconds: float) -> None:
        milliseconds = max(1, round(seconds * 1000)) if seconds else 0
        self.armed_ms, self.armed_at = milliseconds, self.clock()
        self.arm(SCAN_EVENT, milliseconds, 1 if milliseconds else 0)
