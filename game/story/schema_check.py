"""A yes/no check of scene data against the JSON schema, written from the schema itself.

fastjsonschema answers the same question generically: it copies every object's keys into a set
and removes them one at a time, calls a function per `$ref`, and raises and catches an exception
for every branch of an `anyOf` that does not fit. On a scenario of 10,000 scenes that is most of
the time spent checking. This module walks the schema once, at first use, and writes Python
functions that only say valid or not: an object's keys compared with the allowed keys in one
step, the small checks (text, its length, its pattern) written in place, no error objects.

It reads the schema the way fastjsonschema does (a float such as 2.0 is an integer, true is not
a number, `$` in a pattern matches only at the very end, keywords beside `$ref` are ignored), so
that the two always agree. schema.py still asks fastjsonschema, then jsonschema, about whatever
this check turns down. A keyword it does not know makes `compile_check` return None: the old
path then checks everything, rather than this module guessing.
"""
from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any, Callable

ANNOTATIONS = frozenset(("$schema", "$comment", "title", "description", "examples", "$defs",
                         "definitions", "deprecated", "readOnly", "writeOnly"))
_STRING_WORDS = ("minLength", "maxLength", "pattern")
_NUMBER_WORDS = ("minimum", "maximum")
_ARRAY_WORDS = ("minItems", "maxItems", "uniqueItems", "items")
_OBJECT_WORDS = ("minProperties", "maxProperties", "required", "properties",
                 "additionalProperties", "propertyNames")
_OTHER_WORDS = ("type", "enum", "const", "allOf", "anyOf", "oneOf", "not")
_LEAF_WORDS = frozenset(("type", "enum", "const") + _STRING_WORDS + _NUMBER_WORDS) | ANNOTATIONS
_KNOWN = frozenset(_STRING_WORDS + _NUMBER_WORDS + _ARRAY_WORDS + _OBJECT_WORDS + _OTHER_WORDS)

# The Python types fastjsonschema takes for each JSON type, and the kinds of value each lets
# through: keywords about other kinds (maxLength on a number) never apply to a value of that type.
_PYTHON_TYPES = {"null": (type(None),), "boolean": (bool,), "number": (int, float, Decimal),
                 "integer": (int,), "string": (str,), "array": (list, tuple), "object": (dict,)}
_KINDS = {"null": "", "boolean": "", "number": "number", "integer": "number",
          "string": "string", "array": "array", "object": "object"}
_GUARDS = {"string": "isinstance({v}, str)", "array": "isinstance({v}, _LIST)",
           "object": "isinstance({v}, dict)",
           "number": "(isinstance({v}, _NUMBER) and not isinstance({v}, bool))"}
_DOLLAR = re.compile(r"(?<!\\)\$")  # fastjsonschema's: every unescaped $ becomes \Z


class Unsupported(Exception):
    """The schema uses something this module does not compile."""


def compile_check(schema: dict) -> Callable[[Any], bool] | None:
    """A function saying whether data fits `schema`, or None if the schema uses a keyword (or
    a form of one) that is not compiled here."""
    try:
        return _Compiler(schema).build()
    except Unsupported:
        return None


def _hashable(value: Any) -> Any:
    """fastjsonschema's stand-in for a value when it checks uniqueItems."""
    if hasattr(value, "items"):
        return frozenset(dict((k, _hashable(v)) for k, v in value.items()).items())
    if isinstance(value, (dict, list)):
        return tuple(_hashable(v) for v in value)
    return (bool, value) if isinstance(value, bool) else value


def _unique(items: Any) -> bool:
    return len(items) <= len(set(_hashable(item) for item in items))


def _remembering(search: Callable) -> tuple[set, Callable[[str], bool]]:
    """A pattern's test, and the set of texts found to fit it: an id or a name comes back many
    times in a file (next: s00042, trust: +3), and looking it up costs a tenth of a search."""
    good: set = set()

    def fits(text: str) -> bool:
        if search(text) is None:
            return False
        good.add(text)
        return True
    return good, fits


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise Unsupported(f"not a number: {value!r}")
    return repr(value)


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Unsupported(f"not a count: {value!r}")
    return value


class _Compiler:
    def __init__(self, root: dict):
        if not isinstance(root, dict) or "draft-04" in str(root.get("$schema", "")):
            raise Unsupported("only draft 6 and later, as an object")  # draft 4 reads integers otherwise
        self.root = root
        self.functions: dict[int, str] = {}  # id of a (sub)schema -> its function's name
        self.source: list[str] = []
        self.names: dict[str, Any] = {"_LIST": (list, tuple), "_NUMBER": (int, float, Decimal),
                                      "_INT_FLOAT": (int, float), "_unique": _unique}
        self.after: list[tuple[str, str, tuple]] = []  # (set name, checker name, property names)
        self.shared: dict[tuple[str, Any], str] = {}  # (kind, value) -> name of a constant
        self.patterns: dict[str, tuple[str, str]] = {}  # pattern -> its memo, and its test
        self.memos: list[set] = []

    def build(self) -> Callable[[Any], bool]:
        """Write the code and run it. Nothing from the schema is pasted into the code as it is:
        names and texts go in as repr(), numbers once checked to be numbers, the rest as globals."""
        body = self.test(self.root, "data")
        self.names["_MEMOS"] = tuple(self.memos)
        self.source.append(f"def check(data):\n    try:\n        return bool({body})\n"
                           "    finally:\n        for memo in _MEMOS:\n            memo.clear()\n")
        exec(compile("\n".join(self.source), "<compiled schema check>", "exec"), self.names)
        for set_name, checker, keys in self.after:
            self.names[set_name] = frozenset(key for key in keys if self.names[checker](key))
        check = self.names["check"]
        check.source = "\n".join(self.source)  # to read when something looks wrong
        return check

    def constant(self, prefix: str, value: Any, shared: bool = True) -> str:
        """A global of the written code holding `value` (the same one for an equal value)."""
        if shared and (prefix, value) in self.shared:
            return self.shared[prefix, value]
        name = f"_{prefix}{len(self.names)}"
        self.names[name] = value
        if shared:
            self.shared[prefix, value] = name
        return name

    def resolve(self, schema: Any) -> Any:
        """The schema a `$ref` stands for (fastjsonschema ignores the keywords beside one: only
        annotations may stand there, so that the schema means the same to jsonschema)."""
        for _ in range(50):
            if isinstance(schema, bool):
                return schema
            if not isinstance(schema, dict):
                raise Unsupported("a schema is an object or true/false")
            if "$id" in schema and schema is not self.root:
                raise Unsupported("$id inside the schema changes what $ref means")
            if "$ref" not in schema:
                return schema
            if set(schema) - ANNOTATIONS - {"$ref", "$id"}:
                raise Unsupported("keywords beside $ref")
            schema = self.pointer(schema["$ref"])
        raise Unsupported("a $ref that never ends")

    def pointer(self, ref: Any) -> Any:
        """What a `$ref` into this schema points at: "#/$defs/id", or the same after the
        schema's own $id (fastjsonschema writes every $ref of a schema it compiles that way)."""
        own = str(self.root.get("$id", "")).split("#")[0]
        if own and isinstance(ref, str) and ref.startswith(own + "#"):
            ref = ref[len(own):]
        if not isinstance(ref, str) or not (ref == "#" or ref.startswith("#/")) or "%" in ref:
            raise Unsupported(f"only a plain $ref into the same file: {ref!r}")
        node = self.root
        for part in ref[2:].split("/") if ref != "#" else ():
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            else:
                raise Unsupported(f"$ref to nowhere: {ref!r}")
        return node

    def test(self, schema: Any, var: str) -> str:
        """A Python expression, true when the value in the variable `var` fits `schema`."""
        schema = self.resolve(schema)
        if schema is True or schema is False:
            return repr(schema)
        unknown = set(schema) - _KNOWN - ANNOTATIONS - ({"$id"} if schema is self.root else set())
        if unknown:
            raise Unsupported(f"keywords {sorted(unknown)}")
        if not set(schema) - ANNOTATIONS - {"$id"}:
            return "True"
        if set(schema) <= _LEAF_WORDS:
            return self.leaf(schema, var)
        return f"{self.function(schema)}({var})"

    def function(self, schema: dict) -> str:
        """The name of the function checking `schema`, written the first time it is needed
        (named first, so a schema that refers to itself calls itself)."""
        key = id(schema)
        if key not in self.functions:
            self.functions[key] = name = f"_check{len(self.functions)}"
            lines = self.statements(schema)
            self.source.append(f"def {name}(v):\n" + "".join(f"    {line}\n" for line in lines)
                               + "    return True\n")
        return self.functions[key]

    def types(self, schema: dict) -> list[str] | None:
        if "type" not in schema:
            return None
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not types or any(t not in _PYTHON_TYPES for t in types):
            raise Unsupported(f"type {schema['type']!r}")
        return types

    def type_test(self, types: list[str], v: str) -> str:
        """fastjsonschema's type check: 2.0 is an integer, true is neither number nor integer."""
        if len(types) == 1 and types[0] in ("string", "array", "object"):
            return _GUARDS[types[0]].format(v=v)
        if types == ["null"]:
            return f"{v} is None"
        python = f"isinstance({v}, {self.constant('types', sum((_PYTHON_TYPES[t] for t in types), ()))})"
        if "integer" not in types and ("number" not in types or "boolean" in types):
            return python
        if "integer" not in types:
            return f"({python} and not isinstance({v}, bool))"
        fails = f"not {python} and not (isinstance({v}, float) and {v}.is_integer())"
        return f"not ({fails})" if "boolean" in types else f"not ({fails} or isinstance({v}, bool))"

    def guard(self, types: list[str] | None, kind: str, v: str) -> str | None:
        """The test a value must pass for keywords about `kind` to apply to it: "" when every
        value of the schema's type passes it, None when none can."""
        if types is None:
            return _GUARDS[kind].format(v=v)
        kinds = {_KINDS[t] for t in types}
        if kind not in kinds:
            return None
        return "" if len(types) == 1 else _GUARDS[kind].format(v=v)

    def leaf(self, schema: dict, v: str) -> str:
        types = self.types(schema)
        parts = [] if types is None else [self.type_test(types, v)]
        for kind, conditions in (("string", self.string_tests(schema, v)),
                                 ("number", self.number_tests(schema, v))):
            guard = self.guard(types, kind, v)
            if conditions and guard is not None:
                parts.append(" and ".join(conditions) if guard == "" else
                             f"(not {guard} or {' and '.join(conditions)})")
        parts += self.value_tests(schema, v)
        return "(" + " and ".join(parts) + ")" if parts else "True"

    def string_tests(self, schema: dict, v: str) -> list[str]:
        tests = []
        if "minLength" in schema:
            tests.append(f"len({v}) >= {_count(schema['minLength'])}")
        if "maxLength" in schema:
            tests.append(f"len({v}) <= {_count(schema['maxLength'])}")
        if "pattern" in schema:
            if not isinstance(schema["pattern"], str):
                raise Unsupported("pattern is text")
            pattern = schema["pattern"]
            if pattern not in self.patterns:
                try:
                    compiled = re.compile(_DOLLAR.sub(r"\\Z", pattern))
                except re.error as error:
                    raise Unsupported(f"pattern {pattern!r}: {error}") from error
                good, fits = _remembering(compiled.search)
                self.patterns[pattern] = (self.constant("good", good, shared=False),
                                          self.constant("fits", fits, shared=False))
                self.memos.append(good)
            good, fits = self.patterns[pattern]
            tests.append(f"({v} in {good} or {fits}({v}))")
        return tests

    def number_tests(self, schema: dict, v: str) -> list[str]:
        # Written as fastjsonschema writes them, so that NaN passes both (no comparison holds).
        return ([f"not {v} < {_number(schema['minimum'])}"] if "minimum" in schema else []) + \
            ([f"not {v} > {_number(schema['maximum'])}"] if "maximum" in schema else [])

    def value_tests(self, schema: dict, v: str) -> list[str]:
        tests = []
        if "enum" in schema:
            if not isinstance(schema["enum"], list):
                raise Unsupported("enum is a list")
            values = schema["enum"]
            if values and all(isinstance(value, str) for value in values):
                tests.append(f"(isinstance({v}, str) and {v} in {self.constant('enum', frozenset(values))})")
            else:
                tests.append("(" + " or ".join([self.equals(value, v) for value in values] or ["False"]) + ")")
        if "const" in schema:
            tests.append(f"({self.equals(schema['const'], v)})")
        return tests

    def equals(self, value: Any, v: str) -> str:
        """fastjsonschema's test of equality with an enum or const value: 1 is not true."""
        if isinstance(value, bool):
            return f"(isinstance({v}, bool) and {v} is {value!r})"
        if isinstance(value, (int, float)):
            return f"(isinstance({v}, _INT_FLOAT) and not isinstance({v}, bool) and {v} == {_number(value)})"
        if value is None:
            return f"{v} is None"
        if isinstance(value, str):
            return f"(isinstance({v}, str) and {v} == {value!r})"
        raise Unsupported("enum and const values other than text, numbers, true, false, null")

    def statements(self, schema: dict) -> list[str]:
        """The body of the function checking `schema`, on the variable v: each line returns
        False as soon as something does not fit."""
        types = self.types(schema)
        lines = [] if types is None else [f"if not {self.type_test(types, 'v')}: return False"]
        for kind, group in (("string", self.string_tests(schema, "v")),
                            ("number", self.number_tests(schema, "v")),
                            ("array", self.array_lines(schema)),
                            ("object", self.object_lines(schema))):
            guard = self.guard(types, kind, "v")
            if not group or guard is None:
                continue
            if kind in ("string", "number"):
                group = [f"if not ({' and '.join(group)}): return False"]
            lines += group if guard == "" else [f"if {guard}:"] + [f"    {line}" for line in group]
        lines += [f"if not {test}: return False" for test in self.value_tests(schema, "v")]
        for word, joined in (("allOf", " and "), ("anyOf", " or ")):
            if word in schema:
                lines.append(f"if not ({joined.join(self.branches(schema[word], 'v'))}): return False")
        if "oneOf" in schema:
            count = " + ".join(f"(1 if {test} else 0)" for test in self.branches(schema["oneOf"], "v"))
            lines.append(f"if {count} != 1: return False")
        if "not" in schema:
            lines.append(f"if {self.test(schema['not'], 'v')}: return False")
        return lines

    def branches(self, schemas: Any, v: str) -> list[str]:
        if not isinstance(schemas, list) or not schemas:
            raise Unsupported("allOf, anyOf and oneOf take a list of schemas")
        return [self.test(branch, v) for branch in schemas]

    def array_lines(self, schema: dict) -> list[str]:
        lines = []
        if "minItems" in schema:
            lines.append(f"if len(v) < {_count(schema['minItems'])}: return False")
        if "maxItems" in schema:
            lines.append(f"if len(v) > {_count(schema['maxItems'])}: return False")
        if schema.get("uniqueItems") not in (None, False, True):
            raise Unsupported("uniqueItems is true or false")
        if schema.get("uniqueItems"):
            lines.append("if not _unique(v): return False")
        if "items" in schema:
            if isinstance(schema["items"], list):
                raise Unsupported("items as a list (one schema per place)")
            item = self.test(schema["items"], "x")
            if item != "True":
                lines += ["for x in v:", f"    if not {item}: return False"]
        return lines

    def object_lines(self, schema: dict) -> list[str]:
        lines = []
        properties = schema.get("properties", {})
        if not isinstance(properties, dict) or not all(isinstance(k, str) for k in properties):
            raise Unsupported("properties is an object")
        known = self.constant("keys", frozenset(properties))
        extra = schema.get("additionalProperties", True)
        if extra is False:
            lines.append(f"if not {known}.issuperset(v): return False")
        required = schema.get("required", [])
        if not isinstance(required, list) or not all(isinstance(k, str) for k in required):
            raise Unsupported("required is a list of names")
        if required:
            lines.append(f"if {' or '.join(f'{k!r} not in v' for k in required)}: return False")
        if "minProperties" in schema:
            lines.append(f"if len(v) < {_count(schema['minProperties'])}: return False")
        if "maxProperties" in schema:
            lines.append(f"if len(v) > {_count(schema['maxProperties'])}: return False")
        for key, sub in properties.items():
            test = self.test(sub, "w")
            if test == "True":
                continue
            if key in required:
                lines += [f"w = v[{key!r}]", f"if not {test}: return False"]
            else:
                lines += [f"if {key!r} in v:", f"    w = v[{key!r}]", f"    if not {test}: return False"]
        extra_test = "True" if extra is False else self.test(extra, "w")  # False: checked above
        names = self.test(schema["propertyNames"], "k") if "propertyNames" in schema else "True"
        return lines + self.other_key_lines(names, extra_test, known, tuple(properties))

    def other_key_lines(self, names: str, extra: str, known: str, properties: tuple) -> list[str]:
        """Every key must fit propertyNames (`names`), and the value of every key that is not
        a declared property must fit additionalProperties (`extra`): one pass over the keys.
        The declared properties that fit propertyNames are worked out once, here, so that only
        the other keys are checked; and a key outside that set that fits propertyNames cannot
        be a declared property, so its value is an additional one."""
        if names == "True":
            if extra == "True":
                return []
            if not properties:
                return ["for w in v.values():", f"    if not {extra}: return False"]
            return ["for k, w in v.items():", f"    if k not in {known} and not {extra}: return False"]
        fails = f"not {names}" + ("" if extra == "True" else f" or not {extra}")
        if not properties:
            return ["for k, w in v.items():", f"    if {fails}: return False"]
        checker = self.constant("names", None, shared=False)
        fitting = self.constant("fitting", frozenset(), shared=False)
        self.source.append(f"def {checker}(k):\n    return bool({names})\n")
        self.after.append((fitting, checker, properties))
        return ["for k, w in v.items():", f"    if k not in {fitting} and ({fails}): return False"]
