"""The condition language used in `if:` lines: parsed and type-checked once, evaluated often.

    trust >= 60 and not paid_fairly
    (power > -20 or visited("ruth-monday")) and chair == "Dev"

A hand-written tokenizer and recursive-descent parser (no `eval`, no Python `ast`): scene files
are shared between trainers, so nothing in them may run as code. Parsing produces a closure
tree (its steps are in condition_steps.py); evaluating it is a few function calls.
"""
from __future__ import annotations

import re
import sys
import threading
from dataclasses import dataclass, field
from operator import eq, ne
from typing import Any, Callable, Mapping

from .condition_steps import (Evaluate, Test, add, both, compare, either, joined_tests,
                              subtract)
from .problems import did_you_mean

MAX_LENGTH = 1000
MAX_DEPTH = 40

NUMBER, BOOL, TEXT = "number", "yes/no", "text"
_COMPARE = {"==", "!=", "<", "<=", ">", ">="}
_FUNCTIONS = {"visited": BOOL, "visits": NUMBER}

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<text>"[^"\n]*"|'[^'\n]*')
  | (?P<op>==|!=|<=|>=|<|>|\(|\)|,|\+|-)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
""", re.VERBOSE)

_HINTS = {
    "=": 'use "==" to compare (a single "=" is not allowed here)',
    "&": 'use "and"', "&&": 'use "and"', "|": 'use "or"', "||": 'use "or"',
    "!": 'use "not" (or "!=" for "is not equal to")',
}

class ConditionError(Exception):
    """A condition that cannot be used; `offset` is the 0-based character it concerns."""

    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class Condition:
    """A parsed condition. Call `holds(values, visits)` to test it."""

    text: str
    names: frozenset[str]
    scenes: tuple[tuple[str, int], ...]  # (scene id, offset) named in visited()/visits()
    _evaluate: Evaluate = field(repr=False, compare=False)
    counted: frozenset[str] = frozenset()  # scenes whose visit *count* matters (visits())
    largest: float = 0  # the largest number written in the condition
    uncapped: frozenset[str] = frozenset()  # counts compared with variables or other counts

    def visit_cap(self, scene: str) -> int | None:
        """Visits of `scene` beyond this number cannot change the result (None: any may)."""
        if scene in self.uncapped:
            return None
        return int(self.largest) + 1 if scene in self.counted else 1

    def holds(self, values: Mapping[str, Any], visits: Mapping[str, int]) -> bool:
        return bool(self._evaluate(values, visits))

    @property
    def evaluate(self) -> Evaluate:
        """The bare test behind holds(): truthy when the condition holds. For loops that test
        conditions at every choice, where the call to holds() itself shows."""
        return self._evaluate


@dataclass
class _Token:
    kind: str
    value: str
    offset: int


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            bad = text[position]
            pair = text[position:position + 2]
            hint = _HINTS.get(pair) or _HINTS.get(bad)
            if hint is None and bad in "\"'":
                hint = "this quote is never closed"
            raise ConditionError(hint or f'"{bad}" cannot be used in a condition', position)
        kind = match.lastgroup
        if kind != "space":
            tokens.append(_Token(kind, match.group(), position))
        position = match.end()
    tokens.append(_Token("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str, names: Mapping[str, str]):
        self.text = text
        self.names = names
        self.tokens = _tokenize(text)
        self.index = 0
        self.depth = 0
        self.used: set[str] = set()
        self.scenes: list[tuple[str, int]] = []
        self.counted: set[str] = set()
        self.uncapped: set[str] = set()
        self.largest: float = 0
        # What a part is when it is a plain name or a written value: ("name", word) or
        # ("value", value). Comparing such a pair becomes one step (condition_steps.compare).
        self.plain: dict[Evaluate, tuple[str, Any]] = {}
        # A yes/no part that is one test of one name, as (name, test, value): it holds when
        # test(values[name], value) does. Two joined by "and" or "or" become one step (join).
        self.tests: dict[Evaluate, Test] = {}

    # -- helpers -------------------------------------------------------------
    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, value: str, what: str) -> _Token:
        token = self.peek()
        if token.value != value or token.kind == "text":
            raise ConditionError(f'expected {what} here', token.offset)
        return self.take()

    def deeper(self, offset: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError("this condition is nested too deeply", offset)

    def note(self, kind: str, what: Any, evaluate: Evaluate) -> Evaluate:
        """Remember that `evaluate` is a plain name or a written value."""
        self.plain[evaluate] = (kind, what)
        return evaluate

    @staticmethod
    def require(kind: str, want: str, offset: int, role: str) -> None:
        if kind != want:
            raise ConditionError(f"{role} must be {_article(want)}, not {_article(kind)}", offset)

    # -- grammar ---------------------------------------------------------------
    def parse(self) -> tuple[str, Evaluate]:
        if self.peek().kind == "end":
            raise ConditionError("the condition is empty", 0)
        kind, evaluate = self.either()
        token = self.peek()
        if token.kind != "end":
            hint = ' (did you forget "and" or "or"?)' if token.kind in ("name", "number") else ""
            raise ConditionError(f'unexpected "{token.value}"{hint}', token.offset)
        if kind != BOOL:
            raise ConditionError(
                f"a condition must be true or false, but this is {_article(kind)}; "
                "compare it, for example: trust >= 50", 0)
        return kind, evaluate

    def either(self) -> tuple[str, Evaluate]:
        return self.joined("or", self.both)

    def both(self) -> tuple[str, Evaluate]:
        return self.joined("and", self.negation)

    def joined(self, word: str, part: Callable[[], tuple[str, Evaluate]]) -> tuple[str, Evaluate]:
        """`part (word part)*` where every part must be yes/no."""
        start = self.peek().offset
        kind, left = part()
        while self.peek().kind == "name" and self.peek().value == word:
            token = self.take()
            self.require(kind, BOOL, start, f'the part before "{word}"')
            right_kind, right = part()
            self.require(right_kind, BOOL, token.offset + len(word) + 1, f'the part after "{word}"')
            left = self.join(word, left, right)
        return kind, left

    def join(self, word: str, left: Evaluate, right: Evaluate) -> Evaluate:
        """`left and right` or `left or right`: one step when each is one test of one name
        (the usual condition, tested whenever its scene is shown), else a step for each."""
        first, second = self.test_of(left), self.test_of(right)
        if first is None or second is None:
            return either(left, right) if word == "or" else both(left, right)
        return joined_tests(word, first, second)

    def test_of(self, part: Evaluate) -> Test | None:
        """`part` as (name, test, value) (see `tests`), or None. A plain name here is a flag
        (and and or join only yes/no parts), whose value is True or False: it holds when it is
        not False."""
        found = self.tests.get(part)
        if found is None:
            plain = self.plain.get(part)
            if plain is not None and plain[0] == "name":
                found = (plain[1], ne, False)
        return found

    def negation(self) -> tuple[str, Evaluate]:
        token = self.peek()
        if token.kind == "name" and token.value == "not":
            self.take()
            self.deeper(token.offset)
            kind, inner = self.negation()
            self.depth -= 1
            self.require(kind, BOOL, token.offset + 4, 'what follows "not"')
            plain = self.plain.get(inner)
            if plain is not None and plain[0] == "name":  # a flag (see test_of)
                word = plain[1]
                negated = lambda values, visits: not values[word]  # noqa: E731
                self.tests[negated] = (word, eq, False)
                return BOOL, negated
            return BOOL, lambda values, visits: not inner(values, visits)
        return self.comparison()

    def comparison(self) -> tuple[str, Evaluate]:
        first = self.index
        kind, left = self.sum()
        if not (self.peek().kind == "op" and self.peek().value in _COMPARE):
            return kind, left
        parts: list[Evaluate] = []
        while self.peek().kind == "op" and self.peek().value in _COMPARE:
            operator = self.take()
            right_start = self.peek().offset
            right_kind, right = self.sum()
            if right_kind != kind:
                raise ConditionError(
                    f"cannot compare {_article(kind)} with {_article(right_kind)}", right_start)
            if kind != NUMBER and operator.value not in ("==", "!="):
                raise ConditionError(
                    f'"{operator.value}" only compares numbers; use "==" or "!="', operator.offset)
            parts.append(compare(operator.value, left, right, self.plain, self.tests))
            left = right
        self.note_open_counts(self.tokens[first:self.index])
        if len(parts) == 1:
            return BOOL, parts[0]
        return BOOL, lambda values, visits: all(part(values, visits) for part in parts)

    def note_open_counts(self, tokens: list[_Token]) -> None:
        """A visit count compared only with written numbers matters up to the largest of
        them; compared with a variable or another count, every visit may matter."""
        counted = [tokens[i + 2].value[1:-1] for i, token in enumerate(tokens[:-2])
                   if token.kind == "name" and token.value == "visits" and tokens[i + 2].kind == "text"]
        names = [token for token in tokens if token.kind == "name"]
        if counted and len(names) > 1:
            self.uncapped.update(counted)

    def sum(self) -> tuple[str, Evaluate]:
        start = self.peek().offset
        kind, left = self.unary()
        while self.peek().kind == "op" and self.peek().value in ("+", "-"):
            operator = self.take()
            self.require(kind, NUMBER, start, f'the part before "{operator.value}"')
            right_kind, right = self.unary()
            self.require(right_kind, NUMBER, operator.offset + 1, f'the part after "{operator.value}"')
            left = add(left, right) if operator.value == "+" else subtract(left, right)
        return kind, left

    def unary(self) -> tuple[str, Evaluate]:
        token = self.peek()
        if token.kind == "op" and token.value == "-":
            self.take()
            self.deeper(token.offset)
            kind, inner = self.unary()
            self.depth -= 1
            self.require(kind, NUMBER, token.offset + 1, 'what follows "-"')
            plain = self.plain.get(inner)
            if plain is not None and plain[0] == "value":  # a written negative number
                number = -plain[1]
                return NUMBER, self.note("value", number, lambda values, visits: number)
            return NUMBER, lambda values, visits: -inner(values, visits)
        return self.atom()

    def atom(self) -> tuple[str, Evaluate]:
        token = self.take()
        if token.kind == "number":
            number = float(token.value) if "." in token.value else int(token.value)
            self.largest = max(self.largest, number)
            return NUMBER, self.note("value", number, lambda values, visits: number)
        if token.kind == "text":
            word = token.value[1:-1]
            return TEXT, self.note("value", word, lambda values, visits: word)
        if token.kind == "op" and token.value == "(":
            self.deeper(token.offset)
            kind, inner = self.either()
            self.depth -= 1
            self.expect(")", 'a closing ")"')
            return kind, inner
        if token.kind == "name":
            return self.name(token)
        if token.kind == "end":
            raise ConditionError("the condition stops too soon", token.offset)
        raise ConditionError(f'unexpected "{token.value}"', token.offset)

    def name(self, token: _Token) -> tuple[str, Evaluate]:
        word = token.value
        lowered = word.lower()
        if lowered in ("true", "false") and word not in self.names:
            truth = lowered == "true"
            return BOOL, lambda values, visits: truth
        if word in ("and", "or", "not"):
            raise ConditionError(f'"{word}" needs something before it', token.offset)
        if self.peek().kind == "op" and self.peek().value == "(":
            return self.function(token)
        if word not in self.names:
            raise ConditionError(
                f'"{word}" is not a meter, variable or flag of this scenario'
                + did_you_mean(word, self.names), token.offset)
        word = sys.intern(word)  # as a State's names are: found without comparing
        self.used.add(word)
        return self.names[word], self.note("name", word, lambda values, visits: values[word])

    def function(self, token: _Token) -> tuple[str, Evaluate]:
        if token.value not in _FUNCTIONS:
            raise ConditionError(
                f'"{token.value}(...)" is not known; you can use visited("scene") '
                'or visits("scene")', token.offset)
        self.take()  # (
        argument = self.take()
        if argument.kind != "text":
            raise ConditionError(f'{token.value}() takes a scene id in quotes, '
                                 f'like {token.value}("first-meeting")', argument.offset)
        self.expect(")", 'a closing ")"')
        scene = sys.intern(argument.value[1:-1])  # as the runner's scene ids are
        self.scenes.append((scene, argument.offset + 1))
        if token.value == "visited":
            return BOOL, lambda values, visits: visits.get(scene, 0) > 0
        self.counted.add(scene)
        return NUMBER, lambda values, visits: visits.get(scene, 0)


def _article(kind: str) -> str:
    return {NUMBER: "a number", BOOL: "a yes/no value", TEXT: "a piece of text"}[kind]


def parse_condition(text: str, names: Mapping[str, str]) -> Condition:
    """Parse `text` against `names` (name -> NUMBER, BOOL or TEXT).

    Raises ConditionError (and nothing else) for any text that is not a valid condition.
    """
    if not isinstance(text, str):
        raise ConditionError("a condition must be text", 0)
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"this condition is longer than {MAX_LENGTH} characters", MAX_LENGTH)
    parser = _Parser(text, names)
    _, evaluate = parser.parse()
    return Condition(text, frozenset(parser.used), tuple(parser.scenes), evaluate,
                     frozenset(parser.counted), parser.largest, frozenset(parser.uncapped))


# Parsed conditions kept for the life of the process, so a reload or another scenario does not
# parse the same text again. A result depends on the text and on what each word in it names in
# the scenario, so each is kept with those words and their kinds, and reused only where they
# match. A Condition is frozen and holds only frozensets, tuples and closures over written
# values, so sharing one cannot let anyone change it for another. Texts that fail are not kept:
# their message (with its "did you mean") depends on every name of the scenario.
CACHE_SIZE = 4096
_cache: dict[str, tuple[tuple[tuple[str, str | None], ...], Condition]] = {}
_cache_lock = threading.Lock()


def parse_condition_cached(text: str, names: Mapping[str, str]) -> Condition:
    """parse_condition, reusing an earlier result for the same text read with the same names.

    Raises ConditionError exactly as parse_condition does."""
    kept = _cache.get(text) if isinstance(text, str) else None
    if kept is not None:
        words, condition = kept
        if all(names.get(word) == kind for word, kind in words):
            return condition
    condition = parse_condition(text, names)
    # Every word of the text (the name tokens) with what it names here: None for a word that is
    # not a name of this scenario, such as "and", "visited" or "true".
    words = tuple(dict.fromkeys((match.group(), names.get(match.group()))
                                for match in _TOKEN.finditer(text)
                                if match.lastgroup == "name"))
    with _cache_lock:
        if text not in _cache and len(_cache) >= CACHE_SIZE:
            del _cache[next(iter(_cache))]  # the oldest goes first
        _cache[text] = (words, condition)
    return condition

