"""What a session record keeps of the live room, cleaned one way for the writer
(`records.Recorder`) and the readers (`report.readings`) alike.

At a decision: how many devices voted (while the counts are the room's), the anonymous
comments in the order they came, and which of them the facilitator showed on the projector.
At the ending: each device's debrief answers (the reactions it picked, its take-aways and its
action), and how many devices were in the room. Nothing else a device sent is kept: no names,
no addresses, no tokens. A value of the wrong type is left out, never an error, because a
record on disk may have been damaged or written by hand.
"""
from __future__ import annotations

from typing import Any

from .page import PROMPTS

# The texts a device may send at the ending, by the ids the room's page asks them with
# ("takeaway1" to "takeaway3", "action").
ANSWER_TEXTS = tuple(key for key, _question in PROMPTS)
# The fields a decision's room facts add to a step of the record.
STEP_FIELDS = ("voted", "comments", "comments_shown")


def count(value: Any) -> int | None:
    """A whole number of devices, or None when it is missing or not one."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def texts(value: Any) -> list[str]:
    """The non-empty texts of a list, in order; anything else in it is left out."""
    if not isinstance(value, (list, tuple)):
        return []
    return [" ".join(item.split()) for item in value if isinstance(item, str) and item.strip()]


def facts(raw: Any) -> dict:
    """A decision's room facts: `comments` and `comments_shown` (only comments that were sent),
    and `voted` when the counts are the room's. {} when there is nothing to keep."""
    if not isinstance(raw, dict):
        return {}
    comments = texts(raw.get("comments"))
    shown = [text for text in texts(raw.get("comments_shown")) if text in comments]
    voted = count(raw.get("voted"))
    if voted is None and not comments:
        return {}
    found: dict = {} if voted is None else {"voted": voted}
    found.update(comments=comments, comments_shown=list(dict.fromkeys(shown)))
    return found


def answer(raw: Any) -> dict:
    """One device's answers at the ending: `reactions` (words) and the texts it wrote, each only
    when given."""
    if not isinstance(raw, dict):
        return {}
    found: dict = {}
    reactions = list(dict.fromkeys(texts(raw.get("reactions"))))
    if reactions:
        found["reactions"] = reactions
    for key in ANSWER_TEXTS:
        value = raw.get(key)
        if isinstance(value, str) and value.strip():
            found[key] = " ".join(value.split())
    return found


def answers(raw: Any) -> dict:
    """The room's answers at the ending: {"devices": n, "answers": [...]}, devices that sent
    nothing left out; {} when there is nothing to keep."""
    if not isinstance(raw, dict):
        return {}
    kept = [found for item in (raw.get("answers") if isinstance(raw.get("answers"), list) else ())
            if (found := answer(item))]
    devices = count(raw.get("devices"))
    if not kept and not devices:
        return {}
    return {"devices": max(devices or 0, len(kept)), "answers": kept}
