"""Two reading settings: colour-blind-safe meter colours, and the meters hidden until the debrief.

The colours are checked as a colour-blind player would see them: each meter colour goes through
the simulation matrices of Machado, Oliveira and Fernandes (2009, "A physiologically-based model
for simulation of color vision deficiency", severity 1.0), applied to linear RGB, and the results
are compared in CIELAB (D65). Two colours count as apart when their CIE76 difference is at least
20: a difference of about 2.3 is just noticeable side by side, and 20 is a deliberately large
margin for thin bars and chart lines read at a glance, apart from each other on screen.
"""
from __future__ import annotations

import itertools
import re

import pygame
import pytest

from conftest import FIXTURES
from game.ui.app import App
from game.ui.hud import HIDDEN_WORDS
from game.ui.screens.debrief.screen import DebriefScreen
from game.ui.screens.play.ending import EndingScreen
from game.ui.settings import Settings
from game.ui.theme import CALM, HIGH_CONTRAST, contrast, palette_for
from drive_window import finish, key, press, start_game

APART = 20.0      # CIE76 difference two meter colours keep under every simulation
GRAPHICS = 3.0    # WCAG 2.1 non-text contrast (1.4.11) of a meter against its panel

# Machado et al. 2009, severity 1.0: linear RGB in, linear RGB out.
SIMULATIONS = {
    "protanopia": ((0.152286, 1.052583, -0.204868),
                   (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968),
                     (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779),
                   (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def linear(colour) -> tuple[float, float, float]:
    """sRGB 0-255 to linear light 0-1 (IEC 61966-2-1)."""
    out = []
    for value in colour:
        c = value / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return tuple(out)


def simulate(colour, vision: str) -> tuple[float, float, float]:
    """Linear RGB as seen with the given colour vision (clipped to the gamut)."""
    rgb = linear(colour)
    if vision == "typical":
        return rgb
    matrix = SIMULATIONS[vision]
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in matrix)


def lab(rgb) -> tuple[float, float, float]:
    """Linear sRGB to CIELAB, D65 white."""
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a, b, vision: str) -> float:
    """CIE76 difference of two sRGB colours as seen with `vision`."""
    first, second = lab(simulate(a, vision)), lab(simulate(b, vision))
    return sum((p - q) ** 2 for p, q in zip(first, second)) ** 0.5


def meter_colours(palette) -> dict[str, tuple[int, int, int]]:
    """Every colour a meter is drawn in: trust, power, outcome, and any other meter."""
    return {"trust": palette.trust, "power": palette.power, "outcome": palette.outcome,
            "other": palette.other or palette.accent}


def collapses(palette) -> list[str]:
    """The pairs of meter colours that fall together, with how far apart they stay."""
    found = []
    for vision in ["typical", *SIMULATIONS]:
        for (a, ca), (b, cb) in itertools.combinations(meter_colours(palette).items(), 2):
            difference = delta_e(ca, cb, vision)
            if difference < APART:
                found.append(f"{vision}: {a} and {b} only {difference:.1f} apart")
    return found


def test_the_simulation_is_the_published_one():
    # Each row keeps white white (the matrices are normalised so), and it does what it is for:
    # pure red and green, far apart for typical vision, come close for deuteranopia.
    for matrix in SIMULATIONS.values():
        for row in matrix:
            assert sum(row) == pytest.approx(1.0, abs=2e-3)
    assert delta_e((200, 0, 0), (0, 140, 0), "typical") > 80
    assert delta_e((200, 0, 0), (0, 140, 0), "deuteranopia") < 25
    assert delta_e((0, 0, 255), (0, 160, 0), "typical") > 100


@pytest.mark.parametrize("high_contrast", [False, True], ids=["calm", "high contrast"])
def test_colour_safe_meters_stay_apart_for_every_colour_blindness(high_contrast):
    palette = palette_for(Settings(colour_safe=True, high_contrast=high_contrast))
    base = HIGH_CONTRAST if high_contrast else CALM
    assert palette.ink == base.ink and palette.accent == base.accent  # only the meters change
    assert collapses(palette) == []


@pytest.mark.parametrize("high_contrast", [False, True], ids=["calm", "high contrast"])
def test_colour_safe_meters_stand_out_from_their_panel(high_contrast):
    palette = palette_for(Settings(colour_safe=True, high_contrast=high_contrast))
    for name, colour in meter_colours(palette).items():
        assert contrast(colour, palette.panel) >= GRAPHICS, name


@pytest.mark.parametrize("palette", [CALM, HIGH_CONTRAST], ids=["calm", "high contrast"])
def test_the_default_meters_collapse_which_is_why_the_setting_exists(palette):
    lost = collapses(palette)
    assert "protanopia: trust and power" in " ".join(lost)
    assert "deuteranopia: trust and power" in " ".join(lost)
    assert palette_for(Settings(high_contrast=palette is HIGH_CONTRAST)) == palette


def hud_pixels(app: App) -> set[tuple[int, int, int]]:
    """Every colour drawn in the play screen's side panel."""
    app.step([])
    rect = app.top.hud_rect
    assert rect is not None
    surface = app.surface
    return {tuple(surface.get_at((x, y)))[:3]
            for x in range(rect.left, rect.right, 1) for y in range(rect.top, rect.bottom, 2)}


@pytest.mark.parametrize("high_contrast", [False, True], ids=["calm", "high contrast"])
def test_the_window_draws_the_meters_in_the_safe_colours(saves, high_contrast):
    settings = Settings(text_speed="instant", high_contrast=high_contrast, colour_safe=True)
    app = App([FIXTURES / "tiny"], saves, settings=settings)
    start_game(app)
    seen = hud_pixels(app)
    safe, base = app.theme.palette, HIGH_CONTRAST if high_contrast else CALM
    assert safe.trust in seen and safe.outcome in seen
    assert base.trust not in seen and base.outcome not in seen
    app.settings.colour_safe = False  # and back, at once, as the settings screen does
    app.apply_settings()
    seen = hud_pixels(app)
    assert base.trust in seen and safe.trust not in seen
    pygame.quit()


def texts(app: App) -> list[str]:
    """Every piece of text on the top screen, all panes, its wrapped lines joined."""
    app.top.ensure_layout()
    return [" ".join(line[1] for line in item.lines)
            for pane in app.top.panes for item in pane.column.texts]


NUMBERS = re.compile(r"\d")


def meter_marks(play) -> list:
    """The side panel's bars (its pane is the last), and any words drawn as chips."""
    bars = play.panes[-1].column.drawings if play.hud_rect is not None else []
    chips = [word for pane in play.panes for drawing in pane.column.drawings
             for word in drawing.words]
    return bars + chips


@pytest.mark.parametrize("size, text_size", [((1280, 720), 1.0), ((800, 600), 2.0)],
                         ids=["side panel", "compact chips"])
def test_hidden_meters_show_no_numbers_until_the_debrief(saves, size, text_size):
    app = App([FIXTURES / "tiny"], saves, size=size,
              settings=Settings(text_speed="instant", hide_meters=True, text_size=text_size))
    play = start_game(app)
    shown = texts(app)
    assert HIDDEN_WORDS in shown
    assert not [line for line in shown if line.startswith(("Trust", "Power", "Outcome", "Where"))]
    assert meter_marks(play) == []  # no bars, no chips
    press(app, key(pygame.K_1))              # Offer to pay everyone: trust +15
    assert play.phase == "outcome"
    shown = texts(app)
    assert "Trust" in shown and "People felt valued (respect)" in shown  # what moved, and why
    after = shown[shown.index("What changed"):]
    assert not [line for line in after if NUMBERS.search(line)], after
    press(app, key(pygame.K_h))              # the history names the change, with no number
    history = texts(app)
    assert "Trust \u2014 People felt valued" in history, history
    assert not [line for line in history if NUMBERS.search(line) and "\u2014" in line], history
    press(app, key(pygame.K_ESCAPE))
    finish(app, play)
    assert isinstance(app.top, EndingScreen)
    app.top.debrief()
    debrief = app.top
    assert isinstance(debrief, DebriefScreen)
    debrief.go(debrief.steps.index("description"))
    shown = " ".join(texts(app))
    # the debrief shows everything: its "Where it ended" table, meter by meter
    assert "Where it ended Meter Start End Change Trust 50 75 +25 Power balance 0 0" in shown, shown
    pygame.quit()


@pytest.mark.parametrize("size, text_size", [((1280, 720), 1.0), ((800, 600), 2.0)],
                         ids=["side panel", "compact chips"])
def test_with_the_meters_shown_the_numbers_are_there(saves, size, text_size):
    # the same checks fail with the setting off: they can tell the two apart
    app = App([FIXTURES / "tiny"], saves, size=size,
              settings=Settings(text_speed="instant", text_size=text_size))
    play = start_game(app)
    shown = texts(app)
    assert HIDDEN_WORDS not in shown
    assert any(line.startswith(("Trust: ", "Power balance: ")) for line in shown)
    assert meter_marks(play)  # bars or chips
    press(app, key(pygame.K_1))
    assert "Trust +15 (now 65)" in texts(app)
    pygame.quit()
