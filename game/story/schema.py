"""Check scene files against scenes/scenario.schema.json and say what is wrong in plain words."""
from __future__ import annotations

import copy
import hashlib
import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator

import fastjsonschema

if TYPE_CHECKING:  # imported for real only when a failure needs explaining
    import jsonschema

from .problems import Problem, did_you_mean
from .schema_check import compile_check
from .shipped import shipped
from .source import SourceFile

SCHEMA_PATH = shipped("scenes") / "scenario.schema.json"
SCENARIO_FILE_KEYS = ("scenario", "title", "roles")
PICTURE_HINT = ("it should be the name of a picture file in the assets folder, "
                "such as room.svg or jo.png")

_TYPE_WORDS = {
    "string": "text", "integer": "a whole number", "number": "a number",
    "boolean": "true or false", "array": "a list (lines starting with -)",
    "object": "a group of 'key: value' lines", "null": "empty",
}


@lru_cache(maxsize=None)
def _schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def fingerprint() -> str:
    """A hash of the schema: what the schema checks of a file found holds only for this one."""
    return hashlib.sha256(_schema_text().encode("utf-8")).hexdigest()


@lru_cache(maxsize=None)
def _schemas() -> tuple[dict, dict]:
    """The schema of a chapter file, and of scenario.yaml (the same, with required keys)."""
    chapter = json.loads(_schema_text())
    # "required" goes beside an allOf, not beside "$ref": older drafts ignore $ref's siblings.
    scenario = {key: value for key, value in chapter.items() if key != "$ref"}
    scenario.update(allOf=[{"$ref": chapter["$ref"]}], required=list(SCENARIO_FILE_KEYS))
    return scenario, chapter


@lru_cache(maxsize=None)
def _quick_check(is_scenario_file: bool):
    """A compiled yes/no check of the same schema: about 20 times faster than jsonschema,
    which is kept to explain, in detail, the files that fail it."""
    # Compiled only once a file fails _fast_check, which most runs never see.
    # A copy: fastjsonschema rewrites every $ref of the schema it is given, in place.
    return fastjsonschema.compile(copy.deepcopy(_schemas()[0 if is_scenario_file else 1]))


@lru_cache(maxsize=None)
def _explainer(is_scenario_file: bool) -> "jsonschema.protocols.Validator":
    schema = _schemas()[0 if is_scenario_file else 1]
    import jsonschema  # only needed to explain a failure: keep it off the start-up path
    return jsonschema.validators.validator_for(schema)(schema)


@lru_cache(maxsize=None)
def _fast_check(is_scenario_file: bool):
    """The same yes/no check written from the schema by schema_check.py, several times faster
    again; None if the schema uses something it does not compile. It only ever says yes for
    valid data: the checks above decide the rest, and explain it."""
    return compile_check(_schemas()[0 if is_scenario_file else 1])


def is_valid(data: Any, is_scenario_file: bool) -> bool:
    fast = _fast_check(is_scenario_file)
    if fast is not None and fast(data):
        return True
    try:
        _quick_check(is_scenario_file)(data)
        return True
    except fastjsonschema.JsonSchemaException:
        return False


def schema_problems(source: SourceFile, is_scenario_file: bool) -> tuple[list[Problem], set[tuple]]:
    """Problems in one parsed file, and the paths of the parts that failed (to leave out)."""
    problems: list[Problem] = []
    broken: set[tuple] = set()
    seen: set[tuple] = set()
    errors = () if is_valid(source.data, is_scenario_file) else \
        _explainer(is_scenario_file).iter_errors(source.data)
    for error in errors:
        path = tuple(error.absolute_path)
        if "propertyNames" in error.absolute_schema_path:
            # jsonschema reports a bad key at its parent's path; point at the key itself.
            name = str(error.instance)
            broken.add(path + (name,))
            hint = (PICTURE_HINT if path == ("pictures",) else
                    "use letters, digits and _ (no spaces), starting with a letter")
            problem = source.problem(path + (name,), _describe_prefix(source.data, path)
                                     + f'"{name}" is not a usable name: {hint}', key=True)
            if (problem.line, problem.column, problem.message) not in seen:
                seen.add((problem.line, problem.column, problem.message))
                problems.append(problem)
            continue
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            broken.update(path + (key,) for key in error.instance if key not in allowed)
        else:
            broken.add(_unit(path))
        for problem in _explain(error, path, source):
            key = (problem.line, problem.column, problem.message)
            if key not in seen:
                seen.add(key)
                problems.append(problem)
    if not is_scenario_file and isinstance(source.data, dict):
        for key in ("scenario", "title", "summary", "version", "content_notes", "roles", "meters",
                    "variables", "flags", "cast", "credits", "pictures"):
            if key in source.data:
                problems.append(source.problem((key,), f'"{key}" belongs in scenario.yaml, '
                                               "not in a chapter file", key=True))
                broken.add((key,))
    problems.sort(key=lambda p: (p.line, p.column))
    return problems, broken


def _unit(path: tuple) -> tuple:
    """The smallest part of a file that a broken value takes down with it, so that the rest
    can still be checked: an effect, a choice, a line, a key of a scene, a whole scene."""
    if len(path) >= 2 and path[0] in ("scenes", "endings"):
        if len(path) == 2 or path[2] in ("id", "title", "text") and path[0] == "endings" \
                or path[2] == "id":
            return path[:2]
        if path[2] in ("choices", "lines") and len(path) >= 4:
            if len(path) >= 6 and path[4] == "effects":
                return path[:6]
            return path[:4]
        return path[:3]
    if len(path) >= 3 and path[0] == "cast" and path[2] == "portrait":
        return path[:3]  # a wrong portrait leaves the person in the cast
    if len(path) >= 2 and path[0] in ("roles", "meters", "variables", "cast", "pictures"):
        return path[:2]
    return path[:1]


_NAMED = {"roles": "role", "meters": "meter", "variables": "variable", "cast": "cast member",
          "pictures": "picture"}


def _describe(data: Any, path: tuple) -> str:
    """`scene "x", choice 2` for a path into a file."""
    words: list[str] = []
    node = data
    for depth, step in enumerate(path):
        parent = path[depth - 1] if depth else None
        child = node[step] if isinstance(node, (dict, list)) and _has(node, step) else None
        if isinstance(step, int):
            name = child.get("id") if isinstance(child, dict) else None
            noun = {"scenes": "scene", "endings": "ending", "choices": "choice",
                    "effects": "effect", "lines": "line", "discuss": "prompt",
                    "content_notes": "content note", "credits": "credit"}.get(parent, "item")
            words.append(f'{noun} "{name}"' if isinstance(name, str) and noun in ("scene", "ending")
                         else f"{noun} {step + 1}")
        elif parent in _NAMED:
            words.append(f'{_NAMED[parent]} "{step}"')
        node = child
    return ", ".join(words)


def _describe_prefix(data: Any, path: tuple) -> str:
    where = _describe(data, path)
    return f"{where}: " if where else ""


def _has(node: Any, step: Any) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(step, int) and 0 <= step < len(node)


def _value_words(value: Any) -> str:
    if isinstance(value, bool):
        return ("true/false (YAML reads yes, no, on and off as true or false: "
                "put the word in quotes)")
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if value is None:
        return "empty"
    if isinstance(value, str):
        return "text"
    return _TYPE_WORDS["array" if isinstance(value, list) else "object"]


def _explain(error: "jsonschema.ValidationError", path: tuple,
             source: SourceFile) -> Iterator[Problem]:
    prefix = _describe_prefix(source.data, path)
    kind = error.validator
    last = path[-1] if path else None
    label = f'"{last}"' if isinstance(last, str) else "this"
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for key in error.instance:
            if key not in allowed:
                yield source.problem(path + (key,), f'{prefix}unknown key "{key}"'
                                     + did_you_mean(key, allowed), key=True)
        return
    if kind == "required":
        for key in error.validator_value:
            if isinstance(error.instance, dict) and key not in error.instance:
                yield source.problem(path, f'{prefix}"{key}" is missing', key=True)
        return
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
        hint = ""
        if wanted == ["string"] and isinstance(error.instance, (int, float)) \
                and not isinstance(error.instance, bool):
            hint = f'; if you mean the text, put it in quotes: "{error.instance}"'
        yield source.problem(path, f"{prefix}{label} should be {words}, not "
                             f"{_value_words(error.instance)}{hint}")
        return
    if kind == "pattern":
        pattern = error.validator_value
        if "a-z0-9_-" in pattern:
            hint = "use lowercase letters, digits, - and _ (no spaces)"
        elif "png" in pattern:
            hint = PICTURE_HINT
        else:
            hint = "use letters, digits and _ (no spaces), starting with a letter"
        yield source.problem(path, f'{prefix}"{error.instance}" is not a usable value here: {hint}')
        return
    if kind == "enum":
        options = [str(o) for o in error.validator_value]
        yield source.problem(path, f'{prefix}"{error.instance}" should be one of: '
                             + ", ".join(options) + did_you_mean(str(error.instance), options))
        return
    if kind == "anyOf" and path[-2:-1] == ("lines",):
        yield source.problem(path, f"{prefix}a line is either narration, or one speaker and what "
                             "they say (Name: words), with an optional \"if: condition\" (then narration is "
                             "written text: words)")
        return
    if kind == "anyOf" and last in ("background", "portrait"):
        yield from _explain_picture(error, path, source, prefix)
        return
    if kind == "anyOf" and last == "rung":
        yield source.problem(path, f'{prefix}the rung is {_value_words(error.instance)}; it should '
                             "be a whole number from 0 to 6 (0 Coercion, 1 Educating, 2 Informing, "
                             "3 Consultation, 4 Engagement, 5 Co-design, 6 Co-production) or the "
                             "word abdication")
        return
    if kind in ("minItems", "maxItems") and last == "choices":
        yield source.problem(path, f"{prefix}a scene lists from 1 to 18 choices (and `check` makes sure "
                             "at most 9 of them show at once)")
        return
    if kind == "maxLength":
        yield source.problem(path, f"{prefix}{label} is too long (at most {error.validator_value} characters)")
        return
    if kind == "minProperties" and last == "roles":
        yield source.problem(path, f"{prefix}name at least one role")
        return
    yield source.problem(path, f"{prefix}{error.message}")


def _explain_picture(error: "jsonschema.ValidationError", path: tuple, source: SourceFile,
                     prefix: str) -> Iterator[Problem]:
    """A background or portrait is a file name, or `file:` and `alt:`: say what is wrong
    with the form the author chose, at the value that is wrong."""
    branch = 1 if isinstance(error.instance, dict) else 0
    inner = [e for e in error.context if e.relative_schema_path[0] == branch]
    if isinstance(error.instance, (str, dict)) and inner:
        for sub in inner:
            sub_path = tuple(sub.absolute_path)
            if sub_path[-1:] == ("alt",) and sub.validator == "type":
                yield source.problem(sub_path, f"{prefix}the alt text should be text, not "
                                     f"{_value_words(sub.instance)}; put it in quotes, or write "
                                     'alt: "" if the picture is only decoration')
            else:
                yield from _explain(sub, sub_path, source)
        return
    yield source.problem(path, f"{prefix}a picture is a file name such as room.svg, or "
                         '"file:" and "alt:" on their own lines; not '
                         f"{_value_words(error.instance)}")
