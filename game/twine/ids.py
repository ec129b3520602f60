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
_LATIN = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l",
          "ı": "i", "ħ": "h", "ŋ": "ng"}
# Hangul syllables are spelled from their parts (the Revised Romanization of Korean)
_HANGUL = ("g kk n d tt r m b pp s ss - j jj ch k t p h".split(),
           "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split(),
           "- k k k n n n t l k m p l l p l m p p t t ng t t k t p t".split())
# Scripts whose letters are syllables: a letter's name is its sound ("HIRAGANA LETTER KA");
# in the Indian scripts a vowel sign replaces the "a" before it, and a virama removes it.
_SYLLABIC = {"hiragana", "katakana", "devanagari", "bengali", "gurmukhi", "gujarati", "oriya",
             "tamil", "telugu", "kannada", "malayalam", "sinhala"}
_SIGNS = {"anusvara": "n", "candrabindu": "n", "visarga": "h"}


# -- small pieces --------------------------------------------------------------------------
def slugify(name: str) -> str:
    """An id from a passage name: lowercase letters, digits, - and _. Letters of other
    alphabets are spelled in Latin letters ("Привет" is "privet", "ひらがな" "hiragana",
    "시작" "sijak", "नमस्ते" "namaste"); a Chinese character, which has no spelling here, is
    its code ("開始" is "958b-59cb"), and a symbol its name ("🙂" is "slightly-smiling-face")."""
    text = name.lower()
    if not text.isascii():
        spelled: list[str] = []
        for char in unicodedata.normalize("NFC", text):
            spelled.append(_spell(char, spelled))
        text = "".join(spelled).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9_-]+", "-", text).strip("-_")
    text = re.sub(r"-{2,}", "-", text)
    return text[:80].rstrip("-_") or "passage"


def _spell(char: str, before: list[str]) -> str:
    """One character in Latin letters; `before` (what came before it) may be changed, for a
    vowel sign or a virama in the Indian scripts."""
    if char.isascii():
        return char
    if char in _CYRILLIC or char in _LATIN:
        return _CYRILLIC.get(char) or _LATIN.get(char, "")
    if "\uac00" <= char <= "\ud7a3":
        lead, rest = divmod(ord(char) - 0xAC00, 588)
        vowel, tail = divmod(rest, 28)
        return "".join(part for part in (_HANGUL[0][lead], _HANGUL[1][vowel], _HANGUL[2][tail])
                       if part != "-")
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if bare and bare.isascii():
        return bare  # é is e, ﬁ is fi, ² is 2
    if char.isdecimal():
        return str(unicodedata.decimal(char))
    named = unicodedata.name(char, "")
    if " WITH " in named:  # an accented letter is spelled as the letter
        named = named.split(" WITH ")[0]
    words = named.lower().replace("-", " ").split()
    script = words[0] if words else ""
    if script == "thai" and words[1] == "character" and len(words) > 2:
        return words[3] if words[2] == "sara" and len(words) > 3 else words[2].rstrip("o")
    if "letter" in words and words[-1].isalpha():
        last = words[-1]
        if script in _SYLLABIC:
            return last
        return last[:2] if last[:2] in ("th", "ph", "ch", "ps", "kh", "sh") else last[0]
    if script in _SYLLABIC and ("virama" in words or ("vowel" in words and "sign" in words)):
        if before and before[-1].endswith("a"):
            before[-1] = before[-1][:-1]
        return "" if "virama" in words else words[-1]
    if script in _SYLLABIC and words[-1] in _SIGNS:
        return _SIGNS[words[-1]]
    category = unicodedata.category(char)
    if category == "Lm" or category.startswith("M"):
        return ""  # a length mark or an accent on its own
    if category.startswith("S") and words:
        return "-" + "-".join(words) + "-"  # a symbol: its name
    if char.isalpha() and words:
        return f"-{words[-1]}-"  # a character with no spelling here: its code
    return "-"


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
