"""Before and after: a scenario's reflection statements, asked after the prebrief and again after
the ending, skippable, kept in the session record and shown in the reports."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pygame
import pytest

from conftest import FIXTURES, MINIMAL_SCENARIO, ROOT
from game.records import Recorder, list_records, records_folder
from game.report import Shelf, build_report, write_report
from game.report.reflection import CSV_COLUMNS, answers_of, median_words, read_reflection
from game.report.collect import collect
from game.story import Run, load, load_scenario
from game.story.model import DEFAULT_SCALE
from game.terminal.game import TextGame
from game.ui.app import App
from game.ui.screens.debrief.screen import DebriefScreen
from game.ui.screens.play.ending import EndingScreen
from game.ui.screens.play.screen import PlayScreen
from game.ui.screens.play.reflection import ReflectionScreen
from game.ui.settings import Settings
from drive_window import click, finish, key, labels, press, tab_to

REFLECTION = """\
reflection:
  before_after:
    - id: share
      text: I know how to share decisions with people who use a service.
    - id: pay
      text: Paying people for their time makes involvement less genuine.
    - id: next
      text: I ask what happens when a project ends.
"""
SHOTS = Path("/tmp/report_shots")


def reflecting(make_scenario, block: str = REFLECTION) -> Path:
    return make_scenario(scenario=MINIMAL_SCENARIO + block)


def position(folder: Path, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """(line, column) of the `occurrence`th `needle` in scenario.yaml, 1-based."""
    seen = 0
    for number, line in enumerate((folder / "scenario.yaml").read_text().splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number, line.index(needle) + 1
    raise AssertionError(needle)


# -- the statements load, and bad ones are found where they are ---------------------------------
def test_the_shipped_scenarios_ask_five_to_eight_statements_some_worded_the_other_way():
    for folder in ("haven", "tea-and-terms"):
        reflection = load(ROOT / "scenes" / folder).reflection
        assert reflection is not None and 5 <= len(reflection.statements) <= 8
        assert reflection.scale == DEFAULT_SCALE
        texts = {s.id: s.text for s in reflection.statements}
        assert texts["paying-less-genuine"].startswith("Paying people for their time makes")
        assert len(set(texts)) == len(texts)


def test_statements_load_with_the_default_scale(make_scenario):
    reflection = load(reflecting(make_scenario)).reflection
    assert [s.id for s in reflection.statements] == ["share", "pay", "next"]
    assert reflection.statements[2].text == "I ask what happens when a project ends."
    assert reflection.scale == DEFAULT_SCALE


def test_a_scenario_without_statements_has_none(make_scenario):
    assert load(make_scenario()).reflection is None


def test_a_statement_without_text_is_reported_with_its_position(make_scenario):
    folder = reflecting(make_scenario, REFLECTION + "    - id: lonely\n")
    result = load_scenario(folder)
    assert result.scenario is None
    line, column = position(folder, "- id: lonely")
    assert [(p.line, p.column, p.message) for p in result.errors] == [
        (line, column + 2, 'item 4: "text" is missing')]


def test_a_statement_id_used_twice_is_reported_at_the_second(make_scenario):
    folder = reflecting(make_scenario, REFLECTION + "    - id: pay\n      text: Again.\n")
    result = load_scenario(folder)
    line, column = position(folder, "id: pay", 2)
    first, _ = position(folder, "id: pay", 1)
    assert [str(p) for p in result.errors] == [
        f'{result.errors[0].file}:{line}:{column + 4}: the statement id "pay" is used twice: here '
        f"and at line {first}; give each statement its own id, so answers before and after can "
        "be matched"]


def test_a_scale_of_fewer_than_three_points_is_reported_with_its_position(make_scenario):
    folder = reflecting(make_scenario, REFLECTION + "  scale: [Disagree, Agree]\n")
    result = load_scenario(folder)
    line, column = position(folder, "[Disagree")
    assert [(p.line, p.column) for p in result.errors] == [(line, column)]
    assert "the scale has 2 points; give from 3 to 7" in result.errors[0].message
    assert str(result.errors[0]).startswith(f"{result.errors[0].file}:{line}:{column}: ")


def test_statements_in_a_chapter_file_are_reported_and_the_rest_still_checks(make_scenario):
    folder = make_scenario(extra=REFLECTION)
    result = load_scenario(folder)
    messages = [(Path(p.file).name, p.line, p.message) for p in result.errors]
    assert messages == [("extra.yaml", 1, '"reflection" belongs in scenario.yaml, not in a '
                                          "chapter file")]


# -- the window ---------------------------------------------------------------------------------
@pytest.fixture
def window(make_scenario, saves):
    made = []

    def open_window(block: str = REFLECTION, **options) -> App:
        app = App([reflecting(make_scenario, block)], saves,
                  settings=Settings(text_speed="instant"), **options)
        made.append(app)
        return app
    yield open_window
    pygame.quit()


def begin(app: App) -> None:
    """From the title to the end of the prebrief, keyboard only."""
    tab_to(app, "New game")
    tab_to(app, "Mini")
    tab_to(app, "Pat")
    tab_to(app, "Begin")


def record_on_disk(app: App) -> dict:
    return json.loads(app.recorder.path.read_text(encoding="utf-8"))


def test_the_window_asks_after_the_prebrief_and_the_keyboard_answers(window):
    app = window()
    begin(app)
    screen = app.top
    assert isinstance(screen, ReflectionScreen) and screen.when == "before"
    assert isinstance(app.stack[-2], PlayScreen) and app.stack[-2].phase == "intro"
    words = " ".join(line[1] for item in screen.panes[0].column.texts for line in item.lines)
    assert "reflection aid, not a test" in words and "anonymous" in words
    assert screen.focused is None                     # nothing picked by a stray Enter
    press(app, key(pygame.K_DOWN))                    # the first statement, at "Not sure"
    assert screen.where() == (0, 2) and screen.focused.label == "3 Not sure"
    press(app, key(pygame.K_RIGHT), key(pygame.K_RETURN))
    assert screen.answers == {"share": 3}             # Agree
    assert screen.where() == (0, 3)
    press(app, key(pygame.K_2))                       # a number answers, and moves on
    assert screen.answers == {"share": 1} and screen.where() == (1, 1)
    press(app, key(pygame.K_5))
    assert screen.answers == {"share": 1, "pay": 4} and screen.where() == (2, 4)
    press(app, key(pygame.K_DOWN))                    # past the last statement: Done
    assert screen.focused is screen.done_button
    press(app, key(pygame.K_RIGHT))
    assert screen.focused is screen.skip_button
    press(app, key(pygame.K_UP))
    assert screen.where() == (2, 4)                   # the third, left blank: it is skipped
    press(app, key(pygame.K_UP), key(pygame.K_RETURN))  # Enter on the answer given clears it
    assert screen.answers == {"share": 1}
    press(app, key(pygame.K_RETURN))
    assert screen.answers == {"share": 1, "pay": 4}
    tab_to(app, "Done")
    play = app.top
    assert isinstance(play, PlayScreen) and app.recorder.reflection["before"] == {"share": 1, "pay": 4}
    press(app, key(pygame.K_RETURN), key(pygame.K_1))  # the role's intro, then the first choice
    data = record_on_disk(app)
    assert data["reflection"]["before"] == {"share": 1, "pay": 4}
    assert data["reflection"]["scale"] == list(DEFAULT_SCALE)
    assert [s["id"] for s in data["reflection"]["statements"]] == ["share", "pay", "next"]
    assert "after" not in data["reflection"]


def test_the_statements_come_again_after_the_ending_then_the_debrief(window):
    app = window()
    begin(app)
    tab_to(app, "Skip all")
    finish(app, app.top)
    assert isinstance(app.top, EndingScreen)
    press(app, key(pygame.K_RETURN))                  # Debrief
    screen = app.top
    assert isinstance(screen, ReflectionScreen) and screen.when == "after"
    assert "Done: on to the debrief" in labels(app)
    press(app, key(pygame.K_4), key(pygame.K_4), key(pygame.K_UP), key(pygame.K_BACKSPACE))
    assert screen.answers == {"share": 3}
    press(app, key(pygame.K_ESCAPE))                  # Esc keeps what was answered
    assert isinstance(app.top, DebriefScreen)
    data = record_on_disk(app)
    assert data["reflection"]["before"] == {} and data["reflection"]["after"] == {"share": 3}
    press(app, key(pygame.K_ESCAPE))                  # back to the ending, and the debrief again:
    press(app, key(pygame.K_RETURN))                  # asked once only
    assert isinstance(app.top, DebriefScreen)


def test_the_mouse_answers_and_skip_all_keeps_nothing(window):
    app = window()
    begin(app)
    screen = app.top
    screen.ensure_layout()
    press(app, click(screen.screen_rect(screen.cells[1][0]).center))
    assert screen.answers == {"pay": 0}
    skip = screen.skip_button
    press(app, click(screen.screen_rect(skip).center))
    assert isinstance(app.top, PlayScreen) and app.recorder.reflection["before"] == {}


def test_nothing_is_asked_when_the_scenario_has_no_statements(app):
    tab_to(app, "New game")
    tab_to(app, "Tiny test scenario")
    tab_to(app, "Pat")
    tab_to(app, "Begin")
    assert isinstance(app.top, PlayScreen)
    play = app.top
    press(app, key(pygame.K_1))
    finish(app, play)
    press(app, key(pygame.K_RETURN))
    assert isinstance(app.top, DebriefScreen)
    assert app.recorder.reflection == {}


def test_in_workshop_mode_the_facilitator_can_skip_them_for_the_group(window):
    app = window(workshop=True, label="Tuesday group")
    begin(app)
    words = " ".join(line[1] for item in app.top.panes[0].column.texts for line in item.lines)
    assert "show of hands" in words
    tab_to(app, "Skip these for this group")
    assert isinstance(app.top, PlayScreen) and app.recorder.reflection["before"] == {}


def test_the_statements_fit_a_small_window_with_large_text(make_scenario, saves):
    from drive_window import assert_fits
    for size in ((800, 600), (1280, 720)):
        app = App([reflecting(make_scenario)], saves, size=size,
                  settings=Settings(text_size=2.0, text_speed="instant"))
        begin(app)
        assert isinstance(app.top, ReflectionScreen)
        assert_fits(app, size)
        press(app, key(pygame.K_3))
        for index in range(3):      # focus moves each statement into view, bottom included
            app.top.enter(index)
            view = app.top.panes[0].view
            block = app.top.blocks[index]
            assert view.offset <= block.top and block.bottom <= view.offset + view.rect.height
        app.screenshot(Path("/tmp/reflection_shots") / f"before-{size[0]}.png")
        pygame.quit()


# -- the terminal -------------------------------------------------------------------------------
def play_text(folder: Path, saves: Path, keys: str, workshop: bool = False) -> str:
    out = io.StringIO()
    TextGame([load_scenario(folder)], io.StringIO(keys), out, saves,
             workshop=workshop).play("mini", "professional")
    return " ".join(out.getvalue().split())  # as read, whatever the terminal's width


def test_the_terminal_asks_before_and_after_and_an_empty_answer_skips(make_scenario, tmp_path):
    saves = tmp_path / "saves"
    # before: Agree, (skip), Disagree; choose 1; after: Strongly agree, s skips the rest; debrief
    text = play_text(reflecting(make_scenario), saves, "4\n\n2\n1\n5\ns\n\n\n\n")
    assert "Before you start: a short reflection" in text
    assert "reflection aid, not a test" in text and "anonymous" in text
    assert "1 Strongly disagree, 2 Disagree, 3 Not sure, 4 Agree, 5 Strongly agree" in text
    assert "1 of 3. I know how to share decisions with people who use a service." in text
    assert text.index("After the story: the same statements again") < text.index("Looking back")
    data = list_records(saves)[0].data
    assert data["reflection"]["before"] == {"share": 3, "next": 1}
    assert data["reflection"]["after"] == {"share": 4}


def test_the_terminal_asks_again_after_a_wrong_answer(make_scenario, tmp_path):
    text = play_text(reflecting(make_scenario), tmp_path / "saves", "9\nagree\n3\ns\n1\n\n\n\n\n\n")
    assert text.count("Please type a number from 1 to 5") == 2
    data = list_records(tmp_path / "saves")[0].data
    assert data["reflection"]["before"] == {"share": 2} and data["reflection"]["after"] == {}


def test_the_terminal_asks_nothing_without_statements(tmp_path):
    out = io.StringIO()
    TextGame([load_scenario(FIXTURES / "tiny")], io.StringIO("1\n1\n"), out,
             tmp_path / "saves").play("tiny", "professional")
    assert "reflection" not in out.getvalue()


def test_in_workshop_mode_s_at_once_skips_them_for_the_group(make_scenario, tmp_path):
    text = play_text(reflecting(make_scenario), tmp_path / "saves", "s\n1\n", workshop=True)
    assert "To skip them all for this group, type s now." in text
    assert list_records(tmp_path / "saves")[0].data["reflection"]["before"] == {}


# -- the record and the reports -------------------------------------------------------------------
def test_answers_outside_the_scale_or_to_unknown_statements_are_not_kept(make_scenario, tmp_path):
    scenario = load(reflecting(make_scenario))
    recorder = Recorder(tmp_path, Run(scenario, "professional"))
    recorder.set_reflection("before", {"share": 4, "pay": 5, "ghost": 1, "next": -1})
    assert recorder.reflection["before"] == {"share": 4}
    recorder.set_reflection("sometime", {"share": 1})
    assert set(recorder.reflection) == {"statements", "scale", "before"}


@pytest.fixture(scope="module")
def haven():
    return load(ROOT / "scenes" / "haven")


ANSWERS = {  # (role, before, after), one per record: answers are indexes on the scale
    0: ("professional", {"share-decisions": 1, "paying-less-genuine": 3}, {"share-decisions": 3,
                                                                           "paying-less-genuine": 1}),
    1: ("professional", {"share-decisions": 1}, {"share-decisions": 4}),
    2: ("professional", {"share-decisions": 2}, None),                  # not finished: no after
    3: ("service_user", {"share-decisions": 3}, {"share-decisions": 3}),
    4: ("service_user", {}, {"share-decisions": 4}),                    # skipped them all before
}


def make_room(saves: Path, haven, answers=ANSWERS, plain: int = 1) -> Path:
    """Records as the game makes them, with reflection answers; `plain` more without any."""
    for number, (role, before, after) in answers.items():
        run = Run(haven, role, number)
        recorder = Recorder(saves, run, f"Table {number}")
        recorder.set_reflection("before", before)
        while not run.ended and (after is not None or run.step < 3):
            run.choose(next(v.index for v in run.choices if v.enabled))
        if after is not None:
            recorder.set_reflection("after", after)
        recorder.update()
    for number in range(plain):
        run = Run(haven, "service_user", 50 + number)
        run.choose(0)
        Recorder(saves, run, "No statements").update()
    return records_folder(saves)


def test_the_room_counts_each_statement_before_and_after_per_role(haven, tmp_path):
    folder = make_room(tmp_path / "saves", haven)
    entries = collect([folder], Shelf([ROOT / "scenes"])).entries
    room = read_reflection(entries, [("professional", "Daniel"), ("service_user", "Shona")])
    daniel, shona = room.roles
    assert (daniel.records, daniel.asked, daniel.skipped) == (3, {"before": 3, "after": 2},
                                                              {"before": 0, "after": 0})
    assert (shona.records, shona.asked, shona.skipped) == (3, {"before": 2, "after": 2},
                                                           {"before": 1, "after": 0})
    share = daniel.shifts[0]
    assert share.id == "share-decisions"
    assert share.before == [0, 2, 1, 0, 0] and share.after == [0, 0, 0, 1, 1]
    assert (share.median("before"), share.median("after")) == (1, 3.5)
    assert (share.up, share.down, share.same) == (2, 0, 0)
    pay = daniel.shifts[1]
    assert pay.before == [0, 0, 0, 1, 0] and pay.after == [0, 1, 0, 0, 0] and pay.down == 1
    assert shona.shifts[0].before == [0, 0, 0, 1, 0] and shona.shifts[0].same == 1
    assert [s.id for s in daniel.shifts] == [s.id for s in haven.reflection.statements]
    assert median_words(3.5, DEFAULT_SCALE) == "between Agree and Strongly agree"
    assert median_words(None, DEFAULT_SCALE) == "no answers"


def test_the_room_report_shows_before_and_after_per_statement_and_role(haven, tmp_path):
    folder = make_room(tmp_path / "saves", haven)
    report = build_report([folder], Shelf([ROOT / "scenes"]))
    html = report.html
    assert "Before and after: the reflection statements" in html
    assert "reflection aid, not a validated instrument" in html
    section = html[html.index('id="reflection"'):]
    assert section.count("Daniel Osei, team manager <span") == len(haven.reflection.statements)
    assert "(3 before, 2 after)" in section          # Daniel, on sharing decisions
    assert ("<strong>Median:</strong> Disagree before, between Agree and Strongly agree after."
            in section)
    assert ("Answered both times in 2 records: 2 moved towards \u201cStrongly agree\u201d, 0 "
            "towards \u201cStrongly disagree\u201d, 0 gave the same answer.") in section
    assert "statements asked before play in 2 (1 skipped them all), after the ending in 2" in section
    out = tmp_path / "room.html"
    write_report(report, out)
    with (tmp_path / "room-reflection.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == 5 * len(haven.reflection.statements)  # the record without any is left out
    first = next(r for r in rows if r["label"] == "Table 0" and r["statement_id"] == "share-decisions")
    assert (first["before"], first["before_answer"], first["after"], first["after_answer"]) == (
        "2", "Disagree", "4", "Agree")
    unfinished = next(r for r in rows if r["label"] == "Table 2" and r["statement_id"] == "say-what-i-know")
    assert (unfinished["before_answer"], unfinished["after_answer"]) == ("skipped", "not asked")


def test_a_one_record_debrief_shows_the_players_own_before_and_after(haven, tmp_path):
    folder = make_room(tmp_path / "saves", haven, {0: ANSWERS[0]}, plain=0)
    html = build_report([folder], Shelf([ROOT / "scenes"])).html
    part = html[html.index('id="reflection"'):]
    assert "Your answers, before and after" in part and "not a validated instrument" in part
    row = part[part.index("Paying people for their time"):].split("</tr>")[0]
    assert "Agree" in row and "Disagree" in row and "2 steps towards \u201cStrongly disagree\u201d" in row
    assert "skipped" in part[part.index("In a group, I say what I know"):].split("</tr>")[0]


def test_reports_without_answers_have_no_reflection_part_or_csv(haven, tmp_path):
    folder = make_room(tmp_path / "saves", haven, {}, plain=3)
    report = build_report([folder], Shelf([ROOT / "scenes"]))
    assert 'id="reflection"' not in report.html and report.reflection_rows == []
    write_report(report, tmp_path / "room.html")
    assert not (tmp_path / "room-reflection.csv").exists()


def test_a_damaged_reflection_in_a_record_is_read_as_far_as_it_goes(haven, tmp_path):
    folder = make_room(tmp_path / "saves", haven, {0: ANSWERS[0]}, plain=0)
    path = next(folder.glob("*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["reflection"]["before"] = {"share-decisions": "lots", "paying-less-genuine": 9,
                                    "say-what-i-know": True, "ask-what-next": 2}
    data["reflection"]["statements"] = "gone"
    path.write_text(json.dumps(data), encoding="utf-8")
    entry = collect([folder], Shelf([ROOT / "scenes"])).entries[0]
    answers = answers_of(entry)
    assert answers.before == {"ask-what-next": 2}      # the statements come from the scenario
    assert "Before and after" in build_report([folder], Shelf([ROOT / "scenes"])).html


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it "
                                             "with apt-get; it may have failed there)")
def test_the_room_reports_before_and_after_renders_in_a_browser(haven, tmp_path):
    folder = make_room(tmp_path / "saves", haven)
    report = build_report([folder], Shelf([ROOT / "scenes"]))
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = report.html
    start = page.index('<section id="reflection"')
    alone = page[:page.index("<body>") + 6] + page[start:page.index("</section>", start)] + \
        "</section></body></html>"  # the part on its own, to see it at the top of the shot
    out = SHOTS / "reflection.html"
    out.write_text(alone, encoding="utf-8")
    shot = SHOTS / "reflection.png"
    shot.unlink(missing_ok=True)
    run = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    subprocess.run(run + [f"--screenshot={shot}", "--window-size=1280,1400", out.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.is_file(), "chromium made no screenshot"
    image = pygame.image.load(str(shot))
    inked = sum(tuple(image.get_at((x, y)))[:3] != (255, 255, 255)
                for y in range(0, 1400, 7) for x in range(0, 1280, 7))
    assert inked > 2000, "the page looks blank"
    dom = subprocess.run(run + ["--dump-dom", out.as_uri()], capture_output=True,
                         timeout=120).stdout.decode("utf-8")
    assert "Before and after: the reflection statements" in dom
    assert "Shona Mackie, group member" in dom and "Median:" in dom
