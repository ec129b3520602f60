"""`python main.py map SCENARIO [--role ROLE] --out FILE`: the story drawn as a map.

The map shows the scenes each role can reach from its start, following every option whatever
its condition (a map shows what is written; `check` says what can really happen), grouped by
chapter. Options become arrows labelled with their text; options with an `if:` are dashed and
say so. `next: end` leads to one "ending chosen by state" node, which fans out to the
endings the roles can get, numbered in the order they are tried: the conditions belong to the
endings (each says its own, and which role it is for), not to the many scenes that finish the
story, and one fan reads better than a dozen arrows from every last scene.

Formats, by the extension of FILE: .svg (laid out by story_map/layout, no Graphviz needed, and
drawn by story_map/svg), .dot (Graphviz) and .mmd (Mermaid), both from story_map/text.
The SVG can also show one player's path and a room's counts per arrow (story_map/svg.to_svg,
with story_map/path to make them); the window draws the same layout (ui/screens/play/branch_map).
Pure Python; never imports pygame.
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from ..story import END, Ending, Scenario
from ..story.scene_graph import graph_reach

NO_CHAPTER = "(no chapter)"
HUB = "hub:end"  # the node `next: end` leads to
# Fill and border per role (in the order the scenario lists its roles), and for shared scenes.
ROLE_COLOURS = [("#e2eefb", "#3b6ea8"), ("#e4f3dc", "#4a8636"), ("#fbe6ef", "#a8436f"),
                ("#efe6fb", "#6b4aa8")]
SHARED_COLOUR = ("#fbf5e4", "#8a7440")


# -- the map, whatever the format ------------------------------------------------------------
@dataclass(frozen=True)
class Option:
    """One option along an arrow: its text, and its `if:` (locked: shown greyed out if false)."""

    text: str
    condition: str = ""
    locked: bool = False

    def label(self, width: int = 40) -> str:
        text = shorten(self.text, width)
        if not self.condition:
            return text
        return f"[{'locked unless' if self.locked else 'if'} {shorten(self.condition, 36)}] {text}"


@dataclass
class MapEdge:
    source: str
    target: str
    kind: str  # "choice", "continue" (a scene with a plain `next`) or "fan" (hub to ending)
    options: list[Option] = field(default_factory=list)
    order: int = 0  # fan: the place of the ending in the order endings are tried

    @property
    def conditional(self) -> bool:
        """Every way along this arrow depends on a condition (drawn dashed)."""
        return bool(self.options) and all(o.condition for o in self.options)

    def label(self, width: int = 40, most: int = 3) -> list[str]:
        if self.kind == "fan":
            return [str(self.order)]
        if self.kind == "continue":
            return []
        lines = [o.label(width) for o in self.options[:most]]
        if len(self.options) > most:
            lines.append(f"(+{len(self.options) - most} more)")
        return lines


@dataclass
class MapNode:
    key: str  # a scene id, "ending:<id>" or HUB: the colon keeps them apart
    kind: str  # "scene", "ending" or "hub"
    title: str
    ref: str = ""  # the scene or ending id
    band: int = 0  # index into StoryMap.chapters; endings and hubs come after the last
    roles: tuple[str, ...] = ()  # the shown roles that reach it
    start_for: tuple[str, ...] = ()
    moment: str = ""
    mirrored: bool = False  # another role has a scene with the same moment
    condition: str = ""  # endings: "if ..." or "otherwise"
    only_for: tuple[str, ...] = ()  # endings meant for some roles only
    where: str = ""  # file name and line, for the tooltip


@dataclass
class StoryMap:
    title: str
    scenario_id: str
    roles: dict[str, str]  # the shown roles: id -> short name
    all_roles: bool
    chapters: list[str]
    nodes: dict[str, MapNode]
    edges: list[MapEdge]
    left_out: int = 0  # scenes that no role reaches from its start

    @property
    def scene_count(self) -> int:
        return sum(n.kind == "scene" for n in self.nodes.values())

    @property
    def ending_count(self) -> int:
        return sum(n.kind == "ending" for n in self.nodes.values())

    def colour(self, node: MapNode) -> tuple[str, str]:
        if node.kind == "scene" and len(node.roles) == 1:
            return ROLE_COLOURS[list(self.roles).index(node.roles[0]) % len(ROLE_COLOURS)]
        return SHARED_COLOUR

    def role_names(self, roles: tuple[str, ...]) -> str:
        return ", ".join(self.roles[r] for r in roles)


def shorten(text: str, width: int) -> str:
    """`text` on one line, cut at a word with "…" when longer than `width` characters."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    cut = text[:width - 1]
    if " " in cut[width // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def wrap(text: str, width: int, most: int) -> list[str]:
    """`text` in lines of at most `width` characters; at most `most` lines, the last cut short."""
    lines = textwrap.wrap(" ".join(str(text).split()), width) or [""]
    if len(lines) > most:
        lines = lines[:most - 1] + [shorten(" ".join(lines[most - 1:]), width)]
    return lines


def short_role_name(name: str, role_id: str) -> str:
    """"Ruth, team manager" -> "Ruth"."""
    return name.split(",")[0].strip() or role_id


def possible_endings(scenario: Scenario, role: str) -> list[Ending]:
    """The endings `next: end` can give `role`, in the order they are tried: those meant for
    the role, up to the first with no condition (no ending after it can ever be picked)."""
    found = []
    for ending in scenario.endings:
        if ending.applies_to(role):
            found.append(ending)
            if ending.condition is None:
                break
    return found


def build_map(scenario: Scenario, role: str | None = None) -> StoryMap:
    """The map of `scenario` for one role, or for all roles when `role` is None."""
    shown = [role] if role else list(scenario.roles)
    reach = {r: graph_reach(scenario, scenario.roles[r].start) for r in scenario.roles}
    names = {r: short_role_name(scenario.roles[r].name, r) for r in shown}
    moment_roles: dict[str, set[str]] = {}
    for r, scene_ids in reach.items():
        for sid in scene_ids:
            if scenario.scenes[sid].moment:
                moment_roles.setdefault(scenario.scenes[sid].moment, set()).add(r)
    included = [sid for sid in scenario.scenes if any(sid in reach[r] for r in shown)]
    chapters = list(dict.fromkeys(scenario.scenes[s].chapter or NO_CHAPTER for s in included))
    last_band = len(chapters)
    nodes: dict[str, MapNode] = {}
    for sid in included:
        scene = scenario.scenes[sid]
        nodes[sid] = MapNode(
            sid, "scene", scene.title or sid, sid, chapters.index(scene.chapter or NO_CHAPTER),
            tuple(r for r in shown if sid in reach[r]),
            tuple(r for r in shown if scenario.roles[r].start == sid), scene.moment or "",
            len(moment_roles.get(scene.moment or "", ())) > 1, where=_where(scene.at))
    # One hub for every `next: end`, fanning out to the endings it can give, in the order
    # they are tried; an ending meant for some roles only says so itself.
    finishing = [r for r in shown if any(r in nodes[sid].roles and any(
        c.next == END for c in scenario.scenes[sid].choices) for sid in included)]
    ending_roles: dict[str, set[str]] = {}
    for r in finishing:
        for ending in possible_endings(scenario, r):
            ending_roles.setdefault(ending.id, set()).add(r)
    fan = [e.id for e in scenario.endings if e.id in ending_roles]
    if finishing:
        nodes[HUB] = MapNode(HUB, "hub", "Ending chosen by state", band=last_band,
                             roles=tuple(finishing))
    edges: list[MapEdge] = []
    for sid in included:
        scene, node = scenario.scenes[sid], nodes[sid]
        by_target: dict[str, MapEdge] = {}
        for choice in scene.choices:
            if choice.next == END:
                targets = [HUB]
            elif choice.next in scenario.scenes:
                targets = [choice.next]
            else:
                targets = ["ending:" + choice.next]
                ending_roles.setdefault(choice.next, set()).update(node.roles)
            option = Option(choice.text, choice.condition.text if choice.condition else "",
                            bool(choice.condition and choice.locked))
            for target in targets:
                if target not in by_target:
                    by_target[target] = MapEdge(sid, target, "choice" if scene.is_decision
                                                else "continue")
                    edges.append(by_target[target])
                by_target[target].options.append(option)
    for ending in scenario.endings:
        if ending.id in ending_roles:
            key = "ending:" + ending.id
            nodes[key] = MapNode(
                key, "ending", ending.title or ending.id, ending.id, last_band,
                tuple(r for r in shown if r in ending_roles[ending.id]),
                condition=f"if {ending.condition.text}" if ending.condition else "otherwise",
                only_for=ending.roles, where=_where(ending.at))
    for order, ending_id in enumerate(fan, 1):
        edge = MapEdge(HUB, "ending:" + ending_id, "fan", order=order)
        if scenario.ending(ending_id).condition is not None:
            edge.options.append(Option("", scenario.ending(ending_id).condition.text))
        edges.append(edge)
    everyone = set().union(*reach.values())
    return StoryMap(scenario.title, scenario.id, names, role is None, chapters, nodes, edges,
                    left_out=sum(sid not in everyone for sid in scenario.scenes))


def _where(at: tuple[str, int, int]) -> str:
    return f"{Path(at[0]).name}:{at[1]}" if at[0] else ""


def clean_text(text: str) -> str:
    """Text without the characters XML and the text formats cannot carry."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]", "", str(text))


def describe(story: StoryMap) -> str:
    """One line under the title: what the map shows."""
    who = ("all roles: " if story.all_roles else "role: ") + ", ".join(story.roles.values())
    scenes, endings = story.scene_count, story.ending_count
    text = (f"{scenes} scene{'s' * (scenes != 1)} and {endings} ending{'s' * (endings != 1)}; {who}. "
            "Every option is followed, whatever its condition.")
    if story.left_out and story.all_roles:
        verb = "scene no role can reach is" if story.left_out == 1 else "scenes no role can reach are"
        text += f" {story.left_out} {verb} left out."
    return text
