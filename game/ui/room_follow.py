"""Keeping the live room (game/room/live.py) in step with the window, once a turn."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import App


def follow_room(app: App) -> None:
    """Keep the live room on the page the story is at; redraw when devices have sent
    something; put what they sent into the session record (game/room/live.py)."""
    from .screens.play.ending import EndingScreen
    from .screens.play.screen import PlayScreen
    shown = next((s for s in reversed(app.stack) if isinstance(s, (PlayScreen, EndingScreen))),
                 None)
    run = shown.run if shown is not None else None
    outcome = None
    if isinstance(shown, PlayScreen):
        if shown.phase == "intro":
            run = None  # the room waits while the facilitator introduces the story
        elif shown.phase == "outcome":
            outcome = shown.outcome  # what the choice did, before the next scene
    app.room.hide_meters = app.settings.hide_meters  # the phones hide them too
    app.room.follow(run, outcome)
    app.room_news = app.room.changed()
    if app.room_news:
        app.dirty = True
        if shown is not None:
            shown.invalidate()
    recorder = app.recorder
    if recorder is not None and recorder.run is run and app.room.keep(recorder):
        app.record(run)
