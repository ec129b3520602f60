"""Screenshots of the debrief's steps, the records list and the compare screen, for
`python main.py shots` (game/ui/shots/take.py calls `debrief_shots` after the ending)."""
from __future__ import annotations

import random
from pathlib import Path
from typing import Callable

import pygame

from ...records import list_records, open_recorder
from ...story.debrief import FIT_QUESTION as QUESTION
from ...story import Run
from ..actions import Action
from ..screens.debrief.screen import DebriefScreen
from ..screens.debrief.charts import TITLES, range_title
from ..screens.menus.records import RecordsScreen


def _scroll_to(screen, starts: str) -> None:
    """Scroll the screen's main column so the first text beginning with `starts` is near the top."""
    screen.ensure_layout()
    pane = screen.panes[0]
    item = next((i for i in pane.column.texts if i.lines and i.lines[0][1].startswith(starts)), None)
    if item is not None:
        pane.view.offset = max(0, min(pane.view.limit, item.y - screen.app.theme.unit * 2))


def debrief_shots(app, run: Run, saves: Path, shot: Callable[[str], None]) -> None:
    """`run` has ended; its record is kept, a second run of the other role is recorded too, and
    every debrief step, the records list and the comparison of the two are shot."""
    app.recorder = open_recorder(saves, run)
    app.record(run)
    debrief = DebriefScreen(app, run, show_file=lambda path: None)
    app.push(debrief)
    debrief.toggle_reaction("hopeful")
    debrief.toggle_reaction("torn")
    shot("debrief-1-reactions")
    debrief.next()
    shot("debrief-2-description")
    _scroll_to(debrief, "The meters over time")
    shot("debrief-2-description-charts")
    # the other numbers that can decide an ending, then the rung of the latest decision
    extra = [v for v in run.scenario.deciding if not v.headline]
    _scroll_to(debrief, range_title(extra[0]) if extra else TITLES["rung"])
    shot("debrief-2-description-ladder")
    if run.scenario.purposes:  # the first chapter card's reading of the fit
        _scroll_to(debrief, QUESTION)
        shot("debrief-2-description-fit")
    _scroll_to(debrief, "Where it ended")
    shot("debrief-2-description-ended")
    debrief.next()
    shot("debrief-3-analysis")
    _scroll_to(debrief, "The road not taken")
    shot("debrief-3-analysis-roads")
    _scroll_to(debrief, "The other side of the same moments")
    shot("debrief-3-analysis-other-side")
    debrief.next()
    debrief.ask_takeaway(0)
    app.step([pygame.event.Event(pygame.TEXTINPUT, text="Asking first costs time, and saves it later.")])
    shot("debrief-4-ask-take-away")
    app.top.save()
    debrief.ask_action()
    app.top.insert("Ask the group which parts they want to decide.")
    app.top.save()
    app.notice = ""
    shot("debrief-4-summary")
    if "journal" in debrief.steps:
        debrief.next()
        shot("debrief-5-journal")

    other = next((role for role in run.scenario.roles if role != run.role), run.role)
    second = Run(run.scenario, other, seed=5)
    rng = random.Random(5)
    while not second.ended:
        second.choose(rng.choice([v.index for v in second.choices if v.enabled]))
    open_recorder(saves, second).update()
    (saves / "records" / "damaged.json").write_text("{not a record", encoding="utf-8")
    app.to_title()
    records = RecordsScreen(app)
    app.push(records)
    shot("records")
    records.start_comparing()
    records.marked = [r for r in list_records(saves) if r.ok][:2]
    records.invalidate()
    shot("records-compare")
    records.compare()
    shot("compare")
    _scroll_to(app.top, "The same moments")
    shot("compare-moments")
    app.dispatch(Action("scroll", 100000))
    shot("compare-paths")
