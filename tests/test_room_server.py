"""The live room's web server, through its HTTP contract: joining, what a device sees, voting,
comments, answers, live updates, and that no request drives the game. Refusals and headers are
in test_room_refusals.py. Servers listen on 127.0.0.1."""
from __future__ import annotations

import ast
import asyncio
import re
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from game.room.limits import Limits, Rate
from game.room.model import COMMENT_LIMIT, Option, Page, Room
from game.room.server import make_app

ROOM_CODE = Path(__file__).resolve().parent.parent / "game" / "room"

DECISION = Page(
    "3:choice", "decision", scenario="The Haven", role="the support worker", title="What now?",
    lines=(("Sam", "I don't want another form."), ("", "The room goes quiet.")),
    discuss=("Who gets to decide?",),
    options=(Option(1, "Ask Sam what would help"), Option(2, "Fill the form in for Sam"),
             Option(3, "Call a team meeting", False, "You have not met the team yet.")))
NEXT = Page("4:after", "decision", title="Later", options=(Option(1, "Go on"), Option(2, "Wait")))
SCENE = Page("2:start", "scene", title="Monday", lines=(("Ade", "Morning."),))
ENDING = Page("9:end", "ending", title="The end", ending="Working together",
              reactions=("hopeful", "uneasy", "curious"),
              prompts=(("takeaway", "What will you take away?"),
                       ("action", "What will you do next week?")))


def roomy() -> Limits:
    """Limits for tests that send many bad requests from one device on purpose."""
    return Limits(device=Rate(1000, 1000))


def serve(body, room: Room | None = None, **options) -> None:
    """Run `body(client, room)` against a fresh server for `room` on 127.0.0.1."""
    room = room or Room()

    async def main():
        async with TestClient(TestServer(make_app(room, **options), host="127.0.0.1")) as client:
            await body(client, room)
    asyncio.run(main())


async def join(client, room) -> str:
    response = await client.get(f"/?code={room.code}", allow_redirects=False)
    assert response.status == 303
    return response.cookies["mt_device"].value


def device(client, token: str | None = None) -> aiohttp.ClientSession:
    """Another device: its own session and cookie jar (with `token` if it had one)."""
    session = aiohttp.ClientSession(base_url=str(client.make_url("/")),
                                    cookie_jar=aiohttp.CookieJar(unsafe=True))
    if token:
        session.cookie_jar.update_cookies({"mt_device": token}, client.make_url("/"))
    return session


async def page_of(client) -> str:
    response = await client.get("/")
    assert response.status == 200
    return await response.text()


def story_of(text: str) -> str:
    return text.split('<div id="story"', 1)[1]


# -- joining ---------------------------------------------------------------------------------
def test_join_page_has_the_code_form_and_says_what_is_kept():
    async def body(client, room):
        text = await page_of(client)
        assert '<form class="join" method="post" action="/join">' in text
        assert re.search(r'<input id="code" name="code" type="text" autocomplete="off" '
                         r'autocapitalize="characters"', text)
        assert '<label for="code">Room code</label>' in text and ">Join</button>" in text
        assert ">What is kept</h2>" in text
        for words in ("votes", "comments", "answers", "no name", "account", "address"):
            assert words in text
        assert room.code not in text
    serve(body)


def test_right_code_joins_with_a_session_cookie_and_says_so_once():
    async def body(client, room):
        response = await client.post("/join", data={"code": room.code}, allow_redirects=False)
        assert response.status == 303 and response.headers["Location"].startswith("/?said=")
        cookie = response.headers["Set-Cookie"]
        assert cookie.startswith("mt_device=") and "HttpOnly" in cookie
        assert "SameSite=Strict" in cookie and "Path=/" in cookie
        assert "Max-Age" not in cookie and "expires" not in cookie.lower()
        said = await client.get(response.headers["Location"])
        assert "You have joined the room." in await said.text()
        assert "You have joined the room." not in await page_of(client)       # once only
        assert room.devices == 1
    serve(body)


@pytest.mark.parametrize("typed", ["{code}", "{lower}", " {lower} ", "{spaced}"])
def test_the_code_may_be_typed_in_small_letters_or_with_spaces(typed):
    async def body(client, room):
        code = typed.format(code=room.code, lower=room.code.lower(),
                            spaced=" ".join(room.code.lower()))
        response = await client.post("/join", data={"code": code})
        assert response.status == 200 and "Waiting for the story" in await response.text()
    serve(body)


def test_wrong_code_gets_a_clear_403_page_with_the_form_again():
    async def body(client, room):
        for response in (await client.post("/join", data={"code": "ZZZZZ"}),
                         await client.get("/?code=ZZZZZ")):
            text = await response.text()
            assert response.status == 403 and "That is not this room&#x27;s code." in text
            assert 'action="/join"' in text and "mt_device" not in response.cookies
        answer = await client.post("/api/join", json={"code": "ZZZZZ"})
        assert answer.status == 403 and (await answer.json())["ok"] is False
        assert room.devices == 0
    serve(body)


def test_qr_link_joins_at_once_and_scanning_it_again_keeps_the_device():
    async def body(client, room):
        room.publish(DECISION)
        token = await join(client, room)
        assert (await client.post("/api/vote", json={"key": DECISION.key, "option": 2})).ok
        again = await client.get(f"/?code={room.code}", allow_redirects=False)
        assert again.status == 303 and again.headers["Location"] == "/"
        assert again.cookies["mt_device"].value == token
        assert room.devices == 1 and room.mine(token, DECISION.key) == (2, "")
    serve(body)


def test_json_join_sets_the_cookie():
    async def body(client, room):
        response = await client.post("/api/join", json={"code": room.code.lower()})
        assert response.status == 200 and (await response.json())["ok"] is True
        assert room.knows(response.cookies["mt_device"].value)
    serve(body)


def test_many_wrong_codes_from_one_address_are_slowed_down():
    async def body(client, room):
        statuses = [(await client.post("/api/join", json={"code": f"W{n:04}"})).status
                    for n in range(30)]
        assert statuses[:20] == [403] * 20 and 429 in statuses[20:]
        refused = await client.post("/api/join", json={"code": room.code})
        assert refused.status == 429 and "Wait a minute" in (await refused.json())["message"]
    serve(body)


# -- what a device sees ------------------------------------------------------------------------
def test_waiting_and_scene_pages():
    async def body(client, room):
        await join(client, room)
        assert "The facilitator has not started the story yet" in await page_of(client)
        room.publish(SCENE)
        story = story_of(await page_of(client))
        assert "<h1" in story and "Monday" in story
        assert "<strong>Ade:</strong> Morning." in story and "<form" not in story
    serve(body)


def test_decision_page_has_talk_it_over_a_vote_form_per_open_option_and_reasons():
    async def body(client, room):
        await join(client, room)
        room.publish(DECISION)
        story = story_of(await page_of(client))
        assert ">Talk it over</h2>" in story and "Who gets to decide?" in story
        assert "<strong>Sam:</strong> I don&#x27;t want another form." in story
        for number in (1, 2):
            assert (f'<button type="submit" id="vote-{number}" name="option" value="{number}" '
                    f'aria-describedby="option-{number}">Vote for {number}</button>') in story
            assert f'<p class="option-text" id="option-{number}">' in story
        assert 'value="3"' not in story and "You have not met the team yet." in story
        assert story.count('<input type="hidden" name="key" value="3:choice">') == 3
        assert '<textarea id="comment" name="comment" maxlength="280"' in story
        assert "A comment for the facilitator (optional, anonymous)" in story
        assert "Send comment" in story and "Take back my vote" not in story
    serve(body)


def test_vote_change_and_take_back_with_forms_show_your_vote():
    async def body(client, room):
        token = await join(client, room)
        room.publish(DECISION)
        voted = await client.post("/vote", data={"key": DECISION.key, "option": "1"})
        text = await voted.text()
        assert voted.status == 200 and "Your vote is for option 1" in text
        assert re.search(r'id="option-1"><strong class="mine">Your vote</strong>', text)
        changed = await client.post("/vote", data={"key": DECISION.key, "option": "2"})
        assert "Your vote changed to option 2" in await changed.text()
        assert room.tally().counts == (0, 1, 0) and room.mine(token, DECISION.key)[0] == 2
        assert 'action="/withdraw"' in await page_of(client)
        back = await client.post("/withdraw", data={"key": DECISION.key})
        assert "Your vote is taken back." in await back.text()
        assert room.tally().voted == 0
    serve(body)


def test_vote_change_and_take_back_as_json():
    async def body(client, room):
        token = await join(client, room)
        room.publish(DECISION)
        for number in (1, 2):
            answer = await client.post("/api/vote", json={"key": DECISION.key, "option": number})
            assert answer.status == 200 and (await answer.json())["ok"] is True
        assert room.mine(token, DECISION.key)[0] == 2
        locked = await client.post("/api/vote", json={"key": DECISION.key, "option": 3})
        assert locked.status == 409 and room.mine(token, DECISION.key)[0] == 2
        back = await client.post("/api/withdraw", json={"key": DECISION.key})
        assert back.status == 200 and room.tally().voted == 0
    serve(body)


def test_comments_by_form_and_json_and_the_length_limit():
    async def body(client, room):
        token = await join(client, room)
        room.publish(DECISION)
        sent = await client.post("/comment", data={"key": DECISION.key, "comment": "Ask first"})
        assert sent.status == 200 and "Your comment is sent." in await sent.text()
        answer = await client.post("/api/comment", json={"key": DECISION.key, "comment": "Ask!"})
        assert answer.status == 200 and room.tally().comments == ("Ask!",)
        long = await client.post("/api/comment", json={"key": DECISION.key,
                                                       "comment": "x" * (COMMENT_LIMIT + 1)})
        assert long.status == 413 and "280" in (await long.json())["message"]
        assert room.mine(token, DECISION.key)[1] == "Ask!"
    serve(body)


def test_answers_at_the_ending_by_form_and_json():
    async def body(client, room):
        token = await join(client, room)
        room.publish(ENDING)
        story = story_of(await page_of(client))
        assert "Working together" in story and "<legend>How did it feel?</legend>" in story
        assert story.count('type="checkbox"') == 3 and 'name="reactions"' in story
        assert '<label for="answer-0">What will you take away?</label>' in story
        assert 'name="action"' in story and "Send my answers" in story
        sent = await client.post("/answers", data=[
            ("key", ENDING.key), ("reactions", "hopeful"), ("reactions", "curious"),
            ("takeaway", "Ask before acting"), ("action", "")])
        text = await sent.text()
        assert sent.status == 200 and "Thank you" in text
        assert 'value="hopeful" checked' in text and "Ask before acting</textarea>" in text
        assert room.answers() == [{"reactions": ["hopeful", "curious"],
                                   "takeaway": "Ask before acting"}]
        again = await client.post("/api/answers", json={"key": ENDING.key,
                                                        "reactions": ["uneasy"], "action": "Call"})
        assert again.status == 200
        assert room.my_answers(token, ENDING.key) == {"reactions": ["uneasy"], "action": "Call"}
        page = await (await client.get("/api/page")).json()
        assert page["answers"] == {"reactions": ["uneasy"], "action": "Call"}
    serve(body)


def test_a_device_that_reconnects_with_its_cookie_keeps_its_vote():
    async def body(client, room):
        room.publish(DECISION)
        token = await join(client, room)
        await client.post("/api/vote", json={"key": DECISION.key, "option": 2})
        async with device(client, token) as again:
            page = await (await again.get("api/page")).json()
            assert page["vote"] == {"open": True, "mine": 2, "comment": ""}
            assert "Your vote</strong>" in await (await again.get("")).text()
        assert room.tally().counts == (0, 1, 0) and room.devices == 1
    serve(body)


def test_page_as_json_for_a_joined_device_only():
    async def body(client, room):
        refused = await client.get("/api/page")
        assert refused.status == 403 and (await refused.json())["ok"] is False
        await join(client, room)
        room.publish(DECISION)
        page = await (await client.get("/api/page")).json()
        assert page["version"] == room.version and page["answers"] is None
        assert page["page"]["key"] == DECISION.key and page["page"]["kind"] == "decision"
        assert page["page"]["options"][2] == {"number": 3, "text": "Call a team meeting",
                                              "enabled": False,
                                              "reason": "You have not met the team yet."}
        assert page["vote"] == {"open": True, "mine": None, "comment": ""}
        room.publish(SCENE)
        assert (await (await client.get("/api/page")).json())["vote"] is None
    serve(body)


# -- the game is driven only by the game ---------------------------------------------------------
def test_the_routes_are_only_the_devices_side():
    app = make_app(Room())
    routes = {(r.method, r.resource.canonical) for r in app.router.routes()}
    assert routes == {
        ("GET", "/"), ("HEAD", "/"), ("POST", "/join"), ("POST", "/vote"),
        ("POST", "/withdraw"), ("POST", "/comment"), ("POST", "/answers"),
        ("GET", "/events"), ("GET", "/api/page"), ("HEAD", "/api/page"),
        ("POST", "/api/join"), ("POST", "/api/vote"), ("POST", "/api/withdraw"),
        ("POST", "/api/comment"), ("POST", "/api/answers"),
        ("GET", "/static/{name}"), ("HEAD", "/static/{name}"),
        # the facilitator's page reads, and only reads (test_room_facilitator.py)
        ("GET", "/facilitator/{key}"), ("HEAD", "/facilitator/{key}")}


def test_no_request_closes_a_vote_chooses_or_moves_the_story_on():
    async def body(client, room):
        await join(client, room)
        room.publish(DECISION)
        await client.post("/api/vote", json={"key": DECISION.key, "option": 1})
        version = room.version
        for path in ("close", "api/close", "reopen", "api/reopen", "publish", "api/publish",
                     "choose", "api/choose", "next", "api/next", "admin", "facilitator",
                     "api/tally", "tally", "api/room", "events", "api/page", "static/room.js"):
            for method in ("POST", "PUT", "DELETE", "PATCH"):
                response = await client.request(method, "/" + path,
                                                json={"key": DECISION.key, "option": 1})
                assert response.status in (404, 405), (method, path)
        assert room.page == DECISION and room.tally().open and room.version == version
    serve(body, limits=roomy())


def _room_calls(path: Path) -> set[str]:
    """Names used on the room in `path`: `room.x`, `self.room.x`, `request.app[ROOM].x`."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Attribute):
            continue
        target = node.value
        if (isinstance(target, ast.Name) and target.id == "room"
                or isinstance(target, ast.Attribute) and target.attr == "room"
                or isinstance(target, ast.Subscript) and getattr(target.slice, "id", "") == "ROOM"):
            names.add(node.attr)
    return names


def test_the_server_only_uses_the_devices_side_of_the_room():
    allowed = {"join", "knows", "vote", "withdraw", "comment", "answer", "mine", "my_answers",
               "page", "version", "listen", "code",
               "tally"}          # read for whether the vote is open; counts never reach a page
    used = set()
    for name in ("server.py", "events.py", "html.py", "inputs.py", "host.py"):
        used |= _room_calls(ROOM_CODE / name)
        source = (ROOM_CODE / name).read_text()
        assert ".publish(" not in source and ".reopen(" not in source, name
    assert {"join", "vote", "page"} <= used and used <= allowed, used - allowed


# -- live updates ----------------------------------------------------------------------------------
async def next_event(stream) -> str:
    while True:
        line = (await asyncio.wait_for(stream.content.readline(), 3)).decode()
        if line.startswith("data: "):
            return line[6:].strip()


def test_events_say_the_version_at_once_and_when_this_devices_page_changes():
    async def body(client, room):
        stream_refused = await client.get("/events")
        assert stream_refused.status == 403
        await join(client, room)
        stream = await client.get("/events")
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        assert int(await next_event(stream)) == room.version
        room.publish(DECISION)                          # from this thread, like the game's
        assert int(await next_event(stream)) == room.version
        async with device(client) as other:
            await other.post("api/join", json={"code": room.code})
            await other.post("api/vote", json={"key": DECISION.key, "option": 1})
            await client.post("/api/vote", json={"key": DECISION.key, "option": 2})
            assert int(await next_event(stream)) == room.version
        room.close()
        assert int(await next_event(stream)) == room.version
        stream.close()
    serve(body)
