"""A built scenario as plain JSON data, and back: the second level of the parse cache.

The first level (story/loader.py) keeps each file parsed and checked against the schema, but a
warm load still spent most of its time building the model from that data: checking every id,
name and condition again and making each object through the builder. A scenario that loaded
without errors is kept here as well, in a form that goes straight to the constructors, so the
next load of the same files is a JSON decode and one pass of object making.

Plain data only (lists, strings, numbers): nothing read back can run code. Conditions are kept
as their text and parsed again (once per distinct text, memoised by story/conditions.py); a
scene, choice or ending keeps where it was written as the number of its file and its index, and
learns its line and column from the file's text only when a message asks (model.Place).

What the entry depends on (every file's bytes and name, the folder, the schema, the game's
version and the story core's code) is in the cache key, which story/loader.py and
files/parse_cache.py make; the pictures the build looked for are in the entry itself, and
`from_plain` refuses it when one has come or gone since.
"""
from __future__ import annotations

from itertools import repeat
from pathlib import Path
from typing import Any, Callable

from .conditions import Condition, ConditionError, parse_condition_cached
from .model import (Choice, Effect, Ending, Line, Person, Place, Purpose, Reflection, Role,
                    Scenario, Scene, Statement, Variable, find_asset)
from .model_makers import CHOICE_FIELDS, SCENE_FIELDS, field_names, make_choice, make_scene
from .source import SourceFile

# The fields each class is written with, in order (a scene's and a choice's are those
# model_makers makes them with). The numerous classes are written by hand for speed, so a field
# added to one of them turns this level off (`usable`) until it is added here.
ENDING_FIELDS = ("id", "title", "text", "condition", "roles", "place", "kind")
SCENARIO_FIELDS = ("id", "title", "path", "summary", "version", "content_notes", "credits", "roles",
                   "variables", "cast", "scenes", "endings", "purposes", "reflection", "pictures")
# Classes of only plain values (text, numbers, yes/no, None, tuples of those): written generically.
PLAIN_CLASSES = (Role, Variable, Person, Purpose, Statement)
PLAIN_VALUES = (str, int, float, bool, type(None))


def usable() -> bool:
    """Does this module know every field of the model as it now is?"""
    return (field_names(Scene) == SCENE_FIELDS and field_names(Choice) == CHOICE_FIELDS
            and field_names(Ending) == ENDING_FIELDS and field_names(Scenario) == SCENARIO_FIELDS
            and Effect._fields == ("name", "op", "value", "why", "tag")
            and Line._fields == ("speaker", "text", "condition")
            and field_names(Reflection) == ("statements", "scale"))


class Unstorable(Exception):
    """The scenario holds something this form cannot keep: it is simply not stored."""


# -- a Scenario to plain data ----------------------------------------------------------------
def to_plain(scenario: Scenario, sources: list[SourceFile], extra: dict[str, Any]) -> dict | None:
    """The entry for a built scenario (with `extra`: the load's problems and the like), or None
    when it cannot be kept this way."""
    if not usable():
        return None
    try:
        plain = _Writer(sources).scenario(scenario)
    except Unstorable:
        return None
    return {**extra, **plain, "assets": [[name, find_asset(scenario.path, name) is not None]
                                          for name in sorted(_pictures(scenario))]}


def _pictures(scenario: Scenario) -> set[str]:
    """Every picture the build looked for: whether each is there decides errors and warnings."""
    names = set(scenario.pictures)
    names.update(person.portrait for person in scenario.cast.values())
    for scene in scenario.scenes.values():
        names.update((scene.background, scene.portrait))
    names.discard(None)
    return names


class _Writer:
    """The model's values are what the schema let through (text, numbers, yes/no, None) in the
    tuples the builder made; JSON writes a tuple as a list, and _Reader makes each tuple again.
    Only the few objects outside scenes are checked value by value (_plain_object)."""

    def __init__(self, sources: list[SourceFile]):
        self.file_of = {id(source): index for index, source in enumerate(sources)}
        self.shown = [source.path for source in sources]

    def place(self, place: Place | None, size: int) -> tuple[int, tuple]:
        """(file number, path) of a place; the path must be `size` long."""
        written = None if place is None else place.written()
        if written is None or id(written[0]) not in self.file_of or len(written[1]) != size:
            raise Unstorable("a place that is not in one of the files")
        return self.file_of[id(written[0])], written[1]

    def scenario(self, s: Scenario) -> dict:
        return {"head": [s.id, s.title, s.summary, s.version, _plain(s.content_notes),
                         _plain(s.credits)],
                "roles": [_plain_object(r) for r in s.roles.values()],
                "variables": [_plain_object(v) for v in s.variables.values()],
                "cast": [[name, _plain_object(p)] for name, p in s.cast.items()],
                "scenes": [self.scene(key, scene) for key, scene in s.scenes.items()],
                "endings": [self.ending(e) for e in s.endings],
                "purposes": [[chapter, _plain_object(p)] for chapter, p in s.purposes.items()],
                "reflection": None if s.reflection is None else [
                    [_plain_object(st) for st in s.reflection.statements],
                    _plain(s.reflection.scale)],
                "pictures": _plain(s.pictures)}

    def scene(self, key: str, s: Scene) -> list:
        number, path = self.place(s.place, 2)
        if key != s.id or path[0] != "scenes" or s.file != self.shown[number]:
            raise Unstorable("a scene kept under another id, or from another file")
        return [number, path[1], s.id, s.chapter, s.title, s.role, s.moment, s.obstacles,
                s.background, s.portrait, s.background_alt, s.portrait_alt, s.content_notes,
                [text if speaker is None and condition is None else
                 [speaker, text] if condition is None else [speaker, text, _condition(condition)]
                 for speaker, text, condition in s.lines],
                s.discuss, [self.choice(path, c) for c in s.choices], s.is_decision]

    def choice(self, scene_path: tuple, c: Choice) -> list:
        index = None
        if c.place is not None:
            _, path = self.place(c.place, 4)
            if path[:2] != scene_path or path[2] != "choices":
                raise Unstorable("a choice written outside its scene")
            index = path[3]
        return [c.text, c.next, c.id, _condition(c.condition), c.locked, c.effects, c.feedback,
                index, c.rung]

    def ending(self, e: Ending) -> list:
        number, path = self.place(e.place, 2)
        if path[0] != "endings":
            raise Unstorable("an ending that is not under endings:")
        return [number, path[1], _plain(e.id), _plain(e.title), _plain(e.text),
                _condition(e.condition), _plain(e.roles), _plain(e.kind)]


def _condition(condition: Condition | None) -> str | None:
    if condition is None:
        return None
    if type(condition) is not Condition or type(condition.text) is not str:
        raise Unstorable("a condition that is not from a text")
    return condition.text


def _plain(value: Any) -> Any:
    """`value` itself when JSON keeps it as it is (a tuple comes back as a list, which _Reader makes a tuple again)."""
    if type(value) in PLAIN_VALUES:
        return value
    if type(value) in (tuple, list) and all(type(item) in PLAIN_VALUES for item in value):
        return value
    if type(value) is dict and all(type(k) is str and type(v) in PLAIN_VALUES
                                   for k, v in value.items()):
        return value
    raise Unstorable(f"a value JSON would not give back as it is: {type(value).__name__}")


def _plain_object(value: Any) -> list:
    if type(value) not in PLAIN_CLASSES:
        raise Unstorable(f"an object of an unexpected kind: {type(value).__name__}")
    return [type(value).__name__] + [_plain(getattr(value, name)) for name in field_names(type(value))]


# -- plain data to a Scenario ----------------------------------------------------------------
def from_plain(entry: Any, folder: Path, sources: list[SourceFile]) -> Scenario | None:
    """The Scenario an entry was made from, or None when it is not a usable entry (damaged,
    of another shape, or a picture it looked for has come or gone since)."""
    if not usable():
        return None
    try:
        if not all((find_asset(folder, name) is not None) is found
                   for name, found in entry["assets"]):
            return None
        return _Reader(sources).scenario(entry, folder)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, ConditionError,
            RecursionError):
        return None


class _Reader:
    def __init__(self, sources: list[SourceFile]):
        self.sources = sources
        self.conditions: dict[str, Condition] = {}
        self.names: dict[str, str] = {}

    def condition(self, text: str | None) -> Condition | None:
        if text is None:
            return None
        condition = self.conditions.get(text)
        if condition is None:
            condition = self.conditions[text] = parse_condition_cached(text, self.names)
        return condition

    def scenario(self, entry: dict, folder: Path) -> Scenario:
        plain = _plain_maker()
        variables = {}
        for item in entry["variables"]:
            variable = plain(item)
            variables[variable.name] = variable
        self.names = {name: variable.kind for name, variable in variables.items()}
        ident, title, summary, version, notes, credits = entry["head"]
        reflection = entry["reflection"]
        if reflection is not None:
            statements, scale = reflection
            reflection = Reflection(tuple(plain(st) for st in statements), tuple(scale))
        return Scenario(
            id=ident, title=title, path=folder, summary=summary, version=version,
            content_notes=tuple(notes), credits=tuple(credits),
            roles={role.id: role for role in map(plain, entry["roles"])}, variables=variables,
            cast={name: plain(person) for name, person in entry["cast"]},
            scenes=self.scenes(entry["scenes"]), endings=tuple(map(self.ending, entry["endings"])),
            purposes={chapter: plain(purpose) for chapter, purpose in entry["purposes"]},
            reflection=reflection, pictures=dict(entry["pictures"]))

    def scenes(self, items: list) -> dict[str, Scene]:
        """Every scene, made without the constructors' checks: the hot loop of a warm load.

        Scenes and choices are made by model_makers (each slot set directly); effects and
        lines are tuples made whole (map() over tuple.__new__ makes the effects with no Python
        call per effect)."""
        sources, condition = self.sources, self.condition
        new_tuple, tuple_, effect_class = tuple.__new__, tuple, repeat(Effect)
        scenes: dict[str, Scene] = {}
        for (number, index, ident, chapter, title, role, moment, obstacles, background, portrait,
             background_alt, portrait_alt, notes, lines, discuss, choices, is_decision) in items:
            source = sources[number]
            made = tuple_([
                make_choice(text, target, choice_id, None if test is None else condition(test),
                            locked, tuple_(map(new_tuple, effect_class, effects)), feedback,
                            None if at is None
                            else Place(source, ("scenes", index, "choices", at)), rung)
                for (text, target, choice_id, test, locked, effects, feedback, at, rung) in choices])
            scenes[ident] = make_scene(
                ident, source.path, chapter, title, role, moment, tuple_(obstacles), background,
                portrait, background_alt, portrait_alt, tuple_(notes),
                tuple_([new_tuple(Line, (None, line, None)) if type(line) is str else
                        new_tuple(Line, (line[0], line[1], condition(line[2])
                                         if len(line) == 3 else None))
                        for line in lines]),
                tuple_(discuss), made, is_decision, Place(source, ("scenes", index)))
        return scenes

    def ending(self, item: list) -> Ending:
        number, index, ident, title, text, test, roles, kind = item
        return Ending(ident, title, text, self.condition(test), tuple(roles),
                      Place(self.sources[number], ("endings", index)), kind)


def _plain_maker() -> Callable[[list], Any]:
    """Makes an object of PLAIN_CLASSES back from [class name, *fields]; lists become tuples."""
    classes = {cls.__name__: cls for cls in PLAIN_CLASSES}

    def make(item: list) -> Any:
        cls = classes[item[0]]
        return cls(*[tuple(v) if type(v) is list else v for v in item[1:]])
    return make
