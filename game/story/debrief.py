"""Plain-language readings of a run: what changed and why, meters over time, the rung.

Used by the terminal and the window alike; it only reads the run.
"""
from __future__ import annotations

from .model import Scenario
from .runner import Run
from .state import Change


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
        biggest = self.biggest()
        if biggest:
            lines.append("")
            lines.append("The biggest changes, and why:")
            for change in biggest:
                lines.append(f'  When you chose "{change.choice}": '
                             + self.describe(self.scenario, change))
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
