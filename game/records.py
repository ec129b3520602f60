"""Session records: one JSON file per playthrough in `<save dir>/records/`, rewritten (atomically)
after every choice, so a crash loses nothing. The format is documented in docs/records.md.

A record says what happened, for the debrief and for reports: every step with the options shown,
the one chosen, the changes and their reasons, the state after it; workshop votes and notes; the
player's debrief answers. It can be turned back into a Run (`run_of`) to replay and analyse.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from .safe_read import DamagedFile, read_json
from .saves import write_json_atomic
from .story import Run, Scenario
from .story.runner import SAVE_FORMAT, SAVE_VERSION, RestoreError
from .story.starts import chapter_number, start_chapter, values_at_start
from .text_safety import readable

RECORD_FORMAT = "making-together/record"
RECORD_VERSION = 1
FOLDER = "records"
MAX_RECORD_BYTES = 8 * 1024 * 1024
MODES = ("solo", "workshop")


def now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def records_folder(save_folder: Path) -> Path:
    return save_folder / FOLDER


class Recorder:
    """Keeps the record of one playthrough up to date. Call `update()` after the run moves
    (a choice or a take-back) and after anything is added (votes, a note, debrief answers)."""

    def __init__(self, save_folder: Path, run: Run, label: str = "", mode: str = "solo",
                 existing: dict | None = None):
        self.run = run
        self.folder = records_folder(save_folder)
        old = existing or {}
        self.id = old.get("id") or _new_id(run)
        self.path = self.folder / f"{self.id}.json"
        self.label = label or old.get("label", "")
        self.mode = mode if mode in MODES else "solo"
        if old.get("mode") == "workshop":
            self.mode = "workshop"
        self.started = old.get("started") or now()
        self.steps: list[dict] = [s for s in old.get("steps", []) if isinstance(s, dict)]
        taken_back = old.get("taken_back")
        self.taken_back: list[dict] = list(taken_back) if isinstance(taken_back, list) else []
        self.votes: dict[str, list[int]] = _dict(old.get("pending_votes"))
        self.notes: dict[str, str] = _dict(old.get("pending_notes"))
        self.debrief: dict[str, Any] = _dict(old.get("debrief"))
        self.reflection: dict[str, Any] = _dict(old.get("reflection"))
        self.finished: str | None = old.get("finished")
        self.error = ""  # why the last write failed ('' when it worked)

    # -- what the facilitator and the player add -----------------------------------------
    def set_votes(self, counts: list[int]) -> None:
        """The room's votes per visible option at the decision the run is at now."""
        self.votes[self._pending_key()] = [max(0, int(c)) for c in counts]

    def set_note(self, text: str) -> None:
        """The facilitator's note on the decision the run is at now."""
        self.notes[self._pending_key()] = text.strip()

    def pending_votes(self) -> list[int] | None:
        return self.votes.get(self._pending_key())

    def pending_note(self) -> str:
        return self.notes.get(self._pending_key(), "")

    def set_debrief(self, **answers: Any) -> None:
        """Debrief answers: reactions (list of words), takeaways (list), action, journal (dict)."""
        self.debrief.update(answers)

    def set_reflection(self, when: str, answers: dict[str, int]) -> None:
        """Answers to the scenario's reflection statements `when` ("before" or "after") play:
        statement id -> the index of the answer on its scale (0 is the first point). Skipped
        statements are left out; all skipped is {}. The statements and scale are kept beside
        them as they were asked, for a report made without the scenario."""
        reflection = self.run.scenario.reflection
        if reflection is None or when not in ("before", "after"):
            return
        known = {statement.id for statement in reflection.statements}
        self.reflection["statements"] = [{"id": s.id, "text": s.text} for s in reflection.statements]
        self.reflection["scale"] = list(reflection.scale)
        self.reflection[when] = {key: index for key, index in answers.items() if key in known
                                 and isinstance(index, int) and 0 <= index < len(reflection.scale)}

    def _pending_key(self) -> str:
        scene = self.run.scene.id if self.run.scene else ""
        return f"{self.run.step + 1}:{scene}"

    # -- writing ----------------------------------------------------------------------------
    def update(self) -> bool:
        """Bring the steps in line with the run and write the record. False if it could not be
        written (the reason is in `error`); the game goes on either way."""
        self._sync_steps()
        if self.run.ended and not self.finished:
            self.finished = now()
        elif not self.run.ended:
            self.finished = None
        try:
            write_json_atomic(self.path, self.to_dict())
        except OSError as exc:
            self.error = exc.strerror or str(exc)
            return False
        self.error = ""
        return True

    def _sync_steps(self) -> None:
        """Steps the run no longer has were taken back: move them to `taken_back`. Steps it has
        that the record lacks are new: describe them."""
        fresh = steps_of(self.run)
        keep = 0
        for old, new in zip(self.steps, fresh):
            if old.get("scene") != new["scene"] or old.get("choice_text") != new["choice_text"]:
                break
            keep += 1
        for old in self.steps[keep:]:
            self.taken_back.append({"step": old.get("step"), "scene": old.get("scene"),
                                    "choice_text": old.get("choice_text"), "time": now()})
        stamp = now()
        for new in fresh[keep:]:
            key = f"{new['step']}:{new['scene']}"
            new["time"] = stamp
            new["votes"] = self.votes.get(key)
            new["note"] = self.notes.get(key, "")
        # votes or a note added after the choice (the ending page) still count
        for step in self.steps[:keep]:
            key = f"{step.get('step')}:{step.get('scene')}"
            if key in self.votes:
                step["votes"] = self.votes[key]
            if key in self.notes:
                step["note"] = self.notes[key]
        self.steps = self.steps[:keep] + fresh[keep:]

    def to_dict(self) -> dict:
        run, scenario = self.run, self.run.scenario
        role = scenario.roles[run.role]
        return {
            "format": RECORD_FORMAT, "version": RECORD_VERSION, "id": self.id,
            "scenario": scenario.id, "scenario_version": scenario.version,
            "scenario_title": scenario.title,
            "role": run.role, "role_name": role.name, "label": self.label, "mode": self.mode,
            "seed": run.seed, "started": self.started, "updated": now(),
            "finished": self.finished,
            "start": start_values(scenario, run),
            "started_at": started_at(run),
            "deciding": deciding_of(scenario),
            "steps": self.steps,
            "taken_back": self.taken_back,
            "ending": ({"id": run.ending.id, "title": run.ending.title} if run.ending else None),
            "debrief": self.debrief,
            "reflection": self.reflection,
            "pending_votes": {k: v for k, v in self.votes.items() if not self._placed(k)},
            "pending_notes": {k: v for k, v in self.notes.items() if not self._placed(k)},
        }

    def _placed(self, key: str) -> bool:
        return any(f"{s.get('step')}:{s.get('scene')}" == key for s in self.steps)


def open_recorder(save_folder: Path, run: Run, record_id: Any = None, label: str = "",
                  mode: str = "solo") -> Recorder:
    """The recorder for a run: the record a save points to (`record_id`) when it is there and
    is of the same scenario and role, so a loaded game goes on in its own record; else a new one."""
    existing = None
    if isinstance(record_id, str) and re.fullmatch(r"[A-Za-z0-9_-]{1,100}", record_id):
        found = read_record(records_folder(save_folder) / f"{record_id}.json")
        if found.ok and found.data["scenario"] == run.scenario.id and found.data["role"] == run.role:
            if _same_ending(found.data, run):
                existing = found.data
            else:  # a save from before that playthrough ended: the finished record stays as it is
                label = label or str(found.data.get("label") or "")
    return Recorder(save_folder, run, label, mode, existing)


def _same_ending(data: dict, run: Run) -> bool:
    """True unless the record has ended and `run` is not that same finished playthrough."""
    ending = data.get("ending")
    if not ending:
        return True
    return (run.ending is not None and ending.get("id") == run.ending.id
            and [s.get("choice_text") for s in data["steps"]]
            == [t.text for t in run.taken[run.started_at:]])


def save_answers(record: RecordFile, **answers: Any) -> None:
    """Add debrief answers to a record read from disk, leaving its steps exactly as they are
    (the scenario may have changed since it was played). Raises OSError if it cannot write."""
    if not isinstance(record.data.get("debrief"), dict):
        record.data["debrief"] = {}  # damaged answers (the debrief read none of them)
    record.data["debrief"].update(answers)
    record.data["updated"] = now()
    write_json_atomic(record.path, record.data)


def _dict(value: Any) -> dict:
    """A copy of a dict read from a record, or {} if that part of the file is damaged."""
    return dict(value) if isinstance(value, dict) else {}


def _new_id(run: Run) -> str:
    """Time, scenario and role (so the file names sort and read well), then 64 random bits:
    ids made in the same second, in one room or many, never collide."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    slug = re.sub(r"[^a-z0-9-]+", "-", run.scenario.id.lower()).strip("-")[:30] or "story"
    role = re.sub(r"[^a-z0-9-]+", "-", run.role.lower()).strip("-")[:30] or "role"
    return f"{stamp}-{slug}-{role}-{os.urandom(8).hex()}"


def start_values(scenario: Scenario, run: Run | None = None) -> dict[str, Any]:
    """Every variable where the player began: the scenario's starting values, or for a run
    begun at a chapter, the values at that chapter's start."""
    values = values_at_start(run) if run is not None else {
        name: v.start for name, v in scenario.variables.items()}
    values["rung"] = None  # no decision yet: the rung is the rung of the latest decision taken
    return values


def deciding_of(scenario: Scenario) -> list[dict]:
    """The numbers that can decide an ending, with their labels and ranges, so a report can
    show them even when the scenario is not at hand."""
    return [{"name": v.name, "label": v.label, "min": v.minimum, "max": v.maximum}
            for v in scenario.deciding]


def started_at(run: Run) -> dict | None:
    """Where a run begun at a chapter began, and the choices replayed to get there (they are
    not the player's, so they are not among the record's steps); None for a run from the
    beginning."""
    if not run.started_at:
        return None
    title = start_chapter(run)
    return {"step": run.started_at, "chapter": title,
            "number": chapter_number(run.scenario, title),
            "choices": [{"scene": t.scene, "choice": t.key, "text": t.text}
                        for t in run.taken[:run.started_at]]}


def steps_of(run: Run) -> list[dict]:
    """Every step the player took as record entries (without times, votes or notes): for a run
    begun at a chapter, the steps after it began, numbered as in the run."""
    scenario = run.scenario
    values = {name: v.start for name, v in scenario.variables.items()}
    steps = []
    rung = None
    for number, taken in enumerate(run.taken, start=1):
        scene = scenario.scenes.get(taken.scene)
        changes = taken.outcome.changes if taken.outcome else ()
        for change in changes:
            values[change.name] = change.after
        views = taken.views or []
        after = dict(values)
        if number <= run.started_at:
            continue  # replayed to begin at a chapter; the record's "start" holds its values
        if taken.outcome is not None and taken.outcome.rung is not None:
            rung = taken.outcome.rung
        after["rung"] = rung
        steps.append({
            "step": number, "scene": taken.scene,
            "scene_title": scene.title if scene else "", "chapter": scene.chapter if scene else "",
            "decision": bool(scene.is_decision) if scene else True,
            "options": [{"text": v.text, "id": v.choice.id, "enabled": v.enabled,
                         **({"reason": v.reason} if v.reason else {})} for v in views]
                       or [{"text": text, "id": None, "enabled": True} for text in taken.options],
            "chosen": taken.options.index(taken.text) if taken.text in taken.options else None,
            "choice_id": taken.key if scene and any(c.id == taken.key for c in scene.choices) else None,
            "choice_text": taken.text,
            "changes": [{"name": c.name, "before": c.before, "after": c.after, "why": c.why,
                         "tag": c.tag, **({"wanted": c.wanted} if c.wanted is not None else {})}
                        for c in changes],
            "after": after,
        })
    return steps


# -- reading ---------------------------------------------------------------------------------
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
        return "it was made by a newer version of the game"
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
    """Every record in the save folder, newest first; damaged ones last, with their reasons."""
    folder = records_folder(save_folder)
    if not folder.is_dir():
        return []
    files = find_records([folder])
    return sorted(files, key=lambda r: (r.ok, str(r.data.get("updated") or "")), reverse=True)


def describe(data: dict) -> str:
    """One line for a menu: who, which role, how far, when."""
    label = f"{data['label']}: " if data.get("label") else ""
    role = data.get("role_name") or data["role"].replace("_", " ")
    ending = data.get("ending") or {}
    where = f"ended: {ending.get('title', '')}" if ending else f"unfinished, step {len(data['steps'])}"
    when = str(data.get("updated") or data.get("started") or "").replace("T", " ")[:16]
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


__all__ = ["RECORD_FORMAT", "RECORD_VERSION", "Recorder", "RecordFile", "RestoreError", "deciding_of", "describe",
           "find_records", "is_older", "list_records", "open_recorder", "read_record",
           "records_folder", "run_of", "save_answers", "start_values", "steps_of"]
