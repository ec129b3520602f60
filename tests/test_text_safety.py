"""Text from outside the game is made safe at the edges (issue 20, items 3, 4 and 5): what is
typed or pasted into the window's boxes, typed in the terminal, given as --label, or read back
from a record can neither stop the window drawing nor stop a record being written."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata

import pygame
import pytest
from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings, strategies as st
from drive_window import finish, key, press, start_game, tab_to

from game.records import read_record
from game.story.debrief import TAKEAWAY_PROMPTS
from game.terminal.console import Terminal
from game.text.safety import REPLACEMENT, clean, is_blank, one_line, readable, unreadable
from game.ui.app import App
from game.ui.screens.menus.ask_text import AskTextScreen
from game.ui.screens.debrief.screen import DebriefScreen
from game.ui.screens.menus.records import RecordsScreen
from game.ui.settings import Settings
from game.ui.text_draw import render_line
from test_workshop import records, solo  # noqa: F401 (solo is a fixture)

# Each crashed the window in a text box (item 3): pygame draws nothing for it and refuses.
INVISIBLE = {
    "zero-width space": "\u200b", "zero-width non-joiner": "\u200c", "zero-width joiner": "\u200d",
    "word joiner": "\u2060", "byte-order mark": "\ufeff", "soft hyphen": "\u00ad",
    "left-to-right embedding": "\u202a", "right-to-left override": "\u202e",
    "left-to-right isolate": "\u2066", "pop directional isolate": "\u2069",
    "NUL": "\x00", "escape": "\x1b", "delete": "\x7f", "C1 control": "\x9b",
}
HOSTILE = list(INVISIBLE.values()) + ["\ud800", "\udcff", "\ufe0f", "\U000e0041", "\x00" * 50,
                                      "\u200b\u200d\ufeff", "a\x00b", "\u202e\u2066\u2069", ""]


def typed(text: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=text)


def ctrl_v() -> pygame.event.Event:
    return key(pygame.K_v, pygame.KMOD_CTRL)


@pytest.fixture
def clipboard(monkeypatch):
    """What Ctrl+V pastes: the game reads pygame.scrap.get_text(); this stands in for it."""
    held = {"text": ""}
    monkeypatch.setattr(pygame.scrap, "get_text", lambda: held["text"])
    return held


# -- the sanitiser ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", INVISIBLE)
def test_invisible_and_control_characters_are_taken_out(name):
    character = INVISIBLE[name]
    assert clean(character) == ""
    assert clean(f"Room{character} 4") == "Room 4"
    assert one_line(character * 3) == ""


def test_ordinary_text_is_left_exactly_as_it_was():
    for text in ("Tuesday group", "Café – Zoë’s table", "Привет", "مرحبا", "日本語", "e\u0301", "😀"):
        assert clean(text) == text and one_line(text) == text
    assert clean("a\u00a0b") == "a\u00a0b" and one_line("a\u00a0b") == "a b"


def test_a_joiner_between_two_letters_shapes_the_word_and_is_kept():
    assert clean("\u0645\u200c\u06cc") == "\u0645\u200c\u06cc"   # Persian: a non-joiner in a word
    assert clean("👩\u200d💻") == "👩\u200d💻"
    assert clean("\u200dab\u200c") == "ab"                        # at an edge it joins nothing


def test_bytes_that_could_not_be_read_are_shown_not_dropped():
    assert clean("Table \udcff") == f"Table {REPLACEMENT}"          # surrogateescape's byte
    assert clean("\ud800") == REPLACEMENT                            # a lone surrogate from JSON
    assert unreadable("Table \udcff") and unreadable(f"a{REPLACEMENT}") and not unreadable("Table")
    assert clean("Table \udcff").encode("utf-8")


def test_line_breaks_are_kept_only_where_a_text_has_lines():
    assert clean("one\r\ntwo\u2028three\n") == "one two three "
    assert clean("one\r\ntwo\u2028three\n", lines=True) == "one\ntwo\nthree\n"
    assert clean("a\tb") == "a b"
    assert one_line("  Room \n\n 4  ") == "Room 4"


def test_a_label_of_nothing_visible_is_no_label():
    assert is_blank("") and is_blank("   ") and is_blank("\ufe0f") and is_blank("\u0301")
    assert not is_blank("a") and not is_blank(REPLACEMENT)
    assert one_line("\ufe0f \u200b") == ""


def test_text_read_back_has_its_lone_surrogates_mended_even_when_deeply_nested():
    data = {"label\udcff": ["x\ud800", {"note": "ok \udcff"}], "n": 1, "t": None}
    assert readable(data) == {f"label{REPLACEMENT}": [f"x{REPLACEMENT}", {"note": f"ok {REPLACEMENT}"}],
                              "n": 1, "t": None}
    deep: list = ["\ud800"]
    for _ in range(50_000):
        deep = [deep]
    readable(deep)  # a loop, not recursion: no RecursionError
    assert readable("steps \x00 kept") == "steps \x00 kept"    # only surrogates: choice texts must match


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, exclude_categories=())))
def test_cleaned_text_is_visible_writable_and_stable(text):
    kept = clean(text, lines=True)
    assert clean(kept, lines=True) == kept
    kept.encode("utf-8")                                  # always writable as UTF-8
    for character in kept:
        kind = unicodedata.category(character)
        assert character == "\n" or kind not in ("Cc", "Cs")
        assert kind != "Cf" or character in "\u200c\u200d"
    assert "\n" not in clean(text)


# -- drawing: the last guard --------------------------------------------------------------------
@pytest.fixture(scope="module")
def font():
    pygame.font.init()
    return pygame.font.Font(str(ROOT / "assets" / "fonts" / "Lato-Regular.ttf"), 21)


@pytest.mark.parametrize("text", HOSTILE)
def test_the_font_helper_draws_any_string_without_an_error(font, text):
    surface = render_line(font, text, (0, 0, 0))
    assert surface.get_height() > 0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(min_codepoint=0, exclude_categories=()), max_size=40))
def test_the_font_helper_and_the_wrap_never_raise(font, text):
    from game.ui.layout import wrap
    render_line(font, text, (0, 0, 0))
    for line in wrap(font, text, 200):
        render_line(font, line, (0, 0, 0))


# -- the window's text boxes (item 3) -----------------------------------------------------------
@pytest.mark.parametrize("how", ["typed", "pasted"])
@pytest.mark.parametrize("name", INVISIBLE)
def test_an_invisible_character_in_the_label_box_is_left_out(solo, clipboard, name, how):
    character = INVISIBLE[name]
    tab_to(solo, "Workshop mode")
    box = solo.top
    assert isinstance(box, AskTextScreen)
    clipboard["text"] = character
    press(solo, typed(character) if how == "typed" else ctrl_v())
    solo.step([])                                       # drawn with the character alone
    assert box.text == ""
    press(solo, typed("Room"))
    clipboard["text"] = f"{character} 4{character}"
    press(solo, typed(clipboard["text"]) if how == "typed" else ctrl_v())
    solo.step([])
    press(solo, key(pygame.K_RETURN))
    assert solo.label == "Room 4"


def test_a_label_of_invisible_characters_alone_is_no_label(solo, clipboard):
    tab_to(solo, "Workshop mode")
    clipboard["text"] = "\ufe0f"                         # a lone variation selector: no width
    press(solo, ctrl_v())
    solo.step([])
    press(solo, key(pygame.K_RETURN))
    assert solo.workshop and solo.label == ""


def test_a_pasted_clipboard_with_a_nul_and_lines_becomes_one_clean_line(solo, clipboard):
    tab_to(solo, "Workshop mode")
    clipboard["text"] = "Room\x00 4\r\n\tTuesday\u202e"
    press(solo, ctrl_v())
    solo.step([])
    assert solo.top.text == "Room 4 Tuesday"


@pytest.mark.parametrize("character", ["\u200b", "\u200d", "\ufeff", "\u00ad", "\u202e", "\x00"])
def test_the_facilitators_note_box_takes_the_same_characters_safely(saves, clipboard, character):
    room = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"), workshop=True)
    try:
        play = start_game(room)
        press(room, key(pygame.K_n))
        assert isinstance(room.top, AskTextScreen)
        clipboard["text"] = character
        press(room, ctrl_v(), typed(character))
        room.step([])
        press(room, typed(f"Split{character} on pay"), key(pygame.K_RETURN))
        assert room.top is play
        assert records(saves)[0]["pending_notes"] == {"1:pro-start": "Split on pay"}
    finally:
        pygame.quit()


def test_a_debrief_answer_box_takes_the_same_characters_safely(solo, clipboard):
    play = start_game(solo)
    finish(solo, play)
    solo.top.debrief()
    debrief = solo.top
    debrief.go(debrief.steps.index("summary"))
    tab_to(solo, "Write take-away 1")
    clipboard["text"] = "\u200b\x00\u202e"
    press(solo, ctrl_v(), typed("\ufeff"))
    solo.step([])
    press(solo, typed("Ask\u00ad first"), key(pygame.K_RETURN))
    data = json.loads(solo.recorder.path.read_text(encoding="utf-8"))
    assert data["debrief"]["takeaways"] == ["Ask first"]


# -- a record read back (item 4) ----------------------------------------------------------------
def test_a_record_with_a_nul_and_invisible_text_opens_in_the_debrief(solo, saves):
    play = start_game(solo)
    finish(solo, play)
    path = solo.recorder.path
    data = json.loads(path.read_text(encoding="utf-8"))
    # as the terminal once saved a take-away typed with Ctrl+@, or a hand-edited file
    data["label"] = "\u200b"
    data["debrief"] = {"takeaways": ["\x00", "Ask\x00 first \udcff"],
                       "takeaway_prompts": list(TAKEAWAY_PROMPTS[:2]),
                       "reactions": ["\u200d", "torn\x00"], "action": "\ufeff\u202e",
                       "journal": {"feelings": "\x00\x00"}}
    data["steps"][0]["note"] = "\x00"
    text = json.dumps(data, ensure_ascii=True)           # escapes: \u0000, \udcff
    path.write_text(text, encoding="utf-8")
    solo.to_title()
    solo.push(RecordsScreen(solo))
    solo.step([])                                        # the list draws its label
    record = next(b for b in solo.top.buttons if b.enabled and "Tiny test scenario" in b.label)
    tab_to(solo, record.label)
    debrief = solo.top
    assert isinstance(debrief, DebriefScreen) and debrief.record is not None
    for index in range(len(debrief.steps)):              # every step drawn
        debrief.go(index)
        solo.step([])
    debrief.go(debrief.steps.index("summary"))
    tab_to(solo, "Edit take-away 2")                     # its box opens with the text cleaned
    assert solo.top.text == f"Ask first {REPLACEMENT}"
    press(solo, typed("!"), key(pygame.K_RETURN))        # and the answer is written back
    saved = read_record(path).data
    assert saved["debrief"]["takeaways"] == [f"Ask first {REPLACEMENT}!"]   # the NUL alone: none


# -- the terminal (item 5) -------------------------------------------------------------------------
def run_main(arguments: list, stdin: bytes, tmp_path, **environment) -> subprocess.CompletedProcess:
    locale = ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONIOENCODING", "PYTHONUTF8")
    env = {name: value for name, value in os.environ.items() if name not in locale}
    env.update(MAKING_TOGETHER_SAVES=str(tmp_path / "saves"), **environment)
    return subprocess.run([sys.executable, "main.py", *arguments], input=stdin, capture_output=True,
                          cwd=ROOT, env=env, timeout=60)


@pytest.mark.parametrize("locale", [{"LC_ALL": "C.UTF-8"}, {"LC_ALL": "C"},
                                    {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"}])
def test_bytes_that_are_not_utf8_are_read_and_the_player_is_told_once(tmp_path, locale):
    result = run_main(["play", "--text"], b"\xff\n\xfe\xe9\n", tmp_path, **locale)
    out = result.stdout.decode("utf-8", "replace")
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert out.count("could not be read") == 1
    assert "Please type a number" in out and "Input ended." in out


def test_a_workshop_note_with_a_latin1_byte_is_saved(tmp_path):
    result = run_main(["play", "--text", "--workshop", "--scenes", str(FIXTURES / "tiny"),
                       "--scenario", "tiny", "--role", "professional"],
                      b"n\nnote \xe9 here\n1\n1\n", tmp_path, LC_ALL="C.UTF-8")
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    notes = [step["note"] for step in records(tmp_path / "saves")[0]["steps"]]
    assert notes[0] == f"note {REPLACEMENT} here"


@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_a_label_with_a_byte_that_is_not_utf8_is_cleaned_and_the_record_written(tmp_path, locale):
    result = run_main(["play", "--text", "--scenes", str(FIXTURES / "tiny"), "--scenario", "tiny",
                       "--role", "professional", "--label", b"Table \xff\xe2\x80\x8b"],
                      b"1\n", tmp_path, LC_ALL=locale)
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    assert records(tmp_path / "saves")[0]["label"] == f"Table {REPLACEMENT}"


def test_a_nul_typed_in_the_terminal_is_left_out_and_said_so(tmp_path):
    from io import StringIO
    out = StringIO()
    terminal = Terminal(StringIO("Ask\x00 first\x1b[31m\n"), out)
    assert terminal.ask("Take-away: ") == "Ask first[31m"
    assert "NUL character" in out.getvalue() and "\x00" not in out.getvalue()


def test_terminal_output_takes_out_control_codes_from_a_record(tmp_path):
    from io import StringIO
    out = StringIO()
    Terminal(StringIO(), out).say("Label: \x1b]0;owned\x07Table\x00 \u202e4")
    assert out.getvalue() == "Label: ]0;ownedTable 4\n"
