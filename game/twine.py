"""`python main.py import FILE --out scenes/NAME`: a Twine story becomes a scenario folder,
which is then checked. import_story reads, converts and writes; report says in words what was
converted and what to fix; add_parser and command wire `import` into game/cli.py.

The work is done by game/twine_read.py (the file), game/twine_body.py (the passage markup),
game/twine_convert.py (the scenario data; what converts is listed there) and
game/twine_yaml.py (the YAML text).
"""
from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from .saves import write_text_atomic
from .story.build import SCENARIO_FILE
from .twine_convert import ROLE, TAG, WHY, convert, slugify
from .twine_read import TwineError, read_story
from .twine_yaml import Conversion

CHAPTER_FILE = "1-story.yaml"


# -- the command ---------------------------------------------------------------------------
def import_story(source: Path | str, folder: Path | str, force: bool = False) -> Conversion:
    """Convert `source` and write the scenario into `folder`; TwineError (nothing written)
    if the file is not a Twine story or the folder is not empty and `force` is not given."""
    source, folder = Path(source), Path(folder)
    if folder.exists() and not folder.is_dir():
        raise TwineError(f"{folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise TwineError(f"{folder} already exists and is not empty. Choose a new folder, or "
                         "add --force to write the scenario into it anyway")
    conversion = convert(read_story(source), slugify(folder.resolve().name))
    ours = (SCENARIO_FILE, CHAPTER_FILE)
    others = sorted(p.name for p in folder.glob("*.y*ml") if p.name not in ours)
    if others:
        conversion.notes.append(f"{folder} also holds {', '.join(others)}: they are read as part "
                                "of this scenario too; remove them if they are not")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_text_atomic(folder / CHAPTER_FILE, conversion.chapter_yaml())
        write_text_atomic(folder / SCENARIO_FILE, conversion.scenario_yaml())
    except OSError as exc:
        raise TwineError(f"could not write into {folder}: {exc.strerror or exc}") from None
    return conversion


def report(conversion: Conversion, source: Path | str, folder: Path | str) -> str:
    """What was converted, the effects to rewrite, the warnings and notes, in words."""
    story, scenario, chapter = conversion.story, conversion.scenario, conversion.chapter
    names = [*scenario.get("variables", {}), *scenario.get("flags", {})]
    counts = (f"{_count(conversion.choices, 'link')} became choices, "
              f"{_count(conversion.conditions, 'condition')} became \"if:\" and "
              f"{_count(len(conversion.effects), 'change')} became effects.")
    tags = ('Tags are kept as "# tags:" comments above their scenes (the format has no tags key).'
            if any(conversion.tags.values()) else "No passage had tags.")
    made = (f"{_count(len(chapter['scenes']), 'scene')} and "
            f"{_count(len(chapter['endings']), 'ending')}; the story starts at \"{story.start}\" "
            f'(scene {scenario["roles"][ROLE]["start"]}), played by one role, "{ROLE}".')
    story_format = f" ({story.format})" if story.format else ""
    head = (f'Imported "{story.title}"{story_format} from {source} into {folder} '
            f"({SCENARIO_FILE} and {CHAPTER_FILE}):")
    lines = [head, f"  {made}", f"  {counts}",
             "  Variables: " + (", ".join(names) or "none") + ".", f"  {tags}"]
    if conversion.effects:
        lines += ["", (f'Effects to rewrite ({len(conversion.effects)}): each says why: '
                       f'"{WHY}..." and tag: {TAG}. Say why in the player\'s words and choose '
                       "the principle it is about, for the changes made by:")]
        lines += [f"  {effect}" for effect in conversion.effects]
    warnings = conversion.warnings
    lines += ["", f"Warnings ({len(warnings)}):" if warnings else "No warnings."]
    lines += [f"  {warning}" for warning in warnings]
    if conversion.notes:
        lines += ["", "Notes:"] + [f"  {note}" for note in conversion.notes]
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """The `import` command, for game/cli.py."""
    parser = subparsers.add_parser(
        "import", help="turn a Twine story (Twee 3 or published HTML) into a scenario",
        description="Convert a Twine 2 story, as Twee 3 source or a published HTML file, into a "
                    "scenario folder, then check it.")
    parser.add_argument("file", metavar="FILE",
                        help="a .twee file, or an .html file published from Twine 2")
    parser.add_argument("--out", required=True, metavar="FOLDER",
                        help="the new scenario folder, such as scenes/my-story")
    parser.add_argument("--force", action="store_true",
                        help="write into FOLDER even if it is not empty")
    return parser


def command(args: argparse.Namespace) -> int:
    """Run `import`: 0 when the scenario passes check, 1 when check finds errors to fix,
    2 when nothing was written."""
    from .check import run_check
    try:
        conversion = import_story(args.file, args.out, args.force)
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
