"""Step out: a calm screen from anywhere, one key away. Returning puts the player back exactly
where they were, because this screen only sits on top of the stack.

The support lines are those of the scenario on screen (its support.yaml) and of the save folder
(the organisation's own). A support file with a problem is said as a notice before play (the
prebrief), never here: this screen stays calm."""
from __future__ import annotations

import math

import pygame

from ....story import Scenario
from ....support import INTRO, Support, support_for
from ..common import PageScreen

BREATH_SECONDS = 10.0  # in for five, out for five


class StepOutScreen(PageScreen):
    hints = "Esc or P: go back to where you were"
    fps = 20  # a slow breath needs few frames
    characters = 76  # wide enough that each support line takes a line or two

    def __init__(self, app):
        super().__init__(app)
        self.clock = 0.0

    def content(self, column):
        theme = column.theme
        column.text("Take a moment", "heading", align="center")
        size = theme.unit * 13
        column.drawing(size, self.draw_breath)
        column.text("The game is paused. Nothing is lost, and nothing is waiting for you.",
                    align="center")
        if not self.app.settings.reduce_motion:
            column.text("If it helps, breathe with the circle: in as it grows, out as it shrinks.",
                        "body", "muted", align="center")
        support = support_here(self.app)
        column.text(INTRO, "body", after=1)
        column.text(support.facilitator_sentence(), "body_bold", after=1)
        for line in support.lines:
            column.text(line.sentence(), "body", after=0.6)

    def bar(self, column):
        """The way back stays in view, however long the support lines are."""
        column.button("Go back to where I was", self.app.pop, kind="primary", after=0)

    def draw_breath(self, surface, rect):
        theme = self.app.theme
        phase = 0.5 if self.app.settings.reduce_motion else \
            (1 - math.cos(2 * math.pi * self.clock / BREATH_SECONDS)) / 2
        biggest = rect.height // 2
        radius = round(biggest * (0.45 + 0.55 * phase))
        centre = rect.center
        pygame.draw.circle(surface, theme.palette.shared, centre, biggest)
        pygame.draw.circle(surface, theme.palette.soft, centre, radius)
        pygame.draw.circle(surface, theme.palette.accent, centre, radius, width=max(2, theme.ring))

    @property
    def animating(self):
        return not self.app.settings.reduce_motion

    def update(self, dt):
        if self.app.settings.reduce_motion:
            return False
        self.clock = (self.clock + dt) % BREATH_SECONDS
        return True

    def on_action(self, action):
        if action.name == "step_out":
            self.app.pop()
            return True
        return False


def scenario_here(app) -> Scenario | None:
    """The scenario of the topmost screen that has one (a run being played, a prebrief)."""
    for screen in reversed(app.stack):
        run = getattr(screen, "run", None)
        scenario = getattr(run, "scenario", None) or getattr(screen, "scenario", None)
        if isinstance(scenario, Scenario):
            return scenario
    return None


def support_here(app) -> Support:
    """The support lines for what is on screen, from the scenario's and the save folder's files."""
    scenario = scenario_here(app)
    return support_for(scenario.path if scenario else None, app.save_folder)
