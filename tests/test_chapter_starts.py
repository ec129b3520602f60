"""Start anywhere: chapter starts declared in starts.yaml, replayed by check, offered in the
window and the terminal, and read by records, debriefs and reports as where the player began."""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pygame
import pytest

from conftest import ROOT
from game.check import run_check
from game.records import Recorder, describe, read_record, run_of
from game.report import Shelf, build_report
from game.story import Run, load, load_scenario
from game.story.debrief import Debrief, fits, forks, path_summary
from game.story.starts import begin, chapters, check_starts, find_start, read_starts, started_line
from game.terminal.game import TextGame
from game.ui.screens.play.screen import take_back

HAVEN = ROOT / "scenes" / "haven"
TEA = ROOT / "scenes" / "tea-and-terms"


@pytest.fixture(scope="module")
def haven():
    return load(HAVEN)


def own_choices(run: Run) -> list[str]:
    return [t.text for t in run.taken[run.started_at:]]


# -- declared starts ------------------------------------------------------------------------
@pytest.mark.parametrize("folder, numbers", [(HAVEN, [2, 3, 4, 5, 6]), (TEA, [2, 3])])
def test_every_shipped_chapter_start_reaches_its_chapters_first_scene(folder, numbers):
    scenario = load(folder)
    declared, working = check_starts(scenario)
    assert declared.problems == []
    for role in scenario.roles:
        starts = sorted((s for s in working if s.role == role), key=lambda s: s.number)
        assert [s.number for s in starts] == numbers
        for start in starts:
            run = begin(scenario, start)
            assert run.scene.chapter == start.chapter == chapters(scenario)[start.number - 1]
            assert run.started_at == run.step > 0
            # the chapter's first scene: nothing in it has been passed through yet
            assert all(scenario.scenes[t.scene].chapter != start.chapter for t in run.taken)
            assert 2 <= start.summary.count(". ") + 1 <= 6
            assert started_line(run) == f"Started at chapter {start.number}: {start.chapter}."


def test_tea_and_terms_starts_name_options_by_id():
    scenario = load(TEA)
    ids = {c.id for s in scenario.scenes.values() for c in s.choices if s.is_decision}
    for start in read_starts(scenario).starts:
        assert all(wanted in ids for wanted in start.choose), start.choose
    # every option of every decision now has a short id
    assert all(c.id for s in scenario.scenes.values() if s.is_decision for c in s.choices)


def copy_tea(tmp_path: Path) -> Path:
    folder = tmp_path / "tea-and-terms"
    shutil.copytree(TEA, folder)
    return folder


def test_a_start_broken_by_a_removed_option_id_is_reported_by_check_with_its_position(tmp_path):
    folder = copy_tea(tmp_path)
    scenes = folder / "1-invitation.yaml"
    scenes.write_text(scenes.read_text(encoding="utf-8").replace(
        "      - id: paid-invite\n        text:", "      - text:"), encoding="utf-8")
    starts = (folder / "starts.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(starts, start=1)
                if text.strip() == "choose: [aim-for-14th, paid-invite, co-chair, say-the-limits]")
    column = starts[line - 1].index("paid-invite") + 1

    out = io.StringIO()
    assert run_check([str(folder)], as_json=False, runs=20, seed=1, out=out) == 1
    said = out.getvalue()
    assert (f"starts.yaml:{line}:{column}: chapter start \"What comes after\" (professional): "
            'choice 2: no option "paid-invite" can be taken in scene "ruth-invitation"') in said
    assert "chapter starts: 2 of 4 reach their chapters" in said  # the chapter 2 start too

    out = io.StringIO()
    assert run_check([str(folder)], as_json=True, runs=20, seed=1, out=out) == 1
    listed = json.loads(out.getvalue())["scenarios"][0]["starts"]
    assert {(s["number"], s["role"], s["reaches"]) for s in listed} == {
        (2, "professional", False), (3, "professional", False),
        (2, "service_user", True), (3, "service_user", True)}
    assert any(e["file"].endswith("starts.yaml") and e["line"] == line
               for e in json.loads(out.getvalue())["scenarios"][0]["errors"])


def test_starts_yaml_mistakes_are_reported_at_their_lines(tmp_path):
    folder = copy_tea(tmp_path)
    (folder / "starts.yaml").write_text(
        "starts:\n"
        "  - chapter: The frist meeting\n"
        "    role: professional\n"
        "    summary: You are Ruth.\n"
        "    choose: [aim-for-14th]\n"
        "  - chapter: The first meeting\n"
        "    role: manager\n"
        "    summary: You are Ruth.\n"
        "    choose: []\n"
        "  - chapter: The first meeting\n"
        "    role: professional\n"
        "    choose: [aim-for-14th, paid-invite]\n"
        "  - chapter: The invitation\n"
        "    role: professional\n"
        "    summary: You are Ruth.\n"
        "    choose: []\n", encoding="utf-8")
    declared, working = check_starts(load(folder))
    said = [str(p) for p in declared.problems]
    assert working == []
    assert any(":2:14: chapter start 1: there is no chapter \"The frist meeting\" (did you mean "
               "\"The first meeting\"?)" in s for s in said), said
    assert any(":7:11: chapter start 2: there is no role \"manager\"" in s for s in said), said
    assert any(":10:5: chapter start 3: \"summary\" is missing" in s for s in said), said
    assert any(":13:14: chapter start \"The invitation\" (professional): the role "
               "\"professional\" begins in this chapter" in s for s in said), said


# -- the run ----------------------------------------------------------------------------------
def test_a_run_begun_at_a_chapter_cannot_be_taken_back_before_it_and_its_save_keeps_that(haven):
    run = begin(haven, find_start(haven, "professional", 3))
    where, step = run.scene.id, run.step
    assert not run.undo() and run.step == step
    assert take_back(run) is None and run.scene.id == where  # the window's undo stops too
    run.choose(0)
    assert run.undo() and run.scene.id == where
    run.choose(0)
    run.choose(1)
    again = Run.from_dict(haven, json.loads(json.dumps(run.to_dict())))
    assert again.started_at == run.started_at and own_choices(again) == own_choices(run)
    assert run.rung is not None and begin(haven, find_start(haven, "professional", 3)).rung is None


def test_the_debrief_reads_only_what_the_player_did_from_the_chapter(haven):
    start = find_start(haven, "professional", 4)
    run = begin(haven, start)
    replayed = [t.text for t in run.taken]
    at_start = dict(run.values)
    while run.scene.chapter == start.chapter:
        run.choose(0)
    summary = path_summary(run)
    assert summary[0] == "Started at chapter 4: When life happens."
    assert not any(text in line for line in summary for text in replayed)
    assert summary[1].startswith("When life happens: you chose")
    assert [fit.purpose.chapter for fit in fits(run)] == ["When life happens"]
    assert all(fork.step > run.started_at for fork in forks(run))
    lines = Debrief(run).summary_lines()
    assert lines[0] == "Started at chapter 4: When life happens."
    assert f"  Trust: {at_start['trust']:g}, then " in "\n".join(lines)
    assert all(change.step > run.started_at for change in Debrief(run).biggest())
    history = Debrief(run).history_lines()
    assert history[0] == "Started at chapter 4: When life happens."
    assert history[1] == "The story so far: " + start.summary
    assert not any(f'"{text}"' in line for line in history for text in replayed)


# -- records and reports ------------------------------------------------------------------------
def test_the_record_says_where_it_started_and_replays_to_the_same_run(haven, tmp_path):
    run = begin(haven, find_start(haven, "service_user", 5))
    recorder = Recorder(tmp_path / "saves", run)
    assert recorder.update()
    data = read_record(recorder.path).data
    assert data["started_at"]["chapter"] == "Making the thing"
    assert data["started_at"]["number"] == 5 and data["started_at"]["step"] == run.started_at
    assert len(data["started_at"]["choices"]) == run.started_at
    assert data["steps"] == []  # nothing of the player's yet
    assert "from chapter 5" in describe(data)
    assert data["start"]["trust"] == run.values["trust"] and data["start"]["rung"] is None
    for _ in range(3):
        run.choose(0)
    recorder.update()
    data = read_record(recorder.path).data
    assert [s["step"] for s in data["steps"]] == [run.started_at + n for n in (1, 2, 3)]
    again = run_of(data, haven)
    assert again.started_at == run.started_at and own_choices(again) == own_choices(run)
    assert not again.restore_note


def test_a_report_of_a_chapter_start_says_so_and_judges_only_the_players_part(haven, tmp_path):
    run = begin(haven, find_start(haven, "professional", 5))
    replayed = [t.text for t in run.taken]
    recorder = Recorder(tmp_path / "saves", run, "Table 2")
    while not run.ended:
        run.choose(next(v.index for v in run.choices if v.enabled))
    assert recorder.update()
    report = build_report([recorder.path], Shelf([ROOT / "scenes"], {"haven": (haven, "")}))
    html = report.html
    assert "Began</dt><dd>At chapter 5: Making the thing (the choices before it" in html
    assert "<li>Started at chapter 5: Making the thing.</li>" in html
    debrief = html.split('<section id="map"')[0]  # the branch map draws every option there is
    assert not any(text in debrief for text in replayed if len(text) > 30)
    fit = debrief.split("Did the way you worked fit the work?")[-1].split('<section id="analysis"')[0]
    assert "Making the thing" in fit and "Forming the group" not in fit
    assert "Chapters: 5 Making the thing (from step" in debrief
    entry = report.collection.entries[0]
    assert not entry.problem and entry.series["trust"][0] == read_record(
        recorder.path).data["start"]["trust"]


# -- the terminal -----------------------------------------------------------------------------
def play_text(tmp_path, keys: str, role: str, chapter: int | None, scenario="tea-and-terms"):
    out = io.StringIO()
    game = TextGame([load_scenario(TEA), load_scenario(HAVEN)], io.StringIO(keys), out,
                    tmp_path / "saves")
    code = game.play(scenario, role, None, chapter)
    return code, out.getvalue(), game


def test_play_text_chapter_n_shows_the_story_so_far_and_lands_on_the_chapters_first_scene(tmp_path):
    # "s" skips the scenario's before-play statements (if it asks them), else shows the meters
    code, said, game = play_text(tmp_path, "s\n", "service_user", 3)
    assert code == 0
    scenario = load(TEA)
    start = find_start(scenario, "service_user", 3)
    story = said.index("The story so far")
    assert said.index("Chapter 3: What comes after.") > story
    assert " ".join(start.summary.split()[:6]) in " ".join(said.split())
    first = scenario.scenes[game.run.scene.id]
    assert first.chapter == "What comes after" and first.title in said[story:]
    record = read_record(game.recorder.path).data
    assert record["started_at"]["number"] == 3 and record["steps"] == []


def test_play_text_chapter_with_a_bad_number_or_no_starts_says_what_there_is(tmp_path, make_scenario):
    code, said, _ = play_text(tmp_path, "", "professional", 9)
    assert code == 2  # a wrong --chapter is bad usage (game/cli/parser.py: EPILOG)
    said = " ".join(said.split())
    assert "There is no chapter 9: the story has 5 chapters." in said
    assert "you can start at chapter 2 (The first meeting) or 3 (What comes after)" in said
    out = io.StringIO()
    game = TextGame([load_scenario(make_scenario())], io.StringIO(""), out, tmp_path / "saves")
    assert game.play("mini", "professional", None, 2) == 2
    assert '"Mini" has no chapter starts for Pat' in " ".join(out.getvalue().split())


# -- the window -------------------------------------------------------------------------------
@pytest.fixture
def window(saves):
    from game.ui.app import App
    from game.ui.settings import Settings
    application = App([ROOT / "scenes"], saves, settings=Settings(text_speed="instant"))
    yield application
    pygame.quit()


def test_the_new_game_screen_offers_chapter_starts_and_shows_the_story_so_far(window):
    from drive_window import labels, tab_to
    from game.ui.screens.menus.new_game import StorySoFarScreen
    from game.ui.screens.play.screen import PlayScreen
    app = window
    app.keyboard_used = True
    tab_to(app, "New game")
    tab_to(app, "The Haven")
    tab_to(app, "Shona Mackie")
    offered = labels(app)
    assert offered[0] == "Start at the beginning"
    assert offered[1:6] == ["Start at chapter 2: Forming the group",
                            "Start at chapter 3: The first real meeting",
                            "Start at chapter 4: When life happens",
                            "Start at chapter 5: Making the thing",
                            "Start at chapter 6: Who carries it forward"]
    tab_to(app, "Start at chapter 4")
    assert "Begin" in labels(app)  # the prebrief, with its content notes and support lines
    tab_to(app, "Begin")
    assert isinstance(app.top, StorySoFarScreen)
    app.top.ensure_layout()
    shown = " ".join(line[1] for pane in app.top.panes for item in pane.column.texts
                     for line in item.lines)
    haven = app.scenario("haven")
    summary = find_start(haven, "service_user", 4).summary
    assert "The story so far" in shown and "Chapter 4: When life happens" in shown
    assert " ".join(summary.split()[:8]) in shown
    tab_to(app, "Begin chapter 4")
    while not isinstance(app.top, PlayScreen):  # the scenario's reflection statements, if any
        tab_to(app, "Skip")
    play = app.top
    assert play.run.scene.id == "s4-friday-night" and play.run.started_at == play.run.step
    assert play.phase != "intro"
    data = read_record(app.recorder.path).data
    assert data["started_at"]["chapter"] == "When life happens" and data["steps"] == []


def test_a_role_without_starts_goes_straight_to_the_prebrief(app):
    from drive_window import labels, tab_to
    app.keyboard_used = True
    tab_to(app, "New game")
    tab_to(app, "Tiny test scenario")
    tab_to(app, "Pat")
    assert "Begin" in labels(app) and "Start at the beginning" not in labels(app)
