"""One Twine passage read in order, for `python main.py import`: its text as lines (each a
list of variants under conditions), its links with their conditions and effects, and a
timeline of the changes it makes and the variables its tests read, so game/twine/convert.py
can keep Twine's order: a change made before any test of its variable happens on the way in,
one made after happens on the way out, and one that is both is reported, never moved silently.

A Renderer is given a `Context` (the converter) that turns conditions and changes into ours,
and records what was converted, approximated, dropped or could not be converted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from .body import Block, Container, Link, Macro, Node, walk
from .links import STAY, URL, fix_target, goes_to, is_link_macro, links_of, plain_text

OPEN, CLOSE = "\x02", "\x03"  # around the text of a link inside prose
MAX_VARIANTS = 32  # the most versions of one line; past this, the line is reported
Variant = tuple[tuple[str, ...], str]  # (conditions that must all hold, text)

_SETS = {"set", "put"}
_GOES = {"goto", "go-to", "redirect"}
_LOGIC = {"run", "script", "remember", "forget", "restart", "save-game", "load-game", "move",
          "unset", "reload", "undo", "loadgame", "savegame", "forget-visits", "forget-undos",
          "erase", "state"}
_PRINT = {"print", "=", "-", "textbox", "textarea", "numberbox", "cycle", "listbox", "checkbox",
          "radiobutton", "input-box", "force-input-box", "dropdown", "cycling-link", "either",
          "seq-link", "v6m-print", "verbatim-print", "display-undo"}
_PASS = {"nobr", "silently", "capture", "type", "included", "text-style", "font", "align",
         "text-colour", "text-color", "colour", "color", "css", "transition", "t8n",
         "transition-time", "t8n-time", "text-size", "size", "box", "float-box", "opacity",
         "border", "border-colour", "corner-radius", "text-indent", "text-rotate", "hook",
         "background", "bg", "char-style", "line-style", "link-style", "transition-delay",
         "verbatim", "v6m", "collapse", "nobr", "b4r", "b4r-colour", "hover-style"}
_LATER = {"timed", "next", "live", "after", "type", "typewriter"}  # shows its body after a delay

class Context(Protocol):
    def condition(self, source: str, negate: bool) -> tuple[str | None, set[str]]: ...
    def effects(self, node: Macro) -> list[dict] | None: ...
    def record(self, status: str, at: int, what: str, find: str = "") -> None: ...
    def enter(self, name: str) -> None: ...
    def leave(self) -> None: ...


@dataclass
class Rendered:
    lines: list[list[Variant]] = field(default_factory=lambda: [[((), "")]])
    links: list[tuple[Link, tuple[str, ...], list[dict]]] = field(default_factory=list)
    timeline: list[tuple[str, Any, set[str], int]] = field(default_factory=list)
    redirect: Link | None = None  # a <<goto>> that always happens
    redirects: list[tuple[Link, tuple[str, ...]]] = field(default_factory=list)  # under if
    together: int = 0  # the most links that can show at once


class Renderer:
    def __init__(self, context: Context, start: str, conditional: bool):
        self.context, self.start, self.conditional = context, start, conditional
        self.out = Rendered()

    # -- helpers ---------------------------------------------------------------------------
    def add(self, lines: list[list[Variant]], text: str) -> None:
        parts = text.split("\n")
        lines[-1] = [(c, line + parts[0]) for c, line in lines[-1]]
        lines.extend([((), part)] for part in parts[1:])

    def note(self, status: str, node: Any, what: str) -> None:
        self.context.record(status, getattr(node, "at", 0), what)

    # -- the passage -----------------------------------------------------------------------
    def render(self, nodes: list[Node], conditions: tuple[str, ...], top: bool,
               lines: list[list[Variant]] | None = None) -> tuple[list[list[Variant]], int]:
        """The nodes as lines; links go to out.links and, at the top, changes to the
        timeline. Returns the lines and the most links that can show at once."""
        lines = lines if lines is not None else [[((), "")]]
        together = 0
        for node in nodes:
            if isinstance(node, str):
                self.text(node, lines)
            elif isinstance(node, Link):
                together += self.link(fix_target(node), conditions, lines)
            elif isinstance(node, Block):
                together += self.block(node, conditions, top, lines)
            elif is_link_macro(node):
                made = links_of(node, self.start)
                if not made:
                    self.note("dropped", node, f"{_short(node.raw)} (a link macro with no "
                              "passage to go to)")
                    continue
                for found in made:
                    together += self.link(found, conditions, lines)
            elif isinstance(node, Container):
                together += self.container(node, conditions, top, lines)
            else:
                self.macro(node, conditions, top, lines)
        return lines, together

    def text(self, text: str, lines: list[list[Variant]]) -> None:
        for shown in dict.fromkeys(re.findall(r"\$[A-Za-z_]\w*", text) if "$" in text else ()):
            if shown.startswith("$"):
                self.context.record("approximated", -1, f"{shown} is shown in the text as "
                                    "written, not as its value", shown)
        text, taken = plain_text(text)
        for what, first in taken:
            self.context.record("converted", -1, f"{what} became plain text", first)
        self.add(lines, text)

    def link(self, found: Link, conditions: tuple[str, ...], lines: list[list[Variant]]) -> int:
        if URL.match(found.target):
            self.note("approximated", found, f"{_short(found.raw)} is a web link: its words "
                      "are kept as text, not as a choice")
            self.add(lines, found.text)
            return 0
        if re.search(r"[$_][A-Za-z]\w*|\(\w[\w-]*:", found.target) and found.target != STAY and \
                found.target not in self.context.by_name:
            self.note("not converted", found, f"{_short(found.raw)} goes to a passage named by a "
                      "variable, which the format cannot say")
            return 0
        own: list[dict] = []
        if found.target == STAY and not found.setter and not any(
                isinstance(n, Macro) and n.name in _SETS | _GOES | _LOGIC
                for n in _outside_links(found.body)):
            self.note("approximated", found, f"{_short(found.raw)} only shows more: what it "
                      "shows is shown at once")
            return self.render(found.body, conditions, False, lines)[1]
        if found.setter:
            setter = self.context.effects(Macro(found.raw, "set", found.setter, found.at))
            if setter is None:
                self.note("not converted", found, f"the change [{_short(found.setter)}] made "
                          f'by the link "{found.text}" is not a simple change')
            own += setter or []
        own += self.link_body(found)
        self.out.links.append((found, conditions, own))
        self.add(lines, OPEN + found.text + CLOSE)
        return 1

    def link_body(self, found: Link) -> list[dict]:
        """The effects of what a link macro runs when chosen, in order."""
        effects: list[dict] = []
        body = list(found.body)
        while any(isinstance(n, Container) and n.name == "included" for n in body):
            body = [part for n in body for part in (
                n.body if isinstance(n, Container) and n.name == "included" else [n])]
        for node in body:
            if isinstance(node, Macro) and node.name in _SETS:
                made = self.context.effects(node)
                if made is None:
                    self.note("not converted", node, f"{_short(node.raw)} in the link "
                              f'"{found.text}" is not a simple change')
                effects += made or []
            elif isinstance(node, Macro) and (node.name in _GOES or node.name in (
                    "back", "return", "undo") or not node.name or node.name == "comment"):
                continue
            elif isinstance(node, str):
                if node.strip():
                    self.note("approximated", found, f'the text shown after choosing "{found.text}"'
                              f' was left out: "{_short(node, 50)}"')
            elif _changes_anything(node):
                self.note("not converted", node, f"{_short(_raw(node))} in the link "
                          f'"{found.text}" changes the story only sometimes')
            else:
                self.note("dropped", node, f'{_short(_raw(node))} in the link "{found.text}"')
        if found.target == STAY and effects:
            self.note("approximated", found, f'choosing "{found.text}" shows the passage again '
                      "(in Twine it stays where it is)")
        return effects

    def macro(self, node: Macro, conditions: tuple[str, ...], top: bool,
              lines: list[list[Variant]]) -> None:
        name = node.name
        if name in _SETS:
            effects = self.context.effects(node)
            if effects is None:
                self.note("not converted", node, f"{_short(node.raw)} is not a simple change "
                          "(only numbers, texts and true/false, set or stepped)")
            elif not top:
                self.note("not converted", node, f"{_short(node.raw)} happens only under a "
                          "condition, which the format cannot say here")
            else:
                names = {next(k for k in e if k not in ("why", "tag", "to")) if "set" not in e
                         and "clear" not in e else e.get("set") or e.get("clear")
                         for e in effects}
                kind = "cset" if conditions else "set"
                self.out.timeline.append((kind, (effects, node.raw, conditions), names, node.at))
                self.note("converted", node, f"{_short(node.raw)} became effects"
                          + (" under a condition" if conditions else ""))
        elif name in _GOES:
            target = goes_to([node])
            if top and target and target != STAY:
                going = Link("Continue", target, None, node.raw, node.at)
                if conditions:
                    self.out.redirects.append((going, conditions))
                else:
                    self.out.redirect = going
                self.note("approximated", node, f"{_short(node.raw)} became a \"Continue\" "
                          "to the passage it goes to" + (", shown only under its condition"
                                                         if conditions else ""))
            else:
                self.note("not converted", node, f"{_short(node.raw)} goes on only under a "
                          "condition, which the format cannot say")
        elif name in ("include", "display") or (name == "insert" and
                                                node.args.startswith("embed passage")):
            self.note("not converted", node, f"{_short(node.raw)} shows a passage that could "
                      "not be copied in (it is missing, shows itself, or copies too many)")
        elif name == "comment":
            self.note("converted", node, "a comment was left out")
        elif name == "img":
            self.note("dropped", node, f"the image {_short(node.raw)}: add the picture to the "
                      "scenario's assets")
        elif name == "":
            if re.match(r"<br\s*/?>", node.raw, re.IGNORECASE):
                self.add(lines, "\n")
            self.note("converted", node, "HTML tags were taken out of the text")
        elif name == "script" and _only_shows(node.raw):
            self.note("approximated", node, f"{_short(node.raw)} shows a value: it was left "
                      "out of the text")
        elif name in _LOGIC:
            self.note("not converted", node, f"{_short(node.raw)} can change the story, and "
                      "cannot be converted" if name != "script" else f"the JavaScript "
                      f"{_short(node.raw)} may change the story, and cannot be converted")
        elif name == "style":
            self.note("dropped", node, f"the stylesheet {_short(node.raw)}")
        elif name == "insert" and re.search(r"\bfor\s*:", node.args):
            self.note("not converted", node, f"{_short(node.raw)} lets the reader set a "
                      "variable, which a scenario cannot do")
        elif name in _PRINT or name == "insert":
            self.note("approximated", node, f"{_short(node.raw)} shows a value or a control: "
                      "it was left out of the text")
        elif name == "modifier":
            logic = re.match(r"(if|unless|else|after|continue)\b", node.args, re.IGNORECASE)
            self.note("not converted" if logic and logic.group(1).lower() in (
                "if", "unless", "else") else "dropped", node, f"the Chapbook modifier {node.raw}")
        else:
            self.note("dropped", node, f"{_short(node.raw)} (not a part of the scenario format)")

    def container(self, node: Container, conditions: tuple[str, ...], top: bool,
                  lines: list[list[Variant]]) -> int:
        if node.name in _LATER:
            self.note("approximated", node, f"{_short(node.raw)}: what it shows after a while "
                      "is shown at once")
            return self.render(node.body, conditions, top, lines)[1]
        if node.name in _PASS or any(word in node.name for word in ("style", "colour", "color",
                                                                    "font", "t8n", "align")):
            if node.name != "included":
                self.note("converted", node, f"{_short(node.raw)} (how the text looks) was "
                          "taken out")
            if node.name == "included":
                self.context.enter(node.args)
                try:
                    return self.render(node.body, conditions, top, lines)[1]
                finally:
                    self.context.leave()
            if node.name == "silently":
                _, together = self.render(node.body, conditions, top, [[((), "")]])
                return together
            return self.render(node.body, conditions, top, lines)[1]
        if _changes_anything(node):
            self.note("not converted", node, f"{_short(node.raw)} can change the story, and "
                      "cannot be converted")
        else:
            self.note("dropped", node, f"{_short(node.raw)} and what it holds")
        return 0

    def block(self, block: Block, conditions: tuple[str, ...], top: bool,
              lines: list[list[Variant]]) -> int:
        if len(block.branches) == 1 and re.fullmatch(r"time\s*>=?\s*\d+(?:\.\d+)?m?s",
                                                     block.branches[0].condition or ""):
            self.note("approximated", block, f"{_short(block.branches[0].opening)}: what it "
                      "shows after a while is shown at once")  # Harlowe: time since shown
            return self.render(block.branches[0].body, conditions, top, lines)[1]
        tests, reads = [], set()
        for branch in block.branches:
            if branch.condition is None:
                tests.append("")
                continue
            test, names = self.context.condition(branch.condition, branch.negate)
            tests.append(test)
            reads |= names
        self.out.timeline.append(("read", None, reads, block.at))
        if not block.closed or None in tests or block.alone:
            why = ("it is never closed" if not block.closed else "it follows no (if:) of its "
                   "own" if block.alone else "its test cannot be converted")
            if any(_changes_anything(n) for b in block.branches for n in b.body) or any(
                    isinstance(n, Link) or is_link_macro(n) for b in block.branches
                    for n in walk(b.body)):
                self.note("not converted", block, f"{_short(block.branches[0].opening)}: {why}")
            else:
                self.note("approximated", block, f"{_short(block.branches[0].opening)}: {why}; "
                          "the text of every branch is shown")
            together = 0
            for branch in block.branches:
                together += self.render(branch.body, conditions, False, lines)[1]
            return together
        if not self.conditional:
            self.note("approximated", block, f"{_short(block.branches[0].opening)}: text in an "
                      "ending cannot depend on a condition; every branch is shown")
            for branch in block.branches:
                self.render(branch.body, conditions, False, lines)
            return 0
        alternatives, before, together = [], [], 0
        for branch, test in zip(block.branches, tests):
            whole = _all_of(tuple(_negate(t) for t in before) + ((test,) if test else ()))
            before.append(test)
            sub, count = self.render(branch.body, conditions + (whole,), top)
            together = max(together, count)
            alternatives.append(((whole,), sub))
        if block.branches[-1].condition is not None:  # no else: nothing shown otherwise
            alternatives.append(((_all_of(tuple(_negate(t) for t in before)),), [[((), "")]]))
        if not branch_out(lines, alternatives):
            self.note("approximated", block, f"{_short(block.branches[0].opening)}: the line has "
                      f"more than {MAX_VARIANTS} versions; only the first {MAX_VARIANTS} are kept")
        return together


def _only_shows(raw: str) -> bool:
    """Snowman's `<%= value %>`: it prints, and changes nothing (no assignment, no call)."""
    return raw.startswith("<%=") and not re.search(r"=(?!=)|\+\+|--|\(", raw[3:-2])


def _outside_links(nodes: list[Node]) -> list[Any]:
    """Every node, as walk() gives them, but not what is inside a link or link macro."""
    found = []
    for node in nodes:
        found.append(node)
        if isinstance(node, Link) or is_link_macro(node):
            continue
        if isinstance(node, Block):
            for branch in node.branches:
                found += _outside_links(branch.body)
        elif isinstance(node, Container):
            found += _outside_links(node.body)
    return found


def _raw(node: Any) -> str:
    """How a node was written (an if block: its first test)."""
    return node.branches[0].opening if isinstance(node, Block) else getattr(node, "raw", "")


def _changes_anything(node: Any) -> bool:
    """Whether a node sets a variable, goes somewhere or links, anywhere inside it."""
    for inner in walk([node]):
        if isinstance(inner, Link) or is_link_macro(inner):
            return True
        if isinstance(inner, Macro) and (inner.name in _SETS | _GOES | _LOGIC and not (
                inner.name == "script" and _only_shows(inner.raw))):
            return True
    return False


def _negate(condition: str) -> str:
    if condition.startswith("not ") and re.fullmatch(r"not \w+", condition):
        return condition[4:]
    return f"not {condition}" if re.fullmatch(r"\w+", condition) else f"not ({condition})"


def _all_of(conditions: tuple[str, ...]) -> str:
    unique = list(dict.fromkeys(c for c in conditions if c))
    if len(unique) == 1:
        return unique[0]
    return " and ".join(f"({c})" if " or " in c else c for c in unique)


def _short(raw: str, limit: int = 70) -> str:
    text = " ".join(raw.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _join(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...] | None:
    """Both sets of conditions, or None when one contradicts the other."""
    joined = tuple(dict.fromkeys(c for c in first + second if c))
    present = set(joined)
    if any(_negate(c) in present for c in joined):
        return None
    return joined


def branch_out(lines: list[list[Variant]],
               alternatives: list[tuple[tuple[str, ...], list[list[Variant]]]]) -> bool:
    """Continue `lines` with one of several renderings, each under its own conditions: the
    first line of each joins the line being written (as a variant of it), the rest follow.
    Contradictory variants are left out; False if a line had to be cut to MAX_VARIANTS."""
    open_line = lines.pop()
    still_open: list[Variant] = []
    whole = True
    for conditions, sub in alternatives:
        first = []
        for c, text in open_line:
            for sc, more in sub[0]:
                joined = _join(c, conditions + sc)
                if joined is not None:
                    first.append((joined, text + more))
        if len(sub) == 1:
            still_open += first
            continue
        lines.append(first)
        lines.extend([(conditions + sc, more) for sc, more in line] for line in sub[1:-1])
        still_open += [(conditions + sc, more) for sc, more in sub[-1]]
    if len(still_open) > MAX_VARIANTS:
        still_open, whole = still_open[:MAX_VARIANTS], False
    lines.append(still_open)
    return whole
