"""Reading the text of a Twine passage for `python main.py import`: SugarCube, Harlowe,
Chapbook and Snowman markup parsed into a small tree. game/twine/read.py reads the passages
from the file; game/twine/links.py and game/twine/convert.py turn the trees into scenes;
game/twine/expr.py reads the changes and conditions. Standard library only; nothing here runs
any code.

A passage body becomes a list of nodes (their kinds are in game/twine/nodes.py, and can be
imported from here too): plain text (str), Link, Macro (a macro, an HTML tag or a leftover
such as an image, kept whole), Container (a macro with a body: SugarCube
`<<link>>...<</link>>`, Harlowe `(link: "x")[...]`) and Block (an if / else-if / else with a
body per branch). Nesting deeper than MAX_NESTING is refused with NestingError, never a
RecursionError.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterator

from .hooks import close_open_hooks
from .nodes import Block, Branch, Container, Link, Macro, Node

MAX_NESTING = 100


class NestingError(ValueError):
    """Markup nested too deeply to be a real story; `at` is the offset of the innermost."""

    def __init__(self, at: int):
        super().__init__(f"macros or hooks nested more than {MAX_NESTING} deep")
        self.at = at


_START = re.compile(
    r"(?=[\[<(/|`{])(?:(?P<verbatim>(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`)|\{\{\{.+?\}\}\})"
    r"|\[\[|<<|\((?P<harlowe>[A-Za-z][\w-]*):|(?P<named>\|[A-Za-z_][\w-]*[)>]\[)"
    r"|(?P<comment>/\*.*?\*/|/%.*?%/|<!--.*?-->)"
    r"|(?P<img>\[img\[[^\]]*\](?:\[[^\]]*\]){0,2}\])"
    r"|(?P<js><%.*?%>|<script\b.*?</script\s*>)|(?P<style><style\b.*?</style\s*>)"
    r"|(?P<html></?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>))", re.DOTALL)
_CHAPBOOK = re.compile(r"(?P<insert>\{[a-z][^{}\n]*\})|(?P<modifier>^\[[a-z][^\[\]\n]*\][ \t]*$)",
                       re.MULTILINE | re.IGNORECASE)
_SUGARCUBE_NAME = re.compile(r"\s*(/?[A-Za-z=\-][\w-]*)\s*(.*)", re.DOTALL)
_HARLOWE_ELSE = re.compile(r"[\s{}\\]*\((else-if|elseif|else):", re.IGNORECASE)  # \: joins lines
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAGS = re.compile(r"<[^<>]*>")
_CASE_VALUE = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,]+""")
_IF_ENDS = frozenset({"elseif", "else", "/if", "endif"})
_NOT_CONTAINERS = frozenset({"set", "goto", "include", "display", "print", "back", "return",
                             "run", "unset", "audio", "choice", "actions", "case", "default"})


def parse_body(text: str, dialect: str = "") -> list[Node]:
    """The nodes of a passage's text. `dialect` "sugarcube" reads "(name: ...)" as text,
    "harlowe" reads "<<...>>" as text, "chapbook" also reads its {inserts} and [modifiers];
    "" reads both kinds of macro. Raises NestingError for absurdly deep nesting."""
    text = close_open_hooks(text) if dialect in ("harlowe", "") else text
    parser = _Parser(text, dialect)
    if dialect != "chapbook":
        return parser.parse(0, len(text), frozenset(), 0)[0]
    from .chapbook import modifier_blocks, vars_section
    changes, start = vars_section(text)
    return changes + modifier_blocks(parser.parse(start, len(text), frozenset(), 0)[0])


def walk(nodes: list[Node]) -> Iterator[Node | Branch]:
    """Every node, every branch of a Block and everything in a Container or link body, depth
    first, in the order written."""
    stack: list[Iterator] = [iter(nodes)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        yield node
        if isinstance(node, Block):
            stack.append(iter(node.branches))
        elif isinstance(node, (Branch, Container, Link)):
            stack.append(iter(node.body))


def line_of(text: str, at: int) -> int:
    """The line (from 0) of an offset in a passage."""
    return text.count("\n", 0, at)


class _Parser:
    def __init__(self, text: str, dialect: str):
        self.text, self.dialect = text, dialect

    def parse(self, position: int, end: int, stops: frozenset[str],
              depth: int) -> tuple[list[Node], int, tuple | None]:
        """Nodes from `position` up to `end`, or up to a SugarCube tag named in `stops`
        (returned as (name, args, raw) with the position after it)."""
        if depth > MAX_NESTING:
            raise NestingError(position)
        text, nodes = self.text, []
        while True:
            match = _START.search(text, position, end)
            if not match:
                self.add_text(nodes, position, end)
                return nodes, end, None
            self.add_text(nodes, position, match.start())
            start, token = match.start(), match.group()
            kind = match.lastgroup
            position = match.end()
            if kind == "verbatim":  # Harlowe `code`, SugarCube {{{code}}}: shown as written
                if self.dialect in (("harlowe", "") if token[0] == "`" else ("sugarcube", "")):
                    nodes.append(Macro(token, "verbatim-text", "", start))
                else:  # not this format's markup: read on from the next character
                    _text(nodes, token[0])
                    position = start + 1
            elif (self.dialect == "harlowe" and token == "<<") or (
                    self.dialect in ("sugarcube", "chapbook", "snowman") and kind == "harlowe"):
                _text(nodes, token)
            elif kind == "named":  # Harlowe |name>[shown] and |name)[hidden until shown]
                close = _matching(text, match.end() - 1, "[", "]", end)
                if close < 0 or self.dialect in ("sugarcube", "chapbook", "snowman"):
                    _text(nodes, token)
                    continue
                body = self.parse(match.end(), close, frozenset(), depth + 1)[0]
                nodes.append(Container(token, "hidden-hook" if ")" in token else "named-hook",
                                       token[1:-2], body, "]", start))
                position = close + 1
            elif kind == "img" and "][" in token:  # [img[picture][Passage]]
                nodes.append(image_link(token, start))
            elif kind in ("comment", "img", "js", "style"):
                nodes.append(Macro(token, "script" if kind == "js" else kind, token, start))
            elif kind == "html":
                found = self.html_link(token, start, end)
                if found is None:
                    nodes.append(Macro(token, "", "", start))
                else:
                    nodes.append(found)
                    position = start + len(found.raw)
            elif token == "[[":
                close = text.find("]]", start + 2, end)
                if close < 0:
                    _text(nodes, token)
                    continue
                nodes.append(link(text[start:close + 2], start, self.dialect))
                position = close + 2
            elif token == "<<":
                close = text.find(">>", start + 2, end)
                if close < 0:
                    _text(nodes, token)
                    continue
                raw = text[start:close + 2]
                named = _SUGARCUBE_NAME.match(raw[2:-2])
                name, args = named.groups() if named else ("", raw[2:-2])
                name, args, position = name.lower(), args.strip(), close + 2
                if name == "else" and args.startswith("if "):  # `<<else if ...>>`, old spelling
                    name, args = "elseif", args[3:]
                if name in stops:
                    return nodes, position, (name, args, raw)
                if name == "if":
                    block, position = self.sugarcube_if(position, end, args, raw, start, depth)
                    nodes.append(block)
                elif name not in _NOT_CONTAINERS and name[:1] not in "/=-" and (
                        f"<</{name}>>" in text[position:end] or f"<<end{name}>>" in
                        text[position:end]):
                    body, after, stop = self.parse(position, end,
                                                   frozenset({f"/{name}", f"end{name}"}), depth + 1)
                    made = Container(raw, name, args, body, stop[2] if stop else "", start)
                    nodes.append(switch_block(made) if name == "switch" else made)
                    position = after
                else:
                    nodes.append(Macro(raw, name, args, start))
            else:
                close = _matching(text, start, "(", ")", end)
                if close < 0:
                    _text(nodes, token)
                    continue
                raw, name = text[start:close + 1], match.group("harlowe").lower()
                args = text[match.end():close].strip()
                hook = _hook(text, close + 1, end)
                if hook is None:
                    nodes.append(Macro(raw, name, args, start))
                    position = close + 1
                elif name in ("if", "unless", "else-if", "elseif", "else"):
                    block, position = self.harlowe_if(start, close, name, hook, depth)
                    nodes.append(block)
                else:
                    body = self.parse(hook[0] + 1, hook[1], frozenset(), depth + 1)[0]
                    nodes.append(Container(text[start:hook[0] + 1], name, args, body, "]", start))
                    position = hook[1] + 1

    def html_link(self, tag: str, start: int, end: int) -> Link | None:
        """SugarCube's HTML link, `<a data-passage="X">words</a>` (any element, with an
        optional data-setter), as a Link whose raw text runs to the element's closing tag."""
        if self.dialect == "harlowe" or "data-passage" not in tag:
            return None
        attributes = dict((name.lower(), html.unescape(a or b)) for name, a, b in
                          _ATTRIBUTE.findall(tag))
        target = attributes.get("data-passage", "").strip()
        if not target:
            return None
        element = re.match(r"<([A-Za-z][\w-]*)", tag).group(1)
        closing = re.compile(rf"</{element}\s*>", re.IGNORECASE)
        after = start + len(tag)
        ends = None if tag.endswith("/>") else closing.search(self.text, after, end)
        raw = self.text[start:ends.end()] if ends else tag
        words = " ".join(_TAGS.sub(" ", self.text[after:ends.start()]).split()) if ends else ""
        return Link(html.unescape(words) or attributes.get("alt") or target, target,
                    attributes.get("data-setter"), raw, start)

    def add_text(self, nodes: list[Node], start: int, end: int) -> None:
        """Plain text; in Chapbook, its {inserts} and [modifier] lines are picked out."""
        if self.dialect != "chapbook":
            _text(nodes, self.text[start:end])
            return
        position = start
        for match in _CHAPBOOK.finditer(self.text, start, end):
            _text(nodes, self.text[position:match.start()])
            inner = match.group()[1:-1].strip() if match.lastgroup == "insert" else \
                match.group().strip()[1:-1].strip()
            nodes.append(Macro(match.group(), match.lastgroup, inner, match.start()))
            position = match.end()
        _text(nodes, self.text[position:end])

    def sugarcube_if(self, position: int, end: int, condition: str, opening: str, start: int,
                     depth: int) -> tuple[Block, int]:
        branches: list[Branch] = []
        current: str | None = condition
        at = start
        while True:
            body, position, stop = self.parse(position, end, _IF_ENDS, depth + 1)
            branches.append(Branch(current, opening, body, at=at))
            if stop is None:
                return Block(branches, closed=False, at=start), position
            name, args, opening = stop
            at = position - len(opening)
            if name in ("/if", "endif"):
                return Block(branches, closing=opening, at=start), position
            if current is None:  # something after <<else>>: keep it as text
                return Block(branches, closed=False, at=start), at
            current = None if name == "else" else args

    def harlowe_if(self, start: int, close: int, name: str, hook: tuple[int, int],
                   depth: int) -> tuple[Block, int]:
        """(if:)[...] or (unless:)[...], with any (else-if:)[...] and (else:)[...] after it;
        `start` and `close` are where the first macro begins and ends."""
        text, first, branches = self.text, start, []
        args = text[text.index(":", start) + 1:close].strip()
        while True:
            hook_start, hook_end = hook
            body = self.parse(hook_start + 1, hook_end, frozenset(), depth + 1)[0]
            branches.append(Branch(None if name == "else" else args, text[start:hook_start + 1],
                                   body, "]", name == "unless", start))
            position = hook_end + 1
            follow = _HARLOWE_ELSE.match(text, position)
            alone = branches[0].opening.lstrip("(").lower().startswith("else")
            if name == "else" or not follow:
                return Block(branches, at=first, alone=alone), position
            close = _matching(text, follow.start(1) - 1, "(", ")", len(text))
            hook = _hook(text, close + 1, len(text)) if close > 0 else None
            if hook is None:
                return Block(branches, at=first, alone=alone), position
            start, name, args = position, follow.group(1).lower(), text[follow.end():close].strip()


def image_link(raw: str, at: int) -> Link:
    """SugarCube's image link `[img[Title|picture][Passage][$x to 1]]` as a Link (its words:
    the title, else the passage's name); the picture is reported where the link is read."""
    parts = raw[5:-2].split("][")
    title = parts[0].split("|", 1)[0] if "|" in parts[0] else ""
    target = parts[1].strip()
    return Link(title.strip() or target, target, parts[2] if len(parts) > 2 else None, raw, at)


def switch_block(switch: Container) -> Block:
    """SugarCube's `<<switch E>><<case v w>>...<<default>>...<</switch>>` as the if block it
    means: a branch per case, testing `E is v or E is w`, and an else branch for the default.
    What is written before the first case is never shown."""
    subject = switch.args.strip()
    if not re.fullmatch(r"\$[\w.]+", subject):
        subject = f"({subject})"
    branches: list[Branch] = []
    for node in switch.body:
        if isinstance(node, Macro) and node.name in ("case", "default"):
            condition = None if node.name == "default" else " or ".join(
                f"{subject} is {value}" for value in _CASE_VALUE.findall(node.args)) or "false"
            branches.append(Branch(condition, node.raw, [], at=node.at))
        elif branches:
            branches[-1].body.append(node)
    if not branches:
        branches.append(Branch("false", switch.raw, [], at=switch.at))
    return Block(branches, closing=switch.closing, closed=bool(switch.closing), at=switch.at)


def _text(nodes: list[Node], text: str) -> None:
    if text:
        if nodes and isinstance(nodes[-1], str):
            nodes[-1] += text
        else:
            nodes.append(text)


def link(raw: str, at: int = 0, dialect: str = "") -> Link:
    """[[text->target]], [[target<-text]], [[text|target]] or [[target]] (Twine 2's rules:
    the rightmost -> and the leftmost <- divide), with an optional SugarCube setter. SugarCube
    (and a story of no known format, whose <<macros>> are read as SugarCube's) divides at the
    first |, -> or <- that is not inside "double quotes", as its link lexer does."""
    inner, setter = raw[2:-2], None
    if "][" in inner:
        inner, setter = inner.split("][", 1)
    if dialect == "sugarcube" or (dialect == "" and '"' in inner):
        divided = _first_delimiter(inner)
        if divided is None:
            return Link(inner.strip(), inner.strip(), setter, raw, at)
        text, target = divided
        return Link(text.strip() or target.strip(), target.strip(), setter, raw, at)
    if "->" in inner:
        text, target = inner.rsplit("->", 1)
    elif "<-" in inner:
        target, text = inner.split("<-", 1)
    elif "|" in inner:
        text, target = inner.split("|", 1)
    else:
        text = target = inner
    return Link(text.strip() or target.strip(), target.strip(), setter, raw, at)


def _first_delimiter(inner: str) -> tuple[str, str] | None:
    """(text, target) split at the first |, -> or <- outside double quotes (SugarCube's
    lexer skips quoted strings), or None if there is none."""
    index, quoted = 0, False
    while index < len(inner):
        char = inner[index]
        if quoted:
            if char == "\\":
                index += 1
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char == "|":
            return inner[:index], inner[index + 1:]
        elif inner.startswith("->", index):
            return inner[:index], inner[index + 2:]
        elif inner.startswith("<-", index):
            return inner[index + 2:], inner[:index]
        index += 1
    return None


def _matching(text: str, start: int, opening: str, closing: str, end: int) -> int:
    """The index of the bracket closing the one at `start` before `end` (-1 if none).
    Inside round brackets, quoted strings are skipped; inside hooks they are not (prose has
    apostrophes)."""
    depth, index, quote = 0, start, None
    while index < end:
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = None
        elif char in "\"'" and opening == "(" and not (  # Harlowe's possessive: $name's
                text.startswith("'s", index) and not text[index + 2:index + 3].isalnum()):
            quote = char
        elif char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def _hook(text: str, position: int, end: int) -> tuple[int, int] | None:
    """(start, end) of a Harlowe hook `[...]` right after a macro, spaces allowed. `[[x]]`
    right after a macro is a link, but `[[[x]]]` is a hook holding a link."""
    while position < end and (text[position] in " \t" or text.startswith("\\\n", position)
                              or text.startswith("\n\\", position)):
        position += 2 if text[position] in "\\\n" else 1  # a backslash joins the lines
    if position < end and text[position] == "[" and (
            not text.startswith("[[", position) or text.startswith("[[[", position)):
        close = _matching(text, position, "[", "]", end)
        if close > 0:
            return position, close
    return None
