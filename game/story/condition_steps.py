"""The steps a parsed condition is made of (story/conditions.py parses, these evaluate).

Each step is a closure of (values, visits): calling one costs a Python call, so the shapes
that nearly every condition has are made one step rather than a tree of them: a name compared
with a written value (`trust >= 40`), and two such tests or flags joined by "and" or "or"
(`trust >= 40 or paid_fairly`). Conditions are tested whenever a scene is shown.
"""
from __future__ import annotations

import operator
from typing import Any, Callable, Mapping

Evaluate = Callable[[Mapping[str, Any], Mapping[str, int]], Any]
# One test of one name, (name, test, value): it holds when test(values[name], value) does.
Test = tuple[str, Callable[[Any, Any], Any], Any]

# The same comparison with its sides swapped: `5 < trust` is `trust > 5`.
SWAPPED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
# Each comparison as a function of two values, for Tests.
TESTS = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
         ">": operator.gt, ">=": operator.ge}


def either(left: Evaluate, right: Evaluate) -> Evaluate:
    return lambda values, visits: left(values, visits) or right(values, visits)


def both(left: Evaluate, right: Evaluate) -> Evaluate:
    return lambda values, visits: left(values, visits) and right(values, visits)


def joined_tests(word: str, first: Test, second: Test) -> Evaluate:
    """`first and second` or `first or second` ("and" or "or" in `word`) in one step."""
    (name, test, value), (other, other_test, other_value) = first, second
    if word == "or":
        return lambda values, visits: (test(values[name], value)
                                       or other_test(values[other], other_value))
    return lambda values, visits: (test(values[name], value)
                                   and other_test(values[other], other_value))


def add(left: Evaluate, right: Evaluate) -> Evaluate:
    return lambda values, visits: left(values, visits) + right(values, visits)


def subtract(left: Evaluate, right: Evaluate) -> Evaluate:
    return lambda values, visits: left(values, visits) - right(values, visits)


def compare(word: str, left: Evaluate, right: Evaluate,
            plain: Mapping[Evaluate, tuple[str, Any]], tests: dict[Evaluate, Test]) -> Evaluate:
    """`left word right`, `word` one of TESTS. `plain` says which parts are a plain name,
    ("name", name), or a written value, ("value", value): a name compared with a value is one
    step, and is noted in `tests` as a Test."""
    first, second = plain.get(left), plain.get(right)
    if first and second and first[0] != second[0]:  # a name and a written value
        if first[0] == "value":
            word, first, second = SWAPPED[word], second, first
        compared = compare_name(word, first[1], second[1])
        tests[compared] = (first[1], TESTS[word], second[1])
        return compared
    if word == "==":
        return lambda values, visits: left(values, visits) == right(values, visits)
    if word == "!=":
        return lambda values, visits: left(values, visits) != right(values, visits)
    if word == "<":
        return lambda values, visits: left(values, visits) < right(values, visits)
    if word == "<=":
        return lambda values, visits: left(values, visits) <= right(values, visits)
    if word == ">":
        return lambda values, visits: left(values, visits) > right(values, visits)
    return lambda values, visits: left(values, visits) >= right(values, visits)


def compare_name(word: str, name: str, value: Any) -> Evaluate:
    """`name word value` in one step."""
    if word == "==":
        return lambda values, visits: values[name] == value
    if word == "!=":
        return lambda values, visits: values[name] != value
    if word == "<":
        return lambda values, visits: values[name] < value
    if word == "<=":
        return lambda values, visits: values[name] <= value
    if word == ">":
        return lambda values, visits: values[name] > value
    return lambda values, visits: values[name] >= value
