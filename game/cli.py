"""The command line: `python main.py [play|check|report|saves] ...`. See --help."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .saves import list_slots, save_dir
from .story import find_scenarios, load_scenario

SCENES = Path(__file__).resolve().parent.parent / "scenes"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="making-together",
        description="Making Together: a learning game about coproduction in mental-health "
                    "services. With no command, it starts the game.")
    parser.add_argument("--version", action="version", version=f"Making Together {__version__}")
    _session_options(parser, argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command")

    play = commands.add_parser("play", help="play the game (--text: in the terminal)")
    play.add_argument("--text", action="store_true", help="play in the terminal (works with screen readers)")
    play.add_argument("--scenario", help="the id of the scenario to play")
    play.add_argument("--role", help="professional or service_user")
    play.add_argument("--load", metavar="SLOT", help="continue a saved game (e.g. quick, auto)")
    play.add_argument("--chapter", metavar="N", type=int,
                      help="with --text: begin at chapter N, where the scenario offers a start "
                           "there (in the window, pick it after the role)")
    play.add_argument("--save-dir", metavar="DIR", default=argparse.SUPPRESS,
                      help="where saves and session records go (default: saves/)")
    play.add_argument("--scenes", metavar="DIR", action="append",
                      help="also offer the scenarios in DIR")
    _session_options(play, argparse.SUPPRESS)

    check = commands.add_parser("check", help="check scenarios and play every path")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="scenario folders, or folders of them (default: scenes/)")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--runs", type=int, default=1000, help="random playthroughs per role (default 1000)")
    check.add_argument("--seed", type=int, default=1, help="seed for the random runs (default 1)")

    shots = commands.add_parser("shots", help="save screenshots of every screen (no display needed)")
    shots.add_argument("--out", metavar="DIR", default="shots", help="where the PNG files go (default: shots/)")
    shots.add_argument("--scenario", help="the scenario to show (default: the first one)")
    shots.add_argument("--scenes", metavar="DIR", action="append", help="also look for scenarios in DIR")

    from . import scaffold, story_map, twine
    scaffold.add_parser(commands)
    twine.add_parser(commands)
    story_map.add_parser(commands)

    # The report package is large; it is imported only when a report is asked for.
    report = commands.add_parser(
        "report", help="write a report (HTML and CSV) from session records",
        description="Write one HTML page from session records, with a CSV of every decision "
                    "beside it. One record gives its debrief; two give them side by side; "
                    "three or more give a room report.")
    report.add_argument("records", nargs="*", metavar="RECORD",
                        help="record files, or folders of them (default: the records folder "
                             "of the save folder)")
    report.add_argument("--out", metavar="FILE.html", required=True,
                        help="the page to write; the CSV goes beside it as FILE.csv")
    report.add_argument("--compare", action="store_true",
                        help="compare exactly two records side by side")
    report.add_argument("--scenes", metavar="DIR", action="append",
                        help="also look for the records' scenarios in DIR")
    report.add_argument("--save-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="where the session records are when no RECORD is given "
                             "(default: saves/)")

    handouts = commands.add_parser(
        "handouts", help="write printable handouts (HTML, A4) for a scenario",
        description="Write print-ready pages for a session: the six words, the ladder, "
                    "character cards, two templates, money facts, discussion prompts and "
                    "support lines, with index.html linking them.")
    handouts.add_argument("scenario", metavar="SCENARIO", help="a scenario's id, or its folder")
    handouts.add_argument("--out", metavar="DIR", required=True, help="the folder to write them to")
    handouts.add_argument("--scenes", metavar="DIR", action="append",
                          help="also look for the scenario in DIR")
    handouts.add_argument("--save-dir", metavar="DIR", default=argparse.SUPPRESS,
                          help="the save folder whose support.yaml to use (default: saves/)")

    saves = commands.add_parser("saves", help="list saved games")
    saves.add_argument("--save-dir", metavar="DIR", default=argparse.SUPPRESS,
                       help="where saves are (default: saves/)")
    records = commands.add_parser("records", help="list session records (for debriefs and reports)")
    records.add_argument("--save-dir", metavar="DIR", default=argparse.SUPPRESS,
                         help="the save folder whose records/ to list (default: saves/)")
    return parser


def _session_options(parser: argparse.ArgumentParser, default: object) -> None:
    """Options that work both before a command and after `play`, so that `python main.py
    --workshop` and `python main.py play --workshop` mean the same."""
    parser.add_argument("--workshop", action="store_true", default=default,
                        help="workshop mode: a room plays together, with discussion pauses, "
                             "votes and a facilitator's notes")
    parser.add_argument("--label", metavar="NAME", default=default,
                        help="a player or group label for the session records (no real names needed)")
    if parser.prog.endswith("making-together"):
        parser.add_argument("--save-dir", metavar="DIR", default=default,
                            help="where saves and session records go (default: saves/)")


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command in (None, "play"):
        return _play(args)
    if args.command == "check":
        from .check import run_check
        return run_check(args.paths or [str(SCENES)], as_json=args.json, runs=args.runs,
                         seed=args.seed, out=sys.stdout)
    if args.command == "shots":
        from .ui.shots import take_shots
        return take_shots(Path(args.out), _scene_roots(args.scenes), args.scenario)
    if args.command == "map":
        from . import story_map
        return story_map.command(args)
    if args.command == "import":
        from . import twine
        return twine.command(args)
    if args.command == "new":
        from . import scaffold
        return scaffold.command(args)
    if args.command == "report":
        from .report import command as report
        return report.command(args)
    if args.command == "handouts":
        from .handouts import command as handouts
        return handouts.command(args)
    if args.command == "saves":
        slots = list_slots(save_dir(getattr(args, "save_dir", None)))
        for slot in slots:
            print(slot.describe())
        if not slots:
            print("No saved games yet.")
        return 0
    if args.command == "records":
        return _list_records(save_dir(getattr(args, "save_dir", None)))
    return 2


def _list_records(folder: Path) -> int:
    """Each record with its file, newest first; damaged ones with the reason."""
    from .records import describe, list_records, records_folder
    found = list_records(folder)
    for record in found:
        print(f"{record.path}\n    " + (describe(record.data) if record.ok
                                        else f"damaged: {record.reason}"))
    if not found:
        print(f"No session records in {records_folder(folder)} yet: they are written as you play.")
    else:
        print("A report of all of them: python main.py report --out report.html"
              + (f" --save-dir {folder}" if folder != save_dir(None) else ""))
    return 0


def _scene_roots(extra: list[str] | None) -> list[Path]:
    return [SCENES] + [Path(p) for p in (extra or [])]


def _play(args: argparse.Namespace) -> int:
    roots = _scene_roots(getattr(args, "scenes", None))
    folder = save_dir(getattr(args, "save_dir", None))
    workshop, label = bool(getattr(args, "workshop", False)), getattr(args, "label", None) or ""
    chapter = getattr(args, "chapter", None)
    if chapter is not None and not getattr(args, "text", False):
        print("--chapter is for play --text; in the window, choose the chapter after the role.",
              file=sys.stderr)
    if not getattr(args, "text", False):
        from .ui.main import open_window
        status = open_window(roots, folder, getattr(args, "load", None),
                             getattr(args, "scenario", None), getattr(args, "role", None),
                             workshop=workshop, label=label)
        if status is not None:
            return status
        print("No window could be opened here, so the game plays in the terminal instead "
              "(play --text does this directly).", file=sys.stderr)
    folders = list(dict.fromkeys(f.resolve() for f in find_scenarios(*roots)))
    results = [load_scenario(f) for f in folders]
    from .text import TextGame
    game = TextGame(results, sys.stdin, sys.stdout, folder, label=label, workshop=workshop)
    return game.play(getattr(args, "scenario", None), getattr(args, "role", None),
                     getattr(args, "load", None), chapter)
