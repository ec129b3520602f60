"""Seeded random playthroughs, like ChoiceScript's randomtest: how often each ending comes up,
how many choices and words a run takes, where the meters finish, and which scenes are reached.
"""
from __future__ import annotations

import random
import statistics
from typing import Callable

from .model import Scenario
from .runner import Run

MAX_STEPS = 250  # a random run longer than this is going round in circles
# A work budget per role, so that `check` stays quick on any scenario: choices made by all the
# random runs together.
MAX_RANDOM_CHOICES = 100_000


def _words(text: str) -> int:
    return len(text.split())


class RandomPlayer:
    """Plays one scenario at random, any number of times, for any role."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        # Words always shown in each scene, and the lines shown only when their `if:` holds.
        self.scene_words = {sid: sum(_words(line.text) for line in scene.lines if not line.condition)
                            for sid, scene in scenario.scenes.items()}
        self.scene_if_lines = {sid: [(line.condition, _words(line.text)) for line in scene.lines
                                     if line.condition]
                               for sid, scene in scenario.scenes.items()}

    def words_shown(self, run: Run) -> int:
        """Words of the current scene as this run sees it (conditional lines only when they hold)."""
        scene_id = run.scene.id
        words = self.scene_words[scene_id]
        values, visits = run.state.values, run.state.visits
        for condition, count in self.scene_if_lines[scene_id]:
            if condition.holds(values, visits):
                words += count
        return words

    def play(self, role: str, runs: int, seed: int, doomed: set[tuple],
             key: Callable[[Run], tuple]) -> tuple[dict, set[str]]:
        """Up to `runs` runs from `seed`: their statistics (the `random_runs` of `check --json`)
        and the scenes they reached. A run stops early, and is counted, when it is stuck, when
        `key(run)` is in `doomed` (states with no way to an ending), or after MAX_STEPS."""
        rng = random.Random(seed)
        scenes: set[str] = set()
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
            scenes.add(run.scene.id)
            while not run.ended:
                enabled = [v for v in run.choices if v.enabled]
                if not enabled:
                    stuck += 1
                    break
                if doomed and key(run) in doomed:
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
                    scenes.add(run.scene.id)
                    read += self.words_shown(run)
            made += run.step
            if run.ended:
                endings[run.ending.id] = endings.get(run.ending.id, 0) + 1
            decisions.append(count)
            words.append(read)
            for name, values in finals.items():
                values.append(run.values[name])
        stats = {
            "runs": done, "requested_runs": runs, "seed": seed,
            "ending_counts": dict(sorted(endings.items(), key=lambda kv: -kv[1])),
            "choices_per_run": _spread(decisions),
            "words_per_run": _spread(words),
            "meters": {name: {"min": min(v), "max": max(v), "median": statistics.median(v)}
                       for name, v in finals.items() if v},
            "stuck_runs": stuck, "trapped_runs": trapped, "endless_runs": looping,
        }
        return stats, scenes


def _spread(numbers: list[int]) -> dict:
    if not numbers:
        return {"min": 0, "median": 0, "max": 0}
    return {"min": min(numbers), "median": statistics.median(numbers), "max": max(numbers)}
