"""Chapter starts: beginning a role at a later chapter, for a session too short for the whole story.

A scenario may keep a `starts.yaml` beside its `scenario.yaml`:

    starts:
      - chapter: The first meeting        # a chapter's title, as in its file's `chapter:`
        role: professional
        summary: >                        # "The story so far", for the player: 2-5 sentences
          You are Ruth ... You asked Marcia to invite people, paid at the trust rate.
        choose: [admin-afternoon, paid-invite]   # every decision from the role's start, by
                                                 # option id (or exact text, or number)

A run begun at a chapter is an ordinary Run after replaying those decisions (and the scenes that
only say Continue, up to the chapter's first scene), with `run.started_at` set to the number of
steps replayed. Saves, undo of later choices, session records and debriefs all work on it as on
any run; readers that judge the player take only `run.taken[run.started_at:]`.

`check` replays every start and reports, at its line, one that no longer reaches its chapter.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Scenario
from .problems import Problem, did_you_mean
from .replay import find_option, options_on_offer, pass_continues
from .runner import Run

if TYPE_CHECKING:  # the YAML reader loads on first use, not with the window
    from .source import SourceFile

STARTS_FILE = "starts.yaml"
_KEYS = ("chapter", "role", "summary", "choose")
MAX_SUMMARY_WORDS = 120  # "2-5 plain sentences": longer than this is a chapter, not a summary


def chapters(scenario: Scenario) -> list[str]:
    """The scenario's chapter titles in story order (the order their scenes are written)."""
    return [c for c in dict.fromkeys(scene.chapter for scene in scenario.scenes.values()) if c]


def chapter_number(scenario: Scenario, title: str) -> int:
    """The 1-based number of the chapter called `title`; 0 when there is none."""
    found = chapters(scenario)
    return found.index(title) + 1 if title in found else 0


@dataclass(frozen=True)
class ChapterStart:
    """One declared start: where it begins, for whom, what to tell the player, and the path."""

    chapter: str
    number: int             # the chapter's 1-based number in the story
    role: str
    summary: str            # "The story so far", as the author wrote it (spaces tidied)
    choose: tuple[Any, ...]  # option ids, exact texts or numbers, from the role's start
    index: int              # its place in starts.yaml (for positions)

    @property
    def heading(self) -> str:
        """'Chapter 3: The first real meeting'."""
        return f"Chapter {self.number}: {self.chapter}"

    @property
    def label(self) -> str:
        """'Start at chapter 3: The first real meeting'."""
        return f"Start at chapter {self.number}: {self.chapter}"


@dataclass
class StartsFile:
    """What a scenario's starts.yaml declares, and what is wrong with it (read, not replayed)."""

    starts: list[ChapterStart] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    source: SourceFile | None = None

    def problem(self, start: ChapterStart, path: tuple, message: str) -> Problem:
        where = f'chapter start "{start.chapter}" ({start.role})'
        if self.source is None:
            return Problem(STARTS_FILE, 1, 1, f"{where}: {message}")
        return self.source.problem(("starts", start.index) + path, f"{where}: {message}")


class StartBroken(ValueError):
    """A start whose path no longer reaches its chapter; `problem` says where and why."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def read_starts(scenario: Scenario) -> StartsFile:
    """The starts declared beside the scenario, each checked for shape (not replayed: see
    `begin` and `check_starts`). Empty when there is no starts.yaml."""
    path = Path(scenario.path) / STARTS_FILE
    if not path.is_file():
        return StartsFile()
    from .loader import _shown
    from .source import read_source
    source = read_source(path, _shown(path))
    found = StartsFile(source=source)
    if source.problems:
        found.problems.extend(source.problems)
        return found
    items = source.data.get("starts") if isinstance(source.data, dict) else None
    if not isinstance(items, list):
        found.problems.append(source.problem((), 'starts.yaml needs a list called "starts:" '
                                             "(the format is in game/story/starts.py)"))
        return found
    known = chapters(scenario)
    seen: set[tuple[str, str]] = set()
    for index, spec in enumerate(items):
        start = _read_one(scenario, source, index, spec, known, found.problems)
        if start is None:
            continue
        if (start.chapter, start.role) in seen:
            found.problems.append(source.problem(("starts", index, "chapter"), (
                f'chapter "{start.chapter}" already has a start for the role "{start.role}"')))
            continue
        seen.add((start.chapter, start.role))
        found.starts.append(start)
    return found


def _read_one(scenario: Scenario, source: SourceFile, index: int, spec: Any, known: list[str],
              problems: list[Problem]) -> ChapterStart | None:
    here = ("starts", index)

    def fail(path: tuple, message: str, key: bool = False) -> None:
        problems.append(source.problem(here + path, f"chapter start {index + 1}: {message}", key=key))

    if not isinstance(spec, dict):
        return fail((), "each start is a list item with chapter, role, summary and choose")
    unknown = [k for k in spec if k not in _KEYS]
    if unknown:
        return fail((unknown[0],), f'unknown key "{unknown[0]}" (a start has chapter, role, '
                    "summary and choose)", key=True)
    missing = [k for k in _KEYS if k not in spec]
    if missing:
        return fail((), f'"{missing[0]}" is missing (a start has chapter, role, summary and choose)')
    chapter, role, summary, choose = (spec[k] for k in _KEYS)
    if not isinstance(chapter, str) or chapter not in known:
        return fail(("chapter",), f'there is no chapter "{chapter}"'
                    + did_you_mean(str(chapter), known) + "; the chapters are: " + "; ".join(known))
    if role not in scenario.roles:
        return fail(("role",), f'there is no role "{role}"; this scenario has '
                    + ", ".join(scenario.roles))
    if not isinstance(summary, str) or not summary.strip():
        return fail(("summary",), 'the summary ("The story so far") is a few plain sentences')
    words = len(summary.split())
    if words > MAX_SUMMARY_WORDS:
        return fail(("summary",), f"the summary has {words} words; keep it to a few sentences "
                    f"(at most {MAX_SUMMARY_WORDS} words)")
    if not isinstance(choose, list):
        return fail(("choose",), "choose is a list of option ids, exact option texts or numbers")
    return ChapterStart(chapter, known.index(chapter) + 1, role, " ".join(summary.split()),
                        tuple(choose), index)


def begin(scenario: Scenario, start: ChapterStart, starts: StartsFile | None = None,
          seed: int | None = None) -> Run:
    """A run of `start.role` standing at the first scene of `start.chapter`, its path replayed
    and marked as not the player's own (`run.started_at`). Raises StartBroken, with the
    problem at its position in starts.yaml, when the path no longer gets there."""
    starts = starts or StartsFile()
    run = Run(scenario, start.role, seed)

    def broken(path: tuple, message: str) -> StartBroken:
        return StartBroken(starts.problem(start, path, message))

    for step, wanted in enumerate(start.choose):
        pass_continues(run)
        if run.ended:
            raise broken(("choose", step), f"the story had already ended ({run.ending.id}) "
                         f"before choice {step + 1}")
        if run.scene.chapter == start.chapter and run.scene.is_decision:
            raise broken(("choose", step), f"the chapter begins before choice {step + 1} "
                         f'(at scene "{run.scene.id}"): take this choice and those after it out')
        index = find_option(run, wanted)
        if index is None:
            raise broken(("choose", step), f'choice {step + 1}: no option "{wanted}" can be '
                         f'taken in scene "{run.scene.id}" (there: {options_on_offer(run)})')
        run.choose(index)
    # Scenes that only say Continue and still belong to the chapter before are passed through;
    # the chapter's own first scene is the player's to read.
    while (not run.ended and run.scene.chapter != start.chapter and not run.scene.is_decision
           and run.choices and run.choices[0].enabled):
        run.choose(0)
    if run.ended:
        raise broken(("choose",), f'these choices end the story ("{run.ending.title}") before '
                     "the chapter begins")
    if run.scene.chapter != start.chapter:
        raise broken(("choose",), f'these choices lead to scene "{run.scene.id}" in '
                     f'"{run.scene.chapter}", not to the chapter "{start.chapter}"')
    if any(scenario.scenes[t.scene].chapter == start.chapter for t in run.taken
           if t.scene in scenario.scenes):
        raise broken(("choose",), f'these choices go past the first scene of "{start.chapter}" '
                     f'(they stop at "{run.scene.id}")')
    if not run.step:
        raise broken(("chapter",), f'the role "{start.role}" begins in this chapter: '
                     '"Start at the beginning" already offers it')
    run.started_at = run.step
    return run


def check_starts(scenario: Scenario) -> tuple[StartsFile, list[ChapterStart]]:
    """Every declared start, replayed: the file with every problem found (shape and replay),
    and the starts that reach their chapters."""
    starts = read_starts(scenario)
    working = []
    for start in starts.starts:
        try:
            begin(scenario, start, starts, seed=0)
        except StartBroken as exc:
            starts.problems.append(exc.problem)
        else:
            working.append(start)
    return starts, working


def playable_starts(scenario: Scenario, role: str) -> list[ChapterStart]:
    """The starts a player of `role` can be offered, in chapter order: those that still reach
    their chapters. (A broken one is left out here; `check` reports it.)"""
    _, working = check_starts(scenario)
    return sorted((s for s in working if s.role == role), key=lambda s: s.number)


def find_start(scenario: Scenario, role: str, number: int) -> ChapterStart | None:
    """The playable start of `role` at chapter `number` (1-based), or None."""
    return next((s for s in playable_starts(scenario, role) if s.number == number), None)


def start_chapter(run: Run) -> str:
    """The title of the chapter a run began at; '' for a run played from the beginning."""
    if not run.started_at or run.started_at > len(run.taken):
        return ""
    entered = run.taken[run.started_at - 1].entered
    scene = run.scenario.scenes.get(entered) if entered else None
    return scene.chapter if scene else ""


def started_line(run: Run) -> str:
    """'Started at chapter 3: The first real meeting.' ('' for a run from the beginning)."""
    title = start_chapter(run)
    if not title:
        return ""
    return f"Started at chapter {chapter_number(run.scenario, title)}: {title}."


def story_so_far(run: Run) -> str:
    """The declared summary of the chapter start a run began at ('' when it began at the
    beginning, or the start is no longer declared)."""
    title = start_chapter(run)
    if not title:
        return ""
    return next((s.summary for s in read_starts(run.scenario).starts
                 if s.chapter == title and s.role == run.role), "")


def values_at_start(run: Run) -> dict[str, Any]:
    """Every variable as it stood when the player took over (the scenario's starting values
    for a run from the beginning)."""
    values = {name: v.start for name, v in run.scenario.variables.items()}
    for change in run.history:
        if change.step <= run.started_at:
            values[change.name] = change.after
    return values
