"""Settings → Keys…: choose a binding, then press the key it should have.

While it waits for that key the screen takes the keys itself (`takes_text`), so the key pressed is
the new key and not a command. A key another binding has is refused, naming that binding; Esc
cancels; 1 to 9 and Esc cannot be changed. Every change is saved at once (settings.json)."""
from __future__ import annotations

import pygame

from ... import keymap
from ..common import PageScreen


class KeysScreen(PageScreen):
    title = "Keys"
    hints = "Enter: change this key     Esc: done"

    def __init__(self, app):
        super().__init__(app)
        self.waiting: str | None = None  # the binding whose new key is awaited
        self.message = ""
        self.takes_text = False

    def content(self, column):
        column.text("Keys", "heading")
        if self.waiting is not None:
            column.text(f"Press the new key for '{keymap.LABELS[self.waiting]}'. Esc cancels.",
                        "body")
        if self.message:
            column.text(self.message, "body")
        column.text(keymap.FIXED_NOTE + " A gamepad works too: D-pad moves, A presses, B goes "
                    "back, X takes back, Y steps out.", "small", "muted")
        for name in keymap.REMAPPABLE:
            column.button(f"{keymap.LABELS[name]}: {keymap.keys_text(name)}",
                          lambda n=name: self.choose(n))
        column.button("Back to the usual keys", self.reset)
        column.button("Done", self.app.pop, kind="primary")

    @property
    def holds_scan(self) -> bool:
        """One-switch scanning stays put while the new key is awaited (scanning.py)."""
        return self.waiting is not None

    def choose(self, name: str) -> None:
        self.waiting = name
        self.message = ""
        self.takes_text = True
        self.app.say(f"Press the new key for {keymap.LABELS[name].lower()}. Esc cancels.")
        self.refresh(name)

    def text_event(self, event) -> bool:
        if self.waiting is None:
            return False
        if event.type == pygame.KEYDOWN:
            name, self.waiting, self.takes_text = self.waiting, None, False
            if event.key == pygame.K_ESCAPE:
                self.message = "Cancelled: the key is as it was."
            else:
                trouble = keymap.remap(self.app.settings, name, event.key)
                if trouble:
                    self.message = trouble
                else:
                    self.message = f"'{keymap.LABELS[name]}' is now {keymap.keys_text(name)}."
                    self.app.apply_settings()
            self.app.say(self.message)
            self.refresh(name)
            return True
        return event.type in (pygame.KEYUP, pygame.TEXTINPUT, pygame.TEXTEDITING)

    def reset(self) -> None:
        keymap.reset(self.app.settings)
        self.app.apply_settings()
        self.message = "Every key is back to the usual one."
        self.app.say(self.message)
        self.refresh(None)

    def refresh(self, name: str | None) -> None:
        """Lay out again with the new words, keeping the highlight on the same binding."""
        self.invalidate()
        self.ensure_layout()
        if name is not None:
            self.focused = self.buttons[keymap.REMAPPABLE.index(name)]
        self.keep_focus_in_view()
