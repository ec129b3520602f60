"""Measuring and drawing one line of text: typeset, spaced as the player asked, and never a
crash.

Every font the theme hands out is a `SetFont`. Its `size` and `render` typeset the line first
(curly quotes, one minus sign, en dashes: game/story/typeset.py) and add the player's letter
and word spacing, so whatever measures a line (wrapping, buttons, the meters) measures exactly
what is drawn, and nothing clips.

pygame refuses some strings outright: "Text has zero width" for a line of zero-width or
formatting characters, "A null character was found" for NUL, an encoding error for a lone
surrogate. Text is cleaned at the edges where it comes in (`game.text.safety`); `render_line`
is the last guard, in front of every `Font.render` the theme makes.
"""
from __future__ import annotations

import pygame

from ..story.typeset import typeset
from ..text.safety import clean

Colour = tuple[int, int, int]


FIGURES = frozenset("0123456789")


class SetFont(pygame.font.Font):
    """A font that typesets every line, with extra space after each letter and each space.

    `letter` is a share of the font's size (0.05: 5% of an em after each character), `word` a
    share of the font's own space (0.25: spaces a quarter wider). Character i of a spaced line
    sits where the unspaced line would put it, plus the spacing before it, so kerning is kept
    and `size` is the width `render` draws.

    `line_box` (a share of the size; 0: the font's own) sets the height the layout gives a
    line, for a face whose own metrics are much looser than its letters: Vollkorn reports 1.4
    em, though its accents and descenders span about 1.15 em. A rendered line keeps the font's
    full height; the layout centres it on the line.

    `figures` is a font file for the digits 0-9, on the same baseline: Vollkorn's figures are
    old-style (a 1 like an I, a 0 like an o), which a room code or a timer must not be.
    """

    def __init__(self, path, size: int, letter: float = 0.0, word: float = 0.0,
                 line_box: float = 0.0, figures=None):
        super().__init__(path, size)
        self.letter_px = round(letter * size)
        self.word_px = round(word * super().size(" ")[0])
        self.line_box = round(line_box * size) if line_box else 0
        self.figures = pygame.font.Font(figures, size) if figures else None

    def get_height(self) -> int:
        return self.line_box or super().get_height()

    @property
    def spaced(self) -> bool:
        return bool(self.letter_px or self.word_px)

    def _runs(self, text: str) -> list[tuple[pygame.font.Font | None, str]]:
        """The line in runs of one font each: (None, text) for this font, else the figures'."""
        if self.figures is None or not FIGURES.intersection(text):
            return [(None, text)]
        runs: list[tuple[pygame.font.Font | None, str]] = []
        for char in text:
            font = self.figures if char in FIGURES else None
            if runs and runs[-1][0] is font:
                runs[-1] = (font, runs[-1][1] + char)
            else:
                runs.append((font, char))
        return runs

    def _width(self, font: pygame.font.Font | None, text: str) -> int:
        return (pygame.font.Font.size(self, text) if font is None else font.size(text))[0]

    def size(self, text: str) -> tuple[int, int]:
        text = typeset(text)
        width = sum(self._width(font, run) for font, run in self._runs(text))
        if self.spaced and text:
            width += self.letter_px * (len(text) - 1) + self.word_px * text.count(" ")
        return width, self.line_box or pygame.font.Font.get_height(self)

    def render(self, text: str, antialias: bool, color, bgcolor=None, wraplength: int = 0):
        text = typeset(text)
        runs = self._runs(text)
        if len(runs) == 1 and runs[0][0] is None and (not self.spaced or len(text) < 2):
            return super().render(text, antialias, color, bgcolor, wraplength)
        pieces = []  # (x, font, characters)
        start = index = spaces = 0
        for font, run in runs:
            if not self.spaced:
                pieces.append((start, font, run))
            else:
                for offset, char in enumerate(run):
                    if char != " ":
                        x = (start + self._width(font, run[:offset]) + self.letter_px * index
                             + self.word_px * spaces)
                        pieces.append((x, font, char))
                    spaces += char == " "
                    index += 1
            start += self._width(font, run)
        width = self.size(text)[0]
        if pieces:
            x, font, last = pieces[-1]
            width = max(width, x + self._width(font, last))
        surface = pygame.Surface((max(1, width), pygame.font.Font.get_height(self)), pygame.SRCALPHA)
        if bgcolor is not None:
            surface.fill(bgcolor)
        ascent = self.get_ascent()
        for x, font, characters in pieces:
            if not characters.strip():
                continue
            try:
                if font is None:
                    glyphs, y = super().render(characters, antialias, color), 0
                else:
                    glyphs, y = font.render(characters, antialias, color), ascent - font.get_ascent()
            except (pygame.error, ValueError, UnicodeError):
                continue  # a mark this font cannot place on its own: leave it out
            surface.blit(glyphs, (x, y))
        return surface


def render_line(font: pygame.font.Font, text: str, colour: Colour) -> pygame.Surface:
    """`text` drawn in `font`, antialiased; what cannot be drawn is left out, so a line of
    nothing visible is an empty surface of the font's height, never an exception."""
    text = clean(text)
    try:
        return font.render(text, True, colour)
    except (pygame.error, ValueError, UnicodeError):
        # Only marks this font cannot place (a lone variation selector, say): draw nothing.
        return font.render("", True, colour)
