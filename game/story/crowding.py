"""How many of a scene's choices can show at once: a player picks with the number keys 1 to 9,
on a screen a whole room must be able to read, so at most MAX_SHOWN may show together.

A scene may list more (up to the schema's cap, 18) when some of them never show together: one
for each value of a flag, or one set under a condition and another under its opposite, as a
Twine <<if>> ... <<else>> becomes. `most_shown` proves the cap from the conditions alone where
that is easy (each condition read as a list of tests joined by `and`; two choices never show
together when one tests the opposite of the other's test, or the same name against another
value). Where it cannot, the state search (explore.py) counts the choices shown in every state
it reaches, and findings.py reports what it found, or that the search stopped before proving it.
"""
from __future__ import annotations

import re

from .model import Scene

MAX_SHOWN = 9  # choices shown at once: the number keys 1-9

_EQUALS = re.compile(r'([A-Za-z_]\w*)\s*==\s*("[^"]*"|\'[^\']*\'|-?\d+(?:\.\d+)?|true|false)')


def most_shown(scene: Scene) -> int:
    """An upper bound on the choices of `scene` that can show at once, for any role and any
    values: the choices always shown (no condition, or locked: shown greyed out when it fails),
    and the most of the others whose conditions can all hold together."""
    always = 0
    hidden: list[frozenset[str]] = []
    for choice in scene.choices:
        if choice.condition is None or choice.locked:
            always += 1
        else:
            hidden.append(_tests(choice.condition.text))
    return always + _most_together(hidden)


def _most_together(tests: list[frozenset[str]]) -> int:
    """The largest group of `tests` (each a set of tests that must all hold) with no two that
    exclude each other. At most 18 choices, and usually the first pick keeps all the rest."""
    if not tests:
        return 0
    first, rest = tests[0], tests[1:]
    beside = [other for other in rest if not _exclusive(first, other)]
    taken = 1 + _most_together(beside)
    if taken > len(rest):  # nothing left out: no group can be bigger
        return taken
    return max(taken, _most_together(rest))


def _exclusive(one: frozenset[str], other: frozenset[str]) -> bool:
    """True when some test of `one` and some test of `other` cannot both hold."""
    for a in one:
        for b in other:
            if a == "not " + b or b == "not " + a:
                return True
            if _denies(a, other) or _denies(b, one):  # not (x and y) beside x and y
                return True
            left, right = _EQUALS.fullmatch(a), _EQUALS.fullmatch(b)
            if left and right and left[1] == right[1] and \
                    _literal(left[2]) != _literal(right[2]):
                return True
    return False


def _denies(test: str, tests: frozenset[str]) -> bool:
    """True when `test` is `not (...)` of tests that all are among `tests`."""
    return test.startswith("not (") and _tests(test[5:-1]) <= tests


def _literal(text: str) -> object:
    if text[0] in "\"'":
        return text[1:-1]
    if text in ("true", "false"):
        return text == "true"
    return float(text)


def _tests(text: str) -> frozenset[str]:
    """The tests `text` joins with `and` at its top level, each written one way (outer
    brackets and extra spaces gone, `not (x)` as `not x`); the whole text when an `or` joins
    it at the top level (it is then one test that this reading cannot see into)."""
    text = _bare(text)
    parts, depth, start = [], 0, 0
    for match in re.finditer(r"[()]|\b(?:and|or)\b|\"[^\"]*\"|'[^']*'", text):
        token = match.group()
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif depth == 0 and token == "or":
            return frozenset((text,))
        elif depth == 0 and token == "and":
            parts.append(text[start:match.start()])
            start = match.end()
    parts.append(text[start:])
    return frozenset(_one(part) for part in parts)


def _one(test: str) -> str:
    test = _bare(test)
    if test.startswith("not ") or test.startswith("not("):
        inner = _bare(test[3:])
        return "not " + inner if not re.search(r"\b(?:and|or)\b", inner) else "not (" + inner + ")"
    return test


def _bare(text: str) -> str:
    """`text` with its spaces collapsed and any brackets around the whole of it removed."""
    text = " ".join(text.split())
    if re.search(r"\"[^\"]*[()][^\"]*\"|'[^']*[()][^']*'", text):
        return text  # a bracket inside a quoted text: left as written
    while text.startswith("(") and text.endswith(")") and _closes_at_end(text):
        text = text[1:-1].strip()
    return text


def _closes_at_end(text: str) -> bool:
    """True when the "(" at the start of `text` is closed by the ")" at its end."""
    depth = 0
    for index, char in enumerate(text):
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            return index == len(text) - 1
    return False
