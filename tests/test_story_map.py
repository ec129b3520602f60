"""`python main.py map`: the story map in SVG, Graphviz dot and Mermaid."""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from game.files import write as write_module

from conftest import FIXTURES, MINIMAL_SCENARIO, ROOT, write_scenario
from game import story_map
from game.story import load, load_scenario
from game.story_map import build_map, render

SVG = "{http://www.w3.org/2000/svg}"
TEA = ROOT / "scenes" / "tea-and-terms"
CHAPTERS = ["Asked", "The group", "First meeting", "Life happens", "Making it", "Carrying on"]


def big_scenario(folder: Path, seed: int = 7) -> Path:
    """A generated scenario like the main one: 6 chapters, 2 roles, 145 scenes, 12 endings,
    options with conditions (some locked), loops back, mirrored moments and direct endings."""
    rng = random.Random(seed)
    effect = ("        effects:\n          - trust: {n:+d}\n            why: It changed things\n"
              "            tag: respect\n")
    files = {}
    for c, chapter in enumerate(CHAPTERS, 1):
        out = [f"chapter: {chapter}", "scenes:"]
        for role in ("p", "s"):
            widths = [1] + rng.choice([[3, 2, 3, 2], [2, 3, 3, 2], [3, 3, 2, 2], [2, 2, 3, 3]]) + [1]
            levels, made = [], 0
            for width in widths:
                levels.append([f"{role}-{c}-{made + k}" for k in range(width)])
                made += width
            for level, ids in enumerate(levels):
                for k, sid in enumerate(ids):
                    out += [f"  - id: {sid}", f"    title: {role.upper()} {chapter} scene {sid} "
                            f"{'with a longer title to wrap' if k == 1 else ''}".rstrip()]
                    if level == 2 and k == 0:
                        out.append(f"    moment: {'lonely' if role == 'p' and c == 2 else f'm{c}'}")
                    out.append(f"    text: Scene {sid} of {chapter}.")
                    if level + 1 == len(levels):
                        end = f"{role}-{c + 1}-0" if c < 6 else ("both-final" if role == "p" else "end")
                        out.append(f"    next: {end}")
                        continue
                    after = levels[level + 1]
                    must = {t for j, t in enumerate(after) if j % len(ids) == k}
                    targets = must | set(rng.sample(after, 1))
                    if level + 2 < len(levels) and rng.random() < 0.2:
                        targets.add(levels[level + 2][0])
                    targets = sorted(targets)
                    if len(targets) == 1 and rng.random() < 0.3:
                        out.append(f"    next: {targets[0]}")  # a plain "Continue"
                        continue
                    out.append("    choices:")
                    for n, target in enumerate(targets):
                        out += [f"      - text: Option {n + 1} from {sid}, said at some length here",
                                effect.format(n=rng.choice([-6, -3, 4, 7])).rstrip("\n"),
                                f"        next: {target}"]
                        if n == 1 and rng.random() < 0.6:
                            out.append(f"        if: trust >= {rng.choice([40, 55, 60])}")
                            if rng.random() < 0.5:
                                out.append("        locked: Not yet")
                    if level == 3 and c in (2, 4) and k == 0:  # a loop back, while it is early
                        out += [f"      - text: Go back over {sid}",
                                f"        if: visits(\"{sid}\") < 2", f"        next: {levels[1][0]}"]
                    if level == 2 and c == 3 and k == 1:
                        out += [f"      - text: Walk away from it all ({role})",
                                f"        next: walked-away-{role}"]
        if c == 6:
            out += ["  - id: both-final", "    title: Everyone in one room", "    moment: m-final",
                    "    text: All together.", "    next: end"]
        files[f"{c}-{chapter.lower().replace(' ', '-')}.yaml"] = "\n".join(out) + "\n"
    endings = []
    for index, condition in enumerate(["trust >= 90", "trust >= 80 and power > -10",
                                       "trust >= 70", "power > 30", "power < -30",
                                       "outcome >= 80", "outcome < 20", "trust < 20",
                                       "trust < 30 and outcome > 60"]):
        endings += [f"  - id: ending-{index}", f"    title: Ending number {index} of the story",
                    f'    if: "{condition}"', "    text: The end."]
    for role, name in (("p", "professional"), ("s", "service_user")):
        endings += [f"  - id: walked-away-{role}", f"    title: Walked away ({role})",
                    f"    roles: [{name}]", "    if: trust < 0", "    text: Gone."]
    endings += ["  - id: default", "    title: It was something", "    text: The end."]
    files["scenario.yaml"] = "\n".join([
        "scenario: big", "title: A Big Generated Story", "roles:",
        "  professional: {name: 'Pat, a manager', start: p-1-0}",
        "  service_user: {name: 'Sam, a member', start: s-1-0}",
        "endings:"] + endings) + "\n"
    return write_scenario(folder, files)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return big_scenario(tmp_path_factory.mktemp("big") / "big")


def run(scenario, out, role=None) -> int:
    return story_map.command(argparse.Namespace(scenario=str(scenario), role=role, out=str(out)))


def svg_of(folder: Path, role=None) -> ET.Element:
    return ET.fromstring(render(build_map(load(folder), role), ".svg"))


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in e.get("class", "").split()]


# -- the map itself ----------------------------------------------------------------------------
def test_tea_and_terms_map_holds_every_scene_each_role_reaches():
    scenario = load(TEA)
    story = build_map(scenario)
    # the writers add scenes and endings: count what the scenario has, not a fixed number
    assert story.scene_count == len(scenario.scenes) and story.ending_count == len(scenario.endings)
    assert story.chapters == ["The invitation", "The first meeting", "What comes after",
                              "Two weeks later", "The 14th"]
    assert story.nodes["ruth-monday"].start_for == ("professional",)
    assert story.nodes["dev-phone-call"].mirrored and story.nodes["ruth-invitation"].mirrored
    assert story.nodes["ending:stepped-away"].only_for == ("service_user",)
    fans = [e for e in story.edges if e.kind == "fan"]
    assert [e.target for e in fans] == ["ending:" + e.id for e in scenario.endings]
    assert [e.order for e in fans] == list(range(1, len(scenario.endings) + 1))
    assert not fans[-1].conditional and fans[0].conditional


def test_options_to_the_same_place_share_an_arrow_and_keep_their_conditions():
    scenario = load(TEA)
    story = build_map(scenario)
    options = len(scenario.scenes["ruth-payment-question"].choices)
    edges = [e for e in story.edges if e.source == "ruth-payment-question"]
    assert options > 3 and len(edges) == 1 and len(edges[0].options) == options
    assert edges[0].label()[0].startswith("[locked unless paid_fairly]")
    assert edges[0].label()[-1] == f"(+{options - 3} more)"
    continues = [e for e in story.edges if e.source == "dev-the-drawer"]
    assert continues[0].kind == "continue" and continues[0].label() == []


def test_role_limits_the_map_to_that_roles_scenes():
    story = build_map(load(TEA), "service_user")
    scenes = {k for k, n in story.nodes.items() if n.kind == "scene"}
    assert scenes and all(k.startswith("dev-") for k in scenes)
    assert all(n.roles == ("service_user",) for n in story.nodes.values())
    assert "ending:tidy-consultation" in story.nodes  # `next: end` can still give it to Dev
    ruth = build_map(load(TEA), "professional")
    assert "ending:stepped-away" not in ruth.nodes  # only for Dev
    assert all(k.startswith(("ruth-", "ending:", "hub:")) for k in ruth.nodes)


@pytest.mark.parametrize("which", ["tea", "big"])
def test_svg_parses_with_a_node_per_scene_and_ending_and_a_group_per_chapter(which, big):
    folder = TEA if which == "tea" else big
    story = build_map(load(folder))
    root = svg_of(folder)
    assert root.tag == SVG + "svg" and root.get("viewBox").startswith("0 0 ")
    assert root.find(SVG + "title").text == "Story map: " + story.title
    assert root.find(f".//{SVG}g[@id='legend']") is not None
    scenes = {g.get("id") for g in by_class(root, "scene")}
    assert scenes == {"scene-" + k for k, n in story.nodes.items() if n.kind == "scene"}
    endings = {g.get("id") for g in by_class(root, "ending")}
    assert endings == {"ending-" + n.ref for n in story.nodes.values() if n.kind == "ending"}
    chapters = by_class(root, "chapter")
    assert [g.get("data-title") for g in chapters] == story.chapters
    for group in chapters:  # each chapter group holds that chapter's scenes
        band = story.chapters.index(group.get("data-title"))
        inside = {g.get("id")[6:] for g in by_class(group, "scene")}
        assert inside == {k for k, n in story.nodes.items() if n.kind == "scene" and n.band == band}
    arrows = by_class(root, "arrow")
    assert len(arrows) == len(story.edges)
    dashed = [a for a in arrows if a.get("stroke-dasharray")]
    assert dashed and all("conditional" in a.get("class") for a in dashed)
    assert {a.get("class") for a in dashed} >= {"arrow choice conditional"}
    words = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert "if " in words and "locked unless" in words and "▶ START" in words
    assert "ENDING" in words and "Ending chosen by state" in words and "⇄ mirrored" in words


def test_svg_of_the_big_scenario_marks_loops_direct_endings_and_unmirrored_moments(big):
    root = svg_of(big)
    assert len(by_class(root, "scene")) == 145
    assert len(by_class(root, "ending")) == 12
    backs = by_class(root, "back")
    assert backs and all(a.get("data-to").endswith("-1") for a in backs)
    direct = [a for a in by_class(root, "choice") if a.get("data-to").startswith("ending:walked")]
    assert len(direct) == 2
    words = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert "lonely (not mirrored)" in words and "only for Pat" in words
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    assert 1000 < width < 8000 and height < 20000


def test_svg_boxes_do_not_overlap_and_stay_inside_the_canvas(big):
    story = build_map(load(big))
    from game.story_map.layout import lay_out
    layout = lay_out(story)
    boxes = [b for b in layout.boxes.values() if b.node is not None]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = (abs(a.x - b.x) >= (a.w + b.w) / 2 or a.y + a.h <= b.y or b.y + b.h <= a.y)
            assert apart, (a.key, b.key)
    for box in boxes:
        assert layout.left <= box.x - box.w / 2 and box.x + box.w / 2 <= layout.right
    ending_rows = {b.layer for b in boxes if b.node.kind == "ending"}
    assert len(ending_rows) == 1  # endings side by side, below every scene
    assert min(ending_rows) > max(b.layer for b in boxes if b.node.kind == "scene")


def test_text_is_escaped_for_xml(make_scenario):
    scenes = """\
    chapter: Tom & Jerry <"quoted">
    scenes:
      - id: a
        title: Fish & chips <b>bold</b> "quoted" 'single'
        choices:
          - text: Say "yes" & <mean> it
            next: end
          - text: Or not
            if: trust >= 60
            next: end
      - id: b
        next: end
    """
    folder = make_scenario(scenes)
    root = svg_of(folder)
    words = [t.text for t in root.iter(SVG + "text")]
    assert 'Fish & chips <b>bold</b> "quoted"' in " ".join(words)
    assert any(w and "· Tom & Jerry <\"quoted\">" in w for w in words)
    dot = render(build_map(load(folder)), ".dot")
    assert 'Say \\"yes\\" & <mean> it' in dot
    mermaid = render(build_map(load(folder)), ".mmd")
    assert "Say #quot;yes#quot; #amp; #lt;mean#gt; it" in mermaid


LOOPS = """\
chapter: One
scenes:
  - id: a
    title: Start here
    choices:
      - text: Again, once more
        if: visits("a") < 3
        next: a
      - text: On to two
        next: b
  - id: b
    next: c
"""
NO_CHAPTER = """\
scenes:
  - id: c
    choices:
      - text: Back to the start of it all
        if: visits("c") < 2
        next: a
      - text: Done
        next: good
"""


def test_loops_and_arrows_back_to_an_earlier_chapter_are_drawn_going_back(make_scenario):
    folder = make_scenario(LOOPS, MINIMAL_SCENARIO.replace("start: b", "start: a"),
                           z_more=NO_CHAPTER)
    story = build_map(load(folder))
    assert story.chapters == ["One", "(no chapter)"]
    assert story.nodes["c"].title == "c"  # no title: the id stands in
    root = svg_of(folder)
    backs = {(a.get("data-from"), a.get("data-to")) for a in by_class(root, "back")}
    assert backs == {("a", "a"), ("c", "a")}
    assert all(a.get("stroke-dasharray") for a in by_class(root, "back"))  # both have an if:
    words = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert 'if visits("a") < 3' in words and "2 · (no chapter)  (1 scene)" in words
    assert "3 scenes and 1 ending; all roles: Pat, Sam." in words
    assert [g.get("id") for g in by_class(root, "ending")] == ["ending-good"]  # no `next: end`
    assert not by_class(root, "hub")


def test_labels_overlap_no_box_and_hardly_each_other(big):
    from game.story_map.layout import lay_out
    from game.story_map.svg import _labels
    story = build_map(load(big))
    layout = lay_out(story)
    labels = [rect for _, rect, _ in _labels(story, layout)]
    boxes = [(b.x - b.w / 2, b.y, b.x + b.w / 2, b.y + b.h) for b in layout.boxes.values() if b.node]

    def overlap(a, b):
        return min(a[2], b[2]) - max(a[0], b[0]) > 2 and min(a[3], b[3]) - max(a[1], b[1]) > 2
    assert len(labels) > 200
    assert not [r for r in labels if any(overlap(r, b) for b in boxes)]
    crowded = sum(overlap(a, b) for i, a in enumerate(labels) for b in labels[i + 1:])
    assert crowded <= len(labels) // 20


def test_a_scenario_is_found_by_its_id_when_the_folder_has_another_name(tmp_path):
    folder = big_scenario(tmp_path / "not-the-id")
    assert story_map.find_scenario("big", root=tmp_path) == folder
    assert story_map.find_scenario(str(folder)) == folder
    assert story_map.find_scenario("nothing", root=tmp_path) is None


@pytest.mark.parametrize("folder", sorted((ROOT / "scenes").glob("*/scenario.yaml")),
                         ids=lambda p: p.parent.name)
def test_every_shipped_scenario_that_loads_has_a_map(folder):
    result = load_scenario(folder.parent)
    if result.scenario is None:
        pytest.skip(f"{folder.parent.name} does not load yet")
    root = ET.fromstring(render(build_map(result.scenario), ".svg"))
    assert len(by_class(root, "scene")) == build_map(result.scenario).scene_count


# -- Graphviz and Mermaid ------------------------------------------------------------------------
@pytest.mark.parametrize("which", ["tea", "big"])
def test_dot_has_a_cluster_per_chapter_and_every_edge(which, big):
    folder = TEA if which == "tea" else big
    story = build_map(load(folder))
    text = render(story, ".dot")
    assert text.startswith("digraph ") and text.rstrip().endswith("}")
    assert text.count("{") == text.count("}")
    clusters = re.findall(r"subgraph cluster_(\d+) \{\n    label=\"\d+\. ([^\"]*)\"", text)
    assert [name for _, name in clusters] == story.chapters
    assert "subgraph cluster_endings" in text
    edges = re.findall(r'^  "([^"]+)" -> "([^"]+)"', text, re.MULTILINE)
    assert sorted(e for e in edges if not e[0].startswith("start:")) == \
        sorted((e.source, e.target) for e in story.edges)
    assert "style=dashed" in text and "doubleoctagon" in text and "shape=diamond" in text


@pytest.mark.skipif(not shutil.which("dot"), reason="Graphviz is not installed")
def test_graphviz_accepts_the_dot_file(tmp_path, big):
    for folder in (TEA, big):
        source = tmp_path / "map.dot"
        source.write_text(render(build_map(load(folder)), ".dot"), encoding="utf-8")
        done = subprocess.run(["dot", "-Tsvg", str(source)], capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr
        ET.fromstring(done.stdout)


@pytest.mark.parametrize("which", ["tea", "big"])
def test_mermaid_has_a_flowchart_with_a_subgraph_per_chapter(which, big):
    folder = TEA if which == "tea" else big
    story = build_map(load(folder))
    text = render(story, ".mmd")
    lines = text.splitlines()
    assert lines[0] == "flowchart TB" and lines[1].startswith("%% Story map: ")
    subgraphs = re.findall(r'^  subgraph chapter\d+\["\d+\. (.*)"\]$', text, re.MULTILINE)
    assert subgraphs == story.chapters
    assert text.count("\n  subgraph ") == text.count("\n  end\n") == len(story.chapters) + 1
    arrows = re.findall(r"^  n\d+ (-->|-\.->)", text, re.MULTILINE)
    assert len(arrows) == len(story.edges) and "-.->" in arrows
    assert re.search(r'n\d+\{\{"ENDING', text)  # endings are hexagons
    assert " end " not in " ".join(line for line in lines if "-->" in line)  # ids, never "end"


# -- the command ---------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".svg", ".dot", ".mmd"])
def test_command_writes_each_format_by_extension(tmp_path, capsys, suffix):
    out = tmp_path / "deeper" / f"map{suffix}"
    assert run("tea-and-terms", out) == 0  # an id under scenes/ works as well as a folder
    text = out.read_text(encoding="utf-8")
    assert {".svg": "<svg", ".dot": "digraph", ".mmd": "flowchart TB"}[suffix] in text[:200]
    assert f"Wrote {out}" in capsys.readouterr().out
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left


def test_command_refuses_an_unknown_extension_and_writes_nothing(tmp_path, capsys):
    assert run(TEA, tmp_path / "map.png") == 2
    err = capsys.readouterr().err
    assert 'cannot tell what to write for "map.png"' in err and ".svg" in err and ".mmd" in err
    assert run(TEA, tmp_path / "map") == 2
    assert list(tmp_path.iterdir()) == []


def written(folder: Path) -> list[Path]:
    """What a command left in `folder`, but for the parse cache (conftest keeps it there)."""
    return [path for path in folder.iterdir() if path.name != "parse-cache"]


def test_command_prints_the_errors_of_a_broken_scenario_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "map.svg"
    assert run(FIXTURES / "broken", out) == 1
    err = capsys.readouterr().err
    assert re.search(r"tests/fixtures/broken/scenario\.yaml:6:12: role \"professional\"", err)
    assert all(re.match(r"^\S+:\d+:\d+: ", line) for line in err.splitlines()[:-1])
    assert "no map was written" in err
    assert not out.exists() and written(tmp_path) == []


def test_command_refuses_an_unknown_scenario_or_role(tmp_path, capsys):
    assert run("tea-and-term", tmp_path / "map.svg") == 2
    assert 'did you mean "tea-and-terms"?' in capsys.readouterr().err
    assert run(TEA, tmp_path / "map.svg", role="manager") == 2
    assert "professional, service_user" in capsys.readouterr().err
    assert written(tmp_path) == []


def test_command_with_a_role(tmp_path, capsys):
    out = tmp_path / "dev.svg"
    assert run(TEA, out, role="service_user") == 0
    root = ET.parse(out).getroot()
    assert {g.get("data-roles") for g in by_class(root, "scene")} == {"service_user"}
    assert "role: Dev" in capsys.readouterr().out


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch, capsys):
    out = tmp_path / "map.svg"
    out.write_text("old", encoding="utf-8")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(write_module.os, "fsync", broken_fsync)
    assert run(TEA, out) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in written(tmp_path)] == ["map.svg"]


def test_the_parser_adds_map_with_its_arguments():
    parser = argparse.ArgumentParser()
    story_map.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["map", "tea-and-terms", "--role", "professional", "--out", "m.svg"])
    assert (args.command, args.scenario, args.role, args.out) == \
        ("map", "tea-and-terms", "professional", "m.svg")
    with pytest.raises(SystemExit):
        parser.parse_args(["map", "tea-and-terms"])  # --out is required


@pytest.mark.parametrize("suffix", [".svg", ".dot", ".mmd"])
def test_output_is_deterministic(tmp_path, big, suffix):
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    assert run(big, first) == 0 and run(big, second) == 0
    assert first.read_bytes() == second.read_bytes()


def test_output_does_not_depend_on_the_hash_seed(tmp_path, big):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"map{seed}.svg"
        done = subprocess.run([sys.executable, "-c",
                               "import sys; from game import story_map; import argparse; "
                               "sys.exit(story_map.command(argparse.Namespace(scenario=sys.argv[1], "
                               "role=None, out=sys.argv[2])))", str(big), str(out)],
                              cwd=ROOT, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_export_is_quick(big, tmp_path):
    started = time.perf_counter()
    assert run(big, tmp_path / "map.svg") == 0
    assert time.perf_counter() - started < 5


def test_the_map_never_imports_pygame():
    done = subprocess.run(
        [sys.executable, "-c", "import sys; import game.story_map, game.story_map.svg; "
         "from game.story_map import build_map, render; from game.story import load; "
         "render(build_map(load('scenes/tea-and-terms')), '.svg'); "
         "sys.exit('pygame' in sys.modules)"], cwd=ROOT, capture_output=True)
    assert done.returncode == 0, done.stderr
