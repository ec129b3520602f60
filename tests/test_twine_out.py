"""Twine import, what it writes and says (issue 16): large stories split into chapter files by
chapter tag or by size, every entry of the printed report and of import-report.md names its
source file:line, --story for story libraries, a story's own content warnings as content notes,
readable ids in any alphabet, UTF-16 files read, and lines joined into paragraphs as in Twine."""
import re
import time

import pytest

from game.story import load_scenario
from game.twine.convert import convert
from game.twine.ids import slugify
from game.twine.importer import import_story
from game.twine.read import TwineError, parse_twee, read_story
from game.twine.to_yaml import chapter_tag

from test_twine import TWINE, run_import  # the one way these tests run `import`

FILE_LINE = re.compile(r"[^\s`]+:\d+")


def convert_twee(text):
    return convert(parse_twee(text, "story.twee"), "story")


def chapters(folder):
    return sorted(p.name for p in folder.glob("*.yaml") if p.name != "scenario.yaml")


# -- chapter files ---------------------------------------------------------------------------
@pytest.mark.parametrize("tag, found", [
    ("chapter1", ("Chapter 1", 1)), ("Chapter-12", ("Chapter 12", 12)), ("ch3", ("Chapter 3", 3)),
    ("part_two", ("Part two", 2)), ("act:IV", ("Act IV", 4)), ("Book.1", ("Book 1", 1)),
    ("episode-xii", ("Episode XII", 12)), ("day-arrival", ("Day arrival", None)),
    ("chapter", None), ("cheese", None), ("check", None), ("partly", None), ("chi", None),
    ("cw-self-harm", None), ("act_", None),
])
def test_which_tags_name_a_chapter(tag, found):
    assert chapter_tag(tag) == found


def test_passages_tagged_as_chapters_go_to_one_file_per_chapter(capsys, tmp_path):
    source = tmp_path / "book.twee"
    source.write_text(
        ":: Start\nThe café opens. [[Plan]]\n\n"
        ":: Plan [chapter-2]\nWe plan it. [[Open]] [[Ask]]\n\n"
        ":: Welcome [Chapter-10 cw-police]\nA hard night.\n\n"
        ":: Ask [chapter-2]\nWho should we ask? [[Welcome]]\n\n"
        ":: Open [chapter_1]\nDoors open. [[Welcome]]\n", encoding="utf-8")
    out = tmp_path / "scenes" / "book"
    code, text, _ = run_import(capsys, source, out)
    assert code == 0, text
    # untagged first, then the chapters by their numbers (10 after 2, not after 1)
    assert chapters(out) == ["1-story.yaml", "2-chapter-1.yaml", "3-chapter-2.yaml",
                             "4-chapter-10.yaml"]
    assert "(scenario.yaml, 1-story.yaml, 2-chapter-1.yaml, 3-chapter-2.yaml, " \
           "4-chapter-10.yaml)" in text
    second = (out / "3-chapter-2.yaml").read_text(encoding="utf-8")
    assert "\nchapter: Chapter 2\n" in second and "  # tags: chapter-2\n" in second
    scenario = load_scenario(out).scenario
    assert {scene.id: scene.chapter for scene in scenario.scenes.values()} == {
        "start": "book", "open": "Chapter 1", "plan": "Chapter 2", "ask": "Chapter 2"}
    assert [e.id for e in scenario.endings] == ["welcome"]
    assert "  - id: welcome\n" in (out / "4-chapter-10.yaml").read_text(encoding="utf-8")


def test_chapter_tags_without_numbers_keep_the_order_they_first_appear_in():
    conversion = convert_twee(":: Start [part-intro]\nHi. [[Middle]]\n:: Middle [part-middle]\n"
                              "On. [[End]]\n:: End\nBye.\n")
    assert [name for name, _ in conversion.chapter_files()] == [
        "1-part-intro.yaml", "2-part-middle.yaml", "3-story.yaml"]


def test_a_chapter_too_big_for_one_file_goes_on_in_the_next_and_names_sort_in_order():
    words = "Tea and talk in the drop-in centre. " * 20
    body = "".join(f":: P{i}\n{words}[[P{i + 1}]]\n" for i in range(60))
    conversion = convert_twee(body + ":: P60\nThe end.\n")
    files = conversion.chapter_files(limit=5_000)
    names = [name for name, _ in files]
    assert len(files) >= 10 and names == sorted(names)  # 01-, 02-, ... 10-: in order
    assert names[0] == "01-story.yaml" and names[9] == "10-story.yaml"
    assert all(len(text.encode("utf-8")) <= 5_000 for _, text in files)
    ids = [line.split(": ", 1)[1] for _, text in files for line in text.splitlines()
           if line.startswith("  - id: ")]
    assert len(ids) == 61 and len(set(ids)) == 61  # every scene once, none lost


def test_a_6000_passage_story_is_split_so_every_file_loads_and_passes_the_file_limits(
        capsys, tmp_path):
    words = "She waits by the door and counts the chairs again. " * 14
    parts = [':: StoryData\n{"start": "P0", "format": "SugarCube"}\n']
    parts += [f":: P{i}\n{words}\n[[On->P{i + 1}]] [[Back->P{max(i - 1, 0)}]]\n"
              for i in range(6000)]
    source = tmp_path / "huge.twee"
    source.write_text("".join(parts) + ":: P6000\nThe end.\n", encoding="utf-8")
    out = tmp_path / "scenes" / "huge"
    conversion = import_story(source, out)
    sizes = [(out / name).stat().st_size for name in chapters(out)]
    assert sum(sizes) > 4 * 1024 * 1024 and len(sizes) >= 2  # one file would be refused
    assert all(size < 3.2 * 1024 * 1024 for size in sizes)  # well under the 4 MB a file may hold
    result = load_scenario(out)
    assert not result.problems or all(p.severity == "warning" for p in result.problems), \
        [str(p) for p in result.problems[:3]]
    assert len(result.scenario.scenes) == len(conversion.chapter["scenes"]) == 6000


# -- every message names its file:line -------------------------------------------------------
EVERY_NOTE = """\
:: StoryTitle
Every Note

:: StoryIncludes
missing-part.tw2

:: StoryData
{"start": "Nowhere", "format": [[[

:: StoryData
{"start": "Nowhere", "format": "SugarCube", "format-version": "2.36.1"}

:: StorySettings
undo:off

:: Start
<<set $visits to 1>><<set $gold to random(1, 6)>>
You have $gold coins. [img[logo.png]] ''Bold'' /* a note */
[[Shop]] [[Gone]]

:: Shop
<<link "Buy" "Start">><<set $visits += 1>><</link>>
[[Back->Start]] [[Leave]]

:: Shop
A second passage of the same name.

:: Empty

:: Leave
You go home.
"""


def test_every_entry_printed_and_in_the_import_report_names_its_file_and_line(
        capsys, tmp_path):
    source = tmp_path / "every.tw2"
    source.write_text(EVERY_NOTE, encoding="utf-8")
    out = tmp_path / "scenes" / "every"
    out.mkdir(parents=True)
    (out / "old.txt").write_text("before", encoding="utf-8")
    code, text, err = run_import(capsys, source, out, "--force")
    assert code == 1, text + err  # the random number is not converted, so check fails
    printed = text.split("\nChecking the new scenario")[0]
    head, _, entries = printed.partition("\n\n")
    assert "The folder that was there before was moved to" in head
    lines = [line for line in entries.splitlines() if line.startswith("  ")]
    kinds = {"StoryIncludes names", "the StoryData passage was not read",
             'the start passage "Nowhere" is not in the story', 'a second passage named "Shop"',
             'passage "StorySettings" was not imported', "$visits is called",
             'passage "Empty" is empty', '"Gone", which is not a passage',
             "is not a simple change", "<<set $visits to 1>>"}
    for kind in kinds:  # one of each kind of message is there ...
        assert any(kind in line for line in lines), kind
    for line in lines:  # ... and every one starts with the source file:line
        assert re.match(rf"  {re.escape(str(source))}:\d+: ", line), line
    report = (out / "import-report.md").read_text(encoding="utf-8")
    entries = [line for line in report.splitlines() if line.startswith("- ")]
    assert len(entries) >= 10
    for kind in ("not converted", "approximated", "dropped", "converted"):
        assert any(line.startswith(f"- {kind}: ") for line in entries), kind
    for line in entries:
        assert re.match(rf"- (?:[a-z ]+: )?`?{re.escape(str(source))}:\d+`?: ", line), line


def test_notes_made_while_reading_html_name_their_file_and_line(tmp_path):
    page = tmp_path / "library.html"
    page.write_text(
        "<html><body>\n"
        '<tw-storydata name="One" startnode="9" format="Harlowe">\n'
        '<style type="text/twine-css">body { color: red }</style>\n'
        '<script type="text/twine-javascript">window.x = 1;</script>\n'
        '<tw-passagedata pid="1" name="A">Hi. [[B]]</tw-passagedata>\n'
        '<tw-passagedata pid="2" name="B">Bye.</tw-passagedata>\n'
        '<tw-passagedata pid="3" name="B">Again.</tw-passagedata>\n'
        '</tw-storydata>\n<tw-storydata name="Two Words" startnode="1">\n'
        '<tw-passagedata pid="1" name="C">C.</tw-passagedata></tw-storydata>\n'
        "</body></html>\n", encoding="utf-8")
    story = read_story(page)
    assert [note.split(": ", 1)[0] for note in story.notes] == [
        f"{page}:2", f"{page}:4", f"{page}:3", f"{page}:7", f"{page}:2"]
    old = read_story(TWINE / "twine1.html")
    assert old.notes == [f"{TWINE / 'twine1.html'}:1: read as a story published from Twine 1"]


# -- --story -----------------------------------------------------------------------------------
def test_story_picks_from_a_library_ignoring_case_and_a_wrong_name_lists_the_names(
        capsys, tmp_path):
    assert read_story(TWINE / "library.html", "  second ").title == "Second"
    code, text, err = run_import(capsys, TWINE / "library.html", tmp_path / "scenes" / "x",
                                 "--story", "Third")
    assert code == 2 and text == ""
    assert err == (f'Nothing was imported: {TWINE / "library.html"} has no story named "Third"; '
                   'it holds: "First", "Second". Add --story with one of these names.\n')
    code, text, _ = run_import(capsys, TWINE / "library.html", tmp_path / "scenes" / "y")
    assert code == 0
    assert f'{TWINE / "library.html"}:2: the file holds 2 stories ("First", "Second"); only ' \
           'the first, "First", was imported: add --story NAME to choose another' in text


def test_story_with_a_file_that_holds_one_story_must_be_its_title(capsys, tmp_path):
    assert read_story(TWINE / "twine1.html", "old mill").title == "Old Mill"
    with pytest.raises(TwineError, match='holds one story, "Old Mill", not "New Mill": '
                                         "--story chooses among the stories"):
        read_story(TWINE / "twine1.html", "New Mill")
    code, _, err = run_import(capsys, TWINE / "project", tmp_path / "scenes" / "p",
                              "--story", "Else")
    assert code == 2 and 'holds one story, "project", not "Else"' in err


# -- content warnings ------------------------------------------------------------------------
def test_content_warning_tags_and_passages_become_content_notes(capsys, tmp_path):
    source = tmp_path / "warned.twee"
    source.write_text(
        ":: Start [trigger-warning_police]\nA knock at the door. [[Content Note]] [[Ward]]\n\n"
        ":: Content Note\nThis story mentions a stay on a ward.\n\n[[Start]]\n\n"
        ":: Ward [cw]\nThe ward at night. [[Home]]\n\n"
        ":: Home [tw:self-harm]\nHome again.\n", encoding="utf-8")
    out = tmp_path / "scenes" / "warned"
    code, text, _ = run_import(capsys, source, out)
    assert code == 0, text
    scenario = load_scenario(out).scenario
    assert list(scenario.content_notes) == ["This story mentions a stay on a ward.", "police",
                                      "self harm"]
    assert list(scenario.scenes["start"].content_notes) == ["police"]
    assert list(scenario.scenes["ward"].content_notes) == [
        "The original story gives a content warning for this scene"]
    assert f'{source}:10: passage "Ward": the tag "cw" gives a content warning but not what it ' \
           "is about" in text


def test_tags_that_only_look_like_warnings_are_not_content_notes():
    conversion = convert_twee(":: Start [twine cwtest trigger-happy-not]\nHi. [[End]]\n"
                              ":: End\nBye.\n")
    start = conversion.chapter["scenes"][0]
    assert start.get("content_notes") == ["happy not"]  # "trigger-..." is a warning tag
    assert "content_notes" not in conversion.scenario or \
        conversion.scenario["content_notes"] == ["happy not"]


# -- ids, encodings, paragraphs ----------------------------------------------------------------
@pytest.mark.parametrize("name, made", [
    ("Начало пути", "nachalo-puti"), ("Ωμέγα", "omega"), ("Café crème", "cafe-creme"),
    ("ひらがな", "hiragana"), ("Straße", "strasse"), ("مرحبا", "mrhba"), ("시작", "sijak"),
    ("नमस्ते", "namaste"), ("🙂", "slightly-smiling-face"), ("開始", "958b-59cb"),
])
def test_passage_names_in_other_alphabets_give_readable_ids(name, made):
    assert slugify(name) == made


def test_names_in_any_alphabet_give_distinct_valid_ids(capsys, tmp_path):
    names = ["開始", "終わり", "시작", "Ἀρχή", "שלום", "नमस्ते", "🙂"]
    source = tmp_path / "scripts.twee"
    source.write_text(f":: {names[0]}\nStart. " + " ".join(f"[[{n}]]" for n in names[1:]) + "\n"
                      + "".join(f":: {n}\nEnd.\n" for n in names[1:]), encoding="utf-8")
    out = tmp_path / "scenes" / "scripts"
    code, text, _ = run_import(capsys, source, out)
    assert code == 0, text
    scenario = load_scenario(out).scenario
    ids = [*scenario.scenes, *(e.id for e in scenario.endings)]
    assert len(set(ids)) == len(names) and all(re.fullmatch(r"[a-z0-9][a-z0-9_-]*", i)
                                               for i in ids)
    assert "passage" not in ids and "passage-2" not in ids
    assert [e.title for e in scenario.endings] == names[1:]  # the names are kept as titles


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read(tmp_path, encoding):
    source = tmp_path / "wide.twee"
    text = "\ufeff:: Start\nCafé — “quoted”. [[Next]]\n:: Next\nDone.\n"
    source.write_bytes(text.encode(encoding))
    story = read_story(source)
    assert [(p.name, p.text) for p in story.passages] == [
        ("Start", "Café — “quoted”. [[Next]]"), ("Next", "Done.")]
    assert read_story(TWINE / "utf16.twee").passages[0].name == "S"


def test_a_broken_utf16_file_names_the_line_and_says_to_save_as_utf8(tmp_path):
    source = tmp_path / "broken.twee"
    source.write_bytes(b"\xff\xfe" + ":: Start\nHi\n".encode("utf-16-le") + b"\x00\xdc"
                       + "x\n".encode("utf-16-le"))
    with pytest.raises(TwineError) as caught:
        read_story(source)
    assert str(caught.value).startswith(f"{source}:3: the file says it is UTF-16 text")
    assert "save it again as UTF-8" in str(caught.value)


def test_lines_one_after_another_are_one_paragraph_and_a_blank_line_starts_the_next():
    conversion = convert_twee(":: Start\nThe room is quiet.\nSomeone coughs.\n\n"
                              "A new paragraph\nthat goes on.\n[[On->End]]\n:: End\nBye.\n")
    assert conversion.chapter["scenes"][0]["text"] == (
        "The room is quiet. Someone coughs.\n\nA new paragraph that goes on.")


def test_an_empty_passage_no_link_leads_to_is_a_warning_and_the_import_passes(capsys, tmp_path):
    source = tmp_path / "orphan.twee"
    source.write_text(":: Start\nHi. [[End]]\n\n:: End\nBye.\n\n:: Orphan\n", encoding="utf-8")
    code, text, _ = run_import(capsys, source, tmp_path / "scenes" / "orphan")
    assert code == 0
    assert f'Warnings (1):\n  {source}:8: passage "Orphan" is empty and no link leads to it, ' \
           "so it was left out" in text


# -- speed -------------------------------------------------------------------------------------
def test_writing_the_chapter_files_of_a_2000_passage_story_is_quick():
    words = "Tea and talk in the drop-in centre. " * 50
    body = "".join(f":: P{i}\n<<set $n += 1>>{words}\n[[On->P{i + 1}]] [[Back->P{max(i - 1, 0)}]]\n"
                   for i in range(2000))
    conversion = convert(parse_twee(body + ":: P2000\nThe end.\n", "big.twee"), "big")
    began = time.process_time()
    files = conversion.chapter_files()
    took = time.process_time() - began
    assert len(files) == 2 and conversion.chapter_files() is files  # made once, then kept
    assert took < 0.5 * 3  # about 0.3 s of CPU here; other work on the machine slows it


def test_a_twee2_file_of_only_missing_includes_says_so_not_that_the_start_is_special(
        capsys, tmp_path):
    source = tmp_path / "main.tw2"
    source.write_text(":: StoryTitle\nX\n\n:: StoryIncludes\nparts/one.tw2\n", encoding="utf-8")
    code, text, err = run_import(capsys, source, tmp_path / "scenes" / "x")
    assert code == 2 and text == ""
    assert err == (f"Nothing was imported: {source}:1: there is no passage to play, only special "
                   f'ones ("StoryIncludes"): {source}:5: StoryIncludes names "parts/one.tw2", '
                   "which is not a Twee file next to main.tw2; it was left out.\n")
    assert "start passage" not in err


def test_a_start_passage_that_is_special_is_refused_with_the_line_that_names_it(tmp_path):
    story = parse_twee(':: StoryData\n{"start": "StoryInit"}\n:: StoryInit\n<<set $a to 1>>\n'
                       ":: Hall\nHi.\n", "s.twee")
    with pytest.raises(TwineError, match=r'^s\.twee:2: the start passage "StoryInit" is a '
                                         "special passage"):
        convert(story, "s")
