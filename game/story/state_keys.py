"""What makes two moments of a run the same for everything that can follow: the state search's
key, so that it visits each state that matters once and can finish on a whole scenario.

Two moments at the same scene are merged when no condition or ending that can still be read
(from this scene on) can tell them apart:

- a flag, a text or a number that nothing downstream reads is left out of the key, and so is
  one that every way on sets before reading it;
- a number read downstream only as `name OP written-number` is kept as the *interval* it lies
  in between the cut points that matter here. Effects add to numbers and clamp them to their
  range, so a threshold `trust >= 54` two scenes on, after an option that adds 5, is the cut
  `trust >= 49` here. Adding d and clamping to [lo, hi] maps `after >= c` to `before >= c - d`
  when lo < c <= hi, and to a constant otherwise; a composition of such steps keeps that shape,
  so the cuts gathered backwards over the scene graph are exact, not a guess;
- a number read in any other way (added to another, compared with a variable, or with a
  fraction anywhere in its sums) keeps its exact value;
- a visit count is kept (capped, as conditions read it) only while a condition that reads it
  can still be reached.

The key is a bisimulation: two states with the same key have the same options open, and each
option takes both to states with the same key (or to the same ending). So the merged search
finds exactly the scenes, endings, dead ends and loops of the plain one, in fewer states.

With `endings=False` only the options' conditions count, not the endings' (which ending
`next: end` picks is then left to ending_search.py): still exact for scenes, dead ends, loops
and decisions per path, and far smaller, since the endings read the headline meters, whose
every sum of effects would otherwise matter right up to the last scene.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Any, Iterable

from .conditions import Condition, _tokenize
from .model import END, Effect, Scenario, Variable

EXACT = "exact"  # a number whose exact value matters
LIVE = "live"  # a flag or text that a later condition reads
# More cut points than this for one number at one scene, and its exact value is kept (a loop
# that adds to a number without a bound could otherwise gather cut points for ever).
MAX_CUTS = 1000

_COMPARE = {"==", "!=", "<", "<=", ">", ">="}
_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}
# A cut is (c, strict): the test `value > c` when strict, else `value >= c`.
_CUTS = {">=": (False,), ">": (True,), "<": (False,), "<=": (True,),
         "==": (False, True), "!=": (False, True)}


def condition_reads(condition: Condition, numbers: set[str]) -> dict[str, Any]:
    """What `condition` reads: for each number either the set of its cut points, or EXACT;
    LIVE for every other variable it names. Visit counts are read from `condition.scenes`."""
    reads: dict[str, Any] = {}
    for name, operator, value, _ in _uses(condition, numbers):
        if name not in numbers:
            reads[name] = LIVE
        elif operator is None or reads.get(name) == EXACT:
            reads[name] = EXACT
        else:
            reads[name] = reads.get(name, frozenset()) | _cuts(operator, value)
    return reads


def leanings(condition: Condition | None, numbers: set[str]) -> dict[str, Any]:
    """Which way each variable should go for `condition` to hold, roughly: +1 or -1 for a
    number compared with a written number, True or False for a flag. Only a guide for the
    order in which a search looks (a `not` around brackets is not followed)."""
    found: dict[str, Any] = {}
    for name, operator, _, negated in _uses(condition, numbers) if condition else ():
        if name in numbers:
            if operator in (">=", ">", "<", "<="):
                found[name] = (1 if operator in (">=", ">") else -1) * (-1 if negated else 1)
        elif operator is None:
            found[name] = not negated
    return found


def _uses(condition: Condition, numbers: set[str]) -> Iterable[tuple]:
    """(name, operator, number, negated) for each variable `condition` names: the operator and
    number of `name OP number` (a reversed `number OP name` turned round) when that comparison
    stands alone, else None, None; `negated` when a `not` stands right before it."""
    tokens = _tokenize(condition.text)
    for index, token in enumerate(tokens):
        if token.kind != "name" or token.value not in condition.names:
            continue
        if tokens[index + 1].kind == "op" and tokens[index + 1].value == "(":
            continue  # a function such as visits("x"), not a variable
        if token.value not in numbers:
            following = tokens[index + 1]
            plain = not (following.kind == "op" and following.value in _COMPARE) and not (
                tokens[index - 1].kind == "op" and tokens[index - 1].value in _COMPARE)
            yield token.value, None if plain else "==", None, _not(tokens, index - 1)
            continue
        yield (token.value, *_simple_comparison(tokens, index))


def _not(tokens: list, at: int) -> bool:
    return at >= 0 and tokens[at].kind == "name" and tokens[at].value == "not"


def _simple_comparison(tokens: list, index: int) -> tuple:
    """(operator, number, negated) of `name OP number` or `number OP name` at tokens[index]
    (the name), when that comparison stands alone; (None, None, False) when the name is used
    in any other way."""
    def opens(at: int) -> bool:  # nothing before this token joins it to a sum or a chain
        return at < 0 or (tokens[at].kind == "op" and tokens[at].value == "(") or (
            tokens[at].kind == "name" and tokens[at].value in ("and", "or", "not"))

    def closes(at: int) -> bool:  # nothing after this token joins it to a sum or a chain
        return tokens[at].kind == "end" or (tokens[at].kind == "op" and tokens[at].value == ")") or (
            tokens[at].kind == "name" and tokens[at].value in ("and", "or"))

    def compare(at: int) -> str | None:
        token = tokens[at] if 0 <= at < len(tokens) else None
        return token.value if token and token.kind == "op" and token.value in _COMPARE else None

    operator = compare(index + 1)
    if operator and opens(index - 1):  # name OP [-]number
        at, sign = index + 2, 1
        if tokens[at].kind == "op" and tokens[at].value == "-":
            at, sign = at + 1, -1
        if tokens[at].kind == "number" and closes(at + 1):
            return operator, sign * _number(tokens[at].value), _not(tokens, index - 1)
    operator = compare(index - 1)
    if operator and closes(index + 1) and index >= 2 and tokens[index - 2].kind == "number":
        at, sign = index - 2, 1
        if at >= 1 and tokens[at - 1].kind == "op" and tokens[at - 1].value == "-":
            at, sign = at - 1, -1
        if opens(at - 1):  # [-]number OP name
            return _FLIP[operator], sign * _number(tokens[index - 2].value), _not(tokens, at - 1)
    return None, None, False


def _number(text: str) -> float:
    return float(text) if "." in text else int(text)


def _cuts(operator: str, value: float) -> frozenset:
    return frozenset((value, strict) for strict in _CUTS[operator])


class _Range:
    """Where a number can be: its bounds, widened to hold its start value."""

    def __init__(self, variable: Variable):
        low = -float("inf") if variable.minimum is None else variable.minimum
        high = float("inf") if variable.maximum is None else variable.maximum
        self.low, self.high = min(low, variable.start), max(high, variable.start)

    def varies(self, cut: tuple) -> bool:
        """False when the test `cut` gives the same answer for every value in range."""
        value, strict = cut
        return self.low <= value < self.high if strict else self.low < value <= self.high


def _whole(value: Any) -> bool:
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


class StateKeys:
    """The key of each moment of a run, per scene, for one scenario (every role). With
    `endings=False` what only the endings' conditions read is left out."""

    def __init__(self, scenario: Scenario, caps: dict[str, float], endings: bool = True):
        self.scenario = scenario
        variables = scenario.variables
        self.ranges = {name: _Range(v) for name, v in variables.items() if v.kind == "number"}
        # Numbers with a fraction anywhere (start, bounds, effects, the numbers they are
        # compared with) keep their exact value, so no rounding can put a cut on the wrong side.
        self.fractional = {name for name, v in variables.items() if v.kind == "number" and not all(
            _whole(x) for x in (v.start, v.minimum or 0, v.maximum or 0))}
        for scene in scenario.scenes.values():
            for choice in scene.choices:
                self.fractional |= {e.name for e in choice.effects
                                    if e.name in self.ranges and not _whole(e.value)}
        numbers = set(self.ranges)
        self.caps = caps
        self.at_scene = {sid: self._reads([c.condition for c in scene.choices], numbers)
                         for sid, scene in scenario.scenes.items()}
        self.at_end = self._reads([e.condition for e in scenario.endings] if endings else [],
                                  numbers)
        self.needs = self._needs()
        self.order = list(variables)
        self.specs = {sid: self._spec(sid) for sid in scenario.scenes}

    def _reads(self, conditions: Iterable[Condition | None], numbers: set[str]) -> tuple[dict, set]:
        """(variable reads, scenes whose visits are read) of these conditions."""
        found: dict[str, Any] = {}
        scenes: set[str] = set()
        for condition in filter(None, conditions):
            scenes |= {scene for scene, _ in condition.scenes}
            self._join(found, condition_reads(condition, numbers))
        for name, read in found.items():
            if name in self.fractional or (name in self.ranges and read != EXACT
                                           and not all(_whole(value) for value, _ in read)):
                found[name] = EXACT
        return found, scenes

    def _join(self, into: dict, reads: dict) -> bool:
        """Add `reads` to `into`; True if `into` grew."""
        grew = False
        for name, read in reads.items():
            old = into.get(name)
            if old == EXACT or old == read or (read == LIVE and old == LIVE):
                continue
            if read == EXACT or read == LIVE:
                new = read
            else:
                new = read if old is None else old | read
                if len(new) > MAX_CUTS:
                    new = EXACT
            if new != old:
                into[name] = new
                grew = True
        return grew

    def _before(self, effects: tuple[Effect, ...], after: dict) -> dict:
        """What must be known before `effects` to know `after` once they are applied."""
        reads = dict(after)
        for effect in reversed(effects):
            read = reads.get(effect.name)
            if read is None:
                continue
            if effect.op == "set":
                del reads[effect.name]  # its earlier value can no longer be seen
            elif read != EXACT:
                limits = self.ranges[effect.name]
                reads[effect.name] = frozenset(
                    (value - effect.value, strict) for value, strict in read
                    if limits.varies((value, strict)))
        for name, read in list(reads.items()):
            if name in self.ranges and read not in (EXACT, LIVE):
                kept = frozenset(cut for cut in read if self.ranges[name].varies(cut))
                if kept:
                    reads[name] = kept
                else:
                    del reads[name]
        return reads

    def _needs(self) -> dict[str, tuple[dict, set]]:
        """For each scene, what can still be read from it on: a backward fixpoint over the
        scene graph (a loop is gone round until nothing grows)."""
        scenes = self.scenario.scenes
        needs = {sid: (dict(reads), set(visits)) for sid, (reads, visits) in self.at_scene.items()}
        comes_from: dict[str, set[str]] = {sid: set() for sid in scenes}
        for sid, scene in scenes.items():
            for choice in scene.choices:
                if choice.next in scenes:
                    comes_from[choice.next].add(sid)
        todo, waiting = list(scenes), set(scenes)
        while todo:
            sid = todo.pop()
            waiting.discard(sid)
            reads, visits = needs[sid]
            grew = False
            for choice in scenes[sid].choices:
                if choice.next in scenes:
                    after, later_visits = needs[choice.next]
                elif choice.next == END:
                    after, later_visits = self.at_end
                else:
                    continue  # straight to a named ending: nothing more is read
                grew |= self._join(reads, self._before(choice.effects, after))
                if not later_visits <= visits:
                    visits |= later_visits
                    grew = True
            if grew:
                for parent in comes_from[sid] - waiting:
                    waiting.add(parent)
                    todo.append(parent)
        return needs

    def _spec(self, scene_id: str) -> tuple:
        reads, visits = self.needs[scene_id]
        whole = tuple(name for name in self.order if reads.get(name) in (EXACT, LIVE))
        cut = tuple((name, sorted(reads[name])) for name in self.order
                    if reads.get(name) not in (None, EXACT, LIVE))
        counted = tuple((scene, self.caps[scene]) for scene in sorted(visits))
        return whole, cut, counted

    def key(self, scene_id: str, values: dict, visits: dict) -> tuple:
        """The merged key of a moment at `scene_id` with these values and visit counts."""
        whole, cut, counted = self.specs[scene_id]
        return (scene_id, tuple(values[name] for name in whole),
                tuple(bisect_right(cuts, (values[name], False)) for name, cuts in cut),
                tuple(min(visits.get(scene, 0), cap) for scene, cap in counted))
