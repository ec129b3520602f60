"""The changes and conditions of a Twine story that can become effects and `if:`, for
`python main.py import`. parse_sets reads SugarCube `<<set>>` and Harlowe `(set:)`/`(put:)`;
condition_tokens reads `<<if>>` and `(if:)` tests. Anything else is None, so the caller can say
exactly what did not convert. Standard library only; nothing here runs any code.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..story.conditions import BOOL, NUMBER, TEXT, ConditionError, parse_condition

Change = tuple[str, str, Any]  # (variable, "set" or "add", value)

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_STRING = re.compile(r"""(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""", re.DOTALL)
_VAR = r"""\$([A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[(?:'[^'\\]*'|"[^"\\]*"|\d+)\])*)"""
_ASSIGN = re.compile(_VAR + r"\s*(to|=|\+=|-=)\s*(.+)", re.DOTALL)
_STEP = re.compile(_VAR + r"\s*(\+\+|--)|(\+\+|--)\s*" + _VAR)
_SELF = re.compile(r"(?:it|" + _VAR + r")\s*([+-])\s*(\d+(?:\.\d+)?)")
_PUT = re.compile(r"(.+?)\s+into\s+" + _VAR, re.DOTALL)
_KEY = re.compile(r"""\s*(?:"([^"\\]*)"|'([^'\\]*)'|([A-Za-z_]\w*))\s*:\s*(.+)""", re.DOTALL)
_NOT_PARTS = {"length", "size", "count", "keys", "values"}  # what an array or text has
# The name of the passage being shown, as each format writes it: SugarCube passage(),
# State.passage and State.active.title; Harlowe (passage:)'s name; Chapbook passage.name.
_HERE = (r"""(?P<here>(?<![\w.$])passage\(\s*\)|\bState\.(?:active\.title|passage)\b"""
         r"""|\(passage:\s*\)\s*'s\s+name\b|\bname\s+of\s+\(passage:\s*\)"""
         r"""|(?<![\w.$])passage\.name\b)""")
_HERE_OR_QUOTED = re.compile(_HERE + r"""|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'""")


def flat_name(written: str) -> str | None:
    """`player.gold` or `quests['Lost ring'].step` as one name, player_gold or
    quests_lost_ring_step (None for a part that is not a stored value, such as .length)."""
    names = re.findall(r"""\.?([A-Za-z_]\w*)|\[(?:'([^']*)'|"([^"]*)"|(\d+))\]""", written)
    words = [next(p for p in part if p) for part in names]
    if len(words) > 1 and words[-1] in _NOT_PARTS:
        return None
    return "_".join(re.sub(r"\W+", "_", word).strip("_") or "_" for word in words)


def _object(text: str, prefix: str) -> list[Change] | None:
    """`{gold: 10, place: "Bank", stats: {str: 1}}` as changes to prefix_gold ... (None if
    any part is more than a literal or another such object)."""
    inner = text.strip()
    if not (inner.startswith("{") and inner.endswith("}")):
        return None
    changes: list[Change] = []
    for part in split_top(inner[1:-1], ","):
        match = _KEY.fullmatch(part)
        if not match:
            return None
        key = re.sub(r"\W+", "_", next(g for g in match.groups()[:3] if g is not None))
        value = match.group(4).strip()
        literal = literal_value(value)
        if literal is not None:
            changes.append((f"{prefix}_{key}", "set", literal))
            continue
        nested = _object(value, f"{prefix}_{key}")
        if nested is None:
            return None
        changes += nested
    return changes


def _number(text: str) -> int | float | None:
    if not _NUMBER.fullmatch(text):
        return None
    return float(text) if "." in text else int(text)


def literal_value(text: str) -> bool | int | float | str | None:
    """A literal: a number, true/false or a quoted text (None: anything else)."""
    if text in ("true", "false"):
        return text == "true"
    number = _number(text)
    if number is not None:
        return number
    match = _STRING.fullmatch(text)
    if match:
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        return re.sub(r"\\(.)", r"\1", quoted)
    return None


def split_top(text: str, separators: str = ",;") -> list[str]:
    """`text` cut at the separators that are not inside quotes or brackets."""
    parts, depth, quote, current = [], 0, None, []
    index = 0
    while index < len(text):
        char = text[index]
        current.append(char)
        if quote:
            if char == "\\" and index + 1 < len(text):
                current.append(text[index + 1])
                index += 1
            elif char == quote:
                quote = None
        elif char in "\"'`":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char in separators and depth == 0:
            current.pop()
            parts.append("".join(current))
            current = []
        index += 1
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def here_named(code: str, here: str | None) -> str:
    """`code` with each name of the passage being shown (passage(), (passage:)'s name,
    passage.name ...) written as the quoted text `here`: in a passage, that name is known
    before the story runs. An included passage asks the same of the passage that includes
    it, so `here` is always the passage the reader is on. None (the story's start-up
    passages, shown before any passage) or a name holding both quote marks leaves the code
    as written."""
    if here is None or ('"' in here and "'" in here) or "passage" not in code:
        return code
    quoted = f'"{here}"' if '"' not in here else f"'{here}'"
    return _HERE_OR_QUOTED.sub(lambda m: quoted if m.group("here") else m.group(), code)


def parse_sets(args: str, harlowe_put: bool = False, here: str | None = None
               ) -> list[Change] | None:
    """`$x to 5, $y += 1, $z++, $name to "Sam"` as [(name, "set" or "add", value)], or None
    if any part is more than a literal or a step of the variable itself (another variable,
    a sum of variables, a random number, a temporary _variable ...). With `harlowe_put`,
    the parts are `value into $x`. A value that is a test of literals alone (`"a" == "b"`,
    once `here` has named the passage being shown) is the true or false it always gives."""
    changes = _parse_sets(here_named(args, here), harlowe_put)  # read once: a story
    return None if changes is None else list(changes)  # repeats its changes


@lru_cache(maxsize=4096)
def _parse_sets(args: str, harlowe_put: bool) -> tuple[Change, ...] | None:
    changes: list[Change] = []
    for part in split_top(args):
        if harlowe_put:
            put = _PUT.fullmatch(part)
            if not put:
                return None
            part = f"${put.group(2)} to {put.group(1).strip()}"
        step = _STEP.fullmatch(part)
        if step:
            name = flat_name(step.group(1) or step.group(4))
            sign = step.group(2) or step.group(3)
            if name is None:
                return None
            changes.append((name, "add", 1 if sign == "++" else -1))
            continue
        match = _ASSIGN.fullmatch(part)
        if not match or flat_name(match.group(1)) is None:
            return None
        name, operator, value = flat_name(match.group(1)), match.group(2), match.group(3).strip()
        if operator in ("to", "=") and value.startswith("{"):
            fields = _object(value, name)
            if fields is None:
                return None
            changes += fields
            continue
        if operator in ("+=", "-="):
            amount = _number(value)
            if amount is None:
                return None
            changes.append((name, "add", amount if operator == "+=" else -amount))
            continue
        literal = literal_value(value)
        if literal is not None:
            changes.append((name, "set", literal))
            continue
        own = _SELF.fullmatch(value)
        if own and (own.group(1) is None or flat_name(own.group(1)) == name):
            amount = _number(own.group(3))
            changes.append((name, "add", amount if own.group(2) == "+" else -amount))
            continue
        fixed = constant_test(value)
        if fixed is not None:
            changes.append((name, "set", fixed))
            continue
        return None
    return tuple(changes) or None


_PAGE_SETTING = re.compile(r"Config\.(?:saves|ui|audio|debug|loadDelay|history\.controls)"
                           r"\b[\w.]*\s*(?:to|=(?!=))\s*(?:true|false|-?\d+(?:\.\d+)?|"
                           r"\"[^\"\\\\]*\"|'[^'\\\\]*')")


def page_settings(args: str) -> bool:
    """Whether a SugarCube `<<set>>` only changes how Twine's page works: its saves, its
    history buttons, its menus, its sound or debug view (`Config.saves.autosave to false`),
    set to a literal. Nothing in the story can read those, so leaving them out changes no
    scene. Other Config settings (the start passage, line breaks, navigation) can change
    the story and are not these."""
    parts = split_top(args)
    return bool(parts) and all(_PAGE_SETTING.fullmatch(part) for part in parts)


def constant_test(source: str) -> bool | None:
    """The result of a test that names no variable and no passage seen, only literals
    (`'brief' == 'brief' || 'brief' == 'rules'`), or None for anything else. Read with the
    scenario's own condition parser, which refuses to mix kinds (so `"a" or 1`, which
    JavaScript would answer with a text or a number, is None too)."""
    tokens = condition_tokens(source)
    if not tokens or any(kind not in ("str", "num", "bool", "op") for kind, _ in tokens):
        return None
    if any(kind == "str" and '"' in value for kind, value in tokens):
        return None
    return _result(" ".join(f'"{value}"' if kind == "str" else str(value)
                            for kind, value in tokens))


def _result(text: str) -> bool | None:
    """What one of our conditions without names gives, if it is true or false."""
    try:
        result = parse_condition(text, {}).evaluate({}, {})
    except ConditionError:
        return None
    return result if isinstance(result, bool) else None


_CONDITION = re.compile(
    r"""\s*(?:(?P<var>\$[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[(?:'[^'\\]*'|"[^"\\]*"|\d+)\])*)"""
    r"""|(?P<num>\d+(?:\.\d+)?)"""
    r"""|(?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
    r"""|(?P<call>(?:hasVisited|visited)\s*\(\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')?\s*\))"""
    r"""|(?P<hvisited>\(visited:\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\))"""
    r"""|(?P<history>\(history:\)\s+contains\s+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'))"""
    r"""|(?P<op>is\s+not\b|>=|<=|===|!==|==|!=|&&|\|\||[<>()!+-])"""
    r"""|(?P<word>[A-Za-z]\w*))""")
_WORDS = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<", "eq": "==", "is": "==", "neq": "!=",
          "isnot": "!=", "and": "and", "or": "or", "not": "not", "true": "true", "false": "false"}
_OPS = {"===": "==", "!==": "!=", "&&": "and", "||": "or", "!": "not"}
COMPARE = {"==", "!=", "<", "<=", ">", ">="}


def _quoted(text: str) -> str:
    match = _STRING.search(text)
    if not match:
        return ""
    return re.sub(r"\\(.)", r"\1", match.group(1) if match.group(1) is not None else match.group(2))


def condition_tokens(source: str, here: str = "", bare: bool = False
                     ) -> list[tuple[str, Any]] | None:
    """A SugarCube or Harlowe condition as (kind, value) tokens in our words, or None if it
    uses anything but variables, numbers, texts, true/false, comparisons, and, or, not,
    brackets and the visit tests. A visit test is ("visited" or "visits", passage name);
    `here` is the passage the reader is on (for `visited()` and the passage's own name,
    game/twine/expr.py here_named). With `bare` (Chapbook), a plain word is a variable.
    A fresh list each time, read once per text: the import asks about each test several times."""
    tokens = _condition_tokens(source, here, bare)
    return None if tokens is None else list(tokens)


@lru_cache(maxsize=8192)
def _condition_tokens(source: str, here: str, bare: bool) -> tuple[tuple[str, Any], ...] | None:
    tokens: list[tuple[str, Any]] = []
    position, source = 0, here_named(source, here or None).strip()
    while position < len(source):
        match = _CONDITION.match(source, position)
        if not match:
            return None
        position, kind = match.end(), match.lastgroup
        value: Any = match.group(kind)
        if kind == "var":
            if "." in value or "[" in value:
                kind = "path"  # a part of an object: converted only if the story sets it
            value = flat_name(value[1:])
            if value is None:
                return None
        elif kind == "str":
            value = _quoted(value)
        elif kind == "call":
            name = _quoted(value) or here
            kind, value = ("visited" if value.startswith("has") else "count"), name
        elif kind in ("hvisited", "history"):
            kind, value = "visited", _quoted(value)
        elif kind == "op":
            value = "!=" if value.startswith("is") else _OPS.get(value, value)
        elif kind == "word" and bare and value not in _WORDS:
            kind = "var"
        elif kind == "word":
            if value not in _WORDS:
                return None
            value = _WORDS[value]
            kind = "bool" if value in ("true", "false") else "op"
        tokens.append((kind, value))
    for index, (kind, value) in enumerate(tokens):  # visited("X"): a count, or "seen" alone
        if kind == "count":
            near = {tokens[j][1] for j in (index - 1, index + 1) if 0 <= j < len(tokens)
                    if tokens[j][0] == "op"}
            tokens[index] = ("visits" if near & (COMPARE | {"+", "-"}) else "visited", value)
    folded = _folded(tokens)
    return tuple(folded) if folded else None


def _folded(tokens: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The tokens with each comparison of two literals (`"Hall" == "Yard"`, as a passage's
    own name gives) written as the true or false it always gives."""
    literal = ("str", "num", "bool")
    index = 0
    while index + 2 < len(tokens):
        left, op, right = tokens[index:index + 3]
        outside = {tokens[j][1] for j in (index - 1, index + 3) if 0 <= j < len(tokens)}
        if left[0] in literal and right[0] in literal and op[0] == "op" and \
                op[1] in COMPARE and not outside & {"+", "-"}:
            words = [f'"{v}"' if k == "str" else str(v) for k, v in (left, op, right)]
            fixed = None if '"' in str(left[1]) + str(right[1]) else _result(" ".join(words))
            if fixed is not None:
                tokens[index:index + 3] = [("bool", "true" if fixed else "false")]
        index += 1
    return tokens


def kinds_in(tokens: list[tuple[str, Any]]) -> dict[str, str]:
    """What each variable in a condition seems to be: compared with a number, a number;
    with a text, a text; on its own or compared with true/false, a flag."""
    kinds: dict[str, str] = {}
    for index, (kind, value) in enumerate(tokens):
        if kind not in ("var", "path"):
            continue
        near = [tokens[j] for j in (index - 1, index + 1) if 0 <= j < len(tokens)]
        compared = [j for j in (index - 1, index + 1)
                    if 0 <= j < len(tokens) and tokens[j][1] in COMPARE and tokens[j][0] == "op"]
        if compared:
            j = compared[0] * 2 - index  # the operand on the other side
            while 0 <= j < len(tokens) and tokens[j][1] == "-":
                j += 1
            other = tokens[j][0] if 0 <= j < len(tokens) else ""
            if other in ("num", "bool", "str"):
                kinds.setdefault(value, {"num": NUMBER, "bool": BOOL, "str": TEXT}[other])
        elif any(v in ("+", "-") for _, v in near):
            kinds.setdefault(value, NUMBER)
        else:
            kinds.setdefault(value, BOOL)
    return kinds


def kind_of(value: Any) -> str:
    return BOOL if isinstance(value, bool) else TEXT if isinstance(value, str) else NUMBER
