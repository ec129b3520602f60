"""The command line's parser: every command, its options and its help (game/cli/__init__.py runs
the command). See `python main.py --help`."""
from __future__ import annotations

import argparse
from collections.abc import Collection
from importlib import import_module

from .. import __version__

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
            import_module(f"..{module}", __package__).add_parser(commands)
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


