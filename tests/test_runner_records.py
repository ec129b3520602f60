"""What a run keeps of each choice: one record, the reasons worked out only when read, the
options of each scene prepared once per scenario. Each must still say what playing said."""
import gc
import random
import shutil
import weakref

import pytest

from conftest import FIXTURES
from game.story import Run, load
from game.story import options as options_module
from game.story import runner as runner_module
from game.story import state as state_module
from game.story.model import Effect
from game.story.state import State

HAVEN = FIXTURES.parent.parent / "scenes" / "haven"


@pytest.fixture
def tiny():
    return load(FIXTURES / "tiny")


def test_the_outcome_is_the_record_kept_and_says_what_changed_and_why(tiny):
    run = Run(tiny, "professional")
    run.state.values["trust"] = 95
    outcome = run.choose(0)  # Offer to pay everyone: paid_fairly, trust +15, outcome -5
    assert run.taken[-1] is outcome and run.last is outcome and outcome.outcome is outcome
    assert (outcome.text, outcome.key, outcome.options) == (
        "Offer to pay everyone", "pay",
        ("Offer to pay everyone", "Keep the budget for the project", "Hand the meeting to Sam"))
    assert list(outcome.changes) == run.history
    paid, trust, money = outcome.changes
    assert (paid.before, paid.after, paid.limited) == (False, True, "")
    assert (trust.before, trust.after, trust.wanted, trust.limited) == (95, 100, 15, "highest")
    assert (money.before, money.after, money.why) == (50, 45, "Less money for the project")


def test_choosing_works_out_no_reasons_until_someone_reads_them(tiny, monkeypatch):
    worked_out = []
    original = state_module.entry_changes

    def counting(entry):
        worked_out.append(entry)
        return original(entry)

    monkeypatch.setattr(state_module, "entry_changes", counting)
    monkeypatch.setattr(runner_module, "entry_changes", counting)
    run = Run(tiny, "professional")
    run.choose(1)
    run.choose(0)
    run.undo()
    run.choose(0)
    assert worked_out == []
    assert [change.name for change in run.history] == ["outcome", "trust", "trust", "outcome"]
    assert len(worked_out) == 2  # one per choice with effects, when the history was read


def test_the_history_stays_true_when_read_between_choices_and_undos():
    """Reasons are worked out when read and kept; undo must drop exactly those of the steps it
    takes back, whether or not they were read."""
    haven = load(HAVEN)
    rng = random.Random(3)
    for game in range(12):
        run = Run(haven, sorted(haven.roles)[game % 2], seed=game)
        while not run.ended and run.step < 50:
            if run.step and rng.random() < 0.3:
                run.undo()
            else:
                run.choose(rng.choice([v.index for v in run.choices if v.enabled]))
            if rng.random() < 0.4:
                assert run.history == [c for taken in run.taken for c in taken.changes]
                for name in ("trust", "power"):
                    assert run.state.reasons(name) == [c for c in run.history if c.name == name]
        assert run.history == [c for taken in run.taken for c in taken.changes]


def test_undo_shows_the_same_options_again(tiny):
    run = Run(tiny, "professional")
    shown = run.choices
    run.choose(1)
    assert run.undo() and run.choices == shown and run.scene.id == "pro-start"


def test_a_set_number_stays_within_its_range_and_undo_takes_it_back(tiny):
    state = State(tiny)
    entry = state.apply((Effect("energy", "set", 50, "Rested", "resources"),
                         Effect("energy", "add", -4, "A long day", "resources")), 1, "x", "Rest")
    assert state.values["energy"] == 6
    assert [(c.before, c.after, c.wanted) for c in state.history] == [(5, 10, None), (10, 6, None)]
    assert state_module.entry_changes(entry) == tuple(state.history)
    state.undo_to(0)
    assert state.values["energy"] == 5 and state.history == [] and state.log == []


def test_every_run_of_a_scenario_shares_its_prepared_options(tiny):
    first, second = Run(tiny, "professional"), Run(tiny, "professional")
    assert all(a is b for a, b in zip(first.choices, second.choices))
    second.state.values["trust"] = 95  # opens "Hand the meeting to Sam"
    second.reset_to("pro-start", dict(second.state.values), {"pro-start": 1})
    assert [v.enabled for v in first.choices] == [True, True, False]
    assert [v.enabled for v in second.choices] == [True, True, True]


def test_an_edited_scenario_is_prepared_afresh_and_the_old_one_let_go(tmp_path):
    folder = shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny")
    old = load(folder)
    old_run = Run(old, "professional")
    assert old_run.choices[0].text == "Offer to pay everyone"
    meeting = folder / "1-meeting.yaml"
    meeting.write_text(meeting.read_text().replace("Offer to pay everyone", "Offer to pay all"))
    new = load(folder)
    assert Run(new, "professional").choices[0].text == "Offer to pay all"
    assert old_run.choices[0].text == "Offer to pay everyone"
    gone, key = weakref.ref(old), id(old)
    assert key in options_module._offers
    del old, old_run
    gc.collect()
    assert gone() is None and key not in options_module._offers


def plainly_shown(run: Run) -> list[tuple]:
    """The options of the run's scene worked out from its conditions directly, one by one."""
    values, visits, shown = run.state.values, run.state.visits, []
    for choice in run.scene.choices:
        if choice.condition is None or choice.condition.holds(values, visits):
            shown.append((len(shown), choice.text, True, "", choice))
        elif choice.locked:
            shown.append((len(shown), choice.text, False, choice.locked, choice))
    return shown


def test_prepared_options_are_what_the_conditions_say_in_every_scene_reached():
    haven = load(HAVEN)
    several = [s.id for s in haven.scenes.values()
               if sum(c.condition is not None for c in s.choices) >= 2]
    assert several  # scenes with two or more conditions take the general way
    rng, seen = random.Random(11), set()
    for game in range(40):
        run = Run(haven, sorted(haven.roles)[game % 2], seed=game)
        while not run.ended:
            assert [tuple(view) for view in run.choices] == plainly_shown(run)
            seen.add(run.scene.id)
            run.choose(rng.choice([v.index for v in run.choices if v.enabled]))
    assert seen & set(several)


def test_a_run_makes_its_seeded_generator_only_when_asked(tiny, monkeypatch):
    made, generator = [], random.Random
    monkeypatch.setattr(runner_module.random, "Random",
                        lambda seed: made.append(seed) or generator(seed))
    run = Run(tiny, "professional", seed=9)
    run.choose(0)
    assert made == []  # playing does not draw from it
    assert run.random is run.random and made == [9]
    assert run.random.random() == generator(9).random()
