"""Shared shapes of screen: a centred readable page, a yes/no question, the key hints."""
from __future__ import annotations

from typing import Callable

import pygame

from ..layout import Column
from ..screen import Screen
from ..theme import Theme

HINTS = "Esc: back     F1: keys     P: step out"


def reading_width(theme: Theme, characters: int = 70) -> int:
    """A comfortable line length: about `characters` characters of body text."""
    font = theme.font("body")
    return font.size("the quick brown fox jumps over a lazy dog ")[0] * characters // 42


def footer_fits(theme: Theme, text: str) -> bool:
    """Better no hint than a clipped one; F1 always lists the keys."""
    return theme.font("small").size(text)[0] <= theme.size[0] - 2 * theme.unit


def footer_height(theme: Theme, text: str = HINTS) -> int:
    return theme.line_height("small") + theme.unit * 2 if footer_fits(theme, text) else theme.unit


def draw_footer(surface: pygame.Surface, theme: Theme, text: str = HINTS) -> None:
    if not footer_fits(theme, text):
        return
    width, height = surface.get_size()
    image = theme.render(text, "small", theme.palette.muted)
    surface.blit(image, image.get_rect(midbottom=(width // 2, height - theme.unit)))


class PageScreen(Screen):
    """A centred column of text and buttons that scrolls when it is too long, with an optional
    bar of buttons (`bar()`) that stays in view below it, in the same card."""

    characters = 64
    hints = HINTS
    lift_short = True  # a short page sits a little above the middle (its bar follows it)

    def content(self, column: Column) -> None:
        raise NotImplementedError

    def bar(self, column: Column) -> None:
        """Buttons that stay in view below the page, such as Back / Next; none by default."""

    def arrange(self, theme, size):
        width, height = size
        margin = theme.unit * 4
        column_width = min(width - 2 * margin, reading_width(theme, self.characters))
        column = Column(theme, column_width)
        column.space(1)
        self.content(column)
        bar = Column(theme, column_width)
        self.bar(bar)
        gap = theme.unit * 3 if bar.height else 0
        bottom = height - footer_height(theme, self.hints) - theme.unit * (2 if bar.height else 1)
        room = pygame.Rect((width - column.width) // 2, margin, column.width,
                           bottom - bar.height - gap - margin)
        if self.lift_short and column.height < room.height:
            room.y += (room.height - column.height) // 3
            room.height = column.height
        placed = [(column, room)]
        if bar.height:
            placed.append((bar, pygame.Rect(room.x, room.bottom + gap, column_width, bar.height)))
        return placed

    def draw_behind(self, surface, theme):
        surface.fill(theme.palette.background)
        if not self.panes:
            return
        rects = [pane.view.rect for pane in self.panes]
        card = rects[0].unionall(rects[1:]).inflate(theme.unit * 6, theme.unit * 4)
        card.width += theme.unit  # room for the scroll bar
        pygame.draw.rect(surface, theme.palette.panel, card, border_radius=theme.radius)
        pygame.draw.rect(surface, theme.palette.border, card, width=1, border_radius=theme.radius)
        if len(rects) > 1:  # a rule between the page and its bar
            y = rects[1].top - theme.unit * 3 // 2
            pygame.draw.line(surface, theme.palette.border, (card.x, y), (card.right - 1, y), 1)

    def draw_over(self, surface, theme):
        draw_footer(surface, theme, self.hints)


class TypingPanel(PageScreen):
    """An overlay that takes the keys for typing (text, or numbers) until it is saved or
    cancelled; Esc cancels."""

    overlay = True
    takes_text = True

    def cancel(self) -> None:
        self.close()

    def back(self) -> None:
        self.cancel()

    def close(self) -> None:
        if self.app.top is self:
            self.app.pop()
        if not self.app.top.takes_text:  # the screen below takes keys as commands again
            pygame.key.stop_text_input()


class ConfirmScreen(PageScreen):
    """A question with two answers; Esc means no."""

    overlay = True
    characters = 48

    def __init__(self, app, question: str, yes: str, on_yes: Callable[[], None], no: str = "Cancel"):
        super().__init__(app)
        self.question, self.yes, self.no, self.on_yes = question, yes, no, on_yes

    def content(self, column):
        column.text(self.question, "subheading")
        column.button(self.no, self.app.pop)
        column.button(self.yes, self.confirm, kind="primary")

    def confirm(self):
        self.app.pop()
        self.on_yes()

    def draw_behind(self, surface, theme):
        view = self.panes[0].view.rect
        card = view.inflate(theme.unit * 6, theme.unit * 4)
        pygame.draw.rect(surface, theme.palette.panel, card, border_radius=theme.radius)
        pygame.draw.rect(surface, theme.palette.focus, card, width=theme.ring, border_radius=theme.radius)

    def draw_over(self, surface, theme):
        pass
