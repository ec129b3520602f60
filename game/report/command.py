"""`python main.py report [RECORD ...] --out FILE.html [--compare] [--scenes DIR]` (its options are
declared in game/cli/parser.py, so the report package is imported only when a report is made).

Writes FILE.html and FILE.csv beside it. Exit status: 0 when the report was written; 2 for a
wrong argument, no usable record, or a file that could not be written (game/cli/parser.py: EPILOG).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..places import scene_roots, scenes_dir
from ..files.folders import HINT, folder_problem
from ..records import records_folder
from ..saves import save_dir
from .build import build_report, reflection_table, write_report
from .collect import Shelf

SCENES = scenes_dir()
SUFFIXES = (".html", ".htm")


def command(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES:
        _say(f'"{out.name}" does not end in .html: give a file name like report.html '
             "(the CSV is written beside it)")
        return 2
    if args.records:
        paths = [Path(p) for p in args.records]
    else:
        folder = save_dir(getattr(args, "save_dir", None))
        problem = folder_problem(folder) or folder_problem(records_folder(folder), "records folder")
        if problem:  # not "not valid JSON": the folder itself is wrong
            _say(f"{problem}, so it holds no session records and no report was written; {HINT}.")
            return 2  # a --save-dir that cannot be used is refused input
        paths = [records_folder(folder)]
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        _say(f"{path}: there is no such file or folder")
    paths = [p for p in paths if p.exists()]
    shelf = Shelf([Path(p) for p in (args.scenes or [])] + scene_roots())
    report = build_report(paths, shelf, side_by_side=args.compare)
    for skipped in report.collection.skipped:
        _say(f"{skipped.path}: {skipped.reason}")
    entries = report.collection.entries
    if not entries:
        where = ", ".join(str(p) for p in paths) or "the folders given"
        _say(f"No usable session records in {where}, so no report was written. Records are "
             "made as you play; name record files or folders, or use --save-dir.")
        return 2
    if args.compare and len(entries) != 2:
        given = len(entries)
        _say(f"--compare needs exactly two usable records; {given} "
             f"{'was' if given == 1 else 'were'} given, so no report was written")
        return 2
    try:
        table = write_report(report, out)
    except OSError as exc:
        _say(f"cannot write the report: {exc.strerror or exc}")
        return 2
    count = len(entries)
    skipped = len(report.collection.skipped)
    print(f"Wrote {out} and {table.name}: {report.title} ({count} record{'s' * (count != 1)}"
          + (f"; {skipped} file{'s' * (skipped != 1)} skipped" if skipped else "") + ").")
    if report.reflection_rows:
        print(f"The answers to the reflection statements are in {reflection_table(out).name}.")
    return 0


def _say(message: str) -> None:
    print(message, file=sys.stderr)
