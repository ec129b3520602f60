"""Twine import on real-world syntax: crashes become messages, link macros become choices with
their own effects, Twine's order of changes and tests is kept, and whatever cannot be
converted exactly fails check loudly with its source file:line (issue 16)."""
import time

import pytest

from game import twine
from game.story import Run, load_scenario
from game.twine.convert import convert
from game.twine.ids import slugify
from game.twine.read import TwineError, parse_twee, read_story

from test_twine import TWINE, run_import  # the one way these tests run `import`


def imported(capsys, tmp_path, name, code=0):
    out = tmp_path / "scenes" / slugify(name)
    got, text, err = run_import(capsys, TWINE / name, out)
    assert got == code, text + err
    return load_scenario(out), text, out


def choices(scenario, scene):
    return [(c.text, c.condition.text if c.condition else None, c.next,
             [(e.name, e.op, e.value) for e in c.effects])
            for c in scenario.scenes[scene].choices]


def convert_twee(text):
    return convert(parse_twee(text, "story.twee"), "story")


# -- 1. crashes are messages, and the exit status says what happened -----------------------
@pytest.mark.parametrize("body", [
    "<<if $x>>" * 500 + "deep" + "<</if>>" * 500,
    "(if: $x)[" * 400 + "deep" + "]" * 400,
    "<<link 'a'>>" * 300 + "<</link>>" * 300,
])
def test_absurd_nesting_is_refused_with_the_source_line(capsys, tmp_path, body):
    source = tmp_path / "deep.twee"
    source.write_text(f":: StoryTitle\nDeep\n\n:: Start\n{body}\n", encoding="utf-8")
    code, text, err = run_import(capsys, source, tmp_path / "scenes" / "deep")
    assert code == 2 and text == ""
    assert f"{source}:5: passage \"Start\": macros or hooks nested more than 100 deep" in err
    assert not (tmp_path / "scenes" / "deep").exists()


def test_a_bracket_bomb_in_story_data_is_a_note_not_a_crash(capsys, tmp_path):
    source = tmp_path / "bomb.twee"
    source.write_text(":: StoryData\n" + "[" * 2000 + "]" * 2000 + "\n:: Start\nHi. [[Other]]\n"
                      ":: Other\n" + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8")
    code, text, _ = run_import(capsys, source, tmp_path / "scenes" / "bomb")
    assert code == 1  # written; the odd link in "Other" goes nowhere, and check says so
    assert 'the choice leads to "passage", which does not exist' in text
    assert "the StoryData passage was not read: it is nested far too deeply" in text


def test_exit_status_refused_2_written_with_warnings_0_check_fails_1(capsys, tmp_path):
    assert run_import(capsys, TWINE / "not-twine.txt", tmp_path / "scenes" / "a")[0] == 2
    assert run_import(capsys, TWINE / "leftovers.twee", tmp_path / "scenes" / "b")[0] == 0
    assert run_import(capsys, TWINE / "set-after-if.twee", tmp_path / "scenes" / "c")[0] == 1


# -- 2. no silent logic changes -------------------------------------------------------------
def test_a_change_inside_a_link_is_that_choices_effect_not_a_starting_value(capsys, tmp_path):
    result, _, _ = imported(capsys, tmp_path, "link-body.twee")
    scenario = result.scenario
    assert scenario.variables["hasKey"].start is False
    assert choices(scenario, "hall") == [
        ("Take the key", None, "hall", [("hasKey", "set", True)]),
        ("Go to the door", None, "door", [("tries", "add", 1), ("name", "set", "Sam")]),
        ("Run away", None, "outside", [("tries", "add", 1)])]
    run = Run(scenario, "player")
    run.choose(1)  # to the door without the key: it is locked
    assert [c.text for c in run.choices] == ["Back to the hall"]
    run.choose(0)
    run.choose(0)  # take the key
    run.choose(1)
    assert [c.text for c in run.choices] == ["Unlock the door", "Back to the hall"]
    assert run.values["tries"] == 2 and run.values["name"] == "Sam"


def test_harlowe_link_hooks_hidden_links_and_link_macros(capsys, tmp_path):
    result, text, _ = imported(capsys, tmp_path, "harlowe-links.twee")
    scenario = result.scenario
    assert scenario.variables["gold"].start == 3
    assert choices(scenario, "square") == [
        ("Be brave", None, "square", [("brave", "set", True)]),
        ("Buy a horse", "gold > 5", "stable", []),
        ("Walk to the stable", None, "stable", []),
        ("Run", None, "road", [("gold", "add", -1)]),
        ("Shout", None, "road", []),
        ("Sneak", None, "road", [("brave", "set", False)])]
    assert "[[Credits->https://example.org/credits]] is a web link" in text
    assert not any(s == "https-example-org-credits" for s in scenario.scenes)


def test_a_change_after_a_test_happens_on_the_way_out(capsys, tmp_path):
    result, text, out = imported(capsys, tmp_path, "set-after-if.twee", code=1)
    assert [p.message for p in result.errors] == ['scene "tangle": unknown key "not_converted"']
    assert (f"{TWINE / 'set-after-if.twee'}:12: passage \"Tangle\": <<set $b to 1>> comes after "
            "a test of b and before another; the order cannot be kept") in text
    chapter = (out / "1-story.yaml").read_text(encoding="utf-8")
    assert "set-after-if.twee:12: <<set $b to 1>> comes after" in chapter
    room = convert(read_story(TWINE / "set-after-if.twee"), "s").chapter["scenes"][0]
    assert [(c["text"], c.get("if"), [e.get("to") for e in c["effects"]])
            for c in room["choices"]] == [
        ("Secret", "a == 1", [1]), ("Stay", None, [1]), ("Leave", None, [1])]


def test_every_part_of_a_change_converts():
    conversion = convert_twee(":: Start\n<<set $gold to 10, $name to \"Sam\">><<set $n++>>"
                              "<<set $m to $m - 2>>[[Go|End][$gold += 1; $n--]]\n:: End\nEnd.\n")
    assert conversion.scenario["variables"] == {
        "gold": {"start": 10}, "name": {"start": "Sam"}, "n": {"start": 1}, "m": {"start": -2}}
    go = conversion.chapter["scenes"][0]["choices"][0]
    assert [{k: getattr(v, "value", v) for k, v in e.items() if k not in ("why", "tag")}
            for e in go["effects"]] == [{"gold": 1}, {"n": -1}]


def test_changes_that_cannot_convert_fail_loudly_with_their_line():
    conversion = convert_twee(":: Start\nHi.\n<<set $x to random(1, 6)>>\n"
                              '<<link "Go" "End">><<if $ok>><<if $b>><<set $y to 1>><</if>><</if>>'
                              "<</link>>\n:: End\nBye.\n")
    assert conversion.chapter["scenes"][0]["not_converted"] == [
        "story.twee:3: <<set $x to random(1, 6)>> is not a simple change (only numbers, texts "
        "and true/false, set or stepped)",
        'story.twee:4: <<if $ok>> in the link "Go" changes the story only sometimes']
    assert conversion.loud == 2


def test_a_change_under_a_condition_happens_on_the_way_out_under_that_condition():
    conversion = convert_twee(":: Start\n<<set $gold to 7>>[[Shop]]\n:: Shop\n"
                              "<<if $gold gte 5>><<set $gold -= 5>>[[Buy->End]]<</if>>\n"
                              "[[Leave->End]]\n:: End\nBye.\n")
    shop = conversion.chapter["scenes"][1]
    assert [(c["text"], c.get("if"), [e["gold"].value for e in c.get("effects", [])])
            for c in shop["choices"]] == [
        ("Buy", "gold >= 5", [-5]), ("Leave", "gold >= 5", [-5]), ("Leave", "not (gold >= 5)", [])]
    assert "not_converted" not in shop


def test_links_that_never_show_together_are_counted_and_too_many_fail_loudly():
    # 6 + 6 never show more than 6 at once: all 12 are kept (a scene may list up to 18)
    links = "".join(f"[[L{i}->End]]" for i in range(6))
    conversion = convert_twee(f":: Start\n<<if $a>>{links}<<else>>{links}<</if>>\n:: End\nEnd.\n")
    start = conversion.chapter["scenes"][0]
    assert len(start["choices"]) == 12 and "not_converted" not in start
    # 7 in each of three branches: 7 show at once, but 21 are more than a scene lists
    links = "".join(f"[[L{i}->End]]" for i in range(7))
    conversion = convert_twee(f":: Start\n<<if $a>>{links}<<elseif $b>>{links}<<else>>{links}"
                              "<</if>>\n:: End\nEnd.\n")
    start = conversion.chapter["scenes"][0]
    assert len(start["choices"]) == 18
    assert "21 links, and a scene lists at most 18 choices: left out: " in start["not_converted"][0]
    # 10 that can all show at once: only 9 are kept, as the number keys reach
    links = "".join(f"[[L{i}->End]]" for i in range(10))
    conversion = convert_twee(f":: Start\n<<if $a>>{links}<<else>>[[L0->End]]<</if>>\n:: End\nEnd.\n")
    start = conversion.chapter["scenes"][0]
    assert len(start["choices"]) == 9
    assert "11 links, and 10 of them can show at once, and at most 9 may: left out: " in \
        start["not_converted"][0]


# -- 3. links that are not choices to missing scenes -----------------------------------------
def test_back_links_go_to_the_one_way_in_or_fail_loudly(capsys, tmp_path):
    result, text, _ = imported(capsys, tmp_path, "backlinks.twee", code=1)
    conversion = convert(read_story(TWINE / "backlinks.twee"), "b")
    scenes = {s["id"]: s for s in conversion.chapter["scenes"]}
    assert scenes["glade"]["choices"][0] == {"text": "Return", "next": "wood"}
    assert scenes["wood"]["not_converted"][0].endswith(
        "<<back>> goes back, but 2 passages lead here, so where it goes depends on the way the "
        "reader came")
    assert 'passage "StorySettings" was not imported' in text
    assert "storysettings" not in {e["id"] for e in conversion.chapter["endings"]}


def test_twee2_story_includes_and_twee2_tagged_passages(capsys, tmp_path):
    result, text, _ = imported(capsys, tmp_path, "twee2-main.tw2")
    assert set(result.scenario.scenes) == {"start"}
    assert [e.id for e in result.scenario.endings] == ["next"]
    assert 'passage "Notes" was not imported' in text


# -- 4. leftovers are converted or listed ----------------------------------------------------
def test_leftover_markup_becomes_plain_text_and_is_in_the_import_report(capsys, tmp_path):
    result, text, out = imported(capsys, tmp_path, "leftovers.twee")
    assert [line.text for line in result.scenario.scenes["start"].lines] == [
        "The Meeting", "Welcome to the meeting.", "Careful now."]
    report = (out / "import-report.md").read_text(encoding="utf-8")
    source = TWINE / "leftovers.twee"
    for entry in (f"- dropped: `{source}:8`: the image [img[logo.png]]: add the picture",
                  f"- converted: `{source}:5`: a comment was left out",
                  f"- converted: `{source}:7`: a comment was left out",
                  f"- converted: `{source}:7`: bold (''...'') became plain text",
                  f"- converted: `{source}:6`: a heading (!...) became plain text",
                  f"- converted: `{source}:10`: styled text (@@...@@) became plain text"):
        assert entry in report, entry


def test_fourteen_inline_conditionals_make_two_lines_fast():
    sentence = " ".join(f"<<if $m>>him{i}<<else>>her{i}<</if>>" for i in range(14))
    began = time.perf_counter()
    conversion = convert_twee(f":: Start\n<<set $m to true>>{sentence}\n[[On->End]]\n"
                              ":: End\nEnd.\n")
    took = time.perf_counter() - began
    lines = conversion.chapter["scenes"][0]["lines"]
    assert [line["if"] for line in lines] == ["m", "not m"]
    assert lines[0]["text"].startswith("him0 him1") and lines[1]["text"].endswith("her13")
    assert took < 0.1


# -- 5. safe output --------------------------------------------------------------------------
def test_out_must_be_in_a_scenes_folder_unless_anywhere(capsys, tmp_path):
    code, _, err = run_import(capsys, TWINE / "leftovers.twee", tmp_path / "elsewhere")
    assert code == 2 and "is not inside a scenes folder" in err and "--anywhere" in err
    code, _, _ = run_import(capsys, TWINE / "leftovers.twee", tmp_path / "elsewhere", "--anywhere")
    assert code == 0


def test_a_scenario_id_that_is_taken_is_refused(capsys, tmp_path):
    run_import(capsys, TWINE / "leftovers.twee", tmp_path / "scenes" / "meeting")
    taken = tmp_path / "scenes" / "Meeting!"
    code, _, err = run_import(capsys, TWINE / "leftovers.twee", taken)
    assert code == 2 and 'the scenario id "meeting"' in err and "already used by" in err
    assert not taken.exists()


@pytest.mark.parametrize("name, words", [
    ("latin1.twee", "latin1.twee:2: the file is not UTF-8 text (it looks like Latin-1"),
    ("utf16-no-bom.twee", "utf16-no-bom.twee:1: the file looks like UTF-16 text with no "
                          "byte-order mark"),
])
def test_other_encodings_get_a_hint_to_resave_as_utf8(name, words):
    with pytest.raises(TwineError, match="save it again as UTF-8") as caught:
        read_story(TWINE / name)
    assert words in str(caught.value)


def test_non_latin_names_get_readable_ids_and_an_empty_orphan_is_left_out(capsys, tmp_path):
    result, text, _ = imported(capsys, tmp_path, "names.twee")
    assert list(result.scenario.scenes) == ["nachalo"]
    assert [e.id for e in result.scenario.endings] == ["dalshe"]
    assert slugify("Ωμέγα") == "omega" and slugify("???") == "passage"


def test_a_big_story_is_split_into_chapter_files_and_imports_fast(capsys, tmp_path):
    words = "Tea and talk in the drop-in centre. " * 50
    parts = [":: StoryData\n{\"start\": \"P0\", \"format\": \"SugarCube\"}\n",
             ":: StoryInit\n<<set $n to 0>>\n"]
    for i in range(2000):
        parts.append(f":: P{i}\n<<set $n += 1>>{words}\n<<if $n gt {i % 7}>>[[On->P{i + 1}]]"
                     f"<<else>>[[Wait->P{(i + 2) % 2000}]]<</if>>\n[[Back->P{max(i - 1, 0)}]]\n")
    source = tmp_path / "big.twee"
    source.write_text("".join(parts) + ":: P2000\nThe end.\n", encoding="utf-8")
    began = time.process_time()  # CPU time: other work on the machine slows the wall clock
    conversion = twine.import_story(source, tmp_path / "scenes" / "big")
    took = time.process_time() - began
    files = sorted(p.name for p in (tmp_path / "scenes" / "big").glob("*-story.yaml"))
    assert len(files) >= 2 and all((tmp_path / "scenes" / "big" / f).stat().st_size < 4_000_000
                                   for f in files)
    assert len(conversion.chapter["scenes"]) == 2000
    result = load_scenario(tmp_path / "scenes" / "big")
    assert not result.errors, [str(p) for p in result.errors[:3]]
    assert took < 2.0 * 3  # 2 s on an idle machine; the test machine is shared


# -- every format, and projects as authors keep them -----------------------------------------
def test_chapbook_vars_modifiers_and_link_inserts(capsys, tmp_path):
    result, text, _ = imported(capsys, tmp_path, "chapbook.twee")
    scenario = result.scenario
    assert scenario.variables["knocks"].start == 0
    lines = [(line.text, line.condition.text if line.condition else None)
             for line in scenario.scenes["porch"].lines]
    assert lines == [("You wait on the porch.", None), ("Someone is coming.", "knocks > 1"),
                     ("Nobody answers.", "not (knocks > 1)")]
    assert choices(scenario, "porch") == [
        ("Lift the mat", None, "porch", [("hasKey", "set", True)]),
        ("Try the door", None, "hall", [])]
    assert choices(scenario, "hall")[1][:3] == ("Back", None, "porch")  # the one way in
    assert "mat" not in scenario.scenes and "Write the neighbour" not in text


def test_snowman_renders_are_copied_in_and_its_javascript_fails_loudly(capsys, tmp_path):
    result, text, _ = imported(capsys, tmp_path, "snowman.twee", code=1)
    conversion = convert(read_story(TWINE / "snowman.twee"), "s")
    gate = conversion.chapter["scenes"][0]
    assert gate["text"] == "The sign says: Open."
    assert gate["not_converted"] == [
        "tests/fixtures/twine/snowman.twee:7: the JavaScript <% s.visits = (s.visits || 0) + 1 %> "
        "may change the story, and cannot be converted".replace(
            "tests/fixtures/twine/snowman.twee", str(TWINE / "snowman.twee"))]


def test_twine1_html_a_story_library_and_a_folder_of_twee_files(capsys, tmp_path):
    old = read_story(TWINE / "twine1.html")
    assert old.title == "Old Mill" and old.start == "Start"
    assert [p.name for p in old.passages] == ["Start", "Inside", "Leave"]
    assert old.passages[0].text == "The mill wheel turns.\n\n[[Go inside|Inside]]\n[[Leave]]"
    library = read_story(TWINE / "library.html")
    assert library.title == "First" and any("--story NAME" in n for n in library.notes)
    assert read_story(TWINE / "library.html", "Second").format == "SugarCube 2.36.1"
    with pytest.raises(TwineError, match='no story named "Third"; it holds: "First", "Second"'):
        read_story(TWINE / "library.html", "Third")
    project = read_story(TWINE / "project")
    assert [(p.name, p.file.rsplit("/", 1)[-1]) for p in project.passages] == [
        ("One", "a.twee"), ("Two", "b.tw")]
    code, _, _ = run_import(capsys, TWINE / "library.html", tmp_path / "scenes" / "lib",
                            "--story", "Second")
    assert code == 0 and load_scenario(tmp_path / "scenes" / "lib").scenario.title == "Second"


def test_a_goto_under_a_condition_becomes_a_continue_under_it():
    conversion = convert_twee(":: Start\n<<if $done>><<goto \"End\">><</if>>Still here.\n"
                              "[[Finish->Mid]]\n:: Mid\n<<set $done to true>>[[Start]]\n"
                              ":: End\nBye.\n")
    start = conversion.chapter["scenes"][0]
    assert [(c["text"], c.get("if"), c["next"]) for c in start["choices"]] == [
        ("Continue", "done", "end-2"), ("Finish", "not done", "mid")]


def test_the_storys_own_content_warnings_become_content_notes():
    conversion = convert_twee(":: Start [cw-self-harm]\nA hard day. [[Content warnings]] [[On]]\n"
                              ":: Content warnings\nThis story talks about self-harm.\n"
                              "It mentions hospital stays.\n\n[[Start]]\n:: On\nThe end.\n")
    assert conversion.scenario["content_notes"] == [
        "This story talks about self-harm. It mentions hospital stays."]
    assert conversion.chapter["scenes"][0]["content_notes"] == ["self harm"]


def test_includes_are_copied_in_without_loops_or_blowing_up():
    many = "".join('<<include "B">>' for _ in range(6))
    source = (f":: Start\n{many}[[On]]\n:: B\n{many}<<include \"Start\">>b\n:: On\n"
              "<<include \"Nowhere\">>End.\n")
    began = time.perf_counter()
    conversion = convert_twee(source)
    assert time.perf_counter() - began < 2
    assert [s["id"] for s in conversion.chapter["scenes"]] == ["start"]  # B is only copied in
    on = conversion.chapter["endings"][0]
    assert on["not_converted"] == ['story.twee:6: <<include "Nowhere">> shows "Nowhere", '
                                   "which is not a passage in this story"]
