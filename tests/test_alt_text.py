"""Alt text for scene pictures: `alt:` beside a picture or in scenario.yaml's `pictures:`, a
warning (never an error) for a picture with none, and a <title> in every shipped SVG."""
import io
import xml.etree.ElementTree as ET

import pytest

from conftest import FIXTURES, MINIMAL_SCENARIO, MINIMAL_SCENES, ROOT
from game.check import run_check
from game.handouts.scenario import character_cards
from game.story import load, load_scenario

SHIPPED = ("haven", "tea-and-terms")
SVG = "{http://www.w3.org/2000/svg}"
PICTURE = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'


def _with_pictures(make_scenario, scenes=MINIMAL_SCENES, scenario=MINIMAL_SCENARIO):
    folder = make_scenario(scenes, scenario)
    (folder / "assets").mkdir()
    for name in ("hall.svg", "jo.svg", "desk.svg"):
        (folder / "assets" / name).write_text(PICTURE, encoding="utf-8")
    return folder


def _scene_a(picture_lines: str) -> str:
    """MINIMAL_SCENES with `picture_lines` (already indented for a scene key) in scene a."""
    return MINIMAL_SCENES.replace("  - id: a\n", "  - id: a\n" + picture_lines, 1)


def _alt_warnings(result):
    return [str(p) for p in result.alt_warnings if "alt text" in p.message]


def test_alt_beside_the_picture_is_read_for_background_and_portrait(make_scenario):
    folder = _with_pictures(make_scenario, _scene_a(
        "    background:\n      file: hall.svg\n      alt: The hall, chairs in a circle.\n"
        "    portrait: {file: jo.svg, alt: \"\"}\n"))
    result = load_scenario(folder)
    assert result.errors == [] and _alt_warnings(result) == []
    scene = result.scenario.scenes["a"]
    assert (scene.background, scene.background_alt) == ("hall.svg", "The hall, chairs in a circle.")
    assert (scene.portrait, scene.portrait_alt) == ("jo.svg", "")  # "" is decoration
    assert scene.alt_texts == ("The hall, chairs in a circle.",)  # decoration is not read out
    assert scene.alt == "The hall, chairs in a circle."  # one passage, for speech


def test_the_pictures_table_gives_every_use_its_alt_and_beside_wins(make_scenario):
    table = ("pictures:\n  hall.svg:\n    alt: The hall.\n"
             "cast:\n  Jo:\n    portrait: jo.svg\n  Pat:\n    portrait: {file: desk.svg, alt: Pat.}\n"
             "  Sam: {}\n")
    scenes = _scene_a("    background: hall.svg\n").replace(
        "  - id: b\n", "  - id: b\n    background: {file: hall.svg, alt: The hall at night.}\n")
    folder = _with_pictures(make_scenario, scenes, MINIMAL_SCENARIO + table.replace(
        "  hall.svg:\n    alt: The hall.\n", "  hall.svg:\n    alt: The hall.\n  jo.svg:\n    alt: Jo.\n"))
    scenario = load(folder)
    assert scenario.scenes["a"].background_alt == "The hall."
    assert scenario.scenes["b"].background_alt == "The hall at night."
    assert scenario.cast["Jo"].portrait_alt == "Jo."
    assert (scenario.cast["Pat"].portrait, scenario.cast["Pat"].portrait_alt) == ("desk.svg", "Pat.")
    assert scenario.cast["Sam"].portrait_alt is None
    assert scenario.pictures == {"hall.svg": "The hall.", "jo.svg": "Jo."}


def test_old_files_stay_valid_and_a_missing_alt_is_one_warning_per_picture(make_scenario):
    scenes = _scene_a("    background: hall.svg\n").replace(
        "  - id: b\n", "  - id: b\n    background: hall.svg\n")
    folder = _with_pictures(make_scenario, scenes)
    result = load_scenario(folder)
    assert result.errors == [] and result.scenario is not None
    assert result.scenario.scenes["a"].background_alt is None
    warnings = _alt_warnings(result)
    assert len(warnings) == 1, warnings
    assert all(p.severity == "warning" for p in result.alt_warnings)
    # said by check; playing, reloading and the problems screen are not filled with them
    assert not any("alt text" in p.message for p in result.problems)
    where, message = warnings[0].split(": warning: ")
    assert where.endswith("1-scenes.yaml:3:17"), where
    assert message.startswith('the picture "hall.svg" has no alt text (nor 1 more use of it)')


def test_a_missing_picture_is_one_error_and_no_alt_warning(make_scenario):
    result = load_scenario(make_scenario(_scene_a("    background: gone.svg\n")))
    assert [p.message.split(" is not in")[0] for p in result.errors] == ['the picture "gone.svg"']
    assert result.alt_warnings == []


def test_check_warns_on_a_missing_alt_and_not_on_an_empty_one(make_scenario):
    missing = _with_pictures(make_scenario, _scene_a("    background: hall.svg\n"))
    empty = _with_pictures(make_scenario, _scene_a("    background: {file: hall.svg, alt: ''}\n"))
    out = io.StringIO()
    assert run_check([str(missing), str(empty)], as_json=False, runs=20, seed=1, out=out) == 0
    text = out.getvalue()
    alt_lines = [line for line in text.splitlines() if "has no alt text" in line]
    assert len(alt_lines) == 1 and "1-scenes.yaml:3:17: warning: " in alt_lines[0], alt_lines
    # check names the file as it was given, or relative to where it runs: the folder is in it
    assert f"{missing.name}/1-scenes.yaml:3:17" in alt_lines[0]


@pytest.mark.parametrize("lines, where, words", [
    ("    background: {file: hall.svg, alt: 3}\n", ":3:39: ",
     "the alt text should be text, not the number 3"),
    ("    background:\n      file: hall.svg\n      alt:\n", ":5:11: ",
     "the alt text should be text, not empty"),
    ("    background: {file: hall.svg, alt: [a, b]}\n", ":3:39: ", "the alt text should be text, not a list"),
    ("    background: {alt: The hall.}\n", ":3:5: ", '"file" is missing'),
    ("    background: {file: hall.svg, alts: x}\n", ":3:34: ", 'unknown key "alts"'),
    ("    portrait: 42\n", ":3:15: ", "a picture is a file name such as room.svg"),
    ("    background: {file: hall.txt, alt: x}\n", ":3:24: ", "the name of a picture file"),
])
def test_a_wrong_alt_is_an_error_at_its_place(make_scenario, lines, where, words):
    result = load_scenario(_with_pictures(make_scenario, _scene_a(lines)))
    said = [str(p) for p in result.errors]
    assert result.scenario is None
    assert any(where in line and words in line for line in said), said


def test_a_wrong_alt_in_the_table_or_the_cast_is_an_error_at_its_place(make_scenario):
    scenario = MINIMAL_SCENARIO + ("pictures:\n  hall.svg:\n    alt: 7\n  bad name:\n    alt: x\n"
                                   "cast:\n  Jo:\n    portrait: {file: jo.svg, alt: no}\n  Sam: {}\n")
    scenes = MINIMAL_SCENES.replace("  - id: b\n", "  - id: b\n    lines:\n      - Jo: Hello.\n")
    result = load_scenario(_with_pictures(make_scenario, scenes, scenario))
    said = [str(p).split("scenario.yaml:", 1)[1] for p in result.errors]
    assert any(s.startswith("22:10: ") and '"alt" should be text, not the number 7' in s for s in said), said
    assert any(s.startswith("23:3: ") and "the name of a picture file" in s for s in said), said
    assert any(s.startswith("27:35: ") and "the alt text should be text, not true/false" in s
               for s in said), said
    # a wrong portrait does not take its person out of the cast (no second, confusing error)
    assert not any("not in the cast" in s for s in said), said


def test_the_table_belongs_in_scenario_yaml_and_names_real_pictures(make_scenario):
    folder = _with_pictures(make_scenario, MINIMAL_SCENES + "pictures:\n  hall.svg:\n    alt: x\n")
    said = [p.message for p in load_scenario(folder).errors]
    assert '"pictures" belongs in scenario.yaml, not in a chapter file' in said
    folder = _with_pictures(make_scenario, scenario=MINIMAL_SCENARIO
                            + "pictures:\n  gone.svg:\n    alt: x\n")
    result = load_scenario(folder)
    assert result.errors == []
    assert any('alt text for "gone.svg", which is not in' in p.message for p in result.alt_warnings)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_picture_in_the_shipped_scenarios_has_alt_text(name):
    folder = ROOT / "scenes" / name
    result = load_scenario(folder)
    assert _alt_warnings(result) == []
    scenario = result.scenario
    pictures = [(s.id, s.background, s.background_alt) for s in scenario.scenes.values() if s.background]
    pictures += [(s.id, s.portrait, s.portrait_alt) for s in scenario.scenes.values() if s.portrait]
    pictures += [(p.name, p.portrait, p.portrait_alt) for p in scenario.cast.values() if p.portrait]
    assert pictures, "the scenario should show pictures"
    for where, picture, alt in pictures:
        assert alt, (where, picture)  # every shipped picture says something: none is decoration
        assert 20 <= len(alt) <= 160 and alt.endswith("."), (picture, alt)
        assert not alt.lower().startswith(("image of", "picture of", "a picture", "an image")), alt


def test_check_of_the_shipped_scenarios_prints_no_alt_warning():
    out = io.StringIO()
    run_check([str(ROOT / "scenes" / name) for name in SHIPPED] + [str(FIXTURES / "tiny")],
              as_json=False, runs=20, seed=1, out=out)
    assert "alt text" not in out.getvalue()


@pytest.mark.parametrize("path", sorted((ROOT / "scenes").glob("*/assets/*.svg")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_shipped_svg_has_a_title_first(path):
    root = ET.parse(path).getroot()
    children = list(root)
    assert children and children[0].tag == f"{SVG}title", path
    assert len((children[0].text or "").strip()) >= 10, path


def test_the_character_cards_carry_each_portraits_alt_text():
    scenario = load(ROOT / "scenes" / "tea-and-terms")
    html = character_cards(scenario)
    assert 'alt="Ruth, with brown skin' in html
    assert html.count('<img alt="') == len(scenario.cast) == 6 and '<img alt=""' not in html
