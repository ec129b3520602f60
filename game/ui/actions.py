"""Keys and clicks become a few named actions (the Command pattern).

Screens, tests and a later key-remapping setting all speak these verbs; the help overlay is
written from the same table, so what it lists is what the keys do.
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(frozen=True)
class Action:
    name: str
    value: int = 0                       # choose: option index; scroll: lines (+ is down)
    pos: tuple[int, int] | None = None   # click / hover: where


# key -> action name (value), with the words the help overlay shows
KEYS: list[tuple[tuple[int, ...], str, int, str]] = [
    ((pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE), "activate", 0,
     "Enter or Space: press the highlighted button, or show all the text at once"),
    ((pygame.K_TAB,), "focus_next", 0, "Tab / Shift+Tab: move the highlight"),
    ((pygame.K_DOWN,), "down", 0, "Arrow keys: move the highlight (or scroll the history); Left and Right change a setting"),
    ((pygame.K_UP,), "up", 0, ""),
    ((pygame.K_RIGHT,), "right", 0, ""),
    ((pygame.K_LEFT,), "left", 0, ""),
    ((pygame.K_BACKSPACE,), "undo", 0, "Backspace or Ctrl+Z: take back your last choice"),
    ((pygame.K_h,), "history", 0, "H: history of everything read and chosen"),
    ((pygame.K_ESCAPE,), "back", 0, "Esc: pause menu, or go back"),
    ((pygame.K_F1,), "help", 0, "F1: this list of keys"),
    ((pygame.K_p,), "step_out", 0, "P: step out — a calm pause, from any screen"),
    ((pygame.K_F6,), "quick_save", 0, "F6: quick save"),
    ((pygame.K_F9,), "quick_load", 0, "F9: quick load"),
    ((pygame.K_PAGEDOWN,), "scroll", 10, "Page Up / Page Down, mouse wheel: scroll long text"),
    ((pygame.K_PAGEUP,), "scroll", -10, ""),
    ((pygame.K_HOME,), "scroll", -100000, ""),
    ((pygame.K_END,), "scroll", 100000, ""),
]
NUMBER_HELP = "1 to 9: choose that option"
_BY_KEY = {key: (name, value) for keys, name, value, _ in KEYS for key in keys}
_NUMBERS = {getattr(pygame, f"K_{n}"): n - 1 for n in range(1, 10)}
_NUMBERS.update({getattr(pygame, f"K_KP{n}"): n - 1 for n in range(1, 10)})


def help_lines() -> list[str]:
    lines = [words for _, _, _, words in KEYS if words]
    lines.insert(1, NUMBER_HELP)
    return lines


def translate(event: pygame.event.Event) -> Action | None:
    """The action an input event stands for, or None."""
    if event.type == pygame.KEYDOWN:
        mod = getattr(event, "mod", 0)
        if event.key == pygame.K_z and mod & pygame.KMOD_CTRL:
            return Action("undo")
        if event.key == pygame.K_TAB and mod & pygame.KMOD_SHIFT:
            return Action("focus_prev")
        if event.key in _NUMBERS and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return Action("choose", _NUMBERS[event.key])
        if event.key in _BY_KEY:
            name, value = _BY_KEY[event.key]
            return Action(name, value)
        return Action("any_key")
    if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
        return Action("click", pos=event.pos)
    if event.type == pygame.MOUSEMOTION:
        return Action("hover", pos=event.pos)
    if event.type == pygame.MOUSEWHEEL:  # the wheel scrolls whatever is under the pointer
        return Action("scroll", -3 * event.y, pos=pygame.mouse.get_pos())
    return None
