"""Two runs side by side as HTML, from a `compare.Comparison`: who they were, where they
ended, their meters on the same scale, their paths, and what each chose at the moments both
went through."""
from __future__ import annotations

from ..story import HEADLINE
from . import charts, ladder, readings
from .compare import Comparison, Side
from .page import Ids, bullets, esc, role_line, table
from .readings import METER_LABELS, moment_name, shown
from .svg_charts import line_chart


def render(comparison: Comparison, names: tuple[str, str], ids: Ids) -> str:
    a, b = comparison.a, comparison.b
    out = [_facts(comparison, names), _where_they_parted(comparison, names)]
    out.append("<h3>The meters, on the same scale</h3>")
    steps = max(comparison.longest, 1)
    for meter in HEADLINE:
        low, high = comparison.scale[meter]
        pair = [role_line(0, names[0], a.series[meter]), role_line(1, names[1], b.series[meter])]
        desc = "; ".join(f"{line.name} went {charts.trail(line.values)}" for line in pair)
        power = meter == "power"
        chart = line_chart(
            ids.new("chart"), f"{METER_LABELS[meter]}: both runs", desc + ".", pair, low, high,
            charts.POWER_TICKS if power else (0, 20, 40, 60, 80, 100), steps=steps,
            band=charts.SHARED_BAND if power else None, height=230)
        extra = f" {charts.POWER_NOTE}" if power else ""
        out.append(f"<h4>{esc(METER_LABELS[meter])}</h4>"
                   f"<figure>{chart}<figcaption>{esc(METER_LABELS[meter])} after each step. "
                   f"{esc(desc)}.{esc(extra)}</figcaption></figure>")
    for extra in comparison.extra:
        pair = [role_line(0, names[0], a.series[extra.name]),
                role_line(1, names[1], b.series[extra.name])]
        low, high = comparison.scale[extra.name]
        out.append(charts.extra_figure(ids, readings.Extra(extra.name, extra.label, low, high),
                                       pair, steps, (), "Both runs"))
    out.append("<h4>The rung of the latest decision</h4>")
    out.append(charts.rung_figure(ids, [(names[0], a.rungs), (names[1], b.rungs)], steps, (),
                                  "Both runs"))
    out.append("<h3>The paths</h3>")
    out.append('<div class="columns">' + "".join(
        f'<div class="column"><h4>{esc(name)}</h4>{_path(side)}</div>'
        for name, side in zip(names, (a, b))) + "</div>")
    if comparison.moments:
        out.append("<h3>At the moments both went through</h3>")
        out.append("<p>The same meeting or moment, seen from each chair, and what each chose.</p>")
        rows = [[esc(moment_name(pair.moment)),
                 f"<strong>{esc(pair.a.title)}</strong><br>{_choice(pair.a)}",
                 f"<strong>{esc(pair.b.title)}</strong><br>{_choice(pair.b)}"]
                for pair in comparison.moments]
        out.append(table(["Moment", esc(names[0]), esc(names[1])], rows))
    elif a.role != b.role:
        out.append("<p>No mirrored moments could be matched (the scenario may be missing).</p>")
    return "\n".join(out)


def _facts(comparison: Comparison, names: tuple[str, str]) -> str:
    a, b = comparison.a, comparison.b

    rows = [["Role", esc(a.role_name), esc(b.role_name)],
            *([["Began", esc(a.began or "At the beginning"), esc(b.began or "At the beginning")]]
              if a.began or b.began else []),
            ["Ending", esc(a.ending or "not finished"), esc(b.ending or "not finished")],
            ["Steps (decisions)", f"{len(a.steps)} ({len(a.decisions)})",
             f"{len(b.steps)} ({len(b.decisions)})"]]
    rows += [[esc(f"{METER_LABELS[m]} at the end"), shown(a.final(m)), shown(b.final(m))]
             for m in HEADLINE]
    rows += [[esc(f"{e.label} at the end"), shown(a.final(e.name)), shown(b.final(e.name))]
             for e in comparison.extra]
    rows.append(["Rung of the last decision", esc(ladder.short(a.rungs[-1] if a.rungs else None)),
                 esc(ladder.short(b.rungs[-1] if b.rungs else None))])
    ending = ("Both reached the same ending." if comparison.same_ending else "")
    return table(["", esc(names[0]), esc(names[1])], rows) + (f"<p>{ending}</p>" if ending else "")


def _where_they_parted(comparison: Comparison, names: tuple[str, str]) -> str:
    if not comparison.same_role:
        return (f"<p>{esc(names[0])} played {esc(comparison.a.role_name)}; {esc(names[1])} played "
                f"{esc(comparison.b.role_name)}: two sides of the same story.</p>")
    if comparison.parted_at is None:
        return "<p>Both took exactly the same path.</p>"
    shared = [(x, y) for x, y in comparison.shared if x.same_choice_as != y.same_choice_as]
    at = comparison.parted_at
    if at > min(len(comparison.a.steps), len(comparison.b.steps)):
        said = f"They chose the same all the way to step {at - 1}, where one of them stopped."
    elif at > 1:
        said = f"They chose the same up to step {at - 1}, and differently at step {at}."
    else:
        said = "They chose differently from the first step."
    out = [f"<p>{said}</p>"]
    if shared:
        rows = [[f"{esc(x.title)}", esc(x.choice), esc(y.choice)] for x, y in shared]
        out.append(table(["Decision both made", esc(names[0]), esc(names[1])], rows,
                         "Where both met the same decision and chose differently"))
    return "\n".join(out)


def _path(side: Side) -> str:
    items = [f"<span class=\"small\">Step {s.number}, {esc(s.title)}:</span> {esc(s.choice)}"
             for s in side.decisions]
    end = f"<p><strong>Ending:</strong> {esc(side.ending)}</p>" if side.ending \
        else "<p>Not finished.</p>"
    return (bullets(items, ordered=False) if items else "<p>No decisions.</p>") + end


def _choice(step) -> str:
    return f"chose \u201c{esc(step.choice)}\u201d" if step.decision else "read on"
