"""Plain-language readings of a run: what changed and why, meters over time, the rung.

Used by the terminal and the window alike; it only reads the run.
"""
from __future__ import annotations

from typing import NamedTuple

from .ladder import ABDICATION, RUNGS, Rung, rung_named
from .model import Purpose, Scenario, Scene
from .runner import Run
from .starts import started_line, story_so_far
from .state import Change

# PEARLS step 1: words a player can pick to say how it felt (or skip).
REACTION_WORDS = ("hopeful", "proud", "listened to", "relieved", "curious", "unsure", "torn",
                  "frustrated", "rushed", "ignored", "uneasy", "tired", "angry", "sad")

# Gibbs' reflective cycle, as a short journal for solo players.
GIBBS = (
    ("description", "What happened? Say it in a few lines, as if to a friend."),
    ("feelings", "What were you thinking and feeling at the hardest moment?"),
    ("evaluation", "What went well, and what went badly, for the group and for you?"),
    ("analysis", "Why did it go that way? Which of power, purpose, respect, responsibility, "
                 "resources or knowing what happens next mattered most?"),
    ("conclusion", "What else could you have done, and what would it have cost?"),
    ("action", "Next time this happens at work or in a group you are part of, what will you do?"),
)

# PEARLS step 4: prompts for the take-aways and the one action.
TAKEAWAY_PROMPTS = (
    "Something I now see differently about sharing power:",
    "Something I would do again:",
    "Something I would change:",
)
ACTION_PROMPT = "One thing I will try in the next month:"


class Road(NamedTuple):
    """One option at a decision, and what it would have done at once."""

    text: str
    enabled: bool
    reason: str            # why it was locked ('' when it could be taken)
    chosen: bool
    deltas: dict           # name of a number that decides endings -> amount it would have moved
    ending: str            # the ending title it would have led to at once ('' if none)


class Fork(NamedTuple):
    """A decision on the player's path with every option it offered."""

    step: int
    scene: Scene
    roads: tuple[Road, ...]
    prompts: tuple[str, ...]


class Mirror(NamedTuple):
    """A moment both roles live through: what this player saw, and what the other role saw."""

    step: int
    moment: str
    scene: Scene
    other: Scene
    other_role: str
    other_lines: tuple[str, ...]
    other_options: tuple[str, ...]


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def spoken(value: object) -> str:
    """A number as it is said: 5 not 5.0, and a minus sign (read as "minus") for a negative."""
    text = _number(value)
    return "\u2212" + text[1:] if text.startswith("-") else text


def on_scale(value: object, minimum: object, maximum: object) -> str:
    """'45 out of 100' for a meter from 0; '0 on a scale from \u2212100 to 100' for one that
    goes below 0; the bare number when there is no scale."""
    if minimum is None or maximum is None:
        return spoken(value)
    if minimum == 0:
        return f"{spoken(value)} out of {spoken(maximum)}"
    return f"{spoken(value)} on a scale from {spoken(minimum)} to {spoken(maximum)}"


def scaled(scenario: Scenario, name: str, value: object) -> str:
    """A variable's value with its scale (the scenario's min and max) when it is a number."""
    variable = scenario.variables.get(name)
    if variable is None or variable.kind != "number" or isinstance(value, bool):
        return spoken(value)
    return on_scale(value, variable.minimum, variable.maximum)


class Debrief:
    def __init__(self, run: Run):
        self.run = run
        self.scenario = run.scenario

    @staticmethod
    def describe(scenario: Scenario, change: Change, scale: bool = False) -> str:
        """'Trust +8 (now 58): you asked before you told [respect]'. With `scale` (the
        terminal), the value says its scale: '(now 58 out of 100)'."""
        variable = scenario.variables.get(change.name)
        label = variable.label if variable else change.name
        if isinstance(change.after, bool):
            what = f"{label}: {'yes' if change.after else 'no'}"
        elif isinstance(change.after, (int, float)):
            amount = change.after - change.before
            sign = "+" if amount >= 0 else ""
            if change.limited and not amount:
                what = (f"{label} already at its {change.limited} ({_number(change.after)}), so "
                        f"{sign if change.wanted >= 0 else ''}{_number(change.wanted)} could not count")
            elif change.limited:
                what = (f"{label} {sign}{_number(amount)} (now {_number(change.after)}, as "
                        f"{'high' if change.limited == 'highest' else 'low'} as it goes)")
            elif scale:
                what = (f"{label} {sign}{spoken(amount)} "
                        f"(now {scaled(scenario, change.name, change.after)})")
            else:
                what = f"{label} {sign}{_number(amount)} (now {_number(change.after)})"
        else:
            what = f"{label}: {change.after}"
        reason = f" \u2014 {change.why}" if change.why else ""
        tag = f" [{change.tag}]" if change.tag else ""
        return what + reason + tag

    def series(self, name: str) -> list[float]:
        """The value of a meter at the start and after each choice."""
        start = self.scenario.variables[name].start
        values = [start]
        by_step: dict[int, float] = {}
        for change in self.run.history:
            if change.name == name:
                by_step[change.step] = change.after
        for step in range(1, self.run.step + 1):
            values.append(by_step.get(step, values[-1]))
        return values

    def biggest(self, count: int = 3) -> list[Change]:
        """The largest changes to the headline meters made by the player's own choices,
        biggest first."""
        headline = {m.name for m in self.scenario.meters if m.headline}
        changes = [c for c in self.run.history if c.name in headline and c.amount
                   and c.step > self.run.started_at]
        return sorted(changes, key=lambda c: -abs(c.amount))[:count]

    def state_lines(self) -> list[str]:
        values = self.run.values
        lines = []
        for meter in self.scenario.meters:
            line = f"{meter.label}: {scaled(self.scenario, meter.name, values[meter.name])}"
            if meter.name == "power":
                line += f" ({power_words(values['power'])})"
            lines.append(line)
            for change in self.run.state.reasons(meter.name)[-3:]:
                lines.append("    " + self.describe(self.scenario, change, scale=True))
        flags = [v.label for v in self.scenario.variables.values()
                 if v.kind == "yes/no" and values[v.name]]
        if flags:
            lines.append("So far: " + "; ".join(flags))
        lines.extend(rung_lines(self.run.rung, "Your last decision was at"))
        return lines

    def history_lines(self) -> list[str]:
        started = started_line(self.run)
        so_far = story_so_far(self.run)
        lines = [started] + ([f"The story so far: {so_far}"] if so_far else []) if started else []
        if len(self.run.taken) <= self.run.started_at:
            reading = [f"You are reading: {_scene_name(self.run.scene)}."] if self.run.scene else []
            return lines + ["Nothing chosen yet."] + reading
        number = 0
        for taken in self.run.taken[self.run.started_at:]:  # what was read, and what was chosen
            scene = self.scenario.scenes.get(taken.scene)
            if scene is not None and not scene.is_decision:
                lines.append(f"You read: {_scene_name(scene)}.")
                continue
            number += 1
            title = f"{scene.title}: " if scene and scene.title else ""
            lines.append(f"{number}. {title}you chose \"{taken.text}\"")
            for change in taken.outcome.changes if taken.outcome else ():
                lines.append("     " + self.describe(self.scenario, change, scale=True))
        if self.run.scene is not None:
            lines.append(f"You are reading: {_scene_name(self.run.scene)}.")
        return lines

    def summary_lines(self) -> list[str]:
        started = started_line(self.run)
        lines = [started] if started else []
        lines.append("How the meters moved, from the "
                     + ("start of that chapter" if started else "start") + " to the end:")
        for meter in self.scenario.deciding:
            values = self.series(meter.name)[self.run.started_at:]
            trail = [values[0]] + [v for previous, v in zip(values, values[1:]) if v != previous]
            scale = on_scale(trail[-1], meter.minimum, meter.maximum)[len(spoken(trail[-1])):]
            moves = ", then ".join(spoken(v) for v in trail)  # said in order, never an arrow
            lines.append(f"  {meter.label}: {moves}"
                         + (f" ({scale.strip()})" if scale.strip() else ""))
        practised = [r for r in rung_series(self.run)[1:] if r is not None]
        if practised:
            lines.append("The rungs of your decisions, in order: "
                         + ", ".join(rung_named(r).name for r in _runs_of(practised)) + ".")
        lines.extend(fit_lines(self.run))
        biggest = self.biggest()
        if biggest:
            lines.append("")
            lines.append("The biggest changes, and why:")
            for change in biggest:
                lines.append(f'  When you chose "{change.choice}": '
                             + self.describe(self.scenario, change, scale=True))
        return lines


def _scene_name(scene: Scene) -> str:
    """A scene as the history names it: its title, else its chapter, else its id in words."""
    return scene.title or scene.chapter or scene.id.replace("-", " ").replace("_", " ")


FIT_QUESTION = "Did the way you worked fit the work?"
# The verdict in words, said first wherever a reading is shown, so it never rests on colour.
VERDICTS = {"fits": "Fits", "below": "Below what this part needed",
            "beyond": "Beyond what this part needed",
            "withdrawn": "Staff stepped back too far for this part"}


class Fit(NamedTuple):
    """How the rungs practised in one chapter fit what that part of the project was for."""

    purpose: Purpose
    rungs: tuple[int, ...]  # the rung of each decision taken in the chapter, in order
    verdict: str     # a key of VERDICTS
    reading: str     # what follows the verdict: the rungs practised, what suits the work, what it means

    @property
    def rung(self) -> Rung:
        """The rung the chapter was mostly worked at (abdication first: it outweighs the rest)."""
        if ABDICATION in self.rungs:
            return rung_named(ABDICATION)
        ordered = sorted(self.rungs)
        return rung_named(ordered[(len(ordered) - 1) // 2])

    @property
    def line(self) -> str:
        """The whole reading as one line: verdict, reading, and why the range fits."""
        why = f" {self.purpose.why}" if self.purpose.why else ""
        return f"{VERDICTS[self.verdict]}. {self.reading}{why}"


def judge_fit(purpose: Purpose, rungs: list[int]) -> str:
    """The verdict for the rungs of the decisions taken in one part: a key of VERDICTS.
    Abdication anywhere in the part is named first: it is its own failure, not a low rung."""
    if ABDICATION in rungs:
        return "withdrawn"
    below = sum(1 for r in rungs if r < purpose.low)
    beyond = sum(1 for r in rungs if r > purpose.high)
    if not below and not beyond:
        return "fits"
    return "below" if below >= beyond else "beyond"


def fits(run: Run) -> list[Fit]:
    """For each chapter with a `purpose:` that the run has finished (or is ending in), whether
    the rungs of the decisions taken in it suit that part of the work. The rungs are the ones
    the author gave each option, never a reading of the meters. Lower rungs can be right for
    some work: the reading is about fit, never about height."""
    scenario = run.scenario
    debrief = Debrief(run)
    powers, trusts = debrief.series("power"), debrief.series("trust")
    steps: dict[str, list[int]] = {}    # chapter -> the steps taken in it
    rungs: dict[str, list[int]] = {}    # chapter -> the rungs of its decisions
    for number, taken in enumerate(run.taken, start=1):
        scene = scenario.scenes.get(taken.scene)
        if number <= run.started_at or scene is None or scene.chapter not in scenario.purposes:
            continue  # replayed to begin at a chapter: not the player's to be judged on
        steps.setdefault(scene.chapter, []).append(number)
        if taken.outcome is not None and taken.outcome.rung is not None:
            rungs.setdefault(scene.chapter, []).append(taken.outcome.rung)
    current = run.scene.chapter if run.scene is not None else None
    found = []
    for chapter, taken_steps in steps.items():
        if chapter == current or not rungs.get(chapter):
            continue  # still being played, or no decision in it says its rung
        purpose = scenario.purposes[chapter]
        practised = rungs[chapter]
        verdict = judge_fit(purpose, practised)
        before, after = taken_steps[0] - 1, taken_steps[-1]
        reading = (_fit_reading(purpose, practised, verdict) + " "
                   + _moved(powers[before], powers[after], trusts[before], trusts[after]))
        found.append(Fit(purpose, tuple(practised), verdict, reading))
    return found


def _fit_reading(purpose: Purpose, practised: list[int], verdict: str) -> str:
    low, high = RUNGS[purpose.low].name, RUNGS[purpose.high].name
    span = low if purpose.low == purpose.high else f"{low} to {high}"
    named = ", ".join(rung_named(r).name for r in _runs_of(practised))
    fitted = sum(1 for r in practised if purpose.low <= r <= purpose.high)
    count = len(practised)
    reading = (f"You worked at {named}; the work suits {span}"
               + (f" ({fitted} of {count} decisions fitted)." if count > 1 else "."))
    if verdict == "withdrawn":
        reading += " Stepping back that far is off the ladder: what staff know goes missing."
    elif verdict == "below":
        reading += " The people it is for had less say than it called for."
    elif verdict == "beyond":
        reading += " That can be right if people chose it, but it costs time and energy."
    return reading


def _runs_of(rungs: list[int]) -> list[int]:
    """The rungs with repeats in a row folded: [3, 3, 5, 5, 3] -> [3, 5, 3]."""
    return [r for i, r in enumerate(rungs) if i == 0 or rungs[i - 1] != r]


def _moved(power_before: float, power_after: float, trust_before: float, trust_after: float) -> str:
    """What this part did to power and trust."""
    def number(value: float) -> str:
        return _number(value).replace("-", "\u2212")

    if abs(power_after) < abs(power_before):
        power = f"power moved towards shared ({number(power_before)} to {number(power_after)})"
    elif abs(power_after) > abs(power_before):
        power = f"power moved away from shared ({number(power_before)} to {number(power_after)})"
    else:
        power = f"power stayed at {number(power_after)}"
    if trust_after != trust_before:
        trust = (f"trust {'rose' if trust_after > trust_before else 'fell'} "
                 f"({number(trust_before)} to {number(trust_after)})")
    else:
        trust = "trust held"
    return f"In this part, {power} and {trust}."


def rung_lines(rung: Rung | None, lead: str) -> list[str]:
    """The rung of the last decision in words, for plain text."""
    if rung is None:
        return ["No decision has said its rung of the ladder yet."]
    lines = [f"{lead} {rung.label} "
             f"({rung.group}): {rung.signature}"]
    if rung.caution and rung.on_ladder:
        lines.append("Careful: " + rung.caution)
    return lines


def fit_lines(run: Run) -> list[str]:
    """The fit of each finished part with a purpose, for plain text; none without purposes."""
    if not run.scenario.purposes:
        return []
    readings = [f"  {fit.purpose.chapter}: {fit.line[0].lower()}{fit.line[1:]}" for fit in fits(run)]
    return ["", FIT_QUESTION] + (readings or ["  No part with a stated purpose was played to its end."])


def forks(run: Run) -> list[Fork]:
    """Every decision on the run's path with what each option would have done at once to every
    number that can decide an ending (the headline meters, and capacity where an ending reads it). Computed by replaying the run and trying each option, so it always agrees
    with the runner (the scenario is the only source; nothing is written by hand)."""
    scenario = run.scenario
    headline = [m.name for m in scenario.deciding]
    replay = Run(scenario, run.role, run.seed)
    found: list[Fork] = []
    for taken in run.taken:
        scene = replay.scene
        views = replay.choices
        chosen = next((v.index for v in views if v.enabled and v.text == taken.text), None)
        if scene is None or chosen is None:
            break  # the scenario no longer matches the run; stop where they part
        if scene.is_decision and len(views) > 1 and replay.step >= run.started_at:
            roads = []
            for view in views:
                deltas, ending = {}, ""
                if view.enabled:
                    outcome = replay.choose(view.index)
                    for change in outcome.changes:
                        if change.name in headline and change.amount:
                            deltas[change.name] = deltas.get(change.name, 0) + change.amount
                    ending = outcome.ending.title if outcome.ending else ""
                    replay.undo()
                roads.append(Road(view.text, view.enabled, view.reason, view.index == chosen,
                                  deltas, ending))
            found.append(Fork(replay.step + 1, scene, tuple(roads), scene.discuss))
        replay.choose(chosen)
    return found


def mirrors(run: Run) -> list[Mirror]:
    """The mirrored moments on the run's path, each with the other role's scene."""
    scenario = run.scenario
    path = [(number, taken.scene) for number, taken in enumerate(run.taken, start=1)
            if number > run.started_at]
    if run.scene is not None:
        path.append((run.step + 1, run.scene.id))
    seen = {scene_id for _, scene_id in path}
    found: list[Mirror] = []
    for number, scene_id in path:
        scene = scenario.scenes.get(scene_id)
        if scene is None or not scene.moment:
            continue
        for other in scenario.scenes.values():
            if other.moment != scene.moment or other.id in seen:
                continue
            other_role = other.role or next((r for r in scenario.roles if r != run.role), "")
            if other_role == run.role:
                continue
            lines = tuple((f"{line.speaker}: " if line.speaker else "") + line.text
                          for line in other.lines if line.condition is None)
            found.append(Mirror(number, scene.moment, scene, other, other_role, lines,
                                tuple(choice.text for choice in other.choices)))
            break
    return found


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
    lines = [f"{chapter}: you chose " + ", then ".join(f'"{c}"' for c in choices) + "."
             for chapter, choices in chapters.items()]
    if ending_title:
        lines.append(f"It ended: {ending_title}.")
    return lines


def power_words(power: float) -> str:
    if power <= -60:
        return "staff hold nearly every decision"
    if power <= -20:
        return "staff hold more of the decisions"
    if power < 20:
        return "power is fairly shared"
    if power < 60:
        return "staff have stepped back a lot"
    return "staff have stepped back so far that what they know is missing"
