"""Opening the window from the command line."""
from __future__ import annotations

import os
from pathlib import Path


def open_window(scene_roots: list[Path], save_folder: Path, load: str | None = None) -> int | None:
    """Play in a window; None if no window can be opened here (the caller falls back)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from .app import App
    try:
        app = App(scene_roots, save_folder)
    except pygame.error:
        pygame.quit()
        return None
    if load:
        from .screens.play import PlayScreen
        run = app.restore(load)
        if run is not None:
            app.push(PlayScreen(app, run, restored=True))
    return app.run()
