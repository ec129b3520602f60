"""tools/twine_corpus.py, the corpus measure of the Twine import (issue 16): each story's row,
and with --details, --json and --causes the check messages and import records that say what
blocks it."""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import twine_corpus  # noqa: E402

HEADER = """:: StoryTitle
{title}

:: StoryData
{{"ifid": "D674C58C-DEFA-4F70-B7A2-27742230C0FC", "format": "SugarCube", "start": "Start"}}

"""

CLEAN = HEADER.format(title="Clean") + """:: Start
You wake up.
[[Get up|Kitchen]]

:: Kitchen
You make tea.
"""

BLOCKED = HEADER.format(title="Blocked") + """:: Start
<<textbox "$name" "">>
[[Go on|End]]
<<if $name is "Sam">>Hi, Sam.<</if>>

:: End
Goodbye.
"""


def test_details_and_json_name_what_blocks_each_story(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "clean.twee").write_text(CLEAN, encoding="utf-8")
    (corpus / "blocked.twee").write_text(BLOCKED, encoding="utf-8")
    (corpus / "notes.txt").write_text("not a story", encoding="utf-8")  # not read
    (corpus / "title.tw").write_text(":: StoryTitle\nOnly a title\n", encoding="utf-8")
    details, report = tmp_path / "details", tmp_path / "corpus.json"

    assert twine_corpus.main([str(corpus), "--runs", "2", "--details", str(details),
                              "--json", str(report), "--causes"]) == 0

    printed = capsys.readouterr().out
    assert "1 of 3 import with no check errors (33%); 1 refused." in printed
    assert "refused: title.tw: " in printed
    # --causes: the kind of blocker, how often, in how many stories, and where
    assert re.search(r"\n +1 +1  <<textbox \.\.\. lets the reader set _", printed)
    assert "blocked.twee:8: <<textbox" in printed
    rows = {row["story"]: row for row in json.loads(report.read_text())["rows"]}
    assert sorted(rows) == ["blocked.twee", "clean.twee", "title.tw"]
    assert rows["title.tw"]["format"] == "refused" and "import cpu s" in rows["title.tw"]
    assert rows["clean.twee"]["errors"] == 0
    assert rows["blocked.twee"]["errors"] > 0
    (record,) = [r for r in rows["blocked.twee"]["records"] if r["status"] == "not converted"]
    assert record["where"].endswith("blocked.twee:8") and "$name" in record["what"]
    text = (details / "blocked.twee.md").read_text()
    assert "- not converted: Start (" in text and "blocked.twee:8" in text
    assert "- error 1-story.yaml:" in text


def test_a_missing_folder_is_a_message_not_a_traceback(tmp_path, capsys):
    assert twine_corpus.main([str(tmp_path / "nowhere")]) == 2
    assert "not a folder of Twine stories" in capsys.readouterr().err


def test_a_story_the_import_crashes_on_is_a_row_and_exit_1(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "clean.twee").write_text(CLEAN, encoding="utf-8")
    (corpus / "crash.twee").write_text(CLEAN, encoding="utf-8")
    real = twine_corpus.import_story

    def import_story(source, folder):
        if source.name == "crash.twee":
            raise TypeError("sequence item 6: expected str instance, Block found")
        return real(source, folder)

    monkeypatch.setattr(twine_corpus, "import_story", import_story)
    assert twine_corpus.main([str(corpus), "--runs", "2", "--details", str(tmp_path / "d")]) == 1
    printed = capsys.readouterr().out
    assert "crashed: crash.twee: TypeError: sequence item 6" in printed
    assert "(at test_twine_corpus_tool.py:" in printed
    assert "1 of 2 import with no check errors (50%); 0 refused; 1 CRASHED" in printed
    assert "crashed: TypeError" in (tmp_path / "d" / "crash.twee.md").read_text()


def test_compare_says_which_stories_changed_since_an_earlier_run(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "clean.twee").write_text(CLEAN, encoding="utf-8")
    earlier = tmp_path / "earlier.json"
    earlier.write_text(json.dumps({"rows": [{"story": "clean.twee", "errors": 3},
                                            {"story": "gone.twee", "errors": 0}]}))
    assert twine_corpus.main([str(corpus), "--runs", "2", "--compare", str(earlier)]) == 0
    printed = capsys.readouterr().out
    assert "clean.twee: errors 3 -> 0 now passes" in printed
    assert "gone.twee: not in this run" in printed

    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert twine_corpus.main([str(corpus), "--compare", str(tmp_path / "broken.json")]) == 2
    assert "not a --json file of this tool" in capsys.readouterr().err
