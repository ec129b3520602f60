"""The debrief's Analysis step: why it went that way.

The biggest changes with their reasons and principle tags; the road not taken (every option of the
key decisions with what it would have done to the meters at once, from `story.debrief.forks`, which
replays the run through the runner); the other role's view of mirrored moments; the discussion
prompts; and, in a workshop, plus/delta and the 4Pi questions for the room.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ....story.debrief import Debrief, Fork, Mirror, Road, principle
from ...hud import label, number
from ...layout import Column
from .cards import NUMERIC, card, chips, table
from .steps import bullet

if TYPE_CHECKING:
    from ....story import Scenario
    from ....story.state import Change
    from .screen import DebriefScreen

KEY_DECISIONS = 5   # decisions shown before "show all": those whose options differ most
MIRRORS_SHOWN = 4
EXTRACT = 220       # characters of the other role's scene shown as its extract
FOR_THE_ROOM = (
    ("Plus", "What went well, for the group and for each role?"),
    ("Delta", "What would you change, and what would that cost?"),
    ("Principles", "Were the values of the project shared, or assumed?"),
    ("Purpose", "Was it clear why people were there, and what was theirs to decide?"),
    ("Presence", "Who was in the room, and who was missing?"),
    ("Process", "How were decisions made, and who made them?"),
    ("Impact", "What changed because people took part?"),
)


def effects_text(scenario: "Scenario", road: Road) -> str:
    """'Trust +4, Power balance −3' in the scenario's own order of meters."""
    parts = [f"{label(meter)} {number(road.deltas[meter.name], signed=True)}"
             for meter in scenario.meters if meter.name in road.deltas]
    return ", ".join(parts) if parts else "No change to the meters at once"


def spread(fork: Fork) -> float:
    """How far apart the options' effects are: the sum over meters of the largest gap."""
    open_roads = [r for r in fork.roads if r.enabled]
    names = {name for road in open_roads for name in road.deltas}
    return sum(max(r.deltas.get(n, 0) for r in open_roads) - min(r.deltas.get(n, 0) for r in open_roads)
               for n in names)


def key_forks(forks: list[Fork], count: int = KEY_DECISIONS) -> list[Fork]:
    """The `count` decisions whose options differ most, in the order they were met."""
    if len(forks) <= count + 1:
        return list(forks)
    chosen = sorted(forks, key=lambda f: -spread(f))[:count]
    return [f for f in forks if f in chosen]


def key_mirrors(mirrors: list[Mirror], count: int = MIRRORS_SHOWN) -> list[Mirror]:
    """The first `count` mirrored moments where the other side had a decision to make."""
    if len(mirrors) <= count + 1:
        return list(mirrors)
    return [m for m in mirrors if m.other.is_decision][:count] or mirrors[:count]


def toggle_labels(screen: "DebriefScreen") -> dict[str, str]:
    forks, mirrors = screen.forks, screen.mirrors
    return {
        "forks": (f"Show only the {len(key_forks(forks))} where the options differ most"
                  if screen.show_all_forks else f"Show all {len(forks)} decisions"),
        "mirrors": (f"Show only {len(key_mirrors(mirrors))} moments" if screen.show_all_mirrors
                    else f"Show all {len(mirrors)} moments"),
    }


def extract(lines: tuple[str, ...], limit: int = EXTRACT) -> str:
    text = ""
    for line in lines:
        text = f"{text} {line}".strip()
        if len(text) >= limit:
            break
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "\u2026"
    return text


def change_card(scenario: "Scenario", change: "Change", column: Column) -> None:
    """One of the biggest changes: the option chosen, what it moved (a one-row table), the
    reason in the scenario's words and the principle as a chip."""
    column.text("When you chose", "small_bold", "muted", after=0.25)
    column.text(change.choice, "body_bold", after=0.5)
    variable = scenario.variables.get(change.name)
    sided = change.name == "power"
    table(column, ("Meter", "Change", "Now"),
          [(label(variable) if variable else change.name, number(change.amount, signed=True),
            number(change.after, sided))], ("", NUMERIC, NUMERIC), after=0.5)
    if change.limited:
        column.text(f"As {'high' if change.limited == 'highest' else 'low'} as it goes.",
                    "small", "muted", after=0.5)
    if change.why:
        column.text(change.why, after=0.5)
    if change.tag:
        chips(column, [principle(change.tag)], "Principle:")


def road_lines(scenario: "Scenario", column: Column, road: Road, indent: int) -> None:
    """One option of a decision: its words, then what it would have done, or why it was shut."""
    bullet(column, road.text, "body_bold" if road.chosen else "body", after=0.2)
    if road.enabled:
        detail = effects_text(scenario, road)
        if road.ending:
            detail += f". It would have ended the story: {road.ending}"
        if road.chosen:
            detail = f"Your choice. {detail}"
    else:
        detail = f"Not open then: {road.reason}" if road.reason else "Not open then"
    column.text(detail, "small_bold" if road.chosen else "small", "ink" if road.chosen else "muted",
                indent=indent, after=0.6)


def fork_card(screen: "DebriefScreen", column: Column, fork: Fork, place: int) -> None:
    scenario = screen.run.scenario
    indent = column.theme.font("body").size("\u2022  ")[0]
    title = fork.scene.title or fork.scene.chapter or fork.scene.id
    column.text(f"Decision {place}: {title}", "body_bold", "accent", after=0.5)
    for road in fork.roads:
        road_lines(scenario, column, road, indent)
    if fork.prompts:
        column.text("To talk about:", "small_bold", after=0.2)
        for prompt in fork.prompts:
            column.text(prompt, "italic", indent=indent, after=0.4)
        column.space(0.6)


def mirror_card(screen: "DebriefScreen", column: Column, mirror: Mirror, place: str) -> None:
    scenario = screen.run.scenario
    indent = column.theme.unit * 2
    other = scenario.roles.get(mirror.other_role)
    who = other.name if other else mirror.other_role.replace("_", " ")
    mine = mirror.scene.title or mirror.scene.id
    theirs = mirror.other.title or mirror.other.id
    column.text(f"{place}: {mine}", "body_bold", "accent", after=0.25)
    column.text(f'For {who}, this was "{theirs}".', after=0.4)
    if mirror.other_lines:
        column.text(extract(mirror.other_lines), "italic", indent=indent, after=0.75)
    if not mirror.other.is_decision:
        column.text("They had no decision to make here.", "small", after=0.75)
    elif mirror.other_options:
        column.text("Their options:", "small_bold", after=0.2)
        for option in mirror.other_options:
            bullet(column, option, "small", after=0.3)
        column.space(0.5)


def analysis(screen: "DebriefScreen", column: Column) -> None:
    run = screen.run
    scenario = run.scenario
    labels = toggle_labels(screen)

    column.text("Why it went that way", "subheading", after=0.5)
    biggest = Debrief(run).biggest(5)
    if biggest:
        column.text("The biggest changes, with their reasons and the principle each is about:",
                    after=0.75)
        for change in biggest:
            card(column, lambda inner, c=change: change_card(scenario, c, inner))
    else:
        column.text("Nothing has changed the meters yet.")

    forks = screen.forks
    column.text("The road not taken", "subheading", after=0.5)
    column.text("What each option would have done to the meters at once. Later scenes could "
                "change with it too, so these are the first steps of each road, not where it leads. "
                "For the power balance, minus means staff hold more; plus means they step back.",
                "small", "muted")
    column.row([("Branch map", screen.branch_map)], after=1)
    shown = forks if screen.show_all_forks else key_forks(forks)
    if len(shown) < len(forks):
        column.text(f"The {len(shown)} decisions of {len(forks)} where the options differ most:",
                    "small_bold", after=0.75)
    decision_numbers = {step: n for n, step in enumerate(screen.points.decisions, start=1)}
    for fork in shown:
        card(column, lambda inner, f=fork: fork_card(screen, inner, f,
                                                     decision_numbers.get(f.step, f.step)))
    if len(key_forks(forks)) < len(forks):
        column.row([(labels["forks"], screen.toggle_forks)], after=1.5)

    mirrors = screen.mirrors
    shown_mirrors = mirrors if screen.show_all_mirrors else key_mirrors(mirrors)
    if mirrors:
        column.text("The other side of the same moments", "subheading", after=0.5)
        column.text("Some moments happen to both roles. Here is what the other side saw then, and "
                    "what they could choose.", "small", "muted")
        for mirror in shown_mirrors:
            place = (f"Decision {decision_numbers[mirror.step]}" if mirror.step in decision_numbers
                     else f"Step {mirror.step}")
            card(column, lambda inner, m=mirror, p=place: mirror_card(screen, inner, m, p))
        if len(key_mirrors(mirrors)) < len(mirrors):
            column.row([(labels["mirrors"], screen.toggle_mirrors)], after=1.5)

    if screen.app.workshop:
        column.text("For the room", "subheading", after=0.5)
        column.text("Pick plus and delta, or the 4Pi questions (NSUN's involvement standards).",
                    "small", "muted")
        for name, question in FOR_THE_ROOM:
            column.text(f"{name}: {question}", after=0.6)
