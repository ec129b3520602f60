"""Statements back into records: what `mapping.statements_of` made, read from a store (or an
export file), becomes the record dicts the reports read, so a room report can be made from a
store that many laptops sent to.

Statements that are not ours (another tool's, or another organisation's base) are passed over;
so are voided ones. When a record's answers were sent more than once (added to later), the
latest wins. A record whose header never arrived (it is still being sent) is left out and named.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from .ids import VERBS, Names
from .mapping import CLOSING

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


@dataclass
class Readback:
    records: list[dict]
    incomplete: list[str] = field(default_factory=list)  # record ids whose header is missing
    foreign: int = 0                                      # statements that were not ours


def records_of(statements: Iterable[dict], base: str) -> Readback:
    """The records carried by `statements` (any order), in record id order."""
    names = Names(base)
    key = names.extension
    listed = list(statements)
    voided = {s.get("object", {}).get("id") for s in listed
              if isinstance(s, dict) and s.get("verb", {}).get("id") == VOIDED}
    parts: dict[str, dict[str, Any]] = {}
    foreign = 0
    for statement in listed:
        rid = _record_id(statement, key("record"))
        if rid is None or statement.get("id") in voided:
            foreign += rid is None
            continue
        found = parts.setdefault(rid, {"steps": {}, "answers": None})
        verb = statement.get("verb", {}).get("id")
        context = statement["context"].get("extensions", {})
        result = statement.get("result", {})
        extensions = result.get("extensions", {}) if isinstance(result, dict) else {}
        if verb == VERBS["initialized"]:
            found["header"] = context.get(key("header"))
        elif verb in (VERBS["answered"], VERBS["experienced"]):
            step = dict(context.get(key("step")) or {})
            step["changes"] = extensions.get(key("changes"), [])
            step["after"] = extensions.get(key("after"), {})
            found["steps"][step.get("step")] = step
        elif verb == VERBS["completed"]:
            ending = dict(extensions.get(key("ending")) or {})
            ending.pop("iri", None)
            found["ending"] = ending
        elif verb == VERBS["responded"]:
            when = (str(statement.get("timestamp") or ""), str(statement.get("stored") or ""))
            if found["answers"] is None or when >= found["answers"][0]:
                found["answers"] = (when, extensions)
    records, incomplete = [], []
    for rid in sorted(parts):
        found = parts[rid]
        header = found.get("header")
        if not isinstance(header, dict):
            incomplete.append(rid)
            continue
        records.append(_record(header, found, key))
    return Readback(records, incomplete, foreign)


def _record(header: dict, found: dict, key) -> dict:
    answers = found["answers"][1] if found["answers"] else {}
    closing = answers.get(key("closing"), {}) if isinstance(answers, dict) else {}
    record = dict(header)
    record["steps"] = [found["steps"][n] for n in sorted(found["steps"], key=_number)]
    record["ending"] = found.get("ending") or None
    for name in ("debrief", "reflection", "room"):
        if key(name) in answers:
            record[name] = answers[key(name)]
    record.setdefault("debrief", {})
    for name in CLOSING:
        if name in closing:
            record[name] = closing[name]
    record.setdefault("taken_back", [])
    record.setdefault("finished", None)
    for name in ("pending_votes", "pending_room", "pending_notes"):
        record.setdefault(name, {})
    return record


def _number(value: Any) -> float:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else float("inf")


def _record_id(statement: Any, record_key: str) -> str | None:
    """The record a statement of ours belongs to; None for anything else."""
    if not isinstance(statement, dict):
        return None
    context = statement.get("context")
    if not isinstance(context, dict) or not isinstance(context.get("extensions"), dict):
        return None
    rid = context["extensions"].get(record_key)
    return rid if isinstance(rid, str) and rid else None
