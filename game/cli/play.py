"""`python main.py` and `python main.py play`: the scenarios and role asked for are checked
before anything is shown, then the window opens (or the terminal game plays)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .parser import UsageError


def scene_roots(extra: list[str] | None) -> list[Path]:
    """scenes/ and each --scenes DIR; a DIR that is not a folder is refused (exit 2)."""
    from ..places import scene_roots as shipped_and_own
    for given in extra or []:
        if not Path(given).is_dir():
            raise UsageError(f"--scenes {given}: there is no such folder")
    return shipped_and_own() + [Path(p) for p in (extra or [])]


def playable(roots: list[Path], scenario_id: str | None, role: str | None) -> list:
    """The scenarios that load from `roots`, after checking --scenario and --role against them:
    a scenario or role that is not there is a UsageError, before anything is shown."""
    from ..files.parse_cache import user_cache
    from ..story import find_scenarios, load_scenario
    from ..story.problems import did_you_mean
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
    from ..story.starts import chapters, playable_starts
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


def play(args: argparse.Namespace) -> int:
    from ..saves import save_dir
    from ..text.safety import one_line
    roots = scene_roots(getattr(args, "scenes", None))
    scenario_id, role = getattr(args, "scenario", None), getattr(args, "role", None)
    chapter = getattr(args, "chapter", None)
    if chapter is not None and chapter < 1:
        raise UsageError(f"--chapter {chapter}: chapters are numbered from 1.")
    text = getattr(args, "text", False) or getattr(args, "plain", False)  # --plain is the terminal
    # checked before the window opens or the menu prints; the terminal reuses what was loaded
    results = playable(roots, scenario_id, role) if (text or scenario_id or role) else None
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
        from ..ui.main import open_window
        status = open_window(roots, folder, getattr(args, "load", None),
                             getattr(args, "scenario", None), getattr(args, "role", None),
                             workshop=workshop, label=label, room=room)
        if status is not None:
            return status
        print("No window could be opened here, so the game plays in the terminal instead "
              "(play --text does this directly).", file=sys.stderr)
    if results is None:
        results = playable(roots, None, None)
    from ..terminal.game import TextGame
    hide = getattr(args, "hide_meters", None)
    if hide is None:  # the window's setting, where it was saved (pygame is not loaded for it)
        from ..ui.settings import load_settings
        hide = load_settings(folder, keys=False).hide_meters
    game = TextGame(results, sys.stdin, sys.stdout, folder, label=label, workshop=workshop,
                    room=room, plain=getattr(args, "plain", False), hide_meters=hide)
    return game.play(getattr(args, "scenario", None), getattr(args, "role", None),
                     getattr(args, "load", None), chapter)
