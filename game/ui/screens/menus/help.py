"""F1: every key, written from the same table the keys are read from."""
from __future__ import annotations

from ...actions import help_lines
from ..common import PageScreen


class HelpScreen(PageScreen):
    overlay = True
    hints = "F1 or Esc: close"

    def content(self, column):
        column.text("Keys", "heading")
        for line in help_lines():
            column.text(line, "body", after=0.75)
        column.text("The mouse works everywhere too: click a button, hover to highlight, "
                    "and use the wheel to scroll.", "body", "muted")
        column.button("Close", self.app.pop, kind="primary")
