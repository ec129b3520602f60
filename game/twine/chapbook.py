"""Chapbook's own structure, for `python main.py import`: the vars section at the top of a
passage (`name: value` lines above a `--` line) becomes `<<set>>`-like Macro nodes, and the
modifiers `[if ...]`, `[unless ...]`, `[else]` and `[continue]` become Blocks, so the rest of
the import reads a Chapbook passage as it reads SugarCube and Harlowe (game/twine/body.py).
Standard library only; nothing here runs any code.
"""
from __future__ import annotations

import re

from .body import Block, Branch, Container, Macro, Node

_VARS_LINE = re.compile(r"[ \t]*([A-Za-z_][\w.]*)[ \t]*(\([^\n]*\))?[ \t]*:[ \t]*(\S[^\n]*)")
_DIVIDER = re.compile(r"^--[ \t]*$", re.MULTILINE)


def vars_section(text: str) -> tuple[list[Node], int]:
    """The vars section of a passage as nodes (a set, or an if block holding one for a
    `name (condition): value` line), and where the passage text after it begins."""
    divider = _DIVIDER.search(text)
    if not divider:
        return [], 0
    nodes: list[Node] = []
    position = 0
    for line in text[:divider.start()].split("\n"):
        at, position = position, position + len(line) + 1
        if not line.strip():
            continue
        match = _VARS_LINE.fullmatch(line)
        if not match:
            return [], 0  # not a vars section: "--" is just text
        name, condition, value = match.groups()
        step = re.fullmatch(rf"{re.escape(name)}\s*([+-])\s*(\d+(?:\.\d+)?)", value.strip())
        value = f"${name} {step.group(1)} {step.group(2)}" if step else value.strip()
        change = Macro(line, "set", f"${name} to {value}", at)
        if condition:
            nodes.append(Block([Branch(condition.strip()[1:-1], line, [change], at=at)], at=at))
        else:
            nodes.append(change)
    return nodes, divider.end()


def modifier_blocks(nodes: list[Node]) -> list[Node]:
    """[if x] ... [else] ... [continue] as Blocks; [note] sections left out (as a comment);
    a [JavaScript] section as a "script" Container holding its code; other modifiers kept as
    Macros for the import report."""
    out: list[Node] = []
    target, block = out, None
    for node in nodes:
        if not (isinstance(node, Macro) and node.name == "modifier"):
            target.append(node)
            continue
        first = node.args.split(";")[0].strip()  # [else; append]: append only joins lines
        word, _, rest = first.partition(" ")
        word = word.lower()
        if word in ("if", "unless"):
            branch = Branch(rest.strip(), node.raw, [], negate=word == "unless", at=node.at)
            block = Block([branch], at=node.at)
            out.append(block)
            target = branch.body
        elif word == "else" and block is not None:
            branch = Branch(None, node.raw, [], at=node.at)
            block.branches.append(branch)
            target = branch.body
        elif word == "javascript":  # what follows is code, up to the next modifier
            code = Container(node.raw, "script", "", [], "", node.at)
            out.append(code)
            target, block = code.body, None
        elif word in ("note", "notes", "todo", "fixme"):
            out.append(Macro(node.raw, "comment", node.args, node.at))
            target, block = [], None
        else:
            if not word.startswith("cont"):
                out.append(node)
            target, block = out, None
    return out
