"""A quick reader for the plain block-style YAML that scene files are written in.

Walking PyYAML's event stream costs several microseconds for every value, in Python, and a
large scenario has hundreds of thousands of values. Scene files use a small part of YAML: block
mappings and lists, one `key: value` on a line, one-line plain and quoted text, `|` and `>` text
blocks, short `[...]` and `{...}` on one line, comments and blank lines. This reader splits the
text into lines and reads each with a few string operations; it remembers what each kind of
line ("    why: ", "  - id: ") holds before its value, so the usual line costs a dictionary
look-up, a few checks of its value and one store. Unusual lines go to a regular expression
(_LINE) that knows the whole subset. Anything this reader is not certain of (text over several
lines, tabs, anchors, tags, a repeated key, a second document, a line it cannot place, ...)
makes it give up, and story/source.py reads the file the usual way, with its checks and
messages; so a file gives the same data either way, and this reader only decides how quickly.
"""
from __future__ import annotations

import re
from itertools import chain
from typing import Any, Callable

from .fast_yaml_values import DOUBLE, MAX_KEY_CHARS, SINGLE, GiveUp, block_text, flow_line, unquote

NOT_SURE = object()  # what `load` gives when the file must be read the usual way

# First characters of the plain scalars that YAML 1.1 may not read as text (numbers, true/false,
# yes/no, on/off, null, ~): only these are handed to the resolver. (story/source.py uses it too.)
MAYBE_TYPED = frozenset("-+.0123456789~yYnNtTfFoO")

# One-line plain text in a block: it does not start with an indicator, and ends before ': ', ' #'
# and trailing spaces. Each run of characters between two ':' or '#' is matched in one go.
_RUN = r"(?:[^\n:#]*[^ \n:#])?"
_PLAIN = (r"(?:[^ \n\-?:,\[\]{}#&*!|>'\"%@`]|[-?:](?=[^ \n]))" + _RUN
          + r"(?:(?::(?=[^ \n])|(?<![ ])\#)" + _RUN + ")*")
# A plain key: a word character first, and no ':' or '#' (anything else: give up).
_KEY = r"\w[^ \n:#]*(?:[ ]+[^ \n:#]+)*"
_PLAIN_KEY = re.compile(_KEY)
# Any line of the subset, taken apart: its indentation, a "- ", a key and its ':', a value (a
# `[`/`{` or a text block's head are handled apart), a comment. A line it does not fit: give up.
_LINE = re.compile(
    r"(?P<ind>[ ]*)"
    r"(?P<dash>-[ ]+(?=[^ \n#])|-(?=[ ]|\Z))?"
    rf"(?:(?P<key>{_KEY}|{DOUBLE}|{SINGLE})[ ]{{0,8}}:(?=[ ]|\Z)[ ]*)?"
    rf"(?P<val>{_PLAIN}|{DOUBLE}|{SINGLE}|[\[{{].*|[|>][-+]?(?=[ ]|\Z))?"
    r"(?:[ ]+\#.*|[ ]*)")
# The first characters of a value that are not simply the first letter of plain text.
_SPECIAL = frozenset(("", *" #'\"[]{}|>-?:,&*!%@`"))
_BLOCK_HEADS = frozenset(("|", "|-", "|+", ">", ">-", ">+"))
# Characters that need more care than this reader takes: tabs, the line breaks other than \n
# (CRLF is made \n first), a byte order mark, and what YAML does not allow in a file at all.
_ODD = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                  "\U00010000-\U0010ffff]")
_DOCUMENT_MARK = re.compile(r"^(?:---|\.\.\.)(?=[ \n]|\Z)", re.MULTILINE)
_SLOT = object()  # a list entry ("-" alone on its line) waiting for the lines below it
_NONE = object()  # nothing waiting; no value on the line
_FAR = 1 << 30  # a column no line reaches
_PRINTABLE_ASCII = b"\n" + bytes(range(0x20, 0x7F))
_OTHER = object()  # a line for the regular expression (_other_line)


def load(text: str, plain: Callable[[str], Any], max_depth: int) -> Any:
    """The data in `text`, or NOT_SURE. `plain` turns a plain scalar into its value (the
    resolver's number, bool or None, or the text itself); it is asked about every one whose
    first character is in MAYBE_TYPED, and any exception it raises (a number too long) passes
    through. Collections nested `max_depth` deep make this reader give up."""
    try:
        return _load(text, plain, max_depth)
    except GiveUp:
        return NOT_SURE


def _load(text: str, plain: Callable[[str], Any], max_depth: int) -> Any:
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # libyaml reads CRLF as one line break
    if text.isascii():
        if text.encode().translate(None, _PRINTABLE_ASCII):
            raise GiveUp
    elif _ODD.search(text):
        raise GiveUp
    if (text.startswith(("---", "...")) or "\n---" in text or "\n..." in text) \
            and _DOCUMENT_MARK.search(text):
        raise GiveUp  # a document's start or end: source.py says what to do
    lines = text.split("\n")
    open_end = lines[-1] != ""  # no line break after the last line
    if not open_end:
        lines.pop()
    special, maybe_typed = _SPECIAL, MAYBE_TYPED
    # What a line has before its first ": " -> (its column if it has no "- ", else -2; its
    # column; the width of its "- ", 0 if none; its key; the column of its key), for the lines
    # whose key is plain.
    shapes: dict[str, tuple[int, int, int, str, int]] = {}
    keys: set[str] = set()  # the plain keys seen
    bare_keys: dict[str, int] = {}  # a line "  key:" (no "- ") -> its column
    typed: dict[str, Any] = {}  # plain values already given to `plain`
    # The open collections outside the current one: (column, container, is it a mapping).
    stack: list[tuple[int, Any, bool]] = []
    top: list = []  # holds the document's one node
    column, current, is_map, waiting = -1, top, False, _SLOT
    # The usual lines, when they need no change of level but the simplest: a "key: value" in
    # the current mapping (at column `same_map`); a "- key: value" that opens the next mapping
    # of the list `entries` (at column `next_entry`), the current mapping being its last entry;
    # a "- key: value" that opens a list for the "key:" just read (at a column after `opened`).
    same_map = next_entry = -9
    opened = _FAR
    entries: list = top
    remaining = iter(lines)
    source: Any = remaining
    while True:
        for line in source:
            before, colon, rest = line.partition(": ")
            shape = shapes.get(before)
            if shape is not None and shape[0] == same_map and rest and rest[0] not in special \
                    and ": " not in rest and " #" not in rest and rest[-1] not in " :":
                # The usual line: "key: plain text" in the current mapping, in fewest steps.
                key = shape[3]
                if key in current:
                    raise GiveUp  # a repeated key: source.py says where
                if rest[0] in maybe_typed:
                    value = typed.get(rest, _NONE)
                    if value is _NONE:
                        value = typed[rest] = plain(rest)
                    current[key] = value
                else:
                    current[key] = rest
                continue
            if shape is not None and shape[1] == next_entry and shape[4] == column and rest \
                    and rest[0] not in special and ": " not in rest and " #" not in rest \
                    and rest[-1] not in " :":
                # The other usual line: "- key: plain text", the next mapping in the list.
                if rest[0] in maybe_typed:
                    value = typed.get(rest, _NONE)
                    if value is _NONE:
                        value = typed[rest] = plain(rest)
                    current = {shape[3]: value}
                else:
                    current = {shape[3]: rest}
                entries.append(current)
                continue
            if shape is not None and shape[0] == same_map and rest in _BLOCK_HEADS:
                key = shape[3]  # "key: |", a text block in the current mapping
                if key in current:
                    raise GiveUp
                current[key], after = block_text(rest, source, column, open_end)
                if after is not None:  # the line after the text block: read it next
                    source = chain((after,), remaining)
                    break
                continue
            if colon:
                if shape is None:
                    usual = False
                else:
                    if shape[4] < column and waiting is _NONE:
                        # Less indented than the line before: close what it closes.
                        while column > shape[4]:
                            if len(stack) == 1:
                                raise GiveUp  # less indented than the document's first line
                            column, current, is_map = stack.pop()
                        same_map, next_entry, entries = _levels(column, is_map, stack, top)
                    usual = shape[0] == same_map or shape[1] > opened or (
                        shape[1] == next_entry and shape[4] == column)
                if usual:
                    # One of the usual lines, with plain text: read with the fewest steps.
                    # Anything else about it goes the long way, below.
                    first = rest[0] if rest else ""
                    if (first not in special or first == "-" and rest[1:2] not in " ") \
                            and ": " not in rest and " #" not in rest and rest[-1] not in " :":
                        if first in maybe_typed:
                            value = typed.get(rest, _NONE)
                            if value is _NONE:
                                value = typed[rest] = plain(rest)
                        else:
                            value = rest
                        key = shape[3]
                        if shape[0] == same_map:
                            if key in current:
                                raise GiveUp  # a repeated key: source.py says where
                            current[key] = value
                        elif shape[1] == next_entry:
                            current = {key: value}
                            entries.append(current)
                        elif shape[0] == -2:  # the first entry of a list, for the "key:" above
                            if len(stack) + 1 >= max_depth:
                                raise GiveUp  # source.py says where
                            stack.append((column, current, True))
                            current[waiting] = entries = []
                            next_entry = shape[1]
                            stack.append((next_entry, entries, False))
                            current = {key: value}
                            entries.append(current)
                            column = same_map = shape[4]
                            waiting, opened = _NONE, _FAR
                        else:  # the first key of a mapping, for the "key:" above
                            if len(stack) >= max_depth:
                                raise GiveUp
                            stack.append((column, current, True))
                            current[waiting] = new_map = {key: value}
                            current = new_map
                            column = same_map = shape[1]
                            next_entry, entries, waiting, opened = -9, top, _NONE, _FAR
                        continue
            elif line[-1:] != ":":
                shape = None
                entry = line.lstrip(" ")  # "- plain text", an entry in a list?
                if entry[:2] == "- " and entry[2:3] not in special and " #" not in entry \
                        and entry[-1] != " " and waiting is _NONE:
                    at = len(line) - len(entry)
                    if next_entry == at:  # after a mapping in the same list
                        column, current, is_map = stack.pop()
                    if not is_map and column == at:
                        value = entry[2:]
                        if value[0] in maybe_typed:
                            value = typed.get(value, _NONE)
                            if value is _NONE:
                                value = typed[entry[2:]] = plain(entry[2:])
                        current.append(value)
                        same_map = next_entry = -9
                        continue
                    same_map, next_entry, entries = _levels(column, is_map, stack, top)
            else:
                shape = None
                at = bare_keys.get(line, _FAR)
                if at < column and waiting is _NONE:
                    while column > at:
                        if len(stack) == 1:
                            raise GiveUp
                        column, current, is_map = stack.pop()
                    same_map, next_entry, entries = _levels(column, is_map, stack, top)
                if at == same_map:
                    key = line[at:-1]  # "key:", with its value on the lines below
                    if key in current:
                        raise GiveUp
                    waiting, opened, same_map, next_entry = key, column, -9, -9
                    continue
            # Take the line apart: the column it starts at, the width of its "- " (0 if none),
            # its key (None if none), and the text of its value ("" if none).
            value: Any = _NONE
            head = None  # the value is a `[`/`{` on one line, or a `|`/`>` text block
            if shape is not None:
                at, dash, key = shape[1:4]
            else:
                parts = _split(line, shapes, keys, bare_keys)
                if parts is None:
                    continue  # a blank or comment line
                if parts is _OTHER:
                    at, dash, key, value, head = _other_line(line, plain)
                    rest = ""
                else:
                    at, dash, key, rest = parts
            if rest:
                first = rest[0]
                if first not in special or (first == "-" and rest[1:2] not in " "):
                    if ": " in rest or " #" in rest or rest[-1] in " :":
                        at, dash, key, value, head = _other_line(line, plain)
                    elif first in maybe_typed:
                        value = typed.get(rest, _NONE)
                        if value is _NONE:
                            value = typed[rest] = plain(rest)
                    else:
                        value = rest  # plain text, the usual value
                elif rest in _BLOCK_HEADS:
                    head = rest
                elif first == rest[-1] == '"' and len(rest) > 1 and '"' not in rest[1:-1] \
                        and "\\" not in rest:
                    value = rest[1:-1]
                elif first == rest[-1] == "'" and len(rest) > 1 and "'" not in rest[1:-1]:
                    value = rest[1:-1]
                else:
                    at, dash, key, value, head = _other_line(line, plain)
            if key is None and not dash:
                raise GiveUp  # a value alone on its line: text over several lines, or a scalar
            # Place it: a new key of the current mapping, or a change of level.
            if dash or at != column or waiting is not _NONE:
                if waiting is not _NONE:
                    if at > column:  # the lines below a "key:" or a "-": a new collection
                        new: Any = [] if dash else {}
                        if is_map:
                            current[waiting] = new
                        else:
                            current.append(new)
                        if len(stack) >= max_depth:
                            raise GiveUp  # source.py says where
                        stack.append((column, current, is_map))
                        column, current, is_map = at, new, not dash
                    elif is_map:  # "key:" or "-" with nothing below: null
                        current[waiting] = None
                    else:
                        current.append(None)
                    waiting = _NONE
                elif at > column:
                    raise GiveUp  # text over several lines, or a mistake
                while at < column:
                    if len(stack) == 1:
                        raise GiveUp  # less indented than the document's first line
                    column, current, is_map = stack.pop()
                if at != column or is_map == bool(dash):
                    raise GiveUp  # an indentless list, or a mistake
                if dash and key is not None:  # "- key: ...": a mapping in the list
                    new = {}
                    current.append(new)
                    if len(stack) >= max_depth:
                        raise GiveUp
                    stack.append((column, current, False))
                    column, current, is_map = at + dash, new, True
            elif not is_map:
                raise GiveUp  # a key among list entries
            after = None
            if head is not None:
                if head[0] in "[{":
                    value = flow_line(head, plain, len(stack), max_depth)
                else:
                    value, after = block_text(head, source, column, open_end)
            if key is None:
                if value is _NONE:
                    waiting = _SLOT
                else:
                    current.append(value)
            elif key in current:
                raise GiveUp  # a repeated key: source.py says where
            elif value is _NONE:
                waiting = key
            else:
                current[key] = value
            if waiting is _NONE:
                same_map, next_entry, entries = _levels(column, is_map, stack, top)
                opened = _FAR
            else:
                same_map = next_entry = -9
                opened = column if is_map else _FAR
            if after is not None:  # the line after a text block: read it next
                source = chain((after,), remaining)
                break
        else:
            break
    if waiting is not _NONE and current is not top:
        if is_map:
            current[waiting] = None
        else:
            current.append(None)
    return top[0] if top else None


def _levels(column: int, is_map: bool, stack: list, top: list) -> tuple[int, int, list]:
    """same_map, next_entry and entries (see _load) for the current collection."""
    if not is_map:
        return -9, -9, top
    if stack[-1][2]:
        return column, -9, top
    return column, stack[-1][0], stack[-1][1]


def _split(line: str, shapes: dict[str, tuple[int, int, int, str, int]], keys: set[str],
           bare_keys: dict[str, int]) -> Any:
    """(column, width of "- ", key or None, value text) of a line; None for a blank or comment
    line, _OTHER for a key that is not plain. A line whose key is plain is remembered in
    `shapes` by all it has before ": ", so the next line like it needs none of this."""
    rest = line.lstrip(" ")
    if not rest or rest[0] == "#":
        return None
    at, dash = len(line) - len(rest), 0
    if rest[0] == "-" and rest[1:2] in (" ", ""):
        after = rest[1:].lstrip(" ")
        dash, rest = len(rest) - len(after), ("" if after[:1] == "#" else after)
    key = None
    colon = rest.find(": ")
    if colon > 0:
        key, rest = rest[:colon], rest[colon + 2:]
    elif colon < 0 and rest[-1:] == ":":
        key, rest = rest[:-1], ""
    if key is not None:
        if key not in keys:
            if len(key) > MAX_KEY_CHARS or not _PLAIN_KEY.fullmatch(key):
                return _OTHER
            keys.add(key)
        if colon < 0 and not dash and line[-1] == ":":
            bare_keys[line] = at
        elif colon > 0:
            shapes[line[:at + dash + colon]] = (-2 if dash else at, at, dash, key, at + dash)
    return at, dash, key, rest


def _other_line(line: str, plain: Callable[[str], Any]) -> tuple[int, int, Any, Any, Any]:
    """(column, width of "- ", key, value, the head of its `[`, `{`, `|` or `>`) of a line
    that is not of the usual kinds: quoted keys, escapes, comments, `[...]`..."""
    match = _LINE.fullmatch(line)
    if match is None:
        raise GiveUp
    indent, dash, key, value = match.groups()
    if key is not None:
        if len(key) > MAX_KEY_CHARS:
            raise GiveUp
        if key[0] in "\"'":
            key = unquote(key)
    head = None
    if value is None:
        value = _NONE
    elif value[0] in "\"'":
        value = unquote(value)
    elif value[0] in "[{|>":
        value, head = _NONE, value
    elif value[0] in MAYBE_TYPED:
        value = plain(value)
    return len(indent), len(dash or ""), key, value, head


