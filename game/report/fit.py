"""Did the way people worked fit the work? The words for each fit reading, said the same way in
the window, the terminal and the reports, and the readings of a session record.

The readings themselves come from `story.debrief.fits`: per chapter with a `purpose:`, whether
the rungs of the decisions taken in it (the rungs their authors gave the options) suit that part
of the work. A lower rung that suits the work fits; the reading is never about height.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..story import RUNGS, Run
from ..story.debrief import Fit, fits
from ..story.model import Purpose

if TYPE_CHECKING:
    from .collect import Entry

NOT_FINISHED = "No reading yet: this part has not been played to its end."
NO_RUNGS = "No reading: no decision taken in this part says its rung of the ladder."
FIT_NOTE = "Each part is judged by the rungs of the decisions taken in it."


def suits(purpose: Purpose) -> str:
    """The rungs that fit, in words: 'Co-design to Co-production', or one rung's name."""
    low, high = RUNGS[purpose.low].name, RUNGS[purpose.high].name
    return low if purpose.low == purpose.high else f"{low} to {high}"


def suits_numbers(purpose: Purpose) -> str:
    """'rungs 5 to 6', or 'rung 5'."""
    if purpose.low == purpose.high:
        return f"rung {purpose.low}"
    return f"rungs {purpose.low} to {purpose.high}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text + ("" if text.endswith((".", "!", "?")) else ".")


def what_for(purpose: Purpose) -> str:
    """What the part is for as a sentence: 'Making the leaflet together.'"""
    what = _sentence(purpose.what)
    return what[:1].upper() + what[1:]


def this_part(purpose: Purpose) -> str:
    """'This part: making the leaflet together.' (as the author wrote it, with a full stop)."""
    return f"This part: {_sentence(purpose.what)}"


def reading_and_why(fit: Fit) -> tuple[str, str]:
    """The reading and the purpose's `why`, to set apart."""
    return fit.reading, fit.purpose.why


def open_part(run: Run) -> Purpose | None:
    """The purpose of the chapter being played, when it has one and has no reading yet."""
    if run.scene is None:
        return None
    return run.scenario.purposes.get(run.scene.chapter)


@dataclass(frozen=True)
class Reading:
    """One part of the project a record reached: its fit, or why it has none."""

    purpose: Purpose
    fit: Fit | None
    missing: str = ""  # why there is no reading ('' when `fit` is given)


def record_readings(entry: Entry) -> list[Reading]:
    """Each chapter with a purpose that the record reached, in the order first reached, with its
    fit. A record replayed only in part is read as far as it still matches; the parts after
    that, or the one the record stopped in, say why they have no reading. Empty when the
    scenario is missing or has no purposes."""
    scenario = entry.scenario
    if scenario is None or not scenario.purposes:
        return []
    read = {fit.purpose.chapter: fit for fit in fits(entry.run)} if entry.run is not None else {}
    reached: list[str] = []
    for step in entry.steps:
        scene = scenario.scenes.get(step.scene)
        chapter = scene.chapter if scene is not None else step.chapter
        if chapter in scenario.purposes and chapter not in reached:
            reached.append(chapter)
    reached += [chapter for chapter in read if chapter not in reached]
    standing = open_part(entry.run) if entry.run is not None and not entry.problem else None
    if standing is not None and standing.chapter not in reached:
        reached.append(standing.chapter)  # the record stopped as this part began
    found = []
    for chapter in reached:
        purpose = scenario.purposes[chapter]
        if chapter in read:
            found.append(Reading(purpose, read[chapter]))
        elif entry.problem:
            found.append(Reading(purpose, None, "No reading: the scenario has changed since this "
                                                "was played, and this part no longer matches."))
        elif standing is None or standing.chapter != chapter:
            found.append(Reading(purpose, None, NO_RUNGS))
        else:
            found.append(Reading(purpose, None, NOT_FINISHED))
    return found
