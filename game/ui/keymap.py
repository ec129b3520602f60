"""The player's own keys: which binding has which key, kept in settings.json as
`"keys": {"room": ["f7"]}` (a binding's name -> pygame key names), only what differs from the usual.

A damaged or hand-edited file never breaks the keys: an unknown binding, a key name pygame does not
know, a fixed key (1 to 9, Esc) or a key two bindings would share is left out, and that binding keeps
its usual keys.
"""
from __future__ import annotations

import warnings

import pygame

from .actions import DEFAULT_KEYS, FIXED_KEYS, current_keys, key_label, use_keys

FIXED_NOTE = ("1 to 9 (choose an option) and Esc (back) stay as they are, so there is always a "
              "way to choose and a way out.")
MODIFIERS = frozenset({pygame.K_LSHIFT, pygame.K_RSHIFT, pygame.K_LCTRL, pygame.K_RCTRL,
                       pygame.K_LALT, pygame.K_RALT, pygame.K_LGUI, pygame.K_RGUI, pygame.K_MODE,
                       pygame.K_CAPSLOCK, pygame.K_NUMLOCKCLEAR})

# what each binding does, for the remap screen (the help overlay's words, one binding each)
LABELS = {
    "activate": "Press the highlighted button", "focus_next": "Move the highlight on",
    "switch": "Scanning switch (presses the highlighted button)",
    "down": "Down (highlight or history)", "up": "Up (highlight or history)",
    "right": "Right (change a setting)", "left": "Left (change a setting back)",
    "undo": "Take back your last choice", "history": "History",
    "help": "The list of keys", "speech": "Speech on or off", "meters": "Say the meters",
    "step_out": "Step out (a calm pause)", "quick_save": "Quick save", "quick_load": "Quick load",
    "reload": "Reload the story", "page_down": "Scroll down a page", "page_up": "Scroll up a page",
    "top": "Scroll to the top", "end": "Scroll to the end", "zoom_in": "Zoom the map in",
    "zoom_out": "Zoom the map out", "zoom_fit": "Fit the map to the width",
    "centre": "Centre the map on your scene", "timer": "Workshop: talk-it-over timer",
    "votes": "Workshop: enter the votes", "note": "Workshop: facilitator's note",
    "room": "Workshop: the live room", "close_vote": "Live room: close or open the vote",
    "majority": "Live room: go with the majority", "comments": "Live room: the comments",
    "other_side": "What the other side saw",
}
REMAPPABLE = tuple(name for name in DEFAULT_KEYS if DEFAULT_KEYS[name][0] not in FIXED_KEYS)


def key_code(name: object) -> int | None:
    """A saved key name as a key, or None when it is not one a binding may have."""
    if not isinstance(name, str) or not name or len(name) > 40:
        return None
    try:
        with warnings.catch_warnings():  # without a window pygame warns, yet the names are right
            warnings.simplefilter("ignore")
            key = pygame.key.key_code(name)
    except (ValueError, pygame.error):
        return None
    return None if key in FIXED_KEYS or key in MODIFIERS or key == pygame.K_UNKNOWN else key


def clean(saved: object) -> dict[str, tuple[int, ...]]:
    """The bindings a saved `keys` mapping changes, with every bad entry left out."""
    if not isinstance(saved, dict):
        return {}
    changed: dict[str, tuple[int, ...]] = {}
    for name, names in saved.items():
        if name not in REMAPPABLE or not isinstance(names, list) or not 1 <= len(names) <= 4:
            continue
        keys = tuple(key_code(item) for item in names)
        if None not in keys and len(set(keys)) == len(keys):
            changed[name] = keys  # type: ignore[assignment]
    while True:  # a key two bindings would share: that change is left out, until none is
        merged = {**DEFAULT_KEYS, **changed}
        owner: dict[int, str] = {}
        pair = next(((owner[key], name) for name, keys in merged.items() for key in keys
                     if owner.setdefault(key, name) != name), None)
        if pair is None:
            return changed
        del changed[pair[1] if pair[1] in changed else pair[0]]


def apply(settings) -> None:
    """Read keys from now on as the settings say (start-up, and after every change)."""
    changed = clean(settings.keys)
    settings.keys = {name: [pygame.key.name(key) for key in keys] for name, keys in changed.items()}
    use_keys(changed)


def keys_text(name: str) -> str:
    return " or ".join(key_label(key) for key in current_keys()[name])


def owner_of(key: int) -> str | None:
    return next((name for name, keys in current_keys().items() if key in keys), None)


def remap(settings, name: str, key: int) -> str | None:
    """Give binding `name` the key `key` alone; None when done, else why not, in plain words."""
    if key in FIXED_KEYS:
        return f"{key_label(key)} stays as it is. " + FIXED_NOTE
    if key in MODIFIERS:
        return f"{key_label(key)} changes other keys, so it cannot be one. Choose another key."
    owner = owner_of(key)
    if owner is not None and owner != name:
        return (f"{key_label(key)} is already '{LABELS.get(owner, owner)}'. Choose another "
                "key, or change that one first.")
    keys = dict(settings.keys)
    keys[name] = [pygame.key.name(key)]
    if (key,) == DEFAULT_KEYS[name]:
        del keys[name]  # the usual key again: nothing to remember
    settings.keys = keys
    apply(settings)
    return None


def reset(settings) -> None:
    settings.keys = {}
    apply(settings)
