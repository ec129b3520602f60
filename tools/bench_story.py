"""Benchmark the pure-Python story core (game/story) on large generated scenarios.

Every time is given twice: wall-clock (perf_counter) and CPU time (process_time) of this
process. On a machine shared with other work the CPU time is the fairer figure; the first line
printed, the CPU time of a fixed pure-Python workload, lets figures from different machines be
compared.

For each size it writes a valid scenario of N scenes (1,000 per chapter file) to a temporary
folder (or, with --scenario, takes a scenario folder as it is), then measures:
  - load + validate time (game.story.load_scenario, best of 3) and how it splits into
    YAML parsing (source.read_source), schema checks (schema.schema_problems) and the rest;
  - the same load warm: the whole built scenario found in the parse cache
    (game/files/parse_cache.py, in a temporary folder), so neither parsed, checked against the
    schema nor built again;
  - random playthroughs with game.story.Run: choices per CPU second over about 2 s of play;
  - memory: tracemalloc peak of one load plus a few playthroughs, and the process's max RSS;
and the time to refuse a "billion laughs" alias bomb and a file one byte over the size cap.

    python tools/bench_story.py                    # 1000, 2500, 5000 and 10000 scenes
    python tools/bench_story.py --scenes 500 2000 --seconds 1 --profile
    python tools/bench_story.py --scenario scenes/haven --scenario ../mirror-1k --scenes

Start-up times (--version, --help, the window's first frame): tools/bench_startup.py.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.files.parse_cache import ParseCache  # noqa: E402
from game.story import LoadResult, Run, Scenario, load_scenario  # noqa: E402
from game.story.loader import NOT_CHAPTERS  # noqa: E402
from game.story.schema import schema_problems  # noqa: E402
from game.story.source import MAX_FILE_BYTES, parse_text, read_source  # noqa: E402

try:
    import resource
except ImportError:  # Windows
    resource = None

SCENES_PER_FILE = 1000
GOALS = {"load_s": 1.5, "warm_s": 0.4, "choices_per_s": 20_000, "memory_mb": 300}
HAVEN_WARM_S = 0.05  # the shipped scenario, from the parse cache
CALIBRATION_ADDITIONS = 10_000_000
WORDS = """group letter meeting kettle budget paper rules trust voice table chair window room people
team manager member money time week plan draft leaflet question answer story morning evening hospital
worker service support listen speak write read share decide agree wonder carefully quietly slowly
together honest fair clear kind tired hopeful nervous careful open small long first last next every
other whole simple different important useful ready the a of to and with for about from into after
before while because but then still again only just almost never often""".split()
TAGS = ("power", "purpose", "respect", "responsibility", "resources", "next")
CONDITIONS = ("trust >= 40 or paid_fairly", "power > -30 and energy > 2",
              "outcome >= 45 or not paid_fairly")


def sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def effect_yaml(rng: random.Random) -> list[str]:
    """Two or three effects on different things, each with why: and tag:."""
    out: list[str] = []
    for name in rng.sample(["trust", "power", "outcome", "energy", "paid_fairly"], rng.randint(2, 3)):
        head = (f"- {rng.choice(['set', 'clear'])}: paid_fairly" if name == "paid_fairly"
                else f"- {name}: {rng.choice([-1, 1]) * rng.randint(1, 9):+d}")
        out += [head, f"  why: {sentence(rng, 4, 8)}", f"  tag: {rng.choice(TAGS)}"]
    return out


def scene_yaml(i: int, count: int, rng: random.Random) -> str:
    text = " ".join(sentence(rng, 6, 12) for _ in range(6))  # about 60 words
    out = [f"- id: s{i:05d}", f"  title: Scene {i + 1}", "  text: |", f"    {text}", "  lines:",
           f"    - Dev: {sentence(rng, 5, 10)}", f"    - Ruth: {sentence(rng, 5, 10)}",
           f"    - {sentence(rng, 4, 8)}", "  choices:"]
    for step in (1, 2, 3):
        target = f"s{i + step:05d}" if i + step < count else "end"
        out.append(f"    - text: {sentence(rng, 4, 9)}")
        if step == 3:
            out.append(f"      if: {rng.choice(CONDITIONS)}")
            if i % 3 == 0:
                out.append(f"      locked: {sentence(rng, 4, 8)}")
        out.append("      effects:")
        out += [f"        {line}" for line in effect_yaml(rng)]
        out.append(f"      next: {target}")
    return "\n".join("  " + line for line in out)


SCENARIO_HEAD = """scenario: bench-{count}
title: Benchmark with {count} scenes
roles:
  professional: {{name: "Ruth, team manager", start: s00000}}
  service_user: {{name: "Dev, group member", start: s00001}}
variables:
  energy: {{label: Energy, min: 0, max: 10, start: 6}}
flags:
  paid_fairly: The group is paid for its time
cast:
  Ruth: {{about: Team manager}}
  Dev: {{about: Group member}}
endings:
  - {{id: made-together, title: Made together, text: Both sides made it., if: trust >= 65 and power > -25 and power < 25}}
  - {{id: tidy-consultation, title: A tidy consultation, text: Staff decided., if: power <= -40}}
  - {{id: useful-thing, title: A useful thing, text: It helped., if: outcome >= 70}}
  - {{id: it-was-something, title: It was something, text: It was something.}}
"""


def write_scenario(folder: Path, count: int, seed: int) -> float:
    """Write scenario.yaml and chapter files; return the total size in MB."""
    rng = random.Random(seed * 1_000_003 + count)
    (folder / "scenario.yaml").write_text(SCENARIO_HEAD.format(count=count), encoding="utf-8")
    for first in range(0, count, SCENES_PER_FILE):
        body = "\n".join(scene_yaml(i, count, rng) for i in range(first, min(first + SCENES_PER_FILE, count)))
        path = folder / f"chapter-{first // SCENES_PER_FILE + 1:04d}.yaml"
        path.write_text(f"chapter: Chapter {first // SCENES_PER_FILE + 1}\nscenes:\n{body}\n", encoding="utf-8")
        assert path.stat().st_size <= MAX_FILE_BYTES, f"{path.name} is over the size cap"
    return sum(p.stat().st_size for p in folder.iterdir()) / 1_048_576


def best_of(repeats: int, action: Callable[[], object]) -> tuple[float, float]:
    """The shortest wall-clock time and the shortest CPU time of `repeats` runs."""
    wall = cpu = float("inf")
    for _ in range(repeats):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        cpu = min(cpu, time.process_time() - start_cpu)
        wall = min(wall, time.perf_counter() - start)
    return wall, cpu


def calibration() -> float:
    """CPU seconds for a fixed pure-Python workload (best of 3): the machine's speed."""
    def additions() -> int:
        total = 0
        for number in range(CALIBRATION_ADDITIONS):
            total += number
        return total
    return best_of(3, additions)[1]


def load_checked(folder: Path, cache: ParseCache | None = None) -> LoadResult:
    """load_scenario, stopping the benchmark (with the first problems) if there is any error."""
    result = load_scenario(folder, cache=cache)
    if result.errors or result.scenario is None:
        print("\n".join(str(p) for p in result.errors[:10]), file=sys.stderr)
        raise SystemExit(f"the generated scenario has {len(result.errors)} errors")
    return result


def time_stages(folder: Path) -> dict[str, float]:
    """Best-of-3 times of the whole load (without the parse cache, and warm: every file in
    it), the parse alone, the schema checks alone; wall-clock, and CPU time (`*_cpu`)."""
    files = [folder / "scenario.yaml"] + sorted(
        p for p in folder.glob("*.y*ml") if p.name != "scenario.yaml"
        and not p.name.startswith((".", "_")) and p.name not in NOT_CHAPTERS)
    row: dict[str, float] = {}
    row["load_s"], row["load_cpu"] = best_of(3, lambda: load_checked(folder))
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as place:
        cache = ParseCache(Path(place))
        load_checked(folder, cache)  # fills the cache
        row["warm_s"], row["warm_cpu"] = best_of(3, lambda: load_checked(folder, cache))
        # Filling: every file's entry and the whole scenario's miss; then the whole one hits.
        if cache.misses != len(files) + 1 or cache.hits != 3:
            raise SystemExit(f"the parse cache missed {cache.misses} times for {len(files)} files "
                             f"and the whole scenario, and hit {cache.hits} times in 3 loads")
    row["parse_s"], row["parse_cpu"] = best_of(3, lambda: [read_source(p) for p in files])
    sources = [read_source(p) for p in files]
    row["schema_s"], row["schema_cpu"] = best_of(
        3, lambda: [schema_problems(s, i == 0) for i, s in enumerate(sources)])
    for clock in ("s", "cpu"):
        row[f"build_{clock}"] = max(0.0, row[f"load_{clock}"] - row[f"parse_{clock}"]
                                    - row[f"schema_{clock}"])
    return row


PICKS = 256  # random bytes drawn at once for play()'s picks


def play(scenario: Scenario, seed: int, seconds: float = 0.0, runs: int = 0) -> tuple[int, float]:
    """Random playthroughs (roles in turn) for `seconds` or `runs`; (choices made, time taken).

    A player's loop: read the options on offer, pick one at random, choose it, and start a new
    run at an ending. The picks come from a seeded stream of random bytes drawn PICKS at a
    time, option `byte % n` of n; a locked one is passed over for the next byte, so every
    enabled option is as likely (to within one byte value in 256). random.choice, and the list
    of enabled options it needs, cost a third of a choice: the figure is meant to be the story
    core's."""
    rng, roles = random.Random(seed), list(scenario.roles)
    made = done = 0
    start = time.perf_counter()
    while (time.perf_counter() - start < seconds) if seconds else done < runs:
        run = Run(scenario, roles[done % len(roles)], seed=seed + done)
        while run.ending is None:
            for pick in rng.randbytes(PICKS):
                views = run.choices
                if views:
                    view = views[pick % len(views)]
                    if view.enabled:
                        run.choose(view.index)
                        made += 1
                        if run.ending is not None:
                            break
                        continue
                if run.stuck:
                    raise SystemExit(f"a {run.role} run is stuck at {run.scene.id}: "
                                     "no option can be taken")
        done += 1
    return made, time.perf_counter() - start


def max_rss_mb() -> float | None:
    """The process's high-water resident memory so far (never goes down)."""
    if resource is None:
        return None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1_048_576 if sys.platform == "darwin" else 1024)


def traced_peak_mb(folder: Path, seed: int) -> float:
    """tracemalloc peak of one load plus 4 playthroughs."""
    gc.collect()
    tracemalloc.start()
    play(load_checked(folder).scenario, seed, runs=4)
    peak = tracemalloc.get_traced_memory()[1] / 1_048_576
    tracemalloc.stop()
    return peak


def bench_size(count: int, seed: int, seconds: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-story-") as tmp:
        write_scenario(Path(tmp), count, seed)
        return bench_folder(Path(tmp), seed, seconds)


def bench_folder(folder: Path, seed: int, seconds: float) -> dict[str, float]:
    """Every figure for one scenario folder."""
    size = sum(p.stat().st_size for p in folder.glob("*.y*ml")) / 1_048_576
    result = load_checked(folder)
    row: dict = {"name": folder.name, "scenes": len(result.scenario.scenes), "MB": size}
    start_cpu = time.process_time()
    made, taken = play(result.scenario, seed, seconds=seconds)
    row["choices_per_s"] = made / max(time.process_time() - start_cpu, 1e-9)  # per CPU second
    warnings = len(result.warnings)
    del result
    row.update(time_stages(folder))
    row["rss_MB"] = max_rss_mb()  # before tracemalloc, whose own bookkeeping inflates RSS
    row["peak_MB"] = traced_peak_mb(folder, seed)
    print(f"{folder.name[:20]:>20}: {row['scenes']:,} scenes, {row['MB']:.1f} MB, load "
          f"{row['load_s']:.3f} s, CPU {row['load_cpu']:.3f} s (warm {row['warm_s']:.3f} s, CPU "
          f"{row['warm_cpu']:.3f} s), {made} choices in {taken:.2f} s, {warnings} warnings",
          flush=True)
    return row


def bench_limits() -> None:
    """Time to refuse a billion-laughs alias bomb and a file one byte over the cap."""
    names = "abcdefghi"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{n}: &{n} [{','.join(['*' + p] * 9)}]" for p, n in zip(names, names[1:])]
    with tempfile.TemporaryDirectory(prefix="bench-story-") as tmp:
        big = Path(tmp) / "big.yaml"
        big.write_bytes(b"# " + b"x" * (MAX_FILE_BYTES - 2) + b"\n")  # MAX_FILE_BYTES + 1 bytes
        cases = (("billion laughs", lambda: parse_text("\n".join(lines) + "\n", "bomb.yaml")),
                 ("size cap + 1 byte", lambda: read_source(big)))
        for name, refuse in cases:
            start = time.perf_counter()
            source = refuse()
            ms = (time.perf_counter() - start) * 1000
            verdict = f"refused: {source.problems[0].message}" if source.problems else "NOT REFUSED"
            print(f"{name:>18}: {ms:8.3f} ms  {verdict}")


def print_table(rows: list[dict[str, float]]) -> None:
    """The figures, each time as wall-clock and CPU (`cpu`) seconds. The goals are judged on
    CPU time, which other programs running at the same time do not inflate."""
    columns = ["scenes", "MB", "load_s", "load_cpu", "warm_s", "warm_cpu", "parse_cpu",
               "schema_cpu", "build_cpu", "choices_per_s", "peak_MB", "rss_MB"]
    print("\n" + "  ".join(f"{c:>13}" for c in columns))
    for row in rows:
        cells = [f"{row[c]:>13,.0f}" if c in ("scenes", "choices_per_s") else
                 f"{row[c]:>13.3f}" if c.endswith(("_s", "_cpu")) else
                 f"{row[c]:>13.1f}" if row[c] is not None else f"{'n/a':>13}" for c in columns]
        print("  ".join(cells))
        if row["name"] == "haven":
            print(f"  goal: warm load <= {HAVEN_WARM_S * 1000:.0f} ms "
                  f"[{'ok' if row['warm_cpu'] <= HAVEN_WARM_S else 'MISSED'}]")
        if row["scenes"] == 10_000:
            memory = row["rss_MB"] if row["rss_MB"] is not None else row["peak_MB"]
            checks = [(row["load_cpu"] <= GOALS["load_s"], f"load+validate <= {GOALS['load_s']} s"),
                      (row["warm_cpu"] <= GOALS["warm_s"], f"warm load <= {GOALS['warm_s']} s"),
                      (row["choices_per_s"] >= GOALS["choices_per_s"], f">= {GOALS['choices_per_s']:,} choices/s"),
                      (memory <= GOALS["memory_mb"], f"memory <= {GOALS['memory_mb']} MB")]
            print("  goals:", ", ".join(f"{text} [{'ok' if ok else 'MISSED'}]" for ok, text in checks))
    small, large = rows[0], rows[-1]
    if len(rows) > 1:
        print(f"\nload time (CPU) grows {large['load_cpu'] / small['load_cpu']:.2f}x from {small['scenes']:,} "
              f"to {large['scenes']:,} scenes ({large['scenes'] / small['scenes']:.1f}x the scenes)")


def profile_load(count: int, seed: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-story-") as tmp:
        write_scenario(Path(tmp), count, seed)
        load_checked(Path(tmp))  # warm up the schema validators
        profiler = cProfile.Profile()
        profiler.runcall(load_checked, Path(tmp))
    print(f"\ncProfile of loading {count:,} scenes, top 10 by cumulative time:")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, nargs="*", default=[1000, 2500, 5000, 10000],
                        help="sizes of generated scenarios (none: only the --scenario folders)")
    parser.add_argument("--scenario", type=Path, action="append", default=[], metavar="DIR",
                        help="also time this scenario folder as it is (repeatable)")
    parser.add_argument("--seconds", type=float, default=2.0, help="play time per size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="cProfile the largest load")
    args = parser.parse_args()
    print(f"load average: {_loadavg()}")
    print(f"calibration: {CALIBRATION_ADDITIONS:,} additions in pure Python take "
          f"{calibration():.2f} s of CPU time on this machine", flush=True)
    for folder in args.scenario:
        if not (folder / "scenario.yaml").is_file():
            parser.error(f"--scenario {folder}: there is no scenario.yaml in it")
    sizes = sorted(set(args.scenes))  # ascending, because max RSS only ever grows
    rows = [bench_folder(folder, args.seed, args.seconds) for folder in args.scenario]
    rows += [bench_size(count, args.seed, args.seconds) for count in sizes]
    print_table(rows)
    print("\nsafety limits:")
    bench_limits()
    if args.profile and sizes:
        profile_load(sizes[-1], args.seed)
    print(f"load average: {_loadavg()}")


def _loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text().strip()
    except OSError:
        return "n/a"


if __name__ == "__main__":
    main()
