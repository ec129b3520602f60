"""Two playthroughs compared: who and how each ended, the meters over time on one scale, what each
chose at the same moments, and their paths. Side by side when the window is wide enough, one
above the other when it is not.

The figures come from `report.compare.compare`, the same reading the HTML report uses, so the
window and the report agree.
"""
from __future__ import annotations

from typing import Callable

from ....records import RecordFile
from ....report.compare import Comparison, Side, SideStep, compare
from ....report import ladder
from ....story import Run
from ....story.debrief import chapter_cards, power_words
from ....story.starts import started_line
from ...chart import Series
from ...hud import number, rung_words
from ...layout import Column
from ..common import PageScreen, reading_width
from .cards import embed
from .charts import TITLES, add_chart, range_title, rung_lines
from .steps import bullet

METERS = (("trust", "Trust (0 to 100)"), ("outcome", "Outcome (0 to 100)"),
          ("power", "Power balance: \u2212100 staff decide, 0 shared, +100 staff withdrew"))


def side_by_side(column: Column, left: Callable[[Column], None], right: Callable[[Column], None],
                 narrowest: int) -> None:
    """Two blocks next to each other when each gets at least `narrowest` pixels; else stacked."""
    theme = column.theme
    gap = theme.unit * 4
    half = (column.width - gap) // 2
    if half < narrowest:
        left(column)
        right(column)
        return
    top = column.height
    parts = []
    for build, x in ((left, 0), (right, half + gap)):
        part = Column(theme, half)
        build(part)
        parts.append(part)
        embed(column, part, x, top)
    column.height = top + max(part.height for part in parts)


class CompareScreen(PageScreen):
    characters = 96
    hints = "Tab: move     Page Up / Page Down: scroll     Esc: back     P: step out"

    def __init__(self, app, first: tuple[RecordFile, Run], second: tuple[RecordFile, Run]):
        super().__init__(app)
        (self.record_a, self.run_a), (self.record_b, self.run_b) = first, second
        self.comparison: Comparison = compare(self.record_a.data, self.run_a,
                                              self.record_b.data, self.run_b)

    def content(self, column):
        theme = column.theme
        comparison = self.comparison
        a, b = comparison.a, comparison.b
        narrowest = reading_width(theme, 30)
        column.text("Two playthroughs compared", "heading", after=0.5)
        column.text(self.run_a.scenario.title, "body", "muted")
        side_by_side(column, lambda c: self.who(c, "A", a, self.run_a),
                     lambda c: self.who(c, "B", b, self.run_b), narrowest)
        if comparison.same_role:
            parted = (f" They first chose differently at step {comparison.parted_at}."
                      if comparison.parted_at else " They chose the same all the way.")
            column.text(f"Both played as {a.role_name}.{parted}")
        elif comparison.same_ending:
            column.text(f"Both reached the same ending: {a.ending}.")

        column.text("The meters over time", "subheading", after=0.25)
        column.text(f"Both on the same scale: the start, then one point after each step "
                    f"(the longer game had {comparison.longest}). A is the solid line with circles, "
                    f"B the dashed line with squares.", "small", "muted")
        palette = theme.palette
        for meter, title in METERS:
            add_chart(column, title, [
                Series("A", list(a.series[meter]), palette.trust, "circle"),
                Series("B", list(b.series[meter]), palette.power, "square", dashed=True)],
                meter, scale_override=comparison.scale.get(meter))
        for extra in comparison.extra:
            variable = self.run_a.scenario.variables[extra.name]
            add_chart(column, range_title(variable), [
                Series("A", list(a.series[extra.name]), palette.trust, "circle"),
                Series("B", list(b.series[extra.name]), palette.power, "square", dashed=True)],
                variable, scale_override=comparison.scale.get(extra.name))
        add_chart(column, TITLES["rung"],
                  rung_lines("A", a.rungs, palette.trust, "circle")
                  + rung_lines("B", b.rungs, palette.power, "square", dashed=True), "rung")

        self.choices(column, comparison)
        column.text("The two paths", "subheading", after=0.5)
        side_by_side(column, lambda c: self.path(c, "A", self.run_a),
                     lambda c: self.path(c, "B", self.run_b), narrowest)
        column.space(1)
        column.button("Open A's debrief", lambda: self.debrief(self.record_a, self.run_a))
        column.button("Open B's debrief", lambda: self.debrief(self.record_b, self.run_b))
        column.button("Back", self.app.pop, kind="primary")

    def who(self, column: Column, letter: str, side: Side, run: Run) -> None:
        column.text(f"{letter}: {side.label}" if side.label else letter, "subheading", "accent", after=0.25)
        column.text(f"As {side.role_name}", "body_bold", after=0.25)
        column.text(f"Ended: {side.ending}" if side.ending else "Not finished yet", after=0.5)
        power = side.final("power")
        others = "".join(f", {extra.label.lower()} {number(side.final(extra.name))}"
                         for extra in self.comparison.extra)
        column.text(f"Trust {number(side.final('trust'))}, power balance {number(power, signed=True)} "
                    f"({power_words(power)}), outcome {number(side.final('outcome'))}{others}.",
                    "small", after=0.5)
        rung = ladder.rung_of(side.rungs[-1]) if side.rungs else run.rung
        column.text(rung_words(rung)[0] + ".", "small", after=1)

    def choices(self, column: Column, comparison: Comparison) -> None:
        theme = column.theme
        indent = theme.unit * 2
        if comparison.same_role:
            pairs = [(f"Step {x.number}: {x.title}", x, y) for x, y in comparison.shared]
            column.text("The same decisions", "subheading", after=0.25)
            column.text("Decisions both met, and what each chose.", "small", "muted")
        else:
            pairs = [(self.moment_title(pair.a, pair.b), pair.a, pair.b) for pair in comparison.moments]
            column.text("The same moments, from both sides", "subheading", after=0.25)
            column.text("Moments both roles lived through, and what each chose there.", "small", "muted")
        pairs = [(title, x, y) for title, x, y in pairs if x.decision or y.decision]
        if not pairs:
            column.text("These two playthroughs met no decision in common.")
        for title, x, y in pairs:
            column.text(title, "body_bold", "accent", after=0.25)
            same = comparison.same_role and x.choice == y.choice
            for letter, step in (("A", x), ("B", y)):
                chose = f'chose "{step.choice}"' if step.decision else "had no decision to make here"
                column.text(f"{letter} {chose}", indent=indent, after=0.25)
            if same:
                column.text("The same choice.", "small", "muted", indent=indent, after=0.25)
            column.space(0.75)

    @staticmethod
    def moment_title(x: SideStep, y: SideStep) -> str:
        if x.title == y.title:
            return x.title
        return f"{x.title} / {y.title}"

    def path(self, column: Column, letter: str, run: Run) -> None:
        """Per chapter, its name and the decisions taken there as a list; then the ending."""
        column.text(letter, "body_bold", "accent", after=0.25)
        started = started_line(run)
        if started:
            column.text(started, "small", after=0.4)
        cards = chapter_cards(run)
        for chapter in cards:
            column.text(chapter.chapter, "small_bold", after=0.2)
            for decision in chapter.decisions:
                bullet(column, decision, "small", after=0.3)
            column.space(0.4)
        if not cards:
            column.text("No decisions yet.", "small", after=0.4)
        if run.ending:
            column.text(f"It ended: {run.ending.title}.", "small", after=0.4)
        column.space(0.5)

    def debrief(self, record: RecordFile, run: Run) -> None:
        from .screen import DebriefScreen
        self.app.push(DebriefScreen(self.app, run, record))
