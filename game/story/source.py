"""YAML text to plain data, remembering where every value and key stood.

Built from PyYAML's event stream (libyaml's C parser) rather than `yaml.compose`, because the
composer recurses once per nesting level and a few thousand `[` crash the interpreter. Walking
the events with an explicit stack keeps every position, rejects duplicate keys (PyYAML keeps the
last one silently), refuses aliases (the "billion laughs" bomb) and caps nesting depth.
Read without positions, the usual scene file goes quicker still through story/fast_yaml.py,
which leaves anything it is not sure of (and anything that needs a message) to the events.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from . import fast_yaml
from .file_bytes import DamagedFile, read_bytes
from .problems import Problem

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 40
MAX_INT_DIGITS = 100  # a whole number longer than this is a mistake (and past 4,300, a crash)

Path_ = tuple  # a path into the data: keys and list indices

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.SafeLoader("")  # only used to resolve and build plain scalars
_INT_TAG = "tag:yaml.org,2002:int"
_PLAIN_TAGS = {
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float", "tag:yaml.org,2002:null",
}


@dataclass
class SourceFile:
    """One parsed file: its data, and the 1-based (line, column) of each value and key.

    Read quickly (or taken from the parse cache) it knows no position yet: the first question
    about one parses the text again, once, to learn them all. Most files never need that, and
    keeping every position of a large scenario costs more time and memory than the rest of
    loading. The positions a message gives are the same either way.
    """

    path: str
    data: Any = None
    text: str = field(default="", repr=False)
    complete: bool = True  # are the positions of every value and key known?
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)  # ids of parts that failed the schema
    pruned: set[tuple] = field(default_factory=set)  # paths taken out after failing the schema
    multiline: set[tuple] = field(default_factory=set)  # text values written over several lines

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Position of `path`, or of its nearest parent that has one."""
        path = tuple(path)
        if not self.complete and path not in (self.key_positions if key else self.positions):
            self._learn_every_position()
        table = self.key_positions if key else self.positions
        while path:
            if path in table:
                return table[path]
            if key and path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def _learn_every_position(self) -> None:
        full = SourceFile(self.path)
        try:
            _build(self.text, full, every_position=True)
        except (_Stop, yaml.YAMLError):
            return  # it parsed before; if it somehow does not now, keep what is known
        self.positions, self.key_positions = full.positions, full.key_positions
        self.multiline, self.complete = full.multiline, True

    def problem(self, path: Path_, message: str, *, key: bool = False,
                severity: str = "error", offset: int = 0) -> Problem:
        line, column = self.where(path, key)
        if tuple(path) in self.multiline:
            offset = 0  # a column inside folded text would point at the wrong line
        return Problem(self.path, line, column + offset, message, severity)


class _Stop(Exception):
    """Parsing of this file cannot go on."""


class _NeedPositions(Exception):
    """A quick parse found something to report, which needs every position."""


class _TooLong(Exception):
    """A number with more digits than MAX_INT_DIGITS (Python refuses past 4,300 anyway)."""


def read_source(path: Path | str, display: str | None = None,
                every_position: bool = False) -> SourceFile:
    """Read and parse one YAML file. Problems are in the result, never raised."""
    shown = display or str(path)
    raw = read_raw(Path(path), shown)
    return raw if isinstance(raw, SourceFile) else parse_text(raw, shown, every_position)


def read_raw(path: Path, shown: str) -> bytes | SourceFile:
    """The bytes of one scene file, or a SourceFile (with no data) saying why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return SourceFile(shown, problems=[Problem(shown, 1, 1, (
                f"this file is {size / 1_048_576:.1f} MB; scene files may be at most "
                f"{MAX_FILE_BYTES // 1_048_576} MB. Split it into chapter files."))])
    except OSError:
        pass  # read_bytes says why in its words
    try:  # a regular file only: a pipe or a link to a device would never end
        return read_bytes(path, MAX_FILE_BYTES)
    except DamagedFile as exc:
        return SourceFile(shown, problems=[Problem(shown, 1, 1, f"cannot read this file: {exc}")])


def parse_text(raw: bytes | str, shown: str, every_position: bool = True) -> SourceFile:
    """Parse YAML text (bytes or str) into a SourceFile."""
    source = SourceFile(shown)
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            source.problems.append(Problem(shown, 1, 1, "this file is too large"))
            return source
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            source.problems.append(Problem(shown, line, column, (
                "this file is not UTF-8 text; save it as UTF-8 in your editor")))
            return source
    else:
        text = raw
    source.text = text
    try:
        try:
            _build(text, source, every_position)
        except _NeedPositions:
            source = SourceFile(shown, text=text)
            _build(text, source, every_position=True)
    except _Stop:
        source.data = None  # only part of the file was read: use none of it
    except yaml.MarkedYAMLError as exc:
        source.data = None
        source.problems.append(_explain_yaml_error(exc, text, shown))
    except yaml.YAMLError as exc:
        source.data = None
        source.problems.append(Problem(shown, 1, 1, f"this is not valid YAML: {exc}"))
    return source


def _explain_yaml_error(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Problem:
    """PyYAML's complaint, placed where a person would look for the mistake."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and "end of stream" in (exc.problem or ""):
        mark = exc.context_mark  # an unclosed quote or bracket: point at where it opened
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(part for part in (exc.context, exc.problem) if part)
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1][:column]:
        what = "tabs cannot be used to indent YAML; use spaces"
    elif "mapping values are not allowed" in what:
        what += (' (a colon followed by a space inside a line of text: put the whole text in '
                 'quotes, like "Gwen: it was fine")')
    return Problem(shown, line, column, f"this is not valid YAML: {what}")


# First characters of the plain scalars that YAML 1.1 may not read as text (numbers, true/false,
# yes/no, on/off, null, ~). Any other plain scalar is text, with no need to ask the resolver.
_MAYBE_TYPED = fast_yaml.MAYBE_TYPED  # one list for both readers
_IMPLICIT = (True, False)  # how the parser marks a plain scalar with no tag


def _scalar(event: yaml.ScalarEvent) -> Any:
    value = event.value
    if not event.style and event.implicit[0]:
        return _plain(value)
    if event.tag in _PLAIN_TAGS:
        return _typed(value, event.tag)
    return value  # quoted, block or tagged text stays text


def _plain(value: str) -> Any:
    """A plain scalar (no quotes, no tag) as YAML 1.1 reads it; both readers use this."""
    if value and (value[0] not in _MAYBE_TYPED or (
            value[0].isalpha() and (len(value) > 5 or " " in value))):
        return value  # no YAML 1.1 true/false/null word is longer than five letters
    digits = value[1:] if value[:1] in ("+", "-") else value
    if digits.isdigit() and digits.isascii() and (digits[0] != "0" or digits == "0") \
            and len(value) <= MAX_INT_DIGITS:
        return int(value)  # a whole number in decimal, as the resolver would read it
    return _typed(value, _RESOLVER.resolve(yaml.ScalarNode, value, _IMPLICIT))


def _typed(value: str, tag: str) -> Any:
    if tag not in _PLAIN_TAGS:
        return value  # dates and the like stay as the text written
    if tag == _INT_TAG and len(value) > MAX_INT_DIGITS:
        raise _TooLong(value)
    try:
        typed = _RESOLVER.yaml_constructors[tag](_RESOLVER, yaml.ScalarNode(tag, value))
    except (ValueError, KeyError, IndexError):
        return value  # 0x_, or !!int abc, or !!bool maybe: not what the tag says, so text
    if isinstance(typed, float) and not math.isfinite(typed):
        return value  # .nan and .inf are no use as numbers here: the schema says so
    return typed


_SCALAR, _MAPPING, _SEQUENCE = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_ENDS = (_MAPPING_END, _SEQUENCE_END)
_DUPLICATE = "\0duplicate"  # where the value of a repeated key goes (it is not kept)


def _build_quick(text: str, source: SourceFile) -> None:
    """Fill `source.data` from `text`, learning no position at all: the way almost every file
    is read. The quick reader (fast_yaml) reads the usual scene file; whatever it is not sure
    of, the events are walked. Raises _NeedPositions at anything that needs a message (the full
    walk below then places it), so both walks accept and refuse the same files."""
    source.complete = False
    try:
        data = fast_yaml.load(text, _plain, MAX_DEPTH)
    except _TooLong:
        raise _NeedPositions from None
    if data is not fast_yaml.NOT_SURE:
        source.data = data
        return
    loader = _Loader(text)
    get_event = loader.get_event
    documents = 0
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is _SCALAR:
                source.data = _scalar(event)
            elif kind is _MAPPING or kind is _SEQUENCE:
                source.data = _container(get_event, event, 0)
            elif kind is yaml.StreamEndEvent or event is None:
                break
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _NeedPositions
            elif kind is yaml.AliasEvent:
                raise _NeedPositions
    except _TooLong:
        raise _NeedPositions from None
    finally:
        loader.dispose()


def _container(get_event: Callable[[], Any], event: yaml.Event, depth: int) -> dict | list:
    """The mapping or list that `event` opens, read to its end (for _build_quick).

    One call reads one container and knows which kind it is reading, so no stack of open
    containers is kept and asked at each event. (A module function rather than one inside
    _build_quick: a function calling itself from inside another is a reference cycle, which
    would keep the parser and its copy of the text alive after loading.)"""
    if depth >= MAX_DEPTH:
        raise _NeedPositions
    scalar, mapping, sequence = _SCALAR, _MAPPING, _SEQUENCE
    if type(event) is mapping:
        found: dict = {}
        while True:
            event = get_event()
            kind = type(event)
            if kind is not scalar:
                if kind is _MAPPING_END:
                    return found
                raise _NeedPositions  # a list, a mapping or an alias as a key
            key = event.value
            if key in found:
                raise _NeedPositions
            event = get_event()
            kind = type(event)
            if kind is scalar:
                found[key] = _scalar(event)
            elif kind is mapping or kind is sequence:
                found[key] = _container(get_event, event, depth + 1)
            else:
                raise _NeedPositions  # an alias
    items: list = []
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar:
            items.append(_scalar(event))
        elif kind is mapping or kind is sequence:
            items.append(_container(get_event, event, depth + 1))
        elif kind is _SEQUENCE_END:
            return items
        else:
            raise _NeedPositions  # an alias


def _build(text: str, source: SourceFile, every_position: bool) -> None:
    """Fill `source` from the events of `text`, with every position when `every_position`.
    Raises _Stop after recording a fatal problem, and _NeedPositions when, reading quickly,
    it finds a problem to place."""
    if not every_position:
        _build_quick(text, source)
        return
    source.complete = True
    positions, key_positions, multiline = source.positions, source.key_positions, source.multiline
    problems, shown = source.problems, source.path
    # Each open container: [container, its path, the key waiting for a value, keys seen].
    stack: list[list] = []
    documents = 0
    loader = _Loader(text)
    try:
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.StreamEndEvent or event is None:
                break
            if kind in _ENDS:
                stack.pop()
                continue
            mark = event.start_mark
            if kind is yaml.AliasEvent:
                problems.append(Problem(shown, mark.line + 1, mark.column + 1, (
                    f"aliases (*{event.anchor}) are not allowed in scene files; "
                    "write the text out in full")))
                raise _Stop
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append(Problem(shown, mark.line + 1, mark.column + 1,
                                            "a scene file holds one document; remove the extra '---'"))
                    raise _Stop
                continue
            if kind is not _SCALAR and kind is not _MAPPING and kind is not _SEQUENCE:
                continue
            top = stack[-1] if stack else None
            if top is not None and top[2] is None and type(top[0]) is dict:
                # A key of a mapping.
                if kind is not _SCALAR:
                    problems.append(Problem(shown, mark.line + 1, mark.column + 1,
                                            "a key must be a plain word, not a list or mapping"))
                    raise _Stop
                key = event.value
                if key in top[3]:
                    first = key_positions[top[1] + (key,)]
                    problems.append(Problem(shown, mark.line + 1, mark.column + 1, (
                        f'"{key}" appears twice here (first at line {first[0]}); '
                        "YAML would silently keep only the last one")))
                    top[2] = _DUPLICATE
                else:
                    top[3].add(key)
                    key_positions[top[1] + (key,)] = (mark.line + 1, mark.column + 1)
                    top[2] = key
                continue
            if kind is _SCALAR:
                try:
                    value = _scalar(event)
                except _TooLong as exc:
                    problems.append(Problem(shown, mark.line + 1, mark.column + 1, (
                        f"this number is {len(str(exc)):,} characters long; a whole number here "
                        f"may have at most {MAX_INT_DIGITS} digits (put text in quotes)")))
                    raise _Stop from None
                column = mark.column + (2 if event.style in ("'", '"') else 1)
            else:
                if len(stack) >= MAX_DEPTH:
                    problems.append(Problem(shown, mark.line + 1, mark.column + 1,
                                            f"nested more than {MAX_DEPTH} levels deep"))
                    raise _Stop
                value = {} if kind is _MAPPING else []
                column = mark.column + 1
            # Place the value in its parent.
            if top is None:
                path: tuple = ()
                source.data = value
            elif type(top[0]) is list:
                path = top[1] + (len(top[0]),)
                top[0].append(value)
            else:
                key, top[2] = top[2], None
                path = top[1] + (key,)
                if key != _DUPLICATE:
                    top[0][key] = value
            positions[path] = (mark.line + 1, column)
            if kind is _SCALAR:
                if event.style in ("|", ">") or event.end_mark.line != mark.line:
                    multiline.add(path)
            else:
                stack.append([value, path, None, set()])
    finally:
        loader.dispose()
