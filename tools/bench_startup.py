"""Benchmark start-up: how long the command line and the window take to show something.

Each figure is the best of several fresh processes (the machine may be busy; the load average
is printed beside them):
  - bare Python (`python -c pass`), the floor every command starts from;
  - `python main.py --version` and `python main.py --help`, and how far each is over that floor
    (goal: at most 50 ms over);
  - the window's first frame, from starting a fresh process to the title screen on screen (the
    first `pygame.display.flip()` returning), with SDL's dummy video driver (goal: at most
    0.3 s). It is timed two ways: the `App` on its own, and the player's own command
    (`python main.py`, through the command line); and each way twice: with every module compiled
    from its source, as on the very first run of a checkout, and with Python's compiled bytecode
    at hand, as on every later run and in an installed game (kept in a temporary folder, so the
    checkout is left as it was). Beside each wall time, the CPU time the process had used by then
    (less disturbed by other work on the machine);
and which modules of the story core `--version` imported (goal: none).

    python tools/bench_startup.py
    python tools/bench_startup.py --runs 15 --root /path/to/another/checkout
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOALS = {"over_python_s": 0.050, "first_frame_s": 0.3}
HEAVY = ("game.story", "game.saves", "game.twine", "game.story_map", "game.scaffold", "yaml")

# Both ways report the moment the first flip returns, then stop the process there. The game hides
# pygame's greeting before it imports pygame (ui/main.py); so does this, which imports it first.
ON_FLIP = """\
import json, os, sys, time
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame
_flip = pygame.display.flip
def flip():
    _flip()
    print(json.dumps({"shown_at": time.time(), "cpu": time.process_time()}), flush=True)
    os._exit(0)
pygame.display.flip = flip
"""
APP = ON_FLIP + """\
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from game.ui.app import App
App([Path(sys.argv[1]) / "scenes"], Path(sys.argv[2])).step([])
"""
COMMAND = ON_FLIP + """\
import runpy
root, saves = sys.argv[1], sys.argv[2]
sys.path.insert(0, root)
sys.argv = ["main.py", "--save-dir", saves]
runpy.run_path(os.path.join(root, "main.py"), run_name="__main__")
"""


def wall(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - start


def best(runs: int, command: list[str], env: dict[str, str], cwd: Path) -> float:
    wall(command, env, cwd)  # warm the file cache first
    return min(wall(command, env, cwd) for _ in range(runs))


def first_frame(runs: int, code: str, root: Path, env: dict[str, str]) -> tuple[float, float]:
    """Best (wall, CPU) seconds from starting a process to the title screen on screen."""
    walls, cpus = [], []
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as saves:
        for _ in range(runs + 1):  # the first run warms the file cache (and writes the bytecode)
            start = time.time()
            done = subprocess.run([sys.executable, "-c", code, str(root), saves], env=env,
                                  cwd=root, capture_output=True, text=True, check=False)
            lines = [line for line in done.stdout.splitlines() if line.startswith('{"shown_at"')]
            if done.returncode != 0 or not lines:
                raise SystemExit(f"the window did not start:\n{done.stderr[-2000:]}")
            shown = json.loads(lines[-1])
            walls.append(shown["shown_at"] - start)
            cpus.append(shown["cpu"])
    return min(walls[1:]), min(cpus[1:])


def imported_by_version(root: Path, env: dict[str, str]) -> list[str]:
    """The heavy modules that `main.py --version` imports."""
    code = (f"import runpy, sys\nsys.path.insert(0, {str(root)!r})\n"
            "sys.argv = ['main.py', '--version']\n"
            f"try:\n    runpy.run_path({str(root / 'main.py')!r}, run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            f"print([n for n in sorted(sys.modules) if n.startswith({HEAVY!r})], file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=root, capture_output=True,
                          text=True, check=False)
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "[]"
    return json.loads(last.replace("'", '"'))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="processes per figure (best is kept)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to time")
    args = parser.parse_args()
    root = args.root.resolve()
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPYCACHEPREFIX", None)
    print(f"load average before: {Path('/proc/loadavg').read_text().strip()}"
          if Path("/proc/loadavg").exists() else "load average: n/a")
    bare = best(args.runs, [sys.executable, "-c", "pass"], env, root)
    print(f"{'python -c pass':>40}: {bare * 1000:7.1f} ms")
    for flag in ("--version", "--help"):
        taken = best(args.runs, [sys.executable, str(root / "main.py"), flag], env, root)
        over = taken - bare
        verdict = "ok" if over <= GOALS["over_python_s"] else "MISSED"
        print(f"{'main.py ' + flag:>40}: {taken * 1000:7.1f} ms, {over * 1000:6.1f} ms over bare "
              f"Python (goal <= {GOALS['over_python_s'] * 1000:.0f} ms) [{verdict}]")
    with tempfile.TemporaryDirectory(prefix="bench-startup-bytecode-") as bytecode:
        compiled = dict(env, PYTHONPYCACHEPREFIX=bytecode)
        compiled.pop("PYTHONDONTWRITEBYTECODE")
        for way, code in (("App", APP), ("python main.py", COMMAND)):
            for how, way_env in (("compiling", env), ("bytecode", compiled)):
                frame, cpu = first_frame(max(3, args.runs // 2), code, root, way_env)
                verdict = "ok" if frame <= GOALS["first_frame_s"] else "MISSED"
                print(f"{f'first frame, {way}, {how}':>40}: {frame * 1000:7.1f} ms (CPU "
                      f"{cpu * 1000:5.1f} ms; goal <= {GOALS['first_frame_s'] * 1000:.0f} ms) "
                      f"[{verdict}]")
    heavy = imported_by_version(root, env)
    imported = ", ".join(heavy) if heavy else "none of " + ", ".join(HEAVY)
    print(f"{'--version imported':>40}: {imported}")
    if Path("/proc/loadavg").exists():
        print(f"load average after: {Path('/proc/loadavg').read_text().strip()}")


if __name__ == "__main__":
    main()
