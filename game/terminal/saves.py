"""Saving and loading in the terminal game: `save` and `load` typed at any point in the story
(as the window's save menu does), the offer to save on quitting, and `--load`. Saves are
described in words ("saved 7 December 2026 at 20:46"), never as an ISO date."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import open_recorder
from ..saves import SaveError, cannot_open, list_slots, read_slot, restore, save_run, slot_path
from ..story import Run
from .console import choose_from, number
from ..text.words import slot_words

if TYPE_CHECKING:
    from .game import TextGame

SAVE_HELP = ("save: save the game to a slot you name",
             "load: load a saved game (your place here is kept in the autosave)")


def load_slot(game: "TextGame", name: str) -> Run | None:
    """The run saved in slot `name`; None, having said why, when it cannot be loaded."""
    try:
        path = slot_path(game.save_folder, name)
        if not path.exists():
            names = ", ".join(s.name for s in list_slots(game.save_folder)) or "none yet"
            raise SaveError(f'there is no save called "{name}" (saves: {names})')
        slot = read_slot(path)
        if not slot.ok:  # the parser's reason is for trainers: `python main.py saves` prints it
            raise SaveError(cannot_open(slot.reason) + " (python main.py saves"
                            + game.save_dir_option + " shows why.)")
        match = next((r.scenario for r in game.scenarios
                      if r.scenario and r.scenario.id == slot.scenario), None)
        if slot.ok and match is None:
            raise SaveError(f'the scenario "{slot.scenario}" is not here')
        run = restore(match, slot)
    except SaveError as exc:
        game.say(f'Cannot load "{name}": {exc}')
        return None
    game.record_id = slot.data.get("record") if slot.data else None
    game.say(f"Loaded {slot_words(slot)}.")
    if run.restore_note:
        game.say(run.restore_note)
    return run


def save_as(game: "TextGame", run: Run) -> str | None:
    """Ask for a slot name and save `run` there (asking before replacing a save). The name
    saved under, or None when nothing was saved (said why)."""
    while True:
        name = game.ask("Save name (Enter for 'quick'): ").lower() or "quick"
        try:
            path = slot_path(game.save_folder, name)
        except SaveError as exc:
            game.say(str(exc))
            continue
        if path.exists():
            if not game.ask_yes(f'"{slot_words(read_slot(path))}" is already there. Replace it?'):
                continue
        try:
            save_run(game.save_folder, name, run, overwrite=True, record=game.record_name)
        except OSError as exc:
            game.say(f"Could not save: {exc.strerror or exc}.")
            return None
        return name


def save_here(game: "TextGame", run: Run) -> None:
    """The `save` command: save to a named slot and play on."""
    if game.read_only:
        game.say("This game is read-only (another game holds the save folder), so it cannot "
                 "save. Play on, or quit and play again with another --save-dir.")
        return
    name = save_as(game, run)
    if name:
        game.say(f'Saved as "{name}". Type load at any time to go back to it; the game goes on.')


def load_here(game: "TextGame") -> bool:
    """The `load` command: list the saves, load the one picked. True when a game was loaded
    (game.run and its session record are then the loaded game's)."""
    slots = list_slots(game.save_folder)
    if not slots:
        game.say("There are no saves yet. Type save to make one.")
        return False
    game.heading("Saved games")
    for place, slot in enumerate(slots, start=1):
        game.say(f"{place}. {slot_words(slot)}", "  ")
    while True:
        answer = game.ask(f"Which save? ({choose_from(len(slots))}, Enter to go back): ").lower()
        if not answer:
            game.say("Nothing loaded: the story goes on where it was.")
            return False
        chosen = number(answer)
        if chosen is not None and 1 <= chosen <= len(slots):
            break
        game.say(f"Please type a number from {choose_from(len(slots))}, or press Enter to go back.")
    if game.run is not None and game.run.step:
        game.autosave(game.run)  # the place left stays in the autosave
    run = load_slot(game, slots[chosen - 1].name)
    if run is None:
        return False
    game.run = run
    game.recorder = open_recorder(game.save_folder, run, game.record_id, game.label,
                                  "workshop" if game.workshop else "solo")
    return True


def offer_save(game: "TextGame", run: Run) -> None:
    """On quitting: offer to save to a slot, then say how to load it."""
    if game.read_only:
        game.say("This game was read-only (another game holds the save folder), so it is "
                 "not saved. Goodbye.")
        return
    if run.step == 0 or not game.ask_yes("Save before you go?"):
        game.say("Goodbye.")
        return
    name = save_as(game, run)
    if name:
        game.say_command(f'Saved as "{name}". Load it with:',
                         f"python main.py play --text --load {name}" + game.save_dir_option)
