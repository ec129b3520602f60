"""Statements waiting for the store, one file per record in `<save folder>/xapi/outbox/`,
until the store takes them; and `xapi/sent.json`: per record, a digest of the statements
the store has taken.

`queue` puts each finished record whose statements the store does not have yet into the
outbox; `send_outbox` posts them in batches of whole records. After each batch the store took,
sent.json is written again (atomically, with the game's one writer) and then the batch's
outbox files are removed. So if the store or the network goes away mid-way, what was not taken
stays in the outbox for the next `sync`, and what was taken is not sent again. A batch in
flight when the connection broke may have been stored: it is sent again, and since its
statement ids are deterministic the store keeps one copy.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..files.read import DamagedFile, read_json
from ..files.write import write_json_atomic, write_text_atomic
from .config import Config, folder_of
from .mapping import statements_of
from .schema import problems
from .send import LRSError, Store

OUTBOX_FOLDER = "outbox"
SENT_FILE = "sent.json"
OUTBOX_FORMAT = "making-together/xapi-outbox"
SENT_FORMAT = "making-together/xapi-sent"
VERSION = 1
BATCH = 500                      # statements per request (records are never split)
MAX_FILE_BYTES = 64 * 1024 * 1024
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_-]")


def digest(statements: list[dict]) -> str:
    """Of the statements' content, not only their ids: a step changed after it was sent keeps
    its id, and must still be seen as changed (the store then says it conflicts)."""
    text = json.dumps(statements, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass
class Outbox:
    folder: Path
    waiting: list[dict] = field(default_factory=list)   # {"record", "digest", "statements"}
    sent: dict[str, str] = field(default_factory=dict)  # record id -> digest the store took
    damaged: list[str] = field(default_factory=list)    # "file: why", for files set aside

    @classmethod
    def open(cls, save_folder: Path) -> "Outbox":
        """The outbox of a save folder. A damaged file is named in `damaged` and renamed
        <name>.damaged; its record is queued again from the records folder."""
        box = cls(folder_of(save_folder))
        sent = box._read(box.folder / SENT_FILE, SENT_FORMAT)
        if sent is not None and isinstance(sent.get("sent"), dict):
            box.sent = {k: v for k, v in sent["sent"].items() if isinstance(v, str)}
        place = box.folder / OUTBOX_FOLDER
        for path in sorted(place.glob("*.json")) if place.is_dir() else []:
            if path.name.startswith("."):
                continue  # a write cut short
            entry = box._read(path, OUTBOX_FORMAT)
            if entry is not None and isinstance(entry.get("record"), str) \
                    and isinstance(entry.get("statements"), list):
                box.waiting.append(entry)
        return box

    def _read(self, path: Path, kind: str) -> dict | None:
        if not path.exists():
            return None
        try:
            data = read_json(path, MAX_FILE_BYTES)
            if not isinstance(data, dict) or data.get("format") != kind:
                raise DamagedFile("it is not a Making Together xAPI file")
            return data
        except DamagedFile as exc:
            self.damaged.append(f"{path}: {exc}")
            try:
                path.replace(path.with_name(path.name + ".damaged"))
            except OSError:
                pass
            return None

    def count(self) -> int:
        return sum(len(w["statements"]) for w in self.waiting)

    def _file(self, record_id: str) -> Path:
        return self.folder / OUTBOX_FOLDER / f"{_SAFE_NAME.sub('_', record_id)[:120]}.json"

    def queue(self, records: Iterable[dict], config: Config) -> tuple[int, list[str]]:
        """Put each finished record whose statements the store lacks into the outbox (a file
        each, written at once); the number queued, and `record: what is wrong` for any whose
        statements the schema refuses (not queued). An unfinished record waits: its steps may
        still be taken back. Raises OSError when the outbox cannot be written."""
        queued, refused = 0, []
        waiting = {w["record"]: w for w in self.waiting}
        for record in records:
            if not record.get("ending"):
                continue
            made = statements_of(record, config)
            mark = digest(made)
            if self.sent.get(record["id"]) == mark or waiting.get(record["id"], {}).get("digest") == mark:
                continue
            found = problems(made)
            if found:
                index, why = found[0]
                refused.append(f"{record['id']}: statement {index + 1}: {why}")
                continue
            entry = {"format": OUTBOX_FORMAT, "version": VERSION, "record": record["id"],
                     "digest": mark, "statements": made}
            # compact: an outbox of a thousand records is a hundred megabytes indented
            write_text_atomic(self._file(record["id"]),
                              json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
            if record["id"] in waiting:  # changed since it was queued: the new version replaces it
                self.waiting[self.waiting.index(waiting[record["id"]])] = entry
            else:
                self.waiting.append(entry)
            waiting[record["id"]] = entry
            queued += 1
        return queued, refused

    def taken(self, group: list[dict]) -> None:
        """The store took `group`: note it in sent.json, then empty those outbox files."""
        for entry in group:
            self.sent[entry["record"]] = entry["digest"]
        write_json_atomic(self.folder / SENT_FILE,
                          {"format": SENT_FORMAT, "version": VERSION, "sent": self.sent})
        for entry in group:
            try:
                self._file(entry["record"]).unlink()
            except FileNotFoundError:
                pass


@dataclass
class Sent:
    statements: int = 0
    records: int = 0
    conflicts: list[str] = field(default_factory=list)  # statements the store holds otherwise
    error: LRSError | None = None                      # why sending stopped early


def send_outbox(box: Outbox, store: Store, batch: int = BATCH,
                after_batch: Callable[[int], None] | None = None) -> Sent:
    """Post what waits, in batches of whole records, writing the outbox after each. Stops at
    the first failure to reach the store or be let in (what is left stays). A batch the store
    refuses for a conflict is sent record by record, then statement by statement, so one
    changed statement holds back nothing else; the changed ones are named in `conflicts` and
    dropped (the store keeps the version it has). `after_batch(n)` is called after each."""
    done = Sent()
    while box.waiting:
        group, size = [], 0
        for entry in box.waiting:
            if group and size + len(entry["statements"]) > batch:
                break
            group.append(entry)
            size += len(entry["statements"])
        try:
            _post_group(store, group, done)
        except LRSError as exc:
            done.error = exc
            return done
        box.taken(group)
        box.waiting = box.waiting[len(group):]
        done.records += len(group)
        if after_batch:
            after_batch(done.records)
    return done


def _post_group(store: Store, group: list[dict], done: Sent) -> None:
    statements = [s for entry in group for s in entry["statements"]]
    try:
        store.post(statements)
        done.statements += len(statements)
        return
    except LRSError as exc:
        if exc.kind != "conflict":
            raise
    for entry in group:  # find the statement the store holds otherwise
        try:
            store.post(entry["statements"])
            done.statements += len(entry["statements"])
            continue
        except LRSError as exc:
            if exc.kind != "conflict":
                raise
        changed = 0
        for statement in entry["statements"]:
            try:
                store.post([statement])
                done.statements += 1
            except LRSError as exc:
                if exc.kind != "conflict":
                    raise
                changed += 1
        done.conflicts.append(f"record {entry['record']}: {changed} statement"
                              f"{'s' * (changed != 1)} changed after the store took them")
