"""Benchmark `report` on many session records of random playthroughs.

    python tools/bench_report.py                      # 200 records of haven, half per role
    python tools/bench_report.py --records 500 --keep /tmp/records --out /tmp/room.html

The records are made with game.records.Recorder, as the game makes them (seeded, so the same
every time); a few are in workshop mode with votes, a note and debrief answers. Then the report
is built (scenario load included, as the command does it) and timed: the median of --repeat.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.records import Recorder, records_folder  # noqa: E402
from game.report import Shelf, build_report  # noqa: E402
from game.report.csv_out import to_csv  # noqa: E402
from game.story import Run, Scenario, load  # noqa: E402
from game.story.debrief import REACTION_WORDS  # noqa: E402

GOAL_S = 3.0
LABELS = ("Table 1", "Table 2", "Table 3", "Pairs A", "Pairs B", "")


def make_records(save_folder: Path, scenario: Scenario, count: int, seed: int = 1,
                 workshop_every: int = 5) -> list[Path]:
    """`count` records of random playthroughs, alternating the roles; every `workshop_every`th
    is in workshop mode, with votes at each decision, a note now and then, and debrief answers."""
    chooser = random.Random(seed)
    roles = list(scenario.roles)
    paths = []
    for number in range(count):
        run = Run(scenario, roles[number % len(roles)], seed + number)
        workshop = workshop_every > 0 and number % workshop_every == 0
        recorder = Recorder(save_folder, run, LABELS[number % len(LABELS)],
                            "workshop" if workshop else "solo")
        recorder.id = f"bench-{number:04d}-{run.role.replace('_', '-')}"
        recorder.path = recorder.folder / f"{recorder.id}.json"
        while not run.ended:
            views = run.choices
            if workshop and len(views) > 1:
                recorder.set_votes([chooser.randint(0, 6) for _ in views])
                if chooser.random() < 0.1:
                    recorder.set_note(f"The room argued about this one ({number}).")
            run.choose(chooser.choice([v for v in views if v.enabled]).index)
        if workshop:
            recorder.set_debrief(reactions=chooser.sample(REACTION_WORDS, 2),
                                 takeaways=["Ask before planning."], action="Share the budget.")
        recorder.update()
        paths.append(recorder.path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--scenario", default=str(ROOT / "scenes" / "haven"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", metavar="DIR", help="make the records here (default: a temp dir)")
    parser.add_argument("--out", metavar="FILE.html", help="also write the report here")
    args = parser.parse_args()
    scenario = load(args.scenario)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(args.keep) if args.keep else Path(temporary)
        started = time.perf_counter()
        make_records(folder, scenario, args.records, args.seed)
        made = time.perf_counter() - started
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            report = build_report([records_folder(folder)], Shelf([Path(args.scenario).parent]))
            text = to_csv(report.rows)
            times.append(time.perf_counter() - started)
        if args.out:
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(report.html, encoding="utf-8")
            Path(args.out).with_suffix(".csv").write_text(text, encoding="utf-8")
    median = statistics.median(times)
    print(f"{args.records} records of {scenario.id} made in {made:.2f} s")
    print(f"report: median {median:.2f} s of {args.repeat} "
          f"({', '.join(f'{t:.2f}' for t in times)}); {args.records / median:.0f} records/s; "
          f"HTML {len(report.html.encode()) / 1024:.0f} KiB, CSV {len(text.encode()) / 1024:.0f} KiB, "
          f"{len(report.rows)} CSV rows")
    print(f"goal: <= {GOAL_S:.1f} s: {'met' if median <= GOAL_S else 'NOT met'}")
    return 0 if median <= GOAL_S else 1


if __name__ == "__main__":
    sys.exit(main())
