"""A storm of text-size, high-contrast, full-screen and window-size changes: does memory stay bounded?

Opens the game window on the real scenarios, walks through the screens a player reaches from the
title (the play screen, its history and branch map, saves, records, handouts, settings, help,
about), and between draws changes the text size, the interface scale, high contrast, the
dyslexia-friendly font, full screen and the window size. Prints the resident memory (RSS) as it
goes, then the peak and the end figure against the goal (<= 150 MB).

    python tools/memory_storm.py                    # 3,000 changes, no X needed (dummy driver)
    python tools/memory_storm.py --steps 10000 --every 500
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
GOAL_MB = 150.0


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux; the peak from `resource` elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def screen_makers(app) -> list:
    """Ways to put each screen a player can reach from the title on top of the stack."""
    from game.story import Run
    from game.ui.screens.play.branch_map import BranchMapScreen
    from game.ui.screens.workshop.handouts import HandoutsScreen
    from game.ui.screens.menus.help import HelpScreen
    from game.ui.screens.play.history import HistoryScreen
    from game.ui.screens.menus.new_game import ChooseScreen
    from game.ui.screens.menus.pause import PauseScreen
    from game.ui.screens.play.screen import PlayScreen
    from game.ui.screens.menus.records import RecordsScreen
    from game.ui.screens.menus.saves import SavesScreen
    from game.ui.screens.menus.settings import SettingsScreen
    from game.ui.screens.menus.title import AboutScreen

    def play():
        scenario = next(r.scenario for r in app.library if r.scenario is not None)
        run = Run(scenario, next(iter(scenario.roles)), seed=1)
        screen = PlayScreen(app, run)
        app.push(screen)
        screen.begin()
        return run

    def on_play(kind):
        def make():
            run = play()
            if kind is BranchMapScreen:
                app.push(kind(app, run.scenario, run.role))
            else:
                app.push(kind(app, run))
        return make

    simple = [ChooseScreen, RecordsScreen, HandoutsScreen, SettingsScreen, AboutScreen, HelpScreen]
    makers = [lambda: None]  # the title itself
    makers += [(lambda k=k: app.push(k(app))) for k in simple]
    makers += [lambda: app.push(SavesScreen(app, run=None)), play,
               on_play(HistoryScreen), on_play(BranchMapScreen), on_play(PauseScreen)]
    return makers


def storm(app, steps: int, seed: int = 1, every: int = 0, out=print) -> dict:
    """`steps` changes of look or size, each followed by a draw; returns figures in MB."""
    import pygame

    from game.ui.settings import CHOICES
    rng = random.Random(seed)
    makers = screen_makers(app)
    start = rss_mb()
    peak = start
    started = time.perf_counter()
    for step in range(1, steps + 1):
        if step % 25 == 1:  # another screen now and then
            app.to_title()
            try:
                makers[rng.randrange(len(makers))]()
            except Exception as exc:  # a screen that cannot open here is not what is measured
                out(f"  (screen skipped: {type(exc).__name__}: {exc})")
        change = rng.random()
        settings = app.settings
        if change < 0.45:
            size = (rng.randint(640, 1920), rng.randint(480, 1080))
            pygame.display.set_mode(size, pygame.RESIZABLE)
            app.step([pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])])
        else:
            if change < 0.65:
                settings.text_size = rng.choice(CHOICES["text_size"][0])
            elif change < 0.75:
                settings.ui_scale = rng.choice(CHOICES["ui_scale"][0])
            elif change < 0.85:
                settings.high_contrast = not settings.high_contrast
            elif change < 0.92:
                settings.dyslexic_font = not settings.dyslexic_font
            else:
                settings.fullscreen = not settings.fullscreen
            app.apply_settings()
        app.top.update(0.5)
        app.draw()
        now = rss_mb()
        peak = max(peak, now)
        if every and step % every == 0:
            out(f"  step {step:6d}  {time.perf_counter() - started:7.1f} s  RSS {now:7.1f} MB"
                f"  (text cache {cache_mb(app):5.1f} MB, pictures {pictures_mb(app):5.1f} MB,"
                f" {font_count(app)} fonts)")
    return {"start_mb": start, "peak_mb": peak, "end_mb": rss_mb(),
            "seconds": time.perf_counter() - started}


def cache_mb(app) -> float:
    renders = app.theme.renders
    total = getattr(renders, "bytes", None)
    if total is None:
        total = sum(s.get_width() * s.get_height() * s.get_bytesize() for s in renders.values())
    return total / 2**20


def pictures_mb(app) -> float:
    cache = app.pictures._cache
    total = getattr(cache, "bytes", None)
    if total is None:
        total = sum(s.get_width() * s.get_height() * s.get_bytesize() for s in cache.values() if s)
    return total / 2**20


def font_count(app) -> int:
    return len(app.fonts._fonts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=3000, help="changes of look or size (default 3000)")
    parser.add_argument("--every", type=int, default=250, help="print RSS every N steps")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.steps < 1 or args.every < 0:
        parser.error("--steps must be at least 1 and --every at least 0")
    import pygame

    from game.ui.app import App
    from game.ui.settings import Settings
    with tempfile.TemporaryDirectory() as saves:
        print(f"RSS before the window: {rss_mb():.1f} MB")
        app = App([ROOT / "scenes"], Path(saves), settings=Settings(text_speed="instant"))
        app.step([])
        print(f"RSS with the title on screen: {rss_mb():.1f} MB")
        figures = storm(app, args.steps, args.seed, args.every)
        pygame.quit()
    verdict = "within" if figures["peak_mb"] <= GOAL_MB else "OVER"
    print(f"{args.steps} changes in {figures['seconds']:.1f} s: RSS start {figures['start_mb']:.1f} MB, "
          f"peak {figures['peak_mb']:.1f} MB, end {figures['end_mb']:.1f} MB; "
          f"goal <= {GOAL_MB:.0f} MB ({verdict})")


if __name__ == "__main__":
    main()
