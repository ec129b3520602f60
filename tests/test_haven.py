"""The main scenario, The Haven, proved against its brief by check's own figures.

These are content tests: they fail if an edit makes a path too short, an ending too rare or too
common, the prose too hard to read, or a decision into a quiz.
"""
from __future__ import annotations

import pytest

from conftest import ROOT
from game.check import check_paths
from game.story import load
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


def test_most_decisions_have_three_options_and_none_fewer_than_two(haven):
    sizes = [len(scene.choices) for scene in haven.scenes.values() if scene.is_decision]
    assert min(sizes) >= 2 and max(sizes) <= 4
    assert sizes.count(3) / len(sizes) >= 0.6


@pytest.mark.parametrize("role", ROLES)
def test_at_least_six_endings_each_between_two_and_forty_percent(report, role):
    data = report["by_role"][role]
    assert data["unreachable_endings"] == []
    runs = data["random_runs"]
    counts = runs["ending_counts"]
    assert runs["runs"] == 2000 and len(counts) >= 6
    for ending, count in counts.items():
        assert 0.02 <= count / runs["runs"] <= 0.40, (ending, count)
    assert set(counts) == set(data["reachable_endings"])


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
