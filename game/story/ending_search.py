"""The search for endings that neither the state search nor the random runs reached.

The state search (explore.py) merges states that no later *option* can tell apart, which is
what scenes, dead ends and loops depend on; it leaves out what only the endings read, so it
stays small. Which ending `next: end` picks depends on those numbers too. An ending already
reached needs nothing more: the run that reached it is the proof. For the others this search
walks states merged only where no later option *or ending* can tell them apart (an exact
abstraction, so a finished search proves the endings it did not reach cannot be reached).
It looks first where the ending's condition leans (more power, less trust, a flag set), and
stops as soon as every ending is reached.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .model import Ending, Scenario
from .role_report import RoleReport
from .runner import Run
from .state_keys import StateKeys, leanings

if TYPE_CHECKING:
    from .explore import Explorer


def find_endings(explorer: Explorer, keys: StateKeys | None, role: str, report: RoleReport) -> None:
    """Look for the endings of `role` not in `report.reachable_endings` or reached by its
    random runs; add those found, and say whether the question is settled."""
    scenario = explorer.scenario
    found = set(report.reachable_endings) | set(report.random.get("ending_counts", {}))
    wanted = {e.id for e in scenario.endings if e.applies_to(role)} - found
    if not wanted:
        report.endings_complete = True
        return
    if keys is None:  # an unmerged search has already seen every ending it could
        report.endings_complete = report.complete
        return
    report.endings_complete = False
    for ending in scenario.endings:
        if ending.id not in wanted or ending.id in report.reachable_endings:
            continue
        states, finished = _search(explorer, keys, role, _leaning(scenario, keys, ending),
                                   ending.id, report.reachable_endings)
        report.ending_states += states
        if wanted <= report.reachable_endings:
            report.endings_complete = True
            return
        if finished and ending.id not in report.reachable_endings:
            # every state gone through: what is still not reached cannot be
            report.endings_complete = True
            return


def _leaning(scenario: Scenario, keys: StateKeys, ending: Ending) -> Callable[[dict], float]:
    """How far a state's values go the way `ending`'s condition leans (higher: look first)."""
    lean = leanings(ending.condition, set(keys.ranges))
    numbers = []
    for name, sign in lean.items():
        if name in keys.ranges:
            limits = keys.ranges[name]
            span = limits.high - limits.low
            numbers.append((name, sign / span if 0 < span < float("inf") else sign / 100))
    flags = [(name, want) for name, want in lean.items() if name not in keys.ranges]

    def score(values: dict) -> float:
        return (sum(weight * values[name] for name, weight in numbers)
                + sum(1 for name, want in flags if bool(values[name]) == want))
    return score


def _search(explorer: Explorer, keys: StateKeys, role: str, score: Callable[[dict], float],
            target: str, reached: set[str]) -> tuple[int, bool]:
    """Depth first, the child that scores best first, until the ending `target` is reached.
    Adds every ending reached to `reached`; returns the states seen and whether the search
    ended on its own (target reached, or every state gone through) rather than at its budget."""
    run = Run(explorer.scenario, role, seed=0)
    start = keys.key(run.scene.id, run.state.values, run.state.visits)
    seen = {start: explorer.moment(run)}
    frontier = [start]
    tried, budget, stopped = 0, explorer.max_states, False
    while frontier:
        if tried >= 2 * budget:
            return len(seen), False
        key = frontier.pop()
        explorer.place(run, key[0], seen[key])
        children = []
        for view in run.choices:
            if not view.enabled:
                continue
            tried += 1
            outcome = run.choose(view.index)
            if outcome.ending:
                reached.add(outcome.ending.id)
                if outcome.ending.id == target:
                    return len(seen), True
            else:
                child = keys.key(run.scene.id, run.state.values, run.state.visits)
                if child not in seen:
                    if len(seen) >= budget:
                        stopped = True
                    else:
                        seen[child] = explorer.moment(run)
                        children.append((score(run.values), len(children), child))
            run.undo()
        children.sort()
        frontier.extend(child for _, _, child in children)
    return len(seen), not stopped
