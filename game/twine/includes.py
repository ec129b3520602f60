"""Passages shown inside others, for `python main.py import`: SugarCube `<<include>>` and
`<<display>>`, Harlowe `(display:)`, Chapbook `{embed passage:}` and `{reveal link: ...,
passage: ...}`, and Snowman's `story.render()` are replaced by the passage they name, copied
in as a Container "included" (game/twine/nodes.py), at most MAX_INCLUDE deep, never in a loop
and at most MAX_COPIES times in one passage. One that cannot be copied stays as written, and
game/twine/render.py reports it. Standard library only; nothing here runs any code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .body import Block, Container, Link, Macro, NestingError, Node, parse_body, walk
from .linking import changes_anything
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
        # A passage's copy, once made where no limit cut it short, is the same wherever it
        # is shown again, as long as no limit would cut it there: it is made only once.
        self.made: dict[str, _Copy] = {}
        self.frames: list[_Copy] = []  # the copies being made, innermost last
        self.cut = False  # whether a limit left out a passage in the copy being made

    def expand_passage(self, name: str) -> list[Node]:
        """The tree of passage `name` with what it shows of other passages copied in."""
        self.copies = -1  # the passage itself is not a copy
        shown = name in self.included
        body = self.copy(name, ())
        if not shown:  # shown inside others only if another passage shows it
            self.included.discard(name)
        return self.trees[name] if body is None else body

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
            body = self.copy(name, stack) if name is not None and name in self.by_name else None
            if body is not None:
                included = Container(node.raw, "included", name, body, "", node.at)
                result.append(Container(node.raw, "link", f'"{shown}"', [included], "", node.at)
                              if reveal else included)
                continue
            if isinstance(node, (Container, Link)) and node.body:  # copies: the trees stay
                body = self.expand(node.body, stack)  # as they were read; what has nothing
                node = node if body is node.body else replace(node, body=body)  # to copy in
            elif isinstance(node, Block):  # is the same tree
                bodies = [self.expand(b.body, stack) for b in node.branches]
                if any(body is not b.body for body, b in zip(bodies, node.branches)):
                    node = replace(node, branches=[replace(b, body=body) for body, b in
                                                   zip(bodies, node.branches)])
            result.append(node)
        changed = len(result) != len(nodes) or any(a is not b for a, b in zip(result, nodes))
        return result if changed else nodes

    def copy(self, name: str, stack: tuple[str, ...]) -> list[Node] | None:
        """Passage `name` as copied in under the passages of `stack`; None if a limit (a
        loop, the depth, the number of copies) leaves it out."""
        made = self.made.get(name)
        if made and len(stack) + made.height <= MAX_INCLUDE and \
                self.copies + made.copies <= MAX_COPIES and made.names.isdisjoint(stack):
            self.copies += made.copies
            self.included |= made.names
            self._count(made)
            return made.body
        if name in stack or len(stack) > MAX_INCLUDE or self.copies >= MAX_COPIES:
            self.cut = True
            return None
        self.copies += 1
        if name not in self.trees:
            try:
                self.trees[name] = parse_body(self.by_name[name].text, self.dialect)
            except NestingError:
                self.trees[name] = []
        self.included.add(name)
        copies, outer_cut = self.copies, self.cut
        frame = _Copy([], 1, 0, {name})
        self.frames.append(frame)
        self.cut = False
        frame.body = self.expand(self.trees[name], stack + (name,))
        self.frames.pop()
        frame.copies = self.copies - copies + 1
        if not self.cut:
            self.made[name] = frame
        self.cut = self.cut or outer_cut
        self._count(frame)
        return frame.body

    def _count(self, made: _Copy) -> None:
        """What a copy holds counts in the copy it is made inside."""
        if self.frames:
            self.frames[-1].names |= made.names
            self.frames[-1].height = max(self.frames[-1].height, made.height + 1)


@dataclass
class _Copy:
    """A passage as copied in: its tree, the copies it took (itself and what it shows), how
    deep the copies inside it go, and the passages it shows."""
    body: list[Node]
    copies: int
    height: int
    names: set[str]


def why_not_included(node: Macro, passages: dict[str, Passage]) -> str:
    """Why `<<include>>`, `(display:)` or `{embed passage:}` stayed as written, in words."""
    values = arguments(node.args)
    if node.name == "insert":
        found = re.search(r"['\"]([^'\"]+)['\"]", node.args)
        name = found.group(1) if found else ""
    else:
        name = passage_name(values[0]) if values else ""
    if not name.strip():
        return "names no passage to show"
    if name not in passages and re.search(r"(?<![\w$])[$_][A-Za-z]|[`(+]", name):
        return ("names the passage it shows with a variable or an expression, so which "
                "passage it shows is known only while the story is played")
    if name not in passages:
        return f'shows "{name}", which is not a passage in this story'
    return ("shows a passage that could not be copied in (it shows itself, or the copies "
            f"go more than {MAX_INCLUDE} deep or number more than {MAX_COPIES})")


EVERY_TURN_NAMES = {"PassageReady", "PassageDone", "PassageHeader", "PassageFooter"}
EVERY_TURN_TAGS = {"header", "footer"}  # Harlowe


def every_turn(passages: list[Passage], dialect: str) -> tuple[list[Passage], set[str]]:
    """The special passages that run with every passage (SugarCube PassageReady, PassageDone,
    PassageHeader, PassageFooter; Harlowe header and footer passages) and can change the
    story, and the passages they show. What they show is copied in first: a link or a change
    in it runs with every passage too, and one that cannot be copied in may hold anything."""
    by_name = {passage.name: passage for passage in passages}
    includes = Includes(by_name, {}, dialect)
    loud, shown = [], set()
    for passage in passages:
        if passage.name in EVERY_TURN_NAMES or set(passage.tags) & EVERY_TURN_TAGS:
            try:
                tree = includes.expand(parse_body(passage.text, dialect), (passage.name,))
            except NestingError:
                loud.append(passage)
                continue
            shown |= shown_in(tree)
            if any(changes_anything(node) for node in tree) or any(
                    shows_unknown_passage(node) for node in walk(tree)):
                loud.append(passage)
    return loud, shown


def shown_in(tree: list[Node]) -> set[str]:
    """The passages copied into a tree."""
    return {node.args for node in walk(tree) if isinstance(node, Container) and
            node.name == "included"}


def shows_unknown_passage(node: Node) -> bool:
    """Whether a node is an `<<include>>`, `(display:)` or `{embed passage:}` that was not
    copied in: what it shows cannot be known here."""
    return isinstance(node, Macro) and (node.name in _INCLUDES or (
        node.name == "insert" and node.args.startswith("embed passage")))
