"""F5 in the window: the story is loaded again from disk and the player keeps their place.

Driven frame by frame on SDL's dummy video driver, like tests/test_window.py (with the helpers
in drive_window.py), on a small scenario written to a temporary folder and edited there.
"""
from __future__ import annotations

import gc
import re
import weakref

import pygame
import pytest
from conftest import write_scenario
from drive_window import key, labels, press, tab_to

from game.ui.app import App
from game.ui.screens.play.ending import EndingScreen
from game.ui.screens.menus.new_game import ChooseScreen
from game.ui.screens.menus.pause import PauseScreen
from game.ui.screens.play.screen import PlayScreen
from game.ui.screens.menus.problems import ProblemsScreen
from game.ui.screens.menus.title import TitleScreen
from game.ui.settings import Settings

KETTLE = """\
scenario: kettle
title: The kettle
roles:
  professional:
    name: Pat
    start: a
  service_user:
    name: Sam
    start: b
endings:
  - id: warm
    title: A warm room
    if: trust >= 55
    text: People stayed for a second cup.
  - id: plain
    title: Plain
    text: The meeting ended on time.
"""

KETTLE_SCENES = """\
scenes:
  - id: a
    title: Arriving
    lines:
      - The room is cold.
    choices:
      - text: Put the heating on
        id: heat
        effects:
          - trust: +5
            why: People felt welcome
            tag: respect
          - outcome: -5
            why: The heating costs money
            tag: resources
        feedback: Warmer now.
        next: b
      - text: Start straight away
        next: b
  - id: b
    title: The agenda
    lines:
      - "Sam: Who wrote this agenda?"
    choices:
      - text: I did
        id: mine
        effects:
          - trust: -5
            why: Nobody was asked
            tag: power
        next: c
      - text: Let us write it together
        id: together
        effects:
          - power: +10
            why: The group set the agenda
            tag: power
        next: c
  - id: c
    title: Tea
    lines:
      - The kettle clicks off.
    choices:
      - text: Pour the tea
        next: end
      - text: Leave it
        next: end
"""


@pytest.fixture
def story(tmp_path):
    """The chapter file of a three-scene scenario in its own scenes folder."""
    folder = write_scenario(tmp_path / "scenes" / "kettle",
                            {"scenario.yaml": KETTLE, "1-scenes.yaml": KETTLE_SCENES})
    return folder / "1-scenes.yaml"


@pytest.fixture
def app(tmp_path, story):
    application = App([tmp_path / "scenes"], tmp_path / "saves", settings=Settings(text_speed="instant"))
    yield application
    pygame.quit()


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def shown(app: App) -> str:
    """Every word on the top screen's panes."""
    app.top.ensure_layout()
    return " ".join(line[1] for pane in app.top.panes for item in pane.column.texts
                    for line in item.lines)


def positions(app: App) -> list[str]:
    """The file:line:column headings on the top screen (a long path wraps mid-word)."""
    app.top.ensure_layout()
    whole = ["".join(line[1] for line in item.lines) for item in app.top.panes[0].column.texts]
    return [text for text in whole if re.fullmatch(r"\S+\.yaml:\d+:\d+", text)]


def reload(app: App) -> None:
    press(app, key(pygame.K_F5))


def play_to_tea(app: App) -> PlayScreen:
    """From the title to scene c at step 2 (heating on, agenda together), keyboard only."""
    tab_to(app, "New game")
    tab_to(app, "The kettle")
    tab_to(app, "Pat")
    tab_to(app, "Begin")
    press(app, key(pygame.K_1))                               # Begin, after the role's intro
    press(app, key(pygame.K_1), key(pygame.K_RETURN))         # Put the heating on; Continue
    press(app, key(pygame.K_2), key(pygame.K_RETURN))         # Let us write it together
    play = app.top
    assert isinstance(play, PlayScreen)
    assert (play.phase, play.run.step, play.run.scene.id) == ("scene", 2, "c")
    return play


def test_f5_is_listed_in_the_keys_help(app):
    press(app, key(pygame.K_F1))
    assert "F5: reload the story" in shown(app)


def test_reload_keeps_the_step_and_shows_the_new_text(app, story):
    play = play_to_tea(app)
    old_run = play.run
    assert "The kettle clicks off." in shown(app)
    edit(story, "The kettle clicks off.", "The kettle has boiled dry.")
    reload(app)
    assert app.top is play and play.run is not old_run
    assert (play.phase, play.run.step, play.run.scene.id) == ("scene", 2, "c")
    assert [t.key for t in play.run.taken] == ["heat", "together"]
    assert play.run.values == old_run.values
    assert "The kettle has boiled dry." in shown(app) and "clicks off" not in shown(app)
    assert app.notice.startswith("Reloaded The kettle")
    press(app, key(pygame.K_BACKSPACE))  # the replayed run undoes like any other
    assert play.run.step == 1 and play.run.scene.id == "b"


def test_reload_on_what_a_choice_did_shows_the_new_feedback(app, story):
    play_to_tea(app)
    press(app, key(pygame.K_BACKSPACE), key(pygame.K_BACKSPACE))
    press(app, key(pygame.K_1))
    play = app.top
    assert play.phase == "outcome" and "Warmer now." in shown(app)
    edit(story, "feedback: Warmer now.", "feedback: The radiators tick as they warm up.")
    reload(app)
    assert app.top is play and play.phase == "outcome" and play.run.step == 1
    assert "The radiators tick as they warm up." in shown(app)


@pytest.mark.parametrize("old, new, message", [
    ("next: c\n", "next: cc\n", '"cc" is not a scene or an ending'),
    ("    title: Tea\n", "    title: [Tea\n", "this is not valid YAML"),
], ids=["missing-target", "invalid-yaml"])
def test_a_broken_edit_is_listed_in_the_window_and_the_old_story_plays_on(app, story, old, new, message):
    play = play_to_tea(app)
    old_run, old_scenario = play.run, play.run.scenario
    good = story.read_text(encoding="utf-8")
    edit(story, old, new)
    reload(app)
    assert isinstance(app.top, ProblemsScreen) and app.stack[-2] is play
    assert positions(app)[0].split("/")[-1].startswith("1-scenes.yaml:")
    text = shown(app)
    assert message in text and "press F5 again" in text
    reload(app)  # still broken: the list again, not a second list on top of the first
    assert isinstance(app.top, ProblemsScreen) and app.stack[-2] is play

    press(app, key(pygame.K_RETURN))
    assert app.top is play and play.run is old_run and play.run.scenario is old_scenario
    assert app.scenario("kettle") is old_scenario
    press(app, key(pygame.K_BACKSPACE))              # the old story still plays
    assert play.run.scene.id == "b"
    press(app, key(pygame.K_1), key(pygame.K_RETURN))
    assert play.run.scene.id == "c" and play.run.step == 2

    story.write_text(good.replace("The kettle clicks off.", "The kettle is fixed."), encoding="utf-8")
    press(app, key(pygame.K_ESCAPE))                 # F5 from the pause menu works too
    assert isinstance(app.top, PauseScreen)
    reload(app)
    assert app.top is play and play.run is not old_run
    assert (play.run.step, play.run.scene.id) == (2, "c")
    assert "The kettle is fixed." in shown(app)


def test_esc_closes_the_problems_list(app, story):
    play = play_to_tea(app)
    edit(story, "next: c\n", "next: cc\n")
    reload(app)
    press(app, key(pygame.K_ESCAPE))
    assert app.top is play


def test_a_choice_removed_on_disk_goes_back_to_the_last_step_that_still_exists(app, story):
    play = play_to_tea(app)
    edit(story, "      - text: Let us write it together\n        id: together\n",
         "      - text: Let us write it together\n        id: together-now\n")
    reload(app)
    assert app.top is play and play.phase == "scene"
    assert (play.run.step, play.run.scene.id) == (1, "b")
    assert app.notice.startswith("The story has changed")
    assert "since it was last loaded" in app.notice and "back at step" in app.notice


def test_a_finished_game_reopens_its_ending_on_the_new_story(app, story):
    play_to_tea(app)
    press(app, key(pygame.K_1))                               # Pour the tea: straight to the ending
    ending = app.top
    assert isinstance(ending, EndingScreen) and ending.run.ending.id == "warm"
    edit(story, "- text: Pour the tea\n", "- text: Pour the tea\n        id: pour\n")
    edit(story.parent / "scenario.yaml", "People stayed for a second cup.",
         "People stayed for a third cup.")
    reload(app)
    # The saved choice was the option's text; it now has an id, so the replay stops before it.
    assert isinstance(app.top, PlayScreen) and app.top.run.scene.id == "c"
    press(app, key(pygame.K_1))
    if isinstance(app.top, PlayScreen):  # the page saying what the choice did, if it has one
        press(app, key(pygame.K_RETURN))
    assert isinstance(app.top, EndingScreen)
    reload(app)
    assert isinstance(app.top, EndingScreen) and app.top is not ending
    assert app.top.run.ending.id == "warm" and "People stayed for a third cup." in shown(app)


def test_reloading_often_keeps_no_old_story_alive(app, story):
    """load_scenario freezes what is alive; the pause menu over a game holds its run in a
    reference cycle. A reload must not leave every old story frozen in memory."""
    play = play_to_tea(app)
    first = weakref.ref(play.run.scenario)
    for _ in range(3):
        press(app, key(pygame.K_ESCAPE))  # the pause menu, which the reload closes
        reload(app)
    assert app.top is play
    gc.collect()
    assert first() is None


def test_f5_on_the_title_and_menus_finds_scenarios_fixed_or_added_on_disk(tmp_path, app, story):
    broken = write_scenario(tmp_path / "scenes" / "broken", {
        "scenario.yaml": KETTLE.replace("scenario: kettle", "scenario: broken")
                               .replace("title: The kettle", "title: Broken tea"),
        "1-scenes.yaml": KETTLE_SCENES.replace("next: b\n", "next: bb\n", 1)})
    tab_to(app, "New game")
    assert isinstance(app.top, ChooseScreen)
    assert labels(app)[:3] == ["Broken tea: has problems", "The kettle", "Back"]
    listed = next(b for b in app.top.buttons if b.label == "Broken tea: has problems")
    assert not listed.enabled
    assert re.match(r'.*broken/1-scenes\.yaml:\d+:\d+: .*"bb" is not a scene or an ending', listed.note)

    edit(broken / "1-scenes.yaml", "next: bb\n", "next: b\n")
    write_scenario(tmp_path / "scenes" / "added", {
        "scenario.yaml": KETTLE.replace("scenario: kettle", "scenario: added")
                               .replace("title: The kettle", "title: Added later"),
        "1-scenes.yaml": KETTLE_SCENES})
    reload(app)
    assert app.notice == "Reloaded 3 scenarios."
    assert labels(app) == ["Added later", "Broken tea", "The kettle", "Back"]

    tab_to(app, "Broken tea")  # its roles are on screen; it breaks again on disk
    edit(broken / "1-scenes.yaml", "next: b\n", "next: bb\n")
    reload(app)
    assert app.notice == "Reloaded 3 scenarios; 1 has problems (New game lists them)."
    assert app.top.scenario is None  # back to the list, where it is shown with its problem
    assert labels(app)[:2] == ["Added later", "Broken tea: has problems"]
    app.to_title()
    reload(app)
    assert isinstance(app.top, TitleScreen) and app.notice.startswith("Reloaded 3 scenarios")


def test_two_copies_of_a_scenario_are_told_apart_in_the_menu(tmp_path, app, story):
    write_scenario(tmp_path / "scenes" / "kettle-draft", {
        "scenario.yaml": KETTLE.replace("scenario: kettle", "scenario: kettle-draft\nversion: '2'"),
        "1-scenes.yaml": KETTLE_SCENES})
    tab_to(app, "New game")
    copies = [b for b in app.top.buttons if b.label == "The kettle"]
    assert len(copies) == 2
    assert {("version 2" in b.note, "kettle-draft" in b.note) for b in copies} == {(True, True),
                                                                                 (False, False)}


def test_f5_in_the_debrief_opens_it_again_on_the_new_story_at_the_same_step(app, story):
    from game.ui.screens.debrief.screen import DebriefScreen
    play_to_tea(app)
    press(app, key(pygame.K_1))                               # Pour the tea: the ending
    press(app, key(pygame.K_RETURN))                          # Debrief
    debrief = app.top
    assert isinstance(debrief, DebriefScreen)
    press(app, key(pygame.K_RIGHT))                           # to the second step
    edit(story.parent / "scenario.yaml", "People stayed for a second cup.",
         "People stayed for a third cup.")
    reload(app)
    fresh = app.top
    assert isinstance(fresh, DebriefScreen) and fresh is not debrief
    assert fresh.index == debrief.index == 1
    assert fresh.run.ending.text.startswith("People stayed for a third cup.")
    assert isinstance(app.stack[-2], EndingScreen) and app.stack[-2].run is fresh.run
