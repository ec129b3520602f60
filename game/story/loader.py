"""Scene files to a Scenario: the one loader. Every problem is collected, none is fatal.

    result = load_scenario("scenes/tea-and-terms")
    result.scenario        # a Scenario, or None when there were errors
    result.problems        # errors and warnings, each at file:line:column
"""
from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .build import SCENARIO_FILE, Builder
from .model import Scenario
from .problems import Problem, ScenarioError
from .schema import schema_problems
from .source import SourceFile, read_source

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


def load_scenario(folder: Path | str) -> LoadResult:
    """Load one scenario folder: every file, every check. Never raises for bad content."""
    collecting = gc.isenabled()
    gc.disable()  # loading makes many small objects that live on: collection only slows it
    try:
        result = _load_scenario(Path(folder))
    finally:
        if collecting:
            gc.enable()
    # A scenario lives as long as the program and holds no reference cycles. Moving it out of
    # the collector's sight keeps full collections, during play, from walking all of it again
    # (on a 10,000-scene scenario that tripled the time per choice).
    gc.collect()
    gc.freeze()
    return result


# Files kept beside a scenario's chapters that are not chapters: its playtests (game/playtests.py),
# chapter starts (story/starts.py), support lines (game/support) and handouts (game/handouts).
NOT_CHAPTERS = ("playtests.yaml", "starts.yaml", "support.yaml", "handouts.yaml")


def _load_scenario(folder: Path) -> LoadResult:
    result = LoadResult(folder, None)
    main = folder / SCENARIO_FILE
    if not main.is_file():
        result.problems.append(Problem(_shown(main), 1, 1, f"there is no {SCENARIO_FILE} in this folder"))
        return result
    files = [main] + sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")
                            and p.name != SCENARIO_FILE and not p.name.startswith((".", "_"))
                            and p.name not in NOT_CHAPTERS)
    sources: list[SourceFile] = []
    unread: list[str] = []
    for index, path in enumerate(files):
        source = read_source(path, _shown(path))
        result.problems.extend(source.problems)
        if source.data is None:
            if index == 0 and source.problems:
                return result
            if source.problems:
                unread.append(path.name)
                continue
            source.data = {}
        problems, broken = schema_problems(source, is_scenario_file=index == 0)
        result.problems.extend(problems)
        _prune(source, broken)
        sources.append(source)
    builder = Builder(folder, sources, result.problems, tuple(unread))
    scenario = builder.build()
    result.alt_warnings = builder.alt_warnings
    head = sources[0].data if sources and isinstance(sources[0].data, dict) else {}
    result.id = str(head.get("scenario") or folder.name)
    result.title = str(head.get("title") or folder.name)
    result.problems.sort(key=lambda p: (p.file, p.line, p.column))
    if not result.errors:
        result.scenario = scenario
    return result


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
