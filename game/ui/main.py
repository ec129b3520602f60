"""Opening the window from the command line."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def open_window(scene_roots: list[Path], save_folder: Path, load: str | None = None) -> int | None:
    """Play in a window; None if no window can be opened here (the caller falls back)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if (sys.platform.startswith("linux") and not os.environ.get("SDL_VIDEODRIVER")
            and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))):
        return None  # no screen to open a window on (a console, or SSH without X forwarding)
    import pygame

    from .app import App
    try:
        app = App(scene_roots, save_folder)
    except pygame.error:
        pygame.quit()
        return None
    if pygame.display.get_driver() in ("offscreen", "dummy") and not os.environ.get("SDL_VIDEODRIVER"):
        pygame.quit()  # SDL found no screen and fell back to drawing nowhere: nobody would see it
        return None
    if load:
        from .screens.play import PlayScreen
        run = app.restore(load)
        if run is not None:
            app.push(PlayScreen(app, run, restored=True))
    return app.run()
