"""What a list of session records shows of each one, and no more: the records list holds these
headings, and reads a record whole from its file only when it is opened or compared.

Parsed, a record is about 100 KB, most of it its steps: the list of a term's records, kept whole
while it was shown, held tens of MB and left the window's memory larger as the folder grew. A
heading is a few hundred bytes, and one read before is reused while its file is unchanged.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from pathlib import Path

from .record_files import RecordFile, newest_first, read_record, records_folder

# What a list of records shows of each one (`describe`, whether it has answers, whether it can
# be opened here). The rest, above all the steps, is read from the file again when it is opened.
HEADING = ("id", "format", "version", "scenario", "scenario_version", "scenario_title", "role",
           "role_name", "label", "mode", "started", "updated", "ending", "debrief")


def heading_of(record: RecordFile) -> RecordFile:
    """The record with only what a list shows of it (a damaged one as it is)."""
    if not record.ok:
        return record
    data = {key: record.data[key] for key in HEADING if key in record.data}
    data["steps"] = [{}] * len(record.data["steps"])  # describe counts them: one shared {}
    began = record.data.get("started_at")
    if isinstance(began, dict) and "number" in began:
        data["started_at"] = {"number": began["number"]}
    return RecordFile(record.path, True, "", data)


# Headings read before, by file and version (device, inode, size, modification time: a record is
# rewritten by renaming a new file over it, so a changed record is a new key): the records list
# opened again reads only what changed. A count bound: each is a few hundred bytes.
HEADINGS_KEPT = 1000
_headings: OrderedDict[tuple, RecordFile] = OrderedDict()
_headings_lock = threading.Lock()  # the title reads them ahead on a worker thread (get_ready)
_ready: set[str] = set()


def read_heading(path: Path) -> RecordFile:
    """`heading_of(read_record(path))`, reusing the heading of the same version of the file."""
    try:
        info = os.stat(path)
    except OSError:
        return heading_of(read_record(path))
    key = (str(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    with _headings_lock:
        found = _headings.get(key)
        if found is not None:
            _headings.move_to_end(key)
            return found
    found = heading_of(read_record(path))
    with _headings_lock:
        _headings[key] = found
        while len(_headings) > HEADINGS_KEPT:
            _headings.popitem(last=False)
    return found


def get_ready(save_folder: Path) -> None:
    """Read the folder's headings on a worker thread, once, for a screen with nothing to do
    (the title's Screen.idle): reading 160 records took the first opening of the records list
    about 0.6 s of processor time, which it then spends only on the records played since."""
    if str(save_folder) in _ready:
        return
    _ready.add(str(save_folder))

    def read() -> None:
        try:
            list_headings(save_folder)
        except OSError:  # the list, when opened, says what is wrong with the folder
            pass
    threading.Thread(target=read, name="record headings", daemon=True).start()


def list_headings(save_folder: Path) -> list[RecordFile]:
    """`record_files.list_records`, each record as its heading: newest first, damaged ones last."""
    folder = records_folder(save_folder)
    if not folder.is_dir():
        return []
    return newest_first([read_heading(path) for path in sorted(folder.glob("*.json"))
                         if not path.name.startswith(".")])
