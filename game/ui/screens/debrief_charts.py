"""The meters and the rung over time, as charts in a Column: used by the debrief and the compare
screen, so one run and two runs read the same way.

Each chart has its title as ordinary text above it and fixed scales: trust and outcome 0 to 100,
power balance -100 to +100 with the "shared" band marked, the rung 0 to 6. One point stands for
the start and one for the state after each decision ("Continue" changes nothing).
"""
from __future__ import annotations

from dataclasses import dataclass

from ...story import Run, rung_for
from ...story.debrief import Debrief
from ...story.ladder import RUNGS
from ..chart import Series, line_chart
from ..layout import Column

HEADLINE = ("trust", "power", "outcome")
SCALES = {"trust": (0, 100, (0, 50, 100), None), "outcome": (0, 100, (0, 50, 100), None),
          "power": (-100, 100, (-100, 0, 100), (-20, 20)), "rung": (0, 6, (0, 3, 6), None)}
TITLES = {"trust": "Trust (0 to 100)", "outcome": "Outcome (0 to 100)",
          "power": "Power balance: \u2212100 staff decide, 0 shared, +100 staff withdrew",
          "rung": "Rung of the ladder of participation (0 to 6)"}


@dataclass(frozen=True)
class Points:
    """A run's headline meters and rung at the start and after each decision."""

    decisions: tuple[int, ...]          # the step number of each decision, in order
    values: dict[str, tuple[float, ...]]  # trust, power, outcome, rung

    @property
    def count(self) -> int:
        return len(self.decisions)


def points_of(run: Run) -> Points:
    debrief = Debrief(run)
    decisions = tuple(number for number, taken in enumerate(run.taken, start=1)
                      if (scene := run.scenario.scenes.get(taken.scene)) is None or scene.is_decision)
    kept = (0,) + decisions
    values = {name: tuple(debrief.series(name)[i] for i in kept) for name in HEADLINE}
    values["rung"] = tuple(rung_for(p, t).number for p, t in zip(values["power"], values["trust"]))
    return Points(decisions, values)


def chart_height(column: Column) -> int:
    theme = column.theme
    return max(theme.unit * 20, theme.line_height("small") * 8)


def x_labels(points: int, first: str = "Start") -> dict[int, str]:
    """Labels along the bottom: the start, then every 1st, 2nd, 5th or 10th point, and the last."""
    every = 1 if points <= 11 else 2 if points <= 21 else 5 if points <= 61 else 10
    last = points - 1
    labels = {0: first}
    labels.update({i: str(i) for i in range(every, last, every) if last - i > every / 2})
    if last > 0:
        labels[last] = str(last)
    return labels


def add_chart(column: Column, title: str, series: list[Series], scale: str,
              height: int | None = None, scale_override: tuple[float, float] | None = None) -> None:
    """A titled chart on the fixed scale of `scale` (trust, outcome, power or rung), or on
    `scale_override` (lowest, highest) when given; the points are numbered along the bottom."""
    theme = column.theme
    low, high, ticks, band = SCALES[scale]
    if scale_override is not None:
        low, high = scale_override
    labels = x_labels(max((len(line.values) for line in series), default=0))
    column.text(title, "small_bold", after=0.5)
    column.drawing(height or chart_height(column), lambda s, r: line_chart(
        s, r, theme, series, low, high, band=band, ticks=ticks, x_labels=labels))


def run_charts(column: Column, points: Points) -> None:
    """The charts of one run: trust with outcome, power balance, and the rung as steps."""
    palette = column.theme.palette
    values = points.values
    add_chart(column, "Trust and outcome (0 to 100)",
              [Series("Trust", list(values["trust"]), palette.trust, "circle"),
               Series("Outcome", list(values["outcome"]), palette.outcome, "square", dashed=True)],
              "trust")
    add_chart(column, TITLES["power"],
              [Series("Power", list(values["power"]), palette.power, "triangle")], "power")
    add_chart(column, TITLES["rung"],
              [Series("Rung", list(values["rung"]), palette.accent, "square", steps=True)], "rung",
              height=chart_height(column) * 3 // 4)


def rung_stretches(points: Points) -> list[str]:
    """The rung over time in words, one line per stretch on the same rung (0 is the start,
    n the state after decision n)."""
    rungs = points.values["rung"]
    end = len(rungs) - 1
    lines = []
    start = 0
    for index in range(1, len(rungs) + 1):
        if index <= end and rungs[index] == rungs[start]:
            continue
        last = index - 1
        if start == 0 and last == end:
            span = "Throughout"
        elif start == 0:
            span = f"From the start to decision {last}"
        elif last == end:
            span = f"From decision {start} to the end"
        elif last == start:
            span = f"After decision {start}"
        else:
            span = f"Decisions {start} to {last}"
        rung = RUNGS[rungs[start]]
        lines.append(f"{span}: rung {rung.number}, {rung.name}")
        start = index
    return lines
