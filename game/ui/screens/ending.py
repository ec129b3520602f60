"""The ending: its text, then a short debrief: the meters over time with the rung, and the three
biggest changes with their reasons. (The full debrief is a later screen.)"""
from __future__ import annotations

from ...story import Run, rung_for
from ...story.debrief import Debrief
from ..chart import Series, line_chart
from ..hud import label, number
from .common import PageScreen


class EndingScreen(PageScreen):
    characters = 72

    def __init__(self, app, run: Run):
        super().__init__(app)
        self.run = run
        self.debrief = Debrief(run)

    def content(self, column):
        run, theme = self.run, column.theme
        ending = run.ending
        column.text("The end", "small_bold", "muted", after=0.25)
        column.text(ending.title, "heading")
        for paragraph in [p for p in ending.text.split("\n\n") if p.strip()]:
            column.text(" ".join(paragraph.split()))
        column.text("How it went", "subheading")
        # One point at the start and one after each decision ("Continue" changes nothing).
        kept = [0] + [number for number, taken in enumerate(run.taken, start=1)
                      if run.scenario.scenes[taken.scene].is_decision]
        trust, power, outcome = ([self.debrief.series(n)[i] for i in kept]
                                 for n in ("trust", "power", "outcome"))
        palette = theme.palette
        height = max(theme.unit * 20, theme.line_height("small") * 8)
        column.text("Trust and outcome (0 to 100), after each choice", "small_bold", after=0.5)
        column.drawing(height, lambda s, r: line_chart(
            s, r, theme, [Series("Trust", trust, palette.trust, "circle"),
                          Series("Outcome", outcome, palette.outcome, "square", dashed=True)],
            0, 100, ticks=(0, 50, 100)))
        column.text("Power balance: \u2212100 staff decide, 0 shared, +100 staff withdrew",
                    "small_bold", after=0.5)
        column.drawing(height, lambda s, r: line_chart(
            s, r, theme, [Series("Power", power, palette.power, "triangle")], -100, 100,
            band=(-20, 20), ticks=(-100, 0, 100)))
        rungs = [rung_for(p, t).number for p, t in zip(power, trust)]
        column.text("Rung of the ladder of participation (0 to 6)", "small_bold", after=0.5)
        column.drawing(height * 3 // 4, lambda s, r: line_chart(
            s, r, theme, [Series("Rung", rungs, palette.accent, "square", steps=True)], 0, 6,
            ticks=(0, 3, 6)))
        rung = run.rung
        column.text(f"You ended on rung {rung.number}, {rung.name} ({rung.group}). {rung.signature}")
        if rung.caution:
            column.text("Careful: " + rung.caution, "body", "fall")
        biggest = self.debrief.biggest(3)
        if biggest:
            column.text("The three biggest changes", "subheading")
            for change in biggest:
                variable = run.scenario.variables[change.name]
                column.text(f'{label(variable)} {number(change.after - change.before, signed=True)}, '
                            f'when you chose "{change.choice}"', "body_bold", after=0.25)
                column.text(f"{change.why} ({change.tag})" if change.tag else change.why,
                            indent=theme.unit * 2)
        column.space(1)
        other = [r for r in run.scenario.roles.values() if r.id != run.role]
        if other:
            column.button(f"Play again from the other side: {other[0].name}",
                          lambda: self.play_as(other[0].id), kind="primary")
        column.button("History of this game", self.history)
        column.button("Back to the title screen", self.app.to_title)

    def play_as(self, role: str) -> None:
        from .new_game import PrebriefScreen
        self.app.to_title()
        self.app.push(PrebriefScreen(self.app, self.run.scenario, role))

    def history(self):
        from .history import HistoryScreen
        self.app.push(HistoryScreen(self.app, self.run))

    def back(self):
        self.app.to_title()

    def on_action(self, action):
        if action.name == "history":
            self.history()
            return True
        if action.name == "undo":  # take back the last decision and play on from there
            from .play import PlayScreen, take_back
            undone = take_back(self.run)
            self.app.autosave(self.run)
            self.app.replace(PlayScreen(self.app, self.run, restored=True))
            self.app.say(f'Taken back: "{undone}"' if undone else "Back to the start of the story.")
            return True
        if action.name == "quick_save":
            self.app.say("This story has ended; the autosave already holds it.")
            return True
        return False
