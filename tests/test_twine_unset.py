"""Twine import: a variable no start-up passage sets. In SugarCube and Chapbook it is
JavaScript's undefined until the story sets it, so every comparison with it is false but `!=`
(`$gold lt 5` is false, `$gold isnot 0` true) and a step makes NaN; in Harlowe it is 0. The
converted scenario must answer each test as Twine does, before the first change and after it,
and what it cannot answer so must be reported."""
import operator

import pytest

from test_twine_lang import convert_twee, play, records

# Each way to compare, and what it means once the variable has a value.
OPERATORS = {"lt": operator.lt, "lte": operator.le, "gt": operator.gt, "gte": operator.ge,
             "is": operator.eq, "eq": operator.eq, "==": operator.eq, "===": operator.eq,
             "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
             "isnot": operator.ne, "neq": operator.ne, "!=": operator.ne, "!==": operator.ne}


def sugarcube_test(test: str, value: int) -> str:
    """A story whose start passage says whether `test` holds, with a link that sets $n to
    `value` and comes back."""
    return (f":: Start\n<<if {test}>>Holds.<<else>>Fails.<</if>>\n"
            f"[[Set it|Start][$n to {value}]]\n")


@pytest.mark.parametrize("word", sorted(OPERATORS))
@pytest.mark.parametrize("literal_first", [False, True])
def test_each_comparison_of_an_unset_variable_answers_as_twine(tmp_path, word, literal_first):
    test = f"0 {word} $n" if literal_first else f"$n {word} 0"
    conversion = convert_twee(sugarcube_test(test, 0))
    before, _ = play(tmp_path / "before", conversion)
    assert before == ["Holds." if word in ("isnot", "neq", "!=", "!==") else "Fails."]
    after, _ = play(tmp_path / "after", conversion, 0)
    assert after == ["Holds." if OPERATORS[word](0, 0) else "Fails."]


@pytest.mark.parametrize("test, value, holds_after", [
    ('$name is ""', '""', True), ("$met is false", "false", True),
    ("$met isnot false", "false", False), ("$n gte 5 or $n lt 5", "3", True)])
def test_words_and_true_false_compare_as_undefined_too(tmp_path, test, value, holds_after):
    story = (f":: Start\n<<if {test}>>Holds.<<else>>Fails.<</if>>\n"
             f"[[Set it|Start][${test[1:test.index(' ')]} to {value}]]\n")
    conversion = convert_twee(story)
    before, _ = play(tmp_path / "before", conversion)
    assert before == ["Holds." if "isnot" in test else "Fails."]
    after, _ = play(tmp_path / "after", conversion, 0)
    assert after == ["Holds." if holds_after else "Fails."]


def test_a_test_of_truth_alone_needs_no_flag(tmp_path):
    conversion = convert_twee(":: Start\n<<if not $met>>Not met.<</if>>\n"
                              "[[Meet|Start][$met to true]]\n")
    assert "met_defined" not in "".join(text for _, text in conversion.chapter_files())
    assert play(tmp_path / "before", conversion)[0] == ["Not met."]
    assert play(tmp_path / "after", conversion, 0)[0] == []


def test_a_variable_with_a_starting_value_converts_as_before_with_no_flag(tmp_path):
    story = (":: StoryInit\n<<set $n to 0>>\n" + sugarcube_test("$n lt 5", 9))
    conversion = convert_twee(story)
    assert "n_defined" not in conversion.scenario_yaml() + "".join(
        text for _, text in conversion.chapter_files())
    assert play(tmp_path / "before", conversion)[0] == ["Holds."]
    assert play(tmp_path / "after", conversion, 0)[0] == ["Fails."]


def test_a_value_set_at_the_top_of_the_start_passage_is_a_starting_value(tmp_path):
    conversion = convert_twee(":: Start\n<<set $n to 1>><<if $n lt 5>>Holds.<</if>>\n"
                              "[[Again|Start][$n to 7]]\n")
    assert "n_defined" not in "".join(text for _, text in conversion.chapter_files())
    assert play(tmp_path, conversion)[0] == ["Holds."]


@pytest.mark.parametrize("change", ["<<set $n += 1>>", "<<set $n++>>", "<<set $n to $n + 1>>",
                                    "[[Step|Start][$n -= 1]]"])
def test_a_step_of_a_variable_with_no_value_yet_is_reported(change):
    conversion = convert_twee(f":: Start\n{change}<<if $n>>Some.<</if>>\n[[Start]]\n")
    assert any("no starting value the import can read; in Twine that makes it NaN" in what
               for what in records(conversion, "not converted"))


def test_a_step_after_the_passage_sets_the_variable_converts(tmp_path):
    conversion = convert_twee(":: Start\n<<set $n to 1>><<set $n += 1>><<if $n is 2>>Two.<</if>>"
                              "\n[[Start]]\n")
    assert play(tmp_path, conversion)[0] == ["Two."]


def test_a_step_of_a_variable_with_a_starting_value_converts(tmp_path):
    conversion = convert_twee(":: StoryInit\n<<set $n to 1>>\n:: Start\n<<set $n += 1>>"
                              "<<if $n is 2>>Two.<</if>>\n[[Start]]\n")
    assert play(tmp_path, conversion)[0] == ["Two."]


@pytest.mark.parametrize("setter", ["<<script>>State.variables.n = 3<</script>>",
                                    "<<textbox \"$n\" \"\">>", "<<unset $n>>"])
def test_a_comparison_is_reported_when_the_flag_cannot_follow_every_change(setter):
    conversion = convert_twee(f":: Start\n{setter}\n<<if $n lt 3>>[[Few|Start]]<</if>>\n"
                              "[[Set|Start][$n to 3]]\n")
    assert conversion.loud
    assert any("compares $n, which has no starting value" in note for note in conversion.notes)


def test_comparing_two_unset_variables_is_reported():
    conversion = convert_twee(":: Start\n<<if $a is $b>>[[Same|Start]]<</if>>\n"
                              "[[Set|Start][$a to 1]]\n")
    assert conversion.loud
    assert any("compares $a" in note for note in conversion.notes)


def test_chapbook_compares_an_unset_variable_as_undefined(tmp_path):
    conversion = convert_twee(":: Start\n[if gold < 5]\nPoor.\n[continue]\n"
                              "[if gold != 0]\nNot zero.\n[continue]\n"
                              "{link to: 'Bank', label: 'Bank'}\n"
                              ":: Bank\ngold: 0\n--\n{link to: 'Start', label: 'Back'}\n",
                              "Chapbook")
    assert play(tmp_path / "before", conversion)[0] == ["Not zero."]
    assert play(tmp_path / "after", conversion, 0, 0)[0] == ["Poor."]


def test_harlowe_unset_numbers_are_zero_and_equal_no_text(tmp_path):
    conversion = convert_twee(
        ':: Start\n(if: $n is 0)[Zero.](if: $name is "")[Empty.](if: $name is not "Sam")[Not Sam.]'
        '\n(link-goto: "Name", "Named")\n'
        ':: Named\n(set: $name to "")(set: $n to 1)(link-goto: "Back", "Start")\n', "Harlowe")
    assert play(tmp_path / "before", conversion)[0] == ["Zero.Not Sam."]
    assert play(tmp_path / "after", conversion, 0, 0)[0] == ["Empty.Not Sam."]


@pytest.mark.parametrize("test, reported", [("$n is 0", True), ('$name is "Sam"', False)])
def test_a_story_of_unknown_format_keeps_only_what_both_formats_answer_alike(test, reported):
    conversion = convert_twee(f":: Start\n<<if {test}>>[[Yes|Start]]<</if>>\n"
                              f"(set: $x to 1)[[Set|Start][$n to 1, $name to \"Sam\"]]\n", "")
    assert bool(conversion.loud) == reported


def test_a_story_of_unknown_format_written_in_sugarcube_markup_compares_as_sugarcube(tmp_path):
    conversion = convert_twee(sugarcube_test("$n is 0", 0), "")
    assert play(tmp_path / "before", conversion)[0] == ["Fails."]
    assert play(tmp_path / "after", conversion, 0)[0] == ["Holds."]


def test_a_chapbook_variable_the_reader_types_in_gets_no_flag():
    conversion = convert_twee(":: Start\n{text input for: 'name'}\n[if name == '']\nNo name.\n"
                              "[continue]\n{link to: 'Start', label: 'Again'}\n", "Chapbook")
    assert "name_defined" not in "".join(text for _, text in conversion.chapter_files())
    assert any("compares $name, which has no starting value" in note
               for note in conversion.notes)


def test_a_start_up_change_the_import_cannot_read_still_gives_a_value():
    conversion = convert_twee(":: StoryInit\n<<set $n to random(1, 3)>>\n:: Start\n"
                              "<<set $n += 1>><<if $n gt 2>>[[Many|Start]]<</if>>\n[[Start]]\n")
    assert conversion.loud  # the start-up change itself is reported
    assert not any("NaN" in what or "no starting value" in what
                   for what in records(conversion, "not converted") + conversion.notes)
