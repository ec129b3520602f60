"""Twine import on real stories (issue 16): nested Twee2 StoryIncludes, the start passage by
Twine's own rules, Harlowe's open hooks `[==`, embedded pictures named not copied in the
import report, and an import that does not re-read what is included many times."""
import pytest

from game.twine.convert import convert
from game.twine.importer import import_story
from game.twine.read import parse_twee, read_story
from game.twine.report import REPORT_FILE, shorten_data_urls

from test_twine_lang import play as play_from_start


def play(tmp_path, conversion, *picks):
    """The lines shown after choosing `picks` from the start, and the options then."""
    lines, run = play_from_start(tmp_path, conversion, *picks)
    return lines, [c.text for c in run.choices]


# -- StoryIncludes that name more StoryIncludes --------------------------------------------------
def nested_project(root):
    (root / "parts" / "deep").mkdir(parents=True)
    (root / "main.tw2").write_text("::Configuration [twee2]\nTwee2::build_config.story_ifid = 'x'"
                                   "\n\n::StoryIncludes\ncontents.tw2\n", encoding="utf-8")
    (root / "contents.tw2").write_text("::StoryIncludes\nparts/welcome.tw2\nparts/deep/end.tw2\n"
                                       "main.tw2\n", encoding="utf-8")
    (root / "parts" / "welcome.tw2").write_text("::Welcome\nHello.\n[[On->The end]]\n",
                                                encoding="utf-8")
    (root / "parts" / "deep" / "end.tw2").write_text("::The end\nGoodbye.\n", encoding="utf-8")
    return root / "main.tw2"


def test_storyincludes_inside_an_included_file_are_followed_once(tmp_path):
    story = read_story(nested_project(tmp_path))
    assert [p.name for p in story.passages] == ["Configuration", "StoryIncludes", "Welcome",
                                                "The end"]
    assert not any("StoryIncludes" in note for note in story.notes)  # main.tw2 named again: once


def test_a_folder_with_a_main_file_is_read_in_its_include_order(tmp_path):
    nested_project(tmp_path)
    (tmp_path / "parts" / "aaa.tw2").write_text("::Aside\nNot included.\n", encoding="utf-8")
    story = read_story(tmp_path)
    assert story.start == "Welcome"
    assert [p.name for p in story.passages][-1] == "Aside"  # what no file includes comes last


# -- which passage comes first ----------------------------------------------------------------
@pytest.mark.parametrize("text, start", [
    (':: StoryData\n{"start": "Two"}\n\n:: One\na\n\n:: Start\nb\n\n:: Two\nc\n', "Two"),
    (":: Config [twee2]\nTwee2::build_config.story_start_name = 'Two'\n\n:: One\na\n\n"
     ":: Start\nb\n\n:: Two\nc\n", "Two"),
    (":: One\na\n\n:: Start\nb\n\n:: Two\nc\n", "Start"),
    (":: StoryTitle\nT\n\n:: One\na\n\n:: Two\nc\n", "One"),
])
def test_the_start_passage_follows_twines_rules(text, start):
    story = parse_twee(text, "story.twee")
    assert story.start == start
    said = [note for note in story.notes if "names no start passage" in note]
    assert said == ([] if start != "One" else [
        'story.twee:1: the story names no start passage (no StoryData "start", no Twee2 '
        'story_start_name, no passage named "Start"); it starts at "One", the first passage '
        "read"])


# -- Harlowe's open hooks -------------------------------------------------------------------------
HARLOWE_OPEN = """:: StoryData
{"format": "Harlowe", "start": "Start"}

:: Init [startup]
(set: $met to false)

:: Start
(if: $met is false)[
Who are you?
(link: "Say hello")[==
(set: $met to true)
Nice to meet you.
]
[[Walk on->Road]]

:: Road
(if: $met)[You smile.](else:)[You frown.]
[[Back->Start]]
"""


def test_a_harlowe_open_hook_runs_to_the_end_of_its_hook_and_leaks_no_markers(tmp_path):
    conversion = convert(parse_twee(HARLOWE_OPEN, "story.twee"), "story")
    closed = HARLOWE_OPEN.replace("[==", "[").replace("Nice to meet you.\n]",
                                                      "Nice to meet you.\n]]")
    assert conversion.chapter_yaml() == convert(parse_twee(closed, "story.twee"),
                                                "story").chapter_yaml()
    assert "[=" not in conversion.chapter_yaml() and "]" not in conversion.chapter_yaml()
    lines, choices = play(tmp_path, conversion)
    assert lines == ["Who are you?"] and choices == ["Say hello", "Walk on"]
    lines, choices = play(tmp_path / "a", conversion, 0)
    assert lines == [] and choices == ["Walk on"]  # the link set $met, inside the if
    assert play(tmp_path / "b", conversion, 0, 0)[0] == ["You smile."]


# -- pictures written into the story -------------------------------------------------------------
def test_a_data_url_is_named_by_kind_and_size_not_copied():
    picture = "data:image/png;base64," + "A" * 400_000
    said = shorten_data_urls(f'dropped <img src="{picture}"> and data:text/plain,hi there')
    assert said == ('dropped <img src="(a image/png file of 300.0 kB written into the story)"> '
                    "and (a text/plain file of 2 bytes written into the story) there")


def test_the_import_report_of_a_story_with_a_big_picture_stays_small(tmp_path):
    picture = "data:image/jpeg;base64," + "QUJD" * 500_000  # 1.5 MB
    source = tmp_path / "pictures.twee"
    source.write_text(f':: StoryData\n{{"start": "Start", "format": "SugarCube"}}\n\n:: Start\n'
                      f'Look: <img src="{picture}">\n[[On->End]]\n\n:: End\nDone.\n',
                      encoding="utf-8")
    out = tmp_path / "scenes" / "pictures"
    import_story(source, out)
    report = (out / REPORT_FILE).read_text(encoding="utf-8")
    assert len(report) < 5000 and "image/jpeg file of 1.5 MB" in report


# -- passages shown in many others are copied once ------------------------------------------------
def test_a_passage_included_in_many_passages_is_copied_once_and_the_same(monkeypatch):
    from game.twine import includes
    text = (':: StoryData\n{"format": "SugarCube", "start": "P0"}\n\n:: Menu\nYou can go:\n'
            '<<include "Doors">>\n\n:: Doors\n<<if $key>>[[Cellar]]<</if>>\n\n:: Cellar\nDark.\n')
    text += "".join(f':: P{n}\nRoom {n}.\n<<include "Menu">>\n[[On->P{n + 1}]]\n\n'
                    for n in range(30))
    text += ":: P30\nThe end.\n"
    read = []
    expand = includes.Includes.expand
    monkeypatch.setattr(includes.Includes, "expand", lambda self, nodes, stack: (
        read.append(stack[-1]) if nodes is self.trees[stack[-1]] else None,  # a whole passage
        expand(self, nodes, stack))[1])
    conversion = convert(parse_twee(text, "story.twee"), "story")
    copies = [stack for stack in read if stack in ("Menu", "Doors")]
    assert copies.count("Menu") == 1 and copies.count("Doors") == 1
    monkeypatch.setattr(includes.Includes, "expand", expand)
    chapter = conversion.chapter_yaml()
    assert chapter.count("You can go:") == 30 and chapter.count("next: cellar") == 30


# -- code shown as written ------------------------------------------------------------------------
CODE = """:: StoryData
{{"format": "{story_format}", "start": "Start"}}

:: Start
Check your path:
{opens}
[[ ":$PATH:" == *":$HOME/bin:"* ]] && echo yes
{closes}
Then [[Next]].

:: Next
Done.
"""


@pytest.mark.parametrize("story_format, opens, closes", [
    ("Harlowe", "```", "```"), ("Harlowe", "`", "`"), ("SugarCube", "{{{", "}}}")])
def test_double_brackets_in_code_are_shown_as_written_not_read_as_a_link(
        tmp_path, story_format, opens, closes):
    conversion = convert(parse_twee(CODE.format(story_format=story_format, opens=opens,
                                                closes=closes), "story.twee"), "story")
    assert conversion.loud == 0 and not conversion.warnings, conversion.records
    lines, choices = play(tmp_path, conversion)
    assert choices == ["Next"]
    assert '[[ ":$PATH:" == *":$HOME/bin:"* ]] && echo yes' in "\n".join(lines)


def test_backquotes_are_not_code_in_sugarcube_so_a_link_there_stays_a_link():
    text = CODE.format(story_format="SugarCube", opens="```", closes="```")
    conversion = convert(parse_twee(text, "story.twee"), "story")
    assert any('":$PATH:"' in what for _, _, _, what in conversion.records)  # read as a link


# -- passages only the sidebar or an author's notes lead to --------------------------------------
SIDEBAR = """:: StoryData
{"format": "SugarCube", "start": "Start"}

:: StoryCaption
<<if $ending is 1>>[[Endings]]<</if>>

:: Start
Hello. [[Leave->Out]]

:: Out
<<set $ending to 1>>You leave.

:: Endings
Your endings so far.

:: Notes to self
There are 8 [[Endings]]. Will you find them all?
"""


def test_a_passage_only_the_sidebar_or_an_unreached_passage_links_is_dropped_and_said(tmp_path):
    conversion = convert(parse_twee(SIDEBAR, "story.twee"), "story")
    chapter = conversion.chapter_yaml()
    assert "Your endings" not in chapter and "Notes to self" not in chapter
    dropped = {name: what for name, _, status, what in conversion.records if status == "dropped"}
    assert dropped["Endings"] == ('no way on from the start leads here (only passages the story '
                                  'never reaches link here: "Notes to self"), so it could never '
                                  "be shown: it was left out")
    assert dropped["Notes to self"].startswith("no way on from the start leads here, so")
    assert any('"StoryCaption" was not imported' in note for note in conversion.notes)
    assert play(tmp_path, conversion) == (["Hello. Leave"], ["Leave"])  # and check passes


def test_when_a_way_on_is_not_converted_no_passage_is_dropped_as_unreached():
    text = SIDEBAR.replace("Hello.", "Hello. [[Somewhere->$where]]")
    conversion = convert(parse_twee(text, "story.twee"), "story")
    assert conversion.loud and "Your endings so far." in conversion.chapter_yaml()


# -- a widget that shows a link at the end of its effect ------------------------------------------
WIDGET = """:: StoryData
{{"format": "SugarCube", "start": "Start"}}

:: Typewriter [widget]
<<widget "typewriter">>
<<set _shown to 0>>
<<repeat 0.1s>>
  <<if _shown gte $args[0].length>>
    <<append "#out">>[[Don't drift off|Theatre]]<</append>><<stop>>
  <<else>>
    <<append "#out">>$args[0][_shown]<</append>><<set _shown++>>
  <</if>>
<</repeat>>
<</widget>>

:: Start
Welcome to the show.
<<typewriter "Please take your seats!" {extra}>>

:: Theatre
The curtain rises.
"""


def test_a_widget_that_only_shows_a_link_at_the_end_offers_it_as_a_choice(tmp_path):
    conversion = convert(parse_twee(WIDGET.format(extra=""), "story.twee"), "story")
    lines, choices = play(tmp_path, conversion)
    assert choices == ["Don't drift off"]
    said = [what for _, where, status, what in conversion.records if status == "approximated"
            and "<<typewriter>>" in what]
    assert said == ['<<typewriter "Please take your seats!" >> runs the story\'s widget '
                    "<<typewriter>>: what it shows was left out, but for the links it shows in "
                    "the end (\"Don't drift off\"), which are offered as choices"]


@pytest.mark.parametrize("change", ["_shown gte $args[0].length", "$tired"])
def test_a_widget_whose_link_depends_on_the_story_stays_loud(change):
    text = WIDGET.format(extra="").replace("_shown gte $args[0].length", change, 1)
    if change == "_shown gte $args[0].length":  # a widget that also changes a story variable
        text = text.replace("<<set _shown to 0>>", "<<set $seen to true>>")
    conversion = convert(parse_twee(text, "story.twee"), "story")
    assert conversion.loud == 1
    assert any("can change the story; widgets are not converted" in what
               for _, _, _, what in conversion.records)
