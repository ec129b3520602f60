"""The HTML page every report is set in: one file, inline CSS, no scripts, no fonts or
pictures fetched. Readable at 200% zoom (the columns stack), printable (A4, a page break before
each major section, nothing hidden behind scrolling; the branch maps, too big to read on a page,
are left out of print with a line saying where to see them) and with good contrast.
"""
from __future__ import annotations

import itertools
from html import escape
from typing import Iterable, NamedTuple, Sequence

from .. import __version__
from .svg_charts import Line

ROLE_STYLES = (("#2f5f98", "", "circle"), ("#3f7a2e", "7 4", "square"),
               ("#a8436f", "2 3", "diamond"), ("#6b4aa8", "9 3 2 3", "triangle"))
METER_STYLES = {"trust": ("#1f5fa8", "", "circle"), "outcome": ("#a34f00", "7 4", "square"),
                "power": ("#6b3fa0", "", "diamond")}

CSS = """
:root { --ink: #1d1d24; --soft: #4a4a58; --line: #cfcfd9; --accent: #3c3458;
        --chosen: #fff1c2; --panel: #f6f5fa; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; color: var(--ink); background: #fff; line-height: 1.5; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .3rem; }
h2 { font-size: 1.5rem; line-height: 1.25; margin: 2.75rem 0 .75rem; padding-bottom: .25rem;
     border-bottom: 3px solid var(--accent); }
h3 { font-size: 1.2rem; margin: 1.9rem 0 .5rem; }
h4 { font-size: 1.02rem; margin: 1.2rem 0 .3rem; }
p, li { max-width: 46rem; }
a { color: #1f4f8f; }
.lead { font-size: 1.1rem; color: var(--soft); margin: 0 0 1rem; }
.small, .footnote { font-size: .88rem; color: var(--soft); }
header.top { border-bottom: 1px solid var(--line); padding-bottom: 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.2rem; margin: 1rem 0 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
nav.contents { background: var(--panel); padding: .6rem 1rem; margin: 1.25rem 0; border-radius: 6px; }
nav.contents h2 { font-size: 1rem; border: 0; margin: 0 0 .3rem; padding: 0; }
nav.contents ul { margin: 0; padding-left: 0; list-style: none; columns: 2 16rem; }
nav.contents li { margin: .1rem 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1.1rem; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0 .35rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
         border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--ink); font-size: .88rem; }
tbody th { font-weight: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; width: 1%; }
tr.chosen > * { background: var(--chosen); font-weight: 600; }
.mark { font-weight: 700; white-space: nowrap; }
.locked { color: var(--soft); font-style: italic; }
.tag { display: inline-block; border: 1px solid #7a6535; color: #4d3d12; border-radius: .7rem;
       padding: 0 .45rem; font-size: .78rem; white-space: nowrap; }
.badge { display: inline-block; background: #fff3d1; border: 1px solid #a87a00; color: #4d3a00;
         border-radius: 4px; padding: 0 .4rem; font-size: .85rem; }
.words { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem; }
.words li { border: 2px solid var(--accent); border-radius: 1rem; padding: .1rem .8rem; font-weight: 600; }
.words.offer li { border: 1px solid var(--line); font-weight: normal; }
.callout { border-left: 5px solid #a87a00; background: #fff8e5; padding: .6rem .9rem; margin: 1rem 0; }
.callout.warn { border-color: #a8436f; background: #fcf0f5; }
.quote { border-left: 4px solid var(--line); margin: .5rem 0; padding: .1rem 0 .1rem .9rem; }
figure { margin: 1rem 0 1.4rem; }
figcaption { font-size: .9rem; color: var(--soft); margin-top: .3rem; max-width: 46rem; }
svg.chart { width: 100%; max-width: 46rem; height: auto; display: block; }
svg.bar { display: block; width: 100%; max-width: 24rem; height: 7px; margin: .25rem 0 .1rem; }
.columns { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1.75rem; }
.column > h3:first-child, .column > h4:first-child { margin-top: .4rem; }
.pair { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1.2rem; }
.panel { background: var(--panel); border-radius: 6px; padding: .6rem .9rem; }
.panel h4 { margin-top: .2rem; }
.decision { margin: 0 0 1.4rem; break-inside: avoid; }
.fit { margin: 0 0 1.1rem; padding-left: .9rem; border-left: 4px solid var(--line);
       break-inside: avoid; }
.fit h4 { margin: .2rem 0 .1rem; }
.fit p { margin: .2rem 0; }
.fit-counts th.num { min-width: 6.5rem; }
.verdict.fits { color: #23622a; }
.verdict.below, .verdict.beyond, .verdict.withdrawn { color: #8a3a14; }
.compact table { font-size: .85rem; }
.compact th, .compact td { padding: .2rem .4rem; }
.decision table { margin-bottom: .3rem; }
thead th.num { white-space: normal; }
.map-wrap { overflow: auto; max-height: 85vh; border: 1px solid var(--line); border-radius: 6px;
            width: calc(100vw - 2.5rem); margin-left: calc(50% - 50vw + 1.25rem); }
svg.map { display: block; }
.print-only { display: none; }
.write { border-bottom: 1px solid #8a8a98; height: 2.1rem; max-width: 46rem; }
details { margin: .3rem 0 1rem; }
summary { cursor: pointer; color: #1f4f8f; }
footer { margin-top: 3rem; border-top: 1px solid var(--line); padding-top: .6rem; }
@media (max-width: 52rem) {
  .columns, .pair { grid-template-columns: 1fr; }
  .fit-counts th.num { min-width: 0; }
}
@media print {
  @page { size: A4; margin: 14mm 13mm; }
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  nav.contents, details, .screen-only { display: none; }
  section.major { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  table, figure, .decision, .fit, .panel, .callout, tr { break-inside: avoid; }
  .columns { display: block; }
  .pair { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .8rem; }
  .column + .column { margin-top: 1.5rem; }
  /* a whole branch map on one page is too small to read: print says where to see it instead */
  .map-wrap, svg.map { display: none; }
  .print-only { display: block; }
  footer { margin-top: .8rem; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""


class Part(NamedTuple):
    """A major section of a report: its id, its heading, its HTML, and whether it starts a new
    page in print."""

    id: str
    title: str
    html: str
    new_page: bool = True


def esc(value: object) -> str:
    return escape(str(value), quote=True)


class Ids:
    """Ids unique to one page (for charts and sections)."""

    def __init__(self) -> None:
        self._count = itertools.count(1)

    def new(self, stem: str) -> str:
        return f"{stem}-{next(self._count)}"


# The one script: a branch map's story runs down its middle, so start each map's scroll box
# there. Without scripts nothing is lost: the box scrolls (print leaves the maps out).
CENTRE_MAPS = ("<script>for (const box of document.querySelectorAll('.map-wrap')) "
               "box.scrollLeft = (box.scrollWidth - box.clientWidth) / 2;</script>")


def page(title: str, body: Iterable[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<meta name=\"generator\" content=\"Making Together {esc(__version__)}\">\n"
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + f"\n{CENTRE_MAPS}\n</body>\n</html>\n")


def section(part: Part) -> str:
    kind = "major" if part.new_page else "flow"
    ident = esc(part.id)
    return (f'<section id="{ident}" class="{kind}" aria-labelledby="{ident}-h">\n'
            f'<h2 id="{ident}-h">{esc(part.title)}</h2>\n{part.html}\n</section>')


def contents(items: Sequence[tuple[str, str]]) -> str:
    links = "".join(f'<li><a href="#{esc(i)}">{esc(t)}</a></li>' for i, t in items)
    return (f'<nav class="contents" aria-labelledby="contents-h"><h2 id="contents-h">'
            f"Contents</h2><ul>{links}</ul></nav>")


def facts(rows: Sequence[tuple[str, str]]) -> str:
    return '<dl class="facts">' + "".join(
        f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def table(heads: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "",
          numeric: Sequence[int] = (), row_classes: Sequence[str] | None = None) -> str:
    """A table whose first cell in each row is its row header. Cells are HTML already;
    `numeric` columns are right-aligned and as narrow as their numbers."""

    def cls(i: int) -> str:
        return ' class="num"' if i in numeric else ""
    out = ["<table>"]
    if caption:
        out.append(f"<caption>{caption}</caption>")
    out.append("<thead><tr>" + "".join(f'<th scope="col"{cls(i)}>{h}</th>'
                                        for i, h in enumerate(heads)) + "</tr></thead><tbody>")
    for index, row in enumerate(rows):
        kind = row_classes[index] if row_classes and row_classes[index] else ""
        cells = [f'<th scope="row"{cls(0)}>{row[0]}</th>'] + \
            [f"<td{cls(i)}>{cell}</td>" for i, cell in enumerate(row[1:], start=1)]
        attr = f' class="{kind}"' if kind else ""
        out.append(f"<tr{attr}>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def bullets(items: Iterable[str], ordered: bool = False, cls: str = "") -> str:
    tag = "ol" if ordered else "ul"
    attr = f' class="{cls}"' if cls else ""
    return f"<{tag}{attr}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def role_line(index: int, name: str, values: Sequence[float]) -> Line:
    colour, dash, marker = ROLE_STYLES[index % len(ROLE_STYLES)]
    return Line(name, values, colour, dash, marker)


def meter_line(meter: str, label: str, values: Sequence[float]) -> Line:
    colour, dash, marker = METER_STYLES[meter]
    return Line(label, values, colour, dash, marker)


def footer(made: str) -> str:
    return (f'<footer class="small"><p>Made by Making Together {esc(__version__)} on {esc(made)}. '
            "Session records hold no personal data unless someone typed it into a label or an "
            "answer; keep this report as you would keep workshop notes.</p></footer>")
