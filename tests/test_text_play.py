"""Terminal play driven through stdin, as a screen-reader user or a script would."""
import io
import subprocess
import sys

from conftest import FIXTURES, ROOT
from game.saves import list_slots
from game.story import load_scenario
from game.terminal.game import TextGame


def play(keys: str, tmp_path, role="professional", load=None, scenario="tiny"):
    out = io.StringIO()
    game = TextGame([load_scenario(FIXTURES / "tiny")], io.StringIO(keys), out, tmp_path / "saves")
    code = game.play(scenario, role, load)
    return code, out.getvalue()


def test_play_to_an_ending_with_a_text_debrief(tmp_path):
    code, text = play("1\n1\n", tmp_path)
    assert code == 0
    assert "Ending: Made together" in text
    assert "Trust: 50, then 65, then 75 (out of 100)" in text
    assert "The biggest changes, and why:" in text
    assert "\033[" not in text  # no colour codes when not a terminal


def test_invalid_input_gets_a_hint_and_the_question_again(tmp_path):
    code, text = play("banana\n7\n3\n1\n1\n", tmp_path)
    assert "Please type a number from 1 to 3, or ? for help." in text
    assert "That option cannot be chosen: there is no option 7." in text
    assert "That option cannot be chosen: Sam does not trust you enough yet." in text
    assert "Ending: Made together" in text


def test_end_of_input_ends_cleanly_and_keeps_an_autosave(tmp_path):
    code, text = play("1\n", tmp_path)
    assert code == 0
    assert "Input ended. Your place is kept in the autosave." in text
    slots = list_slots(tmp_path / "saves")
    assert [(s.name, s.step, s.ok) for s in slots] == [("auto", 1, True)]


def test_undo_history_state_help_and_step_out(tmp_path):
    code, text = play("1\nh\ns\n?\np\n\nu\n2\n2\n", tmp_path)
    assert 'you chose "Offer to pay everyone"' in text
    assert "Your last decision was at Rung 6, Co-production (doing with)" in text
    assert "u: undo the last choice" in text
    assert "Samaritans" in text and "116 123" in text
    assert "Undone: your choice \"Offer to pay everyone\" is taken back." in text
    assert "Ending: A tidy report" in text


def test_quit_offers_to_save_and_never_overwrites_unasked(tmp_path):
    play("1\nq\ny\n\n", tmp_path)  # save as "quick"
    code, text = play("y\n2\nq\ny\nquick\nn\nother\n", tmp_path)  # y: replace the autosave
    assert "is already there. Replace it?" in text
    names = sorted(s.name for s in list_slots(tmp_path / "saves"))
    assert names == ["auto", "other", "quick"]
    code, text = play("1\n", tmp_path, load="quick")
    assert "Loaded quick: Tiny test scenario, professional" in text
    assert "Ending: Made together" in text


def test_loading_a_damaged_save_says_why(tmp_path):
    (tmp_path / "saves").mkdir()
    (tmp_path / "saves" / "broken.json").write_text("{not json")
    code, text = play("", tmp_path, load="broken")
    assert code == 2  # refused input (game/cli/parser.py: EPILOG)
    assert ('Cannot load "broken": This save can\'t be opened. It may be from a newer version '
            "or was cut short. Your other saves are fine. (python main.py saves" in text)


def test_choosing_role_and_scenario_by_menu(tmp_path):
    out = io.StringIO()
    game = TextGame([load_scenario(FIXTURES / "tiny")], io.StringIO("5\n2\n\n\n1\n"), out,
                    tmp_path / "saves")
    assert game.play() == 0
    text = out.getvalue()
    assert "Please type a number from 1 to 2" in text
    assert "Content note: A past hospital stay." in text
    assert "Ending: A tidy report" in text


def test_play_text_from_the_command_line_through_a_pipe(tmp_path):
    result = subprocess.run(
        [sys.executable, "main.py", "play", "--text", "--scenes", str(FIXTURES / "tiny"),
         "--scenario", "tiny", "--role", "service_user", "--save-dir", str(tmp_path)],
        input="\n\n1\n", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Ending: A tidy report" in result.stdout
    assert "Traceback" not in result.stderr


def test_end_of_input_at_a_menu_from_the_command_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "main.py", "play", "--text", "--save-dir", str(tmp_path)],
        input="", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_version_and_help():
    for flag, expected in (("--version", "Making Together"), ("--help", "check")):
        result = subprocess.run([sys.executable, "main.py", flag], capture_output=True,
                                text=True, cwd=ROOT, timeout=60)
        assert result.returncode == 0 and expected in result.stdout


def test_odd_digits_and_huge_numbers_get_a_hint(tmp_path):
    code, text = play("\u00b2\n" + "9" * 5000 + "\n1\n1\n", tmp_path)
    assert code == 0 and text.count("Please type a number from 1 to 3") == 2
    assert "Ending: Made together" in text


def test_a_stuck_scene_offers_undo_instead_of_looping(tmp_path, make_scenario):
    from conftest import MINIMAL_SCENES
    scenes = MINIMAL_SCENES.replace("  - id: b\n    next: end", (
        "  - id: b\n    choices:\n      - text: Go\n        if: trust > 90\n        next: end\n"))
    out = io.StringIO()
    game = TextGame([load_scenario(make_scenario(scenes=scenes))], io.StringIO("2\n9\nq\n"), out,
                    tmp_path / "saves")
    assert game.play() == 0
    assert "The story is stuck here" in out.getvalue()


def test_loading_a_save_that_is_not_there(tmp_path):
    code, text = play("", tmp_path, load="nosuch")
    assert code == 2 and 'there is no save called "nosuch"' in text


def test_end_of_input_after_a_failed_autosave_does_not_claim_it_saved(tmp_path):
    blocker = tmp_path / "saves"
    blocker.write_text("a file where the folder should be")
    code, text = play("1\n", tmp_path)
    assert "Autosave failed" in text
    assert "Your place is kept in the autosave." not in text


def test_a_scene_with_a_content_note_can_be_skipped(tmp_path):
    code, text = play("k\n\n1\n", tmp_path, role="service_user")
    assert "Content note: A past hospital stay." in text
    assert "Skipped. What happens next is below." in text
    assert "Pat: Welcome, Sam." not in text
    assert "Ending: A tidy report" in text


def test_at_a_content_note_p_pauses_and_q_quits(tmp_path):
    code, text = play("maybe\np\n\nq\n", tmp_path, role="service_user")
    assert "Press Enter to read it, k to skip it, p to pause or q to quit." in text
    assert "Samaritans" in text
    assert "Pat: Welcome, Sam." not in text
    assert code == 0


def test_undo_updates_the_autosave(tmp_path):
    play("1\nu\n", tmp_path)
    slots = list_slots(tmp_path / "saves")
    assert [(s.name, s.step) for s in slots] == [("auto", 0)]


def test_the_same_scenario_folder_given_twice_is_offered_once(tmp_path):
    result = subprocess.run(
        [sys.executable, "main.py", "play", "--text", "--scenes", "scenes", "--scenes",
         str(FIXTURES / "tiny"), "--scenes", str(FIXTURES / "tiny"), "--save-dir", str(tmp_path)],
        input="", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout.count("Tiny test scenario") == 1
    assert result.stdout.count("Tea and Terms") == 1
