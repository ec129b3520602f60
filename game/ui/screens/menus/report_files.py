"""Reports made from the window: the same page `python main.py report` makes (report.build_report),
with its CSV beside it, written into `<save folder>/reports/` and opened in the browser.

The debrief makes the report of its own record; the records list makes one of every record (a
room report).
"""
from __future__ import annotations

import os
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pygame

from ....report import Shelf, build_report, write_report
from ....story import Scenario

if TYPE_CHECKING:
    from ..debrief.screen import DebriefScreen

REPORTS = "reports"


def open_in_browser(path: Path) -> None:
    """Show a written report, unless there is no real screen (tests, the shots command)."""
    if pygame.display.get_driver() in ("dummy", "offscreen") or os.environ.get("SDL_VIDEODRIVER") == "dummy":
        return
    webbrowser.open(path.resolve().as_uri())


def record_path(screen: "DebriefScreen") -> Path | None:
    """The record file of the debrief's run, brought up to date first; None (said) if none."""
    app = screen.app
    if screen.record is not None:
        return screen.record.path
    recorder = screen.recorder
    if recorder is None:
        app.say("This game has no session record, so there is nothing to make a report from.")
        return None
    if not recorder.update():
        app.say(f"The session record could not be written ({recorder.error}), so no report was made.")
        return None
    return recorder.path


def make_report(app, sources: list[Path], name: str, show: Callable[[Path], object] = open_in_browser,
                loaded: Scenario | None = None) -> Path | None:
    """Build the report of the records in `sources` (files or folders), write it as
    `<save folder>/reports/<name>.html` with its CSV, say where, and show it. `loaded` is a
    scenario already in memory, used as it is rather than read again. None after saying why not."""
    # Building it reads every record and draws its maps: for a term's records, a second or so.
    # Say so on screen first, so the window is not simply still while it works.
    app.say("Writing the report…", seconds=2)
    app.draw()
    pygame.display.flip()
    shelf = Shelf(list(app.scene_roots))
    if loaded is not None:
        shelf.loaded[loaded.id] = (loaded, "")
    report = build_report(sources, shelf)
    if not report.collection.entries:
        reasons = "; ".join(s.reason for s in report.collection.skipped) or "no record could be read"
        app.say(f"No report was made: {reasons}.")
        return None
    out = app.save_folder / REPORTS / f"{name}.html"
    try:
        table = write_report(report, out)
    except OSError as exc:
        app.say(f"Could not write the report: {exc.strerror or exc}")
        return None
    skipped = len(report.collection.skipped)
    app.say(f"Report saved: {out} (and {table.name} beside it)"
            + (f"; {skipped} damaged file{'s' * (skipped != 1)} left out" if skipped else ""),
            seconds=8)
    try:
        show(out)
    except Exception as exc:  # a missing browser is no reason to stop the game
        app.say(f"Report saved: {out}. It could not be opened here ({exc}).", seconds=8)
    return out
