"""Every presenter shows the rung of the latest decision (none before the first, abdication off the
ladder, never a reading of the meters), every number that can decide an ending beside the
headline meters, and a change a bound cut short in words. On the tiny fixture, whose options
say their rungs and whose "together" ending reads energy."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pygame
import pytest
from conftest import FIXTURES
from drive_window import assert_fits, key, press, start_game

from game.records import Recorder
from game.report import Shelf, build_report
from game.story import ABDICATION, Run, load, load_scenario
from game.terminal.game import TextGame
from game.ui.app import App
from game.ui.hud import chips
from game.ui.screens.debrief.screen import DebriefScreen
from game.ui.settings import Settings


def tiny_copy(folder: Path, energy: int = 5) -> Path:
    """The tiny scenario with "Hand the meeting to Sam" (an abdication) open from the start,
    and energy starting at `energy`."""
    shutil.copytree(FIXTURES / "tiny", folder)
    meeting = folder / "1-meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("if: trust > 90", "if: trust > 0"),
                       encoding="utf-8")
    head = folder / "scenario.yaml"
    head.write_text(head.read_text(encoding="utf-8").replace("start: 5, capacity",
                                                             f"start: {energy}, capacity"),
                    encoding="utf-8")
    return folder


def window(saves: Path, folder: Path = FIXTURES / "tiny", **settings) -> App:
    return App([folder], saves, settings=Settings(text_speed="instant", **settings))


def hud_text(app: App) -> list[str]:
    """The words of the side panel of meters (the last pane of the play screen)."""
    play = app.top
    play.ensure_layout()
    return [line[1] for item in play.panes[-1].column.texts for line in item.lines]


def page_text(app: App) -> str:
    app.top.ensure_layout()
    return " ".join(line[1] for pane in app.top.panes for item in pane.column.texts
                    for line in item.lines)


# -- the HUD -----------------------------------------------------------------------------------
def test_the_hud_shows_energy_beside_the_meters_because_an_ending_reads_it(saves):
    app = window(saves)
    scenario = app.scenario("tiny")
    assert [v.name for v in scenario.deciding] == ["trust", "power", "outcome", "energy"]
    start_game(app)
    assert "Energy: 5" in hud_text(app)                    # its label and number, not colour
    assert any(text == "Energy 5" for text, _, _ in chips(app.top.run))   # and when compact
    pygame.quit()


def test_the_hud_says_no_decision_yet_then_the_rung_of_the_option_chosen(saves):
    app = window(saves)
    play = start_game(app)
    assert "No decision yet" in hud_text(app)
    assert "Rung" not in " ".join(hud_text(app))             # no rung read from the meters
    press(app, key(pygame.K_1))                              # Offer to pay everyone: rung 6
    assert "Rung 6, Co-production" in hud_text(app)
    assert chips(play.run)[-1][0] == "Last decision: rung 6, Co-production"
    press(app, key(pygame.K_BACKSPACE))                      # taken back: no decision again
    assert "No decision yet" in hud_text(app)
    press(app, key(pygame.K_2))                              # Keep the budget: rung 3
    assert "Rung 3, Consultation" in hud_text(app)
    pygame.quit()


def test_an_abdication_is_off_the_ladder_in_the_hud_and_the_debrief(saves, tmp_path):
    app = window(saves, tiny_copy(tmp_path / "tiny"))
    play = start_game(app)
    press(app, key(pygame.K_3))                              # Hand the meeting to Sam
    assert play.run.last.rung == ABDICATION
    shown = hud_text(app)
    assert "Off the ladder: Abdication" in shown and not any(t.startswith("Rung ") for t in shown)
    assert chips(play.run)[-1][0] == "Last decision: off the ladder"
    press(app, key(pygame.K_RETURN), key(pygame.K_1), key(pygame.K_RETURN))  # Decide together
    app.top.debrief()
    debrief = app.top
    assert isinstance(debrief, DebriefScreen)
    debrief.go(debrief.steps.index("description"))
    text = page_text(app)
    assert "After decision 1: off the ladder (abdication)" in text
    assert "From decision 2 to the end: Rung 6, Co-production" in text
    # the chart draws the abdication in its own band, apart from the ladder's line
    assert debrief.points.rungs == (None, ABDICATION, 6)
    pygame.quit()


@pytest.mark.parametrize("size, options", [
    ((1280, 720), {}),
    ((1280, 720), {"text_size": 2.0, "high_contrast": True}),
    ((800, 600), {"text_size": 2.0, "high_contrast": True}),
])
def test_the_hud_with_energy_and_an_abdication_fits(saves, tmp_path, size, options):
    app = App([tiny_copy(tmp_path / "tiny")], saves, size=size,
              settings=Settings(text_speed="instant", **options))
    start_game(app)
    press(app, key(pygame.K_3), key(pygame.K_RETURN))       # the longest rung words there are
    assert_fits(app, size)
    pygame.quit()


def test_the_hud_fits_in_workshop_mode_on_a_projector(saves, tmp_path):
    app = App([tiny_copy(tmp_path / "tiny")], saves, size=(1280, 720), workshop=True,
              settings=Settings(text_speed="instant"))
    start_game(app)
    press(app, key(pygame.K_3), key(pygame.K_RETURN))
    assert_fits(app, (1280, 720))
    pygame.quit()


# -- a bound said in words ---------------------------------------------------------------------
def test_a_change_cut_short_by_a_bound_says_so_on_the_outcome_page(saves, tmp_path):
    app = window(saves, tiny_copy(tmp_path / "tiny", energy=0))
    play = start_game(app, "Sam")
    if play.phase == "note":
        play.read_noted(False)
    press(app, key(pygame.K_1), key(pygame.K_1))             # Continue, then Speak up: energy -3
    assert play.phase == "outcome"
    lines = [line[1] for item in play.main.texts for line in item.lines]
    assert "Energy already at its lowest (0), so \u22123 could not count" in lines
    assert not any(line.startswith("Energy +0") or line.startswith("Energy \u22120") for line in lines)
    pygame.quit()


def test_a_change_that_reaches_a_bound_says_it_went_as_far_as_it_goes(saves, tmp_path):
    app = window(saves, tiny_copy(tmp_path / "tiny", energy=1))
    play = start_game(app, "Sam")
    if play.phase == "note":
        play.read_noted(False)
    press(app, key(pygame.K_1), key(pygame.K_1))
    lines = [line[1] for item in play.main.texts for line in item.lines]
    assert "Energy \u22121 (now 0, as low as it goes)" in lines
    press(app, key(pygame.K_h))                              # the history says it the same way
    assert "Energy \u22121 (now 0, as low as it goes) \u2014 Speaking up is tiring" in page_text(app)
    pygame.quit()


def test_the_terminal_says_a_bound_in_words(tmp_path):
    out = io.StringIO()
    folder = tiny_copy(tmp_path / "tiny", energy=0)
    TextGame([load_scenario(folder)], io.StringIO("\n\n1\n"), out, tmp_path / "saves").play(
        "tiny", "service_user")
    assert "Energy already at its lowest (0), so -3 could not count" in out.getvalue()


def test_the_ending_says_the_rung_of_the_last_decision_and_every_deciding_number(saves):
    app = window(saves)
    play = start_game(app)
    press(app, key(pygame.K_1), key(pygame.K_RETURN), key(pygame.K_1), key(pygame.K_RETURN))
    text = page_text(app)
    assert "Last decision: Rung 6, Co-production." in text and "ended on rung" not in text
    assert "Energy 5" in text
    assert play.run.ended
    pygame.quit()


# -- reports -----------------------------------------------------------------------------------
def record(saves: Path, folder: Path, role: str, *texts: str) -> Path:
    run = Run(load(folder), role)
    recorder = Recorder(saves, run, role)
    for text in texts:
        run.choose(next(v.index for v in run.choices if v.text == text))
    assert recorder.update()
    return recorder.path


def csv_rows(report) -> list[dict]:
    from game.report.csv_out import to_csv
    return list(csv.DictReader(io.StringIO(to_csv(report.rows).lstrip("\ufeff"))))


def test_a_report_shows_no_rung_before_a_decision_and_abdication_off_the_ladder(tmp_path):
    folder = tiny_copy(tmp_path / "tiny", energy=1)
    saves = tmp_path / "saves"
    pat = record(saves, folder, "professional", "Hand the meeting to Sam", "Decide together")
    sam = record(saves, folder, "service_user", "Continue", "Speak up")
    data = json.loads(pat.read_text(encoding="utf-8"))
    assert data["start"]["rung"] is None and [s["after"]["rung"] for s in data["steps"]] == [-1, 6]
    sam_data = json.loads(sam.read_text(encoding="utf-8"))
    assert sam_data["steps"][1]["changes"][1] == {"name": "energy", "before": 1, "after": 0,
                                                  "why": "Speaking up is tiring",
                                                  "tag": "resources", "wanted": -3}
    shelf = Shelf([folder.parent], {"tiny": (load(folder), "")})
    report = build_report([pat], shelf)
    rows = csv_rows(report)
    assert [r["rung_after"] for r in rows] == ["abdication", "6"]
    assert [r["energy_after"] for r in rows] == ["1", "1"]
    html = report.html
    assert "off the ladder: abdication" in html               # the band below rung 0
    assert "after step 1: off the ladder (abdication)" in html
    assert "Last decision: Rung 6, Co-production." in html
    assert "Energy</h4>" in html                               # its own chart, on its own range
    report = build_report([sam], shelf)
    rows = csv_rows(report)
    assert [r["rung_after"] for r in rows] == ["", "5"]       # "Continue" says no rung
    assert "Energy -1 (now 0, as low as it goes): Speaking up is tiring" in rows[1]["changes"]


def test_the_report_says_a_bound_in_the_same_words_as_the_game():
    from game.report.readings import BigChange, change_text
    cut = {"name": "trust", "before": 98, "after": 100, "why": "Heard", "tag": "respect",
           "wanted": 5}
    assert change_text(cut) == "Trust +2 (now 100, as high as it goes): Heard [respect]"
    stuck = dict(cut, before=100, after=100)
    assert change_text(stuck).startswith("Trust already at its highest (100), so +5 could not count")
    assert BigChange(3, "Monday", "Ask", "power", -98, -100, "", "", -4).words == \
        "Power balance \u22122 (now \u2212100, as low as it goes)"


def test_an_old_record_with_rungs_read_from_the_meters_still_reports(tmp_path):
    folder = tiny_copy(tmp_path / "tiny")
    path = record(tmp_path / "saves", folder, "professional", "Offer to pay everyone",
                  "Decide together")
    data = json.loads(path.read_text(encoding="utf-8"))
    # as the game wrote records before options said their rungs
    data["start"]["rung"] = 5
    for step, rung in zip(data["steps"], (6, 4)):
        step["after"]["rung"] = rung
    del data["deciding"]
    path.write_text(json.dumps(data), encoding="utf-8")
    report = build_report([path], Shelf([folder.parent], {"tiny": (load(folder), "")}))
    assert [r["rung_after"] for r in csv_rows(report)] == ["6", "4"]
    assert "these rungs were read from the power balance and trust" in report.html
    assert "Last decision: Rung 4, Engagement." in report.html
    # its scenario gone, it still reports from what it says
    data["scenario"] = "gone"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = build_report([path], Shelf([tmp_path / "nowhere"]))
    assert [r["rung_after"] for r in csv_rows(report)] == ["6", "4"]
    assert len(re.findall(r'<svg class="chart"', report.html)) == 3   # no energy: not listed


def test_a_record_whose_scenario_is_gone_still_shows_its_deciding_numbers(tmp_path):
    folder = tiny_copy(tmp_path / "tiny")
    path = record(tmp_path / "saves", folder, "professional", "Offer to pay everyone",
                  "Decide together")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["scenario"] = "gone"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = build_report([path], Shelf([tmp_path / "nowhere"]))
    assert "Energy</h4>" in report.html and [r["energy_after"] for r in csv_rows(report)] == ["5", "5"]
