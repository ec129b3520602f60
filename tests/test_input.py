"""Input beyond the usual keys: the player's own keys (Settings → Keys…) and gamepads, driven with
synthetic pygame events through App.step on SDL's dummy video driver."""
from __future__ import annotations

import json

import pygame
import pytest

from conftest import FIXTURES
from game.ui import keymap
from game.ui.actions import help_lines, translate
from game.ui.app import App
from game.ui.controller import Pads
from game.ui.screens.play.history import HistoryScreen
from game.ui.screens.menus.keys import KeysScreen
from game.ui.screens.menus.settings import SettingsScreen
from game.ui.screens.menus.step_out import StepOutScreen
from game.ui.screens.menus.title import TitleScreen
from game.ui.settings import Settings, load_settings
from drive_window import key, labels, press, start_game

A, B, X, Y = (pygame.CONTROLLER_BUTTON_A, pygame.CONTROLLER_BUTTON_B, pygame.CONTROLLER_BUTTON_X,
              pygame.CONTROLLER_BUTTON_Y)
DOWN, UP = pygame.CONTROLLER_BUTTON_DPAD_DOWN, pygame.CONTROLLER_BUTTON_DPAD_UP


@pytest.fixture(autouse=True)
def _usual_keys_after():
    """The keys are read through one table for the whole process: leave it as it was."""
    yield
    keymap.reset(Settings())


def pad(button: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, button=button, instance_id=0)


def stick(value: int, axis: int = pygame.CONTROLLER_AXIS_LEFTY) -> pygame.event.Event:
    return pygame.event.Event(pygame.CONTROLLERAXISMOTION, axis=axis, value=value, instance_id=0)


def focused(app: App) -> str | None:
    return app.top.focused.label if app.top.focused is not None else None


def pad_to(app: App, label: str) -> None:
    """D-pad down until the highlight is on `label`, then A."""
    for _ in range(len(labels(app)) + 1):
        if focused(app) is not None and focused(app).startswith(label):
            press(app, pad(A))
            return
        press(app, pad(DOWN))
    raise AssertionError(f"no button {label!r} in {labels(app)}")


def open_keys(app: App) -> KeysScreen:
    pad_to(app, "Settings")
    assert isinstance(app.top, SettingsScreen)
    pad_to(app, "Keys")
    assert isinstance(app.top, KeysScreen)
    return app.top


def remap(app: App, label: str, new_key: int) -> None:
    """On the keys screen: highlight the binding whose label starts with `label`, Enter, the key."""
    app.top.ensure_layout()
    app.top.focused = next(b for b in app.top.buttons if b.label.startswith(label))
    press(app, key(pygame.K_RETURN), key(new_key))


# -- gamepad ---------------------------------------------------------------------------------

def test_dpad_moves_the_highlight_a_presses_and_b_goes_back(app):
    press(app, pad(DOWN))
    first = focused(app)
    assert first is not None
    press(app, pad(DOWN))
    assert focused(app) not in (None, first)
    press(app, pad(UP))
    assert focused(app) == first
    pad_to(app, "Settings")
    assert isinstance(app.top, SettingsScreen)
    press(app, pad(B))
    assert isinstance(app.top, TitleScreen)


def test_gamepad_alone_chooses_undoes_and_steps_out(app):
    play = start_game(app)
    assert play.run.step == 0
    pad_to(app, "Keep the budget")
    assert play.run.step == 1 and play.run.taken[-1].text == "Keep the budget for the project"
    press(app, pad(X))
    assert play.run.step == 0
    press(app, pad(Y))
    assert isinstance(app.top, StepOutScreen)
    press(app, pad(B))
    assert app.top is play


def test_the_stick_moves_one_step_per_push(app):
    press(app, stick(30000))
    first = focused(app)
    press(app, stick(32000), stick(25000))      # still pushed: no more steps
    assert focused(app) == first
    press(app, stick(0), stick(30000))          # let go, pushed again: one more
    second = focused(app)
    assert second != first
    press(app, stick(0), stick(-30000))
    assert focused(app) == first


def hat(x: int, y: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.JOYHATMOTION, value=(x, y), hat=0, instance_id=3)


def test_a_raw_joystick_works_through_its_hat_and_buttons(app):
    press(app, hat(0, -1), hat(0, 0))
    first = focused(app)
    press(app, hat(0, -1), hat(0, 0))
    assert focused(app) not in (None, first)
    press(app, hat(0, 1), hat(0, 0))
    assert focused(app) == first
    for _ in range(len(labels(app))):
        if focused(app) == "Settings":
            break
        press(app, hat(0, -1))
    press(app, pygame.event.Event(pygame.JOYBUTTONDOWN, button=0, instance_id=3))
    assert isinstance(app.top, SettingsScreen)
    press(app, pygame.event.Event(pygame.JOYBUTTONDOWN, button=1, instance_id=3))
    assert isinstance(app.top, TitleScreen)


class FakePad:
    name = "Adaptive Controller"

    def as_joystick(self):
        return self

    def get_instance_id(self):
        return 7


def test_plugging_in_and_out_is_said_and_a_pad_is_not_read_twice():
    said: list[str] = []
    pads = Pads(said.append, opener=lambda index: FakePad())
    pads.translate(pygame.event.Event(pygame.CONTROLLERDEVICEADDED, device_index=0))
    assert said[-1].startswith("Adaptive Controller connected: D-pad moves, A presses")
    # SDL also sends a game controller's presses as raw joystick events: only one counts
    assert pads.translate(pygame.event.Event(pygame.JOYBUTTONDOWN, button=0, instance_id=7)) is None
    assert pads.translate(pad(A)).name == "activate"
    pads.translate(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=7))
    assert "unplugged" in said[-1]
    assert pads.translate(pygame.event.Event(pygame.JOYBUTTONDOWN, button=0,
                                             instance_id=7)).name == "activate"


def test_a_controller_event_with_no_controller_behind_it_is_harmless(app):
    press(app, pygame.event.Event(pygame.CONTROLLERDEVICEADDED, device_index=5),
          pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=5))
    assert isinstance(app.top, TitleScreen) and app.running


# -- the player's own keys -------------------------------------------------------------------

def test_remapped_key_works_in_play_and_the_old_one_does_not(app, saves):
    keys = open_keys(app)
    remap(app, "History", pygame.K_j)
    assert "'History' is now J." in keys.message
    assert json.loads((saves / "settings.json").read_text())["keys"] == {"history": ["j"]}
    assert "J: history of everything read and chosen" in help_lines()
    assert translate(key(pygame.K_h)).name == "any_key"
    press(app, pad(B), pad(B))
    play = start_game(app)
    press(app, key(pygame.K_j))
    assert isinstance(app.top, HistoryScreen)
    press(app, key(pygame.K_ESCAPE), key(pygame.K_h))
    assert app.top is play


def test_a_key_another_binding_has_is_refused_naming_it(app, saves):
    keys = open_keys(app)
    remap(app, "History", pygame.K_r)
    assert keys.message == ("R is already 'Workshop: the live room'. Choose another key, or "
                            "change that one first.")
    assert translate(key(pygame.K_h)).name == "history" and translate(key(pygame.K_r)).name == "room"
    remap(app, "History", pygame.K_3)             # 1 to 9 stay fixed
    assert "stays as it is" in keys.message and translate(key(pygame.K_3)).name == "choose"
    remap(app, "History", pygame.K_ESCAPE)        # Esc cancels
    assert keys.message.startswith("Cancelled") and isinstance(app.top, KeysScreen)
    assert translate(key(pygame.K_h)).name == "history"
    remap(app, "Workshop: the live room", pygame.K_F7)   # move room off R first, then R is free
    remap(app, "History", pygame.K_r)
    assert translate(key(pygame.K_r)).name == "history"
    assert load_settings(saves).keys == {"room": ["f7"], "history": ["r"]}


def test_own_keys_are_restored_at_start_and_reset_to_the_usual(app, saves):
    open_keys(app)
    remap(app, "Up", pygame.K_w)
    assert "Down, W, Right, Left: move the highlight" in " ".join(help_lines())
    app.close()
    pygame.quit()
    again = App([FIXTURES / "tiny"], saves)     # settings read from the save folder
    try:
        assert again.settings.keys == {"up": ["w"]}
        assert translate(key(pygame.K_w)).name == "up" and translate(key(pygame.K_UP)).name == "any_key"
        again.push(KeysScreen(again))
        again.top.ensure_layout()
        next(b for b in again.top.buttons if b.label == "Back to the usual keys").press()
        assert translate(key(pygame.K_UP)).name == "up" and translate(key(pygame.K_w)).name == "any_key"
        assert load_settings(saves).keys == {}
        arrows = next(line for line in help_lines() if "move the highlight (or scroll" in line)
        assert arrows.startswith("Arrow keys:")  # the usual words again
    finally:
        again.close()


def test_shift_with_the_remapped_highlight_key_moves_back():
    settings = Settings(keys={"focus_next": ["g"]})
    keymap.apply(settings)
    try:
        assert translate(key(pygame.K_g)).name == "focus_next"
        assert translate(key(pygame.K_g, pygame.KMOD_SHIFT)).name == "focus_prev"
    finally:
        keymap.reset(Settings())


def test_damaged_or_conflicting_saved_keys_are_left_out(saves):
    saves.mkdir(parents=True)
    (saves / "settings.json").write_text(json.dumps({"keys": {
        "history": ["no such key"], "bogus": ["x"], "undo": "q", "help": ["1"], "back": ["q"],
        "note": ["h"],                     # H is still history's
        "speech": ["o"],                   # O is still other_side's, which comes later
        "meters": ["left shift"],          # a modifier
        "timer": ["f7"], "votes": ["r"], "room": ["f8"],   # kept: R was moved off room
    }, "text_size": 1.5}))
    settings = load_settings(saves)
    assert settings.keys == {"timer": ["f7"], "votes": ["r"], "room": ["f8"]}
    assert settings.text_size == 1.5
    (saves / "settings.json").write_text('{"keys": ["j"], "text_size": 1.25}')
    assert load_settings(saves).keys == {} and load_settings(saves).text_size == 1.25
