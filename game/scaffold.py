"""`python main.py new NAME`: a small, complete scenario to start from, with every key explained."""
from __future__ import annotations

import argparse
import re
import shlex
import sys
from pathlib import Path

from .places import scenes_dir, user_scenes_dir
from .files.write import write_text_atomic

TEMPLATE = Path(__file__).resolve().parent / "templates" / "new"
SCENES = scenes_dir()
# where `new` writes: scenes/ in a checkout; installed, the player's own scenarios folder
NEW_HOME = user_scenes_dir() or SCENES
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,60}$")


def add_parser(commands) -> None:
    new = commands.add_parser(
        "new", help="start a new scenario from a small working example",
        description="Make a folder with a small, complete scenario for both roles that passes "
                    "check, every key explained in comments: a place to start writing.")
    new.add_argument("name", help="the scenario's id and folder name: lowercase letters, digits, - and _")
    new.add_argument("--title", help="the title shown in the menu (default: made from the name)")
    new.add_argument("--scenes", metavar="DIR", default=str(NEW_HOME),
                     help="where scenario folders live (default: scenes/)")


def command(args: argparse.Namespace) -> int:
    name = args.name
    if not _NAME.match(name):
        print(f'"{name}" cannot be a scenario name: use lowercase letters, digits, - and _, '
              "starting with a letter or digit (for example: crisis-cafe).", file=sys.stderr)
        return 2
    folder = Path(args.scenes) / name
    try:
        if folder.exists() and any(folder.iterdir()):
            print(f"{folder} already exists and is not empty; nothing was written.", file=sys.stderr)
            return 2
    except OSError as exc:
        print(f"Nothing was written: cannot look in {folder}: {exc.strerror or exc}.", file=sys.stderr)
        return 2
    title = args.title or name.replace("-", " ").replace("_", " ").capitalize()
    try:
        _write(folder, name, title)
    except OSError as exc:
        where = exc.filename or folder
        print(f"No scenario was made: cannot write {where}: {exc.strerror or exc}.", file=sys.stderr)
        return 2
    print(f"Made {folder}: a small scenario for both roles that passes check.")
    elsewhere = ("" if folder.parent.resolve() == SCENES.resolve()
                 else f" --scenes {shlex.quote(str(folder.parent))}")
    print(f"  Play it:   python main.py play --scenario {name}{elsewhere}")
    print(f"  Check it:  python main.py check {shlex.quote(str(folder))}")
    print("  Then read the comments in its files, and docs/authoring.md, and make it yours.")
    return 0


def _write(folder: Path, name: str, title: str) -> None:
    """The scenario's files, from the templates; raises OSError when they cannot be written
    (what was written before stays: each file is whole or absent)."""
    for template in sorted(TEMPLATE.glob("*.yaml")):
        text = template.read_text(encoding="utf-8")
        text = text.replace("{id}", name).replace("{title}", _yaml_text(title))
        write_text_atomic(folder / template.name, text)
    schema = folder.parent / "scenario.schema.json"
    if not schema.exists():  # the files' first line points editors at ../scenario.schema.json
        write_text_atomic(schema, (SCENES / "scenario.schema.json").read_text(encoding="utf-8"))


def _yaml_text(text: str) -> str:
    """A title that stays one plain YAML string whatever it contains."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
