"""The game's one file writer: every save, record, setting, report, map, handout, cache
and imported scenario is written here, through a temporary file in the same folder that is
flushed, synced and renamed over the old one, so a crash or a full disk leaves either the old
file or the new one. A save folder another game holds (files/lock.py) is never written.
"""
from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path
from typing import Any

_read_only: set[str] = set()  # save folders another game holds (game/files/lock.py): never written


def set_read_only(folder: Path, read_only: bool = True) -> None:
    """Make this process write nothing into `folder` or its records/ (or write again)."""
    key = os.path.normcase(os.path.abspath(folder))
    if read_only:
        _read_only.add(key)
    else:
        _read_only.discard(key)


def _refuse_if_read_only(path: Path) -> None:
    place = Path(os.path.abspath(path)).parent
    if {os.path.normcase(str(place)), os.path.normcase(str(place.parent))} & _read_only:
        raise OSError(errno.EROFS, "another Making Together is using this save folder, so this "
                      "game is read-only", str(path))


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so that a crash or a full disk leaves either the old file or the new one."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))


def write_text_atomic(path: Path, text: str) -> None:
    """Write text via a temporary file in the same folder, flushed and synced, then renamed
    over the old file: a crash or a full disk leaves either the old file or the new one."""
    if _read_only:
        _refuse_if_read_only(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # errors="replace": a lone surrogate that slipped past the text cleaner is written as
        # "?" rather than losing the whole file
        with os.fdopen(handle, "w", encoding="utf-8", errors="replace", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        try:  # mkstemp makes the file private; keep the old file's mode, or the usual one
            os.chmod(temporary, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        except OSError:
            pass
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
