"""Passages shown inside others, for `python main.py import`: SugarCube `<<include>>` and
`<<display>>`, Harlowe `(display:)`, Chapbook `{embed passage:}` and `{reveal link: ...,
passage: ...}`, and Snowman's `story.render()` are replaced by the passage they name, copied
in as a Container "included" (game/twine/body.py), at most MAX_INCLUDE deep, never in a loop
and at most MAX_COPIES times in one passage. One that cannot be copied stays as written, and
game/twine/render.py reports it. Standard library only; nothing here runs any code.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .body import Block, Container, Link, Macro, NestingError, Node, parse_body
from .links import arguments, passage_name
from .read import Passage

MAX_INCLUDE = 8
MAX_COPIES = 200  # passages copied into one passage, all told
_INCLUDES = {"include", "display"}


class Includes:
    """Copies passages into the passages that show them; `included` names every passage
    that was copied somewhere."""

    def __init__(self, by_name: dict[str, Passage], trees: dict[str, list[Node]], dialect: str):
        self.by_name, self.trees, self.dialect = by_name, trees, dialect
        self.included: set[str] = set()
        self.copies = 0

    def expand_passage(self, name: str) -> list[Node]:
        """The tree of passage `name` with what it shows of other passages copied in."""
        self.copies = 0
        return self.expand(self.trees[name], (name,))

    def expand(self, nodes: list[Node], stack: tuple[str, ...]) -> list[Node]:
        """`<<include>>`, `(display:)` and Chapbook's `{embed passage:}` replaced by the
        passage they name (as a Container "included"), at most MAX_INCLUDE deep."""
        result: list[Node] = []
        for node in nodes:
            name, reveal = None, False
            if isinstance(node, Macro) and node.name in _INCLUDES:
                values = arguments(node.args)
                name = passage_name(values[0]) if values else ""
            elif isinstance(node, Macro) and node.name == "script" and re.fullmatch(
                    r"<%=?\s*(?:window\.)?story\.render\(\s*['\"]([^'\"]+)['\"]\s*\)\s*;?\s*%>",
                    node.raw):  # Snowman: a passage shown inside another
                name = re.search(r"['\"]([^'\"]+)['\"]", node.raw).group(1)
            elif isinstance(node, Macro) and node.name == "insert" and \
                    node.args.startswith("embed passage"):
                found = re.search(r"['\"]([^'\"]+)['\"]", node.args)
                name = found.group(1) if found else ""
            reveal = isinstance(node, Macro) and node.name == "insert" and \
                node.args.startswith("reveal link") and "passage" in node.args
            if reveal:  # Chapbook: a link that shows a passage in place, running its changes
                found = re.search(r"passage\s*:\s*['\"]([^'\"]+)['\"]", node.args)
                label = re.search(r"reveal link\s*:\s*['\"]([^'\"]+)['\"]", node.args)
                name = found.group(1) if found else ""
                shown = label.group(1) if label else "Continue"
            if name is not None and name in self.by_name and name not in stack and \
                    len(stack) <= MAX_INCLUDE and self.copies < MAX_COPIES:
                self.copies += 1
                if name not in self.trees:
                    try:
                        self.trees[name] = parse_body(self.by_name[name].text, self.dialect)
                    except NestingError:
                        self.trees[name] = []
                self.included.add(name)
                body = self.expand(self.trees[name], stack + (name,))
                included = Container(node.raw, "included", name, body, "", node.at)
                result.append(Container(node.raw, "link", f'"{shown}"', [included], "", node.at)
                              if reveal else included)
                continue
            if isinstance(node, (Container, Link)) and node.body:  # copies: the trees stay
                node = replace(node, body=self.expand(node.body, stack))  # as they were read
            elif isinstance(node, Block):
                node = replace(node, branches=[replace(b, body=self.expand(b.body, stack))
                                               for b in node.branches])
            result.append(node)
        return result


EVERY_TURN_NAMES = {"PassageReady", "PassageDone", "PassageHeader", "PassageFooter"}
EVERY_TURN_TAGS = {"header", "footer"}  # Harlowe


def every_turn(passages: list[Passage], dialect: str) -> list[tuple[Passage, list[Node]]]:
    """The special passages that run with every passage (SugarCube PassageReady, PassageDone,
    PassageHeader, PassageFooter; Harlowe header and footer passages), read."""
    found = []
    for passage in passages:
        if passage.name in EVERY_TURN_NAMES or set(passage.tags) & EVERY_TURN_TAGS:
            try:
                found.append((passage, parse_body(passage.text, dialect)))
            except NestingError:
                found.append((passage, [Macro(passage.text[:70], "script", "", 0)]))
    return found
