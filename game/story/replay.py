"""Following a written-down path through a run: the decisions named by option id, exact text or
number, with scenes that only say Continue passed through. Playtests and chapter starts both
walk their paths with these, so a path means the same thing in both files.
"""
from __future__ import annotations

from typing import Any

from .runner import Run


def pass_continues(run: Run) -> None:
    """Go through scenes that only say Continue: written paths list decisions alone."""
    while not run.ended and not run.scene.is_decision and run.choices and run.choices[0].enabled:
        run.choose(0)


def find_option(run: Run, wanted: Any) -> int | None:
    """The index (for run.choose) of the enabled option `wanted` names at the current scene: a
    1-based number, else an option id, else an option's exact text; None when none matches."""
    views = [v for v in run.choices if v.enabled]
    if isinstance(wanted, int) and not isinstance(wanted, bool):
        return next((v.index for v in views if v.index == wanted - 1), None)
    wanted = str(wanted)
    return next((v.index for v in views if v.choice.id == wanted),
                next((v.index for v in views if v.text == wanted), None))


def options_on_offer(run: Run) -> str:
    """The options at the current scene, for a message: '1. an-id; 2. Its text (locked)'."""
    return "; ".join(f"{v.index + 1}. {v.choice.id or v.text}" + ("" if v.enabled else " (locked)")
                     for v in run.choices)
