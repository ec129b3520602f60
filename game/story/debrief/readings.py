"""A run read back in plain lines, for the terminal (and the window's history): what changed
and why, where things stand, what was read and chosen, and the summary at the end."""
from __future__ import annotations

from ..ladder import Rung, rung_named
from ..model import Scenario, Scene
from ..runner import Run
from ..starts import started_line, story_so_far
from ..state import Change
from ..typeset import quoted
from .fit import fit_lines, runs_of
from .path import meter_series, rung_series
from .words import number_text, on_scale, power_words, principle, scaled, spoken


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
                what = (f"{label} already at its {change.limited} ({number_text(change.after)}), so "
                        f"{sign if change.wanted >= 0 else ''}{number_text(change.wanted)} could not count")
            elif change.limited:
                what = (f"{label} {sign}{number_text(amount)} (now {number_text(change.after)}, as "
                        f"{'high' if change.limited == 'highest' else 'low'} as it goes)")
            elif scale:
                what = (f"{label} {sign}{spoken(amount)} "
                        f"(now {scaled(scenario, change.name, change.after)})")
            else:
                what = f"{label} {sign}{number_text(amount)} (now {number_text(change.after)})"
        else:
            what = f"{label}: {change.after}"
        reason = f" \u2014 {change.why}" if change.why else ""
        tag = f" [{change.tag}]" if change.tag else ""
        return what + reason + tag

    def series(self, name: str) -> list[float]:
        """The value of a meter at the start and after each choice."""
        return meter_series(self.run, name)

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
            reading = [f"You are reading: {scene_name(self.run.scene)}."] if self.run.scene else []
            return lines + ["Nothing chosen yet."] + reading
        number = 0
        for taken in self.run.taken[self.run.started_at:]:  # what was read, and what was chosen
            scene = self.scenario.scenes.get(taken.scene)
            if scene is not None and not scene.is_decision:
                lines.append(f"You read: {scene_name(scene)}.")
                continue
            number += 1
            title = f"{scene.title}: " if scene and scene.title else ""
            lines.append(f"{number}. {title}you chose {quoted(taken.text)}")
            for change in taken.outcome.changes if taken.outcome else ():
                lines.append("     " + self.describe(self.scenario, change, scale=True))
        if self.run.scene is not None:
            lines.append(f"You are reading: {scene_name(self.run.scene)}.")
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
                         + ", ".join(rung_named(r).name for r in runs_of(practised)) + ".")
        lines.extend(fit_lines(self.run))
        biggest = self.biggest()
        if biggest:
            lines.append("")
            lines.append("The biggest changes, and why:")
            for change in biggest:  # for the ear: the choice on its own line, no nested
                # quotes, no dash, no tag in brackets
                what = self.describe(self.scenario, change._replace(why="", tag=""), scale=True)
                lines.append(f"  You chose: {change.choice}")
                lines.append(f"    {what}."
                             + (f" Why: {change.why.strip().rstrip('.')}." if change.why else "")
                             + (f" Principle: {principle(change.tag)}." if change.tag else ""))
        return lines


def scene_name(scene: Scene) -> str:
    """A scene as the history names it: its title, else its chapter, else its id in words."""
    return scene.title or scene.chapter or scene.id.replace("-", " ").replace("_", " ")


def rung_lines(rung: Rung | None, lead: str) -> list[str]:
    """The rung of the last decision in words, for plain text."""
    if rung is None:
        return ["No decision has said its rung of the ladder yet."]
    lines = [f"{lead} {rung.label} "
             f"({rung.group}): {rung.signature}"]
    if rung.caution and rung.on_ladder:
        lines.append("Careful: " + rung.caution)
    return lines
