"""The variables of a Twine story as the import sets them up, before any passage is converted
(game/twine/convert.py): what a variable is before the story sets it (the unset rule), which
variables have no starting value and which get a defined/unset flag (game/twine/unset.py,
game/twine/defined.py), the steps that would make a NaN, the ranges kept
(game/twine/ranges.py), each variable's kind, scenario name and starting value, and what is
known of the values each can have (game/twine/values.py).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..story.conditions import BOOL, NUMBER, TEXT
from ..story.model import HEADLINE
from .body import Link, Macro, Node, walk
from .defined import flag_trees
from .expr import condition_tokens, kind_of, kinds_in, parse_sets
from .printing import PRINTS
from .ranges import keep_ranges, kept
from .unset import given_at_start, tested_names, unproven_steps
from .values import known_values, only_shown, style_variables

if TYPE_CHECKING:
    from .convert import _Converter

_RESERVED = {"true", "false", "and", "or", "not", "visited", "visits", *HEADLINE}
# What a variable no start-up passage sets is until the story sets it (game/twine/unset.py):
# JavaScript's undefined, Harlowe's 0, or either (the format is not known). Snowman's tests
# are JavaScript, which the import does not convert.
_UNSET_RULE = {"sugarcube": "undefined", "chapbook": "undefined", "harlowe": "zero",
               "": "either"}
_HARLOWE_MACRO = re.compile(r"\((?:set|put|if|else-if|unless|print|link-goto|go-to):",
                            re.IGNORECASE)
# Why, under each unset rule, a comparison of a variable with no starting value is not
# converted (game/twine/convert.py notes it).
UNSET_WHY = {"undefined": "until the story sets it, it is undefined in Twine, which "
             "compares unlike 0, false or \"\"",
             "zero": "until the story sets it, it is 0 in Harlowe, which is no text and "
             "no true/false, and cannot be put in order with them",
             "either": "the story format is not known, and SugarCube (undefined) and "
             "Harlowe (0) compare a variable not set yet differently"}


def set_up_variables(conv: _Converter, widgets: list[list[Node]], changers: set[str],
                     code: str) -> None:
    """Give the converter, once its passages are read and their own temporary variables
    renamed, everything it knows of the story's variables: unset_rule, unset, flags (with
    the trees that test them rewritten), nan_steps, ranges (with the trees rewritten),
    kinds, assigned, rename, names, start, values, only_shown and style_variables.
    `widgets` are the widgets' trees (read only), `changers` the macros that can change a
    variable, `code` the story's JavaScript."""
    story = conv.story
    conv.unset_rule = _UNSET_RULE.get(story.dialect, "")  # what a variable is before set
    if not story.dialect:  # the format is not known: its markup may still tell
        text = "".join(p.text for p in story.passages)
        sugarcube, harlowe = "<<" in text, bool(_HARLOWE_MACRO.search(text))
        conv.unset_rule = "undefined" if sugarcube and not harlowe else \
            "zero" if harlowe and not sugarcube else "either"
    chapbook = story.dialect == "chapbook"
    conv.unset = (tested_names(conv.read_trees, chapbook) - given_at_start(
        [conv.trees[p.name] for p in conv.starting], conv.trees[story.start]) -
        set(conv.temps)) if conv.unset_rule else set()
    conv.flags = {}
    if conv.unset or story.dialect in ("sugarcube", ""):  # def $x, ndef $x: a flag each
        asked = story.dialect in ("sugarcube", "")
        conv.trees, conv.read_trees, conv.flags = flag_trees(
            conv.trees, conv.read_trees, widgets, changers, code, conv.taken, asked,
            tested_names(conv.read_trees, chapbook, conv.unset, conv.unset_rule))
        conv.out.notes += [f"{story.where}: the story asks whether ${name} has a value yet "
                           f'(def, ndef, undefined, or a comparison of a variable with no '
                           f'starting value): the flag "{flag}" says so'
                           for name, flag in conv.flags.items()]
        conv.unset -= set(conv.flags.values())
    conv.nan_steps = unproven_steps(conv.trees, conv.unset) if conv.unset_rule in (
        "undefined", "either") else set()
    conv.trees, conv.read_trees, conv.ranges = keep_ranges(  # Math.clamp($x + 1, 0, 9)
        conv.trees, conv.read_trees, widgets, [conv.trees[p.name] for p in conv.starting],
        changers, code)
    _collect_variables(conv)
    conv.values = known_values(conv.read_trees + widgets, changers, code)
    conv.only_shown = only_shown(conv.read_trees, PRINTS) if story.dialect in (
        "sugarcube", "harlowe") else set()
    conv.style_variables = style_variables(  # Harlowe variables that hold only looks
        [p.text for p in story.passages], story.script) if story.dialect in (
        "harlowe", "") else set()


def _collect_variables(conv: _Converter) -> None:
    """Each variable's kind (from what the story sets it to, else from how it is tested),
    its name in the scenario (renamed if the scenario format already uses the word) and
    its starting value before any start-up passage runs."""
    kinds: dict[str, str] = {}
    guessed: dict[str, str] = {}
    for tree in conv.read_trees:
        for node in walk(tree):
            if isinstance(node, Macro) and node.name in ("set", "put"):  # "": the
                sets = parse_sets(node.args, node.name == "put", "")  # kind of passage()
            elif isinstance(node, Link) and node.setter:
                sets = parse_sets(node.setter, False, "")
            else:
                sets = None
            for name, op, value in sets or ():
                kinds.setdefault(name, kind_of(value))
            condition = getattr(node, "condition", None)
            if condition:
                tokens = condition_tokens(condition, "", conv.story.dialect == "chapbook")
                for name, kind in kinds_in(tokens or []).items():
                    guessed.setdefault(name, kind)
    conv.kinds = {**guessed, **kinds}
    conv.assigned = set(kinds)
    conv.rename = {}
    for name in conv.kinds:
        ours = name
        while ours in _RESERVED or ours in conv.rename.values():
            ours = f"twine_{ours}"
        if ours != name:
            used = next((p for p in conv.story.passages if name in p.text),
                        conv.story.passages[0])
            conv.out.notes.append(f"{conv.where(used, used.text.find(name))}: "
                                  f'the Twine variable ${name} is called "{ours}" here '
                                  f'("{name}" is already a word of the scenario format)')
        conv.rename[name] = ours
    conv.names = {**{m: NUMBER for m in HEADLINE},
                  **{conv.rename[n]: k for n, k in conv.kinds.items()}}
    conv.start = {name: {BOOL: False, NUMBER: 0, TEXT: ""}[kind]
                  for name, kind in conv.kinds.items()}


def apply_start(conv: _Converter, effect: dict) -> None:
    """A change made by a start-up passage, or by the start passage on the way in, applied
    to the starting values (a step stays inside the variable's kept range)."""
    names = {v: k for k, v in conv.rename.items()}
    if "set" in effect:
        conv.start[names[effect["set"]]] = effect.get("to", True)
    elif "clear" in effect:
        conv.start[names[effect["clear"]]] = False
    else:
        ours = next(k for k in effect if k not in ("why", "tag"))
        conv.start[names[ours]] = kept(conv.start[names[ours]] + effect[ours].value,
                                       conv.ranges.get(names[ours], (None, None)))
