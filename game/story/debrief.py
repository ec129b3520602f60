"""Plain-language readings of a run: what changed and why, meters over time, the rung.

Used by the terminal and the window alike; it only reads the run.
"""
from __future__ import annotations

from typing import NamedTuple

from .ladder import RUNGS, WITHDRAWN_FROM, Rung, rung_for
from .model import Purpose, Scenario, Scene
from .runner import Run
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
    deltas: dict           # headline meter name -> amount it would have moved
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


class Debrief:
    def __init__(self, run: Run):
        self.run = run
        self.scenario = run.scenario

    @staticmethod
    def describe(scenario: Scenario, change: Change) -> str:
        """'Trust +8 (now 58): you asked before you told [respect]'."""
        variable = scenario.variables.get(change.name)
        label = variable.label if variable else change.name
        if isinstance(change.after, bool):
            what = f"{label}: {'yes' if change.after else 'no'}"
        elif isinstance(change.after, (int, float)):
            amount = change.after - change.before
            sign = "+" if amount >= 0 else ""
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
        """The largest changes to the headline meters, biggest first."""
        headline = {m.name for m in self.scenario.meters if m.headline}
        changes = [c for c in self.run.history if c.name in headline and c.amount]
        return sorted(changes, key=lambda c: -abs(c.amount))[:count]

    def state_lines(self) -> list[str]:
        values = self.run.values
        lines = []
        for meter in self.scenario.meters:
            line = f"{meter.label}: {_number(values[meter.name])}"
            if meter.name == "power":
                line += f"  ({power_words(values['power'])})"
            lines.append(line)
            for change in self.run.state.reasons(meter.name)[-3:]:
                lines.append("    " + self.describe(self.scenario, change))
        flags = [v.label for v in self.scenario.variables.values()
                 if v.kind == "yes/no" and values[v.name]]
        if flags:
            lines.append("So far: " + "; ".join(flags))
        rung = self.run.rung
        lines.append(f"Ladder of participation: rung {rung.number}, {rung.name} "
                     f"({rung.group}): {rung.signature}")
        if rung.caution:
            lines.append("Careful: " + rung.caution)
        return lines

    def history_lines(self) -> list[str]:
        if not self.run.taken:
            return ["Nothing chosen yet."]
        lines = []
        decisions = (t for t in self.run.taken
                     if t.scene not in self.scenario.scenes or self.scenario.scenes[t.scene].is_decision)
        for number, taken in enumerate(decisions, start=1):
            scene = self.scenario.scenes.get(taken.scene)
            title = f"{scene.title}: " if scene and scene.title else ""
            lines.append(f"{number}. {title}you chose \"{taken.text}\"")
            for change in taken.outcome.changes if taken.outcome else ():
                lines.append("     " + self.describe(self.scenario, change))
        return lines

    def summary_lines(self) -> list[str]:
        lines = ["How the meters moved, from the start to the end:"]
        for meter in self.scenario.meters:
            if not meter.headline:
                continue
            values = self.series(meter.name)
            trail = [values[0]] + [v for previous, v in zip(values, values[1:]) if v != previous]
            lines.append(f"  {meter.label}: " + " -> ".join(_number(v) for v in trail))
        rung = self.run.rung
        lines.append(f"You ended on rung {rung.number} of the ladder: {rung.name} "
                     f"({rung.group}). {rung.signature}")
        if rung.caution:
            lines.append(rung.caution)
        lines.extend(fit_lines(self.run))
        biggest = self.biggest()
        if biggest:
            lines.append("")
            lines.append("The biggest changes, and why:")
            for change in biggest:
                lines.append(f'  When you chose "{change.choice}": '
                             + self.describe(self.scenario, change))
        return lines


FIT_QUESTION = "Did the way you worked fit the work?"
# The verdict in words, said first wherever a reading is shown, so it never rests on colour.
VERDICTS = {"fits": "Fits", "below": "Below what this part needed",
            "beyond": "Beyond what this part needed",
            "withdrawn": "Staff stepped back too far for this part"}


class Fit(NamedTuple):
    """How the rung reached in one chapter fits what that part of the project was for."""

    purpose: Purpose
    rung: Rung       # at the end of the chapter, on this path
    verdict: str     # a key of VERDICTS
    reading: str     # what follows the verdict: the rung reached, what suits the work, what it means

    @property
    def line(self) -> str:
        """The whole reading as one line: verdict, reading, and why the range fits."""
        why = f" {self.purpose.why}" if self.purpose.why else ""
        return f"{VERDICTS[self.verdict]}. {self.reading}{why}"


def fits(run: Run) -> list[Fit]:
    """For each chapter with a `purpose:` that the run has finished (or is ending in), whether
    the rung it reached suits that part of the work. Lower rungs can be right for some work:
    the reading is about fit, never about height."""
    scenario = run.scenario
    debrief = Debrief(run)
    powers, trusts = debrief.series("power"), debrief.series("trust")
    last_step: dict[str, int] = {}  # chapter -> the last step taken in it
    for number, taken in enumerate(run.taken, start=1):
        scene = scenario.scenes.get(taken.scene)
        if scene is not None and scene.chapter in scenario.purposes:
            last_step[scene.chapter] = number
    current = run.scene.chapter if run.scene is not None else None
    first_step: dict[str, int] = {}  # chapter -> the first step taken in it
    for number, taken in enumerate(run.taken, start=1):
        scene = scenario.scenes.get(taken.scene)
        if scene is not None and scene.chapter in scenario.purposes:
            first_step.setdefault(scene.chapter, number)
    found = []
    for chapter, step in last_step.items():
        if chapter == current:
            continue  # still being played: no reading yet
        purpose = scenario.purposes[chapter]
        power, trust = powers[step], trusts[step]
        rung = rung_for(power, trust)
        # Low trust alone can hold the rung below the range while power is close to shared:
        # then the group did not lack say, trust was missing.
        held_by_trust = rung.number < purpose.low and rung_for(power, 100).number >= purpose.low
        if purpose.low <= rung.number <= purpose.high:
            verdict = "fits"
        elif rung.number > purpose.high:
            verdict = "beyond"
        elif power > 0 and not held_by_trust:
            # The rung reads distance from shared either way: a low rung past shared means
            # staff stepped back too far, not that the group had too little say.
            verdict = "withdrawn"
        else:
            verdict = "below"
        before = first_step[chapter] - 1  # the meters as this part began
        reading = (_fit_reading(purpose, rung, verdict, power, held_by_trust) + " "
                   + _moved(powers[before], power, trusts[before], trust))
        found.append(Fit(purpose, rung, verdict, reading))
    return found


def _fit_reading(purpose: Purpose, rung: Rung, verdict: str, power: float,
                 held_by_trust: bool = False) -> str:
    low, high = RUNGS[purpose.low].name, RUNGS[purpose.high].name
    span = low if purpose.low == purpose.high else f"{low} to {high}"
    reading = f"It ended on rung {rung.number}, {rung.name}; the work suits {span}."
    if held_by_trust:
        reading += " Power was close to shared, but trust was low, and sharing power needs trust too."
    elif verdict == "below":
        reading += " The people it is for had less say than it called for."
    elif verdict == "withdrawn" and power >= WITHDRAWN_FROM:
        reading += " What staff know may be missing."
    elif verdict == "beyond":
        reading += " That can be right if people chose it, but it costs time and energy."
    return reading


def _moved(power_before: float, power_after: float, trust_before: float, trust_after: float) -> str:
    """What this part itself did, since a rung also carries what earlier parts did."""
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


def fit_lines(run: Run) -> list[str]:
    """The fit of each finished part with a purpose, for plain text; none without purposes."""
    if not run.scenario.purposes:
        return []
    readings = [f"  {fit.purpose.chapter}: {fit.line[0].lower()}{fit.line[1:]}" for fit in fits(run)]
    return ["", FIT_QUESTION] + (readings or ["  No part with a stated purpose was played to its end."])


def forks(run: Run) -> list[Fork]:
    """Every decision on the run's path with what each option would have done to the headline
    meters at once. Computed by replaying the run and trying each option, so it always agrees
    with the runner (the scenario is the only source; nothing is written by hand)."""
    scenario = run.scenario
    headline = [m.name for m in scenario.meters if m.headline]
    replay = Run(scenario, run.role, run.seed)
    found: list[Fork] = []
    for taken in run.taken:
        scene = replay.scene
        views = replay.choices
        chosen = next((v.index for v in views if v.enabled and v.text == taken.text), None)
        if scene is None or chosen is None:
            break  # the scenario no longer matches the run; stop where they part
        if scene.is_decision and len(views) > 1:
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
    path = [(number, taken.scene) for number, taken in enumerate(run.taken, start=1)]
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


def rung_series(run: Run) -> list[int]:
    """The rung at the start and after each choice."""
    debrief = Debrief(run)
    powers, trusts = debrief.series("power"), debrief.series("trust")
    return [rung_for(p, t).number for p, t in zip(powers, trusts)]


def path_summary(run: Run) -> list[str]:
    """The path in a few lines: per chapter, the decisions taken in order."""
    scenario = run.scenario
    taken = []
    for step in run.taken:
        scene = scenario.scenes.get(step.scene)
        if scene is not None and scene.is_decision:
            taken.append((scene.chapter or scenario.title, step.text))
    return summarise_path(taken, run.ending.title if run.ending else "")


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
