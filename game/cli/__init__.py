"""The command line: `python main.py [play|check|report|saves] ...`. See --help.

parser.py declares every command; main runs the one asked for, importing only what it needs
(play.py for the game, lists.py for saves, records and where), so that --version and --help
answer at once."""
from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path

from .parser import DEFERRED, MAX_RUNS, UsageError, _parser

__all__ = ["DEFERRED", "MAX_RUNS", "UsageError", "main", "_parser"]


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error it has printed (2)
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        print(exc.code, file=sys.stderr)  # sys.exit("why"), as Python itself would show it
        return 1
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130
    except ModuleNotFoundError as missing:  # a dependency: imported when its command runs
        if not missing.name or missing.name.split(".")[0] == "game":
            raise
        print(f"Making Together needs the Python package \"{missing.name}\", which is not "
              "installed for this Python.\nInstall the game and what it needs with:\n"
              f"    {sys.executable} -m pip install -e .\n(see \"Play it\" in README.md).",
              file=sys.stderr)
        return 1


def _main(argv: list[str] | None) -> int:
    args = _parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    if args.command in (None, "play"):
        from .play import play
        return play(args)
    if args.command == "check":
        from ..check import run_check
        from ..places import scenes_dir
        return run_check(args.paths or [str(scenes_dir())], as_json=args.json, runs=args.runs,
                         seed=args.seed, out=sys.stdout, budget=args.budget)
    if args.command == "shots":
        from ..ui.shots import take_shots
        from .play import playable, scene_roots
        roots = scene_roots(args.scenes)
        if args.scenario:
            playable(roots, args.scenario, None)
        return take_shots(Path(args.out), roots, args.scenario)
    if args.command == "map":
        from .. import story_map
        return story_map.command(args)
    if args.command == "import":
        from .. import twine
        return twine.command(args)
    if args.command == "new":
        from .. import scaffold
        return scaffold.command(args)
    if args.command in ("export", "sync"):  # xAPI: game/xapi/, docs/xapi.md
        return import_module(f"..xapi.cli_{args.command}", __package__).command(args)
    if args.command == "report":
        if args.lrs or args.since or args.scenario:  # from a store: game/xapi/pull.py
            if not args.lrs:
                raise UsageError("--since and --scenario go with --lrs URL")
            from ..xapi import pull
            return pull.command(args)
        from ..report import command as report
        return report.command(args)
    if args.command == "handouts":
        from ..handouts import command as handouts
        return handouts.command(args)
    from ..saves import save_dir
    from . import lists
    if args.command == "saves":
        return lists.saves(save_dir(getattr(args, "save_dir", None)))
    if args.command == "records":
        return lists.records(save_dir(getattr(args, "save_dir", None)))
    if args.command == "where":
        return lists.where(save_dir(getattr(args, "save_dir", None)))
    return 2


