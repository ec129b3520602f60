"""The game window, driven frame by frame with synthetic events on SDL's dummy video driver."""
from __future__ import annotations

import json
import shutil

import pygame
import pytest

import window_fit
from conftest import FIXTURES
from game.saves import read_slot
from game.ui.app import App
from game.ui.screens.play.ending import EndingScreen
from game.ui.screens.play.screen import PlayScreen
from game.ui.screens.menus.saves import SavesScreen
from game.ui.screens.menus.step_out import StepOutScreen
from game.ui.screens.menus.title import TitleScreen
from game.ui.settings import Settings, load_settings
from game.ui.theme import CALM, HIGH_CONTRAST, contrast

# The check that a screen fits its window, named here for the many tests that import it from
# this module; the tests of the fit itself are in test_fits.py.
assert_fits, fit_problems = window_fit.assert_fits, window_fit.fit_problems

CANNOT_OPEN_SAVE = ("This save can't be opened. It may be from a newer version or was cut short. "
                    "Your other saves are fine.")


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


def test_undo_by_backspace_and_ctrl_z_updates_the_autosave(app, saves):
    play = start_game(app)
    press(app, key(pygame.K_1), key(pygame.K_RETURN))
    assert play.run.step == 1
    press(app, key(pygame.K_BACKSPACE))
    assert play.run.step == 0 and play.run.scene.id == "pro-start"
    assert read_slot(saves / "auto.json").step == 0
    press(app, key(pygame.K_2), key(pygame.K_RETURN), key(pygame.K_z, pygame.KMOD_CTRL))
    assert play.run.step == 0


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


def test_help_overlay_lists_the_keys_and_closes(app):
    press(app, key(pygame.K_F1))
    text = " ".join(line[1] for item in app.top.panes[0].column.texts for line in item.lines)
    assert "Backspace" in text and "step out" in text
    press(app, key(pygame.K_F1))
    assert isinstance(app.top, TitleScreen)


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


SIZES = [(800, 600), (1024, 768), (1280, 720), (1920, 1080)]


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


def finish(app: App, play: PlayScreen) -> None:
    """Take the first open option until the story ends."""
    while isinstance(app.top, PlayScreen):
        if play.phase == "note":
            play.read_noted(False)
        elif play.phase == "outcome":
            play.after_outcome()
        else:
            play.choose(next(v.index for v in play.run.choices if v.enabled))


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


def test_step_out_keeps_the_scroll_position(app):
    play = start_game(app)
    press(app, key(pygame.K_TAB))
    play.panes[0].view.offset = 0
    play.panes[0].view.scroll(40)
    where = play.panes[0].view.offset
    press(app, key(pygame.K_p), key(pygame.K_ESCAPE))
    play.ensure_layout()
    assert app.top is play and play.panes[0].view.offset == where


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


def skip_reflection(app: App) -> None:
    """Skip the scenario's before-and-after statements when they are on screen, as a player
    may: keyboard only."""
    from game.ui.screens.play.reflection import ReflectionScreen
    if isinstance(app.top, ReflectionScreen):
        tab_to(app, "Skip all")


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
