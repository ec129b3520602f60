"""Typesetting a line for the window: curly quotes and apostrophes, one minus sign, en dashes.

Scene files are written with the keys on a keyboard ("straight" quotes, a hyphen for a minus
and for a dash); the window sets them as a printer would. The terminal and the speech keep the
plain characters a screen reader reads best, so this runs only where the window measures and
draws text (game/ui/text_draw.py), never on the source.

`typeset` keeps the length of the text: one character in, one character out. The typewriter
counts characters, and a line measured before it is typeset must hold the same characters
after. It is idempotent: typesetting typeset text changes nothing.
"""
from __future__ import annotations

import re

MINUS = "\u2212"
EN_DASH = "\u2013"
LEFT_SINGLE, RIGHT_SINGLE = "\u2018", "\u2019"
LEFT_DOUBLE, RIGHT_DOUBLE = "\u201c", "\u201d"

# Before these, a quote mark opens; after anything else it closes (or is an apostrophe).
_OPENS_AFTER = " \t\n([{\u2013\u2014/" + LEFT_DOUBLE + LEFT_SINGLE

# "-24", "(-3", "now -8": a hyphen before a number, after a space, bracket or opening quote.
_MINUS = re.compile(r"(?:(?<=^)|(?<=[\s(\[/=:\"'\u201c\u2018]))-(?=\d)")
# "10-20" (two numbers, not part of a longer chain like a date 2026-12-07): a range, en dash.
_RANGE = re.compile(r"(?<![\d\-\u2013])(\d{1,4})-(\d{1,4})(?![\d\-\u2013])")
# " - " between words: a dash, set as a spaced en dash.
_SPACED_DASH = re.compile(r"(?<=\s)-(?=\s)")


def quoted(text: str) -> str:
    """`text` in double quotes, its own double quotes made single, so a choice that quotes
    someone reads as one quotation: "Invite anyone who ticks 'I'd like to help'", never
    "Invite anyone who ticks "I'd like to help"". Plain characters, for the terminal too."""
    return '"' + text.replace('"', "'").replace(LEFT_DOUBLE, LEFT_SINGLE).replace(
        RIGHT_DOUBLE, RIGHT_SINGLE) + '"'


def typeset(text: str) -> str:
    """`text` with printers' quotes, apostrophes, minus signs and dashes; same length."""
    if not text:
        return text
    if "-" in text:
        text = _SPACED_DASH.sub(EN_DASH, text)
        text = _RANGE.sub(lambda m: f"{m.group(1)}{EN_DASH}{m.group(2)}", text)
        text = _MINUS.sub(MINUS, text)
    if "'" not in text and '"' not in text:
        return text
    out = []
    for index, char in enumerate(text):
        if char not in "'\"":
            out.append(char)
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        opens = (before == "" or before in _OPENS_AFTER) and after not in ("", " ", "\n")
        if char == '"':
            out.append(LEFT_DOUBLE if opens else RIGHT_DOUBLE)
        elif opens and not after.isdigit():  # '90s and 'em start with an apostrophe
            out.append(LEFT_SINGLE)
        else:
            out.append(RIGHT_SINGLE)
    return "".join(out)
