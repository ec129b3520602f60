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

    def apply(self, effects: Iterable[Effect], step: int, scene: str, choice: str) -> list[Change]:
        """Apply effects in order (numbers stay within their range) and record each change."""
        changes: list[Change] = []
        variables = self.scenario.variables
        for effect in effects:
            before = self.values[effect.name]
            after = effect_result(variables[effect.name], before, effect)
            self.values[effect.name] = after
            wanted = effect.value if (effect.op == "add" and effect.value
                                      and after - before != effect.value) else None
            change = Change(step, scene, choice, effect.name, before, after, effect.why, effect.tag,
                            wanted)
            changes.append(change)
        self.history.extend(changes)
        return changes

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

    def snapshot(self) -> tuple:
        """The values and the length of the history, enough to go back (visits aside)."""
        return dict(self.values), len(self.history)

    def restore(self, snapshot: tuple) -> None:
        values, history_length = snapshot
        self.values = dict(values)
        del self.history[history_length:]

    def reasons(self, name: str) -> list[Change]:
        """Every change to one meter, oldest first."""
        return [change for change in self.history if change.name == name]
