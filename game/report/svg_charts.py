"""Small inline SVG charts for the report: lines over steps (with a shaded band and chapter
marks), a step chart of the rung, and a bar for a count. Each chart is one <svg> string with
a <title> and <desc>; lines differ by dash and marker as well as colour, and are named at
their ends, so nothing depends on colour alone. No scripts, no fonts fetched.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence
from xml.sax.saxutils import escape

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK, SOFT, GRID = "#1d1d24", "#4a4a58", "#d9d9e0"


@dataclass(frozen=True)
class Line:
    name: str
    values: Sequence[float]
    colour: str
    dash: str = ""          # an SVG stroke-dasharray ('' for solid)
    marker: str = "circle"  # circle, square, diamond or triangle


def _x(text: object) -> str:
    return escape(str(text), {'"': "&quot;"})


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _shown(value: float) -> str:
    """A number for people to read: a true minus sign."""
    return _n(value).replace("-", "\u2212")


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{_n(x - 3.5)}" y="{_n(y - 3.5)}" width="7" height="7" fill="{colour}"/>'
    if kind == "diamond":
        return (f'<polygon points="{_n(x)},{_n(y - 5)} {_n(x + 5)},{_n(y)} {_n(x)},{_n(y + 5)} '
                f'{_n(x - 5)},{_n(y)}" fill="{colour}"/>')
    if kind == "triangle":
        return (f'<polygon points="{_n(x)},{_n(y - 5)} {_n(x + 5)},{_n(y + 4)} '
                f'{_n(x - 5)},{_n(y + 4)}" fill="{colour}"/>')
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.6" fill="{colour}"/>'


def line_chart(ident: str, title: str, desc: str, lines: Sequence[Line], low: float, high: float,
               ticks: Sequence[float], *, steps: int | None = None,
               band: tuple[float, float, str] | None = None,
               marks: Sequence[tuple[int, str]] = (), tick_labels: dict | None = None,
               stepped: bool = False, width: int = 680, height: int = 250,
               left: int = 46) -> str:
    """Lines over steps 0..`steps` (default: the longest line). `band` shades (from, to, label);
    `marks` draws a faint upright line with a short label at each (step, label), e.g. chapters;
    `tick_labels` names the y ticks (the rung chart); `stepped` draws steps, not slopes."""
    names = [line.name if stepped else f"{line.name} {_shown(line.values[-1])}"
             for line in lines if line.values]
    # room for the names at the line ends (about 7 units a character at size 12)
    right, top, bottom = max(90, 34 + 7 * max((len(n) for n in names), default=0)), 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    longest = steps if steps is not None else max((len(line.values) - 1 for line in lines), default=1)
    longest = max(longest, 1)

    def sx(i: float) -> float:
        return left + plot_w * i / longest

    def sy(v: float) -> float:
        return top + plot_h * (high - v) / (high - low)

    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" aria-labelledby="{ident}-t {ident}-d" font-family="{_x(FONT)}" '
           f'xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{ident}-t">{_x(title)}</title><desc id="{ident}-d">{_x(desc)}</desc>',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    if band:
        b_low, b_high, b_label = band
        y1, y2 = sy(b_high), sy(b_low)
        out.append(f'<rect x="{left}" y="{_n(y1)}" width="{plot_w}" height="{_n(y2 - y1)}" '
                   f'fill="#e9f3e4" stroke="#7fae6c" stroke-width="0.8" stroke-dasharray="3 3"/>')
        out.append(f'<text x="{left + 6}" y="{_n(y1 + 12)}" font-size="11" fill="#2f5a22">'
                   f'{_x(b_label)}</text>')
    for tick in ticks:
        y = sy(tick)
        shown = (tick_labels or {}).get(tick, _shown(tick))
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{_n(y)}" y2="{_n(y)}" '
                   f'stroke="{GRID}" stroke-width="{1.2 if tick == 0 and low < 0 else 0.8}"/>')
        out.append(f'<text x="{left - 6}" y="{_n(y + 4)}" font-size="11" fill="{SOFT}" '
                   f'text-anchor="end">{_x(shown)}</text>')
    for step, label in marks:
        x = sx(step)
        out.append(f'<line x1="{_n(x)}" x2="{_n(x)}" y1="{top}" y2="{top + plot_h}" '
                   f'stroke="#b9b9c6" stroke-width="0.8" stroke-dasharray="2 3"/>')
        out.append(f'<text x="{_n(x + 3)}" y="{top + plot_h + 26}" font-size="10" '
                   f'fill="{SOFT}">{_x(label)}</text>')
    every = max(1, round(longest / 10))
    for i in range(0, longest + 1, every):
        out.append(f'<text x="{_n(sx(i))}" y="{top + plot_h + 13}" font-size="10.5" '
                   f'fill="{SOFT}" text-anchor="middle">{i}</text>')
    out.append(f'<text x="{left + plot_w}" y="{height - 2}" font-size="10.5" fill="{SOFT}" '
               'text-anchor="end">step</text>')
    ends = []
    for line in lines:
        points = [(sx(i), sy(v)) for i, v in enumerate(line.values)]
        if not points:
            continue
        if stepped:
            d = [f"M{_n(points[0][0])},{_n(points[0][1])}"]
            for (x0, y0), (x1, y1) in zip(points, points[1:]):
                d.append(f"H{_n(x1)}V{_n(y1)}")
            path = " ".join(d)
        else:
            path = "M" + " L".join(f"{_n(x)},{_n(y)}" for x, y in points)
        dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        out.append(f'<path d="{path}" fill="none" stroke="{line.colour}" stroke-width="2.4" '
                   f'stroke-linejoin="round"{dash}/>')
        # the last point's marker stands beside the line's name, at its end
        marked = points[:-1] if len(points) <= 24 else points[:1]
        out += [_marker(line.marker, x, y, line.colour) for x, y in marked]
        value = line.values[-1]
        ends.append([points[-1][1], line, line.name if stepped else f"{line.name} {_shown(value)}"])
    ends.sort(key=lambda e: e[0])
    for i in range(1, len(ends)):  # keep the names at the ends from overlapping
        ends[i][0] = max(ends[i][0], ends[i - 1][0] + 14)
    for y, line, label in ends:
        x = left + plot_w + 8
        out.append(f'<g>{_marker(line.marker, x + 4, y, line.colour)}'
                   f'<text x="{_n(x + 13)}" y="{_n(y + 4)}" font-size="12" fill="{INK}">'
                   f'{_x(label)}</text></g>')
    out.append(f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
               f'stroke="#9a9aa8" stroke-width="0.8"/>')
    out.append("</svg>")
    return "\n".join(out)


def bar(count: float, most: float, colour: str = "#2f5f98", outline: bool = False) -> str:
    """A thin bar as wide as its cell, for a count out of `most` (the number is beside it in
    its own column; the bar is hidden from screen readers). `outline` draws it as a light bar
    with a dark edge, to tell it apart from a solid one without colour."""
    share = 0 if most <= 0 else 100 * count / most
    paint = (f'fill="{colour}" fill-opacity="0.28" stroke="{colour}" stroke-width="1.2" '
             'vector-effect="non-scaling-stroke"' if outline else f'fill="{colour}"')
    filled = (f'<rect x="0.3" y="0.6" width="{_n(max(share - 0.6, 0))}" height="5.8" {paint}/>'
              if share else "")
    return ('<svg class="bar" viewBox="0 0 100 7" preserveAspectRatio="none" width="100%" '
            'height="7" aria-hidden="true" focusable="false">'
            f'<rect width="100" height="7" fill="#ececf2"/>{filled}</svg>')
