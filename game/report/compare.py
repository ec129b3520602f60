"""Two playthroughs side by side, as plain data (no HTML): for the report and for the window's
compare screen alike.

    comparison = compare(record_a.data, run_a, record_b.data, run_b)
    comparison.a.steps, comparison.a.series["trust"], comparison.scale["trust"]
    comparison.parted_at        # the first step where two runs of one role chose differently
    comparison.moments          # the mirrored moments both went through, with each one's choice

A record is the dict of a session record (`RecordFile.data`); a run is `records.run_of(...)` of
it, or None when its scenario is not at hand (then the moments are unknown and left empty).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..story import HEADLINE, Run
from ..story.model import DEFAULT_METERS
from . import readings


@dataclass(frozen=True)
class SideStep:
    number: int
    scene: str
    title: str
    chapter: str
    decision: bool
    choice: str
    moment: str  # the mirrored moment this scene belongs to ('' when none, or unknown)
    key: str = ""  # the option's id (its text when it has none): the same option across versions

    @property
    def same_choice_as(self) -> tuple[str, str]:
        return self.scene, self.key or self.choice


@dataclass(frozen=True)
class Side:
    id: str
    label: str
    role: str
    role_name: str
    ending: str                          # the ending's title ('' when not finished)
    steps: tuple[SideStep, ...]
    series: dict[str, tuple[float, ...]]  # deciding number -> start and after each step
    rungs: tuple[int | None, ...]         # the rung of the latest decision, likewise
    began: str = ""                       # "Started at chapter N: ..." ('' from the beginning)

    @property
    def decisions(self) -> tuple[SideStep, ...]:
        return tuple(s for s in self.steps if s.decision)

    def final(self, meter: str) -> float:
        return self.series[meter][-1]


@dataclass(frozen=True)
class MomentPair:
    """A moment both runs went through: what each saw there and chose."""

    moment: str
    a: SideStep
    b: SideStep


@dataclass(frozen=True)
class Comparison:
    a: Side
    b: Side
    same_role: bool
    parted_at: int | None                 # same role: the first step chosen differently
    shared: tuple[tuple[SideStep, SideStep], ...]   # decisions both made (same scene)
    moments: tuple[MomentPair, ...]       # mirrored moments, in the order A met them
    scale: dict[str, tuple[float, float]]  # meter -> (lowest, highest) to draw both on
    longest: int                           # the most steps either run took
    extra: tuple[readings.Extra, ...] = ()  # deciding numbers beyond the headline, both have

    @property
    def same_ending(self) -> bool:
        return bool(self.a.ending) and self.a.ending == self.b.ending


def side(record: dict, run: Run | None) -> Side:
    """One run as the comparison needs it; the record says what happened, the run adds the
    moments (it knows the scenes)."""
    record_steps = readings.steps(record)
    extra = readings.extra_meters(record, run.scenario if run is not None else None)
    meters = readings.series(record, record_steps, HEADLINE + tuple(e.name for e in extra))
    scenes = run.scenario.scenes if run is not None else {}
    steps = tuple(SideStep(s.number, s.scene, s.title or s.scene, s.chapter, s.decision, s.choice,
                           (scenes[s.scene].moment or "") if s.scene in scenes else "",
                           s.choice_key)
                  for s in record_steps)
    ending = record.get("ending")
    ending_title = readings.text(ending.get("title") or ending.get("id")) \
        if isinstance(ending, dict) else ""
    role_name = readings.text(record.get("role_name")) or record["role"].replace("_", " ")
    return Side(record["id"], readings.text(record.get("label")).strip(), record["role"],
                role_name, ending_title, steps, {m: tuple(v) for m, v in meters.items()},
                tuple(readings.rungs(record, record_steps)), readings.started(record))


def compare(record_a: dict, run_a: Run | None, record_b: dict, run_b: Run | None) -> Comparison:
    a, b = side(record_a, run_a), side(record_b, run_b)
    same_role = a.role == b.role
    parted_at = None
    if same_role:
        for step_a, step_b in zip(a.steps, b.steps):
            if step_a.same_choice_as != step_b.same_choice_as:
                parted_at = step_a.number
                break
        else:
            if len(a.steps) != len(b.steps):
                parted_at = min(len(a.steps), len(b.steps)) + 1
    b_by_scene = {}
    for step in b.decisions:
        b_by_scene.setdefault(step.scene, step)
    shared = tuple((s, b_by_scene[s.scene]) for s in a.decisions if s.scene in b_by_scene)
    moments = []
    b_by_moment = {}
    for step in b.steps:
        if step.moment:
            b_by_moment.setdefault(step.moment, step)
    seen = set()
    for step in a.steps:
        if step.moment and step.moment in b_by_moment and step.moment not in seen:
            seen.add(step.moment)
            moments.append(MomentPair(step.moment, step, b_by_moment[step.moment]))
    scale = {}
    extra_b = {e.name for e in readings.extra_meters(record_b, run_b.scenario if run_b else None)}
    extra = tuple(e for e in readings.extra_meters(record_a, run_a.scenario if run_a else None)
                  if e.name in extra_b)
    for meter in HEADLINE:
        info = DEFAULT_METERS[meter]
        variable = run_a.scenario.variables.get(meter) if run_a is not None else None
        low = variable.minimum if variable is not None and variable.minimum is not None else info["min"]
        high = variable.maximum if variable is not None and variable.maximum is not None else info["max"]
        values = a.series[meter] + b.series[meter]
        scale[meter] = (min([low, *values]), max([high, *values]))
    for meter in extra:
        values = a.series[meter.name] + b.series[meter.name]
        scale[meter.name] = (min([meter.low, *values]), max([meter.high, *values]))
    return Comparison(a, b, same_role, parted_at, shared, tuple(moments), scale,
                      max(len(a.steps), len(b.steps)), extra)
