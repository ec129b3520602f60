"""The parse cache (game/files/parse_cache.py): used only when nothing it depends on has changed, and
giving exactly what parsing afresh gives. Also: `--version` starts without the story core."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, write_scenario

import game.files.parse_cache as parse_cache
from game.files.parse_cache import ParseCache, cache_folder, user_cache
from game.story import load_scenario
from game.story import loader as loader_module

SCENARIO = """\
scenario: cached
title: Cached
roles:
  professional: {name: Pat, start: a}
  service_user: {name: Sam, start: a}
endings:
  - id: warm
    title: Warm
    if: trust >= 55
    text: People stayed.
  - id: plain
    title: Plain
    text: It ended.
"""
SCENES = """\
scenes:
  - id: a
    title: Arriving
    text: |
      The room is cold.

      Somebody has brought biscuits.
    lines:
      - Pat: Morning.
    choices:
      - text: Put the heating on
        effects:
          - trust: +5
            why: People felt welcome
            tag: respect
          - outcome: -5
        next: end
      - text: Start at once
        if: power > 10
        locked: Nobody agreed to start yet
        next: b
  - id: b
    next: end
"""
BROKEN = SCENES.replace("next: b\n", "next: hallway\n").replace("trust: +5", "trust: lots")


def every_place(scenario):
    """The position of every scene, choice and ending: all a message may point at."""
    places = [scene.at for scene in scenario.scenes.values()]
    places += [choice.at for scene in scenario.scenes.values() for choice in scene.choices]
    return places + [ending.at for ending in scenario.endings]


@pytest.fixture
def cache(tmp_path):
    return ParseCache(tmp_path / "cache")


@pytest.fixture
def folder(tmp_path):
    return write_scenario(tmp_path / "cached", {"scenario.yaml": SCENARIO, "1-scenes.yaml": SCENES})


def test_a_cache_hit_gives_the_same_scenario_and_the_same_places(folder, cache):
    fresh = load_scenario(folder)
    cold = load_scenario(folder, cache=cache)
    warm = load_scenario(folder, cache=cache)
    assert (cache.misses, cache.hits) == (3, 1)  # two files and the whole; then the whole
    assert fresh.scenario == cold.scenario == warm.scenario
    assert fresh.problems == warm.problems and fresh.problems  # a warning: an effect with no why
    assert every_place(fresh.scenario) == every_place(warm.scenario)
    assert every_place(warm.scenario)[0] == (str(Path(os.path.relpath(folder)) / "1-scenes.yaml"), 2, 5)


def test_a_cache_hit_gives_the_same_problems_at_the_same_positions(folder, cache):
    (folder / "1-scenes.yaml").write_text(BROKEN, encoding="utf-8")
    fresh = load_scenario(folder)
    load_scenario(folder, cache=cache)
    warm = load_scenario(folder, cache=cache)
    assert cache.hits == 2 and warm.scenario is None
    assert [str(p) for p in warm.problems] == [str(p) for p in fresh.problems]
    messages = " ".join(p.message for p in warm.problems)
    assert '"hallway" is not a scene' in messages and "should be a number" in messages


def test_a_cache_hit_neither_parses_nor_checks_the_schema(folder, cache, monkeypatch):
    cold = load_scenario(folder, cache=cache)

    def refuse(*args, **kwargs):
        raise AssertionError("parsed or checked again although nothing changed")
    monkeypatch.setattr(loader_module, "parse_text", refuse)
    monkeypatch.setattr(loader_module, "schema_problems", refuse)
    assert load_scenario(folder, cache=cache).scenario == cold.scenario


def test_an_edit_with_the_same_size_and_time_is_still_seen(folder, cache):
    path = folder / "1-scenes.yaml"
    load_scenario(folder, cache=cache)
    before = path.stat()
    path.write_text(SCENES.replace("Arriving", "Arrivals"), encoding="utf-8")  # same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    assert load_scenario(folder, cache=cache).scenario.scenes["a"].title == "Arrivals"
    assert cache.hits == 1  # scenario.yaml's entry only: the whole scenario's entry missed too


def test_every_edit_is_seen(folder, cache):
    load_scenario(folder, cache=cache)
    (folder / "1-scenes.yaml").write_text(SCENES.replace("Arriving", "Arriving late"), encoding="utf-8")
    assert load_scenario(folder, cache=cache).scenario.scenes["a"].title == "Arriving late"
    (folder / "1-scenes.yaml").write_text(BROKEN, encoding="utf-8")
    assert load_scenario(folder, cache=cache).scenario is None


def test_a_new_version_of_the_game_trusts_no_entry(folder, cache, monkeypatch):
    load_scenario(folder, cache=cache)
    monkeypatch.setattr(parse_cache, "__version__", "99.0")
    load_scenario(folder, cache=cache)
    assert (cache.hits, cache.misses) == (0, 6)  # two files and the whole scenario, twice


def test_a_changed_schema_trusts_no_entry(folder, cache, monkeypatch):
    load_scenario(folder, cache=cache)
    monkeypatch.setattr(loader_module, "schema_fingerprint", lambda: "another schema")
    load_scenario(folder, cache=cache)
    assert (cache.hits, cache.misses) == (0, 6)


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],                                  # cut short
    lambda raw: raw.replace(b"Arriving", b"Leaving!"),                 # changed, hash now wrong
    lambda raw: b"\x00\xff" * 40,                                      # not text at all
    lambda raw: b"",                                                   # empty
])
@pytest.mark.parametrize("which", ["a file's entry", "the whole scenario's entry"])
def test_a_damaged_entry_is_ignored_and_written_again(folder, cache, damage, which):
    cold = load_scenario(folder, cache=cache)
    whole = cache.entry_path(folder)
    if which == "a file's entry":
        entry = cache.entry_path(folder / "1-scenes.yaml")
        whole.unlink()  # else the whole scenario's entry is used, and no file's
        hits, misses = 1, 5  # scenario.yaml; the whole scenario and the damaged entry
    else:
        entry = whole
        hits, misses = 2, 4  # both files; the whole scenario's entry
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    again = load_scenario(folder, cache=cache)
    assert again.scenario == cold.scenario and again.scenario.scenes["a"].title == "Arriving"
    assert (cache.hits, cache.misses) == (hits, misses)
    assert entry.read_bytes() == good  # rebuilt
    assert load_scenario(folder, cache=cache).scenario == cold.scenario
    assert cache.hits == hits + 1  # the whole scenario, from its entry


def test_a_shipped_scenario_loads_the_same_from_the_cache(tmp_path, cache):
    folder = shutil.copytree(ROOT / "scenes" / "tea-and-terms", tmp_path / "tea-and-terms")
    fresh = load_scenario(folder)
    load_scenario(folder, cache=cache)
    warm = load_scenario(folder, cache=cache)
    assert warm.scenario == fresh.scenario and warm.problems == fresh.problems
    assert every_place(warm.scenario) == every_place(fresh.scenario)


def test_the_cache_folder_can_be_moved_or_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("MAKING_TOGETHER_CACHE", str(tmp_path / "elsewhere"))
    assert cache_folder() == tmp_path / "elsewhere"
    monkeypatch.setenv("MAKING_TOGETHER_CACHE", "")
    assert user_cache() is None


def test_an_unwritable_cache_folder_only_costs_the_entry(folder, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    cache = ParseCache(blocked)
    assert load_scenario(folder, cache=cache).scenario is not None
    assert load_scenario(folder, cache=cache).scenario is not None and cache.hits == 0


def test_version_and_help_start_without_the_story_core():
    code = ("import sys\nfrom game.cli import main\n"
            "for flag in ('--version', '--help'):\n"
            "    assert main([flag]) == 0\n"
            "heavy = [n for n in sys.modules if n.split('.')[:2] in (['game', 'story'], "
            "['game', 'saves'], ['game', 'twine'], ['game', 'story_map'], ['game', 'scaffold'])"
            " or n == 'yaml']\n"
            "print('HEAVY', sorted(heavy))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), check=False)
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stdout


def test_the_commands_listed_before_their_modules_load_are_listed_as_they_say():
    from game import cli
    full = cli._parser()._subparsers._group_actions[0]
    said = {action.dest: action.help for action in full._choices_actions}
    assert {name: said[name] for name in cli.DEFERRED} == {
        name: summary for name, (_, summary) in cli.DEFERRED.items()}
    assert cli._parser([]).format_help() == cli._parser().format_help()


def test_check_map_and_report_read_scenarios_through_the_cache(folder, tmp_path, monkeypatch):
    import argparse

    from game.check import check_folder
    from game.report.collect import Shelf
    from game.story_map.command import command as map_command
    first = check_folder(folder, runs=3, seed=1)  # fills the user's cache (a temporary folder)

    def refuse(*args, **kwargs):
        raise AssertionError("parsed or checked again although nothing changed")
    monkeypatch.setattr(loader_module, "parse_text", refuse)
    monkeypatch.setattr(loader_module, "schema_problems", refuse)
    again = check_folder(folder, runs=3, seed=1)
    assert (again["errors"], again["warnings"]) == (first["errors"], first["warnings"])
    out = tmp_path / "map.svg"
    assert map_command(argparse.Namespace(scenario=str(folder), role=None, out=str(out))) == 0
    assert out.read_text(encoding="utf-8").startswith("<svg")
    scenario, why = Shelf([folder.parent]).get("cached")
    assert scenario is not None and scenario.scenes["a"].title == "Arriving", why


def test_the_folder_keeps_the_newest_entries_and_is_listed_once_per_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(parse_cache, "MAX_ENTRIES", 5)
    folder = tmp_path / "parse"
    folder.mkdir()
    for number in range(8):                                   # older entries, oldest first
        old = folder / f"old-{number}.json"
        old.write_text("{}", encoding="utf-8")
        os.utime(old, (1_000_000 + number, 1_000_000 + number))
    cache = ParseCache(folder)
    cache.put(tmp_path / "a.yaml", {"size": 1}, {"data": 1})
    kept = sorted(p.name for p in folder.glob("*.json"))
    assert len(kept) == 5 and cache.entry_path(tmp_path / "a.yaml").name in kept
    assert "old-0.json" not in kept and "old-7.json" in kept  # the oldest went first
    listed = []
    glob = Path.glob
    monkeypatch.setattr(Path, "glob", lambda self, pattern: listed.append(pattern) or glob(self, pattern))
    for name in "bcd":                                        # later writes: no listing
        cache.put(tmp_path / f"{name}.yaml", {"size": 1}, {"data": 1})
    assert listed == []
    assert cache.get(tmp_path / "d.yaml", {"size": 1}) == {"data": 1}
