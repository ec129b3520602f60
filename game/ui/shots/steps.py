"""Getting a window to the screen a screenshot shows: the scenario, the next decision, its
options in view, an option that cannot be taken. Shared by every set of shots."""
from __future__ import annotations


def shown_scenario(app, scenario_id: str | None):
    """The scenario the shots show: the one asked for, else the first that loads (or None)."""
    results = [r for r in app.library if r.scenario is not None]
    return next((r.scenario for r in results if r.scenario.id == scenario_id), None) \
        or (results[0].scenario if results else None)


def to_next_decision(play, run) -> None:
    """Take the first option until the run stands at a decision with more than one option."""
    while not run.ended and not (run.scene.is_decision and len(run.choices) > 1):
        play.choose(next(v.index for v in run.choices if v.enabled))
        if play.phase == "outcome":
            play.after_outcome()
        if play.phase == "note":
            play.read_noted(False)
    if play.phase == "note":
        play.read_noted(False)


def show_options(play, locked_first: bool = False) -> None:
    """Scroll the scene so its numbered options are in view (with as much of the scene above
    them as fits); when they do not all fit, the first (or, with `locked_first`, the first
    that cannot be taken) is put at the top."""
    play.ensure_layout()
    options = [b for b in play.buttons if b.number is not None]
    if not options:
        return
    first = next((b for b in options if not b.enabled), options[0]) if locked_first else options[0]
    pane = play.pane_of(first)
    margin = play.app.theme.unit * 2
    area = first.rect.unionall([b.rect for b in options if play.pane_of(b) is pane])
    if area.height + 2 * margin > pane.view.rect.height:
        area = first.rect
    pane.view.show(area, margin)
    play.app.dirty = True


def to_locked_option(run, limit: int = 400):
    """`run` played on with its first open option until it stands at a decision with an option
    that cannot be taken; None if the story ends first."""
    for _ in range(limit):
        if run.ended:
            return None
        if run.scene.is_decision and any(not v.enabled for v in run.choices):
            return run
        run.choose(next(v.index for v in run.choices if v.enabled))
    return None
