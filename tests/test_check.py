"""`python main.py check`: problems with positions, exploration by state, and the JSON contract."""
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, MINIMAL_SCENARIO, MINIMAL_SCENES, ROOT
from game.check import run_check
from game.cli import main
from game.story import load, load_scenario
from game.story.explore import explore
from game.story.source import parse_text


def check(*paths, runs=200, as_json=False):
    out = io.StringIO()
    code = run_check([str(p) for p in paths], as_json=as_json, runs=runs, seed=3, out=out)
    return code, out.getvalue()


def test_good_fixture_passes_with_a_summary_per_role():
    code, text = check(FIXTURES / "tiny")
    assert code == 0
    assert "OK (0 errors, " in text
    # The tiny fixture tests the machinery with one decision per role, too small to teach a
    # lesson: the lesson audit's warnings (tests/test_lesson.py) are the only ones allowed.
    warnings = [line for line in text.splitlines() if ": warning: " in line]
    assert all(": warning: lesson: " in line for line in warnings), warnings
    assert "lesson audit (" in text
    assert "professional: reaches 2 of 2 endings" in text
    assert "service_user: reaches 2 of 3 endings" in text


def test_broken_fixture_fails_with_positions():
    code, text = check(FIXTURES / "broken")
    assert code == 1
    assert "tests/fixtures/broken/scenario.yaml:6:12: role \"professional\" starts at scene" in text


def test_one_broken_scenario_does_not_hide_the_others():
    code, text = check(FIXTURES / "tiny", FIXTURES / "broken")
    assert code == 1
    assert "Tiny test scenario\": 4 scenes, 3 endings: OK" in text


def test_json_has_the_contract_shape():
    code, text = check(FIXTURES / "tiny", as_json=True)
    report = json.loads(text)
    assert code == 0 and report["ok"] is True
    entry = report["scenarios"][0]
    assert {"id", "title", "path", "roles", "scenes", "endings", "errors", "warnings",
            "by_role"} <= set(entry)
    assert entry["roles"] == ["professional", "service_user"]
    assert entry["words"] > 40  # intros, scenes, options, feedback and endings
    role = entry["by_role"]["professional"]
    assert {"reachable_endings", "unreachable_endings", "unreachable_scenes", "dead_ends",
            "random_runs"} <= set(role)
    # the search finished, so what it says is a proof, and it says how many states it needed
    assert entry["complete"] is True and role["search"]["complete"] is True
    assert role["search"]["states"] > 0 and role["explored_states"] >= role["search"]["states"]
    runs = role["random_runs"]
    assert runs["runs"] == 200 and runs["seed"] == 3
    assert sum(runs["ending_counts"].values()) == 200
    assert set(runs["choices_per_run"]) == {"min", "median", "max"}
    assert set(runs["words_per_run"]) == {"min", "median", "max"}
    assert {"trust", "power", "outcome"} <= set(runs["meters"])
    assert set(runs["meters"]["trust"]) >= {"min", "max"}


def test_json_errors_carry_file_line_and_column():
    code, text = check(FIXTURES / "broken", as_json=True)
    report = json.loads(text)
    assert code == 1 and report["ok"] is False
    error = report["scenarios"][0]["errors"][0]
    assert set(error) == {"file", "line", "column", "message"}
    assert isinstance(error["line"], int) and isinstance(error["column"], int)


def test_ending_behind_an_impossible_condition_is_unreachable(make_scenario):
    scenario = MINIMAL_SCENARIO.replace("if: trust >= 60", "if: trust >= 60 and paid_fairly")
    folder = make_scenario(scenario=scenario)
    reports, problems = explore(load(folder), runs=50)
    assert reports["professional"].unreachable_endings == ["good"]
    assert any('no role can reach the ending "good"' in p.message and p.severity == "error"
               for p in problems)


def test_dead_end_found_by_state_not_graph(make_scenario):
    # Scene c's only way out needs trust >= 60; after "Down" trust is 30: stuck.
    scenes = MINIMAL_SCENES.replace("        next: end\n      - text: Down",
                                    "        next: c\n      - text: Down").replace(
        "        next: end\n  - id: b", "        next: c\n  - id: b") + (
        "  - id: c\n    choices:\n      - text: Go on\n        if: trust >= 60\n        next: end\n")
    folder = make_scenario(scenes=scenes)
    reports, problems = explore(load(folder), runs=50)
    assert reports["professional"].dead_ends == {"c"}
    dead = [p for p in problems if "dead end" in p.message]
    assert dead and dead[0].severity == "error" and dead[0].line == 24


def test_option_that_wins_on_every_meter_is_warned_about(make_scenario):
    scenes = MINIMAL_SCENES.replace("          - outcome: -5\n            why: Slower\n",
                                    "          - outcome: +5\n            why: Quicker\n")
    reports, problems = explore(load(make_scenario(scenes=scenes)), runs=50)
    warnings = [p.message for p in problems if p.severity == "warning"]
    assert any('"Up" is at least as good as every other option' in w for w in warnings)


def test_scene_no_role_reaches_is_warned_about(make_scenario):
    folder = make_scenario(scenes=MINIMAL_SCENES + "  - id: orphan\n    next: end\n")
    _, problems = explore(load(folder), runs=20)
    assert any(p.message == 'no role can reach scene "orphan"' for p in problems)


def test_cli_check_exit_codes(capsys):
    assert main(["check", str(FIXTURES / "tiny"), "--runs", "20"]) == 0
    assert main(["check", str(FIXTURES / "broken"), "--runs", "20"]) == 1
    assert main(["check", str(FIXTURES / "no-such-folder")]) == 1
    assert "no scenario here" in capsys.readouterr().out


def test_shipped_scenarios_have_no_errors():
    code, text = check(FIXTURES.parent.parent / "scenes", runs=300)
    assert code == 0, text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_never_breaks_the_yaml_reader(text):
    source = parse_text(text, "fuzz.yaml")
    assert source.problems or source.data is not None or text.strip() in ("", "---", "...") \
        or source.data is None


@settings(max_examples=150, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_arbitrary_text_as_a_chapter_file_gives_problems_not_exceptions(tmp_path, text):
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    (folder / "scenario.yaml").write_text(MINIMAL_SCENARIO)
    (folder / "1-scenes.yaml").write_text(MINIMAL_SCENES)
    (folder / "2-fuzz.yaml").write_text(text, encoding="utf-8")
    result = load_scenario(folder)  # must not raise
    assert all(p.line >= 1 and p.column >= 1 for p in result.problems)


_YAMLISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-200, 200), st.text(max_size=12),
              st.sampled_from(["end", "a", "b", "trust >= 60", "respect", "trust", "paid_fairly"])),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(
        st.sampled_from(["id", "text", "next", "choices", "effects", "if", "why", "tag", "set",
                         "to", "clear", "trust", "lines", "chapter", "scenes", "endings",
                         "locked", "title", "roles", "moment"]), inner, max_size=5)),
    max_leaves=25)


@settings(max_examples=200, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(_YAMLISH)
def test_arbitrary_structures_give_problems_not_exceptions(tmp_path, data):
    folder = tmp_path / "fuzz2"
    folder.mkdir(exist_ok=True)
    (folder / "scenario.yaml").write_text(MINIMAL_SCENARIO)
    (folder / "1-scenes.yaml").write_text(MINIMAL_SCENES)
    (folder / "2-fuzz.yaml").write_text(json.dumps({"scenes": data}) if not isinstance(data, dict)
                                        else json.dumps(data))
    load_scenario(folder)


def test_loop_with_no_way_out_is_an_error(make_scenario):
    scenes = MINIMAL_SCENES.replace("  - id: b\n    next: end", "  - id: b\n    choices:\n"
                                    "      - text: Again\n        next: b\n"
                                    "      - text: Once more\n        next: b\n")
    code, text = check(make_scenario(scenes=scenes), runs=100)
    assert code == 1
    assert "service_user can get caught in a loop with no way to any ending" in text


def test_loop_counted_with_visits_stays_small(make_scenario):
    scenes = MINIMAL_SCENES.replace("  - id: b\n    next: end", (
        "  - id: b\n    choices:\n      - text: Again\n        next: b\n"
        "      - text: Leave\n        if: visits(\"b\") >= 3\n        next: end\n"))
    reports, problems = explore(load(make_scenario(scenes=scenes)), runs=50)
    assert reports["service_user"].complete and reports["service_user"].states <= 4
    assert not [p for p in problems if p.severity == "error"]


def test_direct_ending_meant_for_the_other_role_is_an_error(make_scenario):
    scenario = MINIMAL_SCENARIO.replace("  - id: plain\n", "  - id: theirs\n    title: T\n"
                                        "    roles: [professional]\n    text: T.\n  - id: plain\n")
    scenes = MINIMAL_SCENES.replace("  - id: b\n    next: end", "  - id: b\n    next: theirs")
    _, problems = explore(load(make_scenario(scenes=scenes, scenario=scenario)), runs=20)
    assert any('scene "b" leads service_user straight to the ending "theirs"' in p.message
               for p in problems)


def test_scene_marked_for_the_other_role_is_an_error(make_scenario):
    scenes = MINIMAL_SCENES.replace("  - id: b\n", "  - id: b\n    role: professional\n")
    _, problems = explore(load(make_scenario(scenes=scenes)), runs=20)
    assert any(p.message == 'scene "b" is marked "role: professional", but service_user can reach it'
               for p in problems)


def test_decisions_per_path_ignores_paths_into_a_dead_end(make_scenario):
    # a -> c (dead end after "Down") or end: the only finished paths have 1 or 2 decisions.
    scenes = MINIMAL_SCENES.replace("        next: end\n      - text: Down",
                                    "        next: c\n      - text: Down") + (
        "  - id: c\n    choices:\n      - text: Go on\n        if: trust >= 60\n        next: end\n"
        "      - text: Stop\n        if: trust >= 60\n        next: end\n")
    reports, _ = explore(load(make_scenario(scenes=scenes)), runs=20)
    assert reports["professional"].decisions_per_path == (1, 2)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_YAMLISH, st.booleans())
def test_quick_schema_check_agrees_with_jsonschema(data, is_scenario_file):
    from game.story.schema import _explainer, is_valid
    document = data if isinstance(data, dict) else {"scenes": data}
    expected = not any(True for _ in _explainer(is_scenario_file).iter_errors(document))
    assert is_valid(document, is_scenario_file) == expected


def test_quick_schema_check_agrees_on_the_shipped_and_fixture_files():
    from game.story.schema import _explainer, is_valid
    from game.story.source import read_source
    root = FIXTURES.parent.parent
    files = list((root / "scenes").glob("*/*.yaml")) + list(FIXTURES.glob("*/*.yaml"))
    for path in files:
        data = read_source(path).data
        if data is None:
            continue
        for scenario_file in (True, False):
            expected = not any(True for _ in _explainer(scenario_file).iter_errors(data))
            assert is_valid(data, scenario_file) == expected, path


def test_visit_count_compared_with_a_variable_is_not_cut_short(make_scenario):
    scenario = MINIMAL_SCENARIO + "variables:\n  patience: {start: 3}\n"
    scenes = MINIMAL_SCENES.replace("  - id: b\n    next: end", (
        "  - id: b\n    choices:\n      - text: Ask again\n        next: b\n"
        "      - text: Leave\n        if: visits(\"b\") >= patience\n        next: end\n"))
    reports, problems = explore(load(make_scenario(scenes=scenes, scenario=scenario)), runs=50)
    assert not [p for p in problems if p.severity == "error"]
    assert reports["service_user"].reachable_endings


def test_a_loop_is_reported_even_when_there_is_also_a_dead_end(make_scenario):
    scenes = MINIMAL_SCENES.replace("  - id: b\n    next: end", (
        "  - id: b\n    choices:\n      - text: To the dead end\n        next: dead\n"
        "      - text: Into the loop\n        next: loop\n      - text: Out\n        next: end\n"
        "  - id: dead\n    choices:\n      - text: Never\n        if: trust > 100\n        next: end\n"
        "  - id: loop\n    next: loop\n"))
    code, text = check(make_scenario(scenes=scenes), runs=100)
    assert code == 1
    assert 'scene "dead" is a dead end' in text
    assert 'service_user can get caught in a loop with no way to any ending, at scene "loop"' in text
    assert "runs that did not finish:" in text


def test_an_id_ending_in_a_newline_is_refused_by_both_schema_checks(make_scenario):
    from game.story.schema import _explainer, is_valid
    document = {"scenes": [{"id": "a\n", "next": "end"}]}
    assert not is_valid(document, False)
    assert list(_explainer(False).iter_errors(document))


def test_reading_ease_is_reported_and_a_much_harder_scene_is_warned_about(make_scenario):
    hard = ("Organisational accountability necessitates comprehensive intersectoral collaboration, "
            "notwithstanding considerable implementation difficulties experienced institutionally. ")
    plain = "We sat down. Sam made tea. The room was cold, and nobody spoke first. Then Pat smiled. "
    scenes = MINIMAL_SCENES.replace("  - id: a\n", f"  - id: a\n    text: {plain * 8}\n")
    scenes = scenes.replace("  - id: b\n", f"  - id: b\n    text: {hard * 4}\n")
    out = io.StringIO()
    run_check([str(make_scenario(scenes=scenes))], as_json=True, runs=10, seed=1, out=out)
    entry = json.loads(out.getvalue())["scenarios"][0]
    reading = entry["reading"]
    assert reading["scenes"]["a"]["flesch"] > 80 > 20 > reading["scenes"]["b"]["flesch"]
    assert reading["words"] == entry["words"]
    warnings = [w["message"] for w in entry["warnings"]]
    assert any(m.startswith('scene "b" is much harder to read than the rest') for m in warnings)
    assert not any('scene "a"' in m for m in warnings)


def test_fewest_decisions_bound_holds_from_the_scene_graph(make_scenario):
    scenes = MINIMAL_SCENES.replace("        next: end\n      - text: Down", "        next: c\n      - text: Down", 1)
    scenes += ("  - id: c\n    next: d\n  - id: d\n    choices:\n      - text: Onward\n        next: end\n"
               "      - text: Stop here\n        next: end\n")
    reports, _ = explore(load(make_scenario(scenes=scenes)), runs=5)
    assert reports["professional"].fewest_decisions_bound == 1   # "Down" ends at once
    assert reports["service_user"].fewest_decisions_bound == 0   # b only says Continue
    assert reports["professional"].decisions_per_path[0] == 1


def test_roles_explored_side_by_side_report_exactly_what_one_at_a_time_does():
    scenario = load(ROOT / "scenes" / "tea-and-terms")
    together, problems = explore(scenario, runs=200, seed=3)
    alone, problems_alone = explore(scenario, runs=200, seed=3, parallel=False)
    assert {r: rep.to_dict() for r, rep in together.items()} == {r: rep.to_dict() for r, rep in alone.items()}
    assert problems == problems_alone


def test_a_missing_dependency_gets_a_clear_message_not_a_traceback():
    import subprocess
    import sys
    code = ("import sys, runpy; sys.modules['fastjsonschema'] = None; "
            "sys.argv = ['main.py', 'check']; runpy.run_path('main.py', run_name='__main__')")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert 'needs the Python package "fastjsonschema"' in result.stderr
    assert "pip install -e ." in result.stderr and "Traceback" not in result.stderr
