"""The before-and-after reflection in reports: what each record answered (records.py keeps it
under `reflection`), a room's answers counted per statement and per role, before and after,
with the median of each, and the HTML and CSV rows that show them.

These statements are a reflection aid, not a validated instrument: the report says so wherever
it shows them, and draws no conclusion from them.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..story.model import DEFAULT_SCALE
from .collect import Entry
from .page import esc, table
from .svg_charts import bar

WHEN = ("before", "after")
NOT_VALIDATED = ("These statements are a reflection aid, not a validated instrument. The numbers "
                 "are small, answers given in a room are not independent, and a move from before "
                 "to after is not evidence that the session caused it. Use them to start a "
                 "conversation (\u201cwhat moved for you, and why?\u201d), not to grade anyone.")
ONE_RECORD_NOTE = ("These statements are a reflection aid, not a validated instrument. A change "
                   "from before to after is something to talk about, not a score.")
AFTER_COLOUR = "#a8436f"


@dataclass(frozen=True)
class Answers:
    """One record's reflection: the statements and scale as asked; for each of before and
    after, statement id -> answer index, or None when that set was not asked."""

    statements: tuple[tuple[str, str], ...]   # (id, text)
    scale: tuple[str, ...]
    before: dict[str, int] | None
    after: dict[str, int] | None

    def given(self, when: str) -> dict[str, int] | None:
        return self.before if when == "before" else self.after


def answers_of(entry: Entry) -> Answers | None:
    """The record's reflection, or None when none was asked (or the part is damaged). Answers
    outside the scale, or to statements it does not list, are left out."""
    part = entry.data.get("reflection")
    if not isinstance(part, dict) or not any(isinstance(part.get(w), dict) for w in WHEN):
        return None
    statements = [(s["id"], s["text"]) for s in part.get("statements", [])
                  if isinstance(s, dict) and isinstance(s.get("id"), str)
                  and isinstance(s.get("text"), str)] if isinstance(part.get("statements"), list) else []
    scale = [p for p in part.get("scale", []) if isinstance(p, str)] \
        if isinstance(part.get("scale"), list) else []
    asked = entry.scenario.reflection if entry.scenario is not None else None
    if not statements and asked is not None:
        statements = [(s.id, s.text) for s in asked.statements]
    if not scale:
        scale = list(asked.scale if asked is not None else DEFAULT_SCALE)
    known = {key for key, _ in statements}

    def clean(value: Any) -> dict[str, int] | None:
        if not isinstance(value, dict):
            return None
        return {key: index for key, index in value.items() if key in known
                and isinstance(index, int) and not isinstance(index, bool)
                and 0 <= index < len(scale)}
    return Answers(tuple(statements), tuple(scale), clean(part.get("before")), clean(part.get("after")))


# -- a room --------------------------------------------------------------------------------
@dataclass
class Shift:
    """One statement, for one role: how many gave each answer before and after, and how the
    answers of records that answered both times moved."""

    id: str
    text: str
    before: list[int]
    after: list[int]
    up: int = 0      # answered both times, and after is further along the scale
    down: int = 0
    same: int = 0

    @property
    def paired(self) -> int:
        return self.up + self.down + self.same

    def median(self, when: str) -> float | None:
        counts = self.before if when == "before" else self.after
        values = [point for point, count in enumerate(counts) for _ in range(count)]
        return statistics.median(values) if values else None


@dataclass
class RoleReflection:
    role: str
    name: str
    records: int                 # records of this role in the room
    asked: dict[str, int]        # "before"/"after" -> records asked that set
    skipped: dict[str, int]      # "before"/"after" -> records that skipped the whole set
    shifts: list[Shift] = field(default_factory=list)


@dataclass
class RoomReflection:
    scale: tuple[str, ...]
    roles: list[RoleReflection]
    other_scale: int = 0         # records asked on another scale, left out

    def statement_ids(self) -> list[tuple[str, str]]:
        seen: dict[str, str] = {}
        for role in self.roles:
            for shift in role.shifts:
                seen.setdefault(shift.id, shift.text)
        return list(seen.items())


def read_reflection(entries: list[Entry], roles: Iterable[tuple[str, str]]) -> RoomReflection | None:
    """The room's answers, per role (`roles`: (id, name) in the room's order); None when no
    record of it was asked the statements."""
    found = [(entry, answers_of(entry)) for entry in entries]
    found = [(entry, answers) for entry, answers in found if answers is not None]
    if not found:
        return None
    scenario = next((e.scenario for e, _ in found if e.scenario is not None
                     and e.scenario.reflection is not None), None)
    scale = scenario.reflection.scale if scenario else found[0][1].scale
    usable = [(e, a) for e, a in found if a.scale == scale]
    order: dict[str, str] = {}
    if scenario:
        order.update((s.id, s.text) for s in scenario.reflection.statements)
    for _, answers in usable:
        for key, text in answers.statements:
            order.setdefault(key, text)
    room = RoomReflection(tuple(scale), [], len(found) - len(usable))
    for role, name in roles:
        mine = [a for e, a in usable if e.role == role]
        summary = RoleReflection(role, name, sum(e.role == role for e in entries),
                                 {w: sum(a.given(w) is not None for a in mine) for w in WHEN},
                                 {w: sum(a.given(w) == {} for a in mine) for w in WHEN})
        for key, text in order.items():
            shift = Shift(key, text, [0] * len(scale), [0] * len(scale))
            for answers in mine:
                before = (answers.before or {}).get(key)
                after = (answers.after or {}).get(key)
                if before is not None:
                    shift.before[before] += 1
                if after is not None:
                    shift.after[after] += 1
                if before is not None and after is not None:
                    shift.up += after > before
                    shift.down += after < before
                    shift.same += after == before
            summary.shifts.append(shift)
        room.roles.append(summary)
    return room


# -- words ---------------------------------------------------------------------------------
def median_words(value: float | None, scale: tuple[str, ...]) -> str:
    """A median on the scale, in its own words: "Agree", or "between Not sure and Agree"."""
    if value is None:
        return "no answers"
    if value == int(value):
        return scale[int(value)]
    return f"between {scale[int(value)]} and {scale[int(value) + 1]}"


def moved_words(shift: Shift, scale: tuple[str, ...]) -> str:
    if not shift.paired:
        return "No record answered this one both before and after."
    return (f"Answered both times in {shift.paired} record{'s' * (shift.paired != 1)}: "
            f"{shift.up} moved towards \u201c{scale[-1]}\u201d, {shift.down} towards "
            f"\u201c{scale[0]}\u201d, {shift.same} gave the same answer.")


# -- the room's section ------------------------------------------------------------------------
def room_html(room: RoomReflection) -> str:
    """Per statement, each role's counts before and after (side by side), medians and moves."""
    out = [f'<p class="callout">{esc(NOT_VALIDATED)}</p>']
    lines = []
    for role in room.roles:
        lines.append(f"{esc(role.name)}: {role.records} record{'s' * (role.records != 1)}; "
                     f"statements asked before play in {role.asked['before']}"
                     + (f" ({role.skipped['before']} skipped them all)" if role.skipped["before"] else "")
                     + f", after the ending in {role.asked['after']}"
                     + (f" ({role.skipped['after']} skipped them all)" if role.skipped["after"] else "")
                     + ".")
    out.append("<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>")
    if room.other_scale:
        out.append(f'<p class="small">{room.other_scale} record'
                   f"{'s were' if room.other_scale != 1 else ' was'} asked on another scale (an "
                   "older version of the scenario) and left out here.</p>")
    out.append("<p>Each answer is counted once per record; a record that skipped a statement is "
               "not counted for it. The median is the middle answer of those given.</p>")
    for number, (key, text) in enumerate(room.statement_ids(), start=1):
        columns = []
        for role in room.roles:
            shift = next((s for s in role.shifts if s.id == key), None)
            if shift is not None:
                columns.append(_shift_table(shift, role.name, room.scale))
        out.append(f'<div class="reflection-item"><h3>{number}. {esc(text)}</h3>'
                   '<div class="columns">' + "".join(f'<div class="column">{c}</div>'
                                                     for c in columns) + "</div></div>")
    return "\n".join(out)


def _shift_table(shift: Shift, role_name: str, scale: tuple[str, ...]) -> str:
    most = max(max(shift.before), max(shift.after), 1)
    rows = [[esc(point), f"{shift.before[i]}{bar(shift.before[i], most)}",
             f"{shift.after[i]}{bar(shift.after[i], most, AFTER_COLOUR, outline=True)}"]
            for i, point in enumerate(scale)]
    given = f"{sum(shift.before)} before, {sum(shift.after)} after"
    caption = f"{esc(role_name)} <span class=\"small\">({given})</span>"
    medians = (f"<strong>Median:</strong> {esc(median_words(shift.median('before'), scale))} "
               f"before, {esc(median_words(shift.median('after'), scale))} after."
               if sum(shift.before) + sum(shift.after) else "No answers to this one from this role.")
    return (table(["Answer", "Before", "After"], rows, caption, (1, 2))
            + f'<p>{medians}</p><p class="small">{esc(moved_words(shift, scale))}</p>')


# -- one record ------------------------------------------------------------------------------
def record_html(entry: Entry) -> str:
    """One player's own answers, before and after, statement by statement, and which way each
    moved."""
    answers = answers_of(entry)
    if answers is None:
        return ""
    scale = answers.scale

    def cell(when: str, key: str) -> str:
        given = answers.given(when)
        if given is None:
            return '<span class="small">not asked</span>'
        index = given.get(key)
        return esc(scale[index]) if index is not None else '<span class="small">skipped</span>'

    def moved(key: str) -> str:
        before, after = (answers.before or {}).get(key), (answers.after or {}).get(key)
        if before is None or after is None:
            return ""
        if before == after:
            return "the same"
        steps = abs(after - before)
        end = scale[-1] if after > before else scale[0]
        return f"{steps} step{'s' * (steps != 1)} towards \u201c{esc(end)}\u201d"
    rows = [[esc(text), cell("before", key), cell("after", key), moved(key)]
            for key, text in answers.statements]
    return (f'<p class="callout">{esc(ONE_RECORD_NOTE)}</p>'
            + table(["Statement", "Before play", "After the ending", "Moved"], rows,
                    "Your answers, before and after")
            + "<p>Where did an answer move, and what in the story moved it? Where did it stay, "
              "and why?</p>")


# -- CSV -----------------------------------------------------------------------------------
CSV_COLUMNS = ("record_id", "label", "scenario", "scenario_version", "role", "mode",
               "statement_id", "statement", "before", "before_answer", "after", "after_answer")


def csv_rows(entries: Iterable[Entry]) -> list[dict[str, str]]:
    """One row per record per statement, for records that were asked the statements."""
    found = []
    for entry in entries:
        answers = answers_of(entry)
        if answers is None:
            continue
        for key, text in answers.statements:
            row = {"record_id": entry.id, "label": entry.label,
                   "scenario": str(entry.data.get("scenario") or ""),
                   "scenario_version": str(entry.data.get("scenario_version") or ""),
                   "role": entry.role, "mode": entry.mode, "statement_id": key, "statement": text}
            for when in WHEN:
                given = answers.given(when)
                index = given.get(key) if given is not None else None
                row[when] = str(index + 1) if index is not None else ""
                row[f"{when}_answer"] = (answers.scale[index] if index is not None else
                                         "not asked" if given is None else "skipped")
            found.append(row)
    return found
