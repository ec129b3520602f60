"""What `python main.py import` makes of a Twine story, and how it is written: Conversion holds
the scenario and chapter data with what to tell the author, and gives the two files' text as
YAML laid out the way authors write it (lists indented under their keys, several lines as a
literal block, added amounts with their sign). game/twine_convert.py fills a Conversion;
game/twine.py writes the files.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

import yaml

from .twine_read import Story

SCHEMA_LINE = "# yaml-language-server: $schema=../scenario.schema.json\n"


@dataclass
class Conversion:
    """A converted story: the two files' data, and what to tell the author."""

    story: Story
    scenario: dict
    chapter: dict
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)  # scene or ending id -> tags
    warnings: list[str] = field(default_factory=list)  # kept as text, broken links
    effects: list[str] = field(default_factory=list)  # effects made from macros: to rewrite
    notes: list[str] = field(default_factory=list)  # what else the author should know
    choices: int = 0
    conditions: int = 0

    def scenario_yaml(self) -> str:
        return (SCHEMA_LINE + "# Imported from Twine by `python main.py import`.\n"
                + _dump(self.scenario))

    def chapter_yaml(self) -> str:
        parts = [SCHEMA_LINE, _dump({"chapter": self.chapter["chapter"]})]
        for key in ("scenes", "endings"):
            if self.chapter.get(key):
                parts.append(f"\n{key}:\n")
                for index, item in enumerate(self.chapter[key]):
                    parts.append("\n" if index else "")
                    if self.tags.get(item["id"]):
                        parts.append(f"  # tags: {' '.join(self.tags[item['id']])}\n")
                    parts.append(textwrap.indent(_dump([item]), "  "))
        return "".join(parts)


# -- YAML ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Amount:
    """A number added by an effect, written with its sign (+2, -1) as in the docs."""

    value: int | float


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)  # indent lists under their key

    def ignore_aliases(self, data: Any) -> bool:
        return True  # the loader refuses anchors and aliases


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None  # several lines: a literal block, as people write it
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_amount(dumper: yaml.SafeDumper, amount: Amount) -> yaml.Node:
    if isinstance(amount.value, int):
        return dumper.represent_scalar("tag:yaml.org,2002:int", f"{amount.value:+d}")
    return dumper.represent_scalar("tag:yaml.org,2002:float", f"{amount.value:+}")


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(Amount, _represent_amount)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100)
