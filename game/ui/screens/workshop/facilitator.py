"""Workshop mode: a facilitator runs the game on a projector for a room, from a laptop keyboard.

At each decision the play screen shows a "Talk it over" panel with the scene's discussion
prompts; the facilitator can run an advisory timer (T), enter the room's votes (V), add a note
(N) and show what the other role saw at a mirrored moment (O). None of it ever stops or delays a
choice: the group's choice is made as usual, with the number keys, Enter or a click.

`Facilitator` holds this for one play screen, from parts in modules of their own: the "Talk it
over" panel (`talk.py`), the timer (`timer.py`) and the room's votes (`votes.py`). The overlays
it opens are in `panels.py` and `room.py`, and the title screen's part in `title.py`.
Votes and notes go to the session record (`Recorder.set_votes` / `set_note`) at once, and are
placed on the step when the choice is made.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ....story.debrief import Mirror, mirrors
from ...actions import Action
from .talk import TalkPanel
from .timer import Timer, TimerTools
from .votes import VoteTools

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


class Facilitator(TalkPanel, TimerTools, VoteTools):
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

    def decision_key(self) -> tuple | None:
        return (self.run.step, self.run.scene.id) if self.at_decision() else None

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

    # -- the facilitator's note and the other side -------------------------------------------------
    def note(self) -> str:
        recorder = self.recorder()
        return recorder.pending_note() if recorder is not None and self.app.workshop else ""

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

    # -- what the play screen shows -----------------------------------------------------------
    @property
    def side_share(self) -> float:
        """How much of the window's width the side panel takes: more in workshop mode, where
        it holds the timer and the discussion prompts beside the options."""
        return 0.36 if self.app.workshop else 0.25
