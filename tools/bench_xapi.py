"""Benchmark sending session records to a real Learning Record Store and reading them back.

    python tools/bench_xapi.py                 # 1,000 records of haven (about 40 statements each)
    python tools/bench_xapi.py --records 200 --batch 500

Starts Ralph (the `ralph-malph` LRS, file-system backend) on 127.0.0.1 on a free port, makes
the records with tools/bench_report.make_records, sends them with the same code as `python
main.py sync` (outbox included), fetches every statement back page by page and turns them
back into records. Prints statements/s both ways, with the load average (the machine may be
busy). `RalphServer` is also what tests/test_xapi_lrs.py starts its store with.

Ralph is looked for in $MAKING_TOGETHER_RALPH, then .venv/lrs/bin/ralph (which .ci/run
makes: a venv of its own, so its pinned dependencies never meet the game's), then on PATH.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RALPH_VARIABLE = "MAKING_TOGETHER_RALPH"
INSTALL_HINT = ('python3 -m venv .venv/lrs && .venv/lrs/bin/pip install "ralph-malph[cli,lrs]==5.1.0" '
                'requests (as .ci/run does)')


# Ralph's app served by uvicorn in one process, as Ralph is deployed (`ralph runserver` runs
# uvicorn with reload, for development: two processes and a file watcher). Ralph 5.1.0's
# file-system backend (meant for development) creates its one file at the first write and
# refuses every later one ("already exists and overwrite is not allowed"), so the store would
# take one POST only; these tests make it append, as its Elasticsearch, MongoDB and ClickHouse
# backends (the ones for production) add to what they hold.
SERVE = """
import sys
from ralph.backends.data import fs
from ralph.backends.data.base import BaseOperationType
fs.FSDataBackend.default_operation_type = BaseOperationType.APPEND
import uvicorn
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def find_ralph() -> Path | None:
    """The `ralph` program, or None when it is not installed."""
    for candidate in (os.environ.get(RALPH_VARIABLE), ROOT / ".venv" / "lrs" / "bin" / "ralph",
                      shutil.which("ralph")):
        # its venv's python serves the app (RalphServer), so it must be beside it
        if candidate and Path(candidate).is_file() and (Path(candidate).parent / "python").exists():
            return Path(candidate)
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RalphServer:
    """One Ralph LRS on loopback, its statements in `folder`/data, one user with the given
    password. start() waits until it answers; stop() ends it (kill() without mercy)."""

    def __init__(self, ralph: Path, folder: Path, username: str = "trainer",
                 password: str = "a long test password", page: int = 1000):
        self.ralph, self.folder = ralph, folder
        self.username, self.password, self.page = username, password, page
        self.port = 0
        self.process: subprocess.Popen | None = None
        folder.mkdir(parents=True, exist_ok=True)
        self._write_users()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    @property
    def auth(self) -> str:
        return f"{self.username}:{self.password}"

    def _write_users(self) -> None:
        """Ralph's auth.json, as `ralph auth -w` writes it, with a cheap bcrypt cost for tests."""
        python = self.ralph.parent / "python"
        code = ("import bcrypt, json, sys; print(bcrypt.hashpw(sys.argv[1].encode(), "
                "bcrypt.gensalt(rounds=4)).decode())")
        made = subprocess.run([str(python if python.exists() else sys.executable), "-c", code,
                               self.password], capture_output=True, text=True, check=True)
        users = [{"agent": {"mbox": "mailto:trainer@example.org", "objectType": "Agent"},
                  "scopes": ["all"], "hash": made.stdout.strip(), "username": self.username}]
        (self.folder / "auth.json").write_text(json.dumps(users), encoding="utf-8")

    def statements_on_disk(self) -> list[dict]:
        """Every statement the file backend holds, one per line as it stored them."""
        path = self.folder / "data" / "fs_lrs.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]

    def start(self, timeout: float = 90.0) -> "RalphServer":
        self.port = free_port()
        env = dict(os.environ, RALPH_APP_DIR=str(self.folder / "app"),
                   RALPH_AUTH_FILE=str(self.folder / "auth.json"), RALPH_RUNSERVER_BACKEND="fs",
                   RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT=str(self.page))
        (self.folder / "data").mkdir(exist_ok=True)
        log = open(self.folder / "ralph.log", "ab")
        env["RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH"] = str(self.folder / "data")
        self.process = subprocess.Popen(
            [str(self.ralph.parent / "python"), "-c", SERVE, str(self.port)],
            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph stopped at start:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2):
                    return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"Ralph did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 15) -> str:
        path = self.folder / "ralph.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def kill(self) -> None:
        """End the server at once, as a crash or a pulled cable would."""
        self._signal(signal.SIGKILL)

    def stop(self) -> None:
        self._signal(signal.SIGTERM)

    def _signal(self, which: int) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, which)  # its own session: uvicorn and nothing else
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=500, help="statements per request")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    ralph = find_ralph()
    if ralph is None:
        print(f"Ralph is not installed: {INSTALL_HINT}", file=sys.stderr)
        return 1
    from game.records import list_records
    from game.story import load
    from game.xapi.config import Config
    from game.xapi.outbox import Outbox, send_outbox
    from game.xapi.readback import records_of
    from game.xapi.send import Store
    from tools.bench_report import make_records
    with tempfile.TemporaryDirectory(prefix="bench-xapi-") as place:
        saves = Path(place) / "saves"
        started = time.perf_counter()
        make_records(saves, load(ROOT / "scenes" / "haven"), options.records, options.seed)
        made_s = time.perf_counter() - started
        server = RalphServer(ralph, Path(place) / "lrs").start()
        try:
            config = Config(share_answers=True, device="0f0e0d0c-0b0a-4908-8706-050403020100",
                            username=server.username, password=server.password)
            records = [r.data for r in list_records(saves) if r.ok]
            box = Outbox.open(saves)
            started = time.perf_counter()
            box.queue(records, config)
            queue_s = time.perf_counter() - started
            store = Store(server.endpoint, server.username, server.password, timeout=600)
            started = time.perf_counter()
            done = send_outbox(box, store, options.batch)
            send_s = time.perf_counter() - started
            if done.error:
                print(f"sending stopped: {done.error}", file=sys.stderr)
                return 1
            started = time.perf_counter()
            fetched = list(store.fetch(limit=str(server.page)))
            fetch_s = time.perf_counter() - started
            started = time.perf_counter()
            back = records_of(fetched, config.base)
            read_s = time.perf_counter() - started
        finally:
            server.stop()
    same = sorted(records, key=lambda r: r["id"]) == back.records
    load_average = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else "?"
    print(f"{len(records)} records made in {made_s:.1f} s; {done.statements} statements "
          f"({done.statements / max(1, len(records)):.0f} a record)")
    print(f"queued into the outbox (mapping, schema check, files): {queue_s:.1f} s "
          f"({done.statements / queue_s:,.0f} statements/s)")
    print(f"sent to Ralph in batches of about {options.batch}: {send_s:.1f} s "
          f"({done.statements / send_s:,.0f} statements/s)")
    print(f"fetched back, pages of {server.page}: {fetch_s:.1f} s ({len(fetched) / fetch_s:,.0f} "
          f"statements/s); turned into records: {read_s:.2f} s")
    print(f"read back equal to the records sent: {same}; load average {' '.join(load_average)}")
    return 0 if same and len(fetched) == done.statements else 1


if __name__ == "__main__":
    raise SystemExit(main())
