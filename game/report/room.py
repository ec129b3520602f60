"""A room's records read together: how many chose each option at each decision (and how the
room voted, in workshop mode: typed by the facilitator or sent from the live room's devices),
the endings and the meters by role, the counts along each arrow of the branch map, the most
divided decisions and the facilitator's notes. Plain data.
"""
from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field

from ..story import HEADLINE, Scenario
from ..story.model import Purpose
from . import readings
from .collect import Entry
from .fit import record_readings

# The "option chosen" of a note made at a decision the record stopped at.
PENDING_CHOICE = "(not chosen yet: the game stopped here)"
# Fewer choices than this at a decision say too little to call it divided.
DIVIDED_AT_LEAST = 2
# The median over the steps is drawn while at least this share of a role's records go on.
MEDIAN_SHARE = 0.2


@dataclass
class OptionCount:
    key: str
    text: str
    chosen: int = 0
    offered: int = 0      # how many times it was on offer (enabled or locked)
    votes: int = 0


@dataclass
class DecisionCount:
    scene: str
    title: str
    chapter: str
    role: str
    options: list[OptionCount]
    reached: int = 0      # records that made this decision at least once
    choices: int = 0      # choices made here (more than `reached` when a story loops back)
    voted: bool = False   # any workshop votes were given here
    voters: int = 0       # records whose votes here are counted (a workshop record that voted)
    room_voters: int = 0  # of those, records whose votes came from the live room's devices
    devices: int = 0      # devices that voted here from the live room, over those records
    prompts: tuple[str, ...] = ()

    @property
    def divided(self) -> float:
        """1 − the share of the most chosen option: 0 when everyone chose the same."""
        if not self.choices:
            return 0.0
        return 1 - max(o.chosen for o in self.options) / self.choices

    @property
    def vote_total(self) -> int:
        return sum(o.votes for o in self.options)


@dataclass
class FitCount:
    """How one role's records fitted one part of the project with a purpose."""

    purpose: Purpose
    verdicts: dict[str, int] = field(default_factory=dict)  # verdict -> how many records
    unread: int = 0      # reached, but no reading (still being played, or no longer matches)

    @property
    def reached(self) -> int:
        return sum(self.verdicts.values()) + self.unread


@dataclass(frozen=True)
class Spread:
    median: float
    low: float
    high: float


@dataclass
class RoleSummary:
    role: str
    name: str
    records: list[Entry]
    endings: list[tuple[str, int]]                 # (ending title, count), "Not finished" last
    finals: dict[str, Spread]                      # deciding number -> final values across records
    medians: dict[str, list[float]]                # deciding number -> median at each step
    decisions: list[DecisionCount] = field(default_factory=list)
    fit_counts: list[FitCount] = field(default_factory=list)  # parts with a purpose, in story order


@dataclass
class Room:
    scenario_id: str
    title: str
    scenario: Scenario | None
    roles: list[RoleSummary]
    paths: dict[str, list[list[str]]]              # role -> each record's path
    notes: list[tuple[Entry, int, str, str, str]]  # record, step, scene title, choice, note
    extra: list[readings.Extra] = field(default_factory=list)  # other deciding numbers, all have

    @property
    def records(self) -> list[Entry]:
        return [e for r in self.roles for e in r.records]

    def most_divided(self, count: int = 5) -> list[DecisionCount]:
        return self._ranked()[:count]

    def also_divided(self, count: int = 5) -> int:
        """How many decisions `most_divided(count)` leaves out that were as divided as the last
        one it keeps (the list was cut in the middle of a tie)."""
        ranked = self._ranked()
        if len(ranked) <= count or count <= 0:
            return 0
        last = round(ranked[count - 1].divided, 6)
        return sum(round(d.divided, 6) == last for d in ranked[count:])

    def _ranked(self) -> list[DecisionCount]:
        decisions = [d for r in self.roles for d in r.decisions
                     if d.choices >= DIVIDED_AT_LEAST and d.divided > 0]
        return sorted(decisions, key=lambda d: (-round(d.divided, 6), -d.choices))


def read_room(entries: list[Entry]) -> Room:
    """The room of `entries`, all of one scenario."""
    first = entries[0]
    scenario = next((e.scenario for e in entries if e.scenario is not None), None)
    title = scenario.title if scenario else (first.data.get("scenario_title") or first.data["scenario"])
    by_role: dict[str, list[Entry]] = {}
    for entry in entries:
        by_role.setdefault(entry.role, []).append(entry)
    order = list(scenario.roles) if scenario else []
    roles = sorted(by_role, key=lambda r: (order.index(r) if r in order else len(order), r))
    extra = [x for x in first.extra if all(x.name in e.series for e in entries)]
    names = HEADLINE + tuple(x.name for x in extra)
    summaries = [_role_summary(role, by_role[role], scenario, names) for role in roles]
    notes = []
    for entry in entries:
        notes += [(entry, s.number, s.title or s.scene, s.choice, s.note)
                  for s in entry.steps if s.note]
        # a note typed at the decision where the game stopped (no choice made there yet)
        for number, scene_id, note in readings.pending_notes(entry.data):
            scene = entry.scenario.scenes.get(scene_id) if entry.scenario else None
            notes.append((entry, number, (scene.title if scene else "") or scene_id,
                          PENDING_CHOICE, note))
    return Room(first.data["scenario"], str(title), scenario, summaries,
                {role: [e.path for e in by_role[role]] for role in roles}, notes, extra)


def _role_summary(role: str, entries: list[Entry], scenario: Scenario | None,
                  names: tuple[str, ...] = HEADLINE) -> RoleSummary:
    name = entries[0].role_name
    endings = Counter(e.ending_title or "Not finished" for e in entries)
    known = [e.title for e in scenario.endings] if scenario else []
    for ending in scenario.endings if scenario else ():
        if ending.applies_to(role):  # an ending nobody reached is worth seeing too
            endings.setdefault(ending.title, 0)
    ordered = sorted(endings.items(), key=lambda item: (
        item[0] == "Not finished", known.index(item[0]) if item[0] in known else len(known),
        -item[1]))
    finals = {}
    medians: dict[str, list[float]] = {}
    # Step by step, only records that began at the same place line up: the medians follow the
    # records that began where most of this role's did (the beginning, or one chapter).
    where = Counter(readings.started(e.data) for e in entries).most_common(1)[0][0]
    aligned = [e for e in entries if readings.started(e.data) == where]
    enough = min(len(aligned), max(3, math.ceil(len(aligned) * MEDIAN_SHARE)))
    for meter in names:
        values = [e.final(meter) for e in entries]
        finals[meter] = Spread(statistics.median(values), min(values), max(values))
        medians[meter] = []
        for step in range(max(len(e.series[meter]) for e in aligned)):
            values = [e.series[meter][step] for e in aligned if step < len(e.series[meter])]
            if len(values) < enough:
                break
            medians[meter].append(statistics.median(values))
    return RoleSummary(role, name, entries, ordered, finals, medians,
                       _decisions(role, entries, scenario), _fit_counts(entries, scenario))


def _fit_counts(entries: list[Entry], scenario: Scenario | None) -> list[FitCount]:
    """For each chapter with a purpose that any of these records reached, how many had each
    verdict (story.debrief.VERDICTS), and how many have no reading."""
    if scenario is None or not scenario.purposes:
        return []
    counts = {chapter: FitCount(purpose) for chapter, purpose in scenario.purposes.items()}
    for entry in entries:
        for reading in record_readings(entry):
            count = counts[reading.purpose.chapter]
            if reading.fit is None:
                count.unread += 1
            else:
                verdict = reading.fit.verdict
                count.verdicts[verdict] = count.verdicts.get(verdict, 0) + 1
    return [count for count in counts.values() if count.reached]


def _decisions(role: str, entries: list[Entry], scenario: Scenario | None) -> list[DecisionCount]:
    """Every decision the records of one role reached, in scenario order, with the options of
    the scene (those never offered too) and the counts."""
    found: dict[str, DecisionCount] = {}
    for entry in entries:
        reached: set[str] = set()
        voted: set[str] = set()
        from_room: set[str] = set()
        for step in entry.steps:
            if not step.decision or step.chosen is None:
                continue
            decision = found.get(step.scene)
            if decision is None:
                decision = found[step.scene] = _decision(role, step, scenario)
            options = {o.key: o for o in decision.options}
            for index, key in enumerate(step.option_keys):
                if key not in options:
                    options[key] = OptionCount(key, step.options[index])
                    decision.options.append(options[key])
                options[key].offered += 1
                if step.votes and index < len(step.votes):
                    options[key].votes += step.votes[index]
                    decision.voted = True
                    voted.add(step.scene)
            if step.votes and step.votes_from == "room":
                from_room.add(step.scene)
                decision.devices += step.voted or 0
            options[step.option_keys[step.chosen]].chosen += 1
            decision.choices += 1
            reached.add(step.scene)
        for scene in reached:
            found[scene].reached += 1
        for scene in voted:
            found[scene].voters += 1
        for scene in from_room:
            found[scene].room_voters += 1
    order = {sid: i for i, sid in enumerate(scenario.scenes)} if scenario else {}
    first_seen = {sid: i for i, sid in enumerate(found)}
    return sorted(found.values(), key=lambda d: (order.get(d.scene, len(order)),
                                                 first_seen[d.scene]))


def _decision(role: str, step, scenario: Scenario | None) -> DecisionCount:
    scene = scenario.scenes.get(step.scene) if scenario else None
    if scene is None:
        return DecisionCount(step.scene, step.title or step.scene, step.chapter, role, [])
    options = [OptionCount(c.id or c.text, c.text) for c in scene.choices]
    return DecisionCount(scene.id, scene.title or scene.id, scene.chapter, role, options,
                         prompts=scene.discuss)
