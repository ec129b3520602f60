"""The player's agreement to share their written answers with the organisation's learning
record store: asked in the debrief (window and terminal) only when the organisation has a store
that takes answers, kept in the session record as `share_answers`, and obeyed by the mapping."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import FIXTURES
from test_debrief_window import ended_tiny, paragraphs, record_data, to_step
from drive_window import assert_fits, labels, tab_to

from game.cli import main
from game.records import Recorder, list_records, read_record, save_sharing, sharing_of
from game.story import Run, load, load_scenario
from game.terminal.game import TextGame
from game.ui.app import App
from game.ui.settings import Settings
from game.xapi.config import Config
from game.xapi.consent import asks_to_share
from game.xapi.mapping import statements_of
from game.xapi.readback import records_of

QUESTION = "Your organisation keeps learning records."
WORDS = "Ask the group before the plan is written."
NOTE = "The room argued about this one"


def organisation(saves: Path, lrs: str = "https://lrs.example.org/xAPI", share: bool = True) -> None:
    """The organisation's xAPI settings in the save folder."""
    (saves / "xapi").mkdir(parents=True, exist_ok=True)
    (saves / "xapi" / "config.json").write_text(json.dumps(
        {"lrs": lrs, "share_answers": share} if lrs else {"share_answers": share}), encoding="utf-8")


# -- when to ask -------------------------------------------------------------------------------------
def test_the_question_is_asked_only_when_the_organisation_has_a_store_that_takes_answers(tmp_path):
    assert not asks_to_share(tmp_path / "none")             # no settings at all
    cases = {"store-and-words": ("https://lrs.example.org/xAPI", True, True),
             "no-store": ("", True, False),
             "store-but-no-words": ("https://lrs.example.org/xAPI", False, False)}
    for name, (lrs, share, asked) in cases.items():
        organisation(tmp_path / name, lrs, share)
        assert asks_to_share(tmp_path / name) is asked, name
    damaged = tmp_path / "damaged"
    (damaged / "xapi").mkdir(parents=True)
    (damaged / "xapi" / "config.json").write_text("{not json", encoding="utf-8")
    assert not asks_to_share(damaged)                        # and no traceback


# -- the record ------------------------------------------------------------------------------------
def test_the_record_keeps_the_answer_and_null_means_not_answered(tmp_path):
    scenario = load(FIXTURES / "tiny")
    run = Run(scenario, "professional", 1)
    recorder = Recorder(tmp_path, run)
    run.choose(next(v.index for v in run.choices if v.enabled))
    assert recorder.update()
    assert read_record(recorder.path).data["share_answers"] is None
    recorder.set_share_answers(True)
    assert recorder.update()
    found = read_record(recorder.path)
    assert sharing_of(found.data) is True
    again = Recorder(tmp_path, run, existing=found.data)     # a loaded game keeps it
    assert again.share_answers is True
    save_sharing(found, False)                                # a record opened from the list
    assert read_record(recorder.path).data["share_answers"] is False
    assert sharing_of({"share_answers": "yes"}) is None      # damaged: as not answered


# -- the mapping ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def record(tmp_path_factory) -> dict:
    """A finished record with the player's words in every place they can be."""
    scenario = load(FIXTURES / "tiny")
    run = Run(scenario, "professional", 1)
    recorder = Recorder(tmp_path_factory.mktemp("mapping"), run, mode="workshop")
    while not run.ended:
        recorder.set_note(NOTE)
        run.choose(next(v.index for v in run.choices if v.enabled))
    recorder.set_debrief(takeaways=[WORDS], action="Pay people.")
    recorder.set_room_answers([{"takeaway1": WORDS}], 3)
    assert recorder.update()
    return read_record(recorder.path).data


@pytest.mark.parametrize("player, organisation_allows, sent", [
    (True, True, True), (False, True, False), (None, True, False), (True, False, False)])
def test_the_words_go_only_when_the_player_agreed_and_the_organisation_allows(
        record, player, organisation_allows, sent):
    data = {**record, "share_answers": player}
    statements = statements_of(data, Config(device="3d6f0a52-7c1e-4b8e-9a51-2f4e6d8c0b17",
                                            share_answers=organisation_allows))
    text = json.dumps(statements)
    for words in (WORDS, NOTE, "Pay people."):
        assert (words in text) is sent, words
    assert len(statements) == len(record["steps"]) + 3       # the choices go either way
    back = records_of(statements, Config().base).records[0]
    assert back["share_answers"] == player                   # the answer itself goes back too
    assert (WORDS in json.dumps(back)) is sent


def test_export_says_how_many_records_kept_their_words_back(record, tmp_path, capsys):
    organisation(tmp_path)
    folder = tmp_path / "records"
    folder.mkdir()
    for name, agreed in (("a", True), ("b", None)):
        (folder / f"{name}.json").write_text(json.dumps({**record, "id": name, "share_answers": agreed}),
                                             encoding="utf-8")
    out = tmp_path / "statements.json"
    assert main(["export", "--xapi", str(out), "--save-dir", str(tmp_path)]) == 0
    assert "own words left out of 1 record: their players did not agree" in capsys.readouterr().out
    assert json.dumps(json.loads(out.read_text(encoding="utf-8"))).count(WORDS) >= 1


# -- the window ----------------------------------------------------------------------------------------
def test_the_window_asks_on_the_summary_and_writes_the_record(app, saves):
    organisation(saves)
    ended_tiny(app)
    app.top.debrief()
    debrief = to_step(app, "summary")
    assert any(p.startswith(QUESTION) for p in paragraphs(app))
    assert "Not answered yet: unless you choose Yes, they are not shared." in paragraphs(app)
    assert record_data(app)["share_answers"] is None
    tab_to(app, "Yes, share them")
    assert record_data(app)["share_answers"] is True
    assert "Yes, share them (picked)" in labels(app) and "No, keep them here" in labels(app)
    assert debrief.focused.label == "Yes, share them (picked)"
    tab_to(app, "No, keep them here")                        # a change of mind
    assert record_data(app)["share_answers"] is False
    assert "No, keep them here (picked)" in labels(app)


@pytest.mark.parametrize("size", [(800, 600), (1280, 720)])
def test_the_question_fits_with_200pc_text_and_high_contrast(saves, size):
    organisation(saves)
    app = App([FIXTURES / "tiny"], saves, size=size,
              settings=Settings(text_size=2.0, high_contrast=True, text_speed="instant"))
    ended_tiny(app)
    app.top.debrief()
    debrief = to_step(app, "summary")
    assert_fits(app, size)
    debrief.set_sharing(True)
    debrief.ensure_layout()
    assert_fits(app, size)
    assert "Yes, share them (picked)" in labels(app)


def test_the_window_does_not_ask_without_a_store(app, saves):
    organisation(saves, lrs="")
    ended_tiny(app)
    app.top.debrief()
    to_step(app, "summary")
    assert not any(p.startswith(QUESTION) for p in paragraphs(app))
    assert not any(label.startswith("Yes, share") for label in labels(app))


# -- the terminal ------------------------------------------------------------------------------------
def play_text(saves: Path, keys: str) -> str:
    out = io.StringIO()
    TextGame([load_scenario(FIXTURES / "tiny")], io.StringIO(keys), out, saves).play("tiny", "professional")
    return " ".join(out.getvalue().split())


@pytest.mark.parametrize("typed, kept", [("y", True), ("", False), ("n", False)])
def test_the_terminal_asks_after_the_take_away_and_writes_the_record(tmp_path, typed, kept):
    saves = tmp_path / "saves"
    organisation(saves)
    # choose 1 twice; the debrief: a feeling, a take-away, an action; the question; then finish
    text = play_text(saves, f"1\n1\ncurious\n{WORDS}\nPay people.\n{typed}\n\n")
    assert QUESTION in text and "Type y to share them, or press Enter for no" in text
    assert list_records(saves)[0].data["share_answers"] is kept


def test_the_terminal_lets_the_player_change_their_mind(tmp_path):
    saves = tmp_path / "saves"
    organisation(saves)
    text = play_text(saves, f"1\n1\n\n{WORDS}\n\ny\ns\n\n\n")
    assert "s to change whether the written answers are shared" in text
    assert list_records(saves)[0].data["share_answers"] is False


def test_the_terminal_does_not_ask_without_a_store(tmp_path):
    saves = tmp_path / "saves"
    organisation(saves, lrs="")
    text = play_text(saves, f"1\n1\n\n{WORDS}\n\n\n")
    assert QUESTION not in text and "to change whether" not in text
    assert list_records(saves)[0].data["share_answers"] is None
