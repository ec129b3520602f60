"""One record's debrief as HTML, in the order of PEARLS: reactions, description, analysis,
summary; then the branch map with the player's path. The record says what happened; the
replayed run adds the roads not taken and the other role's view, when the scenario is at hand.
"""
from __future__ import annotations

from typing import Sequence

from ..story.debrief import (ACTION_PROMPT, GIBBS, REACTION_WORDS, TAKEAWAY_PROMPTS, Fork,
                             forks, mirrors, path_summary)
from . import charts, ladder, maps, readings, reflection
from .collect import Entry
from ..story.debrief import FIT_QUESTION as QUESTION, VERDICTS
from .fit import FIT_NOTE, reading_and_why, record_readings, this_part
from .page import Ids, Part, bullets, esc, facts, meter_line, table
from .readings import METER_LABELS, signed

PLUS_DELTA = ("Plus: what went well, for the group and for you?",
              "Delta: what would you change next time, and what would that cost?")
MOST_LINES = 3  # of each scene's text, in a mirrored moment


def header_facts(entry: Entry) -> str:
    data = entry.data
    scenario_title = entry.scenario.title if entry.scenario else \
        readings.text(data.get("scenario_title")) or data["scenario"]
    version = readings.text(data.get("scenario_version")) or "unknown"
    rows = [("Scenario", esc(f"{scenario_title} (version {version})")),
            ("Role", esc(entry.role_name)),
            ("Label", esc(entry.label) if entry.label else "none given"),
            ("Mode", "Workshop (a room played together)" if entry.mode == "workshop" else "Solo"),
            ("Began", esc(f"At {readings.start_place(entry.data)} (the choices before it were "
                          "made for the player; this debrief reads only what came after)")
             if readings.start_place(entry.data) else "At the beginning of the story"),
            ("Started", esc(readings.when(data.get("started")))),
            ("Finished", esc(readings.when(data["finished"])) if data.get("finished")
             else "not finished"),
            ("Ending", esc(entry.ending_title) if entry.ending_title
             else f"not reached (stopped at step {len(entry.steps)})"),
            ("Record", f"<code>{esc(entry.id)}</code>")]
    return facts(rows)


def warnings(entry: Entry, who: str = "") -> str:
    """Callouts for a record made with another version, replayed only in part, or without
    its scenario. `who` names the record when the page has more than one."""
    out = []
    name = f"{esc(who)}: " if who else ""
    if entry.older:
        out.append(f'<p class="callout warn"><strong>{name}{esc(entry.version_note)}</strong> '
                   "What it says about its own steps is shown as it was written.</p>")
    if entry.problem:
        problem = entry.problem[0].upper() + entry.problem[1:]
        problem += "" if problem.endswith(".") else "."
        what = ("The options not taken, the other role's view and the map cannot be shown"
                if entry.run is None else "The options not taken and the other role's view "
                "cover only the part that still matches")
        out.append(f'<p class="callout warn"><strong>{name}The analysis is partial.</strong> '
                   f"{esc(problem)} {what}; the steps, meters and changes come from the record "
                   "itself.</p>")
    return "\n".join(out)


def sections(entry: Entry, ids: Ids, stem: str = "", who: str = "",
             opening: bool = True) -> list[Part]:
    """The sections of one record's debrief. `who` goes before each heading when the page has
    more than one record; `opening` is True when the debrief starts the page (then its first
    two sections share the first printed page with the header)."""
    name = f"{who}: " if who else ""
    found = [Part(f"{stem}reactions", f"{name}1. Reactions", _reactions(entry), not opening),
             Part(f"{stem}description", f"{name}2. Description", _description(entry, ids), False),
             Part(f"{stem}analysis", f"{name}3. Analysis", _analysis(entry)),
             Part(f"{stem}summary", f"{name}4. Summary", _summary(entry))]
    own = reflection.record_html(entry)
    if own:  # the player's own answers to the reflection statements, before and after
        found.append(Part(f"{stem}reflection", f"{name}Before and after", own, False))
    if entry.scenario is not None and entry.role in entry.scenario.roles:
        # not a new page in print: there the map is left out, and a line says where it is
        found.append(Part(f"{stem}map", f"{name}The branch map", _map(entry, stem), False))
    return found


# -- 1. Reactions --------------------------------------------------------------------------
def _reactions(entry: Entry) -> str:
    answers = entry.data.get("debrief") if isinstance(entry.data.get("debrief"), dict) else {}
    words = [readings.text(w) for w in answers.get("reactions", []) if readings.text(w).strip()] \
        if isinstance(answers.get("reactions"), list) else []
    intro = "<p>How did that feel? Start here, before what happened and why.</p>"
    if words:
        return (intro + "<p>The words picked at the end of the game:</p>"
                + bullets((esc(w) for w in words), cls="words"))
    return (intro + "<p>No words were picked in the game. Some words people use:</p>"
            + bullets((esc(w) for w in REACTION_WORDS), cls="words offer"))


# -- 2. Description ------------------------------------------------------------------------
def _description(entry: Entry, ids: Ids) -> str:
    if entry.run is not None and not entry.problem:
        lines = path_summary(entry.run)
    else:
        lines = readings.path_lines(entry.steps, entry.ending_title, entry.data)
    decisions = sum(s.decision for s in entry.steps)
    out = [f"<h3>The path</h3><p>{len(entry.steps)} steps, {decisions} of them decisions.</p>",
           bullets(esc(line) for line in lines) if lines else "<p>No choices were made.</p>"]
    ending = entry.scenario.ending(entry.ending_id) if entry.scenario and entry.ending_id else None
    if ending is not None and ending.text:
        out.append(f"<h3>How it ended: {esc(ending.title)}</h3>")
        out.append('<blockquote class="quote">' + "".join(
            f"<p>{esc(p)}</p>" for p in ending.text.split("\n") if p.strip()) + "</blockquote>")
    marks, caption = charts.chapter_marks(entry.steps, readings.start_number(entry.data))
    steps_count = max(len(entry.steps), 1)
    lines_by_kind = {
        "levels": [meter_line(m, METER_LABELS[m], entry.series[m]) for m in ("trust", "outcome")],
        "power": [meter_line("power", METER_LABELS["power"], entry.series["power"])]}
    out.append("<h3>The meters over time</h3>")
    out.append(charts.meter_figures(ids, lines_by_kind, steps_count, marks, "This run"))
    for extra in entry.extra:
        out.append(charts.extra_figure(
            ids, extra, [meter_line("trust", extra.label, entry.series[extra.name])],
            steps_count, marks, "This run"))
    out.append("<h3>The ladder over time</h3>")
    out.append(f"<p>{esc(ladder.last_decision(ladder.rung_of(entry.rungs[-1])))}.</p>")
    out.append(charts.rung_figure(ids, [("Rung", entry.rungs)], steps_count, marks, "This run",
                                  readings.rungs_read_from_meters(entry.data)))
    if caption:
        out.append(f'<p class="small">{caption}</p>')
    out.append(charts.numbers_table(entry.steps, entry.series, entry.rungs, entry.extra))
    out.append(_fit(entry))
    return "\n".join(filter(None, out))


def _fit(entry: Entry) -> str:
    """Per part of the project with a purpose: the verdict in words, then the reading. Nothing
    when the scenario states no purposes (or is missing)."""
    found = record_readings(entry)
    if not found:
        return ""
    out = [f"<h3>{esc(QUESTION)}</h3>",
           f"<p>{esc(ladder.LADDER_NOTE)} {esc(FIT_NOTE)}</p>"]
    for reading in found:
        purpose = reading.purpose
        if reading.fit is not None:
            verdict = reading.fit.verdict
            words, why = reading_and_why(reading.fit)
            said = (f'<p><strong class="verdict {verdict}">{esc(VERDICTS[verdict])}.</strong> '
                    f"{esc(words)}</p>" + (f'<p class="small">{esc(why)}</p>' if why else ""))
        else:
            said = f'<p class="locked">{esc(reading.missing)}</p>'
        out.append(f'<div class="fit"><h4>{esc(purpose.chapter)}</h4>'
                   f"<p>{esc(this_part(purpose))}</p>{said}</div>")
    return "\n".join(out)


# -- 3. Analysis ---------------------------------------------------------------------------
def _analysis(entry: Entry) -> str:
    out = []
    if entry.problem:
        out.append('<p class="callout warn"><strong>The analysis is partial</strong> (see the note '
                   "at the top): it uses what the record says where the scenario no longer "
                   "matches.</p>")
    out.append("<h3>The biggest changes, and why</h3>")
    biggest = readings.biggest(entry.steps, 5)
    if biggest:
        out.append(bullets(
            f"<strong>{esc(c.words)}</strong> at step {c.step}, {esc(c.scene_title)}, on choosing "
            f"\u201c{esc(c.choice)}\u201d" + (f": {esc(c.why)}" if c.why else "")
            + (f' <span class="tag">{esc(c.tag)}</span>' if c.tag else "") for c in biggest))
    else:
        out.append("<p>The headline meters did not move.</p>")
    found = forks(entry.run) if entry.run is not None else []
    out.append("<h3>Each decision, and the roads not taken</h3>")
    if found:
        out.append("<p>Every option at each decision on the path, and what it would have done at "
                   "once to the meters" + (" and to " + ", ".join(e.label.lower() for e in entry.extra)
                                          if entry.extra else "")
                   + " (worked out by the game itself). The chosen option is marked "
                   "\u201c\u2713 chosen\u201d.</p>")
        by_number = {s.number: s for s in entry.steps}
        labels = {**METER_LABELS, **{e.name: e.label for e in entry.extra}}
        out += [_fork(fork, by_number.get(fork.step), labels) for fork in found]
        later = [s for s in entry.steps if s.decision and s.number > found[-1].step]
        if entry.problem and later:
            out.append("<p>The decisions after this point cannot be replayed in the scenario as "
                       "it is now. Here is what the record says was on offer, and what the "
                       "choice did.</p>")
            out += [_recorded_decision(step) for step in later]
    else:
        out.append("<p>The options not taken cannot be worked out without the scenario as it was "
                   "played; here is what the record says was on offer.</p>")
        out += [_recorded_decision(step) for step in entry.steps if step.decision]
    out += [f'<p class="callout"><strong>Facilitator\'s note at step {number}, where the record '
            f"stops (no choice made yet):</strong> {esc(note)}</p>"
            for number, _, note in readings.pending_notes(entry.data)]
    out.append(_mirrors(entry))
    out.append("<h3>Questions to discuss</h3>")
    prompts = _prompts(entry, found, biggest)
    out.append(bullets(esc(p) for p in list(prompts) + list(PLUS_DELTA)))
    return "\n".join(out)


def _fork(fork: Fork, step: readings.Step | None, labels: dict[str, str]) -> str:
    """One decision as a table: every option with what it would have done at once to each
    number that can decide an ending (`labels`: name -> label, in order)."""
    names = list(labels)
    votes = {}
    if step is not None and step.votes:
        votes = {text: step.votes[i] for i, text in enumerate(step.options) if i < len(step.votes)}
        if not any(road.text in votes for road in fork.roads) \
                and len(step.votes) == len(step.options) == len(fork.roads):
            # the option texts were reworded since (a new version): the same options, in order
            votes = {road.text: step.votes[i] for i, road in enumerate(fork.roads)}
    with_end = any(road.ending for road in fork.roads)
    heads = ["Option"] + [esc(labels[m]) for m in names] + (["Room votes"] if votes else []) \
        + (["Leads to"] if with_end else [])
    rows, classes = [], []
    for road in fork.roads:
        mark = '<span class="mark">\u2713 chosen:</span> ' if road.chosen else ""
        if road.enabled:
            cells = [signed(road.deltas.get(m, 0)) for m in names]
            option = mark + esc(road.text)
        else:
            cells = ["\u2013"] * len(names)
            option = f'{esc(road.text)} <span class="locked">(locked: {esc(road.reason)})</span>'
        row = [option] + cells
        if votes:
            row.append(str(votes.get(road.text, "")))
        if with_end:
            row.append(esc(road.ending))
        rows.append(row)
        classes.append("chosen" if road.chosen else "")
    title = fork.scene.title or fork.scene.id
    chapter = f"{esc(fork.scene.chapter)} \u00b7 " if fork.scene.chapter else ""
    caption = f"Step {fork.step} \u00b7 {chapter}{esc(title)}"
    numeric = tuple(range(1, len(names) + 1)) + ((len(names) + 1,) if votes else ())
    out = ['<div class="decision">', table(heads, rows, caption, numeric, classes)]
    out.append(_note(step))
    if fork.prompts:
        out.append('<p class="small"><strong>To discuss:</strong> '
                   + " ".join(esc(p) for p in fork.prompts) + "</p>")
    out.append("</div>")
    return "\n".join(out)


def _note(step: readings.Step | None) -> str:
    """The facilitator's note on a step, when there is one."""
    if step is None or not step.note:
        return ""
    return f'<p class="callout"><strong>Facilitator\'s note:</strong> {esc(step.note)}</p>'


def _recorded_decision(step: readings.Step) -> str:
    rows, classes = [], []
    for index, option in enumerate(step.options):
        chosen = index == step.chosen
        what = "; ".join(readings.change_text(c) for c in step.changes) if chosen else ""
        votes = [str(step.votes[index]) if index < len(step.votes) else ""] if step.votes else []
        rows.append([('<span class="mark">\u2713 chosen:</span> ' if chosen else "")
                     + esc(option), *votes, esc(what)])
        classes.append("chosen" if chosen else "")
    heads = ["Option"] + (["Room votes"] if step.votes else []) + ["What it did"]
    caption = f"Step {step.number} \u00b7 {esc(step.title or step.scene)}"
    return (f'<div class="decision">{table(heads, rows, caption, (1,) if step.votes else (), classes)}'
            f"{_note(step)}</div>")


def _mirrors(entry: Entry) -> str:
    out = ["<h3>The other side: mirrored moments</h3>"]
    found = mirrors(entry.run) if entry.run is not None else []
    if not found:
        out.append("<p>No mirrored moments on this path" + (
            " could be found without the scenario." if entry.run is None else ".") + "</p>")
        return "\n".join(out)
    out.append("<p>Moments both roles live through: what this role saw and chose, beside what "
               "the other role saw of the same moment and could choose.</p>")
    chosen = {s.number: s.choice for s in entry.steps}
    roles = entry.scenario.roles
    for mirror in found:
        other = roles[mirror.other_role].name if mirror.other_role in roles else mirror.other_role
        mine = chosen.get(mirror.step)
        own_lines = tuple((f"{line.speaker}: " if line.speaker else "") + line.text
                          for line in mirror.scene.lines if line.condition is None)
        what = (f"<p><strong>Chose:</strong> {esc(mine)}</p>" if mine
                else "<p>The record stops here.</p>")
        theirs = "<p><strong>Their options:</strong></p>" + bullets(
            (esc(o) for o in mirror.other_options), cls="small")
        out.append(
            f'<div class="decision"><h4>Step {mirror.step}: {esc(readings.moment_name(mirror.moment))}</h4>'
            '<div class="pair">'
            + _panel(f"{entry.role_name}: {mirror.scene.title or mirror.scene.id}", own_lines, what)
            + _panel(f"{other}: {mirror.other.title or mirror.other.id}", mirror.other_lines, theirs)
            + "</div></div>")
    return "\n".join(out)


def _panel(heading: str, lines: Sequence[str], after: str) -> str:
    shown = list(lines[:MOST_LINES]) + (["\u2026"] if len(lines) > MOST_LINES else [])
    return (f'<div class="panel"><h4>{esc(heading)}</h4>'
            + "".join(f'<p class="small">{esc(line)}</p>' for line in shown) + after + "</div>")


def _prompts(entry: Entry, found: Sequence[Fork], biggest) -> list[str]:
    """The scenes' own discussion prompts: those of the biggest changes first, then the rest
    along the path; at most six."""
    first = [c.step for c in biggest]
    order = sorted(found, key=lambda f: (first.index(f.step) if f.step in first else len(first),
                                         f.step))
    prompts: list[str] = []
    for fork in order:
        for prompt in fork.prompts:
            if prompt not in prompts:
                prompts.append(prompt)
    return prompts[:6]


# -- 4. Summary ----------------------------------------------------------------------------
def _summary(entry: Entry) -> str:
    answers = entry.data.get("debrief") if isinstance(entry.data.get("debrief"), dict) else {}
    takeaways = [readings.text(t).strip() for t in answers.get("takeaways", [])
                 if readings.text(t).strip()] if isinstance(answers.get("takeaways"), list) else []
    action = readings.text(answers.get("action")).strip()
    journal = answers.get("journal") if isinstance(answers.get("journal"), dict) else {}
    out = ["<h3>Take-aways</h3>"]
    if takeaways:
        out.append(bullets(esc(t) for t in takeaways))
    else:
        out.append("<p>None were written in the game. Two or three to write here:</p>")
        out += [f"<p>{esc(p)}</p><div class=\"write\"></div>" for p in TAKEAWAY_PROMPTS]
    out.append("<h3>One action</h3>")
    if action:
        out.append(f"<p><strong>{esc(ACTION_PROMPT)}</strong> {esc(action)}</p>")
    else:
        out.append(f'<p>{esc(ACTION_PROMPT)}</p><div class="write"></div>')
    written = [(key, question, readings.text(journal.get(key)).strip()) for key, question in GIBBS
               if readings.text(journal.get(key)).strip()]
    if written:
        out.append("<h3>Journal</h3>")
        out += [f"<h4>{esc(key.capitalize())}</h4><p class=\"small\">{esc(question)}</p>"
                f"<p>{esc(answer)}</p>" for key, question, answer in written]
    return "\n".join(out)


# -- the map -------------------------------------------------------------------------------
def _map(entry: Entry, stem: str) -> str:
    story = maps.role_map(entry.scenario, entry.role)
    with_path, _ = maps.can_show()
    note = ("The path taken is drawn with thick arrows and outlined boxes; everything else this "
            "role could reach is faded." if with_path else "Every scene this role can reach; the "
            "path taken is listed step by step in the table under the charts.")
    svg = maps.map_svg(story, f"{stem}map", path=entry.path)
    return (f'<div class="screen-only"><p>{note} {maps.SCROLL_NOTE}</p><div class="map-block">'
            f'<div class="map-wrap">{svg}</div></div></div>{maps.print_note()}')
