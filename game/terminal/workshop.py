"""Workshop tools in the terminal, at a decision: the room's votes typed in (`v`) and a
facilitator's note (`n`); both go into the session record."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..story import Run
from .console import NUMBER

if TYPE_CHECKING:
    from .game import TextGame

NOTE_LIMIT = 600  # characters in a facilitator's note, as in the window


def take_votes(game: "TextGame", run: Run) -> None:
    """The room's vote count for each option shown, typed on one line."""
    if game.room is not None:
        game.say("The room is open: the votes come from the devices (r shows them so far).")
        return
    views = run.choices
    game.say(f"Type how many people chose each of the {len(views)} options, in order, with "
             "spaces between (a locked option takes 0). Enter alone keeps what was there.")
    while True:
        answer = game.ask("Votes: ")
        if not answer:
            return
        counts = answer.replace(",", " ").split()
        if len(counts) == len(views) and all(NUMBER.fullmatch(c) for c in counts):
            break
        game.say(f"Please type {len(views)} whole numbers, such as "
                 + " ".join(str(n) for n in range(len(views), 0, -1)) + ".")
    numbers = [int(c) if view.enabled else 0 for c, view in zip(counts, views)]
    game.recorder.set_votes(numbers)
    game.record(run)
    total = sum(numbers)
    game.say(f"Votes saved ({total} in all): "
             + "; ".join(f"{v.index + 1}: {n}" for v, n in zip(views, numbers)) + ".")

def take_note(game: "TextGame", run: Run) -> None:
    old = game.recorder.pending_note()
    if old:
        game.say(f"The note so far: {old}")
    note = game.ask("Facilitator's note (Enter alone keeps it as it is): ")
    if note:
        cut = len(note) > NOTE_LIMIT  # as the window's note box; a pasted file stays out
        game.recorder.set_note(note[:NOTE_LIMIT])
        game.record(run)
        game.say("Note saved in the session record."
                 + (f" It keeps the first {NOTE_LIMIT} characters." if cut else ""))
