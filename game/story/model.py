"""What a loaded scenario is made of. Frozen: a scenario never changes while it is played.

Slotted dataclasses, and tuples for the most numerous (Effect, Line): a large scenario holds
hundreds of thousands of them, and slots make each smaller and quicker to read. Where a scene,
choice or ending was written (`at`) is learnt only when a message asks for it (see Place)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

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


class Place:
    """Where a part of a scene file was written, as (file, line, column) for messages: asked
    of the parsed file only when first wanted, since working out every position of a large
    scenario costs more than the rest of loading (story/source.py)."""

    __slots__ = ("_source", "_path", "_at")

    def __init__(self, source: Any, path: tuple):
        self._source, self._path, self._at = source, path, None  # source: a source.SourceFile

    def __call__(self) -> tuple[str, int, int]:
        if self._at is None:
            self._at = (self._source.path, *self._source.where(self._path))
            self._source = None  # the file's text is freed once every place is known
        return self._at

    def written(self) -> tuple[Any, tuple] | None:
        """(parsed file, path into its data), for keeping the place in the parse cache
        (story/stored_scenario.py); None once the position is known and the file let go."""
        return None if self._source is None else (self._source, self._path)


NOWHERE = ("", 0, 0)


@dataclass(frozen=True, slots=True)
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


class Effect(NamedTuple):
    """One change: add `amount` to a number, or set `name` to `value`. A tuple: a large
    scenario has hundreds of thousands, and a tuple is the quickest thing to make."""

    name: str
    op: str  # "add" or "set"
    value: Any
    why: str = ""
    tag: str = ""


class Line(NamedTuple):
    """One paragraph or line of a scene; a tuple, as Effect."""

    speaker: str | None
    text: str
    condition: Condition | None = None  # shown only when this holds


@dataclass(frozen=True, slots=True)
class Choice:
    text: str
    next: str
    id: str | None = None
    condition: Condition | None = None
    locked: str | None = None  # shown disabled with this reason when the condition fails
    effects: tuple[Effect, ...] = ()
    feedback: str = ""
    place: Place | None = field(default=None, compare=False, repr=False)
    rung: int | None = None  # the rung of the ladder this option is at; ABDICATION is off it

    @property
    def at(self) -> tuple[str, int, int]:
        """File, line and column, for messages."""
        return NOWHERE if self.place is None else self.place()


@dataclass(frozen=True, slots=True)
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
    place: Place | None = field(default=None, compare=False, repr=False)

    @property
    def at(self) -> tuple[str, int, int]:
        """File, line and column, for messages."""
        return NOWHERE if self.place is None else self.place()

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


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    title: str
    text: str
    condition: Condition | None = None
    roles: tuple[str, ...] = ()  # empty: every role
    place: Place | None = field(default=None, compare=False, repr=False)
    kind: str = ""  # one of ENDING_KINDS, or "" when the author has not said

    @property
    def at(self) -> tuple[str, int, int]:
        """File, line and column, for messages."""
        return NOWHERE if self.place is None else self.place()

    @property
    def failure(self) -> bool:
        return self.kind in FAILURE_KINDS

    def applies_to(self, role: str) -> bool:
        return not self.roles or role in self.roles


@dataclass(frozen=True, slots=True)
class Purpose:
    """What one chapter's part of the project is for, and the rungs of the ladder that suit it.
    The debrief judges the fit between the rung reached and this, not the height of the rung."""

    chapter: str
    what: str
    low: int
    high: int
    why: str = ""


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    name: str
    start: str
    description: str = ""
    intro: str = ""


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    about: str = ""
    portrait: str | None = None
    portrait_alt: str | None = None  # as Scene.background_alt: None unwritten, "" decoration


# The agree/disagree scale of the before-and-after reflection, when a scenario gives none.
DEFAULT_SCALE = ("Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree")


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement of the before-and-after reflection, answered on its scale."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Reflection:
    """A short self-assessment asked before play and again after the ending: a reflection aid
    for the player and the room, not a validated instrument. Every answer may be skipped."""

    statements: tuple[Statement, ...]
    scale: tuple[str, ...] = DEFAULT_SCALE


@dataclass(frozen=True, slots=True, weakref_slot=True)  # weakref: tests see it freed
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
