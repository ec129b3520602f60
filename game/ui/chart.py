"""Line charts of the meters over time, drawn with pygame.draw.

Each line has its own marker shape and its name written at its end, so the chart reads without
colour. Used by the ending screen (and the fuller debrief to come).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from .theme import Theme


@dataclass
class Series:
    name: str
    values: list[float]
    colour: tuple[int, int, int]
    marker: str = "circle"   # circle / square / triangle
    dashed: bool = False
    steps: bool = False      # a staircase (for the rung), not a slope


def _dashed(surface, colour, start, end, width, dash):
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1)
    if length == 0:
        return
    for i in range(0, int(length), dash * 2):
        a, b = i / length, min(1.0, (i + dash) / length)
        pygame.draw.line(surface, colour, (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                         (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b), width)


def _marker(surface, colour, ink, kind, centre, size):
    x, y = centre
    if kind == "square":
        rect = pygame.Rect(0, 0, size * 2, size * 2)
        rect.center = centre
        pygame.draw.rect(surface, colour, rect)
        pygame.draw.rect(surface, ink, rect, 1)
    elif kind == "triangle":
        points = [(x, y - size - 1), (x - size - 1, y + size), (x + size + 1, y + size)]
        pygame.draw.polygon(surface, colour, points)
        pygame.draw.polygon(surface, ink, points, 1)
    else:
        pygame.draw.circle(surface, colour, centre, size)
        pygame.draw.circle(surface, ink, centre, size, 1)


def line_chart(surface: pygame.Surface, rect: pygame.Rect, theme: Theme, title: str,
               series: list[Series], low: float, high: float,
               band: tuple[float, float] | None = None,
               ticks: tuple[float, ...] = ()) -> None:
    palette = theme.palette
    unit = theme.unit
    title_image = theme.render(title, "small_bold", palette.ink)
    surface.blit(title_image, rect.topleft)
    label_width = max((theme.font("small").size(s.name)[0] for s in series), default=0) + unit
    tick_width = max((theme.font("small").size(f"{t:g}".replace("-", "\u2212"))[0] for t in ticks),
                     default=0) + unit
    plot = pygame.Rect(rect.x + tick_width, rect.y + title_image.get_height() + unit,
                       rect.width - tick_width - label_width - unit,
                       rect.height - title_image.get_height() - unit * 2)
    if plot.width < unit * 4 or plot.height < unit * 4:
        return
    pygame.draw.rect(surface, palette.panel, plot)

    def y_of(value: float) -> float:
        return plot.bottom - (value - low) / (high - low) * plot.height

    if band:
        top, bottom = y_of(band[1]), y_of(band[0])
        pygame.draw.rect(surface, palette.shared, (plot.x, top, plot.width, bottom - top))
    for tick in ticks:
        y = y_of(tick)
        pygame.draw.line(surface, palette.border, (plot.x, y), (plot.right, y), 1)
        image = theme.render(f"{tick:g}".replace("-", "\u2212"), "small", palette.muted)
        surface.blit(image, image.get_rect(midright=(plot.x - unit // 2, y)))
    pygame.draw.rect(surface, palette.muted, plot, 1)
    count = max(len(s.values) for s in series) if series else 0
    if count == 0:
        return

    def x_of(index: int) -> float:
        return plot.x + (plot.width * index / (count - 1) if count > 1 else plot.width / 2)

    size = max(3, unit // 2)
    width = max(2, theme.ring - 1)
    used_label_y: list[float] = []
    for line in series:
        points = [(x_of(i), y_of(v)) for i, v in enumerate(line.values)]
        if line.steps:
            stepped = []
            for i, point in enumerate(points):
                if i:
                    stepped.append((point[0], points[i - 1][1]))
                stepped.append(point)
            points = stepped
        for start, end in zip(points, points[1:]):
            if line.dashed:
                _dashed(surface, line.colour, start, end, width, unit)
            else:
                pygame.draw.line(surface, line.colour, start, end, width)
        marks = points if not line.steps else [p for i, p in enumerate(points) if i % 2 == 0]
        if len(marks) <= 40:
            for point in marks:
                _marker(surface, line.colour, palette.ink, line.marker, point, size)
        image = theme.render(line.name, "small", palette.ink)
        y = points[-1][1]
        while any(abs(y - other) < image.get_height() for other in used_label_y):
            y += image.get_height() // 2 + 1
        used_label_y.append(y)
        surface.blit(image, image.get_rect(midleft=(plot.right + unit // 2, y)))
