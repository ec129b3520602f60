"""Reading a file's bytes safely, whatever the file turns out to be: the scenario loader reads
YAML through this, and the game's JSON reader (files/read.py) builds on it. A pipe, a device, a
folder, a link that loops or a file past the cap is a `DamagedFile` whose message is one line in
plain words; nothing blocks and nothing reads more than the cap. Standard library only.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_BYTES = 8 * 1024 * 1024   # the largest file read at all; callers pass smaller caps


class DamagedFile(ValueError):
    """A file that cannot be used; str() is one line saying why, for '<file>: damaged (why)'."""


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, following a link only to such a file.
    Never blocks on a pipe or device and never reads more than the cap. Raises DamagedFile."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise DamagedFile(_os_reason(exc)) from None
    _check_kind(info, max_bytes)
    try:
        # O_NONBLOCK: should the file be swapped for a pipe after the stat, open does not wait
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise DamagedFile(_os_reason(exc)) from None
    try:
        info = os.fstat(handle)
        _check_kind(info, max_bytes)
        with os.fdopen(handle, "rb", closefd=False) as stream:
            # asking for the cap would set aside the cap's worth of memory for every small file
            wanted = min(info.st_size, max_bytes) + 1
            raw = stream.read(wanted)
            if wanted <= len(raw) <= max_bytes:  # it grew after the stat: read on, to the cap
                raw += stream.read(max_bytes + 1 - len(raw))
    except OSError as exc:
        raise DamagedFile(_os_reason(exc)) from None
    finally:
        os.close(handle)
    if len(raw) > max_bytes:
        raise DamagedFile(_too_large(len(raw), max_bytes))
    return raw


def _check_kind(info: os.stat_result, max_bytes: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise DamagedFile("it is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        kind = ("a pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else
                "a socket" if stat.S_ISSOCK(info.st_mode) else
                "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else
                "not an ordinary file")
        raise DamagedFile(f"it is {kind}, not an ordinary file" if kind.startswith("a ")
                          else f"it is {kind}")
    if info.st_size > max_bytes:
        raise DamagedFile(_too_large(info.st_size, max_bytes))


def _too_large(size: int, max_bytes: int) -> str:
    return f"it is {_size(size)}, far too large: the game reads at most {_size(max_bytes)}"


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{count / 1024:.0f} KB" if count >= 1024 else f"{count} bytes"


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "it is a link that loops back on itself"
    if exc.errno == errno.ENOENT:
        return "it is not there (a link to a missing file?)"
    if exc.errno == errno.EACCES:
        return "the game is not allowed to read it"
    return f"cannot read it: {exc.strerror or exc}"
