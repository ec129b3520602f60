"""Small YAML data files that sit beside scenarios or saves (support.yaml, handouts.yaml): read
with positions through story.source, and checked key by key so that every problem reads
`file:line:col: message` in a trainer's words. Pure: no pygame, nothing written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..story.problems import Problem, did_you_mean

if TYPE_CHECKING:  # the YAML reader loads when a file is read, not with the window
    from ..story.source import SourceFile

TEXT_LIMIT = 300  # characters in one value: enough for a sentence, not for a pasted page


@dataclass
class DataFile:
    """One data file: its data, and the problems found in it so far."""

    source: SourceFile
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        return Path(self.source.path).name

    @property
    def data(self) -> Any:
        return self.source.data

    def fail(self, path: tuple, message: str, key: bool = False) -> None:
        self.problems.append(self.source.problem(path, message, key=key))

    def mapping(self, value: Any, path: tuple, keys: tuple[str, ...], what: str) -> dict | None:
        """`value` if it is a mapping whose keys are all known; unknown keys are reported."""
        if not isinstance(value, dict):
            self.fail(path, f"{what} is a set of keys ({', '.join(keys)}), one a line")
            return None
        for key in value:
            if key not in keys:
                self.fail(path + (key,), f'unknown key "{key}" in {what}{did_you_mean(str(key), keys)}; '
                          f"it can have {', '.join(keys)}", key=True)
        return value

    def text(self, mapping: dict, path: tuple, key: str, what: str, required: bool = False,
             limit: int = TEXT_LIMIT) -> str:
        """The text under `key`, stripped; '' when it is absent (reported if it is required)."""
        if key not in mapping or mapping[key] is None:
            if required:
                self.fail(path, f'{what} needs "{key}:"')
            return ""
        value = mapping[key]
        if not isinstance(value, str):
            shown = ("yes/no" if isinstance(value, bool) else "a number" if isinstance(value, (int, float))
                     else "a list or a mapping")
            self.fail(path + (key,), f'"{key}" in {what} must be text, not {shown}'
                      + (' (put it in quotes, like "116 123")' if shown != "a list or a mapping" else ""))
            return ""
        value = " ".join(value.split())
        if required and not value:
            self.fail(path + (key,), f'"{key}" in {what} is empty')
        elif len(value) > limit:
            self.fail(path + (key,), f'"{key}" in {what} is {len(value)} characters long; '
                      f"keep it to {limit} or fewer")
        return value

    def flag(self, mapping: dict, path: tuple, key: str, what: str) -> bool:
        value = mapping.get(key, False)
        if not isinstance(value, bool):
            self.fail(path + (key,), f'"{key}" in {what} is true or false')
            return False
        return value

    def items(self, mapping: dict, path: tuple, key: str, what: str, most: int) -> list:
        """The list under `key` ([] when absent); wrong types and too many items reported."""
        value = mapping.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path + (key,), f'"{key}" in {what} is a list: each item on its own line '
                      'starting with "- "')
            return []
        if len(value) > most:
            self.fail(path + (key, most), f'"{key}" has {len(value)} items; at most {most} fit')
        return value[:most]


def shown(path: Path) -> str:
    """The path as messages give it: relative when it is under the current folder (like
    scenes/haven/support.yaml), else in full (a save folder elsewhere)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(Path(path).resolve())


def read_data_file(path: Path) -> DataFile:
    """Parse `path` (it must exist). YAML problems are in the result, never raised."""
    from ..story.source import read_source
    return DataFile(read_source(path, shown(path)))


def read_mapping(path: Path, keys: tuple[str, ...], what: str) -> tuple[DataFile, dict | None]:
    """Read a data file whose top level is a mapping of `keys`; None when it cannot be used."""
    file = read_data_file(path)
    file.problems.extend(file.source.problems)
    if file.source.problems:
        return file, None
    if file.data is None:
        file.fail((), f"{file.name} is empty; it needs {' or '.join(keys[:2])}")
        return file, None
    return file, file.mapping(file.data, (), keys, file.name)
