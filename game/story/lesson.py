"""The lesson audit: do a scenario's numbers teach what the speech teaches?

For one role it measures, across every decision option the audit's runs meet:
- the correlation between moving power towards shared (without passing into staff stepping
  back) and the change in outcome, and between the option's rung and the change in outcome;
- what simple policies (policies.py) lead to when each is played many times from a seed: ending
  shares, the kind of ending they most often reach, the median final numbers, and whether a
  number sits at its limit for long stretches of the median run.

Its warnings are Problems, so `check` prints them with the rest. docs/lesson-audit.md explains
each figure in a trainer's words.
"""
from __future__ import annotations

import random
import statistics
from dataclasses import dataclass, field

from .ladder import ABDICATION
from .model import Scenario
from .policies import CAREFUL, DESCRIBED, POLICIES, choose, options_of, towards_shared
from .problems import Problem
from .random_runs import MAX_STEPS
from .runner import Run

RUNS = 60             # runs of each policy (they differ only where options tie)
GREEDY_MARGIN = 0.05  # control or outcome-greedy may beat fit on outcome by this share of its range
MAX_ENDING_SHARE = 0.40  # of random runs: an ending above this crowds the others out
MAX_AT_BOUND = 3      # decisions in a row at a limit, in the median run, before it is warned
CONTROL_KINDS = ("tokenistic", "stalled")
MAX_SAMPLES = 40      # states an option is weighed in, for the correlations
# The players whose numbers should stay off their limits: the two careful ones and the two that
# play as a room of people might. The extreme players (control, abdicate, the greedy ones) are
# meant to drive numbers to their ends: that is what their endings are about.
WATCHED_FOR_LIMITS = ("share", "fit", "middle", "random")


@dataclass
class PolicyResult:
    name: str
    runs: int = 0
    endings: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    finals: dict[str, float] = field(default_factory=dict)  # median final value of each number
    medians: dict[str, list[float]] = field(default_factory=dict)  # median after each decision
    at_bound: list[tuple[str, str, int, int]] = field(default_factory=list)  # name, end, from, length

    @property
    def commonest(self) -> str | None:
        return max(self.endings, key=self.endings.get) if self.endings else None

    @property
    def commonest_kind(self) -> str | None:
        return max(self.kinds, key=self.kinds.get) if self.kinds else None

    def to_dict(self) -> dict:
        runs = self.runs or 1
        return {"runs": self.runs, "how": DESCRIBED[self.name],
                "ending_shares": {e: round(n / runs, 3) for e, n in
                                  sorted(self.endings.items(), key=lambda kv: -kv[1])},
                "commonest_ending": self.commonest, "commonest_kind": self.commonest_kind,
                "median_final": self.finals,
                "at_bound": [{"name": n, "end": end, "from_decision": start, "decisions": length}
                             for n, end, start, length in self.at_bound]}


@dataclass
class LessonReport:
    role: str
    options: int = 0  # decision options measured
    abdication_options: int = 0  # of them, options at abdication
    shared_outcome: float | None = None  # correlation
    rung_outcome: float | None = None
    policies: dict[str, PolicyResult] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"options_measured": self.options,
                "correlations": {"shared_power_and_outcome": _round(self.shared_outcome),
                                 "rung_and_outcome": _round(self.rung_outcome)},
                "policies": {name: result.to_dict() for name, result in self.policies.items()},
                "warnings": [p.message for p in self.warnings]}


def audit(scenario: Scenario, role: str, runs: int = RUNS, seed: int = 1,
          random_endings: dict[str, int] | None = None) -> LessonReport:
    """The audit of one role. `random_endings` (ending -> runs) are check's own random runs,
    if it made them: more of them than the audit's, so the share of each ending is steadier."""
    report = LessonReport(role)
    samples: dict[tuple[str, str], list[tuple[float, float, int | None]]] = {}
    for offset, name in enumerate(POLICIES):
        report.policies[name] = _play(scenario, role, name, runs, seed + offset, samples)
    points = [(statistics.fmean(s for s, _, _ in seen), statistics.fmean(o for _, o, _ in seen),
               seen[0][2]) for seen in samples.values()]
    report.options = len(points)
    report.abdication_options = sum(1 for p in points if p[2] == ABDICATION)
    report.shared_outcome = pearson([p[0] for p in points], [p[1] for p in points])
    rated = [p for p in points if p[2] is not None and p[2] != ABDICATION]
    report.rung_outcome = pearson([p[2] for p in rated], [p[1] for p in rated])
    report.warnings = _judge(scenario, report, random_endings)
    return report


def _play(scenario: Scenario, role: str, policy: str, runs: int, seed: int,
          samples: dict) -> PolicyResult:
    """Play `policy` `runs` times; collect its results and, in `samples`, what every option met
    along the way would have done (towards shared, outcome change, rung)."""
    rng = random.Random(seed)
    result = PolicyResult(policy)
    numbers = [m.name for m in scenario.meters]
    trails: dict[str, list[list[float]]] = {name: [] for name in numbers}
    finals: dict[str, list[float]] = {name: [] for name in numbers}
    for _ in range(runs):
        run = Run(scenario, role, seed=rng.randrange(2**31))
        trail: dict[str, list[float]] = {name: [] for name in numbers}
        while not run.ended and run.step < MAX_STEPS:
            if not any(view.enabled for view in run.choices):
                break
            decision = run.scene.is_decision
            options = options_of(run)
            if decision:
                power = run.values["power"]
                for option in options:
                    key = (run.scene.id, option.choice.id or option.choice.text)
                    seen = samples.setdefault(key, [])
                    if len(seen) < MAX_SAMPLES:
                        seen.append((towards_shared(option, power), option.delta.get("outcome", 0),
                                     option.rung))
            run.choose(choose(policy, run, rng, options))
            if decision:
                for name in numbers:
                    trail[name].append(run.values[name])
        result.runs += 1
        if run.ending:
            result.endings[run.ending.id] = result.endings.get(run.ending.id, 0) + 1
            kind = run.ending.kind or "unsaid"
            result.kinds[kind] = result.kinds.get(kind, 0) + 1
        for name in numbers:
            finals[name].append(run.values[name])
            trails[name].append(trail[name])
    result.finals = {name: statistics.median(values) for name, values in finals.items() if values}
    for name in numbers:
        longest = max((len(t) for t in trails[name]), default=0)
        medians = []
        for index in range(longest):
            at = [t[index] for t in trails[name] if len(t) > index]
            medians.append(statistics.median(at))
        result.medians[name] = medians
        variable = scenario.variables[name]
        for end, bound in (("lowest", variable.minimum), ("highest", variable.maximum)):
            start, length = _longest_run(medians, bound)
            if length > MAX_AT_BOUND:
                result.at_bound.append((name, end, start + 1, length))
    return result


def _longest_run(values: list[float], bound: float | None) -> tuple[int, int]:
    best = (0, 0)
    start = None
    for index, value in enumerate(values + [None]):
        if bound is not None and value == bound:
            start = index if start is None else start
        elif start is not None:
            if index - start > best[1]:
                best = (start, index - start)
            start = None
    return best


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """The correlation of two lists, or None when either does not vary (or too few points)."""
    if len(xs) < 3:
        return None
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if not sxx or not syy:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / (sxx * syy) ** 0.5


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _judge(scenario: Scenario, report: LessonReport,
           random_endings: dict[str, int] | None = None) -> list[Problem]:
    role = report.role
    at = scenario.scenes[scenario.roles[role].start].at
    problems: list[Problem] = []

    def warn(message: str, where: tuple = at) -> None:
        problems.append(Problem(where[0], where[1], where[2], f"lesson: {role}: {message}",
                                "warning"))

    if report.shared_outcome is not None and report.shared_outcome < 0:
        warn(f"moving power towards shared goes with a worse outcome (correlation "
             f"{report.shared_outcome:+.2f} across {report.options} options): the numbers say "
             "sharing power makes services worse, the opposite of the speech")
    if report.rung_outcome is not None and report.rung_outcome < 0:
        warn(f"higher rungs of the ladder go with a worse outcome (correlation "
             f"{report.rung_outcome:+.2f}): options that work with people should make the "
             "service better, not worse")
    policies = report.policies
    fit = policies["fit"]
    outcome = scenario.variables["outcome"]
    margin = GREEDY_MARGIN * ((outcome.maximum or 100) - (outcome.minimum or 0))
    for rival in ("control", "outcome-greedy"):
        if policies[rival].commonest_kind == "burnout":
            continue  # it paid with the player's capacity, and its ending says so
        mine, theirs = fit.finals.get("outcome"), policies[rival].finals.get("outcome")
        if mine is not None and theirs is not None and theirs > mine + margin:
            warn(f"the {rival} policy ends with a better outcome than fitting the work "
                 f"(median {theirs:g} against {mine:g}): outcome is rewarding something other "
                 "than working in the way each part needs")
    endings = {e.id: e for e in scenario.endings}  # a run may reach another role's (an error)
    kinds = {e.kind for e in scenario.endings if e.applies_to(role)}

    def where(ending_id: str | None) -> tuple:
        return endings[ending_id].at if ending_id in endings else at

    if fit.commonest and endings[fit.commonest].failure:
        warn(f'fitting the work most often ends in "{fit.commonest}", a '
             f"{endings[fit.commonest].kind} ending", where(fit.commonest))
    elif "made-together" in kinds and fit.commonest_kind != "made-together":
        warn(f'fitting the work most often ends in "{fit.commonest}", not in a made-together '
             "ending", where(fit.commonest))
    control = policies["control"]
    if kinds & set(CONTROL_KINDS) and control.commonest_kind not in CONTROL_KINDS:
        warn(f'keeping control most often ends in "{control.commonest}", not in a tokenistic or '
             "stalled ending", where(control.commonest))
    abdicate = policies["abdicate"]
    if ("abdication" in kinds and report.abdication_options
            and abdicate.commonest_kind != "abdication"):
        warn(f'stepping back most often ends in "{abdicate.commonest}", not in the ending about '
             "lacking what staff knew", where(abdicate.commonest))
    for name in CAREFUL:
        result = policies[name]
        if scenario.capacities and result.commonest_kind == "burnout":
            warn(f'the {name} policy takes every option that restores capacity when it runs '
                 f'low, yet most often ends in "{result.commonest}": burnout should come from '
                 "neglecting capacity, not from doing the work well", where(result.commonest))
    for result in policies.values():
        if result.name not in WATCHED_FOR_LIMITS:
            continue
        for name, end, start, length in result.at_bound:
            label = scenario.variables[name].label
            warn(f"in the median {result.name} run, {label} sits at its {end} for {length} "
                 f"decisions in a row (from decision {start}): its changes stop showing")
    counts = random_endings or policies["random"].endings
    total = sum(counts.values())
    possible = sum(1 for e in scenario.endings if e.applies_to(role))
    for ending_id, count in counts.items():
        # With fewer than three endings one of them must take more than 40%: not a finding.
        if possible >= 3 and total and count / total > MAX_ENDING_SHARE:
            warn(f'"{ending_id}" takes {count * 100 / total:.0f}% of random runs; '
                 f"no ending should take more than {MAX_ENDING_SHARE:.0%}", where(ending_id))
    if not any(choice.rung is not None for scene in scenario.scenes.values()
               for choice in scene.choices):
        warn('no option says its "rung:" (0 to 6, or abdication), so the HUD shows no rung, the '
             "debrief cannot judge the fit of each part, and the share, control and fit players "
             "cannot tell options apart")
    if not kinds - {""}:
        warn('no ending says its "kind:" (made-together, partial, tokenistic, stalled, '
             "abdication, burnout), so the audit cannot judge where the policies end")
    return problems


def summary_lines(report: LessonReport) -> list[str]:
    """The audit for one role in a few lines of plain text."""
    def corr(value: float | None) -> str:
        return "n/a" if value is None else f"{value:+.2f}"

    lines = [f"    lesson audit ({report.options} options): power towards shared and outcome "
             f"{corr(report.shared_outcome)}, rung and outcome {corr(report.rung_outcome)}"]
    for name, result in report.policies.items():
        runs = result.runs or 1
        shares = ", ".join(f"{e} {n * 100 / runs:.0f}%" for e, n in
                           sorted(result.endings.items(), key=lambda kv: -kv[1])[:3])
        finals = " ".join(f"{k} {v:g}" for k, v in result.finals.items())
        lines.append(f"      {name:<15}{shares}  (median end: {finals})")
    return lines
