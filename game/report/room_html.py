"""A room's records as HTML: endings and meters by role, the most divided decisions with
their discussion prompts, every decision's counts (and votes), the facilitator's notes, what the
live room said (room_said), and a branch map per role with the counts on its arrows. Roles sit
side by side on screen and one after the other in print.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..story_map.path import edge_counts
from . import charts, maps, room_said
from .collect import Entry
from ..story.debrief import VERDICTS
from .fit import suits, suits_numbers, what_for
from .page import Ids, Part, bullets, esc, role_line, table
from .reflection import read_reflection, room_html as reflection_html
from .readings import METER_LABELS, hundredths, percent, shown, span, started, when
from .room import DecisionCount, RoleSummary, Room
from .svg_charts import bar

VOTE_COLOUR = "#a8436f"
DIVIDED_NOTE = ("How divided a decision was is 1 \u2212 the share of the most chosen option: 0 when "
                "everyone chose the same, 0.5 when the most chosen option had half the choices, "
                "and higher when the choices were spread more evenly. Decisions made fewer than "
                "twice are left out. Ties go to the decision more records reached.")
ROUNDING_NOTE = ("Shares are rounded to the nearest whole per cent, a half up, so those of one "
                 "decision may add up to 99% or 101%.")


def sections(room: Room, ids: Ids, stem: str = "", name: str = "") -> list[Part]:
    """The room's sections. `name` goes before each heading when the page has more than one
    scenario."""
    before = f"{name}: " if name else ""
    found = [Part(f"{stem}endings", f"{before}Endings and meters by role", _endings(room, ids),
                  bool(name))]
    if any(summary.fit_counts for summary in room.roles):
        found.append(Part(f"{stem}fit", f"{before}Did the way people worked fit the work?",
                          _fit(room)))
    found += [Part(f"{stem}divided", f"{before}Where the room was most divided", _divided(room)),
             Part(f"{stem}decisions", f"{before}Every decision, role by role", _decisions(room))]
    if room.notes:
        found.append(Part(f"{stem}notes", f"{before}Facilitator notes", _notes(room)))
    said = room_said.part(room.records, stem, name)
    if said is not None:
        found.append(said)
    reflection = read_reflection(room.records, [(r.role, r.name) for r in room.roles])
    if reflection is not None:
        found.append(Part(f"{stem}reflection", f"{before}Before and after: the reflection "
                          "statements", reflection_html(reflection)))
    # not a new page in print: there the maps are left out, and a line says where they are
    found.append(Part(f"{stem}maps", f"{before}Branch maps with the room's paths",
                      _maps(room, stem), False))
    found.append(Part(f"{stem}records", f"{before}Records in this report",
                      records_table(room.records)))
    return found


def overview(room: Room) -> str:
    """A line or two for the top of the page."""
    per_role = ", ".join(f"{len(r.records)} as {esc(r.name)}" for r in room.roles)
    finished = sum(bool(e.ending_id) for e in room.records)
    stamps = sorted(str(e.data.get("started") or "") for e in room.records if e.data.get("started"))
    played = f" Played {esc(span(stamps[0], stamps[-1]))}." if stamps else ""
    workshop = sum(e.mode == "workshop" for e in room.records)
    modes = f" {workshop} in workshop mode." if workshop else ""
    began = Counter(started(e.data) for e in room.records if started(e.data))
    chapters = " ".join(f"{count} {'record' if count == 1 else 'records'}: {esc(line)}"
                        for line, count in sorted(began.items()))
    return (f"<p class=\"lead\">{len(room.records)} records of {esc(room.title)}: {per_role}. "
            f"{finished} reached an ending.{played}{modes}"
            + (f" {chapters} (each is read from there: the choices before were not theirs)"
               if chapters else "") + "</p>")


def _columns(parts: list[str]) -> str:
    return '<div class="columns">' + "".join(f'<div class="column">{p}</div>' for p in parts) + "</div>"


# -- endings and meters --------------------------------------------------------------------
def _endings(room: Room, ids: Ids) -> str:
    columns = []
    for summary in room.roles:
        total = len(summary.records)
        rows = [[f"{esc(title)}{bar(count, total)}", f"{count} ({_share(count, total)})"]
                for title, count in summary.endings]
        ending_table = table(["Ending", "Records"], rows,
                             f"Endings ({total} record{'s' * (total != 1)})", (1,))
        labels = {**METER_LABELS, **{x.name: x.label for x in room.extra}}
        meter_rows = [[esc(labels[m]), shown(round(summary.finals[m].median, 1)),
                       f"{shown(summary.finals[m].low)} to {shown(summary.finals[m].high)}"]
                      for m in labels]
        meter_table = table(["Meter", "Median", "Range"], meter_rows,
                            "Where the meters ended", (1,))
        columns.append(f"<h3>{esc(summary.name)}</h3>{ending_table}{meter_table}")
    out = [_columns(columns)]
    longest = max(len(v) for s in room.roles for v in s.medians.values()) - 1
    lines = {"levels": [], "power": []}
    for index, summary in enumerate(room.roles):
        short = summary.name.split(",")[0]
        # each role has two lines here: outcome's is dotted with triangles, whatever the role
        lines["levels"] += [
            role_line(index, f"{short}: trust", summary.medians["trust"]),
            replace(role_line(index, f"{short}: outcome", summary.medians["outcome"]),
                    dash="2 4", marker="triangle")]
        lines["power"].append(role_line(index, short, summary.medians["power"]))
    out.append("<h3>The median over the steps</h3>")
    out.append("<p>At each step, the middle value of the records that got that far. Records "
               "end at different steps; each line stops where fewer than a fifth of its role's "
               "records were still going."
               + (" Records that began at a chapter start from that chapter; each role's line "
                  "follows the records that began where most of that role's did."
                  if any(started(e.data) for e in room.records) else "") + "</p>")
    out.append(charts.meter_figures(ids, lines, max(longest, 1), (), "The room"))
    for extra in room.extra:
        out.append(charts.extra_figure(
            ids, extra, [role_line(index, summary.name.split(",")[0], summary.medians[extra.name])
                         for index, summary in enumerate(room.roles)],
            max(longest, 1), (), "The room"))
    return "\n".join(out)


# -- fit -----------------------------------------------------------------------------------
def _fit(room: Room) -> str:
    out = [("<p>Each part of the project suits some rungs of the ladder more than others, and a "
            "lower rung can be the right one. A rung is the author's judgement of what an option "
            "does, not a reading of the meters. For each part with a stated purpose: how many "
            "records worked it at rungs that fit the work, below or beyond what it needed, or "
            "took an option that abdicates (staff stepping back and leaving the group without "
            "what they know).</p>")]
    parts = {c.purpose.chapter: c.purpose for s in room.roles for c in s.fit_counts}
    order = list(room.scenario.purposes) if room.scenario else []
    rows = [[f"<strong>{esc(p.chapter)}</strong>",
             esc(what_for(p)) + (f' <br><span class="small">{esc(p.why)}</span>' if p.why else ""),
             f"{esc(suits(p))} ({suits_numbers(p)})"]
            for p in sorted(parts.values(), key=lambda p: order.index(p.chapter))]
    out.append(table(["Part", "What it was for, and why", "Rungs that fit"], rows,
                     "The parts and the rungs that suit them"))
    out += [_fit_table(summary) for summary in room.roles]
    out.append('<p class="footnote">Each part is judged by the rungs of the decisions taken in '
               "it, so a later choice does not alter it. Only records that reached a part are "
               "counted. \u201cNo reading\u201d: the record stopped in that part, no decision taken "
               "in it says its rung, or the scenario has changed since it was played and that part "
               "no longer matches.</p>")
    return "\n".join(out)


def _fit_table(summary: RoleSummary) -> str:
    if not summary.fit_counts:
        return (f"<h3>{esc(summary.name)}</h3><p>No record of this role reached a part with a "
                "stated purpose.</p>")
    heads = ["Part", "Rungs that fit"] + list(VERDICTS.values()) + ["No reading"]
    rows = [[esc(c.purpose.chapter), esc(suits(c.purpose))]
            + [str(c.verdicts.get(verdict, 0)) for verdict in VERDICTS] + [str(c.unread)]
            for c in summary.fit_counts]
    total = len(summary.records)
    return ('<div class="fit-counts">' + table(
        heads, rows, f"{esc(summary.name)} ({total} record{'s' * (total != 1)})",
        tuple(range(2, 3 + len(VERDICTS)))) + "</div>")


# -- decisions -----------------------------------------------------------------------------
def _option_rows(decision: DecisionCount) -> tuple[list[str], list[list[str]]]:
    """Each option with, under its text, a bar of how many chose it (solid) and, in workshop
    mode, of the room's votes (outlined); the numbers are in their own columns."""
    voters = f"from {decision.voters} record{'s' * (decision.voters != 1)}"
    heads = ["Option", "Chose"] + ([f"Votes ({voters})"] if decision.voted else [])
    rows = []
    for option in decision.options:
        bars = bar(option.chosen, decision.choices)
        if decision.voted:
            bars += bar(option.votes, decision.vote_total, VOTE_COLOUR, outline=True)
        if not option.offered and not option.chosen:
            chose = '0 <span class="locked">(never on offer)</span>'
        else:
            chose = f"{option.chosen} ({_share(option.chosen, decision.choices)})"
        row = [f"{esc(option.text)}{bars}", chose]
        if decision.voted:
            row.append(f"{option.votes} ({_share(option.votes, decision.vote_total)})")
        rows.append(row)
    return heads, rows


def _share(count: int, total: int) -> str:
    return percent(count, total)


def _decision_table(decision: DecisionCount, role_name: str = "", titled: bool = True) -> str:
    heads, rows = _option_rows(decision)
    parts = [esc(role_name)] if role_name else []
    parts += [esc(decision.chapter)] if decision.chapter else []
    parts += [esc(decision.title)] if titled else []
    more = f", {decision.choices} choices" if decision.choices != decision.reached else ""
    caption = (" \u00b7 ".join(parts) + f' <span class="small">({decision.reached} '
               f"record{'s' * (decision.reached != 1)}{more})</span>")
    out = table(heads, rows, caption, (1, 2) if decision.voted else (1,))
    if decision.voted and decision.voters != decision.reached:
        out += (f'<p class="small">Votes were recorded here in {decision.voters} of the '
                f"{decision.reached} records that reached this decision (in workshop mode); "
                f"\u201cChose\u201d counts all {decision.reached}.</p>")
    if decision.room_voters:
        typed = decision.voters - decision.room_voters
        out += (f'<p class="small">From the live room: {decision.devices} '
                f"device{'s' * (decision.devices != 1)} voted"
                + (f" (in {decision.room_voters} records)" if decision.room_voters > 1 else "")
                + (f"; in {typed} record{'s' * (typed != 1)} the facilitator typed the votes"
                   if typed else "") + ".</p>")
    return out


def _divided(room: Room) -> str:
    found = room.most_divided(5)
    if not found:
        return "<p>Every decision went the same way for everyone who reached it.</p>"
    names = {r.role: r.name for r in room.roles}
    out = ["<p>The decisions the room split on most, most divided first, with the scene's own "
           "questions. Start the discussion here.</p>"]
    for decision in found:
        out.append('<div class="decision">')
        out.append(f"<h3>{esc(decision.title)} <span class=\"badge\">divided "
                   f"{_divided_value(decision)}</span></h3>")
        out.append(_decision_table(decision, names.get(decision.role, decision.role), False))
        prompts = list(decision.prompts) or [_generic_prompt(decision)]
        out.append("<p><strong>To discuss:</strong></p>" + bullets(esc(p) for p in prompts))
        out.append("</div>")
    more = room.also_divided(5)
    if more:
        out.append(f"<p>{more} more decision{'s were' if more != 1 else ' was'} as divided "
                   f"({_divided_value(found[-1])}) but left out to keep this list to five: "
                   f"see \u201cEvery decision, role by role\u201d.</p>")
    out.append(f'<p class="footnote">{esc(DIVIDED_NOTE)} {esc(ROUNDING_NOTE)}</p>')
    return "\n".join(out)


def _divided_value(decision: DecisionCount) -> str:
    """How divided, to two places, rounded half up like every share in the report."""
    top = max((o.chosen for o in decision.options), default=0)
    value = hundredths(decision.choices - top, decision.choices)
    return f"{value // 100}.{value % 100:02d}"


def _generic_prompt(decision: DecisionCount) -> str:
    top = sorted(decision.options, key=lambda o: -o.chosen)[:2]
    return (f"Some chose \u201c{top[0].text}\u201d and others \u201c{top[1].text}\u201d. "
            "What did each side see that the other did not?")


def _decisions(room: Room) -> str:
    columns = []
    for summary in room.roles:
        parts = [f"<h3>{esc(summary.name)}</h3>"]
        if not summary.decisions:
            parts.append("<p>No decisions were made.</p>")
        parts += [f'<div class="decision">{_decision_table(d)}</div>' for d in summary.decisions]
        columns.append("".join(parts))
    voted = any(d.voted for r in room.roles for d in r.decisions)
    note = ("<p>In story order. \u201cChose\u201d counts what was chosen in the game (the solid "
            "bar); " + ("\u201cVotes\u201d adds up the room's votes where a facilitator recorded "
                        "them or devices sent them from the live room (the outlined bar). "
                        if voted else "")
            + "An option \u201cnever on offer\u201d was hidden by its condition each time. "
            + ROUNDING_NOTE + "</p>")
    return note + _columns(columns)


def _notes(room: Room) -> str:
    """Each note with what tells its record apart from others of the same label (tables often
    start in the same minute): the role, when the record started (as in \u201cRecords in this
    report\u201d) and the last four characters of its id (its file name, less .json)."""
    rows = [[esc(entry.name), esc(entry.role_name.split(",")[0]),
             esc(when(entry.data.get("started"))), f"<code>{esc(entry.id[-4:])}</code>",
             str(step), esc(title), esc(choice), esc(note)]
            for entry, step, title, choice, note in room.notes]
    return ('<p class="small">\u201cId\u201d is the last four characters of the record\u2019s '
            "id (its file name, less .json).</p>" '<div class="compact">' + table(
                ["Record", "Role", "Started", "Id", "Step", "Scene", "Option chosen", "Note"],
                rows, numeric=(4,)) + "</div>")


# -- maps and records ----------------------------------------------------------------------
def _maps(room: Room, stem: str) -> str:
    if room.scenario is None:
        return "<p>The maps need the scenario, which was not found.</p>"
    _, with_counts = maps.can_show()
    out = [('<div class="screen-only"><p>Each arrow carries how many records went along it, '
            "and is thicker the more did; arrows no record took are faded. " if with_counts
            else '<div class="screen-only"><p>Every scene each role can reach. The counts for '
                 "each option are in \u201cEvery decision, role by role\u201d. ")
           + f"{maps.SCROLL_NOTE}</p>"]
    for summary in room.roles:
        if summary.role not in room.scenario.roles:
            continue
        story = maps.role_map(room.scenario, summary.role)
        counts = edge_counts(room.paths[summary.role])
        svg = maps.map_svg(story, f"{stem}map-{summary.role}", counts=counts)
        out.append(f'<div class="map-block"><h3>{esc(summary.name)}</h3>'
                   f'<div class="map-wrap">{svg}</div></div>')
    out.append("</div>")
    out.append(maps.print_note(plural=True))
    return "\n".join(out)


def records_table(entries: list[Entry]) -> str:
    rows = []
    for entry in entries:
        notes = [entry.version_note] if entry.older else []
        if started(entry.data):
            notes.append(started(entry.data))
        if entry.problem:
            notes.append(f"Analysis partial: {entry.problem}")
        rows.append([esc(entry.name), esc(entry.role_name.split(",")[0]),
                     "workshop" if entry.mode == "workshop" else "solo",
                     esc(when(entry.data.get("started"))),
                     esc(entry.ending_title) or "not finished", str(len(entry.steps)),
                     esc(" ".join(notes))])
    return '<div class="compact">' + table(
        ["Record", "Role", "Mode", "Started", "Ending", "Steps", "Notes"], rows,
        numeric=(5,)) + "</div>"
