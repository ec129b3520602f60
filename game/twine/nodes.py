"""The kinds of node a Twine passage body is parsed into (game/twine/body.py parses them):
plain text (str), Link, Macro, Container and Block (made of Branches). Every node but text
knows its offset in the passage (`at`), so messages can name the source line. Standard
library only.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Link:
    text: str
    target: str
    setter: str | None  # SugarCube [[text|target][$x to 1]]
    raw: str
    at: int = 0
    body: list[Node] = field(default_factory=list)  # what a link macro runs when chosen


@dataclass
class Macro:
    """A macro (name "set", "goto", ...), an HTML tag (name "") or a leftover piece of markup
    (name "img", "comment", "script", "insert", "modifier"), kept as written."""

    raw: str
    name: str
    args: str
    at: int = 0


@dataclass
class Container:
    """A macro with a body: `<<name args>>body<</name>>` or Harlowe `(name: args)[body]`."""

    raw: str
    name: str
    args: str
    body: list[Node]
    closing: str
    at: int = 0


@dataclass
class Branch:
    condition: str | None  # None: the else branch
    opening: str  # what was written before the body, like "<<elseif $x>>" or "(if: $x)["
    body: list[Node]
    closing: str = ""  # "]" after a Harlowe hook
    negate: bool = False  # Harlowe (unless:)
    at: int = 0


@dataclass
class Block:
    branches: list[Branch]
    closing: str = ""  # "<</if>>"
    closed: bool = True
    at: int = 0
    alone: bool = False  # a Harlowe (else:) that follows no (if:) it belongs to


Node = str | Link | Macro | Container | Block
