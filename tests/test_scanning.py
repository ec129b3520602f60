"""One-switch scanning (game/ui/scanning.py): the highlight steps on by itself and one key presses.

The SDL timer is replaced by a recorder, and its event is handed to App.step as the real loop
would; one test lets the real timer run, to show the event does come."""
from __future__ import annotations

import time

import pygame
import pytest

from conftest import FIXTURES
from game.speech import Recorder
from game.ui import keymap
from game.ui.app import App
from game.ui.scanning import END_PAUSE, SCAN_EVENT, VOICE_CHECK
from game.ui.screens.menus.keys import KeysScreen
from game.ui.screens.play.screen import PlayScreen
from game.ui.screens.menus.settings import SettingsScreen
from game.ui.settings import LABELS, Settings, load_settings
from drive_window import key, labels, press, start_game, tab_to

TICK = pygame.event.Event(SCAN_EVENT)


@pytest.fixture(autouse=True)
def _usual_keys_after():
    yield
    keymap.reset(Settings())


class Timer:
    """Stands in for pygame.time.set_timer: keeps the waits asked for."""

    def __init__(self):
        self.asked: list[int] = []

    def __call__(self, event, milliseconds, loops=0):
        assert event == SCAN_EVENT and loops in (0, 1)
        self.asked.append(milliseconds)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def scanning_window(saves, seconds=1.5, speaker=None, **settings) -> tuple[App, Timer]:
    app = App([FIXTURES / "tiny"], saves, speaker=speaker,
              settings=Settings(text_speed="instant", scanning=seconds, **settings))
    timer = Timer()
    app.scanner.arm, app.scanner.clock = timer, Clock()
    app.step([])
    return app, timer


def tick(app: App) -> None:
    """The wait set has passed and the timer's event comes in, as the real loop gets it."""
    app.scanner.clock.now += app.scanner.armed_ms / 1000
    app.step([TICK])


def focused(app: App) -> str | None:
    app.top.ensure_layout()
    return app.top.focused.label if app.top.focused is not None else None


def test_scanning_is_off_by_default_and_a_stray_timer_event_moves_nothing(app):
    assert Settings().scanning == 0 and not app.scanner.on
    assert app.scanner.armed_ms == 0
    before = focused(app)
    app.step([TICK])
    assert focused(app) == before


def test_the_highlight_steps_on_after_the_interval_and_wraps_after_a_longer_pause(saves):
    app, timer = scanning_window(saves, 1.5)
    buttons = labels(app)
    assert len(buttons) >= 3
    assert focused(app) == buttons[0]        # shown from the first frame
    assert app.scanner.armed_ms == 1500
    seen = [focused(app)]
    for _ in range(len(buttons) - 1):
        tick(app)
        seen.append(focused(app))
    assert seen == buttons                    # every button, in order
    assert app.scanner.armed_ms == round(1500 * END_PAUSE)  # the last one is held longer
    tick(app)
    assert focused(app) == buttons[0]         # and round again
    assert app.scanner.armed_ms == 1500
    assert timer.asked[-3:] == [1500, round(1500 * END_PAUSE), 1500]  # set through the timer


def test_space_presses_the_button_the_scan_reached_and_the_new_screen_starts_afresh(saves):
    app, timer = scanning_window(saves, 2.0)
    while focused(app) != "Settings":
        tick(app)
    press(app, key(pygame.K_SPACE))
    assert isinstance(app.top, SettingsScreen)
    assert focused(app) == labels(app)[0]
    assert app.scanner.armed_ms == 2000       # a whole interval on the first button
    tick(app)
    assert focused(app) == labels(app)[1]


def test_a_key_press_restarts_the_wait_where_the_highlight_is(saves):
    app, timer = scanning_window(saves, 3.0)
    tick(app)
    timer.asked.clear()
    app.scanner.clock.now += 2.9              # just before the next step is due,
    press(app, key(pygame.K_TAB))             # the player moves on by hand
    assert timer.asked and timer.asked[0] == 3000
    moved_to = focused(app)
    app.step([TICK])                          # an event the timer posted before the key
    assert focused(app) == moved_to           # does not move the highlight again
    tick(app)
    assert focused(app) != moved_to


def test_scanning_plays_a_scene_with_the_one_key(saves):
    app, timer = scanning_window(saves, 1.0)
    play = start_game(app)
    assert isinstance(play, PlayScreen)
    options = labels(app)
    press(app, key(pygame.K_TAB))             # any key: the scan goes on from here
    while focused(app) != options[1]:
        tick(app)
    before = len(play.run.taken)
    press(app, key(pygame.K_SPACE))
    assert len(play.run.taken) == before + 1 and play.run.taken[-1].text == options[1]


def test_the_switch_can_be_given_another_key(saves):
    app, timer = scanning_window(saves, 1.0)
    assert keymap.remap(app.settings, "switch", pygame.K_F12) is None
    app.apply_settings()
    while focused(app) != "Settings":
        tick(app)
    press(app, key(pygame.K_SPACE))           # Space is no longer the switch
    assert not isinstance(app.top, SettingsScreen)
    press(app, key(pygame.K_F12))
    assert isinstance(app.top, SettingsScreen)
    assert load_settings(saves).keys == {"switch": ["f12"]}


def test_without_scanning_space_still_presses_the_highlighted_button(app):
    tab_to(app, "New game")                   # Enter, through tab_to
    press(app, key(pygame.K_ESCAPE))
    app.top.ensure_layout()
    app.top.focused = next(b for b in app.top.buttons if b.label == "Settings")
    press(app, key(pygame.K_SPACE))
    assert isinstance(app.top, SettingsScreen)


def test_the_setting_is_on_the_settings_screen_and_saved(saves):
    app = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"))
    app.scanner.arm, app.scanner.clock = Timer(), Clock()
    tab_to(app, "Settings")
    row = f"{LABELS['scanning']}: off"
    assert row in labels(app)
    tab_to(app, row)
    assert f"{LABELS['scanning']}: 1 second" in labels(app)
    assert app.scanner.on and app.scanner.armed_ms == 1000
    assert load_settings(saves).scanning == 1.0
    again = App([FIXTURES / "tiny"], saves)
    assert again.settings.scanning == 1.0 and again.scanner.on
    again.close()


def test_the_scan_waits_while_the_keys_screen_waits_for_a_key(saves):
    app, timer = scanning_window(saves, 1.0)
    app.push(KeysScreen(app))
    app.step([])
    app.top.choose("switch")
    waiting = focused(app)
    tick(app)
    assert focused(app) == waiting and app.scanner.armed_ms == 1000
    press(app, key(pygame.K_F11))              # the new switch
    assert "'Scanning switch (presses the highlighted button)' is now F11" in app.top.message


class BusySpeaker(Recorder):
    speaks = True

    def __init__(self):
        super().__init__()
        self.talking = False

    @property
    def busy(self) -> bool:
        return self.talking


def test_with_speech_the_scan_waits_until_the_button_has_been_said(saves):
    speaker = BusySpeaker()
    app, timer = scanning_window(saves, 1.5, speaker=speaker, self_voicing=True)
    first = focused(app)
    speaker.talking = True
    tick(app)
    assert focused(app) == first and app.scanner.armed_ms == round(VOICE_CHECK * 1000)
    speaker.talking = False
    tick(app)                          # said: now the whole interval to press
    assert focused(app) == first and app.scanner.armed_ms == 1500
    tick(app)
    assert focused(app) == labels(app)[1]
    assert any(words.startswith(labels(app)[1]) for words in speaker.spoken)  # and it is said


def test_the_real_timer_posts_the_scan_event(saves):
    app = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant", scanning=1.0))
    app.step([])
    first = focused(app)
    deadline = time.monotonic() + 3
    events = []
    while time.monotonic() < deadline and not any(e.type == SCAN_EVENT for e in events):
        time.sleep(0.05)
        events += pygame.event.get()
    app.step(events)
    assert any(e.type == SCAN_EVENT for e in events)
    assert focused(app) != first
    app.close()
    pygame.quit()


def test_a_text_box_is_scanned_until_the_player_types_in_it(saves):
    from game.ui.screens.menus.ask_text import AskTextScreen
    kept = []
    app, timer = scanning_window(saves, 1.0)
    app.push(AskTextScreen(app, "Your group's label", kept.append))
    app.step([])
    assert focused(app) is None               # the box has the keys
    tick(app)
    assert focused(app) == "Save"             # a switch user reaches Save and Cancel
    press(app, key(pygame.K_SPACE))
    assert kept == [""]                       # the switch pressed Save
    app.push(AskTextScreen(app, "Your group's label", kept.append))
    app.step([])
    app.step([pygame.event.Event(pygame.TEXTINPUT, text="T")])
    press(app, key(pygame.K_t, unicode="t"))  # typed: from now on the scan leaves the box alone
    tick(app)
    tick(app)
    assert focused(app) is None


def test_the_ending_and_the_debrief_are_scanned_too(saves):
    from game.ui.screens.debrief.screen import DebriefScreen
    from game.ui.screens.play.ending import EndingScreen
    app, timer = scanning_window(saves, 2.0)
    play = start_game(app)
    press(app, key(pygame.K_1), key(pygame.K_RETURN), key(pygame.K_1), key(pygame.K_RETURN))
    assert play.run.ended and isinstance(app.top, EndingScreen)
    for _ in range(len(labels(app)) + 1):
        if focused(app) and focused(app).startswith("Debrief"):
            break
        tick(app)
    press(app, key(pygame.K_SPACE))
    assert isinstance(app.top, DebriefScreen)
    first = focused(app)
    tick(app)
    assert focused(app) not in (None, first)
