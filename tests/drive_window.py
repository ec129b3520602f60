"""Drive the game window as a player would: keys, clicks and Tab, frame by frame on SDL's dummy
video driver. Shared by the window tests (test_window*.py and many others)."""
from __future__ import annotations

import pygame

import window_fit
from game.ui.app import App
from game.ui.screens.play.screen import PlayScreen

# The check that a screen fits its window, named here for the many tests that import it from
# this module; the tests of the fit itself are in test_fits.py.
assert_fits, fit_problems = window_fit.assert_fits, window_fit.fit_problems

# The window sizes the fit tests try.
SIZES = [(800, 600), (1024, 768), (1280, 720), (1920, 1080)]


def key(k: int, mod: int = 0, unicode: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)


def click(pos) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos)


def press(app: App, *events) -> None:
    """Each key is pressed and let go, as a person would; other events go in as they are."""
    for event in events:
        app.step([event])
        if event.type == pygame.KEYDOWN:
            app.step([pygame.event.Event(pygame.KEYUP, key=event.key, mod=0, scancode=0)])


def labels(app: App) -> list[str]:
    app.top.ensure_layout()
    return [b.label for b in app.top.buttons]


def tab_to(app: App, label: str) -> None:
    """Move the highlight with Tab until it is on the button whose label starts with `label`,
    then press Enter: keyboard only, as a player would."""
    for _ in range(len(labels(app)) + 1):
        if app.top.focused is not None and app.top.focused.label.startswith(label):
            press(app, key(pygame.K_RETURN))
            return
        press(app, key(pygame.K_TAB))
    raise AssertionError(f"no button {label!r} in {labels(app)}")


def start_game(app: App, role: str = "Pat") -> PlayScreen:
    """From the title to the first scene, with the keyboard only."""
    tab_to(app, "New game")
    tab_to(app, "Tiny test scenario")
    tab_to(app, role)
    assert "Begin" in labels(app)            # the prebrief
    tab_to(app, "Begin")
    assert isinstance(app.top, PlayScreen) and app.top.phase == "intro"
    press(app, key(pygame.K_1))
    return app.top


def start_game_in(app: App, scenario: str, role: str) -> PlayScreen:
    tab_to(app, "New game")
    tab_to(app, scenario)
    tab_to(app, role)
    if "Start at the beginning" in labels(app):  # the scenario offers chapter starts
        tab_to(app, "Start at the beginning")
    tab_to(app, "Begin")
    skip_reflection(app)  # The Haven and Tea and Terms ask them before play
    press(app, key(pygame.K_1))
    return app.top


def finish(app: App, play: PlayScreen) -> None:
    """Take the first open option until the story ends."""
    while isinstance(app.top, PlayScreen):
        if play.phase == "note":
            play.read_noted(False)
        elif play.phase == "outcome":
            play.after_outcome()
        else:
            play.choose(next(v.index for v in play.run.choices if v.enabled))


def skip_reflection(app: App) -> None:
    """Skip the scenario's before-and-after statements when they are on screen, as a player
    may: keyboard only."""
    from game.ui.screens.play.reflection import ReflectionScreen
    if isinstance(app.top, ReflectionScreen):
        tab_to(app, "Skip all")
