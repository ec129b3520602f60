"""`python main.py import FILE --out scenes/NAME`: a Twine story becomes a scenario folder,
which is then checked. import_story reads, converts and writes; report says in words what was
converted and what to fix; add_parser and command wire `import` into game/cli/parser.py.

Exit status: 0 when the scenario was written and passes check (warnings are fine), 1 when it
was written but check finds errors (including anything that could not be converted exactly),
2 when the input was refused and nothing was written.

The work is done by game/twine/read.py (the files), game/twine/body.py (the passage markup),
game/twine/convert.py with game/twine/variables.py, game/twine/render.py and
game/twine/scenes.py (the scenario data; what converts is listed there),
game/twine/report.py (the import report) and game/twine/to_yaml.py (the YAML text).
"""
from __future__ import annotations

import argparse
import shlex
import sys
import time
from pathlib import Path
from typing import Any

from ..files.write import write_text_atomic
from ..story.build import SCENARIO_FILE
from .convert import convert
from .ids import slugify
from .read import TwineError, read_story
from .report import REPORT_FILE, import_report, report
from .to_yaml import Conversion

CHAPTER_FILE = "1-story.yaml"
BACKUPS = ".replaced"  # --force moves an old scenario folder in here, beside the new one


# -- the command ---------------------------------------------------------------------------
def import_story(source: Path | str, folder: Path | str, force: bool = False,
                 anywhere: bool = False, story_name: str = "") -> Conversion:
    """Convert `source` and write the scenario into `folder`; TwineError (nothing written)
    if the file is not a Twine story, the folder is not in a scenes folder (unless
    `anywhere`), its id is taken, or it is not empty and `force` is not given (with `force`,
    the old folder is moved aside into .replaced/, named with the time)."""
    source, folder = Path(source), Path(folder)
    if folder.exists() and not folder.is_dir():
        raise TwineError(f"{folder} is a file, not a folder")
    if not anywhere and not _in_scenes_folder(folder):
        raise TwineError(f"{folder} is not inside a scenes folder, so the game would not find "
                         "it; use --out scenes/NAME, or add --anywhere to write it there anyway")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise TwineError(f"{folder} already exists and is not empty. Choose a new folder, or "
                         "add --force to move the old one aside (into "
                         f"{folder.parent / BACKUPS}) and write the new one")
    scenario_id = slugify(folder.resolve().name)
    clash = _same_id(folder, scenario_id)
    if clash:
        raise TwineError(f'the scenario id "{scenario_id}" (made from the folder name) is '
                         f"already used by {clash}; choose another folder name")
    try:
        conversion = convert(read_story(source, story_name), scenario_id)
    except RecursionError:  # a guard: the parsers are depth-limited, so this is never expected
        raise TwineError(f"{source} is nested too deeply to be read") from None
    moved = None
    try:
        if folder.is_dir() and any(folder.iterdir()):
            stamp = time.strftime("%Y%m%d-%H%M%S")
            moved = folder.parent / BACKUPS / f"{folder.name}-{stamp}"
            moved.parent.mkdir(parents=True, exist_ok=True)
            folder.rename(moved)
            conversion.moved = str(moved)
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in conversion.chapter_files():
            write_text_atomic(folder / name, text)
        write_text_atomic(folder / SCENARIO_FILE, conversion.scenario_yaml())
        write_text_atomic(folder / REPORT_FILE, import_report(conversion, source, folder))
    except OSError as exc:
        raise TwineError(f"could not write into {folder}: {exc.strerror or exc}"
                         + (f" (the old folder is in {moved})" if moved else "")) from None
    return conversion


def _in_scenes_folder(folder: Path) -> bool:
    from ..places import scene_roots
    parent = folder.resolve().parent
    roots = {root.resolve() for root in scene_roots()}
    return parent.name == "scenes" or parent in roots


def _same_id(folder: Path, scenario_id: str) -> str:
    """The folder of another scenario with this id, next to `folder` or shipped, or ""."""
    from ..places import scene_roots
    from ..story import find_scenarios
    own = folder.resolve()
    for other in find_scenarios(folder.parent, *scene_roots()):
        if other.resolve() == own:
            continue
        try:
            head = (other / SCENARIO_FILE).read_text(encoding="utf-8", errors="replace")[:4000]
        except OSError:
            continue
        for line in head.splitlines():
            if line.startswith("scenario:") and line.split(":", 1)[1].strip(" '\"") == scenario_id:
                return str(other)
    return ""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """The `import` command, for game/cli/__init__.py."""
    parser = subparsers.add_parser(
        "import", help="turn a Twine story (Twee or published HTML) into a scenario",
        description="Convert a Twine story (a Twee file, a folder of them, or a published HTML "
                    "file) into a scenario folder, then check it. Exit status: 0 written and "
                    "passes check, 1 written but check finds errors, 2 refused (nothing written).")
    parser.add_argument("file", metavar="FILE",
                        help="a .twee or .tw file, a folder of them, or an .html file published "
                             "from Twine")
    parser.add_argument("--out", required=True, metavar="FOLDER",
                        help="the new scenario folder, inside a scenes folder: scenes/my-story")
    parser.add_argument("--force", action="store_true",
                        help="if FOLDER is not empty, move it aside (into .replaced/ beside "
                             "it, named with the time) and write the new scenario")
    parser.add_argument("--anywhere", action="store_true",
                        help="allow a FOLDER that is not inside a scenes folder")
    parser.add_argument("--story", default="", metavar="NAME",
                        help="the story to import from an HTML file that holds several")
    return parser


def command(args: argparse.Namespace) -> int:
    """Run `import`: 0 when the scenario passes check, 1 when check finds errors to fix,
    2 when nothing was written."""
    from ..check import run_check
    try:
        conversion = import_story(args.file, args.out, args.force,
                                  getattr(args, "anywhere", False), getattr(args, "story", ""))
    except TwineError as exc:
        print(f"Nothing was imported: {exc}.", file=sys.stderr)
        return 2
    print(report(conversion, args.file, args.out))
    out = shlex.quote(str(args.out))
    print(f"\nChecking the new scenario (python main.py check {out}):")
    code = run_check([str(args.out)], as_json=False, runs=200, seed=1, out=sys.stdout)
    parent = shlex.quote(str(Path(args.out).parent))
    print("\nIt passes check. Play it with:\n"
          f"    python main.py play --text --scenes {parent} "
          f"--scenario {conversion.scenario['scenario']}" if code == 0 else
          f"\ncheck found errors (listed above with file:line:column): fix them in {out}, "
          f"then run:\n    python main.py check {out}")
    return 0 if code == 0 else 1
