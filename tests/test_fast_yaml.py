"""The quick reader of plain block YAML (story/fast_yaml.py) against the event walk it stands in
for (story/source.py): whenever the quick reader gives data at all, it is the walk's data, to
the type of every value and the order of every key; and what it gives up on still loads."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.story import fast_yaml, source
from game.story.source import MAX_DEPTH, MAX_INT_DIGITS, parse_text

ROOT = Path(__file__).resolve().parents[1]
SCENE_FILES = sorted(ROOT.glob("scenes/*/*.yaml"))
FIXTURE_FILES = sorted(p for p in (ROOT / "tests").rglob("*") if p.suffix in (".yaml", ".yml"))


def fast(text: str):
    """What the quick reader makes of `text` (NOT_SURE when it gives up)."""
    try:
        return fast_yaml.load(text, source._plain, MAX_DEPTH)
    except source._TooLong:  # a number too long: source.py gives up on it too
        return fast_yaml.NOT_SURE


def same(a, b) -> bool:
    """Equal, with the same types throughout (True is not 1, 1 is not 1.0) and keys in order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    return a == b


def agrees(text: str) -> bool:
    """True when the quick reader gave data (and it is the event walk's); False when it gave up.
    Fails when it gave data the walk does not."""
    got = fast(text)
    if got is fast_yaml.NOT_SURE:
        return False
    walked = parse_text(text, "x.yaml")  # every position: the event walk, never the quick reader
    assert [str(p) for p in walked.problems] == [], text
    assert same(got, walked.data), text
    return True


@pytest.mark.parametrize("path", SCENE_FILES + FIXTURE_FILES, ids=lambda p: p.name)
def test_every_shipped_file_and_fixture_reads_the_same(path):
    text = path.read_bytes().decode("utf-8-sig")
    agrees(text)
    quick, full = parse_text(text, "x.yaml", every_position=False), parse_text(text, "x.yaml")
    assert same(quick.data, full.data)
    assert [str(p) for p in quick.problems] == [str(p) for p in full.problems]


def test_the_quick_reader_reads_the_shipped_chapters():
    # The scene files are the bulk of loading: if it gave up on them it would be no use.
    chapters = [p for p in SCENE_FILES if p.name[0].isdigit() or p.name == "handouts.yaml"]
    assert len(chapters) >= 9
    for path in chapters:
        assert agrees(path.read_text(encoding="utf-8")), path


def test_generated_benchmark_scenarios_read_the_same(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import bench_story
    finally:
        sys.path.remove(str(ROOT / "tools"))
    bench_story.write_scenario(tmp_path, 1000, seed=1)
    for path in sorted(tmp_path.glob("*.yaml")):
        assert agrees(path.read_text(encoding="utf-8")), path.name


def test_the_odd_corners_it_reads_exactly():
    cases = [
        "a: |\n  one\n\n   two\n  three\n\n\nb: 1\n",  # a blank line, a more indented line
        "a: |-\n  one\n\nb: 1\n", "a: |+\n  one\n\n\nb: 1\n", "a: |+\n  one\n  \n",
        "a: >\n  one\n  two\n\n  three\n   four\n  five\n", "a: >-\n  x\n", "a: >+\n  x\n\n",
        "- |\n one\n- >\n two\n", "- a: |  # note\n    x\n  b: 2\n",
        "a: |\n\n  after a blank line\n", "a: 1\nb: no line break at the end",
        'a: "say \\"hi\\" \\\\ \\t \\n"\nb: \'it\'\'s\'\n"c d": 1\n\'e\': 2\n',
        "a: x # a comment\nb: 'y'  # another\n# a comment line\n  # indented\nc:\n",
        "a: [1, -2, x y, 'q', \"r\", [], {}]\nb: {k: v, n: [0x1F, 1_000, .inf, ~, yes, No]}\n",
        "a: -1\nb: +2\nc: -x\nd: 0o17\ne: 1.5e3\nf: 12:30\ng: 2026-12-08\nh: null\ni: ~\n",
        "a:\nb:\n  -\n  - x\n  -\nc:\n", "-\n  - x\n",
        "  a: 1\n  b:\n    c: 2\n", "a:\r\n  b: |\r\n    x\r\n", "é: ü — “quoted” ☃\n",
        "k: a:b#c d\nl: http://x.y/z?q=1\nm: '#'\nn: \"a: b\"\n",
    ]
    for text in cases:
        assert agrees(text), text


def test_what_it_gives_up_on_still_loads_as_before():
    cases = {
        "a: one\n  two\n": {"a": "one two"},  # text over two lines
        "a: &x 1\nb: 2\n": {"a": 1, "b": 2},  # an anchor
        "a:\n- x\n- y\n": {"a": ["x", "y"]},  # a list at the indentation of its key
        "a: !!str 1\n": {"a": "1"},
        "a: [1,\n  2]\n": {"a": [1, 2]},
        "a:\tb\n": {"a": "b"},
        "? a\n: b\n": {"a": "b"},
        "a: |2\n   x\n": {"a": " x\n"},
        "hello\n": "hello",
        "a: |\n  no line break at the end": {"a": "no line break at the end"},
    }
    for text, data in cases.items():
        assert fast(text) is fast_yaml.NOT_SURE, text
        quick = parse_text(text, "x.yaml", every_position=False)
        assert quick.problems == [] and same(quick.data, data), text


def test_the_walks_checks_still_report_what_it_gives_up_on():
    nested = "a:\n" + "".join("  " * d + f"  k{d}:\n" for d in range(MAX_DEPTH))
    nested += "  " * (MAX_DEPTH + 1) + "x: 1\n"  # one mapping more than MAX_DEPTH deep
    cases = {
        "id: a\ntext: one\ntext: two\n": "appears twice",
        "- id: a\n  id: b\n": "appears twice",
        "a: &x 1\nb: *x\n": "aliases",
        "a: 1\n---\nb: 2\n": "one document",
        f"a: {'9' * (MAX_INT_DIGITS + 1)}\n": "characters long",
        f"a: [{'9' * (MAX_INT_DIGITS + 1)}]\n": "characters long",
        nested: "nested more than",
        "a: b: c\n": "not valid YAML",
        "a:\n  b: 1\n c: 2\n": "not valid YAML",
    }
    for text, message in cases.items():
        assert fast(text) is fast_yaml.NOT_SURE, text
        quick, full = parse_text(text, "x.yaml", every_position=False), parse_text(text, "x.yaml")
        assert [str(p) for p in quick.problems] == [str(p) for p in full.problems]
        assert any(message in p.message for p in quick.problems), (text, quick.problems)


# Generated documents: nested mappings and lists, written in many ways, from pieces chosen to
# sit on the edges of what YAML 1.1 reads as text.
PIECES = ["a", "word", "Pat", " ", "  ", ":", ": ", "#", " #", "'", '"', "yes", "No", "0x1F",
          "1_000", ".inf", "~", "- ", "-", "?", "\t", "é", "—", "[", "]", "{", "}", ",", "!",
          "&", "*", "|", ">", "%", "@", "\\", "0", "+5", "-3", "null", "2026-12-08", "1.5"]
KEYS = ["a", "id", "text", "Pat", "yes", "1", "a b", "k#", "-k", '"q k"', "'s'", "x:y", "é",
        "a ", "~"]
text_piece = st.lists(st.sampled_from(PIECES), max_size=5).map("".join)


@st.composite
def scalar(draw, indent: int) -> list[str]:
    """A value as written after "key: " or "- ": its first line and any lines below it."""
    text = draw(text_piece)
    kind = draw(st.sampled_from(["plain", "plain", "double", "single", "block"]))
    if kind == "plain":
        return [text + draw(st.sampled_from(["", " ", " # note"]))]
    if kind == "double":
        return ['"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"']
    if kind == "single":
        return ["'" + text.replace("'", "''") + "'"]
    head = draw(st.sampled_from(["|", "|-", "|+", ">", ">-", ">+", "|1", "| # c"]))
    lines = [head]
    for _ in range(draw(st.integers(1, 4))):
        extra = draw(st.sampled_from([0, 0, 0, 1, 2, -1]))
        body = draw(text_piece)
        lines.append(" " * max(0, indent + 2 + extra) + body if body.strip() or extra else "")
    return lines


@st.composite
def node(draw, depth: int, indent: int) -> tuple[str, list[str]]:
    """("map" / "list" / "scalar", the lines that write it at `indent`)."""
    if depth <= 0 or draw(st.integers(0, 3)) == 0:
        return "scalar", draw(scalar(indent))
    step = draw(st.sampled_from([2, 2, 1, 4]))
    lines: list[str] = []
    as_list = draw(st.booleans())
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 6)) == 0:
            lines.append(draw(st.sampled_from(["", "  ", "# c", " " * indent + "# c"])))
        start = " " * indent + ("-" + draw(st.sampled_from([" ", "  "])) if as_list else "")
        if as_list and draw(st.booleans()):  # "- key: value", a mapping in the list
            inner_indent = len(start)
            kind, inner = draw(node(depth - 1, inner_indent))
            if kind == "map":
                lines += [start + inner[0].lstrip(" ")] + inner[1:]
                continue
        key = "" if as_list else draw(st.sampled_from(KEYS)) + ":"
        kind, inner = draw(node(depth - 1, indent + step))
        if kind == "scalar":
            lines += [(start + key + " " if key else start) + inner[0]] + inner[1:]
        else:
            lines += [(start + key).rstrip(" ") if key else start.rstrip(" ")] + inner
    return ("list" if as_list else "map"), lines


documents = st.integers(0, 3).flatmap(lambda indent: node(4, indent)).map(
    lambda made: "\n".join(made[1]) + "\n")


@settings(max_examples=500, deadline=None)
@given(documents)
def test_the_quick_reader_agrees_with_the_event_walk_on_generated_files(text):
    agrees(text)
    quick, full = parse_text(text, "x.yaml", every_position=False), parse_text(text, "x.yaml")
    assert same(quick.data, full.data)
    assert [str(p) for p in quick.problems] == [str(p) for p in full.problems]
