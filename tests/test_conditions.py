"""The condition language: parsing, type checks, evaluation, and hostile input."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.story.conditions import BOOL, NUMBER, TEXT, ConditionError, parse_condition

NAMES = {"trust": NUMBER, "power": NUMBER, "paid_fairly": BOOL, "chair": TEXT}
VALUES = {"trust": 60, "power": -30, "paid_fairly": False, "chair": "Dev"}


def holds(text: str, values=None, visits=None) -> bool:
    return parse_condition(text, NAMES).holds(values or VALUES, visits or {})


@pytest.mark.parametrize("text, expected", [
    ("trust >= 60", True),
    ("trust > 60", False),
    ("trust >= 60 and not paid_fairly", True),
    ("paid_fairly or power < -20", True),
    ("(power > -20 or paid_fairly) and trust == 60", False),
    ('chair == "Dev"', True),
    ("chair != 'Dev'", False),
    ("0 < trust < 61", True),
    ("trust - 10 >= 50 and -power == 30", True),
    ("true and not false", True),
    ("TRUE", True),
    ('visited("intro")', True),
    ('visits("intro") >= 2', False),
])
def test_evaluation(text, expected):
    assert holds(text, visits={"intro": 1}) is expected


@pytest.mark.parametrize("text, offset, message", [
    ("trust = 5", 6, 'use "==" to compare'),
    ("trust && paid_fairly", 6, 'use "and"'),
    ("trus > 5", 0, '"trus" is not a meter, variable or flag of this scenario (did you mean "trust"?)'),
    ("trust", 0, "a condition must be true or false"),
    ("trust > 'x'", 8, "cannot compare a number with a piece of text"),
    ("not trust", 4, 'what follows "not" must be a yes/no value, not a number'),
    ("paid_fairly and trust", 16, 'the part after "and" must be a yes/no value'),
    ("chair < 'z'", 6, '"<" only compares numbers'),
    ("trust >= 60 paid_fairly", 12, 'unexpected "paid_fairly" (did you forget "and" or "or"?)'),
    ("(trust > 5", 10, 'expected a closing ")" here'),
    ("", 0, "the condition is empty"),
    ("'open", 0, "this quote is never closed"),
    ("len(chair) > 2", 0, '"len(...)" is not known'),
    ("visited(intro)", 8, 'visited() takes a scene id in quotes'),
    ("trust >", 7, "the condition stops too soon"),
])
def test_errors_say_what_and_where(text, offset, message):
    with pytest.raises(ConditionError) as caught:
        parse_condition(text, NAMES)
    assert caught.value.message.startswith(message)
    assert caught.value.offset == offset


def test_too_deep_or_too_long_is_refused_cleanly():
    with pytest.raises(ConditionError, match="nested too deeply"):
        parse_condition("(" * 200 + "true" + ")" * 200, NAMES)
    with pytest.raises(ConditionError, match="longer than"):
        parse_condition("trust > 1 and " * 100 + "true", NAMES)


def test_names_used_are_recorded():
    condition = parse_condition('trust > 5 and visited("a-b")', NAMES)
    assert condition.names == {"trust"}
    assert condition.scenes == (("a-b", 23),)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=120))
def test_arbitrary_text_raises_only_condition_error(text):
    try:
        condition = parse_condition(text, NAMES)
    except ConditionError:
        return
    assert isinstance(condition.holds(VALUES, {}), bool)


_PIECES = st.sampled_from(["trust", "power", "paid_fairly", "chair", "(", ")", "and", "or", "not",
                           "==", "!=", "<", ">=", "-", "+", "1", "60", '"Dev"', "true",
                           'visited("a")', "visits(", ","])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12))
def test_arbitrary_token_soup_raises_only_condition_error(pieces):
    try:
        condition = parse_condition(" ".join(pieces), NAMES)
    except ConditionError:
        return
    assert isinstance(condition.holds(VALUES, {"a": 1}), bool)


_COMPARED = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
             "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}
_SIDES = st.one_of(st.sampled_from(["trust", "power"]), st.integers(-120, 120))


@settings(max_examples=400, deadline=None)
@given(_SIDES, st.sampled_from(sorted(_COMPARED)), _SIDES, st.integers(-100, 100),
       st.integers(-100, 100))
def test_a_comparison_means_the_same_whichever_side_the_name_is_on(left, operator, right,
                                                                    trust, power):
    """`name OP number` and `number OP name` (negative numbers too) are worked out in one
    step; that step must agree with comparing the two values."""
    values = {"trust": trust, "power": power, "paid_fairly": False, "chair": "Dev"}
    text = f"{left} {operator} {right}"
    side = lambda part: values[part] if isinstance(part, str) else part  # noqa: E731
    expected = _COMPARED[operator](side(left), side(right))
    assert parse_condition(text, NAMES).holds(values, {}) is expected
    assert bool(parse_condition(text, NAMES).evaluate(values, {})) is expected


@pytest.mark.parametrize("text, values, expected", [
    ("not paid_fairly", {"paid_fairly": False}, True),
    ("not paid_fairly", {"paid_fairly": True}, False),
    ("not not paid_fairly", {"paid_fairly": True}, True),
    ('"Dev" == chair', {"chair": "Dev"}, True),
    ('"Dev" != chair', {"chair": "Ruth"}, True),
    ("-30 >= power", {"power": -30}, True),
    ("-30 > power", {"power": -30}, False),
    ("- -5 == trust", {"trust": 5}, True),
])
def test_names_negations_and_written_values_on_the_left(text, values, expected):
    assert holds(text, {**VALUES, **values}) is expected
