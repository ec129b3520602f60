"""One game at a time on a save folder: an operating-system lock that dies with the process.

The first instance (window or terminal) that plays on a save folder holds the lock on its
`.making-together.lock` file. A second instance on the same folder is told so and may use
another folder or go on read-only (it reads saves and records and writes nothing). Because the
lock is the operating system's (flock on Linux and macOS, msvcrt.locking on Windows), a game
that is killed or crashes lets go of it at once: there is never a stale lock to clear by hand.
Within one process the lock is shared: two windows made by one test hold it together.
"""
from __future__ import annotations

import os
import re
import time
import weakref
from pathlib import Path

LOCK_NAME = ".making-together.lock"
BUSY = ("Another Making Together is using this save folder ({folder}), on this computer or "
        "another one sharing it. Two games on one folder would overwrite each other's autosave.")
STALE_SECONDS = 5 * 60  # a temporary file this old belongs to no write still going on
TEMPORARY = re.compile(r"^\..+\.tmp$")  # write_text_atomic's ".NAME.RANDOM.tmp"

_held: "weakref.WeakValueDictionary[str, SaveLock]" = weakref.WeakValueDictionary()


def _try_lock(handle) -> bool:
    """Lock the open file without waiting; False if another process holds it."""
    try:
        if os.name == "nt":
            import msvcrt
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _close(handle) -> None:
    """Let go of the lock and close the file (Windows wants the unlock before the close)."""
    if os.name == "nt":
        try:
            import msvcrt
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
    handle.close()


class SaveLock:
    """The lock on one save folder, held while this object lives (or until `release`)."""

    def __init__(self, folder: Path, handle):
        self.folder = folder
        self._handle = handle

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            _close(handle)

    def __del__(self):
        self.release()


def acquire(folder: Path) -> SaveLock | None:
    """The lock on `folder` (made if missing), or None if another process holds it. (When the
    folder cannot be written to at all, an empty lock: the saves fail and say why.) The holder
    clears stale temporary files left in the folder by a game that was killed mid-write."""
    folder = Path(folder)
    key = os.path.normcase(os.path.abspath(folder))
    known = _held.get(key)
    if known is not None and known._handle is not None:
        return known
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / LOCK_NAME, "a+b")
    except OSError:  # a folder nobody can write to: no other game can save there either, and
        return SaveLock(folder, None)  # each write says why it failed (nothing to share)
    if not _try_lock(handle):
        handle.close()
        return None
    lock = SaveLock(folder, handle)
    _held[key] = lock
    clear_stale(folder)
    return lock


def is_busy(folder: Path) -> bool:
    """True if another process holds the lock on `folder` (this one does not take it)."""
    path = Path(folder) / LOCK_NAME
    if not path.exists():
        return False
    known = _held.get(os.path.normcase(os.path.abspath(folder)))
    if known is not None and known._handle is not None:
        return False
    try:
        handle = open(path, "a+b")
    except OSError:
        return False
    if not _try_lock(handle):
        handle.close()
        return True
    _close(handle)
    return False


def other_folder(folder: Path) -> Path:
    """A folder beside `folder` for a second game: saves-2, saves-3, ... (the first free one)."""
    folder = Path(folder)
    for number in range(2, 100):
        candidate = folder.with_name(f"{folder.name}-{number}")
        if not candidate.exists() or not is_busy(candidate):
            return candidate
    return folder.with_name(f"{folder.name}-{os.getpid()}")


def clear_stale(folder: Path, older_than: float = STALE_SECONDS) -> int:
    """Remove the atomic writer's temporary files older than `older_than` seconds from the
    save folder and its records/; returns how many. Only the lock's holder calls this."""
    cleared = 0
    cutoff = time.time() - older_than
    for place in (Path(folder), Path(folder) / "records"):
        try:
            entries = list(place.iterdir())
        except OSError:
            continue
        for path in entries:
            try:
                if (TEMPORARY.match(path.name) and path.is_file()
                        and path.stat().st_mtime < cutoff):
                    path.unlink()
                    cleared += 1
            except OSError:
                continue
    return cleared
