"""A report from session records: one HTML page and the rows of its CSV.

    report = build_report([Path("saves/records")], Shelf([Path("scenes")]))
    report.html, report.rows, report.collection.skipped

What goes in depends on the records, per scenario: one record gives its debrief (PEARLS);
two give them side by side, then each debrief; three or more give the room report.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable

from ..files.write import write_text_atomic
from . import compare_html, csv_out, debrief_html, reflection, room_html, room_said
from .collect import Collection, Entry, Shelf, collect
from .compare import compare
from .page import Ids, Part, contents, esc, footer, page, section
from .readings import when
from .room import read_room


@dataclass
class Report:
    title: str
    html: str
    rows: list[dict[str, str]]
    collection: Collection
    reflection_rows: list[dict[str, str]] = field(default_factory=list)  # before-and-after answers


def write_report(report: Report, out: Path) -> Path:
    """Write the page to `out` and its CSV beside it, each atomically; the CSV's path. When
    any record holds answers to the reflection statements, they go in a second CSV beside
    it, `<name>-reflection.csv`. Raises OSError when a file cannot be written."""
    table = out.with_suffix(".csv")
    write_text_atomic(out, report.html)
    write_text_atomic(table, csv_out.to_csv(report.rows))
    if report.reflection_rows:
        write_text_atomic(reflection_table(out),
                          csv_out.to_csv(report.reflection_rows, reflection.CSV_COLUMNS))
    return table


def reflection_table(out: Path) -> Path:
    """Where write_report puts the before-and-after answers of the report `out`."""
    return out.with_name(f"{out.stem}-reflection.csv")


def build_report(paths: Iterable[Path], shelf: Shelf, side_by_side: bool = False,
                 made: str | None = None) -> Report:
    """The report of every record under `paths`. `side_by_side` compares exactly two records
    (of any scenarios); two records of one scenario are compared anyway."""
    collection = collect(paths, shelf)
    made = made or when(datetime.now().astimezone().isoformat(timespec="minutes"))
    return Report(*_page(collection, side_by_side, made), csv_out.rows(collection.entries),
                  collection, reflection.csv_rows(collection.entries))


def _page(collection: Collection, side_by_side: bool, made: str) -> tuple[str, str]:
    ids = Ids()
    entries, groups = collection.entries, collection.groups()
    parts: list[Part] = []
    head: list[str] = []
    if len(entries) == 2 and (side_by_side or len(groups) == 1):
        title = "Two runs compared: " + _scenario_title(entries[0])
        head.append(_pair_header(entries))
        parts += _pair(entries, ids)
        parts += _said(entries)
    elif len(groups) == 1 and len(entries) == 1:
        entry = entries[0]
        title = f"Debrief: {_scenario_title(entry)}, {entry.name}"
        head += [f'<p class="lead">{esc(entry.role_name)}. '
                 + (f"Ending: {esc(entry.ending_title)}." if entry.ending_title
                    else "Not finished.") + "</p>",
                 debrief_html.header_facts(entry), debrief_html.warnings(entry)]
        parts += debrief_html.sections(entry, ids)
        parts += _said([entry])
    elif len(groups) == 1:
        room = read_room(entries)
        title = f"Room report: {room.title}"
        head += [room_html.overview(room), _marked(entries)]
        parts += room_html.sections(room, ids)
    else:
        title = f"Session report: {len(entries)} records of {len(groups)} scenarios"
        head.append(f'<p class="lead">{len(entries)} records of '
                    + ", ".join(esc(_scenario_title(g[0])) for g in groups) + ".</p>")
        for number, group in enumerate(groups, start=1):
            parts += _group(group, ids, f"s{number}-")
    if collection.skipped:
        count = len(collection.skipped)
        head.append(f'<p class="callout warn">{count} file{"s were" if count != 1 else " was"} '
                    'skipped: see <a href="#skipped">Files skipped</a>.</p>')
        parts.append(Part("skipped", "Files skipped", _skipped(collection)))
    if parts:
        parts[0] = parts[0]._replace(new_page=False)  # the first section follows the header
    body = [f'<header class="top"><h1>{esc(title)}</h1>', *filter(None, head), "</header>",
            contents([(part.id, part.title) for part in parts])]
    body += [section(part) for part in parts]
    body.append(footer(made))
    return title, page(title, body)


def _group(group: list[Entry], ids: Ids, stem: str) -> list[Part]:
    """The sections for the records of one scenario, in a report of several scenarios."""
    name = _scenario_title(group[0])
    if len(group) == 1:
        entry = group[0]
        about = debrief_html.header_facts(entry) + debrief_html.warnings(entry)
        return [Part(f"{stem}about", f"{name}: one record", about)] + \
            debrief_html.sections(entry, ids, stem, f"{name}, {entry.name}", opening=True) + \
            _said(group, stem, name)
    if len(group) == 2:
        return [Part(f"{stem}about", f"{name}: two runs compared", _pair_header(group))] + \
            _pair(group, ids, stem, opening=False) + _said(group, stem, name)
    room = read_room(group)
    return [Part(f"{stem}about", f"{name}: {len(group)} records",
                 room_html.overview(room) + _marked(group))] + \
        room_html.sections(room, ids, stem, name)


def _said(entries: list[Entry], stem: str = "", name: str = "") -> list[Part]:
    """"What the room said" for records played with the live room open; none otherwise."""
    said = room_said.part(entries, stem, name)
    return [said] if said is not None else []


def _pair(entries: list[Entry], ids: Ids, stem: str = "", opening: bool = True) -> list[Part]:
    a, b = entries
    names = (a.name, b.name) if a.name != b.name else (f"{a.name} (A)", f"{b.name} (B)")
    comparison = compare(a.data, a.run, b.data, b.run)
    found = [Part(f"{stem}compare", "Two runs side by side",
                  compare_html.render(comparison, names, ids), not opening)]
    for letter, entry, name in (("a", a, names[0]), ("b", b, names[1])):
        found += debrief_html.sections(entry, ids, f"{stem}{letter}-", name, opening=False)
    return found


def _pair_header(entries: list[Entry]) -> str:
    out = ['<p class="lead">' + " ".join(
        f"{esc(e.name)} played {esc(e.role_name)}: "
        + (f"\u201c{esc(e.ending_title)}\u201d." if e.ending_title else "not finished.")
        for e in entries) + "</p>"]
    out += [debrief_html.warnings(entry, entry.name) for entry in entries]
    return "\n".join(filter(None, out))


def _marked(entries: list[Entry]) -> str:
    """A callout counting the records made with another version, or only partly replayed."""
    older = sum(e.older for e in entries)
    partial = sum(bool(e.problem) for e in entries)
    notes = []
    if older:
        notes.append(f"{older} record{'s were' if older != 1 else ' was'} made with an older or "
                     "different version of this scenario")
    if partial:
        notes.append(f"for {partial} the analysis is partial (the record's own steps are used)")
    if not notes:
        return ""
    return ('<p class="callout warn">' + esc("; ".join(notes).capitalize()) + '. They are marked in '
            "\u201cRecords in this report\u201d.</p>")


def _skipped(collection: Collection) -> str:
    items = "".join(f"<li><code>{esc(s.path)}</code>: {esc(s.reason)}</li>"
                    for s in collection.skipped)
    return ("<p>These files were given as records but could not be used. The rest of the "
            f"report leaves them out.</p><ul>{items}</ul>")


def _scenario_title(entry: Entry) -> str:
    if entry.scenario is not None:
        return entry.scenario.title
    return str(entry.data.get("scenario_title") or entry.data["scenario"])
