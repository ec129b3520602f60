"""Pictures for scenes: loaded once per size, and never a crash when one is missing or broken."""
from __future__ import annotations

from pathlib import Path

import pygame

from .cache import ByteCache

PICTURE_CACHE_BYTES = 24 * 2**20  # pictures scaled for recent window sizes (3 at 1920x1080)


class Pictures:
    def __init__(self) -> None:
        self._cache = ByteCache(PICTURE_CACHE_BYTES)  # (path, size) -> picture, or None
        self._natural: dict[Path, tuple[int, int]] = {}  # each picture's own size, read once

    def cover(self, path: Path | None, size: tuple[int, int]) -> pygame.Surface | None:
        """The picture scaled to fill `size` (cropped to fit), or None if it cannot be shown."""
        if path is None or size[0] <= 0 or size[1] <= 0:
            return None
        key = (path, size)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        image = self._load(path, size, self._natural)
        self._cache[key] = image  # kept while the budget allows: each window size is a new one
        return image

    @staticmethod
    def _load(path: Path, size: tuple[int, int], natural: dict) -> pygame.Surface | None:
        width, height = size
        try:
            image = None
            if path not in natural:
                image = pygame.image.load(str(path))
                natural[path] = image.get_size()
            own_width, own_height = natural[path]
            ratio = max(width / own_width, height / own_height)
            scaled_size = (max(width, round(own_width * ratio)), max(height, round(own_height * ratio)))
            if path.suffix.lower() == ".svg":
                image = pygame.image.load_sized_svg(str(path), scaled_size)
                # an SVG keeps its shape inside the size asked for; scale up to cover if needed
                if image.get_width() < width or image.get_height() < height:
                    image = pygame.transform.smoothscale(image, scaled_size)
            else:
                image = pygame.transform.smoothscale(image or pygame.image.load(str(path)), scaled_size)
        except (pygame.error, OSError, ValueError, ZeroDivisionError):
            return None
        crop = pygame.Rect(0, 0, width, height)
        crop.center = image.get_rect().center
        image = image.subsurface(crop).copy()
        return image.convert_alpha() if pygame.display.get_surface() is not None else image
