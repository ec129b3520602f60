"""Pictures and their alt text, while a scenario is built.

A picture is written either as a file name (`background: office.svg`) or with its alt text
beside it (`background: {file: office.svg, alt: "..."}`). A picture used in many scenes can
have its alt text said once, in scenario.yaml:

    pictures:
      office.svg:
        alt: Ruth's office, a desk with a laptop and a pinboard of notes.

Alt text beside the picture wins over the table. `alt: ""` says the picture is decoration
only, with nothing a player who cannot see it would miss. A picture with no alt text at all
is a warning from `check` (once per picture file, at its first use), never an error.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .model import find_asset
from .problems import Problem
from .source import SourceFile

TABLE = "pictures"  # the key of the alt-text table in scenario.yaml


def picture_file(value: Any) -> str | None:
    """The file name of a picture, in either form; None when there is none."""
    if isinstance(value, dict):
        value = value.get("file")
    return value if isinstance(value, str) and value else None


def picture_alt(value: Any) -> str | None:
    """The alt text written beside a picture; None when none is written there."""
    if isinstance(value, dict) and isinstance(value.get("alt"), str):
        return " ".join(value["alt"].split())
    return None


class AltText:
    """Finds each picture's alt text and remembers the pictures that have none."""

    def __init__(self, head: SourceFile):
        self.head = head
        data = head.data if isinstance(head.data, dict) else {}
        self.table: dict[str, str] = {
            name: " ".join(spec["alt"].split()) for name, spec in (data.get(TABLE) or {}).items()
            if isinstance(spec, dict) and isinstance(spec.get("alt"), str)}
        self.missing: dict[str, list[tuple[SourceFile, tuple]]] = {}

    def alt(self, source: SourceFile, path: tuple, value: Any) -> str | None:
        """The alt text of the picture at `path` ("" for decoration); None if it has none."""
        name = picture_file(value)
        if name is None:
            return None
        alt = picture_alt(value)
        if alt is None:
            alt = self.table.get(name)
        if alt is None:
            self.missing.setdefault(name, []).append((source, path))
        return alt

    def problems(self, folder: Path) -> list[Problem]:
        """A warning for each picture with no alt text, and for each entry of the table
        that names no picture in the assets folder."""
        found: list[Problem] = []
        for name in self.table:
            if find_asset(folder, name) is None:
                found.append(self.head.problem(
                    (TABLE, name), f'"{TABLE}:" gives alt text for "{name}", which is not in '
                    f"{folder / 'assets'}", key=True, severity="warning"))
        for name, uses in self.missing.items():
            if find_asset(folder, name) is None:
                continue  # already an error: the picture is not there
            source, path = uses[0]
            more = len(uses) - 1
            also = f" (nor {more} more use{'' if more == 1 else 's'} of it)" if more else ""
            found.append(source.problem(
                path, f'the picture "{name}" has no alt text{also}: in one short sentence, say what '
                f'a player who cannot see it should know, under "{TABLE}:" in scenario.yaml or as '
                '"alt:" beside the file (alt: "" if it is only decoration)', severity="warning"))
        return found
