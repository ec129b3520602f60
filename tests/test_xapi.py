"""xAPI without a store: the mapping, ids, schema, settings, export and the outbox when the
store cannot be reached. tests/test_xapi_lrs.py runs the rest against a real Ralph LRS."""
from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest

from game.cli import main
from game.records import Recorder, list_records, records_folder
from game.story import Run, load
from game.xapi.config import Config, ConfigError, check_lrs, load_config
from game.xapi.mapping import statements_of
from game.xapi.outbox import Outbox
from game.xapi.readback import records_of
from game.xapi.schema import problem, problems
from tools.bench_report import make_records

ROOT = Path(__file__).resolve().parent.parent
DEVICE = "3d6f0a52-7c1e-4b8e-9a51-2f4e6d8c0b17"
TAKEAWAY = "Ask the group before the plan is written."
NOTE = "The room argued about this one"


@pytest.fixture(scope="module")
def haven():
    return load(ROOT / "scenes" / "haven")


def add_answers(path: Path) -> None:
    """Reflection and live-room answers, as the game writes them, on one record."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["reflection"] = {"statements": [{"id": "share", "text": "I know how to share decisions."}],
                          "scale": ["Disagree", "Not sure", "Agree"],
                          "before": {"share": 0}, "after": {"share": 2}}
    data["room"] = {"devices": 3, "answers": [{"reactions": ["torn"], "takeaway1": TAKEAWAY}]}
    data["debrief"] = {"reactions": ["hopeful"], "takeaways": [TAKEAWAY], "action": "Pay people."}
    path.write_text(json.dumps(data), encoding="utf-8")


def room(haven, saves: Path, count: int = 6, seed: int = 5) -> list[dict]:
    """`count` finished records (every fifth in workshop mode, with votes and notes), one
    with reflection and room answers, and one unfinished record; in each the player agreed
    to share their words (tests/test_share_consent.py has the records where they did not)."""
    paths = make_records(saves, haven, count, seed=seed)
    add_answers(paths[0])
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({**data, "share_answers": True}), encoding="utf-8")
    run = Run(haven, "service_user", 99)
    unfinished = Recorder(saves, run, "Table 9")
    unfinished.set_share_answers(True)
    for _ in range(3):
        run.choose(next(v.index for v in run.choices if v.enabled))
    assert unfinished.update()
    return [r.data for r in list_records(saves) if r.ok]


@pytest.fixture(scope="module")
def records(haven, tmp_path_factory):
    return room(haven, tmp_path_factory.mktemp("xapi-room"))


def shared() -> Config:
    return Config(device=DEVICE, share_answers=True)


def test_every_statement_of_every_record_passes_the_shipped_schema(records):
    made = [s for record in records for s in statements_of(record, Config(device=DEVICE))]
    assert len(made) > 100
    assert problems(made) == []
    verbs = {s["verb"]["display"]["en"] for s in made}
    assert verbs == {"initialized", "answered", "experienced", "completed", "responded"} \
        or verbs == {"initialized", "answered", "completed", "responded"}


def test_statement_ids_are_deterministic_and_unique(records):
    first = [s["id"] for r in records for s in statements_of(r, shared())]
    again = [s["id"] for r in records for s in statements_of(r, shared())]
    assert first == again
    assert len(set(first)) == len(first)
    assert all(uuid.UUID(i).version == 5 for i in first)


def test_statements_turn_back_into_the_very_same_records(records):
    made = [s for r in records for s in statements_of(r, shared())]
    back = records_of(reversed(made), shared().base)  # any order
    assert back.records == sorted(records, key=lambda r: r["id"])
    assert back.incomplete == [] and back.foreign == 0


def test_statements_of_another_base_or_tool_are_passed_over(records):
    made = statements_of(records[0], shared())
    back = records_of(made + [{"id": "x", "verb": {"id": "urn:other"}}],
                      "https://elsewhere.example.org/xapi")
    assert back.records == [] and back.foreign == len(made) + 1


def test_a_decision_is_a_choice_interaction_with_the_option_as_response(records, haven):
    record = next(r for r in records if r["ending"])
    step = next(s for s in record["steps"] if s["decision"])
    answered = statements_of(record, shared())[1]
    definition = answered["object"]["definition"]
    assert answered["object"]["id"].endswith(f"/scenarios/haven/scenes/{step['scene']}")
    assert definition["interactionType"] == "choice"
    assert [c["id"] for c in definition["choices"]] == [o["id"] for o in step["options"]]
    assert answered["result"]["response"] == step["choice_id"]
    assert answered["context"]["contextActivities"]["grouping"][0]["id"].endswith("/scenarios/haven")
    completed = next(s for s in statements_of(record, shared()) if s["verb"]["display"]["en"] == "completed")
    assert completed["result"]["completion"] is True
    ending = next(v for k, v in completed["result"]["extensions"].items() if k.endswith("/ending"))
    assert ending["iri"].endswith(f"/scenarios/haven/endings/{record['ending']['id']}")


def test_players_own_words_stay_out_unless_the_organisation_shares_them(records):
    with_answers = next(r for r in records if r.get("room"))
    noted = next(r for r in records if any(s.get("note") for s in r["steps"]))
    kept_back = json.dumps([statements_of(r, Config(device=DEVICE)) for r in (with_answers, noted)])
    assert TAKEAWAY not in kept_back and NOTE not in kept_back and "Pay people" not in kept_back
    assert '"before": {"share": 0}' in kept_back  # a point on a scale is not a player's words
    sent = json.dumps([statements_of(r, shared()) for r in (with_answers, noted)])
    assert TAKEAWAY in sent and NOTE in sent


def test_actors_are_anonymous_accounts_and_never_the_label(records):
    record = next(r for r in records if r.get("label"))
    actors = {json.dumps(s["actor"]) for s in statements_of(record, shared())}
    assert len(actors) == 1
    actor = json.loads(actors.pop())
    assert set(actor) == {"objectType", "account"}
    assert record["label"] not in actor["account"]["name"]
    uuid.UUID(actor["account"]["name"])
    other = Config(device=str(uuid.uuid4()), share_answers=True)
    assert statements_of(record, other)[0]["actor"] != actor  # another device, another id
    own = Config(device=DEVICE, learner_id="L-4471")
    assert statements_of(record, own)[0]["actor"]["account"]["name"] == "L-4471"


@pytest.mark.parametrize("change, said", [
    (lambda s: s.update(actor={"objectType": "Agent", "name": "Ann Smith"}), "actor"),
    (lambda s: s.update(id="not-a-uuid"), "id"),
    (lambda s: s.pop("verb"), "verb"),
    (lambda s: s.update(timestamp="26/11/2026"), "timestamp"),
    (lambda s: s["object"].update(id="no iri"), "object"),
    (lambda s: s["object"]["definition"].update(name={"not a language": "x"}), "object"),
])
def test_the_schema_refuses_what_xapi_forbids(records, change, said):
    statement = json.loads(json.dumps(statements_of(records[0], shared())[0]))
    assert problem(statement) == ""
    change(statement)
    assert said in problem(statement)


def test_export_writes_every_statement_and_says_how_many(records, tmp_path, capsys):
    folder = records_folder(tmp_path)
    folder.mkdir(parents=True)
    for record in records:
        (folder / f"{record['id']}.json").write_text(json.dumps(record), encoding="utf-8")
    out = tmp_path / "statements.json"
    assert main(["export", "--xapi", str(out), "--save-dir", str(tmp_path)]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    assert problems(written) == [] and len(written) > 100
    assert f"{len(written)} statements from {len(records)} records" in capsys.readouterr().out
    assert (tmp_path / "xapi" / "device.json").exists()


def test_export_refuses_bad_usage(tmp_path, capsys):
    assert main(["export", "--xapi", str(tmp_path / "out.txt"), "--save-dir", str(tmp_path)]) == 2
    assert "does not end in .json" in capsys.readouterr().err
    assert main(["export", "--xapi", str(tmp_path / "out.json"), "--save-dir", str(tmp_path)]) == 1
    assert "No usable session records" in capsys.readouterr().err
    assert not (tmp_path / "out.json").exists()


def test_settings_come_from_the_save_folder_and_the_environment(tmp_path, monkeypatch):
    (tmp_path / "xapi").mkdir()
    (tmp_path / "xapi" / "config.json").write_text(json.dumps(
        {"base": "https://learning.example-trust.org/mt/", "lrs": "https://lrs.example-trust.org/xAPI",
         "username": "file-user", "password": "file-secret", "share_answers": True}))
    monkeypatch.delenv("MAKING_TOGETHER_LRS_AUTH", raising=False)
    config = load_config(tmp_path)
    assert (config.base, config.username, config.share_answers) == (
        "https://learning.example-trust.org/mt", "file-user", True)
    monkeypatch.setenv("MAKING_TOGETHER_LRS_AUTH", "env-user:env:secret")
    config = load_config(tmp_path, "http://127.0.0.1:9/xAPI")
    assert (config.username, config.password, config.lrs) == ("env-user", "env:secret",
                                                             "http://127.0.0.1:9/xAPI")
    assert "secret" not in repr(config)


@pytest.mark.parametrize("settings, said", [
    ('{"base": "http://example.org/x"}', '"base" should be an https:// address'),
    ('{"share_answers": "yes"}', '"share_answers" has the wrong type'),
    ('{"passwd": "x"}', 'unknown setting "passwd"'),
    ('{"base": ', "config.json: "),
])
def test_bad_settings_are_named_with_their_file(tmp_path, settings, said, capsys):
    (tmp_path / "xapi").mkdir()
    (tmp_path / "xapi" / "config.json").write_text(settings)
    with pytest.raises(ConfigError, match=re.escape(said)):
        load_config(tmp_path)
    assert main(["sync", "--lrs", "http://127.0.0.1:9/xAPI", "--save-dir", str(tmp_path)]) == 2
    assert said in capsys.readouterr().err


@pytest.mark.parametrize("url, said", [
    ("http://lrs.example.org/xAPI", "plain http to another computer"),
    ("https://user:pw@lrs.example.org/xAPI", "holds a username or password"),
    ("lrs.example.org", "is not an LRS address"),
])
def test_unsafe_or_wrong_store_addresses_are_refused(url, said):
    with pytest.raises(ConfigError, match=said):
        check_lrs(url)
    assert check_lrs("http://127.0.0.1:8100/xAPI/") == "http://127.0.0.1:8100/xAPI"


def test_sync_without_credentials_says_where_to_put_them(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("MAKING_TOGETHER_LRS_AUTH", raising=False)
    assert main(["sync", "--lrs", "https://lrs.example.org/xAPI", "--save-dir", str(tmp_path)]) == 2
    assert "MAKING_TOGETHER_LRS_AUTH" in capsys.readouterr().err
    assert main(["sync", "--save-dir", str(tmp_path)]) == 2
    assert "no LRS address" in capsys.readouterr().err


def test_a_store_that_cannot_be_reached_leaves_everything_in_the_outbox(haven, tmp_path,
                                                                         monkeypatch, capsys):
    records = room(haven, tmp_path, count=3, seed=8)
    finished = [r for r in records if r["ending"]]
    monkeypatch.setenv("MAKING_TOGETHER_LRS_AUTH", "trainer:do-not-print-me")
    with socketless_port() as port:
        assert main(["sync", "--lrs", f"http://127.0.0.1:{port}/xAPI", "--save-dir",
                     str(tmp_path)]) == 1
    said = capsys.readouterr()
    assert "could not be reached" in said.err and "wait in the outbox" in said.err
    assert "unfinished record waits" in said.out
    assert "do-not-print-me" not in said.out + said.err
    box = Outbox.open(tmp_path)
    assert sorted(w["record"] for w in box.waiting) == sorted(r["id"] for r in finished)
    assert box.sent == {}
    on_disk = "".join(p.read_text() for p in (tmp_path / "xapi").rglob("*.json"))
    assert "do-not-print-me" not in on_disk


class socketless_port:
    """A loopback port nothing listens on, for as long as the block runs."""

    def __enter__(self) -> int:
        import socket
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        return self.socket.getsockname()[1]

    def __exit__(self, *exc) -> None:
        self.socket.close()


class _Answers:
    """A stand-in web server on loopback that answers every request the same way."""

    def __init__(self, status: int, body: bytes = b"", headers: dict | None = None):
        import http.server
        import threading
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                outer.requests.append(self.command)
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.requests: list[str] = []
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/xAPI"

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("status, body, headers, said", [
    (301, b"", {"Location": "https://lrs.example.org/xAPI/statements"}, "has moved (HTTP 301) to https://lrs.example.org"),
    (200, b"<html>Sign in to the hotel wifi</html>", {}, "not JSON"),
    (404, b"", {}, "no xAPI endpoint"),
])
def test_a_store_that_answers_oddly_is_not_taken_to_have_stored_anything(
        haven, tmp_path, monkeypatch, capsys, status, body, headers, said):
    room(haven, tmp_path, count=1, seed=9)
    monkeypatch.setenv("MAKING_TOGETHER_LRS_AUTH", "trainer:secret")
    answers = _Answers(status, body, headers)
    with answers as url:
        assert main(["sync", "--lrs", url, "--save-dir", str(tmp_path)]) == 1
    assert said in capsys.readouterr().err
    assert answers.requests == ["POST"]  # a redirect is not followed (as a GET)
    assert len(Outbox.open(tmp_path).waiting) == 1 and Outbox.open(tmp_path).sent == {}


def test_a_damaged_outbox_file_is_set_aside_and_its_record_queued_again(haven, tmp_path):
    records = [r for r in room(haven, tmp_path, count=2, seed=10) if r["ending"]]
    config = Config(device=DEVICE)
    box = Outbox.open(tmp_path)
    assert box.queue(records, config) == (2, [])
    damaged = sorted((tmp_path / "xapi" / "outbox").glob("*.json"))[0]
    damaged.write_text('{"format": "making-together/xapi-outbox", "stat')
    again = Outbox.open(tmp_path)
    assert len(again.waiting) == 1
    assert again.damaged == [f"{damaged}: it is not valid JSON (line 1)"]
    assert damaged.with_name(damaged.name + ".damaged").exists()
    assert again.queue(records, config) == (1, [])
    assert sorted(w["record"] for w in again.waiting) == sorted(r["id"] for r in records)


def test_report_from_a_store_refuses_what_does_not_fit(tmp_path, monkeypatch, capsys):
    out = str(tmp_path / "r.html")
    assert main(["report", "--since", "2026-11-01", "--out", out]) == 2
    assert "--since and --scenario go with --lrs URL" in capsys.readouterr().err
    monkeypatch.setenv("MAKING_TOGETHER_LRS_AUTH", "trainer:secret")
    assert main(["report", "--lrs", "http://127.0.0.1:9/xAPI", "--since", "last week",
                 "--out", out, "--save-dir", str(tmp_path)]) == 2
    assert '--since "last week" is not a date' in capsys.readouterr().err
    with socketless_port() as port:
        assert main(["report", "--lrs", f"http://127.0.0.1:{port}/xAPI", "--out", out,
                     "--save-dir", str(tmp_path)]) == 1
    assert "No report was written: the LRS at" in capsys.readouterr().err
    assert not Path(out).exists()
