"""HTTP to a Learning Record Store, with the standard library only (urllib): post statements in
batches, fetch them back page by page. Every failure is an LRSError whose message says what
happened and what to do, in words for a trainer, never with the password in it.
"""
from __future__ import annotations

import base64
import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Iterator
from urllib.parse import urlencode, urljoin, urlsplit

from ..files.read import DamagedFile, parse_json
from .config import Config

XAPI_HEADER = "1.0.3"
TIMEOUT_S = 30.0
MAX_PAGE_BYTES = 64 * 1024 * 1024


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an error here: urllib would follow a POST's redirect as a GET, and a
    statement-less answer would look like a store that took them."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


class LRSError(Exception):
    """The store could not be used. `kind`: "unreachable", "refused" (credentials), "conflict"
    (a statement id it holds with other content), "rejected" (it found the statements wrong),
    or "failed" (anything else it answered)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Store:
    endpoint: str        # e.g. https://lrs.example.org/xAPI (no trailing slash)
    username: str
    password: str
    timeout: float = TIMEOUT_S

    @classmethod
    def of(cls, endpoint: str, config: Config) -> "Store":
        return cls(endpoint, config.username, config.password)

    def __repr__(self) -> str:
        return f"Store({self.endpoint!r})"

    def post(self, statements: list[dict]) -> None:
        """Store `statements` (one request: the store takes all or none). Statements it already
        holds unchanged are taken as stored (the ids are deterministic)."""
        self._request("POST", f"{self.endpoint}/statements",
                      json.dumps(statements, ensure_ascii=False).encode("utf-8"))

    def fetch(self, **query: str) -> Iterator[dict]:
        """Every statement matching `query` (xAPI GET parameters such as activity, since,
        related_activities, limit), following the store's `more` links."""
        url = f"{self.endpoint}/statements?{urlencode(query)}"
        while url:
            page = self._request("GET", url)
            if not isinstance(page, dict) or not isinstance(page.get("statements"), list):
                raise LRSError("failed", f"{self.endpoint} answered with something that is not "
                                         "a page of xAPI statements")
            yield from page["statements"]
            more = page.get("more")
            url = urljoin(self.endpoint + "/", more) if isinstance(more, str) and more else ""

    def _request(self, method: str, url: str, body: bytes | None = None):
        token = base64.b64encode(f"{self.username}:{self.password}".encode("utf-8")).decode()
        request = urllib.request.Request(url, data=body, method=method, headers={
            "Authorization": f"Basic {token}", "X-Experience-API-Version": XAPI_HEADER,
            "Content-Type": "application/json", "Accept": "application/json"})
        where = site_of(self.endpoint)
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                raw = response.read(MAX_PAGE_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise _refusal(exc, where) from None
        except (urllib.error.URLError, socket.timeout, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise LRSError("unreachable", f"the LRS at {where} could not be reached "
                                          f"({_plain(reason)})") from None
        if not raw.strip():
            return None
        try:
            return parse_json(raw[:MAX_PAGE_BYTES])
        except DamagedFile as exc:
            raise LRSError("failed", f"the LRS at {where} answered with something that is not "
                                     f"JSON ({exc})") from None


def _refusal(exc: urllib.error.HTTPError, where: str) -> LRSError:
    detail = ""
    try:
        found = json.loads(exc.read(64 * 1024).decode("utf-8", "replace"))
        if isinstance(found, dict):
            detail = found.get("detail") if isinstance(found.get("detail"), str) else ""
    except (ValueError, OSError):
        pass
    said = f": {detail[:300]}" if detail else ""
    if exc.code in (401, 403):
        return LRSError("refused", f"the LRS at {where} refused the username and password "
                                   f"(HTTP {exc.code}): check MAKING_TOGETHER_LRS_AUTH, or "
                                   "\"username\" and \"password\" in xapi/config.json in the "
                                   "save folder")
    if exc.code == 409:
        return LRSError("conflict", f"the LRS at {where} already holds a statement with the "
                                    f"same id and other content (HTTP 409){said}")
    if exc.code in (400, 413, 422):
        return LRSError("rejected", f"the LRS at {where} refused the statements as wrong "
                                    f"(HTTP {exc.code}){said}")
    if exc.code == 404:
        return LRSError("failed", f"there is no xAPI endpoint at {where} (HTTP 404): give "
                                  "the address that ends before /statements, such as "
                                  "https://lrs.example.org/xAPI")
    if 300 <= exc.code < 400:
        moved = exc.headers.get("Location", "") if exc.headers else ""
        return LRSError("failed", f"the LRS at {where} says it has moved (HTTP {exc.code})"
                                  + (f" to {site_of(moved)}" if moved else "")
                                  + ": give that address with --lrs or in xapi/config.json")
    return LRSError("failed", f"the LRS at {where} answered HTTP {exc.code}{said}")


def site_of(endpoint: str) -> str:
    """The endpoint as a message may show it (an address may hold user:password@)."""
    parts = urlsplit(endpoint)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def _plain(reason: object) -> str:
    text = getattr(reason, "strerror", None) or str(reason)
    return text.rstrip(".") or "no answer"
