"""Text from outside the game made safe to show and to save. Pure Python: no pygame.

Text comes in at a few edges: typed or pasted into a text box, typed in the terminal, a
`--label` on the command line, a session record read back from disk. Each edge passes it
through `clean` (or `one_line` for a label), so what is kept is only what a person can see:

- control characters (C0, DEL, C1, and NUL above all) are removed; a tab becomes a space;
  line breaks are kept as "\\n" with `lines=True` (a note, an answer) and become a space
  otherwise (a label, a line to draw);
- formatting characters, which draw nothing (Unicode category Cf: zero-width space U+200B,
  word joiner U+2060, byte-order mark U+FEFF, soft hyphen U+00AD, the bidi controls
  U+202A-U+202E and U+2066-U+2069, tag characters), are removed, except a zero-width joiner
  or non-joiner between two visible characters, where it shapes the word (Persian, Hindi,
  emoji sequences) and draws fine;
- a character that could not be read (an undecodable byte kept as a lone surrogate, or a
  lone surrogate escaped in a JSON file) becomes U+FFFD, so the reader sees something was
  there, and the text can always be written as UTF-8.

`clean` changes nothing in ordinary text and is cheap for it (one C-speed check), so it can sit
in front of every line drawn. `is_blank` says whether anything visible is left: a label of
zero-width characters alone is no label. For JSON read back, `readable` mends lone surrogates
in a whole record (leaving its other text exact) and `clean_all` cleans free-text answers.
The window's font helper (`game/ui/text_draw.py`) cleans once more, as the last guard.
"""
from __future__ import annotations

import re
import unicodedata

REPLACEMENT = "\ufffd"
JOINERS = {"\u200c", "\u200d"}  # zero-width non-joiner and joiner: they shape scripts and emoji
_INVISIBLE = ("C", "Z", "M")    # control/format/unassigned, separators, combining marks
# every line break str.splitlines() knows, but an ending one is kept (as "\n" or a space)
_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def clean(text: object, lines: bool = False) -> str:
    """`text` with only what can be seen (see the module's notes); never raises. With
    `lines`, line breaks (any of "\\r\\n", "\\r", U+2028, ...) are kept as "\\n"."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if text.isprintable():  # the common case: nothing to do
        return text
    return ("\n" if lines else " ").join(_visible_only(line) for line in _BREAKS.split(text))


def one_line(text: object) -> str:
    """A label or a name: cleaned, runs of spaces made one, no spaces at the ends; "" when
    nothing visible is left."""
    kept = " ".join(clean(text).split())
    return kept if not is_blank(kept) else ""


def is_blank(text: str) -> bool:
    """True when nothing in `text` would draw a mark: it is empty, spaces, or only invisible
    or combining characters."""
    return not any(unicodedata.category(c)[0] not in _INVISIBLE for c in text)


def unreadable(text: str) -> bool:
    """True when `text` holds characters that could not be read: a lone surrogate (a byte
    kept by Python's surrogateescape) or U+FFFD (a byte a decoder replaced)."""
    return REPLACEMENT in text or _has_surrogate(text)


def readable(value: object) -> object:
    """JSON data just read, with every lone surrogate in its strings (keys too) made U+FFFD,
    so that it can be drawn and written back as UTF-8; lists and dicts are mended in place.
    Other text is left exactly as it was (a record's choice texts must still match the
    scenario's)."""
    return _each_string(value, _mended)


def clean_all(value: object) -> object:
    """JSON data of free text read back (a record's debrief answers): every string in it,
    keys too, `clean`ed with its lines kept; lists and dicts are cleaned in place."""
    return _each_string(value, lambda text: clean(text, lines=True))


def _each_string(value: object, mend) -> object:
    """`mend` applied to every string in `value`, in place. A loop, not recursion: a deeply
    nested file cannot exhaust the stack."""
    if isinstance(value, str):
        return mend(value)
    stack = [value] if isinstance(value, (list, dict)) else []
    while stack:
        container = stack.pop()
        if isinstance(container, dict):
            for key in [k for k in container if isinstance(k, str) and mend(k) != k]:
                container[mend(key)] = container.pop(key)
        places = container.items() if isinstance(container, dict) else enumerate(container)
        for place, item in list(places):
            if isinstance(item, str):
                container[place] = mend(item)
            elif isinstance(item, (list, dict)):
                stack.append(item)
    return value


def _mended(text: str) -> str:
    if text.isprintable() or not _has_surrogate(text):
        return text
    return "".join(REPLACEMENT if "\ud800" <= c <= "\udfff" else c for c in text)


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


def _visible_only(line: str) -> str:
    if line.isprintable():
        return line
    kept: list[str] = []
    last = len(line) - 1
    for place, character in enumerate(line):
        kind = unicodedata.category(character)
        if kind == "Cc":
            if character == "\t":
                kept.append(" ")
        elif kind == "Cs":
            kept.append(REPLACEMENT)
        elif kind == "Cf":
            if (character in JOINERS and kept and _draws(kept[-1])
                    and place < last and _draws(line[place + 1])):
                kept.append(character)
        else:
            kept.append(character)
    return "".join(kept)


def _draws(character: str) -> bool:
    return unicodedata.category(character)[0] not in ("C", "Z")
