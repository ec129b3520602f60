"""The steps of a parsed condition: the usual shapes are one step, and give what the longer
way gives for every value."""
import itertools
import sys

import pytest

from game.story.conditions import BOOL, NUMBER, TEXT, parse_condition

NAMES = {"trust": NUMBER, "power": NUMBER, "paid_fairly": BOOL, "met": BOOL, "chair": TEXT}

# Each condition with the same test written in Python, to check it against.
CASES = [
    ("trust >= 40 or paid_fairly", lambda v: v["trust"] >= 40 or v["paid_fairly"]),
    ("power > -30 and trust > 2", lambda v: v["power"] > -30 and v["trust"] > 2),
    ("trust >= 45 or not paid_fairly", lambda v: v["trust"] >= 45 or not v["paid_fairly"]),
    ("not paid_fairly and met", lambda v: not v["paid_fairly"] and v["met"]),
    ("paid_fairly or met", lambda v: v["paid_fairly"] or v["met"]),
    ("40 <= trust or power < 0", lambda v: 40 <= v["trust"] or v["power"] < 0),
    ('chair == "Dev" and trust != 40', lambda v: v["chair"] == "Dev" and v["trust"] != 40),
    ("trust < 41 and power <= 0", lambda v: v["trust"] < 41 and v["power"] <= 0),
    ("trust > 10 or met or power >= 5", lambda v: v["trust"] > 10 or v["met"] or v["power"] >= 5),
    ("trust > 10 and met or not paid_fairly",
     lambda v: v["trust"] > 10 and v["met"] or not v["paid_fairly"]),
]
GRID = [dict(zip(("trust", "power", "paid_fairly", "met", "chair"), values))
        for values in itertools.product((0, 39, 40, 41, 45, 100), (-100, -30, 0, 5),
                                        (False, True), (False, True), ("Dev", "Ruth"))]


@pytest.mark.parametrize("text, expected", CASES, ids=[text for text, _ in CASES])
def test_every_shape_gives_what_python_gives_for_every_value(text, expected):
    condition = parse_condition(text, NAMES)
    for values in GRID:
        assert condition.holds(values, {}) == bool(expected(values)), values


def python_calls(test, values) -> int:
    """How many Python functions run while `test` is evaluated."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        test(values, {})
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize("text", ["trust >= 40 or paid_fairly", "power > -30 and trust > 2",
                                  "trust >= 45 or not paid_fairly", "not paid_fairly and met",
                                  '5 < trust or chair == "Dev"'])
def test_two_tests_joined_by_and_or_or_are_one_step(text):
    evaluate = parse_condition(text, NAMES).evaluate
    for values in GRID[:8]:
        assert python_calls(evaluate, values) == 1


def test_longer_conditions_still_take_a_step_for_each_part():
    evaluate = parse_condition("trust > 10 and met or not paid_fairly", NAMES).evaluate
    values = dict(GRID[0], trust=0, paid_fairly=False)  # the first part fails: both are run
    assert python_calls(evaluate, values) == 3
