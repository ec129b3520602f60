"""The scene graph alone: which scenes link to which, ignoring every condition.

Conditions only take ways away, so what holds here is a bound on every real playthrough; the
checker uses it where the state search may stop early, and the story map to draw each role.
"""
from __future__ import annotations

from collections import deque

from .model import Scenario


def fewest_decisions(scenario: Scenario, start: str) -> int | None:
    """The fewest decisions on any way from `start` to an ending through the scene graph,
    ignoring every condition. Conditions only take ways away, so every real path has at least
    this many: a bound that holds even when the state search stops early. None: no way ends."""
    best = {start: 0}
    todo: deque[str] = deque([start])
    found: int | None = None
    while todo:
        scene_id = todo.popleft()
        scene = scenario.scenes[scene_id]
        here = best[scene_id] + (1 if scene.is_decision else 0)
        for choice in scene.choices:
            if choice.next not in scenario.scenes:  # an ending, or `end`
                found = here if found is None else min(found, here)
            elif here < best.get(choice.next, here + 1):
                best[choice.next] = here
                # 0-1 shortest paths: leaving a scene with no decision costs nothing, so its
                # next scene is looked at first
                (todo.append if scene.is_decision else todo.appendleft)(choice.next)
    return found


def graph_reach(scenario: Scenario, start: str) -> set[str]:
    """Scenes linked from `start`, ignoring every condition."""
    seen, todo = {start}, [start]
    while todo:
        for choice in scenario.scenes[todo.pop()].choices:
            if choice.next in scenario.scenes and choice.next not in seen:
                seen.add(choice.next)
                todo.append(choice.next)
    return seen
