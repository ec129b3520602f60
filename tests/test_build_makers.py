"""Choices and scenes made without their constructors (game/story/model_makers.py), by the
builder and by the parse cache's second level: exactly what the constructors make."""
from __future__ import annotations

import dataclasses
import sys

import pytest
from conftest import FIXTURES, ROOT
from test_stored_scenario import assert_same

from game.story import load_scenario
from game.story import model_makers
from game.story.conditions import parse_condition
from game.story.model import Choice, Effect, Line, Place, Scene
from game.story.model_makers import make_choice, make_scene

sys.path.insert(0, str(ROOT / "tools"))
from bench_story import write_scenario as write_generated  # noqa: E402


def _remade(made):
    """The same object again, through its constructor, field by field."""
    return type(made)(**{field.name: getattr(made, field.name)
                         for field in dataclasses.fields(made)})


def test_every_field_goes_where_the_constructor_puts_it():
    place = Place(None, ("scenes", 0, "choices", 1))
    condition = parse_condition("trust > 3", {"trust": "number"})
    values = ("Ask them", "s2", "ask", condition, "Not yet", (Effect("trust", "add", 2),),
              "They came.", place, 3)
    made = make_choice(*values)
    assert type(made) is Choice
    assert made == Choice(*values) and repr(made) == repr(Choice(*values))
    assert made.place is place  # a place is not compared: asked for itself
    choices = (made,)
    scene_values = ("s1", "a.yaml", "One", "Start", "professional", "meeting", ("power",),
                    "hall.svg", "ruth.svg", "A hall.", "", ("upsetting",),
                    (Line(None, "Hello."),), ("Who decides?",), choices, True, place)
    scene = make_scene(*scene_values)
    assert type(scene) is Scene
    assert scene == Scene(*scene_values) and repr(scene) == repr(Scene(*scene_values))
    assert scene.place is place
    with pytest.raises(dataclasses.FrozenInstanceError):
        scene.title = "Changed"  # still frozen


@pytest.mark.parametrize("name", ["haven", "tea-and-terms", "tiny", "generated"])
def test_a_built_scenario_is_what_the_constructors_would_make(tmp_path, name):
    if name == "generated":
        folder = tmp_path / name
        folder.mkdir()
        write_generated(folder, 300, 3)
    else:
        folder = FIXTURES / name if name == "tiny" else ROOT / "scenes" / name
    scenario = load_scenario(folder, freeze=False).scenario
    assert scenario is not None
    for scene in scenario.scenes.values():
        assert_same(_remade(scene), scene, scene.id)
        assert scene.place is not None and scene.place() == scene.at
        for index, choice in enumerate(scene.choices):
            assert_same(_remade(choice), choice, f"{scene.id}.choices[{index}]")
            assert all(type(effect) is Effect for effect in choice.effects)
        assert all(type(line) is Line for line in scene.lines)


@dataclasses.dataclass(frozen=True, slots=True)
class _Grown:
    text: str
    new: int = 7


def test_a_field_the_makers_do_not_know_leaves_it_to_the_constructor():
    def fast():
        raise AssertionError("the quick maker is made only for the fields it knows")
    make = model_makers.fitting(_Grown, ("text",), fast)
    assert make("hi") == _Grown("hi", 7)
    assert model_makers.fitting(_Grown, ("text", "new"), lambda: "quick") == "quick"
