"""The debrief's Description step: what happened, as a card per chapter (the decisions taken,
a table of what moved, the principles at stake as chips, and whether the way of working fit the
work), then the meters and the rung over time, then where it ended as a table."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ....report.fit import FIT_NOTE, NOT_FINISHED, open_part, reading_and_why, this_part
from ....report.ladder import LADDER_NOTE
from ....story.debrief import (FIT_QUESTION, VERDICTS, ChapterCard, Fit, Move, chapter_cards,
                              power_words, principle, whole_run)
from ....story.starts import chapter_number, start_chapter, started_line
from ...hud import label, number, rung_words
from ...layout import Column
from .cards import NUMERIC, card, chips, table
from .charts import run_charts, rung_stretches
from .steps import bullet, lead_in

if TYPE_CHECKING:
    from ....story import Run, Scenario
    from .screen import DebriefScreen

# The verdict's colour only repeats its words.
VERDICT_COLOURS = {"fits": "rise", "below": "speaker", "beyond": "speaker", "withdrawn": "speaker"}
MOVED_HEADER = ("What moved", "Before", "After", "Change")
ENDED_HEADER = ("Meter", "Start", "End", "Change")


def move_rows(scenario: "Scenario", moves: tuple[Move, ...]) -> list[tuple[str, str, str, str]]:
    """A row per number: its name, before, after and the change, each with a true minus sign;
    the power balance says its side (+ or \u2212) as the meters do."""
    rows = []
    for move in moves:
        variable = scenario.variables[move.name]
        sided = move.name == "power"
        rows.append((label(variable), number(move.before, sided), number(move.after, sided),
                     number(move.change, signed=True) if move.change else "no change"))
    return rows


def description(screen: "DebriefScreen", column: Column) -> None:
    run, points = screen.run, screen.points
    column.text("What happened", "subheading", after=0.5)
    started = started_line(run)
    if started:
        column.text(started, after=0.75)
    fits = {fit.purpose.chapter: fit for fit in screen.fit_readings}
    standing = open_part(run)
    cards = chapter_cards(run)
    for chapter in cards:
        card(column, lambda inner, c=chapter: chapter_card(screen, inner, c, fits.get(c.chapter),
                                                           standing))
    carded = {c.chapter for c in cards}
    for fit in screen.fit_readings:  # a part read with no decision on a card of its own
        if fit.purpose.chapter not in carded:
            card(column, lambda inner, f=fit: fit_card(inner, f))
    if standing is not None and standing.chapter not in carded:
        card(column, lambda inner: open_part_card(screen, inner, standing))
    if not cards:
        column.text("No decisions yet.", "body", "muted")
    if run.ending:
        column.text(f"It ended: {run.ending.title}.", "body_bold")
    else:
        column.text("This playthrough has not reached an ending yet.", "body", "muted")
    if run.scenario.purposes:
        column.text(f"{LADDER_NOTE} {FIT_NOTE}", "small", "muted")
        if not screen.fit_readings and standing is None:
            column.text("No part with a stated purpose has been played to its end yet.", "body",
                        "muted")
    else:
        column.text(LADDER_NOTE, "small", "muted")
    column.space(0.5)
    column.text("The meters over time", "subheading", after=0.25)
    began = start_chapter(run)  # a run begun at a chapter is drawn from there
    where = f"the start of chapter {chapter_number(run.scenario, began)}" if began else "the start"
    column.text(f"From {where} (left) to the end (right): one point after each of your "
                f"{points.count} decisions.", "small", "muted")
    run_charts(column, points)
    column.text("The rung of your latest decision, over time", "small_bold", after=0.4)
    for line in rung_stretches(points):
        bullet(column, line, "small", after=0.3)
    column.space(1)
    where_it_ended(run, column)


def chapter_card(screen: "DebriefScreen", column: Column, chapter: ChapterCard, fit: Fit | None,
                 standing) -> None:
    """One chapter: its name, the decisions taken, what moved, the principles, the fit."""
    scenario = screen.run.scenario
    column.text(chapter.chapter, "body_bold", "accent", after=0.5)
    column.text("Your decisions" if len(chapter.decisions) > 1 else "Your decision",
                "small_bold", "muted", after=0.25)
    for decision in chapter.decisions:
        bullet(column, decision, after=0.3)
    column.space(0.5)
    table(column, MOVED_HEADER, move_rows(scenario, chapter.moves), ("", NUMERIC, NUMERIC, NUMERIC))
    if chapter.tags:
        chips(column, [principle(tag) for tag in chapter.tags],
              "Principles at stake:" if len(chapter.tags) > 1 else "Principle at stake:")
    purpose = scenario.purposes.get(chapter.chapter)
    if purpose is None:
        return
    column.text(FIT_QUESTION, "small_bold", "muted", after=0.25)
    column.text(this_part(purpose), after=0.4)
    if fit is not None:
        fit_reading(column, fit)
    elif standing is not None and standing.chapter == chapter.chapter:
        column.text(not_finished(screen), "body", "muted", after=1)


def fit_reading(column: Column, fit: Fit) -> None:
    """The verdict first, in words (its colour only repeats them), the reading, and why."""
    reading, why = reading_and_why(fit)
    lead_in(column, VERDICTS[fit.verdict] + ".", reading, VERDICT_COLOURS[fit.verdict],
            after=0.4 if why else 1)
    if why:
        column.text(why, "small", after=1)


def fit_card(column: Column, fit: Fit) -> None:
    column.text(fit.purpose.chapter, "body_bold", "accent", after=0.5)
    column.text(FIT_QUESTION, "small_bold", "muted", after=0.25)
    column.text(this_part(fit.purpose), after=0.4)
    fit_reading(column, fit)


def open_part_card(screen: "DebriefScreen", column: Column, purpose) -> None:
    """The part being played when it has no decision of the player's yet."""
    column.text(purpose.chapter, "body_bold", "accent", after=0.5)
    column.text(FIT_QUESTION, "small_bold", "muted", after=0.25)
    column.text(this_part(purpose), after=0.4)
    column.text(not_finished(screen), "body", "muted", after=1)


def not_finished(screen: "DebriefScreen") -> str:
    return ("No reading: the story has changed since this was played, and stops matching "
            "in this part." if screen.run.restore_note else NOT_FINISHED)


def where_it_ended(run: "Run", column: Column) -> None:
    """Each deciding number from the start to now in a table, the power balance in words, the
    rung of the last decision and the ending."""
    column.text("Where it ended" if run.ended else "Where it stands", "subheading", after=0.5)
    table(column, ENDED_HEADER, move_rows(run.scenario, whole_run(run)),
          ("", NUMERIC, NUMERIC, NUMERIC), after=0.75)
    power = run.values["power"]
    column.text(f"Power balance {number(power, True)}: {power_words(power)}.")
    heading, signature = rung_words(run.rung)
    column.text(f"{heading}. {signature}" if run.rung is not None else heading + ".")
    if run.ending:
        column.text(f"The ending: {run.ending.title}.", "body_bold")
