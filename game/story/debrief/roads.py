"""The road not taken and the other chair: every option of each decision on the path with
what it would have done at once (found by replaying the run through the runner, so it always
agrees with it), and the mirrored moments with the other role's scene."""
from __future__ import annotations

from typing import NamedTuple

from ..model import Scene
from ..runner import Run


class Road(NamedTuple):
    """One option at a decision, and what it would have done at once."""

    text: str
    enabled: bool
    reason: str            # why it was locked ('' when it could be taken)
    chosen: bool
    deltas: dict           # name of a number that decides endings -> amount it would have moved
    ending: str            # the ending title it would have led to at once ('' if none)


class Fork(NamedTuple):
    """A decision on the player's path with every option it offered."""

    step: int
    scene: Scene
    roads: tuple[Road, ...]
    prompts: tuple[str, ...]


class Mirror(NamedTuple):
    """A moment both roles live through: what this player saw, and what the other role saw."""

    step: int
    moment: str
    scene: Scene
    other: Scene
    other_role: str
    other_lines: tuple[str, ...]
    other_options: tuple[str, ...]


def forks(run: Run) -> list[Fork]:
    """Every decision on the run's path with what each option would have done at once to every
    number that can decide an ending (the headline meters, and capacity where an ending reads
    it). Computed by replaying the run and trying each option, so it always agrees with the
    runner (the scenario is the only source; nothing is written by hand)."""
    scenario = run.scenario
    headline = [m.name for m in scenario.deciding]
    replay = Run(scenario, run.role, run.seed)
    found: list[Fork] = []
    for taken in run.taken:
        scene = replay.scene
        views = replay.choices
        chosen = next((v.index for v in views if v.enabled and v.text == taken.text), None)
        if scene is None or chosen is None:
            break  # the scenario no longer matches the run; stop where they part
        if scene.is_decision and len(views) > 1 and replay.step >= run.started_at:
            roads = []
            for view in views:
                deltas, ending = {}, ""
                if view.enabled:
                    outcome = replay.choose(view.index)
                    for change in outcome.changes:
                        if change.name in headline and change.amount:
                            deltas[change.name] = deltas.get(change.name, 0) + change.amount
                    ending = outcome.ending.title if outcome.ending else ""
                    replay.undo()
                roads.append(Road(view.text, view.enabled, view.reason, view.index == chosen,
                                  deltas, ending))
            found.append(Fork(replay.step + 1, scene, tuple(roads), scene.discuss))
        replay.choose(chosen)
    return found


def mirrors(run: Run) -> list[Mirror]:
    """The mirrored moments on the run's path, each with the other role's scene."""
    scenario = run.scenario
    path = [(number, taken.scene) for number, taken in enumerate(run.taken, start=1)
            if number > run.started_at]
    if run.scene is not None:
        path.append((run.step + 1, run.scene.id))
    seen = {scene_id for _, scene_id in path}
    found: list[Mirror] = []
    for number, scene_id in path:
        scene = scenario.scenes.get(scene_id)
        if scene is None or not scene.moment:
            continue
        for other in scenario.scenes.values():
            if other.moment != scene.moment or other.id in seen:
                continue
            other_role = other.role or next((r for r in scenario.roles if r != run.role), "")
            if other_role == run.role:
                continue
            lines = tuple((f"{line.speaker}: " if line.speaker else "") + line.text
                          for line in other.lines if line.condition is None)
            found.append(Mirror(number, scene.moment, scene, other, other_role, lines,
                                tuple(choice.text for choice in other.choices)))
            break
    return found
