"""The debrief's fixed words and how it says a number: the prompts a player answers, and values
with their scale and a true minus sign. Shared by the window, the terminal and the reports."""
from __future__ import annotations

from ..model import Scenario

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

# A principle tag as it is said where a player reads it (the tag itself is a short id).
PRINCIPLE_WORDS = {"next": "knowing what happens next"}


def principle(tag: str) -> str:
    """The principle a change's tag names, in words: 'next' is 'knowing what happens next'."""
    return PRINCIPLE_WORDS.get(tag, tag.replace("_", " "))


def number_text(value: object) -> str:
    """A number as written: 5 not 5.0 (a hyphen-minus for a negative, as the record keeps it)."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def spoken(value: object) -> str:
    """A number as it is said: 5 not 5.0, and a minus sign (read as "minus") for a negative."""
    text = number_text(value)
    return "\u2212" + text[1:] if text.startswith("-") else text


def signed(value: float) -> str:
    """A change with its sign: '+6', '\u22124', '0'."""
    return ("+" if value > 0 else "") + spoken(value)


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
