"""Hostile files in a save folder: every one is named as damaged with a one-line reason, the good
files beside it are still listed, and nothing raises, blocks or reads without bound. The same for
a scene file holding a number too long for Python, and for a save folder that is not a folder."""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import FIXTURES, ROOT
from game.files import read as safe_read
from game.cli import main
from game.records import Recorder
from game.files.read import DamagedFile, read_json
from game.saves import read_slot, save_run
from game.story import Run, load, load_scenario
from game.terminal.game import TextGame
from game.ui.settings import Settings, load_settings

TINY = FIXTURES / "tiny"


# -- the hostile files -------------------------------------------------------------------------
def _bytes(content: bytes):
    return lambda path: path.write_bytes(content)


def _loop(path: Path) -> None:
    os.symlink(path.name, path)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


HOSTILE = {
    "deep nesting": (_bytes(b"[" * 100_000 + b"]" * 100_000), "nested"),
    "nesting past the cap": (_bytes(b"{\"a\": " + b"[" * 65 + b"]" * 65 + b"}"), "nested more than 64"),
    "5,000-digit integer": (_bytes(b'{"seed": ' + b"9" * 5000 + b"}"), "5,000 digits"),
    "101-digit integer": (_bytes(b'{"seed": -' + b"7" * 101 + b"}"), "101 digits"),
    "not UTF-8": (_bytes(b'{"label": "caf\xe9"}'), "not UTF-8 text (byte 0xe9 on line 1)"),
    "NUL byte": (_bytes(b'{"label": "a\x00b"}'), "NUL byte"),
    "empty": (_bytes(b""), "it is empty"),
    "a JSON list": (_bytes(b"[1, 2, 3]"), "not a Making Together"),
    "cut short": (_bytes(b'{"format": "making-together/'), "not valid JSON"),
    "FIFO": (_fifo, "a pipe (FIFO)"),
    "symlink loop": (_loop, "a link that loops back on itself"),
    "link to /dev/zero": (lambda p: os.symlink("/dev/zero", p), "a device"),
    "directory": (lambda p: p.mkdir(), "a folder, not a file"),
}
KINDS = sorted(HOSTILE)


def make_hostile(path: Path, kind: str) -> str:
    """Put a hostile file of `kind` at `path`; the words its reason must contain."""
    write, reason = HOSTILE[kind]
    write(path)
    return reason


@pytest.mark.parametrize("kind", KINDS)
def test_the_safe_reader_gives_each_hostile_file_a_one_line_reason(tmp_path, kind):
    reason = make_hostile(tmp_path / "x.json", kind)
    try:
        data = read_json(tmp_path / "x.json")
    except DamagedFile as exc:
        assert reason in str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(data, list) and kind == "a JSON list"  # a caller's check names it


def test_the_safe_reader_never_reads_past_its_cap(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b'"' + b"a" * 5000 + b'"')
    with pytest.raises(DamagedFile, match="far too large"):
        read_json(big, max_bytes=1000)
    assert read_json(big, max_bytes=6000) == "a" * 5000


def test_a_symlink_to_a_good_file_is_followed(tmp_path):
    (tmp_path / "real.json").write_text('{"a": 1}')
    os.symlink("real.json", tmp_path / "link.json")
    assert read_json(tmp_path / "link.json") == {"a": 1}


def test_nesting_to_the_cap_and_long_strings_are_fine():
    assert safe_read.parse_json(b"[" * 64 + b"]" * 64)
    assert safe_read.parse_json(b'"\\\\' + b'\\"' * 200_000 + b'"')  # no quadratic scan
    assert safe_read.parse_json(b'{"n": ' + b"9" * 100 + b"}")["n"] == int("9" * 100)


# -- a scratch save folder with good and hostile files ------------------------------------------
def good_files(folder: Path) -> tuple[str, Path]:
    """A good save ("good") and a good record in `folder`; the record's path."""
    tiny = load(TINY)
    run = Run(tiny, "professional")
    recorder = Recorder(folder, run, label="Good table")
    run.choose(0)
    save_run(folder, "good", run, overwrite=True)
    assert recorder.update()
    return "good", recorder.path


def run_command(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


kinds = st.sampled_from(KINDS)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(slots=st.lists(kinds, min_size=1, max_size=4), records=st.lists(kinds, max_size=4),
       settings_file=st.one_of(st.none(), kinds), noise=st.binary(max_size=200))
def test_hostile_files_in_a_save_folder_are_named_and_the_rest_listed(slots, records,
                                                                      settings_file, noise):
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    try:
        _, record = good_files(folder)
        bad_slots = {f"slot-{n}": make_hostile(folder / f"slot-{n}.json", kind)
                     for n, kind in enumerate(slots, start=1)}
        (folder / "noise.json").write_bytes(noise)  # random bytes: any reason, but a reason
        bad_records = {f"bad-{n}.json": make_hostile(record.parent / f"bad-{n}.json", kind)
                       for n, kind in enumerate(records, start=1)}
        if settings_file:
            make_hostile(folder / "settings.json", settings_file)
            assert load_settings(folder) == Settings()  # a damaged settings file: the defaults

        status, out, err = run_command("saves", "--save-dir", str(folder))
        assert status == 0 and "Traceback" not in out + err
        lines = out.splitlines()
        assert any(line.startswith("good: Tiny test scenario") for line in lines)
        for name, reason in bad_slots.items():
            line = next(line for line in lines if line.startswith(f"{name}: "))
            assert "damaged" in line and (reason in line or "not a Making Together" in line)
        assert "settings" not in out  # not a save, however damaged

        status, out, err = run_command("records", "--save-dir", str(folder))
        assert status == 0 and str(record) in out and "Good table" in out
        for name, reason in bad_records.items():
            after = out.split(str(record.parent / name), 1)[1].splitlines()[1]
            assert "damaged:" in after and (reason in after or "not a Making Together" in after)

        report = folder / "out" / "report.html"
        status, out, err = run_command("report", "--save-dir", str(folder), "--out", str(report),
                                       "--scenes", str(FIXTURES))
        assert status == 0 and report.exists() and "Traceback" not in err
        for name in bad_records:
            assert f"{record.parent / name}: " in err
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- the reproductions of issue 20, items 1 and 6 ------------------------------------------------
DEEP = "[" * 100000 + "]" * 100000 + "\n"  # python3 -c "print('['*100000+']'*100000)"


def test_deep_nesting_in_a_slot_is_damaged_in_the_saves_command(tmp_path):
    (tmp_path / "slot-9.json").write_text(DEEP)
    status, out, _ = run_command("saves", "--save-dir", str(tmp_path))
    assert status == 0 and out.startswith("slot-9: damaged (it is nested far too deeply")


def test_a_5000_digit_number_in_a_slot_is_damaged_not_a_value_error(tmp_path):
    (tmp_path / "slot-1.json").write_text('{"format": "making-together/run", "seed": '
                                          + "5" * 5000 + "}")
    assert read_slot(tmp_path / "slot-1.json").reason.startswith("it holds a number 5,000 digits")


def test_deep_nesting_in_records_is_damaged_in_records_and_report(tmp_path):
    _, record = good_files(tmp_path)
    (record.parent / "deep.json").write_text(DEEP)
    status, out, _ = run_command("records", "--save-dir", str(tmp_path))
    assert status == 0 and "damaged: it is nested far too deeply" in out
    status, _, err = run_command("report", "--save-dir", str(tmp_path), "--out",
                                 str(tmp_path / "r.html"), "--scenes", str(FIXTURES))
    assert status == 0 and "deep.json: it is nested far too deeply" in err


def test_a_symlink_loop_in_records_does_not_stop_the_report(tmp_path):
    _, record = good_files(tmp_path)
    os.symlink("loop.json", record.parent / "loop.json")
    status, _, err = run_command("report", "--save-dir", str(tmp_path), "--out",
                                 str(tmp_path / "r.html"), "--scenes", str(FIXTURES))
    assert status == 0 and "loop.json: it is a link that loops back on itself" in err


def test_a_fifo_or_dev_zero_named_json_does_not_hang_saves(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    os.symlink("/dev/zero", tmp_path / "zero.json")
    status, out, _ = run_command("saves", "--save-dir", str(tmp_path))
    assert status == 0
    assert "pipe: damaged (it is a pipe (FIFO), not an ordinary file)" in out
    assert "zero: damaged (it is a device, not an ordinary file)" in out


# -- the window: title, saves and records screens ---------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_the_window_lists_hostile_files_as_damaged(tmp_path, kind):
    pygame = pytest.importorskip("pygame")
    from game.ui.app import App
    from game.ui.screens.menus.records import RecordsScreen
    from game.ui.screens.menus.saves import SavesScreen
    from drive_window import labels

    saves = tmp_path / "saves"
    saves.mkdir()
    _, record = good_files(saves)
    make_hostile(saves / "settings.json", kind)
    make_hostile(saves / "slot-2.json", kind)
    make_hostile(record.parent / "bad.json", kind)
    app = App([TINY], saves)   # settings read from the hostile settings.json
    try:
        app.step([])
        labels(app)                                              # the title screen
        app.push(SavesScreen(app, run=None))
        labels(app)
        broken = next(b for b in app.top.buttons if b.label == "Slot 2")
        assert not broken.enabled and broken.note.startswith("This save can't be opened.")
        app.pop()
        app.push(RecordsScreen(app))
        labels(app)
        bad = next(b for b in app.top.buttons if b.label == "bad.json")
        assert not bad.enabled and bad.note.startswith("This record can't be opened.")
        assert any(r.ok for r in app.top.records)
    finally:
        pygame.quit()


# -- item 2: a YAML integer too long for Python ------------------------------------------------
def test_a_6000_digit_integer_in_a_chapter_is_an_error_at_its_place(tmp_path):
    scenes = tmp_path / "scenes"
    shutil.copytree(TINY, scenes / "tiny")
    shutil.copytree(ROOT / "scenes" / "haven", scenes / "haven")
    chapter = scenes / "haven" / "2-group.yaml"
    lines = chapter.read_text(encoding="utf-8").count("\n")
    with chapter.open("a", encoding="utf-8") as stream:
        stream.write("zz: " + "9" * 6000 + "\n")
    result = load_scenario(scenes / "haven")
    assert result.scenario is None
    assert any(p.file.endswith("haven/2-group.yaml") and (p.line, p.column) == (lines + 1, 5)
               and "6,000 characters" in p.message for p in result.errors)
    assert load_scenario(scenes / "tiny").scenario is not None  # the other scenario still loads
    status, out, err = run_command("check", str(scenes), "--runs", "3")
    assert "Traceback" not in out + err and "at most 100 digits" in out + err
    answers = io.StringIO("1\n" * 12)
    game = TextGame([load_scenario(scenes / "haven"), load_scenario(scenes / "tiny")], answers,
                    io.StringIO(), tmp_path / "saves")
    game.play("tiny", "professional")  # choosing another scenario plays on


def test_a_long_yaml_integer_in_quotes_is_text():
    from game.story.source import parse_text
    source = parse_text('a: "' + "9" * 6000 + '"\nb: ' + "9" * 100 + "\n", "x.yaml")
    assert not source.problems and source.data["b"] == int("9" * 100)


# -- item 13: a save folder that is not a folder -----------------------------------------------
def test_a_save_folder_that_is_a_file_is_said_plainly_not_none_yet(tmp_path):
    folder = tmp_path / "saves"
    folder.write_text("not a folder")
    for command in ("saves", "records"):
        status, out, err = run_command(command, "--save-dir", str(folder))
        assert status == 2 and "yet" not in out + err
        assert f"The save folder {folder} is a file, not a folder" in err


def test_a_records_folder_that_is_a_file_is_not_called_invalid_json(tmp_path):
    (tmp_path / "records").write_text("oops")
    status, out, err = run_command("report", "--save-dir", str(tmp_path), "--out",
                                   str(tmp_path / "r.html"))
    assert status == 2 and "not valid JSON" not in err
    assert f"The records folder {tmp_path / 'records'} is a file, not a folder" in err
    status, out, err = run_command("records", "--save-dir", str(tmp_path))
    assert status == 2 and "is a file, not a folder" in err and "yet" not in out


def test_a_failed_autosave_is_said_once_with_the_reason_and_where(tmp_path):
    folder = tmp_path / "saves"
    folder.write_text("not a folder")
    out = io.StringIO()
    TextGame([load_scenario(TINY)], io.StringIO("1\n" * 12), out, folder).play("tiny", "professional")
    text = " ".join(out.getvalue().split())
    assert text.count("Autosave failed") == 1
    assert f"The save folder {folder} is a file, not a folder" in text
    assert "Not a directory" not in text and "File exists" not in text
    assert "session record could not be written" not in text  # the autosave said it already


def test_a_save_folder_inside_a_file_cannot_be_made_and_says_why(tmp_path):
    from game.files.folders import saving_problem
    (tmp_path / "file").write_text("x")
    assert saving_problem(tmp_path / "file" / "saves") == (
        f"The save folder {tmp_path / 'file' / 'saves'} cannot be made: "
        f"{tmp_path / 'file'} is a file, not a folder")
    assert saving_problem(tmp_path / "new" / "saves") == ""


def test_deep_nesting_in_a_twine_storydata_passage_is_a_note_not_a_crash():
    from game.twine.read import parse_twee
    story = parse_twee(":: StoryData\n" + DEEP + ":: Start\nHello.\n")
    assert story.notes == ["the file:2: the StoryData passage was not read: it is nested far "
                           "too deeply; "
                           "the game reads at most 64 levels"]
    assert [p.name for p in story.passages] == ["Start"]


def test_the_records_screen_says_the_records_folder_is_a_file(tmp_path):
    pygame = pytest.importorskip("pygame")
    from game.ui.app import App
    from game.ui.screens.menus.records import RecordsScreen
    from test_debrief_window import shown

    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "records").write_text("oops")
    app = App([TINY], saves, settings=Settings(text_speed="instant"))
    try:
        app.push(RecordsScreen(app))
        app.step([])
        text = " ".join(shown(app))
        assert "is a file, not a folder" in text and "records yet" not in text
    finally:
        pygame.quit()
