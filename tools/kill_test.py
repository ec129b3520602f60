"""Hard kills during play: does a kill -9 ever corrupt or lose a save or a session record?

Starts `python main.py play --text` on a scratch save folder, fed by a pipe with answers that
race through the story (so it writes the autosave and the record many times a second), kills it
with SIGKILL (TerminateProcess on Windows) at a random moment, and checks:

- corrupt: a .json file in the save folder or records/ that no longer parses;
- lost: a file that parsed just before the kill, gone or holding fewer steps just after it;
- stale: the writer's temporary files left by the kills, and how many remain after one more
  start once they are old (the lock holder clears them then).

    python tools/kill_test.py              # 50 kills
    python tools/kill_test.py --kills 200 --seed 7
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPORARY = re.compile(r"^\..+\.tmp$")
ANSWERS = "y\n1\n\n2\n\n3\n\n" * 300  # y answers "replace the autosave?"; the rest plays on


def files(folder: Path) -> list[Path]:
    return [p for place in (folder, folder / "records") if place.is_dir()
            for p in place.iterdir() if p.suffix == ".json" and not p.name.startswith(".")]


def temporaries(folder: Path) -> list[Path]:
    return [p for place in (folder, folder / "records") if place.is_dir()
            for p in place.iterdir() if TEMPORARY.match(p.name)]


def steps(path: Path) -> tuple[str, int] | None:
    """Which playthrough the file holds and how far it has got (choices of a save, steps of a
    record); None if it does not parse."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    return str(data.get("record") or data.get("id")), len(data.get("choices") or data.get("steps") or [])


def start(folder: Path, answers: str = ANSWERS) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "play", "--text", "--save-dir", str(folder)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.stdin.write(answers.encode())
        process.stdin.close()
    except OSError:
        pass  # it ended before reading everything
    return process


def last_write(folder: Path) -> int:
    try:
        return (folder / "auto.json").stat().st_mtime_ns
    except OSError:
        return 0


def run(kills: int = 50, seed: int | None = None, folder: Path | None = None,
        latest: float = 0.6, say=print) -> dict:
    """Kill the game `kills` times; the counts of corrupt, lost and stale files. Most kills
    come up to `latest` seconds after its first autosave (while it writes many times a second);
    one in five comes at any moment of its first two seconds (starting up, reading, asking)."""
    chance = random.Random(seed)
    scratch = None
    if folder is None:
        scratch = tempfile.TemporaryDirectory(prefix="kill-test-")
        folder = Path(scratch.name)
    counts = {"kills": 0, "ended_first": 0, "corrupt": 0, "lost": 0, "stale_left": 0,
              "stale_after_start": 0, "records": 0}
    try:
        for _ in range(6 * kills):  # a run that ends before its kill does not count as one
            if counts["kills"] == kills:
                break
            written = last_write(folder)
            process = start(folder)
            if chance.random() < 0.2:
                deadline = time.monotonic() + chance.uniform(0, 0.8)  # during start-up
            else:
                give_up = time.monotonic() + 30
                while (last_write(folder) == written and process.poll() is None
                       and time.monotonic() < give_up):
                    time.sleep(0.002)
                deadline = time.monotonic() + chance.uniform(0, latest)
            before: dict[Path, tuple[str, int]] = {}
            while time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.01)
            # what is on disk now (the process may write more before it dies: more, never less)
            for path in files(folder):
                found = steps(path)
                if found is not None:
                    before[path] = found
            if process.poll() is None:
                process.kill()
                counts["kills"] += 1
            else:
                counts["ended_first"] += 1
            process.wait()
            for path in files(folder):
                if steps(path) is None:
                    counts["corrupt"] += 1
                    say(f"corrupt: {path.name}")
            for path, found in before.items():
                now = steps(path)
                # a new game may replace the autosave: a loss only within one playthrough
                if now is None or (now[0] == found[0] and now[1] < found[1]):
                    counts["lost"] += 1
                    say(f"lost: {path.name} had {found} steps, now {now}")
        left = temporaries(folder)
        counts["stale_left"] = len(left)
        counts["records"] = len(files(folder / "records"))
        old = time.time() - 3600  # an hour later: the next game to hold the folder clears them
        for path in left:
            os.utime(path, (old, old))
        start(folder, "").wait(timeout=60)
        counts["stale_after_start"] = len(temporaries(folder))
    finally:
        if scratch is not None:
            scratch.cleanup()
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=50, help="how many times to kill the game")
    parser.add_argument("--seed", type=int, default=None, help="for the same random moments again")
    args = parser.parse_args()
    if args.kills < 1:
        parser.error("--kills must be 1 or more")
    started = time.monotonic()
    counts = run(args.kills, args.seed)
    print(f"{counts['kills']} kills ({counts['ended_first']} runs ended before their kill) in "
          f"{time.monotonic() - started:.0f} s; {counts['records']} records")
    print(f"corrupt: {counts['corrupt']}  lost: {counts['lost']}  "
          f"stale temporary files left by kills: {counts['stale_left']}, "
          f"after the next start: {counts['stale_after_start']}")
    return 1 if counts["corrupt"] or counts["lost"] or counts["stale_after_start"] else 0


if __name__ == "__main__":
    sys.exit(main())
