""""Make a report" on the debrief: the HTML report of one session record, written by the report
package (`report.build_report`, the same page `python main.py report` makes) into
`<save folder>/reports/<record id>.html`.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...saves import write_text_atomic

if TYPE_CHECKING:
    from .debrief import DebriefScreen

REPORTS = "reports"


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


def write_report(screen: "DebriefScreen") -> Path | None:
    """Write the report; its path, or None after saying why not."""
    try:
        from ...report import Shelf, build_report
    except ImportError:
        screen.app.say("Reports are not part of this version of the game yet.")
        return None
    app = screen.app
    source = record_path(screen)
    if source is None:
        return None
    shelf = Shelf(list(app.scene_roots))
    scenario = screen.run.scenario
    shelf.loaded[scenario.id] = (scenario, "")  # the story as loaded here, not read again
    report = build_report([source], shelf)
    if not report.collection.entries:
        reasons = "; ".join(s.reason for s in report.collection.skipped) or "the record could not be read"
        app.say(f"No report was made: {reasons}.")
        return None
    out = app.save_folder / REPORTS / f"{source.stem}.html"
    try:
        write_text_atomic(out, report.html)
    except OSError as exc:
        app.say(f"Could not write the report: {exc.strerror or exc}")
        return None
    return out
