"""A question answered by typing: a label for a group, a take-away, a facilitator's note.

While it is on top, keys type text instead of acting (P is a letter here, not "step out"), so
it takes raw key and text events before they become actions (`text_event`). Enter saves, Esc
cancels; Tab reaches the Save and Cancel buttons, which a mouse can press too.

What is typed or pasted (Ctrl+V) goes through `clean` first, and so does the text it starts
with (a take-away read back from a record): control characters, NUL and invisible formatting
characters (zero-width spaces, joiners at the edges, soft hyphens, bidi controls) never reach
the box, so nothing typed can stop the window drawing it or the record being written. An
answer with nothing visible left is saved as no answer.
"""
from __future__ import annotations

from typing import Callable

import pygame

from ....text.safety import clean, is_blank
from ...layout import wrap
from ..common import TypingPanel

EDIT_KEYS = {pygame.K_BACKSPACE, pygame.K_DELETE, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_HOME,
             pygame.K_END}


class AskTextScreen(TypingPanel):
    characters = 56

    def __init__(self, app, prompt: str, on_done: Callable[[str], None], initial: str = "",
                 note: str = "", limit: int = 400, save_label: str = "Save"):
        super().__init__(app)
        self.prompt, self.note, self.on_done = prompt, note, on_done
        self.text, self.limit, self.save_label = clean(initial)[:limit], limit, save_label
        self.cursor = len(self.text)
        self.box: pygame.Rect | None = None
        self.auto_focus = False  # the typing box has the focus until Tab moves it
        pygame.key.start_text_input()

    # -- layout and drawing -------------------------------------------------------------------
    def content(self, column):
        theme = self.app.theme
        column.text(self.prompt, "subheading")
        if self.note:
            column.text(self.note, "small", colour="muted")
        lines = self._lines(column.width - theme.unit * 4)
        height = max(2, len(lines)) * theme.line_height("body") + theme.unit * 3
        column.drawing(height, self._draw_box, after=1)
        left = self.limit - len(self.text)
        if left < 60:
            column.text(f"{left} characters left", "small", colour="muted")
        column.row([(self.save_label, self.save), ("Cancel", self.cancel)])
        column.text("Enter saves, Esc cancels, Tab reaches the buttons.", "small", colour="muted")

    def draw_behind(self, surface, theme):
        """Only the card: the screen it was asked from shows, dimmed, around it."""
        card = self.panes[0].view.rect.inflate(theme.unit * 6, theme.unit * 4)
        pygame.draw.rect(surface, theme.palette.panel, card, border_radius=theme.radius)
        pygame.draw.rect(surface, theme.palette.border, card, width=1, border_radius=theme.radius)

    def draw_over(self, surface, theme):
        pass  # the hint is in the card: a footer here would sit on the footer of the screen below

    def _lines(self, width: int) -> list[str]:
        font = self.app.theme.font("body")
        return list(wrap(font, self.text, width)) if self.text else [""]

    def _draw_box(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        theme = self.app.theme
        palette = theme.palette
        self.box = rect
        typing = self.focused is None
        pygame.draw.rect(surface, palette.background, rect, border_radius=theme.radius)
        pygame.draw.rect(surface, palette.focus if typing else palette.border, rect,
                         width=theme.ring if typing else 1, border_radius=theme.radius)
        inner = rect.inflate(-theme.unit * 4, -theme.unit * 3)
        step = theme.line_height("body")
        font = theme.font("body")
        lines = self._lines(inner.width)
        if not self.text:
            hint = theme.render("Type here", "body", palette.muted)
            surface.blit(hint, (inner.x, inner.y))
        else:
            for number, line in enumerate(lines):
                surface.blit(theme.render(line, "body", palette.ink), (inner.x, inner.y + number * step))
        if typing:  # the caret: find the cursor's line by counting characters through the wrap
            line_number, column = self._caret(lines)
            x = inner.x + font.size(lines[line_number][:column])[0]
            y = inner.y + line_number * step
            pygame.draw.rect(surface, palette.ink, (x, y + 2, max(2, theme.ring - 1), step - 4))

    def _caret(self, lines: list[str]) -> tuple[int, int]:
        left = self.cursor
        for number, line in enumerate(lines):
            # wrap() drops the space at a break; count it back so the caret keeps its place
            length = len(line) + (1 if number < len(lines) - 1 else 0)
            if left <= len(line) or number == len(lines) - 1:
                return number, min(left, len(line))
            left -= length
        return 0, 0

    # -- typing ---------------------------------------------------------------------------------
    def text_event(self, event: pygame.event.Event) -> bool:
        """Raw input while this screen is on top; True when it was typing, not a command."""
        if self.focused is not None:  # Tab moved to a button: keys work as usual there
            return False
        if event.type == pygame.TEXTINPUT:
            self.insert(event.text)
            return True
        if event.type != pygame.KEYDOWN:
            return False
        mod = getattr(event, "mod", 0)
        if event.key == pygame.K_v and mod & pygame.KMOD_CTRL:
            self.insert(_clipboard())
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.save()
            return True
        if event.key in EDIT_KEYS:
            self.edit(event.key)
            return True
        # Letters, digits and space arrive as TEXTINPUT; their KEYDOWN must not act as a command.
        unicode = getattr(event, "unicode", "")
        return bool(unicode) and unicode.isprintable() and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT)

    def insert(self, typed: str) -> None:
        room = max(0, self.limit - len(self.text))
        # a huge paste is cut before cleaning (generously: cleaning may take characters out)
        raw = typed[:room * 4 + 64] if isinstance(typed, str) else ""
        typed = clean(raw)
        if any(mark in raw for mark in "\r\n\t"):  # pasted lines become one line of words
            typed = " ".join(typed.split())
        typed = typed[:room]
        if typed:
            self.text = self.text[:self.cursor] + typed + self.text[self.cursor:]
            self.cursor += len(typed)
            self.invalidate()

    def edit(self, key: int) -> None:
        if key == pygame.K_BACKSPACE and self.cursor:
            self.text = self.text[:self.cursor - 1] + self.text[self.cursor:]
            self.cursor -= 1
        elif key == pygame.K_DELETE:
            self.text = self.text[:self.cursor] + self.text[self.cursor + 1:]
        elif key == pygame.K_LEFT:
            self.cursor = max(0, self.cursor - 1)
        elif key == pygame.K_RIGHT:
            self.cursor = min(len(self.text), self.cursor + 1)
        elif key == pygame.K_HOME:
            self.cursor = 0
        elif key == pygame.K_END:
            self.cursor = len(self.text)
        self.invalidate()

    def on_action(self, action):
        if action.name == "click" and self.box is not None and self.box.collidepoint(action.pos):
            self.focused = None  # a click in the box goes back to typing
            return True
        buttons = self.buttons
        if action.name in ("focus_prev", "up") and buttons and self.focused is buttons[0]:
            self.focused = None  # Shift+Tab from the first button goes back to typing
            return True
        return False

    # -- finishing ------------------------------------------------------------------------------
    def save(self) -> None:
        self.close()
        text = self.text.strip()
        self.on_done("" if is_blank(text) else text)


def _clipboard() -> str:
    try:
        return pygame.scrap.get_text() or ""
    except (pygame.error, AttributeError, TypeError, UnicodeError):
        return ""  # no clipboard here, or one that holds no text
