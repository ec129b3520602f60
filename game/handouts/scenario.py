"""The handouts drawn from one scenario's own files: character cards from `cast:`, the money
and benefits facts from handouts.yaml, the discussion prompts from every scene's `discuss:`,
and the support lines (built in, or from support.yaml). Each returns the body of one sheet."""
from __future__ import annotations

import base64
from pathlib import Path

from ..report.page import esc
from ..story import Scenario
from ..story.scene_graph import graph_reach
from ..support import INTRO, Support
from .facts import MoneyFacts

PICTURE_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
                 ".jpeg": "image/jpeg"}
MOST_PICTURE_BYTES = 400_000  # a portrait, not a photograph at print resolution


def _picture(path: Path | None, alt: str | None = None) -> str:
    """An <img> with the file inside it (the page fetches nothing), or '' if it will not do.
    Its alt text is the scenario's; none written, or "", leaves it to the card's words."""
    if path is None or path.suffix.lower() not in PICTURE_TYPES:
        return ""
    try:
        if path.stat().st_size > MOST_PICTURE_BYTES:
            return ""
        data = base64.b64encode(path.read_bytes()).decode("ascii")
    except OSError:
        return ""
    return f'<img alt="{esc(alt or "")}" src="data:{PICTURE_TYPES[path.suffix.lower()]};base64,{data}">'


def _chair(scenario: Scenario, person: str) -> str:
    """'Played in the professional's chair' when a role is this person; else ''."""
    for role in scenario.roles.values():
        words = role.name.split(",")[0].split()
        if words and words[0] == person:
            return f"A player character: {role.name}"
    return ""


def character_cards(scenario: Scenario) -> str:
    cards = []
    for key, person in scenario.cast.items():
        chair = _chair(scenario, key)
        cards.append(f'<div class="card">{_picture(scenario.asset_path(person.portrait), person.portrait_alt)}<div>'
                     f"<h3>{esc(key)}</h3><p>{esc(person.about)}</p>"
                     + (f'<p class="plays">{esc(chair)}</p>' if chair else "") + "</div></div>")
    return (f'<p class="intro">The people of {esc(scenario.title)}. Everyone here has their '
            "reasons; none of them is a villain. All of them are made up.</p>"
            f'<div class="cards">{"".join(cards)}</div>')


def money(scenario: Scenario, facts: MoneyFacts) -> str:
    def listed(items) -> str:
        return '<dl class="money">' + "".join(
            f"<div><dt>{esc(f.about)}</dt><dd>{esc(f.text)}</dd></div>" for f in items) + "</dl>"
    parts = [f'<p class="asof">These facts hold for {esc(facts.as_of)}. Benefit rules and '
             "amounts change every April: check them before you use this sheet.</p>"]
    if facts.story:
        parts.append(f"<h2>In the story</h2><p>The made-up project\u2019s money, as "
                     f"{esc(scenario.title)} has it.</p>" + listed(facts.story))
    if facts.facts:
        parts.append("<h2>The rules the story rests on</h2>" + listed(facts.facts))
    if facts.note:
        parts.append(f'<p class="callout">{esc(facts.note)}</p>')
    return "".join(parts)


def prompts_by_chapter(scenario: Scenario) -> str:
    # a scene is in the chair whose start leads to it (a scene both reach is in both columns)
    reach = {role_id: graph_reach(scenario, role.start) for role_id, role in scenario.roles.items()
             if role.start in scenario.scenes}
    chapters: dict[str, dict[str, list]] = {}
    for scene in scenario.scenes.values():
        if scene.discuss and scene.is_decision:
            roles = chapters.setdefault(scene.chapter or "The story", {})
            for role_id in (scene.role,) if scene.role else [r for r in reach if scene.id in reach[r]]:
                roles.setdefault(role_id, []).append(scene)
    parts = []
    for number, (chapter, roles) in enumerate(chapters.items(), start=1):
        columns = []
        for role_id in [r for r in scenario.roles if r in roles]:
            scenes = roles[role_id]
            who = scenario.roles[role_id].name.split(",")[0]
            blocks = "".join(
                f'<h4>{esc(scene.title or scene.id)}</h4><ul>'
                + "".join(f"<li>{esc(prompt)}</li>" for prompt in scene.discuss) + "</ul>"
                for scene in scenes)
            columns.append(f'<div class="column"><h4 class="who">In {esc(who)}\u2019s chair</h4>'
                           f"{blocks}</div>")
        parts.append(f'<div class="chapter"><h3>Chapter {number}: {esc(chapter)}</h3>'
                     f'<div class="pair">{"".join(columns)}</div></div>')
    if not parts:
        return ("<p>This scenario\u2019s scenes have no discussion prompts yet (a scene\u2019s "
                "<code>discuss:</code> list). Ask the room: what would you do here, what would "
                "each option cost, and for whom?</p>")
    return ('<p class="intro">The questions the game puts to the room at each decision, by '
            "chapter and by chair. Pick one or two a decision; the room does not need them all."
            f'</p><div class="prompts">{"".join(parts)}</div>')


def support_lines(support: Support) -> str:
    rows = "".join(
        f'<tr><th scope="row">{esc(line.name)}</th><td>{esc(line.how)}</td>'
        f"<td>{esc(line.when)}</td><td>{esc(line.where)}</td></tr>" for line in support.lines)
    local = "" if support.sources else (
        "<h2>Local support</h2><p>Add your own: a local crisis line, your organisation\u2019s "
        "wellbeing service, the person to ask after the session.</p>"
        '<table class="blank"><thead><tr><th scope="col">Who</th><th scope="col">How to reach '
        'them</th><th scope="col">When</th></tr></thead><tbody>'
        + "<tr><td></td><td></td><td></td></tr>" * 3 + "</tbody></table>")
    return (f'<p class="intro">{esc(INTRO)}</p>'
            f'<p class="callout"><strong>{esc(support.facilitator_sentence())}</strong></p>'
            '<table class="lines"><thead><tr><th scope="col">Who</th><th scope="col">How to '
            'reach them</th><th scope="col">When</th><th scope="col">Where</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>{local}"
            '<p class="small">If someone\u2019s life is at risk now, call 999. You can leave the '
            "room, or stop playing, at any time.</p>")
