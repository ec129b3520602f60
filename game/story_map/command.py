"""`python main.py map SCENARIO [--role ROLE] --out FILE`: write a scenario's map as
SVG, Graphviz .dot or Mermaid .mmd (the map itself is built in graph.py)."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from ..places import scenes_dir
from ..story import find_scenarios, load_scenario
from ..story.build import SCENARIO_FILE
from ..files.parse_cache import user_cache
from ..files.write import write_text_atomic
from ..story.problems import did_you_mean
from .graph import StoryMap, build_map, describe

SCENES = scenes_dir()
FORMATS = {".svg": "SVG", ".dot": "Graphviz", ".mmd": "Mermaid"}


# -- the command ------------------------------------------------------------------------------
def render(story: StoryMap, suffix: str) -> str:
    """The map as the text of a .svg, .dot or .mmd file."""
    if suffix == ".svg":
        from .svg import to_svg
        return to_svg(story)
    from .text import to_dot, to_mermaid
    return to_dot(story) if suffix == ".dot" else to_mermaid(story)


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `map` command to the main parser's subparsers."""
    parser = subparsers.add_parser(
        "map", help="draw a scenario as a story map (SVG, Graphviz .dot or Mermaid .mmd)",
        description="Draw the scenes, options and endings of a scenario as a map, chapter by "
                    "chapter. The format follows the extension of --out: .svg (opens in any "
                    "browser), .dot (Graphviz) or .mmd (Mermaid).")
    parser.add_argument("scenario", metavar="SCENARIO",
                        help="a scenario folder, or the id of a scenario under scenes/")
    parser.add_argument("--role", help="only the scenes this role can reach (default: all roles)")
    parser.add_argument("--out", metavar="FILE", required=True,
                        help="the file to write: map.svg, map.dot or map.mmd")
    return parser


def command(args: argparse.Namespace) -> int:
    """Run `map`: 0 written, 1 the scenario has errors, 2 a wrong argument (unknown format,
    no such scenario, no such role) or a file that cannot be written."""
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        _say(f'cannot tell what to write for "{out.name}": end the file name in .svg (a picture '
             "for the browser), .dot (Graphviz) or .mmd (Mermaid)")
        return 2
    folder = find_scenario(args.scenario)
    if folder is None:
        known = [f.name for f in find_scenarios(SCENES)]
        _say(f'there is no scenario "{args.scenario}": give a scenario folder, or the id of one '
             f"under scenes/ ({', '.join(known) or 'there are none'})"
             + did_you_mean(args.scenario, known))
        return 2
    result = load_scenario(folder, cache=user_cache())
    if result.scenario is None:
        for problem in result.errors:
            _say(str(problem))
        _say(f"{folder}: the scenario has errors, so no map was written (fix them, then try "
             "again; `python main.py check` lists them too)")
        return 1
    scenario = result.scenario
    role = getattr(args, "role", None)
    if role and role not in scenario.roles:
        _say(f'this scenario has no role "{role}"; it has ' + ", ".join(scenario.roles)
             + did_you_mean(role, scenario.roles))
        return 2
    story = build_map(scenario, role)
    try:
        write_text_atomic(out, render(story, suffix))
    except OSError as exc:
        _say(f"cannot write {out}: {exc.strerror or exc}")
        return 2
    print(f"Wrote {out} ({FORMATS[suffix]}): {describe(story)}")
    return 0


def find_scenario(given: str, root: Path = SCENES) -> Path | None:
    """The folder of a scenario given as a folder or as an id (a folder name or a
    `scenario:` id under `root`), or None."""
    path = Path(given)
    for candidate in (path, root / given):
        if (candidate / SCENARIO_FILE).is_file():
            return candidate
    for folder in find_scenarios(root):
        try:
            head = (folder / SCENARIO_FILE).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        match = re.search(r"^scenario:\s*[\"']?([A-Za-z0-9_-]+)", head, re.MULTILINE)
        if match and match.group(1) == given:
            return folder
    return None


def _say(message: str) -> None:
    print(message, file=sys.stderr)
