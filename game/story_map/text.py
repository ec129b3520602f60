"""The story map as text for other tools: Graphviz (.dot) and Mermaid (.mmd).

Both get the same content as the SVG: a cluster or subgraph per chapter, a start node per role,
dashed arrows for options with a condition, endings as (double) octagons or hexagons and the
"ending chosen by state" node as a diamond.
"""
from __future__ import annotations

from .graph import ROLE_COLOURS, SHARED_COLOUR, MapNode, StoryMap, clean_text, describe, wrap


def scene_lines(story: StoryMap, node: MapNode, width: int = 26) -> list[str]:
    """The words in a node, for the text formats (the SVG styles each line itself)."""
    lines = wrap(node.title, width, 3)
    if node.kind == "scene":
        lines.append(f"({node.ref})")
        if node.moment:
            lines.append(("⇄ " if node.mirrored else "○ ") + node.moment
                         + ("" if node.mirrored else " (not mirrored)"))
        if story.all_roles and len(story.roles) > 1:
            lines.append(story.role_names(node.roles))
    elif node.kind == "ending":
        lines = ["ENDING"] + lines + wrap(node.condition, width + 6, 3)
        if node.only_for:
            lines.append("only for " + ", ".join(story.roles.get(r, r) for r in node.only_for))
    else:
        lines.append("the first that holds, in order")
    return lines


# -- Graphviz ---------------------------------------------------------------------------------
def _dq(text: str) -> str:
    text = clean_text(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def to_dot(story: StoryMap) -> str:
    """The map as a Graphviz digraph: `dot -Tsvg map.dot -o map.svg` draws it."""
    out = [f"digraph {_dq(story.scenario_id)} {{",
           f"  graph [label={_dq('Story map: ' + story.title + chr(10) + describe(story))}, "
           'labelloc=t, fontsize=18, fontname="Helvetica", rankdir=TB, nodesep=0.35, '
           "ranksep=0.55, compound=true];",
           '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];',
           '  edge [fontname="Helvetica", fontsize=9, color="#555555"];']

    def node_line(node: MapNode, indent: str) -> str:
        label = _dq("\n".join(scene_lines(story, node)))
        fill, stroke = story.colour(node)
        if node.kind == "ending":
            attrs = 'shape=doubleoctagon, style=filled, fillcolor="#fff3d1", color="#a87a00"'
        elif node.kind == "hub":
            attrs = 'shape=diamond, style=filled, fillcolor="#eeeeee", color="#666666"'
        else:
            attrs = f'fillcolor="{fill}", color="{stroke}"'
            if node.start_for:
                attrs += ', penwidth=3'
            if node.mirrored:
                attrs += ', peripheries=2'
        return f"{indent}{_dq(node.key)} [label={label}, {attrs}];"

    for role, name in story.roles.items():
        starts = [n for n in story.nodes.values() if role in n.start_for]
        if starts:
            out.append(f'  {_dq("start:" + role)} [label={_dq("Start: " + name)}, shape=circle, '
                       'style=filled, fillcolor="#333333", fontcolor="white"];')
            out.append(f"  {_dq('start:' + role)} -> {_dq(starts[0].key)} [penwidth=2];")
    for band, chapter in enumerate(story.chapters):
        out.append(f"  subgraph cluster_{band + 1} {{")
        out.append(f"    label={_dq(f'{band + 1}. {chapter}')}; labeljust=l; "
                   'style="rounded,filled"; fillcolor="#f6f4fa"; color="#b9b0d0";')
        out += [node_line(n, "    ") for n in story.nodes.values()
                if n.kind == "scene" and n.band == band]
        out.append("  }")
    finals = [n for n in story.nodes.values() if n.kind != "scene"]
    if finals:
        out.append("  subgraph cluster_endings {")
        out.append('    label="Endings"; labeljust=l; style="rounded,filled"; '
                   'fillcolor="#fdf9ee"; color="#d8c79a";')
        out += [node_line(n, "    ") for n in finals]
        out.append("  }")
    for edge in story.edges:
        attrs = []
        lines = edge.label()
        if lines:
            attrs.append(f"label={_dq(chr(10).join(lines))}")
        if edge.conditional:
            attrs.append("style=dashed")
        if edge.kind == "fan":
            attrs.append('color="#a87a00"')
        out.append(f"  {_dq(edge.source)} -> {_dq(edge.target)}"
                   + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    out.append("}")
    return "\n".join(out) + "\n"


# -- Mermaid ----------------------------------------------------------------------------------
def _mq(text: str) -> str:
    """Text for inside a quoted Mermaid label, as entity codes where Mermaid would trip."""
    text = clean_text(" ".join(str(text).split()))
    for char, code in (("#", "#35;"), ("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"),
                       (">", "#gt;"), ("|", "#124;"), ("`", "#96;")):
        text = text.replace(char, code)
    return text


def to_mermaid(story: StoryMap) -> str:
    """The map as a Mermaid flowchart (GitHub shows one in a ```mermaid block)."""
    ids = {key: f"n{index}" for index, key in enumerate(story.nodes)}  # ids Mermaid never misreads
    out = ["flowchart TB", f"%% Story map: {_mq(story.title)}. {_mq(describe(story))}"]

    def node_line(node: MapNode) -> str:
        label = "<br/>".join(_mq(line) for line in scene_lines(story, node))
        shape = {"ending": ('{{"', '"}}'), "hub": ('{"', '"}')}.get(node.kind, ('["', '"]'))
        return f"    {ids[node.key]}{shape[0]}{label}{shape[1]}"

    for index, role in enumerate(story.roles):
        starts = [n for n in story.nodes.values() if role in n.start_for]
        if starts:
            out.append(f'  start{index}(["▶ Start: {_mq(story.roles[role])}"]) ==> '
                       f"{ids[starts[0].key]}")
    for band, chapter in enumerate(story.chapters):
        out.append(f'  subgraph chapter{band + 1}["{_mq(f"{band + 1}. {chapter}")}"]')
        out += [node_line(n) for n in story.nodes.values() if n.kind == "scene" and n.band == band]
        out.append("  end")
    finals = [n for n in story.nodes.values() if n.kind != "scene"]
    if finals:
        out.append('  subgraph endings["Endings"]')
        out += [node_line(n) for n in finals]
        out.append("  end")
    for edge in story.edges:
        arrow = "-.->" if edge.conditional else "-->"
        lines = edge.label()
        label = f'|"{"<br/>".join(_mq(line) for line in lines)}"|' if lines else ""
        out.append(f"  {ids[edge.source]} {arrow}{label} {ids[edge.target]}")
    out.append("  classDef ending fill:#fff3d1,stroke:#a87a00,stroke-width:2px")
    out.append("  classDef hub fill:#eeeeee,stroke:#666666")
    out.append(f"  classDef shared fill:{SHARED_COLOUR[0]},stroke:{SHARED_COLOUR[1]}")
    for index, (fill, stroke) in enumerate(ROLE_COLOURS[:len(story.roles)]):
        out.append(f"  classDef role{index} fill:{fill},stroke:{stroke}")
    out.append("  classDef first stroke-width:4px")
    classes: dict[str, list[str]] = {}
    for node in story.nodes.values():
        if node.kind != "scene":
            name = node.kind
        elif len(node.roles) == 1:
            name = f"role{list(story.roles).index(node.roles[0]) % len(ROLE_COLOURS)}"
        else:
            name = "shared"
        classes.setdefault(name, []).append(ids[node.key])
        if node.start_for:
            classes.setdefault("first", []).append(ids[node.key])
    out += [f"  class {','.join(members)} {name}" for name, members in classes.items()]
    return "\n".join(out) + "\n"
