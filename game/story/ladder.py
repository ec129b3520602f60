"""The ladder of co-production: the rung each option is at, as its author judged it.

The rungs follow Think Local Act Personal's ladder of co-production, with Arnstein's 1969 ladder
of citizen participation in brackets. A rung describes the way of working an option represents;
it is set by the author on every option (`rung: 0-6` or `rung: abdication`), never read from the
meters. Lower rungs can be the right fit for some work: the debrief judges the fit between the
rungs practised in a part of the project and what that part needed, never the height.

Abdication is off the ladder: staff step back and leave the group without what they know, or
with responsibilities that are not theirs to carry. It is its own failure, not a low rung.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rung:
    number: int  # 0 to 6 on the ladder; ABDICATION off it
    name: str
    group: str  # doing to / doing for / doing with / off the ladder
    signature: str
    caution: str = ""

    @property
    def on_ladder(self) -> bool:
        return self.number != ABDICATION

    @property
    def label(self) -> str:
        """'Rung 5, Co-design' or 'Off the ladder: Abdication'."""
        if not self.on_ladder:
            return f"Off the ladder: {self.name}"
        return f"Rung {self.number}, {self.name}"


ABDICATION = -1

RUNGS = (
    Rung(0, "Coercion", "doing to", "Staff set the direction; people are an audience."),
    Rung(1, "Educating", "doing to", "People are helped to understand a plan already decided."),
    Rung(2, "Informing", "doing for", "Decisions are explained after they are made."),
    Rung(3, "Consultation", "doing for", "People are asked, but nothing comes back to them."),
    Rung(4, "Engagement", "doing with", "A real voice, but staff decide how far it counts."),
    Rung(5, "Co-design", "doing with", "Members shape the design, but not the delivery."),
    Rung(6, "Co-production", "doing with", "Equal from design to delivery, with pay, credit and support."),
)
WITHDRAWN = ("Staff stepped back and left the group without what they know, or with what is "
             "not theirs to carry.")
ABDICATION_RUNG = Rung(ABDICATION, "Abdication", "off the ladder", WITHDRAWN, WITHDRAWN)


def rung_named(number: int) -> Rung:
    """The Rung for an option's `rung` (0 to 6, or ABDICATION)."""
    return ABDICATION_RUNG if number == ABDICATION else RUNGS[number]


def is_rung(value: object) -> bool:
    """True for a number a record or a save may hold as a rung."""
    return isinstance(value, int) and not isinstance(value, bool) and (
        value == ABDICATION or 0 <= value < len(RUNGS))
