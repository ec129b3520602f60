"""`python main.py shots --out DIR`: screenshots of every screen, with no display needed.

Three sets: 1280x720 with default settings, 800x600 with 200% text and high contrast (the
hardest fit), and 1920x1080 (a projector: workshop mode's large layout). They are for looking
at: clipped text, overlaps and contrast show up at once. Each set ends with workshop mode's
screens (shots/workshop.py).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .steps import show_options, shown_scenario, to_locked_option, to_next_decision


def take_shots(out: Path, scene_roots: list[Path], scenario_id: str | None = None) -> int:
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from ..settings import Settings
    sets = [("1280x720", (1280, 720), Settings()),
            ("800x600-200pc-contrast", (800, 600),
             Settings(text_size=2.0, high_contrast=True, text_speed="instant")),
            ("1920x1080", (1920, 1080), Settings())]
    why = unwritable(out)
    if why:
        print(f"No screenshots were taken: {why}.", file=sys.stderr)
        return 2
    written: list[Path] = []
    try:
        _all_sets(out, sets, scene_roots, scenario_id, written)
    except (OSError, pygame.error) as exc:  # the disk filled, or the folder went, part way
        print(f"Stopped after {len(written)} screenshots: cannot write to {out}: "
              f"{exc.strerror or exc}.", file=sys.stderr)
        return 2
    print(f"Wrote {len(written)} screenshots to {out}")
    return 0


def unwritable(folder: Path) -> str:
    """Why files cannot be written in `folder` (made if need be), or '' when they can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except FileExistsError:
        return f"{folder} is a file, not a folder"
    except OSError as exc:
        return f"cannot write to {folder}: {exc.strerror or exc}"
    return ""


def _all_sets(out: Path, sets, scene_roots, scenario_id, written: list[Path]) -> None:
    for name, size, settings in sets:
        settings.text_speed = "instant"
        with tempfile.TemporaryDirectory() as saves:
            written += _one_set(out / name, size, settings, scene_roots, Path(saves), scenario_id)
        with tempfile.TemporaryDirectory() as saves:  # workshop mode, in a window of its own
            from .workshop import workshop_shots
            written += workshop_shots(out / name, size, settings, scene_roots, Path(saves),
                                      scenario_id, first=len(list((out / name).glob("*.png"))) + 1)


def _one_set(folder: Path, size, settings, scene_roots, saves: Path, scenario_id) -> list[Path]:
    import pygame

    from ...story import Run
    from ..actions import Action
    from ..app import App
    from ..screens.play.ending import EndingScreen
    from ..screens.play.history import HistoryScreen
    from ..screens.menus.new_game import ChooseScreen, PrebriefScreen
    from ..screens.menus.pause import PauseScreen
    from ..screens.play.screen import PlayScreen
    from ..screens.menus.saves import SavesScreen
    from ..screens.menus.settings import SettingsScreen
    from ..screens.menus.title import AboutScreen

    app = App(scene_roots, saves, size=size, settings=settings)
    written: list[Path] = []

    def shot(name: str) -> None:
        path = folder / f"{len(written) + 1:02d}-{name}.png"
        app.screenshot(path)
        written.append(path)

    scenario = shown_scenario(app, scenario_id)
    app.keyboard_used = True
    shot("title")
    if scenario is None:
        return written
    choose = ChooseScreen(app)
    app.push(choose)
    shot("choose-scenario")
    choose.pick(scenario)
    shot("choose-role")
    role = next(iter(scenario.roles))
    app.push(PrebriefScreen(app, scenario, role))
    shot("prebrief")
    run = Run(scenario, role, seed=3)
    app.to_title()
    play = PlayScreen(app, run)
    app.push(play)
    shot("play-intro")
    play.begin()
    if play.phase == "note":
        shot("play-content-note")
        play.read_noted(False)
    shot("play-scene")
    # play on until a decision with a visible effect, then show what it did
    to_next_decision(play, run)
    if not run.ended:
        show_options(play)
        shot("play-decision")
        app.dispatch(Action("focus_next"))
        app.dispatch(Action("focus_next"))
        shot("play-focus")
        play.choose(next(v.index for v in run.choices if v.enabled))
        shot("play-outcome")
        # the next decision, with the rung of the one just taken beside the meters
        play.after_outcome()
        to_next_decision(play, run)
        if not run.ended:
            app.dispatch(Action("focus_next"))
            shot("play-next-decision")
    locked = to_locked_option(Run(scenario, role, seed=3))
    if locked is not None:  # an option that cannot be taken yet, with the reason it gives
        app.push(PlayScreen(app, locked, restored=True))
        if app.top.phase == "note":
            app.top.read_noted(False)
        show_options(app.top, locked_first=True)
        shot("play-locked-option")
        app.pop()
    app.push(HistoryScreen(app, run))
    shot("history")
    app.pop()
    app.push(PauseScreen(app, run))
    shot("pause")
    (saves / "slot-2.json").write_text("{not a save", encoding="utf-8")  # shown as damaged
    app.push(SavesScreen(app, run=run))
    shot("saves")
    app.pop()
    app.pop()
    app.push(SettingsScreen(app))
    shot("settings")
    app.pop()
    from .access import access_shots
    access_shots(app, scenario, role, shot)  # scanning, keys, colour-safe, hidden meters
    app.dispatch(Action("help"))
    shot("help")
    app.dispatch(Action("help"))
    app.dispatch(Action("step_out"))
    shot("step-out")
    app.dispatch(Action("step_out"))
    while not run.ended:
        enabled = [v for v in run.choices if v.enabled]
        run.choose(enabled[len(enabled) // 2].index)
    ending = EndingScreen(app, run)
    app.replace(ending)
    shot("ending")
    app.dispatch(Action("scroll", 100000))
    shot("ending-end")
    from .debrief import debrief_shots
    debrief_shots(app, run, saves, shot)  # every debrief step, the records list, compare
    app.to_title()
    app.push(AboutScreen(app))
    shot("about")
    pygame.quit()
    return written
