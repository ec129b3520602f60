"""What stopped a reload (F5): every problem in the scene files, each at file:line:column.

It opens over the story, which goes on unchanged on the version that loaded last; Esc or Enter
goes back to it, and F5 (handled by the App) tries again once the files are fixed.
"""
from __future__ import annotations

import pygame

from ....story import LoadResult, Problem
from ..common import PageScreen


def position(problem: Problem) -> str:
    return f"{problem.file}:{problem.line}:{problem.column}"


def problem_count(problems: list[Problem]) -> str:
    return f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")


class ProblemsScreen(PageScreen):
    overlay = True
    characters = 72

    def __init__(self, app, result: LoadResult):
        super().__init__(app)
        self.result = result

    @property
    def problems(self) -> list[Problem]:
        """Errors first (they are what stopped the reload), then warnings, each in file order."""
        return self.result.errors + self.result.warnings

    def content(self, column):
        problems = self.problems
        column.text("The story did not reload", "heading", after=0.5)
        column.text(f"{problem_count(problems)} in {self.result.title or self.result.path.name}. "
                    "You are still playing the version that loaded last. Fix the scene files, "
                    "save them, and press F5 again. Esc or Enter goes back to the story.",
                    "body", "muted")
        for problem in problems:
            colour = "fall" if problem.severity == "error" else "muted"
            kind = "" if problem.severity == "error" else "  (warning)"
            column.text(position(problem) + kind, "small_bold", colour, after=0.25)
            column.text(problem.message, "body", indent=column.theme.unit * 2, after=1)
        column.button("Back to the story", self.app.pop, kind="primary")

    def on_action(self, action):
        # Enter goes back at once: a long list scrolls with the arrows, Page Down and the wheel.
        if action.name == "activate" and self.focused is None:
            self.app.pop()
            return True
        return False

    def draw_behind(self, surface, theme):
        # A card over the dimmed story, so it is plain the game is still there underneath.
        if not self.panes:
            return
        card = self.panes[0].view.rect.inflate(theme.unit * 6, theme.unit * 4)
        card.width += theme.unit  # room for the scroll bar
        pygame.draw.rect(surface, theme.palette.panel, card, border_radius=theme.radius)
        pygame.draw.rect(surface, theme.palette.focus, card, width=theme.ring, border_radius=theme.radius)

    def draw_over(self, surface, theme):
        pass  # the keys are on the card: a footer over the dimmed story would be hard to read
