"""Benchmark opening the debrief after a full playthrough of The Haven, in the window.

    python tools/bench_debrief.py                 # 1920x1080, 5 repeats
    python tools/bench_debrief.py --size 800x600 --text 2

Each repeat plays a seeded run to an ending, builds the App on SDL's dummy video driver, opens the
ending screen and draws it, then times from pressing Enter on the (highlighted) Debrief button to
the first frame of the debrief drawn. Where the scenario asks its reflection statements again
first, the time is from the press that closes them ("Skip all") to the debrief's first frame. It also times each later step's first frame (Right arrow),
since the analysis is built the first time it is shown. Goal: the debrief opens in 0.3 s or less.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.story import Run  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.debrief.screen import DebriefScreen  # noqa: E402
from game.ui.screens.play.ending import EndingScreen  # noqa: E402
from game.ui.screens.play.reflection import ReflectionScreen  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

GOAL_S = 0.3


def key(code: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)


def release(code: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYUP, key=code, mod=0, scancode=0)


def timed_press(app: App, code: int) -> float:
    """Seconds from the key press to the frame drawn in answer (one turn of the loop)."""
    frames = app.frames
    start = time.perf_counter()
    app.step([key(code)])
    took = time.perf_counter() - start
    assert app.frames == frames + 1, "no frame was drawn"
    app.step([release(code)])
    return took


def one_run(size: tuple[int, int], text_size: float, seed: int) -> tuple[float, list[float], int]:
    with tempfile.TemporaryDirectory() as saves:
        app = App([ROOT / "scenes" / "haven"], Path(saves), size=size,
                  settings=Settings(text_speed="instant", text_size=text_size))
        scenario = app.scenario("haven")
        run = Run(scenario, "professional", seed=seed)
        rng = random.Random(seed)
        while not run.ended:
            run.choose(rng.choice([v.index for v in run.choices if v.enabled]))
        app.open_run(run, restored=False)
        app.step([])                                   # the ending, drawn
        assert isinstance(app.top, EndingScreen) and app.top.focused.label == "Debrief"
        opening = timed_press(app, pygame.K_RETURN)
        if isinstance(app.top, ReflectionScreen):  # the statements first: close them, then time
            reflection = app.top
            reflection.enter(len(reflection.stops()) - 1)  # "Skip all"
            opening = timed_press(app, pygame.K_RETURN)
        assert isinstance(app.top, DebriefScreen), type(app.top).__name__
        steps = [timed_press(app, pygame.K_RIGHT) for _ in app.top.steps[1:]]
        decisions = len(app.top.points.decisions)
        pygame.quit()
    return opening, steps, decisions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--text", type=float, default=1.0, help="text size (1.0 to 2.0)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.lower().split("x"))
    openings, by_step = [], []
    for repeat in range(args.repeat):
        opening, steps, decisions = one_run(size, args.text, args.seed + repeat)
        openings.append(opening)
        by_step.append(steps)
    names = ["description", "analysis", "summary", "journal"]
    print(f"The Haven, professional, full playthroughs ({decisions} decisions in the last), "
          f"{args.size}, text {args.text:g}x, {args.repeat} runs")
    print(f"  open the debrief (Enter on Debrief to first frame): median {statistics.median(openings):.3f} s, "
          f"max {max(openings):.3f} s  (goal {GOAL_S} s)")
    for index, name in enumerate(names[:len(by_step[0])]):
        times = [steps[index] for steps in by_step]
        print(f"  Right arrow to {name:<11}: median {statistics.median(times):.3f} s, max {max(times):.3f} s")
    print("OK" if max(openings) <= GOAL_S else "SLOWER THAN THE GOAL")


if __name__ == "__main__":
    main()
