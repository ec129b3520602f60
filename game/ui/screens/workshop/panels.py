"""The workshop's overlays: the vote panel, the other side's view, and a menu of the tools.

The vote panel takes raw keys while it is open (`takes_text`), so digits typed as counts never
reach the play screen below, where they would choose an option.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ....story.debrief import Mirror
from ...actions import Action
from ...layout import wrap
from ..common import PageScreen, TypingPanel

if TYPE_CHECKING:
    from .facilitator import Facilitator

DIGITS = {getattr(pygame, f"K_{n}"): n for n in range(10)}
DIGITS.update({getattr(pygame, f"K_KP{n}"): n for n in range(10)})
MORE = {pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_RIGHT}
LESS = {pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_LEFT}
MOST = 999  # a room, not a stadium: three digits are plenty


def draw_card(surface: pygame.Surface, screen: PageScreen, edge: str = "border") -> None:
    """Only the card: the play screen shows, dimmed, around it."""
    theme = screen.app.theme
    card = screen.panes[0].view.rect.inflate(theme.unit * 6, theme.unit * 4)
    card.width += theme.unit
    pygame.draw.rect(surface, theme.palette.panel, card, border_radius=theme.radius)
    pygame.draw.rect(surface, theme.colour(edge), card, width=theme.ring if edge == "focus" else 1,
                     border_radius=theme.radius)


class VoteScreen(TypingPanel):
    """How many in the room would take each option. Up and Down pick the option, digits type
    its count, Backspace deletes a digit, + and - add or take one, Enter saves, Esc cancels."""

    characters = 72
    hints = "Up/Down: option     0-9: count     +/-: one more or less     Enter: save     Esc: cancel"

    def __init__(self, app, facilitator: "Facilitator"):
        super().__init__(app)
        self.facilitator = facilitator
        self.views = facilitator.run.choices
        old = facilitator.recorder().pending_votes() if facilitator.recorder() else None
        self.counts = [0] * len(self.views)
        for index, count in enumerate(old or []):
            if index < len(self.counts) and self.views[index].enabled:
                self.counts[index] = count
        self.open = [v.index for v in self.views if v.enabled]  # locked options get no votes
        self.row = self.open[0] if self.open else 0
        self.rows: dict[int, pygame.Rect] = {}   # option index -> its row, in column coordinates
        self.auto_focus = False  # the rows have the keys until Tab moves to the buttons

    # -- layout and drawing -------------------------------------------------------------------
    def content(self, column):
        theme = column.theme
        scene = self.facilitator.run.scene
        where = f": {scene.title}" if scene is not None and scene.title else ""
        column.text(f"The room's votes{where}", "subheading", after=0.5)
        column.text("How many would choose each option? Up and Down: move. Type the count, or "
                    "+ and \u2212 for one more or less. Enter: save. Esc: cancel.",
                    "small", "muted", after=1)
        self.rows = {}
        inner = column.width - self._count_width() - self._badge_width() - theme.unit * 6
        for view in self.views:
            lines = wrap(theme.font("body"), view.text, max(40, inner))
            extra = 1 if not view.enabled else 0
            height = (len(lines) * theme.line_height("body") + extra * theme.line_height("small")
                      + theme.unit * 3)
            drawing = column.drawing(height, lambda s, r, v=view, ls=lines: self._draw_row(s, r, v, ls),
                                     after=0.5)
            self.rows[view.index] = drawing.rect
        column.space(0.5)
        buttons = [("Save votes", self.save), ("Clear", self.clear), ("Cancel", self.cancel)]
        font = theme.font("small_bold")
        row_width = sum(font.size(label)[0] + theme.unit * 5 for label, _ in buttons)
        total_width = theme.font("body_bold").size("In all: 000")[0] + theme.unit * 4
        # the total sits beside the buttons when there is room, else on a line of its own
        beside = row_width + total_width <= column.width
        column.drawing(0 if beside else theme.line_height("body_bold"), self._draw_total,
                       after=0 if beside else 0.5)
        column.row(buttons)

    def _count_width(self) -> int:
        return self.app.theme.font("heading").size("000")[0] + self.app.theme.unit * 4

    def _badge_width(self) -> int:
        return self.app.theme.font("body_bold").size("9")[0] + self.app.theme.unit * 2

    def _draw_row(self, surface, rect, view, lines) -> None:
        theme = self.app.theme
        palette = theme.palette
        chosen = view.index == self.row and self.focused is None and view.enabled
        pygame.draw.rect(surface, palette.soft if chosen else palette.panel, rect,
                         border_radius=theme.radius)
        pygame.draw.rect(surface, palette.focus if chosen else palette.border, rect,
                         width=theme.ring if chosen else 1, border_radius=theme.radius)
        ink = palette.ink if view.enabled else palette.muted
        unit = theme.unit
        badge = pygame.Rect(rect.x + unit * 2, rect.y + unit + unit // 2, self._badge_width(),
                            theme.line_height("body"))
        pygame.draw.rect(surface, ink, badge, width=max(1, theme.ring - 1), border_radius=theme.radius // 2)
        number = theme.render(str(view.index + 1), "body_bold", ink)
        surface.blit(number, number.get_rect(center=badge.center))
        x = badge.right + unit * 2
        y = badge.y
        for line in lines:
            surface.blit(theme.render(line, "body", ink), (x, y))
            y += theme.line_height("body")
        if not view.enabled:
            surface.blit(theme.render("Not available here", "small", palette.muted), (x, y))
        box = pygame.Rect(0, 0, self._count_width() - unit * 2, theme.line_height("heading"))
        box.midright = (rect.right - unit * 2, rect.centery)
        pygame.draw.rect(surface, palette.background, box, border_radius=theme.radius // 2)
        pygame.draw.rect(surface, ink, box, width=max(1, theme.ring - 1), border_radius=theme.radius // 2)
        figure = str(self.counts[view.index]) if view.enabled else "\u2013"
        image = theme.render(figure, "heading", ink)
        surface.blit(image, image.get_rect(midright=(box.right - unit, box.centery)))

    def _draw_total(self, surface, rect) -> None:
        theme = self.app.theme
        image = theme.render(f"In all: {sum(self.counts)}", "body_bold", theme.palette.ink)
        height = max(rect.height, theme.line_height("small") + theme.unit * 2)
        surface.blit(image, image.get_rect(midright=(rect.right - theme.unit * 2, rect.y + height // 2)))

    def draw_behind(self, surface, theme):
        draw_card(surface, self)

    def draw_over(self, surface, theme):
        pass  # the keys are on the card itself; a footer would sit on the play screen's

    # -- keys ----------------------------------------------------------------------------------
    def text_event(self, event: pygame.event.Event) -> bool:
        """Raw keys while the rows have the keys; True when the key was about the counts."""
        if self.focused is not None:  # Tab moved to the buttons: keys work as usual there
            return False
        if event.type == pygame.TEXTINPUT:
            return True  # the KEYDOWN of the same key has done its work
        if event.type != pygame.KEYDOWN or getattr(event, "mod", 0) & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return False
        key = event.key
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.save()
        elif key in DIGITS:
            self.set_count(self.counts[self.row] * 10 + DIGITS[key])
        elif key == pygame.K_BACKSPACE:
            self.set_count(self.counts[self.row] // 10)
        elif key == pygame.K_DELETE:
            self.set_count(0)
        elif key in MORE:
            self.set_count(self.counts[self.row] + 1)
        elif key in LESS:
            self.set_count(self.counts[self.row] - 1)
        elif key in (pygame.K_DOWN, pygame.K_UP):
            self.move(1 if key == pygame.K_DOWN else -1)
        else:
            return False
        return True

    def set_count(self, count: int) -> None:
        if self.row in self.open:
            self.counts[self.row] = max(0, min(MOST, count))

    def move(self, step: int) -> None:
        if not self.open:
            return
        position = self.open.index(self.row) if self.row in self.open else 0
        self.row = self.open[(position + step) % len(self.open)]
        if self.panes and self.row in self.rows:
            self.panes[0].view.show(self.rows[self.row], self.app.theme.unit * 2)

    def on_action(self, action):
        if action.name == "click" and self.panes:
            view = self.panes[0].view
            for index, rect in self.rows.items():
                if index in self.open and view.to_screen(rect).collidepoint(action.pos):
                    self.row, self.focused = index, None  # a click on a row goes back to counting
                    return True
        buttons = self.buttons
        if action.name in ("focus_prev", "up") and buttons and self.focused is buttons[0]:
            self.focused = None  # Shift+Tab from the first button goes back to the rows
            return True
        return False

    # -- finishing -----------------------------------------------------------------------------
    def save(self) -> None:
        self.close()
        self.facilitator.save_votes(list(self.counts))

    def clear(self) -> None:
        self.counts = [0] * len(self.counts)
        self.focused = None



class CardScreen(PageScreen):
    """A card over the play screen, which shows dimmed around it, footer and all."""

    overlay = True

    def draw_behind(self, surface, theme):
        draw_card(surface, self)

    def draw_over(self, surface, theme):
        pass  # the footer of the play screen below still shows


class OtherSideScreen(CardScreen):
    """The other role's scene at a mirrored moment: its title, its words and its options."""

    characters = 60
    hints = "Esc: close"

    def __init__(self, app, mirror: Mirror, role_name: str):
        super().__init__(app)
        self.mirror, self.role_name = mirror, role_name

    def content(self, column):
        mirror = self.mirror
        column.text("What the other side saw", "small_bold", "muted", after=0.25)
        column.text(self.role_name, "heading", after=0.5)
        if mirror.other.title:
            column.text(mirror.other.title, "subheading", after=1)
        for line in mirror.other_lines:
            column.text(line, "body", after=1)
        if mirror.other_options and mirror.other.is_decision:
            column.text("Their options", "subheading", after=0.75)
            for number, option in enumerate(mirror.other_options, start=1):
                column.text(f"{number}. {option}", "body", indent=column.theme.unit * 2, after=0.5)
            column.space(1)
        else:
            column.text("They had no choice to make here: the story went straight on.", "body", "muted")
        column.text("Lines that depend on their earlier choices are left out.", "small", "muted")
        column.button("Close", self.app.pop, kind="primary")



class WorkshopMenuScreen(CardScreen):
    """Every workshop tool as a button, for a mouse; each names its key."""

    characters = 48
    hints = "Esc: close"

    def __init__(self, app, facilitator: "Facilitator"):
        super().__init__(app)
        self.facilitator = facilitator

    def content(self, column):
        facilitator = self.facilitator
        timer = facilitator.timer
        column.text("Workshop tools", "heading", after=0.5)
        if self.app.label:
            column.text(f"Group: {self.app.label}", "body", "muted", after=1)
        column.button(f"Timer: {f'{timer.minutes} minutes' if timer.on else 'off'} (T)",
                      lambda: self.use("timer"),
                      note="Off, 2, 3 or 5 minutes. It only advises; it never stops a choice.")
        decision = facilitator.at_decision()
        column.button("Enter the room's votes (V)", lambda: self.use("votes"), enabled=decision,
                      note="" if decision else "At a decision with more than one option.")
        on_scene = facilitator.play.phase == "scene"
        column.button(("Edit the note" if facilitator.note() else "Add a note") + " (N)",
                      lambda: self.use("note"), enabled=on_scene,
                      note="" if on_scene else "While a scene is on screen.")
        mirrored = facilitator.mirror() is not None
        column.button("What the other side saw (O)", lambda: self.use("other_side"), enabled=mirrored,
                      note="" if mirrored else "Only at a mirrored moment.")
        room = self.app.room
        column.button("Show the room's QR code and address (R)" if room else
                      "Open the room: everyone votes from their phone (R)",
                      lambda: self.use("room"),
                      note="" if room else "A web page on this computer; same Wi-Fi, no install.")
        if room is not None:
            voting = facilitator.tally() is not None
            column.button("Go with the majority (M)", lambda: self.use("majority"),
                          enabled=voting, note="" if voting else "At a decision.")
            column.button("Close or reopen the vote (L)", lambda: self.use("close_vote"),
                          enabled=voting)
            column.button("The room's comments (K)", lambda: self.use("comments"))
        column.button("Close", self.app.pop, kind="primary")

    def use(self, name: str) -> None:
        self.app.pop()
        self.facilitator.handle(Action(name))

    def on_action(self, action):
        if action.name in ("timer", "votes", "note", "other_side", "room", "majority",
                           "close_vote", "comments"):
            self.use(action.name)
            return True
        return False
