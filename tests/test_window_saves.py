"""The game window's saves: the autosave, quick save and load, save slots and damaged or
unusable save files."""
from __future__ import annotations

import json

import pygame

from drive_window import finish, key, labels, press, start_game, tab_to
from game.saves import read_slot
from game.ui.screens.play.ending import EndingScreen
from game.ui.screens.play.screen import PlayScreen
from game.ui.screens.menus.saves import SavesScreen

CANNOT_OPEN_SAVE = ("This save can't be opened. It may be from a newer version or was cut short. "
                    "Your other saves are fine.")


def test_quick_save_and_quick_load(app, saves):
    start_game(app)
    press(app, key(pygame.K_1), key(pygame.K_RETURN), key(pygame.K_F6))
    assert read_slot(saves / "quick.json").step == 1
    press(app, key(pygame.K_BACKSPACE), key(pygame.K_F9))
    assert isinstance(app.top, PlayScreen) and app.top.run.step == 1


def test_continue_on_the_title_resumes_the_autosave(app, saves):
    start_game(app)
    press(app, key(pygame.K_1), key(pygame.K_RETURN))
    app.to_title()
    app.top.invalidate()
    assert labels(app)[0] == "Continue"
    app.top.buttons[0].press()
    assert isinstance(app.top, PlayScreen) and app.top.run.step == 1


def test_save_slots_show_contents_ask_before_replacing_and_list_damaged_files(app, saves):
    play = start_game(app)
    press(app, key(pygame.K_1), key(pygame.K_RETURN))
    screen = SavesScreen(app, run=play.run)
    app.push(screen)
    slot_buttons = [b for b in labels(app) if b.startswith("Slot")]
    assert len(slot_buttons) == 6
    next(b for b in app.top.buttons if b.label == "Slot 1").press()
    assert (saves / "slot-1.json").exists()
    app.top.invalidate()
    labels(app)
    slot1 = next(b for b in app.top.buttons if b.label == "Slot 1")
    assert "Tiny test scenario, as Pat, manager. The meeting. Saved" in slot1.note
    slot1.press()
    assert "Replace it" in labels(app)           # asked, not overwritten
    app.pop()
    (saves / "slot-2.json").write_text("{not json", encoding="utf-8")
    app.push(SavesScreen(app, run=None))
    labels(app)
    broken = next(b for b in app.top.buttons if b.label == "Slot 2")
    assert not broken.enabled and broken.note == CANNOT_OPEN_SAVE   # no parser words in the window


def test_loading_a_finished_game_opens_its_ending_not_a_crash(app, saves):
    play = start_game(app)
    finish(app, play)
    assert isinstance(app.top, EndingScreen)
    app.to_title()
    app.push(SavesScreen(app, run=None))
    labels(app)
    next(b for b in app.top.buttons if b.label.startswith("Autosave")).press()
    assert isinstance(app.top, EndingScreen) and app.top.run.ended
    press(app, key(pygame.K_F9))  # no quick save yet: a message, not a crash
    assert isinstance(app.top, EndingScreen)


def test_a_new_game_asks_before_replacing_an_unfinished_autosave(app, saves):
    start_game(app)
    press(app, key(pygame.K_1), key(pygame.K_RETURN))
    app.to_title()
    app.top.invalidate()
    tab_to(app, "New game")
    tab_to(app, "Tiny test scenario")
    tab_to(app, "Pat")
    tab_to(app, "Begin")
    assert "Start the new game" in labels(app)
    tab_to(app, "Go back")
    assert read_slot(saves / "auto.json").step == 1


def test_a_save_whose_scenario_is_gone_is_listed_as_unusable(app, saves):
    saves.mkdir(parents=True, exist_ok=True)
    (saves / "slot-3.json").write_text(json.dumps({
        "format": "making-together/run", "version": 1, "scenario": "gone", "role": "professional",
        "seed": 1, "choices": []}), encoding="utf-8")
    app.push(SavesScreen(app, run=None))
    labels(app)
    slot = next(b for b in app.top.buttons if b.label == "Slot 3")
    assert not slot.enabled and slot.note.startswith('Cannot be loaded: its scenario "gone"')


def test_quick_load_with_no_quick_save_says_so(app):
    press(app, key(pygame.K_F9))
    assert app.notice.startswith("There is no quick save yet")


def test_quitting_an_untouched_new_game_keeps_the_old_autosave(app, saves):
    start_game(app)
    press(app, key(pygame.K_1), key(pygame.K_RETURN))
    app.to_title()
    before = (saves / "auto.json").read_text()
    app.top.invalidate()
    tab_to(app, "New game")
    tab_to(app, "Tiny test scenario")
    tab_to(app, "Pat")
    tab_to(app, "Begin")
    tab_to(app, "Start the new game")
    press(app, key(pygame.K_ESCAPE))             # the pause menu, before any choice
    tab_to(app, "Quit to the title screen")
    assert (saves / "auto.json").read_text() == before


def test_undo_by_backspace_and_ctrl_z_updates_the_autosave(app, saves):
    play = start_game(app)
    press(app, key(pygame.K_1), key(pygame.K_RETURN))
    assert play.run.step == 1
    press(app, key(pygame.K_BACKSPACE))
    assert play.run.step == 0 and play.run.scene.id == "pro-start"
    assert read_slot(saves / "auto.json").step == 0
    press(app, key(pygame.K_2), key(pygame.K_RETURN), key(pygame.K_z, pygame.KMOD_CTRL))
    assert play.run.step == 0
