"""Reading the text of a Twine passage for `python main.py import`: the passage markup of
SugarCube and Harlowe parsed into a small tree, and the simple changes and conditions that can
become effects and `if:`. game/twine_read.py reads the passages from the file;
game/twine_convert.py turns the trees into scenes. Standard library only; nothing here runs any
code.

A passage body becomes a list of nodes: plain text (str), Link, Macro (any macro or HTML tag,
kept whole) and Block (an if / else-if / else with a body per branch).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .story.conditions import BOOL, NUMBER


# -- passage markup ------------------------------------------------------------------------
@dataclass
class Link:
    text: str
    target: str
    setter: str | None  # SugarCube [[text|target][$x to 1]]
    raw: str


@dataclass
class Macro:
    """A macro (name "set", "goto", ...) or an HTML tag (name ""), kept as written."""

    raw: str
    name: str
    args: str


@dataclass
class Branch:
    condition: str | None  # None: the else branch
    opening: str  # what was written before the body, like "<<elseif $x>>" or "(if: $x)["
    body: list[Node]
    closing: str = ""  # "]" after a Harlowe hook
    negate: bool = False  # Harlowe (unless:)


@dataclass
class Block:
    branches: list[Branch]
    closing: str = ""  # "<</if>>"
    closed: bool = True


Node = str | Link | Macro | Block

_START = re.compile(r"\[\[|<<|\((?P<harlowe>[A-Za-z][\w-]*):"
                    r"|(?P<html><!--.*?-->|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>)", re.DOTALL)
_SUGARCUBE_NAME = re.compile(r"\s*(/?[A-Za-z][\w-]*)\s*(.*)", re.DOTALL)
_HARLOWE_ELSE = re.compile(r"[ \t]*\r?\n?[ \t]*\((else-if|elseif|else):", re.IGNORECASE)
_IF_ENDS = {"elseif", "else", "/if", "endif"}


def parse_body(text: str, dialect: str = "") -> list[Node]:
    """The nodes of a passage's text. `dialect` "sugarcube" reads "(name: ...)" as text, and
    "harlowe" reads "<<...>>" as text; "" reads both kinds of macro."""
    return _parse(text, 0, frozenset(), dialect)[0]


def walk(nodes: list[Node]) -> Iterator[Node | Branch]:
    """Every node, and every branch of a Block, depth first, in the order written."""
    for node in nodes:
        yield node
        if isinstance(node, Block):
            for branch in node.branches:
                yield branch
                yield from walk(branch.body)


def _parse(text: str, position: int, stops: frozenset[str],
           dialect: str) -> tuple[list[Node], int, tuple | None]:
    """Nodes from `position` up to the end, or up to a SugarCube tag named in `stops`
    (returned as (name, args, raw) with the position after it)."""
    nodes: list[Node] = []
    while True:
        match = _START.search(text, position)
        if not match:
            _text(nodes, text[position:])
            return nodes, len(text), None
        _text(nodes, text[position:match.start()])
        start, token = match.start(), match.group()
        if (dialect == "harlowe" and token == "<<") or (dialect == "sugarcube"
                                                        and match.group("harlowe")):
            _text(nodes, token)
            position = match.end()
        elif match.group("html"):
            nodes.append(Macro(token, "", ""))
            position = match.end()
        elif token == "[[":
            end = text.find("]]", start + 2)
            if end < 0:
                _text(nodes, token)
                position = start + 2
                continue
            nodes.append(_link(text[start:end + 2]))
            position = end + 2
        elif token == "<<":
            end = text.find(">>", start + 2)
            if end < 0:
                _text(nodes, token)
                position = start + 2
                continue
            raw = text[start:end + 2]
            named = _SUGARCUBE_NAME.match(raw[2:-2])
            name, args = named.groups() if named else ("", raw[2:-2])
            position = end + 2
            if name == "else" and args.startswith("if "):  # `<<else if ...>>`, an old spelling
                name, args = "elseif", args[3:]
            if name in stops:
                return nodes, position, (name, args.strip(), raw)
            if name == "if":
                block, position = _sugarcube_if(text, position, args.strip(), raw, dialect)
                nodes.append(block)
            else:
                nodes.append(Macro(raw, name, args.strip()))
        else:
            end = _matching(text, start, "(", ")")
            if end < 0:
                _text(nodes, token)
                position = match.end()
                continue
            raw, name = text[start:end + 1], match.group("harlowe").lower()
            hook = _hook(text, end + 1) if name in ("if", "unless") else None
            if hook is None:
                nodes.append(Macro(raw, name, raw[match.end() - start:-1].strip()))
                position = end + 1
            else:
                block, position = _harlowe_if(text, start, end, name, hook, dialect)
                nodes.append(block)


def _text(nodes: list[Node], text: str) -> None:
    if text:
        if nodes and isinstance(nodes[-1], str):
            nodes[-1] += text
        else:
            nodes.append(text)


def _link(raw: str) -> Link:
    """[[text->target]], [[target<-text]], [[text|target]] or [[target]] (Twine 2's rules:
    the rightmost -> and the leftmost <- divide), with an optional SugarCube setter."""
    inner, setter = raw[2:-2], None
    if "][" in inner:
        inner, setter = inner.split("][", 1)
    if "->" in inner:
        text, target = inner.rsplit("->", 1)
    elif "<-" in inner:
        target, text = inner.split("<-", 1)
    elif "|" in inner:
        text, target = inner.split("|", 1)
    else:
        text = target = inner
    return Link(text.strip() or target.strip(), target.strip(), setter, raw)


def _matching(text: str, start: int, opening: str, closing: str) -> int:
    """The index of the bracket closing the one at `start` (-1 if none). Inside round
    brackets, quoted strings are skipped; inside hooks they are not (prose has apostrophes)."""
    depth, index, quote = 0, start, None
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = None
        elif char in "\"'" and opening == "(":
            quote = char
        elif char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def _hook(text: str, position: int) -> tuple[int, int] | None:
    """(start, end) of a Harlowe hook `[...]` right after a macro, spaces allowed."""
    while position < len(text) and text[position] in " \t":
        position += 1
    if position < len(text) and text[position] == "[" and not text.startswith("[[", position):
        end = _matching(text, position, "[", "]")
        if end > 0:
            return position, end
    return None


def _sugarcube_if(text: str, position: int, condition: str, opening: str,
                  dialect: str) -> tuple[Block, int]:
    branches: list[Branch] = []
    current: str | None = condition
    while True:
        body, position, stop = _parse(text, position, frozenset(_IF_ENDS), dialect)
        branches.append(Branch(current, opening, body))
        if stop is None:
            return Block(branches, closed=False), position
        name, args, opening = stop
        if name in ("/if", "endif"):
            return Block(branches, closing=opening), position
        if current is None:  # something after <<else>>: keep it as text
            return Block(branches, closed=False), position - len(opening)
        current = None if name == "else" else args


def _harlowe_if(text: str, start: int, close: int, name: str, hook: tuple[int, int],
                dialect: str) -> tuple[Block, int]:
    """(if:)[...] or (unless:)[...], with any (else-if:)[...] and (else:)[...] after it;
    `start` and `close` are where the first macro begins and ends."""
    branches: list[Branch] = []
    args = text[text.index(":", start) + 1:close].strip()
    while True:
        hook_start, hook_end = hook
        branches.append(Branch(None if name == "else" else args, text[start:hook_start + 1],
                               parse_body(text[hook_start + 1:hook_end], dialect), "]",
                               name == "unless"))
        position = hook_end + 1
        follow = _HARLOWE_ELSE.match(text, position)
        if name == "else" or not follow:
            return Block(branches), position
        close = _matching(text, follow.start(1) - 1, "(", ")")
        hook = _hook(text, close + 1) if close > 0 else None
        if hook is None:
            return Block(branches), position
        start, name, args = position, follow.group(1).lower(), text[follow.end():close].strip()


# -- expressions: the changes and conditions that can be converted ---------------------------
def _number(text: str) -> int | float | None:
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return None


_ASSIGN = re.compile(r"\$([A-Za-z_]\w*)\s*(to|=|\+=|-=)\s*(.+)", re.DOTALL)
_STEP = re.compile(r"(?:it|\$([A-Za-z_]\w*))\s*([+-])\s*(\d+(?:\.\d+)?)")


def parse_sets(args: str) -> list[tuple[str, str, Any]] | None:
    """`$x to 5, $y += 1` as [(name, "set" or "add", value)], or None if any part is more
    than a number or true/false (a text, a sum of variables, a random number ...)."""
    changes = []
    for part in args.split(","):
        match = _ASSIGN.fullmatch(part.strip())
        if not match:
            return None
        name, operator, value = match.group(1), match.group(2), match.group(3).strip()
        step = _STEP.fullmatch(value)
        if operator in ("+=", "-="):
            amount = _number(value)
            if amount is None:
                return None
            changes.append((name, "add", amount if operator == "+=" else -amount))
        elif value in ("true", "false"):
            changes.append((name, "set", value == "true"))
        elif _number(value) is not None:
            changes.append((name, "set", _number(value)))
        elif step and step.group(1) in (None, name):
            amount = _number(step.group(3))
            changes.append((name, "add", amount if step.group(2) == "+" else -amount))
        else:
            return None
    return changes


_CONDITION = re.compile(r"\s*(?:(?P<var>\$[A-Za-z_]\w*)|(?P<num>\d+(?:\.\d+)?)"
                        r"|(?P<op>is\s+not\b|>=|<=|===|!==|==|!=|&&|\|\||[<>()!+-])"
                        r"|(?P<word>[A-Za-z]\w*))")
_WORDS = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<", "eq": "==", "is": "==", "neq": "!=",
          "isnot": "!=", "and": "and", "or": "or", "not": "not", "true": "true", "false": "false"}
_OPS = {"===": "==", "!==": "!=", "&&": "and", "||": "or", "!": "not"}
_COMPARE = {"==", "!=", "<", "<=", ">", ">="}


def condition_tokens(source: str) -> list[tuple[str, str]] | None:
    """A SugarCube or Harlowe condition as (kind, value) tokens in our words, or None if it
    uses anything but variables, numbers, true/false, comparisons, and, or, not, brackets."""
    tokens, position, source = [], 0, source.strip()
    while position < len(source):
        match = _CONDITION.match(source, position)
        if not match:
            return None
        position, kind = match.end(), match.lastgroup
        value = match.group(kind)
        if kind == "var":
            value = value[1:]
        elif kind == "op":
            value = "!=" if value.startswith("is") else _OPS.get(value, value)
        elif kind == "word":
            if value not in _WORDS:
                return None
            value = _WORDS[value]
            kind = "bool" if value in ("true", "false") else "op"
        tokens.append((kind, value))
    return tokens or None


def kinds_in(tokens: list[tuple[str, str]]) -> dict[str, str]:
    """What each variable in a condition seems to be: compared with a number, a number;
    on its own or compared with true/false, a flag."""
    kinds: dict[str, str] = {}
    for index, (kind, value) in enumerate(tokens):
        if kind != "var":
            continue
        near = [tokens[j] for j in (index - 1, index + 1) if 0 <= j < len(tokens)]
        compared = [j for j in (index - 1, index + 1)
                    if 0 <= j < len(tokens) and tokens[j][1] in _COMPARE]
        if compared:
            j = compared[0] * 2 - index  # the operand on the other side
            while 0 <= j < len(tokens) and tokens[j][1] == "-":
                j += 1
            other = tokens[j][0] if 0 <= j < len(tokens) else ""
            if other in ("num", "bool"):
                kinds.setdefault(value, NUMBER if other == "num" else BOOL)
        elif any(v in ("+", "-") for _, v in near):
            kinds.setdefault(value, NUMBER)
        else:
            kinds.setdefault(value, BOOL)
    return kinds
