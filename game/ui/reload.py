"""F5: load the scene files again while the window is open, and keep the player's place.

During a game, only that game's scenario is loaded again, and the playthrough is rebuilt by
replaying its choices on the new story (`Run.from_dict`, as when a save is restored): the player
stays at the same step, and sees the new words of the same scene. If the edit removed a choice
they made, they go back to the last step that still exists and a notice says so.

A reload that fails changes nothing: the problems are listed over the story, which goes on with
the version that loaded last, and F5 tries again. On the title and menu screens, F5 looks for
scenarios again, so a scenario fixed or added on disk appears in the list.
"""
from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from ..files.parse_cache import user_cache
from ..story import LoadResult, RestoreError, Run, load_scenario
from .images import Pictures
from .screens.debrief.screen import DebriefScreen
from .screens.play.ending import EndingScreen
from .screens.menus.new_game import ChooseScreen, PrebriefScreen
from .screens.play.screen import PlayScreen
from .screens.menus.problems import ProblemsScreen
from .screens.menus.step_out import StepOutScreen

if TYPE_CHECKING:
    from .app import App

RUN_SCREENS = (PlayScreen, EndingScreen)


def reload_story(app: App) -> None:
    """What F5 does, wherever the player is."""
    if isinstance(app.top, StepOutScreen):
        app.say("Come back from the pause first (P or Esc), then F5 reloads the story.")
        return
    if app.top.takes_text:  # a note, an answer or the room's votes being typed: keep them
        app.say("Save or cancel what you are typing first (Enter or Esc), then F5 reloads the story.")
        return
    index = run_screen_index(app)
    if index is None:
        reload_every_scenario(app)
    else:
        reload_run(app, index)


def run_screen_index(app: App) -> int | None:
    """Where in the stack the game being played is shown (its play or ending screen)."""
    for index in range(len(app.stack) - 1, -1, -1):
        if isinstance(app.stack[index], RUN_SCREENS):
            return index
    return None


def load_afresh(folder: Path) -> LoadResult:
    # load_scenario freezes everything alive into the collector's permanent generation. Screens
    # and layouts hold reference cycles (buttons' callbacks point back at their screen), so
    # whatever a reload froze and then threw away would never be collected. Unfreezing and
    # collecting first reclaims it; load_scenario then freezes what is still alive. The parse
    # cache knows a file by its bytes, so every edit is read afresh.
    gc.unfreeze()
    gc.collect()
    return load_scenario(folder, cache=user_cache())


# -- during a game -------------------------------------------------------------------------
def reload_run(app: App, index: int) -> None:
    old_screen = app.stack[index]
    old_run: Run = old_screen.run
    result = load_afresh(old_run.scenario.path)
    if result.scenario is None:
        show_problems(app, result)
        return
    try:
        run = Run.from_dict(result.scenario, old_run.to_dict())
    except RestoreError as exc:  # the scenario's id or the player's role is gone
        app.say(f"The story reloaded, but this game cannot go on in it: {exc}. "
                "You are still playing the version that loaded last.", seconds=8)
        return
    app.keep_loaded(result)
    app.pictures = Pictures()  # a picture may have changed on disk too
    if app.recorder is not None and app.recorder.run is old_run:
        app.recorder.run = run  # the session record goes on with the replayed run
    # Menus and history over the game show the old story: close them, back to the game itself.
    # A debrief of the ended game is opened again on the new story, at the same step.
    debrief = next((screen for screen in app.stack[index + 1:] if isinstance(screen, DebriefScreen)
                    and screen.record is None), None)
    del app.stack[index + 1:]
    show_run(app, old_screen, run)
    if debrief is not None and run.ended and isinstance(app.top, EndingScreen):
        fresh = DebriefScreen(app, run, show_file=debrief.show_file)
        fresh.go(debrief.index)
        app.push(fresh)
    note = run.restore_note.replace("since this was saved", "since it was last loaded")
    app.say(note or f"Reloaded {result.scenario.title}. You are at the same step.",
            seconds=8 if note else 3.5)


def show_run(app: App, old_screen, run: Run) -> None:
    """Put the replayed run on screen where the old one was (it is the top screen now)."""
    if isinstance(old_screen, PlayScreen):
        old_screen.go_on_with(run)  # may itself turn into the ending, if the run now ends
    elif run.ended:
        app.replace(EndingScreen(app, run))
    else:  # the edit took away the ending: play on from where the replay stopped
        app.replace(PlayScreen(app, run, restored=True))
    app.dirty = True


def show_problems(app: App, result: LoadResult) -> None:
    screen = ProblemsScreen(app, result)
    if isinstance(app.top, ProblemsScreen):
        app.replace(screen)  # F5 again with the files still broken: the new list
    else:
        app.push(screen)
    app.notice = ""  # the list says it all; a notice would cover its foot


# -- on the title and menu screens ---------------------------------------------------------
def reload_every_scenario(app: App) -> None:
    gc.unfreeze()  # see load_afresh
    library = app.reload_library()
    refresh_picked_scenarios(app)
    broken = sum(1 for result in library if result.scenario is None)
    found = f"Reloaded {len(library)} scenario" + ("" if len(library) == 1 else "s")
    if broken:
        found += (f"; {broken} {'has' if broken == 1 else 'have'} problems "
                  "(New game lists them)")
    app.say(found + ".")


def refresh_picked_scenarios(app: App) -> None:
    """A scenario already picked (its roles or its prebrief on screen) becomes the fresh one;
    if it no longer loads, the screens showing it close."""
    for index, screen in enumerate(app.stack):
        if not isinstance(screen, (ChooseScreen, PrebriefScreen)) or screen.scenario is None:
            continue
        fresh = app.scenario(screen.scenario.id)
        if fresh is not None:
            screen.scenario = fresh
        elif isinstance(screen, ChooseScreen):
            screen.unpick()
        else:
            del app.stack[index:]
            break
    for screen in app.stack:
        screen.invalidate()
    app.dirty = True
