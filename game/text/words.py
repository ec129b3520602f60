"""Words for the ear: dates and saves as a screen reader should read them, "7 December 2026
at 20:46" rather than an ISO date. (Ranges are in terminal/console.choose_from; numbers with their
scale and meter histories in story/debrief, which the window shares; a change with the meters
hidden here, for the terminal and the room's phones.) Nothing here prints."""
from __future__ import annotations

from datetime import datetime

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def spoken_date(stamp: object) -> str:
    """'7 December 2026 at 20:46' from an ISO time ('2026-12-07T20:46:14+00:00'); '' when it
    is not one (a damaged save)."""
    if not isinstance(stamp, str) or not stamp.strip():
        return ""
    try:
        when = datetime.fromisoformat(stamp.strip())
    except ValueError:
        return ""
    return f"{when.day} {MONTHS[when.month - 1]} {when.year} at {when.hour}:{when.minute:02d}"


def slot_words(slot) -> str:
    """A save slot in one spoken line: 'quick: Tea and Terms, professional, The invitation,
    step 3, saved 7 December 2026 at 20:46'."""
    if not slot.ok:  # a parser's words are for trainers: `python main.py saves` prints them
        from ..saves import cannot_open
        return f"{slot.name}: {cannot_open(slot.reason)}"
    where = f"ended: {slot.ending}" if slot.ending else (slot.chapter or "at the start")
    when = spoken_date(slot.saved_at)
    role = slot.role.replace("_", " ") if isinstance(slot.role, str) else ""
    return (f"{slot.name}: {slot.scenario_title or slot.scenario}, {role}, {where}, "
            f"step {slot.step}" + (f", saved {when}" if when else ""))


def hidden_describe(scenario, change, scale: bool = False) -> str:
    """One change with the meters hidden until the debrief: what it touched and why, with no
    number ('Trust — People felt valued [respect]'), as the window's "What changed" shows
    it. A yes/no or a text has no number to hide and keeps its words."""
    after = change.after
    if isinstance(after, bool) or not isinstance(after, (int, float)):
        from ..story.debrief import Debrief  # imported here: dates and saves need none of it
        return Debrief.describe(scenario, change, scale=scale)
    variable = scenario.variables.get(change.name)
    label = variable.label if variable else change.name
    reason = f" — {change.why}" if change.why else ""
    return label + reason + (f" [{change.tag}]" if change.tag else "")
