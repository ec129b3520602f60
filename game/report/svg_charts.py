"""Small inline SVG charts for the report: lines over steps (with a shaded band and chapter
marks), a step chart of the rung, and a bar for a count. Each chart is one <svg> string with
a <title> and <desc>; lines differ by dash and marker as well as colour, and are named at
their ends, so nothing depends on colour alone. No scripts, no fonts fetched.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence
from xml.sax.saxutils import escape

from .ladder import unbroken

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK, SOFT, GRID = "#1d1d24", "#4a4a58", "#d9d9e0"
SHARED_COLOURS = ("#e9f3e4", "#7fae6c", "#2f5a22")   # the band where power is fairly shared
OFF_LADDER_COLOURS = ("#efedf2", "#8a8797", "#3b3947")  # the band below rung 0: abdication


@dataclass(frozen=True)
class Line:
    name: str
    values: Sequence[float | None]
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


def _last(values: Sequence[float | None]) -> float | None:
    return next((v for v in reversed(values) if v is not None), None)


def line_chart(ident: str, title: str, desc: str, lines: Sequence[Line], low: float, high: float,
               ticks: Sequence[float], *, steps: int | None = None,
               band: tuple[float, float, str] | None = None,
               marks: Sequence[tuple[int, str]] = (), tick_labels: dict | None = None,
               stepped: bool = False, width: int = 680, height: int = 250,
               left: int = 46, band_colours: tuple[str, str, str] = SHARED_COLOURS) -> str:
    """Lines over steps 0..`steps` (default: the longest line). `band` shades (from, to, label)
    in `band_colours` (fill, edge, text; by default the green of "shared");
    `marks` draws a faint upright line with a short label at each (step, label), e.g. chapters;
    `tick_labels` names the y ticks (the rung chart); `stepped` draws steps, not slopes. A
    value of None is a point with nothing to draw: the line breaks there. A line with no name
    has no label at its end (the rung chart's abdications, named by their band)."""
    names = [line.name if stepped else f"{line.name} {_shown(_last(line.values))}"
             for line in lines if line.name and _last(line.values) is not None]
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
        fill, edge, ink = band_colours
        out.append(f'<rect x="{left}" y="{_n(y1)}" width="{plot_w}" height="{_n(y2 - y1)}" '
                   f'fill="{fill}" stroke="{edge}" stroke-width="0.8" stroke-dasharray="3 3"/>')
        out.append(f'<text x="{left + 6}" y="{_n(y1 + 12)}" font-size="11" fill="{ink}">'
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
        points = [(sx(i), sy(v)) for i, v in enumerate(line.values) if v is not None]
        if not points:
            continue
        paths = []
        for run in unbroken(line.values):  # a None breaks the line (the rung before any decision)
            first = (sx(run[0]), sy(line.values[run[0]]))
            if stepped:
                held = f" H{_n(sx(run[-1] + 1))}" if run[-1] + 1 < len(line.values) else ""
                paths.append(f"M{_n(first[0])},{_n(first[1])}" + "".join(
                    f" H{_n(sx(i))}V{_n(sy(line.values[i]))}" for i in run[1:]) + held)
            else:
                paths.append("M" + " L".join(f"{_n(sx(i))},{_n(sy(line.values[i]))}" for i in run))
        dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        out.append(f'<path d="{" ".join(paths)}" fill="none" stroke="{line.colour}" '
                   f'stroke-width="2.4" stroke-linejoin="round"{dash}/>')
        # the last point's marker stands beside the line's name, at its end
        marked = points[:-1] if len(points) <= 24 else points[:1]
        if not line.name or len(points) == 1:  # no name at its end, or nothing else to see
            marked = points if len(points) <= 24 else points[:1]
        out += [_marker(line.marker, x, y, line.colour) for x, y in marked]
        if line.name:
            value = _last(line.values)
            ends.append([points[-1][1], line,
                         line.name if stepped else f"{line.name} {_shown(value)}"])
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
