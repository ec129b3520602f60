"""A run as the entries of its session record: the values it began with, where a run begun
at a chapter began, the numbers that can decide an ending, and every step the player took.
Pure functions of the run; `records.Recorder` adds times, votes and notes to the steps.
"""
from __future__ import annotations

from typing import Any

from .story import Run, Scenario
from .story.starts import chapter_number, start_chapter, values_at_start


def start_values(scenario: Scenario, run: Run | None = None) -> dict[str, Any]:
    """Every variable where the player began: the scenario's starting values, or for a run
    begun at a chapter, the values at that chapter's start."""
    values = values_at_start(run) if run is not None else {
        name: v.start for name, v in scenario.variables.items()}
    values["rung"] = None  # no decision yet: the rung is the rung of the latest decision taken
    return values


def deciding_of(scenario: Scenario) -> list[dict]:
    """The numbers that can decide an ending, with their labels and ranges, so a report can
    show them even when the scenario is not at hand."""
    return [{"name": v.name, "label": v.label, "min": v.minimum, "max": v.maximum}
            for v in scenario.deciding]


def started_at(run: Run) -> dict | None:
    """Where a run begun at a chapter began, and the choices replayed to get there (they are
    not the player's, so they are not among the record's steps); None for a run from the
    beginning."""
    if not run.started_at:
        return None
    title = start_chapter(run)
    return {"step": run.started_at, "chapter": title,
            "number": chapter_number(run.scenario, title),
            "choices": [{"scene": t.scene, "choice": t.key, "text": t.text}
                        for t in run.taken[:run.started_at]]}


def steps_of(run: Run) -> list[dict]:
    """Every step the player took as record entries (without times, votes or notes): for a run
    begun at a chapter, the steps after it began, numbered as in the run."""
    scenario = run.scenario
    values = {name: v.start for name, v in scenario.variables.items()}
    steps = []
    rung = None
    for number, taken in enumerate(run.taken, start=1):
        scene = scenario.scenes.get(taken.scene)
        changes = taken.outcome.changes if taken.outcome else ()
        for change in changes:
            values[change.name] = change.after
        views = taken.views or []
        after = dict(values)
        if number <= run.started_at:
            continue  # replayed to begin at a chapter; the record's "start" holds its values
        if taken.outcome is not None and taken.outcome.rung is not None:
            rung = taken.outcome.rung
        after["rung"] = rung
        steps.append({
            "step": number, "scene": taken.scene,
            "scene_title": scene.title if scene else "", "chapter": scene.chapter if scene else "",
            "decision": bool(scene.is_decision) if scene else True,
            "options": [{"text": v.text, "id": v.choice.id, "enabled": v.enabled,
                         **({"reason": v.reason} if v.reason else {})} for v in views]
                       or [{"text": text, "id": None, "enabled": True} for text in taken.options],
            "chosen": taken.options.index(taken.text) if taken.text in taken.options else None,
            "choice_id": taken.key if scene and any(c.id == taken.key for c in scene.choices) else None,
            "choice_text": taken.text,
            "changes": [{"name": c.name, "before": c.before, "after": c.after, "why": c.why,
                         "tag": c.tag, **({"wanted": c.wanted} if c.wanted is not None else {})}
                        for c in changes],
            "after": after,
        })
    return steps
