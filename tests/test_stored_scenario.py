"""The parse cache's second level (game/story/stored_scenario.py): a whole built scenario, made
again without parsing, checking or building, and exactly the Scenario a cold load makes; and
used only while every file, the pictures, the working folder and the code are as they were."""
from __future__ import annotations

import dataclasses
import os
import shutil
import sys

import pytest
from conftest import ROOT, write_scenario

import game.files.parse_cache as parse_cache
from game.files.parse_cache import ParseCache
from game.story import load_scenario
from game.story import loader as loader_module
from game.story import stored_scenario
from game.story.conditions import Condition
from game.story.model import Place

sys.path.insert(0, str(ROOT / "tools"))
from bench_story import write_scenario as write_generated  # noqa: E402

PICTURED = """\
scenario: pictured
title: Pictured
roles:
  professional: {name: Pat, start: a}
  service_user: {name: Sam, start: a}
pictures:
  hall.svg: {alt: A church hall with stacked chairs.}
endings:
  - {id: done, title: Done, text: It ended.}
"""
PICTURED_SCENES = """\
scenes:
  - id: a
    background: office.svg
    text: Ruth's office.
    next: end
"""


def assert_same(cold, warm, where="scenario"):
    """Equal, field by field and of the same types all the way down (a tuple where a tuple
    was, an Effect where an Effect was), places included: more than == says."""
    assert type(cold) is type(warm), f"{where}: {type(cold).__name__} is {type(warm).__name__}"
    if isinstance(cold, Place):
        assert cold() == warm(), where
    elif isinstance(cold, Condition):
        assert cold == warm, where  # its compiled test is a closure: compared by its text
    elif dataclasses.is_dataclass(cold):
        for field in dataclasses.fields(cold):
            assert_same(getattr(cold, field.name), getattr(warm, field.name), f"{where}.{field.name}")
    elif isinstance(cold, (tuple, list)):
        assert len(cold) == len(warm), where
        for index, (a, b) in enumerate(zip(cold, warm)):
            assert_same(a, b, f"{where}[{index}]")
    elif isinstance(cold, dict):
        assert list(cold) == list(warm), where
        for key in cold:
            assert_same(cold[key], warm[key], f"{where}[{key!r}]")
    else:
        assert cold == warm, where


def refuse_to_build(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("parsed, checked or built again although nothing changed")
    for name in ("parse_text", "schema_problems", "Builder"):
        monkeypatch.setattr(loader_module, name, refuse)


@pytest.fixture
def cache(tmp_path):
    return ParseCache(tmp_path / "cache")


@pytest.mark.parametrize("name", ["haven", "tea-and-terms", "generated"])
def test_a_warm_load_builds_nothing_and_gives_the_same_scenario(tmp_path, cache, monkeypatch, name):
    folder = tmp_path / name
    if name == "generated":
        folder.mkdir()
        write_generated(folder, 1200, 7)  # two chapter files
    else:
        shutil.copytree(ROOT / "scenes" / name, folder)
    fresh = load_scenario(folder, freeze=False)
    assert fresh.scenario is not None
    load_scenario(folder, cache=cache, freeze=False)
    assert cache.entry_path(folder).is_file()
    refuse_to_build(monkeypatch)
    warm = load_scenario(folder, cache=cache, freeze=False)
    assert cache.hits == 1  # the whole scenario, and no file's entry
    assert_same(fresh.scenario, warm.scenario)
    assert (warm.problems, warm.alt_warnings, warm.id, warm.title) == \
        (fresh.problems, fresh.alt_warnings, fresh.id, fresh.title)
    assert warm.path == fresh.path


def test_the_stored_form_knows_every_field_of_the_model():
    """A field added to Scene, Choice, Ending or Scenario must be added to stored_scenario.py
    too: until it is, the second level is off (this test says so) rather than wrong."""
    assert stored_scenario.usable()


def test_a_model_field_it_does_not_know_turns_the_level_off(tmp_path, cache, monkeypatch):
    folder = write_scenario(tmp_path / "pictured", {"scenario.yaml": PICTURED,
                                                    "1.yaml": PICTURED_SCENES})
    monkeypatch.setattr(stored_scenario, "SCENE_FIELDS", stored_scenario.SCENE_FIELDS + ("new",))
    cold = load_scenario(folder, cache=cache, freeze=False)
    warm = load_scenario(folder, cache=cache, freeze=False)
    assert not cache.entry_path(folder).exists()
    assert cache.hits == 2  # each file's entry
    assert_same(cold.scenario, warm.scenario)


def test_changed_story_code_trusts_no_entry(tmp_path, cache, monkeypatch):
    folder = write_scenario(tmp_path / "pictured", {"scenario.yaml": PICTURED,
                                                    "1.yaml": PICTURED_SCENES})
    load_scenario(folder, cache=cache, freeze=False)
    monkeypatch.setattr(parse_cache, "_code_fingerprint", lambda: "another builder")
    load_scenario(folder, cache=cache, freeze=False)
    assert (cache.hits, cache.misses) == (0, 6)


@pytest.mark.parametrize("changed", ["build.py", "stored_scenario.py", "model.py",
                                     "debrief/__init__.py"])
def test_the_code_fingerprint_covers_the_builder_and_the_model(tmp_path, changed):
    game = tmp_path / "game"
    shutil.copytree(ROOT / "game" / "story", game / "story",
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = parse_cache._code_fingerprint.__wrapped__(game)
    with open(game / "story" / changed, "a", encoding="utf-8") as stream:
        stream.write("\n# changed\n")
    assert parse_cache._code_fingerprint.__wrapped__(game) != before


def test_a_picture_that_goes_or_comes_is_seen(tmp_path, cache):
    folder = write_scenario(tmp_path / "pictured", {"scenario.yaml": PICTURED,
                                                    "1.yaml": PICTURED_SCENES})
    (folder / "assets").mkdir()
    (folder / "assets" / "office.svg").write_text("<svg/>", encoding="utf-8")
    first = load_scenario(folder, cache=cache, freeze=False)
    assert first.scenario is not None
    said = " ".join(p.message for p in first.alt_warnings)
    assert '"office.svg" has no alt text' in said and '"hall.svg", which is not in' in said
    assert load_scenario(folder, cache=cache, freeze=False).alt_warnings == first.alt_warnings
    assert cache.hits == 1

    (folder / "assets" / "hall.svg").write_text("<svg/>", encoding="utf-8")  # it comes
    came = load_scenario(folder, cache=cache, freeze=False)
    assert [p.message for p in came.alt_warnings] == [p.message for p in first.alt_warnings
                                                      if "hall.svg" not in p.message]
    assert came.alt_warnings == load_scenario(folder, freeze=False).alt_warnings

    (folder / "assets" / "office.svg").unlink()  # it goes: now an error
    gone = load_scenario(folder, cache=cache, freeze=False)
    assert gone.scenario is None
    assert any('the picture "office.svg" is not in' in p.message for p in gone.errors)


def test_a_scenario_with_errors_is_not_kept_whole(tmp_path, cache):
    folder = write_scenario(tmp_path / "pictured", {"scenario.yaml": PICTURED,
                                                    "1.yaml": PICTURED_SCENES})
    assert load_scenario(folder, cache=cache, freeze=False).scenario is None  # no office.svg
    assert not cache.entry_path(folder).exists()
    assert load_scenario(folder, cache=cache, freeze=False).errors


def test_another_working_folder_gives_the_file_names_it_would(tmp_path, cache, monkeypatch):
    """Scene.file and every problem name files as seen from the working folder."""
    folder = write_scenario(tmp_path / "story", {
        "scenario.yaml": PICTURED, "1.yaml": PICTURED_SCENES.replace("background: office.svg", "")})
    monkeypatch.chdir(tmp_path)
    here = load_scenario(folder, cache=cache, freeze=False)
    monkeypatch.chdir(folder)
    there = load_scenario(folder, cache=cache, freeze=False)
    assert here.scenario.scenes["a"].file == os.path.join("story", "1.yaml")
    assert there.scenario.scenes["a"].file == "1.yaml"
    assert there.scenario.scenes["a"].at[0] == "1.yaml"
    assert [p.file for p in there.alt_warnings] == ["scenario.yaml"]
    assert_same(load_scenario(folder, freeze=False).scenario, there.scenario)

