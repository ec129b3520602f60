"""Ids for an imported Twine story, for `python main.py import`: slugify makes a readable id
from a passage name (letters of other scripts spelled out), and Ids hands out unique ones.
"""
from __future__ import annotations

import re
import unicodedata

from ..story.model import END

_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґ",
                     "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e yu ya "
                     "ye i yi g".split(" ")))
_CYRILLIC = {k: ("" if v == "-" else v) for k, v in _CYRILLIC.items()}


# -- small pieces --------------------------------------------------------------------------
def slugify(name: str) -> str:
    """An id from a passage name: lowercase letters, digits, - and _. Letters of other
    scripts are spelled out by their Unicode names ("Привет" is "privet")."""
    spelled = []
    for char in unicodedata.normalize("NFKC", name.lower()):
        if char in _CYRILLIC:
            spelled.append(_CYRILLIC[char])
            continue
        char = unicodedata.normalize("NFKD", char)[0]
        if char.isascii() or not char.isalpha():
            spelled.append(char)
            continue
        words = unicodedata.name(char, "").lower().split()
        if "letter" in words and words[-1].isalpha():
            last = words[-1]  # a syllable (ka, na) is kept; a letter's name gives its sound
            syllable = words[0] in ("hiragana", "katakana", "hangul")
            spelled.append(last if syllable else last[:2] if last[:2] in (
                "th", "ph", "ch", "ps", "kh", "sh") else last[0])
        elif words:
            spelled.append(f"-{words[-1].rsplit('-', 1)[-1]}-")
    text = "".join(spelled).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9_-]+", "-", text).strip("-_")
    text = re.sub(r"-{2,}", "-", text)
    return text[:80].rstrip("-_") or "passage"


class Ids:
    """Hands out unique ids (`end` is reserved by the format)."""

    def __init__(self) -> None:
        self.taken = {END}

    def new(self, name: str) -> str:
        base = candidate = slugify(name)
        number = 2
        while candidate in self.taken:
            suffix = f"-{number}"
            candidate, number = base[:80 - len(suffix)] + suffix, number + 1
        self.taken.add(candidate)
        return candidate
