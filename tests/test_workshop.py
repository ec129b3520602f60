"""Workshop mode in the window: a facilitator runs the game on a projector for a room."""
from __future__ import annotations

import json

import pygame
import pytest

from conftest import FIXTURES
from drive_window import click, key, labels, press, start_game, tab_to
from game.ui.app import App
from game.ui.screens.menus.ask_text import AskTextScreen
from game.ui.screens.menus.new_game import ChooseScreen
from game.ui.screens.menus.title import TitleScreen
from game.ui.screens.workshop.facilitator import HINTS
from game.ui.screens.workshop.panels import OtherSideScreen, VoteScreen, WorkshopMenuScreen
from game.ui.settings import SETTINGS_FILE, Settings, save_settings


def typed(text: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=text)


def words(screen) -> str:
    """Every line of text the screen has laid out, in all its panes."""
    screen.ensure_layout()
    return " ".join(line[1] for pane in screen.panes for item in pane.column.texts
                    for line in item.lines)


def records(saves) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((saves / "records").glob("*.json"))]


@pytest.fixture
def solo(saves):
    application = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"))
    yield application
    pygame.quit()


def test_workshop_mode_starts_from_the_title_with_a_group_label(solo):
    assert "Workshop mode (a room plays together)" in labels(solo)
    tab_to(solo, "Workshop mode")
    assert isinstance(solo.top, AskTextScreen)
    assert "no real names" in words(solo.top).lower()
    press(solo, typed("Tuesday group"), key(pygame.K_RETURN))
    assert solo.workshop and solo.label == "Tuesday group"
    assert isinstance(solo.top, ChooseScreen)   # on to the scenario and role, as usual
    solo.to_title()
    assert "Workshop mode is on: Tuesday group" in words(solo.top)
    assert "Leave workshop mode" in labels(solo)
    tab_to(solo, "Leave workshop mode")
    assert not solo.workshop and isinstance(solo.top, TitleScreen)
    assert "Workshop mode (a room plays together)" in labels(solo)


def test_the_group_label_is_optional_and_goes_into_the_record(solo, saves):
    tab_to(solo, "Workshop mode")
    press(solo, key(pygame.K_RETURN))           # no label: still workshop mode
    assert solo.workshop and solo.label == "" and isinstance(solo.top, ChooseScreen)
    solo.to_title()
    tab_to(solo, "Change the group label")
    press(solo, typed("Room 4"), key(pygame.K_RETURN))
    assert solo.label == "Room 4" and isinstance(solo.top, TitleScreen)
    play = start_game(solo)
    press(solo, key(pygame.K_2))
    assert play.run.step == 1
    record = records(saves)[0]
    assert record["label"] == "Room 4" and record["mode"] == "workshop"


def test_workshop_mode_is_larger_but_leaves_the_saved_settings_alone(saves):
    settings = Settings(text_speed="instant")
    save_settings(saves, settings)
    before = (saves / SETTINGS_FILE).read_bytes()
    plain = App([FIXTURES / "tiny"], saves)
    normal_body, normal_unit = plain.theme.font("body").get_height(), plain.theme.unit
    pygame.quit()
    room = App([FIXTURES / "tiny"], saves, workshop=True)
    assert room.theme.projector
    assert room.theme.unit >= normal_unit * 1.2               # buttons and spacing: 125%
    assert room.theme.font("body").get_height() >= normal_body * 1.4   # text: about 150%
    assert room.settings == settings
    start_game(room)
    assert (saves / SETTINGS_FILE).read_bytes() == before
    room.workshop = False                                     # leaving: back to the player's size
    room.retheme()
    assert room.theme.font("body").get_height() == normal_body
    pygame.quit()


def test_the_projector_size_is_still_capped_by_the_window_height(saves):
    room = App([FIXTURES / "tiny"], saves, size=(800, 600), workshop=True,
               settings=Settings(text_size=2.0, ui_scale=2.0))
    assert room.theme.font("body").get_height() <= 600 / 18 * 1.5
    pygame.quit()


def test_a_decision_opens_with_a_talk_it_over_panel_of_its_prompts(room):
    play = start_game(room)
    assert play.run.scene.id == "pro-start" and play.facilitator.at_decision()
    text = words(play)
    assert "Talk it over" in text and "Who set the agenda?" in text
    assert play.hints == HINTS and "V: votes" in HINTS


def test_solo_play_has_no_discussion_panel_and_the_workshop_keys_only_explain(solo):
    play = start_game(solo)
    assert "Talk it over" not in words(play)
    press(solo, key(pygame.K_t))
    assert not play.facilitator.timer.on and "workshop" in solo.notice.lower()
    press(solo, key(pygame.K_v))
    assert solo.top is play and play.run.step == 0


def test_the_timer_counts_down_says_when_time_is_up_and_never_blocks_a_choice(room):
    play = start_game(room)
    timer = play.facilitator.timer
    press(room, key(pygame.K_t))
    assert timer.minutes == 2 and timer.left == 120
    press(room, key(pygame.K_t))
    assert timer.minutes == 3
    room.step([], dt=45.0)
    assert timer.reading(False) == "2:15"
    room.settings.reduce_motion = True          # reduced motion: whole minutes, no creeping bar
    assert timer.reading(True) == "3 min"
    room.step([], dt=200.0)
    assert timer.finished and "Time's up" in words(play)
    assert "no hurry" in room.notice
    press(room, key(pygame.K_1))                 # the choice is still the room's, at any time
    assert play.run.step == 1


def test_a_running_timer_does_not_stop_an_early_choice_and_restarts_at_the_next_decision(room):
    play = start_game(room)
    press(room, key(pygame.K_t))
    room.step([], dt=10.0)
    press(room, key(pygame.K_2))                 # Keep the budget
    assert play.run.step == 1 and play.phase == "outcome"
    room.step([], dt=30.0)                       # no decision on screen: the timer waits
    press(room, key(pygame.K_RETURN))
    assert play.run.scene.id == "pro-decide" and play.facilitator.at_decision()
    room.step([], dt=0.1)
    assert play.facilitator.timer.left == pytest.approx(120, abs=0.5)
    press(room, key(pygame.K_t), key(pygame.K_t), key(pygame.K_t))
    assert not play.facilitator.timer.on         # 2, 3, 5, then off


def test_votes_typed_with_the_keyboard_reach_the_record_and_do_not_choose(room, saves):
    play = start_game(room)
    press(room, key(pygame.K_v))
    assert isinstance(room.top, VoteScreen)
    press(room, key(pygame.K_1), key(pygame.K_2))            # 12 for option 1
    press(room, key(pygame.K_DOWN), key(pygame.K_3), key(pygame.K_KP_PLUS))   # 4 for option 2
    press(room, key(pygame.K_DOWN))              # option 3 is locked: back round to option 1
    press(room, key(pygame.K_9), key(pygame.K_BACKSPACE))
    assert room.top.counts == [12, 4, 0]
    assert play.run.step == 0 and play.phase == "scene"      # no digit chose anything
    press(room, key(pygame.K_RETURN))
    assert room.top is play and play.run.step == 0
    assert records(saves)[0]["pending_votes"] == {"1:pro-start": [12, 4, 0]}
    play.ensure_layout()
    notes = [b.note for b in play.main.buttons]
    assert notes[:2] == ["Votes: 12 of 16", "Votes: 4 of 16"]
    assert notes[2].startswith("Not available")
    room.draw()                                   # the bars beside them draw without trouble
    press(room, key(pygame.K_1))                 # now the group's choice, as usual
    record = records(saves)[0]
    assert record["steps"][0]["scene"] == "pro-start" and record["steps"][0]["votes"] == [12, 4, 0]
    assert record["pending_votes"] == {}


def test_the_vote_panel_opens_with_saved_counts_and_esc_keeps_them(room, saves):
    play = start_game(room)
    press(room, key(pygame.K_v), key(pygame.K_5), key(pygame.K_RETURN))
    press(room, key(pygame.K_v))
    assert room.top.counts == [5, 0, 0]
    press(room, key(pygame.K_1), key(pygame.K_ESCAPE))
    assert room.top is play
    assert room.recorder.pending_votes() == [5, 0, 0]


def test_a_facilitators_note_reaches_the_record(room, saves):
    play = start_game(room)
    press(room, key(pygame.K_n))
    assert isinstance(room.top, AskTextScreen)
    press(room, typed("Room split on pay; come back to it"), key(pygame.K_RETURN))
    assert room.top is play and play.run.step == 0
    assert records(saves)[0]["pending_notes"] == {"1:pro-start": "Room split on pay; come back to it"}
    assert "A facilitator's note is saved" in words(play)
    press(room, key(pygame.K_n))
    assert room.top.text == "Room split on pay; come back to it"   # N again edits it
    press(room, key(pygame.K_ESCAPE))
    press(room, key(pygame.K_2))
    assert records(saves)[0]["steps"][0]["note"] == "Room split on pay; come back to it"


def test_the_other_side_is_revealed_at_a_mirrored_moment(room):
    play = start_game(room)
    press(room, key(pygame.K_o))
    assert isinstance(room.top, OtherSideScreen)
    text = words(room.top)
    assert "What the other side saw" in text and "Sam, member" in text
    assert "Pat: Welcome, Sam." in text
    press(room, key(pygame.K_ESCAPE))
    assert room.top is play
    press(room, key(pygame.K_2))                 # what the choice did: still the same moment
    press(room, key(pygame.K_o))
    assert isinstance(room.top, OtherSideScreen)
    press(room, key(pygame.K_ESCAPE), key(pygame.K_RETURN))
    assert play.run.scene.id == "pro-decide"    # not a mirrored moment
    press(room, key(pygame.K_o))
    assert room.top is play and "nothing that matches" in room.notice


def test_solo_players_see_the_other_side_after_they_choose(solo):
    play = start_game(solo)
    press(solo, key(pygame.K_o))
    assert solo.top is play and "once you have chosen" in solo.notice
    press(solo, key(pygame.K_1))                 # Offer to pay everyone: a page of what it did
    assert play.phase == "outcome"
    assert labels(solo)[:2] == ["Continue", "What the other side saw (O)"]
    assert play.focused.label == "Continue"      # Enter still goes on
    tab_to(solo, "What the other side saw")
    assert isinstance(solo.top, OtherSideScreen)


def test_the_workshop_button_offers_every_tool_to_a_mouse(room):
    play = start_game(room)
    play.ensure_layout()
    button = next(b for b in play.buttons if b.label == "Workshop")
    press(room, click(play.screen_rect(button).center))
    assert isinstance(room.top, WorkshopMenuScreen)
    assert labels(room)[:4] == ["Timer: off (T)", "Enter the room's votes (V)", "Add a note (N)",
                                "What the other side saw (O)"]
    tab_to(room, "Timer")
    assert room.top is play and play.facilitator.timer.minutes == 2


def test_help_lists_the_workshop_keys(room):
    press(room, key(pygame.K_F1))
    text = words(room.top)
    for words_ in ("T (workshop)", "V (workshop)", "N (workshop)", "O: what the other side saw"):
        assert words_ in text


@pytest.mark.parametrize("size", [(800, 600), (1280, 720), (1920, 1080)])
def test_the_workshop_screens_fit_inside_the_window(saves, size):
    room = App([FIXTURES / "tiny"], saves, size=size, settings=Settings(text_speed="instant"),
               workshop=True)
    width, height = size
    play = start_game(room)
    press(room, key(pygame.K_t), key(pygame.K_v), key(pygame.K_3), key(pygame.K_RETURN))
    press(room, key(pygame.K_n), typed("A note"), key(pygame.K_RETURN))
    room.step([], dt=20.0)
    for opener in (None, pygame.K_v, pygame.K_o):
        if opener is not None:
            press(room, key(opener))
        screen = room.top
        screen.ensure_layout()
        views = [pane.view.rect for pane in screen.panes]
        for pane in screen.panes:
            rect = pane.view.rect
            assert rect.left >= 0 and rect.right <= width and rect.top >= 0 and rect.bottom <= height
            for item in pane.column.texts:
                for x, line, role, _ in item.lines:
                    assert x + room.theme.font(role).size(line)[0] <= pane.column.width + 1, line
            for button in pane.column.buttons:
                assert 0 <= button.rect.left and button.rect.right <= pane.column.width
        for i, a in enumerate(views):
            for b in views[i + 1:]:
                assert not a.colliderect(b), (a, b)
        room.draw()
        if opener is not None:
            press(room, key(pygame.K_ESCAPE))
    assert room.top is play and "Talk it over" in words(play)
    pygame.quit()


def test_workshop_screenshots_are_written(tmp_path):
    from game.ui.shots.workshop import workshop_shots
    written = workshop_shots(tmp_path / "shots", (1280, 720), Settings(text_speed="instant"),
                             [FIXTURES / "tiny"], tmp_path / "saves")
    names = [p.name.split("-", 1)[1] for p in written]
    assert names == ["workshop-group-label.png", "workshop-title.png", "workshop-decision.png",
                     "workshop-vote-panel.png", "workshop-discussion.png", "workshop-times-up.png",
                     "workshop-tools.png", "workshop-other-side.png",
                     "workshop-other-side-options.png", "workshop-room-join.png",
                     "workshop-room-comments.png", "workshop-room-votes.png"]
    assert all(p.stat().st_size > 0 for p in written)
