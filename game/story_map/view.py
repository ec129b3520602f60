"""A view onto the story map: which part of it a window shows, and at what zoom.

The window's branch map moves and zooms through one of these; kept apart from drawing, it is
plain arithmetic a test can check without a display. Map units are those of story_map/layout;
`base` is how many pixels a map unit takes at zoom 1 (the size at which the window's text fits
the boxes). Pure Python; never imports pygame.
"""
from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]


@dataclass
class Viewport:
    extent: tuple[float, float, float, float]  # the map: left, top, right, bottom
    x: int = 0          # where the view is on the screen, in pixels
    y: int = 0
    width: int = 0
    height: int = 0
    base: float = 1.0
    zoom: float = 1.0
    most_zoom: float = 2.0
    left: float = 0.0   # the map point at the view's top left
    top: float = 0.0

    @property
    def scale(self) -> float:
        """Pixels a map unit."""
        return self.base * self.zoom

    @property
    def middle(self) -> tuple[int, int]:
        return self.x + self.width // 2, self.y + self.height // 2

    @property
    def seen(self) -> tuple[float, float, float, float]:
        """The part of the map in view: left, top, right, bottom in map units."""
        return (self.left, self.top, self.left + self.width / self.scale,
                self.top + self.height / self.scale)

    def to_screen(self, x: float, y: float) -> Point:
        return self.x + (x - self.left) * self.scale, self.y + (y - self.top) * self.scale

    def map_point(self, pos: tuple[float, float]) -> Point:
        return self.left + (pos[0] - self.x) / self.scale, self.top + (pos[1] - self.y) / self.scale

    def place(self, x: int, y: int, width: int, height: int, base: float) -> None:
        """Move the view on the screen (the window was resized, the text size changed),
        keeping the map point in its middle where it was."""
        middle = self.map_point(self.middle) if self.width else None
        self.x, self.y, self.width, self.height, self.base = x, y, width, height, base
        if middle is not None:
            self.centre_on(middle)

    def centre_on(self, point: Point) -> None:
        self.left = point[0] - self.width / 2 / self.scale
        self.top = point[1] - self.height / 2 / self.scale
        self.clamp()

    def show_from(self, x: float, top: float) -> None:
        """The map from `top` down, with `x` in the middle."""
        self.left = x - self.width / 2 / self.scale
        self.top = top
        self.clamp()

    def clamp(self) -> None:
        """Keep the map in view; a map smaller than the view sits in its middle."""
        x0, y0, x1, y1 = self.extent
        seen_w, seen_h = self.width / self.scale, self.height / self.scale
        self.left = (x0 + x1 - seen_w) / 2 if x1 - x0 <= seen_w else min(max(self.left, x0), x1 - seen_w)
        self.top = (y0 + y1 - seen_h) / 2 if y1 - y0 <= seen_h else min(max(self.top, y0), y1 - seen_h)

    def pan(self, dx: float, dy: float) -> bool:
        """Move the view by (dx, dy) pixels; True if it moved."""
        before = (self.left, self.top)
        self.left += dx / self.scale
        self.top += dy / self.scale
        self.clamp()
        return (self.left, self.top) != before

    @property
    def least_zoom(self) -> float:
        """Zoomed out as far as the whole map in view (or 1, for a map smaller than that)."""
        x0, y0, x1, y1 = self.extent
        return min(1.0, min(self.width / (x1 - x0), self.height / (y1 - y0)) / self.base)

    def set_zoom(self, zoom: float, around: tuple[float, float] | None = None) -> bool:
        """Zoom (within least_zoom and most_zoom), keeping the map point under `around`
        (default: the middle of the view) where it is; True if the zoom changed."""
        zoom = max(self.least_zoom, min(self.most_zoom, zoom))
        if abs(zoom - self.zoom) < 1e-6:
            return False
        around = around or self.middle
        point = self.map_point(around)
        self.zoom = zoom
        self.left = point[0] - (around[0] - self.x) / self.scale
        self.top = point[1] - (around[1] - self.y) / self.scale
        self.clamp()
        return True

    def fit_width(self) -> bool:
        """Zoom so that the map's width just fills the view."""
        x0, _, x1, _ = self.extent
        return self.set_zoom(self.width / (x1 - x0) / self.base)
