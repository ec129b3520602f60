"""Who's who: everyone in the scenario's cast, each with their face, their name and a line
about them (from `cast:` in scenario.yaml). Reached from the pause menu and before a story
starts. A person with no portrait shows their initials (portraits.py)."""
from __future__ import annotations

import pygame

from ....story.model import Scenario
from ...layout import Column, Drawing
from ..common import PageScreen

FACE_LINES = 3.2  # a face beside a person's words: about this many lines of text tall


class CastScreen(PageScreen):
    characters = 64

    def __init__(self, app, scenario: Scenario):
        super().__init__(app)
        self.scenario = scenario

    def content(self, column: Column) -> None:
        column.text("Who\u2019s who", "heading", after=0.5)
        column.text(f"The people in {self.scenario.title}. All of them are made up.", "body", "muted")
        for name, person in self.scenario.cast.items():
            self.person(column, name, person.about)

    def person(self, column: Column, name: str, about: str) -> None:
        theme = column.theme
        face = self.app.portraits.drawer(theme, self.scenario, name)
        side = round(theme.line_height("body") * FACE_LINES)
        gap = theme.unit * 2
        top = column.height
        beside = column.width - side - gap >= side * 2.5  # else the face sits above the words
        alt = self.scenario.cast[name].portrait_alt or ""
        column.drawings.append(Drawing(pygame.Rect(0, top, side, side), face, words=[alt] if alt else []))
        indent = side + gap if beside else 0
        if not beside:
            column.height = top + side + theme.unit
        column.text(name, "subheading", "speaker", indent=indent, after=0.25)
        if about:
            column.text(about, "body", "ink", indent=indent, after=0)
        column.height = max(column.height, top + side)
        column.space(2)

    def bar(self, column: Column) -> None:
        column.button("Back", self.app.pop, kind="primary", after=0)
