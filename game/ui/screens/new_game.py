"""Starting a game: choose the scenario and the role, then the prebrief."""
from __future__ import annotations

from ...story import Run, Scenario
from .common import PageScreen


class ChooseScreen(PageScreen):
    """Scenarios first; picking one lists its roles. A scenario with errors is shown with them."""

    def __init__(self, app):
        super().__init__(app)
        self.scenario: Scenario | None = None

    def content(self, column):
        if self.scenario is None:
            self.scenario_list(column)
        else:
            self.role_list(column)

    def scenario_list(self, column):
        column.text("Choose a scenario", "heading")
        titles = [r.scenario.title for r in self.app.library if r.scenario is not None]
        for result in self.app.library:
            if result.scenario is not None:
                scenario = result.scenario
                note = scenario.summary
                if titles.count(scenario.title) > 1:  # two copies, say a draft: tell them apart
                    note = (f"{note} " if note else "") + \
                        f"(version {scenario.version}, from {scenario.path})"
                column.button(scenario.title, lambda s=scenario: self.pick(s), note=note)
            else:
                errors = result.errors
                first = str(errors[0]) if errors else "it could not be loaded"
                more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
                column.button(f"{result.title or result.path.name}: has problems", None,
                              enabled=False, note=first + more)
        if not self.app.library:
            column.text("No scenarios were found. Scenarios live in folders under scenes/.")
        column.button("Back", self.app.pop)

    def role_list(self, column):
        scenario = self.scenario
        column.text(scenario.title, "heading", after=0.5)
        if scenario.summary:
            column.text(scenario.summary, "body", "muted")
        column.text("Choose your role", "subheading")
        for role in scenario.roles.values():
            column.button(role.name, lambda r=role.id: self.start(r), note=role.description)
        column.button("Back to the scenarios", self.unpick)

    def pick(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.focused = None
        self.invalidate()

    def unpick(self) -> None:
        self.scenario = None
        self.focused = None
        self.invalidate()

    def back(self):
        if self.scenario is not None and len(self.app.library) > 1:
            self.unpick()
        else:
            self.app.pop()

    def start(self, role: str) -> None:
        self.app.push(PrebriefScreen(self.app, self.scenario, role))


class PrebriefScreen(PageScreen):
    """What the game is, that it is fiction, the content notes, and how to step out."""

    def __init__(self, app, scenario: Scenario, role: str):
        super().__init__(app)
        self.scenario, self.role = scenario, role

    def content(self, column):
        column.text("Before you start", "heading")
        column.text("This is a story about people making a mental-health service together. "
                    "It is fiction. The people in it are made up, and each of them has their "
                    "reasons.")
        column.text("There are no perfect answers. Every choice costs something. The game keeps "
                    "track of trust, the balance of power and how useful the work will be, and "
                    "tells you why each one moved.")
        column.text("You can take back a choice (Backspace), read back what happened (H), and "
                    "save at any time from the pause menu (Esc).")
        if self.scenario.content_notes:
            column.text("Content notes", "subheading")
            for note in self.scenario.content_notes:
                column.text("\u2022 " + note, after=0.5)
            column.space(1)
        column.text("Step out at any time with P, or the Step out button. The game pauses and "
                    "waits, with no penalty, and you come back to exactly where you were.")
        column.button("Begin", self.begin, kind="primary")
        column.button("Back", self.app.pop)

    def begin(self) -> None:
        auto = next((slot for slot in self.app.slots() if slot.name == "auto"), None)
        if auto is not None and auto.ok and not auto.ending:
            from .common import ConfirmScreen
            from .saves import describe
            self.app.push(ConfirmScreen(
                self.app, "Your autosave holds a story you have not finished ("
                + describe(auto, self.app.scenario(auto.scenario)) + "). A new game replaces it "
                "as soon as you make your first choice. Your save slots are kept. Start anyway?",
                "Start the new game", self.start, no="Go back"))
        else:
            self.start()

    def start(self) -> None:
        run = Run(self.scenario, self.role)
        app = self.app
        app.to_title()
        app.open_run(run, restored=False)
