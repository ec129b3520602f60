"""Saves on disk: the one place that writes them, atomically, and reads them back with care.

A save is the JSON of `Run.to_dict()` plus when it was written. A damaged or foreign file in the
saves folder is listed as damaged with a reason; it never stops the other slots from loading.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .files.write import write_json_atomic
from .places import default_save_dir
from .files.read import DamagedFile, read_json
from .story.save_format import SAVE_FORMAT, SAVE_VERSION

if TYPE_CHECKING:
    from .story import Run, Scenario

# The runner (and the story model with it) is imported where a run is restored: the title
# screen lists the saves without it.

ENVIRONMENT_VARIABLE = "MAKING_TOGETHER_SAVES"
DEFAULT_DIR = default_save_dir()
_SLOT_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")
MAX_SAVE_BYTES = 2 * 1024 * 1024
NOT_SAVES = {"settings.json"}  # other files the game keeps beside the saves


class SaveError(ValueError):
    """A save that cannot be read or written; the message says why in plain words."""


NEWER = "it was made by a newer version of the game"  # a reason saves and records both give


def cannot_open(reason: str, kind: str = "save") -> str:
    """What a player reads about a save (or, with kind="record", a session record) that cannot
    be opened: what it may mean and that the rest are safe, never a parser's words. The
    technical `reason` stays for trainers: `python main.py saves` and `records` print it."""
    if reason == NEWER:
        return (f"This {kind} was made by a newer version of the game: update the game to open "
                f"it. Your other {kind}s are fine.")
    return (f"This {kind} can't be opened. It may be from a newer version or was cut short. "
            f"Your other {kind}s are fine.")


def save_dir(chosen: str | Path | None = None) -> Path:
    """--save-dir if given, else $MAKING_TOGETHER_SAVES, else the game's saves/ folder."""
    if chosen:
        return Path(chosen)
    if os.environ.get(ENVIRONMENT_VARIABLE):
        return Path(os.environ[ENVIRONMENT_VARIABLE])
    return DEFAULT_DIR


@dataclass(frozen=True)
class Slot:
    """One file in the saves folder, as the save menu lists it."""

    name: str
    path: Path
    ok: bool
    reason: str = ""            # why it is damaged
    scenario: str = ""
    scenario_title: str = ""
    role: str = ""
    chapter: str = ""
    step: int = 0
    saved_at: str = ""
    ending: str | None = None
    data: dict | None = None
    role_name: str = ""         # the role as the scenario names it, when the save was written

    def describe(self) -> str:
        """One line, as a screen reader should read it: the date in words, not ISO."""
        from .text.words import slot_words
        return slot_words(self)


def slot_path(folder: Path, name: str) -> Path:
    if not _SLOT_NAME.match(name):
        raise SaveError(f'"{name}" is not a usable slot name: use lowercase letters, digits, - and _')
    return folder / f"{name}.json"


def save_run(folder: Path, name: str, run: Run, overwrite: bool = False,
             record: str | None = None) -> Path:
    """Save `run` in slot `name`. Raises FileExistsError rather than overwrite unasked.
    `record` names the session record of this playthrough, so loading it goes on in that record."""
    path = slot_path(folder, name)
    if path.exists() and not overwrite:
        raise FileExistsError(path)
    data = run.to_dict()
    if record:
        data["record"] = record
    # so the title's "Continue" can say who the player is before the scenarios are loaded
    role = run.scenario.roles.get(run.role)
    if role is not None:
        data["role_name"] = role.name
    from datetime import datetime, timezone  # (the title lists the saves without it)
    data["saved_at"] = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    write_json_atomic(path, data)
    return path


def read_slot(path: Path) -> Slot:
    """Read one save file; any problem makes a damaged Slot, never an exception."""
    name = path.stem
    try:
        data = read_json(path, MAX_SAVE_BYTES)
    except DamagedFile as exc:
        return Slot(name, path, False, str(exc))
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        return Slot(name, path, False, "it is not a Making Together save")
    needed = {"scenario": str, "role": str, "seed": int, "choices": list, "version": int}
    for key, kind in needed.items():
        if not isinstance(data.get(key), kind):
            return Slot(name, path, False, f'its "{key}" is missing or damaged')
    if data["version"] > SAVE_VERSION:
        return Slot(name, path, False, NEWER)
    return Slot(name, path, True, "", data["scenario"], _words(data.get("scenario_title")),
                data["role"], _words(data.get("chapter")), len(data["choices"]),
                _words(data.get("saved_at")), _words(data.get("ending")) or None, data,
                _words(data.get("role_name")))


def _words(value: Any) -> str:
    """A save's text field for a menu: a damaged one (null, a number, a list) is '' rather than
    a raw Python value such as None or {'a': 1}."""
    return value if isinstance(value, str) else ""


def list_slots(folder: Path) -> list[Slot]:
    """Every save in `folder`, newest first; damaged ones included, marked as such."""
    if not folder.is_dir():
        return []
    slots = [read_slot(path) for path in folder.glob("*.json")
             if not path.name.startswith(".") and path.name not in NOT_SAVES]
    return sorted(slots, key=lambda s: (s.ok, s.saved_at), reverse=True)


def restore(scenario: Scenario, slot: Slot) -> Run:
    """The run saved in `slot`, replayed through `scenario`. Raises SaveError if it cannot be."""
    from .story import RestoreError, Run
    if not slot.ok or slot.data is None:
        raise SaveError(f"this save is damaged: {slot.reason}")
    try:
        return Run.from_dict(scenario, slot.data)
    except RestoreError as exc:
        raise SaveError(str(exc)) from exc
