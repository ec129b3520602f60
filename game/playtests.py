"""Playtests as data: expected paths kept beside a scenario in `playtests.yaml`.

    playtests:
      - name: Paying people fairly keeps trust high
        role: professional
        choose: [pay-everyone, "Keep your draft in your bag.", 2]   # ids, exact texts or numbers
                                     # (scenes that only say Continue are passed through)
        expect:
          ending: made-together      # or  scene: some-scene  (where the run stands)
          visited: [ruth-rules]      # scenes that must have been seen
          not_visited: [ruth-alone]
          if: trust >= 60 and paid_fairly   # any condition, in the scenario's own language

`check` runs them and reports each failure at its line; pytest runs them for shipped scenarios.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .story import Problem, Run, Scenario
from .story.conditions import ConditionError, parse_condition
from .story.loader import _shown
from .story.replay import find_option, options_on_offer, pass_continues
from .story.source import SourceFile, read_source

PLAYTESTS_FILE = "playtests.yaml"
_EXPECT_KEYS = ("ending", "scene", "visited", "not_visited", "if")


@dataclass
class PlaytestResult:
    name: str
    role: str
    passed: bool
    problems: list[Problem] = field(default_factory=list)
    ending: str | None = None  # the ending the path reached, if it reached one

    def to_dict(self) -> dict:
        return {"name": self.name, "role": self.role, "passed": self.passed,
                "ending": self.ending, "problems": [p.to_dict() for p in self.problems]}


def run_playtests(scenario: Scenario) -> list[PlaytestResult]:
    """Every playtest in the scenario's playtests.yaml, run; [] when there is no such file."""
    path = Path(scenario.path) / PLAYTESTS_FILE
    if not path.is_file():
        return []
    source = read_source(path, _shown(path))
    if source.problems:
        return [PlaytestResult("(reading playtests.yaml)", "", False, list(source.problems))]
    data = source.data
    tests = data.get("playtests") if isinstance(data, dict) else None
    if not isinstance(tests, list):
        return [PlaytestResult("(reading playtests.yaml)", "", False, [source.problem(
            (), 'playtests.yaml needs a list called "playtests:" (see docs/authoring.md)')])]
    return [_run_one(scenario, source, index, spec) for index, spec in enumerate(tests)]


def _run_one(scenario: Scenario, source: SourceFile, index: int, spec: Any) -> PlaytestResult:
    here = ("playtests", index)
    name = str(spec.get("name", f"playtest {index + 1}")) if isinstance(spec, dict) else f"playtest {index + 1}"
    result = PlaytestResult(name, "", False)

    def fail(path: tuple, message: str, key: bool = False) -> PlaytestResult:
        result.problems.append(source.problem(here + path, f'playtest "{name}": {message}', key=key))
        return result

    if not isinstance(spec, dict):
        return fail((), "each playtest is a list item with name, role, choose and expect")
    unknown = [k for k in spec if k not in ("name", "role", "choose", "expect")]
    if unknown:
        return fail((unknown[0],), f'unknown key "{unknown[0]}" (a playtest has name, role, '
                    "choose and expect)", key=True)
    role = spec.get("role")
    result.role = str(role)
    if role not in scenario.roles:
        return fail(("role",), f'there is no role "{role}"; this scenario has '
                    + ", ".join(scenario.roles))
    run = Run(scenario, role, seed=0)
    choices = spec.get("choose", [])
    if not isinstance(choices, list):
        return fail(("choose",), "choose is a list of option ids, exact option texts or numbers")
    for step, wanted in enumerate(choices):
        pass_continues(run)
        if run.ended:
            return fail(("choose", step), f"the run had already ended ({run.ending.id}) before "
                        f"choice {step + 1}")
        index_ = find_option(run, wanted)
        if index_ is None:
            options = options_on_offer(run)
            return fail(("choose", step), f'choice {step + 1}: no option "{wanted}" can be taken in '
                        f'scene "{run.scene.id}" (there: {options})')
        run.choose(index_)
    pass_continues(run)
    result.ending = run.ending.id if run.ended else None
    expect = spec.get("expect", {})
    if not isinstance(expect, dict):
        return fail(("expect",), "expect is a mapping: ending, scene, visited, not_visited, if")
    for key, wanted in expect.items():
        message = _unmet(scenario, run, key, wanted)
        if message:
            fail(("expect", key), message)
    result.passed = not result.problems
    return result


def _shown_value(value: Any) -> str:
    return ("yes" if value else "no") if isinstance(value, bool) else f"{value}"


def _unmet(scenario: Scenario, run: Run, key: str, wanted: Any) -> str | None:
    """Why an expectation does not hold, or None when it does."""
    if key not in _EXPECT_KEYS:
        return f'unknown expectation "{key}" (use {", ".join(_EXPECT_KEYS)})'
    if key == "ending":
        got = run.ending.id if run.ended else None
        if got != wanted:
            return (f'expected the ending "{wanted}", got "{got}"' if got
                    else f'expected the ending "{wanted}", but the run is still at scene "{run.scene.id}"')
    elif key == "scene":
        got = run.scene.id if run.scene else None
        if got != wanted:
            return f'expected to be at scene "{wanted}", but the run is at "{got or run.ending.id}"'
    elif key in ("visited", "not_visited"):
        names = wanted if isinstance(wanted, list) else [wanted]
        for scene_id in names:
            if scene_id not in scenario.scenes:
                return f'there is no scene "{scene_id}"'
            seen = run.state.visits.get(scene_id, 0) > 0
            if seen != (key == "visited"):
                return f'scene "{scene_id}" was {"not " if key == "visited" else ""}visited'
    else:
        names = {name: variable.kind for name, variable in scenario.variables.items()}
        try:
            condition = parse_condition(str(wanted), names)
        except ConditionError as exc:
            return f"the condition cannot be read: {exc.message}"
        if not condition.holds(run.state.values, run.state.visits):
            shown = ", ".join(f"{n} is {_shown_value(run.values[n])}" for n in sorted(condition.names))
            return f"expected {wanted}, but {shown or 'it does not hold'}"
    return None
