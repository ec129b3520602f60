"""A report made from the window is built off the window's thread: the window goes on drawing
"Writing the report..." and answering keys, then says where the report is, or why there is none.
"""
from __future__ import annotations

import threading

import pygame
import pytest
from drive_window import finish, key, press, start_game, tab_to

from game.ui.background import Background
from game.ui.screens.menus import report_files
from game.ui.screens.menus.records import RecordsScreen


def two_records(app) -> RecordsScreen:
    for role in ("Pat", "Sam"):
        finish(app, start_game(app, role))
        app.to_title()
    screen = RecordsScreen(app)
    app.push(screen)
    return screen


def held_build(monkeypatch):
    """build_report held until `go` is set (at most 5 s), noting the thread it ran on."""
    go, threads = threading.Event(), []
    build = report_files.build_report

    def held(*args):
        threads.append(threading.current_thread())
        go.wait(5)
        return build(*args)
    monkeypatch.setattr(report_files, "build_report", held)
    return go, threads


def test_the_report_is_built_off_the_windows_thread_while_the_window_keeps_answering(app, saves,
                                                                                       monkeypatch):
    screen = two_records(app)
    opened = []
    screen.show_file = opened.append
    go, threads = held_build(monkeypatch)
    tab_to(app, "Report on both records")
    assert app.notice == "Writing the report…"
    focused = app.top.focused
    press(app, key(pygame.K_TAB))                  # the window still answers keys and draws
    assert app.top is screen and app.top.focused is not focused
    assert app.notice == "Writing the report…" and opened == []
    assert threads and threads[0] is not threading.main_thread()
    go.set()
    assert app.background.wait(10)
    assert len(opened) == 1 and opened[0].parent == saves / "reports" and opened[0].is_file()
    assert app.notice.startswith(f"Report saved: {opened[0]}")


def test_a_second_report_is_not_started_while_one_is_being_written(app, monkeypatch):
    two_records(app)
    app.top.show_file = lambda path: None
    go, threads = held_build(monkeypatch)
    app.top.report_all()
    app.top.report_all()
    assert "being written already" in app.notice
    go.set()
    assert app.background.wait(10)
    assert len(threads) == 1


@pytest.mark.parametrize("trouble, said", [
    (OSError(28, "No space left on device"), "Could not write the report: No space left on device"),
    (ValueError("a record changed while it was read"),
     "No report was made: a record changed while it was read."),
])
def test_a_failed_build_is_said_in_a_sentence(app, monkeypatch, trouble, said):
    two_records(app)
    opened = []
    app.top.show_file = opened.append

    def fails(*args):
        raise trouble
    monkeypatch.setattr(report_files, "build_report", fails)
    app.top.report_all()
    assert app.background.wait(10)
    assert app.notice == said and opened == []
    assert isinstance(app.top, RecordsScreen)


def test_records_that_cannot_be_read_make_no_report_and_say_why(app, saves):
    folder = saves / "records"
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    opened = []
    report_files.make_report(app, [folder], "none", opened.append)
    assert app.background.wait(10)
    assert app.notice == "No report was made: it is not valid JSON (line 1)."
    assert opened == [] and not (saves / "reports" / "none.html").exists()


def test_background_hands_results_back_on_the_calling_thread_only_when_followed():
    background = Background()
    got = []
    background.start("job", lambda: threading.current_thread(), lambda f: got.append(
        (f.result(), threading.current_thread())))
    background.jobs[0].future.result(5)
    assert got == [] and background.busy("job")       # not until the loop follows it
    assert background.follow()
    worker, handed_on = got[0]
    assert worker is not threading.main_thread() and handed_on is threading.main_thread()
    assert not background.busy("job") and not background.follow()
