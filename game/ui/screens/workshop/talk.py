"""The "Talk it over" panel a workshop decision shows, and the live room's lines in it.

At a decision it sits in the side panel beside the options when the window is wide enough, else
between the scene and the options. A part of `Facilitator` (facilitator.py).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

import pygame

from ...layout import Column

if TYPE_CHECKING:
    from ...app import App

# A decision whose scene has no prompts of its own still gets one question to start the talk.
FALLBACK_PROMPT = "What would you do here, and what would each option cost, and for whom?"


@contextmanager
def inset(column: Column, right: int):
    """Text added inside narrows by `right` pixels, so a panel's words keep off its edge."""
    column.width -= right
    try:
        yield column
    finally:
        column.width += right


class TalkPanel:
    """The facilitator's panels on the play screen. `Facilitator` supplies `app`, `run`,
    `at_decision`, `mirror`, `note`, `tally` and `show_other_side`."""

    app: "App"
    _talk_in_side: bool

    def fill_hud(self, column: Column, compact: bool = False) -> None:
        """At the top of the side panel: how the room joins, if it is open; at a decision, in
        a side panel (not `compact`), the "Talk it over" panel, so that the room sees it
        beside the options. The timer is in the top bar (fill_timer)."""
        self._talk_in_side = False
        self.room_line(column)
        if not (self.app.workshop and self.at_decision()):
            return
        if not compact:
            self._talk_panel(column)
            self._talk_in_side = True

    def fill_talk(self, column: Column) -> None:
        """Between the scene and its options, when the side panel has no room for it: the
        "Talk it over" panel at a decision; at a mirrored moment, a pointer to the other side."""
        if not self.app.workshop:
            return
        if not self.at_decision():
            if self.mirror() is not None:
                column.text("A mirrored moment: O shows what the other side saw.", "small_bold",
                            "muted", after=1)
        elif not self._talk_in_side:
            self._talk_panel(column)

    def _talk_panel(self, column: Column, role: str = "body") -> None:
        theme = column.theme
        mirrored = self.mirror() is not None
        pad = theme.unit * 3
        top = column.height
        box = column.drawing(0, self._draw_panel, after=0)
        column.space(1.5)
        with inset(column, pad):
            column.text("Talk it over", "subheading", indent=pad, after=0.5)
            for prompt in self.run.scene.discuss or (FALLBACK_PROMPT,):
                column.text("\u2022 " + prompt, role, indent=pad, after=0.5)
            self._room_panel(column, role, pad)
            # The note is the facilitator's, for the record: the room sees only that there is
            # one. In the side panel the footer lists the keys; in the page, the panel does.
            column.space(0.5)
            if role == "body":
                keys = ["T\u00a0timer", "V\u00a0votes", "N\u00a0note"] + (
                    ["O\u00a0other\u00a0side"] if mirrored else [])
                column.text(" \u00b7 ".join(keys), "small_bold", "muted", indent=pad, after=0.5)
            if self.note():
                column.text("A facilitator's note is saved (N to read or change it).", "small",
                            "muted", indent=pad, after=0)
        column.space(1.5)
        box.rect.height = column.height - top
        column.space(1.5)

    def _room_panel(self, column: Column, role: str, pad: int) -> None:
        """The live room's part of the panel: how many have voted, whether the vote is open,
        and the comments the facilitator put on the big screen."""
        tally = self.tally()
        if tally is None:
            return
        devices = self.app.room.devices
        state = "open (L closes it, M goes with the majority)" if tally.open else \
            "closed (L opens it again)"
        column.space(0.5)
        column.text(f"{tally.voted} of {devices} device{'' if devices == 1 else 's'} voted. "
                    f"The vote is {state}.", "small_bold", indent=pad, after=0.5)
        shown = self.app.room.shown_comments()
        if shown:
            column.text("The room says", "body_bold", indent=pad, after=0.25)
            for text in shown:
                column.text(f"\u201c{text}\u201d", role, indent=pad, after=0.5)
        elif tally.comments:
            count = len(tally.comments)
            column.text(f"{count} comment{'' if count == 1 else 's'} for you (K).", "small",
                        "muted", indent=pad, after=0.5)

    def room_line(self, column: Column) -> None:
        """At the top of the side panel while the room is open: how latecomers join."""
        room = self.app.room
        if room is None:
            return
        address = room.url.removeprefix("http://").rstrip("/")
        column.text(f"Join: {address}  \u00b7  code {room.code}", "small_bold", after=0.25)
        column.text(f"{room.devices} joined \u00b7 R shows the QR code", "small", "muted",
                    after=1)

    def _draw_panel(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        theme = self.app.theme
        pygame.draw.rect(surface, theme.palette.soft, rect, border_radius=theme.radius)
        stripe = pygame.Rect(rect.x, rect.y, max(4, theme.unit), rect.height)
        pygame.draw.rect(surface, theme.palette.accent, stripe,
                         border_top_left_radius=theme.radius, border_bottom_left_radius=theme.radius)

    def fill_outcome(self, column: Column) -> None:
        """After a choice at a mirrored moment (solo play too): the other side's view, offered
        after Continue so that Enter still goes on."""
        if self.mirror() is not None:
            column.button("What the other side saw (O)", self.show_other_side)
