"""The room's host (its web server beside the game), its QR code and its rate limits."""
from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
import urllib.error
import urllib.request

import aiohttp
import pytest

from game.room import host as host_module
from game.room import qr
from game.room.host import RoomError, RoomHost
from game.room.limits import Buckets, Limits, Rate
from game.room.model import Room


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_room_host_listens_on_loopback_and_stops_quickly_and_twice():
    room = Room()
    host = RoomHost(room, "127.0.0.1", 0)
    host.start()
    try:
        assert host.running and host.port > 0 and host.lan is False
        assert host.url == f"http://127.0.0.1:{host.port}/"
        assert host.join_url == f"{host.url}?code={room.code}"
        status, text = get(host.url)
        assert status == 200 and "Room code" in text
        assert get(host.url + "nowhere")[0] == 404
    finally:
        started = time.monotonic()
        host.stop()
        assert time.monotonic() - started < 2
    host.stop()
    assert not host.running
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", host.port), timeout=1).close()


def test_garbage_requests_get_400_and_no_traceback_or_address_reaches_the_terminal(capfd, caplog):
    host = RoomHost(Room(), "127.0.0.1", 0)
    host.start()
    caplog.set_level(logging.DEBUG)
    try:
        for raw in (b"GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
                    b"GET /" + b"a" * 10000 + b" HTTP/1.1\r\n\r\n", b"\x00\xff" * 100):
            with socket.create_connection(("127.0.0.1", host.port), timeout=3) as connection:
                connection.sendall(raw)
                assert connection.recv(100).startswith(b"HTTP/1.0 400")
        assert get(host.url)[0] == 200
    finally:
        host.stop()
    printed = capfd.readouterr()
    assert "Traceback" not in printed.err + printed.out
    assert "127.0.0.1" not in printed.err + printed.out
    # Only what would reach the program's own log handlers counts (pytest also listens to
    # loggers that do not pass records on).
    told = [r for r in caplog.records if logging.getLogger(r.name).propagate
            and (r.exc_info or "127.0.0.1" in r.getMessage())]
    assert told == []


def test_stopping_the_host_ends_open_event_streams():
    room = Room()
    host = RoomHost(room, "127.0.0.1", 0)
    host.start()
    ended = threading.Event()

    async def follow():
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as session:
            await session.post(host.url + "api/join", json={"code": room.code})
            async with session.get(host.url + "events") as stream:
                assert (await stream.content.readline()).startswith(b"retry:")
                threading.Thread(target=host.stop).start()
                try:
                    while await asyncio.wait_for(stream.content.readline(), 5):
                        pass
                except aiohttp.ClientError:
                    pass
                ended.set()
    started = time.monotonic()
    asyncio.run(follow())
    assert ended.is_set() and time.monotonic() - started < 3


def test_a_port_in_use_gives_a_plain_room_error():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        host = RoomHost(Room(), "127.0.0.1", port)
        with pytest.raises(RoomError) as refused:
            host.start()
    message = str(refused.value)
    assert f"Port {port} is already in use" in message
    assert "Errno" not in message and "Traceback" not in message
    assert not host.running
    host.stop()


def test_an_address_this_computer_does_not_have_gives_a_plain_room_error():
    with pytest.raises(RoomError, match="has no network address 192.0.2.77"):
        RoomHost(Room(), "192.0.2.77", 0).start()


def test_with_no_network_the_host_falls_back_to_this_computer(monkeypatch):
    class NoRoute(socket.socket):
        def connect(self, address):
            raise OSError(101, "Network is unreachable")
    monkeypatch.setattr(host_module.socket, "socket", NoRoute)
    host = RoomHost(Room())
    assert (host.host, host.lan) == ("127.0.0.1", False)


def test_the_default_address_is_a_network_address_when_there_is_one():
    address, lan = host_module.lan_address()
    assert lan == (not address.startswith("127."))
    socket.inet_aton(address)


# -- the QR code -----------------------------------------------------------------------------------
def test_qr_matrix_is_square_with_a_quiet_zone_and_finder_patterns():
    rows = qr.matrix("http://192.168.1.20:8080/?code=ACDEF")
    size = len(rows)
    assert all(len(row) == size for row in rows) and (size - 8 - 21) % 4 == 0
    assert not any(rows[0]) and not any(rows[3]) and not any(row[0] for row in rows)
    assert rows[4][4:11] == [True] * 7                   # the top-left finder's top edge
    assert rows[5][4:11] == [True] + [False] * 5 + [True]


def test_qr_svg_is_a_titled_svg_document():
    text = qr.svg("http://127.0.0.1:8080/?code=ACDEF")
    assert text.startswith("<svg") and "</svg>" in text
    assert "<title>http://127.0.0.1:8080/?code=ACDEF</title>" in text


# -- the limits ---------------------------------------------------------------------------------
class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_allows_its_burst_then_refills_at_its_rate():
    clock = Clock()
    bucket = Buckets(Rate(5, 20), clock)
    assert [bucket.take("a") for _ in range(21)] == [True] * 20 + [False]
    clock.now += 0.2
    assert bucket.take("a") and not bucket.take("a")
    assert bucket.take("b")
    clock.now += 100
    assert [bucket.take("a") for _ in range(21)].count(True) == 20


def test_a_refused_device_does_not_spend_its_address():
    clock = Clock()
    limits = Limits(address=Rate(1, 3), device=Rate(1, 1), clock=clock)
    assert limits.allow("10.0.0.1", "phone")
    assert not limits.allow("10.0.0.1", "phone")
    assert limits.allow("10.0.0.1", "other") and limits.allow("10.0.0.1")
    assert not limits.allow("10.0.0.1")


def test_buckets_forget_idle_keys_when_there_are_many():
    clock = Clock()
    bucket = Buckets(Rate(10, 10), clock, keys=100)
    for n in range(100):
        bucket.take(f"k{n}")
    clock.now += 5
    bucket.take("new")
    assert len(bucket._level) == 1
