"""The cast's faces: each speaker's portrait as a round picture, or their initials in a circle.

A portrait is loaded once for each size it is drawn at and kept while it fits a small budget
(the cast of a scenario at two or three sizes). A person with no portrait, or one that is
missing or cannot be read, gets a monogram instead: their initials in the theme's accent
colour, which every palette keeps readable against its text colour (the contrast tests).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pygame

from .cache import ByteCache
from .theme import Theme

if TYPE_CHECKING:  # a type only: the window's first frame does without the story model
    from ..story.model import Scenario

PORTRAIT_CACHE_BYTES = 6 * 2**20  # about 40 faces at 200 px: a whole cast at a few sizes

Draw = Callable[[pygame.Surface, pygame.Rect], None]


def initials(name: str) -> str:
    """'Ruth' -> 'R', 'Dr Martin Hale' -> 'MH', 'Mohammed "Mo" Hussain' -> 'MH'."""
    words = [w for w in name.replace('"', " ").split() if w[:1].isalpha()]
    words = [w for w in words if w.rstrip(".").lower() not in ("dr", "mr", "mrs", "ms", "mx")] or words
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


class Portraits:
    def __init__(self) -> None:
        self._cache = ByteCache(PORTRAIT_CACHE_BYTES)  # (path, side) -> round face, or None

    def face(self, path: Path | None, side: int) -> pygame.Surface | None:
        """The picture at `path` as a circle `side` pixels across, or None if it cannot be shown."""
        if path is None or side <= 0:
            return None
        key = (path, side)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        image = _load_round(path, side)
        self._cache[key] = image
        return image

    def drawer(self, theme: Theme, scenario: Scenario, speaker: str) -> Draw:
        """How to draw `speaker`'s face into a square: their portrait, or their monogram."""
        person = scenario.cast.get(speaker)
        path = scenario.asset_path(person.portrait) if person else None

        def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
            side = min(rect.width, rect.height)
            spot = pygame.Rect(rect.x, rect.y, side, side)
            image = self.face(path, side)
            if image is not None:
                surface.blit(image, spot)
            else:
                draw_monogram(surface, theme, spot, speaker)
            width = max(1, theme.ring - 2)
            pygame.draw.circle(surface, theme.palette.border, spot.center, side // 2, width=width)

        return draw


def draw_monogram(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, name: str) -> None:
    """`name`'s initials on a circle of the accent colour, as large as the circle allows."""
    palette = theme.palette
    side = min(rect.width, rect.height)
    pygame.draw.circle(surface, palette.accent, rect.center, side // 2)
    letters = initials(name)
    for role in ("heading", "subheading", "body_bold", "small_bold"):
        width, height = theme.font(role).size(letters)
        if width <= side * 0.7 and height <= side * 0.8:
            break
    else:
        letters = letters[:1]
    image = theme.render(letters, role, palette.on_accent)
    surface.blit(image, image.get_rect(center=rect.center))


def _load_round(path: Path, side: int) -> pygame.Surface | None:
    """The picture at its size (an SVG drawn at that size, about a millisecond), cut to a
    circle with an antialiased edge."""
    try:
        if path.suffix.lower() == ".svg":
            image = pygame.image.load_sized_svg(str(path), (side, side))
        else:
            image = pygame.image.load(str(path))
        if image.get_size() != (side, side):
            image = pygame.transform.smoothscale(image, (side, side))
    except (pygame.error, OSError, ValueError):
        return None
    round_image = pygame.Surface((side, side), pygame.SRCALPHA)
    round_image.blit(image, (0, 0))
    mask = pygame.Surface((side, side), pygame.SRCALPHA)
    radius = side / 2 - 0.5
    pygame.draw.aacircle(mask, (255, 255, 255, 255), (radius, radius), radius)
    round_image.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return round_image.convert_alpha() if pygame.display.get_surface() is not None else round_image
