"""A column of text, buttons and drawings that reflows to any width and scrolls.

Every screen builds its content as a Column for the current width; a ScrollView shows the part
that fits and keeps the highlighted button in view. Nothing is ever clipped: what does not fit
scrolls.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pygame

from .text_wrap import NARROW_CHARACTERS, wrap, wrap_even, wrap_prose  # wrap: the screens import it here
from .theme import Theme


@dataclass
class Button:
    label: str
    on_press: Callable[[], None] | None
    enabled: bool = True
    note: str = ""             # a second, smaller line: a reason, a detail
    number: int | None = None  # the badge on a numbered option
    kind: str = "secondary"    # primary / secondary / choice
    rect: pygame.Rect = field(default_factory=pygame.Rect)  # in column coordinates
    label_lines: tuple[str, ...] = ()
    note_lines: tuple[str, ...] = ()

    def press(self) -> None:
        if self.enabled and self.on_press:
            self.on_press()


# Roles whose text is read as running prose: hyphenated where a narrow column needs it. The
# others (headings, small labels and readings) break only between words.
HYPHENATED_ROLES = ("body", "italic")


@dataclass
class TextItem:
    y: int
    lines: list[tuple[int, str, str, str]]  # (x, text, font role, colour name)
    height: int
    line_height: int
    source: str = ""  # the text as given, before wrapping and hyphenation

    @property
    def words(self) -> str:
        """The paragraph as one line of words, with no hyphen where a word was broken."""
        return self.source or " ".join(line[1] for line in self.lines)


@dataclass
class Drawing:
    rect: pygame.Rect
    draw: Callable[[pygame.Surface, pygame.Rect], None]
    words: list[str] = field(default_factory=list)  # any words it draws, whole (for tests, speech)
    shows_at: int = -1  # with the typewriter: shown once more characters than this are out


class Column:
    """Vertical layout in column coordinates (0, 0 is the column's top left)."""

    def __init__(self, theme: Theme, width: int):
        self.theme = theme
        self.width = max(40, width)
        self.height = 0
        self.texts: list[TextItem] = []
        self.buttons: list[Button] = []
        self.drawings: list[Drawing] = []

    # -- building --------------------------------------------------------------------------
    def space(self, units: float = 1) -> None:
        self.height += round(units * self.theme.unit)

    def text(self, text: str, role: str = "body", colour: str = "ink", indent: int = 0,
             after: float = 1.5, align: str = "left") -> TextItem:
        font = self.theme.font(role)
        width = self.width - indent
        step = self.theme.line_height(role)
        lines = []
        wrapping = wrap_prose if role in HYPHENATED_ROLES else wrap_even
        for number, line in enumerate(wrapping(font, text, width)):
            x = indent
            if align == "center":
                x = indent + (width - font.size(line)[0]) // 2
            lines.append((x, line, role, colour))
        item = TextItem(self.height, lines, step * len(lines), step, " ".join(text.split()))
        self.texts.append(item)
        self.height += item.height
        self.space(after)
        return item

    def speech(self, speaker: str | None, words: str,
               face: Callable[[pygame.Surface, pygame.Rect], None] | None = None) -> None:
        """A line of the story: a speaker's name set apart above their words, or narration.

        With `face` (portraits.Portraits.drawer), their face sits beside the name and words,
        about two lines tall; in a narrow column a smaller face sits beside the name alone and
        the words take the whole width below, so the text keeps a readable measure.
        """
        theme = self.theme
        if not speaker:
            self.text(words, "body", "ink")
            return
        if face is None:
            self.text(speaker, "small_bold", "speaker", after=0.25)
            self.text(words, "body", "ink", indent=theme.unit * 2)
            return
        top, gap = self.height, theme.unit * 2
        side = round(theme.line_height("body") * 2.2)
        shown = self.characters
        if self.width - side - gap >= NARROW_CHARACTERS * 0.6 * theme.font("body").size("n")[0]:
            self.drawings.append(Drawing(pygame.Rect(0, top, side, side), face, shows_at=shown))
            self.text(speaker, "small_bold", "speaker", indent=side + gap, after=0.25)
            self.text(words, "body", "ink", indent=side + gap, after=0)
            self.height = max(self.height, top + side)
        else:
            side = round(theme.line_height("small_bold") * 1.6)
            self.drawings.append(Drawing(pygame.Rect(0, top, side, side), face, shows_at=shown))
            self.space(0)
            name = self.text(speaker, "small_bold", "speaker", indent=side + theme.unit, after=0)
            name.y = top + (side - name.height) // 2  # the name beside the face, centred on it
            self.height = top + side + round(theme.unit * 0.5)
            self.text(words, "body", "ink", indent=theme.unit * 2, after=0)
        self.space(1.5)

    def button(self, label: str, on_press: Callable[[], None] | None, note: str = "",
               enabled: bool = True, number: int | None = None, kind: str = "secondary",
               width: int | None = None, after: float = 1) -> Button:
        theme = self.theme
        pad = theme.unit * 2
        badge = self.badge_width(number) if number is not None else 0
        width = min(self.width, width or self.width)
        inner = width - 2 * pad - badge
        button = Button(label, on_press, enabled, note, number, kind)
        # primary buttons are drawn in bold, which is wider: wrap with the font they are drawn in
        button.label_lines = wrap(theme.font("body_bold" if kind == "primary" else "body"), label, inner)
        button.note_lines = wrap(theme.font("small"), note, inner) if note else ()
        height = (len(button.label_lines) * theme.line_height("body")
                  + len(button.note_lines) * theme.line_height("small") + 2 * theme.unit + pad // 2)
        button.rect = pygame.Rect(0, self.height, width, height)
        self.buttons.append(button)
        self.height += height
        self.space(after)
        return button

    def row(self, items: list[tuple[str, Callable[[], None]]], align: str = "left",
            after: float = 1) -> list[Button]:
        """Small one-line buttons side by side, wrapping onto more rows when they do not fit."""
        theme = self.theme
        font = theme.font("small_bold")
        gap, pad = theme.unit, theme.unit * 2
        height = theme.line_height("small") + theme.unit * 2
        rows: list[list[Button]] = [[]]
        x = 0
        for label, on_press in items:
            label = wrap(font, label, self.width - 2 * pad)[0]
            width = font.size(label)[0] + 2 * pad
            if rows[-1] and x + width > self.width:
                rows.append([])
                x = 0
            button = Button(label, on_press, kind="tool", label_lines=(label,))
            button.rect = pygame.Rect(x, 0, width, height)
            rows[-1].append(button)
            x += width + gap
        made = []
        for buttons in rows:
            shift = self.width - (buttons[-1].rect.right if buttons else 0) if align == "right" else 0
            for button in buttons:
                button.rect.move_ip(shift, self.height)
                made.append(button)
            self.height += height + gap
        self.height -= gap
        self.buttons.extend(made)
        self.space(after)
        return made

    def drawing(self, height: int, draw: Callable[[pygame.Surface, pygame.Rect], None],
                after: float = 1.5) -> Drawing:
        item = Drawing(pygame.Rect(0, self.height, self.width, height), draw)
        self.drawings.append(item)
        self.height += height
        self.space(after)
        return item

    def badge_width(self, number: int = 9) -> int:
        """The room a number badge takes: one figure wide, or as wide as a number past 9
        (a scene may list more options than keys 1-9, reached with Tab, arrows or a click)."""
        return _figures_width(self.theme, number) + self.theme.unit * 4

    @property
    def characters(self) -> int:
        return sum(len(line[1]) for item in self.texts for line in item.lines)

    # -- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, origin: tuple[int, int], clip: pygame.Rect,
             focused: Button | None = None, hovered: Button | None = None,
             reveal: int | None = None) -> None:
        """Draw what falls inside `clip`. `reveal` shows only that many characters of text
        (the typewriter); buttons wait until all text is shown."""
        theme = self.theme
        ox, oy = origin
        top, bottom = clip.top - oy, clip.bottom - oy
        for drawing in self.drawings:  # pictures and charts show at once, even mid-typewriter
            if reveal is not None and reveal <= drawing.shows_at:
                continue  # a speaker's face shows with their line
            if drawing.rect.bottom >= top and drawing.rect.top <= bottom:
                drawing.draw(surface, drawing.rect.move(ox, oy))
        left = reveal
        for item in self.texts:
            for number, (x, line, role, colour) in enumerate(item.lines):
                if left is not None:
                    if left <= 0:
                        return
                    if len(line) > left:
                        line = line[:left]
                    left -= len(line)
                y = item.y + number * item.line_height
                if y + item.line_height < top or y > bottom:
                    continue
                image = theme.render(line, role, theme.colour(colour))
                surface.blit(image, (ox + x, oy + y + (item.line_height - image.get_height()) // 2))
        for button in self.buttons:
            if button.rect.bottom >= top and button.rect.top <= bottom:
                draw_button(surface, theme, button, button.rect.move(ox, oy),
                            button is focused, button is hovered)


def draw_button(surface: pygame.Surface, theme: Theme, button: Button, rect: pygame.Rect,
                focused: bool, hovered: bool) -> None:
    palette = theme.palette
    if not button.enabled:
        fill, ink = palette.disabled, palette.on_disabled
    elif button.kind == "primary":
        fill, ink = palette.accent, palette.on_accent
    else:
        fill, ink = (palette.soft if hovered or focused else palette.panel), palette.ink
    pygame.draw.rect(surface, fill, rect, border_radius=theme.radius)
    border = palette.accent if button.enabled else palette.border
    pygame.draw.rect(surface, border, rect, width=max(1, theme.ring - 1), border_radius=theme.radius)
    if hovered and button.kind == "primary" and button.enabled:
        pygame.draw.rect(surface, palette.on_accent, rect.inflate(-2 * theme.ring, -2 * theme.ring),
                         width=1, border_radius=theme.radius)
    pad = theme.unit * 2
    x = rect.x + pad
    y = rect.y + theme.unit + pad // 4
    if button.number is not None:
        badge = theme.render(str(button.number), "body_bold", ink)
        box = pygame.Rect(rect.x + theme.unit, y, _figures_width(theme, button.number) + theme.unit * 2,
                          theme.line_height("body"))
        pygame.draw.rect(surface, ink, box, width=max(1, theme.ring - 1), border_radius=theme.radius // 2)
        surface.blit(badge, badge.get_rect(center=box.center))
        x = rect.x + theme.unit * 2 + box.width + theme.unit
    if button.kind == "tool":
        image = theme.render(button.label_lines[0], "small_bold", ink)
        surface.blit(image, image.get_rect(center=rect.center))
        return
    role = "body_bold" if button.kind == "primary" else "body"
    step = theme.line_height("body")
    for line in button.label_lines:
        image = theme.render(line, role, ink)
        surface.blit(image, (x, y + (step - image.get_height()) // 2))
        y += step
    small = theme.line_height("small")
    for line in button.note_lines:
        image = theme.render(line, "small", ink if button.enabled else palette.on_disabled)
        surface.blit(image, (x, y + (small - image.get_height()) // 2))
        y += small


def draw_focus_ring(surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
    """The focus ring around a button at `rect`: a band of the panel colour, the ring (at least
    3 px, 3:1 against the panel colour in every palette), and the panel colour again outside,
    so the ring's neighbours are the same known colour over any button or background. It is
    drawn after the panes, so no pane cuts it (Screen.draw); it covers theme.ring_rect(rect)."""
    palette, gap, ring = theme.palette, theme.ring_gap, theme.ring
    outer = theme.ring_rect(rect)
    radius = theme.radius + theme.ring_reach
    # the outer band reaches a pixel under the ring, so rounded corners leave no pinholes
    pygame.draw.rect(surface, palette.panel, outer, width=gap + 1, border_radius=radius)
    middle = outer.inflate(-2 * gap, -2 * gap)
    pygame.draw.rect(surface, palette.focus, middle, width=ring, border_radius=radius - gap)
    inner = middle.inflate(-2 * ring, -2 * ring)
    pygame.draw.rect(surface, palette.panel, inner, width=gap,
                     border_radius=max(0, radius - gap - ring))


class ScrollView:
    """A window onto a Column taller than the space it has."""

    def __init__(self) -> None:
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.offset = 0
        self.content = 0

    def place(self, rect: pygame.Rect, content_height: int) -> None:
        self.rect = pygame.Rect(rect)
        self.content = content_height
        self.scroll(0)

    @property
    def limit(self) -> int:
        return max(0, self.content - self.rect.height)

    def scroll(self, pixels: int) -> bool:
        before = self.offset
        self.offset = max(0, min(self.limit, self.offset + pixels))
        return self.offset != before

    def show(self, area: pygame.Rect, margin: int = 0) -> None:
        """Scroll just enough that `area` (column coordinates) is in view."""
        if area.top - margin < self.offset:
            self.offset = max(0, area.top - margin)
        elif area.bottom + margin > self.offset + self.rect.height:
            self.offset = min(self.limit, area.bottom + margin - self.rect.height)

    @property
    def origin(self) -> tuple[int, int]:
        return self.rect.x, self.rect.y - self.offset

    def to_screen(self, area: pygame.Rect) -> pygame.Rect:
        return area.move(self.rect.x, self.rect.y - self.offset)

    def draw_bar(self, surface: pygame.Surface, theme: Theme) -> None:
        if self.limit <= 0:
            return
        track = pygame.Rect(self.rect.right + theme.unit // 2, self.rect.y,
                            max(4, theme.unit // 2), self.rect.height)
        pygame.draw.rect(surface, theme.palette.border, track, border_radius=track.width // 2)
        size = max(theme.unit * 3, track.height * self.rect.height // self.content)
        y = track.y + (track.height - size) * self.offset // self.limit
        pygame.draw.rect(surface, theme.palette.muted, (track.x, y, track.width, size),
                         border_radius=track.width // 2)


def _figures_width(theme: Theme, number: int) -> int:
    """The width of a number badge's figures: that of "9" for 1 to 9, so they all line up."""
    return theme.font("body_bold").size(str(number) if number > 9 else "9")[0]
