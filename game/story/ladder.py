"""Reading the power balance (with trust) as a rung of the participation ladder.

The rungs follow Think Local Act Personal's ladder of co-production, with Arnstein's 1969 ladder
of citizen participation in brackets. A rung is a reading of the state, not a score: lower rungs
can be the right fit for some work. Power above zero means staff have stepped back so far that
what they know is missing; that is read as distance from "shared" too, with a caution.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rung:
    number: int
    name: str
    group: str  # doing to / doing for / doing with
    signature: str
    caution: str = ""


RUNGS = (
    Rung(0, "Coercion", "doing to", "Staff set the direction; people are an audience."),
    Rung(1, "Educating", "doing to", "People are helped to understand a plan already decided."),
    Rung(2, "Informing", "doing for", "Decisions are explained after they are made."),
    Rung(3, "Consultation", "doing for", "People are asked, but nothing comes back to them."),
    Rung(4, "Engagement", "doing with", "A real voice, but staff decide how far it counts."),
    Rung(5, "Co-design", "doing with", "Members shape the design, but not the delivery."),
    Rung(6, "Co-production", "doing with", "Equal from design to delivery, with pay, credit and support."),
)

# Upper bound of distance from "shared" (|power|) for rungs 6 down to 1; beyond the last is 0.
_DISTANCE_LIMITS = (10, 22, 36, 50, 64, 80)
WITHDRAWN_FROM = 25
WITHDRAWN = "Staff have stepped back so far that what they know is missing."


def rung_for(power: float, trust: float) -> Rung:
    """The rung for a power balance (-100..100) and trust (0..100).

    Real co-production needs trust as well as shared power: below 60 trust the reading is at most
    co-design, below 40 at most engagement.
    """
    distance = abs(power)
    number = 0
    for rung, limit in zip(range(6, 0, -1), _DISTANCE_LIMITS):
        if distance <= limit:
            number = rung
            break
    if trust < 60:
        number = min(number, 5)
    if trust < 40:
        number = min(number, 4)
    rung = RUNGS[number]
    if power >= WITHDRAWN_FROM:
        return Rung(rung.number, rung.name, rung.group, rung.signature, WITHDRAWN)
    return rung
