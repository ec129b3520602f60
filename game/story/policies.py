"""Simple ways of playing a role, for the lesson audit: each picks an option the same way every
time, like a player with one habit (share, control, abdicate, fit the work, grab outcome, grab
trust, take the middle, or pick at random). Ties are broken at random, from a seed.

A policy sees each option as an `Option`: its rung (as the author gave it) and what it would do
at once to every number (`preview`), never its text.
"""
from __future__ import annotations

import random
from typing import Callable, NamedTuple

from .ladder import ABDICATION
from .model import Choice, Purpose, Scenario
from .runner import Run
from .state import preview

# Careful policies look after capacity: when it runs low they take an option that restores it
# by resourcing the work (if one is offered: not abdication, not taking control back), then
# choose among those in their own way.
CAREFUL = ("share", "fit")
LOW_CAPACITY = 0.3  # "low" is at or below this share of the capacity's range


class Option(NamedTuple):
    index: int
    choice: Choice
    rung: int | None
    delta: dict  # name -> how much the number would move at once


def options_of(run: Run) -> list[Option]:
    """The enabled options at the run's current scene, each with what it would do."""
    scenario, values = run.scenario, run.values
    found = []
    for view in run.choices:
        if not view.enabled:
            continue
        after = preview(scenario, values, view.choice.effects)
        delta = {name: value - values[name] for name, value in after.items()
                 if scenario.variables[name].kind == "number" and value != values[name]}
        found.append(Option(view.index, view.choice, view.choice.rung, delta))
    return found


def towards_shared(option: Option, power: float) -> float:
    """How far the option moves power towards 0 (shared). Moving past 0 into staff stepping
    back counts against it, and so does every move of an abdication option: stepping back and
    leaving people without what staff know is not sharing power."""
    moved = option.delta.get("power", 0)
    if option.rung == ABDICATION:
        return -abs(moved)
    return abs(power) - abs(power + moved)


def _best(options: list[Option], key: Callable[[Option], float], rng: random.Random) -> Option:
    top = max(key(o) for o in options)
    return rng.choice([o for o in options if key(o) == top])


def _rated(options: list[Option]) -> list[Option]:
    """Options on the ladder (abdication and unrated left out), or all of them if none is."""
    on_ladder = [o for o in options if o.rung is not None and o.rung != ABDICATION]
    return on_ladder or options


def pick_share(options, run, rng, purpose):
    power = run.values["power"]
    return _best(_rated(options), lambda o: (o.rung or 0) * 1000 + towards_shared(o, power), rng)


def pick_control(options, run, rng, purpose):
    return _best(_rated(options), lambda o: -(o.rung or 0) * 1000 - o.delta.get("power", 0), rng)


def pick_abdicate(options, run, rng, purpose):
    stepping_back = [o for o in options if o.rung == ABDICATION]
    if stepping_back:
        return rng.choice(stepping_back)
    return _best(options, lambda o: o.delta.get("power", 0), rng)


def fit_distance(rung: int | None, purpose: Purpose | None) -> float:
    """0 when the rung suits the part of the work; how far outside it otherwise.
    Abdication and an unrated option never fit."""
    if rung is None or rung == ABDICATION:
        return 99
    if purpose is None:
        return 0
    return max(purpose.low - rung, rung - purpose.high, 0)


def pick_fit(options, run, rng, purpose):
    # Of the options that fit, the one that helps the service most: a player who works in the
    # way each part needs and wants the service to be good.
    return _best(options, lambda o: -fit_distance(o.rung, purpose) * 1000
                 + o.delta.get("outcome", 0), rng)


def pick_outcome(options, run, rng, purpose):
    return _best(options, lambda o: o.delta.get("outcome", 0), rng)


def pick_trust(options, run, rng, purpose):
    return _best(options, lambda o: o.delta.get("trust", 0), rng)


def pick_middle(options, run, rng, purpose):
    return options[len(options) // 2]


def pick_random(options, run, rng, purpose):
    return rng.choice(options)


POLICIES: dict[str, Callable] = {
    "share": pick_share, "control": pick_control, "abdicate": pick_abdicate, "fit": pick_fit,
    "outcome-greedy": pick_outcome, "trust-greedy": pick_trust, "middle": pick_middle,
    "random": pick_random,
}
DESCRIBED = {
    "share": "the highest rung on the ladder, moving power towards shared",
    "control": "the lowest rung, keeping decisions with staff",
    "abdicate": "abdication when offered, else the option where staff step back furthest",
    "fit": "an option whose rung suits the chapter's purpose (of those, the best for the service)",
    "outcome-greedy": "whatever raises outcome most at once",
    "trust-greedy": "whatever raises trust most at once",
    "middle": "the middle option of those shown",
    "random": "any option, at random",
}


def low_capacity(scenario: Scenario, values: dict) -> bool:
    for variable in scenario.capacities:
        span = (variable.maximum or 0) - (variable.minimum or 0)
        if span and values[variable.name] <= (variable.minimum or 0) + LOW_CAPACITY * span:
            return True
    return False


def restoring(scenario: Scenario, options: list[Option], purpose: Purpose | None) -> list[Option]:
    """Options that restore some capacity by resourcing the work: not by abdicating, and not
    by taking control back (a rung below what the part of the work needs; below engagement
    where the chapter does not say)."""
    names = [v.name for v in scenario.capacities]
    lowest = purpose.low if purpose else 4
    return [o for o in options if o.rung is not None and o.rung != ABDICATION
            and o.rung >= lowest and any(o.delta.get(n, 0) > 0 for n in names)]


def choose(policy: str, run: Run, rng: random.Random, options: list[Option] | None = None) -> int:
    """The index (for run.choose) that `policy` takes at the run's current scene (`options`:
    options_of(run), when the caller has it already)."""
    options = options_of(run) if options is None else options
    if len(options) == 1:
        return options[0].index
    scenario = run.scenario
    purpose = scenario.purposes.get(run.scene.chapter)
    if policy in CAREFUL and low_capacity(scenario, run.values):
        options = restoring(scenario, options, purpose) or options
    return POLICIES[policy](options, run, rng, purpose).index
