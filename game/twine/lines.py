"""A passage's text as lines, for `python main.py import`: each line is a list of variants,
each shown under its own conditions (all of which must hold). A condition here is one of ours
(game/story/conditions.py), as text. game/twine/render.py and game/twine/printing.py build the
lines; game/twine/scenes.py turns them into a scene's `text:` or `lines:`.
"""
from __future__ import annotations

import re

OPEN, CLOSE = "\x02", "\x03"  # around the text of a link inside prose
MAX_VARIANTS = 32  # the most versions of one line; past this, the line is reported
Variant = tuple[tuple[str, ...], str]  # (conditions that must all hold, text)
_EQUALS = re.compile(r'(\w+) == ("[^"]*"|-?[\d.]+)')


def negate(condition: str) -> str:
    if condition.startswith("not ") and re.fullmatch(r"not \w+", condition):
        return condition[4:]
    return f"not {condition}" if re.fullmatch(r"\w+", condition) else f"not ({condition})"


def all_of(conditions: tuple[str, ...]) -> str:
    unique = list(dict.fromkeys(c for c in conditions if c))
    if len(unique) == 1:
        return unique[0]
    return " and ".join(f"({c})" if " or " in c else c for c in unique)


def short(raw: str, limit: int = 70) -> str:
    text = " ".join(raw.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def join_conditions(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...] | None:
    """Both sets of conditions, or None when one contradicts the other (a test and its
    opposite, or one variable equal to two different values)."""
    joined = tuple(dict.fromkeys(c for c in first + second if c))
    present = set(joined)
    if any(negate(c) in present for c in joined):
        return None
    equal: dict[str, str] = {}
    for condition in joined:
        match = _EQUALS.fullmatch(condition)
        if match and equal.setdefault(match.group(1), match.group(2)) != match.group(2):
            return None
    return joined


def branch_out(lines: list[list[Variant]],
               alternatives: list[tuple[tuple[str, ...], list[list[Variant]]]]) -> bool:
    """Continue `lines` with one of several renderings, each under its own conditions: the
    first line of each joins the line being written (as a variant of it), the rest follow.
    Contradictory variants are left out; False if a line had to be cut to MAX_VARIANTS."""
    open_line = lines.pop()
    still_open: list[Variant] = []
    whole = True
    for conditions, sub in alternatives:
        first = []
        for c, text in open_line:
            for sc, more in sub[0]:
                joined = join_conditions(c, conditions + sc)
                if joined is not None:
                    first.append((joined, text + more))
        if len(sub) == 1:
            still_open += first
            continue
        lines.append(first)
        lines.extend([(conditions + sc, more) for sc, more in line] for line in sub[1:-1])
        still_open += [(conditions + sc, more) for sc, more in sub[-1]]
    if len(still_open) > MAX_VARIANTS:
        still_open, whole = still_open[:MAX_VARIANTS], False
    lines.append(still_open)
    return whole


def in_prose(text: str, find: str) -> int:
    """Where `find` is first written in the text of a passage outside a macro (else where it
    is first written at all, or -1)."""
    first = at = text.find(find)
    while at >= 0:
        line_start = text.rfind("\n", 0, at) + 1
        before = text[line_start:at]
        if before.rfind("<<") <= before.rfind(">>") and not re.search(r"\([\w-]+:[^)]*$", before):
            return at
        at = text.find(find, at + 1)
    return first
