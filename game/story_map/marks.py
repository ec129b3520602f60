"""What the story map's SVG marks on top of the story: one player's path, and counts per arrow.

`Marks.of(story, path, counts)` decides, once, which boxes and arrows are on the path, which
are faded, how thick each arrow is and what number it carries; story_map/svg asks it while
drawing. With neither a path nor counts there are no marks, and the map is drawn as before.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from .graph import MapEdge, StoryMap
from .layout import BACK, EDGE, FAN, IF_EDGE
from .path import counts_on_map, path_arrows, path_keys

PATH = "#c2410c"          # the player's path: arrows, outlines, words (5:1 on white)
PATH_FILL = "#fde6d8"     # the ending they reached, or the scene they stopped at
FADED_ARROW, FADED_NODE = "0.32", "0.5"  # opacity of what is off the path (or never taken)
PATH_WIDTH, ARROW_WIDTH, MOST_WIDTH = 4.5, 1.4, 7.0


@dataclass
class Marks:
    keys: list[str]                                   # the path, as map keys in order
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    arrows: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def of(cls, story: StoryMap, path: Iterable[str] | None,
           counts: Mapping[tuple[str, str], int] | None) -> "Marks | None":
        """The marks for a path and counts; None when there is nothing to mark."""
        keys = path_keys(story, path or ())
        on_map = counts_on_map(story, counts or {})
        if not keys and not on_map:
            return None
        return cls(keys, on_map, path_arrows(keys))

    # -- the path -------------------------------------------------------------------------------
    @property
    def has_path(self) -> bool:
        return bool(self.keys)

    @property
    def reached(self) -> str | None:
        """The key of the ending the path reached, if it did."""
        return self.keys[-1] if self.keys and self.keys[-1].startswith("ending:") else None

    @property
    def last_scene(self) -> str | None:
        """The key of the scene the path stops at, when it has not reached an ending."""
        return self.keys[-1] if self.keys and not self.reached else None

    def on_path(self, edge: MapEdge) -> bool:
        return (edge.source, edge.target) in self.arrows

    def node_on_path(self, key: str) -> bool:
        return key in self.keys

    # -- counts ---------------------------------------------------------------------------------
    def count(self, edge: MapEdge) -> int:
        return self.counts.get((edge.source, edge.target), 0)

    @property
    def most(self) -> int:
        return max(self.counts.values(), default=0)

    def width(self, edge: MapEdge) -> float:
        """Thicker with the count (by its square root, so that one big number does not make
        the rest hairlines); the path is always at least PATH_WIDTH."""
        width = ARROW_WIDTH
        if self.counts and self.count(edge):
            width += (MOST_WIDTH - ARROW_WIDTH) * math.sqrt(self.count(edge) / self.most)
        return max(width, PATH_WIDTH) if self.on_path(edge) else width

    # -- fading ---------------------------------------------------------------------------------
    def arrow_faded(self, edge: MapEdge) -> bool:
        """Off the path (when there is one), or taken by no record (when there are counts)."""
        if self.on_path(edge):
            return False
        return self.has_path or not self.count(edge)

    def node_faded(self, key: str) -> bool:
        return self.has_path and not self.node_on_path(key)

    # -- drawing helpers ------------------------------------------------------------------------
    def markers(self) -> str:
        """Arrowheads sized in map units, not by the width of the line (as the others are),
        so that thick arrows do not get huge heads."""
        out = []
        for name, colour, size in (("path", PATH, 15), ("go-n", EDGE, 13), ("if-n", IF_EDGE, 13),
                                   ("back-n", BACK, 13), ("fan-n", FAN, 13)):
            out.append(f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="8" refY="5" '
                       f'markerWidth="{size}" markerHeight="{size}" markerUnits="userSpaceOnUse" '
                       f'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')
        return "".join(out)

    def legend(self) -> list[tuple[str, str]]:
        """(swatch in a 34x16 box, words) for the legend."""
        items = []
        if self.has_path:
            items.append((f'<path d="M0,8 L30,8" stroke="{PATH}" stroke-width="{PATH_WIDTH}" '
                          'fill="none" marker-end="url(#arrow-path)"/>', "your path"))
            if self.reached:
                items.append((f'<polygon points="6,0 28,0 34,8 28,16 6,16 0,8" fill="{PATH_FILL}" '
                              f'stroke="{PATH}" stroke-width="3"/>', "the ending you reached"))
            else:
                items.append((f'<rect x="1" y="1" width="32" height="14" rx="5" fill="{PATH_FILL}" '
                              f'stroke="{PATH}" stroke-width="3"/>', "your last scene"))
            items.append(('<rect x="0" y="0" width="34" height="16" rx="5" fill="#e2eefb" '
                          f'stroke="#3b6ea8" opacity="{FADED_NODE}"/>', "not on your path"))
        if self.counts:
            items.append(('<rect x="4" y="0" width="26" height="16" rx="8" fill="#26262e"/>'
                          '<text x="17" y="12" font-size="11" font-weight="bold" '
                          'text-anchor="middle" fill="#ffffff">12</text>',
                          "how many records went this way (thicker: more)"))
            if not self.has_path:
                items.append((f'<path d="M0,8 L32,8" stroke="#55556a" stroke-width="1.4" '
                              f'opacity="{FADED_ARROW}"/>', "no record went this way"))
        return items
