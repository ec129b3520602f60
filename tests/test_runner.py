"""The state tracker and the runner: effects, history, the rung of the latest decision, undo,
saving and restoring."""
import json
import shutil

import pytest

from conftest import FIXTURES, MINIMAL_SCENES
from game.story import ABDICATION, ChoiceUnavailable, RestoreError, Run, load
from game.story.debrief import Debrief


@pytest.fixture
def tiny():
    return load(FIXTURES / "tiny")


def test_a_newcomer_can_play_in_five_lines(tiny):
    run = Run(tiny, "professional", seed=7)
    assert [c.text for c in run.choices][:2] == ["Offer to pay everyone", "Keep the budget for the project"]
    run.choose(0)
    run.choose(0)
    assert run.ended and run.ending.id == "together"


def test_locked_option_is_shown_with_reason_and_cannot_be_chosen(tiny):
    run = Run(tiny, "professional")
    locked = run.choices[2]
    assert (locked.enabled, locked.reason) == (False, "Sam does not trust you enough yet.")
    with pytest.raises(ChoiceUnavailable, match="does not trust"):
        run.choose(2)
    with pytest.raises(ChoiceUnavailable, match="no option 9"):
        run.choose(8)


def test_hidden_option_is_left_out(tiny):
    run = Run(tiny, "professional")
    run.choose(0)  # pays people, so "Decide yourself" (if: not paid_fairly) is hidden
    assert [c.text for c in run.choices] == ["Decide together"]
    run.undo()
    run.choose(1)
    assert [c.text for c in run.choices] == ["Decide together", "Decide yourself"]


def test_effects_are_clamped_and_history_records_why(tiny):
    run = Run(tiny, "professional")
    run.state.values["trust"] = 95
    outcome = run.choose(0)
    trust = [c for c in outcome.changes if c.name == "trust"][0]
    assert (trust.before, trust.after, trust.amount) == (95, 100, 5)
    assert (trust.step, trust.scene, trust.choice) == (1, "pro-start", "Offer to pay everyone")
    assert (trust.why, trust.tag) == ("People felt valued", "respect")
    assert run.values["paid_fairly"] is True
    assert [c.name for c in run.history] == ["paid_fairly", "trust", "outcome"]


def test_set_with_to_on_text_variable(tiny):
    run = Run(tiny, "professional")
    run.state.values["trust"] = 95
    run.choose(2)
    assert run.values["chair"] == "Sam" and run.values["power"] == 30


def test_undo_pops_whole_steps_as_often_as_wanted(tiny):
    run = Run(tiny, "professional")
    start = dict(run.values)
    run.choose(0)
    run.choose(0)
    assert run.ended
    assert run.undo() and not run.ended and run.scene.id == "pro-decide"
    assert run.undo() and run.scene.id == "pro-start"
    assert run.values == start and run.history == [] and run.step == 0
    assert run.undo() is False


def test_direct_ending_and_conditional_ending(tiny):
    run = Run(tiny, "professional")
    run.choose(1)
    run.choose(1)  # "Decide yourself" leads straight to the ending "tidy"
    assert run.ending.id == "tidy"
    run = Run(tiny, "service_user")
    run.choose(0)  # Continue
    run.choose(0)  # Speak up -> next: end; trust 70 but not paid: falls through to "tidy"
    assert run.ending.id == "tidy"


def test_visits_are_counted(tiny):
    run = Run(tiny, "service_user")
    assert run.state.visits == {"user-start": 1}
    run.choose(0)
    assert run.state.visits == {"user-start": 1, "user-decide": 1}


def test_the_rung_is_the_rung_of_the_latest_decision_not_a_reading_of_the_meters(tiny):
    run = Run(tiny, "professional")
    assert run.rung is None                              # no decision yet
    run.choose(0)                                        # Offer to pay everyone: rung 6
    assert (run.rung.number, run.rung.name, run.rung.on_ladder) == (6, "Co-production", True)
    assert run.last.rung == 6
    run.undo()
    run.choose(1)                                        # Keep the budget: rung 3
    assert run.rung.label == "Rung 3, Consultation"


def test_the_rung_is_carried_over_a_scene_without_a_decision(tiny):
    run = Run(tiny, "service_user")
    run.choose(0)                                        # Continue: no rung
    assert run.rung is None and run.last.rung is None
    run.choose(0)                                        # Speak up: rung 5
    assert run.rung.number == 5


def test_abdication_is_off_the_ladder_not_a_low_rung(tmp_path):
    folder = shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny")
    meeting = folder / "1-meeting.yaml"
    meeting.write_text(meeting.read_text().replace("if: trust > 90", "if: trust > 0"))
    run = Run(load(folder), "professional")
    run.choose(2)                                        # Hand the meeting to Sam
    assert run.last.rung == ABDICATION
    assert not run.rung.on_ladder and run.rung.label == "Off the ladder: Abdication"


def test_save_round_trip_through_json(tiny):
    run = Run(tiny, "professional", seed=11)
    run.choose(1)
    data = json.loads(json.dumps(run.to_dict()))
    assert data["format"] == "making-together/run" and data["version"] == 1
    again = Run.from_dict(tiny, data)
    assert (again.scene.id, again.values, again.seed, again.step) == (
        run.scene.id, run.values, 11, 1)
    assert [c.to_dict() for c in again.history] == [c.to_dict() for c in run.history]
    assert again.restore_note == ""


def save_then_edit(tmp_path, choices: list[int], old: str, new: str) -> Run:
    """Play `choices`, save, replace `old` with `new` in the scene file, restore."""
    folder = shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny")
    run = Run(load(folder), "professional")
    for index in choices:
        run.choose(index)
    saved = run.to_dict()
    chapter = folder / "1-meeting.yaml"
    chapter.write_text(chapter.read_text().replace(old, new))
    return Run.from_dict(load(folder), saved)


def test_restore_survives_an_edit_to_an_unrelated_scene(tmp_path):
    again = save_then_edit(tmp_path, [0, 0], "Pat: Welcome, Sam.", "Pat: Come in, Sam.")
    assert again.ending.id == "together" and again.restore_note == ""


def test_restore_after_a_choice_was_removed_stops_at_the_last_good_step(tmp_path):
    again = save_then_edit(tmp_path, [0, 0], "Decide together", "Agree as a group")
    assert again.scene.id == "pro-decide" and again.step == 1
    assert "The story has changed" in again.restore_note


def test_restore_by_choice_id_survives_rewording(tmp_path):
    # The first choice has the id "pay", so rewording its text does not break the save.
    again = save_then_edit(tmp_path, [0], "Offer to pay everyone", "Pay everyone")
    assert again.step == 1 and again.restore_note == ""


@pytest.mark.parametrize("data, message", [
    ({"format": "other"}, "not a Making Together save"),
    ({"format": "making-together/run", "version": 99}, "newer version"),
    ({"format": "making-together/run", "version": 1, "scenario": "x"}, 'scenario "x"'),
    ({"format": "making-together/run", "version": 1, "scenario": "tiny", "role": "boss"}, "role"),
    ({"format": "making-together/run", "version": 1, "scenario": "tiny", "role": "professional",
      "seed": "x", "choices": []}, "damaged"),
    ([1, 2], "not a Making Together save"),
])
def test_foreign_or_damaged_data_is_refused_with_a_reason(tiny, data, message):
    with pytest.raises(RestoreError, match=message):
        Run.from_dict(tiny, data)


def test_debrief_series_and_biggest_changes(tiny):
    run = Run(tiny, "professional")
    run.choose(0)
    run.choose(0)
    debrief = Debrief(run)
    assert debrief.series("trust") == [50, 65, 75]
    assert debrief.series("power") == [0, 0, 0]
    assert [c.amount for c in debrief.biggest()] == [15, 10, -5]
    assert Debrief.describe(tiny, debrief.biggest()[0]) == \
        "Trust +15 (now 65) \u2014 People felt valued [respect]"


def test_restore_says_so_when_the_same_choices_now_end_differently(tmp_path):
    again = save_then_edit(tmp_path, [0, 0], "Decide together", "Decide together")
    assert again.restore_note == ""
    folder = tmp_path / "tiny"
    (folder / "scenario.yaml").write_text((folder / "scenario.yaml").read_text().replace(
        "if: trust >= 60 and paid_fairly", "if: trust >= 90 and paid_fairly"))
    saved = Run.from_dict(load(FIXTURES / "tiny"), again.to_dict()).to_dict()
    changed = Run.from_dict(load(folder), saved)
    assert changed.ending.id == "tidy"
    assert 'now lead to "A tidy report"' in changed.restore_note


def test_undo_takes_back_the_visit_too(tiny):
    run = Run(tiny, "service_user")
    run.choose(0)
    assert run.state.visits == {"user-start": 1, "user-decide": 1}
    run.undo()
    assert run.state.visits == {"user-start": 1}


def test_conditional_lines_show_only_when_their_condition_holds(make_scenario):
    scenes = MINIMAL_SCENES.replace("  - id: a\n", "  - id: a\n    lines:\n"
                                    "      - Always here.\n"
                                    "      - if: visits(\"a\") >= 2\n        text: Back again.\n"
                                    "      - if: trust >= 50\n        Pat: I trust this.\n")
    run = Run(load(make_scenario(scenes=scenes)), "professional")
    assert [(line.speaker, line.text) for line in run.lines] == [
        (None, "Always here."), ("Pat", "I trust this.")]


def test_undo_at_any_point_leaves_exactly_what_playing_to_that_point_leaves():
    """Undo rebuilds values from the history, copying nothing as it plays: after any mix of
    choices and undos, the run is as if the remaining choices had been made afresh."""
    import random
    haven = load(FIXTURES.parent.parent / "scenes" / "haven")
    rng = random.Random(5)
    for game in range(20):
        role = sorted(haven.roles)[game % 2]
        run = Run(haven, role, seed=game)
        while not run.ended and run.step < 60:
            if run.step and rng.random() < 0.3:
                run.undo()
            else:
                run.choose(rng.choice([v.index for v in run.choices if v.enabled]))
        fresh = Run(haven, role, seed=game)
        for taken in run.taken:
            fresh.choose(next(v.index for v in fresh.choices if v.choice is taken.option))
        assert (run.values, run.state.visits, run.history, run.lines, run.choices) == \
            (fresh.values, fresh.state.visits, fresh.history, fresh.lines, fresh.choices)
        assert [t.options for t in run.taken] == [t.options for t in fresh.taken]
