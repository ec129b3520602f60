"""Wrapping text to a width in pixels: plain (`wrap`, for labels and typing) and for reading
(`wrap_prose`: hyphenation in narrow columns, no lone word on a paragraph's last line).

Both measure with the font they are given, so the theme's letter and word spacing and the
typesetting (text_draw.SetFont) are measured exactly as they are drawn.
"""
from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from concurrent.futures import Future
from functools import cache
from typing import TYPE_CHECKING, Callable

import pygame

from ..text.safety import clean

if TYPE_CHECKING:  # pyphen lists its dictionaries when imported: done at the first hyphen
    import pyphen


WRAPS_PER_FONT = 4096  # wrapped texts remembered for each font still in use


def _cached_per_font(function: Callable) -> Callable:
    """Remember `function(font, text, width)` for each font while the font is alive.

    An lru_cache keyed by the font would keep every font ever used (one per text size and
    window size) alive; here a font's answers go with the font.
    """
    answers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def cached(font: pygame.font.Font, text: str, width: int) -> tuple[str, ...]:
        known = answers.get(font)
        if known is None:
            known = answers[font] = OrderedDict()
        key = (text, width)
        lines = known.get(key)
        if lines is None:
            lines = known[key] = function(font, text, width)
            if len(known) > WRAPS_PER_FONT:
                known.popitem(last=False)
        else:
            known.move_to_end(key)
        return lines

    cached.__doc__, cached.__name__, cached.__wrapped__ = function.__doc__, function.__name__, function
    cached.cache_clear = answers.clear
    return cached


@_cached_per_font
def wrap(font: pygame.font.Font, text: str, width: int) -> tuple[str, ...]:
    """Greedy word wrap to `width` pixels; a word longer than a line is broken. The text is
    cleaned first (`clean`): a character pygame cannot measure never reaches the font."""
    text = clean(text, lines=True)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if font.size(candidate)[0] <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while font.size(word)[0] > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and font.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return tuple(lines)


# A line filled less than this, before a word that would not fit, is "very ragged": in a narrow
# column the word is hyphenated instead, if a dictionary break lets part of it stay.
RAGGED = 0.72
NARROW_CHARACTERS = 48   # a column narrower than about this many characters is narrow
ORPHAN_KEEP = 0.6        # moving a word down to keep the last one company leaves this much


@cache
def _dictionary() -> Future:
    """The hyphenation dictionary, loading in the background from the first call on: reading
    its patterns takes about 0.2 s of processor time, which the frame that first needs a
    hyphen should not wait for when there was a quiet moment before it (`get_ready`)."""
    loading: Future = Future()

    def load() -> None:
        try:
            import pyphen
            loading.set_result(pyphen.Pyphen(lang="en_GB", left=2, right=3))
        except BaseException as error:  # noqa: BLE001 - raised where the dictionary is used
            loading.set_exception(error)

    threading.Thread(target=load, name="hyphenation dictionary", daemon=True).start()
    return loading


def get_ready() -> None:
    """Start loading the hyphenation dictionary, if not already: for a screen with nothing to
    do (Screen.idle)."""
    _dictionary()


def _hyphenator() -> pyphen.Pyphen:
    return _dictionary().result()


def _break_word(font: pygame.font.Font, word: str, room: int) -> tuple[str, str] | None:
    """The longest dictionary break of `word` whose first part and a hyphen fit `room` pixels:
    (first part with its hyphen, rest), or None. Names, numbers and words already holding a
    hyphen or dash are not broken."""
    core = word.strip(".,;:!?'\"()[]\u2018\u2019\u201c\u201d")
    if len(core) < 6 or not core.isalpha() or core[0].isupper():
        return None
    lead = word.index(core)
    for position in reversed(_hyphenator().positions(core)):
        first = word[:lead + position] + "-"
        if font.size(first)[0] <= room:
            return first, word[lead + position:]
    return None


@_cached_per_font
def wrap_prose(font: pygame.font.Font, text: str, width: int) -> tuple[str, ...]:
    """Word wrap for reading: as `wrap`, and also a long word in a narrow column or after a very
    ragged line is hyphenated at a dictionary break (pyphen, British English), and a paragraph
    does not end on one word alone when moving a word down can keep it company."""
    return _prose(font, text, width, hyphenate=True)


@_cached_per_font
def wrap_even(font: pygame.font.Font, text: str, width: int) -> tuple[str, ...]:
    """As `wrap_prose` with no hyphens: for short labels, readings and notes, whose words are
    read whole (the meters' panel, captions); a word longer than a line is cut as `wrap` does."""
    return _prose(font, text, width, hyphenate=False)


def _prose(font: pygame.font.Font, text: str, width: int, hyphenate: bool) -> tuple[str, ...]:
    text = clean(text, lines=True)
    narrow = width < NARROW_CHARACTERS * font.size("abcdefghijklmnopqrstuvwxyz")[0] / 26
    lines: list[str] = []
    for paragraph in text.split("\n"):
        own: list[str] = []
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if font.size(candidate)[0] <= width:
                line = candidate
                continue
            if line:
                piece = None
                if hyphenate and narrow and font.size(line)[0] < width * RAGGED:
                    piece = _break_word(font, word, width - font.size(line + " ")[0])
                if piece:
                    own.append(f"{line} {piece[0]}")
                    word = piece[1]
                else:
                    own.append(line)
            while font.size(word)[0] > width and len(word) > 1:
                piece = _break_word(font, word, width) if hyphenate else None
                if piece is None:
                    cut = len(word) - 1
                    while cut > 1 and font.size(word[:cut])[0] > width:
                        cut -= 1
                    piece = (word[:cut], word[cut:])
                own.append(piece[0])
                word = piece[1]
            line = word
        own.append(line)
        _keep_company(font, own, width)
        lines.extend(own)
    return tuple(lines)


def _keep_company(font: pygame.font.Font, lines: list[str], width: int) -> None:
    """No single word alone on a paragraph's last line: bring the word before it down, when
    the two fit together and the line above stays well filled."""
    if len(lines) < 2 or " " in lines[-1] or not lines[-1]:
        return
    above = lines[-2]
    if above.endswith("-") or above.count(" ") < 3:
        return
    rest, moved = above.rsplit(" ", 1)
    joined = f"{moved} {lines[-1]}"
    if font.size(joined)[0] <= width and font.size(rest)[0] >= width * ORPHAN_KEEP:
        lines[-2:] = [rest, joined]
