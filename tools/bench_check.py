"""Benchmark `check` on the shipped scenarios: loading (what a reload costs), the state search
per role (states, time, whether it finished, so that what it says is a proof), and the whole
check with its random runs. The machine's load average is printed beside the figures.

    python tools/bench_check.py            # every scenario under scenes/, 1,000 runs per role
    python tools/bench_check.py --runs 2000 scenes/haven
    python tools/bench_check.py --plain    # also the unmerged search, for comparison
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
from game.story.explore import MAX_STATES, RoleReport, search_roles  # noqa: E402

GOAL_CHECK_S = 2.0
GOAL_SEARCH_S = 1.0  # the state search of every role of one scenario, to a finish


def load_average() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average not known"


def search(scenario, merge: bool, max_states: int) -> tuple[float, dict[str, RoleReport]]:
    """The state search and the ending search of every role, one after another (no random
    runs: those endings are looked for by the ending search here, so it is the worst case)."""
    started = time.perf_counter()
    reports = search_roles(scenario, merge, max_states)
    return time.perf_counter() - started, reports


def describe(reports: dict[str, RoleReport]) -> str:
    return "; ".join(
        f"{role} {r.states:,}+{r.ending_states:,} states, "
        f"{'complete' if r.proven else 'NOT complete'}, {len(r.reachable_scenes)} scenes, "
        f"{len(r.reachable_endings)} endings" for role, r in reports.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "scenes")])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--plain", action="store_true", help="also time the unmerged search")
    parser.add_argument("--budget", type=int, default=MAX_STATES, help="states per search")
    args = parser.parse_args()
    print(load_average())
    for folder in find_scenarios(*args.paths):
        loads, searches, checks = [], [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = load_scenario(folder)
            loads.append(time.perf_counter() - started)
            took, reports = search(result.scenario, True, args.budget)
            searches.append(took)
            started = time.perf_counter()
            report = check_paths([str(folder)], runs=args.runs, seed=1)["scenarios"][0]
            checks.append(time.perf_counter() - started)
        scenes = len(result.scenario.scenes)
        print(f"{folder.name}: {scenes} scenes, {report['words']:,} words; "
              f"load {statistics.median(loads) * 1000:.0f} ms")
        print(f"  state search, merged: {statistics.median(searches):.2f} s "
              f"(best {min(searches):.2f} s; goal <= {GOAL_SEARCH_S} s): {describe(reports)}")
        if args.plain:
            took, plain = search(result.scenario, False, args.budget)
            print(f"  state search, plain:  {took:.2f} s: {describe(plain)}")
        print(f"  check with {args.runs} runs per role: {statistics.median(checks):.2f} s "
              f"(best {min(checks):.2f} s; goal <= {GOAL_CHECK_S} s); complete: {report['complete']}")
    print(load_average())


if __name__ == "__main__":
    main()
