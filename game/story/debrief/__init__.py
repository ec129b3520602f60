"""Plain-language readings of a run: what changed and why, meters over time, the rung, whether
the way of working fit the work, the road not taken and the other chair.

Used by the terminal, the window and the reports alike; it only reads the run (no pygame, no
files). The parts:

- words.py     the prompts a player answers; numbers said with their scale and a minus sign
- path.py      the meters and rung after each step; the decisions per chapter; chapter cards
- fit.py       per chapter with a purpose, whether the rungs practised fit the work
- roads.py     every option of each decision with what it would have done; mirrored moments
- readings.py  `Debrief`: the run in plain lines for the terminal (history, state, summary)
"""
from .fit import FIT_QUESTION, VERDICTS, Fit, fit_lines, fits, judge_fit
from .path import (ChapterCard, Move, chapter_cards, meter_series, path_summary, rung_series,
                   summarise_path, whole_run)
from .readings import Debrief, rung_lines, scene_name
from .roads import Fork, Mirror, Road, forks, mirrors
from .words import (ACTION_PROMPT, GIBBS, PRINCIPLE_WORDS, REACTION_WORDS, TAKEAWAY_PROMPTS,
                    on_scale, power_words, principle, scaled, signed, spoken)

__all__ = ["ACTION_PROMPT", "FIT_QUESTION", "GIBBS", "PRINCIPLE_WORDS", "REACTION_WORDS",
           "TAKEAWAY_PROMPTS", "VERDICTS", "ChapterCard", "Debrief", "Fit", "Fork", "Mirror", "Move",
           "Road", "chapter_cards", "fit_lines", "fits", "forks", "judge_fit", "meter_series",
           "mirrors", "on_scale", "path_summary", "power_words", "principle", "rung_lines",
           "rung_series", "scaled", "scene_name", "signed", "spoken", "summarise_path", "whole_run"]
