"""Reading the JSON files the game keeps (saves, session records, settings), whatever is in them.

The one reader beside the one writer (files/write.py); the bytes come through
story/file_bytes.py, which the scenario loader uses too. A file in a save folder may be anything: cut short by a crash, hand-edited, a pipe, a link to a device,
a link that loops, a folder named `x.json`, a megabyte of `[`, a 5,000-digit number. Each of
those is a `DamagedFile` whose message is one line in plain words; nothing else escapes, nothing
blocks, and nothing reads more than the cap.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..story.file_bytes import MAX_BYTES, DamagedFile, read_bytes

MAX_DEPTH = 64                # the game writes at most 6 levels
MAX_INT_DIGITS = 100          # the game writes counts and seeds, never more than 20 digits


def read_json(path: Path, max_bytes: int = MAX_BYTES) -> Any:
    """The data in the JSON file at `path`. Raises DamagedFile (only) when it cannot be had."""
    return parse_json(read_bytes(path, max_bytes))


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


__all__ = ["DamagedFile", "MAX_BYTES", "MAX_DEPTH", "MAX_INT_DIGITS", "deepest", "parse_json",
           "read_bytes", "read_json"]
