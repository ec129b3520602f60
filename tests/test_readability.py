"""Reading ease: counts and the Flesch score, checked against reference figures.

The reference scores were computed with textstat 0.7.3 (which also counts syllables with
Pyphen); our own counter must stay within a few points of it.
"""
from pathlib import Path

import pytest

from game.story.readability import measure, syllables

SPEECH = Path(__file__).resolve().parents[2] / "shared" / "seed" / "coproduction-speech-2017.txt"


@pytest.mark.parametrize("word,count", [("the", 1), ("people", 2), ("table", 2), ("asked", 1),
                                        ("coproduction", 4), ("benefits", 3), ("service", 2)])
def test_syllables_of_common_words(word, count):
    assert syllables(word) == count


def test_simple_text_scores_like_the_reference():
    reading = measure("The cat sat on the mat. It was a sunny day and everyone was happy to be outside.")
    assert (reading.words, reading.sentences) == (18, 2)
    assert abs(reading.flesch - 87.7) <= 3


@pytest.mark.skipif(not SPEECH.exists(), reason="the source speech is not beside this checkout")
def test_the_source_speech_scores_like_the_reference():
    assert abs(measure(SPEECH.read_text(encoding="utf-8")).flesch - 57.7) <= 3


def test_a_line_without_a_full_stop_is_one_sentence():
    assert measure("Ask the group first\nPay everyone. Then start.").sentences == 3


def test_hard_text_scores_lower_than_plain_text():
    plain = measure("We met on Monday. Gwen kept her coat on. Nobody spoke first.")
    hard = measure("Organisational accountability necessitates comprehensive intersectoral "
                   "collaboration, notwithstanding considerable implementation difficulties.")
    assert plain.flesch > 80 > 20 > hard.flesch
