"""Reports made from the window: the same page `python main.py report` makes (report.build_report),
with its CSV beside it, written into `<save folder>/reports/` and opened in the browser.

The debrief makes the report of its own record; the records list makes one of every record (a
room report). The report is built on a worker thread (background.py): the window goes on drawing
"Writing the report..." and answering keys meanwhile.
"""
from __future__ import annotations

import os
import webbrowser
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pygame

from ....report import Shelf, build_report, write_report
from ....story import Scenario

if TYPE_CHECKING:
    from ....report import Report
    from ..debrief.screen import DebriefScreen

REPORTS = "reports"
WRITING_SECONDS = 600  # "Writing the report..." stays until the report is done, which replaces it


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
                loaded: Scenario | None = None,
                then: Callable[[Path | None], object] | None = None) -> bool:
    """Build the report of the records in `sources` (files or folders) on a worker thread,
    write it as `<save folder>/reports/<name>.html` with its CSV, then say where and show it.
    `loaded` is a scenario already in memory, used as it is rather than read again. `then` is
    given the report's path (None after saying why there is none) once it is done. False, said,
    when a report is being written already."""
    if app.background.busy(REPORTS):
        app.say("A report is being written already. It opens when it is ready.")
        return False
    # Building it reads every record and draws its maps: for a term's records, a second or so
    # of processor time, done off the window's thread (background.py) so the window keeps
    # drawing, and answering keys, with this on it until the report is ready.
    app.say("Writing the report…", seconds=WRITING_SECONDS)
    shelf = Shelf(list(app.scene_roots))
    # The window's scenarios, as they are in memory: loading them again for every report cost
    # processor time and tens of MB of memory at its peak, which the window then kept.
    for result in app.library if app.loaded else ():
        if result.scenario is not None:
            shelf.loaded.setdefault(result.scenario.id, (result.scenario, ""))
    if loaded is not None:
        shelf.loaded[loaded.id] = (loaded, "")
    out = app.save_folder / REPORTS / f"{name}.html"
    sources = list(sources)

    def build() -> tuple[Report, Path | None]:
        report = build_report(sources, shelf)
        return report, (write_report(report, out) if report.collection.entries else None)

    def built(future: Future) -> None:
        path = _report_made(app, future, out, show)
        if then is not None:
            then(path)

    app.background.start(REPORTS, build, built)
    return True


def _report_made(app, future: Future, out: Path, show: Callable[[Path], object]) -> Path | None:
    """On the window's thread: say how the build went, and show the report if there is one."""
    try:
        report, table = future.result()
    except OSError as exc:
        app.say(f"Could not write the report: {exc.strerror or exc}")
        return None
    except Exception as exc:  # noqa: BLE001 - said in a sentence, never a traceback
        app.say(f"No report was made: {exc}.")
        return None
    if table is None:
        reasons = "; ".join(s.reason for s in report.collection.skipped) or "no record could be read"
        app.say(f"No report was made: {reasons}.")
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
