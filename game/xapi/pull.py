"""Records read back from a store, for `python main.py report --lrs URL [--since DATE]
[--scenario ID] --out FILE.html`: the room report of every site that sent to the store.

The statements are fetched page by page (the store's `more` links), `since` asked of the
store; the scenario is picked here from the records' headers, since stores differ in how
they filter activities.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from ..saves import save_dir

from ..files.write import write_text_atomic
from .config import AUTH_VARIABLE, ConfigError, check_lrs, load_config
from .readback import Readback, records_of
from .send import LRSError, Store, site_of

PAGE = 500
SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")


def since_of(text: str) -> str:
    """An xAPI timestamp from a date (2026-11-26) or a date and time; ValueError if neither."""
    found = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if found.tzinfo is None:
        found = found.astimezone()  # the computer's own time zone, as a person means it
    return found.astimezone(timezone.utc).isoformat(timespec="seconds")


def pull(store: Store, base: str, since: str | None = None,
         scenario: str | None = None) -> Readback:
    """The records in `store` under `base` (of `scenario`, stored since `since`)."""
    query = {"limit": str(PAGE)}
    if since:
        query["since"] = since
    found = records_of(store.fetch(**query), base)
    if scenario:
        found.records = [r for r in found.records if r.get("scenario") == scenario]
    return found


def command(args: argparse.Namespace) -> int:
    """`report --lrs`: fetch, write the records to a temporary folder, and make the report
    from it exactly as from records on disk."""
    from ..report import command as report
    folder = save_dir(getattr(args, "save_dir", None))
    try:
        config = load_config(folder, args.lrs)
        endpoint = check_lrs(config.lrs)
        if not config.has_credentials:
            raise ConfigError(f"no username and password for the LRS: set {AUTH_VARIABLE} to "
                              "username:password, or give them in xapi/config.json in the "
                              "save folder")
        since = since_of(args.since) if args.since else None
    except ConfigError as exc:
        return _say(str(exc), 2)
    except ValueError:
        return _say(f'--since "{args.since}" is not a date: give one like 2026-11-26 '
                    "(or 2026-11-26T09:00)", 2)
    if args.records:
        return _say("give either RECORD files or --lrs, not both", 2)
    try:
        found = pull(Store.of(endpoint, config), config.base, since, args.scenario)
    except LRSError as exc:
        return _say(f"No report was written: {exc}.", 1)
    if found.incomplete:
        _say(f"{len(found.incomplete)} record(s) in the store are still arriving (their first "
             "statement is missing) and are left out")
    if not found.records:
        what = f' of scenario "{args.scenario}"' if args.scenario else ""
        return _say(f"The LRS at {site_of(endpoint)} holds no session records{what}"
                    + (f" stored since {args.since}" if since else "") + ", so no report was written.", 1)
    with tempfile.TemporaryDirectory(prefix="making-together-lrs-") as place:
        for record in found.records:
            if not SAFE_ID.fullmatch(str(record["id"])):
                _say(f'a record in the store has an id that cannot be a file name and is left out: {str(record["id"])[:40]!r}', 0)
                continue
            write_text_atomic(Path(place) / f"{record['id']}.json",
                              json.dumps(record, ensure_ascii=False))
        args.records = [place]
        return report.command(args)


def _say(message: str, status: int) -> int:
    print(message, file=sys.stderr)
    return status
