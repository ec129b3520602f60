"""Gamepads and adaptive controllers (an Xbox Adaptive Controller shows up as a gamepad) become the
same few actions as the keys: D-pad or left stick move the highlight, A presses it, B goes back,
X takes back the last choice, Y steps out; the shoulder buttons move the highlight on and back,
Start shows the keys.

SDL's game-controller API gives every known pad the same layout. A device SDL does not know as a
game controller still works through its raw joystick events: buttons 0-3 as A, B, X, Y, and its
hat as the D-pad. Pads may come and go while the game runs; with none the game is the same.
"""
from __future__ import annotations

from typing import Callable

import pygame

from .actions import Action


def _controller_api():
    """SDL2's game-controller API, imported with the first pad (not before the first frame),
    or None in a pygame without it: raw joysticks only."""
    try:
        from pygame._sdl2 import controller
    except ImportError:
        return None
    return controller


BUTTONS = {
    pygame.CONTROLLER_BUTTON_A: "activate", pygame.CONTROLLER_BUTTON_B: "back",
    pygame.CONTROLLER_BUTTON_X: "undo", pygame.CONTROLLER_BUTTON_Y: "step_out",
    pygame.CONTROLLER_BUTTON_DPAD_UP: "up", pygame.CONTROLLER_BUTTON_DPAD_DOWN: "down",
    pygame.CONTROLLER_BUTTON_DPAD_LEFT: "left", pygame.CONTROLLER_BUTTON_DPAD_RIGHT: "right",
    pygame.CONTROLLER_BUTTON_LEFTSHOULDER: "focus_prev",
    pygame.CONTROLLER_BUTTON_RIGHTSHOULDER: "focus_next",
    pygame.CONTROLLER_BUTTON_START: "help",
}
JOY_BUTTONS = {0: "activate", 1: "back", 2: "undo", 3: "step_out", 4: "focus_prev",
               5: "focus_next", 7: "help"}
STICK_AXES = {pygame.CONTROLLER_AXIS_LEFTX: ("left", "right"),
              pygame.CONTROLLER_AXIS_LEFTY: ("up", "down")}
PUSHED, LET_GO = 20000, 8000  # of 32767: past PUSHED is one step; back under LET_GO before the next

PAD_EVENTS = frozenset({
    pygame.CONTROLLERBUTTONDOWN, pygame.CONTROLLERAXISMOTION, pygame.CONTROLLERDEVICEADDED,
    pygame.CONTROLLERDEVICEREMOVED, pygame.JOYBUTTONDOWN, pygame.JOYHATMOTION, pygame.JOYAXISMOTION,
    pygame.JOYDEVICEADDED, pygame.JOYDEVICEREMOVED})


def _open_pad(index: int):
    """The game controller at device `index`, or None when SDL does not see one there."""
    sdl_controller = _controller_api()
    if sdl_controller is None or not sdl_controller.is_controller(index):
        return None
    return sdl_controller.Controller(index)


class Pads:
    """The pads plugged in now; `translate` turns their events into actions."""

    def __init__(self, say: Callable[[str], None], opener: Callable[[int], object] = _open_pad):
        self.say = say
        self.opener = opener
        self.pads: dict[int, object] = {}  # instance id -> open controller
        self.pushed: dict[tuple[int, int], bool] = {}  # (pad, axis) -> the stick is pushed over
        try:
            sdl_controller = _controller_api()
            if sdl_controller is not None:
                sdl_controller.init()
            pygame.joystick.init()
        except pygame.error:
            pass  # no controller support here: the keys and the mouse still work

    def translate(self, event: pygame.event.Event) -> Action | None:
        kind = event.type
        if kind == pygame.CONTROLLERDEVICEADDED:
            self.plugged(getattr(event, "device_index", -1))
            return None
        if kind == pygame.CONTROLLERDEVICEREMOVED:
            pad = self.pads.pop(getattr(event, "instance_id", -1), None)
            if pad is not None:
                self.say("Controller unplugged. The keys and the mouse still work.")
            return None
        if kind == pygame.CONTROLLERBUTTONDOWN:
            return self._named(BUTTONS.get(event.button))
        if kind == pygame.CONTROLLERAXISMOTION:
            return self._stick(event.instance_id, event.axis, event.value)
        # raw joystick events: only from devices that are not already open as game controllers,
        # which SDL reports both ways
        if getattr(event, "instance_id", None) in self.pads:
            return None
        if kind == pygame.JOYBUTTONDOWN:
            return self._named(JOY_BUTTONS.get(event.button))
        if kind == pygame.JOYHATMOTION:
            x, y = event.value
            return self._named({(0, 1): "up", (0, -1): "down", (-1, 0): "left",
                                (1, 0): "right"}.get((x, y)))
        if kind == pygame.JOYAXISMOTION and event.axis in (0, 1):
            return self._stick(event.instance_id, event.axis, int(event.value * 32767))
        return None

    def plugged(self, index: int) -> None:
        try:
            pad = self.opener(index)
        except (pygame.error, ValueError, IndexError):
            pad = None
        if pad is None:
            return
        instance = pad.as_joystick().get_instance_id() if hasattr(pad, "as_joystick") else index
        if instance not in self.pads:
            self.pads[instance] = pad
            name = getattr(pad, "name", "") or "A controller"
            self.say(f"{name} connected: D-pad moves, A presses, B goes back, X takes back, "
                     "Y steps out.")

    def _stick(self, pad: int, axis: int, value: int) -> Action | None:
        if axis not in STICK_AXES:
            return None
        was = self.pushed.get((pad, axis), False)
        if abs(value) < LET_GO:
            self.pushed[(pad, axis)] = False
        elif abs(value) > PUSHED and not was:
            self.pushed[(pad, axis)] = True
            return Action(STICK_AXES[axis][value > 0])
        return None

    @staticmethod
    def _named(name: str | None) -> Action | None:
        return Action(name) if name else None
