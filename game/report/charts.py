"""The report's charts of meters, other deciding numbers and the rung of the latest decision over
steps, each with a text alternative: a description in the SVG, and the numbers in a table a
reader can open."""
from __future__ import annotations

from typing import Sequence

from ..story import HEADLINE, RUNGS
from ..story.debrief import power_words
from . import ladder
from .page import esc, meter_line, role_line, table
from .readings import METER_LABELS, Extra, Step, shown
from .svg_charts import OFF_LADDER_COLOURS, Line, line_chart

POWER_TICKS = (-100, -60, -20, 0, 20, 60, 100)
SHARED_BAND = (-20, 20, "fairly shared (\u221220 to 20)")
RUNG_LABELS = {r.number: f"{r.number} {r.name}" for r in RUNGS}
OFF_BAND_LABEL = "off the ladder: abdication"
POWER_NOTE = ("Power balance runs from \u2212100 (staff hold every decision) through 0 (shared) "
              "to +100 (staff have stepped back so far that what they know is missing). "
              "The shaded band is where power is fairly shared.")


def trail(values: Sequence[float]) -> str:
    """'from 45 to 62 (lowest 40, highest 66)'."""
    return (f"from {shown(values[0])} to {shown(values[-1])} "
            f"(lowest {shown(min(values))}, highest {shown(max(values))})")


def chapter_marks(steps: Sequence[Step], first: int = 1) -> tuple[list[tuple[int, str]], str]:
    """Where each chapter after the first begins, as chart marks, and a caption naming them.
    `first` is the number of the chapter the steps begin in (a record begun at a chapter)."""
    marks, names, last = [], [], None
    for position, step in enumerate(steps, start=1):  # a record begun at a chapter: step 8 first
        chapter = step.chapter or ""
        if chapter != last:
            names.append((len(names) + first, chapter or "(no chapter)", step.number))
            if last is not None:
                marks.append((position - 1, f"Ch {names[-1][0]}"))
            last = chapter
    caption = "; ".join(f"{n} {esc(name)} (from step {first})" for n, name, first in names)
    return marks, (f"Chapters: {caption}." if names else "")


def meter_figures(ids, lines: dict[str, Sequence[Line]], steps_count: int,
                  marks: Sequence[tuple[int, str]], what: str, scale: dict | None = None) -> str:
    """Two charts: trust and outcome (0 to 100) together, and the power balance on its own
    axis with the shared band. `lines` maps "levels" and "power" to their lines."""
    scale = scale or {}
    low, high = min(scale.get("trust", (0, 100))[0], scale.get("outcome", (0, 100))[0]), \
        max(scale.get("trust", (0, 100))[1], scale.get("outcome", (0, 100))[1])
    level_desc = "; ".join(f"{line.name} went {trail(line.values)}" for line in lines["levels"]
                           if line.values)
    power_desc = "; ".join(f"{line.name} went {trail(line.values)}, ending where "
                           f"{power_words(line.values[-1])}" for line in lines["power"]
                           if line.values)
    levels = line_chart(ids.new("chart"), f"{what}: trust and outcome over the steps",
                        level_desc + ".", lines["levels"], low, high,
                        (0, 20, 40, 60, 80, 100), steps=steps_count, marks=marks)
    power = line_chart(ids.new("chart"), f"{what}: power balance over the steps",
                       power_desc + ". " + POWER_NOTE, lines["power"], -100, 100, POWER_TICKS,
                       steps=steps_count, band=SHARED_BAND, marks=marks, height=270)
    return (f"<h4>Trust and outcome</h4><figure>{levels}<figcaption>Trust and outcome after "
            f"each step (0 to 100). {esc(level_desc)}.</figcaption></figure>\n"
            f"<h4>Power balance</h4><figure>{power}<figcaption>{esc(POWER_NOTE)} "
            f"{esc(power_desc)}.</figcaption></figure>")


def extra_figure(ids, extra: Extra, lines: Sequence[Line], steps_count: int, marks,
                 what: str) -> str:
    """A number beyond the headline three that can decide an ending (such as energy), on its
    own range, with its text alternative."""
    low, high = extra.low, extra.high
    desc = "; ".join(f"{line.name} went {trail(line.values)}" for line in lines if line.values)
    ticks = sorted({low, (low + high) / 2, high})
    chart = line_chart(ids.new("chart"), f"{what}: {extra.label.lower()} over the steps",
                       desc + ".", lines, low, high, ticks, steps=steps_count, marks=marks,
                       height=200)
    return (f"<h4>{esc(extra.label)}</h4><figure>{chart}<figcaption>{esc(extra.label)} after each "
            f"step ({shown(low)} to {shown(high)}). It can decide how the story ends, so it is "
            f"shown beside the meters. {esc(desc)}.</figcaption></figure>")


def rung_lines(name: str, rungs: Sequence[int | None], style: Line) -> list[Line]:
    """A run's rungs as chart lines in `style`: on the ladder, and apart from it any abdication
    in the off-the-ladder band (the same marker, named by the band)."""
    on, off = ladder.lines_of(rungs)
    return [Line(name, on, style.colour, style.dash, style.marker),
            Line("" if any(v is not None for v in on) else name, off, style.colour, style.dash,
                 style.marker)]


def rung_figure(ids, named: Sequence[tuple[str, Sequence[int | None]]], steps_count: int, marks,
                what: str, from_meters: bool = False) -> str:
    """The rung of the latest decision after each step, for each (name, rungs), as steps; an
    abdication sits in its own band below rung 0, never on a low rung. `from_meters` says the
    rungs were read from the meters by an older version of the game."""
    lines = [line for index, (name, rungs) in enumerate(named)
             for line in rung_lines(name, rungs, role_line(index, name, ()) if len(named) > 1
                                    else meter_line("power", name, ()))]
    desc = "; ".join(f"{name}: " + "; ".join(line[:1].lower() + line[1:]
                                             for line in ladder.stretches(rungs, "step"))
                     for name, rungs in named if rungs)
    chart = line_chart(ids.new("chart"), f"{what}: the rung of the latest decision over the steps",
                       desc + ".", lines, ladder.CHART_LOW, ladder.CHART_HIGH, range(7),
                       steps=steps_count, marks=marks, tick_labels=RUNG_LABELS, stepped=True,
                       left=112, height=250, band=(*ladder.OFF_BAND, OFF_BAND_LABEL),
                       band_colours=OFF_LADDER_COLOURS)
    how = ("This record was made before each option said its rung, so these rungs were read "
           "from the power balance and trust, a reading the game no longer makes." if from_meters
           else "Each rung is the one the author gave the option taken, carried over scenes "
           "without a decision; before the first decision there is none. "
           + ladder.LADDER_NOTE)
    return (f"<figure>{chart}<figcaption>The rung of the ladder of co-production of the latest "
            f"decision, after each step. {esc(how)} Abdication (staff stepping back and leaving "
            "the group without what they know) is off the ladder, in the band below rung 0. "
            f"{esc(desc)}.</figcaption></figure>")


def numbers_table(steps: Sequence[Step], meters: dict[str, Sequence[float]],
                  rungs: Sequence[int | None], extra: Sequence[Extra] = ()) -> str:
    """The numbers behind the charts, one row per step, in a <details> a reader can open."""
    names = list(HEADLINE) + [e.name for e in extra]
    rows = [["Start", "", "", *(shown(meters[m][0]) for m in names), esc(ladder.short(rungs[0]))]]
    for index, step in enumerate(steps, start=1):
        rows.append([str(step.number), esc(step.title or step.scene), esc(step.choice),
                     *(shown(meters[m][index]) for m in names), esc(ladder.short(rungs[index]))])
    heads = (["Step", "Scene", "Chosen"] + [METER_LABELS[m] for m in HEADLINE]
             + [esc(e.label) for e in extra] + ["Rung of the latest decision"])
    return ("<details><summary>The numbers behind these charts (a table, step by step)"
            "</summary>" + table(heads, rows, numeric=tuple(range(3, 3 + len(names))))
            + "</details>")
