"""What exploring one role found: filled in by the state search (explore.py), the ending search
(ending_search.py) and the random runs, completed and judged by findings.py."""
from __future__ import annotations

from dataclasses import dataclass, field

from .lesson import LessonReport


@dataclass
class RoleReport:
    role: str
    reachable_scenes: set[str] = field(default_factory=set)
    reachable_endings: set[str] = field(default_factory=set)
    dead_ends: set[str] = field(default_factory=set)
    states: int = 0  # states the search for scenes, dead ends and loops needed
    # True when that search covered every reachable state: then reachable scenes, dead ends
    # and loops with no way out are proofs, not what was found in the states explored.
    complete: bool = True
    budget: int = 0  # the most states one search may visit
    ending_states: int = 0  # states the search for endings not yet reached needed
    # True when every ending of this role was reached, or the search for the others finished:
    # then the endings not reached cannot be reached.
    endings_complete: bool = True
    decisions_per_path: tuple[int, int] | None = None
    # fewest decisions to an ending, from the scene graph alone: holds even when the search stops early
    fewest_decisions_bound: int | None = None
    unreachable_scenes: list[str] = field(default_factory=list)
    unreachable_endings: list[str] = field(default_factory=list)
    random: dict = field(default_factory=dict)
    random_scenes: set[str] = field(default_factory=set)
    dominated: dict[str, str] = field(default_factory=dict)  # scene -> option that wins all
    doomed: set[tuple] = field(default_factory=set)  # states from which no ending can be reached
    trapped_scenes: set[str] = field(default_factory=set)  # scenes of doomed states, not dead ends
    wrong_endings: set[tuple[str, str]] = field(default_factory=set)  # (scene, ending of another role)
    wrong_role_scenes: set[str] = field(default_factory=set)  # marked for another role
    # scene -> the texts of the choices shown in a state where more than MAX_SHOWN show
    crowded: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lesson: LessonReport | None = None  # the lesson audit

    @property
    def proven(self) -> bool:
        """True when everything reported about reaching things is a proof."""
        return self.complete and self.endings_complete

    def to_dict(self) -> dict:
        paths = self.decisions_per_path
        return {
            "reachable_endings": sorted(self.reachable_endings),
            "unreachable_endings": self.unreachable_endings,
            "unreachable_scenes": self.unreachable_scenes,
            "dead_ends": sorted(self.dead_ends),
            "explored_states": self.states + self.ending_states,
            "exploration_complete": self.proven,
            "search": {"complete": self.proven, "scenes_complete": self.complete,
                       "endings_complete": self.endings_complete, "states": self.states,
                       "ending_states": self.ending_states, "budget": self.budget},
            "decisions_per_path": {"min": paths[0], "max": paths[1]} if paths else None,
            "fewest_decisions_bound": self.fewest_decisions_bound,
            "random_runs": self.random,
            "lesson": self.lesson.to_dict() if self.lesson else None,
        }
