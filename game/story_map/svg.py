"""The story map as one self-contained SVG file: inline styles, no fonts or files fetched.

Where things go is worked out in story_map/layout; this draws them: a title, a legend, a
band per chapter, the arrows, the boxes and the labels, in that order (later is on top).
"""
from __future__ import annotations

from typing import Iterable, Mapping
from xml.sax.saxutils import escape

from .graph import ROLE_COLOURS, SHARED_COLOUR, MapEdge, StoryMap, clean_text, describe
from .layout import (BACK, BAND_FOOT, BAND_HEAD, EDGE, FAN, FONT, IF_EDGE, MARGIN, STYLE,
                               Layout, Box, Chain, heading, lay_out)
from .labels import label_grid, place_counts, place_labels
from .marks import FADED_ARROW, FADED_NODE, PATH, PATH_FILL, Marks

_labels = place_labels  # the name tests/test_story_map.py knows it by

# A line that marks the path in a box ("YOUR ENDING"): as STYLE in story_map/layout.
MARKED = (9.5, "bold", "normal", FONT, PATH, 12.5)


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _x(text: str) -> str:
    return escape(clean_text(text), {'"': "&quot;"})


def to_svg(story: StoryMap, path: Iterable[str] | None = None,
           counts: Mapping[tuple[str, str], int] | None = None, fit_width: bool = False) -> str:
    """The whole map as the text of an .svg file: self-contained (inline styles, no fonts or
    files fetched), so it can be inlined in an HTML report.

    path: one player's way through, in order: scene ids, then the ending id reached (map keys
    such as HUB or "ending:<id>" are taken too; `story_map/path.run_path(run)` makes one).
    It is drawn as thick arrows in the path colour, with outlined boxes; the rest is faded, the
    ending reached (or the last scene) is marked and the legend says "your path". Scenes not on
    this map (another role's) are skipped. Elements on the path carry class="path".
    counts: (from id, to id) -> how many records went that way (`story_map/path.edge_counts`
    makes them from many paths); each arrow with a count carries it as a number (class="count")
    and is thicker the bigger it is; arrows no record took are faded.
    fit_width: width="100%" instead of a size in pixels (the viewBox keeps the proportions), for
    a page that sizes the picture. With none of these, the output is the plain map.
    """
    layout = lay_out(story)
    marks = Marks.of(story, path, counts)
    grid = label_grid(story, layout)
    labels = place_labels(story, layout, grid)
    numbers = place_counts(layout, grid, marks) if marks and marks.counts else []
    left = min([layout.left] + [r[0] for _, r, _ in labels + numbers])
    right = max([layout.right] + [r[2] for _, r, _ in labels + numbers])
    content_width = right - left + 2 * (MARGIN + 14)
    legend, legend_height = _legend(story, layout, max(content_width, 960.0) - 2 * MARGIN, marks)
    width = max(content_width, 960.0)
    dx, dy = MARGIN + 14 - left, 84 + legend_height + 26 + BAND_HEAD
    bottom = max((b[2] for b in layout.bands), default=0.0) + BAND_FOOT
    height = dy + bottom + MARGIN
    size = 'width="100%"' if fit_width else f'width="{_n(width)}" height="{_n(height)}"'
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" {size} '
           f'viewBox="0 0 {_n(width)} {_n(height)}" font-family="{_x(FONT)}" role="img">',
           f"<title>{_x('Story map: ' + story.title)}</title>",
           f"<desc>{_x(describe(story))}</desc>", _defs(marks.markers() if marks else ""),
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
    # The path is drawn last, over the boxes and the faded labels it passes.
    on_top = (lambda edge: marks.on_path(edge)) if marks else (lambda edge: False)
    arrows = _arrows(layout)
    out += [_arrow(story, edge, d, back, marks) for edge, d, back in arrows if not on_top(edge)]
    out.append("</g>")
    for band, top, _ in layout.bands:
        kind = "endings" if band >= len(story.chapters) else "chapter"
        name = "Endings" if kind == "endings" else story.chapters[band]
        out.append(f'<g class="{kind}" id="{kind}-{band + 1}" data-title="{_x(name)}">')
        out.append(f'<text x="{_n(x0 + 14)}" y="{_n(top - BAND_HEAD + 22)}" font-size="15" '
                   f'font-weight="bold" fill="#3c3458">{_x(heading(story, band))}</text>')
        out += [_node(story, box, marks) for box in layout.boxes.values()
                if box.node is not None and box.node.band == band]
        out.append("</g>")
    out.append('<g id="labels">')
    out += [_label(edge, rect, lines, marks) for edge, rect, lines in labels if not on_top(edge)]
    if marks and marks.has_path:
        out.append('<g id="path">')
        out += [_arrow(story, edge, d, back, marks) for edge, d, back in arrows if on_top(edge)]
        out += [_label(edge, rect, lines, marks) for edge, rect, lines in labels if on_top(edge)]
        out.append("</g>")
    out += [_count_label(edge, rect, text, marks) for edge, rect, text in numbers]
    out += ["</g>", "</g>", "</svg>"]
    return "\n".join(out) + "\n"


def _arrows(layout: Layout) -> list[tuple[MapEdge, str, bool]]:
    """Each arrow as (edge, SVG path data, drawn going back): chains, then loops."""
    arrows = [(c.edge, _path(c), c.back) for c in layout.chains]
    for edge in layout.loops:
        box = layout.boxes[edge.source]
        side, y = box.x + box.w / 2, box.y + box.h / 2
        d = (f"M{_n(side)},{_n(y - 10)} C{_n(side + 44)},{_n(y - 34)} {_n(side + 44)},"
             f"{_n(y + 34)} {_n(side)},{_n(y + 10)}")
        arrows.append((edge, d, True))
    return arrows


def _label(edge: MapEdge, rect: tuple, lines: list, marks: Marks | None) -> str:
    x, top, x_end, low = rect
    colour = PATH if marks and marks.on_path(edge) else _stroke(edge, False)[0]
    faded = f' opacity="{FADED_NODE}"' if marks and marks.arrow_faded(edge) else ""
    out = [f'<g class="label"{faded}><rect x="{_n(x)}" y="{_n(top)}" width="{_n(x_end - x)}" '
           f'height="{_n(low - top)}" rx="3" fill="#ffffff" fill-opacity="0.93" stroke="{colour}" '
           'stroke-width="0.6"/>']
    for i, (text, italic) in enumerate(lines):
        style = ' font-style="italic"' if italic else ""
        out.append(f'<text x="{_n(x + 5)}" y="{_n(top + 13 + 12 * i)}" font-size="10" '
                   f'fill="{IF_EDGE if italic else "#26262e"}"{style}>{_x(text)}</text>')
    return "\n".join(out) + "\n</g>"


def _defs(extra: str = "") -> str:
    markers = [f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9.5" refY="5" '
               f'markerWidth="7" markerHeight="7" orient="auto">'
               f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
               for name, colour in (("go", EDGE), ("if", IF_EDGE), ("back", BACK), ("fan", FAN))]
    return "<defs>" + "".join(markers) + extra + "</defs>"


def _legend(story: StoryMap, layout: Layout, width: float, marks: Marks | None = None
            ) -> tuple[str, float]:
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
    if marks:  # what is special about this copy of the map comes first
        items = marks.legend() + items
    out, x, y = [], 0.0, 0.0
    for swatch, words in items:
        size = 34 + 8 + len(words) * 5.9 + 24
        if x and x + size > width:
            x, y = 0.0, y + 26
        out.append(f'<g transform="translate({_n(x)} {_n(y)})">{swatch}<text x="42" y="12.5" '
                   f'font-size="11.5" fill="#33333d">{_x(words)}</text></g>')
        x += size
    return "\n".join(out), y + 18


def _node(story: StoryMap, box: Box, marks: Marks | None = None) -> str:
    node = box.node
    ident = {"scene": "scene-", "ending": "ending-", "hub": "hub-"}[node.kind] + \
        (node.ref or node.key.split(":")[-1])
    tip = f"{node.title} ({node.ref or 'ending chosen by state'})" + \
        (f", {node.where}" if node.where else "")
    classes, extra, lines = f"node {node.kind}", "", box.lines
    if marks:
        classes += _path_classes(marks, node.key)
        extra = f' opacity="{FADED_NODE}"' if marks.node_faded(node.key) else ""
        lines = _marked_lines(marks, node.key, lines)
    out = [f'<g class="{classes}" id="{_x(ident)}" data-roles="{_x(" ".join(node.roles))}"{extra}>',
           f"<title>{_x(tip)}</title>", _shape(story, box, marks)]
    cursor = box.y + 8
    for kind, text in lines:
        size, weight, slant, family, colour, line_height = STYLE.get(kind, MARKED)
        extra = (f' font-weight="{weight}"' if weight != "normal" else "") + \
            (f' font-style="{slant}"' if slant != "normal" else "") + \
            (f' font-family="{_x(family)}"' if family != FONT else "")
        out.append(f'<text x="{_n(box.x)}" y="{_n(cursor + (line_height + size * 0.7) / 2)}" '
                   f'font-size="{size}" fill="{colour}" text-anchor="middle"{extra}>{_x(text)}</text>')
        cursor += line_height
    return "\n".join(out) + "\n</g>"


def _path_classes(marks: Marks, key: str) -> str:
    if not marks.node_on_path(key):
        return ""
    return " path" + (" reached" if key == marks.reached else " last" if key == marks.last_scene
                      else "")


def _marked_lines(marks: Marks, key: str, lines: list) -> list:
    """The ending reached says so in place of "ENDING"; the last scene in place of its id."""
    if key == marks.reached:
        return [("marked", "YOUR ENDING") if kind == "tag" else (kind, text) for kind, text in lines]
    if key == marks.last_scene:
        return [("marked", "YOUR LAST SCENE") if kind == "id" else (kind, text)
                for kind, text in lines]
    return lines


def _shape(story: StoryMap, box: Box, marks: Marks | None = None) -> str:
    node, x, y, w, h = box.node, box.x, box.y, box.w, box.h
    left = x - w / 2
    on_path = bool(marks and marks.node_on_path(node.key))
    if node.kind == "ending":
        pts = [(left + 14, y), (left + w - 14, y), (left + w, y + h / 2), (left + w - 14, y + h),
               (left + 14, y + h), (left, y + h / 2)]
        fill, stroke, thick = ("#fff3d1", FAN, 2.2) if not on_path else (PATH_FILL, PATH, 4)
        return (f'<polygon points="{" ".join(f"{_n(a)},{_n(b)}" for a, b in pts)}" '
                f'fill="{fill}" stroke="{stroke}" stroke-width="{_n(thick)}"/>')
    if node.kind == "hub":
        stroke, thick = (PATH, 3.5) if on_path else ("#66667a", 1.5)
        return (f'<rect x="{_n(left)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
                f'rx="{_n(h / 2)}" fill="#ececf0" stroke="{stroke}" stroke-width="{_n(thick)}"/>')
    fill, stroke = story.colour(node)
    thick = 3 if node.start_for else 1.3
    if on_path:
        stroke, thick = PATH, 3.5
        fill = PATH_FILL if node.key == marks.last_scene else fill
    return (f'<rect x="{_n(left)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="9" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{_n(thick)}"/>')


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


def _arrow(story: StoryMap, edge: MapEdge, d: str, back: bool, marks: Marks | None = None) -> str:
    colour, dash, marker = _stroke(edge, back)
    names = [story.nodes[k].title for k in (edge.source, edge.target)]
    classes = " ".join(["arrow", edge.kind] + ["conditional"] * edge.conditional + ["back"] * back)
    tip = f"{names[0]} → {names[1]}" + "".join(f"\n{o.label(80)}" for o in edge.options)
    width, extra = "1.4", ""
    if marks:
        width = _n(marks.width(edge))
        if marks.on_path(edge):  # the way the player went: one colour, solid, on top
            colour, dash, marker, classes = PATH, "", "path", classes + " path"
        elif marks.counts:
            marker += "-n"
        extra = f' opacity="{FADED_ARROW}"' if marks.arrow_faded(edge) else ""
        if marks.counts:
            count = marks.count(edge)
            tip += f"\n{count} record{'s' * (count != 1)} went this way"
    return (f'<path class="{classes}" data-from="{_x(edge.source)}" data-to="{_x(edge.target)}" '
            f'd="{d}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}{extra} '
            f'marker-end="url(#arrow-{marker})"><title>{_x(tip)}</title></path>')


def _count_label(edge: MapEdge, rect: tuple, text: str, marks: Marks) -> str:
    x, top, x_end, low = rect
    colour = PATH if marks.on_path(edge) else "#26262e"
    return (f'<g class="count" data-from="{_x(edge.source)}" data-to="{_x(edge.target)}">'
            f'<rect x="{_n(x)}" y="{_n(top)}" width="{_n(x_end - x)}" height="{_n(low - top)}" '
            f'rx="{_n((low - top) / 2)}" fill="{colour}" stroke="#ffffff" stroke-width="1"/>'
            f'<text x="{_n((x + x_end) / 2)}" y="{_n(low - 4.5)}" font-size="11" font-weight="bold" '
            f'text-anchor="middle" fill="#ffffff">{_x(text)}</text></g>')
