"""Reading what a device sent: a form or a JSON object, checked for shape and type before the
room sees it. Anything malformed becomes `Refused(400, ...)` in plain words; a body over the
application's size limit becomes 413 (aiohttp raises it while reading)."""
from __future__ import annotations

import json

from aiohttp import web

NOT_UNDERSTOOD = "The room could not read what was sent. Reload the page and try again."


class Refused(Exception):
    """A request the server will not act on: `status` and the reason in plain words."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


async def read_json(request: web.Request) -> dict:
    body = await request.read()
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise Refused(400, "The room could not read that message (it should be JSON).") from None
    if not isinstance(data, dict):
        raise Refused(400, "The room expected a JSON object with named fields.")
    return data


async def read_form(request: web.Request):
    try:
        return await request.post()
    except web.HTTPException:
        raise
    except Exception:           # noqa: BLE001 - a broken form of any kind is refused
        raise Refused(400, NOT_UNDERSTOOD) from None


def text_field(fields, name: str, *, required: bool = True) -> str:
    value = fields.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise Refused(400, f"The room expected some text in the field {name!r}.")
    return value


def form_number(fields) -> int:
    value = text_field(fields, "option").strip()
    if not (value.isdigit() and value.isascii() and len(value) <= 4):
        raise Refused(400, "Choose an option by its number.")
    return int(value)


def json_number(data: dict) -> int:
    value = data.get("option")
    if type(value) is not int:           # not bool, float or text
        raise Refused(400, "Choose an option by its number.")
    return value


def answers_from(reactions: list, fields, skip: tuple[str, ...]) -> dict:
    if not all(isinstance(word, str) for word in reactions):
        raise Refused(400, "The room expected the reactions as a list of words.")
    answers: dict = {"reactions": list(reactions)}
    for name, value in fields.items():
        if name in skip:
            continue
        if not isinstance(value, str):
            raise Refused(400, f"The room expected some text as the answer {name!r}.")
        answers[name] = value
    return answers
