"""The story map as one self-contained SVG file: inline styles, no fonts or files fetched.

Where things go is worked out in story_map_layout; this draws them: a title, a legend, a
band per chapter, the arrows, the boxes and the labels, in that order (later is on top).
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from .story_map import ROLE_COLOURS, SHARED_COLOUR, MapEdge, StoryMap, clean_text, describe
from .story_map_layout import (BACK, BAND_FOOT, BAND_HEAD, EDGE, FAN, FONT, IF_EDGE, MARGIN, STYLE,
                               Layout, Box, Chain, heading, label, label_size, lay_out)


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _x(text: str) -> str:
    return escape(clean_text(text), {'"': "&quot;"})


def to_svg(story: StoryMap) -> str:
    """The whole map as the text of an .svg file."""
    layout = lay_out(story)
    labels = _labels(story, layout)
    left = min([layout.left] + [r[0] for _, r, _ in labels])
    right = max([layout.right] + [r[2] for _, r, _ in labels])
    content_width = right - left + 2 * (MARGIN + 14)
    legend, legend_height = _legend(story, layout, max(content_width, 960.0) - 2 * MARGIN)
    width = max(content_width, 960.0)
    dx, dy = MARGIN + 14 - left, 84 + legend_height + 26 + BAND_HEAD
    bottom = max((b[2] for b in layout.bands), default=0.0) + BAND_FOOT
    height = dy + bottom + MARGIN
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}" '
           f'viewBox="0 0 {_n(width)} {_n(height)}" font-family="{_x(FONT)}" role="img">',
           f"<title>{_x('Story map: ' + story.title)}</title>",
           f"<desc>{_x(describe(story))}</desc>", _defs(),
           f'<rect width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>',
           f'<text x="{MARGIN}" y="40" font-size="24" font-weight="bold" fill="#1d1d24">'
           f"{_x('Story map: ' + story.title)}</text>",
           f'<text x="{MARGIN}" y="64" font-size="13" fill="#55556a">{_x(describe(story))}</text>',
           f'<g id="legend" transform="translate({MARGIN} 84)">', legend, "</g>",
           f'<g id="map" transform="translate({_n(dx)} {_n(dy)})">', '<g id="bands">']
    x0, x1 = left - 14, right + 14
    for index, (band, top, low) in enumerate(layout.bands):
        fill = "#fdf8ea" if band >= len(story.chapters) else ("#f6f4fa", "#f2f6f6")[index % 2]
        out.append(f'<rect x="{_n(x0)}" y="{_n(top - BAND_HEAD)}" width="{_n(x1 - x0)}" '
                   f'height="{_n(low - top + BAND_HEAD + BAND_FOOT)}" rx="12" fill="{fill}" '
                   'stroke="#c9c3d9" stroke-width="1"/>')
    out.append('</g>\n<g id="arrows">')
    out += [_arrow(story, c.edge, _path(c), c.back) for c in layout.chains]
    for edge in layout.loops:
        box = layout.boxes[edge.source]
        side, y = box.x + box.w / 2, box.y + box.h / 2
        d = (f"M{_n(side)},{_n(y - 10)} C{_n(side + 44)},{_n(y - 34)} {_n(side + 44)},"
             f"{_n(y + 34)} {_n(side)},{_n(y + 10)}")
        out.append(_arrow(story, edge, d, True))
    out.append("</g>")
    for band, top, _ in layout.bands:
        kind = "endings" if band >= len(story.chapters) else "chapter"
        name = "Endings" if kind == "endings" else story.chapters[band]
        out.append(f'<g class="{kind}" id="{kind}-{band + 1}" data-title="{_x(name)}">')
        out.append(f'<text x="{_n(x0 + 14)}" y="{_n(top - BAND_HEAD + 22)}" font-size="15" '
                   f'font-weight="bold" fill="#3c3458">{_x(heading(story, band))}</text>')
        out += [_node(story, box) for box in layout.boxes.values()
                if box.node is not None and box.node.band == band]
        out.append("</g>")
    out.append('<g id="labels">')
    for edge, (x, top, x_end, low), lines in labels:
        colour = _stroke(edge, False)[0]
        out.append(f'<g class="label"><rect x="{_n(x)}" y="{_n(top)}" width="{_n(x_end - x)}" '
                   f'height="{_n(low - top)}" rx="3" fill="#ffffff" fill-opacity="0.93" '
                   f'stroke="{colour}" stroke-width="0.6"/>')
        for i, (text, italic) in enumerate(lines):
            style = ' font-style="italic"' if italic else ""
            out.append(f'<text x="{_n(x + 5)}" y="{_n(top + 13 + 12 * i)}" font-size="10" '
                       f'fill="{IF_EDGE if italic else "#26262e"}"{style}>{_x(text)}</text>')
        out.append("</g>")
    out += ["</g>", "</g>", "</svg>"]
    return "\n".join(out) + "\n"


def _along(piece: tuple, t: float) -> tuple[float, float]:
    _, (ax, ay), (bx, by) = piece
    if piece[0] == "L":
        return ax + (bx - ax) * t, ay + (by - ay) * t
    u = 1 - t
    ym = (ay + by) / 2
    return (u ** 3 * ax + 3 * u * u * t * ax + 3 * u * t * t * bx + t ** 3 * bx,
            u ** 3 * ay + 3 * u * t * ym + t ** 3 * by)


class _Grid:
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


def _labels(story: StoryMap, layout: Layout) -> list[tuple[MapEdge, tuple, list]]:
    """Each label as (edge, rectangle, lines): where along its arrow, or just beside it, it
    overlaps no box, no chapter name and no other label (or, failing that, least)."""
    boxes, chains, loops, grid = layout.boxes, layout.chains, layout.loops, _Grid()
    for box in boxes.values():
        if box.node is not None:
            grid.add((box.x - box.w / 2 - 4, box.y - 4, box.x + box.w / 2 + 4, box.y + box.h + 4))
    for band, top, _ in layout.bands:  # the chapter's name, at the top left of its band
        grid.add((layout.left - 40, top - BAND_HEAD, layout.left + 60 + 8.5 * len(heading(story, band)),
                  top))
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
        best: tuple = (float("inf"), ())
        for piece in curves[:1] + curves[-1:] + curves[1:-1]:
            for t in spots:  # on the arrow, or just beside it on either side
                x, y = _along(piece, t)
                for left in (x - w / 2, x + 5, x - w - 5):
                    rect = (left, y - h / 2, left + w, y + h / 2)
                    cost = grid.overlap(rect)
                    if cost < best[0]:
                        best = (cost, rect)
                    if not cost:
                        break
                if not best[0]:
                    break
            if not best[0]:
                break
        grid.add(best[1])
        placed.append((chain.edge, best[1], lines))
    return placed


def _defs() -> str:
    markers = [f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9.5" refY="5" '
               f'markerWidth="7" markerHeight="7" orient="auto">'
               f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
               for name, colour in (("go", EDGE), ("if", IF_EDGE), ("back", BACK), ("fan", FAN))]
    return "<defs>" + "".join(markers) + "</defs>"


def _legend(story: StoryMap, layout: Layout, width: float) -> tuple[str, float]:
    """The legend of what this map shows, wrapped to `width`, and its height."""
    items: list[tuple[str, str]] = []  # (swatch drawn at 0,0 in a 34x16 box, words)

    def box(fill: str, stroke: str, thick: float = 1.3) -> str:
        return (f'<rect x="0" y="0" width="34" height="16" rx="5" fill="{fill}" stroke="{stroke}" '
                f'stroke-width="{thick}"/>')

    def line(colour: str, dash: str, marker: str) -> str:
        return (f'<path d="M0,8 L32,8" stroke="{colour}" stroke-width="1.6" fill="none"{dash} '
                f'marker-end="url(#arrow-{marker})"/>')
    for index, (role, name) in enumerate(story.roles.items()):
        colour = ROLE_COLOURS[index % len(ROLE_COLOURS)]
        items.append((box(*colour), f"a scene {name} can reach" if len(story.roles) > 1
                      else "a scene"))
    if len(story.roles) > 1:
        items.append((box(*SHARED_COLOUR), "a scene more than one role can reach"))
    nodes, edges = story.nodes.values(), story.edges
    shown = [(True, box("#ffffff", "#55556a", 3), "▶ the first scene of a role"),
             (True, '<polygon points="6,0 28,0 34,8 28,16 6,16 0,8" fill="#fff3d1" stroke="#a87a00" '
              'stroke-width="2"/>', "an ending, with its condition"),
             (any(n.kind == "hub" for n in nodes), '<rect x="0" y="0" width="34" height="16" rx="8" '
              'fill="#ececf0" stroke="#66667a"/>', "next: end — the endings are tried in the order "
              "numbered"),
             (True, line(EDGE, "", "go"), "an option (options to the same place share an arrow)"),
             (any(e.conditional for e in edges), line(IF_EDGE, ' stroke-dasharray="6 4"', "if"),
              "an option with a condition: if …"),
             (layout.loops or any(c.back for c in layout.chains), line(BACK, "", "back"),
              "an option that goes back to an earlier scene"),
             (any(n.moment for n in nodes), '<text x="17" y="13" font-size="14" text-anchor="middle" '
              'fill="#6b3fa0">⇄</text>', "a moment mirrored in another role's story")]
    items += [(swatch, words) for wanted, swatch, words in shown if wanted]
    out, x, y = [], 0.0, 0.0
    for swatch, words in items:
        size = 34 + 8 + len(words) * 5.9 + 24
        if x and x + size > width:
            x, y = 0.0, y + 26
        out.append(f'<g transform="translate({_n(x)} {_n(y)})">{swatch}<text x="42" y="12.5" '
                   f'font-size="11.5" fill="#33333d">{_x(words)}</text></g>')
        x += size
    return "\n".join(out), y + 18


def _node(story: StoryMap, box: Box) -> str:
    node = box.node
    ident = {"scene": "scene-", "ending": "ending-", "hub": "hub-"}[node.kind] + \
        (node.ref or node.key.split(":")[-1])
    tip = f"{node.title} ({node.ref or 'ending chosen by state'})" + \
        (f", {node.where}" if node.where else "")
    out = [f'<g class="node {node.kind}" id="{_x(ident)}" data-roles="{_x(" ".join(node.roles))}">',
           f"<title>{_x(tip)}</title>", _shape(story, box)]
    cursor = box.y + 8
    for kind, text in box.lines:
        size, weight, slant, family, colour, line_height = STYLE[kind]
        extra = (f' font-weight="{weight}"' if weight != "normal" else "") + \
            (f' font-style="{slant}"' if slant != "normal" else "") + \
            (f' font-family="{_x(family)}"' if family != FONT else "")
        out.append(f'<text x="{_n(box.x)}" y="{_n(cursor + (line_height + size * 0.7) / 2)}" '
                   f'font-size="{size}" fill="{colour}" text-anchor="middle"{extra}>{_x(text)}</text>')
        cursor += line_height
    return "\n".join(out) + "\n</g>"


def _shape(story: StoryMap, box: Box) -> str:
    node, x, y, w, h = box.node, box.x, box.y, box.w, box.h
    left = x - w / 2
    if node.kind == "ending":
        pts = [(left + 14, y), (left + w - 14, y), (left + w, y + h / 2), (left + w - 14, y + h),
               (left + 14, y + h), (left, y + h / 2)]
        return (f'<polygon points="{" ".join(f"{_n(a)},{_n(b)}" for a, b in pts)}" '
                f'fill="#fff3d1" stroke="{FAN}" stroke-width="2.2"/>')
    if node.kind == "hub":
        return (f'<rect x="{_n(left)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
                f'rx="{_n(h / 2)}" fill="#ececf0" stroke="#66667a" stroke-width="1.5"/>')
    fill, stroke = story.colour(node)
    return (f'<rect x="{_n(left)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="9" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{3 if node.start_for else 1.3}"/>')


def _path(chain: Chain) -> str:
    (_, start, _), d = chain.pieces[0], []
    d.append(f"M{_n(start[0])},{_n(start[1])}")
    for kind, (ax, ay), (bx, by) in chain.pieces:
        if kind == "L":
            d.append(f"L{_n(bx)},{_n(by)}")
        else:
            ym = _n((ay + by) / 2)
            d.append(f"C{_n(ax)},{ym} {_n(bx)},{ym} {_n(bx)},{_n(by)}")
    return " ".join(d)


def _stroke(edge: MapEdge, back: bool) -> tuple[str, str, str]:
    """Colour, dash pattern and marker of an arrow."""
    colour = FAN if edge.kind == "fan" else BACK if back else IF_EDGE if edge.conditional else EDGE
    marker = "fan" if edge.kind == "fan" else "back" if back else "if" if edge.conditional else "go"
    return colour, ' stroke-dasharray="6 4"' if edge.conditional else "", marker


def _arrow(story: StoryMap, edge: MapEdge, d: str, back: bool) -> str:
    colour, dash, marker = _stroke(edge, back)
    names = [story.nodes[k].title for k in (edge.source, edge.target)]
    classes = " ".join(["arrow", edge.kind] + ["conditional"] * edge.conditional + ["back"] * back)
    tip = f"{names[0]} → {names[1]}" + "".join(f"\n{o.label(80)}" for o in edge.options)
    return (f'<path class="{classes}" data-from="{_x(edge.source)}" data-to="{_x(edge.target)}" '
            f'd="{d}" fill="none" stroke="{colour}" stroke-width="1.4"{dash} '
            f'marker-end="url(#arrow-{marker})"><title>{_x(tip)}</title></path>')
