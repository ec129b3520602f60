"""Workshop mode: a facilitator runs the game on a projector for a room, from a laptop keyboard.

At each decision the play screen shows a "Talk it over" panel with the scene's discussion
prompts; the facilitator can run an advisory timer (T), enter the room's votes (V), add a note
(N) and show what the other role saw at a mirrored moment (O). None of it ever stops or delays a
choice: the group's choice is made as usual, with the number keys, Enter or a click.

`Facilitator` holds this for one play screen; the panels it opens are in `workshop_panels.py`,
the timer in `workshop_timer.py`, and the title screen's part in `workshop_title.py`.
Votes and notes go to the session record (`Recorder.set_votes` / `set_note`) at once, and are
placed on the step when the choice is made.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

import pygame

from ....story.debrief import Mirror, mirrors
from ...actions import Action
from ...layout import Column
from .timer import Timer

if TYPE_CHECKING:
    from ...app import App
    from ..play.screen import PlayScreen

ACTIONS = ("timer", "votes", "note", "other_side", "workshop", "room", "close_vote", "majority",
           "comments")
ROOM_ACTIONS = ("close_vote", "majority", "comments")
HINTS = ("1-9: choose     T: timer     V: votes     N: note     O: other side     R: room     "
         "F1: keys     P: step out")
ROOM_HINTS = ("1-9: choose     M: go with the majority     L: close the vote     K: comments     "
              "R: room     F1: keys")
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


class Facilitator:
    """The facilitator's tools on one play screen (they do nothing outside workshop mode,
    except showing the other side's view after a choice at a mirrored moment)."""

    def __init__(self, play: "PlayScreen"):
        self.play = play
        self.app: "App" = play.app
        self.timer = Timer()
        self._at: tuple | None = None  # the decision the timer is counting for
        self._talk_in_side = False     # this layout put "Talk it over" in the side panel

    # -- where the run is ----------------------------------------------------------------------
    @property
    def run(self):
        return self.play.run

    def at_decision(self) -> bool:
        """A real choice (more than one option) is on screen."""
        scene = self.run.scene
        return (self.play.phase == "scene" and scene is not None and scene.is_decision
                and len(self.run.choices) > 1)

    def mirror(self) -> Mirror | None:
        """What the other role saw at the moment on screen, if it is a mirrored moment."""
        if self.play.phase not in ("scene", "outcome"):
            return None
        scene = self.play.shown_scene
        if scene is None or not scene.moment:
            return None
        found = [m for m in mirrors(self.run) if m.scene.id == scene.id]
        return found[-1] if found else None

    def recorder(self):
        recorder = self.app.recorder
        return recorder if recorder is not None and recorder.run is self.run else None

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

    def note(self) -> str:
        recorder = self.recorder()
        return recorder.pending_note() if recorder is not None and self.app.workshop else ""

    def tally(self):
        """The live room's vote at the decision on screen (None: no room, or not a decision)."""
        room = self.app.room
        if room is None or not self.at_decision():
            return None
        from ....room.page import decision_key
        tally = room.tally()
        return tally if tally is not None and tally.key == decision_key(self.run) else None

    # -- keys and buttons ------------------------------------------------------------------------
    def handle(self, action: Action) -> bool:
        name = action.name
        if name not in ACTIONS:
            return False
        if name == "other_side":
            self.show_other_side()
        elif name == "room":
            from .room import open_room
            open_room(self.app)
        elif name in ROOM_ACTIONS and self.app.room is None:
            self.app.say("M, L and K are for the live room: R opens it, so that everyone can vote "
                         "from their own phone.")
        elif name in ROOM_ACTIONS and name != "comments" and self.tally() is None:
            self.app.say("The room votes at a decision with more than one option.")
        elif name == "close_vote":
            self.toggle_vote()
        elif name == "majority":
            self.go_with_majority()
        elif name == "comments":
            from .room import CommentsScreen
            self.app.push(CommentsScreen(self.app))
        elif not self.app.workshop:
            self.app.say("T, V and N are workshop tools, for a room playing together. Workshop "
                         "mode starts from the title screen.")
        elif name == "timer":
            self.cycle_timer()
        elif name == "votes":
            self.enter_votes()
        elif name == "note":
            self.write_note()
        elif name == "workshop":
            from .panels import WorkshopMenuScreen
            self.app.push(WorkshopMenuScreen(self.app, self))
        return True

    def tools(self) -> list:
        """Toolbar entries: one button opening every workshop tool, for a mouse."""
        if not self.app.workshop:
            return []
        return [("Workshop", lambda: self.handle(Action("workshop")))]

    @property
    def hints(self) -> str:
        return ROOM_HINTS if self.app.room is not None and self.at_decision() else HINTS

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

    def write_note(self) -> None:
        if self.play.phase != "scene" or self.run.scene is None:
            self.app.say("A note belongs to a scene: add it while the scene is on screen.")
            return
        from ..menus.ask_text import AskTextScreen
        scene = self.run.scene
        where = f' on "{scene.title}"' if scene.title else ""
        self.app.push(AskTextScreen(
            self.app, f"Facilitator's note{where}", self.save_note, initial=self.note(),
            note="For the session record: what the room said, a question to come back to. "
                 "No real names needed. Leave it empty to remove the note.",
            limit=600, save_label="Save the note"))

    def save_note(self, text: str) -> None:
        recorder = self.recorder()
        if recorder is None:
            self.app.say("There is no session record to keep the note in.")
            return
        had = bool(recorder.pending_note())
        recorder.set_note(text)
        self.app.record(self.run)
        self.play.invalidate()
        self.app.say("Note saved in the session record." if text
                     else "Note removed." if had else "No note added.")

    def show_other_side(self) -> None:
        mirror = self.mirror()
        if mirror is None:
            self.app.say("The other side saw nothing that matches this moment.")
            return
        if not self.app.workshop and self.play.phase != "outcome":
            self.app.say("You can see what the other side saw once you have chosen.")
            return
        from .panels import OtherSideScreen
        role = self.run.scenario.roles.get(mirror.other_role)
        name = role.name if role else mirror.other_role.replace("_", " ").capitalize()
        self.app.push(OtherSideScreen(self.app, mirror, name))

    # -- time ------------------------------------------------------------------------------------
    def decision_key(self) -> tuple | None:
        return (self.run.step, self.run.scene.id) if self.at_decision() else None

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

    # -- what the play screen shows -----------------------------------------------------------
    @property
    def side_share(self) -> float:
        """How much of the window's width the side panel takes: more in workshop mode, where
        it holds the timer and the discussion prompts beside the options."""
        return 0.36 if self.app.workshop else 0.25

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

    def option_note(self, index: int, note: str) -> str:
        """The line under an option: its reason if locked, else the room's votes for it."""
        counts = self.votes()
        if note or counts is None or index >= len(counts):
            return note
        return f"Votes: {counts[index]} of {sum(counts)}"

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

    def fill_outcome(self, column: Column) -> None:
        """After a choice at a mirrored moment (solo play too): the other side's view, offered
        after Continue so that Enter still goes on."""
        if self.mirror() is not None:
            column.button("What the other side saw (O)", self.show_other_side)
