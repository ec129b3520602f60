"""History: everything read and chosen so far, scrollable. It is rebuilt by replaying the
run's choices, so it is complete after loading a save too."""
from __future__ import annotations

from ....story import Run
from ....story.starts import started_line, story_so_far
from ...hud import change_head, hidden_change_head
from ..common import PageScreen


def replay(run: Run) -> list[tuple[str, object]]:
    """(kind, value) entries: ("scene", Scene), ("line", Line), ("chose", Outcome), and first,
    for a run begun at a chapter, ("started", (line, summary)) in place of the steps replayed
    to get there (they were not the player's)."""
    copy = Run(run.scenario, run.role, seed=run.seed)
    entries: list[tuple[str, object]] = []
    if run.started_at:
        entries.append(("started", (started_line(run), story_so_far(run))))
    for number, taken in enumerate(run.taken, start=1):
        scene = copy.scene
        own = number > run.started_at
        if own:
            entries.append(("scene", scene))
            entries.extend(("line", line) for line in copy.lines)
        index = next((v.index for v in copy.choices if v.text == taken.text and v.enabled), None)
        if index is None:
            break
        outcome = copy.choose(index)
        if scene.is_decision and own:
            entries.append(("chose", outcome))
    if not copy.ended and copy.scene is not None:
        entries.append(("scene", copy.scene))
        entries.extend(("line", line) for line in copy.lines)
    return entries


class HistoryScreen(PageScreen):
    characters = 70
    hints = "Arrows, Page Up/Down or the wheel: scroll     H or Esc: back"

    def __init__(self, app, run: Run):
        super().__init__(app)
        self.run = run
        self.entries = replay(run)

    def content(self, column):
        column.text("History", "heading")
        role = self.run.scenario.roles[self.run.role]
        column.text(f"{self.run.scenario.title}, as {role.name}", "body", "muted")
        scenario = self.run.scenario
        for kind, value in self.entries:
            if kind == "started":
                line, summary = value
                column.text(line, "subheading", "accent")
                if summary:
                    column.text("The story so far: " + summary)
                column.text("The choices before this chapter were made for you.", "small", "muted")
            elif kind == "scene":
                column.space(0.5)
                title = value.title or value.id
                column.text(f"{value.chapter}: {title}" if value.chapter else title, "subheading", "accent")
            elif kind == "line":
                face = (self.app.portraits.drawer(column.theme, scenario, value.speaker)
                        if value.speaker else None)
                column.speech(value.speaker, value.text, face)
            else:
                column.text(f"You chose: {value.choice}", "body_bold")
                if value.feedback:
                    column.text(value.feedback, "body", "ink")
                # with the meters hidden until the debrief: what moved and why, no numbers
                head = hidden_change_head if self.app.settings.hide_meters else change_head
                for change in value.changes:
                    why = f" \u2014 {change.why}" if change.why else ""
                    column.text(head(scenario, change) + why, "small", "muted",
                                indent=column.theme.unit * 2, after=0.5)
                column.space(1)
        column.button("Back to the game", self.app.pop, kind="primary")

    def on_action(self, action):
        if action.name == "history":
            self.app.pop()
            return True
        if action.name in ("down", "up"):  # arrows scroll the long page; Tab still moves focus
            return self.scroll(3 if action.name == "down" else -3) or True
        return False

    def ensure_layout(self):
        first = self._laid_out_for is None and not self.panes
        super().ensure_layout()
        if first and self.panes:  # open at the most recent entries
            self.panes[0].view.scroll(10 ** 9)
