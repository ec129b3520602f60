"""'Hide the meters until the debrief' everywhere, not only in the window's panels: the terminal
(--hide-meters, or the saved setting), the window's voice (F3 and what a choice changed) and the
live room's phones. Each check is also run with the meters shown, to prove it can tell."""
from __future__ import annotations

import dataclasses
import io
import json
import re

import pygame
import pytest

from conftest import FIXTURES, ROOT
from game.speech import Recorder
from game.story import load_scenario
from game.terminal.game import TextGame
from game.ui.app import App
from game.ui.screens.play.ending import EndingScreen
from game.ui.screens.workshop.room import RoomScreen
from game.ui.settings import Settings, save_settings
from game.ui.voice import HIDDEN_METERS
from test_text_ear import Player
from drive_window import key, press, start_game

# a meter's number as the game writes it: "+15", "\u221210", "(now 65", "45 out of 100"
METER_NUMBER = re.compile(r"[+\u2212]\d|\(now \d|\d+ out of \d|on a scale from")


def transcript(path, role, tmp_path, hide: bool, commands=("s", "h")) -> str:
    out = io.StringIO()
    result = load_scenario(path)
    stdin = Player(out, commands)
    game = TextGame([result], stdin, out, tmp_path / "saves", hide_meters=hide)
    stdin.game = game
    assert game.play(result.scenario.id, role) == 0
    return out.getvalue()


def before_the_ending(text: str) -> str:
    assert "Ending: " in text, text[-1500:]
    return text[:text.index("Ending: ")]


@pytest.mark.parametrize("path, role", [(FIXTURES / "tiny", "professional"),
                                        (ROOT / "scenes" / "haven", "professional"),
                                        (ROOT / "scenes" / "tea-and-terms", "service_user")])
def test_the_terminal_says_no_meter_number_before_the_ending(path, role, tmp_path):
    hidden = transcript(path, role, tmp_path / "hidden", hide=True)
    before = before_the_ending(hidden)
    assert not METER_NUMBER.search(before), METER_NUMBER.search(before)
    assert "The meters are hidden until the debrief" in before   # said at the start and at s
    assert METER_NUMBER.search(hidden[len(before):])             # the debrief shows them all
    shown = transcript(path, role, tmp_path / "shown", hide=False)
    assert METER_NUMBER.search(before_the_ending(shown))         # the check can tell


def test_the_terminal_still_says_what_moved_and_why(tmp_path):
    text = before_the_ending(transcript(FIXTURES / "tiny", "professional", tmp_path, hide=True,
                                        commands=("1", "h")))
    assert "Trust \u2014 People felt valued [respect]" in text      # after the choice, and in h
    assert text.count("Trust \u2014 People felt valued") >= 2
    assert "You paid people like staff" in text                 # a yes/no keeps its words


def play_cli(monkeypatch, capsys, saves, *flags) -> str:
    from game.cli import main
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n1\n\n\n\n\n\n"))
    main(["play", "--text", "--scenes", str(FIXTURES), "--scenario", "tiny", "--role",
          "professional", "--save-dir", str(saves), *flags])
    return capsys.readouterr().out


def test_the_command_line_flag_and_the_saved_setting_hide_them(monkeypatch, capsys, saves):
    assert not METER_NUMBER.search(before_the_ending(play_cli(monkeypatch, capsys, saves / "a",
                                                              "--hide-meters")))
    save_settings(saves / "b", Settings(hide_meters=True))   # as the window saves it
    assert not METER_NUMBER.search(before_the_ending(play_cli(monkeypatch, capsys, saves / "b")))
    shown = play_cli(monkeypatch, capsys, saves / "b", "--no-hide-meters")  # this game only
    assert METER_NUMBER.search(before_the_ending(shown))


# -- the window's voice --------------------------------------------------------------------------
DIGIT = re.compile(r"\d")


def numbers_said(app: App, spoken: list[str]) -> list[str]:
    """What was said with a meter's number in it: a meter named with a number in the same
    sentence, or a change said as 'up 15, now 65' (a phone number in the support lines is not
    one)."""
    scenario = app.scenario("tiny")
    names = "|".join(re.escape(v.label) for v in scenario.variables.values())
    meter = re.compile(rf"(?:{names})\b[^.]*?\d|\b(?:up|down) \d|\bnow (?:minus )?\d|out of \d")
    return [words for words in spoken if meter.search(words)]


def voiced_game(saves, hide: bool):
    recorder = Recorder()
    app = App([FIXTURES / "tiny"], saves, speaker=recorder,
              settings=Settings(text_speed="instant", self_voicing=True, hide_meters=hide))
    play = start_game(app)
    press(app, key(pygame.K_1))               # Offer to pay everyone: trust +15, outcome -5
    press(app, key(pygame.K_F3))              # the meters, on request
    return app, play, recorder


def test_speech_says_no_meter_number_until_the_ending(saves):
    app, play, said = voiced_game(saves, hide=True)
    assert play.phase == "outcome"
    assert "Trust: People felt valued." in said.spoken
    assert HIDDEN_METERS in said.spoken
    assert numbers_said(app, said.spoken) == []
    press(app, key(pygame.K_RETURN), key(pygame.K_1), key(pygame.K_RETURN))
    assert play.run.ended and isinstance(app.top, EndingScreen)
    said.clear()
    press(app, key(pygame.K_F3))              # the ending is the debrief: now they are said
    assert any("out of 100" in words for words in said.spoken), said.spoken
    pygame.quit()


def test_with_the_meters_shown_speech_says_the_numbers(saves):
    app, play, said = voiced_game(saves, hide=False)
    assert "Trust up 15, now 65. People felt valued." in said.spoken
    assert numbers_said(app, said.spoken)     # the check above can tell
    pygame.quit()


# -- the live room's phones ----------------------------------------------------------------------
def room_outcome(saves, hide: bool) -> dict:
    app = App([FIXTURES / "tiny"], saves, workshop=True,
              settings=Settings(text_speed="instant", hide_meters=hide))
    app.room_host = "127.0.0.1"
    try:
        start_game(app)
        press(app, key(pygame.K_r))
        assert app.room is not None, app.notice
        assert isinstance(app.top, RoomScreen)
        press(app, key(pygame.K_ESCAPE), key(pygame.K_1))
        page = dataclasses.asdict(app.room.room.page)  # what /api/page sends
        json.dumps(page)
        return page
    finally:
        app.close()
        pygame.quit()


def test_the_phones_show_no_meter_number_when_hidden(saves):
    page = room_outcome(saves / "hidden", hide=True)
    words = [text for _, text in page["lines"]]
    assert "The room chose: Offer to pay everyone" in words
    assert "Trust \u2014 People felt valued [respect]" in words
    assert not [w for w in words if DIGIT.search(w)], words
    shown = room_outcome(saves / "shown", hide=False)
    assert [w for _, w in shown["lines"] if w.startswith("Trust +15")]
