"""Benchmark hot reload (F5 in the window) on a real scenario; the goal is 0.3 s in all.

Prints, over --times reloads each (median and max, in milliseconds):
  - story core: the load part (the scenario's files read and checked again, as F5 does it) and
    the replay part (Run.from_dict replaying the player's choices), at step 0 and at the end of
    the longest of a few seeded random playthroughs;
  - window: F5 pressed on the play screen (at step 0, and at the last decision before the
    ending) and on the ending screen, until the next frame is drawn: what a player waits for;
  - memory: resident set size before and after 20 reloads made with the pause menu open
    (the case where frozen reference cycles kept every old scenario alive; see game/ui/reload.py).

    python tools/bench_reload.py
    python tools/bench_reload.py --scenario scenes/tea-and-terms --times 20
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from game.story import Run, Scenario
from game.ui.reload import load_afresh

GOAL_S = 0.3


def timed(work: Callable[[], object], times: int) -> list[float]:
    seconds = []
    for _ in range(times):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return seconds


def show(label: str, seconds: list[float], goal: float | None = None) -> None:
    median, worst = statistics.median(seconds), max(seconds)
    verdict = "" if goal is None else ("   ok" if worst <= goal else f"   OVER the {goal} s goal")
    print(f"  {label:<44} median {median * 1000:6.1f} ms   max {worst * 1000:6.1f} ms{verdict}")


def longest_playthrough(scenario: Scenario, role: str, tries: int = 40) -> Run:
    """The run with the most steps among seeded random playthroughs, played to its ending."""
    longest = None
    for seed in range(tries):
        run = Run(scenario, role, seed=seed)
        pick = random.Random(seed)
        while not run.ended:
            run.choose(pick.choice([v.index for v in run.choices if v.enabled]))
        if longest is None or run.step > longest.step:
            longest = run
    return longest


def before_the_ending(run: Run) -> Run:
    """The same playthrough, one decision before its ending (still on the play screen)."""
    copy = Run.from_dict(run.scenario, run.to_dict())
    while copy.ended or not copy.scene.is_decision:
        copy.undo()
    return copy


def rss_mb() -> float | None:
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS"))
    except (OSError, StopIteration):
        return None  # not Linux


def bench_story(folder: Path, role: str, times: int) -> Run:
    print(f"Story core ({folder}):")
    result = load_afresh(folder)
    if result.scenario is None:
        raise SystemExit("\n".join(str(p) for p in result.errors))
    scenario = result.scenario
    long_run = longest_playthrough(scenario, role)
    decisions = sum(1 for taken in long_run.taken if scenario.scenes[taken.scene].is_decision)
    print(f"  {len(scenario.scenes)} scenes; longest playthrough: {long_run.step} steps, "
          f"{decisions} of them decisions")
    show("load part", timed(lambda: load_afresh(folder), times))
    start = Run(scenario, role, seed=1).to_dict()
    end = long_run.to_dict()
    show("replay part, step 0", timed(lambda: Run.from_dict(scenario, start), times))
    show(f"replay part, step {long_run.step} (ended)", timed(lambda: Run.from_dict(scenario, end), times))
    show("load + replay, at the end", timed(
        lambda: Run.from_dict(load_afresh(folder).scenario, end), times), GOAL_S)
    return long_run


def bench_window(folder: Path, long_run: Run, times: int, saves: Path) -> None:
    from game.ui.actions import Action
    from game.ui.app import App
    from game.ui.settings import Settings

    print("Window (SDL dummy driver, 1280x720), F5 until the next frame is drawn:")
    app = App([folder], saves, settings=Settings(text_speed="instant"))
    scenario = app.library[0].scenario

    def f5() -> None:
        app.dispatch(Action("reload"))
        app.step([])

    places = [("play screen, at the start", Run(scenario, long_run.role, seed=1)),
              ("play screen, at the last decision", before_the_ending(long_run)),
              ("ending screen", long_run)]
    for label, run in places:
        app.to_title()
        app.open_run(Run.from_dict(scenario, run.to_dict()))
        app.step([])
        show(label + f" (step {run.step})", timed(f5, times), GOAL_S)

    app.to_title()
    app.open_run(Run.from_dict(app.library[0].scenario, before_the_ending(long_run).to_dict()))
    app.step([])
    before = rss_mb()
    for _ in range(20):
        app.dispatch(Action("back"))  # the pause menu holds the run that the reload replaces
        app.step([])
        f5()
    after = rss_mb()
    if before is not None and after is not None:
        print(f"Memory: RSS {before:.1f} MB before and {after:.1f} MB after 20 reloads from the "
              f"pause menu ({after - before:+.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenario", type=Path, default=ROOT / "scenes" / "haven",
                        help="scenario folder (default: scenes/haven)")
    parser.add_argument("--role", default="professional")
    parser.add_argument("--times", type=int, default=10, help="reloads per figure")
    args = parser.parse_args()
    folder = args.scenario.resolve()
    long_run = bench_story(folder, args.role, args.times)
    with tempfile.TemporaryDirectory() as saves:
        bench_window(folder, long_run, args.times, Path(saves))


if __name__ == "__main__":
    main()
