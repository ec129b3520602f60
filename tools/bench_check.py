"""Benchmark `check` on the shipped scenarios, and loading (what a reload costs).

    python tools/bench_check.py            # every scenario under scenes/, 1,000 runs per role
    python tools/bench_check.py --runs 2000 scenes/haven
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.check import check_paths  # noqa: E402
from game.story import find_scenarios, load_scenario  # noqa: E402

GOAL_CHECK_S = 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "scenes")])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for folder in find_scenarios(*args.paths):
        loads, checks = [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = load_scenario(folder)
            loads.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = check_paths([str(folder)], runs=args.runs, seed=1)["scenarios"][0]
            checks.append(time.perf_counter() - started)
        scenes = len(result.scenario.scenes) if result.scenario else 0
        states = sum(r["explored_states"] for r in report["by_role"].values())
        print(f"{folder.name}: {scenes} scenes, {report['words']:,} words; load {statistics.median(loads) * 1000:.0f} ms; "
              f"check with {args.runs} runs per role {statistics.median(checks):.2f} s "
              f"(best {min(checks):.2f} s, {states} states explored; goal <= {GOAL_CHECK_S} s)")


if __name__ == "__main__":
    main()
