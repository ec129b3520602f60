"""The base of every screen: panes of reflowing content, focus, hover, scrolling.

A screen is a State object (handle / update / draw); the App keeps a stack of them. A screen
describes its content by `arrange()`, which returns panes for the current size and settings;
all focus movement, clicking, scrolling and drawing of panes is done here, once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from .actions import Action
from .layout import Button, Column, ScrollView, draw_focus_ring
from .theme import Theme

if TYPE_CHECKING:
    from .app import App


@dataclass
class Pane:
    column: Column
    view: ScrollView


class Screen:
    overlay = False      # drawn over the screen below it, which shows dimmed
    fps = 60             # frames a second while it animates
    auto_focus = True    # highlight the first button when the keyboard is in use
    takes_text = False   # True: raw key and text events go to text_event() first
    title = ""

    def __init__(self, app: "App"):
        self.app = app
        self.panes: list[Pane] = []
        self.focused: Button | None = None
        self.hovered: Button | None = None
        self._views: list[ScrollView] = []
        self._laid_out_for: tuple | None = None

    # -- to fill in ------------------------------------------------------------------------
    def arrange(self, theme: Theme, size: tuple[int, int]) -> list[tuple[Column, pygame.Rect]]:
        """Columns to show and where; the first is the main one (scrolled by keys)."""
        raise NotImplementedError

    def draw_behind(self, surface: pygame.Surface, theme: Theme) -> None:
        surface.fill(theme.palette.background)

    def draw_over(self, surface: pygame.Surface, theme: Theme) -> None:
        pass

    def update(self, dt: float) -> bool:
        """Advance animation; True when the screen must be drawn again."""
        return False

    def text_event(self, event: pygame.event.Event) -> bool:
        """For screens that take typing: True when the event was typing, not a command."""
        return False

    def idle(self) -> None:
        """A moment with nothing to do: a screen may get ready for what comes next."""

    @property
    def animating(self) -> bool:
        return False

    def back(self) -> None:
        self.app.pop()

    def on_action(self, action: Action) -> bool:
        """Screen-specific actions before the common ones; True when handled."""
        return False

    # -- common behaviour ------------------------------------------------------------------
    def invalidate(self) -> None:
        """Build the content again (after the story moved on, or settings changed)."""
        self._laid_out_for = None

    def ensure_layout(self) -> None:
        theme = self.app.theme
        key = (id(theme), theme.size)
        if self._laid_out_for == key:
            return
        focus_label = self.focused.label if self.focused else None
        focus_index = self.buttons.index(self.focused) if self.focused in self.buttons else None
        placed = self.arrange(theme, theme.size)
        while len(self._views) < len(placed):
            self._views.append(ScrollView())
        self.panes = []
        for (column, rect), view in zip(placed, self._views):
            view.place(rect, column.height)
            self.panes.append(Pane(column, view))
        self._laid_out_for = key
        buttons = self.buttons
        self.hovered = None
        self.focused = None
        if focus_label is not None:
            same = [b for b in buttons if b.label == focus_label]
            if same:
                self.focused = same[0]
            elif focus_index is not None and buttons:
                self.focused = buttons[min(focus_index, len(buttons) - 1)]
        if self.focused is None and buttons and self.app.keyboard_used and self.auto_focus:
            first = self.first_focus(buttons)
            # Only highlight what can be seen: a long page opens at its top, and the first
            # Tab or Enter then moves to its first button.
            if self.can_see(first):
                self.focused = first
        # After any new layout (a setting, a resize, a label set, the text size) the focus
        # and its whole ring are in view again; when they already are, nothing moves.
        self.keep_focus_in_view()
        # Scroll positions are kept (the views are reused), so coming back to a screen, say
        # from step out, finds it exactly as it was.

    def can_see(self, button: Button) -> bool:
        pane = self.pane_of(button)
        return pane is None or button.rect.bottom <= pane.view.offset + pane.view.rect.height

    def first_focus(self, buttons: list[Button]) -> Button:
        return next((b for b in buttons if b.enabled), buttons[0])

    @property
    def buttons(self) -> list[Button]:
        return [button for pane in self.panes for button in pane.column.buttons]

    def pane_of(self, button: Button) -> Pane | None:
        return next((pane for pane in self.panes if button in pane.column.buttons), None)

    def screen_rect(self, button: Button) -> pygame.Rect:
        pane = self.pane_of(button)
        return pane.view.to_screen(button.rect) if pane else pygame.Rect(button.rect)

    def button_at(self, pos: tuple[int, int]) -> Button | None:
        for pane in self.panes:
            if not pane.view.rect.collidepoint(pos):
                continue
            for button in pane.column.buttons:
                if pane.view.to_screen(button.rect).collidepoint(pos):
                    return button
        return None

    def keep_focus_in_view(self) -> None:
        if self.focused is None:
            return
        pane = self.pane_of(self.focused)
        if pane:
            theme = self.app.theme
            pane.view.show(self.focused.rect, max(theme.unit * 2, theme.ring_reach + 1))

    def ring_area(self, pane: Pane) -> pygame.Rect:
        """Where a focus ring in `pane` may be drawn: the pane and, on each side where no
        content is scrolled out of sight, the ring's reach beyond it (a button at the very
        edge of a pane still shows its whole ring); never outside the window."""
        theme = self.app.theme
        view, reach = pane.view, theme.ring_reach
        area = view.rect.inflate(2 * reach, 0)
        if view.offset <= 0:
            area.top -= reach
            area.height += reach
        if view.offset >= view.limit:
            area.height += reach
        return area.clip(pygame.Rect((0, 0), theme.size))

    def focus_ring_rect(self) -> pygame.Rect | None:
        """On screen, all that the focused button's ring covers (None with no focus)."""
        if self.focused is None or self.pane_of(self.focused) is None:
            return None
        return self.app.theme.ring_rect(self.screen_rect(self.focused))

    def move_focus(self, step: int) -> None:
        buttons = self.buttons
        if not buttons:
            self.scroll(step * 3)
            return
        if self.focused not in buttons:
            self.focused = self.first_focus(buttons) if step > 0 else buttons[-1]
        else:
            self.focused = buttons[(buttons.index(self.focused) + step) % len(buttons)]
        self.keep_focus_in_view()

    def scroll(self, lines: int, pos: tuple[int, int] | None = None) -> bool:
        if not self.panes:
            return False
        pane = self.panes[0]
        if pos is not None:  # the pane under the pointer, if it can scroll; else the main one
            pane = next((p for p in self.panes if p.view.rect.collidepoint(pos) and p.view.limit), pane)
        return pane.view.scroll(lines * self.app.theme.line_height("body"))

    def handle(self, action: Action) -> bool:
        """Do what the action means here; True when something may look different."""
        self.ensure_layout()
        if self.on_action(action):
            return True
        name = {"right": "focus_next", "left": "focus_prev", "down": "focus_next",
                "up": "focus_prev"}.get(action.name, action.name)
        if name == "focus_next":
            self.move_focus(1)
        elif name == "focus_prev":
            self.move_focus(-1)
        elif name == "activate":
            if self.focused is not None:
                self.focused.press()
            elif self.panes and self.panes[0].view.offset < self.panes[0].view.limit:
                view = self.panes[0].view  # read on first: Enter pages down a long text
                view.scroll(view.rect.height - self.app.theme.line_height("body") * 2)
            else:
                self.move_focus(1)
        elif name == "click":
            button = self.button_at(action.pos)
            if button is None:
                return False
            self.focused = button
            button.press()
        elif name == "hover":
            button = self.button_at(action.pos)
            if button is self.hovered:
                return False
            self.hovered = button
        elif name == "scroll":
            moved = self.scroll(action.value, action.pos)
            if moved and action.pos is not None:
                self.hovered = self.button_at(action.pos)  # what is under the pointer now
            return moved
        elif name == "choose":
            numbered = [b for b in self.buttons if b.number == action.value + 1]
            if not numbered:
                return False
            self.focused = numbered[0]
            numbered[0].press()
        elif name == "back":
            self.back()
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface) -> None:
        self.ensure_layout()
        theme = self.app.theme
        self.draw_behind(surface, theme)
        for pane in self.panes:
            surface.set_clip(pane.view.rect)
            pane.column.draw(surface, pane.view.origin, pane.view.rect, self.focused, self.hovered,
                             self.reveal_for(pane))
            surface.set_clip(None)
            pane.view.draw_bar(surface, theme)
        self.draw_focus(surface, theme)
        self.draw_over(surface, theme)

    def draw_focus(self, surface: pygame.Surface, theme: Theme) -> None:
        """The focus ring, in a pass of its own: no pane's edge cuts it (see ring_area)."""
        pane = self.pane_of(self.focused) if self.focused is not None else None
        if pane is None or (self.reveal_for(pane) is not None and not self.buttons_shown(pane)):
            return
        surface.set_clip(self.ring_area(pane))
        draw_focus_ring(surface, theme, self.screen_rect(self.focused))
        surface.set_clip(None)

    def buttons_shown(self, pane: Pane) -> bool:
        """Whether the typewriter has shown all of the pane's text (its buttons wait for it)."""
        reveal = self.reveal_for(pane)
        return reveal is None or reveal >= pane.column.characters

    def reveal_for(self, pane: Pane) -> int | None:
        return None


FADE_SECONDS = 0.2  # a scene gives way to the next over this long (none with reduced motion)


class Fade:
    """A short cross-fade between scenes: the last frame drawn, laid over the new one and
    growing transparent over FADE_SECONDS. It runs on the wall clock, so a slow first frame
    does not stretch it, and it ends by itself: the loop then sleeps again (App.animating).
    Reduced motion means no fade at all."""

    def __init__(self) -> None:
        self.old: pygame.Surface | None = None
        self.started = 0.0
        self._buffer: pygame.Surface | None = None  # kept: a blit into it is ~7x a copy's speed

    @property
    def running(self) -> bool:
        return self.old is not None

    def start(self, surface: pygame.Surface | None, reduce_motion: bool, now: float) -> None:
        if reduce_motion or surface is None:
            self.old = None
            return
        if self._buffer is None or self._buffer.get_size() != surface.get_size():
            self._buffer = pygame.Surface(surface.get_size())
        self._buffer.set_alpha(None)
        self._buffer.blit(surface, (0, 0))
        self.old = self._buffer
        self.started = now

    def update(self, now: float) -> bool:
        """True while the fade needs another frame (and on the frame it ends)."""
        if self.old is None:
            return False
        if now - self.started >= FADE_SECONDS:
            self.old = None
        return True

    def draw(self, surface: pygame.Surface, now: float) -> None:
        if self.old is None:
            return
        share = 1 - (now - self.started) / FADE_SECONDS
        if share <= 0 or self.old.get_size() != surface.get_size():
            return
        self.old.set_alpha(round(255 * share))
        surface.blit(self.old, (0, 0))
