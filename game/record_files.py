"""Session records read back: one file, every record in a folder, or the save folder's records
newest first, each as a RecordFile that is ok with its data or not with the reason (a damaged
file never raises); a line describing one for a menu; and a record replayed into a Run
(`run_of`). records.py writes them (and gives these names too); the format is in docs/records.md.
Reports, the records list and the xAPI export only read records, and this is all they need.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .files.read import DamagedFile, read_json
from .saves import NEWER
from .story import Run, Scenario
from .story.runner import SAVE_FORMAT, SAVE_VERSION
from .text.safety import readable
from .text.words import spoken_date

RECORD_FORMAT = "making-together/record"
RECORD_VERSION = 1
FOLDER = "records"
MAX_RECORD_BYTES = 8 * 1024 * 1024


def records_folder(save_folder: Path) -> Path:
    return save_folder / FOLDER


@dataclass
class RecordFile:
    """One file offered as a record: `ok` with its data, or not with the reason."""

    path: Path
    ok: bool
    reason: str = ""
    data: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name


def read_record(path: Path) -> RecordFile:
    """Read one record; any problem gives a RecordFile that is not ok, never an exception."""
    try:
        data = read_json(path, MAX_RECORD_BYTES)
    except DamagedFile as exc:
        return RecordFile(path, False, str(exc))
    problem = _problem(data)
    if problem:
        return RecordFile(path, False, problem)
    # a lone surrogate escaped in the JSON ("\\udcff") becomes \ufffd: drawn, and written back, safely
    return RecordFile(path, True, "", readable(data))


def _problem(data: Any) -> str:
    if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
        return "it is not a Making Together session record"
    if not isinstance(data.get("version"), int):
        return 'its "version" is missing or damaged'
    if data["version"] > RECORD_VERSION:
        return NEWER
    needed = {"id": str, "scenario": str, "role": str, "steps": list, "start": dict}
    for key, kind in needed.items():
        if not isinstance(data.get(key), kind):
            return f'its "{key}" is missing or damaged'
    if data.get("ending") is not None and not isinstance(data["ending"], dict):
        return 'its "ending" is damaged'
    for number, step in enumerate(data["steps"], start=1):
        if not (isinstance(step, dict) and isinstance(step.get("scene"), str)
                and isinstance(step.get("choice_text"), str)
                and isinstance(step.get("options"), list) and isinstance(step.get("after"), dict)):
            return f"its step {number} is damaged"
    return ""


def find_records(paths: Iterable[Path]) -> list[RecordFile]:
    """Records from files and folders (a folder gives every .json in it), in name order.
    Hidden files (half-written temporaries) are left out."""
    found: list[RecordFile] = []
    for path in paths:
        if path.is_dir():
            found.extend(read_record(p) for p in sorted(path.glob("*.json"))
                         if not p.name.startswith("."))
        else:
            found.append(read_record(path))
    return found


def list_records(save_folder: Path) -> list[RecordFile]:
    """Every record in the save folder, newest first; damaged ones last, with their reasons.
    (record_headings.list_headings: the same list with only what a list shows of each.)"""
    folder = records_folder(save_folder)
    if not folder.is_dir():
        return []
    return newest_first(find_records([folder]))


def newest_first(files: list[RecordFile]) -> list[RecordFile]:
    return sorted(files, key=lambda r: (r.ok, str(r.data.get("updated") or "")), reverse=True)


def describe(data: dict) -> str:
    """One line for a menu: who, which role, how far, when."""
    label = f"{data['label']}: " if data.get("label") else ""
    role = data.get("role_name") or data["role"].replace("_", " ")
    ending = data.get("ending") or {}
    where = f"ended: {ending.get('title', '')}" if ending else f"unfinished, step {len(data['steps'])}"
    when = spoken_date(data.get("updated") or data.get("started")) or "at an unknown time"
    mode = " (workshop)" if data.get("mode") == "workshop" else ""
    began = data.get("started_at") if isinstance(data.get("started_at"), dict) else {}
    if isinstance(began.get("number"), int) and not isinstance(began.get("number"), bool):
        mode += f", from chapter {began['number']}"
    return f"{label}{data.get('scenario_title') or data['scenario']}, {role}{mode}, {where}, {when}"


def is_older(data: dict, scenario: Scenario) -> bool:
    """True when the record was made with another version of the scenario's content."""
    return str(data.get("scenario_version", "")) != str(scenario.version)


def run_of(data: dict, scenario: Scenario) -> Run:
    """Replay a record's choices through the scenario. If the scenario changed, the run stops at
    the last step that is still the same and `restore_note` says so. A record begun at a
    chapter replays the choices that got there first. Raises RestoreError."""
    began = data.get("started_at") if isinstance(data.get("started_at"), dict) else {}
    before = [c for c in began.get("choices", []) if isinstance(c, dict)] \
        if isinstance(began.get("choices"), list) else []
    save = {"format": SAVE_FORMAT, "version": SAVE_VERSION, "scenario": data["scenario"],
            "role": data["role"], "seed": data.get("seed", 0) if isinstance(data.get("seed"), int) else 0,
            "choices": before + [{"scene": s["scene"], "choice": s.get("choice_id") or s["choice_text"],
                                  "text": s["choice_text"]} for s in data["steps"]],
            "started_at": len(before),
            "ending": (data.get("ending") or {}).get("id")}
    return Run.from_dict(scenario, save)
