"""Saves: atomic writes, damaged files listed as damaged, nothing overwritten unasked."""
import json
import os

import pytest

from conftest import FIXTURES
from game.saves import (SaveError, list_slots, restore, save_dir, save_run, slot_path,
                        write_json_atomic)
from game.story import Run, load


def test_save_dir_order_of_preference(tmp_path, monkeypatch):
    assert save_dir(tmp_path / "x") == tmp_path / "x"
    monkeypatch.setenv("MAKING_TOGETHER_SAVES", str(tmp_path / "env"))
    assert save_dir() == tmp_path / "env"
    monkeypatch.delenv("MAKING_TOGETHER_SAVES")
    assert save_dir().name == "saves"


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "slot.json"
    write_json_atomic(target, {"a": 1})
    write_json_atomic(target, {"a": 2})
    assert json.loads(target.read_text()) == {"a": 2}
    assert os.listdir(tmp_path) == ["slot.json"]


def test_a_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "slot.json"
    write_json_atomic(target, {"a": 1})
    with pytest.raises(TypeError):
        write_json_atomic(target, {"a": object()})  # cannot be written as JSON
    assert json.loads(target.read_text()) == {"a": 1}
    assert os.listdir(tmp_path) == ["slot.json"]


def test_damaged_and_foreign_files_are_listed_as_damaged(tmp_path):
    tiny = load(FIXTURES / "tiny")
    run = Run(tiny, "professional")
    run.choose(0)
    save_run(tmp_path, "slot-1", run)
    (tmp_path / "junk.json").write_text("{oops")
    (tmp_path / "other.json").write_text('{"hello": "world"}')
    (tmp_path / "half.json").write_text('{"format": "making-together/run", "scenario": "tiny"}')
    slots = {slot.name: slot for slot in list_slots(tmp_path)}
    assert slots["slot-1"].ok and slots["slot-1"].chapter == "The meeting"
    assert "Tiny test scenario, professional, The meeting, step 1" in slots["slot-1"].describe()
    assert slots["junk"].reason == "it is not valid JSON (line 1)"
    assert slots["other"].reason == "it is not a Making Together save"
    assert slots["half"].reason == 'its "role" is missing or damaged'
    assert restore(tiny, slots["slot-1"]).step == 1
    with pytest.raises(SaveError, match="damaged"):
        restore(tiny, slots["junk"])


def test_saving_never_overwrites_without_being_told(tmp_path):
    run = Run(load(FIXTURES / "tiny"), "professional")
    save_run(tmp_path, "quick", run)
    with pytest.raises(FileExistsError):
        save_run(tmp_path, "quick", run)
    save_run(tmp_path, "quick", run, overwrite=True)


def test_slot_names_are_checked(tmp_path):
    with pytest.raises(SaveError, match="not a usable slot name"):
        slot_path(tmp_path, "../escape")


def test_a_save_from_a_newer_version_is_listed_as_damaged_with_the_reason(tmp_path):
    from game.saves import read_slot
    path = tmp_path / "slot-1.json"
    path.write_text('{"format": "making-together/run", "version": 99, "scenario": "tiny", '
                    '"role": "professional", "seed": 1, "choices": []}', encoding="utf-8")
    slot = read_slot(path)
    assert not slot.ok and slot.reason == "it was made by a newer version of the game"


def test_a_lone_surrogate_in_text_does_not_lose_the_file(tmp_path):
    from game.files.write import write_text_atomic
    path = tmp_path / "note.json"
    write_text_atomic(path, '{"note": "bad \udcff byte"}')
    assert path.read_text(encoding="utf-8") == '{"note": "bad ? byte"}'
