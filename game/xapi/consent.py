"""The player's agreement to send their own words to the organisation's learning record store:
when to ask (`asks_to_share`) and the words the window's debrief and the terminal's both use.
The answer is kept in the session record as `share_answers` (docs/records.md); mapping.py
sends the words only when it is true and the organisation allows them (docs/xapi.md).
Reads only the settings file: nothing here talks to the network.
"""
from __future__ import annotations

from pathlib import Path

from .config import ConfigError, load_config


def asks_to_share(save_folder: Path) -> bool:
    """True when the debrief should ask the player whether their written answers may go to the
    store: the organisation has set a store ("lrs") and allows players' words ("share_answers").
    Otherwise the answer could change nothing, so the question is not asked. Reads only the
    settings file: no network. A settings file that cannot be used asks nothing (`sync` says
    what is wrong with it)."""
    try:
        config = load_config(save_folder)
    except (ConfigError, OSError):
        return False
    return bool(config.lrs) and config.share_answers


SHARE_YES, SHARE_NO = "Yes, share them", "No, keep them here"


def share_question(workshop: bool) -> str:
    """The question about sharing, as the window and the terminal ask it."""
    what = ("the room's written answers and comments, and your notes" if workshop
            else "your written answers")
    return (f"Your organisation keeps learning records. Share {what} with them? "
            "(Your choices in the game are sent either way, with no name.)"
            + (" Ask the room first." if workshop else ""))


def share_state(agreed: bool | None) -> str:
    """What the player's answer means, said under the question."""
    if agreed is None:
        return "Not answered yet: unless you choose Yes, they are not shared."
    return ("They will go with this game's record. " if agreed else
            "They stay in this game's record on this computer. ") + "You can change this here."
