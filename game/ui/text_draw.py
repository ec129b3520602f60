"""Drawing one line of text so that no string can stop the window.

pygame refuses some strings outright: "Text has zero width" for a line of zero-width or
formatting characters, "A null character was found" for NUL, an encoding error for a lone
surrogate. Text is cleaned at the edges where it comes in (`game.text_safety`); this is the
last guard, in front of every `Font.render` the theme makes.
"""
from __future__ import annotations

import pygame

from ..text_safety import clean

Colour = tuple[int, int, int]


def render_line(font: pygame.font.Font, text: str, colour: Colour) -> pygame.Surface:
    """`text` drawn in `font`, antialiased; what cannot be drawn is left out, so a line of
    nothing visible is an empty surface of the font's height, never an exception."""
    text = clean(text)
    try:
        return font.render(text, True, colour)
    except (pygame.error, ValueError, UnicodeError):
        # Only marks this font cannot place (a lone variation selector, say): draw nothing.
        return font.render("", True, colour)
