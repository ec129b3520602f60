"""The effects of choices, built by story/effects.py for the loader's builder."""
import gc
from pathlib import Path

from game.story.build import Builder
from game.story.conditions import BOOL, NUMBER
from game.story.effects import EffectBuilder
from game.story.loader import load_scenario
from game.story.model import Effect, Variable
from game.story.source import SourceFile

HAVEN = Path(__file__).resolve().parent.parent / "scenes" / "haven"


def test_nothing_of_a_load_is_left_in_a_cycle():
    """Loading runs with the collector off and then freezes what is alive: a builder kept
    alive by a cycle (say, with its effect builder) would keep every parsed file with it."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        result = load_scenario(HAVEN, freeze=False)
        left = [o for o in gc.get_objects() if isinstance(o, (Builder, EffectBuilder))]
    finally:
        if was_enabled:
            gc.enable()
    assert result.scenario is not None and not result.errors
    assert left == []


def test_usual_and_unusual_effects_are_built_alike():
    variables = {"trust": Variable("trust", "Trust", NUMBER, 50, 0, 100),
                 "paid": Variable("paid", "Paid", BOOL, False)}
    problems: list = []
    source = SourceFile("scenes/x/ch1.yaml", {})
    built = EffectBuilder(variables, problems).build_all(source, ("scenes", 0, "choices", 0), [
        (0, {"trust": 5, "why": "heard", "tag": "voice"}),
        (1, {"clear": "paid", "why": "unpaid", "tag": "money"}),
        (2, {"set": "trust", "to": 40, "why": "reset", "tag": "power"}),
        (3, {"set": "paid"}),
    ])
    assert built == (Effect("trust", "add", 5, "heard", "voice"),
                     Effect("paid", "set", False, "unpaid", "money"),
                     Effect("trust", "set", 40, "reset", "power"),
                     Effect("paid", "set", True))
    assert [p.severity for p in problems] == ["warning"]
    assert 'no "why" and no "tag"' in problems[0].message


def test_a_bad_effect_is_said_and_left_out():
    variables = {"trust": Variable("trust", "Trust", NUMBER, 50, 0, 100)}
    problems: list = []
    source = SourceFile("scenes/x/ch1.yaml", {})
    built = EffectBuilder(variables, problems).build_all(source, ("scenes", 0, "choices", 0), [
        (0, {"trsut": 5, "why": "heard", "tag": "voice"}),
        (1, {"set": "trust", "to": 400, "why": "too much", "tag": "power"}),
    ])
    assert built == (Effect("trust", "set", 400, "too much", "power"),)
    assert [p.severity for p in problems] == ["error", "error"]
    assert 'did you mean "trust"' in problems[0].message
    assert "outside the range" in problems[1].message and "0 to 100" in problems[1].message
