"""Play a scenario every way it can go: reachability, dead ends, ending odds, meter ranges.

Exhaustive search walks the reachable *states* (scene plus every value), not just the scene
graph, so an ending behind a condition that can never hold is found unreachable. Seeded random
runs, like ChoiceScript's randomtest, then say how often each ending comes up.
"""
from __future__ import annotations

import math
import multiprocessing
import os
import random
from collections import deque
import statistics
from dataclasses import dataclass, field

from .model import Scenario
from .problems import Problem
from .runner import Run

MAX_STATES = 20_000
MAX_STEPS = 250  # a random run longer than this is going round in circles
# Work budgets per role, so that `check` stays quick on any scenario: options tried by the
# exhaustive search, and choices made by all the random runs together.
MAX_TRIED = 40_000
MAX_RANDOM_CHOICES = 100_000


@dataclass
class RoleReport:
    role: str
    reachable_scenes: set[str] = field(default_factory=set)
    reachable_endings: set[str] = field(default_factory=set)
    dead_ends: set[str] = field(default_factory=set)
    states: int = 0
    complete: bool = True
    decisions_per_path: tuple[int, int] | None = None
    fewest_decisions_bound: int | None = None  # from the scene graph alone: holds even when
    unreachable_scenes: list[str] = field(default_factory=list)
    unreachable_endings: list[str] = field(default_factory=list)
    random: dict = field(default_factory=dict)
    random_scenes: set[str] = field(default_factory=set)
    dominated: dict[str, str] = field(default_factory=dict)  # scene -> option that wins all
    doomed: set[tuple] = field(default_factory=set)  # states from which no ending can be reached
    trapped_scenes: set[str] = field(default_factory=set)  # scenes of doomed states, not dead ends
    wrong_endings: set[tuple[str, str]] = field(default_factory=set)  # (scene, ending of another role)
    wrong_role_scenes: set[str] = field(default_factory=set)  # marked for another role

    def to_dict(self) -> dict:
        paths = self.decisions_per_path
        return {
            "reachable_endings": sorted(self.reachable_endings),
            "unreachable_endings": self.unreachable_endings,
            "unreachable_scenes": self.unreachable_scenes,
            "dead_ends": sorted(self.dead_ends),
            "explored_states": self.states,
            "exploration_complete": self.complete,
            "decisions_per_path": {"min": paths[0], "max": paths[1]} if paths else None,
            "fewest_decisions_bound": self.fewest_decisions_bound,
            "random_runs": self.random,
        }


def _words(text: str) -> int:
    return len(text.split())


class Explorer:
    """Explores one scenario for each of its roles."""

    def __init__(self, scenario: Scenario, max_states: int = MAX_STATES):
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
        # Words always shown in each scene, and the lines shown only when their `if:` holds.
        self.scene_words = {sid: sum(_words(line.text) for line in scene.lines if not line.condition)
                            for sid, scene in scenario.scenes.items()}
        self.scene_if_lines = {sid: [(line.condition, _words(line.text)) for line in scene.lines
                                     if line.condition]
                               for sid, scene in scenario.scenes.items()}
        self.names = list(scenario.variables)

    # -- exhaustive ------------------------------------------------------------------------
    def exhaust(self, role: str, report: RoleReport) -> None:
        run = Run(self.scenario, role, seed=0)
        start = self.key(run)
        seen = {start}
        frontier = [start]
        edges: dict[tuple, list] = {}
        dominance: dict[str, set[str | None]] = {}
        samples: dict[str, int] = {}  # states of each scene judged for dominance (a few do)
        tried = 0
        while frontier:
            if tried >= MAX_TRIED:
                report.complete = False
                break
            key = frontier.pop()
            self._place(run, key)
            scene = run.scene
            report.reachable_scenes.add(scene.id)
            if scene.role and scene.role != role:
                report.wrong_role_scenes.add(scene.id)
            enabled = [view for view in run.choices if view.enabled]
            if not enabled:
                report.dead_ends.add(scene.id)
            targets, outcomes = [], []
            tried += len(enabled)
            for view in enabled:
                outcome = run.choose(view.index)
                if outcome.ending:
                    report.reachable_endings.add(outcome.ending.id)
                    if not outcome.ending.applies_to(role):
                        report.wrong_endings.add((scene.id, outcome.ending.id))
                    targets.append(("ending", outcome.ending.id))
                else:
                    child = self.key(run)
                    targets.append(child)
                    if child not in seen:
                        if len(seen) >= self.max_states:
                            report.complete = False
                        else:
                            seen.add(child)
                            frontier.append(child)
                outcomes.append(_goodness(run.values))
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
                                          if any(t[0] == "ending" for t in targets)})
            report.doomed = seen - finishing
            # Doomed states that cannot even reach a dead end go round in a loop for ever.
            looping = report.doomed - _reaching(edges, {k for k, t in edges.items() if not t})
            report.trapped_scenes = {key[0] for key in looping}
            report.decisions_per_path = _path_lengths(start, edges, finishing, self.scenario)

    def words_shown(self, run: Run) -> int:
        """Words of the current scene as this run sees it (conditional lines only when they hold)."""
        scene_id = run.scene.id
        words = self.scene_words[scene_id]
        values, visits = run.state.values, run.state.visits
        for condition, count in self.scene_if_lines[scene_id]:
            if condition.holds(values, visits):
                words += count
        return words

    def key(self, run: Run) -> tuple:
        """What makes two moments of a run the same for everything that can follow."""
        values, visits = run.state.values, run.state.visits
        return (run.scene.id, tuple(values[n] for n in self.names),
                tuple(min(visits.get(s, 0), self.caps[s]) for s in self.watched))

    def _place(self, run: Run, key: tuple) -> None:
        scene_id, values, visits = key
        counts = {s: n for s, n in zip(self.watched, visits) if n}
        counts.setdefault(scene_id, 1)
        run.reset_to(scene_id, dict(zip(self.names, values)), counts)

    # -- random -------------------------------------------------------------------------------
    def random_runs(self, role: str, runs: int, seed: int, report: RoleReport) -> None:
        rng = random.Random(seed)
        endings: dict[str, int] = {}
        decisions, words = [], []
        finals: dict[str, list] = {m.name: [] for m in self.scenario.meters}
        stuck = looping = trapped = 0
        made = done = 0
        for _ in range(runs):
            if made >= MAX_RANDOM_CHOICES:
                break
            done += 1
            run = Run(self.scenario, role, seed=rng.randrange(2**31))
            count = 0
            read = self.words_shown(run) + _words(self.scenario.roles[role].intro)
            report.random_scenes.add(run.scene.id)
            while not run.ended:
                enabled = [v for v in run.choices if v.enabled]
                if not enabled:
                    stuck += 1
                    break
                if report.doomed and self.key(run) in report.doomed:
                    trapped += 1  # no ending can follow from here: already an error
                    break
                if run.step >= MAX_STEPS:
                    looping += 1
                    break
                view = rng.choice(enabled)
                if run.scene.is_decision:
                    count += 1
                outcome = run.choose(view.index)
                read += _words(view.text) + _words(outcome.feedback)
                if run.ended:
                    read += _words(run.ending.text)
                else:
                    report.random_scenes.add(run.scene.id)
                    read += self.words_shown(run)
            made += run.step
            if run.ended:
                endings[run.ending.id] = endings.get(run.ending.id, 0) + 1
            decisions.append(count)
            words.append(read)
            for name, values in finals.items():
                values.append(run.values[name])
        report.random = {
            "runs": done, "requested_runs": runs, "seed": seed,
            "ending_counts": dict(sorted(endings.items(), key=lambda kv: -kv[1])),
            "choices_per_run": _spread(decisions),
            "words_per_run": _spread(words),
            "meters": {name: {"min": min(v), "max": max(v), "median": statistics.median(v)}
                       for name, v in finals.items() if v},
            "stuck_runs": stuck, "trapped_runs": trapped, "endless_runs": looping,
        }


def _spread(numbers: list[int]) -> dict:
    if not numbers:
        return {"min": 0, "median": 0, "max": 0}
    return {"min": min(numbers), "median": statistics.median(numbers), "max": max(numbers)}


def _goodness(values: dict) -> tuple:
    """Higher is better on each headline meter; for power, nearer to 'shared' (0) is better."""
    return (values["trust"], -abs(values["power"]), values["outcome"])


def _dominant(outcomes: list[tuple]) -> int | None:
    """The option at least as good as every other on all three meters, and better than some."""
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
            if target[0] != "ending":
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
        children = [t for t in edges.get(key, []) if t[0] == "ending" or t in finishing]
        if expanded:
            on_path.discard(key)
            weight = 1 if scenario.scenes[key[0]].is_decision else 0
            spans = [(0, 0) if t[0] == "ending" else memo[t] for t in children]
            memo[key] = (weight + min(a for a, _ in spans), weight + max(b for _, b in spans))
            continue
        if key in memo:
            continue
        on_path.add(key)
        stack.append((key, True))
        for child in children:
            if child[0] == "ending" or child in memo:
                continue
            if child in on_path:
                return None
            stack.append((child, False))
    return memo[start]


def explore(scenario: Scenario, runs: int = 1000, seed: int = 1, max_states: int = MAX_STATES,
            parallel: bool = True) -> tuple[dict[str, RoleReport], list[Problem]]:
    """Explore every role. Returns a report per role and the problems found (with positions).

    Roles are independent, so on a machine with more than one core (and `fork`, as on Linux)
    each role is explored in its own process; the reports are the same either way."""
    explorer = Explorer(scenario, max_states)

    def one_role(role: str) -> RoleReport:
        report = RoleReport(role)
        report.fewest_decisions_bound = fewest_decisions(scenario, scenario.roles[role].start)
        explorer.exhaust(role, report)
        explorer.random_runs(role, runs, seed, report)
        return report

    roles = list(scenario.roles)
    if parallel and len(roles) > 1 and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
        reports = dict(zip(roles, _in_processes(one_role, roles)))
    else:
        reports = {role: one_role(role) for role in roles}
    problems: list[Problem] = []
    _judge(scenario, reports, problems, runs)
    return reports, problems


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


def fewest_decisions(scenario: Scenario, start: str) -> int | None:
    """The fewest decisions on any way from `start` to an ending through the scene graph,
    ignoring every condition. Conditions only take ways away, so every real path has at least
    this many: a bound that holds even when the state search stops early. None: no way ends."""
    best = {start: 0}
    todo: deque[str] = deque([start])
    found: int | None = None
    while todo:
        scene_id = todo.popleft()
        scene = scenario.scenes[scene_id]
        here = best[scene_id] + (1 if scene.is_decision else 0)
        for choice in scene.choices:
            if choice.next not in scenario.scenes:  # an ending, or `end`
                found = here if found is None else min(found, here)
            elif here < best.get(choice.next, here + 1):
                best[choice.next] = here
                # 0-1 shortest paths: leaving a scene with no decision costs nothing, so its
                # next scene is looked at first
                (todo.append if scene.is_decision else todo.appendleft)(choice.next)
    return found


def graph_reach(scenario: Scenario, start: str) -> set[str]:
    """Scenes linked from `start`, ignoring every condition."""
    seen, todo = {start}, [start]
    while todo:
        for choice in scenario.scenes[todo.pop()].choices:
            if choice.next in scenario.scenes and choice.next not in seen:
                seen.add(choice.next)
                todo.append(choice.next)
    return seen


def _judge(scenario: Scenario, reports: dict[str, RoleReport], problems: list[Problem],
           runs: int) -> None:
    def add(at: tuple, message: str, severity: str = "error") -> None:
        problems.append(Problem(at[0], at[1], at[2], message, severity))

    everywhere = set().union(*(r.reachable_scenes | r.random_scenes for r in reports.values()))
    endings_reached = set().union(*(r.reachable_endings for r in reports.values()))
    complete = all(r.complete for r in reports.values())
    for role, report in reports.items():
        report.reachable_endings |= set(report.random.get("ending_counts", {}))
        report.reachable_scenes |= report.random_scenes
        linked = graph_reach(scenario, scenario.roles[role].start)
        report.unreachable_scenes = sorted(
            sid for sid, scene in scenario.scenes.items()
            if sid not in report.reachable_scenes and (scene.role == role or sid in linked))
        report.unreachable_endings = [e.id for e in scenario.endings
                                      if e.applies_to(role) and e.id not in report.reachable_endings]
        if report.trapped_scenes:
            first = sorted(report.trapped_scenes)[0]
            add(scenario.scenes[first].at, f"{role} can get caught in a loop with no way to any "
                "ending, at scene " + ", ".join(f'"{s}"' for s in sorted(report.trapped_scenes)[:5]))
        for scene_id, ending_id in sorted(report.wrong_endings):
            add(scenario.scenes[scene_id].at, f'scene "{scene_id}" leads {role} straight to the '
                f'ending "{ending_id}", which is not for {role} (see its roles:)')
        for scene_id in sorted(report.wrong_role_scenes):
            add(scenario.scenes[scene_id].at, f'scene "{scene_id}" is marked "role: '
                f'{scenario.scenes[scene_id].role}", but {role} can reach it')
        for scene_id in sorted(report.dead_ends):
            add(scenario.scenes[scene_id].at, f'scene "{scene_id}" is a dead end for {role}: '
                "there is a way to arrive here with every choice hidden or locked")
        if report.random.get("endless_runs"):
            add(scenario.scenes[scenario.roles[role].start].at,
                f"{report.random['endless_runs']} random {role} runs went on for {MAX_STEPS} "
                "choices without an ending: the story can go round in circles", "warning")
        unreached = set() if report.doomed else report.reachable_scenes - report.random_scenes
        for scene_id in sorted(unreached):
            add(scenario.scenes[scene_id].at, f'no random {role} run reached scene "{scene_id}" '
                f"in {runs} runs: it may be very hard to reach", "warning")
        for scene_id, text in sorted(report.dominated.items()):
            add(scenario.scenes[scene_id].at, f'in scene "{scene_id}" ({role}), "{text}" is at least '
                "as good as every other option on trust, power and outcome: a dilemma should cost "
                "something", "warning")
        if report.random["runs"] < report.random["requested_runs"]:
            add(scenario.scenes[scenario.roles[role].start].at,
                f"{role}: made {report.random['runs']} of {report.random['requested_runs']} random "
                f"runs before the limit of {MAX_RANDOM_CHOICES:,} choices; the runs are long",
                "warning")
        if not report.complete:
            add(scenario.scenes[scenario.roles[role].start].at, f"{role}: stopped exploring after "
                f"{report.states} states; reachability comes from those and the random runs",
                "warning")
    for scene_id, scene in scenario.scenes.items():
        if scene_id not in everywhere:
            add(scene.at, f'no role can reach scene "{scene_id}"', "warning")
    for ending in scenario.endings:
        if ending.id not in endings_reached and not any(
                ending.id in r.reachable_endings for r in reports.values()):
            add(ending.at, f'no role can reach the ending "{ending.id}"'
                + ("" if complete else " in the states explored"),
                "error" if complete else "warning")
    moments: dict[str, set[str]] = {}
    for role, report in reports.items():
        for scene_id in report.reachable_scenes:
            moment = scenario.scenes[scene_id].moment
            if moment:
                moments.setdefault(moment, set()).add(role)
    if len(scenario.roles) > 1:
        for moment, roles in sorted(moments.items()):
            if len(roles) == 1:
                scene = next(s for s in scenario.scenes.values() if s.moment == moment)
                add(scene.at, f'the moment "{moment}" only happens for {next(iter(roles))}; '
                    "mirror it with a scene in the other role", "warning")
