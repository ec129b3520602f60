"""Plain-English measures: words, sentences, syllables and Flesch reading ease.

Syllables come from Pyphen's hyphenation dictionary (offline, as the older textstat releases
did); the formula is Flesch's 1948 reading ease:
206.835 - 1.015 x (words per sentence) - 84.6 x (syllables per word).
60 and above reads as plain English; 70-80 is easy for most adults.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pyphen

WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['\u2019][A-Za-z]+)*|\d+(?:[.,:]\d+)*")
SENTENCE_END = re.compile(r"[.!?]+")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


@lru_cache(maxsize=20000)
def syllables(word: str) -> int:
    word = word.lower().replace("\u2019", "'")
    if word[:1].isdigit():
        return max(1, len(re.sub(r"\D", "", word)))  # "2017" is read as several syllables
    by_dictionary = len(_dictionary().positions(word)) + 1
    # The dictionary only breaks words where they may be hyphenated ("table" stays whole), so
    # vowel groups are counted too, and the larger count is taken.
    return max(1, by_dictionary, _vowel_groups(word))


def _vowel_groups(word: str) -> int:
    word = word.replace("'", "")
    groups = len(_VOWEL_GROUPS.findall(word))
    if groups > 1:
        if word.endswith("e") and not word.endswith(("le", "ee", "ye")):
            groups -= 1                     # a silent e: "make", "service"
        elif word.endswith("ed") and word[-3:-2] not in ("t", "d"):
            groups -= 1                     # "asked", "jumped"
        elif word.endswith("es") and word[-3:-2] not in ("s", "c", "x", "z", "g", "h"):
            groups -= 1                     # "makes"
    return max(1, groups)


@dataclass(frozen=True)
class Reading:
    words: int
    sentences: int
    syllables: int

    @property
    def flesch(self) -> float:
        if not self.words:
            return 100.0
        return round(206.835 - 1.015 * self.words / max(1, self.sentences)
                     - 84.6 * self.syllables / self.words, 1)

    def __add__(self, other: "Reading") -> "Reading":
        return Reading(self.words + other.words, self.sentences + other.sentences,
                       self.syllables + other.syllables)


NOTHING = Reading(0, 0, 0)


def measure(text: str) -> Reading:
    """Counts for a text. A line or paragraph without a full stop (a title, an option) counts
    as one sentence."""
    total = NOTHING
    for chunk in re.split(r"\n\s*\n|\n", text):
        words = WORD.findall(chunk)
        if not words:
            continue
        ends = len(SENTENCE_END.findall(chunk.rstrip(" \"'\u201d\u2019)")))
        if not SENTENCE_END.search(chunk.rstrip(" \"'\u201d\u2019)")[-1:] or ""):
            ends += 1  # the last sentence has no full stop
        total += Reading(len(words), max(1, ends), sum(syllables(w) for w in words))
    return total
