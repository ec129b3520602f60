"""Runs the room's web server beside the game: its own thread, its own event loop.

    host = RoomHost(room)            # this machine's LAN address, a free port
    host.start()                     # returns once it is listening (or raises RoomError)
    show(host.join_url)              # for the QR code; host.url and room.code for people
    host.stop()                      # quick; safe to call twice

It listens on one address only. With no network (`lan` False) it falls back to 127.0.0.1, so
the game can say that only this computer can join.
"""
from __future__ import annotations

import asyncio
import errno
import logging
import socket
import threading

from aiohttp import web

from .limits import Limits
from .model import Room
from .server import make_app

START_TIMEOUT = 10.0      # seconds to wait for the server to listen
STOP_TIMEOUT = 3.0        # seconds to wait for it to finish
CLOSE_WAIT = 0.5          # seconds a request still running at stop gets to finish


# aiohttp reports a request it cannot even parse (a device sending garbage) with a traceback and
# the sender's address; neither belongs in the facilitator's terminal, so that goes nowhere.
_QUIET = logging.getLogger("game.room.http")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False


class RoomError(Exception):
    """The room could not be opened; the message says why in plain words."""


def lan_address() -> tuple[str, bool]:
    """This machine's address on its network and True, or ('127.0.0.1', False) with none.
    Connecting a UDP socket picks the outgoing interface without sending a packet."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))          # a documentation address, never reached
            address = probe.getsockname()[0]
        except OSError:
            return "127.0.0.1", False
    if address.startswith(("127.", "0.")):
        return "127.0.0.1", False
    return address, True


class RoomHost:
    """The room's web server on `host` (default: the LAN address) and `port` (0: a free one)."""

    def __init__(self, room: Room, host: str | None = None, port: int = 0, *,
                 limits: Limits | None = None):
        self.room = room
        if host is None:
            host, self.lan = lan_address()
        else:
            self.lan = not (host.startswith("127.") or host in ("localhost", "::1"))
        self.host = host
        self.port = port
        self._limits = limits
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def join_url(self) -> str:
        return f"{self.url}?code={self.room.code}"

    def start(self) -> None:
        """Start listening; returns once it is. Raises RoomError if it cannot."""
        if self.running:
            return
        ready = threading.Event()
        failure: list[BaseException] = []
        loop = asyncio.new_event_loop()

        def serve() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._listen())
            except BaseException as error:      # noqa: BLE001 - told to start() below
                failure.append(error)
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.close()

        self._loop = loop
        self._thread = threading.Thread(target=serve, name="room-server", daemon=True)
        self._thread.start()
        if not ready.wait(START_TIMEOUT):
            self.stop()
            raise RoomError("The room's web server did not start in time. Try opening the "
                            "room again.")
        if failure:
            self._thread.join(STOP_TIMEOUT)
            self._thread = self._loop = self._runner = None
            raise RoomError(self._why(failure[0])) from None

    async def _listen(self) -> None:
        runner = web.AppRunner(make_app(self.room, limits=self._limits), access_log=None,
                               logger=_QUIET, handle_signals=False,
                               shutdown_timeout=CLOSE_WAIT)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self.port = runner.addresses[0][1]

    def _why(self, error: BaseException) -> str:
        where = f"{self.host} port {self.port}"
        if isinstance(error, OSError):
            if error.errno == errno.EADDRINUSE:
                return (f"Port {self.port} is already in use on this computer, so the room "
                        "cannot open there. Choose another port, or leave the port out to use "
                        "a free one.")
            if error.errno == errno.EADDRNOTAVAIL:
                return (f"This computer has no network address {self.host}, so the room "
                        "cannot open there. Leave the address out to use this computer's own.")
            if error.errno in (errno.EACCES, errno.EPERM):
                return (f"This computer does not allow a program to listen on {where}. "
                        "Choose a port above 1024.")
            return f"The room could not open on {where}: {error.strerror or error}."
        return f"The room could not open on {where}."

    def stop(self) -> None:
        """Stop listening and close every open page's stream. Quick; safe to call again."""
        loop, thread, runner = self._loop, self._thread, self._runner
        self._loop = self._thread = self._runner = None
        if loop is None or thread is None:
            return
        if runner is not None and not loop.is_closed():
            try:
                asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(STOP_TIMEOUT)
            except Exception:            # noqa: BLE001 - stopping must not fail the game
                pass
        if not loop.is_closed():
            try:
                loop.call_soon_threadsafe(loop.stop)
            except RuntimeError:
                pass
        thread.join(STOP_TIMEOUT)
