"""The state tracker: meters, variables, flags, visits, and why each of them changed."""
from __future__ import annotations

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
    """Current values, visit counts and an append-only history of changes."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.values: dict[str, Any] = {name: v.start for name, v in scenario.variables.items()}
        self.visits: dict[str, int] = {}
        self.history: list[Change] = []
        self._bounds = {name: (v.minimum, v.maximum) for name, v in scenario.variables.items()}

    def apply(self, effects: Iterable[Effect], step: int, scene: str,
              choice: str) -> tuple[Change, ...]:
        """Apply effects in order (numbers stay within their range) and record each change."""
        if not effects:
            return ()
        values, bounds, changes = self.values, self._bounds, []
        for effect in effects:
            name, op, amount, why, tag = effect  # an Effect is a tuple: unpacking is quickest
            before = values[name]
            if op == "add":  # the usual effect, worked out here: this runs at every choice
                after = before + amount
                low, high = bounds[name]
                if low is not None and after < low:
                    after = low
                elif high is not None and after > high:
                    after = high
                wanted = amount if amount and after - before != amount else None
            else:
                after = effect_result(self.scenario.variables[name], before, effect)
                wanted = None
            values[name] = after
            changes.append(_new_change(Change, (step, scene, choice, name, before, after,
                                                why, tag, wanted)))
        self.history.extend(changes)
        return tuple(changes)

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

    def undo_to(self, history_length: int) -> None:
        """Take back every change after the first `history_length` (visits aside): the history
        says what each value was before, so nothing is copied while playing."""
        values, history = self.values, self.history
        for change in reversed(history[history_length:]):
            values[change.name] = change.before
        del history[history_length:]

    def reasons(self, name: str) -> list[Change]:
        """Every change to one meter, oldest first."""
        return [change for change in self.history if change.name == name]
