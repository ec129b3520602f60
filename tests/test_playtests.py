"""Playtests as data: expected paths in playtests.yaml, run by check and by pytest."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conftest import ROOT
from game.check import run_check
from game.playtests import run_playtests
from game.story import find_scenarios, load


def playtests_of(folder: Path, text: str):
    (folder / "playtests.yaml").write_text(text, encoding="utf-8")
    return run_playtests(load(folder))


def test_a_path_that_reaches_the_expected_ending_passes(make_scenario):
    results = playtests_of(make_scenario(), """\
playtests:
  - name: Up goes well
    role: professional
    choose: [Up]
    expect: {ending: good, if: trust >= 60}
  - name: By number
    role: professional
    choose: [2]
    expect: {ending: plain, visited: [a], not_visited: [b]}
""")
    assert [(r.name, r.passed) for r in results] == [("Up goes well", True), ("By number", True)]


def test_failures_say_what_happened_at_the_line(make_scenario):
    results = playtests_of(make_scenario(), """\
playtests:
  - name: Wrong ending
    role: professional
    choose: [Down]
    expect:
      ending: good
      if: trust >= 60
  - name: Missing option
    role: professional
    choose: [Sideways]
    expect: {ending: good}
  - name: Bad role
    role: manager
""")
    assert [r.passed for r in results] == [False, False, False]
    messages = [str(p) for r in results for p in r.problems]
    assert messages[0].endswith('playtest "Wrong ending": expected the ending "good", got "plain"')
    assert ":7:" in messages[1] and "expected trust >= 60, but trust is 30" in messages[1]
    assert 'no option "Sideways" can be taken in scene "a" (there: 1. Up; 2. Down)' in messages[2]
    assert 'there is no role "manager"' in messages[3]


def test_check_reports_playtests_and_fails_on_a_failing_one(make_scenario):
    folder = make_scenario()
    (folder / "playtests.yaml").write_text(
        "playtests:\n  - name: Up\n    role: professional\n    choose: [Up]\n"
        "    expect: {ending: plain}\n", encoding="utf-8")
    out = io.StringIO()
    assert run_check([str(folder)], as_json=True, runs=5, seed=1, out=out) == 1
    entry = json.loads(out.getvalue())["scenarios"][0]
    assert entry["playtests"][0]["passed"] is False
    assert any("playtests.yaml:5:" in f'{e["file"]}:{e["line"]}:' for e in entry["errors"])


def test_a_broken_playtests_file_is_reported_not_fatal(make_scenario):
    results = playtests_of(make_scenario(), "playtests: [unclosed\n")
    assert not results[0].passed and results[0].problems


@pytest.mark.parametrize("folder", find_scenarios(ROOT / "scenes"), ids=lambda p: p.name)
def test_shipped_playtests_pass(folder):
    results = run_playtests(load(folder))
    assert all(r.passed for r in results), [str(p) for r in results for p in r.problems]
