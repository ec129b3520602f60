"""Work done on a worker thread while the window goes on drawing and answering keys.

A report of a term's records takes the best part of a second of processor time: done on the
window's thread, the window would stand still with "Writing the report..." on it. Here the work
runs on a daemon thread and its result is handed back on the window's thread: `App.step` calls
`follow()` every turn, which runs the `then` of each finished job there (so only the window's
thread touches the screens, the notice and pygame). The work itself must not touch them.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Callable


@dataclass
class Job:
    name: str
    future: Future
    then: Callable[[Future], Any]


class Background:
    """The jobs started and not yet handed back; at most one of each name at a time."""

    def __init__(self) -> None:
        self.jobs: list[Job] = []

    def busy(self, name: str) -> bool:
        return any(job.name == name for job in self.jobs)

    def start(self, name: str, work: Callable[[], Any], then: Callable[[Future], Any]) -> Future:
        """Run `work()` on a worker thread; `then(future)` runs on the window's thread, from
        `follow()`, once it has returned or raised (`future.result()` gives either)."""
        future: Future = Future()

        def run() -> None:
            try:
                future.set_result(work())
            except BaseException as error:  # noqa: BLE001 - handed to `then`, which says it
                future.set_exception(error)

        self.jobs.append(Job(name, future, then))
        threading.Thread(target=run, name=name, daemon=True).start()
        return future

    def follow(self) -> bool:
        """Hand back the jobs that have finished; True if any was (the window redraws)."""
        finished = [job for job in self.jobs if job.future.done()]
        for job in finished:
            self.jobs.remove(job)
            job.then(job.future)
        return bool(finished)

    def wait(self, seconds: float = 30.0) -> bool:
        """Wait for every job and hand them back (tests and tools, which have no loop turning);
        False if some were still running after `seconds`."""
        deadline = time.monotonic() + seconds
        while self.jobs:
            pending = [job.future for job in self.jobs if not job.future.done()]
            if pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                try:
                    pending[0].exception(timeout=left)
                except Exception:  # noqa: BLE001 - a timeout: the deadline check says so
                    pass
            self.follow()
        return True
