"""Importing Twine stories: Twee 3 and published HTML, SugarCube and Harlowe, into scenarios
that load and pass check (or that check says exactly what to fix)."""
import argparse
import io
import re

import pytest
import yaml
from conftest import FIXTURES

from game import twine
from game.twine import convert as twine_convert
from game.twine import ids as twine_ids
from game.check import run_check
from game.story import Run, load_scenario
from game.twine.body import Link, parse_body
from game.twine.expr import parse_sets
from game.twine.read import TwineError, parse_twee, read_story

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
    return twine_convert.convert(parse_twee(text, "story"), name)


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
    assert parse_sets('$name to "Dev", $n to 10') == [("name", "set", "Dev"), ("n", "set", 10)]
    assert parse_sets("$x++; $y--") == [("x", "add", 1), ("y", "add", -1)]
    assert parse_sets("5 into $x", harlowe_put=True) == [("x", "set", 5)]
    for unconvertible in ("$x to $y + 1", "$x to random(1, 6)", "_temp to 1", "$x *= 2",
                          "$x to 1, $y to $x"):
        assert parse_sets(unconvertible) is None
    source = ":: Start\n<<set $x to 1>><<set $f to true>>\n[[A]]\n:: A\nend\n"
    conversion = convert_twee(source)
    converter = twine_convert._Converter(parse_twee(source), "s")
    assert converter.condition("$x gte 3 and not $f", False) == ("x >= 3 and not f", {"x", "f"})
    assert converter.condition("$x is not 2 || $f is true", False)[0] == "x != 2 or f == true"
    assert converter.condition("$x > 3", True)[0] == "not (x > 3)"
    assert converter.condition('visited("A")', False)[0] == 'visited("a")'
    assert converter.condition('visited("A") gt 1', False)[0] == 'visits("a") > 1'
    assert converter.condition('visited("Nowhere")', False)[0] is None
    assert converter.condition("$f > 3", False)[0] is None  # a flag is not a number
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
    assert [line.text for line in scenario.scenes["front-door"].lines] == [  # one paragraph
        "You stand at the door of the drop-in centre. It is raining. (Note: the door sticks.) "
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
    assert f'\n  {TWINE / "sugarcube.twee"}:40: passage "The Hall": <<set $coins -= 1>>\n' in text
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
    assert shown == ["Skip the queue", "Buy a tea", "Home"]
    run.choose(0)  # Skip the queue: its own change, then the Kitchen's
    assert run.values["coins"] == 1 and run.values["tea"] == 1


def test_twee_sugarcube_report_names_the_source_lines(capsys, tmp_path):
    _, text, _, out = imported(capsys, tmp_path, "sugarcube.twee")
    source = str(TWINE / "sugarcube.twee")
    assert (f'{source}:31: passage "Front Door!": $coins is shown in the text as written'
            in text)
    assert "(Note:" not in text  # SugarCube: only Harlowe reads "(name:" as a macro
    assert 'passage "StoryCaption" was not imported' in text
    assert 'passage "Story JavaScript" was not imported' in text
    report = (out / "import-report.md").read_text(encoding="utf-8")
    assert "## The Hall\n" in report
    assert f"- converted: `{source}:43`: HTML tags were taken out of the text" in report
    assert f"- converted: `{source}:40`: <<set $coins -= 1>> became effects" in report
    chapter = (out / "1-story.yaml").read_text(encoding="utf-8")
    assert "<b>" not in chapter and "<<" not in chapter.replace('"Imported from Twine: <<', "")
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
    assert effects_of(scenario, "garden-gate", "Try the shed") == [
        ("brave", "set", True), ("mood", "set", "grim")]
    assert effects_of(scenario, "shed", "Leave") == [("apples", "set", 2), ("brave", "set", False)]
    assert condition_of(scenario, "orchard", "Carry it home") == "apples > 3"
    assert condition_of(scenario, "orchard", "Look for more") == "not (apples > 3)"
    assert condition_of(scenario, "shed", "Take an apple") == "not (apples > 5)"
    assert scene_choices(scenario, "orchard")[-1] == ("Back to the gate", "garden-gate")
    assert any("The old trees give the most." in line.text  # (display: "Notes") copied in
               for line in scenario.scenes["orchard"].lines)
    assert "notes" not in scenario.scenes  # only shown inside Orchard: not a scene of its own
    assert 'passage "Home & Hearth!": (print: $apples) shows a value' in text
    assert scenario.variables["mood"].start == ""
    assert "the story JavaScript was not imported" in text
    run = Run(scenario, "player")
    run.choose(0)  # Open the gate
    assert run.values["apples"] == 4
    assert [c.text for c in run.choices] == ["Carry it home", "Back to the gate"]
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
    report = (tmp_path / "scenes" / "sugarcube-html" / "import-report.md").read_text()
    assert '- dropped: `' in report and '<<audio "rain" play>> (not a part of' in report


def test_the_files_are_readable_yaml_with_the_schema_line(capsys, tmp_path):
    _, _, _, out = imported(capsys, tmp_path, "sugarcube.twee")
    for name in ("scenario.yaml", "1-story.yaml"):
        text = (out / name).read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../scenario.schema.json\n")
        assert not re.search(r"^\s*(- )?\w+: [\[{]", text, re.MULTILINE)  # block style only
        assert isinstance(yaml.safe_load(text), dict)
    chapter = (out / "1-story.yaml").read_text(encoding="utf-8")
    assert "    text: Through the window you see people laughing. Somebody has spilled" in chapter
    assert "          - coins: -1\n" in chapter
    assert "scenes:\n  # tags: outside start\n  - id: front-door\n" in chapter
    assert not list(out.glob(".*.tmp"))


# -- what needs fixing, and what is refused ------------------------------------------------
def test_a_missing_link_target_is_named_and_check_says_exactly_that(capsys, tmp_path):
    out = tmp_path / "scenes" / "keys"
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
    out = tmp_path / "scenes" / "taken"
    out.mkdir(parents=True)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    code, text, err = run_import(capsys, TWINE / "sugarcube.twee", out)
    assert code == 2 and text == ""
    assert "already exists and is not empty" in err and "--force" in err
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    code, text, err = run_import(capsys, TWINE / "sugarcube.twee", out, "--force")
    assert code == 0, text + err
    assert sorted(p.name for p in out.iterdir()) == [
        "1-story.yaml", "import-report.md", "scenario.yaml"]
    backups = list((tmp_path / "scenes" / ".replaced").iterdir())
    assert len(backups) == 1 and (backups[0] / "notes.txt").read_text() == "mine"
    assert re.fullmatch(r"taken-\d{8}-\d{6}", backups[0].name)
    assert "was moved to" in text


@pytest.mark.parametrize("name, words", [
    ("not-twine.txt", "is not a Twine story"),
    ("not-twine.html", "is not a Twine story"),
])
def test_a_file_that_is_not_twine_is_refused_and_nothing_is_written(capsys, tmp_path, name, words):
    out = tmp_path / "scenes" / "new"
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
    assert [p.name for p in read_story(old).passages] == ["Start"]  # Twine 1 is read
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


def test_awkward_passages_fail_loudly_and_say_where(tmp_path):
    story = (":: Start\n"
             "<<if $ready>><<set $gold to 5>>[[Go->End Room]]<</if>>\n"
             "<<if $gold gt 2>>Rich!\n"
             "[[Shop]] [[Shop->End Room]]\n"
             ":: Shop\n<<set $gold -= 1>>[[A]][[B]][[C]][[D]][[E]][[F]][[G]][[H]][[I]][[J]][[K]]\n"
             ":: A\na\n:: B\nb\n:: C\nc\n:: D\nd\n:: E\ne\n:: F\nf\n:: G\ng\n:: H\nh\n:: I\ni\n"
             ":: J\nj\n:: K\nk\n"
             ":: End Room\n<<if $ready>>You were ready.<</if>> Bye.\n")
    conversion = convert_twee(story)
    start = conversion.chapter["scenes"][0]
    assert start["not_converted"] == [
        "story:3: <<if $gold gt 2>>: it is never closed",
        "story:2: <<set $gold to 5>> changes what a later test reads, under a condition; the "
        "order cannot be kept"]
    shop = next(s for s in conversion.chapter["scenes"] if s["id"] == "shop")
    assert shop["not_converted"][0].startswith(  # $gold may have no value there: NaN
        "story:6: <<set $gold -= 1>> steps a variable that has no starting value the import")
    assert any(message.startswith("story:6: 11 links, and 11 of them can show at once, and at "
                                  "most 9 may") for message in shop["not_converted"])
    assert [c["text"] for c in start["choices"]] == ["Go", "Shop", "Shop"]
    assert start["choices"][2]["id"] == "shop-3"  # the same text twice: the second gets an id
    assert start["choices"][0]["if"] == "ready"
    assert ("End Room", "story:30", "approximated", "<<if $ready>>: text in an ending cannot "
            "depend on a condition; every branch is shown") in conversion.records
    assert conversion.scenario["flags"] == {"ready": "$ready in the Twine story"}
    result = write_and_load(conversion, tmp_path / "awkward")
    assert [p.message for p in result.errors] == [
        'scene "start": unknown key "not_converted"', 'scene "shop": unknown key "not_converted"']


def test_twee_headers_with_escapes_tags_and_metadata():
    story = parse_twee(':: A \\[note\\] [tag-one tag2] {"position":"1,2"}\nText\n'
                       ':: StoryData\n{"start": "A [note]", "format": "Harlowe"}\n')
    assert [(p.name, p.tags, p.text) for p in story.passages] == [
        ("A [note]", ("tag-one", "tag2"), "Text")]
    assert story.start == "A [note]" and story.dialect == "harlowe"


def test_slugs_are_ids_and_unique():
    assert twine_ids.slugify("Café & Bar!") == "cafe-bar"
    assert twine_ids.slugify("???") == "passage"
    ids = twine_ids.Ids()
    assert [ids.new(n) for n in ("The Hall", "the hall", "THE-HALL", "end")] == [
        "the-hall", "the-hall-2", "the-hall-3", "end-2"]
