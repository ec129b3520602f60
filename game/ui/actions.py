"""Keys and clicks become a few named actions (the Command pattern).

Screens, tests, the gamepad (controller.py) and the player's own keys (keymap.py) all speak these
verbs; the help overlay is written from the same table, so what it lists is what the keys do.
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(frozen=True)
class Action:
    name: str
    value: int = 0                       # choose: option index; scroll: lines (+ is down);
    #                                      hover: 1 while the left button is held
    pos: tuple[int, int] | None = None   # click / hover: where


# key -> action name (value), with the words the help overlay shows
KEYS: list[tuple[tuple[int, ...], str, int, str]] = [
    ((pygame.K_RETURN, pygame.K_KP_ENTER), "activate", 0,
     "Enter: press the highlighted button, or show all the text at once"),
    # the same as Enter, on a key of its own so a switch can be given any key (scanning.py)
    ((pygame.K_SPACE,), "switch", 0,
     "Space: the same as Enter; with one-switch scanning on (Settings), the switch that "
     "presses the highlighted button"),
    ((pygame.K_TAB,), "focus_next", 0, "Tab / Shift+Tab: move the highlight"),
    ((pygame.K_DOWN,), "down", 0, "Arrow keys: move the highlight (or scroll the history); Left and Right change a setting"),
    ((pygame.K_UP,), "up", 0, ""),
    ((pygame.K_RIGHT,), "right", 0, ""),
    ((pygame.K_LEFT,), "left", 0, ""),
    ((pygame.K_BACKSPACE,), "undo", 0, "Backspace or Ctrl+Z: take back your last choice"),
    ((pygame.K_h,), "history", 0, "H: history of everything read and chosen"),
    ((pygame.K_ESCAPE,), "back", 0, "Esc: pause menu, or go back"),
    ((pygame.K_F1,), "help", 0, "F1: this list of keys"),
    ((pygame.K_F2,), "speech", 0, "F2: speech on or off (the window reads itself aloud)"),
    ((pygame.K_F3,), "meters", 0, "F3: say the meters, with their scales"),
    ((pygame.K_p,), "step_out", 0, "P: step out — a calm pause, from any screen"),
    ((pygame.K_F6,), "quick_save", 0, "F6: quick save"),
    ((pygame.K_F9,), "quick_load", 0, "F9: quick load"),
    ((pygame.K_F5,), "reload", 0,
     "F5: reload the story from its files, after you edit them; you stay where you were"),
    ((pygame.K_PAGEDOWN,), "scroll", 10, "Page Up / Page Down, mouse wheel: scroll long text"),
    ((pygame.K_PAGEUP,), "scroll", -10, ""),
    ((pygame.K_HOME,), "scroll", -100000, ""),
    ((pygame.K_END,), "scroll", 100000, ""),
    ((pygame.K_EQUALS, pygame.K_PLUS, pygame.K_KP_PLUS), "zoom_in", 0,
     "+ and \u2212 (or Ctrl+wheel): zoom the branch map in and out; 0 fits its width"),
    ((pygame.K_MINUS, pygame.K_KP_MINUS), "zoom_out", 0, ""),
    ((pygame.K_0, pygame.K_KP0), "zoom_fit", 0, ""),
    ((pygame.K_c,), "centre", 0, "C: centre the branch map on your scene"),
    # workshop mode (a room playing together); the play screen answers them
    ((pygame.K_t,), "timer", 0,
     "T (workshop): a timer to talk it over, off, 2, 3 or 5 minutes; it only advises"),
    ((pygame.K_v,), "votes", 0,
     "V (workshop): enter the room's votes: Up/Down pick the option, type the count, Enter saves"),
    ((pygame.K_n,), "note", 0, "N (workshop): a facilitator's note on this scene, for the record"),
    ((pygame.K_r,), "room", 0,
     "R (workshop): the live room: open it, or show its QR code, address and room code"),
    ((pygame.K_l,), "close_vote", 0, "L (live room): close the room's vote, or open it again"),
    ((pygame.K_m,), "majority", 0,
     "M (live room): close the vote and go with the majority (a tie is said, and you choose)"),
    ((pygame.K_k,), "comments", 0,
     "K (live room): the room's comments; choose which to show on the big screen"),
    ((pygame.K_o,), "other_side", 0,
     "O: what the other side saw at a mirrored moment (when playing alone: after you choose)"),
]
NUMBER_HELP = "1 to 9: choose that option"
_NUMBERS = {getattr(pygame, f"K_{n}"): n - 1 for n in range(1, 10)}
_NUMBERS.update({getattr(pygame, f"K_KP{n}"): n - 1 for n in range(1, 10)})
FIXED_KEYS = frozenset(_NUMBERS) | {pygame.K_ESCAPE}  # 1-9 choose and Esc goes back, always
# Page Up/Down, Home and End all scroll, by different amounts: each has its own name to remap
_SCROLLS = {10: "page_down", -10: "page_up", -100000: "top", 100000: "end"}


def binding(name: str, value: int) -> str:
    """The name a row of KEYS is remapped and saved under (settings.json's `keys`)."""
    return _SCROLLS.get(value, name) if name == "scroll" else name


DEFAULT_KEYS: dict[str, tuple[int, ...]] = {binding(n, v): keys for keys, n, v, _ in KEYS}
_ROWS = {binding(n, v): (n, v) for _, n, v, _ in KEYS}
_keys: dict[str, tuple[int, ...]] = dict(DEFAULT_KEYS)
_BY_KEY: dict[int, tuple[str, int]] = {}


def use_keys(changed: dict[str, tuple[int, ...]]) -> None:
    """Read keys with these bindings changed (already checked: see keymap.py); {} is the usual."""
    _keys.clear()
    _keys.update(DEFAULT_KEYS)
    _keys.update({name: keys for name, keys in changed.items() if name in DEFAULT_KEYS})
    _BY_KEY.clear()
    _BY_KEY.update({key: _ROWS[name] for name, keys in _keys.items() for key in keys})


def current_keys() -> dict[str, tuple[int, ...]]:
    return dict(_keys)


def key_label(key: int) -> str:
    """A key as the player sees it printed: "Enter", "Page Down", "F1", "R"."""
    name = {pygame.K_RETURN: "Enter", pygame.K_KP_ENTER: "keypad Enter",
            pygame.K_ESCAPE: "Esc"}.get(key) or pygame.key.name(key)
    if name.startswith("[") and name.endswith("]"):
        return "keypad " + name[1:-1]
    return name.upper() if len(name) == 1 else name[0].upper() + name[1:]


use_keys({})


def help_lines() -> list[str]:
    """The help overlay's lines; a line whose keys were changed names the keys now used."""
    lines: list[str] = []
    for index, (_, name, value, words) in enumerate(KEYS):
        if not words:
            continue
        group = [binding(name, value)]
        for _, n, v, w in KEYS[index + 1:]:
            if w:
                break
            group.append(binding(n, v))
        if any(_keys[b] != DEFAULT_KEYS[b] for b in group):
            keys = ", ".join(key_label(key) for b in group for key in _keys[b])
            words = f"{keys}: {words.split(': ', 1)[1]}"
        lines.append(words)
    lines.insert(1, NUMBER_HELP)
    return lines


def translate(event: pygame.event.Event) -> Action | None:
    """The action an input event stands for, or None."""
    if event.type == pygame.KEYDOWN:
        mod = getattr(event, "mod", 0)
        if event.key == pygame.K_z and mod & pygame.KMOD_CTRL:
            return Action("undo")
        if event.key in _keys["focus_next"] and mod & pygame.KMOD_SHIFT:
            return Action("focus_prev")
        if event.key in _NUMBERS and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return Action("choose", _NUMBERS[event.key])
        if event.key in _BY_KEY:
            name, value = _BY_KEY[event.key]
            return Action(name, value)
        return Action("any_key")
    if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
        return Action("click", pos=event.pos)
    if event.type == pygame.MOUSEMOTION:  # value 1: the left button is held (a drag)
        return Action("hover", 1 if getattr(event, "buttons", (0,))[0] else 0, pos=event.pos)
    if event.type == pygame.MOUSEWHEEL:  # the wheel scrolls whatever is under the pointer
        return Action("scroll", -3 * event.y, pos=pygame.mouse.get_pos())
    return None
