"""The window under a storm: memory stays bounded, and random input never raises.

Memory: rendered text, fonts and pictures are kept in caches bounded in bytes, and what an old
text size or window size needed is let go. The monkey: a few thousand seeded random keys, clicks,
typed strings and resizes across every screen reachable from the title, with no exception
(tools/monkey.py is the long version).
"""
from __future__ import annotations

import gc
import os
import random
import sys
import time
import weakref

import pygame
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))


def resize(app, size):
    pygame.display.set_mode(size, pygame.RESIZABLE)
    app.step([pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])])


# -- memory --------------------------------------------------------------------------------------
def surface_bytes(surfaces) -> int:
    return sum(s.get_width() * s.get_height() * s.get_bytesize() for s in surfaces)


def test_the_text_render_cache_is_bounded_in_bytes_not_count(app, monkeypatch):
    from game.ui import theme as theme_module
    monkeypatch.setattr(theme_module, "RENDER_CACHE_BYTES", 4 * 2**20)
    app.settings.text_size = 2.0
    app.retheme()
    theme = app.theme
    for n in range(150):  # 150 long lines at 200% (~0.4 MB each): far fewer than 3000
        theme.render(f"{n} " + "a long line of text to render " * 2, "heading", (0, 0, 0))
    assert surface_bytes(theme.renders.values()) <= 4 * 2**20
    assert len(theme.renders) > 5  # still a cache
    line = theme.render("kept", "body", (0, 0, 0))
    assert theme.render("kept", "body", (0, 0, 0)) is line


def test_a_new_text_size_or_window_size_lets_the_old_fonts_and_text_go(app):
    first = weakref.ref(app.theme.font("body"))
    first_cache = weakref.ref(app.theme.renders)
    from game.ui.layout import wrap
    wrap(app.theme.font("body"), "some words to wrap across lines", 60)
    app.draw()
    for n in range(40):
        resize(app, (640 + n * 23, 480 + n * 13))
        app.settings.text_size = (1.0, 1.25, 1.5, 1.75, 2.0)[n % 5]
        app.apply_settings()
        app.draw()
    gc.collect()
    assert first() is None, "a font from the first window size is still held"
    assert first_cache() is None, "the first theme's rendered text is still held"
    assert len(app.fonts._fonts) <= 16  # the current theme's sizes and a few spare


def test_fonts_in_use_by_the_current_theme_stay_loaded(app):
    for n in range(30):
        resize(app, (700 + n * 31, 500 + n * 17))
    fonts = [app.theme.font(role) for role in ("title", "heading", "body", "small")]
    assert all(font in app.fonts._fonts.values() for font in fonts)


def test_pictures_at_many_window_sizes_stay_within_their_byte_budget(tmp_path, monkeypatch):
    from game.ui import images
    monkeypatch.setattr(images, "PICTURE_CACHE_BYTES", 8 * 2**20)
    picture = tmp_path / "back.png"
    pygame.image.save(pygame.Surface((64, 48)), str(picture))
    pictures = images.Pictures()
    for n in range(30):  # each about 2-4 MB: 30 of them would be ~90 MB
        assert pictures.cover(picture, (900 + n * 10, 600 + n * 5)) is not None
    assert surface_bytes(s for s in pictures._cache.values() if s is not None) <= 8 * 2**20
    again = pictures.cover(picture, (900 + 29 * 10, 600 + 29 * 5))
    assert again is pictures.cover(picture, (900 + 29 * 10, 600 + 29 * 5))


def test_a_storm_of_text_size_contrast_full_screen_and_resizes_stays_bounded(saves):
    from memory_storm import storm

    from game.ui import theme as theme_module
    from game.ui.app import App
    from game.ui.settings import Settings
    app = App([ROOT / "scenes"], saves, settings=Settings(text_speed="instant"))
    try:
        app.step([])
        figures = storm(app, 80, seed=3, out=lambda line: None)
        assert len(app.fonts._fonts) <= 16
        assert surface_bytes(app.theme.renders.values()) <= theme_module.RENDER_CACHE_BYTES
        assert figures["end_mb"] < 400  # the storm's own figure is the tool's (goal 150 MB)
    finally:
        pygame.quit()


# -- the monkey ----------------------------------------------------------------------------------
@pytest.mark.parametrize("workshop", [False, True], ids=["alone", "workshop"])
def test_thousands_of_random_keys_clicks_typing_and_resizes_raise_nothing(saves, workshop):
    import monkey

    from game.ui.app import App
    from game.ui.settings import Settings
    app = App([ROOT / "scenes"], saves, settings=Settings(text_speed="fast"), workshop=workshop,
              label="Monkey" if workshop else "")
    app.room_host = "127.0.0.1"  # R may open the live room: on this computer only
    try:
        app.step([])
        started = time.perf_counter()
        # about 120 events a second here: 2,800 events in both runs, each stopped at 14 s at most;
        # a restart every 80 events takes it to each of the 12 starting screens in turn
        tally = monkey.run(app, seed=24 if workshop else 20, events=1200 if workshop else 1600, seconds=14.0,
                           largest=(1024, 768), restart_every=80)
        took = time.perf_counter() - started
    finally:
        pygame.quit()
    assert tally.exceptions == 0, "\n".join(tally.kinds.values())
    assert tally.events >= 600, f"only {tally.events} events in {took:.1f} s"
    assert took < 16
    for screen in ("TitleScreen", "PlayScreen", "HistoryScreen", "BranchMapScreen", "SettingsScreen"):
        assert screen in tally.screens


def test_the_monkey_names_its_worst_frame_by_processor_time_and_says_where_it_went(app):
    """The worst frame is the one the game spent most processor time on (a frame that only
    waited, as on a busy machine, is not it), with the event and screens it followed and the
    places a look at the stack found it in."""
    import monkey
    draw, draws = app.draw, []

    def busy():
        until = time.thread_time() + 0.15
        while time.thread_time() < until:
            pass

    def slow_draw():
        draws.append(1)
        if len(draws) == 4:
            busy()
        elif len(draws) == 8:
            time.sleep(0.4)  # slower by the clock, but no work
        draw()
        app.dirty = True  # every turn draws, so the slow ones come early

    app.draw = slow_draw
    app.dirty = True
    tally = monkey.run(app, seed=5, events=30, restart_every=1000, sample=True)
    assert len(draws) >= 8
    assert 140 <= tally.worst_frame_ms < 400
    assert tally.worst_frame_wall_ms >= tally.worst_frame_ms * 0.9
    assert " -> " in tally.worst_frame_screens and tally.worst_frame_after
    where = "\n".join(tally.worst_frame_where)
    assert "game/ui/app.py:step" in where and "test_monkey.py busy" in where, where


READY = """
import json, sys, threading
from pathlib import Path
import pygame
from game.ui.app import App
from game.ui.settings import Settings
app = App([Path(sys.argv[1])], Path(sys.argv[2]), settings=Settings(text_speed="instant"),
          workshop=sys.argv[3] == "workshop")
app.step([])                                     # the first frame
before = sorted(name for name in ("aiohttp", "pyphen") if name in sys.modules)
app.step([])                                     # nothing happens: the title idles
for thread in threading.enumerate():
    if thread.name in ("room import", "hyphenation dictionary"):
        thread.join(30)
from game.ui import text_wrap
print(json.dumps({"before": before, "room": "game.room.live" in sys.modules,
                  "dictionary": text_wrap._dictionary().done()}))
pygame.quit()
"""


@pytest.mark.parametrize("mode", ["workshop", "alone"])
def test_what_the_next_screens_need_loads_while_the_title_waits(tmp_path, mode):
    """Opening the live room was the monkey's worst frame: importing aiohttp alone took about
    0.4 s of processor time; the next was the first hyphen (the dictionary, 0.2 s). Both load
    in the background once the title is on screen with nothing to do; the room only in
    workshop mode (playing alone never loads it)."""
    import json
    import subprocess
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", READY, str(ROOT / "tests" / "fixtures" / "tiny"),
                           str(tmp_path / "saves"), mode], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen == {"before": [], "room": mode == "workshop", "dictionary": True}


def test_the_play_screen_loads_the_hyphenation_dictionary_while_it_waits(app, monkeypatch):
    from game.ui import text_wrap
    asked, dictionary = [], text_wrap._dictionary
    monkeypatch.setattr(text_wrap, "_dictionary", lambda: (asked.append(1), dictionary())[1])
    from game.story import Run
    from game.ui.screens.play.screen import PlayScreen
    scenario = app.library[0].scenario
    screen = PlayScreen(app, Run(scenario, next(iter(scenario.roles)), seed=1))
    app.push(screen)
    screen.begin()
    app.step([])
    asked.clear()
    screen.idle()
    assert asked


def test_starting_workshop_mode_from_the_title_loads_the_room_s_server_in_the_background(app):
    from game.ui.screens.workshop import room
    from game.ui.screens.workshop.title import start_workshop
    room.get_ready.cache_clear()
    start_workshop(app, "Tuesday group", choose=False)
    assert room.get_ready.cache_info().currsize == 1  # started by start_workshop
    ready = room.get_ready()
    assert ready.name == "room import" and room.get_ready() is ready  # once
    ready.join(30)
    assert "game.room.live" in sys.modules


def test_the_frame_sampler_counts_the_game_s_own_frames_outermost_first(app):
    from frame_sampler import FrameSampler, describe

    from game.ui.text_wrap import wrap
    sampler = FrameSampler(ROOT, interval=0.001)
    sampler.start()
    try:
        font = app.theme.font("body")
        sampler.begin()
        wrap.__wrapped__(font, "words to wrap again and again " * 2000, 90)  # about half a second
        looks = sampler.end()
    finally:
        sampler.stop()
    assert sum(looks.values()) >= 5
    in_wrap = 0
    for (own, _outside), count in looks.items():
        files = [file for file, _line, _function in own]
        if "game/ui/text_wrap.py" in files:
            in_wrap += count
            if "game/ui/text_draw.py" in files:  # the font measuring, inside the wrap
                assert files.index("game/ui/text_wrap.py") < files.index("game/ui/text_draw.py")
    assert in_wrap >= sum(looks.values()) * 0.8
    assert all(not file.startswith(("tools/", "tests/", ".")) for place in looks for file, _, _ in place[0])
    assert "game/ui/text_wrap.py:wrap" in describe(looks)[0]


def test_the_monkey_types_no_control_or_zero_width_characters():
    import unicodedata

    import monkey
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn") for c in monkey.ALPHABET)
    assert "\u200b" not in monkey.ALPHABET and "\x00" not in monkey.ALPHABET


def test_large_pixel_buffers_are_kept_out_of_the_heap_on_linux(monkeypatch):
    """glibc only: a fixed mmap threshold, so freed window-size buffers go back to the system
    instead of fragmenting the heap over a long session (game/ui/heap.py); found in the running
    process, with no `ldconfig` child process to look for the C library."""
    import ctypes.util
    import sys
    from game.ui.heap import keep_large_buffers_separate
    monkeypatch.setattr(ctypes.util, "find_library",
                        lambda name: pytest.fail("a child process looked for the C library"))
    assert keep_large_buffers_separate() is sys.platform.startswith("linux")


def test_a_window_thrown_away_does_not_stay_in_memory_when_the_next_one_loads(saves):
    # Loading freezes everything alive; a window whose screens point back at it forms reference
    # cycles, which the collector cannot see while frozen. Each test, and each set of shots,
    # makes a new window: before the fix each one stayed, with its fonts' files held open.
    import gc
    import weakref

    from memory_storm import screen_makers

    from game.ui.app import App
    from game.ui.settings import Settings
    first = App([ROOT / "scenes"], saves, settings=Settings(text_speed="instant"))
    first.step([])
    for make in screen_makers(first)[-4:]:  # play, history, the branch map, the pause menu
        first.to_title()
        make()
        first.step([])
    gone = weakref.ref(first)
    pygame.quit()
    del first, make
    second = App([ROOT / "scenes"], saves, settings=Settings(text_speed="instant"))
    second.step([])
    assert second.library
    gc.collect()
    try:
        assert gone() is None
    finally:
        pygame.quit()


def test_the_monkey_can_start_with_a_folder_of_played_session_records(tmp_path):
    import monkey

    from game.records import list_records
    monkey.play_records(ROOT / "tests" / "fixtures", tmp_path, 4, seed=3)  # "broken" is left out
    records = list_records(tmp_path)
    assert len(records) == 4 and all(r.ok and r.data["ending"] for r in records)
    assert {r.data["label"] for r in records} == {"Group 1", "Group 2", "Group 3", "Group 4"}
    assert any(step.get("votes") for r in records for step in r.data["steps"])
