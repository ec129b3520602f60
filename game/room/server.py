"""The room's web server: what a device may ask for and send, over HTTP.

`make_app(room)` builds an aiohttp application for one `Room`. The handlers are thin: they read
what a device sent, check its shape, and ask the room; the room decides and keeps the state.
A device can read the page, join, vote, take a vote back, comment and answer the debrief
questions, nothing more: closing a vote, choosing and moving on are only in the game's hands, so
no route here calls Room.publish, close or reopen.

Every response carries the same security headers (see `_headers`); every refusal is a page or
JSON message in plain words, never a traceback.
"""
from __future__ import annotations

import asyncio
import dataclasses
import logging
import secrets
from pathlib import Path

from aiohttp import web

from . import html
from .events import Streams
from .html import DeviceView
from .inputs import (NOT_UNDERSTOOD, Refused, answers_from, form_number, json_number,
                     read_form, read_json, text_field)
from .limits import Limits
from . import facilitator
from .model import Room, Verdict, normal_code

COOKIE = "mt_device"
BODY_LIMIT = 16 * 1024
STATIC = Path(__file__).resolve().parent / "static"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Server": "Making Together room",        # not the web library's name and version
}
STATIC_CACHE = "max-age=600"

ROOM = web.AppKey("room", Room)
LIMITS = web.AppKey("limits", Limits)
STREAMS = web.AppKey("streams", Streams)
SAID = web.AppKey("said", dict)            # device token -> (id, message) to show once
FILES = web.AppKey("files", dict)          # static name -> (bytes, content type)
# The joined device's token, or None (aiohttp before 3.12 keys requests by plain strings).
DEVICE = web.RequestKey("device", str) if hasattr(web, "RequestKey") else "device"

NOT_JOINED = "This device has not joined the room. Type the room code to join."
WRONG_CODE = ("That is not this room's code. Check the code on the big screen and try again "
              "(letters and digits; capitals or not, it does not matter).")
TOO_MANY_CODES = "Too many wrong room codes from this network. Wait a minute, then try again."
ROOM_FULL = "The room is full: no more devices can join. Follow the big screen instead."
TOO_FAST = "Too many requests from this device or network. Wait a few seconds and try again."
MESSAGES = {
    400: NOT_UNDERSTOOD,
    403: "That is not allowed here.",
    404: "There is nothing at this address. The room is at the address on the big screen.",
    405: "That is not something this address can do.",
    413: f"That was too much to send at once (the limit is {BODY_LIMIT // 1024} KB).",
    429: TOO_FAST,
    500: "Something went wrong on the facilitator's computer. Try again in a moment.",
}
TITLES = {404: "Not found", 429: "Please slow down", 500: "Something went wrong"}

log = logging.getLogger(__name__)


def make_app(room: Room, *, limits: Limits | None = None) -> web.Application:
    """The web application for `room` (limits: the usual ones unless given, for tests and
    benchmarks). Its streams follow the room from the loop the application runs on."""
    app = web.Application(middlewares=[_guard], client_max_size=BODY_LIMIT)
    app[ROOM] = room
    app[LIMITS] = limits or Limits()
    app[STREAMS] = Streams(room)
    app[SAID] = {}
    app[FILES] = {
        "room.js": ((STATIC / "room.js").read_bytes(), "application/javascript"),
        "room.css": ((STATIC / "room.css").read_bytes(), "text/css"),
    }
    room.listen(app[STREAMS].listener)
    app.on_startup.append(_start_streams)
    app.on_shutdown.append(_end_streams)
    app.on_response_prepare.append(_headers)
    app.router.add_get("/", index)
    app.router.add_get("/events", events, allow_head=False)
    app.router.add_get("/api/page", api_page)
    # What a device may send, each as a plain form (the page works with no script) and as JSON
    for name, form, api in (("join", join_form, api_join), ("vote", vote_form, api_vote),
                            ("withdraw", withdraw_form, api_withdraw),
                            ("comment", comment_form, api_comment),
                            ("answers", answers_form, api_answers)):
        app.router.add_post(f"/{name}", form)
        app.router.add_post(f"/api/{name}", api)
    app.router.add_get("/static/{name:room\\.(?:js|css)}", static)
    app.router.add_get("/facilitator/{key}", facilitator.handler(room))  # read-only
    return app


async def _start_streams(app: web.Application) -> None:
    app[STREAMS].loop = asyncio.get_running_loop()


async def _end_streams(app: web.Application) -> None:
    app[STREAMS].end()


async def _headers(request: web.BaseRequest, response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)
    cacheable = request.path.startswith("/static/") and response.status == 200
    response.headers["Cache-Control"] = STATIC_CACHE if cacheable else "no-store"


# -- the guard around every request ----------------------------------------------------------
@web.middleware
async def _guard(request: web.Request, handler) -> web.StreamResponse:
    """Limits, then the handler; any refusal or error becomes a plain-words answer, as JSON for
    /api/ addresses and as a page elsewhere."""
    api = request.path.startswith("/api/")
    try:
        room = request.app[ROOM]
        token = request.cookies.get(COOKIE)
        request[DEVICE] = token if room.knows(token) else None
        if not request.app[LIMITS].allow(request.remote or "", request[DEVICE]):
            raise Refused(429, TOO_FAST)
        if request.method == "POST":
            _same_origin(request)
            if (request.content_length or 0) > BODY_LIMIT:
                raise Refused(413, MESSAGES[413])
        return await handler(request)
    except Refused as refused:
        return refusal(api, refused.status, refused.message)
    except web.HTTPException as http:
        if http.status < 400:
            raise
        response = refusal(api, http.status, MESSAGES.get(http.status, NOT_UNDERSTOOD))
        if "Allow" in http.headers:
            response.headers["Allow"] = http.headers["Allow"]
        return response
    except asyncio.CancelledError:
        raise
    except Exception:           # noqa: BLE001 - a device never sees a traceback
        log.debug("room request failed", exc_info=True)
        return refusal(api, 500, MESSAGES[500])


def _same_origin(request: web.Request) -> None:
    """A form or fetch from another site is refused. Browsers send `Origin: null` for this
    page's own posts (its Referrer-Policy is no-referrer), so only a named other origin is."""
    origin = request.headers.get("Origin")
    if origin and origin != "null" and origin != f"{request.scheme}://{request.host}":
        raise Refused(403, "That came from another website, so the room ignored it.")


def refusal(api: bool, status: int, message: str) -> web.Response:
    if api:
        return web.json_response({"ok": False, "message": message}, status=status)
    title = TITLES.get(status, "That did not go through")
    response = web.Response(text=html.refusal_page(message, title), status=status,
                            content_type="text/html")
    if status == 429:
        response.headers["Retry-After"] = "2"
    return response


# -- what a device sees ------------------------------------------------------------------------
def device_view(room: Room, token: str) -> DeviceView:
    """What the device with `token` sees now (its own vote, comment and answers only)."""
    version = room.version        # before the page: a newer page with an older version is safe
    page = room.page
    if page.kind == "decision":
        mine, comment = room.mine(token, page.key)
        return DeviceView(page, version, _vote_open(room, page.key), mine, comment)
    if page.kind == "ending":
        return DeviceView(page, version, answers=room.my_answers(token, page.key))
    return DeviceView(page, version)


def _vote_open(room: Room, key: str) -> bool | None:
    tally = room.tally(key)        # read for `open` alone: counts never reach a device
    return None if tally is None else tally.open


def _page(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html")


def _see_other(location: str) -> web.Response:
    return web.Response(status=303, headers={"Location": location})


def _set_device(response: web.StreamResponse, token: str) -> None:
    response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")


def _flash(request: web.Request, token: str, message: str) -> web.Response:
    """303 back to the page, which shows `message` once."""
    said = secrets.token_urlsafe(6)
    request.app[SAID][token] = (said, message)
    return _see_other(f"/?said={said}")


def _after_form(request: web.Request, verdict: Verdict) -> web.Response:
    if verdict.ok:
        return _flash(request, request[DEVICE], verdict.message)
    return _page(html.refusal_page(verdict.message), verdict.status)


def _json_verdict(verdict: Verdict) -> web.Response:
    return web.json_response({"ok": verdict.ok, "message": verdict.message},
                             status=verdict.status)


# -- joining -----------------------------------------------------------------------------------
def _join(request: web.Request, code: str) -> tuple[str | None, Verdict]:
    """This device's token and what became of joining with `code`."""
    room, limits = request.app[ROOM], request.app[LIMITS]
    address = request.remote or ""
    if not limits.may_try_code(address):
        return None, Verdict(False, TOO_MANY_CODES, 429)
    right = secrets.compare_digest(normal_code(code).encode(), room.code.encode())
    if right and request[DEVICE]:
        return request[DEVICE], Verdict(True, "This device is already in the room.")
    token = room.join(code)
    if token:
        return token, Verdict(True, "You have joined the room.")
    if right:
        return None, Verdict(False, ROOM_FULL, 503)
    limits.wrong_code_from(address)
    return None, Verdict(False, WRONG_CODE, 403)


async def index(request: web.Request) -> web.Response:
    """The join page, or (joined) the current page; `?code=` is the QR code's link."""
    code = request.query.get("code", "").strip()
    if code:
        token, verdict = _join(request, code)
        if token is None:
            return _page(html.join_page(verdict.message), verdict.status)
        response = _see_other("/")
        _set_device(response, token)
        return response
    token = request[DEVICE]
    if token is None:
        return _page(html.join_page())
    said = ""
    pending = request.app[SAID].get(token)
    if pending and pending[0] == request.query.get("said"):
        said = request.app[SAID].pop(token)[1]
    return _page(html.room_page(device_view(request.app[ROOM], token), said))


async def join_form(request: web.Request) -> web.Response:
    code = text_field(await read_form(request), "code")
    token, verdict = _join(request, code)
    if token is None:
        return _page(html.join_page(verdict.message), verdict.status)
    response = _flash(request, token, verdict.message)
    _set_device(response, token)
    return response


async def api_join(request: web.Request) -> web.Response:
    code = text_field(await read_json(request), "code")
    token, verdict = _join(request, code)
    response = _json_verdict(verdict)
    if token is not None:
        _set_device(response, token)
    return response


# -- the page as JSON ----------------------------------------------------------------------------
async def api_page(request: web.Request) -> web.Response:
    token = request[DEVICE]
    if token is None:
        raise Refused(403, NOT_JOINED)
    view = device_view(request.app[ROOM], token)
    vote = None
    if view.page.kind == "decision" and view.open is not None:
        vote = {"open": view.open, "mine": view.mine, "comment": view.comment}
    answers = view.answers if view.page.kind == "ending" else None
    return web.json_response({"version": view.version, "page": dataclasses.asdict(view.page),
                              "vote": vote, "answers": answers})


# -- voting, comments and answers: forms (no script) and JSON (the page's script) ---------------
def _device(request: web.Request) -> str:
    return request[DEVICE] or ""        # the room refuses an unknown device in its own words


async def vote_form(request: web.Request) -> web.Response:
    fields = await read_form(request)
    key, number = text_field(fields, "key"), form_number(fields)
    return _after_form(request, request.app[ROOM].vote(_device(request), key, number))


async def api_vote(request: web.Request) -> web.Response:
    data = await read_json(request)
    key, number = text_field(data, "key"), json_number(data)
    return _json_verdict(request.app[ROOM].vote(_device(request), key, number))


async def withdraw_form(request: web.Request) -> web.Response:
    key = text_field(await read_form(request), "key")
    return _after_form(request, request.app[ROOM].withdraw(_device(request), key))


async def api_withdraw(request: web.Request) -> web.Response:
    key = text_field(await read_json(request), "key")
    return _json_verdict(request.app[ROOM].withdraw(_device(request), key))


async def comment_form(request: web.Request) -> web.Response:
    fields = await read_form(request)
    key, words = text_field(fields, "key"), text_field(fields, "comment", required=False)
    return _after_form(request, request.app[ROOM].comment(_device(request), key, words))


async def api_comment(request: web.Request) -> web.Response:
    data = await read_json(request)
    key, words = text_field(data, "key"), text_field(data, "comment", required=False)
    return _json_verdict(request.app[ROOM].comment(_device(request), key, words))


async def answers_form(request: web.Request) -> web.Response:
    fields = await read_form(request)
    key = text_field(fields, "key")
    answers = answers_from(fields.getall("reactions", []), fields, ("key", "reactions"))
    return _after_form(request, request.app[ROOM].answer(_device(request), key, answers))


async def api_answers(request: web.Request) -> web.Response:
    data = await read_json(request)
    key = text_field(data, "key")
    reactions = data.get("reactions", [])
    if not isinstance(reactions, list):
        raise Refused(400, "The room expected the reactions as a list of words.")
    answers = answers_from(reactions, data, ("key", "reactions"))
    return _json_verdict(request.app[ROOM].answer(_device(request), key, answers))


# -- live updates ------------------------------------------------------------------------------
async def events(request: web.Request) -> web.StreamResponse:
    """Server-Sent Events: the room's version at once, then whenever this device's page has
    changed, and a comment line every 15 s so the connection stays open."""
    token = request[DEVICE]
    if token is None:
        raise Refused(403, NOT_JOINED)
    streams = request.app[STREAMS]
    if streams.full:
        raise Refused(503, "Too many pages are open on the room just now. Reload in a minute.")
    return await streams.follow(request, token)


# -- the page's own files ------------------------------------------------------------------------
async def static(request: web.Request) -> web.Response:
    body, content_type = request.app[FILES][request.match_info["name"]]
    return web.Response(body=body, content_type=content_type, charset="utf-8")
