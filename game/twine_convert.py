"""A Twine story becomes a scenario's data, for `python main.py import` (game/twine.py).
game/twine_read.py reads the file and game/twine_body.py the passage markup; the result is a
Conversion (game/twine_yaml.py), written out by game/twine.py.

What converts:

- Each passage becomes a scene: its id is made from its name, its title is the name. A passage
  with no links is an ending (Twine stops there). Tags stay as a `# tags:` comment.
- Links `[[text->target]]`, `[[target<-text]]`, `[[text|target]]`, `[[target]]` become choices.
- `<<set $x to 5>>`, `<<set $x += 2>>`, `(set: $x to it + 2)` ... on numbers and true/false
  become effects. Twine runs them when the passage is shown, so they go on every choice that
  leads into the passage (and, in the start passage or StoryInit, set the starting values).
  A SugarCube link's own setter, `[[text|target][$x to 1]]`, goes on that choice.
- `<<if>>`/`<<elseif>>`/`<<else>>` and `(if:)`/`(else-if:)`/`(else:)`/`(unless:)` on numbers and
  true/false become `if:` on the choices inside them, and lines with `if:` for text inside them.
- Everything else (other macros, HTML, changes made inside a condition ...) is kept as text
  and listed as a warning with the passage's name.

The scenario has one role, `player` (the loader and check accept any role id). If no passage
is an ending, an ending "the-end" is added, and the report says so.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from .story.conditions import BOOL, NUMBER, ConditionError, parse_condition
from .story.model import END, HEADLINE
from .twine_body import (
    Block,
    Link,
    Macro,
    Node,
    condition_tokens,
    kinds_in,
    parse_body,
    parse_sets,
    walk,
)
from .twine_read import Passage, Story, TwineError
from .twine_yaml import Amount, Conversion

ROLE = "player"
WHY = "Imported from Twine: "
TAG = "purpose"
MAX_CHOICES = 9
_RESERVED = {"true", "false", "and", "or", "not", "visited", "visits", *HEADLINE}
_OPEN, _CLOSE = "\x02", "\x03"  # around the text of a link inside prose

Variant = tuple[tuple[str, ...], str]  # (conditions that must all hold, text)


# -- small pieces --------------------------------------------------------------------------
def slugify(name: str) -> str:
    """An id from a passage name: lowercase letters, digits, - and _."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9_-]+", "-", text).strip("-_")
    return text[:80].rstrip("-_") or "passage"


class _Ids:
    """Hands out unique ids (`end` is reserved by the format)."""

    def __init__(self) -> None:
        self.taken = {END}

    def new(self, name: str) -> str:
        base = candidate = slugify(name)
        number = 2
        while candidate in self.taken:
            suffix = f"-{number}"
            candidate, number = base[:80 - len(suffix)] + suffix, number + 1
        self.taken.add(candidate)
        return candidate


def _negate(condition: str) -> str:
    return f"not {condition}" if re.fullmatch(r"\w+", condition) else f"not ({condition})"


def _all_of(conditions: tuple[str, ...]) -> str:
    unique = list(dict.fromkeys(c for c in conditions if c))
    if len(unique) == 1:
        return unique[0]
    return " and ".join(f"({c})" if " or " in c else c for c in unique)


def _short(raw: str, limit: int = 70) -> str:
    text = " ".join(raw.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _branch_out(lines: list[list[Variant]],
                alternatives: list[tuple[tuple[str, ...], list[list[Variant]]]]) -> None:
    """Continue `lines` with one of several renderings, each under its own conditions: the
    first line of each joins the line being written (as a variant of it), the rest follow."""
    open_line = lines.pop()
    still_open: list[Variant] = []
    for conditions, sub in alternatives:
        first = [(c + conditions + sc, text + more) for c, text in open_line for sc, more in sub[0]]
        if len(sub) == 1:
            still_open += first
            continue
        lines.append(first)
        lines.extend([(conditions + sc, more) for sc, more in line] for line in sub[1:-1])
        still_open += [(conditions + sc, more) for sc, more in sub[-1]]
    lines.append(still_open)


# -- the conversion ------------------------------------------------------------------------
class _Converter:
    def __init__(self, story: Story, scenario_id: str):
        self.story, self.scenario_id = story, scenario_id
        self.out = Conversion(story, {}, {}, notes=list(story.notes))
        self.passages: list[Passage] = []
        starting: list[Passage] = []
        for passage in story.passages:
            special = story.special(passage)
            if special == "start":
                starting.append(passage)
            elif special:
                self.out.notes.append(f'passage "{passage.name}" was not imported: {special}')
            else:
                self.passages.append(passage)
        if not any(p.name == story.start for p in self.passages):
            raise TwineError(f'the start passage "{story.start}" is a special passage, not a '
                             "part of the story")
        self.trees = {p.name: parse_body(p.text, story.dialect) for p in self.passages + starting}
        self.ids = _Ids()
        self.id_of = {p.name: self.ids.new(p.name) for p in self.passages}
        self.missing: dict[str, str] = {}  # link targets that are not passages -> their ids
        self.collect_variables(starting)

    # -- variables -------------------------------------------------------------------------
    def collect_variables(self, starting: list[Passage]) -> None:
        kinds: dict[str, str] = {}
        guessed: dict[str, str] = {}
        for tree in self.trees.values():
            for node in walk(tree):
                sets = (node.args if isinstance(node, Macro) and node.name == "set"
                        else node.setter if isinstance(node, Link) else None)
                for name, op, value in parse_sets(sets or "") or ():
                    kinds.setdefault(name, BOOL if isinstance(value, bool) else NUMBER)
                condition = getattr(node, "condition", None)
                if condition:
                    for name, kind in kinds_in(condition_tokens(condition) or []).items():
                        guessed.setdefault(name, kind)
        self.kinds = {**guessed, **kinds}
        self.rename: dict[str, str] = {}
        for name in self.kinds:
            ours = name
            while ours in _RESERVED or ours in self.rename.values():
                ours = f"twine_{ours}"
            if ours != name:
                self.out.notes.append(f'the Twine variable ${name} is called "{ours}" here '
                                      f'("{name}" is already a word of the scenario format)')
            self.rename[name] = ours
        self.names = {**{m: NUMBER for m in HEADLINE},
                      **{self.rename[n]: k for n, k in self.kinds.items()}}
        self.start = {name: (False if kind == BOOL else 0) for name, kind in self.kinds.items()}
        used = []
        for passage in starting + [p for p in self.passages if p.name == self.story.start]:
            for node in self.trees[passage.name]:
                is_set = isinstance(node, Macro) and node.name == "set"
                changes = self.changes(node.args) if is_set else None
                for name, op, value in changes or ():
                    self.start[name] = self.start[name] + value if op == "add" else value
                if changes:
                    used += [passage.name] if passage.name not in used else []
                elif passage in starting and not isinstance(node, str):
                    self.out.warnings.append(
                        f'passage "{passage.name}": {_short(getattr(node, "raw", "") or "<<if>>")} '
                        "was left out (only simple changes there are used, as starting values)")
        if used:
            self.out.notes.append(" and ".join(f'"{name}"' for name in used) + " set the starting "
                                  "values: " + ", ".join(f"{self.rename[n]} {str(v).lower()}"
                                                         for n, v in self.start.items()))

    def changes(self, args: str) -> list[tuple[str, str, Any]] | None:
        """parse_sets, and only if every change fits the kind of its variable."""
        changes = parse_sets(args)
        for name, op, value in changes or ():
            if self.kinds.get(name) != (BOOL if isinstance(value, bool) else NUMBER):
                return None
        return changes

    def effects(self, args: str, raw: str) -> list[dict] | None:
        changes = self.changes(args)
        if changes is None:
            return None
        effects = []
        for name, op, value in changes:
            ours = self.rename[name]
            effect = ({ours: Amount(value)} if op == "add" else
                      ({"set": ours} if value else {"clear": ours}) if isinstance(value, bool)
                      else {"set": ours, "to": value})
            effects.append({**effect, "why": WHY + _short(raw, 200), "tag": TAG})
        return effects

    def condition(self, source: str, negate: bool) -> str | None:
        tokens = condition_tokens(source)
        if tokens is None:
            return None
        text = " ".join(self.rename.get(v, v) if k == "var" else v for k, v in tokens)
        text = text.replace("( ", "(").replace(" )", ")")
        text = _negate(text) if negate else text
        try:
            parse_condition(text, self.names)
        except ConditionError:
            return None
        return text

    def keep(self, passage: str, raw: str, why: str = "") -> None:
        warning = f'passage "{passage}": {_short(raw)} was kept as text' + (why and f" ({why})")
        if warning not in self.out.warnings:
            self.out.warnings.append(warning)

    # -- passages --------------------------------------------------------------------------
    def render(self, nodes: list[Node], conditions: tuple[str, ...], top: bool,
               conditional: bool) -> list[list[Variant]]:
        """The passage's text as lines, each a list of variants; links go to self.links and
        changes at the top level to self.arrival."""
        lines: list[list[Variant]] = [[((), "")]]

        def add(text: str) -> None:
            parts = text.split("\n")
            lines[-1] = [(c, line + parts[0]) for c, line in lines[-1]]
            lines.extend([((), part)] for part in parts[1:])

        for node in nodes:
            if isinstance(node, str):
                for shown in dict.fromkeys(re.findall(r"\$[A-Za-z_]\w*", node)):
                    self.keep(self.passage, shown, "a variable shown in the text")
                add(node)
            elif isinstance(node, Link):
                effects = self.effects(node.setter, node.raw) if node.setter else []
                if effects is None:
                    self.out.warnings.append(
                        f'passage "{self.passage}": the change [{_short(node.setter)}] made by the '
                        f'link "{node.text}" was left out (only numbers and true/false convert)')
                self.links.append((node, conditions, effects or []))
                add(_OPEN + node.text + _CLOSE)
            elif isinstance(node, Macro):
                effects = self.effects(node.args, node.raw) if node.name == "set" else None
                if effects is not None and top:
                    self.arrival += [(effect, node.raw) for effect in effects]
                    continue
                why = ("a change that only happens under a condition cannot be converted"
                       if effects is not None else "only numbers and true/false convert"
                       if node.name == "set" else "" if node.name else "HTML")
                self.keep(self.passage, node.raw, why)
                add(node.raw)
            else:
                self.render_block(node, conditions, conditional, lines, add)
        return lines

    def render_block(self, block: Block, conditions: tuple[str, ...], conditional: bool,
                     lines: list[list[Variant]], add) -> None:
        tests = [self.condition(b.condition, b.negate) if b.condition is not None else ""
                 for b in block.branches]
        if not conditional or not block.closed or None in tests:
            why = ("text in an ending cannot depend on a condition" if not conditional else
                   "it is never closed" if not block.closed else "the condition could not be "
                   "converted") + "; what is inside is always shown"
            self.keep(self.passage, block.branches[0].opening.strip(), why)
            for branch in block.branches:
                add(branch.opening)
                _branch_out(lines, [((), self.render(branch.body, conditions, False, conditional))])
                add(branch.closing)
            add(block.closing)
            return
        self.out.conditions += 1
        alternatives, before = [], []
        for branch, test in zip(block.branches, tests):
            whole = _all_of(tuple(_negate(t) for t in before) + ((test,) if test else ()))
            before.append(test)
            alternatives.append(((whole,), self.render(branch.body, conditions + (whole,), False,
                                                       conditional)))
        if block.branches[-1].condition is not None:  # no else: nothing shown otherwise
            alternatives.append(((_all_of(tuple(_negate(t) for t in before)),), [[((), "")]]))
        _branch_out(lines, alternatives)

    def convert(self) -> Conversion:
        rendered = {}
        for passage in self.passages:
            self.passage, self.links, self.arrival = passage.name, [], []
            tree = self.trees[passage.name]
            has_links = any(isinstance(n, Link) for n in walk(tree))
            lines = self.render(tree, (), True, has_links)
            rendered[passage.name] = (_final_lines(lines), self.links, self.arrival)
        scenes, endings, start = [], [], self.id_of[self.story.start]
        for passage in self.passages:
            lines, links, _ = rendered[passage.name]
            item_id = self.id_of[passage.name]
            self.out.tags[item_id] = passage.tags
            if not links and item_id != start:
                endings.append({"id": item_id, "title": passage.name,
                                "text": "\n\n".join(text for _, text in lines)})
                continue
            scene: dict[str, Any] = {"id": item_id, "title": passage.name}
            if any(condition for condition, _ in lines):
                scene["lines"] = [{"if": c, "text": t} if c else t for c, t in lines]
            elif lines:
                scene["text"] = "\n\n".join(text for _, text in lines)
            if links:
                scene["choices"] = self.choices(passage.name, links, rendered)
            scenes.append(scene)
        start_scene = next(s for s in scenes if s["id"] == start)
        if not endings or "choices" not in start_scene:
            ending_id = self.ids.new("the-end")
            endings.append({"id": ending_id, "title": "The end", "text": "The end."})
            if "choices" not in start_scene:
                start_scene["next"] = ending_id
                self.out.notes.append(f"the start passage has no links, so it leads on to a "
                                      f'new ending, "{ending_id}"')
            else:
                self.out.notes.append(f"no passage is without links, so the story had no ending: "
                                      f'the ending "{ending_id}" was added; lead a choice to it '
                                      "where the story should end")
        story_format = f" ({self.story.format})" if self.story.format else ""
        self.out.scenario = {
            "scenario": self.scenario_id, "title": self.story.title,
            "summary": f"Imported from Twine{story_format}", "version": 1,
            "roles": {ROLE: {"name": "Player", "start": start}}}
        variables, flags = {}, {}
        for name, value in self.start.items():
            if self.kinds[name] == NUMBER or value is True:  # flags always start false
                variables[self.rename[name]] = {"start": value}
            else:
                flags[self.rename[name]] = f"${name} in the Twine story"
        if variables:
            self.out.scenario["variables"] = variables
        if flags:
            self.out.scenario["flags"] = flags
        self.out.chapter = {"chapter": self.story.title, "scenes": scenes, "endings": endings}
        return self.out

    def choices(self, name: str, links: list, rendered: dict) -> list[dict]:
        choices, texts = [], {}
        for link, conditions, own in links[:MAX_CHOICES]:
            target, arrival = link.target, []
            if target in self.id_of:
                next_id, arrival = self.id_of[target], rendered[target][2]
            elif target in self.missing:
                next_id = self.missing[target]
            else:
                next_id = self.missing[target] = self.ids.new(target)
                self.out.warnings.append(
                    f'passage "{name}": the link {_short(link.raw)} goes to "{target}", which is '
                    f'not a passage in this story; the choice leads to "{next_id}", which does '
                    "not exist: add that scene or change the link")
            for where, raw in [(name, link.raw)] * bool(own) + [(target, r) for _, r in arrival]:
                if f'passage "{where}": {_short(raw)}' not in self.out.effects:
                    self.out.effects.append(f'passage "{where}": {_short(raw)}')
            effects = own + [effect for effect, _ in arrival]
            choice: dict[str, Any] = {"text": " ".join(link.text.split())}
            if choice["text"] in texts:  # a save finds a choice by its id, or else its text
                choice["id"] = f"{slugify(choice['text'])}-{len(choices) + 1}"
            texts[choice["text"]] = True
            if conditions:
                choice["if"] = _all_of(conditions)
            if effects:
                choice["effects"] = [dict(e) for e in effects]
            choice["next"] = next_id
            choices.append(choice)
        self.out.choices += len(choices)
        if len(links) > MAX_CHOICES:
            self.out.warnings.append(
                f'passage "{name}" has {len(links)} links, and a scene has at most {MAX_CHOICES} '
                "choices: these were left out: " + ", ".join(_short(l.raw, 40) for l, _, _ in
                                                            links[MAX_CHOICES:]))
        return choices


def _final_lines(lines: list[list[Variant]]) -> list[tuple[str, str]]:
    """(condition or "", text) per shown line. A line of nothing but links is left out (its
    links are the choices); a link inside a sentence keeps its words in the sentence."""
    result = []
    for line in lines:
        for conditions, text in line:
            without_links = re.sub(f"{_OPEN}.*?{_CLOSE}", "", text, flags=re.DOTALL)
            if _OPEN in text and not any(ch.isalnum() for ch in without_links):
                continue
            text = " ".join(text.replace(_OPEN, "").replace(_CLOSE, "").split())
            if text:
                result.append((_all_of(conditions), text))
    return result


def convert(story: Story, scenario_id: str) -> Conversion:
    """The scenario data for a story, with its warnings and notes."""
    return _Converter(story, scenario_id).convert()
