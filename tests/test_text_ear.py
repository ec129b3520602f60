"""The terminal through a screen reader's ears (issue 14): whole games played through pipes and
a fake terminal, with the transcript checked for what reads badly aloud or in braille."""
import io
import re
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT
from game.story import load_scenario
from game.terminal.game import TextGame
from game.terminal.console import Terminal

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# a number read as one cardinal ("one hundred and sixteen thousand..."): six or more digits
# standing alone; a file name's time stamp inside a path is not said as a number
LONG_NUMBER = re.compile(r"(?<![\w/.-])\d{6,}(?![\w/.-])")
DASH_RANGE = re.compile(r"\(\d+-\d+")  # "(1-3" in a prompt, heard as "one minus three"


class Tty(io.StringIO):
    """Output that says it is a terminal, as a real one would."""

    def isatty(self):
        return True


class Player(io.StringIO):
    """Input that answers what the game asks: the commands given first (each where it is
    asked for at a decision), then the first open option at every decision and Enter for
    everything else, to the end of a whole game."""

    def __init__(self, out, commands=(), limit=2000, at=None):
        super().__init__()
        self.out, self.commands, self.left = out, list(commands), limit
        self.at = at  # (words, command): the command, once, at the first decision showing the words

    def readline(self, *args):
        self.left -= 1
        if self.left < 0:
            return ""
        asked = self.out.getvalue().rsplit("\n", 1)[-1]
        if asked.startswith("Your choice (") and self.at and self.at[0] in self.out.getvalue():
            command, self.at = self.at[1], None
            return command + "\n"
        if asked.startswith("Your choice ("):
            if self.commands:
                return self.commands.pop(0) + "\n"
            game = self.game
            return f"{next(v.index for v in game.run.choices if v.enabled) + 1}\n"
        return "\n"


def play_whole(path, role, out=None, commands=(), tmp_path=None, plain=False, at=None):
    """A whole game of the scenario at `path` as `role`; its transcript."""
    out = out if out is not None else io.StringIO()
    result = load_scenario(path)
    stdin = Player(out, commands, at=at)
    game = TextGame([result], stdin, out, tmp_path / "saves", plain=plain)
    stdin.game = game
    assert game.play(result.scenario.id, role) == 0
    text = out.getvalue()
    assert "Ending: " in text and "Looking back" in text, text[-2000:]
    return text


def assert_reads_well(text):
    assert "->" not in text
    assert not ISO_DATE.search(text), ISO_DATE.search(text)
    assert not LONG_NUMBER.search(text), LONG_NUMBER.search(text)
    assert not DASH_RANGE.search(text), DASH_RANGE.search(text)


@pytest.mark.parametrize("path, role", [(FIXTURES / "tiny", "professional"),
                                        (ROOT / "scenes" / "haven", None),
                                        (ROOT / "scenes" / "tea-and-terms", None)])
def test_a_whole_game_reads_well_aloud(path, role, tmp_path):
    scenario = load_scenario(path).scenario
    role = role or next(iter(scenario.roles))
    text = play_whole(path, role, commands=["s", "h", "save", "load"], tmp_path=tmp_path)
    assert_reads_well(text)
    assert "out of 100" in text                     # every meter says its scale
    assert re.search(r"\(1 to \d+, \? for help\)", text) or "(1, ? for help)" in text
    assert re.search(r"Trust: \d+(, then \d+)* \(out of 100\)", text)  # the history of a meter
    assert "The road not taken" in text
    assert "You read: " in text or "You are reading: " in text      # history names the scenes


def test_piped_output_is_not_wrapped_and_a_terminal_is(tmp_path):
    piped = play_whole(FIXTURES / "tiny", "professional", tmp_path=tmp_path / "1")
    assert max(len(line) for line in piped.splitlines()) > 100  # a paragraph stays on a line
    shown = play_whole(FIXTURES / "tiny", "professional", out=Tty(), tmp_path=tmp_path / "2")
    long_lines = [line for line in shown.splitlines()
                  if len(line) > 88 and "main.py report" not in line]  # a command stays whole
    assert not long_lines
    assert "\033[1m" in shown  # bold headings on a terminal
    plain = play_whole(FIXTURES / "tiny", "professional", out=Tty(), tmp_path=tmp_path / "3",
                       plain=True)
    assert max(len(line) for line in plain.splitlines()) > 100 and "\033[" not in plain


def test_phone_numbers_keep_their_groups_on_one_line(tmp_path):
    shown = play_whole(FIXTURES / "tiny", "professional", out=Tty(), tmp_path=tmp_path)
    assert "call 116 123 (free)" in shown  # as the support lines write it, never "116123"
    terminal = Terminal(io.StringIO(), Tty())
    for lead in range(terminal.width - 12, terminal.width + 2):  # the wrap falls at every place
        terminal.out = Tty()
        terminal.say("x" * lead + " call 116 123 (free)")
        assert "116 123" in terminal.out.getvalue(), terminal.out.getvalue()


def test_the_prompts_say_1_to_n_and_the_help_is_one_item_a_line(tmp_path):
    text = play_whole(FIXTURES / "tiny", "professional", commands=["?"], tmp_path=tmp_path)
    assert "Your choice (1 to 3, ? for help): " in text
    assert "Your choice (1, ? for help): " in text  # one option: no range at all
    assert "\nu: undo the last choice" in text and "\nh: history of what you read and chose" in text
    help_lines = text[text.index("Other keys:"):].splitlines()[1:8]
    assert all(re.match(r"^[a-z?]+: ", line) for line in help_lines), help_lines


def test_undo_names_the_choice_it_took_back(tmp_path):
    text = play_whole(FIXTURES / "tiny", "professional", commands=["1", "u"], tmp_path=tmp_path)
    assert 'Undone: your choice "Offer to pay everyone" is taken back.' in text


def test_meters_say_their_scale(tmp_path):
    text = play_whole(FIXTURES / "tiny", "professional", commands=["1", "s"], tmp_path=tmp_path)
    assert "Trust: 65 out of 100" in text
    assert "Power balance: 0 on a scale from \u2212100 to 100" in text
    assert "Energy: 5 out of 10" in text
    assert "Trust +15 (now 65 out of 100)" in text


def test_history_lists_what_was_read_as_well_as_what_was_chosen(tmp_path):
    text = play_whole(FIXTURES / "tiny", "professional", commands=["1", "h"], tmp_path=tmp_path)
    history = text[text.index("What happened so far"):]
    assert '1. Monday: you chose "Offer to pay everyone"' in history
    assert "You are reading: Deciding." in history
    path = ROOT / "scenes" / "tea-and-terms"  # a scene with no decision is listed as read
    text = play_whole(path, "professional", at=("Room 4, ten to two", "h"), tmp_path=tmp_path)
    history = text[text.index("What happened so far"):]
    assert "You read: Room 4, ten to two." in history.split("You are reading:")[0]


def test_save_and_load_from_inside_the_game(tmp_path):
    out = io.StringIO()
    stdin = io.StringIO("1\nsave\nmine\nu\n2\nload\n1\n1\n")
    game = TextGame([load_scenario(FIXTURES / "tiny")], stdin, out, tmp_path / "saves")
    game.play("tiny", "professional")
    text = out.getvalue()
    assert 'Saved as "mine".' in text
    assert "Loaded mine: Tiny test scenario, professional" in text
    assert re.search(r"saved \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d\d", text)  # a date in words
    assert "Ending: Made together" in text  # the loaded game (paid fairly) went on, not the undone one
    assert_reads_well(text)


def test_discussion_questions_on_request_in_solo_play(tmp_path):
    text = play_whole(FIXTURES / "tiny", "professional", commands=["d"], tmp_path=tmp_path)
    assert "(d: questions to think over before you choose)" in text
    assert "Questions to think over before you choose:\n  - Who set the agenda?" in text


def test_the_other_side_at_a_mirrored_moment(tmp_path):
    path = ROOT / "scenes" / "tea-and-terms"
    text = play_whole(path, "professional", at=("(o: ", "o"), tmp_path=tmp_path)
    assert "(o: this same moment from the other chair, Dev, group member)" in text
    assert "The same moment from the other chair: Dev, group member" in text
    assert "Dev, group member could choose: " in text


def test_the_road_not_taken_at_the_end(tmp_path):
    text = play_whole(FIXTURES / "tiny", "professional", tmp_path=tmp_path)
    roads = text[text.index("The road not taken"):]
    assert 'Monday: you chose "Offer to pay everyone" (Trust +15, Outcome \u22125).' in roads
    assert 'Not taken: "Keep the budget for the project" (Outcome +10, Trust \u221210).' in roads
    assert 'Not open to you: "Hand the meeting to Sam" (Sam does not trust you enough yet).' in roads


def test_plain_from_the_command_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "main.py", "play", "--plain", "--scenes", str(FIXTURES / "tiny"),
         "--scenario", "tiny", "--role", "professional", "--save-dir", str(tmp_path)],
        input="1\n1\n", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Ending: Made together" in result.stdout and "Traceback" not in result.stderr
    assert_reads_well(result.stdout)


def test_the_branch_map_as_an_outline(tmp_path):
    text = play_whole(FIXTURES / "tiny", "professional", commands=["1", "map"], tmp_path=tmp_path)
    outline = text[text.index("The story map\n"):]
    assert "The story map for Pat, manager: 2 scenes in 1 chapter, and 2 endings." in outline
    assert "  - Monday (read): every option leads to Deciding." in outline
    assert ("  - Deciding (you are here): its options lead to an ending chosen by how things "
            "stand or the ending A tidy report.") in outline
    path = ROOT / "scenes" / "haven"
    text = play_whole(path, "professional", at=("\nThe first real meeting\n", "map"), tmp_path=tmp_path / "haven")
    outline = text[text.index("The story map\n"):text.index("Endings: ")]
    assert outline.count("(read)") >= 5 and outline.count("(you are here)") == 1
    assert "Chapter 6: " in outline
    assert_reads_well(outline)


def test_the_journal_on_request_in_solo_play_goes_into_the_record(tmp_path):
    import json
    out = io.StringIO()
    keys = "1\n1\nhopeful\n\n\nj\nWe paid people.\n\nIt went well.\n\n\nAsk first.\nr\n\n"
    game = TextGame([load_scenario(FIXTURES / "tiny")], io.StringIO(keys), out, tmp_path / "saves")
    assert game.play("tiny", "professional") == 0
    text = out.getvalue()
    assert "type j for a short journal" in text and "1 of 6. What happened?" in text
    assert "Journal kept (3 of 6 answered), in the same session record." in text
    record = json.loads(game.recorder.path.read_text())
    assert record["debrief"]["journal"] == {"description": "We paid people.",
                                            "evaluation": "It went well.", "action": "Ask first."}
    report = tmp_path / "saves" / "reports" / (game.recorder.path.stem + ".html")
    assert f"Report written: {report}." in text
    assert "We paid people." in report.read_text()  # the journal is in the report


def test_a_picture_s_alt_text_is_read_before_the_scene(tmp_path):
    text = play_whole(FIXTURES / "tiny", "professional", tmp_path=tmp_path)
    assert "Monday\n\nPicture: A plain meeting room.\n\nThe room is cold." in text
    assert text.count("Picture: ") == 1  # Pat's portrait is decoration (alt ""): nothing said
