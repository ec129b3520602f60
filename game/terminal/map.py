"""The branch map as an outline, for the terminal (`map`): chapter by chapter, each scene the
player's role can reach, where its options lead, and which scenes have been read. The window
draws the same map (story_map.py) as a picture; here it is lines a screen reader reads in
order, with no arrows and no drawing characters."""
from __future__ import annotations

from ..story import Run
from ..story_map import HUB, NO_CHAPTER, StoryMap, build_map
from ..story_map.path import path_keys, run_path


def _name(story: StoryMap, key: str) -> str:
    node = story.nodes.get(key)
    if key == HUB:
        return "an ending chosen by how things stand"
    if node is None:
        return "another scene"
    return f"the ending {node.title}" if node.kind == "ending" else node.title


def _either(names: list[str]) -> str:
    """'A; B; or C': semicolons, as scene titles have commas of their own."""
    if len(names) == 1:
        return names[0]
    return "; ".join(names[:-1]) + ("; or " if len(names) > 2 else " or ") + names[-1]


def map_lines(run: Run) -> list[str]:
    """The outline: a summary line, then per chapter a line for each scene (blank lines
    between chapters), then the endings."""
    story = build_map(run.scenario, run.role)
    read = set(path_keys(story, run_path(run)))
    here = run.scene.id if run.scene is not None else None
    scenes = [n for n in story.nodes.values() if n.kind == "scene"]
    endings = [n for n in story.nodes.values() if n.kind == "ending"]
    role = run.scenario.roles[run.role].name
    lines = [f"The story map for {role}: {len(scenes)} scenes in {len(story.chapters)} "
             f"chapter{'s' * (len(story.chapters) != 1)}, and {len(endings)} "
             f"ending{'s' * (len(endings) != 1)}. Each scene says where it leads, and whether "
             "you have read it."]
    exits: dict[str, list[str]] = {}
    for edge in story.edges:
        exits.setdefault(edge.source, []).append(edge.target)
    for band, chapter in enumerate(story.chapters):
        lines.append("")
        lines.append(f"Chapter {band + 1}" + ("" if chapter == NO_CHAPTER else f": {chapter}"))
        for node in (n for n in scenes if n.band == band):
            mark = (" (you are here)" if node.key == here
                    else " (read)" if node.key in read else "")
            targets = [_name(story, t) for t in exits.get(node.key, [])]
            decision = run.scenario.scenes[node.ref].is_decision
            if not targets:
                where = ""
            elif decision and len(targets) > 1:
                where = f": its options lead to {_either(targets)}"
            elif decision:
                where = f": every option leads to {targets[0]}"
            else:
                where = f": goes on to {_either(targets)}"
            lines.append(f"- {node.title}{mark}{where}.")
    if endings:
        lines.append("")
        reached = run.ending.id if run.ending is not None else None
        lines.append("Endings: " + "; ".join(
            n.title + (" (yours)" if n.ref == reached else "") for n in endings) + ".")
    return lines
