"""The room as the game drives it: open it, follow the run, close votes, keep the record.

`LiveRoom` is what the window and the terminal hold while a room is open. It publishes the page
for where the run is, reads the live tally, closes a vote when the facilitator says so or
chooses, and puts the room's counts, comments and debrief answers into the session record
(written when a vote closes, and at most every `RECORD_EVERY` seconds while votes come in, so a
crash loses no vote already counted). Nothing here draws or reads keys.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING

from .host import RoomError, RoomHost
from .model import Page, Room, Tally
from .page import outcome_page, page_of, waiting_page

if TYPE_CHECKING:
    from ..records import Recorder
    from ..story.runner import Outcome, Run

RECORD_EVERY = 2.0   # seconds between record writes while votes come in


class LiveRoom:
    def __init__(self, host: str | None = None, port: int = 0, clock=time.monotonic):
        self.room = Room()
        self.server = RoomHost(self.room, host=host, port=port)
        self.chosen_host = host is not None  # the facilitator named the address
        self.clock = clock
        self._following: tuple | None = None     # (run, step, scene or ending) last published
        self._seen = -1                          # room version the game last looked at
        self._written = -1                       # room version last put in the record
        self._written_at = 0.0
        self.shown: dict[str, list[str]] = {}    # decision key -> comments put on the big screen
        self.hide_meters = False                 # the window's setting: no numbers on the phones

    # -- opening and closing ------------------------------------------------------------------
    def open(self) -> str:
        """Start listening; '' when it worked, else what went wrong in plain words."""
        try:
            self.server.start()
        except RoomError as exc:
            return str(exc)
        return ""

    def close(self) -> None:
        self.server.stop()

    @property
    def code(self) -> str:
        return self.room.code

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def join_url(self) -> str:
        return self.server.join_url

    @property
    def facilitator_url(self) -> str:
        """The facilitator's read-only page: the count and every comment, for this computer's
        own browser (the projector may show the game's window, never this page)."""
        return f"{self.server.url}facilitator/{self.room.facilitator_key}"

    @property
    def lan(self) -> bool:
        """False when no network was found and only this computer can join."""
        return bool(getattr(self.server, "lan", True))

    @property
    def devices(self) -> int:
        return self.room.devices

    def changed(self) -> bool:
        """True once after each change in the room (a join, a vote, a comment, an answer)."""
        version = self.room.version
        if version == self._seen:
            return False
        self._seen = version
        return True

    # -- following the story ------------------------------------------------------------------
    def follow(self, run: "Run | None", outcome: "Outcome | None" = None) -> Page:
        """Publish the page for where `run` is (the waiting page for no run; what the choice
        did while `outcome` is on the projector). Cheap when nothing has moved since."""
        where = (None,) if run is None else (
            id(run), run.step, run.ending.id if run.ending else run.scene.id if run.scene else "",
            id(outcome), self.hide_meters)
        if where != self._following:
            self._following = where
            self.room.publish(waiting_page() if run is None else
                              outcome_page(run, outcome, self.hide_meters) if outcome is not None
                              else page_of(run))
        return self.room.page

    def tally(self) -> Tally | None:
        """The vote on the page shown now (None when it is not a decision)."""
        return self.room.tally()

    def close_vote(self, recorder: "Recorder | None" = None) -> Tally | None:
        """Close the vote on the page shown and write its tally into the record at once."""
        tally = self.room.close()
        if tally is not None:
            self.keep(recorder, force=True)
        return tally

    def reopen_vote(self) -> None:
        self.room.reopen()

    def comments(self) -> tuple[str, ...]:
        tally = self.room.tally()
        return tally.comments if tally else ()

    def show_comment(self, text: str, shown: bool = True) -> None:
        """Put a comment on the big screen, or take it off (the facilitator's choice)."""
        key = self.room.page.key
        chosen = self.shown.setdefault(key, [])
        if shown and text not in chosen:
            chosen.append(text)
        elif not shown and text in chosen:
            chosen.remove(text)

    def shown_comments(self) -> list[str]:
        """The comments on the big screen for the page shown, in the order they were put there."""
        tally = self.room.tally()
        said = set(tally.comments) if tally else set()
        return [text for text in self.shown.get(self.room.page.key, []) if text in said]

    # -- the record -----------------------------------------------------------------------------
    def keep(self, recorder: "Recorder | None", force: bool = False) -> bool:
        """Put what the room has sent for the page shown into `recorder` (its tally at a
        decision, its answers at the ending). True when the record should be written now:
        something changed and (`force` or) `RECORD_EVERY` seconds have passed."""
        if recorder is None:
            return False
        version = self.room.version
        if version == self._written or (not force and
                                        self.clock() - self._written_at < RECORD_EVERY):
            return False
        page = self.room.page
        tally = self.room.tally()
        if page.kind == "decision" and tally is not None and tally.voted + len(tally.comments):
            recorder.set_room_tally(list(tally.counts), tally.voted, list(tally.comments),
                                    self.shown_comments())
        elif page.kind == "ending":
            answers = self.room.answers()
            if not answers:
                return False
            recorder.set_room_answers(answers, self.room.devices)
        else:
            return False
        self._written, self._written_at = version, self.clock()
        return True


def majority(tally: Tally | None) -> tuple[int | None, str]:
    """What "go with the majority" finds in a closed vote: the option number to take (None for
    a tie or no votes) and the words that say so, for the window and the terminal alike."""
    leaders = tally.leaders() if tally else []
    if not leaders:
        return None, "Nobody has voted yet, so there is no majority."
    if len(leaders) > 1:
        names = ", ".join(str(n) for n in leaders[:-1]) + f" and {leaders[-1]}"
        each = tally.counts[leaders[0] - 1]
        return None, f"A tie: options {names} have {each} vote{'' if each == 1 else 's'} each."
    number = leaders[0]
    return number, f"The room chose option {number}: {tally.counts[number - 1]} of {tally.total} votes."
