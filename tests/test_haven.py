"""The main scenario, The Haven, proved against its brief by check's own figures.

These are content tests: they fail if an edit makes a path too short, an ending too rare or too
common, the prose too hard to read, or a decision into a quiz.
"""
from __future__ import annotations

import random
from collections import Counter

import pytest

from conftest import ROOT
from game.check import check_paths
from game.story import Run, load
from game.story.debrief import fits
from game.story.model import OBSTACLES

HAVEN = ROOT / "scenes" / "haven"
ROLES = ("professional", "service_user")


@pytest.fixture(scope="module")
def report():
    return check_paths([str(HAVEN)], runs=2000, seed=1)["scenarios"][0]


@pytest.fixture(scope="module")
def haven():
    return load(HAVEN)


def test_it_loads_and_checks_with_no_errors_and_no_quiz_options(report):
    assert report["errors"] == []
    allowed = ("stopped exploring",)  # the state space is larger than the exhaustive search
    assert [w["message"] for w in report["warnings"] if not any(a in w["message"] for a in allowed)] == []


@pytest.mark.parametrize("role", ROLES)
def test_every_path_has_at_least_twelve_decisions(report, role):
    assert report["by_role"][role]["fewest_decisions_bound"] >= 12
    assert report["by_role"][role]["random_runs"]["choices_per_run"]["min"] >= 12


def test_every_decision_offers_a_real_choice_of_two_to_six_options(haven):
    sizes = [len(scene.choices) for scene in haven.scenes.values() if scene.is_decision]
    assert min(sizes) >= 2 and max(sizes) <= 6
    assert sum(1 for size in sizes if size >= 3) / len(sizes) >= 0.8


@pytest.mark.parametrize("role", ROLES)
def test_at_least_six_endings_in_random_play_and_none_above_forty_percent(report, role):
    data = report["by_role"][role]
    runs = data["random_runs"]
    counts = runs["ending_counts"]
    assert runs["runs"] == 2000 and len(counts) >= 6
    for ending, count in counts.items():
        assert count / runs["runs"] <= 0.40, (ending, count)


@pytest.mark.parametrize("role", ROLES)
def test_every_ending_is_reached_by_random_play_a_policy_or_a_playtest(haven, report, role):
    data = report["by_role"][role]
    reached = set(data["random_runs"]["ending_counts"])
    reached |= {policy["commonest_ending"] for policy in data["lesson"]["policies"].values()}
    reached |= {test["ending"] for test in report["playtests"] if test["role"] == role}
    assert {e.id for e in haven.endings if e.applies_to(role)} <= reached


@pytest.mark.parametrize("role", ROLES)
def test_the_numbers_teach_the_lesson(report, role):
    lesson = report["by_role"][role]["lesson"]
    assert lesson["warnings"] == []
    assert lesson["correlations"]["shared_power_and_outcome"] >= 0.3
    assert lesson["correlations"]["rung_and_outcome"] >= 0.3
    policies = lesson["policies"]
    assert policies["fit"]["commonest_ending"] == "made-together"
    assert policies["control"]["commonest_kind"] in ("tokenistic", "stalled")
    assert policies["abdicate"]["commonest_ending"] == "what-nobody-said"


@pytest.mark.parametrize("role", ROLES)
def test_a_playthrough_is_two_and_a_half_to_six_thousand_words(report, role):
    words = report["by_role"][role]["random_runs"]["words_per_run"]
    assert 2500 <= words["min"] and words["max"] <= 6000


def test_the_whole_scenario_is_long_and_plain(report):
    assert report["words"] >= 20000
    assert report["reading"]["flesch"] >= 60


@pytest.mark.parametrize("role", ROLES)
def test_every_obstacle_is_the_subject_of_two_decisions(report, role):
    counts = report["by_role"][role]["obstacles"]
    assert {obstacle: counts[obstacle] for obstacle in OBSTACLES if counts[obstacle] < 2} == {}


def test_every_decision_has_one_or_two_discussion_prompts(haven):
    for scene in haven.scenes.values():
        if scene.is_decision:
            assert 1 <= len(scene.discuss) <= 2, scene.id


def test_every_effect_has_a_reason_and_a_principle(haven):
    for scene in haven.scenes.values():
        for choice in scene.choices:
            for effect in choice.effects:
                assert effect.why and effect.tag, (scene.id, choice.text)


def test_six_mirrored_moments_seen_from_both_chairs(haven):
    roles: dict[str, set] = {}
    for scene in haven.scenes.values():
        if scene.moment:
            roles.setdefault(scene.moment, set()).add(scene.role)
    assert len([m for m, seen in roles.items() if seen >= set(ROLES)]) >= 6


def test_earlier_choices_change_what_comes_later(haven):
    conditional_options = [c for s in haven.scenes.values() for c in s.choices if c.condition]
    conditional_lines = [line for s in haven.scenes.values() for line in s.lines if line.condition]
    flags_read = {name for c in conditional_options for name in c.condition.names}
    assert len(conditional_options) >= 8 and len(conditional_lines) >= 30
    assert len({"paid_fairly", "system_shared", "all_open", "agreement", "advice_first"} & flags_read) >= 4


def test_a_named_cast_and_content_notes(haven):
    assert len(haven.cast) >= 6
    assert haven.content_notes
    assert sum(1 for s in haven.scenes.values() if s.content_notes) >= 3


def test_every_chapter_says_what_it_is_for_and_which_rungs_fit(haven):
    chapters = {scene.chapter for scene in haven.scenes.values()}
    assert set(haven.purposes) == chapters
    for purpose in haven.purposes.values():
        assert purpose.what[:1].islower() and purpose.why.endswith("."), purpose.chapter
    # Fit, not height: the chapters do not all ask for the same rungs, and some stop below the top.
    assert len({(p.low, p.high) for p in haven.purposes.values()}) >= 3
    assert any(p.high < 6 for p in haven.purposes.values())


@pytest.fixture(scope="module")
def fit_readings(haven):
    """Verdicts per (role, chapter) over seeded random runs played to the end."""
    found: dict[tuple[str, str], Counter] = {}
    for role in ROLES:
        for seed in range(300):
            run, rng = Run(haven, role, seed=seed), random.Random(seed)
            while not run.ended:
                run.choose(rng.choice([view.index for view in run.choices if view.enabled]))
            for fit in fits(run):
                found.setdefault((role, fit.purpose.chapter), Counter())[fit.verdict] += 1
    return found


@pytest.mark.parametrize("role", ROLES)
def test_each_chapter_fits_on_some_paths_and_not_on_others(haven, fit_readings, role):
    for chapter in haven.purposes:
        verdicts = fit_readings.get((role, chapter), Counter())
        assert sum(verdicts.values()) == 300, chapter  # every run finishes every chapter
        assert verdicts["fits"] and verdicts["below"] + verdicts["beyond"], (chapter, verdicts)
