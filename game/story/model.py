"""What a loaded scenario is made of. Frozen: a scenario never changes while it is played."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .conditions import Condition
from .shipped import shipped

ROLES = ("professional", "service_user")
HEADLINE = ("trust", "power", "outcome")
PRINCIPLES = ("power", "purpose", "respect", "responsibility", "resources", "next")
OBSTACLES = ("power", "hiding_expertise", "resources", "respect", "responsibility", "ownership",
             "what_to_coproduce", "next")
# What kind of ending an ending is, best first; the lesson audit reads them.
ENDING_KINDS = ("made-together", "partial", "tokenistic", "stalled", "abdication", "burnout")
FAILURE_KINDS = ("tokenistic", "stalled", "abdication", "burnout")
SHARED_IMAGES = shipped("assets") / "images"
END = "end"  # `next: end` picks the first ending whose condition holds

DEFAULT_METERS = {
    "trust": {"label": "Trust", "min": 0, "max": 100, "start": 50,
              "description": "How far people in the group believe each other and the process."},
    "power": {"label": "Power balance", "min": -100, "max": 100, "start": 0,
              "description": "-100: staff hold every decision. 0: shared. "
                             "+100: staff stepped back so far that what they know is missing."},
    "outcome": {"label": "Outcome", "min": 0, "max": 100, "start": 50,
                "description": "How useful the thing being made will be to the people who need it."},
}


@dataclass(frozen=True)
class Variable:
    """A meter, an extra variable or a flag. `kind` is number, yes/no or text."""

    name: str
    label: str
    kind: str
    start: Any
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""
    headline: bool = False
    capacity: bool = False  # a person's capacity: resourcing the work restores it

    def clamp(self, value: Any) -> Any:
        if self.minimum is not None and value < self.minimum:
            return self.minimum
        if self.maximum is not None and value > self.maximum:
            return self.maximum
        return value


@dataclass(frozen=True)
class Effect:
    """One change: add `amount` to a number, or set `name` to `value`."""

    name: str
    op: str  # "add" or "set"
    value: Any
    why: str = ""
    tag: str = ""


@dataclass(frozen=True)
class Line:
    speaker: str | None
    text: str
    condition: Condition | None = None  # shown only when this holds


@dataclass(frozen=True)
class Choice:
    text: str
    next: str
    id: str | None = None
    condition: Condition | None = None
    locked: str | None = None  # shown disabled with this reason when the condition fails
    effects: tuple[Effect, ...] = ()
    feedback: str = ""
    at: tuple[str, int, int] = ("", 0, 0)  # file, line, column: for messages
    rung: int | None = None  # the rung of the ladder this option is at; ABDICATION is off it


@dataclass(frozen=True)
class Scene:
    id: str
    file: str
    chapter: str = ""
    title: str = ""
    role: str | None = None
    moment: str | None = None
    obstacles: tuple[str, ...] = ()  # the obstacles of coproduction this decision is about
    background: str | None = None
    portrait: str | None = None
    # What a player who cannot see each picture should know: None when the author wrote
    # no alt text, "" when the picture is decoration only (nothing to say).
    background_alt: str | None = None
    portrait_alt: str | None = None
    content_notes: tuple[str, ...] = ()
    lines: tuple[Line, ...] = ()
    discuss: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    is_decision: bool = True  # False for a scene with a plain `next` (one "Continue")
    at: tuple[str, int, int] = ("", 0, 0)

    @property
    def alt_texts(self) -> tuple[str, ...]:
        """The alt text of this scene's pictures that has something to say, background first:
        what the terminal prints and self-voicing speaks before the scene's text."""
        return tuple(alt for name, alt in ((self.background, self.background_alt),
                                           (self.portrait, self.portrait_alt)) if name and alt)

    @property
    def alt(self) -> str:
        """The same, as one passage: "" when no picture of this scene has anything to say."""
        return " ".join(self.alt_texts)


@dataclass(frozen=True)
class Ending:
    id: str
    title: str
    text: str
    condition: Condition | None = None
    roles: tuple[str, ...] = ()  # empty: every role
    at: tuple[str, int, int] = ("", 0, 0)
    kind: str = ""  # one of ENDING_KINDS, or "" when the author has not said

    @property
    def failure(self) -> bool:
        return self.kind in FAILURE_KINDS

    def applies_to(self, role: str) -> bool:
        return not self.roles or role in self.roles


@dataclass(frozen=True)
class Purpose:
    """What one chapter's part of the project is for, and the rungs of the ladder that suit it.
    The debrief judges the fit between the rung reached and this, not the height of the rung."""

    chapter: str
    what: str
    low: int
    high: int
    why: str = ""


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    start: str
    description: str = ""
    intro: str = ""


@dataclass(frozen=True)
class Person:
    name: str
    about: str = ""
    portrait: str | None = None
    portrait_alt: str | None = None  # as Scene.background_alt: None unwritten, "" decoration


# The agree/disagree scale of the before-and-after reflection, when a scenario gives none.
DEFAULT_SCALE = ("Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree")


@dataclass(frozen=True)
class Statement:
    """One statement of the before-and-after reflection, answered on its scale."""

    id: str
    text: str


@dataclass(frozen=True)
class Reflection:
    """A short self-assessment asked before play and again after the ending: a reflection aid
    for the player and the room, not a validated instrument. Every answer may be skipped."""

    statements: tuple[Statement, ...]
    scale: tuple[str, ...] = DEFAULT_SCALE


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    path: Path
    summary: str = ""
    version: str = "1"
    content_notes: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    roles: dict[str, Role] = field(default_factory=dict)
    variables: dict[str, Variable] = field(default_factory=dict)
    cast: dict[str, Person] = field(default_factory=dict)
    scenes: dict[str, Scene] = field(default_factory=dict)
    endings: tuple[Ending, ...] = ()
    purposes: dict[str, Purpose] = field(default_factory=dict)  # by chapter
    reflection: Reflection | None = None  # the before-and-after statements, if it has them
    pictures: dict[str, str] = field(default_factory=dict)  # alt text by file, from `pictures:`

    @property
    def meters(self) -> list[Variable]:
        """The numeric variables, headline meters first."""
        numbers = [v for v in self.variables.values() if v.kind == "number"]
        return sorted(numbers, key=lambda v: (not v.headline, HEADLINE.index(v.name)
                                               if v.headline else 0))

    @property
    def deciding(self) -> list[Variable]:
        """The numbers a player must see wherever the headline meters are shown: the headline
        meters and every number an ending's condition reads, in the order of `meters`."""
        read = {name for ending in self.endings if ending.condition
                for name in ending.condition.names}
        return [m for m in self.meters if m.headline or m.name in read]

    @property
    def capacities(self) -> list[Variable]:
        return [v for v in self.variables.values() if v.capacity and v.kind == "number"]

    def ending(self, ending_id: str) -> Ending | None:
        for ending in self.endings:
            if ending.id == ending_id:
                return ending
        return None

    def asset_path(self, name: str | None) -> Path | None:
        """Where a background or portrait file lives, or None if it is not there."""
        return find_asset(self.path, name)


def find_asset(scenario_folder: Path, name: str | None) -> Path | None:
    """A picture from the scenario's assets/ folder, else from the game's assets/images/."""
    if not name:
        return None
    for folder in (scenario_folder / "assets", SHARED_IMAGES):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None
