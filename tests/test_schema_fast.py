"""The yes/no check written from the schema (game/story/schema_check.py) against fastjsonschema.

The compiled check must say "valid" exactly when fastjsonschema does: on the shipped scenes, the
fixtures, generated scenarios, mutations of valid files, and small schemas that use each keyword
it compiles. A keyword it does not compile must make it step aside, not guess.
"""
from __future__ import annotations

import copy
import json
import math
import sys

import fastjsonschema
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from game.story import schema
from game.story.schema_check import compile_check
from game.story.source import read_source

sys.path.insert(0, str(ROOT / "tools"))
from bench_story import write_scenario  # noqa: E402


def _both(data, is_scenario_file):
    """(compiled check, fastjsonschema) on one document."""
    try:
        schema._quick_check(is_scenario_file)(data)
        slow = True
    except fastjsonschema.JsonSchemaException:
        slow = False
    return schema._fast_check(is_scenario_file)(data), slow


def _scene_files():
    return sorted((ROOT / "scenes").glob("*/*.yaml")) + sorted(FIXTURES.glob("*/*.yaml"))


def test_the_shipped_schema_compiles_so_loading_takes_the_fast_path():
    assert schema._fast_check(True) is not None, "scenario.schema.json uses a keyword schema_check.py does not compile"
    assert schema._fast_check(False) is not None


@pytest.mark.parametrize("path", _scene_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_agrees_on_every_shipped_and_fixture_file(path):
    data = read_source(path).data
    for is_scenario_file in (True, False):
        fast, slow = _both(data, is_scenario_file)
        assert fast == slow, (path, is_scenario_file)


def test_the_scenes_and_the_tiny_fixture_are_valid_to_both():
    # Otherwise the test above could pass with both checks refusing everything.
    for path in [ROOT / "scenes" / "haven" / "2-group.yaml", FIXTURES / "tiny" / "1-meeting.yaml"]:
        assert _both(read_source(path).data, False) == (True, True)
    assert _both(read_source(FIXTURES / "tiny" / "scenario.yaml").data, True) == (True, True)


def test_agrees_on_a_generated_benchmark_scenario(tmp_path):
    write_scenario(tmp_path, 1200, seed=5)
    for path in sorted(tmp_path.glob("*.yaml")):
        is_scenario_file = path.name == "scenario.yaml"
        assert _both(read_source(path).data, is_scenario_file) == (True, True), path.name


def _valid_documents():
    """Valid chapter and scenario files to break: the shipped ones and the tiny fixture."""
    documents = []
    for path in [*sorted((ROOT / "scenes").glob("*/[0-9]*.yaml")), FIXTURES / "tiny" / "1-meeting.yaml"]:
        documents.append((read_source(path).data, False))
    for path in [*sorted((ROOT / "scenes").glob("*/scenario.yaml")), FIXTURES / "tiny" / "scenario.yaml"]:
        documents.append((read_source(path).data, True))
    return documents


_DOCUMENTS = _valid_documents()
_VALUES = [None, True, False, 0, 1, -1, 6, 7, 2.0, 2.5, -0.5, math.inf, math.nan, "", "a", "end",
           "Bad Id", "a\n", "x" * 81, "t" * 20001, "room.svg", "../up.png", "a\\b.png", "abdication",
           "power", "if", [], ["power", "power"], ["power"], [1, 2], {}, {"file": "a.png"},
           {"file": "a.png", "alt": 3}, {"if": "x"}, {"if": "x", "Dev": "hi"}, {"Dev": "hi"},
           {"text": "Go", "next": "end"}]
_KEYS = ["id", "text", "next", "if", "why", "tag", "set", "to", "clear", "trust", "rung", "locked",
         "effects", "choices", "lines", "obstacles", "portrait", "background", "kind", "file",
         "alt", "colour", "Bad Key", "2x", "", 1, True, None]


def _places(node, path=()):
    """Every path to a value in a document, the document itself first."""
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _places(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _places(value, path + (index,))


def _at(document, path):
    for step in path:
        document = document[step]
    return document


def _mutate(document, draw):
    path = draw(st.sampled_from(list(_places(document))))
    node = _at(document, path)
    kind = draw(st.sampled_from(["delete", "replace", "add", "grow", "repeat", "bool"]))
    if kind == "delete" and path:
        parent = _at(document, path[:-1])
        del parent[path[-1]]
    elif kind in ("replace", "bool") and path:
        value = draw(st.sampled_from(_VALUES)) if kind == "replace" else draw(st.booleans())
        _at(document, path[:-1])[path[-1]] = copy.deepcopy(value)
    elif kind == "add" and isinstance(node, dict):
        node[draw(st.sampled_from(_KEYS))] = copy.deepcopy(draw(st.sampled_from(_VALUES)))
    elif kind == "grow" and isinstance(node, list) and node:
        node.extend(copy.deepcopy(node[-1]) for _ in range(draw(st.integers(1, 9))))
    elif kind == "repeat" and isinstance(node, list) and node:
        node.append(copy.deepcopy(draw(st.sampled_from(node))))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_agrees_on_broken_copies_of_valid_files(data):
    original, is_scenario_file = data.draw(st.sampled_from(_DOCUMENTS))
    document = copy.deepcopy(original)
    for _ in range(data.draw(st.integers(1, 3))):
        _mutate(document, data.draw)
    fast, slow = _both(document, is_scenario_file)
    event("still valid" if slow else "broken")
    assert fast == slow, json.dumps(document, default=str)[:2000]


_JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 9),
              st.sampled_from([0.0, 2.0, 2.5, -1.0, 6.0, 1.5, math.nan, math.inf]),
              st.text(alphabet="abc\n", max_size=4)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(
        st.sampled_from(["a", "b", "c", "next", "if", "d1", "", 1, True]), inner, max_size=4)),
    max_leaves=12)

# One schema per keyword compiled, and the corners fastjsonschema reads its own way.
_SMALL_SCHEMAS = [
    {"type": "integer", "minimum": 0, "maximum": 6},
    {"type": "number", "minimum": 1.5},
    {"type": ["number", "string", "boolean"]},
    {"type": ["integer", "string"]},
    {"type": ["integer", "boolean"]},
    {"type": "null"},
    {"type": "boolean"},
    {"enum": ["a", 1, 2.0, True, None]},
    {"enum": ["a", "b"]},
    {"const": 1},
    {"const": False},
    {"oneOf": [{"type": "integer"}, {"minimum": 3}]},
    {"not": {"type": "string"}},
    {"anyOf": [{"maxLength": 2}, {"type": "array", "maxItems": 1}]},
    {"allOf": [{"minLength": 1}, {"pattern": "^a"}]},
    {"pattern": "b$"},
    {"type": "array", "uniqueItems": True},
    {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 3},
    {"items": False},
    {"type": "object", "required": ["a"], "additionalProperties": False,
     "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}},
    {"type": "object", "properties": {"a": {}, "d1": {"type": "string"}},
     "additionalProperties": {"type": "number"}, "propertyNames": {"pattern": "^[a-c]$"},
     "minProperties": 1, "maxProperties": 2},
    {"propertyNames": {"not": {"const": "b"}}, "additionalProperties": {"type": "string"}},
    {"propertyNames": {"maxLength": 1}},
    {"propertyNames": False},
    {"not": True},
    {"type": ["object", "array"], "items": {"type": "string"},
     "additionalProperties": {"type": "string"}},
    {"$ref": "#/$defs/node", "$defs": {"node": {
        "type": "object", "properties": {"next": {"$ref": "#/$defs/node"}},
        "additionalProperties": {"type": "integer"}}}},
]


_SMALL_CHECKS = [(small, compile_check(small), fastjsonschema.compile(small)) for small in _SMALL_SCHEMAS]


def test_every_small_schema_compiles():
    assert [small for small, compiled, _ in _SMALL_CHECKS if compiled is None] == []


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_JSONISH)
def test_each_compiled_keyword_agrees_with_fastjsonschema(value):
    for small, compiled, reference in _SMALL_CHECKS:
        try:
            reference(value)
            expected = True
        except fastjsonschema.JsonSchemaException:
            expected = False
        assert compiled(value) == expected, (small, value)


def test_integers_numbers_and_true_are_told_apart_as_fastjsonschema_does():
    rung = compile_check({"type": "integer", "minimum": 0, "maximum": 6})
    assert rung(2) and rung(2.0) and rung(0)
    assert not rung(True) and not rung(2.5) and not rung(7) and not rung("2")
    number = compile_check({"type": "number"})
    assert number(2.5) and number(-1) and not number(False)
    assert not compile_check({"pattern": "^a$"})("a\n")  # $ matches only at the very end


@pytest.mark.parametrize("unsupported", [
    {"type": "object", "patternProperties": {"^x": {"type": "string"}}},
    {"type": "string", "format": "email"},
    {"$ref": "https://example.org/other.json"},
    {"$ref": "#/$defs/a", "type": "string", "$defs": {"a": {}}},
    {"$schema": "http://json-schema.org/draft-04/schema#", "type": "integer"},
    {"if": {"type": "string"}, "then": {"minLength": 1}},
    {"type": "array", "items": [{"type": "string"}]},
    {"properties": {"a": {"default": 1}}},
    {"enum": [[1], {"a": 1}]},
    {"type": "decimal"},
    {"minLength": "3"},
])
def test_a_keyword_it_does_not_compile_gives_no_check(unsupported):
    assert compile_check(unsupported) is None


def _forget_the_schema():
    for cached in (schema._schemas, schema._quick_check, schema._fast_check, schema._explainer):
        cached.cache_clear()


def test_an_uncompilable_schema_falls_back_to_fastjsonschema(monkeypatch):
    # "dependencies" is not compiled: a choice that is locked must also have an "if".
    changed = json.loads(schema.SCHEMA_PATH.read_text(encoding="utf-8"))
    changed["$defs"]["choice"]["dependencies"] = {"locked": ["if"]}
    monkeypatch.setattr(schema, "_schema_text", lambda: json.dumps(changed))
    _forget_the_schema()
    try:
        assert schema._fast_check(False) is None
        choice = {"text": "Go", "next": "end", "locked": "Not yet"}
        assert not schema.is_valid({"scenes": [{"id": "a", "choices": [choice]}]}, False)
        choice["if"] = "trust > 3"
        assert schema.is_valid({"scenes": [{"id": "a", "choices": [choice]}]}, False)
    finally:
        monkeypatch.undo()
        _forget_the_schema()
    assert schema._fast_check(False) is not None


def test_compiling_fastjsonschema_first_leaves_the_schema_compilable():
    # fastjsonschema rewrites $ref in the schema it compiles: it must not take the fast path
    # away from the files checked after the first file that failed it.
    _forget_the_schema()
    schema._quick_check(True)
    schema._quick_check(False)
    assert schema._fast_check(False) is not None
    assert schema._fast_check(True) is not None
    both = list(schema._schemas())
    refs = [path for path in _places(both) if path[-1:] == ("$ref",)]
    assert refs and all(_at(both, path).startswith("#") for path in refs)


def test_an_absolute_ref_to_the_schema_itself_is_followed():
    own = {"$id": "https://example.org/s.json", "$ref": "https://example.org/s.json#/$defs/a",
           "$defs": {"a": {"type": "integer"}}}
    assert compile_check(own)(3) and not compile_check(own)("3")


def test_broken_files_get_the_same_problems_as_without_the_compiled_check(monkeypatch):
    for path in sorted((FIXTURES / "broken").glob("*.yaml")):
        for is_scenario_file in (True, False):
            with_it = schema.schema_problems(read_source(path), is_scenario_file)
            monkeypatch.setattr(schema, "_fast_check", lambda _: None)
            without = schema.schema_problems(read_source(path), is_scenario_file)
            monkeypatch.undo()
            assert [str(p) for p in with_it[0]] == [str(p) for p in without[0]]
            assert with_it[1] == without[1]
