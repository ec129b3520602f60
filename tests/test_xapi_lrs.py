"""xAPI against a real Learning Record Store: Ralph (ralph-malph) with its file-system backend,
started by these tests on 127.0.0.1 on a free port and stopped after them.

Ralph lives in a venv of its own (.ci/run makes .venv/lrs), or $MAKING_TOGETHER_RALPH names
its `ralph` program; without it these tests skip and say how to install it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.cli import main
from game.records import read_record, records_folder, save_answers
from game.xapi.config import load_config, with_device
from game.xapi.outbox import Outbox, send_outbox
from game.xapi.readback import records_of
from game.xapi.send import LRSError, Store
from tests.test_xapi import TAKEAWAY, room
from tools.bench_xapi import INSTALL_HINT, RalphServer, find_ralph

ROOT = Path(__file__).resolve().parent.parent
RALPH = find_ralph()
pytestmark = pytest.mark.skipif(RALPH is None, reason=f"Ralph (ralph-malph) is not installed: {INSTALL_HINT}")


@pytest.fixture(scope="module")
def haven():
    from game.story import load
    return load(ROOT / "scenes" / "haven")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = RalphServer(RALPH, tmp_path_factory.mktemp("ralph")).start()
    yield running
    running.stop()


def site(tmp_path: Path, server: RalphServer, monkeypatch, share: bool = True) -> Path:
    """A save folder whose settings send to `server` under a base of its own (so the tests
    sharing one server never read each other's statements)."""
    (tmp_path / "xapi").mkdir(parents=True, exist_ok=True)
    base = f"https://learning.example.org/{tmp_path.name}"
    (tmp_path / "xapi" / "config.json").write_text(json.dumps(
        {"base": base, "lrs": server.endpoint, "share_answers": share}))
    monkeypatch.setenv("MAKING_TOGETHER_LRS_AUTH", server.auth)
    return tmp_path


def ours(server: RalphServer, saves: Path) -> list[dict]:
    """The statements the store holds (every line its file backend wrote) of this save folder."""
    base = load_config(saves).base
    return [s for s in server.statements_on_disk() if s["actor"]["account"]["homePage"] == base]


def expected(saves: Path) -> list[dict]:
    """The statements of every finished record in the save folder, as sync makes them."""
    from game.xapi.mapping import statements_of
    config = with_device(load_config(saves), saves)
    found = [read_record(p).data for p in sorted(records_folder(saves).glob("*.json"))]
    return [s for r in found if r["ending"] for s in statements_of(r, config)]


def test_sync_sends_every_finished_record_and_sending_again_duplicates_nothing(
        haven, server, tmp_path, monkeypatch, capsys):
    saves = site(tmp_path, server, monkeypatch)
    room(haven, saves, count=4, seed=21)
    assert main(["sync", "--save-dir", str(saves)]) == 0
    said = capsys.readouterr().out
    want = expected(saves)
    assert f"Sent {len(want)} statements of 4 records" in said
    assert "1 unfinished record waits" in said
    stored = ours(server, saves)
    assert sorted(s["id"] for s in stored) == sorted(s["id"] for s in want)
    # again: nothing new is queued; and with the ledger lost, all is posted again, stored once
    assert main(["sync", "--save-dir", str(saves)]) == 0
    assert "Nothing new to send" in capsys.readouterr().out
    (saves / "xapi" / "sent.json").unlink()
    assert main(["sync", "--save-dir", str(saves)]) == 0
    assert f"Sent {len(want)} statements" in capsys.readouterr().out
    again = ours(server, saves)
    assert len(again) == len(stored) == len({s["id"] for s in again})


def test_the_room_report_from_the_store_equals_the_one_from_the_files(
        haven, server, tmp_path, monkeypatch, capsys):
    saves = site(tmp_path / "saves", server, monkeypatch)
    room(haven, saves, count=6, seed=22)
    unfinished = [p for p in records_folder(saves).glob("*.json") if not read_record(p).data["ending"]]
    for path in unfinished:  # the store has finished records only
        path.unlink()
    assert main(["sync", "--save-dir", str(saves)]) == 0
    from_files, from_store = tmp_path / "files.html", tmp_path / "store.html"
    assert main(["report", str(records_folder(saves)), "--out", str(from_files)]) == 0
    assert main(["report", "--save-dir", str(saves), "--lrs", server.endpoint, "--since",
                 "2020-01-01", "--scenario", "haven", "--out", str(from_store)]) == 0
    assert "Room report: The Haven (6 records)" in capsys.readouterr().out
    assert page(from_store) == page(from_files)
    assert TAKEAWAY in page(from_store)
    for table in ("", "-reflection"):
        a, b = (p.with_name(p.stem + table + ".csv") for p in (from_files, from_store))
        assert b.read_bytes() == a.read_bytes()
    assert main(["report", "--save-dir", str(saves), "--lrs", server.endpoint, "--scenario",
                 "no-such-scenario", "--out", str(tmp_path / "none.html")]) == 1
    assert 'holds no session records of scenario "no-such-scenario"' in capsys.readouterr().err


def page(path: Path) -> str:
    """The page less the minute it was made."""
    return re.sub(r"Made by Making Together \S+ on [^.<]*", "", path.read_text(encoding="utf-8"))


def test_a_store_killed_mid_sync_loses_nothing_and_gets_nothing_twice(
        haven, server, tmp_path, monkeypatch):
    own = RalphServer(RALPH, tmp_path / "lrs").start()
    try:
        saves = site(tmp_path / "saves", own, monkeypatch)
        records = [r for r in room(haven, saves, count=6, seed=23) if r["ending"]]
        config = with_device(load_config(saves), saves)
        box = Outbox.open(saves)
        assert box.queue(records, config) == (6, [])
        store = Store(own.endpoint, own.username, own.password, timeout=10)
        done = send_outbox(box, store, batch=1, after_batch=lambda n: own.kill() if n == 2 else None)
        assert done.records == 2 and done.error is not None and done.error.kind == "unreachable"
        left = Outbox.open(saves)  # as the next sync finds it on disk
        assert len(left.waiting) == 4 and len(left.sent) == 2
        assert not {w["record"] for w in left.waiting} & set(left.sent)
        stored_before = {s["id"] for s in own.statements_on_disk()}
        # the next sync: the store is back (its data kept); one record was stored but its
        # answer lost on the way (posted here behind the outbox's back): it is sent again
        own.start()
        store = Store(own.endpoint, own.username, own.password)
        store.post(left.waiting[0]["statements"])
        done = send_outbox(left, store)
        assert done.error is None and done.records == 4
        stored = own.statements_on_disk()
        ids = [s["id"] for s in stored]
        want = expected(saves)
        assert len(ids) == len(set(ids)) == len(want)
        assert set(ids) == {s["id"] for s in want} and stored_before <= set(ids)
        assert not list((saves / "xapi" / "outbox").glob("*.json"))
        assert records_of(store.fetch(limit="1000"), config.base).records == sorted(
            records, key=lambda r: r["id"])
    finally:
        own.stop()


def test_bad_credentials_are_refused_with_a_clear_message(haven, server, tmp_path, monkeypatch, capsys):
    saves = site(tmp_path, server, monkeypatch)
    room(haven, saves, count=1, seed=24)
    monkeypatch.setenv("MAKING_TOGETHER_LRS_AUTH", "trainer:not-the-password")
    assert main(["sync", "--save-dir", str(saves)]) == 1
    said = capsys.readouterr()
    assert "refused the username and password (HTTP 401)" in said.err
    assert "MAKING_TOGETHER_LRS_AUTH" in said.err and "not-the-password" not in said.out + said.err
    assert len(Outbox.open(saves).waiting) == 1 and ours(server, saves) == []
    with pytest.raises(LRSError) as refused:
        list(Store(server.endpoint, "nobody", "x").fetch())
    assert refused.value.kind == "refused"


def test_answers_added_after_sending_go_as_a_new_statement_and_the_latest_counts(
        haven, server, tmp_path, monkeypatch, capsys):
    saves = site(tmp_path, server, monkeypatch)
    room(haven, saves, count=1, seed=25)
    assert main(["sync", "--save-dir", str(saves)]) == 0
    path = next(p for p in records_folder(saves).glob("bench-*.json"))
    save_answers(read_record(path), action="Pay people on the day.")
    capsys.readouterr()
    assert main(["sync", "--save-dir", str(saves)]) == 0
    assert "Sent" in capsys.readouterr().out
    config = load_config(saves)
    back = records_of(ours(server, saves), config.base).records
    assert back == [read_record(path).data]


def test_a_step_changed_after_it_was_sent_is_named_and_the_rest_still_goes(
        haven, server, tmp_path, monkeypatch, capsys):
    saves = site(tmp_path, server, monkeypatch)
    room(haven, saves, count=2, seed=26)
    assert main(["sync", "--save-dir", str(saves)]) == 0
    first, second = sorted(records_folder(saves).glob("bench-*.json"))
    data = json.loads(first.read_text(encoding="utf-8"))
    data["steps"][0]["note"] = "Typed on the ending page, after the sync."
    first.write_text(json.dumps(data), encoding="utf-8")
    save_answers(read_record(second), action="Pay people on the day.")
    capsys.readouterr()
    assert main(["sync", "--save-dir", str(saves)]) == 1
    said = capsys.readouterr()
    assert f"record {first.stem}: 1 statement changed after the store took them" in said.err
    back = {r["id"]: r for r in records_of(ours(server, saves), load_config(saves).base).records}
    assert back[second.stem]["debrief"]["action"] == "Pay people on the day."
    assert back[first.stem]["steps"][0]["note"] != "Typed on the ending page, after the sync."
