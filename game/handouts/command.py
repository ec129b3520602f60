"""`python main.py handouts SCENARIO --out DIR [--scenes DIR] [--save-dir DIR]` (its options are
declared in game/cli/parser.py). SCENARIO is a scenario's id or its folder.

Writes DIR/index.html and one page per handout. The support lines are the scenario's and the
save folder's (support.yaml), as in play. Exit status: 0 when written; 1 when the scenario
cannot be found or loaded, or the folder cannot be written.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..places import scene_roots, scenes_dir
from ..saves import save_dir
from ..story import LoadResult, find_scenarios, load_scenario
from ..support import support_for
from .build import INDEX, build_handouts, write_handouts
from .facts import read_money_facts

SCENES = scenes_dir()


def find_scenario(wanted: str, roots: list[Path]) -> tuple[LoadResult | None, str]:
    """The scenario named by id (under `roots`) or by folder; else None and why, in words."""
    given = Path(wanted)
    if (given / "scenario.yaml").is_file():
        return load_scenario(given), ""
    folders = list(dict.fromkeys(f.resolve() for f in find_scenarios(*roots)))
    results = [load_scenario(folder) for folder in folders]
    for result in results:
        if result.id == wanted or (result.scenario and result.scenario.id == wanted):
            return result, ""
    known = ", ".join(sorted(r.id for r in results)) or "none"
    return None, f'there is no scenario "{wanted}" (scenarios here: {known}; or give a scenario\'s folder)'


def command(args: argparse.Namespace) -> int:
    roots = [Path(p) for p in (args.scenes or [])] + scene_roots()
    result, why = find_scenario(args.scenario, roots)
    if result is None:
        _say(f"No handouts were written: {why}.")
        return 2
    if result.scenario is None:
        for problem in result.problems:
            _say(str(problem))
        _say(f'No handouts were written: the scenario "{result.id}" has problems (above).')
        return 1
    scenario = result.scenario
    support = support_for(scenario.path, save_dir(getattr(args, "save_dir", None)))
    facts = read_money_facts(scenario.path)
    for problem in support.problems + facts.problems:
        _say(f"{problem} (left out of the handouts)")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        _say(f"No handouts were written: {out} is a file; --out names a folder for them.")
        return 2
    try:
        written = write_handouts(build_handouts(scenario, support, facts), out)
    except OSError as exc:
        _say(f"No handouts were written: cannot write to {out}: {exc.strerror or exc}.")
        return 2
    print(f"Wrote {len(written) - 1} handouts for {scenario.title} to {out}. "
          f"Open {out / INDEX} in a browser and print from there (A4).")
    return 0


def _say(message: str) -> None:
    print(message, file=sys.stderr)
