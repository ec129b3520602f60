"""The window's memory does not grow with the number of session records kept.

The records list holds each record's heading only (what the list shows), and reads a record
whole when it is opened or compared; a report from the window uses the scenarios already in
memory rather than loading them again.
"""
from __future__ import annotations

import gc
import json
import shutil
import tracemalloc

import pygame
from drive_window import finish, key, press, start_game

from game.record_headings import heading_of, list_headings, read_heading
from game.records import read_record
from game.ui.screens.debrief.compare import CompareScreen
from game.ui.screens.debrief.screen import DebriefScreen
from game.ui.screens.menus import report_files
from game.ui.screens.menus.records import RecordsScreen


def many_records(app, saves, count: int):
    """`count` records: one played game's, copied under other names."""
    finish(app, start_game(app, "Pat"))
    app.to_title()
    played = app.recorder.path
    for n in range(count - 1):
        shutil.copy(played, played.with_name(f"copy-{n:03d}.json"))
    return played


def test_a_heading_keeps_what_the_list_shows_and_none_of_the_steps(app, saves):
    played = many_records(app, saves, 1)
    whole = read_record(played)
    heading = heading_of(whole)
    assert heading.path == whole.path and heading.ok
    assert heading.data["scenario"] == whole.data["scenario"]
    assert heading.data["debrief"] is whole.data["debrief"]
    assert len(heading.data["steps"]) == len(whole.data["steps"]) > 0
    assert not any(heading.data["steps"])          # counted, not kept
    assert "start" not in heading.data and "deciding" not in heading.data


def test_a_heading_is_read_again_only_when_its_file_changes_and_few_are_kept(app, saves, monkeypatch):
    from game import record_headings
    played = many_records(app, saves, 3)
    monkeypatch.setattr(record_headings, "_headings", type(record_headings._headings)())
    reads = []
    real = record_headings.read_record
    monkeypatch.setattr(record_headings, "read_record", lambda path: (reads.append(path), real(path))[1])
    first = list_headings(saves)
    assert len(reads) == 3 and list_headings(saves) == first and len(reads) == 3
    data = json.loads(played.read_text(encoding="utf-8"))
    data["label"] = "Renamed"
    tmp = played.with_name(".new")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    tmp.replace(played)                            # as records are rewritten: a new file
    assert read_heading(played).data["label"] == "Renamed" and reads[-1] == played
    monkeypatch.setattr(record_headings, "HEADINGS_KEPT", 2)
    record_headings._headings.clear()
    assert len(list_headings(saves)) == 3 and len(record_headings._headings) == 2


def test_the_records_list_holds_headings_and_opens_each_record_whole(app, saves):
    played = many_records(app, saves, 30)
    whole_steps = read_record(played).data["steps"]
    screen = RecordsScreen(app)
    app.push(screen)
    app.draw()
    assert len(screen.records) == 30
    for record in screen.records:
        assert record.ok and not any(record.data["steps"])
        assert len(json.dumps(record.data)) < 2000
    screen.open(screen.records[0])
    assert isinstance(app.top, DebriefScreen)
    assert app.top.record.data["steps"] == whole_steps
    press(app, key(pygame.K_ESCAPE))
    assert app.top is screen and not any(screen.records[0].data["steps"])
    screen.start_comparing()
    screen.mark(screen.records[1])
    screen.mark(screen.records[2])
    screen.compare()
    assert isinstance(app.top, CompareScreen)
    assert app.top.record_a.data["steps"] == whole_steps


def test_opening_and_closing_the_records_list_again_and_again_keeps_nothing(app, saves):
    many_records(app, saves, 40)

    def cycle():
        screen = RecordsScreen(app)
        app.push(screen)
        app.draw()
        screen.open(screen.records[5])
        app.draw()
        app.pop()
        app.pop()
        app.draw()
    for _ in range(3):  # warm: fonts, wrapped lines and rendered text are cached once
        cycle()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(10):
            cycle()
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert after - before < 64 * 1024


def test_a_report_from_the_window_uses_the_scenarios_it_has_loaded(app, saves, monkeypatch):
    many_records(app, saves, 3)
    assert app.loaded
    from game.report import collect
    loads = []
    monkeypatch.setattr(collect, "load_scenario", lambda *a, **k: loads.append(a))
    opened = []
    report_files.make_report(app, [saves / "records"], "all", opened.append)
    assert app.background.wait(30)
    assert loads == [] and len(opened) == 1 and opened[0].is_file()


def test_the_title_reads_the_headings_ahead_while_it_waits(app, saves, monkeypatch):
    import threading

    from game import record_headings
    many_records(app, saves, 5)
    monkeypatch.setattr(record_headings, "_headings", type(record_headings._headings)())
    monkeypatch.setattr(record_headings, "_ready", set())
    app.to_title()
    app.step([])
    app.step([])                                   # nothing to do: the title reads ahead
    for thread in threading.enumerate():
        if thread.name == "record headings":
            thread.join(10)
    assert len(record_headings._headings) == 5
    reads = []
    monkeypatch.setattr(record_headings, "read_record", lambda path: reads.append(path))
    app.push(RecordsScreen(app))
    assert len(app.top.records) == 5 and reads == []
