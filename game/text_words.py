"""Words for the ear: dates and saves as a screen reader should read them, "7 December 2026
at 20:46" rather than an ISO date. (Ranges are in text_io.choose_from; numbers with their
scale and meter histories in story/debrief.py, which the window shares.) Nothing here prints."""
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
    if not slot.ok:
        return f"{slot.name}: damaged ({slot.reason})"
    where = f"ended: {slot.ending}" if slot.ending else (slot.chapter or "at the start")
    when = spoken_date(slot.saved_at)
    role = slot.role.replace("_", " ") if isinstance(slot.role, str) else ""
    return (f"{slot.name}: {slot.scenario_title or slot.scenario}, {role}, {where}, "
            f"step {slot.step}" + (f", saved {when}" if when else ""))
