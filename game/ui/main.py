"""Opening the window from the command line."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def open_window(scene_roots: list[Path], save_folder: Path, load: str | None = None,
                scenario_id: str | None = None, role: str | None = None,
                workshop: bool = False, label: str = "",
                room: tuple[str | None, int] | None = None) -> int | None:
    """Play in a window; None if no window can be opened here (the caller falls back).
    `room`: (host, port) to open the live room at the start."""
    app = start_app(scene_roots, save_folder, load, scenario_id, role, workshop, label, room)
    return None if app is None else app.run()


def start_app(scene_roots: list[Path], save_folder: Path, load: str | None = None,
              scenario_id: str | None = None, role: str | None = None,
              workshop: bool = False, label: str = "",
              room: tuple[str | None, int] | None = None):
    """The App on the screen the command line asked for; None if no window can be opened."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if (sys.platform.startswith("linux") and not os.environ.get("SDL_VIDEODRIVER")
            and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))):
        return None  # no screen to open a window on (a console, or SSH without X forwarding)
    import pygame

    from .app import App
    try:
        app = App(scene_roots, save_folder, workshop=workshop, label=label)
    except pygame.error:
        pygame.quit()
        return None
    if pygame.display.get_driver() in ("offscreen", "dummy") and not os.environ.get("SDL_VIDEODRIVER"):
        pygame.quit()  # SDL found no screen and fell back to drawing nowhere: nobody would see it
        return None
    if load:
        run = app.restore(load)
        if run is not None:
            app.open_run(run)
    elif scenario_id:
        from .screens.menus.new_game import ChooseScreen, PrebriefScreen
        scenario = app.scenario(scenario_id)
        if scenario is None:
            app.say(f'There is no scenario "{scenario_id}" that loads; choose one here.', seconds=6)
            app.push(ChooseScreen(app))
        elif role in scenario.roles:
            app.push(PrebriefScreen(app, scenario, role))
        else:
            choose = ChooseScreen(app)
            app.push(choose)
            choose.pick(scenario)
    if room is not None:
        from .screens.workshop.room import open_room
        app.room_host, app.room_port = room
        open_room(app)  # its join panel over whatever the start shows; Esc goes on
    return app
