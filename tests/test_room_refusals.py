"""The live room's web server against what untrusted devices may send: malformed and huge
requests, forged tokens, late votes, hostile text, floods; and the headers and markup every
page must have. Each refusal is a 4xx in plain words and the server goes on serving."""
from __future__ import annotations

import asyncio
import re
import time
from html.parser import HTMLParser

import aiohttp

from game.room.model import Option, Page, Room
from game.room.server import BODY_LIMIT, CSP
from test_room_server import DECISION, ENDING, NEXT, SCENE, device, join, page_of, roomy, serve

# -- refusals ------------------------------------------------------------------------------------
BAD_JSON = [b"{", b"not json", b"\xff\xfe", b"[1, 2]", b'"text"', b"null", b"[" * 5000,
            b'{"key": 3, "option": 1}', b'{"key": "3:choice", "option": "1"}',
            b'{"key": "3:choice", "option": true}', b'{"key": "3:choice", "option": 1.0}',
            b'{"key": "3:choice", "option": 1e999}', b'{"key": "3:choice"}', b'{"option": 1}',
            b'{"key": ["3:choice"], "option": 1}', b'{"key": "3:choice", "option": null}']


def test_malformed_json_and_wrong_types_get_400_and_the_server_keeps_serving():
    async def body(client, room):
        token = await join(client, room)
        room.publish(DECISION)
        for raw in BAD_JSON:
            answer = await client.post("/api/vote", data=raw,
                                       headers={"Content-Type": "application/json"})
            assert answer.status == 400, raw
            assert (await answer.json())["ok"] is False
        for path, data in [("/api/comment", {"key": DECISION.key, "comment": ["x"]}),
                           ("/api/answers", {"key": DECISION.key, "reactions": "hopeful"}),
                           ("/api/answers", {"key": DECISION.key, "reactions": [1]}),
                           ("/api/answers", {"key": DECISION.key, "takeaway": {"a": 1}}),
                           ("/api/join", {"code": 12345}), ("/api/withdraw", {})]:
            answer = await client.post(path, json=data)
            assert answer.status == 400, (path, data)
        assert room.tally().voted == 0 and room.mine(token, DECISION.key) == (None, "")
        assert (await client.post("/api/vote", json={"key": DECISION.key, "option": 1})).ok
    serve(body, limits=roomy())


def test_malformed_forms_get_400_pages_with_a_way_back():
    async def body(client, room):
        await join(client, room)
        room.publish(DECISION)
        cases = [("/vote", {"key": DECISION.key}), ("/vote", {"key": DECISION.key, "option": "x"}),
                 ("/vote", {"key": DECISION.key, "option": "-1"}),
                 ("/vote", {"key": DECISION.key, "option": "1" * 50}),
                 ("/vote", {"option": "1"}), ("/withdraw", {}), ("/join", {}),
                 ("/comment", {"comment": "hi"})]
        for path, data in cases:
            response = await client.post(path, data=data)
            text = await response.text()
            assert response.status == 400, (path, data)
            assert '<a href="/">Back to the room</a>' in text and "Traceback" not in text
        upload = aiohttp.FormData()
        upload.add_field("key", b"3:choice", filename="key.txt")
        upload.add_field("option", "1")
        assert (await client.post("/vote", data=upload)).status == 400
        as_json = await client.post("/vote", json={"key": DECISION.key, "option": "1"})
        assert as_json.status == 400
        broken = await client.post("/vote", data=b"--x\r\nnonsense",
                                   headers={"Content-Type": "multipart/form-data; boundary=x"})
        assert broken.status == 400
        assert room.tally().voted == 0
        assert (await client.post("/vote", data={"key": DECISION.key, "option": "1"})).ok
    serve(body)


def test_huge_bodies_get_413():
    async def body(client, room):
        await join(client, room)
        room.publish(DECISION)
        big = "x" * (BODY_LIMIT * 4)
        form = await client.post("/comment", data={"key": DECISION.key, "comment": big})
        assert form.status == 413 and "too much to send" in await form.text()
        api = await client.post("/api/comment", json={"key": DECISION.key, "comment": big})
        assert api.status == 413 and (await api.json())["ok"] is False

        async def chunks():
            for _ in range(8):
                yield b'{"key": "' + b"y" * 4096
        chunked = await client.post("/api/vote", data=chunks(),
                                    headers={"Content-Type": "application/json"})
        assert chunked.status == 413
        assert room.tally().comments == ()
        assert (await client.post("/api/comment", json={"key": DECISION.key,
                                                        "comment": "ok"})).status == 200
    serve(body)


def test_forged_and_replayed_tokens_count_as_not_joined():
    other = Room()
    stale = other.join(other.code)

    async def body(client, room):
        room.publish(DECISION)
        real = await join(client, room)
        for token in ("0" * 36, real[:-1] + "x", real.upper(), stale, "", "a" * 5000):
            async with device(client) as forged:
                forged.cookie_jar.update_cookies({"mt_device": token}, client.make_url("/"))
                vote = await forged.post("api/vote", json={"key": DECISION.key, "option": 1})
                assert vote.status == 403, token
                assert "not joined" in (await vote.json())["message"]
                form = await forged.post("vote", data={"key": DECISION.key, "option": "1"})
                assert form.status == 403 and "Back to the room" in await form.text()
                assert 'action="/join"' in await (await forged.get("")).text()
                assert (await forged.get("api/page")).status == 403
        assert room.tally().voted == 0 and room.devices == 1
    serve(body)


def test_votes_for_a_closed_an_old_or_an_unknown_decision_are_refused():
    async def body(client, room):
        token = await join(client, room)
        room.publish(DECISION)
        await client.post("/api/vote", json={"key": DECISION.key, "option": 1})
        room.close()
        text = await page_of(client)
        assert "The vote has closed" in text and 'action="/vote"' not in text
        assert "Your vote</strong>" in text
        closed = await client.post("/api/vote", json={"key": DECISION.key, "option": 2})
        assert closed.status == 409 and "closed" in (await closed.json())["message"]
        room.publish(NEXT)
        old = await client.post("/vote", data={"key": DECISION.key, "option": "2"})
        assert old.status == 409 and "Back to the room" in await old.text()
        unknown = await client.post("/api/vote", json={"key": "99:nowhere", "option": 1})
        assert unknown.status == 404
        late = await client.post("/api/comment", json={"key": DECISION.key, "comment": "hi"})
        assert late.status == 409
        assert room.tally(DECISION.key).counts == (1, 0, 0)
        assert room.mine(token, NEXT.key)[0] is None
    serve(body)


HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> & \'quotes\''


def test_script_and_html_in_comments_and_the_story_come_back_escaped():
    async def body(client, room):
        await join(client, room)
        room.publish(Page("5:x", "decision", title=HOSTILE, lines=((HOSTILE, HOSTILE),),
                          discuss=(HOSTILE,), options=(Option(1, HOSTILE),
                                                       Option(2, "b", False, HOSTILE))))
        sent = await client.post("/comment", data={"key": "5:x", "comment": HOSTILE})
        text = await sent.text()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        room.publish(Page("9:e", "ending", ending=HOSTILE, reactions=(HOSTILE,),
                          prompts=(("p", HOSTILE),)))
        await client.post("/api/answers", json={"key": "9:e", "reactions": [HOSTILE],
                                                "p": HOSTILE})
        ending = await page_of(client)
        for text in (text, ending):
            assert "<script>" not in text and "<img" not in text
            assert re.findall(r"<script[^>]*>", text) == ['<script src="/static/room.js" defer>']
        assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in ending
    serve(body)


def test_a_flood_from_one_address_gets_429s_and_the_server_still_serves():
    async def body(client, room):
        started = time.monotonic()
        statuses = await asyncio.gather(*(client.get("/api/page") for _ in range(1000)))
        took = time.monotonic() - started
        counts = {s: [r.status for r in statuses].count(s) for s in {r.status for r in statuses}}
        assert set(counts) == {403, 429}, counts          # 403: this flood has not joined
        # The address's burst of 400 gets through, then 50 a second.
        assert 400 <= counts[403] <= 400 + 50 * took + 1 and took < 10, (counts, took)
        refused = next(r for r in statuses if r.status == 429)
        assert (await refused.json())["message"].startswith("Too many requests")
        await asyncio.sleep(0.2)
        assert (await client.get("/")).status == 200
        assert (await client.get(f"/?code={room.code}")).status == 200
    serve(body)


def test_one_busy_device_is_slowed_down_but_others_at_its_address_are_not():
    async def body(client, room):
        await join(client, room)
        statuses = [(await client.get("/api/page")).status for _ in range(40)]
        assert statuses[:15] == [200] * 15 and statuses.count(429) >= 15
        page = await client.get("/")
        assert page.status == 429 and "Back to the room" in await page.text()
        assert page.headers["Retry-After"]
        async with device(client) as neighbour:
            assert (await neighbour.post("api/join", json={"code": room.code})).status == 200
            assert (await neighbour.get("api/page")).status == 200
    serve(body)


def test_posts_from_another_website_are_refused():
    async def body(client, room):
        await join(client, room)
        room.publish(DECISION)
        forged = await client.post("/vote", data={"key": DECISION.key, "option": "1"},
                                   headers={"Origin": "http://evil.example"})
        assert forged.status == 403 and room.tally().voted == 0
        own = await client.post("/vote", data={"key": DECISION.key, "option": "1"},
                                headers={"Origin": "null"})
        assert own.status == 200 and room.tally().voted == 1
    serve(body)


# -- headers and the page's shape ---------------------------------------------------------------
class _Markup(HTMLParser):
    """Every tag, its attributes, and whether a script or style element has content."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.inside: str | None = None
        self.inline: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self.inside = tag

    def handle_endtag(self, tag):
        self.inside = None

    def handle_data(self, data):
        if self.inside and data.strip():
            self.inline.append(self.inside)


async def every_kind_of_page(client, room) -> list[str]:
    pages = [await page_of(client), await (await client.get("/?code=ZZZZZ")).text()]
    await join(client, room)
    for page in (Page("", "waiting"), SCENE, DECISION, ENDING):
        room.publish(page)
        pages.append(await page_of(client))
    room.publish(DECISION)
    await client.post("/api/vote", json={"key": DECISION.key, "option": 1})
    pages.append(await (await client.post("/vote", data={"key": DECISION.key,
                                                          "option": "2"})).text())
    room.close()
    pages.append(await page_of(client))
    pages.append(await (await client.post("/vote", data={"key": "x", "option": "1"})).text())
    pages.append(await (await client.get("/nowhere")).text())
    return pages


def test_pages_have_no_inline_script_or_style_and_suit_small_screens():
    async def body(client, room):
        for text in await every_kind_of_page(client, room):
            markup = _Markup()
            markup.feed(text)
            assert markup.inline == [] and "<style" not in text
            for tag, attrs in markup.tags:
                assert "style" not in attrs, tag
                assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
                if tag == "script":
                    assert attrs.get("src", "").startswith("/static/")
            assert text.startswith('<!doctype html>\n<html lang="en">')
            assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
            assert "maximum-scale" not in text and "user-scalable" not in text
            assert text.count("<main") == 1 and text.count("<h1") == 1
    serve(body)


def test_security_headers_are_on_every_response():
    async def body(client, room):
        await join(client, room)
        room.publish(DECISION)
        responses = [await client.get("/"), await client.get("/api/page"),
                     await client.get("/nowhere"), await client.put("/vote"),
                     await client.post("/vote", data={"option": "x"}),
                     await client.post("/api/vote", data=b"x" * (BODY_LIMIT + 1)),
                     await client.post("/join", data={"code": room.code},
                                       allow_redirects=False),
                     await client.get("/static/room.css"), await client.get("/static/room.js")]
        stream = await client.get("/events")
        responses.append(stream)
        for response in responses:
            headers = response.headers
            assert headers["Content-Security-Policy"] == CSP, response.url
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert headers["Referrer-Policy"] == "no-referrer"
            assert headers["X-Frame-Options"] == "DENY"
            static = response.url.path.startswith("/static/")
            assert (headers["Cache-Control"] == "no-store") != static
            assert "aiohttp" not in headers.get("Server", "")
        stream.close()
        assert responses[4].status == 400 and responses[5].status == 413
        assert responses[2].status == 404 and responses[3].status == 405
        assert "javascript" in responses[8].headers["Content-Type"]
        assert "text/css" in responses[7].headers["Content-Type"]
    serve(body)


def test_the_static_files_are_served_and_nothing_else_under_static():
    async def body(client, room):
        for path in ("/static/room.css", "/static/room.js"):
            assert (await client.get(path)).status == 200
        for path in ("/static/", "/static/../server.py", "/static/%2e%2e/server.py",
                     "/static/room.py", "/static/room.js.map"):
            assert (await client.get(path)).status == 404, path
    serve(body)
