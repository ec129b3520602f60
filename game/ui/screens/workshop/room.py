"""The live room on the projector: the join panel (QR code, address, room code) and the
facilitator's list of comments, from which they choose what the big screen shows.

Opening and closing the room are here too; `App.follow_room` keeps it in step with the story.
"""
from __future__ import annotations

import importlib
import threading
from functools import cache
from typing import TYPE_CHECKING

import pygame

from .panels import CardScreen

if TYPE_CHECKING:
    from ...app import App

NEEDS = ("Everyone needs to be on the same Wi-Fi as this computer (or on its hotspot). "
         "Nothing to install, no account, no names.")
GUEST_WIFI = ("If phones cannot open the address, the Wi-Fi may keep devices apart (many guest "
              "networks do): turn on this computer's hotspot, or a phone's, and join that.")
PRIVACY = ("Kept in the session record: the votes, the comments and the debrief answers, with no "
           "name and no address. Not kept: who voted for what.")


@cache
def get_ready() -> threading.Thread:
    """Import the room's web server in the background, once. aiohttp takes about 0.4 s of
    processor time to import (it sets up its TLS settings as it loads), which would otherwise
    hold up the window when the facilitator opens the room; in workshop mode that is likely
    soon, so the title and the start of workshop mode call this while nothing else happens."""
    def load() -> None:
        try:
            importlib.import_module("....room.live", __package__)
        except Exception:  # noqa: BLE001 - opening the room imports it again and meets it there
            pass

    ready = threading.Thread(target=load, name="room import", daemon=True)
    ready.start()
    return ready


def open_room(app: "App", quiet: bool = False) -> bool:
    """Start the room (once) and show its join panel; False, with a message, if it cannot."""
    if app.room is None:
        from ....room.live import LiveRoom
        room = LiveRoom(app.room_host, app.room_port)
        problem = room.open()
        if problem:
            app.say(f"The room could not open: {problem}", seconds=8)
            return False
        app.room = room
        if not app.workshop:
            from .title import start_workshop
            start_workshop(app, app.label, choose=False)
    app.follow_room()
    if not quiet:
        app.push(RoomScreen(app))
    return True


def close_room(app: "App") -> None:
    room = app.room
    if room is None:
        return
    room.close_vote(app.recorder)
    if room.keep(app.recorder, force=True) and app.recorder is not None:
        app.record(app.recorder.run)
    room.close()
    app.room = None
    app.dirty = True
    app.say("The room is closed: devices can no longer vote or comment.")


class RoomCard(CardScreen):
    """A card that is laid out again whenever the room changes (a join, a vote, a comment)."""

    def update(self, dt):
        if self.app.room is not None and self.app.room_news:
            self.invalidate()
            return True
        return False


class RoomScreen(RoomCard):
    """What the room needs to join, large enough to read from the back of a room."""

    characters = 56
    hints = "Esc: back to the story     F1: keys"

    def content(self, column):
        room = self.app.room
        theme = column.theme
        if room is None:
            column.text("The room is not open.", "heading")
            column.button("Open the room", lambda: (self.app.pop(), open_room(self.app)),
                          kind="primary")
            column.button("Back", self.app.pop)
            return
        column.text("Join on your phone or laptop", "heading", after=0.5)
        side = min(column.width // 2, max(theme.unit * 30, self.app.theme.size[1] * 2 // 5))
        column.drawing(side, lambda surface, rect: self._draw_join(surface, rect, side), after=1)
        devices = room.devices
        column.text(f"{devices} device{'' if devices == 1 else 's'} joined", "subheading",
                    after=1)
        if not room.lan and room.chosen_host:
            column.text("This room listens on this computer only: a browser here can join, "
                        "phones cannot.", "body_bold", "accent", after=1)
        elif not room.lan:
            column.text("No network found: only this computer can join. Connect to the room's "
                        "Wi-Fi or a hotspot, then close and open the room again.", "body_bold",
                        "accent", after=1)
        column.text(NEEDS, "small", after=0.5)
        column.text(GUEST_WIFI, "small", "muted", after=0.5)
        column.text(PRIVACY, "small", "muted", after=1)
        column.button("Back to the story", self.app.pop, kind="primary",
                      note="The address and code stay in the side panel, for latecomers.")
        column.button("Close the room", lambda: (self.app.pop(), close_room(self.app)),
                      note="Devices can no longer vote. What they sent stays in the record.")

    def _draw_join(self, surface: pygame.Surface, rect: pygame.Rect, side: int) -> None:
        room = self.app.room
        if room is None:
            return
        theme = self.app.theme
        draw_qr(surface, pygame.Rect(rect.x, rect.y, side, side), room.join_url)
        x = rect.x + side + theme.unit * 4
        y = rect.y
        for words, role, colour in (("Go to", "small_bold", "muted"),
                                    (room.url.removeprefix("http://").rstrip("/"), "subheading", "ink"),
                                    ("Room code", "small_bold", "muted"),
                                    (" ".join(room.code), "title", "ink")):
            image = theme.render(words, role, theme.colour(colour))
            if image.get_width() > rect.right - x:
                image = pygame.transform.smoothscale_by(image, (rect.right - x) / image.get_width())
            surface.blit(image, (x, y))
            y += image.get_height() + theme.unit * (2 if role == "small_bold" else 4)




def draw_qr(surface: pygame.Surface, rect: pygame.Rect, text: str) -> None:
    """A QR code for `text`, dark on white whatever the theme (phones read it best so)."""
    from ....room.qr import matrix
    modules = matrix(text)
    size = len(modules)
    cell = max(1, min(rect.width, rect.height) // size)
    side = cell * size
    box = pygame.Rect(rect.x, rect.y, side, side)
    surface.fill((255, 255, 255), box)
    for row, line in enumerate(modules):
        for col, dark in enumerate(line):
            if dark:
                surface.fill((0, 0, 0), (box.x + col * cell, box.y + row * cell, cell, cell))


class CommentsScreen(RoomCard):
    """The room's comments at this decision, for the facilitator to choose which the big screen
    shows. This window may itself be on the projector, so the texts are hidden here unless the
    facilitator says the projector cannot see it; they can read them in this computer's own
    browser (the facilitator's page), where nobody else looks."""

    characters = 64
    hints = "Tab: move     Enter: show or hide     Esc: close"

    def content(self, column):
        app, room = self.app, self.app.room
        column.text("The room's comments", "heading", after=0.25)
        comments = room.comments() if room is not None else ()
        if room is None:
            column.text("The room is not open.", "body", "muted", after=1)
        elif not app.room_reveal:
            column.text("Their words are hidden here, in case this screen is on the projector. "
                        "Read them on the facilitator's page, in this computer's browser, then "
                        "choose by number which the room sees.", "small", after=1)
            column.button("Open the facilitator's page", self.open_page,
                          note="Counts and comments, updated live. Only this computer can open it.")
        else:
            column.text("Only you should see this list: choose which to show on the big screen.",
                        "small", "muted", after=1)
        if room is not None and not comments:
            column.text("No comments yet at this decision.", "body", "muted", after=1)
        shown = set(room.shown_comments()) if room is not None else set()
        for number, text in enumerate(comments, 1):
            on = text in shown
            words = text if app.room_reveal or on else \
                f"Comment {number} ({len(text.split())} word{'' if len(text.split()) == 1 else 's'})"
            column.button(("\u2713 On the big screen: " if on else "") + words,
                          lambda t=text, s=on: self.toggle(t, not s),
                          note="Enter hides it again." if on else "Enter shows it to the room.")
        if room is not None:
            column.button("Hide the texts here" if app.room_reveal else
                          "Show the texts here (the projector cannot see this screen)",
                          self.reveal)
        column.button("Close", self.app.pop, kind="primary")

    def open_page(self) -> None:
        import webbrowser
        room = self.app.room
        try:
            opened = webbrowser.open(room.facilitator_url)
        except Exception:  # no browser here at all: say where to go instead
            opened = False
        self.app.say("The facilitator's page is open in this computer's browser." if opened else
                     "No browser could be opened here. Open it by hand, on this computer: "
                     + room.facilitator_url, seconds=10)

    def reveal(self) -> None:
        self.app.room_reveal = not self.app.room_reveal
        self.invalidate()

    def toggle(self, text: str, show: bool) -> None:
        room = self.app.room
        if room is None:
            return
        room.show_comment(text, show)
        self.invalidate()
        below = self.app.stack[-2] if len(self.app.stack) > 1 else None
        if below is not None:
            below.invalidate()
        self.app.say("Shown on the big screen." if show else "Taken off the big screen.")
