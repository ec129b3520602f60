"""Twine import: values a story can know before it runs. The name of the passage the reader is
on (SugarCube passage(), State.passage, State.active.title; Harlowe (passage:)'s name; Chapbook
passage.name) is a known text in each passage, also inside a passage another one includes; a
test of literals alone is the true or false it always gives; a start-up setting of Twine's
page (saves, history buttons) and a Harlowe variable that only holds looks change no scene;
`def $x` and `$x is undefined` read a flag every change of $x sets; a number every change
keeps between the same two ends (Math.clamp, (min:)) is a step on a variable with that
range. Each is converted exactly, and where it would not be exact it is still reported."""
import pytest

from game.twine.expr import (condition_tokens, constant_test, here_named, page_settings,
                             parse_sets)

from test_twine_lang import convert_twee, play, records

SUGARCUBE_MENU = """:: Start
<<include "Menu">>
:: Kitchen
Warm.
<<include "Menu">>
:: Menu
<<if passage() is "Kitchen">>You are in the kitchen.<<else>>[[Kitchen]]<</if>>
<<if State.passage isnot "Start">>[[Start]]<</if>>
"""


def test_a_sugarcube_passage_name_in_an_included_passage_is_the_including_ones(tmp_path):
    conversion = convert_twee(SUGARCUBE_MENU)
    lines, run = play(tmp_path, conversion)
    assert "You are in the kitchen." not in lines
    assert [choice.text for choice in run.choices] == ["Kitchen"]
    lines, run = play(tmp_path / "kitchen", conversion, 0)
    assert "You are in the kitchen." in lines
    assert [choice.text for choice in run.choices] == ["Start"]


def test_harlowe_passage_name_set_into_a_variable_is_that_text(tmp_path):
    conversion = convert_twee(
        ":: Start\n(set: $left to (passage:)'s name)[[Hall]]\n"
        ":: Hall\n(set: $came to (passage:)'s name)(if: $left is \"Start\")[From the start.]"
        "(if: $came is \"Hall\")[ In the hall.]\n[[Start]]\n", "Harlowe")
    lines, _ = play(tmp_path, conversion, 0)
    assert lines == ["From the start. In the hall."]


def test_chapbook_tests_of_passage_name_in_vars_and_modifiers(tmp_path):
    conversion = convert_twee(
        ":: Start\n{embed passage: 'Nav'}\n"
        ":: Shop\nShelves.\n{embed passage: 'Nav'}\n"
        ":: Nav\natShop: passage.name == 'Shop' || passage.name == 'Till'\n--\n"
        "[if atShop]\nYou are shopping.\n[else]\n[[Shop]]\n[continue]\n"
        "[if passage.name != 'Start']\n[[Start]]\n", "Chapbook")
    lines, run = play(tmp_path, conversion)
    assert "You are shopping." not in lines
    assert [choice.text for choice in run.choices] == ["Shop"]
    lines, run = play(tmp_path / "shop", conversion, 0)
    assert "You are shopping." in lines
    assert [choice.text for choice in run.choices] == ["Start"]


def test_the_passage_name_in_story_init_is_not_known_and_is_reported():
    conversion = convert_twee(':: StoryInit\n<<set $first to passage()>>\n'
                              ':: Start\n<<if $first is "Start">>Yes.<</if>>[[Start]]\n')
    assert conversion.loud
    assert any("<<set $first to passage()>>" in what
               for what in records(conversion, "not converted"))


def test_page_settings_in_story_init_are_dropped_other_config_is_reported():
    conversion = convert_twee(':: StoryInit\n<<set Config.saves.autosave to false>>'
                              '<<set Config.history.controls to false>>\n'
                              ':: Start\nHello.\n[[Start]]\n')
    assert conversion.loud == 0
    assert len([what for what in records(conversion, "dropped")
                if "only changes how Twine's page works" in what]) == 2
    loud = convert_twee(':: StoryInit\n<<set Config.passages.start to "Other">>\n'
                        ':: Start\nHello.\n[[Start]]\n:: Other\nElsewhere.\n')
    assert loud.loud


@pytest.mark.parametrize("source, result", [
    ("'brief' == 'brief' || 'brief' == 'rules'", True),
    ('"a" is not "a"', False),
    ("not (1 > 2)", True),
    ('"a" or "b"', None),  # JavaScript answers with a text: not a test
    ('1 == "1"', None),  # JavaScript compares loosely; the scenario refuses the mix
    ("1 + 2", None),
    ('"a"', None),
    ("$x == 1", None),
])
def test_a_test_of_literals_alone_is_its_result_and_nothing_else_is(source, result):
    assert constant_test(source) is result


def test_the_passage_name_is_never_read_inside_quotes_and_only_where_known():
    assert here_named('$a to "passage()", $b to passage()', "Hall") == \
        '$a to "passage()", $b to "Hall"'
    assert here_named("$a to passage()", None) == "$a to passage()"
    assert here_named("$a to passage()", "Tom's \"den\"") == "$a to passage()"
    assert here_named("$a to passage()", "Tom's") == '$a to "Tom\'s"'
    assert parse_sets("$a to passage()") is None
    assert parse_sets("$a to passage(), $b to passage() is 'Hall'", False, "Hall") == [
        ("a", "set", "Hall"), ("b", "set", True)]
    assert page_settings("Config.saves.autosave to false, Config.ui.stowBarInitially = true")
    assert not page_settings("Config.saves.autosave to false, $gold to 1")
    assert not page_settings("Config.history.maxStates to 1")


HARLOWE_LOOKS = """:: Start
(set: $fade to (transition: 'dissolve') + (transition-time: 2s))$fade[Hello.]
[[Next]]
:: Next
(if: $met)[(set: $fade to (t8n: 'pulse'))]$fade[Bye.]
[[Start]]
"""


@pytest.mark.parametrize("extra, loud", [
    ("", False),
    ("(set: $fade to 2)", True),  # also a number: it holds more than looks
    ("(print: $fade)", True),  # shown: what it holds is read
    ("(set: $fade to (text-style: $style))", True),  # looks chosen by another variable
])
def test_a_harlowe_variable_that_only_holds_looks_for_hooks_is_dropped(extra, loud):
    conversion = convert_twee(HARLOWE_LOOKS + extra + "\n", "Harlowe")
    assert bool(conversion.loud) is loud, conversion.records
    dropped = [what for what in records(conversion, "dropped")
               if "only sets how text attached to the variable comes in" in what]
    assert len(dropped) == (0 if loud else 2)


SUGARCUBE_ASKS = """:: Start
<<if ndef $name>>No name yet.<</if>><<if $met is undefined>> Never met.<</if>>
<<if $met !== null>> Met before.<</if>><<if def $name>> Hello, friend.<</if>>
[[Name|Start][$name to "Sam"]]
[[Meet|Start][$met to false]]
"""


@pytest.mark.parametrize("picks, shown", [
    ((), ["No name yet. Never met."]),
    ((0,), ["Never met.", "Hello, friend."]),
    ((1,), ["No name yet.", "Met before."]),  # false is a value: it has one
])
def test_asking_whether_a_variable_has_a_value_reads_a_flag_its_changes_set(
        tmp_path, picks, shown):
    conversion = convert_twee(SUGARCUBE_ASKS)
    lines, run = play(tmp_path, conversion, *picks)
    assert lines == shown
    assert any('the flag "met_defined" says so' in note for note in conversion.notes)


def test_a_value_given_at_the_start_means_the_variable_has_one(tmp_path):
    conversion = convert_twee(":: StoryInit\n<<set $met to true>>\n" + SUGARCUBE_ASKS)
    lines, _ = play(tmp_path, conversion)
    assert lines == ["No name yet.", "Met before."]


@pytest.mark.parametrize("extra", [
    '<<textbox "$name" "">>',  # the reader gives it a value
    "<<unset $name>>",
    "<<set $name to either('Sam', 'Ash')>>",  # a change the import cannot read
    "<<run State.variables.name = 'Sam'>>",
    "<<script>>State.variables.name = 'Sam';<</script>>",
])
def test_a_variable_set_in_a_way_the_import_cannot_follow_is_still_reported(extra):
    conversion = convert_twee(SUGARCUBE_ASKS + extra + "\n")
    assert any("<<if ndef $name>>: its test cannot be converted" in what
               for what in records(conversion, "approximated"))
    assert not any("name_defined" in note for note in conversion.notes)


def test_a_comparison_of_two_literals_in_a_test_is_written_as_its_result():
    assert condition_tokens('passage() is "Hall" and $lit', "Hall") == [
        ("bool", "true"), ("op", "and"), ("var", "lit")]
    assert condition_tokens('not (passage() is "Yard")', "Hall") == [
        ("op", "not"), ("op", "("), ("bool", "false"), ("op", ")")]
    assert ("bool", "false") not in condition_tokens("1 + 2 == 4", "Hall")  # a sum stays
    assert condition_tokens('"1" == 1', "Hall") == [("str", "1"), ("op", "=="), ("num", "1")]


SUGARCUBE_KEPT = """:: StoryInit
<<set $care to 5>>
:: Start
Care: <<if $care gte 10>>full<<elseif $care is 0>>none<<else>>some<</if>>.
[[Help|Start][$care to Math.clamp($care + 3, 0, 10)]]
[[Hurt|Start][$care to ($care - 4).clamp(0, 10)]]
"""


@pytest.mark.parametrize("picks, shown", [
    ((0, 0), "Care: full."),  # 5, 8, 10: it stops at 10
    ((0, 0, 0, 1), "Care: some."),  # 10, then 6
    ((1, 1), "Care: none."),  # 1, then 0: it stops at 0
    ((1, 1, 0), "Care: some."),  # 0 + 3, not -3 + 3
])
def test_a_number_kept_between_two_ends_is_a_step_on_a_variable_with_that_range(
        tmp_path, picks, shown):
    conversion = convert_twee(SUGARCUBE_KEPT)
    assert conversion.scenario["variables"]["care"] == {"start": 5, "min": 0, "max": 10}
    lines, _ = play(tmp_path, conversion, *picks)
    assert lines == [shown]


HARLOWE_KEPT = """:: Setup [startup]
(set: $hope to 1)
:: Start
(if: $hope is 3)[Three.](else-if: $hope is -1)[Below.](else:)[Some.]
(link: "Up")[(set: $hope to (min: $hope + 1, 3))(go-to: "Start")]
(link: "Down")[(set: $hope to (min: $hope - 2, 3))(go-to: "Start")]
"""


@pytest.mark.parametrize("picks, shown", [
    ((0, 0, 0), "Three."),  # 2, 3, 3: it stops at 3
    ((0, 0, 0, 1), "Some."),  # 3 - 2
    ((1,), "Below."),  # 1 - 2: no end below
])
def test_harlowe_min_keeps_a_number_below_one_end(tmp_path, picks, shown):
    conversion = convert_twee(HARLOWE_KEPT, "Harlowe")
    assert conversion.scenario["variables"]["hope"] == {"start": 1, "max": 3}
    lines, _ = play(tmp_path, conversion, *picks)
    assert lines == [shown]


def test_one_end_kept_here_and_the_other_there_is_reported():
    conversion = convert_twee(HARLOWE_KEPT.replace("(min: $hope - 2, 3)", "(max: $hope - 2, 0)"),
                              "Harlowe")
    assert any("(min: $hope + 1, 3)" in what for what in records(conversion, "not converted"))


@pytest.mark.parametrize("story", [
    SUGARCUBE_KEPT + "[[Grow|Start][$care += 1]]\n",  # a step that does not stop at 10
    SUGARCUBE_KEPT + "[[Grow|Start][$care to Math.clamp($care + 1, 0, 20)]]\n",  # other ends
    SUGARCUBE_KEPT + "[[Reset|Start][$care to 12]]\n",  # a value past the end
    SUGARCUBE_KEPT.replace("<<set $care to 5>>", "<<set $care to 50>>"),  # starts past it
    SUGARCUBE_KEPT.replace("<<set $care to 5>>", ""),  # no value: + 3 gives no number
    SUGARCUBE_KEPT + '<<textbox "$care" "">>\n',  # the reader sets it
])
def test_a_number_not_always_kept_between_the_same_ends_is_reported(story):
    conversion = convert_twee(story)
    assert any("Math.clamp($care + 3, 0, 10)" in what
               for what in records(conversion, "not converted"))
