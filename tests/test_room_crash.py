"""A crash of the game mid-session loses no vote already counted: the record is written as each
vote closes. The game runs as a real process (the terminal, with the room on 127.0.0.1), phones
vote over HTTP, the facilitator closes the vote, and the process is killed with SIGKILL."""
from __future__ import annotations

import http.cookiejar
import json
import os
import re
import select
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a POSIX signal")


class Game:
    def __init__(self, saves):
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "play", "--text", "--workshop", "--room",
             "--room-host", "127.0.0.1", "--scenario", "tea-and-terms", "--role", "professional",
             "--save-dir", str(saves)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT,
            env=dict(os.environ, PYTHONUNBUFFERED="1"))
        self.seen = ""

    def wait_for(self, pattern: str, seconds: float = 30) -> re.Match:
        end = time.monotonic() + seconds
        fd = self.process.stdout.fileno()
        while time.monotonic() < end:
            found = re.search(pattern, self.seen)
            if found:
                return found
            if select.select([fd], [], [], 0.2)[0]:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                self.seen += chunk.decode("utf-8", "replace")
        raise AssertionError(f"no {pattern!r} in:\n{self.seen[-2000:]}")

    def type(self, line: str) -> None:
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()


def phone(url: str, code: str):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    opener.open(f"{url}?code={code}", timeout=10).read()
    return opener


def send(opener, url: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(url + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    return json.loads(opener.open(request, timeout=10).read())


def test_votes_counted_before_a_kill_are_in_the_record(tmp_path):
    saves = tmp_path / "saves"
    game = Game(saves)
    try:
        url = game.wait_for(r"(http://127\.0\.0\.1:\d+/)").group(1)
        code = game.wait_for(r"Room code: ((?:\w ){4}\w)").group(1).replace(" ", "")
        game.wait_for(r"skip them all")
        game.type("s")                       # the before-play statements: skipped
        game.wait_for(r"Your choice \(1")
        phones = [phone(url, code) for _ in range(4)]
        key = json.loads(phones[0].open(url + "api/page", timeout=10).read())["page"]["key"]
        for opener, option in zip(phones, (2, 2, 1, 3)):
            assert send(opener, url, "api/vote", {"key": key, "option": option})["ok"]
        assert send(phones[0], url, "api/comment", {"key": key, "comment": "Ask Marcia"})["ok"]
        game.type("l")                       # the facilitator closes the vote
        game.wait_for(r"The vote is closed")
    finally:
        game.process.send_signal(signal.SIGKILL)
        game.process.wait(10)
    records = list((saves / "records").glob("*.json"))
    assert len(records) == 1
    record = json.loads(records[0].read_text(encoding="utf-8"))
    assert record["pending_votes"] == {key: [1, 2, 1]}
    assert record["pending_room"][key]["voted"] == 4
    assert record["pending_room"][key]["comments"] == ["Ask Marcia"]
