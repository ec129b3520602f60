"""The story map's arrows as polylines, for a presenter that draws straight lines (the window).

The SVG draws each arrow as curves; a raster presenter gets the same curves as points, once,
in map units, with the box each arrow passes through, so it can skip what is out of view.
Pure Python; never imports pygame.
"""
from __future__ import annotations

from dataclasses import dataclass

from .graph import MapEdge
from .labels import along
from .layout import Box, Chain, Layout

Point = tuple[float, float]
STEPS = 16  # points along each curve: smooth enough at any zoom the window offers


@dataclass
class Polyline:
    edge: MapEdge
    points: list[Point]  # from the source to the target: the arrowhead goes at the last
    back: bool
    bounds: tuple[float, float, float, float]  # left, top, right, bottom


def polylines(layout: Layout) -> list[Polyline]:
    """Every arrow of `layout` (loops too) as points, in the order the SVG draws them."""
    lines = [_polyline(chain.edge, chain_points(chain), chain.back) for chain in layout.chains]
    lines += [_polyline(edge, loop_points(layout.boxes[edge.source]), True) for edge in layout.loops]
    return lines


def chain_points(chain: Chain, steps: int = STEPS) -> list[Point]:
    """The points along an arrow, curves sampled `steps` times."""
    points = [chain.pieces[0][1]]
    for piece in chain.pieces:
        if piece[0] == "L":
            points.append(piece[2])
        else:
            points += [along(piece, i / steps) for i in range(1, steps + 1)]
    return points


def loop_points(box: Box, steps: int = STEPS) -> list[Point]:
    """An arrow from a box back to itself, out on its right, as the SVG draws it."""
    side, y = box.x + box.w / 2, box.y + box.h / 2
    a, b, c, d = (side, y - 10), (side + 44, y - 34), (side + 44, y + 34), (side, y + 10)
    points = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        points.append((u ** 3 * a[0] + 3 * u * u * t * b[0] + 3 * u * t * t * c[0] + t ** 3 * d[0],
                       u ** 3 * a[1] + 3 * u * u * t * b[1] + 3 * u * t * t * c[1] + t ** 3 * d[1]))
    return points


def _polyline(edge: MapEdge, points: list[Point], back: bool) -> Polyline:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Polyline(edge, points, back, (min(xs), min(ys), max(xs), max(ys)))
