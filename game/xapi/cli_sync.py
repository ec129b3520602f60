"""`python main.py sync [--lrs URL]`: send finished session records to the organisation's
Learning Record Store, through the outbox in the save folder, and say what was sent.

Exit status: 0 everything waiting was sent (or nothing waited); 1 something could not be sent
(the store could not be reached, refused the credentials or some statements; what was not
sent stays in the outbox); 2 for missing or wrong settings.
"""
from __future__ import annotations

import argparse
import sys

from ..records import list_records
from ..saves import save_dir
from .config import AUTH_VARIABLE, ConfigError, check_lrs, load_config, with_device
from .outbox import Outbox, send_outbox
from .send import Store, site_of


def add_parser(commands) -> None:
    sync = commands.add_parser(
        "sync", help="send finished session records to a Learning Record Store (xAPI)",
        description="Send every finished session record the store does not have yet, as xAPI "
                    "statements, and say what was sent. What cannot be sent waits in the "
                    "outbox (xapi/outbox/ in the save folder) for the next sync. The username "
                    f"and password come from {AUTH_VARIABLE} (username:password) or "
                    "xapi/config.json in the save folder, never from the command line.")
    sync.add_argument("--lrs", metavar="URL",
                      help='the store\'s xAPI endpoint, e.g. https://lrs.example.org/xAPI '
                           '(default: "lrs" in xapi/config.json)')
    sync.add_argument("--save-dir", metavar="DIR", default=argparse.SUPPRESS,
                      help="the save folder to send from (default: saves/)")


def command(args: argparse.Namespace) -> int:
    folder = save_dir(getattr(args, "save_dir", None))
    try:
        config = load_config(folder, args.lrs)
        if not config.lrs:
            raise ConfigError("no LRS address: give --lrs URL, or \"lrs\" in "
                              f"{folder / 'xapi' / 'config.json'}")
        endpoint = check_lrs(config.lrs)
        if not config.has_credentials:
            raise ConfigError(f"no username and password for the LRS: set {AUTH_VARIABLE} to "
                              "username:password, or give \"username\" and \"password\" in "
                              f"{folder / 'xapi' / 'config.json'}")
        config = with_device(config, folder)
    except ConfigError as exc:
        return _say(str(exc), 2)
    except OSError as exc:
        return _say(f"cannot write in {folder / 'xapi'}: {exc.strerror or exc}", 2)
    records = list_records(folder)
    usable = [r.data for r in records if r.ok]
    unfinished = sum(1 for data in usable if not data.get("ending"))
    try:
        box = Outbox.open(folder)
        for line in box.damaged:
            _say(f"{line} (set aside; its record is queued again)")
        queued, refused = box.queue(usable, config)
        for line in refused:
            _say(f"not sent, it fails the xAPI schema: {line}")
        store = Store.of(endpoint, config)
        done = send_outbox(box, store)
    except OSError as exc:
        return _say(f"cannot write the outbox in {folder / 'xapi'}: {exc.strerror or exc}; "
                    "nothing is lost: the records are untouched", 2)
    site = site_of(endpoint)
    if not queued and not done.records and done.error is None:
        print(f"Nothing new to send: {site} has every finished record."
              + (f" {unfinished} unfinished record{'s wait' if unfinished != 1 else ' waits'} "
                 "until it reaches an ending." if unfinished else ""))
        return 1 if refused else 0
    print(f"Sent {done.statements} statement{'s' * (done.statements != 1)} of {done.records} "
          f"record{'s' * (done.records != 1)} to {site}."
          + (f" {unfinished} unfinished record{'s wait' if unfinished != 1 else ' waits'} until "
             "it reaches an ending." if unfinished else ""))
    for line in done.conflicts:
        _say(f"not sent: {line} (the store keeps the version it has)")
    if done.error is not None:
        waiting = box.count()
        when = ("when the store can be reached" if done.error.kind == "unreachable"
                else "when that is put right")
        _say(f"Stopped: {done.error}. {waiting} statement{'s' * (waiting != 1)} of "
             f"{len(box.waiting)} record{'s' * (len(box.waiting) != 1)} wait in the outbox; "
             f"run sync again {when}.")
        return 1
    return 1 if done.conflicts or refused else 0


def _say(message: str, status: int = 0) -> int:
    print(message, file=sys.stderr)
    return status
