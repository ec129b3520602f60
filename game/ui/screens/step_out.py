"""Step out: a calm screen from anywhere, one key away. Returning puts the player back exactly
where they were, because this screen only sits on top of the stack."""
from __future__ import annotations

import math

import pygame

from ...support import SUPPORT_LINES
from .common import PageScreen

BREATH_SECONDS = 10.0  # in for five, out for five


class StepOutScreen(PageScreen):
    hints = "Esc or P: go back to where you were"
    fps = 20  # a slow breath needs few frames

    def __init__(self, app):
        super().__init__(app)
        self.clock = 0.0

    def content(self, column):
        theme = column.theme
        column.text("Take a moment", "heading", align="center")
        size = theme.unit * 16
        column.drawing(size, self.draw_breath)
        column.text("The game is paused. Nothing is lost, and nothing is waiting for you.",
                    align="center")
        if not self.app.settings.reduce_motion:
            column.text("If it helps, breathe with the circle: in as it grows, out as it shrinks.",
                        "body", "muted", align="center")
        for line in SUPPORT_LINES:
            column.text(line, "body", after=0.75)
        column.space(1)
        column.button("Go back to where I was", self.app.pop, kind="primary")

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
