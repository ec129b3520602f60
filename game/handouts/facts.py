"""handouts.yaml: what a scenario adds to its handouts, kept beside its scenario.yaml.

    as_of: April 2025 to March 2026 (the 2025/26 benefit year)   # when the facts hold
    story:                   # the made-up project's money, as the story has it
      - about: The Haven's money
        text: £280,000 from the ICB for the first twelve months ...
    facts:                   # the real rules the story rests on
      - about: Universal Credit
        text: Involvement payments count as earnings ...
    note: Nothing here is benefits advice ...

Both lists are optional, but a file with either needs `as_of:`: money rules change every April,
and a printed sheet must say which year it speaks for.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..files.datafile import read_mapping
from ..story.problems import Problem

HANDOUTS_FILE = "handouts.yaml"
KEYS = ("as_of", "story", "facts", "note")
FACT_KEYS = ("about", "text")
MOST_FACTS = 12  # a sheet, not a manual
FACT_LIMIT = 500


@dataclass(frozen=True)
class Fact:
    about: str
    text: str


@dataclass(frozen=True)
class MoneyFacts:
    """A scenario's money and benefits facts, and the date they hold for."""

    as_of: str = ""
    story: tuple[Fact, ...] = ()
    facts: tuple[Fact, ...] = ()
    note: str = ""
    problems: tuple[Problem, ...] = ()

    @property
    def any(self) -> bool:
        return bool(self.story or self.facts)


def read_money_facts(folder: Path) -> MoneyFacts:
    """The scenario folder's handouts.yaml, checked; an empty MoneyFacts when there is none.
    A file with problems gives none of its facts (a sheet with half its rules would mislead)."""
    path = Path(folder) / HANDOUTS_FILE
    if not path.is_file():
        return MoneyFacts()
    file, data = read_mapping(path, KEYS, HANDOUTS_FILE)
    if data is None:
        return MoneyFacts(problems=tuple(file.problems))
    lists: dict[str, list[Fact]] = {"story": [], "facts": []}
    for key, found in lists.items():
        for index, item in enumerate(file.items(data, (), key, HANDOUTS_FILE, MOST_FACTS)):
            here = (key, index)
            what = f"{key} item {index + 1}"
            item = file.mapping(item, here, FACT_KEYS, what)
            if item is None:
                continue
            about = file.text(item, here, "about", what, required=True, limit=80)
            text = file.text(item, here, "text", what, required=True, limit=FACT_LIMIT)
            if about and text:
                found.append(Fact(about, text))
    if ("story" in data or "facts" in data) and data.get("as_of") is None:
        file.fail((), f'{HANDOUTS_FILE} needs "as_of:", the date its money facts hold for '
                  "(the rules change every April)")
    as_of = file.text(data, (), "as_of", HANDOUTS_FILE, limit=80)
    note = file.text(data, (), "note", HANDOUTS_FILE, limit=FACT_LIMIT)
    if file.problems:
        problems = tuple(sorted(file.problems, key=lambda p: (p.line, p.column)))
        return MoneyFacts(problems=problems)
    return MoneyFacts(as_of, tuple(lists["story"]), tuple(lists["facts"]), note)
