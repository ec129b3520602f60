"""Play a scenario every way it can go: reachability, dead ends, ending odds, meter ranges.

Exhaustive search walks the reachable *states* (scene plus the values that matter), not just
the scene graph, so a scene behind a condition that can never hold is found unreachable. States
that no later option can tell apart are merged (state_keys.py), which keeps the search small
enough to finish; endings it does not reach are looked for by ending_search.py. Seeded random
runs (random_runs.py), like ChoiceScript's randomtest, then say how often each ending comes up;
findings.py turns all of it into what the checker reports.
"""
from __future__ import annotations

import math
import multiprocessing
import os

from .crowding import MAX_SHOWN
from .ending_search import find_endings
from .findings import judge
from .lesson import audit
from .model import Scenario
from .problems import Problem
from .random_runs import RandomPlayer
from .role_report import RoleReport
from .runner import Run
from .scene_graph import fewest_decisions
from .state_keys import StateKeys

# The search budget per role, so that `check` stays quick on any scenario: states visited,
# and options tried (twice the states) by each search.
MAX_STATES = 20_000

__all__ = ["Explorer", "RoleReport", "explore", "MAX_STATES"]


class Explorer:
    """Searches every reachable state of one scenario, for each of its roles."""

    def __init__(self, scenario: Scenario, max_states: int = MAX_STATES, merge: bool = True):
        self.scenario = scenario
        self.max_states = max_states
        caps: dict[str, float] = {}
        conditions = [c.condition for scene in scenario.scenes.values() for c in scene.choices]
        conditions += [ending.condition for ending in scenario.endings]
        for condition in filter(None, conditions):
            for scene_id, _ in condition.scenes:
                cap = condition.visit_cap(scene_id)
                caps[scene_id] = max(caps.get(scene_id, 0), math.inf if cap is None else cap)
        # Visit counts that conditions can see, each capped where more visits change nothing,
        # so that a loop guarded by visits("x") >= 3 is a handful of states, not endless.
        self.caps = caps
        self.watched = sorted(caps)
        self.names = list(scenario.variables)
        self.numbers = [m.name for m in scenario.meters]
        # Merge states that no later option can tell apart (state_keys.py), and for the
        # endings not reached that way, states no later option or ending can tell apart.
        # `merge=False` searches every distinct state: the tests show both find the same.
        self.keys = StateKeys(scenario, caps, endings=False) if merge else None
        self.ending_keys = StateKeys(scenario, caps) if merge else None

    def _goodness(self, values: dict) -> tuple:
        """Higher is better on every number; for power, nearer to 'shared' (0) is better. Every
        number counts, the costs (energy, time) included: a good option may win on trust and
        outcome, as long as it costs something."""
        return tuple(-abs(values[n]) if n == "power" else values[n] for n in self.numbers)

    def exhaust(self, role: str, report: RoleReport) -> None:
        """Every reachable state of `role`, merged (see __init__): its scenes, dead ends,
        loops with no way out, scenes showing more than MAX_SHOWN choices at once (merged
        states show the same options, so counting one of them counts all), and the endings
        those states' own runs reach."""
        report.budget = self.max_states
        run = Run(self.scenario, role, seed=0)
        start = self.key(run)
        # each state found, with the values and visits of the first run that came to it: a
        # real run, so every ending reached from it is reached by some playthrough
        seen = {start: self.moment(run)}
        frontier = [start]
        edges: dict[tuple, list] = {}
        dominance: dict[str, set[str | None]] = {}
        samples: dict[str, int] = {}  # states of each scene judged for dominance (a few do)
        tried = 0
        while frontier:
            if tried >= 2 * self.max_states:
                report.complete = False
                break
            key = frontier.pop()
            self.place(run, key[0], seen[key])
            scene = run.scene
            report.reachable_scenes.add(scene.id)
            if scene.role and scene.role != role:
                report.wrong_role_scenes.add(scene.id)
            shown = run.choices
            enabled = [view for view in shown if view.enabled]
            if not enabled:
                report.dead_ends.add(scene.id)
            if len(shown) > MAX_SHOWN and scene.id not in report.crowded:
                report.crowded[scene.id] = tuple(view.text for view in shown)
            targets, outcomes = [], []
            tried += len(enabled)
            for view in enabled:
                outcome = run.choose(view.index)
                if outcome.ending:
                    report.reachable_endings.add(outcome.ending.id)
                    if not outcome.ending.applies_to(role):
                        report.wrong_endings.add((scene.id, outcome.ending.id))
                    targets.append((None, outcome.ending.id))  # None: no scene, an ending
                else:
                    child = self.key(run)
                    targets.append(child)
                    if child not in seen:
                        if len(seen) >= self.max_states:
                            report.complete = False
                        else:
                            seen[child] = self.moment(run)
                            frontier.append(child)
                outcomes.append(self._goodness(run.values))
                run.undo()
            edges[key] = targets
            if scene.is_decision and len(outcomes) > 1 and \
                    len(dominance.get(scene.id, ())) < 2 and samples.get(scene.id, 0) < 8:
                samples[scene.id] = samples.get(scene.id, 0) + 1
                winner = _dominant(outcomes)
                dominance.setdefault(scene.id, set()).add(
                    enabled[winner].text if winner is not None else None)
        report.states = len(seen)
        report.dominated = {scene: next(iter(winners)) for scene, winners in dominance.items()
                            if len(winners) == 1 and None not in winners}
        if report.complete:
            finishing = _reaching(edges, {key for key, targets in edges.items()
                                          if any(t[0] is None for t in targets)})
            report.doomed = set(seen) - finishing
            # Doomed states that cannot even reach a dead end go round in a loop for ever.
            looping = report.doomed - _reaching(edges, {k for k, t in edges.items() if not t})
            report.trapped_scenes = {key[0] for key in looping}
            report.decisions_per_path = _path_lengths(start, edges, finishing, self.scenario)

    def key(self, run: Run) -> tuple:
        """What makes two moments of a run the same for everything that can follow: merged
        (state_keys.py) unless this explorer was made with merge=False."""
        if self.keys is not None:
            return self.keys.key(run.scene.id, run.state.values, run.state.visits)
        return (run.scene.id, *self.moment(run))

    def find_endings(self, role: str, report: RoleReport) -> None:
        """Settle the endings of `role` that exhaust() and the random runs did not reach."""
        find_endings(self, self.ending_keys, role, report)

    def moment(self, run: Run) -> tuple:
        """Every value, and the visit counts conditions can see: enough to put a run back."""
        values, visits = run.state.values, run.state.visits
        return (tuple(values[n] for n in self.names),
                tuple(min(visits.get(s, 0), self.caps[s]) for s in self.watched))

    def place(self, run: Run, scene_id: str, moment: tuple) -> None:
        """Put `run` at `scene_id` with the values and visits of `moment` (from moment())."""
        values, visits = moment
        counts = {s: n for s, n in zip(self.watched, visits) if n}
        counts.setdefault(scene_id, 1)
        run.reset_to(scene_id, dict(zip(self.names, values)), counts)


def _dominant(outcomes: list[tuple]) -> int | None:
    """The option at least as good as every other on every number, and better than some."""
    best = tuple(max(column) for column in zip(*outcomes))
    for index, mine in enumerate(outcomes):
        if mine == best:
            return index if any(other != best for other in outcomes) else None
    return None


def _reaching(edges: dict[tuple, list], seeds: set[tuple]) -> set[tuple]:
    """`seeds` and every state from which some sequence of choices leads to one of them."""
    parents: dict[tuple, list[tuple]] = {}
    for key, targets in edges.items():
        for target in targets:
            if target[0] is not None:
                parents.setdefault(target, []).append(key)
    found = set(seeds)
    todo = list(seeds)
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


def _path_lengths(start: tuple, edges: dict, finishing: set[tuple],
                  scenario: Scenario) -> tuple[int, int] | None:
    """Fewest and most decisions on any path from the start to an ending; None if the
    paths that finish can also loop (then there is no most)."""
    if start not in finishing:
        return None
    memo: dict[tuple, tuple[int, int]] = {}
    on_path: set[tuple] = set()
    stack: list[tuple[tuple, bool]] = [(start, False)]
    while stack:
        key, expanded = stack.pop()
        children = [t for t in edges.get(key, []) if t[0] is None or t in finishing]
        if expanded:
            on_path.discard(key)
            weight = 1 if scenario.scenes[key[0]].is_decision else 0
            spans = [(0, 0) if t[0] is None else memo[t] for t in children]
            memo[key] = (weight + min(a for a, _ in spans), weight + max(b for _, b in spans))
            continue
        if key in memo:
            continue
        on_path.add(key)
        stack.append((key, True))
        for child in children:
            if child[0] is None or child in memo:
                continue
            if child in on_path:
                return None
            stack.append((child, False))
    return memo[start]


def explore(scenario: Scenario, runs: int = 1000, seed: int = 1, max_states: int = MAX_STATES,
            parallel: bool = True, lesson: bool = True) -> tuple[dict[str, RoleReport], list[Problem]]:
    """Explore every role. Returns a report per role and the problems found (with positions).

    Roles are independent, so on a machine with more than one core (and `fork`, as on Linux)
    each role is explored in its own process; the reports are the same either way."""
    explorer = Explorer(scenario, max_states)
    player = RandomPlayer(scenario)

    def one_role(role: str) -> RoleReport:
        report = RoleReport(role)
        report.fewest_decisions_bound = fewest_decisions(scenario, scenario.roles[role].start)
        explorer.exhaust(role, report)
        report.random, report.random_scenes = player.play(role, runs, seed, report.doomed,
                                                          explorer.key)
        explorer.find_endings(role, report)
        if lesson and not report.doomed:
            report.lesson = audit(scenario, role, seed=seed,
                                  random_endings=report.random.get("ending_counts"))
        return report

    roles = list(scenario.roles)
    if parallel and len(roles) > 1 and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
        reports = dict(zip(roles, _in_processes(one_role, roles)))
    else:
        reports = {role: one_role(role) for role in roles}
    return reports, judge(scenario, reports, runs)


def search_roles(scenario: Scenario, merge: bool = True,
                 max_states: int = MAX_STATES) -> dict[str, RoleReport]:
    """Each role's report from the state search and the ending search alone, with no random
    runs (so the ending search looks for every ending itself: the worst case). For comparing
    the merged search with the plain one, and for timing them."""
    explorer = Explorer(scenario, max_states=max_states, merge=merge)
    reports = {}
    for role in scenario.roles:
        report = RoleReport(role)
        explorer.exhaust(role, report)
        report.random = {"ending_counts": {}}
        explorer.find_endings(role, report)
        reports[role] = report
    return reports


def _in_processes(work, items: list) -> list:
    """work(item) for each item, each in a forked process (the scenario is inherited, not
    copied through a pipe); the last item runs here while the others run beside it."""
    context = multiprocessing.get_context("fork")
    children = []
    for item in items[:-1]:
        receive, send = context.Pipe(duplex=False)

        def child(item=item, send=send) -> None:
            try:
                send.send(("ok", work(item)))
            except BaseException as exc:  # report it to the parent rather than die quietly
                send.send(("error", f"{type(exc).__name__}: {exc}"))
            finally:
                send.close()

        process = context.Process(target=child, daemon=True)
        process.start()
        send.close()
        children.append((process, receive))
    last = work(items[-1])
    results = []
    for process, receive in children:
        try:
            status, value = receive.recv()
        except EOFError:
            status, value = "error", "the checking process stopped unexpectedly"
        process.join()
        if status != "ok":
            raise RuntimeError(f"exploring a role failed: {value}")
        results.append(value)
    return results + [last]
