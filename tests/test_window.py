"""The game window, driven frame by frame with synthetic events on SDL's dummy video driver:
playing from the title to an ending by keyboard and by mouse. Saving is in test_window_saves.py;
stepping out, help and settings in test_window_menus.py; the helpers in drive_window.py."""
from __future__ import annotations

import shutil

import pygame

from conftest import FIXTURES
from drive_window import click, finish, key, labels, press, start_game
from game.saves import read_slot
from game.ui.app import App
from game.ui.screens.play.ending import EndingScreen
from game.ui.screens.play.screen import PlayScreen
from game.ui.screens.menus.title import TitleScreen
from game.ui.settings import Settings


def test_title_screen_offers_the_main_actions_and_draws_quickly(app):
    app.step([])
    assert isinstance(app.top, TitleScreen)
    assert labels(app) == ["New game", "Load a saved game", "Session records and debriefs",
                           "Handouts to print",
                           "Workshop mode (a room plays together)", "Settings", "About and credits",
                           "Quit"]
    assert app.first_frame_at is not None and app.first_frame_at < 2.0


def test_keyboard_alone_plays_to_an_ending(app, saves):
    play = start_game(app)
    assert play.phase == "scene" and play.run.scene.id == "pro-start"
    press(app, key(pygame.K_1))              # Offer to pay everyone
    assert play.phase == "outcome"
    assert "Trust +15 (now 65)" in [line[1] for item in play.main.texts for line in item.lines]
    press(app, key(pygame.K_RETURN))         # Continue (already highlighted)
    assert play.run.scene.id == "pro-decide"
    press(app, key(pygame.K_1), key(pygame.K_RETURN))
    assert isinstance(app.top, EndingScreen)
    assert app.top.run.ending.id == "together"
    assert read_slot(saves / "auto.json").ending == "together"


def test_locked_option_shows_its_reason_and_cannot_be_taken(app):
    play = start_game(app)
    play.ensure_layout()
    locked = play.main.buttons[2]
    assert not locked.enabled and locked.note == "Not available: Sam does not trust you enough yet."
    press(app, key(pygame.K_3))
    assert play.run.step == 0
    press(app, click(play.screen_rect(locked).center))
    assert play.run.step == 0


def test_mouse_clicks_a_choice_and_the_wheel_scrolls(app):
    play = start_game(app)
    play.ensure_layout()
    second = play.main.buttons[1]
    press(app, click(play.screen_rect(second).center))
    assert play.run.step == 1 and play.run.taken[-1].text == "Keep the budget for the project"


def test_typewriter_completes_on_the_first_key_instead_of_choosing(saves):
    app = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="slow"))
    play = start_game(app)
    assert play.revealing
    press(app, key(pygame.K_1))
    assert not play.revealing and play.run.step == 0
    press(app, key(pygame.K_1))
    assert play.run.step == 1


def test_nothing_is_drawn_when_nothing_changes(app):
    app.step([])
    frames = app.frames
    for _ in range(5):
        app.step([], 0.016)
    assert app.frames == frames
    app.step([pygame.event.Event(pygame.WINDOWEXPOSED)])
    assert app.frames == frames + 1


def test_missing_background_is_a_plain_panel_not_a_crash(tmp_path, saves):
    folder = tmp_path / "tiny"
    shutil.copytree(FIXTURES / "tiny", folder)
    app = App([folder], saves, settings=Settings(text_speed="instant"))
    app.library  # loaded while the picture was there
    (folder / "assets" / "room.svg").unlink()
    start_game(app)
    app.screenshot(tmp_path / "shot.png")
    assert (tmp_path / "shot.png").stat().st_size > 0


def test_resizing_the_window_reflows_the_screen(app):
    play = start_game(app)
    wide = play.main.width
    pygame.display.set_mode((800, 600), pygame.RESIZABLE)
    press(app, pygame.event.Event(pygame.VIDEORESIZE, size=(800, 600), w=800, h=600))
    play.ensure_layout()
    assert app.theme.size == (800, 600) and play.main.width < wide
    assert all(pane.view.rect.right <= 800 for pane in play.panes)


def test_content_noted_scene_can_be_read_or_skipped(saves):
    app = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"))
    play = start_game(app, role="Sam")
    assert play.phase == "note"
    assert labels(app)[:3] == ["Read the scene", "Skip the text, show the choices", "Step out"]
    press(app, key(pygame.K_2))
    assert play.phase == "scene" and play.skip_text
    texts = [line[1] for item in play.main.texts for line in item.lines]
    assert "Welcome, Sam." not in texts and "You skipped the text of this scene." in texts


def test_command_line_scenario_and_role_open_the_prebrief(saves):
    from game.ui.main import start_app
    from game.ui.screens.menus.new_game import ChooseScreen, PrebriefScreen
    app = start_app([FIXTURES / "tiny"], saves, scenario_id="tiny", role="service_user")
    assert isinstance(app.top, PrebriefScreen) and app.top.role == "service_user"
    app = start_app([FIXTURES / "tiny"], saves, scenario_id="tiny", role="nobody")
    assert isinstance(app.top, ChooseScreen) and app.top.scenario.id == "tiny"


def test_holding_enter_never_chooses_for_you(app):
    play = start_game(app)
    enter = key(pygame.K_RETURN)
    for _ in range(10):  # key repeat: many key-downs with no key-up in between
        app.step([enter])
    assert play.run.step == 0


def test_undo_goes_back_to_the_last_decision_and_keeps_a_skipped_text_skipped(saves):
    app = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"))
    play = start_game(app, role="Sam")
    press(app, key(pygame.K_2))                  # skip the content-noted scene's text
    press(app, key(pygame.K_1))                  # Continue
    assert play.run.scene.id == "user-decide"
    press(app, key(pygame.K_BACKSPACE))          # takes back the Continue: back at the noted scene
    assert play.run.scene.id == "user-start" and play.skip_text and play.phase == "scene"


def test_history_has_the_replies_and_tab_reaches_its_button(app):
    start_game(app)
    press(app, key(pygame.K_1), key(pygame.K_RETURN), key(pygame.K_h))
    texts = [line[1] for item in app.top.panes[0].column.texts for line in item.lines]
    assert "Sam smiles." in texts and "You chose: Offer to pay everyone" in texts
    app.top.focused = None
    press(app, key(pygame.K_TAB))
    assert app.top.focused.label == "Back to the game"


def test_backspace_at_the_ending_takes_back_the_last_decision(app):
    play = start_game(app)
    finish(app, play)
    press(app, key(pygame.K_BACKSPACE))
    assert isinstance(app.top, PlayScreen) and app.top.run.scene.id == "pro-decide"


def test_the_mouse_alone_plays_from_the_title_to_an_ending(saves):
    app = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"))

    def click_on(label: str) -> None:
        labels(app)
        button = next(b for b in app.top.buttons if b.label.startswith(label) and b.enabled)
        press(app, click(app.top.screen_rect(button).center))

    for label in ("New game", "Tiny test scenario", "Pat", "Begin", "Begin"):
        click_on(label)
    for label in ("Offer to pay everyone", "Continue", "Decide together", "Continue"):
        click_on(label)
    assert isinstance(app.top, EndingScreen) and app.top.run.ending.id == "together"


def test_idle_time_draws_the_pictures_of_the_next_scenes(tmp_path, saves):
    folder = tmp_path / "tiny"
    shutil.copytree(FIXTURES / "tiny", folder)
    shutil.copy(folder / "assets" / "room.svg", folder / "assets" / "hall.svg")
    chapter = folder / "1-meeting.yaml"
    chapter.write_text(chapter.read_text().replace(
        "  - id: pro-decide\n", "  - id: pro-decide\n    background: hall.svg\n"))
    app = App([folder], saves, settings=Settings(text_speed="instant"))
    start_game(app)  # the first scene is on screen
    hall = [key for key in app.pictures._cache if key[0].name == "hall.svg"]
    assert hall == []
    app.step([])   # nothing happens: the next scene's picture is drawn now, before it is needed
    assert [key for key in app.pictures._cache if key[0].name == "hall.svg"]
