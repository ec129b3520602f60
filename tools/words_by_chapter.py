"""Words a player reads per chapter, over seeded random playthroughs of a scenario.

Counts what `check` counts for words per run (scene text and lines as shown, the option taken,
its feedback, the intro and the ending), split by the chapter of the scene they belong to.

    python tools/words_by_chapter.py scenes/haven --runs 2000
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.story import Run, load  # noqa: E402


def words(text: str) -> int:
    return len(text.split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenario")
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    scenario = load(args.scenario)
    for role in scenario.roles:
        rng = random.Random(args.seed)
        per_chapter: dict[str, list[int]] = defaultdict(list)
        totals = []
        for _ in range(args.runs):
            run = Run(scenario, role, seed=rng.randrange(2**31))
            counts: dict[str, int] = defaultdict(int)
            counts["(intro and ending)"] += words(scenario.roles[role].intro)
            while not run.ended:
                scene = run.scene
                counts[scene.chapter] += sum(words(line.text) for line in run.lines)
                view = rng.choice([v for v in run.choices if v.enabled])
                outcome = run.choose(view.index)
                counts[scene.chapter] += words(view.text) + words(outcome.feedback)
            counts["(intro and ending)"] += words(run.ending.text)
            for chapter, count in counts.items():
                per_chapter[chapter].append(count)
            totals.append(sum(counts.values()))
        print(f"{role}: {args.runs} runs, words per run {min(totals)}-{max(totals)} "
              f"(median {statistics.median(totals):g})")
        for chapter, counts in per_chapter.items():
            print(f"  {chapter:32} min {min(counts):5}  median {statistics.median(counts):7g}  max {max(counts):5}")


if __name__ == "__main__":
    main()
