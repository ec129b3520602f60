"""Importing Twine stories: Twee 3 and published HTML, SugarCube and Harlowe, into scenarios
that load and pass check (or that check says exactly what to fix)."""
import argparse
import io
import re

import pytest
import yaml
from conftest import FIXTURES

from game import twine, twine_convert
from game.check import run_check
from game.story import Run, load_scenario
from game.twine_body import Link, parse_body, parse_sets
from game.twine_read import TwineError, parse_twee, read_story

TWINE = FIXTURES / "twine"


def run_import(capsys, source, out, *extra):
    parser = argparse.ArgumentParser()
    twine.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["import", str(source), "--out", str(out), *extra])
    code = twine.command(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def imported(capsys, tmp_path, name):
    out = tmp_path / "scenes" / name.replace(".", "-")
    code, text, _err = run_import(capsys, TWINE / name, out)
    result = load_scenario(out)
    assert not result.errors, [str(p) for p in result.problems]
    return code, text, result.scenario, out


def scene_choices(scenario, scene_id):
    return [(c.text, c.next) for c in scenario.scenes[scene_id].choices]


def condition_of(scenario, scene_id, text):
    choice = next(c for c in scenario.scenes[scene_id].choices if c.text == text)
    return choice.condition.text if choice.condition else None


def effects_of(scenario, scene_id, text):
    choice = next(c for c in scenario.scenes[scene_id].choices if c.text == text)
    return [(e.name, e.op, e.value) for e in choice.effects]


def convert_twee(text, name="story"):
    return twine_convert.convert(parse_twee(text), name)


def write_and_load(conversion, folder):
    folder.mkdir(parents=True)
    (folder / "scenario.yaml").write_text(conversion.scenario_yaml(), encoding="utf-8")
    (folder / "1-story.yaml").write_text(conversion.chapter_yaml(), encoding="utf-8")
    return load_scenario(folder)


# -- the link forms and the markup ---------------------------------------------------------
def test_every_link_form_gives_text_and_target():
    nodes = parse_body("[[Go in->The Hall]] [[The Hall?<-Peek]] [[Walk away|Home]] [[Home]] "
                       "[[a->b->c]] [[Buy|Kitchen][$coins -= 2]]")
    links = [(n.text, n.target, n.setter) for n in nodes if isinstance(n, Link)]
    assert links == [("Go in", "The Hall", None), ("Peek", "The Hall?", None),
                     ("Walk away", "Home", None), ("Home", "Home", None),
                     ("a->b", "c", None),  # Twine divides at the rightmost ->
                     ("Buy", "Kitchen", "$coins -= 2")]


def test_sets_and_conditions_that_convert_and_those_that_do_not():
    assert parse_sets("$x to 5") == [("x", "set", 5)]
    assert parse_sets("$x += 2, $y -= 1.5") == [("x", "add", 2), ("y", "add", -1.5)]
    assert parse_sets("$x to it + 2") == [("x", "add", 2)]
    assert parse_sets("$x to $x - 3") == [("x", "add", -3)]
    assert parse_sets("$f to true") == [("f", "set", True)]
    for unconvertible in ('$name to "Dev"', "$x to $y + 1", "$x to random(1, 6)", "_temp to 1"):
        assert parse_sets(unconvertible) is None
    source = ":: Start\n<<set $x to 1>><<set $f to true>>\n[[A]]\n:: A\nend\n"
    conversion = convert_twee(source)
    converter = twine_convert._Converter(parse_twee(source), "s")
    assert converter.condition("$x gte 3 and not $f", False) == "x >= 3 and not f"
    assert converter.condition("$x is not 2 || $f is true", False) == "x != 2 or f == true"
    assert converter.condition("$x > 3", True) == "not (x > 3)"
    assert converter.condition('visited("A")', False) is None
    assert converter.condition("$f > 3", False) is None  # a flag is not a number
    assert conversion.scenario["variables"] == {"x": {"start": 1}, "f": {"start": True}}


# -- Twee 3, SugarCube ---------------------------------------------------------------------
def test_twee_sugarcube_story_imports_and_passes_check(capsys, tmp_path):
    code, text, scenario, _ = imported(capsys, tmp_path, "sugarcube.twee")
    assert code == 0, text
    assert "OK (0 errors" in text and "It passes check" in text
    assert scenario.id == "sugarcube-twee"
    assert scenario.title == "The Drop-in Centre"
    assert list(scenario.roles) == ["player"]
    assert scenario.roles["player"].start == "front-door"
    assert scenario.scenes["front-door"].title == "Front Door!"
    assert [line.text for line in scenario.scenes["front-door"].lines] == [
        "You stand at the door of the drop-in centre. It is raining. (Note: the door sticks.)",
        "You have $coins coins."]
    # every link form, and two names that make the same id
    assert scene_choices(scenario, "front-door") == [
        ("Go in", "the-hall"), ("Look through the window", "the-hall-2"), ("Walk away", "home")]
    assert scenario.scenes["the-hall"].title == "The Hall"
    assert scenario.scenes["the-hall-2"].title == "The Hall?"
    assert [e.id for e in scenario.endings] == ["cafe-bar", "home"]
    assert scenario.ending("cafe-bar").title == "Café & Bar"


def test_twee_sugarcube_changes_become_effects_on_the_way_in(capsys, tmp_path):
    _, text, scenario, _ = imported(capsys, tmp_path, "sugarcube.twee")
    assert effects_of(scenario, "front-door", "Go in") == [
        ("welcomed", "set", True), ("coins", "add", -1)]
    assert effects_of(scenario, "the-hall", "Buy a tea") == [
        ("coins", "add", -2), ("tea", "set", 1)]  # the link's own setter first
    choice = scenario.scenes["front-door"].choices[0]
    assert all(e.why.startswith("Imported from Twine: <<set $") and e.tag == "purpose"
               for e in choice.effects)
    variables = scenario.variables
    assert variables["coins"].start == 3  # from StoryInit
    assert variables["twine_visits"].start == 1  # += 1 in the start passage; "visits" is taken
    assert variables["welcomed"].kind == "yes/no" and variables["welcomed"].start is False
    assert 'passage "The Hall": <<set $coins -= 1>>' in text
    assert "Effects to rewrite" in text


def test_twee_sugarcube_conditions_on_choices_and_lines(capsys, tmp_path):
    _, _, scenario, _ = imported(capsys, tmp_path, "sugarcube.twee")
    assert condition_of(scenario, "the-hall", "Buy a tea") == "coins >= 2"
    assert condition_of(scenario, "the-hall", "Ask for a cheap tea") == "not (coins >= 2) and coins > 0"
    assert condition_of(scenario, "the-hall", "Ask for a free tea") == \
        "not (coins >= 2) and not (coins > 0)"
    assert condition_of(scenario, "the-hall", "Home") is None
    lines = [(line.text, line.condition.text if line.condition else None)
             for line in scenario.scenes["the-hall"].lines]
    assert ("The hall smells of toast. You have plenty of coins left.", "coins >= 3") in lines
    assert ("The hall smells of toast. You have a few coins left.", "not (coins >= 3)") in lines
    assert ("Sam waves at you.", "welcomed") in lines
    run = Run(scenario, "player")
    run.choose(0)  # Go in: coins 3 - 1 = 2
    assert run.values["coins"] == 2
    shown = [c.text for c in run.choices]
    assert shown == ["Buy a tea", "Go back to the kitchen", "Home"]


def test_twee_sugarcube_warnings_name_the_passages(capsys, tmp_path):
    _, text, _, out = imported(capsys, tmp_path, "sugarcube.twee")
    for warning in ('passage "The Hall": <<goto "Kitchen">> was kept as text',
                    'passage "The Hall": <b> was kept as text (HTML)',
                    'passage "The Hall": <<if visited("Kitchen")>> was kept as text',
                    'passage "The Hall?": <<link "Knock">> was kept as text'):
        assert warning in text
    assert 'passage "Front Door!": $coins was kept as text (a variable shown in the text)' in text
    assert "(Note:" not in text  # SugarCube: only Harlowe reads "(name:" as a macro
    assert 'passage "StoryCaption" was not imported' in text
    assert 'passage "Story JavaScript" was not imported' in text
    chapter = (out / "1-story.yaml").read_text(encoding="utf-8")
    assert "<<goto \"Kitchen\">>" in chapter  # kept in the scene, as text
    assert "  # tags: outside start\n  - id: front-door" in chapter
    assert "Tags are kept as" in text


# -- published HTML ------------------------------------------------------------------------
def test_harlowe_html_imports_with_escapes_start_and_title(capsys, tmp_path):
    code, text, scenario, out = imported(capsys, tmp_path, "harlowe.html")
    assert code == 0, text
    assert scenario.title == "Garden & Gate"
    assert scenario.roles["player"].start == "garden-gate"  # startnode 2, not the first passage
    gate = " ".join(line.text for line in scenario.scenes["garden-gate"].lines)
    assert gate == 'The gate is "old" & creaky. Its sign says: 1 < 2.'
    assert scene_choices(scenario, "garden-gate") == [
        ("Open the gate", "orchard"), ("Try the shed", "shed"), ("Climb the fence", "orchard")]
    assert scenario.ending("home-hearth").title == "Home & Hearth!"
    assert scenario.ending("home-hearth-2").title == "Home & Hearth?"
    assert scene_choices(scenario, "shed")[2] == ("Sleep here", "home-hearth-2")
    assert "# tags: dark cold" in (out / "1-story.yaml").read_text(encoding="utf-8")


def test_harlowe_html_set_if_unless_else(capsys, tmp_path):
    _, text, scenario, _ = imported(capsys, tmp_path, "harlowe.html")
    assert scenario.variables["apples"].start == 2
    assert effects_of(scenario, "garden-gate", "Open the gate") == [("apples", "add", 2)]
    assert effects_of(scenario, "garden-gate", "Try the shed") == [("brave", "set", True)]
    assert effects_of(scenario, "shed", "Leave") == [("apples", "set", 2), ("brave", "set", False)]
    assert condition_of(scenario, "orchard", "Carry it home") == "apples > 3"
    assert condition_of(scenario, "orchard", "Look for more") == "not (apples > 3)"
    assert condition_of(scenario, "shed", "Take an apple") == "not (apples > 5)"
    for warning in ('passage "Orchard": (display: "Notes") was kept as text',
                    'passage "Orchard": (link-goto: "Back to the gate", "Garden Gate") was kept',
                    'passage "Shed": (set: $mood to "grim") was kept as text (only numbers',
                    'passage "Home & Hearth!": (print: $apples) was kept as text'):
        assert warning in text
    assert "the story JavaScript was not imported" in text
    run = Run(scenario, "player")
    run.choose(0)  # Open the gate
    assert run.values["apples"] == 4
    assert [c.text for c in run.choices] == ["Carry it home"]
    run.choose(0)
    assert run.ended and run.ending.id == "home-hearth"


def test_sugarcube_html_unescapes_macros(capsys, tmp_path):
    code, text, scenario, _ = imported(capsys, tmp_path, "sugarcube.html")
    assert code == 0, text
    assert scenario.title == "The Rota"
    assert condition_of(scenario, "ask", "Cover for Jo") == "asked and shifts < 1"
    assert effects_of(scenario, "rota", "Take it yourself") == [("shifts", "add", 1)]
    assert effects_of(scenario, "rota", "Ask the group") == [("asked", "set", True)]
    words = " ".join(line.text for line in scenario.scenes["ask"].lines)
    assert "Jo says \"I'll do it, if somebody covers me next week.\"" in words
    assert 'passage "Ask": <<audio "rain" play>> was kept as text' in text


def test_the_files_are_readable_yaml_with_the_schema_line(capsys, tmp_path):
    _, _, _, out = imported(capsys, tmp_path, "sugarcube.twee")
    for name in ("scenario.yaml", "1-story.yaml"):
        text = (out / name).read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../scenario.schema.json\n")
        assert not re.search(r"^\s*(- )?\w+: [\[{]", text, re.MULTILINE)  # block style only
        assert isinstance(yaml.safe_load(text), dict)
    chapter = (out / "1-story.yaml").read_text(encoding="utf-8")
    assert "    text: |-\n      Through the window you see people laughing." in chapter
    assert "          - coins: -1\n" in chapter
    assert "scenes:\n  # tags: outside start\n  - id: front-door\n" in chapter
    assert not list(out.glob(".*.tmp"))


# -- what needs fixing, and what is refused ------------------------------------------------
def test_a_missing_link_target_is_named_and_check_says_exactly_that(capsys, tmp_path):
    out = tmp_path / "keys"
    code, text, _ = run_import(capsys, TWINE / "broken-link.twee", out)
    assert code == 1
    assert ('passage "Start": the link [[Look in the garden->Garden Shed]] goes to "Garden Shed", '
            "which is not a passage in this story") in text
    result = load_scenario(out)
    assert [p.message for p in result.errors] == ['"garden-shed" is not a scene or an ending']
    assert result.errors[0].file.endswith("1-story.yaml")
    assert "1-story.yaml:10:15: \"garden-shed\" is not a scene or an ending" in text
    assert "check found errors" in text


def test_two_links_to_the_same_missing_passage_share_one_warning():
    conversion = convert_twee(":: Start\n[[Up->Loft]]\n[[Climb->Loft]]\n[[Stay]]\n:: Stay\nYou stay.\n")
    assert [c["next"] for c in conversion.chapter["scenes"][0]["choices"]] == ["loft", "loft", "stay"]
    assert len([w for w in conversion.warnings if '"Loft"' in w]) == 1


def test_refuses_to_write_into_a_folder_that_is_not_empty(capsys, tmp_path):
    out = tmp_path / "taken"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    code, text, err = run_import(capsys, TWINE / "sugarcube.twee", out)
    assert code == 2 and text == ""
    assert "already exists and is not empty" in err and "--force" in err
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    code, text, err = run_import(capsys, TWINE / "sugarcube.twee", out, "--force")
    assert code == 0, text + err
    assert (out / "scenario.yaml").is_file() and (out / "notes.txt").read_text() == "mine"
    code, _, _ = run_import(capsys, TWINE / "harlowe.html", out, "--force")  # over itself
    assert code == 0 and load_scenario(out).scenario.title == "Garden & Gate"


@pytest.mark.parametrize("name, words", [
    ("not-twine.txt", "is not a Twine story"),
    ("not-twine.html", "is not a Twine story"),
])
def test_a_file_that_is_not_twine_is_refused_and_nothing_is_written(capsys, tmp_path, name, words):
    out = tmp_path / "new"
    code, text, err = run_import(capsys, TWINE / name, out)
    assert code == 2 and text == ""
    assert err.startswith("Nothing was imported: ") and words in err
    assert not out.exists()


def test_other_unreadable_files(tmp_path):
    with pytest.raises(TwineError, match="cannot read"):
        read_story(tmp_path / "missing.twee")
    binary = tmp_path / "picture.twee"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(TwineError, match="not a text file"):
        read_story(binary)
    old = tmp_path / "old.html"
    old.write_text('<div id="storeArea"><div tiddler="Start">Hi</div></div>', encoding="utf-8")
    with pytest.raises(TwineError, match="Twine 1"):
        read_story(old)
    with pytest.raises(TwineError, match="no passages"):
        parse_twee("::\n")


def test_the_command_needs_out(capsys):
    parser = argparse.ArgumentParser()
    twine.add_parser(parser.add_subparsers(dest="command"))
    with pytest.raises(SystemExit):
        parser.parse_args(["import", "story.twee"])
    capsys.readouterr()


# -- stories with awkward shapes -----------------------------------------------------------
def test_a_story_with_no_ending_gets_one_and_says_so(tmp_path):
    conversion = convert_twee(":: Start\nRound we go.\n[[Again->Start]]\n")
    assert [e["id"] for e in conversion.chapter["endings"]] == ["the-end"]
    assert any("so the story had no ending" in note for note in conversion.notes)
    result = write_and_load(conversion, tmp_path / "loop")
    assert not result.errors
    out = io.StringIO()
    assert run_check([str(tmp_path / "loop")], as_json=False, runs=20, seed=1, out=out) == 1
    assert 'no role can reach the ending "the-end"' in out.getvalue()


def test_a_start_passage_without_links_leads_to_an_ending(tmp_path):
    conversion = convert_twee(":: StoryTitle\nShort\n:: Start\nThat is all.\n")
    scene = conversion.chapter["scenes"][0]
    assert scene == {"id": "start", "title": "Start", "text": "That is all.", "next": "the-end"}
    result = write_and_load(conversion, tmp_path / "short")
    assert not result.errors
    out = io.StringIO()
    assert run_check([str(tmp_path / "short")], as_json=False, runs=20, seed=1, out=out) == 0


def test_awkward_passages_are_kept_as_text_with_warnings(tmp_path):
    story = (":: Start\n"
             "<<if $ready>><<set $gold to 5>>[[Go->End Room]]<</if>>\n"
             "<<if $gold gt 2>>Rich!\n"
             "[[Shop]] [[Shop->End Room]]\n"
             ":: Shop\n<<set $gold -= 1>>[[A]][[B]][[C]][[D]][[E]][[F]][[G]][[H]][[I]][[J]][[K]]\n"
             ":: A\na\n:: B\nb\n:: C\nc\n:: D\nd\n:: E\ne\n:: F\nf\n:: G\ng\n:: H\nh\n:: I\ni\n"
             ":: J\nj\n:: K\nk\n"
             ":: End Room\n<<if $ready>>You were ready.<</if>> Bye.\n")
    conversion = convert_twee(story)
    warnings = "\n".join(conversion.warnings)
    assert ('passage "Start": <<set $gold to 5>> was kept as text (a change that only happens '
            "under a condition cannot be converted)") in warnings
    assert 'passage "Start": <<if $gold gt 2>> was kept as text (it is never closed' in warnings
    assert 'passage "Shop" has 11 links, and a scene has at most 9 choices' in warnings
    assert 'passage "End Room": <<if $ready>> was kept as text (text in an ending' in warnings
    start = conversion.chapter["scenes"][0]
    assert [c["text"] for c in start["choices"]] == ["Go", "Shop", "Shop"]
    assert start["choices"][2]["id"] == "shop-3"  # the same text twice: the second gets an id
    assert start["choices"][0]["if"] == "ready"
    setter = convert_twee(':: Start\n[[Go|A][$name to "Jo"]]\n:: A\nend\n')
    assert setter.warnings == [('passage "Start": the change [$name to "Jo"] made by the link '
                                '"Go" was left out (only numbers and true/false convert)')]
    assert conversion.scenario["flags"] == {"ready": "$ready in the Twine story"}
    result = write_and_load(conversion, tmp_path / "awkward")
    assert not result.errors, [str(p) for p in result.errors]


def test_twee_headers_with_escapes_tags_and_metadata():
    story = parse_twee(':: A \\[note\\] [tag-one tag2] {"position":"1,2"}\nText\n'
                       ':: StoryData\n{"start": "A [note]", "format": "Harlowe"}\n')
    assert [(p.name, p.tags, p.text) for p in story.passages] == [
        ("A [note]", ("tag-one", "tag2"), "Text")]
    assert story.start == "A [note]" and story.dialect == "harlowe"


def test_slugs_are_ids_and_unique():
    assert twine_convert.slugify("Café & Bar!") == "cafe-bar"
    assert twine_convert.slugify("???") == "passage"
    ids = twine_convert._Ids()
    assert [ids.new(n) for n in ("The Hall", "the hall", "THE-HALL", "end")] == [
        "the-hall", "the-hall-2", "the-hall-3", "end-2"]
