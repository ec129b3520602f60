"""The window draws its title before it pays for what the title does not show (issue 18).

The story loader brings in PyYAML, the schema checker and the builder; the story model and runner,
the meters' words (hud, the debrief, the report's readings, the live room), the support lines,
the session records, the parse cache and the hyphenation dictionaries all take time to import,
and none of them is needed to draw the title screen. The C library's memory setting (ctypes, and
a child process to find the library), the speech program and SDL's gamepad subsystems are set up
just after the first frame is on screen. Each is imported or started when first used. The
window's loop draws before its clock waits, a theme loads a font when it is first drawn, and the
command line builds the options of the command it runs only.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.saves import list_slots
from game.speech import Recorder, Silent
from game.story import Run
from game.ui.app import App
from game.ui.screens.menus.saves import describe
from game.ui.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
# Not imported by the time the first frame is on screen.
LATE = ("yaml", "fastjsonschema", "game.story.loader", "game.story.build", "game.story.source",
        "game.story.schema", "game.story.model", "game.story.runner", "game.story.conditions",
        "game.story.debrief", "game.records", "game.record_files", "game.report",
        "game.report.collect", "game.room", "game.ui.hud", "game.support", "game.files.parse_cache",
        "pyphen", "ctypes", "game.ui.heap", "game.speech.backends", "pygame._sdl2.controller")

FIRST_FRAME = """\
import json, sys
from pathlib import Path
import pygame
from game.ui.app import App

late = {late!r}
seen = {{}}
flip = pygame.display.flip
def first_flip():
    flip()
    seen.setdefault("early", sorted(name for name in sys.modules if name in late))
    seen.setdefault("pads", pygame.joystick.get_init())
pygame.display.flip = first_flip

app = App([Path(sys.argv[1]) / "scenes"], Path(sys.argv[2]))
app.step([])
seen["drawn"] = app.frames
seen["settled"] = [app.pads is not None, pygame.joystick.get_init(), "game.ui.heap" in sys.modules]
app.library  # and the library still loads when asked
seen["loaded"] = len(app.library)
seen["after"] = sorted(name for name in sys.modules if name in late)
print(json.dumps(seen))
"""


def autosave_in(folder: Path) -> Run:
    """A run of The Haven one choice in, autosaved in `folder` as the window saves it."""
    app = App([ROOT / "scenes"], folder)
    run = Run(app.scenario("haven"), "service_user", seed=1)
    run.choose(0)
    assert app.save("auto", run)
    app.lock.release()
    return run


@pytest.mark.parametrize("saves", ["none", "autosave"])
def test_the_title_is_on_screen_before_the_loader_the_model_and_the_meters_are_imported(
        tmp_path, saves):
    if saves == "autosave":  # the title offers "Continue", saying who the player was
        autosave_in(tmp_path)
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               PYGAME_HIDE_SUPPORT_PROMPT="1")
    done = subprocess.run([sys.executable, "-c", FIRST_FRAME.format(late=set(LATE)), str(ROOT),
                           str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["drawn"] >= 1
    assert seen["early"] == []
    assert seen["pads"] is False  # SDL's gamepad subsystems start after the first frame,
    assert seen["settled"] == [True, True, True]  # and in the same turn of the loop
    assert seen["loaded"] >= 2  # the shipped scenarios
    assert {"yaml", "game.story.loader", "game.story.model"} <= set(seen["after"])


def continue_note(app: App) -> str:
    app.top.ensure_layout()
    return next(b.note for b in app.top.buttons if b.label == "Continue")


def test_continue_says_who_the_player_was_before_and_after_the_scenarios_load(tmp_path):
    autosave_in(tmp_path)
    app = App([ROOT / "scenes"], tmp_path)
    app.step([])
    before = continue_note(app)
    assert not app.loaded  # the role's name came from the save
    assert "as Shona Mackie, group member" in before
    slot = next(s for s in list_slots(tmp_path) if s.name == "auto")
    assert before == describe(slot, app.scenario("haven"))  # as the scenario itself words it
    app.to_title()
    assert continue_note(app) == before


def test_an_older_save_without_the_role_name_still_says_it_from_the_scenario(tmp_path):
    autosave_in(tmp_path)
    path = tmp_path / "auto.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["role_name"]
    path.write_text(json.dumps(data), encoding="utf-8")
    app = App([ROOT / "scenes"], tmp_path)
    app.step([])
    assert "as Shona Mackie, group member" in continue_note(app)
    assert app.loaded


def test_the_title_is_spoken_at_once_though_the_voice_is_found_after_the_first_frame(
        tmp_path, monkeypatch):
    heard = Recorder()
    monkeypatch.setattr("game.speech.choose_speaker", lambda: heard)
    app = App([ROOT / "scenes"], tmp_path, settings=Settings(self_voicing=True))
    assert isinstance(app.voice.speaker, Silent) and not heard.events
    app.step([])
    assert app.voice.speaker is heard
    assert any("Making Together" in text for text in heard.spoken)


def test_the_window_loop_draws_its_first_frame_before_the_clock_waits(tmp_path, monkeypatch):
    app = App([ROOT / "scenes"], tmp_path, speaker=Recorder())
    order = []

    class Clock:  # stands in for pygame's: the first tick would wait up to 1/15 s
        def tick(self, fps: int = 0) -> int:
            order.append("tick")
            app.running = False  # one turn is enough
            return 0

    flip = pygame.display.flip
    monkeypatch.setattr(pygame.display, "flip", lambda: (order.append("flip"), flip()))
    monkeypatch.setattr(pygame, "quit", lambda: None)  # other tests go on using pygame
    app.clock = Clock()
    assert app.run() == 0
    assert order == ["flip", "tick"]


def test_a_speaker_given_to_the_window_is_kept(tmp_path):
    mine = Recorder()
    app = App([ROOT / "scenes"], tmp_path, speaker=mine)
    app.step([])
    assert app.voice.speaker is mine


def test_the_story_package_still_offers_every_name(tmp_path):
    import game.story as story
    from game.story import ladder, loader, model, problems, runner, state

    homes = {"ladder": ladder, "loader": loader, "model": model, "problems": problems,
             "runner": runner, "state": state}
    for home, names in story._HOME.items():
        for name in names:
            assert getattr(story, name) is getattr(homes[home], name)
            assert name in story.__all__ and name in dir(story)
    for name in ("LoadResult", "find_scenarios", "load", "load_scenario", "Run", "Scenario"):
        assert name in story.__all__


def test_an_unknown_name_of_the_story_package_is_an_attribute_error():
    import game.story as story
    try:
        story.NoSuchThing  # noqa: B018
    except AttributeError as exc:
        assert "NoSuchThing" in str(exc)
    else:
        raise AssertionError("an unknown name was found")


def test_a_theme_loads_each_font_when_it_is_first_drawn():
    from game.ui.theme import FontBook, Theme

    pygame.font.init()
    book = FontBook()
    theme = Theme(Settings(), (1280, 720), book)
    assert len(book._fonts) == 0  # the title draws 4 of the 8 roles: the others wait
    body = theme.font("body")
    assert list(book._fonts.values()) == [body] and theme.font("body") is body


def test_the_command_line_builds_the_options_of_the_command_it_runs_only():
    from game.cli import _parser

    def commands(words):
        parser = _parser(words)
        return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))

    window = commands([])  # `python main.py`: the game window, with no command named
    assert set(window.choices) >= {"play", "check", "report", "saves", "where"}
    assert all(not sub._actions for sub in window.choices.values())  # names and summaries only
    check = commands(["check", "--json"]).choices["check"]
    assert {"--json", "--runs", "--budget"} <= {o for a in check._actions for o in a.option_strings}
    assert _parser(["check", "--json", "scenes"]).parse_args(["check", "--json", "scenes"]).json
