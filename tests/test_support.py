"""Support lines that fit the place: a built-in UK set, extended or replaced by a scenario's
support.yaml and then the save folder's, shown on the step-out screen, in the terminal and in
the prebrief; a broken file is reported with its position and the built-in set still shows."""
from __future__ import annotations

import io
import json
import shutil
import textwrap

import pygame
import pytest

from conftest import FIXTURES
from game.check import run_check
from game.story import load_scenario
from game.support import BUILT_IN, read_support_file, support_for
from game.terminal.game import TextGame
from game.ui.screens.menus.new_game import PrebriefScreen
from game.ui.screens.menus.step_out import StepOutScreen
from drive_window import key, labels, press, start_game

LOCAL = """\
lines:
  - name: Wrenham Crisis Line
    how: call 01234 000111
    when: 6pm to midnight
    where: Wrenham and the Fens
facilitator:
  name: Sam Patel
  how: at the front of the room, or text 07700 900123
"""

BROKEN = """\
lines:
  - name: Wrenham Crisis Line
    hw: call 01234 000111
  - name: 999
    how: [call, it]
replace: maybe
"""


def write(folder, text: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "support.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def screen_text(app) -> str:
    app.top.ensure_layout()
    return " ".join(line[1] for pane in app.top.panes for item in pane.column.texts
                    for line in item.lines)


def test_the_built_in_set_is_the_uk_lines_and_the_facilitator():
    support = support_for(None, None)
    text = " ".join(support.sentences())
    assert support.lines == BUILT_IN and not support.problems
    for words in ("Samaritans: call 116 123 (free)", "jo@samaritans.org", "text SHOUT to 85258",
                  "call 111 and choose the mental health option", "(England)", "call 999",
                  "Talk to your facilitator"):
        assert words in text


def test_a_save_folder_file_adds_its_lines_first_and_names_the_facilitator(tmp_path):
    support = support_for(None, write(tmp_path / "saves", LOCAL))
    assert [line.name for line in support.lines] == ["Wrenham Crisis Line"] + [
        line.name for line in BUILT_IN]
    assert support.sentences()[:2] == [
        "Talk to Sam Patel, your facilitator: at the front of the room, or text 07700 900123.",
        "Wrenham Crisis Line: call 01234 000111, 6pm to midnight (Wrenham and the Fens)."]


def test_replace_drops_the_built_in_set_and_the_organisation_wins_over_the_scenario(tmp_path):
    scenario = write(tmp_path / "scenario", """\
        lines:
          - {name: Samaritans, how: call the local branch on 01234 000333}
          - {name: Haven peer line, how: call 01234 000444}
        facilitator: {name: Scenario Sam}
        """)
    support = support_for(scenario, None)
    assert [line.how for line in support.lines][:2] == ["call the local branch on 01234 000333",
                                                        "call 01234 000444"]
    assert sum(line.name == "Samaritans" for line in support.lines) == 1  # same name: replaced
    saves = write(tmp_path / "saves", """\
        replace: true
        lines: [{name: Our wellbeing service, how: call extension 2020, when: office hours}]
        facilitator: {name: Org Olu, how: room 4}
        """)
    support = support_for(scenario, saves)
    assert [line.name for line in support.lines] == ["Our wellbeing service"]
    assert support.facilitator.name == "Org Olu"


def test_a_bad_support_file_gives_file_line_col_and_the_built_in_set_still_shows(tmp_path):
    saves = write(tmp_path / "saves", BROKEN)
    problems = [str(p) for p in read_support_file(saves / "support.yaml").problems]
    assert problems[0] == f'{saves / "support.yaml"}:2:5: support line 1 needs "how:"'
    assert any(p.endswith(':3:5: unknown key "hw" in support line 1 (did you mean "how"?); it '
                          "can have name, how, when, where") for p in problems)
    assert any(':4:11: "name" in support line 2 must be text, not a number' in p for p in problems)
    assert any(':5:10: "how" in support line 2 must be text, not a list' in p for p in problems)
    assert any(':6:10: "replace" in support.yaml is true or false' in p for p in problems)
    support = support_for(None, saves)
    assert support.lines == BUILT_IN and len(support.problems) == len(problems)
    assert "support.yaml:2:5" in support.notice() and "(and 4 more problems)" in support.notice()


@pytest.mark.parametrize("text, message", [
    ("", "support.yaml is empty"),
    ("lines: [\n", "this is not valid YAML"),
    ("replace: true\nfacilitator: {name: Sam}\n", "nobody should be left with no one to call"),
    ("replace: true\n", 'support.yaml needs "lines:"'),
    ("- just a list\n", "support.yaml is a set of keys"),
    ("lines:\n  - name: x\n    how: y\n  - just text\n", "4:5: support line 2 is a set of keys"),
])
def test_every_kind_of_broken_file_is_reported_never_raised(tmp_path, text, message):
    (tmp_path / "support.yaml").write_text(text, encoding="utf-8")
    support = support_for(None, tmp_path)
    assert support.lines == BUILT_IN
    assert any(message in str(p) for p in support.problems), support.problems


def test_support_and_handouts_files_beside_a_scenario_are_not_read_as_chapters(tmp_path):
    folder = shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny")
    write(folder, LOCAL)
    (folder / "handouts.yaml").write_text("as_of: 2025/26\nfacts: [{about: A, text: B}]\n")
    assert load_scenario(folder).scenario is not None


def test_check_reports_a_bad_support_file_beside_a_scenario(tmp_path):
    folder = write(shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny"), BROKEN)
    out = io.StringIO()
    assert run_check([str(folder)], as_json=True, runs=5, seed=1, out=out) == 1
    errors = json.loads(out.getvalue())["scenarios"][0]["errors"]
    found = [e for e in errors if e["file"].endswith("support.yaml")]
    assert (found[0]["line"], found[0]["column"]) == (2, 5) and len(found) == 5


# -- in the window ---------------------------------------------------------------------------
def test_custom_support_lines_appear_on_the_step_out_screen(app, saves):
    write(saves, LOCAL)
    start_game(app)
    press(app, key(pygame.K_p))
    assert isinstance(app.top, StepOutScreen)
    text = screen_text(app)
    assert "Wrenham Crisis Line: call 01234 000111, 6pm to midnight" in text
    assert "Talk to Sam Patel, your facilitator" in text
    assert "116 123" in text and "85258" in text and "mental health option" in text


def test_a_scenarios_own_support_file_reaches_its_step_out_screen(tmp_path, saves):
    from game.ui.app import App
    from game.ui.settings import Settings
    folder = write(shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny"), """\
        lines: [{name: Tiny town helpline, how: call 01234 000555}]
        """)
    app = App([folder], saves, settings=Settings(text_speed="instant"))
    try:
        press(app, key(pygame.K_p))  # on the title no scenario is chosen: the built-in set
        assert "Tiny town helpline" not in screen_text(app)
        press(app, key(pygame.K_ESCAPE))
        start_game(app)
        press(app, key(pygame.K_p))
        assert "Tiny town helpline: call 01234 000555." in screen_text(app)
    finally:
        pygame.quit()


def test_the_prebrief_lists_the_lines_and_a_broken_file_is_a_notice(app, saves):
    write(saves, BROKEN)
    from drive_window import tab_to
    tab_to(app, "New game")
    tab_to(app, "Tiny test scenario")
    tab_to(app, "Pat")
    assert isinstance(app.top, PrebriefScreen)
    assert f'{saves / "support.yaml"}:2:5: support line 1 needs "how:"' in app.notice
    text = screen_text(app)
    assert "If the story brings up something hard" in text and "116 123" in text
    assert "Begin" in labels(app)
    press(app, key(pygame.K_p))
    assert "support.yaml" not in screen_text(app)  # the step-out screen stays calm


def test_workshop_title_shows_the_facilitator_and_how_to_reach_them(room, saves):
    write(saves, LOCAL)
    room.top.invalidate()
    text = screen_text(room)
    assert "Facilitator: Sam Patel (at the front of the room, or text 07700 900123)" in text


# -- in the terminal -------------------------------------------------------------------------
def play_text(keys: str, saves) -> str:
    out = io.StringIO()
    TextGame([load_scenario(FIXTURES / "tiny")], io.StringIO(keys), out, saves).play(
        "tiny", "professional")
    return out.getvalue()


def test_custom_support_lines_appear_in_the_terminal_prebrief_and_step_out(saves):
    write(saves, LOCAL)
    text = play_text("p\n\nq\n", saves)
    prebrief, step_out = text.split("Step out", 1)
    for part in (prebrief, step_out):
        assert "Wrenham Crisis Line: call 01234 000111" in part
        assert "Talk to Sam Patel, your facilitator" in part
        assert "Samaritans: call 116 123 (free)" in part


def test_a_broken_file_is_named_in_the_terminal_and_the_built_in_lines_show(saves):
    write(saves, BROKEN)
    text = play_text("p\n\nq\n", saves)
    assert "support.yaml:3:5: unknown key" in text and "support.yaml:2:5: support line" in text
    assert "Traceback" not in text
    step_out = text.split("Step out", 1)[1]
    assert "Samaritans: call 116 123" in step_out and "support.yaml" not in step_out
