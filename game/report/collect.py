"""Records gathered for a report: each file read once, its scenario found and loaded once,
its choices replayed once. A damaged or foreign file is kept aside with its reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..records import RecordFile, find_records, is_older, run_of
from ..files.parse_cache import user_cache
from ..files.read import DamagedFile, read_bytes
from ..story import HEADLINE, RestoreError, Run, Scenario, find_scenarios, load_scenario
from ..story.build import SCENARIO_FILE
from ..story.source import MAX_FILE_BYTES
from . import readings
from .readings import Step

_ID_LINE = re.compile(r"^scenario:\s*[\"']?([A-Za-z0-9_-]+)", re.MULTILINE)


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


@dataclass
class Shelf:
    """Scenarios found under some folders, each loaded the first time a record asks for it."""

    roots: list[Path]
    loaded: dict[str, tuple[Scenario | None, str]] = field(default_factory=dict)

    def get(self, scenario_id: str) -> tuple[Scenario | None, str]:
        """The scenario with this id, or None and why not."""
        if scenario_id not in self.loaded:
            self.loaded[scenario_id] = self._load(scenario_id)
        return self.loaded[scenario_id]

    def _load(self, scenario_id: str) -> tuple[Scenario | None, str]:
        folder = self._find(scenario_id)
        if folder is None:
            where = ", ".join(str(r) for r in self.roots)
            return None, f'the scenario "{scenario_id}" was not found (looked in {where})'
        result = load_scenario(folder, cache=user_cache(), freeze=False)  # for the report, not play
        if result.scenario is None:
            count = len(result.errors)
            return None, (f"the scenario in {folder} has {count} error{'s' * (count != 1)} "
                          "(python main.py check lists them)")
        return result.scenario, ""

    def _find(self, scenario_id: str) -> Path | None:
        for root in self.roots:
            for folder in find_scenarios(root):
                try:  # a regular file only: a pipe named scenario.yaml would never end
                    head = read_bytes(folder / SCENARIO_FILE, MAX_FILE_BYTES).decode("utf-8", "replace")
                except DamagedFile:
                    continue
                match = _ID_LINE.search(head)
                if (match.group(1) if match else folder.name) == scenario_id:
                    return folder
        return None


@dataclass
class Entry:
    """One usable record, with its scenario and replayed run when they could be had."""

    file: RecordFile
    scenario: Scenario | None
    run: Run | None
    problem: str          # why the scenario or the replay is missing ('' when all is well)
    steps: list[Step]
    series: dict[str, list[float]]  # each deciding number at the start and after each step
    rungs: list[int | None]         # the rung of the latest decision, likewise
    extra: list[readings.Extra] = field(default_factory=list)  # deciding numbers beyond the headline

    @property
    def data(self) -> dict:
        return self.file.data

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def label(self) -> str:
        return readings.text(self.data.get("label")).strip()

    @property
    def role(self) -> str:
        return self.data["role"]

    @property
    def role_name(self) -> str:
        if self.scenario and self.role in self.scenario.roles:
            return self.scenario.roles[self.role].name
        return readings.text(self.data.get("role_name")) or self.role.replace("_", " ")

    @property
    def name(self) -> str:
        """How the report calls this record: its label, else the role's short name and id."""
        short = self.role_name.split(",")[0]
        return self.label or f"{short} ({self.id[-4:]})"

    @property
    def mode(self) -> str:
        return "workshop" if self.data.get("mode") == "workshop" else "solo"

    @property
    def ending_id(self) -> str:
        ending = self.data.get("ending")
        return readings.text(ending.get("id")) if isinstance(ending, dict) else ""

    @property
    def ending_title(self) -> str:
        ending = self.data.get("ending")
        if not isinstance(ending, dict):
            return ""
        found = self.scenario.ending(self.ending_id) if self.scenario else None
        return readings.text(ending.get("title")) or (found.title if found else self.ending_id)

    @property
    def older(self) -> bool:
        """Made with another version of the scenario than the one loaded now."""
        return self.scenario is not None and is_older(self.data, self.scenario)

    @property
    def version_note(self) -> str:
        if not self.older:
            return ""
        made, now = readings.text(self.data.get("scenario_version")) or "unknown", self.scenario.version
        try:
            kind = "an older" if float(made) < float(now) else "a different"
        except ValueError:
            kind = "a different"
        return f"Made with {kind} version of this scenario (version {made}; it is now {now})."

    @property
    def path(self) -> list[str]:
        return readings.path(self.data, self.steps)

    def final(self, meter: str) -> float:
        return self.series[meter][-1]


@dataclass
class Collection:
    entries: list[Entry]
    skipped: list[Skipped]
    shelf: Shelf

    def groups(self) -> list[list[Entry]]:
        """The entries per scenario id, in the order the scenarios first appear."""
        found: dict[str, list[Entry]] = {}
        for entry in self.entries:
            found.setdefault(entry.data["scenario"], []).append(entry)
        return list(found.values())


def collect(paths: Iterable[Path], shelf: Shelf) -> Collection:
    """Read every record under `paths` (files or folders), replaying each through its scenario."""
    entries, skipped = [], []
    seen: set[Path] = set()
    for record in find_records(paths):
        # a damaged file is named by itself: two links to one bad target are two bad files
        key = _real(record.path) if record.ok else record.path.absolute()
        if key in seen:  # the same file given twice (a file and its folder)
            continue
        seen.add(key)
        if not record.ok:
            skipped.append(Skipped(record.path, record.reason))
            continue
        entries.append(entry_of(record, shelf))
    return Collection(entries, skipped, shelf)


def _real(path: Path) -> Path:
    """The file a path names, for spotting one given twice; a link that loops names itself."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: pathlib's word for a symlink loop
        return path.absolute()


def entry_of(record: RecordFile, shelf: Shelf) -> Entry:
    data = record.data
    record_steps = readings.steps(data)
    scenario, problem = shelf.get(data["scenario"])
    extra = readings.extra_meters(data, scenario)
    meters = readings.series(data, record_steps, HEADLINE + tuple(e.name for e in extra))
    run = None
    if scenario is not None:
        try:
            run = run_of(data, scenario)
        except (RestoreError, ValueError) as exc:
            problem = f"it cannot be replayed in the scenario as it is now: {exc}"
        else:
            problem = _changed(run, len(record_steps)) if run.restore_note else ""
    return Entry(record, scenario, run, problem, record_steps, meters,
                 readings.rungs(data, record_steps), extra)


def _changed(run: Run, recorded: int) -> str:
    """What a replay that did not match says, in a report's words (the run's own note speaks
    to a player loading a save)."""
    own = run.step - run.started_at  # a record begun at a chapter holds only the player's steps
    if own < recorded:
        return (f"The scenario has changed since this was played: only the first {own} of "
                f"its {recorded} steps still match.")
    where = f"to \u201c{run.ending.title}\u201d" if run.ending else "somewhere new"
    return f"The scenario has changed since this was played: the same choices now lead {where}."
