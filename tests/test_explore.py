"""The state search merges states that no later condition can tell apart: it must find exactly
what the plain search of every distinct state finds, and finish on the shipped scenarios."""
import io
import json
import random
from pathlib import Path

import pytest

from conftest import MINIMAL_SCENARIO, MINIMAL_SCENES, ROOT
from game.check import run_check
from game.story import load
from game.story.conditions import BOOL, NUMBER, parse_condition
from game.story.explore import RoleReport, explore, search_roles
from game.story.model import Choice, Effect, Ending, Role, Scenario, Scene, Variable
from game.story.state_keys import StateKeys, condition_reads

PLAIN_BUDGET = 300_000


def searched(scenario: Scenario, merge: bool, max_states: int = PLAIN_BUDGET) -> dict[str, RoleReport]:
    """Each role's report from the state search and the ending search, no random runs."""
    return search_roles(scenario, merge, max_states)


def findings(report: RoleReport) -> dict:
    """Everything a search concludes that does not depend on how states are keyed."""
    return {"scenes": report.reachable_scenes, "endings": report.reachable_endings,
            "dead_ends": report.dead_ends, "trapped": report.trapped_scenes,
            "doomed_scenes": {key[0] for key in report.doomed},
            "paths": report.decisions_per_path, "wrong_endings": report.wrong_endings,
            "wrong_role": report.wrong_role_scenes}


def assert_same_as_plain(scenario: Scenario) -> tuple[int, int]:
    merged, plain = searched(scenario, True), searched(scenario, False)
    merged_states = plain_states = 0
    for role in scenario.roles:
        assert plain[role].complete, "the plain search must finish for the comparison to mean anything"
        assert merged[role].complete and merged[role].endings_complete
        assert findings(merged[role]) == findings(plain[role]), role
        merged_states += merged[role].states
        plain_states += plain[role].states
    return merged_states, plain_states


# -- small scenarios written out, one for each way states can differ ------------------------

def _scenario(scenes: list[Scene], endings: list[tuple[str, str | None]], numbers=None,
              flags=()) -> Scenario:
    numbers = numbers or {"trust": (0, 100, 50), "outcome": (0, 100, 50)}
    variables = {name: Variable(name, name, NUMBER, start, low, high)
                 for name, (low, high, start) in numbers.items()}
    variables.update({name: Variable(name, name, BOOL, False) for name in flags})
    kinds = {name: v.kind for name, v in variables.items()}

    def parsed(text):
        return parse_condition(text, kinds) if text else None

    built = {}
    for scene in scenes:
        choices = tuple(Choice(text, nxt, condition=parsed(cond), effects=tuple(effects))
                        for text, nxt, cond, effects in scene.choices)
        built[scene.id] = Scene(scene.id, "x.yaml", choices=choices)
    return Scenario("t", "T", Path("."), roles={
        "professional": Role("professional", "P", scenes[0].id),
        "service_user": Role("service_user", "S", scenes[0].id)},
        variables=variables, scenes=built,
        endings=tuple(Ending(eid, eid, eid, condition=parsed(cond)) for eid, cond in endings))


def _scene(scene_id, *choices):
    """A scene spec: choices as (text, next, condition or None, [effects])."""
    return Scene(scene_id, "x.yaml", choices=choices)


def add(name, amount):
    return Effect(name, "add", amount)


def test_a_meter_threshold_read_later_keeps_states_apart_that_an_effect_would_separate():
    # trust 50 or 53 after the first choice; +2 later makes 52 or 55: only 55 passes >= 54.
    scenario = _scenario([
        _scene("a", ("small", "b", None, [add("trust", 0)]), ("big", "b", None, [add("trust", 3)])),
        _scene("b", ("on", "c", None, [add("trust", 2)]), ("back", "c", None, [])),
        _scene("c", ("finish", "end", None, [])),
    ], [("high", "trust >= 54"), ("low", None)])
    merged, plain = assert_same_as_plain(scenario)
    assert searched(scenario, True)["professional"].reachable_endings == {"high", "low"}
    assert merged <= plain


def test_values_no_later_condition_can_tell_apart_are_one_state():
    # four ways to trust 40, 45, 50 or 55: all below 60, and nothing later adds to trust
    scenario = _scenario([
        _scene("a", *[(f"way {n}", "b", None, [add("trust", -10 + 5 * n)]) for n in range(4)]),
        _scene("b", ("finish", "end", None, [])),
    ], [("high", "trust >= 60"), ("low", None)])
    report = searched(scenario, True)["professional"]
    assert report.states == 2  # a, and b once
    assert searched(scenario, False)["professional"].states == 5
    assert_same_as_plain(scenario)


def test_a_flag_read_late_keeps_states_apart_until_it_is_read():
    flag = Effect("told", "set", True)
    scenario = _scenario([
        _scene("a", ("tell", "b", None, [flag]), ("keep quiet", "b", None, [])),
        _scene("b", ("on", "c", None, [])),
        _scene("c", ("on", "d", None, [])),
        _scene("d", ("open up", "e", "told", []), ("move on", "e", None, [])),
        _scene("e", ("finish", "end", None, [])),
    ], [("plain", None)], flags=("told",))
    report = searched(scenario, True)["professional"]
    assert report.states == 1 + 2 * 3 + 1  # told or not at b, c and d; one e
    # the plain search keeps e twice (told or not), though nothing after e reads it
    assert assert_same_as_plain(scenario) == (2 * report.states, 2 * (report.states + 1))


def test_a_number_compared_with_another_keeps_its_exact_value():
    numbers = {"trust": (0, 100, 50), "outcome": (0, 100, 50), "patience": (0, 10, 3)}
    scenario = _scenario([
        _scene("a", *[(f"way {n}", "b", None, [add("trust", n)]) for n in range(4)]),
        _scene("b", ("reach", "c", "trust + patience >= 55", []), ("finish", "end", None, [])),
        _scene("c", ("finish", "end", None, [])),
    ], [("sum", "trust + patience >= 54"), ("low", None)], numbers=numbers)
    for keys in (StateKeys(scenario, {}), StateKeys(scenario, {}, endings=False)):
        assert keys.needs["b"][0]["trust"] == "exact" and keys.needs["b"][0]["patience"] == "exact"
    assert searched(scenario, True)["professional"].states == 1 + 4 + 1  # c reads nothing
    assert_same_as_plain(scenario)


def test_clamping_at_the_end_of_a_range_merges_values_that_can_no_longer_differ():
    # trust 95 or 99, then +10 clamps both to 100: a later "trust >= 100" cannot tell them apart
    scenario = _scenario([
        _scene("a", ("a bit", "b", None, [add("trust", 45)]), ("more", "b", None, [add("trust", 49)])),
        _scene("b", ("lots", "c", None, [add("trust", 10)]), ("stay", "c", None, [])),
        _scene("c", ("finish", "end", None, [])),
    ], [("full", "trust >= 100"), ("nearly", "trust >= 99"), ("low", None)])
    keys = StateKeys(scenario, {})
    full, nearly = ({"trust": trust, "outcome": 50} for trust in (100, 99))
    assert keys.key("c", full, {}) != keys.key("c", nearly, {})
    assert_same_as_plain(scenario)


def test_reading_a_condition_finds_cuts_and_exact_uses():
    kinds = {"trust": NUMBER, "power": NUMBER, "told": BOOL}
    reads = condition_reads(parse_condition("trust >= 54 and -20 < power or not told", kinds),
                            {"trust", "power"})
    assert reads == {"trust": frozenset({(54, False)}), "power": frozenset({(-20, True)}),
                     "told": "live"}
    for text in ("trust + 1 >= 54", "trust >= power", "-trust < 3", "(trust) >= 5", "trust >= 5 - 1"):
        reads = condition_reads(parse_condition(text, kinds), {"trust", "power"})
        assert reads["trust"] == "exact", text


def test_loops_with_visits_and_a_meter_merge_the_same_as_plain():
    scenario = _scenario([
        _scene("a", ("push", "a", None, [add("trust", 7)]), ("pull", "a", None, [add("trust", -4)]),
               ("leave", "b", 'visits("a") >= 3', [])),
        _scene("b", ("finish", "end", "trust > 60", []), ("stop", "stuck", "trust < 20", []),
               ("wait", "b", None, [])),
        _scene("stuck", ("never", "end", "trust > 100", [])),
    ], [("high", "trust >= 70"), ("low", None)])
    merged, plain = assert_same_as_plain(scenario)
    assert merged < plain


# -- many random small scenarios: merged and plain must agree on every one -------------------

_ATOMS = ["trust >= {n}", "{n} < trust", "outcome <= {n}", "energy == {e}", "energy > {e}",
          "told", "not told", "asked", 'visited("{s}")', 'visits("{s}") >= 2',
          "trust + outcome >= {m}", "energy >= patience", "power > -{p}", "power < {p}"]


def _random_scenario(rng: random.Random) -> Scenario:
    count = rng.randint(2, 6)
    ids = [f"s{i}" for i in range(count)]

    def condition():
        atoms = [rng.choice(_ATOMS).format(n=rng.randint(30, 70), e=rng.randint(0, 4),
                                           s=rng.choice(ids), m=rng.randint(80, 120),
                                           p=rng.randint(0, 20))
                 for _ in range(rng.randint(1, 2))]
        return f" {rng.choice(['and', 'or'])} ".join(atoms)

    def effect():
        kind = rng.random()
        if kind < 0.55:
            name = rng.choice(["trust", "outcome", "power", "energy"])
            amounts = [-2, -1, 1] if name == "energy" else [-12, -5, -3, -1, 1, 2, 4, 6, 15]
            return add(name, rng.choice(amounts))
        if kind < 0.7:
            return Effect(rng.choice(["trust", "energy"]), "set", rng.choice([0, 3, 40]))
        if kind < 0.8:
            return add("patience", rng.choice([-1, 1]))
        return Effect(rng.choice(["told", "asked"]), "set", rng.random() < 0.7)

    scenes = []
    for scene_id in ids:
        choices = []
        for number in range(rng.randint(1, 3)):
            target = rng.choice(ids + ["end", "end", "quiet"])
            choices.append((f"option {number}", target, condition() if rng.random() < 0.5 else None,
                            [effect() for _ in range(rng.randint(0, 2))]))
        scenes.append(_scene(scene_id, *choices))
    endings = [(f"e{i}", condition()) for i in range(rng.randint(1, 3))] + [("quiet", None)]
    numbers = {"trust": (0, 100, 50), "outcome": (0, 100, 50), "power": (-20, 20, 0),
               "energy": (0, 4, 3), "patience": (0, 4, 2)}
    return _scenario(scenes, endings, numbers=numbers, flags=("told", "asked"))


def test_merged_search_finds_exactly_what_the_plain_search_finds_on_random_scenarios():
    rng = random.Random(18)
    compared, merged_total, plain_total = 0, 0, 0
    for _ in range(150):
        scenario = _random_scenario(rng)
        plain = searched(scenario, False, max_states=20_000)
        if not all(report.complete for report in plain.values()):
            continue  # too big to search plainly: no comparison to make
        merged = searched(scenario, True)
        for role in scenario.roles:
            assert merged[role].complete and merged[role].endings_complete
            assert findings(merged[role]) == findings(plain[role]), (role, scenario.scenes)
            merged_total += merged[role].states
            plain_total += plain[role].states
        compared += 1
    assert compared >= 100
    assert merged_total < plain_total / 2


# -- the shipped scenarios and the wording -------------------------------------------------

@pytest.mark.parametrize("name", ["haven", "tea-and-terms"])
def test_shipped_scenarios_are_searched_completely(name):
    out = io.StringIO()
    run_check([str(ROOT / "scenes" / name)], as_json=True, runs=100, seed=1, out=out)
    entry = json.loads(out.getvalue())["scenarios"][0]
    assert entry["complete"] is True
    for role, data in entry["by_role"].items():
        assert data["search"]["complete"] is True, role
        assert 0 < data["search"]["states"] <= data["search"]["budget"]
        assert not data["unreachable_scenes"]
    assert not [w for w in entry["warnings"] if "search budget" in w["message"]]


def test_tea_and_terms_merged_agrees_with_the_plain_search():
    merged, plain = assert_same_as_plain(load(ROOT / "scenes" / "tea-and-terms"))
    assert merged * 3 < plain


def test_an_incomplete_search_says_not_reached_within_the_budget_never_no_role_can_reach(make_scenario):
    # a long corridor the search cannot walk in 3 states, then a scene and an ending past it
    scenes = MINIMAL_SCENES.replace("  - id: b\n    next: end", "  - id: b\n    next: c\n"
                                    "  - id: c\n    next: d\n  - id: d\n    next: far\n"
                                    "  - id: far\n    next: end\n")
    scenario = MINIMAL_SCENARIO.replace("  - id: plain\n", "  - id: only-far\n    title: F\n"
                                        "    if: visited(\"far\")\n    text: F.\n  - id: plain\n")
    loaded = load(make_scenario(scenes=scenes, scenario=scenario))
    reports, problems = explore(loaded, runs=0, max_states=3, parallel=False, lesson=False)
    messages = [p.message for p in problems]
    assert not any("no role can reach" in m for m in messages), messages
    assert 'scene "far" was not reached within the search budget (' in " ".join(messages)
    assert any(m.startswith('the ending "only-far" was not reached within the search budget')
               for m in messages)
    assert not reports["service_user"].complete
    # with room to search, the same scenario is complete and reaches both
    reports, problems = explore(loaded, runs=0, parallel=False, lesson=False)
    assert reports["service_user"].proven and "only-far" in reports["service_user"].reachable_endings
    assert not [p for p in problems if "budget" in p.message]


def test_check_budget_option_and_the_summary_say_when_the_search_stopped(make_scenario, capsys):
    from game.cli import main
    corridor = "".join(f"  - id: c{i}\n    next: c{i + 1}\n" for i in range(14))
    corridor += "  - id: c14\n    next: end"
    scenes = MINIMAL_SCENES.replace("  - id: b\n    next: end", "  - id: b\n    next: c0\n" + corridor)
    folder = make_scenario(scenes=scenes)
    main(["check", str(folder), "--budget", "10", "--runs", "1"])
    out = capsys.readouterr().out
    # trust stays 50 for service_user, so "good" (trust >= 60) is out of reach, but 10 states
    # cannot show it: the check must not claim more than it found
    assert "service_user: reaches 1 of 2 endings (the search stopped at its budget of 10 states)" in out
    assert "    endings not reached within the search budget: good" in out
    assert "service_user: the search stopped at its budget of 10 states" in out
    assert "no role can reach" not in out and "unreachable" not in out
    main(["check", str(folder), "--runs", "1"])
    out = capsys.readouterr().out
    assert "service_user: reaches 1 of 2 endings (every state searched, so this is a proof)" in out
    assert "stopped at its budget" not in out and "search budget" not in out
