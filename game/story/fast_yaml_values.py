"""The values a line of block YAML can end with that need more than a look: quoted text, a `|`
or `>` text block (with the lines below it), and a `[...]` or `{...}` on one line. Read exactly
as libyaml reads them, or not at all: whatever is not certain raises GiveUp, and the file is
read the usual way (story/fast_yaml.py, story/source.py).
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterator

MAX_KEY_CHARS = 250  # libyaml refuses a key more than 1,024 bytes long: give up well before

# One-line quoted text, as regular expressions.
DOUBLE = r'"[^"\\\n]*(?:\\[^\n][^"\\\n]*)*"'
SINGLE = r"'[^'\n]*(?:''[^'\n]*)*'"
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"\\": "\\", '"': '"', "/": "/", " ": " ", "0": "\0", "a": "\a", "b": "\b",
            "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
            "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_FLOW_PLAIN = (r"(?:[^ \n\-?:,\[\]{}#&*!|>'\"%@`]|-(?=[^ \n,\[\]{}:#]))"
               r"[^ \n,\[\]{}:#]*(?:[ ]+[^ \n,\[\]{}:#]+)*")
_FLOW_TOKEN = re.compile(rf"[ ]*(?:([\[\]{{}},])|(:)(?=[ ])|({_FLOW_PLAIN})|({DOUBLE})|({SINGLE}))")
_FLOW_REST = re.compile(r"[ ]+\#.*|[ ]*")


class GiveUp(Exception):
    """Something this reader is not certain to read exactly as PyYAML would."""


def unquote(quoted: str) -> str:
    """The text of a one-line quoted scalar."""
    inner = quoted[1:-1]
    if quoted[0] == "'":
        return inner.replace("''", "'")
    if "\\" not in inner:
        return inner
    return _ESCAPE.sub(_escaped, inner)


def _escaped(match: re.Match) -> str:
    try:
        return _ESCAPES[match.group(1)]
    except KeyError:
        raise GiveUp from None  # \x, \u, \U and mistakes


def block_text(head: str, source: Iterator[str], column: int,
               open_end: bool) -> tuple[str, str | None]:
    """The text of the `|` or `>` block (`head`) whose lines `source` gives next, read as
    libyaml reads it (yaml_parser_scan_block_scalar), and the line after it (None at the end).
    Its lines must be indented more than `column`, the column of its collection."""
    lines: list[str] = []
    for line in source:
        text = line.lstrip(" ")
        if text:
            break
        lines.append(line)  # blank lines before the first
    else:
        raise GiveUp  # an empty block at the end
    indent = len(line) - len(text)
    if indent <= column:
        raise GiveUp  # an empty block, or a mistake
    if lines and max(map(len, lines)) > indent:
        raise GiveUp  # a leading blank line more indented than the first line
    lines.append(line)
    prefix = " " * indent
    after = None
    for after in source:
        if not after.startswith(prefix) and after.strip(" "):
            break
        lines.append(after)
        after = None
    else:
        if open_end:
            raise GiveUp  # its last line has no line break
    if len(lines) == 1 and head == "|":  # the usual block: one line of text
        return text + "\n", after
    lines = [line[indent:] for line in lines]
    chomp = head[1:2]
    if head[0] == "|":
        last = len(lines) - 1
        while not lines[last]:
            last -= 1
        text = "\n".join(lines[:last + 1])
        if chomp == "-":
            return text, after
        return text + "\n" * (len(lines) - last if chomp == "+" else 1), after
    parts: list[str] = []
    leading_break, leading_blank, breaks = "", False, 0
    for line in lines:
        if not line:
            breaks += 1
            continue
        trailing_blank = line[0] == " "
        if leading_break and not leading_blank and not trailing_blank:
            if not breaks:
                parts.append(" ")  # a line break between two lines of text folds into a space
        else:
            parts.append(leading_break)
        parts.append("\n" * breaks)
        breaks, leading_blank, leading_break = 0, trailing_blank, "\n"
        parts.append(line)
    if chomp != "-":
        parts.append(leading_break)
    if chomp == "+":
        parts.append("\n" * breaks)
    return "".join(parts), after


def flow_line(value: str, plain: Callable[[str], Any], depth: int, max_depth: int) -> Any:
    """A `[...]` or `{...}` that ends on its line (perhaps before a comment)."""
    found, end = _flow(value, 0, depth, plain, max_depth)
    if not _FLOW_REST.fullmatch(value, end):
        raise GiveUp
    return found


def _token(text: str, at: int) -> tuple[tuple, int]:
    match = _FLOW_TOKEN.match(text, at)
    if match is None:
        raise GiveUp
    return match.groups(), match.end()


def _flow(text: str, at: int, depth: int, plain: Callable[[str], Any],
          max_depth: int) -> tuple[Any, int]:
    """The flow node at `at`, and where it ends. A plain key or value must not hold ':' or '#',
    and an empty entry, a trailing comma or a key with no ': value' make it give up."""
    (mark, _colon, bare, double, single), at = _token(text, at)
    if bare is not None:
        return plain(bare), at
    if double is not None or single is not None:
        return unquote(double or single), at
    if mark not in ("[", "{") or depth >= max_depth:
        raise GiveUp
    close = "]" if mark == "[" else "}"
    found: Any = [] if mark == "[" else {}
    (mark, *_), after = _token(text, at)
    if mark == close:
        return found, after
    while True:
        if close == "]":
            item, at = _flow(text, at, depth + 1, plain, max_depth)
            found.append(item)
        else:
            (mark, _colon, bare, double, single), at = _token(text, at)
            if mark is not None or _colon is not None \
                    or len(bare or double or single) > MAX_KEY_CHARS:
                raise GiveUp
            key = bare if bare is not None else unquote(double or single)
            (mark, colon, *_), at = _token(text, at)
            if colon is None or key in found:
                raise GiveUp
            found[key], at = _flow(text, at, depth + 1, plain, max_depth)
        (mark, *_), at = _token(text, at)
        if mark == close:
            return found, at
        if mark != ",":
            raise GiveUp
