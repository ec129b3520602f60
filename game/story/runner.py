"""One playthrough of one role: the runtime every front end drives.

    >>> from game.story import load, Run
    >>> run = Run(load("scenes/tea-and-terms"), "professional")
    >>> run.lines, run.choices          # what to show
    >>> run.choose(0)                   # pick the first visible option
    >>> run.ended, run.ending           # until an ending is reached
"""
from __future__ import annotations

import random
from typing import Any, NamedTuple

from .ladder import Rung, rung_named
from .model import END, Choice, Ending, Line, Scenario, Scene
from .state import Change, State

SAVE_FORMAT = "making-together/run"
SAVE_VERSION = 1


class RestoreError(ValueError):
    """Saved data that cannot be restored into this scenario at all."""


class ChoiceUnavailable(ValueError):
    """choose() was asked for an option that is not there or is locked."""


class ChoiceView(NamedTuple):
    """An option as the player sees it: `index` is what choose() takes."""

    index: int
    text: str
    enabled: bool
    reason: str  # why it is locked ('' when enabled)
    choice: Choice


_new_view = tuple.__new__  # ChoiceView(...), Outcome(...) without keyword handling: per choice


class Outcome(NamedTuple):
    """What one choice did."""

    step: int
    scene: str
    choice: str
    feedback: str
    changes: tuple[Change, ...]
    ending: Ending | None = None
    rung: int | None = None  # the rung of the option taken (None: not said, or not a decision)


class _Taken:
    """One choice made: enough to show it, record it and undo it. What can be worked out from
    the choice and the options is, when asked, so that choosing copies nothing."""

    __slots__ = ("scene", "choice", "views", "history_at", "outcome", "entered")

    def __init__(self, scene: str, choice: Choice, views: list[ChoiceView], history_at: int,
                 outcome: Outcome, entered: str | None):
        self.scene = scene
        self.choice = choice
        self.views = views            # the options on offer, as shown (undo shows them again)
        self.history_at = history_at  # the length of the history before this choice
        self.outcome = outcome
        self.entered = entered        # the scene this choice led into (its visit is undone)

    @property
    def key(self) -> str:
        """The choice's id, or its text: how a save finds it again."""
        return self.choice.id or self.choice.text

    @property
    def text(self) -> str:
        return self.choice.text

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
        self.random = random.Random(self.seed)
        self.state = State(scenario)
        self.taken: list[_Taken] = []
        self.ending: Ending | None = None
        self.restore_note = ""
        # Steps replayed to begin at a chapter (story/starts.py): taken[started_at:] are the
        # player's own, and undo stops there. 0 for a run played from the beginning.
        self.started_at = 0
        self._views: list[ChoiceView] | None = None  # cached until the run moves
        self._lines: tuple[Line, ...] | None = None  # so are the lines shown
        self._scene_id = scenario.roles[role].start
        self.state.visit(self._scene_id)

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
            values, visits = self.state.values, self.state.visits
            self._lines = tuple(line for line in self.scenario.scenes[self._scene_id].lines
                                if line.condition is None or line.condition.holds(values, visits))
        return self._lines

    @property
    def choices(self) -> list[ChoiceView]:
        """The visible options: hidden ones left out, locked ones shown with their reason."""
        if self._views is None:
            self._views = self._compute_choices()
        return list(self._views)

    def _compute_choices(self) -> list[ChoiceView]:
        if self.ending is not None:
            return []
        views: list[ChoiceView] = []
        values, visits = self.state.values, self.state.visits
        for choice in self.scenario.scenes[self._scene_id].choices:
            condition = choice.condition
            if condition is None or condition.holds(values, visits):
                views.append(_new_view(ChoiceView, (len(views), choice.text, True, "", choice)))
            elif choice.locked:
                views.append(_new_view(ChoiceView, (len(views), choice.text, False, choice.locked,
                                                    choice)))
        return views

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
        return self.taken[-1].outcome if self.taken else None

    @property
    def values(self) -> dict[str, Any]:
        return self.state.values

    @property
    def rung(self) -> Rung | None:
        """The rung of the player's most recent decision whose option says one; None before
        any (the decisions replayed to begin at a chapter are not the player's)."""
        for taken in reversed(self.taken[self.started_at:]):
            if taken.outcome is not None and taken.outcome.rung is not None:
                return rung_named(taken.outcome.rung)
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
            views = self._views = self._compute_choices()
        if not 0 <= index < len(views):
            raise ChoiceUnavailable(f"there is no option {index + 1}")
        view = views[index]
        if not view.enabled:
            raise ChoiceUnavailable(view.reason or "that option is not available")
        scene_id, choice, state = self._scene_id, view.choice, self.state
        step = len(self.taken) + 1
        history_at = len(state.history)
        self._views = self._lines = None
        changes = state.apply(choice.effects, step, scene_id, choice.text)
        ending = self._go(choice.next)
        outcome = _new_view(Outcome, (step, scene_id, choice.text, choice.feedback, changes, ending,
                                      choice.rung))
        self.taken.append(_Taken(scene_id, choice, views, history_at, outcome,
                                 None if ending else choice.next))
        return outcome

    def undo(self) -> bool:
        """Go back one choice. False when there is nothing to undo (a run begun at a chapter
        cannot go back before it)."""
        if len(self.taken) <= self.started_at:
            return False
        taken = self.taken.pop()
        self._views, self._lines = taken.views, None
        self._scene_id = taken.scene
        self.state.undo_to(taken.history_at)
        if taken.entered:
            self.state.unvisit(taken.entered)
        self.ending = None
        return True

    def reset_to(self, scene_id: str, values: dict[str, Any], visits: dict[str, int]) -> None:
        """Put the run at `scene_id` with these values and visit counts, forgetting its
        choices. For tools that explore states (the checker); players use choose/undo."""
        self.taken.clear()
        self.started_at = 0
        self.state.history.clear()
        self.state.values, self.state.visits = values, visits
        self.ending = None
        self._scene_id = scene_id
        self._views = self._lines = None

    def _go(self, target: str) -> Ending | None:
        if target == END:
            self.ending = self.pick_ending()
        elif target in self.scenario.scenes:
            self._scene_id = target
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
