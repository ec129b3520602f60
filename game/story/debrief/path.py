"""The run's path read back: each deciding number and the rung after every step, the
decisions per chapter in plain lines, and per chapter a card of what was chosen and what it
moved (the window draws the cards; the terminal and reports read the same data)."""
from __future__ import annotations

from typing import NamedTuple

from ..runner import Run
from ..starts import started_line
from ..typeset import quoted


def meter_series(run: Run, name: str) -> list[float]:
    """The value of a meter at the start and after each choice."""
    values = [run.scenario.variables[name].start]
    by_step: dict[int, float] = {}
    for change in run.history:
        if change.name == name:
            by_step[change.step] = change.after
    for step in range(1, run.step + 1):
        values.append(by_step.get(step, values[-1]))
    return values


def rung_series(run: Run) -> list[int | None]:
    """The rung of the latest decision at the start (None) and after each choice: the rung the
    author gave the option taken, carried forward over scenes without a decision. Decisions
    replayed to begin at a chapter are not the player's: None up to where the player took over."""
    found: list[int | None] = [None]
    for number, taken in enumerate(run.taken, start=1):
        rung = taken.outcome.rung if taken.outcome is not None and number > run.started_at else None
        found.append(found[-1] if rung is None else rung)
    return found


def path_summary(run: Run) -> list[str]:
    """The path in a few lines: per chapter, the player's decisions in order (after where the
    run began, for a run begun at a chapter, which the first line then says)."""
    scenario = run.scenario
    taken = []
    for step in run.taken[run.started_at:]:
        scene = scenario.scenes.get(step.scene)
        if scene is not None and scene.is_decision:
            taken.append((scene.chapter or scenario.title, step.text))
    started = started_line(run)
    return ([started] if started else []) + summarise_path(taken, run.ending.title if run.ending else "")


def summarise_path(decisions: list[tuple[str, str]], ending_title: str = "") -> list[str]:
    """One line per chapter from (chapter, choice text) pairs, then the ending."""
    chapters: dict[str, list[str]] = {}
    for chapter, choice in decisions:
        chapters.setdefault(chapter, []).append(choice)
    lines = [f"{chapter}: you chose " + ", then ".join(quoted(c) for c in choices) + "."
             for chapter, choices in chapters.items()]
    if ending_title:
        lines.append(f"It ended: {ending_title}.")
    return lines


class Move(NamedTuple):
    """One deciding number across a stretch of the run: where it began and where it ended."""

    name: str
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before


class ChapterCard(NamedTuple):
    """One chapter of the player's path: the decisions taken in it, in order; each number that
    can decide an ending, from before its first step to after its last; and the principle tags
    of the changes made in it (the most touched first)."""

    chapter: str
    decisions: tuple[str, ...]
    moves: tuple[Move, ...]
    tags: tuple[str, ...]


def chapter_cards(run: Run) -> list[ChapterCard]:
    """A card per chapter the player played (after where a run begun at a chapter took over),
    in the order first reached; a chapter with no decision of the player's has no card."""
    scenario = run.scenario
    steps: dict[str, list[int]] = {}
    decisions: dict[str, list[str]] = {}
    for number, taken in enumerate(run.taken, start=1):
        scene = scenario.scenes.get(taken.scene)
        if number <= run.started_at or scene is None:
            continue
        chapter = scene.chapter or scenario.title
        steps.setdefault(chapter, []).append(number)
        if scene.is_decision:
            decisions.setdefault(chapter, []).append(taken.text)
    series = {v.name: meter_series(run, v.name) for v in scenario.deciding}
    cards = []
    for chapter, numbers in steps.items():
        if chapter not in decisions:
            continue
        first, last = numbers[0], numbers[-1]
        moves = tuple(Move(name, values[first - 1], values[last]) for name, values in series.items())
        counts: dict[str, int] = {}
        for change in run.history:
            if change.tag and change.step in numbers:
                counts[change.tag] = counts.get(change.tag, 0) + 1
        tags = tuple(sorted(counts, key=lambda tag: -counts[tag]))  # ties keep first-seen order
        cards.append(ChapterCard(chapter, tuple(decisions[chapter]), moves, tags))
    return cards


def whole_run(run: Run) -> tuple[Move, ...]:
    """Each deciding number from where the player took over (the start, or the chapter a run
    began at) to now."""
    return tuple(Move(v.name, values[run.started_at], values[-1])
                 for v in run.scenario.deciding
                 for values in (meter_series(run, v.name),))
