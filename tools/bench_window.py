"""Benchmark the game window's frame pacing and drawing speed.

Prints three figures against the goals:
  - first frame: wall time from starting a fresh Python process to the first frame on screen;
  - idle CPU: share of one core the real loop (App.run) uses over 10 s with nothing changing,
    beside a naive loop that redraws at 60 fps, both at 1280x720; then the same at a workshop
    decision with the live room open on 127.0.0.1 and five devices listening for changes (the
    whole process: the game's loop and the room's server thread);
  - redraw: time for a full draw of the play screen at 1920x1080 (median and 95th percentile of
    300 draws), at 100% text and at 200% text with high contrast;
  - scene change: at 1920x1080 with 200% text, from a key choosing an option to the first frame
    of what follows on screen (what the choice changed, then the next scene), the cross-fade's
    first frame included; and that the loop goes back to sleep when the fade is over;
  - memory: resident memory (RSS) after a scripted storm of text-size, high-contrast, full-screen
    and window-size changes across the screens (tools/memory_storm.py), peak and end.

Run it under a real X server for the CPU figure, e.g.:

    xvfb-run -a -s "-screen 0 1920x1080x24" python tools/bench_window.py
    python tools/bench_window.py --driver dummy     # without X (CPU figures mean less)
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOALS = {"first_frame_s": 0.5, "idle_cpu_pct": 2.0, "redraw_ms": 8.0, "storm_rss_mb": 150.0,
         "scene_change_ms": 50.0}


def child_first_frame(saves: str) -> None:
    """Runs in a fresh process: open the window, draw the title, print when."""
    from game.ui.app import App
    app = App([ROOT / "scenes"], Path(saves))
    app.step([])
    print(json.dumps({"shown_at": time.time()}))


def child_idle(saves: str, seconds: float, naive: bool, room: bool = False) -> None:
    import pygame

    from game.ui.app import App
    app = App([ROOT / "scenes"], Path(saves), workshop=room)
    if room:
        _room_at_a_decision(app)
    app.step([])
    pygame.time.set_timer(pygame.QUIT, int(seconds * 1000), loops=1)
    cpu, wall = time.process_time(), time.perf_counter()
    if naive:  # what the design warns against: draw and flip every frame at 60 fps
        clock = pygame.time.Clock()
        while not any(e.type == pygame.QUIT for e in pygame.event.get()):
            app.draw()
            pygame.display.flip()
            clock.tick(60)
    else:
        app.run()
    used, took = time.process_time() - cpu, time.perf_counter() - wall
    print(json.dumps({"cpu_pct": 100 * used / took, "frames": app.frames, "seconds": took}))


def _room_at_a_decision(app) -> None:
    """The Haven's first decision in workshop mode, the room open on loopback and five devices
    joined and listening to its change stream (as phones with the page open do)."""
    import http.cookiejar
    import threading
    import urllib.request

    from game.story import Run, load
    from game.ui.screens.workshop.room import open_room
    app.room_host = "127.0.0.1"
    app.open_run(Run(load(ROOT / "scenes" / "haven"), "professional", seed=1), restored=True)
    if not open_room(app, quiet=True):
        raise SystemExit(f"the room did not open: {app.notice}")
    app.step([])

    def listen() -> None:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(app.room.join_url).read()
        with opener.open(app.room.url + "events", timeout=60) as stream:
            while stream.readline():
                pass

    for _ in range(5):
        threading.Thread(target=listen, daemon=True).start()
    time.sleep(1.0)
    app.step([])


def child_redraw(saves: str, text_size: float, contrast: bool) -> None:
    from game.story import Run, load
    from game.ui.app import App
    from game.ui.screens.play.screen import PlayScreen
    from game.ui.settings import Settings
    scenario = load(ROOT / "scenes" / "tea-and-terms")
    settings = Settings(text_size=text_size, high_contrast=contrast, text_speed="instant")
    app = App([ROOT / "scenes"], Path(saves), size=(1920, 1080), settings=settings)
    run = Run(scenario, "professional", seed=1)
    play = PlayScreen(app, run)
    app.push(play)
    play.begin()
    started = time.perf_counter()
    play.ensure_layout()
    layout_ms = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(300):
        started = time.perf_counter()
        app.draw()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(json.dumps({"median_ms": statistics.median(times), "p95_ms": times[int(len(times) * 0.95)],
                      "layout_ms": layout_ms}))


def child_scene_change(saves: str, changes: int, fade: bool = True) -> None:
    """Choose options in The Haven at 1920x1080 with 200% text, with the cross-fade on as in
    the real loop: each page that follows a choice (its outcome, then the next scene) is timed
    from the key to its first frame flipped. The first change warms the caches and is left out."""
    import pygame

    from game.story import Run, load
    from game.ui.app import App
    from game.ui.screens.play.screen import PlayScreen
    from game.ui.settings import Settings
    settings = Settings(text_size=2.0, text_speed="instant")
    app = App([ROOT / "scenes"], Path(saves), size=(1920, 1080), settings=settings)
    app.transitions = fade
    run = Run(load(ROOT / "scenes" / "haven"), "professional", seed=1)
    play = PlayScreen(app, run)
    app.push(play)
    play.begin()
    app.step([])
    key = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1", scancode=0)
    up = pygame.event.Event(pygame.KEYUP, key=pygame.K_1, mod=0, scancode=0)
    times, after_fade = [], []
    while len(times) < changes + 1 and not run.ended and app.top is play:
        if play.phase == "note":
            play.read_noted(False)
            app.fade.old = None
            app.step([])
        option = 0 if play.phase == "outcome" else next(v.index for v in run.choices if v.enabled)
        key.key = up.key = pygame.K_1 + option
        started = time.perf_counter()
        app.step([key])
        times.append((time.perf_counter() - started) * 1000)
        app.step([up])
        while app.fade.running:  # let the fade play out, as the real loop would
            app.step([])
            time.sleep(0.01)
        after_fade.append(app.animating)
    times = sorted(times[1:])
    print(json.dumps({"median_ms": statistics.median(times), "max_ms": times[-1],
                      "changes": len(times), "sleeps_after": not any(after_fade)}))


def child_storm(saves: str, steps: int) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from memory_storm import storm

    from game.ui.app import App
    from game.ui.settings import Settings
    app = App([ROOT / "scenes"], Path(saves), settings=Settings(text_speed="instant"))
    app.step([])
    figures = storm(app, steps, out=lambda line: None)
    print(json.dumps({**figures, "steps": steps}))


def load_average() -> str:
    """The machine's 1, 5 and 15 minute load averages, printed beside the figures."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def run_child(args: list[str], env: dict) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--driver", help="SDL video driver for the children (default: SDL's choice)")
    parser.add_argument("--seconds", type=float, default=10.0, help="idle measurement length")
    parser.add_argument("--storm", type=int, default=1000,
                        help="changes in the memory storm (default 1000; 0 leaves it out)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.storm < 0 or args.seconds <= 0:
        parser.error("--storm must be 0 or more and --seconds more than 0")
    if args.child:
        kind, saves, *rest = args.child
        if kind == "first":
            child_first_frame(saves)
        elif kind == "idle":
            child_idle(saves, float(rest[0]), rest[1] == "naive", rest[1] == "room")
        elif kind == "storm":
            child_storm(saves, int(rest[0]))
        elif kind == "scene":
            child_scene_change(saves, int(rest[0]), rest[1:] != ["still"])
        else:
            child_redraw(saves, float(rest[0]), rest[1] == "contrast")
        return
    env = dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1")
    if args.driver:
        env["SDL_VIDEODRIVER"] = args.driver
    print(f"video driver: {env.get('SDL_VIDEODRIVER', 'default')}, display: {env.get('DISPLAY', 'none')}, "
          f"load average: {load_average()}")
    with tempfile.TemporaryDirectory() as saves:
        firsts = []
        for _ in range(5):
            started = time.time()
            shown = run_child(["--child", "first", saves], env)["shown_at"]
            firsts.append(shown - started)
        first = statistics.median(firsts)
        print(f"first frame after launch: median {first:.3f} s of 5 launches "
              f"(min {min(firsts):.3f}, max {max(firsts):.3f}); goal <= {GOALS['first_frame_s']} s")
        idle = run_child(["--child", "idle", saves, str(args.seconds), "paced"], env)
        naive = run_child(["--child", "idle", saves, str(args.seconds), "naive"], env)
        print(f"idle CPU at 1280x720 over {idle['seconds']:.1f} s: {idle['cpu_pct']:.2f}% of one core, "
              f"{idle['frames']} frames drawn (naive 60 fps loop: {naive['cpu_pct']:.1f}%, "
              f"{naive['frames']} frames); goal <= {GOALS['idle_cpu_pct']}%")
        room = run_child(["--child", "idle", saves, str(args.seconds), "room"], env)
        print(f"idle CPU at a workshop decision with the live room open and 5 devices listening: "
              f"{room['cpu_pct']:.2f}% of one core over {room['seconds']:.1f} s, "
              f"{room['frames']} frames drawn; goal <= {GOALS['idle_cpu_pct']}%")
        for text_size, contrast in ((1.0, "calm"), (2.0, "contrast")):
            redraw = run_child(["--child", "redraw", saves, str(text_size), contrast], env)
            print(f"play screen redraw at 1920x1080, text {text_size:.0%}, {contrast}: "
                  f"median {redraw['median_ms']:.2f} ms, p95 {redraw['p95_ms']:.2f} ms "
                  f"(layout {redraw['layout_ms']:.1f} ms); goal <= {GOALS['redraw_ms']} ms")
        scene = run_child(["--child", "scene", saves, "12"], env)
        still = run_child(["--child", "scene", saves, "12", "still"], env)
        print(f"scene change at 1920x1080 with 200% text (key to first frame, cross-fade on): "
              f"median {scene['median_ms']:.1f} ms, max {scene['max_ms']:.1f} ms over "
              f"{scene['changes']} changes (without the fade: median {still['median_ms']:.1f} ms); "
              f"the loop sleeps again after each fade: {'yes' if scene['sleeps_after'] else 'NO'}; "
              f"goal <= {GOALS['scene_change_ms']:.0f} ms")
        if args.storm > 0:
            storm = run_child(["--child", "storm", saves, str(args.storm)], env)
            print(f"memory after a storm of {storm['steps']} text-size, contrast, full-screen and window-size "
                  f"changes: RSS start {storm['start_mb']:.1f} MB, peak {storm['peak_mb']:.1f} MB, "
                  f"end {storm['end_mb']:.1f} MB; goal <= {GOALS['storm_rss_mb']:.0f} MB")
        print(f"load average at the end: {load_average()}")


if __name__ == "__main__":
    main()
