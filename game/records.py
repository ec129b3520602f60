"""Session records: one JSON file per playthrough in `<save dir>/records/`, rewritten (atomically)
after every choice, so a crash loses nothing. The format is documented in docs/records.md.

A record says what happened, for the debrief and for reports: every step with the options shown,
the one chosen, the changes and their reasons, the state after it; workshop votes (typed by the
facilitator, or sent from the live room with its anonymous comments) and notes; the player's
debrief answers, and the room's. It can be turned back into a Run (`run_of`) to replay and analyse.

Reading records back (`read_record`, `list_records`, `run_of` and the rest) is in record_files.py;
this module gives those names too, so they can be imported from either.
"""
from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .record_entries import deciding_of, start_values, started_at, steps_of
from .record_files import (FOLDER, RECORD_FORMAT, RECORD_VERSION, RecordFile, describe,
                           find_records, is_older, list_records, newest_first, read_record,
                           records_folder, run_of)
from .room import record as room_record
from .files.folders import saving_problem
from .files.write import write_json_atomic
from .story import Run
from .story.runner import RestoreError

MODES = ("solo", "workshop")


def now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


class Recorder:
    """Keeps the record of one playthrough up to date. Call `update()` after the run moves
    (a choice or a take-back) and after anything is added (votes, a note, debrief answers)."""

    def __init__(self, save_folder: Path, run: Run, label: str = "", mode: str = "solo",
                 existing: dict | None = None):
        self.run = run
        self.save_folder = save_folder
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
        # the live room's facts per decision (room_record.facts): "voted" while the counts are its
        self.room_facts: dict[str, dict] = {key: found for key, raw in _dict(
            old.get("pending_room")).items() if (found := room_record.facts(raw))}
        self.room_answers: dict[str, Any] = room_record.answers(old.get("room"))
        self.notes: dict[str, str] = _dict(old.get("pending_notes"))
        self.debrief: dict[str, Any] = _dict(old.get("debrief"))
        self.reflection: dict[str, Any] = _dict(old.get("reflection"))
        self.finished: str | None = old.get("finished")
        # the player's answer to "share your written answers?": True, False, None (not answered)
        self.share_answers: bool | None = sharing_of(old)
        self.error = ""  # why the last write failed ('' when it worked)

    # -- what the facilitator and the player add -----------------------------------------
    def set_votes(self, counts: list[int]) -> None:
        """The room's votes per visible option at the decision the run is at now, typed by the
        facilitator. They replace any counts from the live room (its comments stay)."""
        key = self._pending_key()
        self.votes[key] = [max(0, int(c)) for c in counts]
        self._room_facts(key, {**self.room_facts.get(key, {}), "voted": None})

    def set_room_tally(self, counts: list[int], voted: int, comments: list[str],
                       shown: list[str]) -> None:
        """The live room's tally at the decision the run is at now: votes per visible option
        (replacing typed ones), how many devices voted, the anonymous comments in the order
        they came, and those of them the facilitator showed on the projector."""
        key = self._pending_key()
        self.votes[key] = [max(0, int(c)) for c in counts]
        self._room_facts(key, {"voted": max(0, int(voted)), "comments": comments,
                               "comments_shown": shown})

    def set_room_answers(self, answers: list[dict], devices: int) -> None:
        """The debrief answers devices sent at the ending, one dict a device ("reactions",
        "takeaway1" to "takeaway3", "action"; any may be missing), and how many devices were in
        the room. Only those fields are kept."""
        self.room_answers = room_record.answers({"devices": devices, "answers": list(answers)})

    def _room_facts(self, key: str, raw: dict) -> None:
        found = room_record.facts(raw)
        if found:
            self.room_facts[key] = found
        else:
            self.room_facts.pop(key, None)

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

    def set_share_answers(self, agreed: bool) -> None:
        """Whether the player agrees that their written answers go to the organisation's
        learning record store (game/xapi/mapping.py sends them only then)."""
        self.share_answers = bool(agreed)

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

    def update_and_say(self, said: str = "") -> str:
        """`update()`, then what to tell the player: '' when the record was written, or when the
        write before this one failed too (a failure is said once, not after every choice); else
        why it failed, in one sentence. `said` is the folder problem the autosave has already
        told the player, which is not told again."""
        failed_before = bool(self.error)
        if self.update() or failed_before:
            return ""
        trouble = saving_problem(self.save_folder, FOLDER)
        if trouble and trouble == said:
            return ""
        return f"The session record could not be written: {trouble or self.error}. The game goes on."

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
            new["votes"] = None
            self._place_votes(new, key)
            new["note"] = self.notes.get(key, "")
        # votes or a note added after the choice (the ending page) still count
        for step in self.steps[:keep]:
            key = f"{step.get('step')}:{step.get('scene')}"
            self._place_votes(step, key)
            if key in self.notes:
                step["note"] = self.notes[key]
        self.steps = self.steps[:keep] + fresh[keep:]

    def _place_votes(self, step: dict, key: str) -> None:
        """The votes given at `key`, where they came from and the room's facts, onto `step`."""
        if key not in self.votes and key not in self.room_facts:
            return
        for name in ("votes_from", *room_record.STEP_FIELDS):
            step.pop(name, None)
        if key in self.votes:
            step["votes"] = self.votes[key]
            step["votes_from"] = "room" if "voted" in self.room_facts.get(key, {}) else "typed"
        step.update(self.room_facts.get(key, {}))

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
            "room": self.room_answers,
            "share_answers": self.share_answers,
            "pending_votes": {k: v for k, v in self.votes.items() if not self._placed(k)},
            "pending_room": {k: v for k, v in self.room_facts.items() if not self._placed(k)},
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


def save_sharing(record: RecordFile, agreed: bool) -> None:
    """The player's answer about sharing, into a record read from disk. Raises OSError."""
    record.data["share_answers"] = bool(agreed)
    record.data["updated"] = now()
    write_json_atomic(record.path, record.data)


def sharing_of(data: dict) -> bool | None:
    """A record's `share_answers`: True or False when the player answered, else None."""
    value = data.get("share_answers")
    return value if isinstance(value, bool) else None


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


__all__ = ["RECORD_FORMAT", "RECORD_VERSION", "Recorder", "RecordFile", "RestoreError", "deciding_of", "describe",
           "find_records", "is_older", "list_records", "newest_first", "open_recorder", "read_record",
           "records_folder", "run_of", "save_answers", "save_sharing", "sharing_of", "start_values", "steps_of"]
