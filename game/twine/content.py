"""A Twine story's own content warnings, as the scenario's content notes (docs/authoring.md,
section 7), for game/twine/scenes.py.

Two ways a Twine story gives warnings, and what each becomes:

- a passage tag: `cw`, `tw`, `trigger`, `content-warning` or `trigger-warning`, alone or with
  what it warns of after a -, _ or : (`cw-self-harm`, `tw:violence`, `trigger_warning-police`).
  The scene gets a content note: what the tag names ("self harm"), or, for a bare tag, a note
  that the original story warns here (reported, so the author can say what it is about);
- a passage named "Content warning(s)", "Trigger warning(s)", "Content note(s)", "CW" or "TW":
  its text is the scenario's content notes, shown before play.

The scenario's content notes are that passage's text, then every subject the tags name that it
does not already mention.
"""
from __future__ import annotations

import re

_TAG = re.compile(r"(?:content[-_]?warning|trigger[-_]?warning|cw|tw|trigger)s?"
                  r"(?:[-:_](?P<subject>.+))?", re.IGNORECASE)
_PASSAGE = re.compile(r"(?:content|trigger)[ _-]?(?:warnings?|notes?)|cws?|tws?", re.IGNORECASE)
UNNAMED = "The original story gives a content warning for this scene"


def is_warning_passage(name: str) -> bool:
    """Whether a passage's name says it holds the story's content warnings."""
    return bool(_PASSAGE.fullmatch(name.strip()))


def scene_notes(tags: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(the content notes for a scene with these tags, the bare warning tags among them)."""
    notes, bare = [], []
    for tag in tags:
        found = _TAG.fullmatch(tag)
        if not found:
            continue
        subject = " ".join(re.sub(r"[-_:]+", " ", found.group("subject") or "").split())
        if not subject:
            bare.append(tag)
            subject = UNNAMED
        if subject not in notes:
            notes.append(subject)
    return notes, bare


def story_notes(passage_texts: list[str], scene_note_lists: list[list[str]]) -> list[str]:
    """The scenario's content notes: the warning passage's paragraphs, then each subject named
    by a tag that they do not mention already."""
    notes = [text for text in passage_texts if text.strip()]
    said = re.sub(r"[-_]", " ", " ".join(notes).lower())
    for scene in scene_note_lists:
        for subject in scene:
            if subject != UNNAMED and subject.lower() not in said and subject not in notes:
                notes.append(subject)
    return notes
