"""Reading Twine stories for `python main.py import`: the two file formats (Twee 3 source and
Twine 2 published HTML), the passage markup of SugarCube and Harlowe parsed into a small tree,
and the simple changes and conditions that can become effects and `if:`. game/twine.py turns
the result into a scenario. Standard library only; nothing here runs any code.

A passage body becomes a list of nodes: plain text (str), Link, Macro (any macro or HTML tag,
kept whole) and Block (an if / else-if / else with a body per branch).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .story.conditions import BOOL, NUMBER

MAX_FILE_BYTES = 20 * 1024 * 1024


class TwineError(ValueError):
    """A file that cannot be imported; the message says why in plain words."""


@dataclass
class Passage:
    name: str
    text: str
    tags: tuple[str, ...] = ()


@dataclass
class Story:
    title: str
    start: str  # the name of the start passage
    passages: list[Passage]
    format: str = ""  # the story format, as "Harlowe 3.3.8", if the file says
    notes: list[str] = field(default_factory=list)  # what was left out, in words

    @property
    def dialect(self) -> str:
        """"sugarcube", "harlowe" or "" (not known: both kinds of markup are read)."""
        name = self.format.lower()
        return "sugarcube" if "sugarcube" in name else "harlowe" if "harlowe" in name else ""


# -- files ---------------------------------------------------------------------------------
def read_story(path: Path) -> Story:
    """The story in a Twee 3 or Twine 2 published HTML file, or TwineError saying why not."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TwineError(f"{path} is too large to be a Twine story ({size:,} bytes)")
        raw = path.read_bytes()
    except OSError as exc:
        raise TwineError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TwineError(f"{path} is not a Twine story: it is not a text file (UTF-8)") from None
    lowered = text.lower()
    if "<tw-storydata" in lowered:
        return parse_html(text, str(path))
    if "tiddler=" in lowered:
        raise TwineError(f"{path} looks like a Twine 1 story, which cannot be imported: open it "
                         "in Twine 2 and use Publish to File, then import that file")
    if re.search(r"^::", text, re.MULTILINE):
        return parse_twee(text, str(path))
    raise TwineError(f"{path} is not a Twine story: it has no passages (lines starting with "
                     '"::", as in Twee 3) and no <tw-storydata> (as in a story published '
                     "from Twine 2)")


def parse_twee(text: str, shown: str = "the file") -> Story:
    """Twee 3: `:: Name [tags] {metadata}` headers, each followed by the passage's text."""
    found: list[tuple[str, tuple[str, ...], list[str]]] = []
    for line in text.splitlines():
        if line.startswith("::"):
            name, tags = _twee_header(line[2:])
            found.append((name, tags, []))
        elif found:
            found[-1][2].append(line[1:] if line.startswith("\\::") else line)
    title, data, passages, notes = "", {}, [], []
    for name, tags, lines in found:
        body = "\n".join(lines).strip()
        if name == "StoryTitle":
            title = body
        elif name == "StoryData":
            try:
                data = json.loads(body or "{}")
            except ValueError:
                notes.append("the StoryData passage is not valid JSON, so it was not read")
            data = data if isinstance(data, dict) else {}
        else:
            passages.append(Passage(name, body, tags))
    start = str(data.get("start") or ("Start" if any(p.name == "Start" for p in passages) else ""))
    story_format = " ".join(str(data.get(k, "")) for k in ("format", "format-version")).strip()
    return _finish(Story(title, start, passages, story_format, notes), shown)


def _twee_header(rest: str) -> tuple[str, tuple[str, ...]]:
    """The name (with \\ escapes undone) and tags of a header line, after the `::`."""
    rest = rest.strip()
    name: list[str] = []
    index = 0
    while index < len(rest) and rest[index] not in "[{":
        if rest[index] == "\\" and index + 1 < len(rest):
            index += 1
        name.append(rest[index])
        index += 1
    tail = rest[index:]
    tags: tuple[str, ...] = ()
    if tail.startswith("["):
        close = tail.find("]")
        tags = tuple(tail[1:close if close >= 0 else None].split())
    return "".join(name).strip(), tags


class _HTMLReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stories: list[dict] = []
        self.passage: tuple[dict, list[str]] | None = None
        self.inside: list[str] | None = None  # the story's own script or stylesheet

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "tw-storydata":
            self.stories.append({"attrs": values, "passages": [], "script": [], "style": []})
        elif tag == "tw-passagedata" and self.stories:
            self.passage = (values, [])
        elif tag in ("script", "style") and self.stories:
            self.inside = self.stories[-1][tag]

    def handle_endtag(self, tag: str) -> None:
        if tag == "tw-passagedata" and self.passage:
            attrs, chunks = self.passage
            self.stories[-1]["passages"].append((attrs, "".join(chunks)))
            self.passage = None
        elif tag in ("script", "style"):
            self.inside = None

    def handle_data(self, data: str) -> None:
        if self.passage is not None:
            self.passage[1].append(data)
        elif self.inside is not None:
            self.inside.append(data)


def parse_html(text: str, shown: str = "the file") -> Story:
    """A Twine 2 published story: <tw-storydata> holding <tw-passagedata> elements."""
    reader = _HTMLReader()
    reader.feed(text)
    reader.close()
    if not reader.stories:
        raise TwineError(f"{shown} is not a Twine 2 story: there is no <tw-storydata> in it")
    story, notes = reader.stories[0], []
    if len(reader.stories) > 1:
        notes.append(f"the file holds {len(reader.stories)} stories; only the first, "
                     f'"{story["attrs"].get("name", "")}", was imported')
    for kind, what in (("script", "the story JavaScript"), ("style", "the story stylesheet")):
        if "".join(story[kind]).strip():
            notes.append(f"{what} was not imported (a scenario cannot run scripts or styles)")
    attrs = story["attrs"]
    passages = [Passage(a.get("name", ""), body.strip(), tuple(a.get("tags", "").split()))
                for a, body in story["passages"]]
    names = {a.get("pid"): a.get("name", "") for a, _ in story["passages"]}
    start = names.get(attrs.get("startnode"), "")
    story_format = f'{attrs.get("format", "")} {attrs.get("format-version", "")}'.strip()
    return _finish(Story(attrs.get("name", ""), start, passages, story_format, notes), shown)


def _finish(story: Story, shown: str) -> Story:
    """Drop unnamed and repeated passages, and settle the start passage."""
    seen: set[str] = set()
    kept = []
    for passage in story.passages:
        if not passage.name or passage.name in seen:
            story.notes.append(f'a second passage named "{passage.name}" was left out'
                               if passage.name else "a passage with no name was left out")
            continue
        seen.add(passage.name)
        kept.append(passage)
    story.passages = kept
    if not kept:
        raise TwineError(f"{shown} has no passages to import")
    if story.start not in seen:
        if story.start:
            story.notes.append(f'the start passage "{story.start}" is not in the story; '
                               f'the story starts at "{kept[0].name}" instead')
        else:
            story.notes.append(f'the file does not say which passage comes first; '
                               f'the story starts at "{kept[0].name}"')
        story.start = kept[0].name
    story.title = story.title or Path(shown).stem
    return story


# -- passage markup ------------------------------------------------------------------------
@dataclass
class Link:
    text: str
    target: str
    setter: str | None  # SugarCube [[text|target][$x to 1]]
    raw: str


@dataclass
class Macro:
    """A macro (name "set", "goto", ...) or an HTML tag (name ""), kept as written."""

    raw: str
    name: str
    args: str


@dataclass
class Branch:
    condition: str | None  # None: the else branch
    opening: str  # what was written before the body, like "<<elseif $x>>" or "(if: $x)["
    body: list[Node]
    closing: str = ""  # "]" after a Harlowe hook
    negate: bool = False  # Harlowe (unless:)


@dataclass
class Block:
    branches: list[Branch]
    closing: str = ""  # "<</if>>"
    closed: bool = True


Node = str | Link | Macro | Block

_START = re.compile(r"\[\[|<<|\((?P<harlowe>[A-Za-z][\w-]*):"
                    r"|(?P<html><!--.*?-->|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>)", re.DOTALL)
_SUGARCUBE_NAME = re.compile(r"\s*(/?[A-Za-z][\w-]*)\s*(.*)", re.DOTALL)
_HARLOWE_ELSE = re.compile(r"[ \t]*\r?\n?[ \t]*\((else-if|elseif|else):", re.IGNORECASE)
_IF_ENDS = {"elseif", "else", "/if", "endif"}


def parse_body(text: str, dialect: str = "") -> list[Node]:
    """The nodes of a passage's text. `dialect` "sugarcube" reads "(name: ...)" as text, and
    "harlowe" reads "<<...>>" as text; "" reads both kinds of macro."""
    return _parse(text, 0, frozenset(), dialect)[0]


def _parse(text: str, position: int, stops: frozenset[str],
           dialect: str) -> tuple[list[Node], int, tuple | None]:
    """Nodes from `position` up to the end, or up to a SugarCube tag named in `stops`
    (returned as (name, args, raw) with the position after it)."""
    nodes: list[Node] = []
    while True:
        match = _START.search(text, position)
        if not match:
            _text(nodes, text[position:])
            return nodes, len(text), None
        _text(nodes, text[position:match.start()])
        start, token = match.start(), match.group()
        if (dialect == "harlowe" and token == "<<") or (dialect == "sugarcube"
                                                        and match.group("harlowe")):
            _text(nodes, token)
            position = match.end()
        elif match.group("html"):
            nodes.append(Macro(token, "", ""))
            position = match.end()
        elif token == "[[":
            end = text.find("]]", start + 2)
            if end < 0:
                _text(nodes, token)
                position = start + 2
                continue
            nodes.append(_link(text[start:end + 2]))
            position = end + 2
        elif token == "<<":
            end = text.find(">>", start + 2)
            if end < 0:
                _text(nodes, token)
                position = start + 2
                continue
            raw = text[start:end + 2]
            named = _SUGARCUBE_NAME.match(raw[2:-2])
            name, args = named.groups() if named else ("", raw[2:-2])
            position = end + 2
            if name == "else" and args.startswith("if "):  # `<<else if ...>>`, an old spelling
                name, args = "elseif", args[3:]
            if name in stops:
                return nodes, position, (name, args.strip(), raw)
            if name == "if":
                block, position = _sugarcube_if(text, position, args.strip(), raw, dialect)
                nodes.append(block)
            else:
                nodes.append(Macro(raw, name, args.strip()))
        else:
            end = _matching(text, start, "(", ")")
            if end < 0:
                _text(nodes, token)
                position = match.end()
                continue
            raw, name = text[start:end + 1], match.group("harlowe").lower()
            hook = _hook(text, end + 1) if name in ("if", "unless") else None
            if hook is None:
                nodes.append(Macro(raw, name, raw[match.end() - start:-1].strip()))
                position = end + 1
            else:
                block, position = _harlowe_if(text, start, end, name, hook, dialect)
                nodes.append(block)


def _text(nodes: list[Node], text: str) -> None:
    if text:
        if nodes and isinstance(nodes[-1], str):
            nodes[-1] += text
        else:
            nodes.append(text)


def _link(raw: str) -> Link:
    """[[text->target]], [[target<-text]], [[text|target]] or [[target]] (Twine 2's rules:
    the rightmost -> and the leftmost <- divide), with an optional SugarCube setter."""
    inner, setter = raw[2:-2], None
    if "][" in inner:
        inner, setter = inner.split("][", 1)
    if "->" in inner:
        text, target = inner.rsplit("->", 1)
    elif "<-" in inner:
        target, text = inner.split("<-", 1)
    elif "|" in inner:
        text, target = inner.split("|", 1)
    else:
        text = target = inner
    return Link(text.strip() or target.strip(), target.strip(), setter, raw)


def _matching(text: str, start: int, opening: str, closing: str) -> int:
    """The index of the bracket closing the one at `start` (-1 if none). Inside round
    brackets, quoted strings are skipped; inside hooks they are not (prose has apostrophes)."""
    depth, index, quote = 0, start, None
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = None
        elif char in "\"'" and opening == "(":
            quote = char
        elif char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def _hook(text: str, position: int) -> tuple[int, int] | None:
    """(start, end) of a Harlowe hook `[...]` right after a macro, spaces allowed."""
    while position < len(text) and text[position] in " \t":
        position += 1
    if position < len(text) and text[position] == "[" and not text.startswith("[[", position):
        end = _matching(text, position, "[", "]")
        if end > 0:
            return position, end
    return None


def _sugarcube_if(text: str, position: int, condition: str, opening: str,
                  dialect: str) -> tuple[Block, int]:
    branches: list[Branch] = []
    current: str | None = condition
    while True:
        body, position, stop = _parse(text, position, frozenset(_IF_ENDS), dialect)
        branches.append(Branch(current, opening, body))
        if stop is None:
            return Block(branches, closed=False), position
        name, args, opening = stop
        if name in ("/if", "endif"):
            return Block(branches, closing=opening), position
        if current is None:  # something after <<else>>: keep it as text
            return Block(branches, closed=False), position - len(opening)
        current = None if name == "else" else args


def _harlowe_if(text: str, start: int, close: int, name: str, hook: tuple[int, int],
                dialect: str) -> tuple[Block, int]:
    """(if:)[...] or (unless:)[...], with any (else-if:)[...] and (else:)[...] after it;
    `start` and `close` are where the first macro begins and ends."""
    branches: list[Branch] = []
    args = text[text.index(":", start) + 1:close].strip()
    while True:
        hook_start, hook_end = hook
        branches.append(Branch(None if name == "else" else args, text[start:hook_start + 1],
                               parse_body(text[hook_start + 1:hook_end], dialect), "]",
                               name == "unless"))
        position = hook_end + 1
        follow = _HARLOWE_ELSE.match(text, position)
        if name == "else" or not follow:
            return Block(branches), position
        close = _matching(text, follow.start(1) - 1, "(", ")")
        hook = _hook(text, close + 1) if close > 0 else None
        if hook is None:
            return Block(branches), position
        start, name, args = position, follow.group(1).lower(), text[follow.end():close].strip()


# -- expressions: the changes and conditions that can be converted ---------------------------
def _number(text: str) -> int | float | None:
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return None


_ASSIGN = re.compile(r"\$([A-Za-z_]\w*)\s*(to|=|\+=|-=)\s*(.+)", re.DOTALL)
_STEP = re.compile(r"(?:it|\$([A-Za-z_]\w*))\s*([+-])\s*(\d+(?:\.\d+)?)")


def parse_sets(args: str) -> list[tuple[str, str, Any]] | None:
    """`$x to 5, $y += 1` as [(name, "set" or "add", value)], or None if any part is more
    than a number or true/false (a text, a sum of variables, a random number ...)."""
    changes = []
    for part in args.split(","):
        match = _ASSIGN.fullmatch(part.strip())
        if not match:
            return None
        name, operator, value = match.group(1), match.group(2), match.group(3).strip()
        step = _STEP.fullmatch(value)
        if operator in ("+=", "-="):
            amount = _number(value)
            if amount is None:
                return None
            changes.append((name, "add", amount if operator == "+=" else -amount))
        elif value in ("true", "false"):
            changes.append((name, "set", value == "true"))
        elif _number(value) is not None:
            changes.append((name, "set", _number(value)))
        elif step and step.group(1) in (None, name):
            amount = _number(step.group(3))
            changes.append((name, "add", amount if step.group(2) == "+" else -amount))
        else:
            return None
    return changes


_CONDITION = re.compile(r"\s*(?:(?P<var>\$[A-Za-z_]\w*)|(?P<num>\d+(?:\.\d+)?)"
                        r"|(?P<op>is\s+not\b|>=|<=|===|!==|==|!=|&&|\|\||[<>()!+-])"
                        r"|(?P<word>[A-Za-z]\w*))")
_WORDS = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<", "eq": "==", "is": "==", "neq": "!=",
          "isnot": "!=", "and": "and", "or": "or", "not": "not", "true": "true", "false": "false"}
_OPS = {"===": "==", "!==": "!=", "&&": "and", "||": "or", "!": "not"}
_COMPARE = {"==", "!=", "<", "<=", ">", ">="}


def condition_tokens(source: str) -> list[tuple[str, str]] | None:
    """A SugarCube or Harlowe condition as (kind, value) tokens in our words, or None if it
    uses anything but variables, numbers, true/false, comparisons, and, or, not, brackets."""
    tokens, position, source = [], 0, source.strip()
    while position < len(source):
        match = _CONDITION.match(source, position)
        if not match:
            return None
        position, kind = match.end(), match.lastgroup
        value = match.group(kind)
        if kind == "var":
            value = value[1:]
        elif kind == "op":
            value = "!=" if value.startswith("is") else _OPS.get(value, value)
        elif kind == "word":
            if value not in _WORDS:
                return None
            value = _WORDS[value]
            kind = "bool" if value in ("true", "false") else "op"
        tokens.append((kind, value))
    return tokens or None


def kinds_in(tokens: list[tuple[str, str]]) -> dict[str, str]:
    """What each variable in a condition seems to be: compared with a number, a number;
    on its own or compared with true/false, a flag."""
    kinds: dict[str, str] = {}
    for index, (kind, value) in enumerate(tokens):
        if kind != "var":
            continue
        near = [tokens[j] for j in (index - 1, index + 1) if 0 <= j < len(tokens)]
        compared = [j for j in (index - 1, index + 1)
                    if 0 <= j < len(tokens) and tokens[j][1] in _COMPARE]
        if compared:
            j = compared[0] * 2 - index  # the operand on the other side
            while 0 <= j < len(tokens) and tokens[j][1] == "-":
                j += 1
            other = tokens[j][0] if 0 <= j < len(tokens) else ""
            if other in ("num", "bool"):
                kinds.setdefault(value, NUMBER if other == "num" else BOOL)
        elif any(v in ("+", "-") for _, v in near):
            kinds.setdefault(value, NUMBER)
        else:
            kinds.setdefault(value, BOOL)
    return kinds
