"""The window's saving glue: the save folder's lock, the save slots, and the session record.

`App` keeps the methods the screens call (`save`, `restore`, `autosave`, `record`, `open_run`,
`use_folder`); each hands over to a function here, which works through the app it is given, so
that notices go through `app.say` and the run opens on the app's own screen stack.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..files.folders import HINT, saving_problem
from ..files.lock import BUSY, acquire, other_folder
from ..saves import read_slot, restore, save_run, slot_path, SaveError

if TYPE_CHECKING:
    from ..story import Run
    from .app import App


def offer_other_folder(app: App) -> None:
    """Another game holds the save folder: go on read-only, or use a new folder."""
    from .screens.common import ConfirmScreen
    app.ask_folder = False
    spare = other_folder(app.save_folder)
    app.push(ConfirmScreen(
        app, BUSY.format(folder=app.save_folder) + f" You can use another save folder "
        f"({spare}), or go on read-only: browse saves, records and reports, and play, with "
        "nothing saved or recorded.", "Use the other folder",
        lambda: app.use_folder(spare), no="Go on read-only"))


def use_folder(app: App, folder: Path) -> None:
    """Save in `folder` from now on (when its lock can be had)."""
    lock = acquire(folder)
    if lock is None:
        app.say("That folder is in use too; this game stays read-only.", seconds=6)
        return
    app.lock, app.read_only, app.save_folder = lock, False, folder
    app.say(f"Saving in {folder} (next time: --save-dir {folder}).", seconds=6)


def save(app: App, slot: str, run: Run, overwrite: bool = True) -> bool:
    """Save `run` in `slot`; False, with a notice, when nothing was saved (an autosave's
    trouble is said once, until an autosave works again)."""
    if app.read_only:
        if slot != "auto":  # the autosave is skipped quietly; a save asked for is answered
            app.say("Read-only: another game is using this save folder, so nothing is saved.")
        return False
    recorder = app.recorder if app.recorder and app.recorder.run is run else None
    try:
        save_run(app.save_folder, slot, run, overwrite=overwrite,
                 record=recorder.id if recorder else None)
    except (OSError, SaveError) as exc:
        trouble = saving_problem(app.save_folder)
        hint = f" ({HINT})" if trouble else ""
        trouble = trouble or getattr(exc, "strerror", None) or str(exc)
        if slot != "auto" or trouble != app.save_trouble:  # an autosave says it once
            app.say(f"Could not save. {trouble}. Nothing is saved{hint}; the game goes on.")
        app.save_trouble = trouble if slot == "auto" else app.save_trouble
        return False
    if slot == "auto":
        app.save_trouble = ""
    return True


def restore_slot(app: App, slot_name: str) -> tuple[Run | None, str | None]:
    """The run saved in a slot and the record its save names, or (None, None) with a notice
    saying why."""
    try:
        path = slot_path(app.save_folder, slot_name)
    except SaveError as exc:
        app.say(str(exc))
        return None, None
    if not path.exists():
        app.say("There is no quick save yet (F6 makes one)." if slot_name == "quick"
                else f'There is no save called "{slot_name}" yet.')
        return None, None
    slot = read_slot(path)
    if not slot.ok:
        app.say(f"That save is damaged: {slot.reason}")
        return None, None
    scenario = app.scenario(slot.scenario)
    if scenario is None:
        app.say(f'The scenario "{slot.scenario}" of that save is not here, or has problems.')
        return None, None
    try:
        run = restore(scenario, slot)
    except SaveError as exc:
        app.say(str(exc))
        return None, None
    return run, slot.data.get("record") if slot.data else None


def record(app: App, run: Run) -> None:
    """Write the session record of `run` (the one being played); a failure is said once."""
    recorder = app.recorder
    if recorder is None or recorder.run is not run or app.read_only:
        return
    words = recorder.update_and_say(app.save_trouble)
    if words:
        app.say(words)


def open_run(app: App, run: Run, record_id: str | None, restored: bool) -> None:
    """Show a run, recorded in `record_id` (None: a new record): the play screen, or the
    ending if the run has already ended."""
    from ..records import open_recorder  # (not needed before the first frame)
    app.recorder = open_recorder(app.save_folder, run, record_id, app.label,
                                 "workshop" if app.workshop else "solo")
    if run.step:
        app.record(run)
    if run.ended:
        from .screens.play.ending import EndingScreen
        app.push(EndingScreen(app, run))
        if run.restore_note:
            app.say(run.restore_note, seconds=8)
    else:
        from .screens.play.screen import PlayScreen
        app.push(PlayScreen(app, run, restored=restored))
