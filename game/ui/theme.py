"""Colours, fonts and sizes: one place decides how everything looks.

Sizes come from the window (a 1280x720 window is the reference), the interface scale (for
projectors) and the text size setting. Both palettes are checked for contrast by the tests:
WCAG AA (4.5:1) for all text in the calm palette, AAA (7:1) in high contrast. The colour-safe
setting swaps only the meters' colours, in either palette (see colour_safe).
"""
from __future__ import annotations

import weakref
from collections import OrderedDict
from dataclasses import dataclass, replace

import pygame

from ..places import assets_dir
from .cache import ByteCache
from .settings import Settings
from .text_draw import SetFont, render_line

RENDER_CACHE_BYTES = 64 * 2**20  # rendered text kept per theme (a new theme starts afresh)
FONT_BOOK_SIZE = 16              # fonts kept loaded: the current theme's 8 at most, and spare
FONTS = assets_dir() / "fonts"  # the checkout's assets/, or the installed copy's (places.py)
Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    background: Colour
    panel: Colour
    ink: Colour          # body text
    muted: Colour        # secondary text
    accent: Colour       # primary buttons, headings' rule
    on_accent: Colour    # text on accent
    soft: Colour         # secondary buttons, hover
    border: Colour
    focus: Colour        # the focus ring
    disabled: Colour     # background of an option that cannot be taken
    on_disabled: Colour
    speaker: Colour
    rise: Colour         # "+8" beside a change (always with its sign)
    fall: Colour
    trust: Colour
    power: Colour
    outcome: Colour
    shared: Colour       # the "power is shared" band
    other: Colour | None = None  # any other meter (such as energy); None: the accent colour


CALM = Palette(
    background=(241, 236, 226), panel=(253, 251, 247), ink=(33, 37, 41), muted=(78, 83, 92),
    accent=(29, 90, 99), on_accent=(255, 255, 255), soft=(221, 233, 230), border=(196, 186, 170),
    focus=(176, 72, 14), disabled=(232, 228, 221), on_disabled=(84, 84, 84),
    speaker=(125, 55, 18), rise=(22, 105, 48), fall=(166, 38, 38),
    trust=(34, 98, 160), power=(128, 62, 140), outcome=(30, 112, 52), shared=(214, 230, 214))

HIGH_CONTRAST = Palette(
    background=(0, 0, 0), panel=(0, 0, 0), ink=(255, 255, 255), muted=(235, 235, 235),
    accent=(255, 224, 0), on_accent=(0, 0, 0), soft=(40, 40, 40), border=(255, 255, 255),
    focus=(0, 230, 255), disabled=(30, 30, 30), on_disabled=(215, 215, 215),
    speaker=(255, 224, 0), rise=(120, 255, 140), fall=(255, 150, 150),
    trust=(110, 190, 255), power=(240, 150, 255), outcome=(120, 255, 140), shared=(30, 70, 30))

# The colour-safe setting: the meters in Okabe-Ito colours (Okabe and Ito, "Color Universal
# Design", 2002), chosen so that every pair stays apart under simulated protanopia,
# deuteranopia and tritanopia and each keeps 3:1 against the panel it is drawn on (the tests
# measure both). The defaults' trust blue and power purple fall together for red-green colour
# blindness. On the light panel: blue, vermillion and black, and a neutral grey for any other
# meter; on black: sky blue, vermillion and yellow, and white.
SAFE_METERS = {
    False: dict(trust=(0, 114, 178), power=(213, 94, 0), outcome=(0, 0, 0), other=(120, 120, 120)),
    True: dict(trust=(86, 180, 233), power=(213, 94, 0), outcome=(240, 228, 66),
               other=(255, 255, 255)),
}


def palette_for(settings: Settings) -> Palette:
    """The palette the settings ask for: calm or high contrast, with the colour-safe meters."""
    palette = HIGH_CONTRAST if settings.high_contrast else CALM
    if settings.colour_safe:
        palette = replace(palette, **SAFE_METERS[settings.high_contrast])
    return palette

# Workshop mode on a projector: at least this interface scale and text size, whatever the
# player's own settings say (which stay as they are in settings.json).
PROJECTOR_UI_SCALE = 1.25
PROJECTOR_TEXT_SIZE = 1.2

# The window's height caps the interface scale at height / UI_SCALE_LINES (2.0 at 720 px,
# 3.0 at 1080 px) and body text at height / TEXT_LINES pixels.
UI_SCALE_LINES = 360
TEXT_LINES = 18
MIN_RING = 3  # px: the thinnest focus ring ever drawn

# role -> (size at 1280x720 and 100% text, bold, italic)
TYPE_SCALE = {
    "title": (50, True, False),
    "heading": (30, True, False),
    "subheading": (23, True, False),
    "body": (21, False, False),
    "body_bold": (21, True, False),
    "italic": (21, False, True),
    "small": (17, False, False),
    "small_bold": (17, True, False),
}

_FILES = {
    # (dyslexic, bold, italic) -> file; OpenDyslexic has no italic we ship, so it uses regular
    (False, False, False): "Lato-Regular.ttf", (False, True, False): "Lato-Bold.ttf",
    (False, False, True): "Lato-Italic.ttf",
    (True, False, False): "OpenDyslexic-Regular.otf", (True, True, False): "OpenDyslexic-Bold.otf",
    (True, False, True): "OpenDyslexic-Regular.otf",
}
# The display face for titles and screen headings: Vollkorn, a warm book serif (OFL, see
# assets/fonts/LICENSE-Vollkorn.txt). The dyslexia-friendly setting keeps OpenDyslexic for
# every role, headings too.
DISPLAY_FILE = "Vollkorn-SemiBold.ttf"
DISPLAY_ROLES = ("title", "heading")
DISPLAY_LINE_BOX = 1.15  # em: Vollkorn's letters, accents and descenders (text_draw.SetFont)
DISPLAY_FIGURES = "Lato-Bold.ttf"  # lining figures beside Vollkorn's old-style ones


class FontBook:
    """Loaded fonts by file and size: the ones the current theme uses, and a few spare.

    A theme asks for at most one font per role (8), so the last FONT_BOOK_SIZE fonts asked for
    always hold the current theme's; going back to a recent text size or window size reuses
    the spare ones. Older sizes are let go, not kept for ever.
    """

    def __init__(self) -> None:
        self._fonts: OrderedDict[tuple, SetFont] = OrderedDict()
        self._latest: weakref.ref | None = None  # the newest theme's rendered text

    def adopt(self, renders: ByteCache) -> None:
        """A new theme is in use: the one it replaces lets its rendered text go at once.

        Screens and their columns form reference cycles, so an old theme can wait a long time
        for the garbage collector; what it holds should not wait with it.
        """
        previous = self._latest() if self._latest else None
        if previous is not None and previous is not renders:
            previous.clear()
        self._latest = weakref.ref(renders)

    def get(self, file: str, size: int, letter: float = 0.0, word: float = 0.0,
            line_box: float = 0.0, figures: str = "") -> SetFont:
        """The font `file` at `size`, with `letter` and `word` spacing, its `line_box` and the
        file its digits come from, if another (text_draw.SetFont)."""
        key = (file, size, letter, word, line_box, figures)
        if key not in self._fonts:
            path, digits = FONTS / file, FONTS / figures if figures else None
            self._fonts[key] = SetFont(path if path.exists() else None, size, letter, word, line_box,
                                       digits if digits and digits.exists() else None)
            while len(self._fonts) > FONT_BOOK_SIZE:
                self._fonts.popitem(last=False)
        else:
            self._fonts.move_to_end(key)
        return self._fonts[key]


class RoleFonts:
    """role -> font, asked of the font book each time: a theme holds no font itself, so the
    sizes an old theme used go when the book lets them go."""

    __slots__ = ("_book", "_keys")

    def __init__(self, book: FontBook, keys: dict[str, tuple]):
        self._book, self._keys = book, keys

    def __getitem__(self, role: str) -> pygame.font.Font:
        return self._book.get(*self._keys[role])


class Theme:
    """Everything a screen needs to draw at the current window size and settings."""

    def __init__(self, settings: Settings, size: tuple[int, int], fonts: FontBook,
                 projector: bool = False):
        width, height = size
        self.settings = settings
        self.size = size
        self.projector = projector  # workshop mode: read from the back of a room
        self.palette = palette_for(settings)
        ui_scale, text_size = settings.ui_scale, settings.text_size
        if projector:
            ui_scale = max(ui_scale, PROJECTOR_UI_SCALE)
            text_size = max(text_size, PROJECTOR_TEXT_SIZE)
        # The interface scale and text size multiply; both are capped by the window's height,
        # so that a reading pane of several lines always fits (a bigger window lifts the cap).
        # The caps leave every step its own size on common screens (1280x720 and up): 200%
        # is bigger than 150% there. What a window cannot fit is said in settings (fit_note).
        base = max(0.8, min(width / 1280, height / 720, 1.7))
        self.asked_ui_scale, self.asked_text_size = ui_scale, text_size
        self.scale = min(base * ui_scale, height / UI_SCALE_LINES)
        self.ui_scale_shown = self.scale / base   # the interface scale the window really shows
        self.unit = max(4, round(8 * self.scale))           # the spacing step
        self.radius = max(4, round(10 * self.scale))
        # The focus ring (WCAG 2.2 focus appearance): at least 3 px, with a band of the panel
        # colour on each side, so that whatever it is drawn over it meets 3:1 (see ring_reach).
        self.ring = max(MIN_RING, round(3 * self.scale))
        self.ring_gap = max(1, self.ring // 2)
        text_scale = min(self.scale * text_size, height / TEXT_LINES / TYPE_SCALE["body"][0])
        self.text_size_shown = text_scale / self.scale
        keys = {}
        for role, (points, bold, italic) in TYPE_SCALE.items():
            file, box, figures = _FILES[(settings.dyslexic_font, bold, italic)], 0.0, ""
            if role in DISPLAY_ROLES and not settings.dyslexic_font:
                file, box, figures = DISPLAY_FILE, DISPLAY_LINE_BOX, DISPLAY_FIGURES
            # OpenDyslexic is much wider and taller for the same size: bring it back a little.
            factor = 0.86 if settings.dyslexic_font else 1.0
            keys[role] = (file, max(10, round(points * text_scale * factor)),
                          settings.letter_spacing, settings.word_spacing, box, figures)
        self._fonts = RoleFonts(fonts, keys)  # each loaded when first drawn: the title needs 4
        # rendered lines, least recently drawn let go first: bounded in bytes, not count
        self.renders: ByteCache = ByteCache(RENDER_CACHE_BYTES)
        fonts.adopt(self.renders)

    @property
    def ring_reach(self) -> int:
        """How far the focus ring reaches outside a button: gap, ring, and an outer gap."""
        return 2 * self.ring_gap + self.ring

    def ring_rect(self, rect: pygame.Rect) -> pygame.Rect:
        """Everything the focus ring of a button at `rect` covers."""
        reach = self.ring_reach
        return rect.inflate(2 * reach, 2 * reach)

    def fit_note(self) -> str:
        """For the settings: '' when the window shows text at the size the interface scale and
        text size ask for together; else what it shows and what would show more, in plain
        words (the caps above never act in silence)."""
        asked = self.asked_ui_scale * self.asked_text_size
        shown = self.ui_scale_shown * self.text_size_shown
        if shown >= asked * 0.97:
            return ""
        return (f"This window is too small for text at {round(asked * 100)}% (interface scale "
                f"times text size): it shows {round(shown * 100)}%. A larger window or full "
                "screen shows more.")

    def font(self, role: str) -> pygame.font.Font:
        return self._fonts[role]

    def line_height(self, role: str) -> int:
        # OpenDyslexic's glyph box is already tall: the same spacing setting needs less on top.
        spacing = self.settings.line_spacing * (0.8 if self.settings.dyslexic_font else 1.0)
        return round(self._fonts[role].get_height() * max(1.1, spacing))

    def colour(self, name: str) -> Colour:
        return getattr(self.palette, name)

    def render(self, text: str, role: str, colour: Colour) -> pygame.Surface:
        """A rendered line of text, cached: redraws reuse the same surfaces."""
        key = (text, role, colour)
        surface = self.renders.get(key)
        if surface is None:
            surface = render_line(self._fonts[role], text, colour)  # never raises, for any text
            if pygame.display.get_surface() is not None:
                surface = surface.convert_alpha()  # the display's format blits several times faster
            self.renders[key] = surface
            if len(self.renders) > 3000:
                self.renders.popitem(last=False)
        else:
            self.renders.move_to_end(key)
        return surface


def contrast(a: Colour, b: Colour) -> float:
    """WCAG contrast ratio of two colours."""
    def luminance(colour: Colour) -> float:
        channels = []
        for value in colour:
            c = value / 255
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        r, g, b_ = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
