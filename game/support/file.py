"""support.yaml: a scenario's or an organisation's own support lines.

    lines:                      # shown first, before the built-in ones
      - name: Wrenham Crisis Line
        how: call 01234 000111
        when: 6pm to midnight   # optional
        where: Wrenham and the Fens   # optional
    replace: true               # optional: drop the built-in lines (and a scenario's)
    facilitator:                # optional
      name: Sam
      how: at the front of the room, or text 07700 900123

A scenario's file (beside its scenario.yaml) is applied first, then the save folder's (the
organisation's own), so the organisation's wins. A file with any problem is left out whole and
its problems are kept for `check` and for a notice: a half-read file could drop a line people
need, so the lines people see are either the file's as written or the ones before it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..files.datafile import read_mapping
from ..story.problems import Problem
from .lines import Facilitator, Support, SupportLine

SUPPORT_FILE = "support.yaml"
KEYS = ("lines", "replace", "facilitator")
LINE_KEYS = ("name", "how", "when", "where")
MOST_LINES = 8  # more than this no longer fits a calm screen


@dataclass(frozen=True)
class SupportFile:
    path: Path
    lines: tuple[SupportLine, ...] = ()
    replace: bool = False
    facilitator: Facilitator | None = None
    problems: tuple[Problem, ...] = ()


def read_support_file(path: Path) -> SupportFile:
    """Read and check one support.yaml; problems are in the result, never raised."""
    file, data = read_mapping(path, KEYS, SUPPORT_FILE)
    lines: list[SupportLine] = []
    facilitator = None
    wipe = False
    if data is not None:
        if "lines" not in data and "facilitator" not in data:
            file.fail((), f'{SUPPORT_FILE} needs "lines:" (a list, each with name and how), '
                      'or "facilitator:", or both')
        for index, item in enumerate(file.items(data, (), "lines", SUPPORT_FILE, MOST_LINES)):
            here = ("lines", index)
            what = f"support line {index + 1}"
            item = file.mapping(item, here, LINE_KEYS, what)
            if item is None:
                continue
            fields = [file.text(item, here, key, what, required=key in ("name", "how"))
                      for key in LINE_KEYS]
            if fields[0] and fields[1]:
                lines.append(SupportLine(*fields))
        wipe = file.flag(data, (), "replace", SUPPORT_FILE)
        if wipe and not lines and not file.problems:
            file.fail(("replace",), "replace: true drops the built-in lines, so this file needs "
                      "lines of its own; nobody should be left with no one to call")
        if "facilitator" in data:
            person = file.mapping(data["facilitator"], ("facilitator",), ("name", "how"),
                                  "facilitator")
            if person is not None:
                name = file.text(person, ("facilitator",), "name", "facilitator", required=True,
                                 limit=80)
                how = file.text(person, ("facilitator",), "how", "facilitator")
                facilitator = Facilitator(name, how) if name else None
    problems = tuple(sorted(file.problems, key=lambda p: (p.line, p.column)))
    return SupportFile(path, tuple(lines), wipe, facilitator, problems)


def apply(support: Support, file: SupportFile) -> Support:
    """`support` with `file` on top: its lines first, a line of the same name replaced."""
    if file.problems:
        return replace(support, problems=support.problems + file.problems)
    names = {line.name.casefold() for line in file.lines}
    kept = () if file.replace else tuple(line for line in support.lines
                                         if line.name.casefold() not in names)
    return replace(support, lines=file.lines + kept,
                   facilitator=file.facilitator or support.facilitator,
                   sources=support.sources + (str(file.path),))


def support_for(scenario_folder: Path | str | None = None,
                save_folder: Path | str | None = None) -> Support:
    """The support lines for a scenario played from a save folder: built in, then the
    scenario's support.yaml, then the save folder's. Either folder may be None."""
    support = Support()
    for folder in (scenario_folder, save_folder):
        if folder is None:
            continue
        path = Path(folder) / SUPPORT_FILE
        if path.is_file():
            support = apply(support, read_support_file(path))
    return support


def check_support(folder: Path) -> list[Problem]:
    """The problems of the support.yaml in `folder`, for `check`; [] when there is none."""
    path = Path(folder) / SUPPORT_FILE
    return list(read_support_file(path).problems) if path.is_file() else []
