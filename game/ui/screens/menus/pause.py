"""The pause menu (Esc during play)."""
from __future__ import annotations

from ..common import PageScreen


class PauseScreen(PageScreen):
    characters = 44

    def __init__(self, app, run):
        super().__init__(app)
        self.run = run

    def content(self, column):
        column.text("Paused", "heading", after=0.5)
        scene = self.run.scene
        where = f"{self.run.scenario.title}, {self.run.scenario.roles[self.run.role].name}"
        if scene is not None and scene.chapter:
            where += f". {scene.chapter}"
        column.text(where, "body", "muted")
        column.button("Resume", self.app.pop, kind="primary")
        column.button("Save", self.save)
        column.button("Load", self.load)
        column.button("History", self.history)
        if self.run.scenario.cast:
            column.button("Who\u2019s who: the people in this story", self.cast)
        column.button("Branch map", self.branch_map, note="Where your choices have taken you so far.")
        column.button("Settings", self.settings)
        column.button("Keys (F1)", lambda: self.app.dispatch_named("help"))
        column.button("Step out", self.app.dispatch_step_out)
        column.button("Quit to the title screen", self.quit, note="Your place is kept in the autosave.")

    def save(self):
        from .saves import SavesScreen
        self.app.push(SavesScreen(self.app, run=self.run))

    def load(self):
        from .saves import SavesScreen
        self.app.push(SavesScreen(self.app, run=None))

    def history(self):
        from ..play.history import HistoryScreen
        self.app.push(HistoryScreen(self.app, self.run))

    def cast(self):
        from ..play.cast import CastScreen
        self.app.push(CastScreen(self.app, self.run.scenario))

    def branch_map(self):
        from ....story_map.path import run_path
        from ..play.branch_map import BranchMapScreen
        self.app.push(BranchMapScreen(self.app, self.run.scenario, self.run.role, run_path(self.run)))

    def settings(self):
        from .settings import SettingsScreen
        self.app.push(SettingsScreen(self.app))

    def quit(self):
        if self.run.step:  # an untouched new game must not replace the autosave
            self.app.autosave(self.run)
        self.app.to_title()
