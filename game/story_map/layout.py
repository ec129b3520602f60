"""Where everything goes on the story map's SVG, worked out here so that no Graphviz is needed.

A layered ("Sugiyama") layout, one band of rows per chapter, top to bottom:
1. arrows that go back (loops, or to an earlier chapter) are turned round for the layout;
2. a scene's row in its chapter is the longest path to it from the chapter's first scenes;
3. arrows longer than one row pass through an invisible point in each row between;
4. each row is ordered by barycentre sweeps, down then up, keeping the fewest crossings;
5. each box is pulled towards the mean of its neighbours, boxes kept apart in their order
   (isotonic regression), so long arrows run straight;
and story_map/svg then puts each label where along its arrow it overlaps no box and no label.
Same story map in, same layout out.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .graph import MapEdge, MapNode, Option, StoryMap, shorten, wrap

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
MONO = "ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace"
WIDTH = {"scene": 196, "ending": 228, "hub": 180}
POINT_W, GAP_X, MARGIN, BAND_HEAD, BAND_FOOT = 12, 34, 28, 34, 16
EDGE, BACK, FAN, IF_EDGE = "#55556a", "#8a4fb0", "#a87a00", "#2f6f95"
# Line kinds in a box: font size, weight, slant, family, colour, line height.
STYLE = {"start": (10, "bold", "normal", FONT, "#b0301c", 13),
         "title": (12.5, "bold", "normal", FONT, "#1d1d24", 15.5),
         "id": (9.5, "normal", "normal", MONO, "#5f5f6a", 12.5),
         "moment": (9.5, "normal", "italic", FONT, "#6b3fa0", 12.5),
         "roles": (9.5, "normal", "normal", FONT, "#3d3d48", 12.5),
         "tag": (9, "bold", "normal", FONT, "#8a6300", 12),
         "cond": (9.5, "normal", "italic", FONT, "#5a4500", 12.5)}


@dataclass
class Box:
    key: str
    w: float
    node: MapNode | None = None  # None: a point an arrow passes through
    lines: list[tuple[str, str]] = field(default_factory=list)
    h: float = 0.0
    layer: int = 0
    x: float = 0.0  # centre
    y: float = 0.0  # top


@dataclass
class Chain:
    edge: MapEdge
    keys: list[str]  # from the top row down
    back: bool  # drawn upwards, from the last box to the first
    pieces: list[tuple[str, tuple, tuple]] = field(default_factory=list)  # as drawn


@dataclass
class Layout:
    """Everything placed: boxes (and the points arrows pass through), arrows, chapter bands as
    (band, top, bottom), arrows from a scene to itself, and how far the boxes reach."""

    boxes: dict[str, Box]
    chains: list[Chain]
    bands: list[list]
    loops: list[MapEdge]
    left: float
    right: float


def lay_out(story: StoryMap) -> Layout:
    """Place every box, point and arrow of `story` (y grows downwards, x from 0)."""
    boxes = {}
    for key, node in story.nodes.items():
        lines = content(story, node)
        boxes[key] = Box(key, WIDTH[node.kind], node, lines,
                         16 + sum(STYLE[kind][5] for kind, _ in lines))
    if not boxes:
        return Layout(boxes, [], [], [], 0.0, 0.0)
    chains, loops = _layers(story, boxes)
    layers = _order(story, boxes, chains)
    bands = _place_y(boxes, layers, chains)
    _route(boxes, chains)
    real = [b for b in boxes.values() if b.node is not None]
    left = min(b.x - b.w / 2 for b in real)
    right = max(b.x + b.w / 2 + (70 if any(e.source == b.key for e in loops) else 0) for b in real)
    return Layout(boxes, chains, bands, loops, left, right)


def heading(story: StoryMap, band: int) -> str:
    """The name at the top of a chapter's band."""
    if band >= len(story.chapters):
        return "Endings"
    scenes = sum(n.band == band and n.kind == "scene" for n in story.nodes.values())
    return f"{band + 1} · {story.chapters[band]}  ({scenes} scene{'s' * (scenes != 1)})"


def content(story: StoryMap, node: MapNode) -> list[tuple[str, str]]:
    """The lines in a box, each with its kind (a key of STYLE)."""
    lines: list[tuple[str, str]] = []
    if node.start_for:
        lines.append(("start", "▶ START · " + story.role_names(node.start_for)))
    if node.kind == "ending":
        lines.append(("tag", "ENDING"))
    width = 24 if node.kind == "scene" else 27
    lines += [("title", line) for line in wrap(node.title, width, 3)]
    if node.kind == "scene":
        lines.append(("id", shorten(node.ref, 30)))
        if node.moment:
            lines.append(("moment", shorten(node.moment, 22) + (" ⇄ mirrored" if node.mirrored
                                                                 else " (not mirrored)")))
        if story.all_roles and len(story.roles) > 1:
            lines.append(("roles", " · ".join(story.roles[r] for r in node.roles)))
    elif node.kind == "ending":
        lines += [("cond", line) for line in wrap(node.condition, 34, 3)]
        if node.only_for:
            lines.append(("roles", "only for " + ", ".join(story.roles.get(r, r)
                                                           for r in node.only_for)))
    else:
        lines.append(("cond", "the first that holds, in order"))
    return lines


def label(edge: MapEdge) -> list[tuple[str, bool]]:
    """The words beside an arrow, each line with whether it is in italics (a condition)."""
    if edge.kind == "fan":
        return [(str(edge.order), False)]
    if edge.kind == "continue":
        return []

    def condition(option: Option, width: int) -> tuple[str, bool]:
        return (("locked unless " if option.locked else "if ") + shorten(option.condition, width),
                True)
    if len(edge.options) == 1:
        option = edge.options[0]
        return ([condition(option, 30)] if option.condition else []) + \
            [(line, False) for line in wrap(option.text, 28, 2)]
    lines = []
    for option in edge.options[:3]:
        lines += [condition(option, 28)] if option.condition else []
        lines.append(("• " + shorten(option.text, 34), False))
    if len(edge.options) > 3:
        lines.append((f"+ {len(edge.options) - 3} more", True))
    return lines


def label_size(lines: list[tuple[str, bool]]) -> tuple[float, float]:
    """Width and height of a label, from its longest line (10px text, about 5.6px a letter)."""
    return max(len(t) for t, _ in lines) * 5.6 + 10, len(lines) * 12 + 6


# -- layout -------------------------------------------------------------------------------------
def _layers(story: StoryMap, boxes: dict[str, Box]) -> tuple[list[Chain], list[MapEdge]]:
    """Rows for every box and the arrows as chains through them; returns (chains, loops)."""
    band = {k: n.band for k, n in story.nodes.items()}
    flipped, loops, same = set(), [], {k: [] for k in story.nodes}
    for i, edge in enumerate(story.edges):
        if edge.source == edge.target:
            loops.append(edge)
        elif band[edge.source] > band[edge.target]:
            flipped.add(i)
        elif band[edge.source] == band[edge.target]:
            same[edge.source].append((edge.target, i))
    entered = {t for targets in same.values() for t, _ in targets}
    roots = [k for k, n in story.nodes.items() if n.start_for] + \
        [k for k in story.nodes if k not in entered] + list(story.nodes)
    state: dict[str, int] = {}
    for root in roots:  # depth first: an arrow to a box still on the path goes back
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(same[root]))]
        while stack:
            key, targets = stack[-1]
            for target, i in targets:
                if state.get(target) == 1:
                    flipped.add(i)
                elif target not in state:
                    state[target] = 1
                    stack.append((target, iter(same[target])))
                    break
            else:
                state[key] = 2
                stack.pop()
    ends = [(e.target, e.source, True) if i in flipped else (e.source, e.target, False)
            for i, e in enumerate(story.edges)]
    preds: dict[str, list[str]] = {k: [] for k in story.nodes}
    for (a, b, _), edge in zip(ends, story.edges):
        if a != b and band[a] == band[b]:
            preds[b].append(a)
    rank: dict[str, int] = {}

    def rank_of(key: str) -> int:  # longest path, without recursion
        todo = [key]
        while todo:
            top = todo[-1]
            missing = [p for p in preds[top] if p not in rank]
            if missing:
                todo += missing
            else:
                rank[top] = max((rank[p] + 1 for p in preds[top]), default=0)
                todo.pop()
        return rank[key]
    for key in story.nodes:
        rank_of(key)
    deepest = max((rank[k] for k, n in story.nodes.items() if n.kind != "scene"), default=0)
    for key, node in story.nodes.items():
        if node.kind == "ending":
            rank[key] = deepest
    offset, start = {}, 0
    for b in sorted(set(band.values())):
        offset[b] = start
        start += 1 + max(rank[k] for k in story.nodes if band[k] == b)
    for key, box in boxes.items():
        box.layer = offset[band[key]] + rank[key]
    chains = []
    for i, ((a, b, back), edge) in enumerate(zip(ends, story.edges)):
        if a == b:
            continue
        keys = [a]
        for layer in range(boxes[a].layer + 1, boxes[b].layer):
            point = f"~{i}:{layer}"
            boxes[point] = Box(point, POINT_W, layer=layer)
            keys.append(point)
        chains.append(Chain(edge, keys + [b], back))
    return chains, loops


def _order(story: StoryMap, boxes: dict[str, Box], chains: list[Chain]) -> list[list[str]]:
    seen: dict[str, int] = {}
    out: dict[str, list[str]] = {}
    for chain in chains:
        out.setdefault(chain.keys[0], []).append(chain.keys[1])
    for root in [k for k, n in story.nodes.items() if n.start_for] + list(boxes):
        todo = [root]
        while todo:  # depth first, options in order: a first order that reads like the story
            key = todo.pop()
            if key not in seen:
                seen[key] = len(seen)
                todo += reversed(out.get(key, []))
    layers: list[list[str]] = [[] for _ in range(1 + max(b.layer for b in boxes.values()))]
    for key in sorted(boxes, key=lambda k: seen[k]):
        layers[boxes[key].layer].append(key)
    up = {k: [] for k in boxes}
    down = {k: [] for k in boxes}
    for chain in chains:
        for a, b in zip(chain.keys, chain.keys[1:]):
            down[a].append(b)
            up[b].append(a)
    pos = {k: i for layer in layers for i, k in enumerate(layer)}

    def crossings() -> int:
        total = 0
        for layer in layers:
            below: list[int] = []
            for _, b in sorted((pos[a], pos[b]) for a in layer for b in down[a]):
                total += len(below) - bisect.bisect_right(below, b)
                bisect.insort(below, b)
        return total

    def sweep(rows: range, near: dict[str, list[str]]) -> None:
        for row in rows:
            layer = layers[row]
            keyed = sorted((sum(pos[n] for n in near[k]) / len(near[k]) if near[k] else pos[k], i, k)
                           for i, k in enumerate(layer))
            layer[:] = [k for _, _, k in keyed]
            pos.update((k, i) for i, k in enumerate(layer))

    best, fewest = [list(layer) for layer in layers], crossings()
    for turn in range(12):
        if turn % 2 == 0:
            sweep(range(1, len(layers)), up)
        else:
            sweep(range(len(layers) - 2, -1, -1), down)
        count = crossings()
        if count < fewest:
            best, fewest = [list(layer) for layer in layers], count
    layers[:] = best
    order = list(story.nodes)
    layers[-1].sort(key=lambda k: order.index(k) if k in story.nodes else len(order))
    pos.update((k, i) for layer in layers for i, k in enumerate(layer))
    sweep(range(len(layers) - 2, -1, -1), down)  # endings in the order tried: the rest follows
    _place_x(boxes, layers, up, down)
    return layers


def _place_x(boxes: dict[str, Box], layers: list[list[str]], up: dict, down: dict) -> None:
    for layer in layers:
        x = 0.0
        for i, key in enumerate(layer):
            x += _gap(boxes, layer, i)
            boxes[key].x = x
    for sweep in range(16):
        rows = range(len(layers)) if sweep % 2 == 0 else range(len(layers) - 1, -1, -1)
        for row in rows:
            layer = layers[row]
            wanted, weights = [], []
            for key in layer:
                near = (up if sweep % 2 == 0 else down)[key] or (down if sweep % 2 == 0 else up)[key]
                box = boxes[key]
                wanted.append(sum(boxes[n].x for n in near) / len(near) if near else box.x)
                weights.append((2.0 if box.node is None else 1.0) if near else 0.3)
            cumulative, seps = 0.0, []
            for i in range(len(layer)):
                cumulative += _gap(boxes, layer, i) if i else 0.0
                seps.append(cumulative)
            blocks: list[list[float]] = []  # pool adjacent violators: [weighted sum, weight, size]
            for want, sep, weight in zip(wanted, seps, weights):
                blocks.append([(want - sep) * weight, weight, 1])
                while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
                    last = blocks.pop()
                    blocks[-1] = [blocks[-1][0] + last[0], blocks[-1][1] + last[1], blocks[-1][2] + last[2]]
            i = 0
            for total, weight, size in blocks:
                for _ in range(size):
                    boxes[layer[i]].x = total / weight + seps[i]
                    i += 1
    left = min(b.x - b.w / 2 for b in boxes.values())
    for box in boxes.values():
        box.x = round(box.x - left, 1)


def _gap(boxes: dict[str, Box], layer: list[str], i: int) -> float:
    if i == 0:
        return boxes[layer[0]].w / 2
    a, b = boxes[layer[i - 1]], boxes[layer[i]]
    space = GAP_X if a.node and b.node else (14 if a.node or b.node else 6)
    return (a.w + b.w) / 2 + space


def _place_y(boxes: dict[str, Box], layers: list[list[str]], chains: list[Chain]) -> list:
    """Rows top to bottom, with room between them for the labels; returns the bands as
    (band, top of first row, bottom of last row)."""
    heights = [max(boxes[k].h for k in layer) for layer in layers]
    tallest, area = [0.0] * len(layers), [0.0] * len(layers)
    span = [[float("inf"), -float("inf")] for _ in layers]
    for chain in chains:
        lines = label(chain.edge)
        if lines:
            gap = boxes[chain.keys[-1]].layer - 1 if chain.back else boxes[chain.keys[0]].layer
            w, h = label_size(lines)
            tallest[gap], area[gap] = max(tallest[gap], h), area[gap] + w * h
            for key in chain.keys:
                span[gap] = [min(span[gap][0], boxes[key].x - w), max(span[gap][1], boxes[key].x + w)]
    # Room for the labels: for the tallest to move along its arrow, and for all of them to fit
    # in about a third of the space between the arrows' ends.
    need = [max(58.0, h * 2.2 + 24, a / (max(s[1] - s[0], 1.0) * 0.3)) if h else 46.0
            for h, a, s in zip(tallest, area, span)]
    if len(layers) > 1 and any(boxes[k].node and boxes[k].node.kind == "hub" for k in layers[-2]):
        need[-2] = max(need[-2], 110.0)  # room for the fan out to the endings
    band = [next(boxes[k].node.band for k in layer if boxes[k].node) for layer in layers]
    bands, y = [], 0.0
    for row, layer in enumerate(layers):
        if row == 0 or band[row] != band[row - 1]:
            if row:
                y += BAND_FOOT + need[row - 1] + BAND_HEAD
            bands.append([band[row], y, 0.0])
        for key in layer:
            box = boxes[key]
            if box.node is None:
                box.y, box.h = y, heights[row]
            else:
                box.y = y + (heights[row] - box.h) / 2
        y += heights[row]
        bands[-1][2] = y
        if row + 1 < len(layers) and band[row + 1] == band[row]:
            y += need[row]
    return bands


def _route(boxes: dict[str, Box], chains: list[Chain]) -> None:
    """The pieces of each arrow: curves across the gaps, straight lines through rows."""
    ends: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
    for c, chain in enumerate(chains):
        for j, (a, b) in enumerate(zip(chain.keys, chain.keys[1:])):
            ends.setdefault((a, "out"), []).append((boxes[b].x, c, j))
            ends.setdefault((b, "in"), []).append((boxes[a].x, c, j + 1))
    port: dict[tuple[int, int, str], float] = {}
    for (key, side), items in ends.items():
        items.sort()
        box = boxes[key]
        spread = 0.0 if box.node is None or len(items) < 2 else box.w * 0.6 / (len(items) - 1)
        step = spread * 1.4 if box.node is not None and box.node.kind == "hub" else min(14.0, spread)
        for i, (_, c, j) in enumerate(items):
            port[(c, j, side)] = (i - (len(items) - 1) / 2) * step
    for c, chain in enumerate(chains):
        pieces, last = [], None
        for j, key in enumerate(chain.keys):
            box = boxes[key]
            if j:
                top = (box.x + port[(c, j, "in")], box.y)
                pieces.append(("C", last, top))
                last = top
            if j + 1 < len(chain.keys):
                bottom = (box.x + port[(c, j, "out")], box.y + box.h)
                if j:
                    pieces.append(("L", last, bottom))
                last = bottom
        chain.pieces = [(k, b, a) for k, a, b in reversed(pieces)] if chain.back else pieces
