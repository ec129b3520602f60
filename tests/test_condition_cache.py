"""Parsed conditions are kept per process and reused only where the same text means the same."""
import dataclasses
from pathlib import Path

import pytest

from game.story import conditions
from game.story.conditions import BOOL, NUMBER, TEXT, ConditionError, parse_condition_cached
from game.story.loader import load_scenario

HAVEN = Path(__file__).resolve().parent.parent / "scenes" / "haven"
NAMES = {"trust": NUMBER, "power": NUMBER, "paid_fairly": BOOL, "chair": TEXT}


@pytest.fixture
def parses(monkeypatch):
    """An empty cache, and a list of the texts actually parsed from here on."""
    monkeypatch.setattr(conditions, "_cache", {})
    seen: list[str] = []
    real = conditions.parse_condition

    def counting(text, names):
        seen.append(text)
        return real(text, names)

    monkeypatch.setattr(conditions, "parse_condition", counting)
    return seen


def test_the_same_text_is_parsed_once(parses):
    first = parse_condition_cached("trust >= 60 and not paid_fairly", NAMES)
    again = parse_condition_cached("trust >= 60 and not paid_fairly", dict(NAMES))
    assert again == first
    assert again.holds({"trust": 70, "paid_fairly": False}, {})
    assert parses == ["trust >= 60 and not paid_fairly"]


def test_a_different_text_is_not_mixed_up(parses):
    high = parse_condition_cached("trust >= 60", NAMES)
    low = parse_condition_cached("trust < 60", NAMES)
    assert (high.text, low.text) == ("trust >= 60", "trust < 60")
    assert high.holds({"trust": 70}, {}) and not low.holds({"trust": 70}, {})
    assert parse_condition_cached("trust >= 60", NAMES) is high
    assert parses == ["trust >= 60", "trust < 60"]


def test_the_same_text_with_other_names_is_parsed_again(parses):
    parse_condition_cached('chair == "Dev"', NAMES)
    with pytest.raises(ConditionError, match="cannot compare a number with a piece of text"):
        parse_condition_cached('chair == "Dev"', {**NAMES, "chair": NUMBER})
    with pytest.raises(ConditionError, match='"trust" is not a meter'):
        parse_condition_cached("trust >= 60", {"power": NUMBER})
    # A name that is not used by the text does not matter.
    parse_condition_cached('chair == "Dev"', {"chair": TEXT, "other": BOOL})
    assert parses == ['chair == "Dev"', 'chair == "Dev"', "trust >= 60"]


def test_a_word_that_becomes_a_name_is_parsed_again(parses):
    assert parse_condition_cached("true", {}).holds({}, {})
    with pytest.raises(ConditionError, match="must be true or false"):
        parse_condition_cached("true", {"true": NUMBER})


def test_a_failing_text_is_not_kept(parses):
    for names in ({"trusted": NUMBER}, {"trussed": NUMBER}):
        with pytest.raises(ConditionError, match=f'did you mean "{next(iter(names))}"'):
            parse_condition_cached("trust >= 60", names)
    assert len(parses) == 2


def test_a_kept_condition_cannot_be_changed(parses):
    kept = parse_condition_cached("trust >= 60", NAMES)
    with pytest.raises(dataclasses.FrozenInstanceError):
        kept.text = "power >= 0"
    assert isinstance(kept.names, frozenset) and isinstance(kept.scenes, tuple)


def test_the_cache_is_bounded(parses, monkeypatch):
    monkeypatch.setattr(conditions, "CACHE_SIZE", 3)
    for number in range(10):
        parse_condition_cached(f"trust >= {number}", NAMES)
    assert list(conditions._cache) == ["trust >= 7", "trust >= 8", "trust >= 9"]
    parse_condition_cached("trust >= 0", NAMES)
    assert parses.count("trust >= 0") == 2


def test_a_second_load_parses_no_condition_again(parses):
    first = load_scenario(HAVEN, freeze=False)
    assert not first.errors and parses
    parses.clear()
    second = load_scenario(HAVEN, freeze=False)
    assert not second.errors and parses == []
    assert [c.condition.text for s in second.scenario.scenes.values() for c in s.choices if c.condition] \
        == [c.condition.text for s in first.scenario.scenes.values() for c in s.choices if c.condition]
