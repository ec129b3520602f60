"""Reading the JSON files the game keeps (saves, session records, settings), whatever is in them.

The one reader beside the one writer (`saves.write_json_atomic`, which re-exports this). A file
in a save folder may be anything: cut short by a crash, hand-edited, a pipe, a link to a device,
a link that loops, a folder named `x.json`, a megabyte of `[`, a 5,000-digit number. Each of
those is a `DamagedFile` whose message is one line in plain words; nothing else escapes, nothing
blocks, and nothing reads more than the cap.
"""
from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

MAX_BYTES = 8 * 1024 * 1024   # the largest file read at all; callers pass smaller caps
MAX_DEPTH = 64                # the game writes at most 6 levels
MAX_INT_DIGITS = 100          # the game writes counts and seeds, never more than 20 digits


class DamagedFile(ValueError):
    """A file that cannot be used; str() is one line saying why, for '<file>: damaged (why)'."""


def read_json(path: Path, max_bytes: int = MAX_BYTES) -> Any:
    """The data in the JSON file at `path`. Raises DamagedFile (only) when it cannot be had."""
    return parse_json(read_bytes(path, max_bytes))


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
        _check_kind(os.fstat(handle), max_bytes)
        with os.fdopen(handle, "rb", closefd=False) as stream:
            raw = stream.read(max_bytes + 1)
    except OSError as exc:
        raise DamagedFile(_os_reason(exc)) from None
    finally:
        os.close(handle)
    if len(raw) > max_bytes:
        raise DamagedFile(_too_large(len(raw), max_bytes))
    return raw


def parse_json(raw: bytes) -> Any:
    """The data in JSON bytes, within the depth and digit caps. Raises DamagedFile."""
    if not raw.strip():
        raise DamagedFile("it is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DamagedFile(f"it is not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line})") from None
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise DamagedFile(f"it holds a NUL byte on line {line}, so it is not a JSON text file")
    try:
        data = json.loads(text, parse_int=_integer)
    except DamagedFile:
        raise
    except json.JSONDecodeError as exc:
        raise DamagedFile(f"it is not valid JSON (line {exc.lineno})") from None
    except RecursionError:  # the C parser stops itself cleanly some hundreds of levels down
        raise DamagedFile(f"it is nested far too deeply; the game reads at most {MAX_DEPTH} levels") from None
    except (ValueError, MemoryError) as exc:
        raise DamagedFile(f"it is not valid JSON ({type(exc).__name__})") from None
    if deepest(data) > MAX_DEPTH:
        raise DamagedFile(f"it is nested more than {MAX_DEPTH} levels deep, more than the game reads")
    return data


def deepest(data: Any) -> int:
    """How deeply the lists and objects of `data` nest (0 for a plain value), without recursion."""
    depth, waiting = 0, [(data, 1)]
    while waiting:
        value, level = waiting.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        depth = max(depth, level)
        if level <= MAX_DEPTH:  # deeper than the cap is all a caller needs to know
            waiting.extend((item, level + 1) for item in value)
    return depth


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise DamagedFile(f"it holds a number {len(digits.lstrip('-')):,} digits long; "
                          f"the game reads at most {MAX_INT_DIGITS}")
    return int(digits)


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


__all__ = ["DamagedFile", "MAX_BYTES", "MAX_DEPTH", "MAX_INT_DIGITS", "deepest", "parse_json",
           "read_bytes", "read_json"]
