"""The branch map: a player's path and a room's counts on the SVG story map, and in the window."""
from __future__ import annotations

import random
import time
import xml.etree.ElementTree as ET

import pygame
import pytest

from conftest import ROOT
from game.story import Run, load
from game.story_map import HUB, build_map
from game.story_map.path import counts_on_map, edge_counts, path_arrows, path_keys, run_path
from game.story_map.svg import to_svg
from game.story_map.view import Viewport
from game.ui.app import App
from game.ui.screens.play.branch_map import BranchMapScreen
from game.ui.screens.menus.pause import PauseScreen
from game.ui.settings import Settings

HAVEN = ROOT / "scenes" / "haven"


@pytest.fixture(scope="module")
def haven():
    return load(HAVEN)


def play(scenario, seed: int, steps: int | None = None, role: str = "professional") -> Run:
    """A run that takes random options: to its end, or for `steps` choices."""
    run, rng = Run(scenario, role, seed=seed), random.Random(seed)
    while not run.ended and (steps is None or run.step < steps):
        run.choose(rng.choice([view.index for view in run.choices if view.enabled]))
    return run


def by_class(root: ET.Element, *names: str) -> list[ET.Element]:
    return [e for e in root.iter() if set(names) <= set(e.get("class", "").split())]


def arrows_of(elements: list[ET.Element]) -> set[tuple[str, str]]:
    return {(e.get("data-from"), e.get("data-to")) for e in elements}


# -- the path, as map keys ---------------------------------------------------------------------
def test_run_path_lists_the_scenes_visited_then_the_current_scene(haven):
    run = play(haven, seed=1, steps=6)
    path = run_path(run)
    assert path == [taken.scene for taken in run.taken] + [run.scene.id]
    assert path[0] == haven.roles["professional"].start


def test_an_ending_picked_by_next_end_is_reached_through_the_hub(haven):
    run = play(haven, seed=5)
    assert run.ended
    path = run_path(run)
    assert path[-2:] == [HUB, run.ending.id]
    story = build_map(haven, "professional")
    keys = path_keys(story, path)
    assert keys[-1] == "ending:" + run.ending.id and keys[-2] == HUB
    # Without the hub in the path (a record of scene ids only), the map puts it back.
    assert path_keys(story, [p for p in path if p != HUB]) == keys


def test_scenes_of_another_role_are_left_out_of_the_path(haven):
    story = build_map(haven, "professional")
    other = run_path(play(haven, seed=2, steps=4, role="service_user"))
    assert path_keys(story, other) == []


# -- the SVG -----------------------------------------------------------------------------------
def test_svg_with_a_path_marks_exactly_its_arrows_and_boxes(haven):
    story = build_map(haven, "professional")
    run = play(haven, seed=5)
    keys = path_keys(story, run_path(run))
    root = ET.fromstring(to_svg(story, path=run_path(run)))
    assert arrows_of(by_class(root, "arrow", "path")) == path_arrows(keys)
    marked = {e.get("id") for e in by_class(root, "node", "path")}
    expected = {("hub-end" if k == HUB else k.replace("ending:", "ending-")) if ":" in k
                else "scene-" + k for k in keys}
    assert marked == expected
    reached = by_class(root, "node", "reached")
    assert [e.get("id") for e in reached] == ["ending-" + run.ending.id]
    assert "YOUR ENDING" in "".join(reached[0].itertext())
    words = "".join(root.find("{http://www.w3.org/2000/svg}g[@id='legend']").itertext())
    assert "your path" in words and "the ending you reached" in words
    faded = [e for e in by_class(root, "arrow") if "path" not in e.get("class")]
    assert faded and all(e.get("opacity") for e in faded)


def test_a_path_that_has_not_ended_marks_its_last_scene(haven):
    story = build_map(haven, "professional")
    run = play(haven, seed=3, steps=10)
    root = ET.fromstring(to_svg(story, path=run_path(run)))
    last = by_class(root, "node", "last")
    assert [e.get("id") for e in last] == ["scene-" + run.scene.id]
    assert not by_class(root, "reached")


def test_counts_appear_on_their_arrows_and_thicken_them(haven):
    story = build_map(haven, "professional")
    counts = edge_counts(run_path(play(haven, seed)) for seed in range(12))
    on_map = counts_on_map(story, counts)
    root = ET.fromstring(to_svg(story, counts=counts))
    numbers = {(e.get("data-from"), e.get("data-to")): "".join(e.itertext())
               for e in by_class(root, "count")}
    assert numbers == {arrow: str(n) for arrow, n in on_map.items()}
    start = haven.roles["professional"].start
    assert sum(n for (a, _), n in on_map.items() if a == start) == 12  # every record starts there
    width = {(e.get("data-from"), e.get("data-to")): float(e.get("stroke-width"))
             for e in by_class(root, "arrow")}
    most, least = max(on_map, key=on_map.get), min(on_map, key=on_map.get)
    if on_map[most] > on_map[least]:
        assert width[most] > width[least]
    untaken = [e for e in by_class(root, "arrow") if (e.get("data-from"), e.get("data-to")) not in on_map]
    assert untaken and all(e.get("opacity") for e in untaken)
    assert not by_class(root, "path")


def test_a_count_from_a_scene_to_an_ending_goes_through_the_hub(haven):
    story = build_map(haven, "professional")
    run = play(haven, seed=5)
    last_scene = run.taken[-1].scene
    on_map = counts_on_map(story, {(last_scene, run.ending.id): 3, ("nowhere", "else"): 9})
    assert on_map == {(last_scene, HUB): 3, (HUB, "ending:" + run.ending.id): 3}


def test_without_a_path_or_counts_the_svg_is_the_plain_map(haven):
    story = build_map(haven, "professional")
    plain = to_svg(story)
    assert to_svg(story, path=None, counts=None) == plain
    assert to_svg(story, path=[], counts={}) == plain
    assert 'class="count"' not in plain and " path" not in plain.replace('<path', '')


def test_svg_for_a_report_scales_and_fetches_nothing(haven):
    story = build_map(haven, "professional")
    text = to_svg(story, path=run_path(play(haven, seed=5)), counts={("a", "b"): 1}, fit_width=True)
    root = ET.fromstring(text)
    assert root.get("width") == "100%" and root.get("height") is None and root.get("viewBox")
    assert "href" not in text and "@import" not in text and "<image" not in text
    assert text.count("url(") == text.count("url(#")


# -- the view, without a window ----------------------------------------------------------------
def test_zooming_keeps_the_point_under_the_pointer_in_place():
    port = Viewport((0, 0, 4000, 6000), 0, 100, 800, 500, base=1.0)
    port.centre_on((2000, 3000))
    before = port.map_point((300, 250))
    assert port.set_zoom(1.5, around=(300, 250))
    assert port.map_point((300, 250)) == pytest.approx(before)
    assert not port.set_zoom(99) or port.zoom == 2.0


def test_a_map_smaller_than_the_view_sits_in_its_middle():
    port = Viewport((0, 0, 400, 300), 0, 0, 800, 600, base=1.0)
    port.clamp()
    assert port.seen == pytest.approx((-200, -150, 600, 450))
    assert not port.pan(100, 100)


# -- the window ----------------------------------------------------------------------------------
def key(k: int, mod: int = 0, unicode: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)


def press(app: App, *events) -> None:
    """Each key is pressed and let go, as a person would; other events go in as they are."""
    for event in events:
        app.step([event])
        if event.type == pygame.KEYDOWN:
            app.step([pygame.event.Event(pygame.KEYUP, key=event.key, mod=0, scancode=0)])


def make_app(tmp_path, size, **settings) -> App:
    return App([ROOT / "scenes"], tmp_path / "saves", size=size,
               settings=Settings(text_speed="instant", **settings))


@pytest.fixture
def app(tmp_path):
    application = make_app(tmp_path, (1280, 720))
    application.step([])
    yield application
    pygame.quit()


def open_map(app: App, scenario, run: Run) -> BranchMapScreen:
    screen = BranchMapScreen(app, scenario, run.role, run_path(run))
    app.push(screen)
    app.step([])
    return screen


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
def test_the_window_map_opens_quickly_and_draws_inside_the_window(tmp_path, haven, size):
    app = make_app(tmp_path, size)
    app.step([])
    run = play(haven, seed=4, steps=30)
    frames = app.frames
    started = time.perf_counter()
    screen = open_map(app, haven, run)
    assert time.perf_counter() - started < 0.5  # about 0.05 s measured; slack for a busy machine
    assert app.frames == frames + 1
    window = app.surface.get_rect()
    assert window.contains(screen.view) and screen.view.height > window.height // 2
    here = screen.box_rect(screen.here)
    assert screen.view.contains(here) and here.collidepoint(screen.view.center)
    theme = app.theme
    for box in screen.boxes:  # at zoom 1 every box's lines fit inside it
        rect, lines = screen.box_rect(box), screen.titles[box.key]
        assert max(theme.font(role).size(text)[0] for text, role, _ in lines) <= rect.width
        assert sum(theme.font(role).get_height() for _, role, _ in lines) <= rect.height
    pygame.quit()


def test_the_window_map_of_every_role_opens_too(app, haven):
    screen = BranchMapScreen(app, haven, None, run_path(play(haven, seed=4)))
    app.push(screen)
    app.step([])
    assert screen.story.scene_count == len(haven.scenes) and screen.here.node.kind == "ending"


def test_keys_wheel_and_drag_move_the_map(app, haven):
    screen = open_map(app, haven, play(haven, seed=4, steps=30))
    port = screen.port
    top = port.top
    press(app, key(pygame.K_DOWN))
    assert port.top > top
    press(app, key(pygame.K_PAGEUP))
    assert port.top < top
    left = port.left
    press(app, key(pygame.K_RIGHT))
    assert port.left > left
    top = port.top
    app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False)])
    assert port.top > top
    left, top = port.left, port.top
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(600, 400))])
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=(560, 330), rel=(-40, -70), buttons=(1, 0, 0))])
    assert (port.left, port.top) == pytest.approx((left + 40 / port.scale, top + 70 / port.scale))
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=(500, 300), rel=(-60, -30), buttons=(0, 0, 0))])
    assert (port.left, port.top) == pytest.approx((left + 40 / port.scale, top + 70 / port.scale))


def test_plus_minus_zero_and_ctrl_wheel_zoom(app, haven):
    screen = open_map(app, haven, play(haven, seed=4, steps=30))
    port = screen.port
    assert port.zoom == 1.0
    press(app, key(pygame.K_MINUS))
    assert port.zoom < 1.0
    press(app, key(pygame.K_EQUALS), key(pygame.K_EQUALS))
    assert port.zoom > 1.0
    press(app, key(pygame.K_0))
    x0, _, x1, _ = port.extent
    assert (x1 - x0) * port.scale == pytest.approx(port.width)
    zoom = port.zoom
    pygame.key.set_mods(pygame.KMOD_CTRL)
    try:
        app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False)])
    finally:
        pygame.key.set_mods(0)
    assert port.zoom > zoom


def test_home_shows_the_start_and_c_comes_back_to_the_players_scene(app, haven):
    screen = open_map(app, haven, play(haven, seed=4, steps=30))
    press(app, key(pygame.K_HOME))
    assert screen.view.contains(screen.box_rect(screen.start))
    assert not screen.box_rect(screen.here).colliderect(screen.view)
    press(app, key(pygame.K_c))
    assert screen.box_rect(screen.here).collidepoint(screen.view.center)


def test_esc_and_backspace_go_back(app, haven):
    below = app.top
    for back in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
        open_map(app, haven, play(haven, seed=4, steps=3))
        press(app, key(back))
        assert app.top is below


def test_the_map_is_drawn_only_when_something_changed(app, haven):
    open_map(app, haven, play(haven, seed=4, steps=3))
    frames = app.frames
    app.step([])
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=(10, 10), rel=(1, 1), buttons=(0, 0, 0))])
    assert app.frames == frames
    press(app, key(pygame.K_DOWN))
    assert app.frames == frames + 1


@pytest.mark.parametrize("contrast", [False, True])
def test_the_pause_menu_opens_the_map_of_the_run_so_far(tmp_path, haven, contrast):
    app = make_app(tmp_path, (1280, 720), high_contrast=contrast)
    app.step([])
    run = play(haven, seed=6, steps=12)
    app.push(PauseScreen(app, run))
    app.top.ensure_layout()
    button = next(b for b in app.top.buttons if b.label == "Branch map")
    button.press()
    app.step([])
    assert isinstance(app.top, BranchMapScreen)
    assert app.top.path == path_keys(app.top.story, run_path(run))
    assert app.top.here.key == run.scene.id
    pygame.quit()
