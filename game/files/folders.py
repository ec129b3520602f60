"""What is wrong with a folder the game keeps files in (the save folder, its records/), in one line.

So that a save folder that is really a file, or cannot be made, is said plainly once, instead of
"none yet" from the lists or "Not a directory" after every choice. Pure: nothing is written.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

HINT = "choose another with --save-dir DIR or MAKING_TOGETHER_SAVES"


def folder_problem(folder: Path, what: str = "save folder", writing: bool = False) -> str:
    """'' when `folder` is a folder (or, `writing`, one the game can make and write in); else
    what is wrong and where, e.g. 'The save folder /x is a file, not a folder'."""
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        return _cannot_make(folder, what) if writing else ""
    except NotADirectoryError:  # a file on the way there: it can never be made
        return _cannot_make(folder, what)
    except OSError as exc:
        why = ("it is a link that loops back on itself" if exc.errno == errno.ELOOP
               else exc.strerror or str(exc))
        return f"The {what} {folder} cannot be used: {why}"
    if not stat.S_ISDIR(info.st_mode):
        return f"The {what} {folder} is a file, not a folder"
    if writing and not os.access(folder, os.W_OK | os.X_OK):
        return f"The {what} {folder} is read-only for this user"
    return ""


def _cannot_make(folder: Path, what: str) -> str:
    """Why `folder`, which is not there, could not be made ('' if it could)."""
    parent = folder.parent
    while True:
        try:
            info = os.stat(parent)
            break
        except (FileNotFoundError, NotADirectoryError):
            if parent == parent.parent:
                return ""
            parent = parent.parent
        except OSError as exc:
            return f"The {what} {folder} cannot be made: {parent}: {exc.strerror or exc}"
    if not stat.S_ISDIR(info.st_mode):
        return f"The {what} {folder} cannot be made: {parent} is a file, not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"The {what} {folder} cannot be made: {parent} is read-only for this user"
    return ""


def saving_problem(save_folder: Path, records: str = "records") -> str:
    """Why nothing can be saved in `save_folder` or its records folder, or ''."""
    return (folder_problem(save_folder, writing=True)
            or folder_problem(save_folder / records, "records folder", writing=True))


__all__ = ["HINT", "folder_problem", "saving_problem"]
