"""The title screen, and About & credits."""
from __future__ import annotations

import pygame

from .... import __version__
from ...layout import Column
from ...voice import TITLE_HINT
from ..common import PageScreen, footer_height, reading_width
from ..workshop.title import workshop_entries, workshop_status

SPEECH = ('"What we talk about when we talk about coproduction in mental health", the opening '
          'speech by Mark Brown at the Creativity in Coproduction conference, Norwich, '
          '26 September 2017.')


class TitleScreen(PageScreen):
    characters = 54
    hints = "Tab or arrows: move     Enter: choose     F1: keys     P: step out"

    def heading(self, column, compact: bool = False):
        """The game's name and what it is; `compact` (a window short of room): the name
        smaller, over the same line about the game."""
        app = self.app
        if compact:  # the name smaller, and the line about the game and the hint as one
            column.text("Making Together", "heading", "accent", align="center", after=0.25)
            column.text(f"A game about making mental-health services together \u00b7 {TITLE_HINT}",
                        "small", "muted", align="center", after=0.75)
            workshop_status(app, column, compact=True)
            return
        column.text("Making Together", "title", "accent", align="center", after=0.5)
        column.text("A game about making mental-health services together", "body", "muted",
                    align="center", after=0.5)
        column.text(TITLE_HINT, "small", "muted", align="center", after=1)
        workshop_status(app, column)

    def menu(self, column):
        app = self.app
        auto = next((slot for slot in app.slots() if slot.name == "auto" and slot.ok), None)
        if auto is not None and not auto.ending:
            from .saves import describe
            # the role's name kept in the save stands in for the scenario until the scenarios
            # are loaded, which the title screen need not wait for
            scenario = app.scenario(auto.scenario) if app.loaded or not auto.role_name else None
            column.button("Continue", self.continue_game, kind="primary",
                          note=describe(auto, scenario))
        column.button("New game", self.new_game, kind="secondary" if auto else "primary")
        column.button("Load a saved game", self.load)
        column.button("Session records and debriefs", self.records)
        column.button("Handouts to print", self.handouts)
        workshop_entries(app, column)
        column.button("Settings", self.settings)
        column.button("About and credits", self.about)
        column.button("Quit", self.quit)

    def content(self, column):
        self.heading(column)
        self.menu(column)

    def arrange(self, theme, size):
        """The heading, then the menu in one column, or in two or three side by side (the
        game's name smaller if need be) when one would not fit the window's height; only
        when none fits does the whole card scroll."""
        width, height = size
        margin = theme.unit * 4
        gap = theme.unit * 4
        bottom = height - footer_height(theme, self.hints) - theme.unit * 2
        head = Column(theme, min(width - 2 * margin, reading_width(theme, self.characters)))
        head.space(1)
        self.heading(head)
        room = bottom - margin

        def tall(column):  # the heading's pane, the first, is never under three lines high
            return max(column.height, 3 * theme.line_height("body"))

        columns = self._menu_columns(theme, head.width, 1)
        count = 1
        while tall(head) + max(c.height for c in columns) > room:
            count += 1  # side by side in more columns, while each keeps a readable width
            each = min((width - 2 * margin - gap * (count - 1)) // count, reading_width(theme, 36))
            if count > 3 or each < reading_width(theme, 16):
                return super().arrange(theme, size)  # the whole card scrolls
            columns = self._menu_columns(theme, each, count)
            for compact in (False, True):  # the name smaller, before one more column
                head = Column(theme, max(min(head.width, width - 2 * margin),
                                         min(count * each + (count - 1) * gap, width - 2 * margin)))
                head.space(0.5 if compact else 1)
                self.heading(head, compact)
                if tall(head) + max(c.height for c in columns) <= room:
                    break
        tallest = max(c.height for c in columns)
        span = sum(c.width for c in columns) + gap * (len(columns) - 1)
        top = margin + max(0, (room - tall(head) - tallest) // 3)
        x = (width - span) // 2
        rects = []
        for column in columns:
            rects.append(pygame.Rect(x, top + tall(head), column.width, column.height))
            x += column.width + gap
        # the heading first: it is what the screen says first (voice.opening_words)
        return [(head, pygame.Rect((width - head.width) // 2, top, head.width, tall(head)))] + \
            list(zip(columns, rects))

    def _menu_columns(self, theme, width, count):
        """The menu's buttons in `count` columns, the first ones on the left. Each label is
        wrapped as it is drawn when it has the focus (bold), so the fill can move freely."""
        whole = Column(theme, width)
        self.menu(whole)
        columns = [Column(theme, width) for _ in range(count)]
        for index, button in zip(self._split(whole, count), whole.buttons):
            columns[index].button(button.label, button.on_press, note=button.note,
                                  kind="primary", after=0.75).kind = button.kind
        for column in columns:
            column.height -= round(theme.unit * 0.75)
        return columns

    @staticmethod
    def _split(whole, count):
        """Which column each button goes in: the menu in order, cut where the tallest column
        is lowest (a few buttons, so every cut is tried)."""
        from itertools import combinations
        heights = [b.rect.height for b in whole.buttons]
        best, found = None, [0] * len(heights)
        for cuts in combinations(range(1, len(heights)), count - 1):
            edges = (0, *cuts, len(heights))
            tallest = max(sum(heights[a:b]) for a, b in zip(edges, edges[1:]))
            if best is None or tallest < best:
                best = tallest
                found = [i for i, (a, b) in enumerate(zip(edges, edges[1:])) for _ in range(b - a)]
        return found

    def draw(self, surface):
        """The filled button is the focused one: the focus moves the fill with it."""
        self.ensure_layout()
        kinds = {id(b): b.kind for b in self.buttons}
        if self.focused is not None:
            for button in self.buttons:
                button.kind = "primary" if button is self.focused else "secondary"
        try:
            super().draw(surface)
        finally:
            for button in self.buttons:
                button.kind = kinds[id(button)]

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

    def idle(self):
        """Load in the background what the next screens are likely to need (Screen.idle)."""
        from ....record_headings import get_ready as read_headings
        from ...text_wrap import get_ready
        get_ready()  # hyphens, for the first narrow column
        read_headings(self.app.save_folder)  # what the records list shows of each record
        if self.app.workshop:  # a facilitator's next step is often the live room
            from ..workshop import room
            room.get_ready()

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
        from ..workshop.handouts import HandoutsScreen
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
            view = self.panes[0].view.rect.unionall([pane.view.rect for pane in self.panes])
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
