"""Tests of whether a variable has been given a value yet, for `python main.py import`:
SugarCube `def $x` and `ndef $x`, and `$x == undefined`, `$x is null` and the like (in
JavaScript, `== null` also holds for a variable never set). A scenario variable always has a
value, so each such variable gets a flag of its own, `<name>_defined`, set by every change
that gives it a value: the test reads the flag. That is exact only when every change of the
variable is a plain one the import reads (game/twine/expr.py parse_sets), so a variable that
code, an input box, `<<unset>>` or a change the import cannot read may set is left as
written, and its tests are reported as before. Standard library only; nothing here runs any
code.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .body import Block, Container, Link, Macro, Node, walk
from .expr import parse_sets

_NOTHING = r"(?:undefined|null)"
_OPS = r"(?:===?|!==?|\bis\s+not\b|\bisnot\b|\bneq\b|\beq\b|\bis\b)"
# Each test, and whether it holds when the variable *has* a value.
_TESTS = (
    (re.compile(r"\bndef\s+\$([A-Za-z_]\w*)\b(?![.\[(])"), False),
    (re.compile(r"\bdef\s+\$([A-Za-z_]\w*)\b(?![.\[(])"), True),
    (re.compile(r"\$([A-Za-z_]\w*)\b(?![.\[(])\s*(" + _OPS + r")\s*" + _NOTHING + r"\b"), None),
    (re.compile(r"\btypeof\s+\$([A-Za-z_]\w*)\b(?![.\[(])\s*(" + _OPS +
                r""")\s*(["'])undefined\3"""), None),
)
_ASSIGNS = re.compile(r"\$([A-Za-z_]\w*)\s*(?:to\b|[-+*/%]?=(?!=)|\+\+|--)|(?:\+\+|--)\s*\$"
                      r"([A-Za-z_]\w*)|\binto\s+\$([A-Za-z_]\w*)")
_QUOTED = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'""")


def _tested(condition: str) -> set[str]:
    """The variables a condition asks about: has it a value yet?"""
    code = _QUOTED.sub('""', condition) if "typeof" not in condition else condition
    return {match.group(1) for test, _ in _TESTS for match in test.finditer(code)}


def tested_names(trees: list[list[Node]]) -> set[str]:
    return {name for tree in trees for node in walk(tree)
            for name in _tested(getattr(node, "condition", None) or "")}


def _assigned(code: str) -> set[str]:
    return {next(g for g in match if g) for match in _ASSIGNS.findall(code)}


def trackable(trees: list[list[Node]], names: set[str], changers: set[str], code: str
              ) -> set[str]:
    """The names in `names` whose every change is a plain one the import reads: none is set
    by code (`code`: the story's JavaScript), by a macro in `changers` (input boxes,
    `<<run>>`, `<<unset>>`, widgets) or by a change the import cannot read."""
    found = {name for name in names if not re.search(rf"\b{re.escape(name)}\b", code)}
    for tree in trees:
        for node in walk(tree):
            if not found:
                return found
            name = "set" if isinstance(node, Link) else getattr(node, "name", "")
            args = node.setter if isinstance(node, Link) else getattr(node, "args", "")
            if name in ("set", "put"):
                if args and parse_sets(args, name == "put") is None:
                    found -= _assigned(args)
            elif name == "insert" and "for" in (args or ""):  # Chapbook's input boxes
                found -= {typed.replace(".", "_") for typed in re.findall(
                    r"""\bfor\s*:\s*['"]([A-Za-z_][\w.]*)""", args)}
            elif name in changers or name in ("unset", "script"):
                body = node.body if isinstance(node, Container) else []
                text = (args or "") + "".join(map(str, body))
                found = {n for n in found if not re.search(rf"\b{re.escape(n)}\b", text)}
    return found


def _condition(condition: str, flags: dict[str, str]) -> str:
    """The condition with each test of a tracked variable written as a test of its flag
    (words in quotes are left as they are)."""
    if "typeof" in condition:
        return _outside(condition, flags)
    pieces, position = [], 0
    for quoted in _QUOTED.finditer(condition):
        pieces += [_outside(condition[position:quoted.start()], flags), quoted.group()]
        position = quoted.end()
    return "".join(pieces + [_outside(condition[position:], flags)])


def _outside(condition: str, flags: dict[str, str]) -> str:
    for test, holds in _TESTS:
        def flag(match: re.Match, holds=holds) -> str:
            if match.group(1) not in flags:
                return match.group()
            wanted = holds
            if wanted is None:  # == undefined holds when it has none; != when it has one
                wanted = bool(re.match(r"!|is\s*not|neq", match.group(2)))
            return f"${flags[match.group(1)]}" if wanted else f"not ${flags[match.group(1)]}"
        condition = test.sub(flag, condition)
    return condition


def _sets(args: str, put: bool, flags: dict[str, str]) -> str:
    """A change with, after it, its variables' flags set: they have a value now."""
    changes = parse_sets(args, put)
    named = [flags[name] for name in dict.fromkeys(name for name, _, _ in changes or ())
             if name in flags]
    if not named:
        return args
    extra = ", ".join(f"true into ${flag}" if put else f"${flag} to true" for flag in named)
    return f"{args}, {extra}"


def with_flags(nodes: list[Node], flags: dict[str, str]) -> list[Node]:
    """A copy of the nodes where every change of a tracked variable also sets its flag and
    every test of whether it has a value reads the flag. The nodes read are not changed."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Macro) and node.name in ("set", "put"):
            node = replace(node, args=_sets(node.args, node.name == "put", flags))
        elif isinstance(node, Link):
            node = replace(node, setter=node.setter and _sets(node.setter, False, flags),
                           body=with_flags(node.body, flags))
        elif isinstance(node, Container):
            node = replace(node, body=with_flags(node.body, flags))
        elif isinstance(node, Block):
            node = replace(node, branches=[
                replace(b, condition=b.condition and _condition(b.condition, flags),
                        body=with_flags(b.body, flags)) for b in node.branches])
        out.append(node)
    return out


def defined_flags(trees: list[list[Node]], changers: set[str], code: str,
                  taken: set[str], names: set[str]) -> dict[str, str]:
    """Each variable of `names` that can be tracked, with the name of its flag (none of the
    names in `taken`)."""
    flags: dict[str, str] = {}
    for name in sorted(trackable(trees, names, changers, code)):
        flag = f"{name}_defined"
        while flag in taken or flag in flags.values():
            flag += "_"
        flags[name] = flag
    return flags


def flag_trees(trees: dict[str, list[Node]], read_trees: list[list[Node]],
               others: list[list[Node]], changers: set[str], code: str, taken: set[str],
               asked: bool = True, unset: set[str] = frozenset()
               ) -> tuple[dict[str, list[Node]], list[list[Node]], dict[str, str]]:
    """The passages' trees (by name, and as read) with the flags of defined_flags, and the
    flags: for each variable the story asks about (has it a value yet? with `asked`, the
    SugarCube tests), and each of `unset` (variables with no starting value that a test
    compares, game/twine/unset.py). `others` (the story's widgets) are read, not changed."""
    names = (tested_names(read_trees + others) if asked else set()) | set(unset)
    flags = defined_flags(read_trees + others, changers, code, taken, names)
    if not flags:
        return trees, read_trees, flags
    return ({name: with_flags(tree, flags) for name, tree in trees.items()},
            [with_flags(tree, flags) for tree in read_trees], flags)
