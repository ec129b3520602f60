"""The branch map for a report: story_map's SVG for one role, with a player's path highlighted
or a room's counts on its arrows, ready to go inline in HTML (no XML declaration, ids made
unique to the page so two maps on one page do not share markers).
"""
from __future__ import annotations

import inspect
import re
from typing import Mapping, Sequence

from ..story import Scenario
from ..story_map import StoryMap, build_map
from ..story_map.svg import to_svg

_PROLOGUE = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)
SCROLL_NOTE = ("On screen the map is wider than the page: scroll sideways inside it (its key is at "
               "the top left). It is left out of print, where it would be too small to read.")
_IDS = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')


def print_note(plural: bool = False) -> str:
    """What print shows instead of the map (or maps), which on a page would be too small to
    read: where to see it. Hidden on screen, where the map itself is."""
    what = "The branch maps are" if plural else "The branch map is"
    return (f'<p class="print-only callout">{what} not printed: on paper {"they" if plural else "it"} '
            "would be too small to read. See the on-screen version of this report: open the "
            "report's HTML file in a browser.</p>")


def can_show() -> tuple[bool, bool]:
    """(path, counts): whether the map drawer can highlight a path and label counts."""
    parameters = inspect.signature(to_svg).parameters
    return "path" in parameters, "counts" in parameters


def role_map(scenario: Scenario, role: str) -> StoryMap:
    return build_map(scenario, role)


def map_svg(story: StoryMap, prefix: str, path: Sequence[str] | None = None,
            counts: Mapping[tuple[str, str], int] | None = None) -> str:
    """The map as inline SVG. `path`: scene ids then the ending id; `counts`: (from, to) scene
    or ending ids -> how many records went that way. Each is drawn when the map drawer can."""
    with_path, with_counts = can_show()
    options = {}
    if path is not None and with_path:
        options["path"] = list(path)
    if counts is not None and with_counts:
        options["counts"] = dict(counts)
    svg = _PROLOGUE.sub("", to_svg(story, **options), count=1)
    svg = _IDS.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    return svg.replace("<svg ", '<svg class="map" ', 1)
