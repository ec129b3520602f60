"""The branch map: the whole story as boxes and arrows, with the player's path highlighted.

It draws the same layout as the exported SVG map (story_map/layout), in the window's own
palette and type, and only what is in view: a large scenario at a large zoom would not fit in
one surface, and drawing a few dozen boxes and arrows is quicker than keeping one up to date.
Text is rendered by the theme at its own sizes (so the text size setting counts) and, when
zoomed, scaled from those renderings and kept until the zoom changes.

Keys: arrows (or drag, or the wheel) move; + and - (or Ctrl+wheel) zoom; 0 fits the width;
Home goes to the start; C or Enter centres on the player's scene; Esc or Backspace goes back.
"""
from __future__ import annotations

import pygame

from ....story import Scenario
from ....story_map import MapNode, build_map
from ....story_map.layout import BAND_FOOT, BAND_HEAD, MARGIN, WIDTH, Box, heading, lay_out
from ....story_map.lines import Polyline, polylines
from ....story_map.path import path_arrows, path_keys
from ....story_map.view import Viewport
from ...layout import wrap
from ...screen import Screen
from ...theme import Colour, Palette, Theme
from ..common import draw_footer, footer_fits, footer_height

ZOOM_STEP = 1.25
MOST_ZOOM = 2.0
SMALLEST_TEXT = 9  # pixels: text is never scaled smaller than this; titles get shorter instead
HINTS = ("Arrows or drag: move     + and \u2212 or Ctrl+wheel: zoom     0: fit the width     "
         "Home: the start     C: your scene     Esc: back",
         "Arrows: move   +/\u2212: zoom   0: fit   Home: start   C: your scene   Esc: back",
         "Esc: back     F1: keys")


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """`a` moved a fraction `t` of the way towards `b`."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def map_colours(palette: Palette, has_path: bool) -> dict[str, Colour]:
    """The map's colours, from the theme's palette (calm or high contrast). Off the path,
    lines and borders fade towards the background but stay clearly visible."""
    p = palette
    return {"band": mix(p.background, p.panel, 0.6), "band_alt": mix(p.background, p.soft, 0.6),
            "band_end": mix(p.background, p.shared, 0.5), "band_edge": p.border,
            "box": p.panel, "faded_box": mix(p.panel, p.background, 0.5), "ending": mix(p.panel, p.shared, 0.8),
            "edge": p.muted, "faded_edge": mix(p.border, p.muted, 0.25),
            "line": mix(p.muted, p.background, 0.5 if has_path else 0.2),
            "path": p.accent, "here": p.focus, "ink": p.ink, "muted": p.muted}


class BranchMapScreen(Screen):
    auto_focus = False

    def __init__(self, app, scenario: Scenario, role: str | None, path: list[str] | None = None,
                 title: str = ""):
        """The map of `scenario` as `role` (None: every role). `path`: the scene ids visited,
        in order, then the ending id if there is one (see story_map/path.run_path)."""
        super().__init__(app)
        self.story = build_map(scenario, role)
        layout = lay_out(self.story)
        self.boxes = [b for b in layout.boxes.values() if b.node is not None]
        self.bands = layout.bands
        self.path = path_keys(self.story, path or [])
        self.visited = set(self.path)
        taken = path_arrows(self.path)
        self.lines = sorted(polylines(layout), key=lambda line: self._on_path(line, taken))
        self.taken = taken  # the (from, to) map keys the path goes along
        who = f", as {self.story.roles[role]}" if role else ""
        self.title = title or f"Branch map: {scenario.title}{who}"
        self.start = next((b for b in self.boxes if b.node.start_for), self.boxes[0] if self.boxes else None)
        self.here = next((b for b in self.boxes if self.path and b.key == self.path[-1]), None)
        bottom = max((b[2] for b in self.bands), default=0.0)
        self.port = Viewport((layout.left - 14 - MARGIN, -BAND_HEAD - MARGIN,
                              layout.right + 14 + MARGIN, bottom + BAND_FOOT + MARGIN),
                             most_zoom=MOST_ZOOM)
        self.titles: dict[str, list[tuple[str, str, str]]] = {}
        self.drag_at: tuple[int, int] | None = None
        self._scaled: dict[tuple, pygame.Surface] = {}
        self._scaled_zoom = 1.0

    @staticmethod
    def _on_path(line: Polyline, taken: set) -> bool:
        return (line.edge.source, line.edge.target) in taken

    # -- layout --------------------------------------------------------------------------------
    def arrange(self, theme: Theme, size: tuple[int, int]):
        """The view between the header and the footer, at a scale where the theme's small text
        fits the boxes; the lines of each box. The first time, it shows the player's scene."""
        first = not self.port.width
        top = theme.line_height("subheading") + theme.line_height("small") + theme.unit * 3
        height = theme.font("small_bold").get_height()
        wide = theme.font("small_bold").size("abcdefghijklmnopqrstuvw")[0] / (WIDTH["scene"] - 20)
        tall = (3 * height + theme.unit) / (16 + 3 * 15.5 + 12.5)  # a 3-line title in its box
        self.port.place(0, top, size[0], size[1] - top - footer_height(theme, self._hints(theme)),
                        max(wide, tall))
        self.titles = {box.key: self._box_lines(theme, box) for box in self.boxes}
        self._scaled.clear()
        if first:
            self.centre_on_player(quietly=True)
        return []

    def _box_lines(self, theme: Theme, box: Box) -> list[tuple[str, str, str]]:
        """(text, font role, colour name) for the lines in a box, as many as fit at zoom 1."""
        node, pad, base = box.node, theme.unit, self.port.base
        tag = [(_tag(node), "small_bold", "muted")] if node.kind == "ending" or node.start_for else []
        inner = max(20, round(box.w * base) - 2 * pad - (28 if node.kind == "ending" else 0))
        # Lines are stacked at the font's height (no extra spacing: a box is not a paragraph).
        room = int((box.h * base - pad) // theme.font("small_bold").get_height()) - len(tag)
        title = list(wrap(theme.font("small_bold"), node.title, inner))
        if len(title) > max(1, room):
            title = title[:max(1, room)]
            title[-1] = title[-1].rstrip(" ,.;:") + "\u2026"
        return tag + [(line, "small_bold", "ink") for line in title]

    @property
    def view(self) -> pygame.Rect:
        """Where the map is drawn in the window."""
        return pygame.Rect(self.port.x, self.port.y, self.port.width, self.port.height)

    def _hints(self, theme: Theme) -> str:
        return next((h for h in HINTS if footer_fits(theme, h)), HINTS[-1])

    # -- moving about ------------------------------------------------------------------------------
    def go_to_start(self) -> bool:
        if self.start is None:
            return False
        self.port.show_from(self.start.x, self.start.y - BAND_HEAD - MARGIN)
        return True

    def centre_on_player(self, quietly: bool = False) -> bool:
        """Centre on the player's scene (or ending); with no path, show the start."""
        if self.here is None:
            if not quietly:
                self.app.say("There is no path to show yet: the story starts at the top.")
            return self.go_to_start()
        self.port.centre_on((self.here.x, self.here.y + self.here.h / 2))
        return True

    # -- input ----------------------------------------------------------------------------------
    def handle(self, action) -> bool:
        self.ensure_layout()
        port, name = self.port, action.name
        step = max(40, port.height // 6)
        moves = {"up": (0, -step), "down": (0, step), "left": (-step, 0), "right": (step, 0)}
        if name in moves:
            return port.pan(*moves[name])
        if name == "scroll":
            return self._scroll(action)
        if name in ("zoom_in", "zoom_out"):
            return port.set_zoom(port.zoom * (ZOOM_STEP if name == "zoom_in" else 1 / ZOOM_STEP))
        if name == "zoom_fit":
            return port.fit_width()
        if name in ("centre", "activate"):
            return self.centre_on_player()
        if name == "click":
            self.drag_at = action.pos
            return False
        if name == "hover":  # value 1: the left button is held, so the map follows the pointer
            last, self.drag_at = self.drag_at, action.pos if action.value else None
            return bool(action.value and last) and port.pan(last[0] - action.pos[0], last[1] - action.pos[1])
        if name in ("back", "undo"):
            self.back()
            return True
        return False

    def _scroll(self, action) -> bool:
        port = self.port
        if action.pos is None:  # keys: Page Up/Down, Home, End
            if abs(action.value) >= 100000:
                return self.go_to_start() if action.value < 0 else port.pan(0, 10 ** 9)
            return port.pan(0, action.value / 10 * port.height * 0.85)
        mods = pygame.key.get_mods()
        if mods & pygame.KMOD_CTRL:  # the wheel: up zooms in, around the pointer
            return port.set_zoom(port.zoom * ZOOM_STEP ** (-action.value / 3), action.pos)
        pixels = action.value * self.app.theme.line_height("body")
        return port.pan(pixels, 0) if mods & pygame.KMOD_SHIFT else port.pan(0, pixels)

    # -- drawing ----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        self.ensure_layout()
        theme = self.app.theme
        colours = map_colours(theme.palette, bool(self.path))
        surface.fill(theme.palette.background)
        surface.set_clip(self.view)
        seen = self.port.seen
        self._draw_bands(surface, colours)
        for line in self.lines:
            if _meets(line.bounds, seen):
                self._draw_line(surface, line, colours)
        for box in self.boxes:
            if _meets((box.x - box.w / 2, box.y, box.x + box.w / 2, box.y + box.h), seen):
                self._draw_box(surface, theme, box, colours)
        self._draw_headings(surface, theme, colours)
        if self.here is not None:
            self._draw_pin(surface, theme, self.here)
        surface.set_clip(None)
        self._draw_header(surface, theme, colours)
        draw_footer(surface, theme, self._hints(theme))

    def box_rect(self, box: Box) -> pygame.Rect:
        x, y = self.port.to_screen(box.x - box.w / 2, box.y)
        return pygame.Rect(round(x), round(y), round(box.w * self.port.scale), round(box.h * self.port.scale))

    def _draw_bands(self, surface, colours) -> None:
        x0, _, x1, _ = self.port.extent
        radius = max(2, round(12 * self.port.scale))
        for index, (band, top, low) in enumerate(self.bands):
            left, y = self.port.to_screen(x0 + MARGIN, top - BAND_HEAD)
            rect = pygame.Rect(round(left), round(y), round((x1 - x0 - 2 * MARGIN) * self.port.scale),
                               round((low - top + BAND_HEAD + BAND_FOOT) * self.port.scale))
            if not rect.colliderect(self.view):
                continue
            pygame.draw.rect(surface, self._band_fill(index, colours), rect, border_radius=radius)
            pygame.draw.rect(surface, colours["band_edge"], rect, width=1, border_radius=radius)

    def _band_fill(self, index: int, colours) -> Colour:
        if self.bands[index][0] >= len(self.story.chapters):
            return colours["band_end"]
        return colours["band" if index % 2 == 0 else "band_alt"]

    def _draw_line(self, surface, line: Polyline, colours) -> None:
        on_path = self._on_path(line, self.taken)
        points = [self.port.to_screen(x, y) for x, y in line.points]
        colour = colours["path" if on_path else "line"]
        width = max(3, round(4.5 * self.port.scale)) if on_path else max(1, round(1.2 * self.port.scale))
        if width == 1:
            pygame.draw.aalines(surface, colour, False, points)
        else:
            pygame.draw.lines(surface, colour, False, points, width)
            for point in points[1:-1]:  # round joints: no notches where a thick line turns
                pygame.draw.circle(surface, colour, point, width / 2)
        _arrowhead(surface, colour, points, max(6, min(22, (13 if on_path else 8) * self.port.scale)))

    def _draw_box(self, surface, theme: Theme, box: Box, colours) -> None:
        node, rect = box.node, self.box_rect(box)
        on_path = node.key in self.visited
        faded = bool(self.path) and not on_path
        border = colours["path"] if on_path else colours["faded_edge" if faded else "edge"]
        thick = max(3, round(3 * self.port.scale)) if on_path else (3 if node.start_for else 1)
        fill = colours["ending"] if node.kind == "ending" else colours["faded_box" if faded else "box"]
        if node.kind == "ending":  # a six-sided badge: an ending, whatever the colours
            inset = min(rect.height / 2, 14 * self.port.scale)
            shape = [(rect.x + inset, rect.y), (rect.right - inset, rect.y), (rect.right, rect.centery),
                     (rect.right - inset, rect.bottom), (rect.x + inset, rect.bottom), (rect.x, rect.centery)]
            pygame.draw.polygon(surface, fill, shape)
            pygame.draw.polygon(surface, border, shape, thick)
        else:
            radius = rect.height // 2 if node.kind == "hub" else max(2, round(9 * self.port.scale))
            pygame.draw.rect(surface, fill, rect, border_radius=radius)
            pygame.draw.rect(surface, border, rect, width=thick, border_radius=radius)
        self._draw_box_text(surface, theme, box, rect, "muted" if faded else None, colours)

    def _draw_box_text(self, surface, theme: Theme, box: Box, rect: pygame.Rect, faded, colours) -> None:
        """The box's lines, scaled with the map; zoomed far out, its title alone on one line
        at a size that can still be read, cut short to fit (or nothing, when even that cannot)."""
        height = theme.font("small_bold").get_height()
        lines, factor = self.titles[box.key], self.port.zoom
        if height * self.port.zoom < SMALLEST_TEXT:
            factor = SMALLEST_TEXT / height
            title = self._overview_title(theme, box, rect.width - 4, factor)
            if not title:
                return
            lines = [(title, "small_bold", "ink")]
        images = [self._text(theme, text, role, colours[faded or colour], factor)
                  for text, role, colour in lines]
        y = rect.centery - sum(i.get_height() for i in images) / 2
        for image in images:
            surface.blit(image, image.get_rect(midtop=(rect.centerx, round(y))))
            y += image.get_height()

    def _overview_title(self, theme: Theme, box: Box, room: int, factor: float) -> str:
        """The title on one line that fits `room` pixels at `factor`, cut at a word with "…"."""
        font = theme.font("small_bold")
        words = " ".join(text for text, _, colour in self.titles[box.key] if colour == "ink").split()
        text = " ".join(words)
        while words and font.size(text)[0] * factor > room:
            words.pop()
            text = " ".join(words).rstrip(",.;:") + "\u2026"
        return text if words else ""

    def _text(self, theme: Theme, text: str, role: str, colour: Colour, factor: float) -> pygame.Surface:
        """Text from the theme's cache, scaled by `factor` (kept until the zoom changes)."""
        image = theme.render(text, role, colour)
        if abs(factor - 1.0) < 0.02:
            return image
        if self._scaled_zoom != self.port.zoom:
            self._scaled.clear()
            self._scaled_zoom = self.port.zoom
        key = (text, role, colour, factor)
        if key not in self._scaled:
            size = (max(1, round(image.get_width() * factor)), max(1, round(image.get_height() * factor)))
            self._scaled[key] = pygame.transform.smoothscale(image, size)
        return self._scaled[key]

    def _draw_headings(self, surface, theme: Theme, colours) -> None:
        """Each chapter's name at the top left of its band, kept in view while the band is."""
        pad = theme.unit
        x0 = self.port.extent[0] + MARGIN
        # As big as the theme says, or as the band's head when zoomed out: not over the boxes.
        factor = min(1.0, max(SMALLEST_TEXT, 0.7 * BAND_HEAD * self.port.scale) /
                     theme.font("small_bold").get_height())
        for index, (band, top, low) in enumerate(self.bands):
            image = self._text(theme, heading(self.story, band), "small_bold", colours["ink"], factor)
            left, y_top = self.port.to_screen(x0, top - BAND_HEAD)
            _, y_low = self.port.to_screen(x0, low + BAND_FOOT)
            x = max(left + pad, self.view.x + pad)
            y = min(max(y_top + pad // 2, self.view.y + pad // 2), y_low - image.get_height() - pad)
            if y + image.get_height() < self.view.y or y > self.view.bottom:
                continue
            back = image.get_rect(topleft=(x, y)).inflate(pad * 2, pad // 2)
            pygame.draw.rect(surface, self._band_fill(index, colours), back, border_radius=theme.radius)
            surface.blit(image, (x, y))

    def _draw_pin(self, surface, theme: Theme, box: Box) -> None:
        """"You are here" (or "Your ending") over the player's box: at the theme's size, or
        (zoomed out) a little bigger than the titles, so as not to hide the boxes around."""
        rect = self.box_rect(box).inflate(theme.ring * 4, theme.ring * 4)
        pygame.draw.rect(surface, theme.palette.focus, rect, width=theme.ring, border_radius=theme.radius)
        words = "Your ending" if box.node.kind == "ending" else "You are here"
        factor = min(1.0, max(self.port.zoom, 1.3 * SMALLEST_TEXT / theme.font("small_bold").get_height()))
        image = self._text(theme, words, "small_bold", theme.palette.on_accent, factor)
        # Above the box's left end: arrows come in near the middle of its top.
        tag = image.get_rect().inflate(round(theme.unit * 2 * factor), round(theme.unit // 2 * factor))
        tag.bottomleft = (rect.x, rect.y + theme.ring)
        pygame.draw.rect(surface, theme.palette.focus, tag, border_radius=theme.radius)
        surface.blit(image, image.get_rect(center=tag.center))

    def _draw_header(self, surface, theme: Theme, colours) -> None:
        width, unit = surface.get_width(), theme.unit
        pygame.draw.rect(surface, theme.palette.background, (0, 0, width, self.view.y))
        pygame.draw.line(surface, theme.palette.border, (0, self.view.y - 1), (width, self.view.y - 1))
        fits = wrap(theme.font("subheading"), self.title, width - unit * 4)
        title = theme.render(fits[0] + ("\u2026" if len(fits) > 1 else ""), "subheading", theme.palette.ink)
        surface.blit(title, (unit * 2, unit))
        zoom = theme.render(f"Zoom {round(self.port.zoom * 100)}%", "small", theme.palette.muted)
        if title.get_width() + zoom.get_width() + unit * 6 < width:
            surface.blit(zoom, zoom.get_rect(topright=(width - unit * 2, unit)))
        self._draw_legend(surface, theme, colours, (unit * 2, unit + theme.line_height("subheading")))

    def _draw_legend(self, surface, theme: Theme, colours, at: tuple[int, int]) -> None:
        """A swatch and its words for each mark: what is drawn by shape, not only colour."""
        x, y = at
        line_h, unit = theme.line_height("small"), theme.unit
        mid = y + line_h // 2
        items = [("path", "your path")] if self.path else []
        items += [("here", "you are here" if self.here is None or self.here.node.kind != "ending"
                   else "your ending")] if self.here else []
        items += [("ending", "an ending"), ("start", "the start")]
        for kind, words in items:
            image = theme.render(words, "small", theme.palette.ink)
            swatch = pygame.Rect(x, 0, line_h * 3 // 2, line_h * 2 // 3)  # as big as the words
            swatch.centery = mid
            if swatch.right + unit + image.get_width() > surface.get_width() - unit * 2:
                break
            if kind == "path":
                pygame.draw.line(surface, colours["path"], swatch.midleft, swatch.midright, max(3, unit // 2))
            elif kind == "ending":
                inset = swatch.height // 2
                pygame.draw.polygon(surface, colours["edge"], [
                    (swatch.x + inset, swatch.y), (swatch.right - inset, swatch.y), swatch.midright,
                    (swatch.right - inset, swatch.bottom), (swatch.x + inset, swatch.bottom), swatch.midleft], 2)
            else:
                pygame.draw.rect(surface, colours["here"] if kind == "here" else colours["edge"], swatch,
                                 width=max(2, theme.ring), border_radius=unit // 2)
            surface.blit(image, (swatch.right + unit, mid - image.get_height() // 2))
            x = swatch.right + unit * 4 + image.get_width()


def _tag(node: MapNode) -> str:
    return "ENDING" if node.kind == "ending" else "START"


def _meets(a: tuple, b: tuple) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _arrowhead(surface, colour: Colour, points: list, size: float) -> None:
    """A filled triangle at the last point, pointing the way the line arrives."""
    (x0, y0), (x1, y1) = next(((p, points[-1]) for p in reversed(points[:-1]) if p != points[-1]),
                              (points[0], points[-1]))
    length = max(1e-6, ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    back = (x1 - ux * size, y1 - uy * size)
    pygame.draw.polygon(surface, colour, [(x1, y1), (back[0] - uy * size / 2, back[1] + ux * size / 2),
                                          (back[0] + uy * size / 2, back[1] - ux * size / 2)])
