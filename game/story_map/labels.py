"""Where the words go along the story map's arrows: each option label, and each count, is put
where along its arrow (or just beside it) it covers no box, no chapter name and no other label,
or, failing that, as little as can be. Used by story_map/svg.
"""
from __future__ import annotations

from typing import Iterable

from .graph import MapEdge, StoryMap
from .layout import BAND_HEAD, Layout, heading, label, label_size
from .marks import Marks


def along(piece: tuple, t: float) -> tuple[float, float]:
    _, (ax, ay), (bx, by) = piece
    if piece[0] == "L":
        return ax + (bx - ax) * t, ay + (by - ay) * t
    u = 1 - t
    ym = (ay + by) / 2
    return (u ** 3 * ax + 3 * u * u * t * ax + 3 * u * t * t * bx + t ** 3 * bx,
            u ** 3 * ay + 3 * u * t * ym + t ** 3 * by)


class Grid:
    """Rectangles already placed, found by cell, for quick overlap tests."""

    def __init__(self) -> None:
        self.rects: list[tuple[float, float, float, float]] = []
        self.cells: dict[tuple[int, int], list[int]] = {}

    def _cells(self, r: tuple) -> list[tuple[int, int]]:
        return [(i, j) for i in range(int(r[0] // 150), int(r[2] // 150) + 1)
                for j in range(int(r[1] // 150), int(r[3] // 150) + 1)]

    def add(self, r: tuple) -> None:
        self.rects.append(r)
        for cell in self._cells(r):
            self.cells.setdefault(cell, []).append(len(self.rects) - 1)

    def overlap(self, r: tuple) -> float:
        found = {i for cell in self._cells(r) for i in self.cells.get(cell, ())}
        total = 0.0
        for i in sorted(found):
            o = self.rects[i]
            w, h = min(r[2], o[2]) - max(r[0], o[0]), min(r[3], o[3]) - max(r[1], o[1])
            if w > 0 and h > 0:
                total += w * h
        return total


def label_grid(story: StoryMap, layout: Layout) -> Grid:
    """The boxes and chapter names, which no label may cover."""
    grid = Grid()
    for box in layout.boxes.values():
        if box.node is not None:
            grid.add((box.x - box.w / 2 - 4, box.y - 4, box.x + box.w / 2 + 4, box.y + box.h + 4))
    for band, top, _ in layout.bands:  # the chapter's name, at the top left of its band
        grid.add((layout.left - 40, top - BAND_HEAD, layout.left + 60 + 8.5 * len(heading(story, band)),
                  top))
    return grid


def least_covered(grid: Grid, rects: Iterable[tuple]) -> tuple:
    """The first rectangle that covers nothing already placed, or else the one that covers least."""
    best: tuple = (float("inf"), ())
    for rect in rects:
        cost = grid.overlap(rect)
        if cost < best[0]:
            best = (cost, rect)
            if not cost:
                break
    return best[1]


def place_labels(story: StoryMap, layout: Layout, grid: Grid | None = None
            ) -> list[tuple[MapEdge, tuple, list]]:
    """Each label as (edge, rectangle, lines): where along its arrow, or just beside it, it
    overlaps no box, no chapter name and no other label (or, failing that, least). The labels
    placed are added to `grid`."""
    boxes, chains, loops = layout.boxes, layout.chains, layout.loops
    grid = grid if grid is not None else label_grid(story, layout)
    placed = []
    for edge in loops:  # beside the loop, on the right of its box
        lines, box = label(edge), boxes[edge.source]
        if lines:
            w, h = label_size(lines)
            x, y = box.x + box.w / 2 + 30, box.y + box.h / 2 - h / 2
            placed.append((edge, (x, y, x + w, y + h), lines))
            grid.add(placed[-1][1])
    for chain in chains:
        lines = label(chain.edge)
        if not lines:
            continue
        w, h = label_size(lines)
        curves = [p for p in chain.pieces if p[0] == "C"]
        spots = (0.78, 0.62, 0.9, 0.5) if chain.edge.kind == "fan" else \
            (0.5, 0.36, 0.64, 0.26, 0.74, 0.43, 0.57, 0.18, 0.82)
        rect = least_covered(grid, ((left, y - h / 2, left + w, y + h / 2)
                                    for piece in curves[:1] + curves[-1:] + curves[1:-1]
                                    for x, y in (along(piece, t) for t in spots)
                                    # on the arrow, or just beside it on either side
                                    for left in (x - w / 2, x + 5, x - w - 5)))
        grid.add(rect)
        placed.append((chain.edge, rect, lines))
    return placed


def place_counts(layout: Layout, grid: Grid, marks: Marks) -> list[tuple[MapEdge, tuple, str]]:
    """A number on each arrow some record took, as (edge, rectangle, text): on the arrow,
    where it covers no box, label or other number (or, failing that, least)."""
    placed = []
    for edge in layout.loops:  # at the far right of the loop
        if marks.count(edge):
            box, text = layout.boxes[edge.source], str(marks.count(edge))
            w, h = count_size(text)
            x, y = box.x + box.w / 2 + 33, box.y + box.h / 2
            placed.append((edge, (x - w / 2, y - h / 2, x + w / 2, y + h / 2), text))
            grid.add(placed[-1][1])
    for chain in layout.chains:
        if not marks.count(chain.edge):
            continue
        text = str(marks.count(chain.edge))
        w, h = count_size(text)
        curves = [p for p in chain.pieces if p[0] == "C"]
        # Near where the arrow arrives, first: arrows into one box meet there, but they
        # fan out from the hub, so its numbers go right above the endings.
        spots = (0.9, 0.84, 0.95, 0.76) if chain.edge.kind == "fan" else (0.72, 0.56, 0.86, 0.4, 0.28)
        rect = least_covered(grid, ((x - w / 2, y - h / 2, x + w / 2, y + h / 2)
                                    for piece in curves[-1:] + curves[:-1]
                                    for x, y in (along(piece, t) for t in spots)))
        grid.add(rect)
        placed.append((chain.edge, rect, text))
    return placed


def count_size(text: str) -> tuple[float, float]:
    return max(22.0, len(text) * 7.0 + 12), 16.0
