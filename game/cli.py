"""The command line: `python main.py [play|check|report|saves] ...`. See --help."""
from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Collection
from importlib import import_module
from pathlib import Path

from . import __version__

# Nothing else of the game is imported here: each command imports what it needs when it runs,
# so that --version and --help answer at once (the story core and YAML, saves, and the import
# and map tools take several times longer to import than Python takes to start).
# `check --runs`: the random runs share a work budget of 100,000 choices per role (so that check
# stays quick on any scenario; story/random_runs.py), so even runs of five choices fill it by
# 20,000; more could never be made, and check says when the budget cut the runs short.
MAX_RUNS = 20_000
EPILOG = """\
Saves and session records go in saves/ (from the source folder; installed, in
your user data folder) unless --save-dir DIR is given or the environment
variable MAKING_TOGETHER_SAVES names another folder (--save-dir wins).
python main.py where prints every folder the game uses.

Exit status, for every command: 0 done; 1 findings (check found errors, a
scenario has problems); 2 bad usage or refused input (an unknown option,
scenario or role, a file that cannot be read or written). Each command has
its own --help, for example: python main.py check --help"""


class UsageError(Exception):
    """A wrong argument, found before anything runs: one line to stderr, exit status 2."""


# Commands whose options their own modules define. --help lists them from here; a module is
# imported only when its command's name is on the command line (tests/test_parse_cache.py
# checks that each summary here is the module's own).
DEFERRED = {
    "new": ("scaffold", "start a new scenario from a small working example"),
    "import": ("twine", "turn a Twine story (Twee or published HTML) into a scenario"),
    "map": ("story_map", "draw a scenario as a story map (SVG, Graphviz .dot or Mermaid .mmd)"),
    "export": ("xapi.cli_export", "write session records as xAPI statements (a JSON file)"),
    "sync": ("xapi.cli_sync", "send finished session records to a Learning Record Store (xAPI)"),
}


def _parser(words: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given the command line's `words`, the commands not among them are
    listed by name and summary only (their options are only built for the command that runs:
    building every command's options costs more than parsing, before the window opens)."""
    parser = argparse.ArgumentParser(
        prog="making-together",
        description="Making Together: a learning game about coproduction in mental-health "
                    "services. With no command, it starts the game.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"Making Together {__version__}")
    _session_options(parser, argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command")

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser | None:
        if words is not None and name not in words:
            commands.add_parser(name, help=summary, add_help=False)
            return None
        return commands.add_parser(name, help=summary, description=description)

    play = command(
        "play", "play the game (--text: in the terminal)",
        "Play a scenario in the game window, or with --text in the terminal (which works with "
        "screen readers and pipes). --scenario and --role skip those questions; a wrong one is "
        "refused before the game starts.")
    if play is not None:
        _play_options(play)

    check = command(
        "check", "check scenarios and play every path",
        "Load every scenario (under scenes/, or the PATHs given), report each problem as "
        "file:line:col, explore every path and make seeded random playthroughs. Exit status 1 "
        "when any scenario has errors.")
    if check is not None:
        _check_options(check)

    shots = command(
        "shots", "save screenshots of every screen (no display needed)",
        "Save PNG screenshots of every screen in three sets: 1280x720 with default settings, "
        "1920x1080 (a projector), and 800x600 with 200% text and high contrast. For looking at: "
        "clipped text, overlaps and contrast show at once.")
    if shots is not None:
        shots.add_argument("--out", metavar="DIR", default="shots",
                           help="where the PNG files go (default: shots/)")
        shots.add_argument("--scenario", help="the scenario to show (default: the first one)")
        shots.add_argument("--scenes", metavar="DIR", action="append",
                           help="also look for scenarios in DIR")

    for name, (module, summary) in DEFERRED.items():
        if words is None or name in words:
            import_module(f".{module}", __package__).add_parser(commands)
        else:
            commands.add_parser(name, help=summary, add_help=False)

    # The report package is large; it is imported only when a report is asked for.
    report = command(
        "report", "write a report (HTML and CSV) from session records",
        "Write one HTML page from session records, with a CSV of every decision beside it. One "
        "record gives its debrief; two give them side by side; three or more give a room report.")
    if report is not None:
        _report_options(report)

    handouts = command(
        "handouts", "write printable handouts (HTML, A4) for a scenario",
        "Write print-ready pages for a session: the six words, the ladder, character cards, two "
        "templates, money facts, discussion prompts and support lines, with index.html linking "
        "them.")
    if handouts is not None:
        handouts.add_argument("scenario", metavar="SCENARIO", help="a scenario's id, or its folder")
        handouts.add_argument("--out", metavar="DIR", required=True,
                              help="the folder to write them to")
        handouts.add_argument("--scenes", metavar="DIR", action="append",
                              help="also look for the scenario in DIR")
        handouts.add_argument("--save-dir", metavar="DIR", default=argparse.SUPPRESS,
                              help="the save folder whose support.yaml to use (default: saves/)")

    saves = command(
        "saves", "list saved games",
        "List the saved games in the save folder, newest first, with what each holds; a damaged "
        "one is listed with the reason.")
    if saves is not None:
        saves.add_argument("--save-dir", metavar="DIR", default=argparse.SUPPRESS,
                           help="where saves are (default: saves/)")
    records = command(
        "records", "list session records (for debriefs and reports)",
        "List the session records in the save folder's records/, newest first; python main.py "
        "report makes a page from them.")
    if records is not None:
        records.add_argument("--save-dir", metavar="DIR", default=argparse.SUPPRESS,
                             help="the save folder whose records/ to list (default: saves/)")
    command("where", "print the folders the game uses",
            "Print where the shipped scenarios and fonts are, where saves, settings, session "
            "records and reports go, and where your own scenarios are looked for.")
    return parser


def _play_options(play: argparse.ArgumentParser) -> None:
    play.add_argument("--text", action="store_true",
                      help="play in the terminal (works with screen readers)")
    play.add_argument("--plain", action="store_true",
                      help="play in the terminal with no line wrapping and no colour, even on "
                           "a terminal: one paragraph a line, for screen readers and braille")
    play.add_argument("--hide-meters", action=argparse.BooleanOptionalAction, default=None,
                      help="with --text: no meter numbers until the ending (the debrief); "
                           "by default as the window's setting says")
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


def _check_options(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="scenario folders, or folders of them (default: scenes/)")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--runs", type=_whole_number(
        1, MAX_RUNS, " (the runs stop at 100,000 choices per role, which even runs of five "
                     "choices fill by 20,000)"), default=1000, metavar="N",
                       help=f"random playthroughs per role, 1 to {MAX_RUNS:,} (default 1000); they "
                            "stop at 100,000 choices per role so that check stays quick, and "
                            "check says when they do")
    check.add_argument("--seed", type=int, default=1, help="seed for the random runs (default 1)")
    check.add_argument("--budget", type=_whole_number(10, 5_000_000), default=None, metavar="N",
                       help="states each search of every path may visit before it stops "
                            "(default 20,000); check says when a search stopped, and then what "
                            "it did not reach is not a proof")


def _report_options(report: argparse.ArgumentParser) -> None:
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
    report.add_argument("--lrs", metavar="URL",
                        help="read the records from this Learning Record Store (xAPI) "
                             "instead, e.g. https://lrs.example.org/xAPI (docs/xapi.md)")
    report.add_argument("--since", metavar="DATE",
                        help="with --lrs: only what the store took since DATE (2026-11-26)")
    report.add_argument("--scenario", metavar="ID",
                        help="with --lrs: only the records of this scenario")


def _session_options(parser: argparse.ArgumentParser, default: object) -> None:
    """Options that work both before a command and after `play`, so that `python main.py
    --workshop` and `python main.py play --workshop` mean the same."""
    parser.add_argument("--workshop", action="store_true", default=default,
                        help="workshop mode: a room plays together, with discussion pauses, "
                             "votes and a facilitator's notes")
    parser.add_argument("--label", metavar="NAME", default=default,
                        help="a player or group label for the session records (no real names needed)")
    parser.add_argument("--room", action="store_true", default=default,
                        help="open the live room at the start (workshop mode): everyone votes "
                             "from their own phone or laptop on the same Wi-Fi")
    parser.add_argument("--room-host", metavar="ADDRESS", default=default,
                        help="the address the room listens on (default: this computer's "
                             "address on the local network; 127.0.0.1 for a demo on one computer)")
    parser.add_argument("--room-port", metavar="PORT", default=default,
                        type=_whole_number(0, 65535, " (0 picks a free port)"),
                        help="the port the room listens on (default: a free one)")
    if parser.prog.endswith("making-together"):
        parser.add_argument("--save-dir", metavar="DIR", default=default,
                            help="where saves and session records go (default: saves/)")


def _whole_number(low: int, high: int, why: str = ""):
    """An argparse type: a whole number from `low` to `high`, else a usage error (exit 2)."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f'"{text}" is not a whole number') from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"give a number from {low} to {high:,}, not "
                                             f"{value:,}{why}")
        return value
    return parse


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
        return _play(args)
    if args.command == "check":
        from .check import run_check
        from .places import scenes_dir
        return run_check(args.paths or [str(scenes_dir())], as_json=args.json, runs=args.runs,
                         seed=args.seed, out=sys.stdout, budget=args.budget)
    if args.command == "shots":
        from .ui.shots import take_shots
        roots = _scene_roots(args.scenes)
        if args.scenario:
            _playable(roots, args.scenario, None)
        return take_shots(Path(args.out), roots, args.scenario)
    if args.command == "map":
        from . import story_map
        return story_map.command(args)
    if args.command == "import":
        from . import twine
        return twine.command(args)
    if args.command == "new":
        from . import scaffold
        return scaffold.command(args)
    if args.command in ("export", "sync"):  # xAPI: game/xapi/, docs/xapi.md
        return import_module(f".xapi.cli_{args.command}", __package__).command(args)
    if args.command == "report":
        if args.lrs or args.since or args.scenario:  # from a store: game/xapi/pull.py
            if not args.lrs:
                raise UsageError("--since and --scenario go with --lrs URL")
            from .xapi import pull
            return pull.command(args)
        from .report import command as report
        return report.command(args)
    if args.command == "handouts":
        from .handouts import command as handouts
        return handouts.command(args)
    from .saves import save_dir
    if args.command == "saves":
        return _list_saves(save_dir(getattr(args, "save_dir", None)))
    if args.command == "records":
        return _list_records(save_dir(getattr(args, "save_dir", None)))
    if args.command == "where":
        return _where(save_dir(getattr(args, "save_dir", None)))
    return 2


def _where(folder: Path) -> int:
    from . import places
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
    from .files.parse_cache import cache_folder
    cache = cache_folder()
    print(f"Parse cache (safe to delete): {cache if cache is not None else 'turned off'}")
    return 0


def _list_records(folder: Path) -> int:
    """Each record with its file, newest first; damaged ones with the reason."""
    from .files.folders import HINT, folder_problem
    from .records import describe, list_records, records_folder
    from .saves import save_dir
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


def _list_saves(folder: Path) -> int:
    """Each save, newest first, in words: the ending's title (as `records` gives it), and
    'damaged' with the reason for a file that is not a usable save."""
    from .files.folders import HINT, folder_problem
    from .saves import list_slots
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
    from .text.words import spoken_date
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
    from .files.parse_cache import user_cache
    from .places import scenes_dir
    from .story import find_scenarios, load_scenario
    for folder in find_scenarios(scenes_dir()):
        if folder.name == scenario_id:
            return load_scenario(folder, cache=user_cache()).scenario
    return None


def _scene_roots(extra: list[str] | None) -> list[Path]:
    """scenes/ and each --scenes DIR; a DIR that is not a folder is refused (exit 2)."""
    from .places import scene_roots
    for given in extra or []:
        if not Path(given).is_dir():
            raise UsageError(f"--scenes {given}: there is no such folder")
    return scene_roots() + [Path(p) for p in (extra or [])]


def _playable(roots: list[Path], scenario_id: str | None, role: str | None) -> list:
    """The scenarios that load from `roots`, after checking --scenario and --role against them:
    a scenario or role that is not there is a UsageError, before anything is shown."""
    from .files.parse_cache import user_cache
    from .story import find_scenarios, load_scenario
    from .story.problems import did_you_mean
    folders = list(dict.fromkeys(f.resolve() for f in find_scenarios(*roots)))
    cache = user_cache()
    results = [load_scenario(f, cache=cache) for f in folders]
    playable = [r.scenario for r in results if r.scenario is not None]
    if scenario_id:
        ids = [s.id for s in playable]
        if scenario_id not in ids:
            raise UsageError(f'There is no playable scenario "{scenario_id}"'
                             + did_you_mean(scenario_id, ids) + ". The scenarios here are: "
                             + (", ".join(ids) or "none") + ".")
        playable = [s for s in playable if s.id == scenario_id]
    if role:
        roles = list(dict.fromkeys(r for s in playable for r in s.roles))
        if role not in roles:
            where = f'"{playable[0].title}"' if scenario_id and playable else "the scenarios here"
            raise UsageError(f'There is no role "{role}"' + did_you_mean(role, roles)
                             + f". The roles in {where} are: " + (", ".join(roles) or "none") + ".")
    return results


def _check_chapter(results: list, scenario_id: str | None, role: str | None, chapter: int) -> None:
    """--chapter N with --text: refused before the menu when no scenario and role asked for
    (all of them when not given) has a start at chapter N."""
    from .story.starts import chapters, playable_starts
    scenarios = [r.scenario for r in results if r.scenario is not None
                 and (not scenario_id or r.scenario.id == scenario_id)]
    offered = sorted({(start.number, start.chapter) for scenario in scenarios
                      for each in scenario.roles if not role or each == role
                      for start in playable_starts(scenario, each)})
    if chapter == 1 or any(number == chapter for number, _ in offered):
        return
    longest = max((len(chapters(s)) for s in scenarios), default=0)
    where = (f"There is no chapter {chapter}: the story has {longest} chapters."
             if len(scenarios) == 1 and chapter > longest else f"There is no start at chapter {chapter}"
             + (f" as {role}" if role else "") + ".")
    if offered:
        offer = [f"{number} ({title})" for number, title in offered]
        offer = ", ".join(offer[:-1]) + " or " + offer[-1] if len(offer) > 1 else offer[0]
        raise UsageError(f"{where} You can start at chapter {offer}; or leave out --chapter to "
                         "play from the beginning.")
    raise UsageError(f"{where} There are no chapter starts here: leave out --chapter to play "
                     "from the beginning.")


def _room_options(args: argparse.Namespace) -> tuple[str | None, int] | None:
    """(host, port) when the live room is to open at the start, else None. --room-host or
    --room-port alone asks for the room too."""
    host, port = getattr(args, "room_host", None), getattr(args, "room_port", None)
    if not (getattr(args, "room", False) or host is not None or port is not None):
        return None
    if host is not None and (not host.strip() or any(c.isspace() for c in host.strip())):
        raise UsageError(f'--room-host "{host}": give one address, such as 127.0.0.1.')
    if host is not None and host.strip() in ("0.0.0.0", "::", "[::]"):
        raise UsageError(f"--room-host {host.strip()} listens everywhere, but it is not an address "
                         "a phone can open: leave --room-host out (the game finds this computer's "
                         "address on the network) or give that address.")
    return (host.strip() if host else None), (port or 0)


def _play(args: argparse.Namespace) -> int:
    from .saves import save_dir
    from .text.safety import one_line
    roots = _scene_roots(getattr(args, "scenes", None))
    scenario_id, role = getattr(args, "scenario", None), getattr(args, "role", None)
    chapter = getattr(args, "chapter", None)
    if chapter is not None and chapter < 1:
        raise UsageError(f"--chapter {chapter}: chapters are numbered from 1.")
    text = getattr(args, "text", False) or getattr(args, "plain", False)  # --plain is the terminal
    # checked before the window opens or the menu prints; the terminal reuses what was loaded
    results = _playable(roots, scenario_id, role) if (text or scenario_id or role) else None
    if text and chapter is not None and not getattr(args, "load", None):
        _check_chapter(results, scenario_id, role, chapter)
    folder = save_dir(getattr(args, "save_dir", None))
    # a label is shown and saved: what cannot be seen or written goes (a byte that was not
    # UTF-8 shows as \ufffd), so a pasted zero-width space or $'\xff' never stops the game
    workshop, label = bool(getattr(args, "workshop", False)), one_line(getattr(args, "label", None) or "")
    room = _room_options(args)
    workshop = workshop or room is not None  # the live room is a workshop tool
    if chapter is not None and not text:
        print("--chapter is for play --text; in the window, choose the chapter after the role.",
              file=sys.stderr)
    if getattr(args, "hide_meters", None) is not None and not text:
        print("--hide-meters is for play --text; in the window it is a setting (Settings, "
              "\"Hide the meters until the debrief\"), remembered between games.", file=sys.stderr)
    if not text:
        from .ui.main import open_window
        status = open_window(roots, folder, getattr(args, "load", None),
                             getattr(args, "scenario", None), getattr(args, "role", None),
                             workshop=workshop, label=label, room=room)
        if status is not None:
            return status
        print("No window could be opened here, so the game plays in the terminal instead "
              "(play --text does this directly).", file=sys.stderr)
    if results is None:
        results = _playable(roots, None, None)
    from .terminal.game import TextGame
    hide = getattr(args, "hide_meters", None)
    if hide is None:  # the window's setting, where it was saved (pygame is not loaded for it)
        from .ui.settings import load_settings
        hide = load_settings(folder, keys=False).hide_meters
    game = TextGame(results, sys.stdin, sys.stdout, folder, label=label, workshop=workshop,
                    room=room, plain=getattr(args, "plain", False), hide_meters=hide)
    return game.play(getattr(args, "scenario", None), getattr(args, "role", None),
                     getattr(args, "load", None), chapter)
