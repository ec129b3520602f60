"""The two ways a scene file is read (story/source.py): the quick walk, which learns no position,
and the full walk, which learns every one. They must give the same data and refuse the same
files with the same messages, whatever the file holds."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.story.source import MAX_DEPTH, parse_text

# Pieces of YAML that matter to the walks: keys (some repeated), values of every kind YAML 1.1
# reads (numbers in several bases, true/false words, null, text that only looks like a number),
# aliases and anchors, a second document, very long numbers and quoted text.
SCALARS = ["a", "b", "id", "0", "+5", "-0", "012", "0x1F", "0x_", "1_000", "12:30", "1.5", ".inf",
           "yes", "No", "on", "~", "null", '"quoted"', "'single'", "!!int 7", "!!int x",
           "!!bool maybe", "2026-12-08", "9" * 101, "text with: colon"]
KEYS = ["a", "b", "id", "text", "1", "yes"]


def node(depth: int) -> st.SearchStrategy[str]:
    scalar = st.sampled_from(SCALARS)
    if depth <= 0:
        return scalar
    inner = node(depth - 1)
    flow_list = st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]")
    flow_map = st.lists(st.tuples(st.sampled_from(KEYS), inner), max_size=3).map(
        lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}")
    return st.one_of(scalar, flow_list, flow_map, st.just("&x [1]"), st.just("*x"))


documents = st.tuples(
    st.lists(st.tuples(st.sampled_from(KEYS), node(3)), max_size=5),
    st.booleans()).map(lambda parts: "\n".join(f"{k}: {v}" for k, v in parts[0])
                       + ("\n---\nmore: 1\n" if parts[1] else "\n"))


def both(text: str):
    quick, full = parse_text(text, "x.yaml", every_position=False), parse_text(text, "x.yaml")
    return (quick.data, [str(p) for p in quick.problems]), (full.data, [str(p) for p in full.problems])


@settings(max_examples=400, deadline=None)
@given(documents)
def test_the_quick_and_the_full_walk_agree_on_any_file(text):
    quick, full = both(text)
    assert quick == full


def test_the_walks_agree_at_the_depth_limit():
    for depth in (MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1):
        text = "a: " + "[" * depth + "1" + "]" * depth + "\n"
        quick, full = both(text)
        assert quick == full
        assert (quick[0] is None) == (depth + 1 > MAX_DEPTH)  # the mapping around it counts


def test_the_walks_agree_on_block_mappings_and_lists():
    text = ("scenes:\n  - id: a\n    lines:\n      - Pat: Hello\n      - just words\n"
            "    choices:\n      - text: Go\n        effects:\n          - trust: +5\n"
            "            why: Because\n            tag: respect\n        next: end\n"
            "  - id: b\n    id: c\n")  # a repeated key: both walks refuse it at line 14
    quick, full = both(text)
    assert quick == full and "appears twice" in quick[1][0]


def test_reading_a_file_leaves_no_parser_alive_for_the_collector_to_find(tmp_path):
    # Loading runs with the collector off and then freezes what is alive: anything kept only
    # by a reference cycle (and the parser holds a copy of the whole text) would never be freed.
    import gc

    import yaml

    from game.story import source
    path = tmp_path / "a.yaml"
    path.write_text("scenes:\n  - id: a\n    lines: [Hello, {Pat: Hi}]\n", encoding="utf-8")
    gc.collect()
    gc.disable()
    try:
        data = source.read_source(path).data
        parsers = [o for o in gc.get_objects() if isinstance(o, (yaml.SafeLoader, yaml.CSafeLoader))
                   and o is not source._RESOLVER]  # the one kept to read numbers and true/false
    finally:
        gc.enable()
    assert data == {"scenes": [{"id": "a", "lines": ["Hello", {"Pat": "Hi"}]}]}
    assert parsers == []
