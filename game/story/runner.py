"""One playthrough of one role: the runtime every front end drives.

    >>> from game.story import load, Run
    >>> run = Run(load("scenes/tea-and-terms"), "professional")
    >>> run.lines, run.choices          # what to show
    >>> run.choose(0)                   # pick the first visible option
    >>> run.ended, run.ending           # until an ending is reached
"""
from __future__ import annotations

import random
import sys
from typing import Any, NamedTuple

from .ladder import Rung, rung_named
from .model import END, Choice, Effect, Ending, Line, Scenario, Scene, Variable
from .options import ChoiceView, add_offer, offers_of
from .save_format import SAVE_FORMAT, SAVE_VERSION  # (saves.py reads them without the runner)
from .state import Change, State, entry_changes


class RestoreError(ValueError):
    """Saved data that cannot be restored into this scenario at all."""


class ChoiceUnavailable(ValueError):
    """choose() was asked for an option that is not there or is locked."""


_new = tuple.__new__  # Outcome(...) without keyword handling: once per choice


class Outcome(NamedTuple):
    """What one choice did, and what undoing it needs: `run.taken` holds one per choice made,
    and the state's log holds those with effects (its entries begin with these six fields).
    What can be worked out from them is, when asked (`changes`), so that a choice makes one
    record and copies nothing but the few values before it."""

    step: int
    scene: str
    choice: str  # the text of the option taken
    effects: tuple[Effect, ...] = ()
    before: dict[str, Any] | None = None  # the values before its effects (None: it had none)
    variables: dict[str, Variable] | None = None  # the scenario's, for working out changes
    feedback: str = ""
    ending: Ending | None = None
    rung: int | None = None  # the rung of the option taken (None: not said, or not a decision)
    option: Choice | None = None  # the option taken
    shown: tuple = ((), ())  # the options on offer, as shown, and their moves (story/options.py)
    entered: str | None = None  # the scene it led into (its visit is undone)

    @property
    def views(self) -> tuple[ChoiceView, ...]:
        """The options on offer, as shown (undo shows them again)."""
        return self.shown[0]

    @property
    def changes(self) -> tuple[Change, ...]:
        """Each change to a meter, variable or flag, with its reason."""
        return entry_changes(self) if self.before is not None else ()

    @property
    def outcome(self) -> "Outcome":
        """Itself: an entry of `run.taken` is the outcome of that step."""
        return self

    @property
    def text(self) -> str:
        return self.choice

    @property
    def key(self) -> str:
        """The option's id, or its text: how a save finds it again."""
        return (self.option.id if self.option else None) or self.choice

    @property
    def options(self) -> tuple[str, ...]:
        """What was on offer (enabled or not)."""
        return tuple(view.text for view in self.views)


class Run:
    """A playthrough. Mutable; everything it shows is derived from the scenario and the state."""

    def __init__(self, scenario: Scenario, role: str, seed: int | None = None):
        if role not in scenario.roles:
            raise ValueError(f'this scenario has no role "{role}"; it has '
                             + ", ".join(scenario.roles))
        self.scenario = scenario
        self.role = role
        self.seed = random.randrange(2**31) if seed is None else seed
        self._random: random.Random | None = None  # made when first asked for (see random)
        self.state = State(scenario)
        self.taken: list[Outcome] = []  # one per choice made
        self.ending: Ending | None = None
        self.restore_note = ""
        # Steps replayed to begin at a chapter (story/starts.py): taken[started_at:] are the
        # player's own, and undo stops there. 0 for a run played from the beginning.
        self.started_at = 0
        self._views: tuple[ChoiceView, ...] | None = None  # cached until the run moves
        self._shown: tuple = ((), ())  # the views and their moves (story/options.py)
        self._scenes, self._variables = scenario.scenes, scenario.variables
        self._lines: tuple[Line, ...] | None = None  # so are the lines shown
        self._offers = offers_of(scenario)  # each scene's options, prepared (story/options.py)
        self._scene_id = sys.intern(scenario.roles[role].start)  # as story/options.py's are
        self.state.visit(self._scene_id)

    @property
    def random(self) -> random.Random:
        """The run's own generator, seeded with its seed. Made when first asked for: seeding
        one takes as long as a few choices, and most runs never draw from it."""
        if self._random is None:
            self._random = random.Random(self.seed)
        return self._random

    # -- what to show ------------------------------------------------------------------------
    @property
    def scene(self) -> Scene | None:
        """The current scene; None once the run has ended."""
        return None if self.ending else self.scenario.scenes[self._scene_id]

    @property
    def ended(self) -> bool:
        return self.ending is not None

    @property
    def lines(self) -> tuple[Line, ...]:
        """What the current scene says, leaving out lines whose `if:` does not hold now."""
        if self._lines is None:
            if self.ending is not None:
                return ()
            scene_id = self._scene_id
            scene = self._scenes[scene_id]
            offer = self._offers.get(scene_id) or add_offer(self._offers, self.scenario, scene_id)
            if offer.plain_lines:
                self._lines = scene.lines
            else:
                values, visits = self.state.values, self.state.visits
                self._lines = tuple(line for line in scene.lines if line.condition is None
                                    or line.condition.holds(values, visits))
        return self._lines

    @property
    def choices(self) -> list[ChoiceView]:
        """The visible options: hidden ones left out, locked ones shown with their reason.

        They are worked out here (choose() reads them through this too) from the scene's
        prepared offer, and kept until the run moves."""
        views = self._views
        if views is None:
            if self.ending is not None:
                shown = ((), ())
            else:
                offer = self._offers.get(self._scene_id)
                if offer is None:
                    offer = add_offer(self._offers, self.scenario, self._scene_id)
                shown = offer.fixed
                if shown is None:
                    state = self.state
                    single = offer.single
                    if single is not None:
                        shown = offer.holds if single(state.values, state.visits) else offer.fails
                    else:
                        met = 0
                        values, visits = state.values, state.visits
                        for bit, test in offer.tests:
                            if test(values, visits):
                                met |= bit
                        shown = offer.shown.get(met) or offer.prepare(met)
            self._shown = shown
            self._views = views = shown[0]
        return list(views)

    @property
    def stuck(self) -> bool:
        """True when the run has not ended and no option can be taken: a dead end."""
        return not self.ended and not any(view.enabled for view in self.choices)

    @property
    def step(self) -> int:
        """How many choices have been made."""
        return len(self.taken)

    @property
    def last(self) -> Outcome | None:
        """What the most recent choice did (for feedback after choosing)."""
        return self.taken[-1] if self.taken else None

    @property
    def values(self) -> dict[str, Any]:
        return self.state.values

    @property
    def rung(self) -> Rung | None:
        """The rung of the player's most recent decision whose option says one; None before
        any (the decisions replayed to begin at a chapter are not the player's)."""
        for taken in reversed(self.taken[self.started_at:]):
            if taken.rung is not None:
                return rung_named(taken.rung)
        return None

    @property
    def history(self) -> list[Change]:
        return self.state.history

    # -- acting --------------------------------------------------------------------------------
    def choose(self, index: int) -> Outcome:
        """Take visible option `index` (0-based). Raises ChoiceUnavailable if it cannot be taken."""
        if self.ending is not None:
            raise ChoiceUnavailable("the story has ended")
        views = self._views
        if views is None:
            self.choices  # works them out into _views
            views = self._views
        if index < 0:
            raise ChoiceUnavailable(f"there is no option {index + 1}")
        try:
            view = views[index]
        except IndexError:
            raise ChoiceUnavailable(f"there is no option {index + 1}") from None
        if not view[2]:  # view.enabled; indexing a tuple is quicker than its field's name
            raise ChoiceUnavailable(view.reason or "that option is not available")
        scene_id, choice, state, shown = self._scene_id, view[4], self.state, self._shown
        self._views = self._lines = None
        plan, target = shown[1][index]  # its effect plan, and the scene it leads to
        before = None if plan is None else state.change(plan)
        if target is not None:  # _go, without the call
            self._scene_id = target
            visits = state.visits
            visits[target] = visits.get(target, 0) + 1
            ending = None
        else:  # an ending, or END
            ending = self._go(choice.next)
        taken = self.taken
        outcome = _new(Outcome, (len(taken) + 1, scene_id, choice.text, choice.effects, before,
                                 self._variables, choice.feedback, ending, choice.rung, choice,
                                 shown, target))
        taken.append(outcome)
        if before is not None:
            state.log.append(outcome)  # its entry in the log: an Outcome begins as one
        return outcome

    def undo(self) -> bool:
        """Go back one choice. False when there is nothing to undo (a run begun at a chapter
        cannot go back before it)."""
        if len(self.taken) <= self.started_at:
            return False
        taken = self.taken.pop()
        self._shown, self._lines = taken.shown, None
        self._views = taken.shown[0]
        self._scene_id = taken.scene
        if taken.before is not None:
            self.state.undo_entry(taken)
        if taken.entered:
            self.state.unvisit(taken.entered)
        self.ending = None
        return True

    def reset_to(self, scene_id: str, values: dict[str, Any], visits: dict[str, int]) -> None:
        """Put the run at `scene_id` with these values and visit counts, forgetting its
        choices. For tools that explore states (the checker); players use choose/undo."""
        self.taken.clear()
        self.started_at = 0
        self.state.restart(values, visits)
        self.ending = None
        self._scene_id = sys.intern(scene_id)
        self._views = self._lines = None

    def _go(self, target: str) -> Ending | None:
        if target == END:
            self.ending = self.pick_ending()
        elif target in self.scenario.scenes:
            self._scene_id = target = sys.intern(target)
            visits = self.state.visits
            visits[target] = visits.get(target, 0) + 1  # State.visit, without the call
        else:
            self.ending = self.scenario.ending(target)
        return self.ending

    def pick_ending(self) -> Ending:
        """The first ending for this role whose condition holds now."""
        values, visits = self.state.values, self.state.visits
        for ending in self.scenario.endings:
            if ending.applies_to(self.role) and (
                    ending.condition is None or ending.condition.holds(values, visits)):
                return ending
        raise RuntimeError("no ending applies; the loader should have refused this scenario")

    # -- saving --------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        """JSON-safe data; from_dict() replays it through the scenario."""
        scene = self.scenario.scenes.get(self.taken[-1].scene if self.ended and self.taken
                                         else self._scene_id)
        return {
            "format": SAVE_FORMAT, "version": SAVE_VERSION,
            "scenario": self.scenario.id, "scenario_version": self.scenario.version,
            "scenario_title": self.scenario.title,
            "role": self.role, "seed": self.seed,
            "choices": [{"scene": t.scene, "choice": t.key, "text": t.text} for t in self.taken],
            "step": self.step, "started_at": self.started_at, "scene": self._scene_id,
            "chapter": scene.chapter if scene else "",
            "ending": self.ending.id if self.ending else None,
            "meters": {m.name: self.state.values[m.name] for m in self.scenario.meters if m.headline},
        }

    @classmethod
    def from_dict(cls, scenario: Scenario, data: Any) -> "Run":
        """Rebuild a run by replaying its choices. If the story changed so that a recorded
        choice is gone, the run stops at the last step that still exists and says so in
        `restore_note`. Raises RestoreError for data that is not a save of this scenario."""
        if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
            raise RestoreError("this is not a Making Together save")
        if not isinstance(data.get("version"), int) or data["version"] > SAVE_VERSION:
            raise RestoreError("this save was made by a newer version of the game")
        if data.get("scenario") != scenario.id:
            raise RestoreError(f'this save is for the scenario "{data.get("scenario")}", '
                               f'not "{scenario.id}"')
        role, seed, choices = data.get("role"), data.get("seed"), data.get("choices")
        if not isinstance(role, str) or role not in scenario.roles:
            raise RestoreError(f'this scenario no longer has the role "{role}"')
        if not isinstance(seed, int) or not isinstance(choices, list):
            raise RestoreError("this save is damaged (its seed or its list of choices is missing)")
        run = cls(scenario, role, seed)
        for number, entry in enumerate(choices, start=1):
            index = run._find(entry)
            if index is None:
                run.restore_note = (
                    f"The story has changed since this was saved. You are back at step "
                    f"{run.step + 1} of {len(choices) + (0 if data.get('ending') else 1)}, "
                    "the last one that is still the same.")
                break
            run.choose(index)
        else:
            saved_ending = data.get("ending")
            reached = run.ending.id if run.ending else None
            if saved_ending != reached:
                run.restore_note = (
                    "The story has changed since this was saved: the same choices now lead "
                    + (f'to "{run.ending.title}".' if run.ending else "somewhere new."))
        started_at = data.get("started_at")
        if isinstance(started_at, int) and not isinstance(started_at, bool) and started_at > 0:
            run.started_at = min(started_at, run.step)
        return run

    def _find(self, entry: Any) -> int | None:
        if not isinstance(entry, dict) or self.ended or entry.get("scene") != self._scene_id:
            return None
        for view in self.choices:
            if view.enabled and entry.get("choice") == (view.choice.id or view.choice.text):
                return view.index
        return None
