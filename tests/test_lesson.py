"""The lesson audit, the rung of each option, and the fit read from the rungs practised.

Each scenario here is written out by `write_scenario`: one role, one chapter whose purpose
suits rungs 4 to 6, and a row of decisions that all offer the same options. The good one
teaches what the speech teaches; each bad one breaks one thing, and the audit must say so.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.story import ABDICATION, Run, load
from game.story.debrief import Debrief, fits, judge_fit, rung_series
from game.story.explore import explore
from game.story.lesson import audit, pearson
from game.story.model import Purpose

# rung, effects. Fits the work and shares; keeps control; abdicates; resources the work.
SHARE = (5, {"trust": 3, "power": 4, "outcome": 5, "energy": -1})
CONTROL = (2, {"trust": -3, "power": -5, "outcome": -2, "energy": 1})
ABDICATE = ("abdication", {"trust": 2, "power": 9, "outcome": -4, "energy": 1})
RESOURCE = (5, {"trust": 1, "power": 2, "outcome": 2, "energy": 2})
GOOD = [SHARE, CONTROL, ABDICATE, RESOURCE]

ENDINGS = [
    {"id": "burnt-out", "kind": "burnout", "if": "energy <= 0"},
    {"id": "came-apart", "kind": "stalled", "if": "trust < 40"},
    {"id": "left-alone", "kind": "abdication", "if": "power >= 15"},
    {"id": "told", "kind": "tokenistic", "if": "power <= -30"},
    {"id": "together", "kind": "made-together", "if": "trust >= 60 and outcome >= 60"},
    {"id": "warm", "kind": "partial", "if": "trust >= 58"},
    {"id": "useful", "kind": "partial", "if": "outcome >= 45"},
    {"id": "a-start", "kind": "partial"},
]


def write_scenario(folder: Path, options=GOOD, decisions: int = 6, endings=ENDINGS,
                   start: dict | None = None) -> Path:
    start = {"trust": 50, "power": -20, "outcome": 40, "energy": 5, **(start or {})}
    scenes = []
    for number in range(decisions):
        target = f"d{number + 1}" if number + 1 < decisions else "end"
        choices = []
        for index, (rung, effects) in enumerate(options):
            choice = {"id": f"o{index}", "text": f"Option {index} at decision {number}",
                      "rung": rung, "next": target,
                      "effects": [{name: amount, "why": "because", "tag": "power"}
                                  for name, amount in effects.items()]}
            choices.append(choice)
        scenes.append({"id": f"d{number}", "title": f"Decision {number}", "text": "Something happens.",
                       "choices": choices})
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scenario.yaml").write_text(yaml.safe_dump({
        "scenario": "audit", "title": "Audit",
        "roles": {"professional": {"name": "Pat", "start": "d0"}},
        "meters": {"trust": {"start": start["trust"]}, "power": {"start": start["power"]},
                   "outcome": {"start": start["outcome"]}},
        "variables": {"energy": {"label": "Energy", "min": 0, "max": 10,
                                 "start": start["energy"], "capacity": True}},
        "endings": [{**ending, "title": ending["id"].title(), "text": "It ended."}
                    for ending in endings],
    }, sort_keys=False))
    (folder / "1-work.yaml").write_text(yaml.safe_dump({
        "chapter": "The work", "purpose": {"what": "making it", "fits": [4, 6]},
        "scenes": scenes}, sort_keys=False))
    return folder


def messages(folder: Path) -> list[str]:
    return [p.message for p in audit(load(folder), "professional", runs=40).warnings]


def test_a_scenario_that_teaches_the_speech_has_no_lesson_warnings(tmp_path):
    report = audit(load(write_scenario(tmp_path / "good")), "professional", runs=40)
    assert [p.message for p in report.warnings] == []
    assert report.shared_outcome >= 0.3 and report.rung_outcome >= 0.3
    assert report.policies["fit"].commonest == "together"
    assert report.policies["control"].commonest_kind in ("tokenistic", "stalled")
    assert report.policies["abdicate"].commonest == "left-alone"


def test_sharing_power_that_costs_outcome_is_warned_both_ways(tmp_path):
    share = (5, {"trust": 3, "power": 4, "outcome": -3, "energy": -1})
    control = (2, {"trust": -3, "power": -5, "outcome": 5, "energy": 1})
    found = messages(write_scenario(tmp_path / "bad", [share, control, RESOURCE]))
    assert any("moving power towards shared goes with a worse outcome" in m for m in found)
    assert any("higher rungs of the ladder go with a worse outcome" in m for m in found)
    assert any("the control policy ends with a better outcome than fitting" in m for m in found)


def test_outcome_greedy_beating_fit_is_warned(tmp_path):
    grab = (3, {"trust": -2, "power": -1, "outcome": 8, "energy": 1})
    found = messages(write_scenario(tmp_path / "grab", [SHARE, CONTROL, ABDICATE, RESOURCE, grab]))
    assert any("the outcome-greedy policy ends with a better outcome" in m for m in found)


def test_fit_ending_in_a_failure_is_warned(tmp_path):
    hard = (5, {"trust": -4, "power": 4, "outcome": 5})
    found = messages(write_scenario(tmp_path / "cold", [hard, CONTROL, ABDICATE]))
    assert any('fitting the work most often ends in "came-apart", a stalled ending' in m
               for m in found)


def test_burnout_for_a_player_who_takes_every_rest_offered_is_warned(tmp_path):
    tiring = (5, {"trust": 3, "power": 4, "outcome": 5, "energy": -3})
    rest_that_still_tires = (5, {"trust": 1, "power": 2, "outcome": 2, "energy": -1})
    found = messages(write_scenario(tmp_path / "tired", [tiring, CONTROL, ABDICATE,
                                                         rest_that_still_tires]))
    assert any("takes every option that restores capacity" in m and "burnt-out" in m
               for m in found)


def test_a_number_stuck_at_its_limit_is_warned(tmp_path):
    found = messages(write_scenario(tmp_path / "full", start={"trust": 99}))
    assert any("Trust sits at its highest for" in m for m in found)


def test_one_ending_taking_most_random_runs_is_warned(tmp_path):
    endings = [{"id": "burnt-out", "kind": "burnout", "if": "energy <= 0"},
               {"id": "rare", "kind": "made-together", "if": "trust >= 99"},
               {"id": "the-same", "kind": "partial"}]
    found = messages(write_scenario(tmp_path / "same", endings=endings))
    assert any('"the-same" takes 100% of random runs' in m for m in found)


def test_with_two_endings_one_may_take_most_runs(tmp_path):
    endings = [{"id": "burnt-out", "kind": "burnout", "if": "energy <= 0"},
               {"id": "the-same", "kind": "partial"}]
    found = messages(write_scenario(tmp_path / "two", endings=endings))
    assert not any("of random runs" in m for m in found)


def test_control_and_abdication_ending_elsewhere_are_warned(tmp_path):
    endings = [{"id": "left-alone", "kind": "abdication", "if": "power >= 80"},
               {"id": "told", "kind": "tokenistic", "if": "power <= -90"},
               *ENDINGS[4:]]
    found = messages(write_scenario(tmp_path / "soft", endings=endings))
    assert any("keeping control most often ends in" in m for m in found)
    assert any("stepping back most often ends in" in m for m in found)


def test_endings_without_a_kind_are_warned(tmp_path):
    endings = [{key: value for key, value in e.items() if key != "kind"} for e in ENDINGS]
    assert any('no ending says its "kind:"' in m
               for m in messages(write_scenario(tmp_path / "plain", endings=endings)))


def test_the_audit_is_in_check_json_with_its_warnings(tmp_path):
    from game.check import check_paths
    folder = write_scenario(tmp_path / "bad", [(5, {"trust": 3, "power": 4, "outcome": -3}),
                                                (2, {"trust": -3, "power": -5, "outcome": 5})])
    entry = check_paths([str(folder)], runs=50)["scenarios"][0]
    lesson = entry["by_role"]["professional"]["lesson"]
    assert lesson["correlations"]["shared_power_and_outcome"] < 0
    assert set(lesson["policies"]) == {"share", "control", "abdicate", "fit", "outcome-greedy",
                                       "trust-greedy", "middle", "random"}
    assert any(w["message"].startswith("lesson: professional:") for w in entry["warnings"])


def test_pearson_needs_variation():
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1)
    assert pearson([1, 2, 3], [5, 5, 5]) is None
    assert pearson([1, 2], [1, 2]) is None


# -- the rung of each option, and the fit read from the rungs practised ---------------------
def test_an_option_says_its_rung_and_the_run_shows_the_last_decisions(tmp_path):
    scenario = load(write_scenario(tmp_path / "s", decisions=3))
    run = Run(scenario, "professional", seed=1)
    assert run.rung is None  # nothing decided yet: no rung to show
    run.choose(1)
    assert (run.rung.number, run.rung.name) == (2, "Informing")
    run.choose(2)
    assert run.rung.number == ABDICATION and not run.rung.on_ladder
    assert rung_series(run) == [None, 2, ABDICATION]
    run.undo()
    assert run.rung.number == 2


def test_fit_is_read_from_the_rungs_practised_not_the_power_total(tmp_path):
    scenario = load(write_scenario(tmp_path / "s", decisions=3))
    run = Run(scenario, "professional", seed=1)
    for index in (0, 0, 0):  # rung 5 three times, in a part that suits 4 to 6
        run.choose(index)
    [fit] = fits(run)
    assert fit.verdict == "fits" and fit.rungs == (5, 5, 5)
    assert "3 of 3 decisions fitted" in fit.reading


def test_abdication_in_a_part_is_named_as_its_own_failure(tmp_path):
    scenario = load(write_scenario(tmp_path / "s", decisions=3))
    run = Run(scenario, "professional", seed=1)
    for index in (0, 2, 0):
        run.choose(index)
    [fit] = fits(run)
    assert fit.verdict == "withdrawn" and fit.rung.name == "Abdication"
    assert "off the ladder" in fit.reading


def test_judge_fit_weighs_below_and_beyond():
    purpose = Purpose("Work", "making it", 4, 5)
    assert judge_fit(purpose, [4, 5]) == "fits"
    assert judge_fit(purpose, [2, 5]) == "below"
    assert judge_fit(purpose, [6, 6, 2]) == "beyond"
    assert judge_fit(purpose, [5, ABDICATION]) == "withdrawn"


def test_options_without_a_rung_are_reported_once_per_scene(tmp_path):
    folder = write_scenario(tmp_path / "s", [(None, {"trust": 1, "power": 1}), SHARE], decisions=1)
    text = (folder / "1-work.yaml").read_text().replace("    rung: null\n", "")
    (folder / "1-work.yaml").write_text(text)
    from game.story.loader import load_scenario
    problems = [p for p in load_scenario(folder).problems if "rung" in p.message]
    assert len(problems) == 1 and '1 of 2 options have no "rung:"' in problems[0].message


def test_a_rung_out_of_range_is_a_load_error_with_its_position(tmp_path):
    folder = write_scenario(tmp_path / "s", decisions=1)
    text = (folder / "1-work.yaml").read_text().replace("rung: 5", "rung: 9", 1)
    (folder / "1-work.yaml").write_text(text)
    from game.story.loader import load_scenario
    errors = [p for p in load_scenario(folder).problems if p.severity == "error"]
    assert errors and errors[0].line > 1
    assert "the rung is the number 9; it should be a whole number from 0 to 6" in errors[0].message


# -- costs count in the dilemma rule; limits are said ------------------------------------------
def test_an_option_that_wins_on_trust_and_outcome_but_costs_energy_is_a_dilemma(tmp_path):
    cheap = (5, {"trust": 1, "power": 2, "outcome": 1})
    folder = write_scenario(tmp_path / "s", [SHARE, cheap], decisions=2)
    reports, problems = explore(load(folder), runs=20, lesson=False)
    assert not reports["professional"].dominated


def test_an_option_better_on_every_number_is_warned(tmp_path):
    better = (5, {"trust": 4, "power": 4, "outcome": 6, "energy": -1})
    folder = write_scenario(tmp_path / "s", [SHARE, better], decisions=2)
    reports, problems = explore(load(folder), runs=20, lesson=False)
    assert reports["professional"].dominated
    assert any("every number, its costs included" in p.message for p in problems)


def test_a_change_cut_short_by_a_limit_says_so(tmp_path):
    scenario = load(write_scenario(tmp_path / "s", start={"energy": 1}, decisions=2))
    run = Run(scenario, "professional", seed=1)
    run.choose(0)  # energy -1: now 0
    outcome = run.choose(0)  # energy -1 again: already at 0
    energy = next(c for c in outcome.changes if c.name == "energy")
    assert energy.limited == "lowest" and energy.amount == 0
    assert "already at its lowest (0), so -1 could not count" in Debrief.describe(scenario, energy)
