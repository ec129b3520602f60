"""Every screen fits and the focus is always seen whole (issues 14 and 15): on every screen the
shots walk through (a decision with its options, a locked option, the end card, each debrief
step, records, compare, workshop mode and its projector layout), at every tested size, text
size and theme, nothing is clipped or laid over anything else (window_fit.fit_problems), and
each button Tab reaches has its whole ring in its pane's visible area and in the window, drawn
at least 3 px wide with 3:1 against the pixels on both sides of it.
Also: re-layouts bring the focus back into view, compact panels keep every word, and the
interface scale does what it says (or the settings say what the window can fit)."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pygame
import pytest
from conftest import FIXTURES, ROOT
from drive_window import fit_problems, key, labels, press, start_game, tab_to

import game.ui.theme as theme_module
from game.story import Run
from game.ui.actions import Action
from game.ui.app import App
from game.ui.hud import compact_hud
from game.ui.layout import Column
from game.ui.screens.menus.settings import SettingsScreen
from game.ui.settings import Settings
from game.ui.theme import FontBook, Palette, Theme, contrast

SIZES = [(800, 600), (1280, 720), (1920, 1080)]


# -- the checks ------------------------------------------------------------------------------
def ring_problems(app: App, where: str) -> list[str]:
    """What is wrong with the focused button's ring on the top screen, as drawn: [] when it is
    all inside its pane's visible area and the window, and every edge shows the ring."""
    screen = app.top
    ring = screen.focus_ring_rect()
    if ring is None:
        return []
    pane = screen.pane_of(screen.focused)
    name = f"{where}: {screen.focused.label!r}"
    window = pygame.Rect((0, 0), app.surface.get_size())
    if not window.contains(ring):
        return [f"{name}: ring {ring} leaves the window {window}"]
    if not screen.ring_area(pane).contains(ring):
        return [f"{name}: ring {ring} is cut by its pane ({screen.ring_area(pane)})"]
    app.notice = ""
    app.dirty = True
    app.step([])
    return [f"{name}: {problem}" for problem in drawn_ring_problems(app.surface, app.theme, ring)]


def drawn_ring_problems(surface: pygame.Surface, theme: Theme, ring: pygame.Rect) -> list[str]:
    """Read the pixels across the middle of each side of the ring: the ring colour for at least
    3 px, and on both sides of it colours at 3:1 or more against it."""
    focus = tuple(theme.palette.focus)
    problems = []
    for side, points in (("top", [(ring.centerx, ring.top + i) for i in range(theme.ring_reach)]),
                         ("bottom", [(ring.centerx, ring.bottom - 1 - i) for i in range(theme.ring_reach)]),
                         ("left", [(ring.left + i, ring.centery) for i in range(theme.ring_reach)]),
                         ("right", [(ring.right - 1 - i, ring.centery) for i in range(theme.ring_reach)])):
        colours = [tuple(surface.get_at(p))[:3] for p in points]
        inside = [i for i, c in enumerate(colours) if c == focus]
        if len(inside) < 3:
            problems.append(f"{side} edge shows {len(inside)} px of ring")
            continue
        first, last = inside[0], inside[-1]
        if last - first + 1 != len(inside):
            problems.append(f"{side} edge: the ring is broken")
        beside = [colours[first - 1] if first else None,
                  colours[last + 1] if last + 1 < len(colours) else None]
        for colour in beside:
            if colour is None or contrast(colour, focus) < 3:
                problems.append(f"{side} edge: {colour} beside the ring is under 3:1")
    return problems


def every_focus_problems(app: App, where: str) -> list[str]:
    """Tab (as the focus_next action) through every button of the top screen, checking the
    ring at each; the focus is put back where it was."""
    screen = app.top
    screen.ensure_layout()
    if not screen.buttons:
        return []
    was = screen.focused
    problems: list[str] = []
    for _ in range(len(screen.buttons)):
        app.dispatch(Action("focus_next"))
        problems += ring_problems(app, where)
    screen.ensure_layout()
    if was in screen.buttons:
        screen.focused = was
        screen.keep_focus_in_view()
    return problems


def walk_every_screen(size, settings: Settings, scenario: str = "tiny") -> list[str]:
    """`walk_here` in a process of its own: each walk through the shots leaves tens of MB with
    the process (a pygame.quit and a fresh window per set), which would count against the
    memory test that runs later in the same session."""
    import json
    import os
    import subprocess
    import sys
    from dataclasses import asdict
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, __file__,
                           json.dumps([list(size), asdict(settings), scenario])],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def walk_here(size, settings: Settings, scenario: str = "tiny") -> list[str]:
    """Go through every screen the shots go through (play, menus, ending, each debrief step,
    records, compare, workshop mode) with the tiny test scenario or (`scenario="haven"`) the
    bundled one, checking that each fits its window and every button's ring on each."""
    from game.ui.shots import take as shots
    from game.ui.shots.workshop import workshop_shots

    problems: list[str] = []
    roots = [FIXTURES / "tiny"] if scenario == "tiny" else [ROOT / "scenes" / scenario]

    def check_instead(self, path: Path) -> None:
        where = f"{size} {path.stem}"
        problems.extend(fit_problems(self, where))  # nothing clipped, nothing over anything
        problems.extend(every_focus_problems(self, where))

    original = App.screenshot
    App.screenshot = check_instead
    try:
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder)
            with tempfile.TemporaryDirectory() as saves:
                shots._one_set(out, size, settings, roots, Path(saves), None)
            with tempfile.TemporaryDirectory() as saves:
                workshop_shots(out, size, settings, roots, Path(saves), None)
    finally:
        App.screenshot = original
    return problems


@pytest.mark.parametrize("size", SIZES + [(1024, 768)])
@pytest.mark.parametrize("text_size", [1.0, 2.0])
def test_every_screen_fits_and_every_focus_shows_its_whole_ring(size, text_size):
    problems = walk_every_screen(size, Settings(text_size=text_size, text_speed="instant"))
    assert problems == [], "\n".join(problems[:20])


def test_every_screen_fits_and_every_focus_shows_its_whole_ring_with_the_largest_settings():
    problems = walk_every_screen((1280, 720), Settings(text_size=2.0, ui_scale=2.0, high_contrast=True,
                                                       dyslexic_font=True, text_speed="instant"))
    assert problems == [], "\n".join(problems[:20])


# The bundled scenario's long texts, many chapters (a debrief card each) and workshop at the
# shots' own sets: the hardest fit, the reference size, and the projector.
@pytest.mark.parametrize("size, settings", [
    ((800, 600), Settings(text_size=2.0, high_contrast=True, text_speed="instant")),
    ((1280, 720), Settings(text_speed="instant")),
    ((1920, 1080), Settings(text_size=2.0, text_speed="instant"))], ids=["800-200pc-hc", "1280", "1920-200pc"])
def test_the_bundled_scenario_fits_every_screen_with_the_focus_in_view(size, settings):
    problems = walk_every_screen(size, settings, "haven")
    assert problems == [], "\n".join(problems[:20])


def test_the_ending_s_debrief_button_shows_its_whole_ring(saves):
    """The issue's case: the ending's Debrief button sat at a pane's edge and showed two slivers."""
    for size in SIZES:
        app = App([FIXTURES / "tiny"], saves, size=size, settings=Settings(text_speed="instant"))
        start_game(app)
        while "Debrief" not in " ".join(labels(app)):
            press(app, key(pygame.K_1), key(pygame.K_RETURN))
        tab_to_only(app, "Debrief")
        assert ring_problems(app, f"{size} ending") == []
        press(app, key(pygame.K_RETURN))
        for name in ("Next", "Back"):  # the debrief's bar of buttons
            if any(label.startswith(name) for label in labels(app)):
                tab_to_only(app, name)
                assert ring_problems(app, f"{size} debrief") == []
        pygame.quit()


def tab_to_only(app: App, label: str) -> None:
    """Tab until the focus is on the button starting with `label`, without pressing it."""
    for _ in range(len(labels(app)) + 1):
        if app.top.focused is not None and app.top.focused.label.startswith(label):
            return
        press(app, key(pygame.K_TAB))
    raise AssertionError(f"no button {label!r} in {labels(app)}")


# -- the ring in every palette -------------------------------------------------------------------
PALETTES = [value for value in vars(theme_module).values() if isinstance(value, Palette)]


@pytest.mark.parametrize("palette", PALETTES, ids=lambda p: f"focus{p.focus}")
def test_the_ring_has_3_to_1_against_the_band_either_side_in_every_palette(palette):
    # the ring's neighbours are always the panel colour (layout.draw_focus_ring)
    assert contrast(palette.focus, palette.panel) >= 3
    assert contrast(palette.focus, palette.background) >= 3  # the page around a card


@pytest.mark.parametrize("size", SIZES + [(640, 480), (1366, 768)])
@pytest.mark.parametrize("ui_scale", [1.0, 1.25, 1.5, 2.0])
def test_the_ring_is_at_least_3px_in_every_theme(size, ui_scale):
    pygame.font.init()
    for high_contrast in (False, True):
        theme = Theme(Settings(ui_scale=ui_scale, high_contrast=high_contrast), size, FontBook())
        assert theme.ring >= 3
        assert theme.ring_rect(pygame.Rect(50, 50, 100, 40)).width == 100 + 2 * theme.ring_reach


# -- re-layouts bring the focus into view -------------------------------------------------------
@pytest.mark.parametrize("size", [(800, 600), (1280, 720)])
def test_after_setting_a_workshop_label_the_focus_is_in_view(saves, size):
    app = App([FIXTURES / "tiny"], saves, size=size, settings=Settings(text_speed="instant"))
    tab_to(app, "Workshop mode")
    app.step([pygame.event.Event(pygame.TEXTINPUT, text="Tuesday group")])
    press(app, key(pygame.K_RETURN))
    press(app, key(pygame.K_ESCAPE))                      # from choosing a scenario to the title
    assert ring_problems(app, f"{size} title, workshop mode on") == []
    tab_to(app, "Change the group label")
    app.step([pygame.event.Event(pygame.TEXTINPUT, text=" two")])
    press(app, key(pygame.K_RETURN))
    assert app.label == "Tuesday group two"
    assert app.top.focused is not None
    assert ring_problems(app, f"{size} title") == []
    pygame.quit()


@pytest.mark.parametrize("size", SIZES)
def test_changing_the_text_size_keeps_the_focused_setting_in_view(saves, size):
    app = App([FIXTURES / "tiny"], saves, size=size, settings=Settings(text_speed="instant"))
    app.keyboard_used = True
    app.push(SettingsScreen(app))
    tab_to_only(app, "Interface scale")
    for _ in range(4):
        press(app, key(pygame.K_RIGHT))
        assert ring_problems(app, f"{size} settings") == []
    tab_to_only(app, "Text size")
    for _ in range(5):
        press(app, key(pygame.K_RIGHT))
        assert ring_problems(app, f"{size} settings") == []
    pygame.quit()


def test_a_resize_brings_the_focus_back_into_view(saves):
    app = App([FIXTURES / "tiny"], saves, size=(1280, 720), settings=Settings(text_speed="instant"))
    app.keyboard_used = True
    app.push(SettingsScreen(app))
    tab_to_only(app, "Done")
    app.surface = pygame.display.set_mode((800, 600))
    app.retheme()
    app.top.ensure_layout()
    assert app.top.focused.label == "Done"
    assert ring_problems(app, "after a resize") == []
    pygame.quit()


# -- compact panels keep every word ----------------------------------------------------------------
def decided_run(option: int) -> Run:
    from game.story import load_scenario
    scenario = load_scenario(FIXTURES / "tiny").scenario
    run = Run(scenario, next(iter(scenario.roles)), seed=3)
    while not run.scene.is_decision:
        run.choose(next(v.index for v in run.choices if v.enabled))
    run.choose(option)
    return run


@pytest.mark.parametrize("width", [90, 160, 260, 600])
def test_the_compact_panel_wraps_the_rung_and_keeps_every_word(width):
    pygame.font.init()
    run = decided_run(1)                                  # Keep the budget: rung 3, Consultation
    theme = Theme(Settings(text_size=2.0), (800, 600), FontBook())
    column = Column(theme, width)
    compact_hud(column, run)
    drawn = column.drawings[0].words                     # every line the chips draw
    assert "Lastdecision:rung3,Consultation" in "".join(drawn).replace(" ", "")
    assert "Trust40" in "".join(drawn).replace(" ", "")
    if width >= 260:                                      # room for whole words: none is cut
        assert "Consultation" in " ".join(drawn)
    assert all(theme.font("small_bold").size(line)[0] <= width for line in drawn)
    words = "".join(line[1] for item in column.texts for line in item.lines).replace(" ", "")
    assert "staffdecideontheleft" in words and "staffwithdrewontheright" in words
    assert run.rung.signature.replace(" ", "") in words   # the rung's explanation, whole
    for item in column.texts:
        for x, line, role, _ in item.lines:
            assert x + theme.font(role).size(line)[0] <= column.width, line


def test_the_dyslexia_font_at_1280x720_keeps_the_power_words_and_the_rung_s_explanation(saves):
    app = App([FIXTURES / "tiny"], saves, size=(1280, 720),
              settings=Settings(dyslexic_font=True, text_speed="instant"))
    play = start_game(app)
    press(app, key(pygame.K_2))                           # Keep the budget: rung 3
    play = app.top
    play.ensure_layout()
    text = " ".join(line[1] for pane in play.panes for item in pane.column.texts for line in item.lines)
    said = "\n".join(w for pane in play.panes for d in pane.column.drawings for w in d.words) + " " + text
    assert "Consultation" in said
    assert "staff decide" in said and "staff withdrew" in said
    assert play.run.rung.signature.split()[-1] in said
    pygame.quit()


# -- the interface scale does what it says ----------------------------------------------------------
@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)])
def test_200pc_interface_scale_is_bigger_than_150pc(size):
    pygame.font.init()
    book = FontBook()
    heights = [Theme(Settings(ui_scale=scale), size, book).font("body").get_height()
               for scale in (1.0, 1.25, 1.5, 2.0)]
    assert heights == sorted(set(heights)), heights       # every step bigger than the last
    assert Theme(Settings(ui_scale=1.5), size, book).fit_note() == ""


def test_the_settings_say_when_the_window_cannot_fit_the_size_asked_for(saves):
    app = App([FIXTURES / "tiny"], saves, size=(800, 600),
              settings=Settings(ui_scale=2.0, text_size=2.0, text_speed="instant"))
    app.push(SettingsScreen(app))
    labels(app)                                           # laid out
    notes = {b.label.split(":")[0]: b.note for b in app.top.buttons if b.note}
    assert "This window is too small for text at 400%" in notes["Interface scale"]
    assert "A larger window or full screen shows more." in notes["Text size"]
    pygame.quit()
    roomy = App([FIXTURES / "tiny"], saves, size=(1920, 1080),
                settings=Settings(ui_scale=1.5, text_speed="instant"))
    roomy.push(SettingsScreen(roomy))
    labels(roomy)
    fit_notes = [b.note for b in roomy.top.buttons if b.note and ("too small" in b.note or "larger window" in b.note)]
    assert fit_notes == []  # other rows may explain themselves (scanning names its key)
    pygame.quit()


if __name__ == "__main__":  # one walk, for walk_every_screen: its problems as JSON on the last line
    import json
    import sys
    size, fields, scenario = json.loads(sys.argv[1])
    print(json.dumps(walk_here(tuple(size), Settings(**fields), scenario)))
