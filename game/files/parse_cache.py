"""The parse cache: scene files parsed and checked against the schema, kept between runs.

Loading a large scenario spends most of its time reading YAML and checking it against the
schema. A file whose bytes have not changed since it was last read gives the same result, so
`story.load_scenario(folder, cache=user_cache())` keeps that result here, one small file per
scene file, and uses it again only when everything it depended on is the same:

  - the scene file's size, modification time and SHA-256 of its bytes (an edit that keeps the
    size and the time is still seen);
  - the schema (its hash) and the cache's own format (story/loader.py puts both in the key);
  - this version of the game and the code of the story core, which parses, checks and builds
    (added here).

Beside one entry per scene file, a scenario that loaded without errors has one entry for the
whole built scenario (story/stored_scenario.py), kept under its folder's path and keyed by the
keys of all its files: a warm load then neither parses, checks nor builds.

Anything else (a missing, cut-short, damaged or foreign entry) is simply a miss: the file is
parsed again and its entry written afresh. The folder is safe to delete at any time. It is the
user cache folder (platformdirs; ~/.cache/making-together/parse on Linux), or the folder named
by MAKING_TOGETHER_CACHE; an empty MAKING_TOGETHER_CACHE turns the cache off.

Entries are JSON (never pickle: nothing read back can run code), with the key and a hash of the
payload on the first line, so a file cut short or changed on disk is noticed before it is used.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__

APP_NAME = "making-together"
FORMAT = "making-together/parse-cache"
MAX_ENTRIES = 400  # the oldest entries beyond this are removed when one is written
MAX_ENTRY_BYTES = 64 * 1024 * 1024
# The code whose output an entry holds: a change to any file of the story core (which parses,
# checks and builds; an entry may hold a whole built scenario) makes every entry stale.
_STORY_CODE = "story"


class ParseCache:
    """A folder of cache entries; see the module's docstring. Never raises for what it finds on
    disk, and a write that fails (a full disk, a read-only folder) only loses the entry."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.hits = self.misses = 0
        self._trimmed = False  # the folder is trimmed at the first write, not at every one

    def entry_path(self, file: Path) -> Path:
        """Where the entry for one scene file goes: one per file, replaced when it changes."""
        name = os.path.normcase(os.path.abspath(file))
        return self.folder / (hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:32]
                              + ".json")

    def get(self, file: Path, key: dict) -> Any:
        key = self._full_key(key)
        try:
            with open(self.entry_path(file), "rb") as stream:
                # The header line apart from the payload: no copy of a payload of megabytes.
                head = stream.readline(MAX_ENTRY_BYTES + 1)
                payload = stream.read(MAX_ENTRY_BYTES + 1 - len(head))
        except OSError:
            self.misses += 1
            return None
        entry = _decode(head, payload, key)
        if entry is None:
            self.misses += 1
        else:
            self.hits += 1
        return entry

    def put(self, file: Path, key: dict, entry: Any) -> None:
        from ..files.write import write_text_atomic  # the game's one file writer
        try:
            # No check for cycles: the data comes from YAML, whose aliases the parser refuses.
            payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":"),
                                 check_circular=False)
            if len(payload) > MAX_ENTRY_BYTES:
                return  # it would never be read back
            header = json.dumps({"format": FORMAT, "key": self._full_key(key),
                                 "sha256": hashlib.sha256(payload.encode("utf-8")).hexdigest()})
            write_text_atomic(self.entry_path(file), header + "\n" + payload)
            self._trim()
        except (OSError, UnicodeError, ValueError, TypeError, RecursionError):
            pass  # no entry this time: the next load parses the file again

    def _full_key(self, key: dict) -> dict:
        return {**key, "game": __version__, "code": _code_fingerprint()}

    def _trim(self) -> None:
        """Keep the folder from growing without end (scenario folders come and go). Once per
        cache: listing the folder at every write cost a fifth of a cold load's first frame."""
        if self._trimmed:
            return
        self._trimmed = True
        entries = list(self.folder.glob("*.json"))
        if len(entries) <= MAX_ENTRIES:
            return

        def age(path: Path) -> float:
            try:
                return path.stat().st_mtime
            except OSError:
                return 0.0
        for old in sorted(entries, key=age)[:len(entries) - MAX_ENTRIES]:
            try:
                old.unlink()
            except OSError:
                pass


def _decode(head: bytes, payload: bytes, key: dict) -> Any:
    """The payload of an entry made under exactly `key` (its header line is `head`), or None
    for anything else."""
    if len(head) + len(payload) > MAX_ENTRY_BYTES or not head.endswith(b"\n"):
        return None
    try:
        header = json.loads(head)
        if not isinstance(header, dict) or header.get("format") != FORMAT \
                or header.get("key") != key:
            return None
        if header.get("sha256") != hashlib.sha256(payload).hexdigest():
            return None  # cut short or changed on disk
        return json.loads(payload)
    except (ValueError, RecursionError):  # not JSON (UnicodeDecodeError is a ValueError)
        return None


@lru_cache(maxsize=None)
def _code_fingerprint(root: Path = Path(__file__).parents[1]) -> str:
    """A hash of the code that makes entries (under `root`, the game's package), so a changed
    parser or builder never trusts old ones. A build without sources has no files to hash:
    then the game's version decides."""
    digest = hashlib.sha256()
    for path in sorted((root / _STORY_CODE).rglob("*.py")):
        try:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
        except OSError:
            digest.update(path.name.encode())
    return digest.hexdigest()


def cache_folder() -> Path | None:
    """The folder the cache uses, or None when MAKING_TOGETHER_CACHE turns it off."""
    override = os.environ.get("MAKING_TOGETHER_CACHE")
    if override is not None:
        return Path(override) if override.strip() else None
    from platformdirs import user_cache_dir
    return Path(user_cache_dir(APP_NAME, appauthor=False)) / "parse"


def user_cache() -> ParseCache | None:
    """The cache to pass to story.load_scenario, or None when it is turned off."""
    folder = cache_folder()
    return None if folder is None else ParseCache(folder)
