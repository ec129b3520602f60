"""The before-and-after reflection in the terminal: each statement with its scale as numbers,
an empty answer skipping it and `s` skipping the rest. The window asks the same statements on
one screen (ui/screens/reflection.py); the answers go into the session record either way."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..story import Run
from ..story.model import Reflection
from .console import Quit, choose_from, number

if TYPE_CHECKING:
    from .game import TextGame

BEFORE, AFTER = "before", "after"


def reflect(game: "TextGame", run: Run, when: str) -> None:
    """Ask the scenario's statements `when` ("before" or "after") play, once per record, and
    keep the answers in the session record. Nothing is asked when the scenario has none."""
    recorder = game.recorder
    reflection = run.scenario.reflection
    if reflection is None or recorder is None or when in recorder.reflection:
        return
    answers = ask_statements(game, reflection, when)
    recorder.set_reflection(when, answers)
    if run.step:  # a record is first written with the first choice, as it always is
        game.record(run)
    game.say(f"Thank you: {len(answers)} answer{'s' * (len(answers) != 1)} kept for the session "
             "record." if answers else "Skipped: nothing was kept.")


def ask_statements(game: "TextGame", reflection: Reflection, when: str) -> dict[str, int]:
    """Statement id -> index of the answer on the scale, for each statement answered."""
    scale, statements = reflection.scale, reflection.statements
    count, last = len(statements), len(scale)
    if when == BEFORE:
        game.heading("Before you start: a short reflection")
        game.say(f"{count} statements about working together. "
                 + ("Read each one out and take a show of hands: type the answer most of the room "
                    "gives. " if game.workshop else
                    "How far do you agree with each, as things are for you today? Answer as "
                    "yourself, not as the character you play. ")
                 + "There are no right answers. This is a reflection aid, not a test: you will "
                 "see the same statements again after the story.")
    else:
        game.heading("After the story: the same statements again")
        game.say(("Ask the room again, as they feel now. " if game.workshop else
                  "How far do you agree with each now? ")
                 + "The answers from before are not shown, so that each is given afresh; the "
                 "report puts the two side by side.")
    game.say()
    game.say("Optional and anonymous: no name is asked, and the answers go only into this "
             "game's session record, for the debrief and the group's report.")
    game.say()
    game.say("Answer with a number: " + ", ".join(f"{n} {point}" for n, point in
                                                  enumerate(scale, start=1)) + ".")
    game.say("Enter alone skips a statement; s skips the rest."
             + (" To skip them all for this group, type s now." if game.workshop else ""))
    answers: dict[str, int] = {}
    for place, statement in enumerate(statements, start=1):
        game.say()
        game.say(f"{place} of {count}. {statement.text}")
        while True:
            answer = game.ask(f"Your answer ({choose_from(last)}, Enter skips): ").lower()
            chosen = number(answer)
            if answer == "" or (chosen is not None and 1 <= chosen <= last):
                break
            if answer in ("s", "skip"):
                return answers
            if answer in ("q", "quit"):
                raise Quit("quit")
            if answer in ("p", "pause"):
                game.step_out()
                game.say(f"{place} of {count}. {statement.text}")
                continue
            game.say(f"Please type a number from 1 to {last}, press Enter to skip this one, or "
                     "type s to skip the rest.")
        if chosen is not None:
            answers[statement.id] = chosen - 1
    return answers
