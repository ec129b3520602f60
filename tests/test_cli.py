"""The command line: one exit-code convention for every command (0 done, 1 findings, 2 bad usage
or refused input), wrong arguments refused before anything prints, one-line reasons and no
tracebacks, a description for every command, and listings in words."""
from __future__ import annotations

import json
import shlex
import subprocess
import sys
import tempfile

import pytest

from game.files import write as write_module

from conftest import ROOT
from game import cli
from game.cli import main
from game.story import load_scenario
from game.story.runner import SAVE_FORMAT, SAVE_VERSION


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- wrong arguments: exit 2, one line, before any menu or prebrief ---------------------------
def test_a_wrong_role_in_the_terminal_is_refused_before_the_menu_and_prebrief(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", tempfile.TemporaryFile("r"))
    code, out, err = run(capsys, "play", "--text", "--role", "wizard")
    assert code == 2 and out == ""  # no "Which scenario?", no prebrief
    assert err.strip() == ('There is no role "wizard". The roles in the scenarios here are: '
                           "professional, service_user.")


def test_a_wrong_role_or_scenario_in_window_mode_is_refused_not_ignored(capsys, monkeypatch):
    from game.ui import main as window
    opened = []
    monkeypatch.setattr(window, "open_window", lambda *a, **k: opened.append(a) or 0)
    code, out, err = run(capsys, "play", "--scenario", "haven", "--role", "profesional")
    assert code == 2 and not opened
    assert 'no role "profesional" (did you mean "professional"?)' in err and '"The Haven"' in err
    code, _, err = run(capsys, "play", "--scenario", "havn")
    assert code == 2 and not opened and '(did you mean "haven"?)' in err
    assert run(capsys, "play", "--scenario", "haven", "--role", "service_user")[0] == 0
    assert len(opened) == 1


def test_play_and_map_give_the_same_code_for_the_same_mistake(capsys, tmp_path):
    assert run(capsys, "play", "--text", "--scenario", "haven", "--role", "wizard")[0] == 2
    assert run(capsys, "map", "haven", "--role", "wizard", "--out", tmp_path / "m.svg")[0] == 2
    assert run(capsys, "play", "--text", "--scenario", "nope")[0] == 2
    assert run(capsys, "map", "nope", "--out", tmp_path / "m.svg")[0] == 2


def test_play_refuses_a_chapter_below_1_and_a_missing_scenes_folder(capsys, tmp_path):
    code, out, err = run(capsys, "play", "--text", "--chapter", "0")
    assert code == 2 and out == "" and "numbered from 1" in err
    code, out, err = run(capsys, "play", "--text", "--scenes", tmp_path / "nowhere")
    assert code == 2 and out == "" and "no such folder" in err


@pytest.mark.parametrize("runs", ["-5", "0", "100000000", "many"])
def test_check_runs_must_be_from_1_to_20000_and_says_why(capsys, runs):
    code, out, err = run(capsys, "check", "--runs", runs)
    assert code == 2 and out == "" and "Traceback" not in err
    if runs != "many":
        assert "give a number from 1 to 20,000" in err and "100,000 choices per role" in err


def test_check_runs_accepts_1_and_the_maximum_is_explained_in_help(capsys, tmp_path):
    from conftest import FIXTURES
    assert run(capsys, "check", FIXTURES / "tiny", "--runs", "1")[0] == 0
    code, out, _ = run(capsys, "check", "--help")
    assert code == 0 and "1 to 20,000" in " ".join(out.split())
    assert cli.MAX_RUNS == 20_000


def test_shots_refuses_an_unknown_scenario_and_a_missing_scenes_folder(capsys, tmp_path):
    code, out, err = run(capsys, "shots", "--out", tmp_path / "s", "--scenario", "nope")
    assert code == 2 and 'no playable scenario "nope"' in err and not (tmp_path / "s").exists()
    code, out, err = run(capsys, "shots", "--out", tmp_path / "s", "--scenes", "/nonexistent")
    assert code == 2 and "--scenes /nonexistent: there is no such folder" in err
    assert not (tmp_path / "s").exists()


# -- item 7: output that cannot be written -----------------------------------------------------
def test_shots_into_an_unwritable_folder_is_one_line_and_exit_2(capsys, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, out, err = run(capsys, "shots", "--out", blocker / "inside")
    assert code == 2 and out == ""
    assert err.strip() == f"No screenshots were taken: cannot write to {blocker / 'inside'}: Not a directory."

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(tempfile, "TemporaryFile", read_only)
    code, out, err = run(capsys, "shots", "--out", tmp_path / "locked")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Permission denied" in err


def test_new_into_an_unwritable_folder_is_one_line_and_exit_2(capsys, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, out, err = run(capsys, "new", "demo", "--scenes", blocker)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "No scenario was made: cannot write" in err and "Not a directory" in err

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "locked"))
    monkeypatch.setattr(write_module.tempfile, "mkstemp", read_only)
    code, out, err = run(capsys, "new", "demo", "--scenes", tmp_path / "locked")
    assert code == 2 and err.strip() == (f"No scenario was made: cannot write {tmp_path / 'locked'}: "
                                         "Permission denied.")


def test_the_real_process_refuses_with_no_traceback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for argv in (["play", "--text", "--role", "wizard"], ["check", "--runs", "0"],
                 ["shots", "--out", str(blocker / "in")], ["new", "demo", "--scenes", str(blocker)],
                 ["shots", "--scenario", "nope", "--out", str(tmp_path / "s")]):
        done = subprocess.run([sys.executable, "main.py", *argv], cwd=ROOT, capture_output=True,
                              text=True, stdin=subprocess.DEVNULL, timeout=60)
        assert done.returncode == 2, (argv, done.stderr)
        assert done.stdout == "" and "Traceback" not in done.stderr and done.stderr.strip()


# -- --help ------------------------------------------------------------------------------------
def test_every_command_has_a_description_and_the_save_variable_is_documented(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "MAKING_TOGETHER_SAVES" in out and "Exit status" in out
    commands = cli._parser()._subparsers._group_actions[0].choices
    for name, parser in commands.items():
        assert parser.description, f"{name} has no description in --help"
        shown = parser.format_help()
        assert "%%" not in shown and "%(" not in shown, f"{name}'s --help shows a format code"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "MAKING_TOGETHER_SAVES" in readme and "Exit status" in readme


def test_compare_counts_in_words_one_was_given(capsys, tmp_path):
    from game.records import Recorder
    from game.story import Run
    haven = load_scenario(ROOT / "scenes" / "haven").scenario
    run_ = Run(haven, "professional", 11)
    recorder = Recorder(tmp_path / "saves", run_, "Table 4", "solo")
    run_.choose(next(v.index for v in run_.choices if v.enabled))
    assert recorder.update()
    code, out, err = run(capsys, "report", recorder.path, "--compare", "--out", tmp_path / "r.html")
    assert code == 2 and "1 was given" in err and "were given" not in err


# -- listings in words ---------------------------------------------------------------------------
def _save(folder, name, **fields):
    folder.mkdir(parents=True, exist_ok=True)
    data = {"format": SAVE_FORMAT, "version": SAVE_VERSION, "scenario": "haven",
            "role": "professional", "seed": 0, "choices": [], **fields}
    (folder / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")


def test_saves_shows_ending_titles_and_no_raw_python_values(capsys, saves):
    haven = load_scenario(ROOT / "scenes" / "haven").scenario
    ending = haven.endings[0]
    _save(saves, "slot-1", ending=ending.id, scenario_title="The Haven", saved_at="2026-01-02T03:04")
    _save(saves, "slot-2", chapter={"a": 1}, scenario_title=None, saved_at=5, ending=[1])
    _save(saves, "slot-3", chapter=None, scenario_title=7)
    code, out, _ = run(capsys, "saves")
    assert code == 0
    assert f"ended: {ending.title}" in out and f"ended: {ending.id}" not in out
    for raw in ("None", "{'a': 1}", "[1]", ": 5", ", 7,"):
        assert raw not in out, out
    assert "slot-3: haven, professional, at the start" in out


def test_copy_paste_hints_are_whole_lines_with_quoted_paths(capsys, tmp_path):
    folder = tmp_path / "a folder with spaces"
    (folder / "records").mkdir(parents=True)
    code, out, _ = run(capsys, "records", "--save-dir", folder)
    assert code == 0
    code, out, _ = run(capsys, "new", "demo", "--scenes", folder)
    assert code == 0
    play = next(line for line in out.splitlines() if "Play it:" in line)
    assert shlex.split(play.split("Play it:")[1])[-1] == str(folder)
    check = next(line for line in out.splitlines() if "Check it:" in line)
    assert shlex.split(check.split("Check it:")[1]) == ["python", "main.py", "check",
                                                         str(folder / "demo")]


def test_terminal_hints_are_a_line_of_their_own_with_the_path_quoted(capsys, tmp_path, monkeypatch):
    import io
    import shutil

    from conftest import FIXTURES
    scenes = tmp_path / "my scenes that have a rather long folder name to wrap the line"
    shutil.copytree(FIXTURES / "broken", scenes / "broken")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    main(["play", "--text", "--scenes", str(scenes)])
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "python main.py check" in line)
    assert shlex.split(line) == ["python", "main.py", "check", str((scenes / "broken").resolve())]


def test_a_chapter_with_no_start_is_refused_before_the_prebrief(capsys, monkeypatch):
    import io
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = run(capsys, "play", "--text", "--scenario", "tea-and-terms", "--role",
                         "professional", "--chapter", "9")
    assert code == 2 and out == ""
    assert err.startswith("There is no chapter 9: the story has 5 chapters. You can start at "
                          "chapter 2 (The first meeting) or 3 (What comes after)")
