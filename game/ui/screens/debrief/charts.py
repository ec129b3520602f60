"""The meters and the rung over time, as charts in a Column: used by the debrief and the compare
screen, so one run and two runs read the same way.

Each chart has its title as ordinary text above it and a fixed scale: trust and outcome 0 to 100,
power balance -100 to +100 with the "shared" band marked, any other number that can decide an
ending (such as energy) on its own range, and the rung of the latest decision 0 to 6 with a band
below for "off the ladder" (abdication), which is never drawn as a low rung. One point stands
for the start and one for the state after each decision ("Continue" changes nothing).
"""
from __future__ import annotations

from dataclasses import dataclass

from ....report import ladder
from ....story import Run
from ....story.debrief import Debrief, rung_series
from ....story.model import Variable
from ...chart import Series, line_chart
from ...hud import colour_for, label
from ...layout import Column

SCALES = {"trust": (0, 100, (0, 50, 100), None), "outcome": (0, 100, (0, 50, 100), None),
          "power": (-100, 100, (-100, 0, 100), (-20, 20)),
          "rung": (ladder.CHART_LOW, ladder.CHART_HIGH, (0, 3, 6), ladder.OFF_BAND)}
TITLES = {"trust": "Trust (0 to 100)", "outcome": "Outcome (0 to 100)",
          "power": "Power balance: \u2212100 staff decide, 0 shared, +100 staff withdrew",
          "rung": "The rung of your latest decision (0 to 6, or off the ladder)"}


@dataclass(frozen=True)
class Points:
    """A run's deciding numbers and the rung of its latest decision, at the start and after
    each decision."""

    decisions: tuple[int, ...]          # the step number of each decision, in order
    values: dict[str, tuple[float, ...]]  # each deciding number by name
    rungs: tuple[int | None, ...]       # the rung of the latest decision (None: none yet)
    extra: tuple[Variable, ...] = ()    # deciding numbers beyond the headline three

    @property
    def count(self) -> int:
        return len(self.decisions)


def points_of(run: Run) -> Points:
    debrief = Debrief(run)
    # A run begun at a chapter is drawn from there: the steps replayed to get there are not
    # the player's decisions.
    decisions = tuple(number for number, taken in enumerate(run.taken, start=1)
                      if number > run.started_at and (
                          (scene := run.scenario.scenes.get(taken.scene)) is None or scene.is_decision))
    kept = (run.started_at,) + decisions
    deciding = run.scenario.deciding
    values = {v.name: tuple(debrief.series(v.name)[i] for i in kept) for v in deciding}
    rungs = rung_series(run)
    return Points(decisions, values, tuple(rungs[i] for i in kept),
                  tuple(v for v in deciding if not v.headline))


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


def own_scale(variable: Variable) -> tuple[float, float, tuple[float, ...], None]:
    """The scale of a number beyond the headline three: its own range, ticks at the ends and
    the middle."""
    low = variable.minimum if variable.minimum is not None else 0
    high = variable.maximum if variable.maximum is not None else 100
    return low, high, (low, (low + high) / 2, high), None


def range_title(variable: Variable) -> str:
    """'Energy (0 to 10)'."""
    low, high, _, _ = own_scale(variable)
    return f"{label(variable)} ({low:g} to {high:g})".replace("-", "\u2212")


def add_chart(column: Column, title: str, series: list[Series], scale: str | Variable,
              height: int | None = None, scale_override: tuple[float, float] | None = None) -> None:
    """A titled chart on the fixed scale of `scale` (trust, outcome, power or rung, or a
    Variable's own range), or on `scale_override` (lowest, highest) when given; the points are
    numbered along the bottom. The rung chart marks its off-the-ladder band in words."""
    theme = column.theme
    low, high, ticks, band = own_scale(scale) if isinstance(scale, Variable) else SCALES[scale]
    if scale_override is not None:
        low, high = scale_override
    rung = scale == "rung"
    labels = x_labels(max((len(line.values) for line in series), default=0))
    column.text(title, "small_bold", after=0.5)
    column.drawing(height or chart_height(column), lambda s, r: line_chart(
        s, r, theme, series, low, high, band=band, ticks=ticks, x_labels=labels,
        band_label="off" if rung else "",
        band_colour=theme.palette.disabled if rung else None))


def rung_lines(name: str, rungs: tuple[int | None, ...], colour, marker: str,
               dashed: bool = False) -> list[Series]:
    """A run's rungs as chart lines: on the ladder, and apart from it, any abdication in the
    off-the-ladder band with the same marker (named once, at the ladder line's end)."""
    on, off = ladder.lines_of(rungs)
    return [Series(name, on, colour, marker, dashed=dashed, steps=True),
            Series("" if any(v is not None for v in on) else name, off, colour, marker,
                   dashed=dashed, steps=True)]


def run_charts(column: Column, points: Points) -> None:
    """The charts of one run: trust with outcome, power balance, each other deciding number,
    and the rung of the latest decision as steps."""
    palette = column.theme.palette
    values = points.values
    add_chart(column, "Trust and outcome (0 to 100)",
              [Series("Trust", list(values["trust"]), palette.trust, "circle"),
               Series("Outcome", list(values["outcome"]), palette.outcome, "square", dashed=True)],
              "trust")
    add_chart(column, TITLES["power"],
              [Series("Power", list(values["power"]), palette.power, "triangle")], "power")
    for variable in points.extra:
        add_chart(column, range_title(variable),
                  [Series(label(variable), list(values[variable.name]),
                          colour_for(column.theme, variable), "circle")],
                  variable, height=chart_height(column) * 3 // 4)
    add_chart(column, TITLES["rung"],
              rung_lines("Rung", points.rungs, palette.accent, "square"), "rung")


def rung_stretches(points: Points) -> list[str]:
    """The rung over time in words, one line per stretch at the same rung (0 is the start,
    n the state after decision n)."""
    return ladder.stretches(points.rungs)
