"""The title screen, and About & credits."""
from __future__ import annotations

import pygame

from ... import __version__
from ..voice import TITLE_HINT
from .common import PageScreen
from .workshop_title import workshop_entries, workshop_status

SPEECH = ('"What we talk about when we talk about coproduction in mental health", the opening '
          'speech by Mark Brown at the Creativity in Coproduction conference, Norwich, '
          '26 September 2017.')


class TitleScreen(PageScreen):
    characters = 54
    hints = "Tab or arrows: move     Enter: choose     F1: keys     P: step out"

    def content(self, column):
        app = self.app
        column.text("Making Together", "title", "accent", align="center", after=0.5)
        column.text("A game about making mental-health services together", "body", "muted",
                    align="center", after=0.5)
        column.text(TITLE_HINT, "small", "muted", align="center", after=1)
        workshop_status(app, column)
        auto = next((slot for slot in app.slots() if slot.name == "auto" and slot.ok), None)
        if auto is not None and not auto.ending:
            from .saves import describe
            column.button("Continue", self.continue_game, kind="primary",
                          note=describe(auto, app.scenario(auto.scenario)))
        column.button("New game", self.new_game, kind="secondary" if auto else "primary")
        column.button("Load a saved game", self.load)
        column.button("Session records and debriefs", self.records)
        column.button("Handouts to print", self.handouts)
        workshop_entries(app, column)
        column.button("Settings", self.settings)
        column.button("About and credits", self.about)
        column.button("Quit", self.quit)

    def first_focus(self, buttons):
        """The filled (primary) button: Continue when there is an autosave, else New game."""
        return next((b for b in buttons if b.kind == "primary" and b.enabled), None) \
            or super().first_focus(buttons)

    def ensure_layout(self):
        """The primary button has the focus from the start, mouse or keyboard, so that the first
        Enter presses it, as the footer says (not a scroll, then a move, then a press)."""
        super().ensure_layout()
        if self.focused is None and self.buttons:
            self.focused = self.first_focus(self.buttons)

    def continue_game(self):
        run = self.app.restore("auto")
        if run is not None:
            self.app.open_run(run)

    def new_game(self):
        from .new_game import ChooseScreen
        self.app.push(ChooseScreen(self.app))

    def load(self):
        from .saves import SavesScreen
        self.app.push(SavesScreen(self.app, run=None))

    def records(self):
        from .records import RecordsScreen
        self.app.push(RecordsScreen(self.app))

    def handouts(self):
        from .handouts import HandoutsScreen
        self.app.push(HandoutsScreen(self.app))

    def settings(self):
        from .settings import SettingsScreen
        self.app.push(SettingsScreen(self.app))

    def about(self):
        self.app.push(AboutScreen(self.app))

    def quit(self):
        self.app.running = False

    def back(self):
        pass  # Esc on the title does nothing; Quit is a button

    def draw_behind(self, surface, theme):
        surface.fill(theme.palette.background)
        width, height = surface.get_size()
        # two overlapping circles: two sides making one thing
        radius = min(width, height) // 3
        for dx, colour in ((-radius // 2, theme.palette.soft), (radius // 2, theme.palette.shared)):
            pygame.draw.circle(surface, colour, (width // 2 + dx, height // 2), radius)
        if self.panes:
            view = self.panes[0].view.rect
            card = view.inflate(theme.unit * 8, theme.unit * 6)
            pygame.draw.rect(surface, theme.palette.panel, card, border_radius=theme.radius * 2)
            pygame.draw.rect(surface, theme.palette.border, card, width=1, border_radius=theme.radius * 2)


class AboutScreen(PageScreen):
    def content(self, column):
        column.text("About Making Together", "heading")
        column.text("Making Together is a learning game about coproduction in mental-health "
                    "services: people who use services and people who run them making something "
                    "together. You play a dilemma from one side, as a professional or as a person "
                    "with lived experience, then you can play it again from the other side.")
        column.text("It is fiction. There are no perfect answers. Every choice costs something, "
                    "and the game tracks three things and why they changed: trust, the balance of "
                    "power, and how useful the thing being made will be.")
        column.text("Credits", "subheading")
        column.text("The ideas come from " + SPEECH + " The game's words are its own.")
        column.text("The ladder of participation follows Think Local Act Personal's ladder of "
                    "co-production, and Sherry Arnstein's ladder of citizen participation (1969).")
        column.text("Fonts: Lato by Lukasz Dziedzic (SIL Open Font License 1.1); OpenDyslexic "
                    "by Abelardo Gonzalez (licence in assets/fonts).")
        for result in self.app.library:
            if result.scenario and result.scenario.credits:
                column.text(f"{result.scenario.title}", "subheading")
                for credit in result.scenario.credits:
                    column.text(credit, after=0.75)
        column.text(f"Version {__version__}", "small", "muted")
        column.button("Back", self.app.pop, kind="primary")
