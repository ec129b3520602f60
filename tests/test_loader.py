"""Loading scenarios: every kind of mistake is reported at its file, line and column."""
from pathlib import Path

import pytest

from conftest import FIXTURES, MINIMAL_SCENARIO, MINIMAL_SCENES
from game.story import ScenarioError, load, load_scenario


def messages(folder: Path) -> list[str]:
    """Problems as 'file:line:col: message' with the folder part of the path removed."""
    return [str(p).replace(str(Path(p.file).parent) + "/", "", 1)
            for p in load_scenario(folder).problems]


def test_minimal_scenario_loads_with_defaults(make_scenario):
    scenario = load(make_scenario())
    trust = scenario.variables["trust"]
    assert (trust.minimum, trust.maximum, trust.start) == (0, 100, 50)
    power = scenario.variables["power"]
    assert (power.minimum, power.maximum, power.start) == (-100, 100, 0)
    assert scenario.variables["paid_fairly"].start is False
    assert scenario.scenes["b"].choices[0].text == "Continue"
    assert not scenario.scenes["b"].is_decision


def test_unparseable_yaml_is_reported_and_other_scenarios_still_load(tmp_path, make_scenario):
    good = make_scenario()
    bad = make_scenario(scenes="scenes:\n  - id: a\n    text: [unclosed\n")
    results = [load_scenario(good), load_scenario(bad)]
    assert results[0].scenario is not None
    assert results[1].scenario is None
    assert messages(bad)[0].startswith("1-scenes.yaml:4:1: this is not valid YAML")


def test_wrong_type_names_the_key_and_the_yaml_boolean_trap(make_scenario):
    folder = make_scenario(scenes=MINIMAL_SCENES.replace("text: Up", "text: no"))
    assert messages(folder) == [
        '1-scenes.yaml:4:15: scene "a", choice 1: "text" should be text, not true/false '
        "(YAML reads yes, no, on and off as true or false: put the word in quotes)"]


def test_missing_required_key(make_scenario):
    folder = make_scenario(scenario=MINIMAL_SCENARIO.replace("    name: Sam\n", ""))
    assert messages(folder) == ['scenario.yaml:7:3: role "service_user": "name" is missing']


def test_missing_scenario_keys_in_scenario_file(make_scenario):
    folder = make_scenario(scenario=MINIMAL_SCENARIO.replace("title: Mini\n", ""))
    assert messages(folder) == ['scenario.yaml:1:1: "title" is missing']


def test_unknown_key_suggests_the_right_one(make_scenario):
    folder = make_scenario(scenes=MINIMAL_SCENES.replace("next: end\n  - id: b", "nxt: end\n  - id: b"))
    assert messages(folder) == [
        '1-scenes.yaml:13:9: scene "a", choice 2: "next" is missing',
        '1-scenes.yaml:21:9: scene "a", choice 2: unknown key "nxt" (did you mean "next"?)']


def test_unknown_target_scene_suggests_a_near_miss(make_scenario):
    scenes = MINIMAL_SCENES.replace("  - id: b\n    next: end", "  - id: b\n    next: a\n"
                                    "  - id: closing\n    next: end").replace(
        "        next: end\n      - text: Down", "        next: closin\n      - text: Down")
    assert messages(make_scenario(scenes=scenes)) == [
        '1-scenes.yaml:12:15: "closin" is not a scene or an ending (did you mean "closing"?)']


def test_unknown_variable_in_condition_points_inside_the_condition(make_scenario):
    scenes = MINIMAL_SCENES.replace("      - text: Down\n", "      - text: Down\n"
                                    "        if: trust > 5 and paid_fairy\n")
    assert messages(make_scenario(scenes=scenes)) == [
        '1-scenes.yaml:14:27: "paid_fairy" is not a meter, variable or flag of this scenario '
        '(did you mean "paid_fairly"?)']


def test_condition_type_error(make_scenario):
    scenes = MINIMAL_SCENES.replace("      - text: Down\n", "      - text: Down\n"
                                    "        if: paid_fairly > 3\n")
    assert messages(make_scenario(scenes=scenes)) == [
        "1-scenes.yaml:14:27: cannot compare a yes/no value with a number"]


def test_unknown_variable_in_effect(make_scenario):
    scenes = MINIMAL_SCENES.replace("          - trust: +20", "          - trus: +20")
    assert messages(make_scenario(scenes=scenes)) == [
        '1-scenes.yaml:6:13: "trus" is not a meter, variable or flag of this scenario '
        '(did you mean "trust"?)']


def test_effect_of_the_wrong_kind(make_scenario):
    scenes = MINIMAL_SCENES.replace("          - trust: +20", "          - paid_fairly: +20")
    assert messages(make_scenario(scenes=scenes)) == [
        '1-scenes.yaml:6:13: "paid_fairly" is not a number, so it cannot go up or down; '
        "use set: paid_fairly"]


def test_duplicate_ids_across_files_name_the_first_place(make_scenario):
    folder = make_scenario(more="scenes:\n  - id: a\n    next: end\n")
    assert len(messages(folder)) == 1
    assert messages(folder)[0].startswith('more.yaml:2:9: the id "a" is used twice: here and at '
                                          "line 2 of ")
    assert messages(folder)[0].endswith("1-scenes.yaml; each scene and ending needs its own id")


def test_missing_start_scene(make_scenario):
    folder = make_scenario(scenario=MINIMAL_SCENARIO.replace("start: b", "start: bb"))
    assert messages(folder) == [
        'scenario.yaml:9:12: role "service_user" starts at scene "bb", which does not exist '
        '(did you mean "b"?)']


def test_missing_asset_file(make_scenario):
    folder = make_scenario(scenes=MINIMAL_SCENES.replace("  - id: b\n", "  - id: b\n"
                                                         "    background: room.png\n"))
    assert len(messages(folder)) == 1
    assert messages(folder)[0].startswith('1-scenes.yaml:23:17: the picture "room.png" is not in')


def test_asset_present_in_the_scenario_assets_folder(make_scenario):
    folder = make_scenario(scenes=MINIMAL_SCENES.replace("  - id: b\n", "  - id: b\n"
                                                         "    background: room.png\n"))
    (folder / "assets").mkdir()
    (folder / "assets" / "room.png").write_bytes(b"")
    assert messages(folder) == []


def test_unknown_speaker_when_a_cast_is_given(make_scenario):
    scenario = MINIMAL_SCENARIO + "cast:\n  Pat: {about: Manager}\n"
    scenes = MINIMAL_SCENES.replace("  - id: b\n", "  - id: b\n    lines:\n      - Pta: Hi\n")
    assert messages(make_scenario(scenes=scenes, scenario=scenario)) == [
        '1-scenes.yaml:24:9: "Pta" is not in the cast in scenario.yaml (did you mean "Pat"?)']


def test_scene_needs_choices_or_next(make_scenario):
    scenes = MINIMAL_SCENES + "  - id: c\n    text: Hello\n"
    assert messages(make_scenario(scenes=scenes)) == [
        '1-scenes.yaml:24:5: scene "c" needs either "choices" or "next"']


def test_missing_default_ending(make_scenario):
    scenario = MINIMAL_SCENARIO.replace("  - id: plain\n    title: Plain\n    text: Plain.\n", "")
    problems = messages(make_scenario(scenario=scenario))
    assert problems[0].startswith('1-scenes.yaml:12:15: "next: end" picks an ending by its '
                                  'condition, but role "professional" has no ending')


def test_effect_without_reason_is_a_warning_not_an_error(make_scenario):
    scenes = MINIMAL_SCENES.replace("            why: Up\n", "")
    result = load_scenario(make_scenario(scenes=scenes))
    assert result.scenario is not None
    assert [str(p).split(": ", 1)[1] for p in result.warnings] == [
        'warning: this effect has no "why": say why it happens and which principle it is about']


def test_bad_principle_tag_suggests_one(make_scenario):
    scenes = MINIMAL_SCENES.replace("tag: respect\n          - outcome: -5",
                                    "tag: respekt\n          - outcome: -5")
    assert messages(make_scenario(scenes=scenes)) == [
        '1-scenes.yaml:8:18: scene "a", choice 1, effect 1: "respekt" should be one of: power, '
        'purpose, respect, responsibility, resources, next (did you mean "respect"?)']


def test_all_problems_in_a_scenario_are_reported_at_once():
    result = load_scenario(FIXTURES / "broken")
    assert len(result.errors) >= 12
    kinds = " | ".join(p.message for p in result.errors)
    for expected in ("is not in", "not in the cast", "not a meter", "not a scene or an ending",
                     "should be text", "unknown key", "is used twice", "appears twice",
                     "which does not exist"):
        assert expected in kinds


def test_load_raises_with_every_error():
    with pytest.raises(ScenarioError) as caught:
        load(FIXTURES / "broken")
    assert len(caught.value.problems) >= 12


def test_a_folder_without_scenario_yaml(tmp_path):
    assert messages(tmp_path) == ["scenario.yaml:1:1: there is no scenario.yaml in this folder"]


def test_visited_names_an_existing_scene(make_scenario):
    scenes = MINIMAL_SCENES.replace("      - text: Down\n", "      - text: Down\n"
                                    "        if: visited(\"bb\")\n")
    assert messages(make_scenario(scenes=scenes)) == [
        '1-scenes.yaml:14:22: there is no scene "bb" (did you mean "b"?)']


def test_chapter_file_cannot_redefine_roles(make_scenario):
    folder = make_scenario(more="roles: {professional: {name: P, start: a}}\n")
    assert messages(folder) == ['more.yaml:1:1: "roles" belongs in scenario.yaml, not in a chapter file']


def test_shipped_schema_is_valid_json_schema():
    import json

    import jsonschema
    schema = json.loads((Path(__file__).parent.parent / "scenes" / "scenario.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)


def test_start_that_names_an_ending(make_scenario):
    folder = make_scenario(scenario=MINIMAL_SCENARIO.replace("start: b", "start: good"))
    assert messages(folder) == [
        'scenario.yaml:9:12: role "service_user" starts at "good", which is an ending, not a scene']


def test_two_choices_with_the_same_text_in_one_scene(make_scenario):
    folder = make_scenario(scenes=MINIMAL_SCENES.replace("text: Down", "text: Up"))
    assert messages(folder) == [
        '1-scenes.yaml:13:15: two choices in this scene have the same text "Up"; '
        "give each choice its own"]


def test_visited_on_an_ending_is_refused(make_scenario):
    scenes = MINIMAL_SCENES.replace("      - text: Down\n", "      - text: Down\n"
                                    "        if: visited(\"good\")\n")
    assert messages(make_scenario(scenes=scenes)) == [
        '1-scenes.yaml:14:22: "good" is an ending; visited() and visits() count scenes']


def test_content_notes_in_a_chapter_file_are_not_silently_lost(make_scenario):
    folder = make_scenario(more="content_notes: [self-harm]\nscenes: []\n")
    assert messages(folder) == [
        'more.yaml:1:1: "content_notes" belongs in scenario.yaml, not in a chapter file']


def test_not_a_number_is_refused(make_scenario):
    folder = make_scenario(scenes=MINIMAL_SCENES.replace("trust: +20", "trust: .nan"))
    assert messages(folder) == [
        '1-scenes.yaml:6:20: scene "a", choice 1, effect 1: "trust" should be a number, not text']


def test_set_outside_the_range(make_scenario):
    scenes = MINIMAL_SCENES.replace("          - trust: +20\n", "          - set: trust\n"
                                    "            to: 500\n")
    assert messages(make_scenario(scenes=scenes)) == [
        '1-scenes.yaml:7:17: 500 is outside the range of "trust" (0 to 100)']


def test_meter_with_min_above_max(make_scenario):
    folder = make_scenario(scenario=MINIMAL_SCENARIO + "meters:\n  trust: {min: 100, max: 0}\n")
    assert messages(folder) == ['scenario.yaml:21:3: meter "trust": min (100) is greater than max (0)']


def test_a_meter_range_without_start_moves_the_default_start(make_scenario):
    from game.story import load
    scenario = load(make_scenario(scenario=MINIMAL_SCENARIO + "meters:\n  trust: {min: 60}\n"))
    assert scenario.variables["trust"].start == 60


def test_a_bad_role_name_is_reported_at_that_name(make_scenario):
    scenario = MINIMAL_SCENARIO.replace("  service_user:\n", "  Service User:\n")
    assert messages(make_scenario(scenario=scenario)) == [
        'scenario.yaml:7:3: "Service User" is not a usable name: use letters, digits and _ '
        "(no spaces), starting with a letter"]


def test_condition_written_over_two_lines_points_at_its_start(make_scenario):
    scenes = MINIMAL_SCENES.replace("      - text: Down\n", "      - text: Down\n"
                                    "        if: trust > 5 and\n          bogus\n")
    assert messages(make_scenario(scenes=scenes)) == [
        '1-scenes.yaml:14:13: "bogus" is not a meter, variable or flag of this scenario']


def test_tabs_get_a_plain_explanation(make_scenario):
    folder = make_scenario(scenes="scenes:\n\t- id: a\n")
    assert messages(folder)[0] == (
        "1-scenes.yaml:2:1: this is not valid YAML: tabs cannot be used to indent YAML; use spaces")


def test_unclosed_quote_points_where_it_opens(make_scenario):
    folder = make_scenario(scenes='scenes:\n  - id: a\n    text: "never closed\n    next: end\n')
    assert messages(folder)[0].startswith("1-scenes.yaml:3:11: this is not valid YAML")


def test_conditional_line_checks_its_condition_and_speaker(make_scenario):
    scenario = MINIMAL_SCENARIO + "cast:\n  Pat: {about: Manager}\n"
    scenes = MINIMAL_SCENES.replace("  - id: b\n", "  - id: b\n    lines:\n"
                                    "      - if: trusst > 5\n        Pat: Hi\n"
                                    "      - if: paid_fairly\n        Pta: Hi\n"
                                    "      - if: paid_fairly\n")
    assert messages(make_scenario(scenes=scenes, scenario=scenario)) == [
        '1-scenes.yaml:24:13: "trusst" is not a meter, variable or flag of this scenario '
        '(did you mean "trust"?)',
        '1-scenes.yaml:27:9: "Pta" is not in the cast in scenario.yaml (did you mean "Pat"?)',
        '1-scenes.yaml:28:9: scene "b", line 3: a line is either narration, or one speaker and what '
        'they say (Name: words), with an optional "if: condition" (then narration is written '
        'text: words)']


def test_obstacles_are_checked_against_the_learning_design(make_scenario):
    scenes = MINIMAL_SCENES.replace("  - id: a\n", "  - id: a\n    obstacles: [power, hiding-expertise]\n")
    [message] = messages(make_scenario(scenes=scenes))
    assert message.startswith("1-scenes.yaml:3:") and "hiding_expertise" in message
    good = MINIMAL_SCENES.replace("  - id: a\n", "  - id: a\n    obstacles: [power, resources]\n")
    assert load(make_scenario(scenes=good)).scenes["a"].obstacles == ("power", "resources")


def test_a_colon_in_text_gets_a_quoting_hint_and_knock_on_errors_point_at_it(make_scenario):
    scenes = MINIMAL_SCENES.replace("  - id: b\n", "  - id: b\n    text: Gwen said: no\n")
    found = messages(make_scenario(scenes=scenes))
    assert found[0].startswith("1-scenes.yaml:23:20: this is not valid YAML") and "put the whole text in quotes" in found[0]
    assert any("which does not exist" in m and "it may be in 1-scenes.yaml, which could not be read" in m
               for m in found[1:])


def test_a_chapter_purpose_loads_and_its_mistakes_are_placed(make_scenario):
    good = "chapter: The meeting\npurpose:\n  what: agreeing  the agenda\n  fits: [3, 5]\n  why: Staff\n    know the room.\n"
    scenario = load_scenario(make_scenario(more=good + "scenes: []\n")).scenario
    purpose = scenario.purposes["The meeting"]
    assert (purpose.what, purpose.low, purpose.high, purpose.why) == (
        "agreeing the agenda", 3, 5, "Staff know the room.")
    assert messages(make_scenario(more="chapter: M\npurpose: {what: x, fits: [5, 3]}\n")) == [
        "more.yaml:2:26: the lowest rung comes first: [3, 5]"]
    assert "is greater than the maximum of 6" in messages(
        make_scenario(more="chapter: M\npurpose: {what: x, fits: [3, 7]}\n"))[0]
    assert messages(make_scenario(more="purpose: {what: x, fits: [3, 5]}\n")) == [
        'more.yaml:1:1: a "purpose" belongs to a chapter: add "chapter: ..." to this file']


@pytest.mark.parametrize("written", ["0x_", "0b_", "-0x_", "!!int abc", "!!float many",
                                     "!!bool maybe", '!!int ""'])
def test_a_value_yaml_cannot_read_as_its_kind_is_reported_not_a_crash(make_scenario, written):
    scenes = MINIMAL_SCENES.replace("trust: +20", f"trust: {written}")
    [message] = messages(make_scenario(scenes=scenes))
    assert message.startswith("1-scenes.yaml:6:2") and "should be a number, not text" in message
    titled = MINIMAL_SCENES.replace("text: Up", f"text: {written}")
    choice = load(make_scenario(scenes=titled)).scenes["a"].choices[0]
    assert choice.text == written.split()[-1].strip('"')


@pytest.mark.parametrize("written, read", [("+20", 20), ("-0", 0), ("0", 0), ("012", 10),
                                           ("1_000", 1000), ("0x1F", 31), ("12:30", 750),
                                           ("+1.5", 1.5), ("1.0e+3", 1000.0)])
def test_numbers_are_read_as_yaml_reads_them(make_scenario, written, read):
    scenes = MINIMAL_SCENES.replace("trust: +20", f"trust: {written}")
    effect = load(make_scenario(scenes=scenes)).scenes["a"].choices[0].effects[0]
    assert effect.value == read and type(effect.value) is type(read)


def test_every_way_of_writing_an_effect_makes_the_same_effect(make_scenario):
    written = {"set": "- set: paid_fairly\n{more}", "set_to": "- set: paid_fairly\n  to: true\n{more}",
               "clear": "- clear: paid_fairly\n{more}",
               "clear_by_set": "- set: paid_fairly\n  to: false\n{more}",
               "add": "- trust: +5\n{more}", "add_to_power": "- power: -5\n{more}"}
    more = "  why: Because\n  tag: respect\n"
    effects = "".join(text.format(more=more) for text in written.values())
    block = "\n".join("          " + line for line in effects.splitlines())
    scenes = MINIMAL_SCENES.replace(
        "        effects:\n          - trust: +20\n            why: Up\n            tag: respect\n"
        "          - outcome: -5\n            why: Slower\n            tag: resources\n",
        "        effects:\n" + block + "\n", 1)
    made = load(make_scenario(scenes=scenes)).scenes["a"].choices[0].effects
    assert [tuple(e) for e in made] == [
        ("paid_fairly", "set", True, "Because", "respect"), ("paid_fairly", "set", True, "Because", "respect"),
        ("paid_fairly", "set", False, "Because", "respect"), ("paid_fairly", "set", False, "Because", "respect"),
        ("trust", "add", 5, "Because", "respect"), ("power", "add", -5, "Because", "respect")]
    assert all(type(e.value) is type(made[0].value) for e in made[:4])
