"""Did the way the player worked fit the work? Per chapter with a `purpose:`, the rungs the
author gave the options taken there, judged against what that part of the project needed.
Lower rungs can be right for some work: the reading is about fit, never about height."""
from __future__ import annotations

from typing import NamedTuple

from ..ladder import ABDICATION, RUNGS, Rung, rung_named
from ..model import Purpose
from ..runner import Run
from .path import meter_series

FIT_QUESTION = "Did the way you worked fit the work?"
# The verdict in words, said first wherever a reading is shown, so it never rests on colour.
VERDICTS = {"fits": "Fits", "below": "Below what this part needed",
            "beyond": "Beyond what this part needed",
            "withdrawn": "Staff stepped back too far for this part"}


class Fit(NamedTuple):
    """How the rungs practised in one chapter fit what that part of the project was for."""

    purpose: Purpose
    rungs: tuple[int, ...]  # the rung of each decision taken in the chapter, in order
    verdict: str     # a key of VERDICTS
    reading: str     # what follows the verdict: the rungs practised, what suits the work, what it means

    @property
    def rung(self) -> Rung:
        """The rung the chapter was mostly worked at (abdication first: it outweighs the rest)."""
        if ABDICATION in self.rungs:
            return rung_named(ABDICATION)
        ordered = sorted(self.rungs)
        return rung_named(ordered[(len(ordered) - 1) // 2])

    @property
    def line(self) -> str:
        """The whole reading as one line: verdict, reading, and why the range fits."""
        why = f" {self.purpose.why}" if self.purpose.why else ""
        return f"{VERDICTS[self.verdict]}. {self.reading}{why}"


def judge_fit(purpose: Purpose, rungs: list[int]) -> str:
    """The verdict for the rungs of the decisions taken in one part: a key of VERDICTS.
    Abdication anywhere in the part is named first: it is its own failure, not a low rung."""
    if ABDICATION in rungs:
        return "withdrawn"
    below = sum(1 for r in rungs if r < purpose.low)
    beyond = sum(1 for r in rungs if r > purpose.high)
    if not below and not beyond:
        return "fits"
    return "below" if below >= beyond else "beyond"


def fits(run: Run) -> list[Fit]:
    """For each chapter with a `purpose:` that the run has finished (or is ending in), whether
    the rungs of the decisions taken in it suit that part of the work. The rungs are the ones
    the author gave each option, never a reading of the meters. Lower rungs can be right for
    some work: the reading is about fit, never about height."""
    scenario = run.scenario
    powers, trusts = meter_series(run, "power"), meter_series(run, "trust")
    steps: dict[str, list[int]] = {}    # chapter -> the steps taken in it
    rungs: dict[str, list[int]] = {}    # chapter -> the rungs of its decisions
    for number, taken in enumerate(run.taken, start=1):
        scene = scenario.scenes.get(taken.scene)
        if number <= run.started_at or scene is None or scene.chapter not in scenario.purposes:
            continue  # replayed to begin at a chapter: not the player's to be judged on
        steps.setdefault(scene.chapter, []).append(number)
        if taken.outcome is not None and taken.outcome.rung is not None:
            rungs.setdefault(scene.chapter, []).append(taken.outcome.rung)
    current = run.scene.chapter if run.scene is not None else None
    found = []
    for chapter, taken_steps in steps.items():
        if chapter == current or not rungs.get(chapter):
            continue  # still being played, or no decision in it says its rung
        purpose = scenario.purposes[chapter]
        practised = rungs[chapter]
        verdict = judge_fit(purpose, practised)
        before, after = taken_steps[0] - 1, taken_steps[-1]
        reading = (_fit_reading(purpose, practised, verdict) + " "
                   + _moved(powers[before], powers[after], trusts[before], trusts[after]))
        found.append(Fit(purpose, tuple(practised), verdict, reading))
    return found


def _fit_reading(purpose: Purpose, practised: list[int], verdict: str) -> str:
    low, high = RUNGS[purpose.low].name, RUNGS[purpose.high].name
    span = low if purpose.low == purpose.high else f"{low} to {high}"
    named = ", ".join(rung_named(r).name for r in runs_of(practised))
    fitted = sum(1 for r in practised if purpose.low <= r <= purpose.high)
    count = len(practised)
    reading = (f"You worked at {named}; the work suits {span}"
               + (f" ({fitted} of {count} decisions fitted)." if count > 1 else "."))
    if verdict == "withdrawn":
        reading += " Stepping back that far is off the ladder: what staff know goes missing."
    elif verdict == "below":
        reading += " The people it is for had less say than it called for."
    elif verdict == "beyond":
        reading += " That can be right if people chose it, but it costs time and energy."
    return reading


def runs_of(rungs: list[int]) -> list[int]:
    """The rungs with repeats in a row folded: [3, 3, 5, 5, 3] -> [3, 5, 3]."""
    return [r for i, r in enumerate(rungs) if i == 0 or rungs[i - 1] != r]


def _moved(power_before: float, power_after: float, trust_before: float, trust_after: float) -> str:
    """What this part did to power and trust."""
    def number(value: float) -> str:
        return (f"{value:g}" if isinstance(value, float) else str(value)).replace("-", "\u2212")

    if abs(power_after) < abs(power_before):
        power = f"power moved towards shared ({number(power_before)} to {number(power_after)})"
    elif abs(power_after) > abs(power_before):
        power = f"power moved away from shared ({number(power_before)} to {number(power_after)})"
    else:
        power = f"power stayed at {number(power_after)}"
    if trust_after != trust_before:
        trust = (f"trust {'rose' if trust_after > trust_before else 'fell'} "
                 f"({number(trust_before)} to {number(trust_after)})")
    else:
        trust = "trust held"
    return f"In this part, {power} and {trust}."


def fit_lines(run: Run) -> list[str]:
    """The fit of each finished part with a purpose, for plain text; none without purposes."""
    if not run.scenario.purposes:
        return []
    readings = [f"  {fit.purpose.chapter}: {fit.line[0].lower()}{fit.line[1:]}" for fit in fits(run)]
    return ["", FIT_QUESTION] + (readings or ["  No part with a stated purpose was played to its end."])
