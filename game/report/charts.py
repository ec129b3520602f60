"""The report's charts of meters and rungs over steps, each with a text alternative: a
description in the SVG, and the numbers in a table a reader can open."""
from __future__ import annotations

from typing import Sequence

from ..story import RUNGS
from ..story.debrief import power_words
from .page import esc, table
from .readings import METER_LABELS, Step, shown
from .svg_charts import Line, line_chart

POWER_TICKS = (-100, -60, -20, 0, 20, 60, 100)
SHARED_BAND = (-20, 20, "fairly shared (\u221220 to 20)")
RUNG_LABELS = {r.number: f"{r.number} {r.name}" for r in RUNGS}
POWER_NOTE = ("Power balance runs from \u2212100 (staff hold every decision) through 0 (shared) "
              "to +100 (staff have stepped back so far that what they know is missing). "
              "The shaded band is where power is fairly shared.")


def trail(values: Sequence[float]) -> str:
    """'from 45 to 62 (lowest 40, highest 66)'."""
    return (f"from {shown(values[0])} to {shown(values[-1])} "
            f"(lowest {shown(min(values))}, highest {shown(max(values))})")


def chapter_marks(steps: Sequence[Step]) -> tuple[list[tuple[int, str]], str]:
    """Where each chapter after the first begins, as chart marks, and a caption naming them."""
    marks, names, last = [], [], None
    for step in steps:
        chapter = step.chapter or ""
        if chapter != last:
            names.append((len(names) + 1, chapter or "(no chapter)", step.number))
            if last is not None:
                marks.append((step.number - 1, f"Ch {len(names)}"))
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


def rung_figure(ids, lines: Sequence[Line], steps_count: int, marks, what: str) -> str:
    desc = "; ".join(
        f"{line.name}: rung {line.values[0]} ({RUNGS[line.values[0]].name}) at the start, "
        f"rung {line.values[-1]} ({RUNGS[line.values[-1]].name}) at the end, highest "
        f"{max(line.values)}" for line in lines if line.values)
    chart = line_chart(ids.new("chart"), f"{what}: the rung of the ladder over the steps",
                       desc + ".", lines, 0, 6, range(7), steps=steps_count, marks=marks,
                       tick_labels=RUNG_LABELS, stepped=True, left=112, height=230)
    return (f"<figure>{chart}<figcaption>The rung of the ladder of co-production after each "
            "step, read from the power balance and trust. A rung is a reading, not a score: "
            f"lower rungs can suit some work. {esc(desc)}.</figcaption></figure>")


def numbers_table(steps: Sequence[Step], meters: dict[str, Sequence[float]],
                  rungs: Sequence[int]) -> str:
    """The numbers behind the charts, one row per step, in a <details> a reader can open."""
    rows = [["Start", "", "", *(shown(meters[m][0]) for m in ("trust", "power", "outcome")),
             esc(RUNG_LABELS[rungs[0]])]]
    for index, step in enumerate(steps, start=1):
        rows.append([str(step.number), esc(step.title or step.scene), esc(step.choice),
                     *(shown(meters[m][index]) for m in ("trust", "power", "outcome")),
                     esc(RUNG_LABELS.get(rungs[index], rungs[index]))])
    heads = ["Step", "Scene", "Chosen", METER_LABELS["trust"], METER_LABELS["power"],
             METER_LABELS["outcome"], "Rung"]
    return ("<details><summary>The numbers behind these charts (a table, step by step)"
            "</summary>" + table(heads, rows, numeric=(3, 4, 5)) + "</details>")
