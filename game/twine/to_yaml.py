"""What `python main.py import` makes of a Twine story, and how it is written: Conversion holds
the scenario and chapter data with what to tell the author, and gives the two files' text as
YAML laid out the way authors write it (lists indented under their keys, several lines as a
literal block, added amounts with their sign). game/twine/convert.py fills a Conversion;
game/twine/importer.py writes the files.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .read import Story

SCHEMA_LINE = "# yaml-language-server: $schema=../scenario.schema.json\n"
CHAPTER_BYTES = 3 * 1024 * 1024  # a chapter file may hold 4 MB; this leaves room to edit


@dataclass
class Conversion:
    """A converted story: the two files' data, and what to tell the author."""

    story: Story
    scenario: dict
    chapter: dict
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)  # scene or ending id -> tags
    warnings: list[str] = field(default_factory=list)  # kept as text, broken links
    effects: list[str] = field(default_factory=list)  # effects made from macros: to rewrite
    origins: dict[str, str] = field(default_factory=dict)  # an effect's why -> its passage
    notes: list[str] = field(default_factory=list)  # what else the author should know
    links: int = 0  # links found in the passages (link macros and back links too)
    kept: int = 0  # links that became at least one choice
    choices: int = 0
    conditions: int = 0
    # (passage, "file:line", "converted" / "approximated" / "dropped" / "not converted", what)
    records: list[tuple[str, str, str, str]] = field(default_factory=list)
    loud: int = 0  # how many things could not be converted (each makes check fail)

    def scenario_yaml(self) -> str:
        return (SCHEMA_LINE + "# Imported from Twine by `python main.py import`.\n"
                + _dump(self.scenario))

    def chapter_yaml(self) -> str:
        return self.chapter_files()[0][1]

    def chapter_files(self, limit: int = CHAPTER_BYTES) -> list[tuple[str, str]]:
        """(file name, YAML text) of the chapter files: "1-story.yaml", and when the story
        is larger than `limit` bytes, "2-story.yaml" and on (a file may hold 4 MB)."""
        head = SCHEMA_LINE + _dump({"chapter": self.chapter["chapter"]})
        files: list[list[str]] = [[head]]
        size = len(head)
        for key in ("scenes", "endings"):
            items = self.chapter.get(key) or []
            opened = False
            for item in items:
                part = ("  # tags: " + " ".join(self.tags[item["id"]]) + "\n"
                        if self.tags.get(item["id"]) else "") + _dump([item], 2)
                grown = len(part.encode("utf-8")) + 2
                if opened and size + grown > limit:
                    files.append([head])
                    size, opened = len(head), False
                if not opened:
                    files[-1].append(f"\n{key}:\n")
                    opened = True
                else:
                    files[-1].append("\n")
                files[-1].append(part)
                size += grown
        return [(f"{number}-story.yaml", "".join(parts))
                for number, parts in enumerate(files, start=1)]


# -- YAML ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Amount:
    """A number added by an effect, written with its sign (+2, -1) as in the docs."""

    value: int | float


_PLAIN = re.compile(r"[A-Za-z_(][\w .,;'!?()&/+$\"-]*[\w.!?)\"']|[A-Za-z_]")
_NOT_PLAIN = re.compile(r": | #|^(?:y|n|yes|no|true|false|on|off|null|~)$", re.IGNORECASE)
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff"
                          "\ud800-\udfff\ufffe\uffff]")


def _scalar(value: Any, indent: int) -> str:
    """A value as YAML: numbers and true/false as they are, an Amount with its sign, words
    plain when that is safe, several lines as a literal block, anything else double-quoted."""
    if isinstance(value, Amount):
        return f"{value.value:+d}" if isinstance(value.value, int) else f"{value.value:+}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and not _NOT_PLAIN.search(text):
        return text
    lines = text.split("\n")
    if len(lines) > 1 and not _UNPRINTABLE.search(text) and "\r" not in text and \
            not lines[0].startswith((" ", "\t")) and not any(
                line != line.rstrip() for line in lines):
        pad = " " * indent
        return "|-\n" + "\n".join(pad + line if line else "" for line in lines)
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _emit(data: Any, indent: int, out: list[str]) -> None:
    """Block-style YAML for dicts and lists, lists indented under their key."""
    pad = " " * indent
    if isinstance(data, dict):
        for key, value in data.items():
            name = _scalar(key, indent)
            if isinstance(value, (dict, list)) and value:
                out.append(f"{pad}{name}:")
                _emit(value, indent + 2, out)
            else:
                out.append(f"{pad}{name}: {_scalar(value, indent + 2)}")
        return
    for item in data:
        if isinstance(item, (dict, list)) and item:
            inner: list[str] = []
            _emit(item, indent + 2, inner)
            inner[0] = f"{pad}- {inner[0][indent + 2:]}"
            out.extend(inner)
        else:
            out.append(f"{pad}- {_scalar(item, indent + 2)}")


def _dump(data: Any, indent: int = 0) -> str:
    out: list[str] = []
    _emit(data, indent, out)
    return "\n".join(out) + "\n"
