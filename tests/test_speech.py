"""Self-voicing: what the window says (through a recording backend), the speech keys and
settings, choosing a backend, never blocking a frame, and espeak-ng really speaking."""
from __future__ import annotations

import array
import shutil
import subprocess
import sys
import time
import wave

import pygame
import pytest

from conftest import FIXTURES
from game.speech import Recorder, Silent, choose_speaker
from game.speech.backends import EspeakSpeaker, MacSpeaker, ProcessSpeaker, SapiSpeaker, SpdSpeaker
from game.ui.actions import help_lines
from game.ui.app import App
from game.ui.settings import LABELS, Settings, load_settings
from game.ui.voice import NO_METERS, TITLE_HINT, spoken_number
from drive_window import key, labels, press, start_game, tab_to

SCENE = ["Monday", "The room is cold.", "Sam says: Hello.", "Pat says: Welcome.",
         "Option 1: Offer to pay everyone.", "Option 2: Keep the budget for the project.",
         "Option 3: Hand the meeting to Sam. Not available: Sam does not trust you enough yet."]


def window(saves, voicing=True):
    recorder = Recorder()
    app = App([FIXTURES / "tiny"], saves, speaker=recorder,
              settings=Settings(text_speed="instant", self_voicing=voicing))
    return app, recorder


@pytest.fixture
def voiced(saves):
    app, recorder = window(saves)
    yield app, recorder
    pygame.quit()


def assert_in_order(spoken: list[str], expected: list[str]) -> None:
    """Each expected utterance is said, after the one before it."""
    at = 0
    for words in expected:
        assert words in spoken[at:], f"{words!r} not said after {spoken[at - 1:at]!r} in {spoken!r}"
        at = spoken.index(words, at) + 1


def test_a_scripted_game_is_said_in_order(voiced):
    app, said = voiced
    app.step([])
    assert said.events[0] == ("say", "Making Together")  # the first words interrupt nothing
    assert_in_order(said.spoken, ["Making Together",
                                  "A game about making mental-health services together",
                                  TITLE_HINT, "New game, button."])
    start_game(app)
    assert_in_order(said.spoken, ["Choose a scenario", "Before you start", "You play Pat, manager.",
                                  "You run the meeting.", "Option 1: Begin.", "The meeting"] + SCENE)
    said.clear()
    press(app, key(pygame.K_1))  # Offer to pay everyone
    assert_in_order(said.spoken, ["You chose: Offer to pay everyone", "Sam smiles.", "What changed:",
                                  "Paid fairly: yes. You paid people like staff.",
                                  "Trust up 15, now 65. People felt valued.",
                                  "Outcome down 5, now 45. Less money for the project.",
                                  "Option 1: Continue."])
    assert said.spoken.count("Option 1: Continue.") == 1  # the focused Continue is not said twice


def test_focus_moves_are_said_and_each_key_interrupts(voiced):
    app, said = voiced
    start_game(app)
    said.clear()
    press(app, key(pygame.K_TAB))
    assert said.events == [("stop", ""), ("say", SCENE[4])]
    press(app, key(pygame.K_TAB))
    press(app, key(pygame.K_TAB))
    assert said.events[-2:] == [("stop", ""), ("say", SCENE[6])]
    press(app, key(pygame.K_LSHIFT))  # a key that changes nothing still silences the voice
    assert said.events[-1] == ("stop", "")


def test_undo_and_refusals_are_said(voiced):
    app, said = voiced
    start_game(app)
    press(app, key(pygame.K_1))
    press(app, key(pygame.K_RETURN))  # Continue
    said.clear()
    press(app, key(pygame.K_BACKSPACE))
    assert said.spoken[0] == 'Taken back: "Offer to pay everyone"'
    assert_in_order(said.spoken, SCENE)
    said.clear()
    press(app, key(pygame.K_3))  # locked: the reason is said
    assert said.spoken and "trust" in said.spoken[0].lower()


def test_speech_off_says_nothing(saves):
    app, said = window(saves, voicing=False)
    app.step([])
    start_game(app)
    press(app, key(pygame.K_1), key(pygame.K_TAB), key(pygame.K_F3))
    assert said.events == []
    pygame.quit()


def test_f2_turns_speech_on_and_off_and_it_is_remembered(saves):
    app, said = window(saves, voicing=False)
    app.step([])
    press(app, key(pygame.K_F2))
    assert app.settings.self_voicing and load_settings(saves).self_voicing
    assert said.spoken[0].startswith("Speech on") and "Making Together" in said.spoken
    press(app, key(pygame.K_F2))
    assert not app.settings.self_voicing and not load_settings(saves).self_voicing
    assert said.spoken[-1] == "Speech off."
    said.clear()
    press(app, key(pygame.K_TAB), key(pygame.K_TAB))
    assert said.spoken == []
    pygame.quit()


def test_a_new_window_starts_with_the_saved_speech_settings(saves):
    app, said = window(saves, voicing=False)
    app.settings.speech_rate = "slow"
    press(app, key(pygame.K_F2))
    pygame.quit()
    recorder = Recorder()
    again = App([FIXTURES / "tiny"], saves, speaker=recorder)  # settings read from the folder
    again.step([])
    assert again.settings.self_voicing and recorder.rate == "slow"
    assert recorder.spoken[:2] == ["Making Together",
                                   "A game about making mental-health services together"]
    pygame.quit()


def test_the_settings_screen_offers_speech_and_its_rate(voiced, saves):
    app, said = voiced
    tab_to(app, "Settings")
    assert f"{LABELS['speech_rate']}: normal" in labels(app)
    said.clear()
    tab_to(app, "Speech rate")  # Enter moves it on: normal -> fast
    assert app.settings.speech_rate == "fast" and load_settings(saves).speech_rate == "fast"
    assert said.spoken[-1] == f"{LABELS['speech_rate']}: fast, button."
    assert said.rate == "fast"  # the speaker follows the setting
    tab_to(app, "Speech: read")  # on -> off, from the settings screen too
    assert not load_settings(saves).self_voicing


def test_f3_says_the_meters_with_their_scales(voiced):
    app, said = voiced
    app.step([])
    press(app, key(pygame.K_F3))
    assert said.spoken[-1] == NO_METERS
    start_game(app)
    press(app, key(pygame.K_F3))
    words = said.spoken[-1]
    assert "Trust: 50 out of 100." in words and "Power balance:" in words
    assert words.endswith("No decision yet.")
    press(app, key(pygame.K_1), key(pygame.K_F3))
    assert said.spoken[-1].startswith("Trust: 65 out of 100.")
    assert said.spoken[-1].endswith("Last decision: rung 6, Co-production.")


def test_the_keys_screen_is_read_to_the_speech_keys(voiced):
    app, said = voiced
    app.step([])
    press(app, key(pygame.K_F1))
    assert_in_order(said.spoken, ["Keys", "F1: this list of keys",
                                  "F2: speech on or off (the window reads itself aloud)",
                                  "F3: say the meters, with their scales"])


def test_the_keys_and_the_title_hint_are_shown():
    assert any(line.startswith("F2:") for line in help_lines())
    assert any(line.startswith("F3:") for line in help_lines())
    assert spoken_number(-30) == "minus 30" and spoken_number(12.5) == "12.5"


def test_title_screen_shows_the_speech_hint_on_its_first_frame(voiced):
    app, _ = voiced
    app.step([])
    texts = [" ".join(line[1] for line in item.lines)
             for pane in app.top.panes for item in pane.column.texts]
    assert TITLE_HINT in texts


# -- backends -------------------------------------------------------------------------------
def fake_which(*present):
    return lambda name: f"/usr/bin/{name}" if name in present else None


def test_a_backend_is_chosen_once_by_platform(monkeypatch):
    monkeypatch.delenv("MAKING_TOGETHER_SPEECH", raising=False)
    assert isinstance(choose_speaker("linux", fake_which("spd-say", "espeak-ng")), SpdSpeaker)
    assert isinstance(choose_speaker("linux", fake_which("espeak-ng")), EspeakSpeaker)
    assert isinstance(choose_speaker("darwin", fake_which("say")), MacSpeaker)
    assert isinstance(choose_speaker("win32", fake_which("powershell")), SapiSpeaker)
    silent = choose_speaker("linux", fake_which())
    assert type(silent) is Silent and not silent.speaks
    monkeypatch.setenv("MAKING_TOGETHER_SPEECH", "espeak-ng")
    assert isinstance(choose_speaker("linux", fake_which("spd-say", "espeak-ng")), EspeakSpeaker)
    monkeypatch.setenv("MAKING_TOGETHER_SPEECH", "silent")
    assert type(choose_speaker("linux", fake_which("spd-say"))) is Silent


class Sleeper(ProcessSpeaker):
    """A stand-in voice: a child that reads its words, then takes 5 seconds to 'say' them."""

    def command(self, text):
        return [self.program, "-c", "import sys, time; sys.stdin.read(); time.sleep(5)"], text


def test_say_returns_at_once_and_the_next_words_replace_the_last():
    speaker = Sleeper(sys.executable)
    try:
        times = []
        for words in ("The room is cold.", "Someone has brought biscuits.", "Sam says: Hello."):
            started = time.perf_counter()
            speaker.say(words, interrupt=words != "Someone has brought biscuits.")
            times.append(time.perf_counter() - started)
            speaker.settle()
            if words == "The room is cold.":
                first = speaker.current
                assert speaker.busy
            elif words.startswith("Someone"):  # queued behind the words being said
                assert speaker.current is first and speaker.waiting == [words]
        print(f"\nsay() returned in at most {max(times) * 1000:.2f} ms (a worker thread speaks)")
        assert max(times) < 0.016  # well inside one frame at 60 a second
        # interrupting: the first child is killed, the queue dropped, the new words started
        assert speaker.current is not first and speaker.waiting == [] and speaker.busy
        assert first.wait(timeout=2) is not None
        speaker.stop()
        speaker.settle()
        assert not speaker.busy and speaker.current is None
    finally:
        speaker.close()
    assert speaker.thread is None


def test_spd_say_cancels_the_server_before_speaking_again():
    speaker = SpdSpeaker("spd-say")
    assert speaker.command("Hello")[0] == ["spd-say", "-w", "-r", "0", "--", "Hello"]
    speaker.cancel = True  # as after a stop while it was speaking
    args, _ = speaker.command("-1 is a number")
    assert args[:2] == ["sh", "-c"] and args[-1] == "-1 is a number" and '"$0" -C;' in args[2]


def test_espeak_ng_really_speaks_a_line_to_a_wav_file(tmp_path):
    program = shutil.which("espeak-ng")
    if program is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng): the real voice "
                    "is not checked here; .ci/run installs it")
    path = tmp_path / "line.wav"
    speaker = EspeakSpeaker(program)
    subprocess.run(speaker.to_wav("Sam says: hello, and welcome to the meeting.", str(path)),
                   check=True, timeout=30, capture_output=True)
    with wave.open(str(path)) as sound:
        assert sound.getsampwidth() == 2
        seconds = sound.getnframes() / sound.getframerate()
        samples = array.array("h", sound.readframes(sound.getnframes()))
    loud = sum(1 for s in samples if abs(s) > 1000)
    assert seconds > 1.0 and max(abs(s) for s in samples) > 5000 and loud > len(samples) // 20
    started = time.perf_counter()
    speaker.say("Hello.")  # the real voice, to whatever sound device there is, or none
    took = time.perf_counter() - started
    speaker.settle()
    speaker.close()
    print(f"\nespeak-ng: {seconds:.2f} s of speech; say() returned in {took * 1000:.1f} ms")
    assert took < 0.016
