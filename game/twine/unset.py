"""Variables a Twine story has not given a value yet, for `python main.py import`. A scenario
variable always has a value (0, false or "" when nothing sets it), but a SugarCube or Chapbook
variable that no start-up passage sets is JavaScript's `undefined` until the story first sets
it, and `undefined` answers differently: every comparison with it is false (`$gold lt 5`,
`$n is 0`, `$met is false`, `$name is ""`), `$x isnot 0` is true, and a step (`$gold += 1`)
makes NaN. A test of truth alone (`<<if $x>>`, `not $x`) is the same, since `undefined`
is false like 0, false and "". In Harlowe a story variable never set is the number 0: a
number compares as 0 does, but 0 is no text and no true/false.

So a comparison of such a variable that the scenario's 0, false or "" would answer otherwise
reads the flag of game/twine/defined.py too, `x_defined`, that every change of it sets:
`x_defined and x < 5`, and `not x_defined or x != 0`. Where the flag cannot follow every
change, or the comparison is more than the variable and a literal, it is reported; so is a
step where the variable may have no value yet. Standard library only; nothing here runs any
code.
"""
from __future__ import annotations

import operator
from typing import Any

from .body import Container, Link, Macro, Node, walk
from .expr import COMPARE, condition_tokens, flat_name, parse_sets
from .values import ASSIGNED

Token = tuple[str, Any]
_LITERAL = ("num", "str", "bool")
_ARITHMETIC = {"+", "-"}
_PLAIN = ("included", "silently", "nobr")  # hold what is written as if written here


def _top(nodes: list[Node]):
    """The nodes of a passage that always run, in order (not those under a test or a link)."""
    for node in nodes:
        if isinstance(node, Container) and node.name in _PLAIN:
            yield from _top(node.body)
        else:
            yield node


def given_at_start(starting: list[list[Node]], start: list[Node]) -> set[str]:
    """The variables that have a value from the start: set to a value in a start-up passage
    (StoryInit, a startup-tagged passage), or at the top of the start passage before anything
    else but text. A step does not count: it steps what may have no value."""
    found: set[str] = set()

    def sets(node: Node) -> list | None:
        if isinstance(node, Macro) and node.name in ("set", "put"):
            return parse_sets(node.args, node.name == "put", "")
        return None

    for tree in starting:  # one the import cannot read is reported there: given, still
        for node in _top(tree):
            changes = sets(node)
            found |= {name for name, op, _ in changes if op == "set"} if changes is not None \
                else {flat_name(next(g for g in m if g)) or "" for m in ASSIGNED.findall(
                    getattr(node, "args", "") or "")}
    for node in _top(start):
        if isinstance(node, str):
            continue
        changes = sets(node)
        if changes is None:
            break
        found |= {name for name, op, _ in changes if op == "set"}
    return found


def tested_names(trees: list[list[Node]], chapbook: bool, unset: set[str] | None = None,
                 rule: str = "") -> set[str]:
    """The variables the story's tests read; with `unset` (the variables with no starting
    value, and the `rule` for them), only those of them some comparison needs a flag for."""
    found: set[str] = set()
    for tree in trees:
        for node in walk(tree):
            condition = getattr(node, "condition", None)
            tokens = condition_tokens(condition, "", chapbook) if condition else None
            if not tokens:
                continue
            if unset is None:
                found |= {value for kind, value in tokens if kind in ("var", "path")}
            else:
                found |= {name for name, verdict, _ in _comparisons(tokens, unset, rule, set())
                          if verdict == "flag"}
    return found


def _role(tokens: list[Token], index: int) -> str:
    """How a test uses the variable at `index`: "truth" (alone, or under not/and/or),
    "compare" (compared with something) or "compute" (added to)."""
    near = {tokens[j][1] for j in (index - 1, index + 1) if 0 <= j < len(tokens)
            if tokens[j][0] == "op"}
    if near & _ARITHMETIC:
        return "compute"
    return "compare" if near & COMPARE else "truth"


def _literal_after(tokens: list[Token], at: int) -> int | None:
    """Where a literal starting at `at` ends (a number may have a minus before it)."""
    if at < len(tokens) and tokens[at] == ("op", "-") and at + 1 < len(tokens) and \
            tokens[at + 1][0] == "num":
        return at + 1
    return at if at < len(tokens) and tokens[at][0] in _LITERAL else None


def _alone(tokens: list[Token], start: int, end: int) -> bool:
    """Whether tokens[start:end + 1] is a whole comparison: nothing computes with it or
    compares it again."""
    outside = {tokens[j][1] for j in (start - 1, end + 1) if 0 <= j < len(tokens)
               if tokens[j][0] == "op"}
    return not outside & (_ARITHMETIC | COMPARE)


_ORDER = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
          ">": operator.gt, ">=": operator.ge}
_DEFAULT = {"num": 0, "str": "", "bool": False}  # a scenario variable nothing has set yet


def _verdict(operator_: str, literal: Token, rule: str) -> str:
    """What a comparison of an unset variable with a literal needs: "same" (the scenario's
    starting value 0, "" or false answers as Twine does), "flag" (it answers otherwise, and
    the flag gives Twine's answer) or "report" (the flag cannot)."""
    kind, value = literal
    value = value == "true" if kind == "bool" else value
    ours = _ORDER[operator_](_DEFAULT[kind], value)
    undefined = operator_ == "!="  # JavaScript: every comparison with undefined is false
    zero = _ORDER[operator_](0, value) if kind == "num" else (
        undefined if operator_ in ("==", "!=") else None)  # Harlowe: 0, no text to order
    twine = {"undefined": undefined, "zero": zero,
             "either": undefined if undefined == zero else None}[rule]
    if twine is None:
        return "report"
    return "same" if twine == ours else "flag" if twine == undefined else "report"


def _comparisons(tokens: list[Token], unset: set[str], rule: str, numbers: set[str]):
    """Each use of an unset variable in a test that is more than a test of truth: (variable,
    verdict, (start, end, operator) of the comparison or None)."""
    for index, (kind, value) in enumerate(tokens):
        if kind not in ("var", "path") or value not in unset:
            continue
        role = _role(tokens, index)
        if role == "truth" or (rule == "zero" and value in numbers):
            continue
        if role == "compute" or kind == "path":
            yield value, "report", None
            continue
        if index + 1 < len(tokens) and tokens[index + 1][1] in COMPARE:
            start, end, operator_ = index, _literal_after(tokens, index + 2), tokens[index + 1]
        else:
            end, start, operator_ = index, index - 2, tokens[index - 1]
            if start < 0 or tokens[start][0] not in _LITERAL:
                start = None
        if start is None or end is None or not _alone(tokens, start, end):
            yield value, "report", None
            continue
        literal = tokens[end] if start == index else tokens[start]
        if literal[0] == "num":
            number = float(literal[1])
            literal = ("num", -number if start == index and tokens[end - 1] == ("op", "-")
                       else number)
        if start != index and operator_[1] not in ("==", "!="):  # 5 > $n: $n < 5
            operator_ = ("op", {"<": ">", ">": "<", "<=": ">=", ">=": "<="}[operator_[1]])
        yield value, _verdict(operator_[1], literal, rule), (start, end, operator_[1])


def guarded(tokens: list[Token], unset: set[str], flags: dict[str, str], rule: str,
            numbers: set[str] = frozenset()) -> tuple[list[Token] | None, str]:
    """The tokens with each comparison of a variable in `unset` that the scenario's starting
    value would answer otherwise than Twine written to read its flag (`flags`), or None and
    the variable that could not be kept exact. `rule` says what an unset variable is:
    "undefined" (SugarCube, Chapbook), "zero" (Harlowe: 0, which equals no text and no
    true/false; `numbers`, the variables holding numbers, compare as here) or "either" (the
    format is not known: only what both answer alike is kept)."""
    spans: dict[int, tuple[int, str, str]] = {}  # start -> (end, variable, operator)
    for name, verdict, span in _comparisons(tokens, unset, rule, numbers):
        if verdict == "report" or (verdict == "flag" and name not in flags):
            return None, name
        if verdict == "flag":
            start, end, operator_ = span
            spans[start] = (end, name, operator_)
    if not spans:
        return tokens, ""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        if index not in spans:
            out.append(tokens[index])
            index += 1
            continue
        end, name, operator_ = spans[index]
        flag = ("var", flags[name])
        guard = [("op", "not"), flag, ("op", "or")] if operator_ == "!=" else \
            [flag, ("op", "and")]
        out += [("op", "("), *guard, *tokens[index:end + 1], ("op", ")")]
        index = end + 1
    return out, ""


def unproven_steps(trees: dict[str, list[Node]], unset: set[str]) -> set[str]:
    """The changes (as written) that step a variable in `unset` where it may have no value
    yet: every step but one that follows, in the part of the same passage that always runs,
    a change setting that variable to a value."""
    found: set[str] = set()
    for tree in trees.values():
        known: set[str] = set()
        top = {id(node) for node in _top(tree)}
        for node in walk(tree):
            if isinstance(node, Link):
                raw, args, put = node.raw, node.setter, False
            elif isinstance(node, Macro) and node.name in ("set", "put"):
                raw, args, put = node.raw, node.args, node.name == "put"
            else:
                continue
            here = set(known)
            for name, op, _ in parse_sets(args or "", put, "") or ():
                if op == "add" and name in unset and name not in here:
                    found.add(raw)
                elif op == "set":
                    here.add(name)
            if id(node) in top:
                known = here
    return found
