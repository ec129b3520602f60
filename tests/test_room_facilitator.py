"""The facilitator's page: the count and every comment, for the game's own computer only."""
from __future__ import annotations

import urllib.error
import urllib.request
from types import SimpleNamespace

import pytest

from game.room.facilitator import same_computer
from game.room.host import RoomHost
from game.room.model import Option, Page, Room

DECISION = Page(key="1:a", kind="decision", title="The letter",
                options=(Option(1, "Sign it"), Option(2, "Ask the group first"),
                         Option(3, "Phone Jo", False, "Not yet")))


@pytest.fixture
def served():
    room = Room()
    host = RoomHost(room, host="127.0.0.1")
    host.start()
    yield room, host
    host.stop()


def get(url: str, method: str = "GET") -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_page_shows_the_count_and_every_comment_escaped(served):
    room, host = served
    room.publish(DECISION)
    a, b = room.join(room.code), room.join(room.code)
    room.vote(a, "1:a", 2)
    room.vote(b, "1:a", 2)
    room.comment(a, "1:a", "<script>alert(1)</script> nobody asked")
    status, page = get(f"{host.url}facilitator/{room.facilitator_key}")
    assert status == 200
    assert "2 votes</strong>: Ask the group first" in page and "0 votes</strong>: Sign it" in page
    assert "2 devices voted" in page and "The vote (open)" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; nobody asked" in page and "<script>" not in page
    assert 'http-equiv="refresh"' in page and "<form" not in page   # it reads; it cannot act


def test_a_wrong_key_or_a_post_gets_nothing(served):
    room, host = served
    room.publish(DECISION)
    room.comment(room.join(room.code), "1:a", "private words")
    status, page = get(f"{host.url}facilitator/{'0' * 32}")
    assert status == 403 and "private words" not in page
    assert get(f"{host.url}facilitator/{room.facilitator_key}", "POST")[0] == 405
    assert room.tally().open


def test_only_the_same_computer_is_answered():
    def request(remote, listening):
        transport = SimpleNamespace(get_extra_info=lambda name: (listening, 8000))
        return SimpleNamespace(remote=remote, transport=transport)
    assert same_computer(request("127.0.0.1", "192.168.1.23"))
    assert same_computer(request("192.168.1.23", "192.168.1.23"))   # a browser here, on the LAN address
    assert not same_computer(request("192.168.1.50", "192.168.1.23"))  # a phone in the room
    assert not same_computer(request("", "192.168.1.23"))
