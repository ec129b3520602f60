"""What a scene offers, worked out once per scene and shared by every run of a scenario.

Which of a scene's options are shown, and how, depends only on which of their conditions hold.
So the options of a scene are prepared once for each pattern of conditions met (a scene with
no conditions has one), and a run at that scene only tests the conditions and looks the
pattern up: nothing is built at each choice. A scenario never changes while it is played
(a reloaded one is a new object), so what is prepared for it stays true.
"""
from __future__ import annotations

import sys
import weakref
from typing import Any, Callable, NamedTuple

from .model import Choice, Scenario, Scene
from .state import plan_effects


class ChoiceView(NamedTuple):
    """An option as the player sees it: `index` is what choose() takes."""

    index: int
    text: str
    enabled: bool
    reason: str  # why it is locked ('' when enabled)
    choice: Choice


# (views, moves): the options shown, and for each what choosing it does, (plan, scene): its
# effect plan (None: no effects) and the scene it leads to (None: an ending or END). Scene ids
# are interned, as are the names in plans (state.plan_effects), the keys of a State's values
# and the names conditions read: a lookup of the very same string needs no comparison.
Shown = tuple


class Offer:
    """One scene's options, prepared. `fixed` is what is shown when no option has a condition
    (else None). When one option has a condition (the usual case), `single` is its test, and
    `fails` and `holds` what is shown when it fails and when it holds. With more, `tests` are
    (bit, test) for each option that has one, and `shown` what is shown by the bits of the
    conditions met, filled as met. An offer lives as long as its scenario, and the collector
    walks it at every full collection: it holds as few containers as it can."""

    __slots__ = ("choices", "moves", "fixed", "single", "fails", "holds", "tests", "shown",
                 "plain_lines")

    def __init__(self, scene: Scene, scenario: Scenario, steps: dict):
        self.choices = scene.choices
        scenes = scenario.scenes
        self.moves = tuple((plan_effects(choice.effects, scenario.variables, steps)
                            if choice.effects else None,
                            sys.intern(choice.next) if choice.next in scenes else None)
                           for choice in scene.choices)
        tests = tuple((1 << number, choice.condition.evaluate)
                      for number, choice in enumerate(scene.choices)
                      if choice.condition is not None)
        self.fixed = self.single = self.fails = self.holds = None
        self.tests: tuple[tuple[int, Callable[..., Any]], ...] = ()
        self.shown: dict[int, Shown] | None = None
        if not tests:
            self.fixed = self.prepare(0)
        elif len(tests) == 1:
            (bit, self.single), = tests
            self.fails = self.prepare(0)
            self.holds = self.prepare(bit, self.fails[0])
        else:
            self.tests, self.shown = tests, {}
        self.plain_lines = all(line.condition is None for line in scene.lines)

    def prepare(self, met: int, like: tuple[ChoiceView, ...] = ()) -> Shown:
        """What is shown when the conditions whose bits are in `met` hold: hidden options
        left out, locked ones shown disabled with their reason. Views the same as one in
        `like` are that one (a large scenario keeps many)."""
        views: list[ChoiceView] = []
        moves = []
        for number, choice in enumerate(self.choices):
            if choice.condition is None or met >> number & 1:
                view = ChoiceView(len(views), choice.text, True, "", choice)
            elif choice.locked:
                view = ChoiceView(len(views), choice.text, False, choice.locked, choice)
            else:
                continue
            views.append(next((old for old in like if old.choice is choice and old.index ==
                               view.index and old.enabled == view.enabled), view))
            moves.append(self.moves[number])
        shown = (tuple(views), tuple(moves))
        if self.shown is not None:
            self.shown[met] = shown
        return shown


class Offers(dict):
    """One scenario's offers by scene id, and the steps of effect plans they share (most
    effects of a large scenario add the same few amounts to the same few numbers)."""

    __slots__ = ("steps",)

    def __init__(self) -> None:
        super().__init__()
        self.steps: dict[tuple, tuple] = {}


# Each scenario's offers, kept while the scenario lives (keyed by id(), since a scenario is
# not hashable; the entry goes when the scenario does, before its id can be reused).
_offers: dict[int, Offers] = {}


def offers_of(scenario: Scenario) -> Offers:
    """The offers of `scenario`'s scenes prepared so far (add_offer prepares the others)."""
    key = id(scenario)
    found = _offers.get(key)
    if found is None:
        found = _offers[key] = Offers()
        weakref.finalize(scenario, _offers.pop, key, None)
    return found


def add_offer(offers: Offers, scenario: Scenario, scene_id: str) -> Offer:
    """Prepare the offer of `scenario`'s scene `scene_id` into `offers` (from offers_of)."""
    offer = offers[scene_id] = Offer(scenario.scenes[scene_id], scenario, offers.steps)
    return offer
