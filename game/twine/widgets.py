"""The macros a SugarCube story defines for itself, for `python main.py import`: widgets
(`<<widget "name">>...<</widget>>`, in passages tagged "widget" or in any other) and macros
its JavaScript adds (`Macro.add("name", ...)`). Neither is copied in where it is used:
game/twine/render.py reports each use, loudly when it can change the story.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .body import Block, Container, Link, Macro, NestingError, Node, parse_body, walk
from .links import arguments, is_link_macro
from .read import Story
from .linking import changes_anything


def find_widgets(story: Story) -> dict[str, bool]:
    """Each widget's name, with whether it can change the story: set a variable, link, go
    somewhere, run code, or run a widget that can."""
    bodies = dict(_definitions(story))
    changing = {name: _changes_story(body) for name, body in bodies.items()}
    while True:
        more = {name for name, body in bodies.items() if not changing[name] and any(
            changing.get(getattr(node, "name", None)) for node in walk([body]))}
        if not more:
            return changing
        changing.update(dict.fromkeys(more, True))


def widget_links(story: Story) -> dict[str, list[Link]]:
    """The widgets whose only way to change the story is to show links to named passages,
    under no test but on the widget's own values (its temporary variables and `$args`), as
    a typewriter effect that shows a link at the end: each with those links."""
    found: dict[str, list[Link]] = {}
    for name, widget in _definitions(story):
        links = _fixed_links(widget.body)
        if links:
            found[name] = links
    return found


def _definitions(story: Story) -> Iterator[tuple[str, Container]]:
    """Each `<<widget "name">>` definition in the story, with its name in lower case: in a
    passage tagged "widget", or in one that is included (SugarCube only)."""
    if story.dialect == "harlowe":
        return
    for passage in story.passages:
        if "<<widget" not in passage.text.lower():
            continue
        try:
            tree = parse_body(passage.text, story.dialect)
        except NestingError:
            continue
        for node in walk(tree):
            if isinstance(node, Container) and node.name == "widget" and arguments(node.args):
                yield arguments(node.args)[0].lower(), node


_STORY_TESTS = re.compile(r"\$(?!args\b)\w|\b(?:visited|hasVisited|lastVisited|previous|"
                          r"passage|tags|turns|time|State|setup|settings)\b")


def _fixed_links(nodes: list[Node]) -> list[Link] | None:
    """The links in a widget's body, if they are all it can change the story with (None if
    it can change it otherwise, or tests anything of the story's)."""
    links: list[Link] = []
    for node in nodes:
        inner: list[Link] | None = []
        if isinstance(node, Link):
            plain = not (node.setter or node.body or re.search(r"[$_`(]", node.target))
            inner = [node] if plain else None
        elif isinstance(node, Macro):
            inner = None if changes_anything(node) and not _temps_only(node) else []
        elif isinstance(node, Container):
            inner = None if is_link_macro(node) or node.name in ("script", "widget") \
                else _fixed_links(node.body)
        elif isinstance(node, Block):
            for branch in node.branches:
                more = None if _STORY_TESTS.search(branch.condition or "") \
                    else _fixed_links(branch.body)
                if more is None:
                    return None
                inner += more
        if inner is None:
            return None
        links += inner
    return links


_ADDED = re.compile(r"""\bMacro\.add\(\s*(\[[^\]]*\]|(["'`])[^"'`]+\2)""")


def script_macros(story: Story) -> set[str]:
    """The names of the macros the story's own JavaScript adds (none of these can be read
    here; any of them may change the story)."""
    code = story.script + "".join(p.text for p in story.passages if "script" in p.tags)
    return {name.lower() for found in _ADDED.finditer(code)
            for name in re.findall(r"""["'`]([^"'`]+)["'`]""", found.group(1))}


_TARGET = re.compile(r"(?:^|[,;])\s*(?:\+\+|--)?\s*([$_]?[A-Za-z_][\w.]*)")


def _changes_story(widget: Container) -> bool:
    """changes_anything, except that a widget's changes to temporary variables (`_x`, its
    own while it runs) change nothing in the story."""
    for node in walk(widget.body):
        if _temps_only(node):
            continue
        if isinstance(node, (Macro, Link)) or (isinstance(node, Container) and (
                is_link_macro(node) or node.name == "script")):
            if changes_anything(node):
                return True
    return False


def _temps_only(node) -> bool:
    """A `<<set>>` that changes only temporary variables."""
    if not (isinstance(node, Macro) and node.name in ("set", "put")):
        return False
    targets = [m for m in _TARGET.findall(node.args)]
    return bool(targets) and all(t.startswith("_") for t in targets)


def widget_trees(story: Story, read: dict) -> list[list]:
    """The passages that define widgets and are no part of the story (not in `read`), read,
    so that their changes count when working out what values a variable can have."""
    trees = []
    for passage in story.passages:
        if passage.name not in read and "<<widget" in passage.text.lower():
            try:
                trees.append(parse_body(passage.text, story.dialect))
            except NestingError:
                continue
    return trees
