"""The keyboard does what the footer says: the first Enter on the title presses the filled
button, the Save menu's Autosave row is not a button that Enter cannot press, and End during the
typewriter shows the whole text."""
from __future__ import annotations

import pygame
import pytest

from conftest import FIXTURES, ROOT
from game.ui.app import App
from game.ui.screens.menus.new_game import ChooseScreen
from game.ui.screens.play.screen import PlayScreen
from game.ui.screens.menus.saves import SavesScreen
from game.ui.screens.menus.title import TitleScreen
from game.ui.settings import Settings


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


def press(app: App, k: int) -> None:
    app.step([key(k)])
    app.step([pygame.event.Event(pygame.KEYUP, key=k, mod=0, scancode=0)])


@pytest.mark.parametrize("size", [(1280, 720), (800, 600)])
def test_the_first_enter_on_the_title_presses_the_filled_button(saves, size):
    # the bundled scenarios: a title page taller than the window at 1280x720 (it scrolls)
    app = App([ROOT / "scenes"], saves, size=size, settings=Settings(text_speed="instant"))
    try:
        app.step([])
        title = app.top
        assert isinstance(title, TitleScreen)
        assert title.focused is not None and title.focused.kind == "primary"
        assert title.focused.label == "New game"
        offset = title.panes[0].view.offset
        press(app, pygame.K_RETURN)
        assert isinstance(app.top, ChooseScreen)  # one Enter: no scroll, no ring move first
        assert title.panes[0].view.offset == offset
    finally:
        pygame.quit()


def test_with_an_autosave_the_focus_starts_on_continue(app, saves):
    from game.story import Run
    scenario = app.library[0].scenario
    run = Run(scenario, next(iter(scenario.roles)))
    run.choose(next(v.index for v in run.choices if v.enabled))
    assert app.save("auto", run)
    pygame.quit()
    again = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"))
    again.step([])
    assert again.top.focused.label == "Continue" and again.top.focused.kind == "primary"
    press(again, pygame.K_RETURN)
    assert isinstance(again.top, PlayScreen) and again.top.run.step == 1


def test_the_autosave_row_in_the_save_menu_takes_no_focus(app, saves):
    from game.story import Run
    scenario = app.library[0].scenario
    run = Run(scenario, next(iter(scenario.roles)))
    app.push(SavesScreen(app, run=run))
    app.step([])
    screen = app.top
    assert not any(b.label.startswith("Autosave") for b in screen.buttons)
    for _ in range(len(screen.buttons) + 1):  # Tab all the way round: every stop can be pressed
        press(app, pygame.K_TAB)
        assert screen.focused is not None and screen.focused.enabled
    app.pop()
    app.push(SavesScreen(app, run=None))      # loading: the autosave is a slot to load
    app.step([])
    assert any(b.label.startswith("Autosave") for b in app.top.buttons)


def test_end_during_the_typewriter_shows_the_whole_text(saves):
    app = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="slow"))
    try:
        app.step([])
        press(app, pygame.K_RETURN)                      # New game
        while not isinstance(app.top, PlayScreen):       # scenario, role, prebrief: Enter each
            press(app, pygame.K_RETURN)
        play = app.top
        press(app, pygame.K_1)                           # past the role's intro
        assert play.revealing
        press(app, pygame.K_END)
        assert not play.revealing and play.run.step == 0
    finally:
        pygame.quit()
