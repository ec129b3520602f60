"""Reading YAML: positions, duplicate keys, and hostile files."""
from game.story.source import MAX_FILE_BYTES, parse_text, read_source

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_every_value_and_key_keeps_its_position():
    source = parse_text('title: Tea\nscenes:\n  - id: a\n    text: "Hi"\n', "f.yaml")
    assert source.data == {"title": "Tea", "scenes": [{"id": "a", "text": "Hi"}]}
    assert source.positions[("title",)] == (1, 8)
    assert source.positions[("scenes", 0)] == (3, 5)
    assert source.key_positions[("scenes", 0, "text")] == (4, 5)
    assert source.positions[("scenes", 0, "text")] == (4, 12)  # inside the quotes


def test_plain_scalars_are_typed_and_dates_stay_text():
    source = parse_text("a: 1\nb: +8\nc: no\nd: 2017-09-26\ne: '5'\nf: 1.5\n", "f.yaml")
    assert source.data == {"a": 1, "b": 8, "c": False, "d": "2017-09-26", "e": "5", "f": 1.5}


def test_duplicate_key_is_reported_with_both_lines():
    source = parse_text("id: a\ntext: one\ntext: two\n", "f.yaml")
    assert [str(p) for p in source.problems] == [
        'f.yaml:3:1: "text" appears twice here (first at line 2); '
        "YAML would silently keep only the last one"]
    assert source.data["text"] == "one"


def test_alias_bomb_is_refused_at_the_first_alias():
    source = parse_text(BILLION_LAUGHS, "bomb.yaml")
    assert len(source.problems) == 1
    problem = source.problems[0]
    assert (problem.line, problem.column) == (2, 8)
    assert "aliases" in problem.message
    assert source.data is None


def test_deep_nesting_is_refused_without_crashing():
    assert "nested more than" in parse_text("[" * 500, "deep.yaml").problems[0].message
    # Far deeper: refused by us or by libyaml's own limit, but never a crash.
    source = parse_text("[" * 100_000, "deeper.yaml")
    assert source.data is None and source.problems


def test_file_over_the_size_cap_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    source = read_source(big, "big.yaml")
    assert source.data is None
    assert str(source.problems[0]).startswith("big.yaml:1:1: this file is 4.0 MB")


def test_yaml_syntax_error_has_a_position():
    source = parse_text("a: [1, 2\nb: 3\n", "bad.yaml")
    problem = source.problems[0]
    assert problem.file == "bad.yaml" and problem.line == 2
    assert problem.message.startswith("this is not valid YAML")


def test_text_that_is_not_utf8_is_reported_where_it_breaks():
    source = parse_text(b"a: ok\nb: caf\xe9\n", "latin.yaml")
    assert str(source.problems[0]) == (
        "latin.yaml:2:7: this file is not UTF-8 text; save it as UTF-8 in your editor")


def test_a_second_document_is_refused():
    source = parse_text("a: 1\n---\nb: 2\n", "two.yaml")
    assert "one document" in source.problems[0].message


def test_a_quick_read_learns_every_position_only_when_asked(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text('title: Tea\nscenes:\n  - id: a\n    text: "Hi"\n')
    quick = read_source(path, "a.yaml")
    assert quick.data == {"title": "Tea", "scenes": [{"id": "a", "text": "Hi"}]}
    assert not quick.complete and not quick.positions  # nothing learnt before it is asked
    assert quick.where(("scenes", 0)) == (3, 5) and quick.complete
    assert quick.where(("scenes", 0, "text")) == (4, 12)
    assert quick.where(("scenes", 0, "text"), key=True) == (4, 5)


def test_a_quick_read_still_reports_duplicate_keys_with_both_lines(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("id: a\ntext: one\ntext: two\n")
    assert "first at line 2" in str(read_source(path, "a.yaml").problems[0])
