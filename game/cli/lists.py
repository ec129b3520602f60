"""The commands that list what the game keeps: `saves`, `records` and `where`."""
from __future__ import annotations

import shlex
import sys
from pathlib import Path


def where(folder: Path) -> int:
    from .. import places
    own = places.user_scenes_dir()
    print(f"Running from: {'the source folder' if places.from_checkout() else 'an installed copy'}"
          f" ({places.PACKAGE.parent if places.from_checkout() else places.PACKAGE})")
    print(f"Shipped scenarios: {places.scenes_dir()}")
    print(f"Fonts: {places.assets_dir() / 'fonts'}")
    print(f"Your own scenarios: {own if own is not None else places.scenes_dir()}"
          + ("" if own is None or own.is_dir() else " (made by making-together new)"))
    print(f"Saves and settings: {folder}")
    print(f"Session records: {folder / 'records'}")
    print(f"Reports made in the window: {folder / 'reports'}")
    from ..files.parse_cache import cache_folder
    cache = cache_folder()
    print(f"Parse cache (safe to delete): {cache if cache is not None else 'turned off'}")
    return 0


def records(folder: Path) -> int:
    """Each record with its file, newest first; damaged ones with the reason."""
    from ..files.folders import HINT, folder_problem
    from ..records import describe, list_records, records_folder
    from ..saves import save_dir
    problem = folder_problem(folder) or folder_problem(records_folder(folder), "records folder")
    if problem:  # not "none yet": the folder itself is wrong
        print(f"{problem}, so it holds no session records; {HINT}.", file=sys.stderr)
        return 2  # a --save-dir that cannot be used is refused input
    found = list_records(folder)
    for record in found:
        print(f"{record.path}\n    " + (describe(record.data) if record.ok
                                        else f"damaged: {record.reason}"))
    if not found:
        print(f"No session records in {records_folder(folder)} yet: they are written as you play.")
    else:
        print("A report of all of them:")
        print("    python main.py report --out report.html"
              + (f" --save-dir {shlex.quote(str(folder))}" if folder != save_dir(None) else ""))
    return 0


def saves(folder: Path) -> int:
    """Each save, newest first, in words: the ending's title (as `records` gives it), and
    'damaged' with the reason for a file that is not a usable save."""
    from ..files.folders import HINT, folder_problem
    from ..saves import list_slots
    problem = folder_problem(folder)
    if problem:  # not "none yet": the folder itself is wrong
        print(f"{problem}, so it holds no saves; {HINT}.", file=sys.stderr)
        return 2  # a --save-dir that cannot be used is refused input
    slots = list_slots(folder)
    titles: dict[str, object] = {}
    for slot in slots:
        if slot.ok and slot.ending and slot.scenario not in titles:
            titles[slot.scenario] = _scenario_by_id(slot.scenario)
        print(describe_slot(slot, titles.get(slot.scenario)))
    if not slots:
        print(f"No saved games in {folder} yet.")
    return 0


def _plain(value: object) -> str:
    """A save's text field as words: anything that is not text (a damaged file) is ''."""
    return value.strip() if isinstance(value, str) else ""


def describe_slot(slot, scenario=None) -> str:
    """One line for `saves`: no raw Python values, ending titles where the scenario is here."""
    from ..text.words import spoken_date
    if not slot.ok:
        return f"{slot.name}: damaged ({slot.reason})"
    ending = _plain(slot.ending)
    if ending:
        found = scenario.ending(ending) if scenario is not None else None
        where = f"ended: {found.title if found else ending.replace('-', ' ')}"
    elif slot.ending:
        where = "ended"
    else:
        chapter = _plain(slot.chapter)
        where = chapter or ("at the start" if slot.step == 0 else "chapter not known")
    title = _plain(slot.scenario_title)
    title = title or slot.scenario
    when = spoken_date(slot.saved_at)
    when = f"saved {when}" if when else "saved at an unknown time"
    return f"{slot.name}: {title}, {slot.role.replace('_', ' ')}, {where}, step {slot.step}, {when}"


def _scenario_by_id(scenario_id: str):
    """The bundled scenario with this id, or None (for ending titles)."""
    from ..files.parse_cache import user_cache
    from ..places import scenes_dir
    from ..story import find_scenarios, load_scenario
    for folder in find_scenarios(scenes_dir()):
        if folder.name == scenario_id:
            return load_scenario(folder, cache=user_cache()).scenario
    return None


