"""The state tracker: meters, variables, flags, visits, and why each of them changed."""
from __future__ import annotations

import sys
from typing import Any, Iterable, NamedTuple

from .model import Effect, Scenario, Variable


class Change(NamedTuple):
    """One change to one meter, variable or flag, and what caused it."""

    step: int          # the number of the choice that caused it (1 = the first choice)
    scene: str
    choice: str        # the text of the option chosen
    name: str
    before: Any
    after: Any
    why: str
    tag: str
    wanted: Any = None  # the amount asked for, when a bound cut it short (None: not cut)

    @property
    def limited(self) -> str:
        """'highest' or 'lowest' when the number could not move as far as the effect asked,
        because it reached the end of its range; '' otherwise."""
        if self.wanted is None:
            return ""
        return "highest" if self.wanted > 0 else "lowest"

    @property
    def amount(self) -> float:
        if isinstance(self.after, bool) or not isinstance(self.after, (int, float)):
            return 0
        return self.after - self.before

    def to_dict(self) -> dict:
        data = {"step": self.step, "scene": self.scene, "choice": self.choice, "name": self.name,
                "before": self.before, "after": self.after, "why": self.why, "tag": self.tag}
        if self.wanted is not None:
            data["wanted"] = self.wanted
        return data


_new_change = tuple.__new__  # Change(...) without its keyword handling: once per effect played


def effect_result(variable: Variable, before: Any, effect: Effect) -> Any:
    """The value `effect` gives a variable that holds `before` (numbers stay within range)."""
    if effect.op == "add":
        return variable.clamp(before + effect.value)
    if isinstance(effect.value, (int, float)) and not isinstance(effect.value, bool):
        return variable.clamp(effect.value)
    return effect.value


def preview(scenario: Scenario, values: dict[str, Any], effects: Iterable[Effect]) -> dict[str, Any]:
    """The values `effects` would leave in the names they touch, without changing `values` or
    recording anything: how the checker weighs options it does not take."""
    after: dict[str, Any] = {}
    variables = scenario.variables
    for effect in effects:
        name = effect.name
        after[name] = effect_result(variables[name], after.get(name, values[name]), effect)
    return after


class State:
    """Current values, visit counts and a history of changes.

    Playing records as little as undo needs: for each choice with effects, one log entry with
    a copy of the values before it (one quick copy of a small dict). The history's Change
    records, with the reason for each change, are worked out from the entries by playing the
    effects again on that copy, only when someone reads them.

    A log entry is a tuple that begins (step, scene, choice text, effects, the values before,
    the variables): apply() logs plain ones; the runner logs its Outcome records, which begin
    so, to make one record per choice rather than two."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        # Names interned, as plans' and conditions' are: looking one up needs no comparison.
        self.values: dict[str, Any] = {sys.intern(name): v.start
                                       for name, v in scenario.variables.items()}
        self.visits: dict[str, int] = {}
        self.log: list[tuple] = []  # an entry per change of values (see above), oldest first
        self._history: list[Change] = []  # the changes of the first `_built` log entries
        self._built = 0

    @property
    def history(self) -> list[Change]:
        """Every change so far, oldest first."""
        log = self.log
        if self._built < len(log):
            for entry in log[self._built:]:
                self._history.extend(entry_changes(entry))
            self._built = len(log)
        return self._history

    def apply(self, effects: tuple[Effect, ...], step: int, scene: str, choice: str) -> tuple:
        """Apply effects in order (numbers stay within their range) and log them; the log
        entry is returned (entry_changes() turns it into Change records)."""
        variables = self.scenario.variables
        entry = (step, scene, choice, effects, self.change(plan_effects(effects, variables)),
                 variables)
        self.log.append(entry)
        return entry

    def change(self, plan: tuple) -> dict[str, Any]:
        """Apply a plan of plan_effects() without logging it; return a copy of the values from
        before (the caller logs an entry with it, or undo cannot take the change back)."""
        values = self.values
        before = values.copy()
        for name, amount, low, high in plan:
            if low is None:  # set to a value
                values[name] = amount
            else:  # add, within bounds
                after = values[name] + amount
                values[name] = low if after < low else high if after > high else after
        return before

    def visit(self, scene_id: str) -> None:
        self.visits[scene_id] = self.visits.get(scene_id, 0) + 1

    def unvisit(self, scene_id: str) -> None:
        """Take back one visit (undo). Visit counts are not in snapshots: copying them at
        every choice would make a long run slower with every step."""
        count = self.visits.get(scene_id, 0) - 1
        if count > 0:
            self.visits[scene_id] = count
        else:
            self.visits.pop(scene_id, None)

    def undo_to(self, mark: int) -> None:
        """Take back every log entry after the first `mark` (a length of `log`), visits aside:
        each entry keeps the values from before it, so nothing else is copied while playing."""
        values, log = self.values, self.log
        if mark >= len(log):
            return
        if self._built > mark:
            dropped = sum(len(entry[3]) for entry in log[mark:self._built])
            del self._history[len(self._history) - dropped:]
            self._built = mark
        for entry in reversed(log[mark:]):
            before = entry[4]
            for effect in entry[3]:
                values[effect.name] = before[effect.name]
        del log[mark:]

    def undo_entry(self, entry: tuple) -> None:
        """Take back log entry `entry` and any after it (an entry not in the log: nothing)."""
        log = self.log
        at = len(log) - 1
        while at >= 0 and log[at] is not entry:
            at -= 1
        if at >= 0:
            self.undo_to(at)

    def restart(self, values: dict[str, Any], visits: dict[str, int]) -> None:
        """Take these values and visit counts, with no history."""
        self.values, self.visits = values, visits
        self.log.clear()
        self._history.clear()
        self._built = 0

    def reasons(self, name: str) -> list[Change]:
        """Every change to one meter, oldest first."""
        return [change for change in self.history if change.name == name]


def plan_effects(effects: Iterable[Effect], variables: dict[str, Variable],
                 steps: dict[tuple, tuple] | None = None) -> tuple:
    """`effects` ready to apply quickly, once per option: (name, amount, low, high) for an
    addition, bounded by low and high (infinite when the number has no bound), and
    (name, value, None, None) for setting a value (a number already brought within range).
    Names are interned (see State.values). Steps already in `steps` are shared rather than made
    again."""
    inf = float("inf")
    plan = []
    for effect in effects:
        variable = variables[effect.name]
        name = sys.intern(effect.name)
        if effect.op == "add":
            step = (name, effect.value,
                    -inf if variable.minimum is None else variable.minimum,
                    inf if variable.maximum is None else variable.maximum)
        else:
            step = (name, effect_result(variable, None, effect), None, None)
        # keyed with the type too: 1, 1.0 and True are equal, but not the same to keep
        plan.append(step if steps is None else steps.setdefault((step, type(step[1])), step))
    return tuple(plan)


def entry_changes(entry: tuple | None) -> tuple[Change, ...]:
    """The Change records of one log entry of State.apply (none for None), by playing its
    effects again from the values before it: `wanted` is the amount asked for when a bound
    cut an addition short."""
    if not entry:
        return ()
    step, scene, choice, effects, before, variables = entry[:6]
    values, changes = dict(before), []
    for effect in effects:
        name, op, amount, why, tag = effect
        old = values[name]
        new = values[name] = effect_result(variables[name], old, effect)
        wanted = amount if op == "add" and amount and new - old != amount else None
        changes.append(_new_change(Change, (step, scene, choice, name, old, new, why, tag,
                                            wanted)))
    return tuple(changes)
