"""Scene files to a Scenario: the one loader. Every problem is collected, none is fatal.

    result = load_scenario("scenes/tea-and-terms")
    result.scenario        # a Scenario, or None when there were errors
    result.problems        # errors and warnings, each at file:line:column
"""
from __future__ import annotations

import gc
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from . import stored_scenario
from .build import SCENARIO_FILE, Builder
from .model import Scenario
from .problems import Problem, ScenarioError
from .schema import fingerprint as schema_fingerprint
from .schema import schema_problems
from .source import SourceFile, parse_text, read_raw

@dataclass
class LoadResult:
    path: Path
    scenario: Scenario | None
    problems: list[Problem] = field(default_factory=list)
    id: str = ""
    title: str = ""
    # Pictures with no alt text: warnings that `check` gives (story/pictures.py), kept out of
    # `problems` so that playing, reloading and the problems screen are not filled with them.
    alt_warnings: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def find_scenarios(*roots: Path | str) -> list[Path]:
    """Scenario folders: each given folder that has a scenario.yaml, or its subfolders that do."""
    found: list[Path] = []
    for root in map(Path, roots):
        if (root / SCENARIO_FILE).is_file():
            found.append(root)
        elif root.is_dir():
            found.extend(sorted(p.parent for p in root.glob(f"*/{SCENARIO_FILE}")))
    return found


def load(folder: Path | str) -> Scenario:
    """The scenario in `folder`, or ScenarioError listing every error."""
    result = load_scenario(folder)
    if result.scenario is None:
        raise ScenarioError(result.errors)
    return result.scenario


class ParseCache(Protocol):
    """Where parsed and schema-checked files are kept between runs (game/files/parse_cache.py keeps
    them in the user's cache folder), and whole built scenarios under their folder's path. The
    loader hands it plain data and asks for it back by a key; what it gets back is trusted
    only when the key matches exactly."""

    def get(self, file: Path, key: dict) -> Any:
        """The entry stored for `file` under exactly `key`, or None."""

    def put(self, file: Path, key: dict, entry: Any) -> None:
        """Keep `entry` (JSON-safe data) for `file` under `key`."""


def load_scenario(folder: Path | str, cache: ParseCache | None = None, freeze: bool = True) -> LoadResult:
    """Load one scenario folder: every file, every check. Never raises for bad content.

    With `freeze` (for a scenario that will be played), everything alive is then moved out of
    the collector's sight (below); a caller inside a longer-lived program that only reads the
    scenario for a moment (a report made from the window) passes freeze=False, so that what is
    alive around it is not frozen with it.

    With a `cache`, a file whose bytes are the same as when it was last read (same size,
    modification time and SHA-256, under the same schema) is neither parsed nor checked
    against the schema again; and when no file has changed since the scenario last loaded
    without errors, it is not built again either (story/stored_scenario.py). The Scenario
    and the problems are the same either way."""
    collecting = gc.isenabled()
    gc.disable()  # loading makes many small objects that live on: collection only slows it
    try:
        result = _load_scenario(Path(folder), cache)
    finally:
        if collecting:
            gc.enable()
    # A scenario lives as long as the program and holds no reference cycles. Moving it out of
    # the collector's sight keeps full collections, during play, from walking all of it again
    # (on a 10,000-scene scenario that tripled the time per choice). No collection first: it
    # would walk every object just made, for garbage that loading (without cycles) leaves none of.
    if freeze:
        gc.freeze()
    return result


# Files kept beside a scenario's chapters that are not chapters: its playtests (game/playtests.py),
# chapter starts (story/starts.py), support lines (game/support) and handouts (game/handouts).
NOT_CHAPTERS = ("playtests.yaml", "starts.yaml", "support.yaml", "handouts.yaml")


def _load_scenario(folder: Path, cache: ParseCache | None) -> LoadResult:
    result = LoadResult(folder, None)
    main = folder / SCENARIO_FILE
    if not main.is_file():
        result.problems.append(Problem(_shown(main), 1, 1, f"there is no {SCENARIO_FILE} in this folder"))
        return result
    files = [main] + sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")
                            and p.name != SCENARIO_FILE and not p.name.startswith((".", "_"))
                            and p.name not in NOT_CHAPTERS)
    shown = [_shown(path) for path in files]
    raws: list[bytes | SourceFile | None] = [None] * len(files)
    keys: list[dict | None] = [None] * len(files)
    whole_key = None
    if cache is not None:
        raws = [read_raw(path, name) for path, name in zip(files, shown)]
        if not any(isinstance(raw, SourceFile) for raw in raws):  # every file could be read
            keys = [_cache_key(path, raw, index == 0)
                    for index, (path, raw) in enumerate(zip(files, raws))]
            whole_key = {"stored": STORED_FORMAT, "folder": str(folder),
                         "files": [[name, key] for name, key in zip(shown, keys)]}
            kept = _from_stored(cache.get(folder, whole_key), folder, shown, raws)
            if kept is not None:
                return kept
    sources: list[SourceFile] = []
    unread: list[str] = []
    for index, path in enumerate(files):
        source = read_checked(path, shown[index], index == 0, cache, raws[index], keys[index])
        result.problems.extend(source.problems)
        if source.data is None:  # it could not be read or parsed
            if index == 0:
                return result
            unread.append(path.name)
            continue
        sources.append(source)
    builder = Builder(folder, sources, result.problems, tuple(unread))
    scenario = builder.build()
    result.alt_warnings = builder.alt_warnings
    head = sources[0].data if sources and isinstance(sources[0].data, dict) else {}
    result.id = str(head.get("scenario") or folder.name)
    result.title = str(head.get("title") or folder.name)
    for source in sources:
        source.data = None  # what is left of a file is its text, for positions (model.Place)
    result.problems.sort(key=lambda p: (p.file, p.line, p.column))
    if not result.errors:
        result.scenario = scenario
        if whole_key is not None and len(sources) == len(files):
            _store(cache, whole_key, result, sources)
    return result


# What an entry of a whole built scenario holds (story/stored_scenario.py): change it, and every
# such entry made before is ignored. The entry is kept under the folder's own path.
STORED_FORMAT = 1


def _store(cache: ParseCache, key: dict, result: LoadResult, sources: list[SourceFile]) -> None:
    """Keep a scenario that loaded without errors, to be made again without building it."""
    extra = {"id": result.id, "title": result.title,
             "problems": [_plain_problem(p) for p in result.problems],
             "alt_warnings": [_plain_problem(p) for p in result.alt_warnings]}
    entry = stored_scenario.to_plain(result.scenario, sources, extra)
    if entry is not None:
        cache.put(result.path, key, entry)


def _from_stored(entry: Any, folder: Path, shown: list[str], raws: list) -> LoadResult | None:
    """The LoadResult an entry was made from; None when it is not one (a miss)."""
    if not isinstance(entry, dict):
        return None
    try:
        sources = [SourceFile(name, None, raw.decode("utf-8-sig"), complete=False)
                   for name, raw in zip(shown, raws)]
        problems = [Problem(*p) for p in entry["problems"]]
        alt_warnings = [Problem(*p) for p in entry["alt_warnings"]]
        ident, title = entry["id"], entry["title"]
    except (KeyError, TypeError, ValueError):
        return None
    if not all(type(p.line) is int and type(p.column) is int and isinstance(p.message, str)
               and isinstance(p.file, str) and p.severity in ("error", "warning")
               for p in problems + alt_warnings) or any(p.severity == "error" for p in problems):
        return None
    if not isinstance(ident, str) or not isinstance(title, str):
        return None
    scenario = stored_scenario.from_plain(entry, folder, sources)
    if scenario is None:
        return None
    return LoadResult(folder, scenario, problems, ident, title, alt_warnings)


def _plain_problem(problem: Problem) -> list:
    return [problem.file, problem.line, problem.column, problem.message, problem.severity]


def read_checked(path: Path, shown: str, is_scenario_file: bool,
                 cache: ParseCache | None = None, raw: bytes | SourceFile | None = None,
                 key: dict | None = None) -> SourceFile:
    """One file read, parsed and checked against the schema, its failed parts pruned; every
    problem found is in its `problems`, and its data is None when it could not be parsed.
    `raw` and `key`, when given, are the file's bytes and its cache key, already made."""
    if raw is None:
        raw = read_raw(path, shown)
    if isinstance(raw, SourceFile):
        return raw
    if cache is not None:
        if key is None:
            key = _cache_key(path, raw, is_scenario_file)
        source = _from_entry(cache.get(path, key), raw, shown)
        if source is not None:
            return source
    source = parse_text(raw, shown, every_position=False)
    if source.data is not None or not source.problems:  # it parsed (or was empty)
        if source.data is None:
            source.data = {}
        problems, broken = schema_problems(source, is_scenario_file)
        source.problems.extend(problems)
        _prune(source, broken)
    if cache is not None:
        cache.put(path, key, _to_entry(source))
    return source


# What a cache entry holds, and how: change it, and every entry made before is ignored.
CACHE_FORMAT = 1


def _cache_key(path: Path, raw: bytes, is_scenario_file: bool) -> dict:
    """What an entry depends on. The hash alone would do; size and time cost nothing."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = 0
    return {"format": CACHE_FORMAT, "schema": schema_fingerprint(), "scenario_file": is_scenario_file,
            "size": len(raw), "mtime_ns": mtime, "sha256": hashlib.sha256(raw).hexdigest()}


def _to_entry(source: SourceFile) -> dict:
    return {"data": source.data,
            "problems": [[p.line, p.column, p.message, p.severity] for p in source.problems],
            "broken_ids": sorted(source.broken_ids), "pruned": sorted(map(list, source.pruned),
                                                                      key=repr)}


def _from_entry(entry: Any, raw: bytes, shown: str) -> SourceFile | None:
    """The file as it was when the entry was made; None when the entry is not one."""
    try:
        problems = [Problem(shown, line, column, message, severity)
                    for line, column, message, severity in entry["problems"]]
        source = SourceFile(shown, entry["data"], raw.decode("utf-8-sig"), complete=False,
                            problems=problems, broken_ids=set(entry["broken_ids"]),
                            pruned={tuple(path) for path in entry["pruned"]})
    except (TypeError, KeyError, ValueError, AttributeError):
        return None
    if not (source.data is None or isinstance(source.data, dict)) or not all(
            type(p.line) is int and type(p.column) is int and isinstance(p.message, str)
            and p.severity in ("error", "warning") for p in problems):
        return None
    if source.data is None and not problems:
        return None  # a file that was not parsed always says why
    return source


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _prune(source: SourceFile, broken: set[tuple]) -> None:
    """Take out the parts that failed the schema, so the rest can still be checked.

    Items of lists become None (so every other item keeps its index, and its position); the
    ids of pruned scenes and endings are kept so that links to them raise no second error.
    """
    if not isinstance(source.data, dict) or () in broken:
        source.data = {}
        return
    source.pruned |= broken
    for path in sorted(broken, key=len, reverse=True):
        parent = source.data
        for step in path[:-1]:
            parent = _child(parent, step)
        last = path[-1]
        if isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
            item = parent[last]
            if len(path) == 2 and isinstance(item, dict) and isinstance(item.get("id"), str):
                source.broken_ids.add(item["id"])
            parent[last] = None
        elif isinstance(parent, dict):
            parent.pop(last, None)


def _child(node: Any, step: Any) -> Any:
    if isinstance(node, dict):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return None
