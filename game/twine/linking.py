"""The links of one Twine passage, for `python main.py import`: each link, link macro or
image link becomes a choice with its conditions and its own effects (the changes its body or
setter makes when chosen); one that goes to a web address, a variable or nowhere is reported.
Also the questions the renderer asks of any node: whether it can change the story. Linker is
a part of game/twine/render.py's Renderer, kept here so each file has one job.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .body import Block, Container, Link, Macro, Node, walk
from .lines import CLOSE, OPEN, Variant, all_of, negate, short
from .links import STAY, URL, goes_to, is_link_macro, is_restart, page_only, script_code

SETS = {"set", "put"}
GOES = {"goto", "go-to", "redirect"}
LOGIC = {"run", "script", "remember", "forget", "restart", "save-game", "load-game", "move",
          "unset", "reload", "undo", "loadgame", "savegame", "forget-visits", "forget-undos",
          "erase", "state"}
# link macros that the reader can choose only once: they replace themselves with what they show
_ONCE = re.compile(r"<<link(?:replace|append|prepend)\b|\((?:link|link-reveal|link-replace|click|"
                   r"click-replace|click-append|click-prepend|mouseover|mouseout)\s*:|"
                   r"\{reveal link", re.IGNORECASE)


_QUOTED = re.compile(r"""\s*(["'])((?:(?!\1)[^\\])*)\1\s*""")


def evaluated_names(found: Link, passages: dict) -> Link:
    """SugarCube evaluates the parts of a [[link]] that are not plain names: a target that
    is no passage's name, and any text, are read as an expression when they can be. A quoted
    text ("Phone") is the one expression here whose value is known without running the
    story: the text without its quotes (an empty one leaves the words as written)."""
    target, text = found.target, found.text
    quoted = _QUOTED.fullmatch(target)
    if target not in passages and quoted and quoted.group(2).strip():
        target = quoted.group(2)
    quoted = _QUOTED.fullmatch(text)
    if quoted and quoted.group(2).strip():
        text = quoted.group(2)
    if (target, text) == (found.target, found.text):
        return found
    return replace(found, target=target, text=text)  # the node is shared: a changed copy


class Linker:
    """The links of a passage; a part of game/twine/render.py's Renderer."""

    context: Any
    out: Any

    def link(self, found: Link, conditions: tuple[str, ...], lines: list[list[Variant]]) -> int:
        if self.context.dialect in ("sugarcube", "") and found.raw.startswith(("[[", "[img[")):
            read = evaluated_names(found, self.context.by_name)  # a story of no known format:
            if self.context.dialect or (read.target != found.target and  # only when the name
                                        read.target in self.context.by_name):  # needs it
                found = read
        if URL.match(found.target):
            self.note("approximated", found, f"{short(found.raw)} is a web link: its words "
                      "are kept as text, not as a choice")
            self.add(lines, found.text)
            return 0
        if re.fullmatch(r"`?passage\(\)`?", found.target):  # SugarCube: this passage again
            found = replace(found, target=self.context.context_name)  # the node is shared
        if re.search(r"(?<![\w$])[$_][A-Za-z]\w*|\(\w[\w-]*:|<%|\w\(", found.target) and \
                found.target != STAY and \
                found.target not in self.context.by_name:
            self.note("not converted", found, f"{short(found.raw)} goes to a passage named by a "
                      "variable, which the format cannot say")
            return 0
        own: list[dict] = []
        if found.target == STAY and not found.setter and not any(
                isinstance(n, Macro) and n.name in SETS | GOES | LOGIC
                for n in outside_links(found.body)):
            self.note("approximated", found, f"{short(found.raw)} only shows more: what it "
                      "shows is shown at once")
            return self.render(found.body, conditions, False, lines)[1]
        if found.raw.startswith("[img["):
            self.note("dropped", found, f"the image in {short(found.raw)}: add the picture to "
                      "the scenario's assets (the link is a choice)")
        if found.setter:
            setter = self.context.effects(Macro(found.raw, "set", found.setter, found.at))
            if setter is None:
                self.note("not converted", found, f"the change [{short(found.setter)}] made "
                          f'by the link "{found.text}" is not a simple change')
            own += setter or []
        self.split = None
        own += self.link_body(found)
        if self.split:  # one choice per outcome of the test in the link's body
            where, branches = self.split
            where += len(own) - len(self.link_effects)
            for test, effects, target in branches:
                self.out.links.append((replace(found, target=target or found.target),
                                       conditions + ((test,) if test else ()),
                                       own[:where] + effects + own[where:]))
        elif found.target == STAY and found.raw.lower().startswith("(click:"):
            self.clicks.append((found, conditions, own))  # see finish()
        else:
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
            if isinstance(node, Macro) and node.name in SETS:
                made = self.context.effects(node)
                if made is None:
                    self.note("not converted", node, f"{short(node.raw)} in the link "
                              f'"{found.text}" is not a simple change')
                effects += made or []
            elif is_restart(node) or isinstance(node, Macro) and (
                    node.name in GOES or node.name in ("back", "return", "undo") or
                    not node.name or node.name == "comment"):  # where it goes: its target
                continue
            elif isinstance(node, str):
                if node.strip():
                    self.note("approximated", found, f'the text shown after choosing "{found.text}"'
                              f' was left out: "{short(node, 50)}"')
            elif isinstance(node, Block) and self.split is None and \
                    (branches := self.split_block(node, found, effects)) is not None:
                self.split = (len(effects), branches)
                self.note("converted", node, f"{short(raw_of(node))} in the link "
                          f'"{found.text}": one choice for each outcome of its test')
            elif changes_anything(node):
                self.note("not converted", node, f"{short(raw_of(node))} in the link "
                          f'"{found.text}" changes the story only sometimes')
            else:
                self.note("dropped", node, f'{short(raw_of(node))} in the link "{found.text}"')
        if found.target == STAY and any("set" not in e and "clear" not in e for e in effects) \
                and _ONCE.match(found.raw):
            self.note("not converted", found, f'"{found.text}" can be chosen only once in Twine, '
                      "and its change adds up: as a choice it could be taken again and again")
        elif found.target == STAY and effects:
            self.stays(found)
        self.link_effects = effects
        return effects

    def split_block(self, block: Block, found: Link, before: list[dict]
                    ) -> list[tuple[str, list[dict], str | None]] | None:
        """An if block in a link's body as (test, effects, where it goes) per outcome, when
        each branch only changes variables and goes somewhere. Twine tests it when the link
        is chosen, the scenario when the choices are shown: the same, unless the link's body
        changed what it reads before it (then None), or the passage changes it after it is
        shown (then check's order rule reports it: the test is read at the passage's end)."""
        if not block.closed or block.alone:
            return None
        changed = effect_names(before)
        tests: list[str] = []
        reads: set[str] = set()
        branches = []
        for branch in block.branches:
            test = ""
            if branch.condition is not None:
                test, names = self.context.condition(branch.condition, branch.negate)
                if test is None or names & changed:
                    return None
                reads |= names
            whole = all_of(tuple(negate(t) for t in tests if t) + ((test,) if test else ()))
            tests.append(test)
            effects, target = [], None
            for node in branch.body:
                if isinstance(node, Macro) and node.name in SETS:
                    made = self.context.effects(node)
                    if made is None:
                        return None
                    effects += made
                elif isinstance(node, Macro) and node.name in GOES and target is None:
                    target = goes_to([node])
                    if target not in self.context.by_name:
                        return None
                elif not (isinstance(node, str) or (isinstance(node, Macro) and (
                        not node.name or node.name == "comment"))):
                    return None
            branches.append((whole, effects, target))
        if block.branches[-1].condition is not None:
            branches.append((all_of(tuple(negate(t) for t in tests if t)), [], None))
        self.late_reads |= reads
        return branches

    def stays(self, found: Link) -> None:
        """Report a link with changes that stays in the passage (a choice back to its scene)."""
        if found.raw.lower().startswith("(click:"):
            return  # said in finish(), once it is known whether a link takes its changes
        self.note("approximated", found, f'choosing "{found.text}" shows the passage again '
                  "(in Twine it stays where it is)")

    def finish(self) -> None:
        """After the whole passage: a Harlowe `(click: "words")` on the words of one of the
        passage's links runs its changes when that link is chosen (it is no choice of its
        own); any other is a choice that stays."""
        if self.late_reads:  # tests in link bodies: read after everything the passage does
            self.out.timeline.append(("read", None, set(self.late_reads), -1))
        for found, conditions, own in self.clicks:
            same = [link for link in self.out.links if link[0].text == found.text and
                    link[0].target != STAY]
            for link in same:
                link[2].extend(own)
            if same:
                self.note("converted", found, f"{short(found.raw)}: its changes happen when the "
                          f'link "{found.text}" is chosen')
            else:
                self.out.links.append((found, conditions, own))
                if own:
                    self.note("approximated", found, f'choosing "{found.text}" shows the passage '
                              "again (in Twine it stays where it is)")


def only_shows(raw: str) -> bool:
    """Snowman's `<%= value %>`: it prints, and changes nothing (no assignment, no call)."""
    return raw.startswith("<%=") and not re.search(r"=(?!=)|\+\+|--|\(", raw[3:-2])


def effect_names(effects: list[dict]) -> set[str]:
    """The variables a list of our effects changes."""
    return {e.get("set") or e.get("clear") or next(k for k in e if k not in ("why", "tag", "to"))
            for e in effects}


def outside_links(nodes: list[Node]) -> list[Any]:
    """Every node, as walk() gives them, but not what is inside a link or link macro."""
    found = []
    for node in nodes:
        found.append(node)
        if isinstance(node, Link) or is_link_macro(node):
            continue
        if isinstance(node, Block):
            for branch in node.branches:
                found += outside_links(branch.body)
        elif isinstance(node, Container):
            found += outside_links(node.body)
    return found


def raw_of(node: Any) -> str:
    """How a node was written (an if block: its first test)."""
    return node.branches[0].opening if isinstance(node, Block) else getattr(node, "raw", "")


def changes_anything(node: Any) -> bool:
    """Whether a node sets a variable, goes somewhere or links, anywhere inside it."""
    for inner in walk([node]):
        if isinstance(inner, Link) or is_link_macro(inner):
            return True
        if isinstance(inner, Macro) and (inner.name in SETS | GOES | LOGIC and not (
                inner.name == "script" and only_shows(inner.raw))):
            return True
        code = script_code(inner)
        if code is not None and not page_only(code):
            return True
    return False
