"""Cards, tables and chips for the debrief (and the compare screen): a chapter or a change set
on a panel of its own, numbers lined up in columns, principle tags as small labelled pills.

Everything here adds ordinary text items to a Column (so tests, the fit check and the speech
read the words in order, row by row) and drawings behind them for the panel and pill shapes.
A table too wide for its column falls back to one line of words per row.
"""
from __future__ import annotations

from typing import Callable, Sequence

import pygame

from ...layout import Column, Drawing, TextItem
from ...theme import Theme

NUMERIC = "numeric"  # a table column of numbers: set flush right, so the digits line up


def embed(column: Column, inner: Column, x: int, y: int) -> None:
    """Move everything laid out in `inner` into `column`, with `inner`'s top left at (x, y)."""
    for item in inner.texts:
        column.texts.append(TextItem(item.y + y, [(lx + x, text, role, colour)
                                                  for lx, text, role, colour in item.lines],
                                     item.height, item.line_height))
    for button in inner.buttons:
        button.rect.move_ip(x, y)
        column.buttons.append(button)
    for drawing in inner.drawings:
        column.drawings.append(Drawing(drawing.rect.move(x, y), drawing.draw, drawing.words))


def card(column: Column, build: Callable[[Column], None], after: float = 1.25) -> None:
    """A panel the width of the column, with a border and an accent stripe at its left edge,
    holding what `build` lays out in a column narrower by the padding."""
    theme = column.theme
    pad, stripe = theme.unit * 2, max(3, theme.unit // 2)
    inner = Column(theme, column.width - 2 * pad - stripe)
    build(inner)
    top = column.height
    height = pad + inner.height + theme.unit // 2  # the last item's own space closes the card
    rect = pygame.Rect(0, top, column.width, height)
    column.drawings.append(Drawing(rect, lambda surface, at: draw_card(surface, theme, at)))
    embed(column, inner, pad + stripe, top + pad)
    column.height = top + height
    column.space(after)


def draw_card(surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
    palette = theme.palette
    pygame.draw.rect(surface, palette.panel, rect, border_radius=theme.radius)
    pygame.draw.rect(surface, palette.border, rect, width=max(1, theme.ring // 2),
                     border_radius=theme.radius)
    stripe = pygame.Rect(rect.x, rect.y, max(3, theme.unit // 2), rect.height)
    pygame.draw.rect(surface, palette.accent, stripe, border_top_left_radius=theme.radius,
                     border_bottom_left_radius=theme.radius)


def table(column: Column, header: Sequence[str], rows: Sequence[Sequence[str]],
          kinds: Sequence[str] = (), indent: int = 0, after: float = 1) -> bool:
    """Rows of cells in lined-up columns under a header, numbers flush right. When the table
    is wider than the column, each row becomes one line of words ('Trust: before 45, after 52,
    change +7'). True when it was set as a table."""
    theme = column.theme
    body, head = theme.font("body"), theme.font("small_bold")
    gap = theme.unit * 3
    count = len(header)
    kinds = list(kinds) + [""] * (count - len(kinds))
    widths = [max([head.size(header[i])[0]] + [body.size(row[i])[0] for row in rows])
              for i in range(count)]
    if sum(widths) + gap * (count - 1) > column.width - indent:
        for row in rows:
            words = ", ".join(f"{header[i].lower()} {row[i]}" for i in range(1, count))
            column.text(f"{row[0]}: {words}", indent=indent, after=0.25)
        column.space(after - 0.25)
        return False
    lefts, x = [], indent
    for width in widths:
        lefts.append(x)
        x += width + gap

    def cells(texts: Sequence[str], role: str, colour: str) -> None:
        font, step = theme.font(role), theme.line_height(role)
        for i, text in enumerate(texts):
            left = lefts[i] + (widths[i] - font.size(text)[0] if kinds[i] == NUMERIC else 0)
            column.texts.append(TextItem(column.height, [(left, text, role, colour)], step, step))
        column.height += step

    cells(header, "small_bold", "muted")
    rule_y = column.height + theme.unit // 4
    right = lefts[-1] + widths[-1]
    column.drawings.append(Drawing(pygame.Rect(indent, rule_y, right - indent, 1),
                                   lambda surface, at: pygame.draw.line(
                                       surface, theme.palette.border, at.topleft,
                                       (at.right - 1, at.top), 1)))
    column.space(0.5)
    for row in rows:
        cells(row, "body", "ink")
    column.space(after)
    return True


def chips(column: Column, words: Sequence[str], lead: str = "", indent: int = 0,
          after: float = 1) -> None:
    """Short words as pills in a row that wraps, after an optional lead ('Principles:')."""
    theme = column.theme
    font = theme.font("small_bold")
    step = theme.line_height("small")
    pad_x, pad_y, gap = theme.unit * 3 // 2, theme.unit // 2, theme.unit
    height = step + 2 * pad_y
    x, y = indent, column.height
    if lead:
        column.texts.append(TextItem(y + pad_y, [(x, lead, "small_bold", "muted")], step, step))
        x += font.size(lead)[0] + gap
    for word in words:
        width = font.size(word)[0] + 2 * pad_x
        if x > indent and x + width > column.width:
            x, y = indent, y + height + gap // 2
        if width > column.width - indent:  # longer than a whole line: plain words, wrapped
            column.height = y + (height + gap // 2 if x > indent else 0)
            column.text(word, "small_bold", "accent", indent=indent, after=0.25)
            x, y = indent, column.height
            continue
        rect = pygame.Rect(x, y, width, height)
        column.drawings.append(Drawing(rect, lambda surface, at: draw_chip(surface, theme, at),
                                       [word]))
        column.texts.append(TextItem(y + pad_y, [(x + pad_x, word, "small_bold", "accent")],
                                     step, step))
        x += width + gap
    column.height = y + height
    column.space(after)


def draw_chip(surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
    palette = theme.palette
    pygame.draw.rect(surface, palette.panel, rect, border_radius=rect.height // 2)
    pygame.draw.rect(surface, palette.accent, rect, width=max(1, theme.ring // 2),
                     border_radius=rect.height // 2)
