"""Settings: each row shows its value; Enter or Right moves it on, Left moves it back.
Every change is saved at once and the whole window is redrawn with it."""
from __future__ import annotations

from ...settings import CHOICES, LABELS
from ..common import PageScreen


class SettingsScreen(PageScreen):
    hints = "Enter or Right: change     Left: change back     Esc: done"

    def content(self, column):
        column.text("Settings", "heading")
        for name in CHOICES:
            # what the window cannot fit is said under the two settings that ask for size
            note = self.app.theme.fit_note() if name in ("ui_scale", "text_size") else ""
            if name == "scanning":
                from ...keymap import keys_text
                note = (f"The highlight moves on by itself, a button at a time; "
                        f"{keys_text('switch')} presses the one it is on.")
            column.button(f"{LABELS[name]}: {self.app.settings.label(name)}",
                          lambda n=name: self.change(n, 1), note=note)
        column.text("The game makes no sound of its own. Speech reads the window aloud with "
                    "your computer's voice; F2 turns it on or off, F3 says the meters.",
                    "small", "muted")
        column.button("Keys… (choose your own keys; a gamepad works too)", self.open_keys)
        column.button("Done", self.app.pop, kind="primary")

    def open_keys(self) -> None:
        from .keys import KeysScreen
        self.app.push(KeysScreen(self.app))

    def change(self, name: str, step: int) -> None:
        self.app.settings.cycle(name, step)
        index = list(CHOICES).index(name)
        self.app.apply_settings()
        self.ensure_layout()
        self.focused = self.buttons[index]
        self.keep_focus_in_view()

    def on_action(self, action):
        if action.name in ("left", "right") and self.focused in self.buttons[:len(CHOICES)]:
            self.change(list(CHOICES)[self.buttons.index(self.focused)],
                        1 if action.name == "right" else -1)
            return True
        return False
