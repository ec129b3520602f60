"""The debrief in the terminal, at parity with the window's: history (what was read and what
was chosen), the meters with their scales, the questions to talk over at a decision (on
request in solo play), the other side's view at a mirrored moment, and at the end the road
not taken and the short reflection that goes into the session record."""
from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING

from . import room as text_room
from ..story import Run
from ..story.typeset import quoted
from ..story.debrief import (ACTION_PROMPT, GIBBS, REACTION_WORDS, Debrief, Fork, forks,
                            mirrors, spoken)
from .reflection import reflect as reflect_on
from ..text.words import hidden_describe
from ..xapi.consent import asks_to_share, share_question, share_state

if TYPE_CHECKING:
    from .game import TextGame


HIDDEN = ("The meters are hidden until the debrief (--hide-meters, or the setting in the "
          "window). What each choice moved, and why, is said without numbers; the ending "
          "shows them all.")


class HiddenDebrief(Debrief):
    """The debrief's lines before the debrief, with the meters hidden: no numbers."""
    describe = staticmethod(hidden_describe)


def describe(game: "TextGame", run: Run, change) -> str:
    """A change as this game says it: with its number and scale, or hidden until the debrief."""
    if game.hide_meters:
        return hidden_describe(run.scenario, change)
    return Debrief.describe(run.scenario, change, scale=True)


def show_history(game: "TextGame", run: Run) -> None:
    game.heading("What happened so far")
    for line in (HiddenDebrief if game.hide_meters else Debrief)(run).history_lines():
        game.say(line, "  ")


def show_state(game: "TextGame", run: Run) -> None:
    game.heading("Where things stand")
    if game.hide_meters:
        game.say(HIDDEN)
        game.say("h: the history, with what each choice moved and why.")
        return
    for line in Debrief(run).state_lines():
        game.say(line, "  ")


def show_questions(game: "TextGame", run: Run) -> None:
    """The scene's questions to talk or think over before choosing (`d`)."""
    prompts = run.scene.discuss if run.scene is not None else ()
    if not prompts:
        game.say("This decision has no questions to talk over.")
        return
    game.say("Questions to think over before you choose:")
    for prompt in prompts:
        game.say(f"- {prompt}", "  ")


def other_side_here(game: "TextGame", run: Run):
    """The mirrored moment at the scene being read, if the other role lives it too."""
    scene = run.scene
    if scene is None or not scene.moment:
        return None
    return next((m for m in mirrors(run) if m.scene.id == scene.id and m.step == run.step + 1),
                None)


def show_other_side(game: "TextGame", run: Run) -> None:
    """The other role's view of this moment (`o`): what they read and what they could do."""
    mirror = other_side_here(game, run)
    if mirror is None:
        game.say("The other side has no scene of its own at this moment.")
        return
    role = run.scenario.roles.get(mirror.other_role)
    name = role.name if role else mirror.other_role.replace("_", " ")
    game.heading(f"The same moment from the other chair: {name}")
    for line in mirror.other_lines:
        game.say(line)
        game.say()
    if mirror.other_options:
        game.say(f"{name} could choose: " + "; ".join(quoted(o) for o in mirror.other_options) + ".")
    game.say("(Back to your own chair: your options are the same as before.)")


def road_lines(scenario, fork: Fork) -> list[str]:
    """One decision on the path in words: what was chosen, and what each other option would
    have done at once, with every number said in full."""
    title = fork.scene.title or fork.scene.chapter or "A decision"
    chosen = next((r for r in fork.roads if r.chosen), None)
    lines = [f"{title}: you chose {quoted(chosen.text)}" + (f" ({_moves(scenario, chosen)})."
                                                        if chosen and chosen.deltas else ".")]
    for road in fork.roads:
        if road.chosen:
            continue
        if not road.enabled:
            lines.append(f"Not open to you: {quoted(road.text)} ({road.reason.rstrip('.')}).")
            continue
        effect = _moves(scenario, road) or "no change to the meters"
        ending = f"; it would have ended the story: {road.ending}" if road.ending else ""
        lines.append(f"Not taken: {quoted(road.text)} ({effect}{ending}).")
    return lines


def _moves(scenario, road) -> str:
    words = []
    for name, amount in road.deltas.items():
        variable = scenario.variables.get(name)
        label = variable.label if variable else name
        words.append(f"{label} {'+' if amount >= 0 else ''}{spoken(amount)}")
    return ", ".join(words)


def show_roads(game: "TextGame", run: Run) -> None:
    """The road not taken: each decision on the path with its other options."""
    found = forks(run)
    if not found:
        return
    game.heading("The road not taken")
    game.say("At each decision, what the other options would have done at once:")
    for fork in found:
        game.say()
        for place, line in enumerate(road_lines(run.scenario, fork)):
            game.say(line, "  " if place else "")


def show_ending(game: "TextGame", run: Run) -> None:
    ending = run.ending
    game.heading(f"Ending: {ending.title}")
    game.say(ending.text)
    reflect_on(game, run, "after")  # the same statements again, before the debrief
    game.heading("Looking back")
    for line in Debrief(run).summary_lines():
        game.say(line)
    show_roads(game, run)
    game.say()
    game.say("Thank you for playing. Talk it over: what would you do differently, "
             "and what would the other chair say?")
    text_room.at_ending(game, run)
    reflect(game, run)


def reflect(game: "TextGame", run: Run) -> None:
    """A short debrief that goes into the session record; every question can be skipped."""
    if game.recorder is None or game.read_only:
        return
    game.heading("Before you go (Enter skips any question)")
    game.say("How did that feel? Some words people use: " + ", ".join(REACTION_WORDS) + ".")
    feeling = game.ask("A word or two: ")
    takeaway = game.ask("One thing you will take away: ")
    action = game.ask(ACTION_PROMPT + " ")
    answers = {"reactions": [w.strip() for w in re.split(r"[,;]", feeling) if w.strip()],
               "takeaways": [takeaway] if takeaway else [], "action": action}
    if any(answers.values()):
        game.recorder.set_debrief(**answers)
        game.record(run)
        say_where(game)
    asks = asks_to_share(game.save_folder)
    if asks:
        ask_sharing(game, run)
    last_steps(game, run, said=any(answers.values()), sharing=asks)


def ask_sharing(game: "TextGame", run: Run) -> None:
    """Whether the written answers may go to the organisation's learning records (asked only
    when it has a store that takes them); No unless the player types y."""
    game.say()
    game.say(share_question(game.workshop))
    answer = game.ask("Type y to share them, or press Enter for no: ").lower()
    agreed = answer in ("y", "yes")
    game.recorder.set_share_answers(agreed)
    game.record(run)
    game.say(share_state(agreed).replace(" here.", " with s below."))


def last_steps(game: "TextGame", run: Run, said: bool, sharing: bool = False) -> None:
    """After the debrief: the journal (solo), a printable report, and (when the organisation
    asks) a change of mind about sharing, each on request."""
    offers = ([] if game.workshop else ["j for a short journal: six questions from Gibbs' "
                                         "reflective cycle, each one optional"])
    offers.append("r to make a printable report of this game now")
    if sharing:
        offers.append("s to change whether the written answers are shared")
    while True:
        game.say()
        game.say("If you like, type " + "; or ".join(offers) + ".")
        answer = game.ask("Your choice, or press Enter to finish: ").lower()
        if answer in ("j", "journal") and not game.workshop:
            said = journal(game, run, said) or said
        elif answer in ("r", "report"):
            make_report(game, run)
        elif answer in ("s", "share") and sharing:
            ask_sharing(game, run)
        elif not answer:
            return
        else:
            game.say("Please type " + " or ".join(o[0] for o in offers) + ", or press Enter.")


def make_report(game: "TextGame", run: Run) -> None:
    """The same report as `python main.py report RECORD`, written beside the save folder's
    records (a page and a table); said where it is."""
    from ..places import scene_roots
    from ..report.build import build_report, write_report
    from ..report.collect import Shelf
    game.record(run)
    path = game.recorder.path
    out = path.parent.parent / "reports" / (path.stem + ".html")
    try:
        report = build_report([path], Shelf([run.scenario.path.parent] + scene_roots()))
        if not report.collection.entries:
            game.say("The session record could not be read, so no report was made.")
            return
        out.parent.mkdir(parents=True, exist_ok=True)
        table = write_report(report, out)
    except OSError as exc:
        game.say(f"The report could not be written: {exc.strerror or exc}.")
        return
    game.say(f"Report written: {out}. Open it in a web browser; its table is {table.name}.")


def say_where(game: "TextGame") -> None:
    where = game.recorder.path
    game.say(f"Saved in your session record: {where}")
    game.say("To make a printable report of it, run this (on one line):")
    print(f"  python main.py report {shlex.quote(str(where))} --out report.html", file=game.out)


def journal(game: "TextGame", run: Run, said: bool) -> bool:
    """Solo, on request: the six questions of Gibbs' reflective cycle, as the window's
    debrief asks them, kept in the session record's debrief as `journal`. True when
    something was kept."""
    game.heading("A short journal (Enter skips any question)")
    written = {}
    for place, (key, prompt) in enumerate(GIBBS, start=1):
        game.say(f"{place} of {len(GIBBS)}. {prompt}")
        text = game.ask("> ")
        if text:
            written[key] = text
    if not written:
        game.say("Nothing written, so nothing was kept.")
        return False
    game.recorder.set_debrief(journal=written)
    game.record(run)
    if said:
        game.say(f"Journal kept ({len(written)} of {len(GIBBS)} answered), in the same session record.")
    else:
        say_where(game)
    return True
