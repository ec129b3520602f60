"""Numbers a Twine story keeps between two ends, for `python main.py import`: SugarCube
`<<set $trust to Math.clamp($trust + 5, 0, 10)>>` (also `($trust + 5).clamp(0, 10)`,
`Math.min($trust + 5, 10)`, `Math.max($trust - 5, 0)`) and Harlowe `(set: $trust to (min:
$trust + 5, 10))`. A scenario number with `min:` and `max:` stops at its ends when an effect
adds to it, so such a change is `trust: +5` on a variable with that range, exactly when every
change of the variable keeps the same ends (a plain `+= 5` would not stop there), every value
it is set to lies between them, and the story gives it a starting value between them before
anything changes it (in JavaScript, a number added to a variable with no value is not a
number). Then each such change is written as the plain step it becomes. Standard library
only; nothing here runs any code.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .body import Container, Link, Macro, Node, walk
from .expr import parse_sets, split_top

Ends = tuple[float | None, float | None]
_NUM = r"-?\d+(?:\.\d+)?"
_STEP = r"\$(?P<name>[A-Za-z_]\w*)\s*(?P<sign>[+-])\s*(?P<amount>\d+(?:\.\d+)?)"
_FORMS = [re.compile(pattern, re.DOTALL) for pattern in (
    rf"Math\.clamp\(\s*{_STEP}\s*,\s*(?P<low>{_NUM})\s*,\s*(?P<high>{_NUM})\s*\)",
    rf"\(\s*{_STEP}\s*\)\.clamp\(\s*(?P<low>{_NUM})\s*,\s*(?P<high>{_NUM})\s*\)",
    rf"(?:Math\.min\(|\(min:)\s*{_STEP}\s*,\s*(?P<high>{_NUM})\s*\)",
    rf"(?:Math\.max\(|\(max:)\s*{_STEP}\s*,\s*(?P<low>{_NUM})\s*\)",
)]
_ASSIGN = re.compile(r"\$([A-Za-z_]\w*)\s*(?:to|=(?!=))\s*(.+)", re.DOTALL)
_ASSIGNS = re.compile(r"\$([A-Za-z_]\w*)\s*(?:to\b|[-+*/%]?=(?!=)|\+\+|--)|(?:\+\+|--)\s*\$"
                      r"([A-Za-z_]\w*)|\binto\s+\$([A-Za-z_]\w*)")


def _number(text: str | None) -> float | None:
    return None if text is None else (float(text) if "." in text else int(text))


def kept_step(part: str) -> tuple[str, float, Ends] | None:
    """`$x to Math.clamp($x + 5, 0, 10)` as ("x", 5, (0, 10)); None for anything else."""
    assign = _ASSIGN.fullmatch(part.strip())
    if not assign:
        return None
    for form in _FORMS:
        match = form.fullmatch(assign.group(2).strip())
        if match and match.group("name") == assign.group(1):
            amount = _number(match.group("amount"))
            ends = (_number(match.groupdict().get("low")), _number(match.groupdict().get("high")))
            if ends[0] is not None and ends[1] is not None and ends[0] > ends[1]:
                return None
            return assign.group(1), amount if match.group("sign") == "+" else -amount, ends
    return None


def kept(value: float, ends: Ends) -> float:
    """The value stopped at its ends, as a scenario number with them is."""
    low, high = ends
    value = value if low is None else max(value, low)
    return value if high is None else min(value, high)


def _inside(value: object, ends: Ends) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return (ends[0] is None or value >= ends[0]) and (ends[1] is None or value <= ends[1])


def kept_ranges(trees: list[list[Node]], starting: list[list[Node]], changers: set[str],
                code: str) -> dict[str, Ends]:
    """The variables whose every change keeps them between the same two ends (as above),
    with those ends. `starting`: the story's start-up passages, which must give each a value
    between its ends; `changers` and `code` as for game/twine/defined.py."""
    ends: dict[str, Ends] = {}
    other: set[str] = set()  # changed in a way that does not keep to the ends
    values: dict[str, list] = {}
    for tree in trees:
        for node in walk(tree):
            name = "set" if isinstance(node, Link) else getattr(node, "name", "")
            args = node.setter if isinstance(node, Link) else getattr(node, "args", "")
            if name not in ("set", "put"):
                if name in changers or name in ("unset", "script"):
                    body = node.body if isinstance(node, Container) else []
                    other |= set(re.findall(r"[A-Za-z_]\w*", (args or "") + "".join(
                        map(str, body))))
                continue
            for part in split_top(args or ""):
                kept = None if name == "put" else kept_step(part)
                if kept:
                    if ends.setdefault(kept[0], kept[2]) != kept[2]:
                        other.add(kept[0])
                    continue
                changes = parse_sets(part, name == "put")
                for changed, op, value in changes or ():
                    if op == "add":
                        other.add(changed)
                    else:
                        values.setdefault(changed, []).append(value)
                if changes is None:
                    other |= {next(g for g in m if g) for m in _ASSIGNS.findall(part)}
    start: dict[str, object] = {}
    for tree in starting:
        for node in tree:
            if isinstance(node, Macro) and node.name in ("set", "put"):
                for changed, op, value in parse_sets(node.args, node.name == "put") or ():
                    start.setdefault(changed, value if op == "set" else None)
    return {name: kept for name, kept in ends.items()
            if name not in other and not re.search(rf"\b{re.escape(name)}\b", code)
            and name in start and _inside(start[name], kept)
            and all(_inside(value, kept) for value in values.get(name, []))}


def _plain(args: str, kept: dict[str, Ends]) -> str:
    parts = split_top(args)
    steps = [kept_step(part) for part in parts]
    if not any(step and step[0] in kept for step in steps):
        return args
    return ", ".join(f"${step[0]} {'+=' if step[1] >= 0 else '-='} {abs(step[1])}"
                     if step and step[0] in kept else part for step, part in zip(steps, parts))


def plain_steps(nodes: list[Node], kept: dict[str, Ends]) -> list[Node]:
    """A copy of the nodes with each change that keeps a variable of `kept` between its ends
    written as the plain step it is in a scenario, where the variable has those ends."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Macro) and node.name == "set":
            node = replace(node, args=_plain(node.args, kept))
        elif isinstance(node, Link):
            node = replace(node, setter=node.setter and _plain(node.setter, kept),
                           body=plain_steps(node.body, kept))
        elif isinstance(node, Container):
            node = replace(node, body=plain_steps(node.body, kept))
        elif hasattr(node, "branches"):
            node = replace(node, branches=[replace(b, body=plain_steps(b.body, kept))
                                           for b in node.branches])
        out.append(node)
    return out


def keep_ranges(trees: dict[str, list[Node]], read_trees: list[list[Node]],
                others: list[list[Node]], starting: list[list[Node]], changers: set[str],
                code: str) -> tuple[dict[str, list[Node]], list[list[Node]], dict[str, Ends]]:
    """The passages' trees (by name, and as read) with plain_steps, and the ends of each
    variable kept between two (kept_ranges). `others` (the story's widgets) are read only."""
    kept = kept_ranges(read_trees + others, starting, changers, code)
    if not kept:
        return trees, read_trees, kept
    return ({name: plain_steps(tree, kept) for name, tree in trees.items()},
            [plain_steps(tree, kept) for tree in read_trees], kept)
