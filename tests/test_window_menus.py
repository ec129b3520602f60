"""The game window's ways out and settings: step out from anywhere, the keys overlay, the
settings screen and its file, and the colours' contrast."""
from __future__ import annotations

import json

import pygame
import pytest

from drive_window import key, press, start_game
from game.ui.screens.menus.saves import SavesScreen
from game.ui.screens.menus.step_out import StepOutScreen
from game.ui.screens.menus.title import TitleScreen
from game.ui.settings import load_settings
from game.ui.theme import CALM, HIGH_CONTRAST, contrast


def test_step_out_from_anywhere_returns_to_the_same_place(app):
    play = start_game(app)
    press(app, key(pygame.K_1))
    before = (play.phase, play.run.step, play.run.scene.id)
    press(app, key(pygame.K_p))
    assert isinstance(app.top, StepOutScreen)
    text = " ".join(line[1] for item in app.top.panes[0].column.texts for line in item.lines)
    assert "116 123" in text and "facilitator" in text
    press(app, key(pygame.K_ESCAPE))
    assert app.top is play and (play.phase, play.run.step, play.run.scene.id) == before


def test_step_out_keeps_the_scroll_position(app):
    play = start_game(app)
    press(app, key(pygame.K_TAB))
    play.panes[0].view.offset = 0
    play.panes[0].view.scroll(40)
    where = play.panes[0].view.offset
    press(app, key(pygame.K_p), key(pygame.K_ESCAPE))
    play.ensure_layout()
    assert app.top is play and play.panes[0].view.offset == where


def test_step_out_from_every_screen_returns_to_that_screen(app):
    from game.ui.screens.play.history import HistoryScreen
    from game.ui.screens.menus.pause import PauseScreen
    from game.ui.screens.menus.settings import SettingsScreen
    from game.ui.screens.menus.title import AboutScreen
    play = start_game(app)
    screens = [lambda: app.top, lambda: HistoryScreen(app, play.run), lambda: PauseScreen(app, play.run),
               lambda: SavesScreen(app, run=play.run), lambda: SettingsScreen(app), lambda: AboutScreen(app)]
    for make in screens:
        screen = make()
        if screen is not app.top:
            app.push(screen)
        depth = len(app.stack)
        press(app, key(pygame.K_p))
        assert isinstance(app.top, StepOutScreen)
        press(app, key(pygame.K_ESCAPE))
        assert app.top is screen and len(app.stack) == depth


def test_help_overlay_lists_the_keys_and_closes(app):
    press(app, key(pygame.K_F1))
    text = " ".join(line[1] for item in app.top.panes[0].column.texts for line in item.lines)
    assert "Backspace" in text and "step out" in text
    press(app, key(pygame.K_F1))
    assert isinstance(app.top, TitleScreen)


def test_settings_change_with_arrow_keys_and_are_remembered(app, saves):
    app.top.ensure_layout()
    next(b for b in app.top.buttons if b.label == "Settings").press()
    press(app, key(pygame.K_TAB))                # Text size
    press(app, key(pygame.K_RIGHT), key(pygame.K_RIGHT))
    assert app.settings.text_size == 1.5
    press(app, key(pygame.K_LEFT))
    assert app.settings.text_size == 1.25
    assert json.loads((saves / "settings.json").read_text())["text_size"] == 1.25
    assert load_settings(saves).text_size == 1.25


def test_damaged_settings_file_falls_back_to_defaults(saves):
    saves.mkdir(parents=True)
    (saves / "settings.json").write_text('{"text_size": 7, "high_contrast": "yes", "ui_scale": 2}')
    settings = load_settings(saves)
    assert (settings.text_size, settings.high_contrast, settings.ui_scale) == (1.0, False, 2.0)


@pytest.mark.parametrize("palette,ratio", [(CALM, 4.5), (HIGH_CONTRAST, 7.0)])
def test_text_colours_meet_wcag_contrast(palette, ratio):
    pairs = [(palette.ink, palette.background), (palette.ink, palette.panel),
             (palette.muted, palette.panel), (palette.muted, palette.background),
             (palette.on_accent, palette.accent), (palette.ink, palette.soft),
             (palette.on_disabled, palette.disabled), (palette.speaker, palette.panel),
             (palette.rise, palette.panel), (palette.fall, palette.panel),
             (palette.accent, palette.panel)]
    for text, background in pairs:
        assert contrast(text, background) >= ratio, (text, background)
