"""Caches bounded in bytes: rendered text and pictures are kept while they fit a budget.

A count limit is no bound on memory: 3,000 lines of text at 200% on a wide window are hundreds of
megabytes. These caches count what each surface holds (width x height x bytes per pixel) and let
the least recently used go first.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any

import pygame


def surface_bytes(surface: pygame.Surface | None) -> int:
    if surface is None:
        return 64  # a remembered failure: a few bytes of bookkeeping
    return surface.get_width() * surface.get_height() * surface.get_bytesize()


class ByteCache(OrderedDict):
    """An OrderedDict of surfaces kept under `limit` bytes, oldest (least used) dropped first.

    Used like the OrderedDict it replaces: `get`, `[key] = surface`, `move_to_end`, `popitem`.
    A single surface bigger than the whole budget is still returned, just not kept.
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.bytes = 0

    def __setitem__(self, key: Any, surface: pygame.Surface | None) -> None:
        if key in self:
            self.bytes -= surface_bytes(OrderedDict.__getitem__(self, key))
        size = surface_bytes(surface)
        if size > self.limit:
            if key in self:
                OrderedDict.__delitem__(self, key)
            return
        OrderedDict.__setitem__(self, key, surface)
        self.bytes += size
        while self.bytes > self.limit:
            self.popitem(last=False)

    def __delitem__(self, key: Any) -> None:
        self.bytes -= surface_bytes(OrderedDict.__getitem__(self, key))
        OrderedDict.__delitem__(self, key)

    def popitem(self, last: bool = True):
        key, surface = OrderedDict.popitem(self, last)
        self.bytes -= surface_bytes(surface)
        return key, surface

    def pop(self, key: Any, *default):
        if key in self:
            surface = OrderedDict.pop(self, key)
            self.bytes -= surface_bytes(surface)
            return surface
        return OrderedDict.pop(self, key, *default)

    def clear(self) -> None:
        OrderedDict.clear(self)
        self.bytes = 0
