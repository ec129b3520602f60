"""The values a Twine story's variables can have, for `python main.py import`: when a variable
is only ever set to a few literal values (never stepped, computed, typed in by the reader or
changed by code), a text that shows it can become one version of the line per value, each
under its own condition (game/twine/printing.py). Standard library only; nothing here runs
any code.
"""
from __future__ import annotations

import re
from typing import Any

from ..story.conditions import ConditionError, parse_condition
from .body import Link, Node, walk
from .expr import flat_name, parse_sets, split_top
from .links import script_code

MAX_SHOWN = 8  # the most values a shown variable may have
ASSIGNED = re.compile(r"\$([A-Za-z_]\w*)\s*(?:to\b|[-+*/%]?=(?!=)|\+\+|--)|(?:\+\+|--)\s*\$"
                       r"([A-Za-z_]\w*)|\binto\s+\$([A-Za-z_]\w*)")
_MENTIONED = re.compile(r"\$([A-Za-z_]\w*)")
_CODE_SETS = re.compile(r"""(?:State\.variables|variables\(\))\.([A-Za-z_]\w*)|"""
                        r"""\bs\.([A-Za-z_]\w*)\s*=(?!=)|engine\.state\.set\(\s*['"]([\w.]+)""")
_READER_SETS = re.compile(r"""\bfor\s*:\s*['"]([A-Za-z_][\w.]*)""")  # Chapbook's inputs


def known_values(trees: list[list[Node]], changers: set[str], code: str = ""
                 ) -> dict[str, set | None]:
    """Every value each variable is set to anywhere in the story (None: not only literal
    values). A change that is not plain makes every variable it assigns unknown; so does
    naming a variable in a macro that can change it without saying how (`changers`: input
    boxes, code, the story's widgets and macros), and in the story's JavaScript (`code`)."""
    values: dict[str, set | None] = {}

    def unknown(found: list) -> None:
        for match in found:
            name = next(g for g in match if g) if isinstance(match, tuple) else match
            values[flat_name(name) or name] = None

    def change(args: str, put: bool) -> None:
        changes = parse_sets(args, put)
        if changes is None:
            unknown(ASSIGNED.findall(args))
            return
        for name, op, value in changes:
            if op == "add":
                values[name] = None
            elif values.get(name, set()) is not None:
                values.setdefault(name, set()).add(value)

    unknown(_CODE_SETS.findall(code))
    for tree in trees:
        for node in walk(tree):
            if isinstance(node, Link):
                if node.setter:
                    change(node.setter, False)
                continue
            name = getattr(node, "name", None)
            if name in ("set", "put"):
                change(node.args, name == "put")
            elif name in changers or (name == "insert" and "for" in node.args):
                text = node.args + (script_code(node) or "")
                unknown(_MENTIONED.findall(text) + _CODE_SETS.findall(text) +
                        _READER_SETS.findall(text))
    return values


def shown_as(ours: str, values: set, names: dict[str, str]) -> list[tuple[str, Any]] | None:
    """Our condition for each value of a variable (ours: its name here), or None when the
    values are too many or cannot be written in a condition."""
    if len(values) > MAX_SHOWN:
        return None
    found = []
    for value in sorted(values, key=lambda v: (type(v).__name__, str(v))):
        if isinstance(value, bool):
            condition = ours if value else f"not {ours}"
        elif isinstance(value, str):
            if '"' in value or "\n" in value:
                return None
            condition = f'{ours} == "{value}"'
        else:
            condition = f"{ours} == {value}"
        try:
            parse_condition(condition, names)
        except ConditionError:
            return None
        found.append((condition, value))
    return found


def only_shown(trees: list[list[Node]], shows: set[str]) -> set[str]:
    """The variables the story names only in its text and in the macros in `shows` (prints
    and input boxes): nothing tests, computes with or goes by them."""
    named, used = set(), set()
    for tree in trees:
        for node in walk(tree):
            if isinstance(node, str):
                named |= set(_MENTIONED.findall(node))
                continue
            code = " ".join(str(part) for part in (
                getattr(node, "condition", None), getattr(node, "args", None),
                getattr(node, "setter", None), getattr(node, "target", None)) if part)
            if getattr(node, "name", None) in shows:
                named |= set(_MENTIONED.findall(code))
            else:
                used |= set(_MENTIONED.findall(code))
    return named - used


# Harlowe changers that only change how a hook looks or comes in: a variable holding one,
# attached to hooks (`$fade[text]`), changes no scene.
_STYLE_CHANGERS = ("transition", "t8n", "transition-time", "t8n-time", "transition-delay",
                   "t8n-delay", "css", "text-style", "font", "text-colour", "text-color",
                   "colour", "color", "text-size", "size", "align", "background", "bg",
                   "opacity")
_CHANGER = re.compile(r"\(\s*(?:%s)\s*:[^()$]*\)" % "|".join(map(re.escape, _STYLE_CHANGERS)),
                      re.IGNORECASE)
_STYLE_SET = re.compile(r"\(set:\s*\$([A-Za-z_]\w*)\s+to\s+([^()]*(?:\([^()]*\)[^()]*)*)\)")


def style_changer(value: str) -> bool:
    """Whether a Harlowe value is only looks: `(transition: 'dissolve') + (transition-time:
    3s)`, each part one of the changers above, given literals alone (no variable)."""
    parts = [part.strip() for part in re.split(r"\+(?=\s*\()", value.strip())]
    return bool(parts) and all(_CHANGER.fullmatch(part) and "_" not in re.sub(
        r""""[^"]*"|'[^']*'""", "", part) for part in parts)


def style_variables(texts: list[str], code: str = "") -> set[str]:
    """The Harlowe variables a story only ever sets to looks (style_changer), each in a
    `(set:)` of its own, and only ever attaches to hooks (`$fade[...]`): what they hold
    changes how the text comes in, never what it says or where the story goes. Any other
    mention (printed, tested, passed on, named in the story's JavaScript) keeps a variable
    out."""
    found: dict[str, bool] = {}
    for text in texts:
        sets = {m.start() + m.group(0).index("$"): m.group(1) for m in _STYLE_SET.finditer(text)
                if style_changer(m.group(2))}
        for mention in re.finditer(r"\$([A-Za-z_]\w*)", text):
            name, at = mention.group(1), mention.start()
            if sets.get(at) == name:
                found.setdefault(name, True)
            elif not text.startswith("[", mention.end()):
                found[name] = False
    return {name for name, only in found.items() if only
            and not re.search(rf"\b{re.escape(name)}\b", code)}


def style_set(args: str, names: set[str]) -> bool:
    """Whether a `(set:)` only gives variables of `names` (style_variables) their looks."""
    parts = [re.fullmatch(r"\$([A-Za-z_]\w*)\s+to\s+(.+)", part, re.DOTALL)
             for part in split_top(args)]
    return bool(parts) and all(part and part.group(1) in names and style_changer(part.group(2))
                               for part in parts)
