"""Workshop mode on the title screen: start it with a group label, change the label, leave it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...layout import Column

if TYPE_CHECKING:
    from ...app import App


def workshop_status(app: "App", column: Column, compact: bool = False) -> None:
    """On the title, under the game's name: that workshop mode is on, and for which group
    (`compact`: closer to the menu, for a window short of room)."""
    if app.workshop:
        from ....support import support_for  # read only in workshop mode
        group = f": {app.label}" if app.label else ""
        person = support_for(None, app.save_folder).facilitator  # the organisation's support.yaml
        last = 0.75 if compact else 1.5
        column.text(f"Workshop mode is on{group}", "body_bold", "accent", align="center",
                    after=0.5 if person else last)
        if person:
            column.text(f"Facilitator: {person.name}" + (f" ({person.how})" if person.how else ""),
                        "body", "muted", align="center", after=last)


def workshop_entries(app: "App", column: Column) -> None:
    """Workshop mode's buttons on the title: start it, or change the label and leave it."""
    if not app.workshop:
        column.button("Workshop mode (a room plays together)", lambda: ask_label(app),
                      note="Projector text, discussion pauses, votes and notes.")
        return
    from .room import open_room
    column.button("Show the room's QR code" if app.room else "Open the room (R)",
                  lambda: open_room(app),
                  note="" if app.room else "Everyone joins from their own phone or laptop.")
    column.button("Change the group label", lambda: ask_label(app))
    column.button("Leave workshop mode", lambda: leave_workshop(app),
                  note="Back to playing on your own, at your own text size.")


def ask_label(app: "App") -> None:
    from ..menus.ask_text import AskTextScreen
    starting = not app.workshop
    app.push(AskTextScreen(
        app, "A label for this group (optional)",
        lambda text: start_workshop(app, text, choose=starting), initial=app.label,
        note='No real names needed: for example "Tuesday group". It is kept in the session '
             "records and shown in their list and in reports, so you can find them afterwards.",
        limit=60,
        save_label="Start workshop mode" if starting else "Save the label"))


def start_workshop(app: "App", label: str, choose: bool = True) -> None:
    """Workshop mode on, with the group's label; then on to choosing a scenario and role."""
    app.label = label
    if not app.workshop:
        app.workshop = True
        app.retheme()  # projector-sized text; the player's own settings are left alone
        from .room import get_ready
        get_ready()  # the room is likely to open soon: its server loads in the background
    app.dirty = True
    app.top.invalidate()
    if choose:
        from ..menus.new_game import ChooseScreen
        app.push(ChooseScreen(app))
        app.say("Workshop mode is on. At each decision: T timer, V votes, N note, O other side.",
                seconds=6)


def leave_workshop(app: "App") -> None:
    from .room import close_room
    close_room(app)
    app.workshop = False
    app.label = ""
    app.retheme()
    app.say("Workshop mode is off.")
