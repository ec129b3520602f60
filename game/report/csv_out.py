"""The decisions of every record as CSV, one row per record per step, for a spreadsheet.

Written as UTF-8 with a byte-order mark, so that Excel shows quotes and dashes as they are;
lists inside a cell (options, votes, the live room's comments) are separated by " | ". Numbers
have hyphen-minus signs ('-6'), as a spreadsheet reads them. `rung_after` is 0 to 6, "abdication", or empty before any
decision. docs/records.md lists the columns.
"""
from __future__ import annotations

import csv
import io
from typing import Iterable, Sequence

from . import ladder, readings
from .collect import Entry

COLUMNS = ("record_id", "label", "scenario", "scenario_version", "role", "mode", "ending", "step",
           "chapter", "scene", "scene_title", "decision", "choice_id", "option_chosen",
           "options_shown", "trust_after", "power_after", "outcome_after", "rung_after", "votes",
           "note", "changes", "votes_from", "devices_voted", "comments")
SEPARATOR = " | "


def rows(entries: Iterable[Entry]) -> list[dict[str, str]]:
    found = []
    for entry in entries:
        labels = {name: v.label for name, v in entry.scenario.variables.items()} \
            if entry.scenario else None
        for index, step in enumerate(entry.steps, start=1):
            found.append({
                "record_id": entry.id, "label": entry.label,
                "scenario": readings.text(entry.data.get("scenario")),
                "scenario_version": readings.text(entry.data.get("scenario_version")),
                "role": entry.role, "mode": entry.mode, "ending": entry.ending_title,
                "step": str(step.number), "chapter": step.chapter, "scene": step.scene,
                "scene_title": step.title, "decision": "yes" if step.decision else "no",
                "choice_id": step.choice_id,
                "option_chosen": step.choice, "options_shown": SEPARATOR.join(step.options),
                "trust_after": readings.plain(entry.series["trust"][index]),
                "power_after": readings.plain(entry.series["power"][index]),
                "outcome_after": readings.plain(entry.series["outcome"][index]),
                **{f"{extra.name}_after": readings.plain(entry.series[extra.name][index])
                   for extra in entry.extra},
                "rung_after": ladder.cell(entry.rungs[index]),
                "votes": SEPARATOR.join(str(v) for v in step.votes) if step.votes else "",
                "note": step.note,
                "changes": "; ".join(readings.change_text(c, labels, ascii_minus=True)
                                     for c in step.changes),
                "votes_from": step.votes_from,
                "devices_voted": "" if step.voted is None else str(step.voted),
                "comments": SEPARATOR.join(step.comments),
            })
    return found


def columns(found: list[dict[str, str]]) -> list[str]:
    """COLUMNS, with a `NAME_after` column after `outcome_after` for each other number that can
    decide an ending in any record (such as `energy_after`; empty for a record without it)."""
    extra: list[str] = []
    for row in found:
        extra += [key for key in row if key not in COLUMNS and key not in extra]
    at = COLUMNS.index("outcome_after") + 1
    return [*COLUMNS[:at], *extra, *COLUMNS[at:]]


def to_csv(found: list[dict[str, str]], fields: Sequence[str] | None = None) -> str:
    """The rows as CSV text; `fields` are its columns (by default, those of the decisions)."""
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=list(fields or columns(found)), restval="",
                            lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: _safe(v) for k, v in row.items()} for row in found)
    return "\ufeff" + stream.getvalue()


def _safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (a note or label typed as "=...")."""
    if value and value[0] in "=+-@" and not _number(value):
        return "'" + value
    return value


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
