"""The room's live updates: one Server-Sent Events stream per open page.

The room tells its listener from whichever thread changed it (the game's or the server's); the
listener only hands the news to the server's event loop. There, changes that come close together
are told once (within `GATHER` seconds), and each stream is sent the room's version only when
something its own device shows has changed: another phone's vote changes no one else's page, so
a room of 200 voting phones does not make 200 x 200 page reloads.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from aiohttp import web

from .model import Room

GATHER = 0.05           # seconds: changes closer together than this are told together
PING = 15.0             # seconds between keep-alive comments
RETRY_MS = 3000         # how long a browser waits before reconnecting a dropped stream
MOST_STREAMS = 2000     # open streams at once (a room allows up to 1,000 devices)


@dataclass(eq=False)
class _Stream:
    token: str
    seen: tuple
    version: int = 0
    wake: asyncio.Event = field(default_factory=asyncio.Event)


class Streams:
    """The open /events streams of one room, on one event loop (`loop`, set at start-up)."""

    def __init__(self, room: Room):
        self.room = room
        self.loop: asyncio.AbstractEventLoop | None = None
        self.ended = False
        self._open: set[_Stream] = set()
        self._due = False

    @property
    def full(self) -> bool:
        return len(self._open) >= MOST_STREAMS

    def listener(self) -> None:
        """The room's listener: called from any thread, inside the room's lock, so it only
        hands the news to the server's loop."""
        loop = self.loop
        if loop is None or self.ended:
            return
        try:
            loop.call_soon_threadsafe(self._changed)
        except RuntimeError:         # the loop has closed: the server has stopped
            pass

    def end(self) -> None:
        """Finish every stream (the server is stopping); streams opened later end at once."""
        self.ended = True
        for stream in self._open:
            stream.wake.set()

    def _changed(self) -> None:
        if not self._due and not self.ended and self.loop is not None:
            self._due = True
            self.loop.call_later(GATHER, self._tell)

    def _tell(self) -> None:
        self._due = False
        if not self._open:
            return
        version = self.room.version
        page = self.room.page
        shared = (page, self._vote_open(page.key) if page.kind == "decision" else None)
        for stream in self._open:
            seen = shared + self._own(stream.token, page)
            if seen != stream.seen:
                stream.seen, stream.version = seen, version
                stream.wake.set()

    def _seen(self, token: str) -> tuple:
        page = self.room.page
        return ((page, self._vote_open(page.key) if page.kind == "decision" else None)
                + self._own(token, page))

    def _own(self, token: str, page) -> tuple:
        if page.kind == "decision":
            return self.room.mine(token, page.key)
        if page.kind == "ending":
            return (sorted(self.room.my_answers(token, page.key).items(), key=repr),)
        return ()

    def _vote_open(self, key: str) -> bool | None:
        tally = self.room.tally(key)          # read for `open` alone
        return None if tally is None else tally.open

    async def follow(self, request: web.Request, token: str) -> web.StreamResponse:
        """Serve one stream to the device with `token` until it goes or the server stops."""
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream; charset=utf-8"})
        await response.prepare(request)
        version = self.room.version
        stream = _Stream(token, self._seen(token), version)
        self._open.add(stream)
        try:
            await response.write(f"retry: {RETRY_MS}\ndata: {version}\n\n".encode())
            while not self.ended:
                try:
                    await asyncio.wait_for(stream.wake.wait(), PING)
                except asyncio.TimeoutError:
                    await response.write(b": ping\n\n")
                    continue
                stream.wake.clear()
                if not self.ended:
                    await response.write(f"data: {stream.version}\n\n".encode())
        except ConnectionError:      # the device went away
            pass
        finally:
            self._open.discard(stream)
        return response
