"""Regression tests for bugs found in the review of session records, the debrief screens and
workshop mode."""
from __future__ import annotations

import io
import json

import pygame
import pytest
from conftest import FIXTURES, ROOT
from drive_window import finish, key, labels, press, start_game

from game.records import list_records, open_recorder, read_record, save_answers
from game.saves import read_slot, restore, save_run
from game.story import Run, load, load_scenario
from game.terminal.game import TextGame
from game.ui.app import App
from game.ui.screens.menus.ask_text import AskTextScreen
from game.ui.screens.menus.records import RecordsScreen
from game.ui.screens.workshop.panels import VoteScreen
from game.ui.settings import Settings


def first_open(run: Run) -> int:
    return next(v.index for v in run.choices if v.enabled)


def test_loading_a_save_from_before_the_end_leaves_the_finished_record_alone(tmp_path):
    scenario = load(ROOT / "scenes" / "haven")
    saves = tmp_path / "saves"
    run = Run(scenario, "professional", 7)
    recorder = open_recorder(saves, run)
    for _ in range(3):
        run.choose(first_open(run))
    save_run(saves, "early", run, record=recorder.id)
    while not run.ended:
        run.choose(first_open(run))
    recorder.set_debrief(action="Ask first")
    recorder.update()
    finished = json.loads(recorder.path.read_text(encoding="utf-8"))

    again = restore(scenario, read_slot(saves / "early.json"))   # the early save, played on
    second = open_recorder(saves, again, recorder.id)
    again.choose(len(again.choices) - 1 if again.choices[-1].enabled else first_open(again))
    second.update()
    assert second.id != recorder.id
    assert json.loads(recorder.path.read_text(encoding="utf-8"))["steps"] == finished["steps"]
    assert read_record(recorder.path).data["ending"] == finished["ending"]
    assert read_record(second.path).data["debrief"] == {}

    # the autosave of the finished game itself still goes on in its own record
    assert open_recorder(saves, run, recorder.id).id == recorder.id


@pytest.mark.parametrize("field, value", [("ending", "Made together"), ("updated", 5)])
def test_a_hand_edited_record_does_not_crash_the_records_list(saves, field, value):
    app = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"))
    finish(app, start_game(app))
    app.to_title()
    path = next((saves / "records").glob("*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data[field] = value
    (saves / "records" / "edited.json").write_text(json.dumps(data), encoding="utf-8")
    list_records(saves)
    app.push(RecordsScreen(app))
    app.step([])
    app.draw()
    assert len(labels(app)) >= 3
    pygame.quit()


def test_answers_go_into_a_record_whose_debrief_part_is_damaged(saves):
    app = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"))
    finish(app, start_game(app))
    pygame.quit()
    path = next((saves / "records").glob("*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["debrief"] = ["damaged"]
    data["pending_votes"] = ["damaged"]
    path.write_text(json.dumps(data), encoding="utf-8")
    record = read_record(path)
    save_answers(record, action="Try it")
    assert read_record(path).data["debrief"] == {"action": "Try it"}
    data = json.loads(path.read_text(encoding="utf-8"))
    data["debrief"] = 3
    path.write_text(json.dumps(data), encoding="utf-8")
    scenario = load(FIXTURES / "tiny")
    run = Run(scenario, data["role"])
    assert open_recorder(saves, run, data["id"]).debrief == {}


def test_f5_and_f9_keep_a_note_being_typed(room, saves):
    play = start_game(room)
    room.save("quick", play.run)
    press(room, key(pygame.K_n), pygame.event.Event(pygame.TEXTINPUT, text="Half a note"))
    press(room, key(pygame.K_F5))
    assert isinstance(room.top, AskTextScreen) and room.top.text == "Half a note"
    press(room, key(pygame.K_F9))
    assert isinstance(room.top, AskTextScreen) and room.top.text == "Half a note"
    press(room, key(pygame.K_RETURN))
    assert room.top is play and room.recorder.pending_note() == "Half a note"


def test_f5_keeps_the_votes_being_typed(room):
    play = start_game(room)
    press(room, key(pygame.K_v), key(pygame.K_4), key(pygame.K_F5))
    assert isinstance(room.top, VoteScreen) and room.top.counts[0] == 4
    press(room, key(pygame.K_RETURN))
    assert room.top is play and room.recorder.pending_votes()[0] == 4


def test_the_terminal_says_how_to_load_from_another_save_folder(tmp_path):
    saves = tmp_path / "my saves"
    scenarios = [load_scenario(FIXTURES / "tiny")]
    role = next(iter(scenarios[0].scenario.roles))
    out = io.StringIO()
    game = TextGame(scenarios, io.StringIO("1\nq\ny\nmine\n"), out, saves)
    game.play(scenario_id="tiny", role=role)
    text = " ".join(out.getvalue().split())
    assert "--load mine --save-dir" in text and str(saves) in text.replace("'", "")


# -- the fit reading of each part of the project ------------------------------------------------
FIT_SCENES = """\
    chapter: The meeting
    purpose: {what: agreeing the agenda, fits: [FITS], why: Both kinds of knowledge count.}
    scenes:
      - id: a
        choices:
          - text: Go
            rung: RUNG
            effects:
              - {power: POWER, why: Moved, tag: power}
              - {trust: +10, why: Moved, tag: respect}
            next: b
          - text: Stay
            rung: 3
            next: b
      - id: b
        chapter: Afterwards
        text: Later.
        next: end
    """


def fit_after(make_scenario, fits_range: str, rung: str, power: int = 0):
    """The reading of 'The meeting' after one choice at `rung` that moves power (from 0)."""
    from game.story.debrief import fits
    scenes = (FIT_SCENES.replace("FITS", fits_range).replace("RUNG", rung)
              .replace("POWER", f"{power:+d}"))
    run = Run(load_scenario(make_scenario(scenes=scenes)).scenario, "professional", seed=1)
    run.choose(0)
    (fit,) = fits(run)
    return fit


def test_the_fit_is_judged_by_the_option_s_rung_not_by_where_power_went(make_scenario):
    # The old reading took the rung from power and trust: an option that shares the work but
    # moves power a long way read as a low rung, and one that hands everything over read high.
    fit = fit_after(make_scenario, "5, 6", "6", power=-60)
    assert fit.rungs == (6,) and fit.rung.number == 6 and fit.verdict == "fits"
    assert fit.line.startswith("Fits. You worked at Co-production; the work suits Co-design to")
    fit = fit_after(make_scenario, "5, 6", "3", power=+2)
    assert fit.verdict == "below" and "had less say than it called for" in fit.reading


def test_abdication_in_a_part_is_stepping_back_too_far_not_a_low_rung(make_scenario):
    fit = fit_after(make_scenario, "0, 2", "abdication", power=+40)
    assert fit.verdict == "withdrawn" and not fit.rung.on_ladder    # not "fits" a low range
    assert fit.line.startswith("Staff stepped back too far for this part. You worked at Abdication")
    assert "off the ladder" in fit.reading and "can be right" not in fit.reading


# -- the records list and the terminal's workshop note -------------------------------------------
def test_no_report_is_offered_when_every_record_is_damaged(app, saves):
    finish(app, start_game(app))
    app.to_title()
    for path in (saves / "records").glob("*.json"):
        path.write_text("{damaged", encoding="utf-8")
    app.push(RecordsScreen(app))
    assert not any(label.startswith(("Report on", "Make a report")) for label in labels(app))
    assert "Back" in labels(app)


def test_a_terminal_note_is_kept_to_the_window_s_length(tmp_path):
    from game.terminal.game import NOTE_LIMIT
    scenarios = [load_scenario(FIXTURES / "tiny")]
    role = next(iter(scenarios[0].scenario.roles))
    out = io.StringIO()
    game = TextGame(scenarios, io.StringIO("n\n" + "x" * 100_000 + "\n"), out, tmp_path,
                    workshop=True)
    game.play(scenario_id="tiny", role=role)
    assert game.recorder.pending_note() == "x" * NOTE_LIMIT
    assert f"It keeps the first {NOTE_LIMIT} characters." in out.getvalue()
    assert "Input ended." in out.getvalue()
