"""The meters' drawer: in a small window or with large text the play screen shows the meters
as a one-line strip; this overlay opens the full panel (every meter with its bar, what each
end of the power scale means, and the rung of the last decision explained)."""
from __future__ import annotations

from ....story import Run
from ...hud import POWER_SCALE_WORDS, full_hud
from ..common import PageScreen


class MetersScreen(PageScreen):
    overlay = True
    characters = 46
    title = "Where things stand"

    def __init__(self, app, run: Run):
        super().__init__(app)
        self.run = run

    def content(self, column):
        full_hud(column, self.run)
        if not self.app.settings.hide_meters:
            column.space(1)
            column.text(POWER_SCALE_WORDS, "small", "muted", after=0.5)

    def bar(self, column):
        column.button("Close", self.app.pop, kind="primary", after=0)

    def on_action(self, action):
        if action.name == "meters":
            self.app.pop()
            return True
        return False
