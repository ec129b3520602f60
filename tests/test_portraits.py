"""Characters on screen: a portrait for every member of both casts, faces beside their lines,
initials when a portrait is missing, and the Who's who screen."""
from __future__ import annotations

import re

import pygame
import pytest
from conftest import FIXTURES, ROOT
from drive_window import assert_fits, labels, start_game, tab_to

from game.story import load
from game.ui.app import App
from game.ui.layout import Column
from game.ui.portraits import PORTRAIT_CACHE_BYTES, Portraits, initials
from game.ui.screens.play.cast import CastScreen
from game.ui.screens.menus.pause import PauseScreen
from game.ui.screens.play.screen import PlayScreen
from game.ui.settings import Settings
from game.ui.theme import CALM, HIGH_CONTRAST, FontBook, Theme, contrast

SCENARIOS = ["haven", "tea-and-terms"]


@pytest.fixture(scope="module")
def shipped():
    return {name: load(ROOT / "scenes" / name) for name in SCENARIOS}


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_cast_member_has_a_portrait_that_loads_with_a_title_and_alt_text(shipped, name):
    scenario = shipped[name]
    assert scenario.cast
    pygame.init()
    for person in scenario.cast.values():
        path = scenario.asset_path(person.portrait)
        assert path is not None and path.suffix == ".svg", person.name
        svg = path.read_text(encoding="utf-8")
        assert re.search(r"<title>[^<]+</title>", svg), path
        assert 'viewBox="0 0 256 256"' in svg and "<text" not in svg, path
        assert person.portrait_alt and person.portrait_alt.startswith(person.name), person.name
        for side in (40, 200):
            image = pygame.image.load_sized_svg(str(path), (side, side))
            assert image.get_size() == (side, side)
            assert len({image.get_at((side // 2, side // 2 + d))[:3] for d in range(-side // 4, side // 4)}) > 1


def test_faces_are_round_cached_by_size_and_the_cache_is_bounded(shipped):
    pygame.init()
    faces = Portraits()
    scenario = shipped["haven"]
    path = scenario.asset_path(scenario.cast["Shona"].portrait)
    face = faces.face(path, 64)
    assert face.get_size() == (64, 64)
    assert face.get_at((0, 0)).a == 0 and face.get_at((32, 32)).a == 255  # a circle
    assert faces.face(path, 64) is face and faces.face(path, 65) is not face
    assert faces.face(ROOT / "no-such-face.svg", 64) is None
    for side in range(100, 400, 10):
        faces.face(path, side)
    assert faces._cache.bytes <= PORTRAIT_CACHE_BYTES


@pytest.mark.parametrize("name,letters", [("Ruth", "R"), ("Dr Martin Hale", "MH"),
                                          ('Mohammed "Mo" Hussain', "MH"), ("", "?")])
def test_initials(name, letters):
    assert initials(name) == letters


@pytest.mark.parametrize("high_contrast", [False, True])
def test_a_speaker_without_a_portrait_gets_a_monogram_in_the_theme_accent(high_contrast):
    pygame.init()
    theme = Theme(Settings(high_contrast=high_contrast), (1280, 720), FontBook())
    scenario = load(FIXTURES / "tiny")
    assert scenario.cast["Sam"].portrait is None
    surface = pygame.Surface((100, 100))
    surface.fill(theme.palette.panel)
    Portraits().drawer(theme, scenario, "Sam")(surface, pygame.Rect(0, 0, 100, 100))
    colours = {surface.get_at((x, y))[:3] for x in range(20, 80, 3) for y in range(20, 80, 3)}
    assert theme.palette.accent in colours and theme.palette.on_accent in colours  # the "S"
    drawn_face = pygame.Surface((100, 100))
    drawn_face.fill(theme.palette.panel)
    Portraits().drawer(theme, scenario, "Pat")(drawn_face, pygame.Rect(0, 0, 100, 100))
    assert drawn_face.get_at((50, 50))[:3] != theme.palette.accent


@pytest.mark.parametrize("palette", [CALM, HIGH_CONTRAST])
def test_speaker_names_and_monograms_are_readable(palette):
    assert contrast(palette.speaker, palette.panel) >= 4.5
    assert contrast(palette.on_accent, palette.accent) >= 4.5


def test_a_face_sits_beside_its_speakers_lines_and_the_words_do_not_cover_it():
    pygame.init()
    theme = Theme(Settings(), (1280, 720), FontBook())
    column = Column(theme, 700)
    column.speech("Ruth", "What do you tell them? " * 6, face=lambda surface, rect: None)
    face = column.drawings[0].rect
    assert face.width == face.height > theme.line_height("body")
    for item in column.texts:
        for x, line, role, _ in item.lines:
            assert x >= face.right  # beside, not over
    assert column.height >= face.bottom
    narrow = Column(theme, 260)
    narrow.speech("Ruth", "What do you tell them? " * 3, face=lambda surface, rect: None)
    small = narrow.drawings[0].rect
    words = narrow.texts[1]
    assert small.height < face.height and words.y >= small.bottom  # words below, full width


def test_with_the_typewriter_a_face_shows_with_its_line():
    pygame.init()
    theme = Theme(Settings(), (1280, 720), FontBook())
    calls: list = []
    column = Column(theme, 600)
    column.text("Before anyone speaks.")
    column.speech("Pat", "Hello.", face=lambda surface, rect: calls.append(rect))
    surface = pygame.Surface((600, 400))
    column.draw(surface, (0, 0), surface.get_rect(), reveal=5)
    assert calls == []
    column.draw(surface, (0, 0), surface.get_rect(), reveal=len("Before anyone speaks.") + 2)
    assert len(calls) == 1


@pytest.mark.parametrize("size,settings", [
    ((1280, 720), Settings(text_speed="instant")),
    ((800, 600), Settings(text_speed="instant", text_size=2.0, high_contrast=True)),
    ((800, 600), Settings(text_speed="instant", text_size=2.0, reduce_motion=True,
                          letter_spacing=0.15, word_spacing=0.5)),
])
def test_play_with_faces_and_the_cast_screen_fit_every_window(saves, size, settings):
    app = App([FIXTURES / "tiny"], saves, size=size, settings=settings)
    play = start_game(app)
    play.begin()
    play.ensure_layout()
    assert any(d.shows_at >= 0 for d in play.main.drawings)  # a speaker's face is on the page
    assert_fits(app, size)
    app.push(CastScreen(app, play.run.scenario))
    assert_fits(app, size)
    pygame.quit()


def test_whos_who_opens_from_the_pause_menu_and_the_prebrief(saves):
    app = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"))
    play = start_game(app)
    assert isinstance(play, PlayScreen)
    app.push(PauseScreen(app, play.run))
    app.top.ensure_layout()
    next(b for b in app.top.buttons if b.label.startswith("Who")).press()
    assert isinstance(app.top, CastScreen)
    app.top.ensure_layout()
    shown = [line for pane in app.top.panes for item in pane.column.texts for _, line, _, _ in item.lines]
    assert "Pat" in shown and "Sam" in shown
    pygame.quit()
    fresh = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"))
    tab_to(fresh, "New game")
    tab_to(fresh, "Tiny test scenario")
    tab_to(fresh, "Pat")
    assert any(label.startswith("Who") for label in labels(fresh))
    pygame.quit()


def test_shipped_scenarios_check_clean_of_portrait_problems(shipped):
    from game.check import check_paths
    report = check_paths([str(ROOT / "scenes" / name) for name in SCENARIOS], runs=10)
    for scenario in report["scenarios"]:
        problems = scenario["errors"] + scenario["warnings"]
        assert not [p for p in problems if "portrait" in p["message"] or "cast" in p["message"]], problems


def test_the_portrait_files_are_what_the_style_tool_draws():
    import subprocess
    import sys
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "cast_portraits.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
