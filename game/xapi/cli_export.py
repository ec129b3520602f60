"""`python main.py export --xapi OUT.json [RECORD ...]`: session records as xAPI statements in
one file (a JSON array), each checked against the shipped statement schema first.

Exit status: 0 written; 1 when some statement failed the schema (the others are written, the
failures named) or no usable record was found; 2 for a wrong argument or settings, or a file
that cannot be written.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..records import find_records, records_folder
from ..saves import save_dir
from ..files.write import write_text_atomic
from .config import ConfigError, load_config, with_device
from .mapping import shares_words, statements_of
from .schema import problem


def add_parser(commands) -> None:
    export = commands.add_parser(
        "export", help="write session records as xAPI statements (a JSON file)",
        description="Write session records as xAPI statements in one JSON file, for a "
                    "Learning Record Store or any tool that reads xAPI (docs/xapi.md). Each "
                    "statement is checked against the xAPI statement schema the game ships.")
    export.add_argument("records", nargs="*", metavar="RECORD",
                        help="record files, or folders of them (default: the records folder "
                             "of the save folder)")
    export.add_argument("--xapi", metavar="OUT.json", required=True,
                        help="the file to write the statements to")
    export.add_argument("--save-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="the save folder whose settings (xapi/config.json) and records "
                             "to use (default: saves/)")


def command(args: argparse.Namespace) -> int:
    out = Path(args.xapi)
    if out.suffix.lower() != ".json":
        return _say(f'"{out.name}" does not end in .json: give a file name like statements.json', 2)
    folder = save_dir(getattr(args, "save_dir", None))
    try:
        config = with_device(load_config(folder), folder)
    except ConfigError as exc:
        return _say(str(exc), 2)
    except OSError as exc:
        return _say(f"cannot write this device's id in {folder}: {exc.strerror or exc}", 2)
    paths = [Path(p) for p in args.records] or [records_folder(folder)]
    for path in paths:
        if not path.exists():
            _say(f"{path}: there is no such file or folder")
    found = find_records(p for p in paths if p.exists())
    statements, failed, kept_back = [], 0, 0
    for record in found:
        if not record.ok:
            _say(f"{record.path}: {record.reason}")
            continue
        kept_back += not shares_words(record.data, config)
        for number, statement in enumerate(statements_of(record.data, config), start=1):
            wrong = problem(statement)
            if wrong:
                failed += 1
                _say(f"{record.path}: statement {number}: {wrong}")
            else:
                statements.append(statement)
    usable = sum(r.ok for r in found)
    if not usable:
        return _say("No usable session records were found, so nothing was written.", 1)
    try:
        write_text_atomic(out, json.dumps(statements, ensure_ascii=False, indent=1))
    except OSError as exc:
        return _say(f"cannot write {out}: {exc.strerror or exc}", 2)
    print(f"Wrote {out}: {len(statements)} statements from {usable} "
          f"record{'s' * (usable != 1)}" + (f"; {failed} failed the schema" if failed else "")
          + (f" (players' own words left out of {kept_back} record{'s' * (kept_back != 1)}: "
             + ("the organisation does not allow them" if not config.share_answers else
                "their players did not agree") + "; see share_answers in docs/xapi.md)."
             if kept_back else "."))
    return 1 if failed else 0


def _say(message: str, status: int = 0) -> int:
    print(message, file=sys.stderr)
    return status
