"""The room's votes at a workshop decision: typed in by the facilitator (V), or from the
devices of the live room (L closes the vote, M goes with the majority), shown beside each option
as a count and a bar. A part of `Facilitator` (facilitator.py).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from ...app import App
    from ..play.screen import PlayScreen


class VoteTools:
    """Votes on the play screen. `Facilitator` supplies `app`, `play`, `run`, `at_decision`
    and `recorder`."""

    app: "App"
    play: "PlayScreen"

    def votes(self) -> list[int] | None:
        """The room's votes at this decision (from devices while the live room is open, else as
        typed), or None if there are none yet."""
        recorder = self.recorder()
        if not self.app.workshop or recorder is None or not self.at_decision():
            return None
        tally = self.tally()
        if tally is not None:
            return list(tally.counts) if tally.voted else None
        counts = recorder.pending_votes()
        return counts if counts and sum(counts) else None

    def tally(self):
        """The live room's vote at the decision on screen (None: no room, or not a decision)."""
        room = self.app.room
        if room is None or not self.at_decision():
            return None
        from ....room.page import decision_key
        tally = room.tally()
        return tally if tally is not None and tally.key == decision_key(self.run) else None

    def enter_votes(self) -> None:
        if not self.at_decision():
            self.app.say("Votes are for a decision with more than one option.")
            return
        if self.app.room is not None:
            self.app.say("The room is open: the votes come from the devices. To type counts "
                         "instead, close the room (R, then Close the room).", seconds=6)
            return
        if self.play.revealing:
            self.play.reveal = None  # show everything first: the room votes on what it can see
        from .panels import VoteScreen
        self.app.push(VoteScreen(self.app, self))

    def toggle_vote(self) -> None:
        room = self.app.room
        tally = self.tally()
        if tally.open:
            tally = room.close_vote(self.recorder())
            self.app.record(self.run)
            self.app.say(f"Vote closed: {self.count_words(tally)}. Choose with 1-9, or M for "
                         "the majority; L opens it again.", seconds=6)
        else:
            room.reopen_vote()
            self.app.say("The vote is open again.")
        self.play.invalidate()

    def go_with_majority(self) -> None:
        """One key: close the vote and take the option with most votes. A tie is said as a
        tie (the vote stays closed, the facilitator chooses among them); no votes, nothing."""
        from ....room.live import majority
        tally = self.app.room.close_vote(self.recorder())
        self.app.record(self.run)
        self.play.invalidate()
        number, words = majority(tally)
        if number is not None:
            self.app.say(words, seconds=5)
            self.play.choose(number - 1)
        elif tally is not None and tally.voted:
            self.app.say(words + " Talk it over, then choose one of them with its number.",
                         seconds=8)
        else:
            self.app.say(words + " The vote is closed: L opens it again.", seconds=6)

    @staticmethod
    def count_words(tally) -> str:
        if tally is None or not tally.voted:
            return "nobody voted"
        return "; ".join(f"{n}: {c}" for n, c in enumerate(tally.counts, 1)) + \
            f" ({tally.voted} device{'' if tally.voted == 1 else 's'})"

    def before_choice(self, index: int) -> None:
        """The facilitator is choosing: close the room's vote first, so its count goes into
        the record with the choice."""
        room = self.app.room
        tally = self.tally()
        views = self.run.choices
        if room is None or tally is None or not (0 <= index < len(views) and views[index].enabled):
            return
        room.close_vote(self.recorder())

    def save_votes(self, counts: list[int]) -> None:
        recorder = self.recorder()
        if recorder is None:
            self.app.say("There is no session record to keep the votes in.")
            return
        recorder.set_votes(counts)
        self.app.record(self.run)
        self.play.invalidate()
        self.show_options()
        total = sum(counts)
        if total:
            self.app.say(f"Votes saved: {total} in all. They go into the session record with "
                         "the group's choice.")
        else:
            self.app.say("Votes cleared.")

    def show_options(self) -> None:
        """Scroll the options into view (the votes show beside them), the first one first."""
        play = self.play
        play.ensure_layout()
        options = [b for b in play.main.buttons if b.number is not None] if play.main else []
        pane = play.pane_of(options[0]) if options else None
        if pane is not None:
            view = pane.view
            unit = self.app.theme.unit
            view.show(options[-1].rect, unit * 2)
            view.show(options[0].rect, unit * 2)

    def option_note(self, index: int, note: str) -> str:
        """The line under an option: its reason if locked, else the room's votes for it."""
        counts = self.votes()
        if note or counts is None or index >= len(counts):
            return note
        return f"Votes: {counts[index]} of {sum(counts)}"

    def draw_votes(self, surface: pygame.Surface) -> None:
        """A bar beside each option's vote count, its length the option's share of the room.
        The number is always written too: the bar is never the only way to read it."""
        counts = self.votes()
        play = self.play
        if counts is None or play.revealing or play.main is None or not play.panes:
            return
        theme = self.app.theme
        palette = theme.palette
        pane = next((p for p in play.panes if p.column is play.main), None)
        if pane is None:
            return
        view = pane.view
        total = sum(counts)
        pad = theme.unit * 2
        small = theme.line_height("small")
        surface.set_clip(view.rect)
        for button in play.main.buttons:
            if button.number is None or button.number > len(counts) or not button.note_lines \
                    or not button.enabled:
                continue
            rect = view.to_screen(button.rect)
            badge = theme.font("body_bold").size("9")[0] + theme.unit * 2
            x = rect.x + theme.unit * 2 + badge + theme.unit
            y = rect.y + theme.unit + pad // 4 + len(button.label_lines) * theme.line_height("body")
            x += theme.font("small").size(button.note_lines[0])[0] + theme.unit * 2
            track = pygame.Rect(x, y + small // 4, rect.right - pad - x, max(6, small // 2))
            if track.width < theme.unit * 6:
                continue
            pygame.draw.rect(surface, palette.panel, track, border_radius=theme.radius // 2)
            share = counts[button.number - 1] / total
            if share > 0:
                filled = pygame.Rect(track.x, track.y, max(4, round(track.width * share)), track.height)
                pygame.draw.rect(surface, palette.accent, filled, border_radius=theme.radius // 2)
            pygame.draw.rect(surface, palette.muted, track, width=1, border_radius=theme.radius // 2)
        surface.set_clip(None)
