"""The before-and-after reflection: the scenario's statements on one screen, each rated on its
scale (Strongly disagree ... Strongly agree) or left blank, asked after the prebrief and again
after the ending, before the debrief. The answers go into the session record.

Keyboard first: Up and Down (or Tab) move between statements, Left and Right along the scale,
the number keys answer the statement in focus and move on, Enter or Space picks the answer in
focus (and, pressed again, clears it), Backspace clears, Esc is done. "Skip all" keeps nothing.
Nothing is asked when the scenario has no statements, or when they were asked already.
"""
from __future__ import annotations

from typing import Callable

import pygame

from ....story import Run
from ....story.model import Reflection
from ...layout import Button, Column
from ..common import PageScreen

BEFORE, AFTER = "before", "after"
Answers = dict[str, int]


def ask_before(app, run: Run) -> None:
    """After the prebrief, over the first scene: the statements, if there are any to ask."""
    if _to_ask(app, run, BEFORE):
        app.push(ReflectionScreen(app, run, BEFORE, lambda: None))


def ask_after(app, run: Run, then: Callable[[], None]) -> None:
    """After the ending: the statements again, if there are any to ask; then `then` (the
    debrief), straight away when there is nothing to ask."""
    if _to_ask(app, run, AFTER):
        app.push(ReflectionScreen(app, run, AFTER, then))
    else:
        then()


def _to_ask(app, run: Run, when: str) -> bool:
    recorder = app.recorder
    return (run.scenario.reflection is not None and recorder is not None
            and recorder.run is run and when not in recorder.reflection)


class ReflectionScreen(PageScreen):
    characters = 84  # wide enough for a five-point scale on one row
    auto_focus = False  # no highlight until a key is pressed: a stray Enter picks nothing

    def __init__(self, app, run: Run, when: str, then: Callable[[], None]):
        super().__init__(app)
        self.run, self.when, self.then = run, when, then
        self.reflection: Reflection = run.scenario.reflection
        self.answers: Answers = {}
        self.cells: list[list[Button]] = []      # per statement, its scale's buttons
        self.blocks: list[pygame.Rect] = []      # per statement, its area (column coordinates)
        self.done_button: Button | None = None
        self.skip_button: Button | None = None
        self.point = len(self.reflection.scale) // 2  # the scale point focus enters a statement at
        self.hints = (f"Up/Down: statement     Left/Right or 1-{len(self.reflection.scale)}: answer"
                      "     Enter: pick     Esc: done")

    # -- layout ---------------------------------------------------------------------------
    def content(self, column: Column) -> None:
        workshop = self.app.workshop
        count = len(self.reflection.statements)
        if self.when == BEFORE:
            column.text("Before you start: a short reflection", "heading", after=0.75)
            column.text(f"{count} statements about working together. "
                        + ("Read each one out and take a show of hands: pick the answer most of "
                           "the room gives. " if workshop else
                           "How far do you agree with each, as things are for you today? "
                           "Answer as yourself, not as the character you play. ")
                        + "There are no right answers. This is a reflection aid, not a test: "
                        "you will see the same statements again after the story.", after=0.75)
        else:
            column.text("After the story: the same statements again", "heading", after=0.75)
            column.text(("Ask the room again, as they feel now. " if workshop else
                         "How far do you agree with each now? ")
                        + "The answers from before are not shown, so that each is given afresh; "
                        "the report puts the two side by side.", after=0.75)
        column.text("Optional and anonymous: leave any statement blank, or skip them all. No "
                    "name is asked. The answers go only into this game's session record, for "
                    "the debrief and the group's report.", "small", "muted", after=0.5)
        last = len(self.reflection.scale)
        column.text(f"Keys: Up and Down move between statements. Left and Right, or 1 to {last}, "
                    "choose an answer. Enter picks the one highlighted; press it again, or "
                    "Backspace, to clear it.", "small", "muted", after=1.5)
        self.cells, self.blocks = [], []
        for number, statement in enumerate(self.reflection.statements):
            top = column.height
            column.text(f"{number + 1}. {statement.text}", "body_bold", after=0.5)
            row = column.row([(f"{point + 1} {label}", lambda n=number, p=point: self.toggle(n, p))
                              for point, label in enumerate(self.reflection.scale)], after=0.25)
            self.cells.append(row)
            status = column.drawing(self.app.theme.line_height("small"),
                                    lambda surface, rect, n=number: self.draw_status(surface, rect, n),
                                    after=1.75)
            self.blocks.append(pygame.Rect(0, top, column.width, status.rect.bottom - top))

    def bar(self, column: Column) -> None:
        done = "Done: begin the story" if self.when == BEFORE else "Done: on to the debrief"
        skip = "Skip these for this group" if self.app.workshop else "Skip all (nothing is kept)"
        self.done_button, self.skip_button = column.row([(done, self.finish), (skip, self.skip)],
                                                        after=0)

    # -- answers --------------------------------------------------------------------------
    def toggle(self, number: int, point: int) -> None:
        """Pick `point` for statement `number`; the answer already picked, picked again, clears."""
        statement = self.reflection.statements[number].id
        if self.answers.get(statement) == point:
            del self.answers[statement]
        else:
            self.answers[statement] = point
        self.point = point

    def answer(self, number: int, point: int) -> None:
        self.answers[self.reflection.statements[number].id] = point
        self.point = point

    def clear(self, number: int) -> None:
        self.answers.pop(self.reflection.statements[number].id, None)

    def finish(self) -> None:
        self._close(dict(self.answers))

    def skip(self) -> None:
        self._close({})

    def _close(self, answers: Answers) -> None:
        app, run = self.app, self.run
        recorder = app.recorder
        if recorder is not None and recorder.run is run:
            recorder.set_reflection(self.when, answers)
            if run.step:  # a record is first written with the first choice, as it always is
                app.record(run)
        if app.top is self:
            app.pop()
        if answers:
            app.say("Thank you. The answers are kept for the session record.")
        self.then()

    # -- focus ----------------------------------------------------------------------------
    def stops(self) -> list[list[Button]]:
        """Where Up, Down and Tab go: each statement's scale, then Done, then Skip."""
        return self.cells + [[b] for b in (self.done_button, self.skip_button) if b is not None]

    def where(self) -> tuple[int, int] | None:
        """(stop, place in it) of the button in focus."""
        for index, buttons in enumerate(self.stops()):
            if self.focused in buttons:
                return index, buttons.index(self.focused)
        return None

    def enter(self, stop: int) -> None:
        """Focus a stop: a statement at its answer, or at the point last used."""
        stops = self.stops()
        stop %= len(stops)
        buttons = stops[stop]
        place = 0
        if stop < len(self.cells):
            chosen = self.answers.get(self.reflection.statements[stop].id)
            place = chosen if chosen is not None else min(self.point, len(buttons) - 1)
        self.focused = buttons[place]
        self.show(stop)

    def show(self, stop: int) -> None:
        if not self.panes:
            return
        if stop < len(self.blocks):
            self.panes[0].view.show(self.blocks[stop], self.app.theme.unit * 2)
        else:
            self.keep_focus_in_view()

    def ensure_layout(self) -> None:
        """Labels repeat from one statement to the next, so focus is kept by place, not label."""
        where = self.where()
        super().ensure_layout()
        if where is not None and self.where() != where:
            stop, place = where
            stops = self.stops()
            if stop < len(stops):
                self.focused = stops[stop][min(place, len(stops[stop]) - 1)]

    def on_action(self, action) -> bool:
        name = action.name
        where = self.where()
        if name == "activate" and self.focused is None:
            self.enter(0)  # the first Enter shows where the highlight is; the next one picks
            return True
        if name == "choose":
            if action.value >= len(self.reflection.scale):
                return False
            number = where[0] if where and where[0] < len(self.cells) else self.first_open()
            self.answer(number, action.value)
            self.enter(number + 1)  # on to the next statement (after the last: Done)
            return True
        if name in ("down", "up", "focus_next", "focus_prev"):
            step = 1 if name in ("down", "focus_next") else -1
            if where is None:
                self.enter(0 if step > 0 else -1)
            elif where[0] < len(self.cells):
                self.point = where[1]
                self.enter(where[0] + step)
            elif name in ("up", "down"):  # Done and Skip are one row: Up goes to the last statement
                self.enter(len(self.cells) - 1 if step < 0 else 0)
            else:
                self.enter(where[0] + step)
            return True
        if name in ("left", "right"):
            if where is None:
                self.enter(0)
            elif where[0] < len(self.cells):
                buttons = self.cells[where[0]]
                place = max(0, min(len(buttons) - 1, where[1] + (1 if name == "right" else -1)))
                self.focused = buttons[place]
                self.point = place
            else:  # Done and Skip sit side by side: Left and Right move between them
                stop = where[0] + (1 if name == "right" else -1)
                self.enter(max(len(self.cells), min(len(self.stops()) - 1, stop)))
            return True
        if name == "undo":
            if where is not None and where[0] < len(self.cells):
                self.clear(where[0])
            return True
        return False

    def first_open(self) -> int:
        for number, statement in enumerate(self.reflection.statements):
            if statement.id not in self.answers:
                return number
        return 0

    def back(self) -> None:
        self.finish()  # Esc keeps what was answered; "Skip all" is the way to keep nothing

    # -- drawing --------------------------------------------------------------------------
    def draw_status(self, surface: pygame.Surface, rect: pygame.Rect, number: int) -> None:
        theme = self.app.theme
        point = self.answers.get(self.reflection.statements[number].id)
        whose = "The room's answer" if self.app.workshop else "Your answer"
        words = ("Not answered" if point is None
                 else f"{whose}: {self.reflection.scale[point]}")
        image = theme.render(words, "small", theme.palette.muted if point is None else theme.palette.ink)
        surface.blit(image, (rect.x, rect.y))

    def draw_over(self, surface: pygame.Surface, theme) -> None:
        """The answers picked, and Done, filled in the accent colour (each answer is also named
        under its statement, so nothing hangs on colour alone)."""
        filled = [(0, buttons[point]) for number, buttons in enumerate(self.cells)
                  if (point := self.answers.get(self.reflection.statements[number].id)) is not None
                  and point < len(buttons)]
        if self.done_button is not None and len(self.panes) > 1:
            filled.append((1, self.done_button))
        for pane, button in filled:
            view = self.panes[pane].view
            surface.set_clip(self.ring_area(self.panes[pane]))  # as the focus ring is
            self.draw_filled(surface, theme, button, view.to_screen(button.rect))
            surface.set_clip(None)
        super().draw_over(surface, theme)

    def draw_filled(self, surface: pygame.Surface, theme, button: Button, rect: pygame.Rect) -> None:
        palette = theme.palette
        pygame.draw.rect(surface, palette.accent, rect, border_radius=theme.radius)
        image = theme.render(button.label_lines[0], "small_bold", palette.on_accent)
        surface.blit(image, image.get_rect(center=rect.center))
        if button is self.focused:
            from ...layout import draw_focus_ring
            draw_focus_ring(surface, theme, rect)
