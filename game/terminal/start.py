"""The start of a terminal game: the prebrief (what the story is, content notes, where to
turn) and a start at a later chapter ("The story so far")."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..story import Run, Scenario

if TYPE_CHECKING:
    from .game import TextGame


def prebrief(game: "TextGame", scenario: Scenario) -> None:
    game.heading(scenario.title)
    if scenario.summary:
        game.say(scenario.summary.strip())
    game.say()
    game.say("This is a piece of fiction about making things together. There are no perfect "
             "answers: every choice costs something, and that is the point. You can stop or "
             "pause at any time (type p to pause, q to quit).")
    if scenario.content_notes:
        game.say("Content notes: " + "; ".join(scenario.content_notes) + ".")
    if game.hide_meters:
        game.say("The meters are hidden until the debrief: after each choice you hear what it "
                 "moved and why, with no numbers. The ending shows them all.")
    support = game.support(scenario)
    if support.problems:  # said before play, for the trainer, never at step-out
        game.say("A support file has problems, so its lines are left out:")
        for problem in support.problems:  # unwrapped, so the file:line:col stays whole
            print(f"  {problem}", file=game.out)
    game.say()
    game.say("If the story brings up something hard, there are people to talk to:")
    for sentence in support.sentences():
        game.say(f"- {sentence}", "  ")


def start_at_chapter(game: "TextGame", scenario: Scenario, role: str, number: int) -> Run | None:
    """A run of `role` begun at chapter `number`, after "The story so far"; None (and why)
    when the scenario has no start there."""
    from ..story.starts import begin, chapters, playable_starts
    starts = playable_starts(scenario, role)
    found = next((s for s in starts if s.number == number), None)
    if found is None:
        name = scenario.roles[role].name
        if not starts:
            game.say(f'"{scenario.title}" has no chapter starts for {name}: play it from the '
                     "beginning (leave out --chapter).")
        else:
            count = len(chapters(scenario))
            offer = [f"{s.number} ({s.chapter})" for s in starts]
            offer = ", ".join(offer[:-1]) + " or " + offer[-1] if len(offer) > 1 else offer[0]
            where = (f"There is no chapter {number}: the story has {count} chapters."
                     if not 1 <= number <= count else f"There is no start at chapter {number}.")
            game.say(f"{where} As {name}, you can start at chapter {offer}; or leave out "
                     "--chapter to play from the beginning.")
        return None
    run = begin(scenario, found)
    game.heading("The story so far")
    game.say(found.heading + ".")
    game.say(found.summary)
    game.say()
    game.say("The choices before this chapter were made for you; the game reads only "
             "what you choose from here.")
    return run
