"""The state tracker: meters, variables, flags, visits, and why each of them changed."""
from __future__ import annotations

from typing import Any, Iterable, NamedTuple

from .ladder import Rung, rung_for
from .model import Effect, Scenario


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

    @property
    def amount(self) -> float:
        if isinstance(self.after, bool) or not isinstance(self.after, (int, float)):
            return 0
        return self.after - self.before

    def to_dict(self) -> dict:
        return {"step": self.step, "scene": self.scene, "choice": self.choice, "name": self.name,
                "before": self.before, "after": self.after, "why": self.why, "tag": self.tag}


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
            if effect.op == "add":
                after = variables[effect.name].clamp(before + effect.value)
            else:
                after = variables[effect.name].clamp(effect.value) if isinstance(
                    effect.value, (int, float)) and not isinstance(effect.value, bool) else effect.value
            self.values[effect.name] = after
            change = Change(step, scene, choice, effect.name, before, after, effect.why, effect.tag)
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

    @property
    def rung(self) -> Rung:
        return rung_for(self.values["power"], self.values["trust"])

    def reasons(self, name: str) -> list[Change]:
        """Every change to one meter, oldest first."""
        return [change for change in self.history if change.name == name]
