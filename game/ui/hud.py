"""The meters: trust, power balance and outcome, and every other number that can decide an
ending (such as energy), with their numbers; and the rung of the latest decision.

Meaning is never carried by colour alone: every meter has its label and number in text, and the
power balance is a two-sided scale with "shared" marked in the middle. The rung is the author's
judgement of the option last taken, never a reading of the meters: "No decision yet" before the
first, and "off the ladder" for an option that abdicates.

With the "hide the meters until the debrief" setting, the panel shows one line instead, for
players who read the numbers as a grade; the debrief still shows everything.
"""
from __future__ import annotations

import pygame

from ..report import ladder
from ..report.readings import change_words
from ..story import Change, Rung, Run, Scenario
from ..story.debrief import power_words
from ..story.model import Variable
from .layout import Column, wrap
from .theme import Theme


def meters(run: Run) -> list[Variable]:
    """Headline meters first, then any other numbers the scenario tracks (such as energy):
    every number that can decide an ending is among them."""
    return [v for v in run.scenario.meters if v.kind == "number"]


def label(variable: Variable) -> str:
    return "Power balance" if variable.name == "power" and variable.label == "Power" else variable.label


def number(value: float, signed: bool = False) -> str:
    text = f"{value:g}"
    if signed and value > 0:
        text = "+" + text
    return text.replace("-", "\u2212")


def change_head(scenario: Scenario, change: Change) -> str:
    """What one change did, without its reason: 'Trust +8 (now 58)', 'Energy already at its
    lowest (0), so −2 could not count' (the same words as the terminal and the reports)."""
    variable = scenario.variables.get(change.name)
    return change_words(change, label(variable) if variable else change.name)


def hidden_change_head(scenario: Scenario, change: Change) -> str:
    """What one change touched, without numbers, for the hidden meters: 'Trust'. A change
    that is not a number (such as a flag) keeps its words."""
    if not isinstance(change.after, (int, float)) or isinstance(change.after, bool):
        return change_head(scenario, change)
    variable = scenario.variables.get(change.name)
    return label(variable) if variable else change.name


def rung_words(rung: Rung | None) -> tuple[str, str]:
    """The rung of the latest decision as a heading and a line under it: ('Last decision: Rung
    5, Co-design', 'Doing with. Members shape the design, but not the delivery.')."""
    if rung is None:
        return ladder.NO_DECISION, "The rung of each decision you take shows here."
    if not rung.on_ladder:
        return ladder.last_decision(rung), rung.signature
    return ladder.last_decision(rung), f"{rung.group.capitalize()}. {rung.signature}"


def draw_bar(surface: pygame.Surface, rect: pygame.Rect, theme: Theme, variable: Variable,
             value: float, colour: tuple[int, int, int]) -> None:
    palette = theme.palette
    low, high = variable.minimum or 0, variable.maximum or 100
    share = (value - low) / (high - low) if high > low else 0
    pygame.draw.rect(surface, palette.panel, rect, border_radius=rect.height // 2)
    filled = pygame.Rect(rect.x, rect.y, max(rect.height, round(rect.width * share)), rect.height)
    if share > 0:
        pygame.draw.rect(surface, colour, filled, border_radius=rect.height // 2)
    pygame.draw.rect(surface, palette.muted, rect, width=1, border_radius=rect.height // 2)


def draw_power(surface: pygame.Surface, rect: pygame.Rect, theme: Theme, variable: Variable,
               value: float) -> None:
    """A two-sided scale: staff decide on the left, staff withdrew on the right, shared between."""
    palette = theme.palette
    low, high = variable.minimum or -100, variable.maximum or 100
    track = pygame.Rect(rect.x, rect.y + theme.unit // 2, rect.width, max(6, theme.unit * 3 // 2))
    band = pygame.Rect(0, track.y, round(track.width * 40 / (high - low)), track.height)
    centre_x = rect.x + round(rect.width * (0 - low) / (high - low))
    band.centerx = centre_x
    pygame.draw.rect(surface, palette.panel, track, border_radius=track.height // 2)
    pygame.draw.rect(surface, palette.shared, band)
    pygame.draw.rect(surface, palette.muted, track, width=1, border_radius=track.height // 2)
    pygame.draw.line(surface, palette.ink, (centre_x, track.y - 3), (centre_x, track.bottom + 2), 2)
    x = rect.x + round(rect.width * (value - low) / (high - low))
    thumb = pygame.Rect(0, 0, max(6, track.height), track.height * 2 + 4)
    thumb.center = (min(max(x, rect.x + thumb.width // 2), rect.right - thumb.width // 2), track.centery)
    pygame.draw.rect(surface, palette.power, thumb, border_radius=thumb.width // 2)
    pygame.draw.rect(surface, palette.ink, thumb, width=1, border_radius=thumb.width // 2)
    words = [("staff decide", "left"), ("shared", "center"), ("staff withdrew", "right")]
    images = [theme.render(text, "small", palette.muted) for text, _ in words]
    y = thumb.bottom + theme.unit // 2
    left = images[0].get_rect(topleft=(rect.x, y))
    middle = images[1].get_rect(midtop=(centre_x, y))
    right = images[2].get_rect(topright=(rect.right, y))
    surface.blit(images[1], middle)
    if left.right + theme.unit <= middle.left and middle.right + theme.unit <= right.left:
        surface.blit(images[0], left)
        surface.blit(images[2], right)


def power_scale_height(theme: Theme) -> int:
    return max(6, theme.unit * 3 // 2) * 2 + theme.unit * 2 + theme.font("small").get_height()


def colour_for(theme: Theme, variable: Variable) -> tuple[int, int, int]:
    palette = theme.palette
    if variable.name in ("trust", "power", "outcome"):
        return getattr(palette, variable.name)
    return palette.other or palette.accent


HIDDEN_WORDS = "Meters hidden until the debrief (Settings)"


def hidden(column: Column) -> bool:
    """With the meters hidden, put the one line that says so and answer True."""
    if not column.theme.settings.hide_meters:
        return False
    column.text(HIDDEN_WORDS, "small", "muted", after=0.5)
    return True


def full_hud(column: Column, run: Run) -> None:
    """The meters stacked in a side panel, each with its label, number and bar."""
    if hidden(column):
        return
    theme = column.theme
    values = run.values
    column.text("Where things stand", "subheading", after=0.75)
    for variable in meters(run):
        value = values[variable.name]
        column.text(f"{label(variable)}: {number(value, variable.name == 'power')}",
                    "body_bold" if variable.headline else "small_bold", after=0.4)
        if variable.name == "power":
            column.text(power_words(value).capitalize(), "small", "muted", after=0.5)
            column.drawing(power_scale_height(theme),
                           lambda s, r, v=variable, x=value: draw_power(s, r, theme, v, x))
        else:
            column.drawing(theme.unit * 2,
                           lambda s, r, v=variable, x=value: draw_bar(s, r, theme, v, x, colour_for(theme, v)))
    rung = run.rung
    _, signature = rung_words(rung)
    column.text("Ladder: your last decision", "small_bold", "muted", after=0.25)
    column.text(ladder.NO_DECISION if rung is None else rung.label, "body_bold",
                "fall" if rung is not None and not rung.on_ladder else "ink", after=0.25)
    column.text(signature, "small", "muted", after=0)


def compact_rung(rung: Rung | None) -> str:
    """The rung of the latest decision as a short chip: 'Last decision: rung 5, Co-design'."""
    if rung is None:
        return ladder.NO_DECISION
    if not rung.on_ladder:
        return "Last decision: off the ladder"
    return f"Last decision: rung {rung.number}, {rung.name}"


def chips(run: Run) -> list[tuple[str, Variable | None, float]]:
    """The compact HUD's chips: (words, the variable its bar shows or None, value). Every
    number is there with its label; the last chip is the rung of the latest decision."""
    values = run.values
    found: list[tuple[str, Variable | None, float]] = []
    for variable in meters(run):
        value = values[variable.name]
        text = f"{label(variable)} {number(value, variable.name == 'power')}"
        if variable.name == "power" and abs(value) < 20:
            text += " (shared)"
        found.append((text, variable, value))
    found.append((compact_rung(run.rung), None, 0))
    return found


def bar_thickness(theme: Theme) -> int:
    """How thick a compact meter's bar is: never a hairline (6 px at least), growing with the
    interface scale."""
    return max(MIN_BAR, theme.unit)


MIN_BAR = 6  # px


def meter_strip(column: Column, run: Run) -> None:
    """The meters as one line across the page, for small windows and large text: each
    meter's name and number with a bar under it (wrapping onto a second line only when one
    cannot hold them), then one short line on the power balance and the last decision's rung.
    The full panel, with what each end of the power scale means and the rung explained, is
    in the drawer (the Meters button, MetersScreen)."""
    if hidden(column):
        return
    theme = column.theme
    font = theme.font("small_bold")
    bar = bar_thickness(theme)
    gap = theme.unit * 2
    step = theme.line_height("small")
    values = run.values
    cells = []
    for variable in meters(run):
        value = values[variable.name]
        text = wrap(font, f"{variable.label} {number(value, variable.name == 'power')}", column.width)[0]
        cells.append((text, variable, value, max(font.size(text)[0], theme.unit * 8)))
    rows: list[list] = [[]]
    used = 0
    for cell in cells:
        if rows[-1] and used + gap + cell[3] > column.width:
            rows.append([])
            used = 0
        used += (gap if rows[-1] else 0) + cell[3]
        rows[-1].append(cell)
    height = step + bar + theme.unit // 2
    placed = []
    first_spare = None
    for number_, row in enumerate(rows):
        # the row's spare width is shared out, so the bars are as long as they can be; a
        # shorter last row takes no more than the first did, so its bars match theirs
        spare = (column.width - sum(c[3] for c in row) - gap * (len(row) - 1)) // max(1, len(row))
        first_spare = spare if first_spare is None else min(spare, first_spare)
        spare = first_spare
        x = 0
        for text, variable, value, width in row:
            placed.append((pygame.Rect(x, number_ * (height + theme.unit), width + spare, height),
                           text, variable, value))
            x += width + spare + gap

    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        for area, text, variable, value in placed:
            area = area.move(rect.x, rect.y)
            surface.blit(theme.render(text, "small_bold", theme.palette.ink), area.topleft)
            track = pygame.Rect(area.x, area.bottom - bar, area.width, bar)
            if variable.name == "power":
                draw_small_power(surface, theme, track, variable, value, bar)
            else:
                draw_bar(surface, track, theme, variable, value, colour_for(theme, variable))

    drawing = column.drawing(len(rows) * (height + theme.unit) - theme.unit, draw, after=0.5)
    drawing.words[:] = [text for _, text, _, _ in placed]
    power = next((v for v in meters(run) if v.name == "power"), None)
    words = f"{label(power)}: {power_words(values['power'])}. " if power is not None else ""
    column.text(words + compact_rung(run.rung) + ".", "small", "muted", after=0.5)


POWER_SCALE_WORDS = "On its scale: staff decide on the left, shared in the middle, staff withdrew on the right."


def compact_hud(column: Column, run: Run) -> None:
    """The same readings as the side panel, as short chips that wrap, for narrow windows and
    large text. Nothing is cut: a chip too wide for the column wraps onto more lines, and the
    words under the full panel's bars (what the power balance means, its scale's ends, the
    rung's explanation) follow the chips."""
    if hidden(column):
        return
    theme = column.theme
    font = theme.font("small_bold")
    gap = theme.unit * 2
    bar = bar_thickness(theme)
    step = theme.line_height("small")
    off_ladder = run.rung is not None and not run.rung.on_ladder
    placed = []
    x = y = row_height = 0
    for text, variable, value in chips(run):
        lines = wrap(font, text, column.width)
        width = max(font.size(line)[0] for line in lines)
        height = step * len(lines) + bar + theme.unit // 2
        if x and x + width > column.width:
            x, y, row_height = 0, y + row_height + theme.unit, 0
        colour = "fall" if variable is None and off_ladder else "ink"
        placed.append((pygame.Rect(x, y, width, height), lines, variable, value, colour))
        row_height = max(row_height, height)
        x += width + gap

    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        for area, lines, variable, value, colour in placed:
            area = area.move(rect.x, rect.y)
            for number, line in enumerate(lines):
                surface.blit(theme.render(line, "small_bold", theme.colour(colour)),
                             (area.x, area.y + number * step))
            if variable is None:
                continue
            track = pygame.Rect(area.x, area.bottom - bar, area.width, bar)
            if variable.name == "power":  # the same two-sided scale, small: shared in the middle
                draw_small_power(surface, theme, track, variable, value, bar)
            else:
                draw_bar(surface, track, theme, variable, value, colour_for(theme, variable))

    drawing = column.drawing(y + row_height, draw, after=0.5)
    drawing.words[:] = [line for _, lines, _, _, _ in placed for line in lines]  # as drawn
    power = next((v for v in meters(run) if v.name == "power"), None)
    if power is not None:
        column.text(f"{label(power)}: {power_words(run.values['power'])}. {POWER_SCALE_WORDS}",
                    "small", "muted", after=0.5)
    _, signature = rung_words(run.rung)
    column.text(signature, "small", "muted", after=0.5)


def draw_small_power(surface: pygame.Surface, theme: Theme, track: pygame.Rect,
                      variable: Variable, value: float, bar: int) -> None:
    low, high = variable.minimum or -100, variable.maximum or 100
    centre = track.x + round(track.width * -low / (high - low))
    band = pygame.Rect(0, track.y, max(2, round(track.width * 40 / (high - low))), track.height)
    band.centerx = centre
    pygame.draw.rect(surface, theme.palette.panel, track)
    pygame.draw.rect(surface, theme.palette.shared, band)
    pygame.draw.rect(surface, theme.palette.muted, track, width=1)
    pygame.draw.line(surface, theme.palette.ink, (centre, track.y - 2), (centre, track.bottom + 1), 1)
    spot = track.x + round(track.width * (value - low) / (high - low))
    pygame.draw.circle(surface, theme.palette.power, (spot, track.centery), bar)
    pygame.draw.circle(surface, theme.palette.ink, (spot, track.centery), bar, width=1)
