"""The live room as the game drives it: the room's state, the page devices see, and the
facilitator's keys in the window and the terminal. Devices here vote through the Room itself;
tests/test_room_server.py and tests/test_room_browser.py send them over HTTP."""
from __future__ import annotations

import io
import json

import pygame
import pytest

from conftest import FIXTURES
from drive_window import key, labels, press, start_game, tab_to
from game.room.model import CODE_ALPHABET, CODE_LENGTH, COMMENT_LIMIT, Option, Page, Room, new_code
from game.room.page import PROMPTS, page_of
from game.records import Recorder
from game.story import Run, load_scenario
from game.terminal.game import TextGame
from game.ui.app import App
from game.ui.screens.play.ending import EndingScreen
from game.ui.screens.workshop.room import CommentsScreen, RoomScreen
from game.ui.settings import Settings


def decision(key="1:a", options=3, locked=()):
    return Page(key=key, kind="decision", title="A choice",
                options=tuple(Option(n, f"Option {n}", n not in locked, "closed" if n in locked else "")
                              for n in range(1, options + 1)))


def records(saves) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((saves / "records").glob("*.json"))]


# -- the room's state ------------------------------------------------------------------------
def test_room_codes_are_random_readable_and_typed_loosely():
    codes = {new_code() for _ in range(200)}
    assert len(codes) > 190  # from os.urandom, not a counter
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set(CODE_ALPHABET) & set("O0I1S5B8")  # nothing read two ways off a projector
    room = Room("ACDEF")
    assert room.join(" acd ef ") and room.join("ACD-EF")
    assert room.join("ACDEG") is None and room.join("") is None


def test_one_vote_per_device_changeable_until_closed():
    room = Room()
    room.publish(decision())
    one, two = room.join(room.code), room.join(room.code)
    assert room.vote(one, "1:a", 1).ok and room.vote(two, "1:a", 1).ok
    changed = room.vote(one, "1:a", 3)
    assert changed.ok and "changed to option 3" in changed.message
    assert room.tally().counts == (1, 0, 1) and room.tally().voted == 2
    assert room.withdraw(two, "1:a").ok and room.tally().counts == (0, 0, 1)
    final = room.close()
    assert not final.open and final.counts == (0, 0, 1)
    late = room.vote(two, "1:a", 2)
    assert not late.ok and late.status == 409 and "closed" in late.message
    room.reopen()
    assert room.vote(two, "1:a", 2).ok


def test_votes_that_cannot_count_are_refused_with_a_reason():
    room = Room()
    room.publish(decision(locked=(2,)))
    device = room.join(room.code)
    assert room.vote("forged", "1:a", 1).status == 403
    assert room.vote(device, "1:a", 2).status == 409     # a locked option
    assert room.vote(device, "1:a", 9).status == 400
    assert room.vote(device, "9:zz", 1).status == 404    # a decision that never was
    room.publish(decision(key="2:b"))
    assert room.vote(device, "1:a", 1).status == 409     # the story has moved on
    assert room.tally("1:a").counts == (0, 0, 0)


def test_showing_a_decision_again_keeps_its_votes():
    room = Room()
    room.publish(decision())
    device = room.join(room.code)
    room.vote(device, "1:a", 2)
    room.publish(Page(key="waiting", kind="waiting"))
    room.publish(decision())
    assert room.tally().counts == (0, 1, 0) and room.mine(device, "1:a") == (2, "")


def test_a_tie_is_a_tie_and_no_votes_is_no_majority():
    room = Room()
    room.publish(decision())
    assert room.tally().leaders() == []
    a, b = room.join(room.code), room.join(room.code)
    room.vote(a, "1:a", 1)
    room.vote(b, "1:a", 3)
    assert room.tally().leaders() == [1, 3]


def test_comments_one_per_device_cut_to_size_and_in_order():
    room = Room()
    room.publish(decision())
    a, b = room.join(room.code), room.join(room.code)
    assert room.comment(a, "1:a", "  We never   asked them. ").ok
    assert room.comment(b, "1:a", "<b>Money</b> first").ok
    assert room.comment(a, "1:a", "We never asked them, again.").ok  # replaces, keeps its place
    assert room.tally().comments == ("We never asked them, again.", "<b>Money</b> first")
    too_long = room.comment(a, "1:a", "x" * (COMMENT_LIMIT + 1))
    assert not too_long.ok and too_long.status == 413
    assert room.comment(b, "1:a", "").ok and room.tally().comments == ("We never asked them, again.",)


def test_debrief_answers_only_at_the_ending_and_only_known_words():
    room = Room()
    ending = Page(key="end:5:x", kind="ending", reactions=("hopeful", "torn"), prompts=PROMPTS)
    device = room.join(room.code)
    assert room.answer(device, "end:5:x", {"reactions": ["torn"]}).status == 409  # not yet
    room.publish(ending)
    verdict = room.answer(device, "end:5:x", {"reactions": ["torn", "evil", 3],
                                              "action": " Ask first ", "name": "Jo Bloggs"})
    assert verdict.ok
    assert room.answers() == [{"reactions": ["torn"], "action": "Ask first"}]  # no name kept


def test_a_listener_hears_every_change():
    room = Room()
    heard = []
    room.listen(lambda: heard.append(room.version))
    room.publish(decision())
    device = room.join(room.code)
    room.vote(device, "1:a", 1)
    room.close()
    assert heard == [1, 2, 3, 4]


# -- what devices see --------------------------------------------------------------------------
def test_the_page_follows_the_run_and_names_decisions_as_the_record_does(tmp_path):
    scenario = load_scenario(FIXTURES / "tiny").scenario
    run = Run(scenario, "professional", seed=1)
    page = page_of(run)
    recorder = Recorder(tmp_path, run)
    assert page.kind == "decision" and page.key == recorder._pending_key()
    assert [o.text for o in page.options][:2] == ["Offer to pay everyone", "Keep the budget for the project"]
    locked = [o for o in page.options if not o.enabled]
    assert locked and locked[0].reason == "Sam does not trust you enough yet."
    assert page.discuss == ("Who set the agenda?",)
    assert ("Sam", "Hello.") in page.lines
    while not run.ended:
        run.choose(next(v.index for v in run.choices if v.enabled))
    end = page_of(run)
    assert end.kind == "ending" and end.ending == run.ending.title and end.prompts == PROMPTS
    assert "hopeful" in end.reactions


# -- the window ----------------------------------------------------------------------------------
@pytest.fixture
def room_app(saves):
    app = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"), workshop=True,
              label="Tuesday group")
    app.room_host = "127.0.0.1"
    yield app
    app.close()
    pygame.quit()


def open_at_decision(app):
    play = start_game(app)
    press(app, key(pygame.K_r))
    assert app.room is not None, app.notice
    assert isinstance(app.top, RoomScreen)
    press(app, key(pygame.K_ESCAPE))
    assert app.top is play and play.facilitator.tally() is not None
    return play


def devices(app, count):
    return [app.room.room.join(app.room.code) for _ in range(count)]


def test_r_opens_the_room_and_shows_how_to_join(room_app):
    play = start_game(room_app)
    assert room_app.room is None
    press(room_app, key(pygame.K_r))
    room = room_app.room
    assert room is not None and room.url.startswith("http://127.0.0.1:")
    words = " ".join(line[1] for pane in room_app.top.panes for item in pane.column.texts
                     for line in item.lines)
    assert "0 devices joined" in words and "same Wi-Fi" in words and "no name" in words
    devices(room_app, 2)
    room_app.step([])
    room_app.top.ensure_layout()
    words = " ".join(line[1] for pane in room_app.top.panes for item in pane.column.texts
                     for line in item.lines)
    assert "2 devices joined" in words
    press(room_app, key(pygame.K_ESCAPE))
    assert room.room.page.key == f"1:{play.run.scene.id}"   # devices see the scene on screen


def test_votes_show_live_and_m_goes_with_the_majority(room_app, saves):
    play = open_at_decision(room_app)
    scene = play.run.scene.id
    a, b, c = devices(room_app, 3)
    room = room_app.room.room
    key_now = room.page.key
    room.vote(a, key_now, 2)
    room.vote(b, key_now, 2)
    room.vote(c, key_now, 1)
    room.comment(a, key_now, "Nobody asked Sam")
    room_app.step([])
    assert play.facilitator.votes() == [1, 2, 0]
    assert play.facilitator.option_note(1, "") == "Votes: 2 of 3"
    press(room_app, key(pygame.K_m))
    assert play.run.step == 1 and "option 2: 2 of 3" in room_app.notice
    step = records(saves)[0]["steps"][0]
    assert step["scene"] == scene and step["votes"] == [1, 2, 0]
    assert step["votes_from"] == "room" and step["voted"] == 3
    assert step["comments"] == ["Nobody asked Sam"]
    assert room.vote(c, key_now, 2).status == 409   # closed once chosen


def test_a_tie_is_said_and_the_facilitator_chooses(room_app):
    play = open_at_decision(room_app)
    room = room_app.room.room
    a, b = devices(room_app, 2)
    room.vote(a, room.page.key, 1)
    room.vote(b, room.page.key, 2)
    press(room_app, key(pygame.K_m))
    assert play.run.step == 0 and "A tie: options 1 and 2" in room_app.notice
    assert not room.tally().open
    press(room_app, key(pygame.K_1))
    assert play.run.step == 1


def test_l_closes_and_reopens_and_a_number_key_closes_the_vote_with_its_count(room_app, saves):
    play = open_at_decision(room_app)
    room = room_app.room.room
    (a,) = devices(room_app, 1)
    page_key = room.page.key
    room.vote(a, page_key, 1)
    press(room_app, key(pygame.K_l))
    assert not room.tally().open and "Vote closed: 1: 1" in room_app.notice
    # the record is written as the vote closes: a crash now loses nothing
    assert records(saves)[0]["pending_votes"] == {page_key: [1, 0, 0]}
    press(room_app, key(pygame.K_l))
    assert room.tally().open
    press(room_app, key(pygame.K_2))
    assert play.run.step == 1 and not room.tally(page_key).open
    assert records(saves)[0]["steps"][0]["votes"] == [1, 0, 0]


def test_comments_reach_the_big_screen_only_when_chosen(room_app):
    play = open_at_decision(room_app)
    room = room_app.room.room
    a, b = devices(room_app, 2)
    room.comment(a, room.page.key, "It was decided before we came")
    room.comment(b, room.page.key, "Pay people")
    room_app.step([])
    assert "It was decided before we came" not in " ".join(
        line[1] for pane in play.panes for item in pane.column.texts for line in item.lines)
    press(room_app, key(pygame.K_k))
    assert isinstance(room_app.top, CommentsScreen)
    # this window may be on the projector: the words stay hidden until asked for
    assert not [label for label in labels(room_app) if "Pay people" in label]
    assert "Comment 2 (2 words)" in labels(room_app)
    assert "Open the facilitator's page" in labels(room_app)
    tab_to(room_app, "Show the texts here")
    assert [label for label in labels(room_app) if "Pay people" in label]
    tab_to(room_app, "It was decided")
    press(room_app, key(pygame.K_ESCAPE))
    play.ensure_layout()
    shown = " ".join(line[1] for pane in play.panes for item in pane.column.texts for line in item.lines)
    assert "It was decided before we came" in shown and "Pay people" not in shown


def test_the_room_answers_the_debrief_and_it_goes_in_the_record(room_app, saves):
    play = open_at_decision(room_app)
    (a,) = devices(room_app, 1)
    press(room_app, key(pygame.K_1))
    while not isinstance(room_app.top, EndingScreen):
        press(room_app, key(pygame.K_RETURN) if play.phase == "outcome" else key(pygame.K_1))
    room_app.step([])
    room = room_app.room.room
    assert room.page.kind == "ending"
    assert room.answer(a, room.page.key, {"reactions": ["hopeful"], "takeaway1": "Ask sooner"}).ok
    room_app.room.keep(room_app.recorder, force=True)
    room_app.record(room_app.recorder.run)
    record = records(saves)[0]
    assert record["room"]["answers"] == [{"reactions": ["hopeful"], "takeaway1": "Ask sooner"}]
    room_app.top.invalidate()
    room_app.top.ensure_layout()
    words = " ".join(line[1] for pane in room_app.top.panes for item in pane.column.texts
                     for line in item.lines)
    assert "1 of 1 have answered" in words and "hopeful 1" in words


def test_room_keys_without_a_room_say_how_to_open_one(room_app):
    start_game(room_app)
    press(room_app, key(pygame.K_m))
    assert "R opens it" in room_app.notice


def test_a_room_that_cannot_listen_is_said_and_the_game_goes_on(room_app):
    room_app.room_host = "192.0.2.1"  # a documentation address: not this machine's
    start_game(room_app)
    press(room_app, key(pygame.K_r))
    assert room_app.room is None and "could not open" in room_app.notice


# -- the terminal ----------------------------------------------------------------------------------
class Room_Stdin(io.StringIO):
    """Input lines; before a line is read, the devices may act (a callback per line)."""

    def __init__(self, lines, actions):
        super().__init__("".join(line + "\n" for line in lines))
        self.actions = list(actions)

    def readline(self, *args):
        if self.actions:
            action = self.actions.pop(0)
            if action:
                action()
        return super().readline(*args)


def test_the_terminal_opens_the_room_and_the_majority_chooses(tmp_path):
    scenario = load_scenario(FIXTURES / "tiny")
    out = io.StringIO()
    game_box = {}

    def votes():
        room = game_box["game"].room.room
        for option in (2, 2, 1):
            room.vote(room.join(room.code), room.page.key, option)

    stdin = Room_Stdin(["r", "m", "", "1", "", "", "", "", ""],
                       [votes])
    game = TextGame([scenario], stdin, out, tmp_path / "saves", workshop=True,
                    room=("127.0.0.1", 0))
    game_box["game"] = game
    game.play("tiny", "professional")
    text = out.getvalue()
    assert "The room is open" in text and "Room code:" in text and "http://127.0.0.1:" in text
    assert "2 votes: Keep the budget" in text
    assert "The room chose option 2: 2 of 3 votes." in text
    record = records(tmp_path / "saves")[0]
    assert record["steps"][0]["votes"] == [1, 2, 0] and record["steps"][0]["votes_from"] == "room"
    assert "The room is closed." in text


def test_while_the_projector_shows_what_a_choice_did_devices_show_it_too(room_app):
    play = open_at_decision(room_app)
    press(room_app, key(pygame.K_1))                  # "Offer to pay everyone": it has feedback
    assert play.phase == "outcome"
    page = room_app.room.room.page
    assert page.kind == "scene" and not page.options  # no vote on the next scene yet
    assert ("", "The room chose: Offer to pay everyone") in page.lines
    assert ("", "Sam smiles.") in page.lines
    assert any(words.startswith("Trust +15") for _, words in page.lines)
    play.after_outcome()                              # Continue
    room_app.step([])
    assert room_app.room.room.page.key == "2:pro-decide"  # on to the next scene with the projector


# -- the command line --------------------------------------------------------------------------
@pytest.mark.parametrize("argv, words", [
    (["--room-host", "0.0.0.0"], "not an address a phone can open"),
    (["--room-host", "two words"], "give one address"),
    (["--room-port", "70000"], "give a number from 0 to 65,535"),
])
def test_wrong_room_options_are_refused_before_anything_starts(capsys, monkeypatch, argv, words):
    from game.cli import main
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(["play", "--text", "--scenario", "tea-and-terms", "--role", "professional", *argv])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and words in err


def test_room_on_the_command_line_opens_it_in_the_terminal(capsys, monkeypatch, tmp_path):
    from game.cli import main
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(["play", "--text", "--room", "--room-host", "127.0.0.1", "--scenario",
                 "tea-and-terms", "--role", "professional", "--save-dir", str(tmp_path)])
    out, _ = capsys.readouterr()
    assert code == 0 and "The room is open" in out and "http://127.0.0.1:" in out
    assert "The room is closed." in out


def test_go_with_the_majority_says_a_win_a_tie_and_no_votes_the_same_in_window_and_terminal():
    from game.room.live import majority
    room = Room()
    room.publish(decision())
    assert majority(room.tally()) == (None, "Nobody has voted yet, so there is no majority.")
    a, b, c = (room.join(room.code) for _ in range(3))
    room.vote(a, "1:a", 1)
    room.vote(b, "1:a", 3)
    assert majority(room.tally()) == (None, "A tie: options 1 and 3 have 1 vote each.")
    room.vote(c, "1:a", 3)
    assert majority(room.tally()) == (3, "The room chose option 3: 2 of 3 votes.")
