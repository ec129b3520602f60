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
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from .body import Block, Container, Link, Macro, Node, walk
from .includes import why_not_included
from .lines import MAX_VARIANTS, Variant, all_of, branch_out, negate, short
from .linking import GOES, LOGIC, SETS, Linker, changes_anything, only_shows, raw_of
from .links import STAY, fix_target, goes_to, is_link_macro, links_of, page_only, script_code
from .printing import PRINTS, Printer

_ALERT = re.compile(  # a pop-up message: its words can be a line of the text
    r"""\s*(?:UI\.alert|window\.alert|alert)\(\s*(["'])((?:(?!\1).)*)\1\s*\)\s*;?\s*""")
_HIDDEN = re.compile(r"""<([A-Za-z][\w-]*)\b[^>]*?(?:\shidden\b|style\s*=\s*["'][^"']*"""
                     r"""display\s*:\s*none)""", re.IGNORECASE)
_TAG_CODE = re.compile(r"^<script\b[^>]*>|</script\s*>$", re.IGNORECASE)
_PLAYER = r"""<script\b[^>]*\bsrc=["']?https?://[^>]*>\s*</script\s*>"""  # a web library: a player
_PASS = {"nobr", "silently", "capture", "type", "included", "text-style", "font", "align",
         "text-colour", "text-color", "colour", "color", "css", "transition", "t8n",
         "transition-time", "t8n-time", "text-size", "size", "box", "float-box", "opacity",
         "border", "border-colour", "corner-radius", "text-indent", "text-rotate", "hook",
         "background", "bg", "char-style", "line-style", "link-style", "transition-delay",
         "verbatim", "v6m", "collapse", "nobr", "b4r", "b4r-colour", "hover-style"}
_LATER = {"timed", "next", "live", "after", "type", "typewriter"}  # shows its body after a delay

class Context(Protocol):
    dialect: str  # "sugarcube", "harlowe", "chapbook", "snowman" or ""
    rename: dict[str, str]  # Twine variable -> ours
    by_name: dict[str, Any]  # the story's passages by name

    widgets: dict[str, bool]  # the story's widgets: whether each can change the story
    widget_links: dict[str, list[Link]]  # widgets that change it only by showing these links
    script_macros: set[str]  # the macros the story's JavaScript adds
    temps: dict[str, str]  # a passage's own variable -> the temporary `_name` it was
    only_shown: set[str]  # variables the story only shows, never tests

    def printed(self, name: str) -> list[tuple[str, str]] | None: ...
    def condition(self, source: str, unless: bool) -> tuple[str | None, set[str]]: ...
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


class Renderer(Linker, Printer):
    def __init__(self, context: Context, start: str, conditional: bool):
        self.context, self.start, self.conditional = context, start, conditional
        self.out = Rendered()
        self.clicks: list[tuple[Link, tuple[str, ...], list[dict]]] = []
        self.late_reads: set[str] = set()  # what tests in link bodies read
        self.stopped = False  # a Harlowe (go-to:) was met: the rest of the passage never runs
        self.hiding: list | None = None  # [tag, depth] of a hidden HTML element being read
        self.split, self.link_effects = None, []  # the link being read (Linker)

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
            if self.stopped:  # Harlowe: after (go-to:) nothing more of the passage runs
                self.note("dropped", node, "what follows (go-to:) is never shown or run in "
                          "Harlowe: it was left out")
                break
            if self.hiding:
                self.hidden(node)
            elif isinstance(node, str):
                self.text(node, lines)
            elif isinstance(node, Link):
                together += self.link(fix_target(node), conditions, lines)
            elif isinstance(node, Block):
                together += self.block(node, conditions, top, lines)
            elif is_link_macro(node):
                made = links_of(node, self.start)
                if not made:
                    self.note("dropped", node, f"{short(node.raw)} (a link macro with no "
                              "passage to go to)")
                    continue
                for found in made:
                    once = self.context.condition(f'visited("{found.target}")', True)[0] \
                        if node.name == "actions" else None
                    if once:  # each <<actions>> link is used once
                        self.note("approximated", node, f'{short(node.raw)}: "{found.text}" is '
                                  "offered until the passage it leads to has been seen")
                    together += self.link(found, conditions + ((once,) if once else ()), lines)
            elif isinstance(node, Container):
                together += self.container(node, conditions, top, lines)
            else:
                self.macro(node, conditions, top, lines)
        return lines, together

    def macro(self, node: Macro, conditions: tuple[str, ...], top: bool,
              lines: list[list[Variant]]) -> None:
        name = node.name
        if name in SETS:
            effects = self.context.effects(node)
            if effects is None:
                self.note("not converted", node, f"{short(node.raw)} is not a simple change "
                          "(only numbers, texts and true/false, set or stepped)")
            elif not effects:
                pass  # it only sets looks: recorded as dropped where it was read
            elif not top and not self.conditional:
                self.note("dropped", node, f"{short(node.raw)} is in a passage with no way on, "
                          "so it changes nothing that follows")
            elif not top:
                self.note("not converted", node, f"{short(node.raw)} happens only under a "
                          "condition, which the format cannot say here")
            else:
                names = {next(k for k in e if k not in ("why", "tag", "to")) if "set" not in e
                         and "clear" not in e else e.get("set") or e.get("clear")
                         for e in effects}
                kind = "cset" if conditions else "set"
                self.out.timeline.append((kind, (effects, node.raw, conditions), names, node.at))
                self.note("converted", node, f"{short(node.raw)} became effects"
                          + (" under a condition" if conditions else ""))
        elif name in GOES:
            target = goes_to([node])
            if top and target and target != STAY:
                going = Link("Continue", target, None, node.raw, node.at)
                if conditions:
                    self.out.redirects.append((going, conditions))
                else:
                    self.out.redirect = going
                    self.stopped = node.raw.startswith("(")  # Harlowe stops; SugarCube goes on
                self.note("approximated", node, f"{short(node.raw)} became a \"Continue\" "
                          "to the passage it goes to" + (", shown only under its condition"
                                                         if conditions else ""))
            else:
                self.note("not converted", node, f"{short(node.raw)} goes on only under a "
                          "condition, which the format cannot say")
        elif name in ("include", "display") or (name == "insert" and
                                                node.args.startswith("embed passage")):
            self.note("not converted", node,
                      f"{short(node.raw)} {why_not_included(node, self.context.by_name)}")
        elif name == "verbatim-text":  # `code` (Harlowe) or {{{code}}} (SugarCube)
            ends = re.match(r"`+|\{\{\{", node.raw).end()
            self.add(lines, node.raw[ends:-ends])
            self.note("converted", node, f"{short(node.raw)} is shown as written (code)")
        elif name == "comment":
            self.note("converted", node, "a comment was left out")
        elif name == "img":
            self.note("dropped", node, f"the image {short(node.raw)}: add the picture to the "
                      "scenario's assets")
        elif name == "" and re.match(r"<img\b", node.raw, re.IGNORECASE):
            source = re.search(r"""\bsrc\s*=\s*["']([^"']*)""", node.raw)
            self.note("dropped", node, f"the image {source.group(1) if source else short(node.raw)}"
                      ": add the picture to the scenario's assets")
        elif name == "insert" and re.match(r"embed (?:\w+ )?image\s*:", node.args):
            self.note("dropped", node, f"the image {short(node.raw)}: add the picture to the "
                      "scenario's assets")
        elif name == "" and _HIDDEN.match(node.raw) and not node.raw.endswith("/>"):
            self.hiding = [_HIDDEN.match(node.raw).group(1).lower(), 1]
        elif name == "":
            if re.match(r"<br\s*/?>", node.raw, re.IGNORECASE):
                self.add(lines, "\n")
            self.note("converted", node, "HTML tags were taken out of the text")
        elif name == "script" and only_shows(node.raw):
            self.note("approximated", node, f"{short(node.raw)} shows a value: it was left "
                      "out of the text")
        elif name == "script" and node.raw.lower().startswith("<script") and (
                re.fullmatch(_PLAYER, node.raw, re.I | re.S) if re.match(
                    r"<script\b[^>]*\bsrc=", node.raw, re.I) else page_only(
                    _TAG_CODE.sub("", node.raw))):
            self.note("approximated", node, f"the script {short(node.raw)} only changes the "
                      "page (a player or a look): it was left out")
        elif name in LOGIC:
            self.note("not converted", node, f"{short(node.raw)} can change the story, and "
                      "cannot be converted" if name != "script" else f"the JavaScript "
                      f"{short(node.raw)} may change the story, and cannot be converted")
        elif name == "style":
            self.note("dropped", node, f"the stylesheet {short(node.raw)}")
        elif name == "insert" and re.match(r"reveal link\s*:.*\btext\s*:\s*(['\"])(.*?)\1",
                                           node.args):
            shown = re.search(r"\btext\s*:\s*(['\"])(.*?)\1", node.args).group(2)
            self.note("approximated", node, f"{short(node.raw)}: what it reveals is shown at once")
            self.text(shown, lines)
        elif name in self.context.widgets or name in self.context.script_macros:
            self.widget(node, conditions, lines)
        elif name == "insert" and re.search(r"\bfor\s*:", node.args):
            self.note("not converted", node, f"{short(node.raw)} lets the reader set a "
                      "variable, which a scenario cannot do")
        elif name in PRINTS or (name == "insert" and re.fullmatch(r"[A-Za-z_][\w.]*", node.args)):
            self.print_macro(node, conditions, top, lines)
        elif name == "insert" or name == "display-undo":
            self.note("approximated", node, f"{short(node.raw)} shows a value or a control: "
                      "it was left out of the text")
        elif name == "modifier":
            logic = re.match(r"(if|unless|else|after|continue)\b", node.args, re.IGNORECASE)
            self.note("not converted" if logic and logic.group(1).lower() in (
                "if", "unless", "else") else "dropped", node, f"the Chapbook modifier {node.raw}")
        elif name in ("if", "unless", "else-if", "elseif", "else") and node.raw.startswith("("):
            self.note("not converted", node, f"{short(node.raw)} is attached to no hook, so "
                      "the import cannot tell what it shows")
        elif "[[" in node.args:
            self.note("not converted", node, f"{short(node.raw)} holds a link, and the macro "
                      "is not one the import knows")
        else:
            self.note("dropped", node, f"{short(node.raw)} (not a part of the scenario format)")

    def container(self, node: Container, conditions: tuple[str, ...], top: bool,
                  lines: list[list[Variant]]) -> int:
        if node.name in _LATER:
            self.note("approximated", node, f"{short(node.raw)}: what it shows after a while "
                      "is shown at once")
            return self.render(node.body, conditions, top, lines)[1]
        if node.name in _PASS or any(word in node.name for word in ("style", "colour", "color",
                                                                    "font", "t8n", "align")):
            if node.name != "included":
                self.note("converted", node, f"{short(node.raw)} (how the text looks) was "
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
        if node.name == "named-hook":  # Harlowe |name>[...]: an ordinary hook with a name
            return self.render(node.body, conditions, top, lines)[1]
        if node.name == "hidden-hook":
            if changes_anything(node):
                self.note("not converted", node, f"{short(node.raw)}...] is hidden until a "
                          "(show:) or a click reveals it, and what it holds can change the story")
            else:
                self.note("approximated", node, f"{short(node.raw)}...] is hidden until a "
                          "(show:) or a click reveals it: its text was left out")
            return 0
        if node.name == "widget":
            self.note("converted", node, f"{short(node.raw)} defines a widget: each use of it "
                      "is reported where it is")
        elif node.name in self.context.widgets or node.name in self.context.script_macros:
            self.widget(node, conditions, lines)
        elif node.name == "script" and _ALERT.fullmatch(script_code(node)):
            message = _ALERT.fullmatch(script_code(node)).group(2)
            self.note("approximated", node, f"the pop-up message {short(node.raw)} is shown as a "
                      "line of the text")
            self.add(lines, "\n\n" + message + "\n\n")  # a paragraph of its own
        elif node.name == "script" and page_only(script_code(node)):
            self.note("dropped", node, f"the JavaScript {short(node.raw)} changes only how the "
                      "page looks")
        elif node.name == "script":
            self.note("not converted", node, f"the JavaScript {short(node.raw)} may change the "
                      "story, and cannot be converted")
        elif changes_anything(node):
            self.note("not converted", node, f"{short(node.raw)} can change the story, and "
                      "cannot be converted")
        else:
            self.note("dropped", node, f"{short(node.raw)} and what it holds")
        return 0

    def hidden(self, node: Node) -> None:
        """What is inside an HTML element that is hidden (`hidden`, `display: none`): only
        code can show it, so its links and changes are not converted and its text is left
        out."""
        tag = re.match(r"<(/?)([A-Za-z][\w-]*)", node.raw) if isinstance(node, Macro) and \
            not node.name else None
        if tag and tag.group(2).lower() == self.hiding[0]:
            self.hiding[1] += -1 if tag.group(1) else 1
            if not self.hiding[1]:
                self.hiding = None
        elif isinstance(node, Link) or changes_anything(node):
            self.note("not converted", node, f"{short(raw_of(node))} is inside "
                      "hidden HTML, which only code can show")
        elif not isinstance(node, str) or node.strip():
            self.note("approximated", node, "text inside hidden HTML was left out")

    def widget(self, node: Macro | Container, conditions: tuple[str, ...],
               lines: list[list[Variant]]) -> None:
        """A use of a macro the story defines: a widget (SugarCube `<<widget>>`) is not
        copied in, so it fails loudly if it can change anything, link or go anywhere; a
        macro from the story's JavaScript always does."""
        if node.name not in self.context.widgets:
            self.note("not converted", node, f"{short(node.raw)} runs <<{node.name}>>, a macro "
                      "from the story's JavaScript, which may change the story")
        elif node.name in self.context.widget_links and not (isinstance(node, Container) and
                                                             changes_anything(node)):
            links = self.context.widget_links[node.name]
            for found in links:
                self.link(replace(found, raw=node.raw, at=node.at), conditions, lines)
            self.note("approximated", node, f"{short(node.raw)} runs the story's widget "
                      f"<<{node.name}>>: what it shows was left out, but for the links it "
                      "shows in the end (" + ", ".join(f'"{link.text}"' for link in links)
                      + "), which are offered as choices")
        elif self.context.widgets[node.name] or (isinstance(node, Container) and
                                                 changes_anything(node)):
            self.note("not converted", node, f"{short(node.raw)} runs the story's widget "
                      f"<<{node.name}>>, which can change the story; widgets are not converted")
        else:
            self.note("approximated", node, f"{short(node.raw)} runs the story's widget "
                      f"<<{node.name}>>: what it shows was left out")

    def block(self, block: Block, conditions: tuple[str, ...], top: bool,
              lines: list[list[Variant]]) -> int:
        if len(block.branches) == 1 and re.fullmatch(r"time\s*>=?\s*\d+(?:\.\d+)?m?s",
                                                     block.branches[0].condition or ""):
            self.note("approximated", block, f"{short(block.branches[0].opening)}: what it "
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
            if any(changes_anything(n) for b in block.branches for n in b.body) or any(
                    isinstance(n, Link) or is_link_macro(n) for b in block.branches
                    for n in walk(b.body)):
                self.note("not converted", block, f"{short(block.branches[0].opening)}: {why}")
            else:
                self.note("approximated", block, f"{short(block.branches[0].opening)}: {why}; "
                          "the text of every branch is shown")
            together = 0
            for branch in block.branches:
                together += self.render(branch.body, conditions, False, lines)[1]
            return together
        if not self.conditional:
            self.note("approximated", block, f"{short(block.branches[0].opening)}: text in an "
                      "ending cannot depend on a condition; every branch is shown")
            for branch in block.branches:
                self.render(branch.body, conditions, False, lines)
            return 0
        alternatives, before, together = [], [], 0
        for branch, test in zip(block.branches, tests):
            whole = all_of(tuple(negate(t) for t in before) + ((test,) if test else ()))
            before.append(test)
            sub, count = self.render(branch.body, conditions + (whole,), top)
            together = max(together, count)
            alternatives.append(((whole,), sub))
        if block.branches[-1].condition is not None:  # no else: nothing shown otherwise
            alternatives.append(((all_of(tuple(negate(t) for t in before)),), [[((), "")]]))
        if not branch_out(lines, alternatives):
            self.note("approximated", block, f"{short(block.branches[0].opening)}: the line has "
                      f"more than {MAX_VARIANTS} versions; only the first {MAX_VARIANTS} are kept")
        return together
