"""Line charts of the meters over time, drawn with pygame.draw.

Each line has its own marker shape and its name written at its end, so the chart reads without
colour. A value of None is a point with nothing to draw (the rung before any decision): the line
breaks there. Used by the debrief and the compare screen.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from ..report.ladder import unbroken
from .theme import Theme


@dataclass
class Series:
    name: str               # written at the line's end ('' for none)
    values: list[float | None]
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


def line_chart(surface: pygame.Surface, rect: pygame.Rect, theme: Theme,
               series: list[Series], low: float, high: float,
               band: tuple[float, float] | None = None,
               ticks: tuple[float, ...] = (),
               x_labels: dict[int, str] | None = None,
               band_label: str = "", band_colour: tuple[int, int, int] | None = None) -> None:
    """Draw the chart in `rect`; its title is ordinary (wrapping) text above it.
    `band` shades (from, to), in `band_colour` (the "shared" colour by default), with
    `band_label` (a word as short as a tick's number) written beside it. `x_labels` names some
    points along the bottom (point index -> label), e.g. step numbers."""
    palette = theme.palette
    unit = theme.unit
    # Fixed gutters (room for "-100" and "Outcome") keep charts stacked on one page aligned.
    small = theme.font("small")
    label_width = max([small.size("Outcome")[0]] + [small.size(s.name)[0] for s in series]) + unit
    tick_width = small.size("\u2212100")[0] + unit
    top = small.get_height() // 2  # room for the top tick's label
    below = small.get_height() if x_labels else 0  # room for the labels along the bottom
    plot = pygame.Rect(rect.x + tick_width, rect.y + top, rect.width - tick_width - label_width - unit,
                       rect.height - 2 * top - below)
    if plot.width < unit * 4 or plot.height < unit * 4:
        return
    pygame.draw.rect(surface, palette.panel, plot)

    def y_of(value: float) -> float:
        return plot.bottom - (value - low) / (high - low) * plot.height

    if band:
        top, bottom = y_of(band[1]), y_of(band[0])
        pygame.draw.rect(surface, band_colour or palette.shared, (plot.x, top, plot.width, bottom - top))
        if band_label:  # beside the band, with the ticks' numbers, so no line runs over it
            image = theme.render(band_label, "small", palette.muted)
            surface.blit(image, image.get_rect(midright=(plot.x - unit // 2, (top + bottom) / 2)))
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

    right_edge = rect.x - 1
    for index, text in sorted((x_labels or {}).items()):
        if 0 <= index < count:
            image = theme.render(text, "small", palette.muted)
            # below the bottom tick's label, which sits half above and half below the frame
            spot = image.get_rect(midtop=(x_of(index), plot.bottom + small.get_height() // 2))
            spot.clamp_ip(pygame.Rect(rect.x, spot.y, rect.width, spot.height))
            if spot.left > right_edge:  # skip a label that would touch the one before it
                surface.blit(image, spot)
                right_edge = spot.right + unit
    size = max(3, unit // 2)
    width = max(2, theme.ring - 1)
    labels: list[tuple[float, pygame.Surface]] = []
    for line in series:
        marks = [(x_of(i), y_of(v)) for i, v in enumerate(line.values) if v is not None]
        if not marks:
            continue
        for run in unbroken(line.values):  # the line breaks where a value is None
            points = [(x_of(i), y_of(line.values[i])) for i in run]
            if line.steps:
                stepped = []
                for i, point in enumerate(points):
                    if i:
                        stepped.append((point[0], points[i - 1][1]))
                    stepped.append(point)
                if run[-1] + 1 < len(line.values):  # a step holds until the next point
                    stepped.append((x_of(run[-1] + 1), stepped[-1][1]))
                points = stepped
            for start, end in zip(points, points[1:]):
                if line.dashed:
                    _dashed(surface, line.colour, start, end, width, unit)
                else:
                    pygame.draw.line(surface, line.colour, start, end, width)
        # A marker on every point of a long line would merge into a band: thin them out, but
        # keep some, since the marker shape is what tells the lines apart without colour.
        stride = -(-len(marks) // 40)
        for point in marks[::stride] + ([marks[-1]] if (len(marks) - 1) % stride else []):
            _marker(surface, line.colour, palette.ink, line.marker, point, size)
        if line.name:
            labels.append((marks[-1][1], theme.render(line.name, "small", palette.ink)))
    # Each name beside the end of its line, top to bottom, nudged apart where they would touch.
    below = -math.inf
    for y, image in sorted(labels, key=lambda label: label[0]):
        y = max(y, below + image.get_height())
        below = y
        surface.blit(image, image.get_rect(midleft=(plot.right + unit // 2, y)))
