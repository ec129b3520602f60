"""A player's path, and the counts of a room, put onto the story map.

A path is what one player went through, in order: scene ids, then the id of the ending they
reached (if the run has ended). `run_path(run)` makes one from a live Run. The map's nodes are
keyed a little differently (endings are "ending:<id>", and `next: end` passes through the hub
HUB), so `path_keys` turns a path into map node keys, and `edge_counts` + `counts_on_map` turn
many paths into a count per map arrow. Pure Python; never imports pygame.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Iterable, Mapping

from ..story import END
from .graph import HUB, StoryMap

if TYPE_CHECKING:
    from ..story import Run

ENDING = "ending:"


def run_path(run: "Run") -> list[str]:
    """The scenes `run` has been through, in order, ending with the current scene, or (once
    it has ended) with the ending reached. When the ending was picked by `next: end`, HUB
    stands before it, so the map can tell that from an option leading straight to it."""
    path = [taken.scene for taken in run.taken]
    if run.ending is None:
        return path + ([run.scene.id] if run.scene is not None else [])
    last = run.taken[-1] if run.taken else None
    if last is not None:
        scene = run.scenario.scenes.get(last.scene)
        choice = next((c for c in scene.choices if (c.id or c.text) == last.key), None) \
            if scene else None
        if choice is not None and choice.next == END:
            path.append(HUB)
    return path + [run.ending.id]


def _node_key(story: StoryMap, item: str) -> str | None:
    """The map key of a scene id, an ending id or a map key; None when it is not on the map."""
    if item in story.nodes:
        return item
    return ENDING + item if ENDING + item in story.nodes else None


def path_keys(story: StoryMap, path: Iterable[str]) -> list[str]:
    """`path` (scene ids, ending ids or map keys) as map node keys, in order. Items not on the
    map (another role's scenes) are left out; an ending reached through `next: end` gets the
    hub before it, unless the scene before it has an option straight to that ending."""
    arrows = {(e.source, e.target) for e in story.edges}
    keys: list[str] = []
    for item in path:
        key = _node_key(story, item)
        if key is None:
            continue
        if (keys and story.nodes[key].kind == "ending" and keys[-1] != HUB
                and (keys[-1], key) not in arrows and (keys[-1], HUB) in arrows):
            keys.append(HUB)
        keys.append(key)
    return keys


def path_arrows(keys: list[str]) -> set[tuple[str, str]]:
    """The (from, to) pairs of map keys a path of map keys goes along."""
    return set(zip(keys, keys[1:]))


def edge_counts(paths: Iterable[Iterable[str]]) -> Counter:
    """(from, to) -> how many of `paths` went from one to the other (a path that goes along
    the same arrow twice, round a loop, counts once: the counts are of records, not steps)."""
    counts: Counter = Counter()
    for path in paths:
        items = list(path)
        counts.update(set(zip(items, items[1:])))
    return counts


def counts_on_map(story: StoryMap, counts: Mapping[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """Counts keyed by (from, to) scene or ending ids (or map keys) as counts per arrow of the
    map, keyed by (source, target) map keys. A count from a scene to an ending with no arrow
    between them counts on both halves of the way through the hub. Pairs not on the map are
    left out."""
    arrows = {(e.source, e.target) for e in story.edges}
    on_map: Counter = Counter()
    for (start, end), count in counts.items():
        source, target = _node_key(story, start), _node_key(story, end)
        if source is None or target is None or count <= 0:
            continue
        if (source, target) in arrows:
            on_map[source, target] += count
        elif (source, HUB) in arrows and (HUB, target) in arrows:
            on_map[source, HUB] += count
            on_map[HUB, target] += count
    return dict(on_map)
