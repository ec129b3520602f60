"""Data that can be lost or mixed up (issue 20, items 9-12): one game at a time on a save
folder, the terminal asks before replacing an unfinished autosave, record ids never collide,
and the writer's temporary files left by a kill are cleared."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from datetime import datetime as real_datetime

import pytest

from conftest import FIXTURES, ROOT
from game.files import lock as save_lock
from game.saves import list_slots
from game.files.write import write_json_atomic
from game.story import Run, load_scenario
from game.terminal.game import TextGame

HOLD = ("import sys; from game.files.lock import acquire; held = acquire(sys.argv[1]); "
        "print('held' if held else 'busy', flush=True); sys.stdin.readline()")


@pytest.fixture
def other_game(saves):
    """Another process holding the lock on `saves` until the test ends (then it is killed)."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(saves)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    yield holder
    holder.kill()
    holder.wait()


def play(keys: str, saves, stdin=None, scenario="tiny", role="professional"):
    out = io.StringIO()
    game = TextGame([load_scenario(FIXTURES / "tiny")], stdin or io.StringIO(keys), out, saves)
    code = game.play(scenario, role)
    return game, code, out.getvalue()


class Keyboard(io.StringIO):
    """Typed answers, as from a person at a terminal."""

    def isatty(self):
        return True


# -- 9. one game at a time on a save folder ---------------------------------------------------
def test_a_second_process_cannot_take_the_lock_and_a_kill_frees_it(saves, other_game):
    assert save_lock.acquire(saves) is None
    assert save_lock.is_busy(saves)
    other_game.kill()  # a hard kill: the operating system lets go of the lock
    other_game.wait()
    held = save_lock.acquire(saves)
    assert held is not None
    assert save_lock.acquire(saves) is held  # within one process it is shared
    held.release()


def test_the_terminal_goes_on_read_only_when_the_input_is_not_a_terminal(saves, other_game):
    write_json_atomic(saves / "keep.json", {"theirs": True})
    game, code, text = play("1\n1\nhappy\nthat\nmore\n", saves)
    assert "Another Making Together is using this save folder" in text
    assert "read-only" in text and "Ending: Made together" in text
    assert game.read_only
    assert sorted(p.name for p in saves.iterdir()) == [".making-together.lock", "keep.json"]
    assert not (saves / "records").exists()  # no record, no autosave, no debrief answers


def test_read_only_says_a_save_is_not_made_when_quitting(saves, other_game):
    game, code, text = play("1\nq\n", saves)
    assert "not saved" in text
    assert not (saves / "quick.json").exists() and not (saves / "auto.json").exists()


def test_the_terminal_offers_another_folder_and_saves_there(saves, other_game):
    game, code, text = play("", saves, stdin=Keyboard("1\n1\n"))
    spare = saves.with_name("saves-2")
    assert "Use another save folder" in text and str(spare) in text
    assert [s.name for s in list_slots(spare)] == ["auto"]
    assert not (saves / "auto.json").exists()


def test_commands_that_only_read_need_no_lock(saves, other_game, capsys):
    from game.cli import main
    write_json_atomic(saves / "x.json", {"not": "a save"})
    main(["saves", "--save-dir", str(saves)])
    assert "x: damaged" in capsys.readouterr().out


def test_the_window_offers_another_folder_or_read_only(saves, other_game):
    import pygame

    from game.ui.app import App
    from game.ui.screens.common import ConfirmScreen
    from game.ui.settings import Settings
    app = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"))
    try:
        app.step([])
        assert isinstance(app.top, ConfirmScreen)
        assert "Another Making Together is using this save folder" in app.top.question
        app.pop()  # "Go on read-only"
        run = Run(app.scenario("tiny"), "professional")
        run.choose(0)
        assert not app.save("quick", run) and "Read-only" in app.notice
        app.autosave(run)
        assert not (saves / "quick.json").exists() and not (saves / "auto.json").exists()
        app.use_folder(saves.with_name("saves-2"))  # the other answer
        assert app.save("quick", run)
        assert (saves.with_name("saves-2") / "quick.json").exists()
    finally:
        pygame.quit()


# -- 10. the terminal asks before replacing an unfinished autosave ------------------------------
def test_a_new_game_asks_before_replacing_an_unfinished_autosave(saves):
    play("1\nq\nn\n", saves)  # one choice made, then quit: an unfinished autosave
    before = (saves / "auto.json").read_text()
    game, code, text = play("n\n", saves)
    assert "Your autosave holds a story you have not finished" in text
    assert "--load auto" in text
    assert (saves / "auto.json").read_text() == before
    game, code, text = play("y\n2\nq\nn\n", saves)
    assert (saves / "auto.json").read_text() != before


def test_an_ended_autosave_is_replaced_without_asking(saves):
    play("1\n1\n\n\n\n", saves)  # to an ending
    game, code, text = play("1\nq\nn\n", saves)
    assert "Your autosave holds" not in text


# -- 11. record ids never collide -----------------------------------------------------------
def test_ten_thousand_record_ids_in_one_second_are_all_different(monkeypatch):
    from game import records

    class Frozen(real_datetime):
        @classmethod
        def now(cls, tz=None):
            return real_datetime(2026, 12, 7, 18, 0, 0, tzinfo=tz)

    monkeypatch.setattr(records, "datetime", Frozen)
    run = Run(load_scenario(FIXTURES / "tiny").scenario, "professional")
    ids = {records._new_id(run) for _ in range(10_000)}
    assert len(ids) == 10_000
    assert all(i.startswith("20261207-180000-") and len(i) <= 100 for i in ids)


# -- 12. temporary files left by a kill are cleared ---------------------------------------------
def _temporaries(saves):
    old = time.time() - 3600
    for place in (saves, saves / "records"):
        place.mkdir(parents=True, exist_ok=True)
        for name, when in ((".auto.json.k1l2d.tmp", old), (".auto.json.n0w.tmp", None)):
            path = place / name
            path.write_text('{"half')
            if when:
                os.utime(path, (when, when))


def test_the_lock_holder_clears_old_temporary_files_and_keeps_fresh_ones(saves):
    _temporaries(saves)
    (saves / ".notes.txt").write_text("not ours")
    assert save_lock.acquire(saves) is not None
    for place in (saves, saves / "records"):
        assert sorted(p.name for p in place.glob(".*.tmp")) == [".auto.json.n0w.tmp"]
    assert (saves / ".notes.txt").exists()


def test_a_game_without_the_lock_clears_nothing(saves, other_game):
    _temporaries(saves)
    play("1\nq\n", saves)
    assert len(list(saves.glob(".*.tmp"))) == 2
