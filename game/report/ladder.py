"""The rung of the latest decision, in words and as chart lines, said the same way in the window,
the compare screen and the reports.

A rung is the author's judgement of what an option does (`Choice.rung`), never a reading of the
meters. Before any decision there is none (None); abdication (ABDICATION, -1) is off the ladder,
its own failure, so charts draw it in a band of its own below rung 0, never as a low rung.
"""
from __future__ import annotations

from typing import Sequence

from ..story import Rung, rung_named
from ..story.ladder import is_rung

NO_DECISION = "No decision yet"
NO_RUNG_YET = "no decision has said its rung yet"
OFF_LADDER = "Off the ladder"
# Where the charts draw the ladder: rungs 0 to 6, and below them a band for abdication.
CHART_LOW, CHART_HIGH = -2.6, 6.0
OFF_BAND = (-2.6, -0.6)   # the off-the-ladder band, from and to: tall enough for its label
OFF_Y = -1.6              # where an abdication point sits, in the middle of the band
LADDER_NOTE = ("A rung is a judgement of what a decision did, not a score and not a reading of "
               "the meters. A lower rung can be the right fit for some work: the question is "
               "which parts of this project needed which rungs.")


def rung_of(value: object) -> Rung | None:
    """The Rung a record, a save or a series holds (0 to 6 or ABDICATION), else None."""
    return rung_named(value) if is_rung(value) else None


def last_decision(rung: Rung | None) -> str:
    """'Last decision: Rung 5, Co-design', 'Last decision: off the ladder (abdication)', or
    'No decision yet'."""
    if rung is None:
        return NO_DECISION
    if not rung.on_ladder:
        return "Last decision: off the ladder (abdication)"
    return f"Last decision: {rung.label}"


def short(value: object) -> str:
    """A rung for a table cell or a chart's text: '5 Co-design', 'Off the ladder (abdication)',
    or 'No decision yet'."""
    rung = rung_of(value)
    if rung is None:
        return NO_DECISION
    return f"{OFF_LADDER} (abdication)" if not rung.on_ladder else f"{rung.number} {rung.name}"


def cell(value: object) -> str:
    """A rung for a spreadsheet: '5', 'abdication', or '' before any decision."""
    rung = rung_of(value)
    if rung is None:
        return ""
    return "abdication" if not rung.on_ladder else str(rung.number)


def lines_of(values: Sequence[object]) -> tuple[list[float | None], list[float | None]]:
    """A rung series as two lines over the same points: the rungs on the ladder (None where a
    point is off it or has no decision yet), and the abdications, at OFF_Y in their band (None
    elsewhere). Drawn apart, a step into abdication never reads as a fall to a low rung."""
    on, off = [], []
    for value in values:
        rung = rung_of(value)
        on.append(float(rung.number) if rung is not None and rung.on_ladder else None)
        off.append(OFF_Y if rung is not None and not rung.on_ladder else None)
    return on, off


def unbroken(values: Sequence[float | None]) -> list[list[int]]:
    """The indices of each unbroken stretch of values that are not None: where a chart's line
    is drawn (it breaks at the rung before any decision, and where a rung is off the ladder)."""
    found: list[list[int]] = []
    for index, value in enumerate(values):
        if value is None:
            continue
        if found and found[-1][-1] == index - 1:
            found[-1].append(index)
        else:
            found.append([index])
    return found


def stretches(values: Sequence[object], unit: str = "decision") -> list[str]:
    """The rung over time in words, one line per stretch at the same rung. Point 0 is the start,
    point n the state after `unit` n: 'From decision 2 to the end: Rung 5, Co-design'. The start,
    before any decision, is left out unless later points have no rung either."""
    found: list[str] = []
    end = len(values) - 1
    start = 0
    for index in range(1, len(values) + 1):
        if index <= end and rung_of(values[index]) == rung_of(values[start]):
            continue
        last = index - 1
        if rung_of(values[start]) is None and start == 0:
            # before the first decision that says a rung: nothing to draw, said only when it lasts
            if last:
                found.append(f"From the start to {unit} {last}: {NO_RUNG_YET}")
            start = index
            continue
        if start == 0 and last == end:
            span = "Throughout"
        elif start == 0:
            span = f"From the start to {unit} {last}"
        elif last == end:
            span = f"From {unit} {start} to the end"
        elif last == start:
            span = f"After {unit} {start}"
        else:
            span = f"{unit.capitalize()}s {start} to {last}"
        rung = rung_of(values[start])
        said = (NO_RUNG_YET if rung is None else rung.label if rung.on_ladder
                else f"{OFF_LADDER.lower()} (abdication)")
        found.append(f"{span}: {said}")
        start = index
    return found or [NO_DECISION]


__all__ = ["CHART_HIGH", "CHART_LOW", "LADDER_NOTE", "NO_DECISION", "OFF_BAND", "OFF_LADDER",
           "OFF_Y", "cell", "last_decision", "lines_of", "rung_of", "short", "stretches", "unbroken"]
