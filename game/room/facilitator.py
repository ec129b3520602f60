"""The facilitator's own page: the live count and every comment at the decision on screen.

The game's window may be what the projector shows, so the comments' words are read here, in a
browser on the facilitator's computer, before the facilitator chooses (in the game) which the
big screen shows. The page is read-only: nothing on it, and nothing at its address, can close a
vote, choose or move the story on. It answers only at a path holding the room's facilitator key,
and only to a browser on the same computer as the game; it reloads itself every few seconds.
"""
from __future__ import annotations

import hmac
import ipaddress

from aiohttp import web

from .html import BRAND, _text
from .model import Room

REFRESH_SECONDS = 3
ELSEWHERE = ("This page is for the facilitator, on the computer that runs the game. "
             "Participants: the room is at the address on the big screen.")


def same_computer(request: web.Request) -> bool:
    """True when the request comes from the machine the server runs on: a loopback address,
    or the very address the server is listening on."""
    remote = request.remote or ""
    try:
        if ipaddress.ip_address(remote).is_loopback:
            return True
    except ValueError:
        return False
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    return bool(sockname) and sockname[0] == remote


def handler(room: Room):
    async def facilitator(request: web.Request) -> web.Response:
        key = request.match_info.get("key", "")
        if not (hmac.compare_digest(key, room.facilitator_key) and same_computer(request)):
            return web.Response(text=_document("Not here", f"<h1>Not here</h1>\n<p>{_text(ELSEWHERE)}</p>\n",
                                               refresh=False),
                                status=403, content_type="text/html")
        return web.Response(text=page(room), content_type="text/html")
    return facilitator


def page(room: Room) -> str:
    """The count per option and every comment, numbered as the game's comment list is."""
    shown = room.page
    tally = room.tally()
    parts = [f"<h1>{_text(shown.title or 'The facilitator’s view')}</h1>\n",
             f"<p>{room.devices} device{'' if room.devices == 1 else 's'} joined. "
             "Only this computer can open this page; it updates every "
             f"{REFRESH_SECONDS} seconds.</p>\n"]
    if tally is None:
        parts.append("<p>No vote now: the room is reading, or the story has not reached a "
                     "decision yet.</p>\n")
        return _document("Facilitator", "".join(parts))
    state = "open" if tally.open else "closed"
    parts.append(f"<h2>The vote ({state})</h2>\n<p>{tally.voted} device"
                 f"{'' if tally.voted == 1 else 's'} voted.</p>\n<ol>\n")
    for option, count in zip(shown.options, tally.counts):
        locked = "" if option.enabled else " (not open)"
        parts.append(f"<li><strong>{count} vote{'' if count == 1 else 's'}</strong>: "
                     f"{_text(option.text)}{locked}</li>\n")
    parts.append("</ol>\n<h2>Comments</h2>\n")
    if not tally.comments:
        parts.append("<p>None yet.</p>\n")
    else:
        parts.append("<p>None has a name. In the game, K lists them by the same numbers: press "
                     "Enter on one to show it on the big screen.</p>\n<ol>\n")
        parts += [f"<li>{_text(text)}</li>\n" for text in tally.comments]
        parts.append("</ol>\n")
    return _document("Facilitator", "".join(parts))


def _document(title: str, body: str, refresh: bool = True) -> str:
    again = (f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">\n' if refresh else "")
    return ('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n' + again +
            f"<title>{_text(title)} · {_text(BRAND)}</title>\n"
            '<link rel="icon" href="data:,">\n<link rel="stylesheet" href="/static/room.css">\n'
            f'</head>\n<body>\n<main id="main">\n{body}</main>\n</body>\n</html>\n')
