"""The handouts' own words for the six words and their history. The ideas are from Mark Brown's
2017 speech (credited on the sheet); every sentence here is the game's own."""
from __future__ import annotations

from typing import NamedTuple

from ..story.model import PRINCIPLES


class Word(NamedTuple):
    tag: str        # the principle tag effects carry in scene files
    word: str
    meaning: str
    ask: str        # a question to take into a meeting


SIX_WORDS = (
    Word("power", "Power",
         "Who decides, who holds the budget, and who is paid for their time. Someone has "
         "usually chosen the direction before the group first meets; saying so out loud is "
         "where sharing power begins.",
         "What did we decide before anyone else was in the room?"),
    Word("purpose", "Purpose",
         "What we are making, for whom, and why this is the thing to make together. Not "
         "everything needs to be; the parts that touch people's own experience usually do.",
         "Which part of this work most needs the people who will use it?"),
    Word("respect", "Respect",
         "Many people who use services have been talked over for years. Many staff feel "
         "exposed once they step outside their role. Respect means hearing both, and using "
         "what each person knows rather than hiding it to seem equal.",
         "Whose knowledge have we not asked for yet?"),
    Word("responsibility", "Responsibility",
         "Agree early, and in writing, how you will work together: who does which part, how "
         "decisions are made, and what happens when things go wrong.",
         "Who is doing what, and did they agree to it?"),
    Word("resources", "Resources",
         "Time, money, energy, rooms, travel and pay. People's capacity differs and it "
         "changes; good work plans for a hard month instead of hoping there will not be one.",
         "What would make it possible for everyone here to keep taking part?"),
    Word("next", "Knowing what happens next",
         "Who carries the work on when the project ends, whose names are on it, and who is "
         "paid to run it. Nobody should be left behind once the making is over.",
         "When this is finished, what happens to the people who made it?"),
)
assert tuple(w.tag for w in SIX_WORDS) == PRINCIPLES  # the debrief's tags, in the same order

HISTORY = (
    "Making services together did not begin as a slogan. Through the 1960s and 1970s two "
    "changes met. Inside services, some professionals began to doubt that they knew best, and "
    "to ask why carefully planned services still missed what people needed. Outside them, "
    "people who used mental health services began to organise for themselves.",
    "In July 1971 patients at Hartwood Hospital in Lanarkshire formed the Scottish Union of "
    "Mental Patients, to press for better treatment and conditions. In 1973 people who used "
    "Paddington Day Hospital in London founded the Mental Patients' Union.",
    "Coproduction is what can happen when those two currents meet: people who run services "
    "and people who use them making something that neither would have made alone. It is "
    "slower and messier than it sounds, it stirs up feelings, and it is work on top of the work.",
)

CREDIT = ("The six words close Mark Brown's speech \u201cWhat we talk about when we talk about "
          "coproduction in mental health\u201d, given at the Creativity in Coproduction "
          "conference in Norwich on 26 September 2017. The wording on this sheet is the game's "
          "own.")
