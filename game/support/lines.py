"""Where to turn: the support lines shown on the step-out screen, in the terminal, in the
prebrief and on the handouts. The built-in set is for the UK; a scenario or an organisation
can extend or replace it (see file.py)."""
from __future__ import annotations

from dataclasses import dataclass

from ..story.problems import Problem

INTRO = ("This is a story, and you can stop at any time. If something in it brought up "
         "feelings that are hard to carry, there are people to talk to.")


@dataclass(frozen=True, slots=True)
class SupportLine:
    """One place to turn: who (`name`), how to reach them, and when and where it works."""

    name: str
    how: str
    when: str = ""
    where: str = ""

    @property
    def details(self) -> str:
        """'call 116 123 (free) ..., day and night (UK and Ireland)': everything but the name."""
        text = self.how.rstrip(". ")
        if self.when:
            text += f", {self.when.rstrip('. ')}"
        if self.where:
            text += f" ({self.where.rstrip('. ')})"
        return text

    def sentence(self) -> str:
        return f"{self.name}: {self.details}."


@dataclass(frozen=True, slots=True)
class Facilitator:
    """The person running the session, if a support file names them."""

    name: str
    how: str = ""


BUILT_IN = (
    SupportLine("Samaritans", "call 116 123 (free) or email jo@samaritans.org",
                "day and night, every day", "UK and Ireland"),
    SupportLine("Shout", "text SHOUT to 85258 (free)", "day and night, every day", "UK"),
    SupportLine("NHS 111", "call 111 and choose the mental health option (option 2)",
                "for urgent mental health help, day and night", "England"),
    SupportLine("In an emergency", "call 999 (UK) or 112 (Ireland and the EU)",
                "if someone's life is at risk now"),
)


@dataclass(frozen=True)
class Support:
    """The support lines for one place and session: built in, or from support files."""

    lines: tuple[SupportLine, ...] = BUILT_IN
    facilitator: Facilitator | None = None
    problems: tuple[Problem, ...] = ()  # from files that could not be used (they were left out)
    sources: tuple[str, ...] = ()       # the support files used, in the order they were applied

    def facilitator_sentence(self) -> str:
        """How to reach the facilitator: named when a support file names them."""
        person = self.facilitator
        if person is None:
            return "Talk to your facilitator, or to someone you trust."
        if person.how:
            return f"Talk to {person.name}, your facilitator: {person.how.rstrip('. ')}."
        return f"Talk to {person.name}, your facilitator, or to someone you trust."

    def sentences(self) -> list[str]:
        """The facilitator first (someone in the room), then every line, one sentence each."""
        return [self.facilitator_sentence()] + [line.sentence() for line in self.lines]

    def notice(self) -> str:
        """One sentence for a trainer when a support file was left out; '' when none was."""
        if not self.problems:
            return ""
        more = len(self.problems) - 1
        return (f"A support file was left out, so its lines are not shown: {self.problems[0]}"
                + (f" (and {more} more problem{'s' * (more != 1)})" if more else ""))

    def step_out_text(self) -> str:
        """The terminal's step-out page."""
        return ("Paused. Nothing is lost: the game waits here for you.\n\n" + INTRO + "\n\n"
                + "\n".join(f"- {sentence}" for sentence in self.sentences()))
