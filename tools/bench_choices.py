"""Choices per CPU-second of game.story.Run on generated scenarios (tools/bench_story.py's).

Plays the seeded random playthroughs of bench_story.play for a fixed number of runs and
divides the choices made by the CPU time they took (time.process_time, best of 3), so that
other work on the machine distorts the figure less than wall-clock time would. Prints the
load average beside each figure, and the time of a plain loop of 10 million additions, to
compare figures taken on different machines.

    python tools/bench_choices.py                   # 1,000 and 10,000 scenes
    python tools/bench_choices.py --scenes 1000 --runs 400
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_story import load_checked, play, write_scenario  # noqa: E402


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def additions_s() -> float:
    """CPU seconds of a pure-Python loop of 10 million additions: this machine's speed."""
    start, total = time.process_time(), 0
    for number in range(10_000_000):
        total += number
    return time.process_time() - start


def choices_per_cpu_s(count: int, runs: int, seed: int, repeats: int) -> tuple[float, int]:
    """(best choices per CPU-second, choices made per repeat) on a generated scenario."""
    with tempfile.TemporaryDirectory(prefix="bench-choices-") as tmp:
        write_scenario(Path(tmp), count, seed)
        scenario = load_checked(Path(tmp)).scenario
    best, made = 0.0, 0
    for _ in range(repeats):
        start = time.process_time()
        made, _ = play(scenario, seed, runs=runs)
        best = max(best, made / (time.process_time() - start))
    return best, made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--runs", type=int, default=200, help="playthroughs per repeat")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"10M additions: {additions_s():.2f} CPU s (load average {loadavg()})")
    for count in args.scenes:
        rate, made = choices_per_cpu_s(count, args.runs, args.seed, args.repeats)
        print(f"{count:>7,} scenes: {rate:>9,.0f} choices per CPU-second "
              f"(best of {args.repeats}, {made:,} choices each; load average {loadavg()})")


if __name__ == "__main__":
    main()
