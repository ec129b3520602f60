"""The ending as a card that marks the moment: the ending's title in the display face, the
numbers it ended on, large, and the ladder read at a glance (the rung of the last decision),
then the epilogue; below, always in view, the way on: the debrief (first, and highlighted),
playing the other side, the history, the title screen. The charts, the fit of each part, the
biggest changes and the roads not taken are in the debrief (debrief.py), not repeated here.
With the meters hidden until the debrief, the card says so instead of showing numbers."""
from __future__ import annotations

import pygame

from ....story import Run
from ....story.ladder import RUNGS
from ...hud import HIDDEN_WORDS, colour_for, draw_bar, draw_small_power, label, number, rung_words
from ...layout import Column, wrap
from ..common import PageScreen


class EndingScreen(PageScreen):
    characters = 72
    lift_short = False

    def __init__(self, app, run: Run):
        super().__init__(app)
        self.run = run
        self.debrief_button = None
        self.squeeze = 0  # how short of room the window is (arrange)

    def content(self, column):
        run = self.run
        ending = run.ending
        column.text("The end", "small_bold", "muted", align="center", after=0.25)
        column.text(ending.title, "title", "accent", align="center", after=1)
        if column.theme.settings.hide_meters:
            column.text(HIDDEN_WORDS + ": the debrief shows where things ended.", "body", "muted",
                        align="center", after=1)
        else:
            headline_numbers(column, run)
        heading, signature = rung_words(run.rung)
        if run.rung is not None and run.rung.on_ladder:
            ladder_glance(column, run.rung.number)
        column.text(f"{heading}. {signature}" if run.rung is not None else heading + ".",
                    "body", align="center", after=1.5)
        for paragraph in [p for p in ending.text.split("\n\n") if p.strip()]:
            column.text(" ".join(paragraph.split()))
        column.text("The debrief says, part by part, whether the rungs you worked at fit what "
                    "each part of the project needed." if run.scenario.purposes else
                    "The debrief shows the rung of each of your decisions over time.",
                    "small", "muted")
        self.room_answers(column)
        if self.squeeze > 1:
            column.space(1)
            self.actions(column)

    def room_answers(self, column) -> None:
        """With the live room open: how many devices have answered the debrief questions on
        their screens, and the feelings they picked, most first."""
        room = self.app.room
        if room is None:
            return
        answers = room.room.answers()
        column.space(0.5)
        column.text("The room's devices show the debrief questions now: "
                    f"{len(answers)} of {room.devices} have answered.", "body_bold", after=0.5)
        felt: dict[str, int] = {}
        for answer in answers:
            for word in answer.get("reactions", ()):
                felt[word] = felt.get(word, 0) + 1
        if felt:
            ranked = sorted(felt.items(), key=lambda item: (-item[1], item[0]))
            column.text("How it felt: " + ", ".join(f"{w} {n}" for w, n in ranked) + ".", "body",
                        after=0.5)
        column.text("Their answers go into the session record and the room report.", "small",
                    "muted")

    def arrange(self, theme, size):
        """The bar in full; in a window too short for it and three lines of the card, the
        Debrief without its note; shorter still, the other actions at the card's foot."""
        for self.squeeze in (0, 1, 2):
            placed = super().arrange(theme, size)
            if placed[0][1].height >= 6 * theme.line_height("body"):
                break
        return placed

    def bar(self, column):
        """The way on stays in view below the card, however long the epilogue: the Debrief
        first and filled, then the other actions in a row."""
        self.debrief_button = column.button(
            "Debrief", self.debrief, kind="primary", after=0 if self.squeeze > 1 else 0.5,
            note="" if self.squeeze else "How it felt, what happened and why, what you take away")
        if self.squeeze < 2:
            self.actions(column)

    def actions(self, column):
        run = self.run
        other = [r for r in run.scenario.roles.values() if r.id != run.role]
        actions = [("History of this game", self.history),
                   ("Back to the title screen", self.app.to_title)]
        if other:
            words = f"Play again from the other side: {other[0].name}"
            play = lambda: self.play_as(other[0].id)  # noqa: E731
            theme = column.theme
            if theme.font("small_bold").size(words)[0] + theme.unit * 4 <= column.width:
                actions.insert(0, (words, play))  # the row wraps where it must
            else:  # too long for a one-line button: a button that wraps, its words whole
                column.button(words, play, after=0.5)
        column.row(actions, after=0)

    @property
    def buttons(self):
        """Debrief first in the Tab order too, though it sits below the text."""
        found = super().buttons
        return sorted(found, key=lambda button: button is not self.debrief_button)

    def ensure_layout(self):
        super().ensure_layout()
        if self.focused is None and self.debrief_button in self.buttons:
            self.focused = self.debrief_button  # Enter opens the debrief, whatever was used last

    def first_focus(self, buttons):
        return self.debrief_button if self.debrief_button in buttons else super().first_focus(buttons)

    def play_as(self, role: str) -> None:
        from ..menus.new_game import PrebriefScreen
        self.app.to_title()
        self.app.push(PrebriefScreen(self.app, self.run.scenario, role))

    def debrief(self) -> None:
        from ..debrief.screen import DebriefScreen
        from .reflection import ask_after
        # the reflection statements again (once, if the scenario has them), then the debrief
        ask_after(self.app, self.run, lambda: self.app.push(DebriefScreen(self.app, self.run)))

    def history(self):
        from .history import HistoryScreen
        self.app.push(HistoryScreen(self.app, self.run))

    def back(self):
        self.app.to_title()

    def on_action(self, action):
        if action.name == "history":
            self.history()
            return True
        if action.name == "undo":  # take back the last decision and play on from there
            from .screen import PlayScreen, take_back
            undone = take_back(self.run)
            self.app.autosave(self.run)
            self.app.replace(PlayScreen(self.app, self.run, restored=True))
            self.app.say(f'Taken back: "{undone}"' if undone else "Back to the start of the story.")
            return True
        if action.name == "quick_save":
            self.app.say("This story has ended; the autosave already holds it.")
            return True
        return False


def headline_numbers(column: Column, run: Run) -> None:
    """The numbers the story ended on, one tile each: the name over a large figure, and its
    bar. The words are kept whole on the drawing (for speech and tests)."""
    theme = column.theme
    values = run.values
    deciding = list(run.scenario.deciding)
    if not deciding:
        return
    gap = theme.unit * 2
    per_row = max(1, min(len(deciding), (column.width + gap) // (theme.unit * 15 + gap)))
    tile_width = (column.width - gap * (per_row - 1)) // per_row
    name_step = theme.line_height("small_bold")
    figure_step = theme.font("heading").get_height()
    bar = max(6, theme.unit)
    tile_height = name_step + figure_step + bar + theme.unit * 3
    rows = -(-len(deciding) // per_row)

    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        for index, variable in enumerate(deciding):
            row, place = divmod(index, per_row)
            tile = pygame.Rect(rect.x + place * (tile_width + gap),
                               rect.y + row * (tile_height + gap), tile_width, tile_height)
            pygame.draw.rect(surface, theme.palette.soft, tile, border_radius=theme.radius)
            inner = tile.inflate(-theme.unit * 2, -theme.unit * 2)
            name = wrap(theme.font("small_bold"), label(variable), inner.width)[0]
            value = values[variable.name]
            surface.blit(theme.render(name, "small_bold", theme.palette.muted), inner.topleft)
            # the figures in the body face: its minus sign sits level with the digits
            figure = theme.render(number(value, variable.name == "power"), "subheading",
                                  theme.palette.ink)
            surface.blit(figure, (inner.x, inner.y + name_step + (figure_step - figure.get_height()) // 2))
            track = pygame.Rect(inner.x, inner.bottom - bar, inner.width, bar)
            if variable.name == "power":
                draw_small_power(surface, theme, track, variable, value, bar)
            else:
                draw_bar(surface, track, theme, variable, value, colour_for(theme, variable))

    column.drawing(rows * tile_height + (rows - 1) * gap, draw, after=0.5)
    # the same numbers in one line of words: what speech reads, and a caption for the tiles
    column.text("At the end: " + ", ".join(
        f"{label(m)} {number(values[m.name], m.name == 'power')}" for m in deciding) + ".",
                "small", "muted", align="center", after=1)


def ladder_glance(column: Column, reached: int) -> None:
    """The ladder as a row of rungs, doing to on the left and doing with on the right, the
    rung of the last decision filled and numbered; the words follow it in text."""
    theme = column.theme
    count = len(RUNGS)
    gap = max(2, theme.unit // 2)
    height = theme.line_height("small_bold") + theme.unit
    ends = theme.line_height("small")
    width = min(column.width, theme.unit * 12 * count)

    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        left = rect.x + (rect.width - width) // 2
        step = (width - gap * (count - 1)) // count
        for rung in RUNGS:
            box = pygame.Rect(left + rung.number * (step + gap), rect.y, step, height)
            mine = rung.number == reached
            pygame.draw.rect(surface, theme.palette.accent if mine else theme.palette.soft, box,
                             border_radius=theme.radius // 2)
            pygame.draw.rect(surface, theme.palette.accent, box, width=1,
                             border_radius=theme.radius // 2)
            figure = theme.render(str(rung.number), "small_bold",
                                  theme.palette.on_accent if mine else theme.palette.muted)
            surface.blit(figure, figure.get_rect(center=box.center))
        for text, anchor in (("doing to", "topleft"), ("doing with", "topright")):
            image = theme.render(text, "small", theme.palette.muted)
            spot = image.get_rect(**{anchor: (left if anchor == "topleft" else left + width,
                                              rect.y + height + theme.unit // 2)})
            surface.blit(image, spot)

    drawing = column.drawing(height + theme.unit // 2 + ends, draw, after=0.5)
    drawing.words[:] = [f"The ladder: rung {reached} of 0 to {count - 1}, doing to on the left, "
                        "doing with on the right"]
