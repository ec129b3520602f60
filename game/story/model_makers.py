"""Choices and scenes made without their constructors: the hot loops of loading.

A frozen dataclass's __init__ sets each field through object.__setattr__, one call per field.
Loading a large scenario makes tens of thousands of choices and scenes, both when the builder
makes them from the files (build.py) and when a whole scenario comes back from the parse cache
(stored_scenario.py). Each slot's own setter is not behind the frozen class's __setattr__, so
making the object empty and setting its slots takes about a third of the time. Nothing is
checked or filled in: each maker is given every field, in the order of CHOICE_FIELDS or
SCENE_FIELDS, exactly as the constructor would have been.

When the model gains or loses a field, the makers are the classes' own constructors (given the
fields they know by name, so a new one takes its default) until the field is added here.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Any, Callable

from .model import Choice, Scene

# The fields each class is made with, in order.
CHOICE_FIELDS = ("text", "next", "id", "condition", "locked", "effects", "feedback", "place",
                 "rung")
SCENE_FIELDS = ("id", "file", "chapter", "title", "role", "moment", "obstacles", "background",
                "portrait", "background_alt", "portrait_alt", "content_notes", "lines", "discuss",
                "choices", "is_decision", "place")


def field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def fitting(cls: type, names: tuple[str, ...],
            fast: Callable[[], Callable[..., Any]]) -> Callable[..., Any]:
    """The maker `fast()` makes when `cls` has exactly the fields `names`; otherwise one that
    calls the constructor with those fields by name."""
    if field_names(cls) == names:
        return fast()
    return lambda *values: cls(**dict(zip(names, values)))


def _choice_maker() -> Callable[..., Choice]:
    new = object.__new__
    (set_text, set_next, set_id, set_condition, set_locked, set_effects, set_feedback, set_place,
     set_rung) = (getattr(Choice, name).__set__ for name in CHOICE_FIELDS)

    def make_choice(text: str, next: str, id: str | None, condition: Any, locked: str | None,
                    effects: tuple, feedback: str, place: Any, rung: int | None) -> Choice:
        choice = new(Choice)
        set_text(choice, text)
        set_next(choice, next)
        set_id(choice, id)
        set_condition(choice, condition)
        set_locked(choice, locked)
        set_effects(choice, effects)
        set_feedback(choice, feedback)
        set_place(choice, place)
        set_rung(choice, rung)
        return choice
    return make_choice


def _scene_maker() -> Callable[..., Scene]:
    new = object.__new__
    (set_id, set_file, set_chapter, set_title, set_role, set_moment, set_obstacles, set_background,
     set_portrait, set_background_alt, set_portrait_alt, set_notes, set_lines, set_discuss,
     set_choices, set_is_decision, set_place) = (getattr(Scene, name).__set__
                                                 for name in SCENE_FIELDS)

    def make_scene(id: str, file: str, chapter: str, title: str, role: str | None,
                   moment: str | None, obstacles: tuple, background: str | None,
                   portrait: str | None, background_alt: str | None, portrait_alt: str | None,
                   content_notes: tuple, lines: tuple, discuss: tuple, choices: tuple,
                   is_decision: bool, place: Any) -> Scene:
        scene = new(Scene)
        set_id(scene, id)
        set_file(scene, file)
        set_chapter(scene, chapter)
        set_title(scene, title)
        set_role(scene, role)
        set_moment(scene, moment)
        set_obstacles(scene, obstacles)
        set_background(scene, background)
        set_portrait(scene, portrait)
        set_background_alt(scene, background_alt)
        set_portrait_alt(scene, portrait_alt)
        set_notes(scene, content_notes)
        set_lines(scene, lines)
        set_discuss(scene, discuss)
        set_choices(scene, choices)
        set_is_decision(scene, is_decision)
        set_place(scene, place)
        return scene
    return make_scene


make_choice = fitting(Choice, CHOICE_FIELDS, _choice_maker)
make_scene = fitting(Scene, SCENE_FIELDS, _scene_maker)
