"""Temporary variables (SugarCube and Harlowe `_name`) for `python main.py import`. Twine
forgets them when the reader moves on, so one can become a scenario variable only where that
makes no difference: in one passage, set to a plain value before anything there reads it.
Then `_name` in passage "Front door" becomes `$name_in_front_door`, which no other passage
reads. Any other temporary variable stays as written, and what uses it is reported as not
converted (game/twine/render.py). Standard library only; nothing here runs any code.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from .body import Block, Container, Link, Macro, Node
from .expr import parse_sets

_TEMP = re.compile(r"(?<![\w$.\])])_([A-Za-z]\w*)")
_QUOTED = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'""")
_PLAIN = frozenset({"nobr", "silently", "included", "type"})  # shown as they stand


@lru_cache(maxsize=4096)  # a passage copied into many others is read again in each
def _code_names(code: str) -> tuple[str, ...]:
    """The temporary variables named in a piece of macro code (not inside quotes), each once,
    in the order written (so the import says the same things in the same order every time)."""
    return tuple(dict.fromkeys(_TEMP.findall(_QUOTED.sub('""', code))))


@lru_cache(maxsize=4096)
def _text_names(text: str) -> tuple[str, ...]:
    """The temporary variables shown in a piece of text, each once, in the order written."""
    return tuple(dict.fromkeys(re.findall(r"(?<![\w$])_([A-Za-z]\w*)", text)))


def _rename_code(code: str, names: dict[str, str]) -> str:
    """`code` with each temporary variable in `names` written as its new `$` variable."""
    pieces, position = [], 0
    for quoted in _QUOTED.finditer(code):
        pieces.append(_rename_outside(code[position:quoted.start()], names))
        pieces.append(quoted.group())
        position = quoted.end()
    pieces.append(_rename_outside(code[position:], names))
    return "".join(pieces)


def _rename_outside(code: str, names: dict[str, str]) -> str:
    return _TEMP.sub(lambda m: f"${names[m.group(1)]}" if m.group(1) in names else m.group(),
                     code)


def _uses(nodes: list[Node], top: bool, found: list[tuple[str, Node, bool]]) -> None:
    """Each use of a temporary variable, in the order written: (name, node, whether the node
    is shown whatever happens, outside any test or link)."""
    for node in nodes:
        if isinstance(node, str):
            for name in _text_names(node):
                found.append((name, node, top))
        elif isinstance(node, Macro):
            for name in _code_names(node.args):
                found.append((name, node, top))
        elif isinstance(node, Link):
            for name in _code_names((node.setter or "") + " " + node.target):
                found.append((name, node, False))
            _uses(node.body, False, found)
        elif isinstance(node, Container):
            for name in _code_names(node.args):
                found.append((name, node, top))
            _uses(node.body, top and node.name in _PLAIN, found)
        elif isinstance(node, Block):
            for branch in node.branches:
                for name in _code_names(branch.condition or ""):
                    found.append((name, branch, False))
                _uses(branch.body, False, found)


def passage_temps(tree: list[Node]) -> dict[str, bool]:
    """The temporary variables a passage uses, each with whether it is set first, at the
    top, to a plain value, and so can become the passage's own variable."""
    uses: list[tuple[str, Node, bool]] = []
    _uses(tree, True, uses)
    first: dict[str, bool] = {}
    for name, node, top in uses:
        if name in first:
            continue
        changes = parse_sets(_rename_code(node.args, {name: name}), node.name == "put") if (
            top and isinstance(node, Macro) and node.name in ("set", "put")) else None
        first[name] = any(change[:2] == (name, "set") for change in changes or ())
    return first


def rename_temps(nodes: list[Node], names: dict[str, str], prose: bool) -> list[Node]:
    """A copy of the nodes with each temporary variable in `names` renamed (in macro code,
    conditions and link setters; in the text too when `prose`: SugarCube and Harlowe show a
    temporary variable written in the text). The nodes read are not changed."""
    renamed: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            if prose:
                node = re.sub(r"(?<![\w$])_([A-Za-z]\w*)",
                              lambda m: f"${names[m.group(1)]}" if m.group(1) in names
                              else m.group(), node)
        elif isinstance(node, Macro):
            node = replace(node, args=_rename_code(node.args, names))
        elif isinstance(node, Link):
            node = replace(node, setter=node.setter and _rename_code(node.setter, names),
                           body=rename_temps(node.body, names, prose))
        elif isinstance(node, Container):
            node = replace(node, args=_rename_code(node.args, names),
                           body=rename_temps(node.body, names, prose))
        elif isinstance(node, Block):
            node = replace(node, branches=[
                replace(b, condition=b.condition and _rename_code(b.condition, names),
                        body=rename_temps(b.body, names, prose)) for b in node.branches])
        renamed.append(node)
    return renamed


def own_temps(tree: list[Node], slug: str, taken: set[str],
              record: Callable[..., None]) -> tuple[list[Node], dict[str, str]]:
    """The passage's tree with each temporary variable it sets first renamed as its own
    `$name_in_<slug>` (none of the names in `taken`), and the new names (to `_name` as
    written); what happens to
    each temporary variable is recorded (record(status, offset, what, text to find))."""
    names: dict[str, str] = {}
    for name, own in passage_temps(tree).items():
        if not own:
            record("approximated", -1, f"the temporary variable _{name} is read before the "
                   "passage sets it to a plain value, or is set only under a condition: it "
                   "cannot become a variable, so what reads it is not converted", f"_{name}")
            continue
        ours = f"{name}_in_{slug.replace('-', '_')}"
        while ours in taken or ours in names.values():
            ours += "_"
        names[name] = ours
        record("converted", -1, f"the temporary variable _{name} became the variable "
               f'"{ours}", set and read only in this passage', f"_{name}")
    renamed = rename_temps(tree, names, True) if names else tree
    return renamed, {ours: f"_{name}" for name, ours in names.items()}
