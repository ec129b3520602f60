"""Putting the handouts together: one sheet per handout and an index linking them, written
into one folder through saves.write_text_atomic."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..report.page import esc
from ..files.write import write_text_atomic
from ..story import Scenario
from ..support import Support
from . import general, scenario as from_scenario
from .facts import HANDOUTS_FILE, MoneyFacts
from .sheet import sheet

INDEX = "index.html"


@dataclass(frozen=True)
class Handout:
    name: str      # the file name, without .html
    title: str
    summary: str   # one line for the index
    body: str      # the sheet's HTML, inside <main>


@dataclass(frozen=True)
class Handouts:
    scenario: Scenario
    sheets: tuple[Handout, ...]
    left_out: tuple[str, ...]  # a sentence for each handout this scenario cannot have yet
    made: str

    def pages(self) -> dict[str, str]:
        """{file name: whole HTML page}, the index last."""
        title = self.scenario.title
        pages = {f"{h.name}.html": sheet(h.title, title, h.body, self.made) for h in self.sheets}
        pages[INDEX] = sheet(f"Handouts for {title}", title, self.index(), self.made)
        return pages

    def index(self) -> str:
        items = "".join(f'<li><a href="{esc(h.name)}.html">{esc(h.title)}</a>: {esc(h.summary)}</li>'
                        for h in self.sheets)
        missing = "".join(f"<li>{esc(line)}</li>" for line in self.left_out)
        return (f'<p class="intro">Printable handouts for a session on {esc(self.scenario.title)}. '
                "Open one and print it from your browser (Ctrl+P, or Cmd+P on a Mac): each is set "
                "for A4, and most fit on one page.</p>"
                f'<ol class="index">{items}</ol>'
                + (f"<h2>Not here yet</h2><ul>{missing}</ul>" if missing else ""))


def build_handouts(scenario: Scenario, support: Support, facts: MoneyFacts,
                   made: date | None = None) -> Handouts:
    """Every handout for `scenario`. The money sheet needs facts (handouts.yaml)."""
    made = made or date.today()
    sheets = [
        Handout("six-words", "Six words for making things together",
                "power, purpose, respect, responsibility, resources and knowing what happens "
                "next, with where the ideas come from (1971, 1973)", general.six_words()),
        Handout("ladder", "The ladder of co-production",
                "seven rungs from coercion to co-production, and abdication off the ladder",
                general.ladder()),
        Handout("characters", "The people in the story",
                f"a card for each of the {len(scenario.cast)} people in the cast",
                from_scenario.character_cards(scenario)),
        Handout("open-and-fixed", "What is open, and what is fixed",
                "a template for the group's first meeting", general.open_and_fixed()),
        Handout("working-agreement", "Our working agreement",
                "a template for how the group will work together", general.working_agreement()),
    ]
    left_out = []
    if facts.any:
        sheets.append(Handout("money", "Money and benefits", f"the facts, as they hold for {facts.as_of}",
                              from_scenario.money(scenario, facts)))
    else:
        left_out.append(f"Money and benefits: this scenario has no {HANDOUTS_FILE} with money "
                        "facts beside its scenario.yaml (docs/facilitator-guide.md says how to "
                        "write one)." if not facts.problems else
                        f"Money and benefits: {HANDOUTS_FILE} has a problem ({facts.problems[0]}).")
    if not scenario.cast:
        sheets = [s for s in sheets if s.name != "characters"]
        left_out.append("Character cards: this scenario lists no cast (cast: in scenario.yaml).")
    sheets += [
        Handout("prompts", "Discussion prompts by chapter",
                "the questions for the room at each decision", from_scenario.prompts_by_chapter(scenario)),
        Handout("support", "Where to turn", "support lines for after the session, and during it",
                from_scenario.support_lines(support)),
    ]
    return Handouts(scenario, tuple(sheets), tuple(left_out), f"{made.day} {made:%B %Y}")


def write_handouts(handouts: Handouts, folder: Path) -> list[Path]:
    """Write every page into `folder` (made if need be), each atomically; the index last, so
    an index on disk always links pages that are there. Raises OSError."""
    written = []
    for name, html in handouts.pages().items():
        path = folder / name
        write_text_atomic(path, html)
        written.append(path)
    return written
