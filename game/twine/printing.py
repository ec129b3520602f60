"""Prose and printed values in a Twine passage, for `python main.py import`: the text between
macros made plain (game/twine/links.py plain_text), and a variable's value shown in the text
(SugarCube `<<print $x>>`, `<<= $x>>` and a naked `$x`; Harlowe `(print: $x)` and `$x`;
Chapbook `{x}`) as one version of the line per value the variable can have, when the story
gives it only a few known values. Harlowe's `(cond:)` becomes an if block; `(either:)` shows
its first choice. Anything else is shown as written and reported.

Printer is a part of game/twine/render.py's Renderer, kept here so each file has one job.
"""
from __future__ import annotations

import re
from typing import Any

from .body import Block, Branch, Macro
from .expr import flat_name, literal_value, split_top
from .lines import Variant, branch_out, short
from .links import IMAGE, plain_text

# A variable shown in prose. SugarCube's naked variables take parts (`$a.b`, `$a[0]`);
# Harlowe's are names only (its temporary `_x` became `$x_in_passage`, game/twine/temps.py).
_NAKED = {
    "sugarcube": re.compile(
        r"\$[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[(?:\d+|'[^'\n]*'|\"[^\"\n]*\")\])*"),
    "harlowe": re.compile(r"\$[A-Za-z_]\w*"),
}
_VARIABLE = re.compile(r"\s*\$?([A-Za-z_][\w.]*(?:\[(?:\d+|'[^']*'|\"[^\"]*\")\])*)\s*")
INPUTS = {"textbox", "textarea", "numberbox", "cycle", "listbox", "checkbox", "radiobutton",
           "input-box", "force-input-box", "dropdown", "cycling-link", "seq-link", "input",
           "force-input", "checkbox-fullscreen"}
PRINTS = {"print", "=", "-", "v6m-print", "verbatim-print", "cond", "either", "nth"} | INPUTS


class Printer:
    """Prose and printed values; the Renderer supplies context, note(), add() and block()."""

    context: Any

    def text(self, text: str, lines: list[list[Variant]]) -> None:
        text, taken = plain_text(text)
        for what, first in taken:
            if what == IMAGE:
                self.context.record("dropped", -1, f"{first}: {what}", first)
            else:
                self.context.record("converted", -1, f"{what} became plain text", first)
        naked = _NAKED.get(self.context.dialect)
        if naked is None or "$" not in text:
            self.add(lines, text)
            return
        position = 0
        for match in naked.finditer(text):
            self.add(lines, text[position:match.start()])
            self.show_value(match.group(), -1, lines)
            position = match.end()
        self.add(lines, text[position:])

    def show_value(self, written: str, at: int, lines: list[list[Variant]],
                   raw: str = "") -> None:
        """A variable's value in the text: a version of the line per value it can have, or
        (when they are unknown or many, or in an ending) the variable as written."""
        name = flat_name(written.lstrip("$"))
        shown = self.context.printed(name) if name and self.conditional else None
        written = self.context.temps.get(name, written)  # as the story wrote it
        raw = raw or written
        if shown is None and raw == written:
            self.context.record("approximated", at, f"{written} is shown in the text as "
                                "written, not as its value", raw)
            self.add(lines, written)
            return
        if shown is None:
            self.context.record("approximated", at, f"{short(raw)} shows a value or a "
                                "control: it was left out of the text", raw)
            return
        ours = self.context.rename.get(name, name)
        self.out.timeline.append(("read", None, {ours}, at))
        alternatives = [((condition,), [[((), text)]]) for condition, text in shown]
        if branch_out(lines, alternatives):
            self.context.record("converted", at, f"{short(raw)} is shown as its value" + (
                f": one version of the line for each of its {len(shown)} values"
                if len(shown) > 1 else ""), raw)
        else:
            self.context.record("approximated", at, f"{short(raw)}: the line has too many "
                                "versions; only the first are kept", raw)

    def print_macro(self, node: Macro, conditions: tuple[str, ...], top: bool,
                    lines: list[list[Variant]]) -> None:
        """`<<print>>`, `<<=>>`, `(print:)`, `(cond:)`, `(either:)`, a Chapbook `{x}` insert,
        and the macros that show a control for the reader to fill in."""
        name, args = node.name, node.args
        if name in INPUTS:
            receives = re.search(r"\$[A-Za-z_]\w*|\b_[A-Za-z]\w*", args)
            if receives and receives.group()[1:] in self.context.only_shown:
                self.note("approximated", node, f"{short(node.raw)} lets the reader type in "
                          f"{receives.group()}, which the story only shows and never tests: the "
                          f"box was left out, and the text shows {receives.group()} as written")
            elif receives or name in ("textbox", "textarea", "numberbox", "dropdown"):
                self.note("not converted", node, f"{short(node.raw)} lets the reader set "
                          f"{receives.group() if receives else 'a variable'}, which a "
                          "scenario cannot do")
            else:
                self.note("approximated", node, f"{short(node.raw)} shows a control: it was "
                          "left out of the text")
            return
        if "[[" in args or "<<" in args:  # it shows a link or a macro made by code
            self.note("not converted", node, f"{short(node.raw)} shows a link or a macro that "
                      "code chooses, which the format cannot say")
            return
        if name == "cond":
            self.harlowe_cond(node, conditions, top, lines)
            return
        parts = split_top(args, ",")
        if name == "either" and parts and isinstance(literal_value(parts[0]), str):
            self.note("approximated", node, f"{short(node.raw)} shows one of its words at "
                      "random: the first is always shown")
            self.add(lines, literal_value(parts[0]))
            return
        variable = _VARIABLE.fullmatch(args) if name != "either" else None
        literal = literal_value(args.strip()) if name != "either" else None
        if isinstance(literal, (str, int, float)) and not isinstance(literal, bool):
            self.note("converted", node, f"{short(node.raw)} became its text")
            self.text(str(literal), lines)
        elif variable and (args.strip().startswith("$") or name == "insert"):
            self.show_value("$" + variable.group(1), node.at, lines, node.raw)
        else:
            self.note("approximated", node, f"{short(node.raw)} shows a value or a control: "
                      "it was left out of the text")

    def harlowe_cond(self, node: Macro, conditions: tuple[str, ...], top: bool,
                     lines: list[list[Variant]]) -> None:
        """`(cond: test, "a", test2, "b", "c")`: the text of the first test that holds (the
        last, lone value otherwise), read as the if block it means."""
        parts = split_top(node.args, ",")
        values = parts[1::2] if len(parts) % 2 == 0 else parts[1::2] + parts[-1:]
        if len(parts) < 2 or not all(isinstance(literal_value(v), str) for v in values):
            self.note("approximated", node, f"{short(node.raw)} shows a value that is not a "
                      "plain text: it was left out of the text")
            return
        branches = [Branch(parts[i], node.raw, [literal_value(parts[i + 1])], at=node.at)
                    for i in range(0, len(parts) - 1, 2)]
        if len(parts) % 2:
            branches.append(Branch(None, node.raw, [literal_value(parts[-1])], at=node.at))
        self.block(Block(branches, at=node.at), conditions, top, lines)


def shown_value(value: Any) -> str:
    """A value as Twine prints it: true/false, numbers as JavaScript writes them, text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
