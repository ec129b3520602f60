"""What a session record itself says, read defensively: its steps, meters over time, the rung
of the latest decision, the biggest changes and the path. No scenario is needed, so these work
for a record whose scenario has changed or is missing. (`records.read_record` has already
checked the shape that matters: steps with a scene, an option text, the options and the values
after.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Sequence

from ..room import record as room_record
from ..story import HEADLINE, Change, Scenario
from ..story.debrief import Debrief, summarise_path
from ..story.ladder import is_rung
from ..story.model import DEFAULT_METERS

METER_LABELS = {name: DEFAULT_METERS[name]["label"] for name in HEADLINE}
ENDING_PREFIX = "ending:"


@dataclass(frozen=True)
class Step:
    """One step of a record, with every field present and of the right type."""

    number: int
    scene: str
    title: str
    chapter: str
    decision: bool
    options: tuple[str, ...]
    option_keys: tuple[str, ...]   # the option's id, or its text when it has none
    enabled: tuple[bool, ...]
    chosen: int | None             # index into options
    choice: str
    choice_key: str
    changes: tuple[dict, ...]      # name, before, after, why, tag
    after: dict
    votes: tuple[int, ...] | None  # per option shown (workshop mode)
    note: str
    choice_id: str = ""            # the id of the option taken ('' when it has none)
    votes_from: str = ""           # "room" (live room), "typed" (by the facilitator), '' (no votes)
    voted: int | None = None       # devices that voted, when the votes are the live room's
    comments: tuple[str, ...] = ()        # the live room's anonymous comments, in order
    comments_shown: tuple[str, ...] = ()  # those the facilitator showed on the projector


def number(value: Any) -> float | None:
    """A meter value as a number, or None when it is missing or not a number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def steps(data: dict) -> list[Step]:
    """The record's steps as Step values (damaged optional fields become empty)."""
    found = []
    for position, raw in enumerate(data.get("steps", []), start=1):
        options, keys, ids, enabled = [], [], [], []
        for option in raw.get("options", []):
            if isinstance(option, dict):
                shown = text(option.get("text"))
                options.append(shown)
                ids.append(text(option.get("id")))
                keys.append(ids[-1] or shown)
                enabled.append(option.get("enabled") is not False)
            else:
                options.append(text(option))
                ids.append("")
                keys.append(text(option))
                enabled.append(True)
        choice = text(raw.get("choice_text"))
        chosen = raw.get("chosen")
        if not (isinstance(chosen, int) and not isinstance(chosen, bool)
                and 0 <= chosen < len(options)):
            chosen = options.index(choice) if choice in options else None
        choice_id = text(raw.get("choice_id")) or (ids[chosen] if chosen is not None else "")
        key = choice_id or (keys[chosen] if chosen is not None else choice)
        votes = raw.get("votes")
        if isinstance(votes, list) and votes and all(
                isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in votes):
            votes = tuple(votes)
        else:
            votes = None
        step_number = raw.get("step")
        room = room_record.facts(raw)
        came = ("room" if raw.get("votes_from") == "room" else "typed") if votes else ""
        found.append(Step(
            step_number if isinstance(step_number, int) else position,
            text(raw.get("scene")), text(raw.get("scene_title")), text(raw.get("chapter")),
            raw["decision"] if isinstance(raw.get("decision"), bool) else len(options) > 1,
            tuple(options), tuple(keys), tuple(enabled), chosen, choice, key,
            tuple(c for c in raw.get("changes", []) if isinstance(c, dict) and "name" in c),
            raw.get("after") if isinstance(raw.get("after"), dict) else {},
            votes, text(raw.get("note")).strip(), choice_id, came,
            room.get("voted") if came == "room" else None,
            tuple(room.get("comments", ())), tuple(room.get("comments_shown", ()))))
    return found


def pending_room(data: dict) -> list[tuple[int, str, dict]]:
    """The live room's facts at the decision a record stopped at, before any choice was made
    there: (step, scene id, facts as `room.record.facts` gives them). Damaged ones are left out."""
    found = []
    facts = data.get("pending_room")
    for key, raw in (facts.items() if isinstance(facts, dict) else ()):
        number, _, scene = str(key).partition(":")
        if number.isdigit() and scene and (room := room_record.facts(raw)):
            found.append((int(number), scene, room))
    return sorted(found, key=lambda item: item[:2])


@dataclass(frozen=True)
class RoomAnswers:
    """What devices in the live room answered at the ending."""

    devices: int                   # devices in the room when the answers were kept
    answers: tuple[dict, ...]      # one a device: "reactions" (words), "takeaway1" to
                                   # "takeaway3" and "action" (text), each only when given


def room_answers(data: dict) -> RoomAnswers | None:
    """The live room's answers at the ending, or None when the record has none."""
    found = room_record.answers(data.get("room"))
    return RoomAnswers(found["devices"], tuple(found["answers"])) if found else None


def pending_notes(data: dict) -> list[tuple[int, str, str]]:
    """The facilitator's notes on the decision a record stopped at, before any choice was made
    there: (step, scene id, note). Keys are "STEP:SCENE"; damaged ones are left out."""
    found = []
    notes = data.get("pending_notes")
    for key, note in (notes.items() if isinstance(notes, dict) else ()):
        number, _, scene = str(key).partition(":")
        if number.isdigit() and scene and text(note).strip():
            found.append((int(number), scene, text(note).strip()))
    return sorted(found)


def series(data: dict, record_steps: list[Step],
           names: Sequence[str] = HEADLINE) -> dict[str, list[float]]:
    """Each named number (the headline meters by default) at the start and after each step; a
    missing value keeps the last, and one missing from the start is the meter's usual start."""
    start = data.get("start") if isinstance(data.get("start"), dict) else {}
    found: dict[str, list[float]] = {}
    for name in names:
        first = number(start.get(name))
        values = [first if first is not None else DEFAULT_METERS.get(name, {}).get("start", 0)]
        for step in record_steps:
            value = number(step.after.get(name))
            values.append(values[-1] if value is None else value)
        found[name] = values
    return found


def rungs(data: dict, record_steps: list[Step]) -> list[int | None]:
    """The rung of the latest decision at the start and after each step, as the record wrote it:
    0 to 6, ABDICATION (-1), or None (no decision yet, or not written)."""
    start = data.get("start") if isinstance(data.get("start"), dict) else {}
    return [rung if is_rung(rung := after.get("rung")) else None
            for after in [start] + [s.after for s in record_steps]]


def rungs_read_from_meters(data: dict) -> bool:
    """True for a record made before options said their rung: then the game read a rung from
    the power balance and trust, and wrote one at the start too."""
    start = data.get("start") if isinstance(data.get("start"), dict) else {}
    return is_rung(start.get("rung"))


@dataclass(frozen=True)
class Extra:
    """A number beyond the headline three that can decide an ending (such as energy): shown
    wherever the headline meters are, on its own range."""

    name: str
    label: str
    low: float
    high: float


def extra_meters(data: dict, scenario: Scenario | None) -> list[Extra]:
    """The scenario's deciding numbers beyond the headline three; when the scenario is not at
    hand, the ones the record lists under "deciding". Only those the record holds a value of
    (a record made before a number was added to its scenario says nothing of it)."""
    start = data.get("start") if isinstance(data.get("start"), dict) else {}
    if scenario is not None:
        return [Extra(v.name, v.label, v.minimum if v.minimum is not None else 0,
                      v.maximum if v.maximum is not None else 100)
                for v in scenario.deciding
                if not v.headline and number(start.get(v.name)) is not None]
    found = []
    listed = data.get("deciding")
    for item in listed if isinstance(listed, list) else ():
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            continue
        low, high = number(item.get("min")), number(item.get("max"))
        if item["name"] not in HEADLINE and low is not None and high is not None and low < high \
                and number(start.get(item["name"])) is not None:
            found.append(Extra(item["name"], text(item.get("label")) or item["name"], low, high))
    return found


@dataclass(frozen=True)
class BigChange:
    step: int
    scene_title: str
    choice: str
    name: str
    before: float
    after: float
    why: str
    tag: str
    wanted: float | None = None  # the amount asked for, when a bound cut it short

    @property
    def amount(self) -> float:
        return self.after - self.before

    @property
    def words(self) -> str:
        """'Trust +3 (now 48)', or with its bound: 'Trust +3 (now 100, as high as it goes)'."""
        return change_words(Change(self.step, "", self.choice, self.name, self.before,
                                   self.after, "", "", self.wanted),
                            METER_LABELS.get(self.name, self.name))


def biggest(record_steps: list[Step], count: int = 5) -> list[BigChange]:
    """The largest changes to the headline meters, biggest first (earlier first on a tie)."""
    found = []
    for step in record_steps:
        for change in step.changes:
            before, after = number(change.get("before")), number(change.get("after"))
            if change.get("name") in HEADLINE and before is not None and after is not None \
                    and after != before:
                found.append(BigChange(step.number, step.title or step.scene, step.choice,
                                       change["name"], before, after, text(change.get("why")),
                                       text(change.get("tag")), number(change.get("wanted"))))
    return sorted(found, key=lambda c: -abs(c.amount))[:count]


_MINUS = re.compile(r"-(?=[0-9])")


def change_words(change: Change, label: str, ascii_minus: bool = False) -> str:
    """What one change did, in the words of `Debrief.describe` (so a number at its bound says
    so: 'Energy already at its lowest (0), so −2 could not count'), under `label`, without its
    reason: 'Trust +3 (now 100, as high as it goes)'. Numbers have true minus signs, or with
    `ascii_minus` hyphen-minus ones, as a spreadsheet reads them."""
    # With no variables to look the name up in, describe() says the name itself: the label.
    words = Debrief.describe(Scenario("", "", Path(".")), change._replace(name=label, why="", tag=""))
    return words if ascii_minus else _MINUS.sub("\u2212", words)


def change_text(change: dict, labels: dict[str, str] | None = None, ascii_minus: bool = False) -> str:
    """'Trust +3 (now 48): Precious likes that you asked [respect]'. Its numbers have true minus
    signs ('Power −6 (now −32)'), or with `ascii_minus` hyphen-minus ones, as a spreadsheet
    reads them ('Power -6 (now -32)'). A change a bound cut short says so."""
    name = text(change.get("name"))
    label = (labels or {}).get(name) or METER_LABELS.get(name) or name.replace("_", " ")
    before, after = change.get("before"), change.get("after")
    wanted = number(change.get("wanted"))
    if isinstance(after, bool) or (number(after) is not None and number(before) is not None):
        what = change_words(Change(0, "", "", name, before, after, "", "", wanted), label,
                            ascii_minus)
    else:
        what = f"{label}: {text(after)}"
    why = text(change.get("why"))
    tag = text(change.get("tag"))
    return what + (f": {why}" if why else "") + (f" [{tag}]" if tag else "")


def plain(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def shown(value: float) -> str:
    """A number for people to read, with a true minus sign ('−8')."""
    return plain(value).replace("-", "\u2212")


def hundredths(part: int, whole: int) -> int:
    """100 × part / whole, rounded half up (12.5 -> 13, 37.5 -> 38), in exact integer
    arithmetic: the one rounding rule for every share in a report."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def percent(count: int, total: int) -> str:
    """'38%'. A count above nothing never reads '0%', and one short of everyone never '100%'."""
    value = hundredths(count, total)
    if count and value == 0:
        return "under 1%"
    if count < total and value == 100:
        return "over 99%"
    return f"{value}%"


def moment_name(moment: str) -> str:
    """'the-info-evening' -> 'The info evening'."""
    return moment.replace("-", " ").replace("_", " ").strip().capitalize()


def signed(value: float) -> str:
    """'+3', '−6' (a true minus sign) or '0'."""
    if not value:
        return "0"
    return ("+" if value > 0 else "\u2212") + plain(abs(value))


def path(data: dict, record_steps: list[Step]) -> list[str]:
    """Scene ids in order, then the ending id when the record has one (story_map/path's form)."""
    found = [s.scene for s in record_steps]
    ending = data.get("ending")
    if isinstance(ending, dict) and isinstance(ending.get("id"), str):
        found.append(ending["id"])
    return found


def path_lines(record_steps: list[Step], ending_title: str, data: dict | None = None) -> list[str]:
    """The path in a few lines, per chapter, as `story.debrief.path_summary` says it; used when
    the record cannot be replayed in full."""
    decisions = [(step.chapter or "The story", step.choice) for step in record_steps if step.decision]
    began = started(data or {})
    return ([began] if began else []) + summarise_path(decisions, ending_title)


def start_number(data: dict) -> int:
    """The number of the chapter a record began at (1 for one played from the beginning)."""
    began = data.get("started_at")
    number_ = began.get("number") if isinstance(began, dict) else None
    return number_ if isinstance(number_, int) and not isinstance(number_, bool) and number_ > 0 else 1


def started(data: dict) -> str:
    """'Started at chapter 3: The first real meeting.' for a record begun at a chapter (its
    steps are the player's own, from there); '' for one played from the beginning."""
    place = start_place(data)
    return f"Started at {place}." if place else ""


def start_place(data: dict) -> str:
    """'chapter 3: The first real meeting' for a record begun at a chapter, else ''."""
    began = data.get("started_at")
    if not isinstance(began, dict) or not text(began.get("chapter")).strip():
        return ""
    title = text(began.get("chapter")).strip()
    if start_number(data) > 1:
        return f"chapter {start_number(data)}: {title}"
    return f"the chapter \u201c{title}\u201d"


def when(stamp: Any) -> str:
    """An ISO time as '26 November 2026, 09:07', or the text as it is."""
    try:
        moment = datetime.fromisoformat(text(stamp))
    except ValueError:
        return text(stamp)
    return f"{moment.day} {moment:%B %Y, %H:%M}"


def span(first: Any, last: Any) -> str:
    """From one ISO time to another: '26 November 2026, 09:51 to 09:52' within a day,
    '26 November 2026, 09:51 to 27 November 2026, 10:02' across days, one time when they
    are the same minute."""
    start, end = when(first), when(last)
    if end == start:
        return start
    try:
        same_day = datetime.fromisoformat(text(first)).date() == \
            datetime.fromisoformat(text(last)).date()
    except ValueError:
        same_day = False
    return f"{start} to {end.rpartition(', ')[2] if same_day else end}"
