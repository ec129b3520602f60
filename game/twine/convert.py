"""A Twine story becomes a scenario's data, for `python main.py import` (game/twine/importer.py).
game/twine/read.py reads the file, game/twine/body.py the passage markup (into the nodes of
game/twine/nodes.py), game/twine/variables.py sets up the story's variables (their kinds,
starting values, ranges and defined/unset flags) and game/twine/render.py reads each passage
in order; the result is a Conversion (game/twine/to_yaml.py).

What converts (docs/authoring.md section 10 lists it per story format):

- Each passage becomes a scene (a passage with no links, an ending). Special passages
  (scripts, stylesheets, StoryInit, StorySettings, StoryIncludes, headers ...) do not.
- Links, link macros and `<<goto>>` become choices. A change made inside a link (a SugarCube
  setter, the body of `<<link>>` or `(link:)[...]`) is that choice's effect.
- Changes a passage makes before any test of their variable happen on every choice that
  leads in (in the start passage and StoryInit, they also set the starting values); changes
  made after a test happen on every choice that leads out. A change both after one test and
  before another cannot keep its order: it is reported.
- Tests on numbers, texts, true/false and visits become `if:` on choices and lines.
- `<<include>>` and `(display:)` are copied in (game/twine/includes.py).

Nothing changes the story's logic silently: what could not be converted exactly is written
into the scene as a `not_converted:` list, which `check` refuses, and into the import report.
"""
from __future__ import annotations

import re
from typing import Any

from ..story.conditions import NUMBER, ConditionError, parse_condition
from .body import Container, Link, Macro, NestingError, Node, line_of, parse_body, walk
from .expr import condition_tokens, kind_of, page_settings, parse_sets
from .ids import Ids, slugify
from .includes import Includes, every_turn
from .lines import in_prose, negate, short
from .linking import LOGIC, changes_anything
from .printing import INPUTS, shown_value
from .read import Passage, Story, TwineError
from .render import Rendered, Renderer
from .scenes import build
from .temps import own_temps
from .to_yaml import Amount, Conversion
from .unset import guarded
from .values import shown_as, style_set
from .variables import UNSET_WHY, apply_start, set_up_variables
from .widgets import find_widgets, script_macros, widget_links, widget_trees

WHY = "Imported from Twine: "
TAG = "purpose"
_TEMP = re.compile(r"(?<![\w$.])_[A-Za-z]")  # a temporary variable may be here
# -- the conversion ------------------------------------------------------------------------
class _Converter:
    def __init__(self, story: Story, scenario_id: str):
        self.story, self.scenario_id = story, scenario_id
        self.out = Conversion(story, {}, {}, notes=list(story.notes))
        self.passages: list[Passage] = []
        self.starting: list[Passage] = []
        self.by_name = {p.name: p for p in story.passages}
        for passage in story.passages:
            special = story.special(passage)
            if special == "start":
                self.starting.append(passage)
            elif special:
                self.out.notes.append(f'{self.where(passage, -1)}: passage "{passage.name}" '
                                      f"was not imported: {special}")
            else:
                self.passages.append(passage)
        if not any(p.name == story.start for p in self.passages):
            raise TwineError(f'{story.where}: the start passage "{story.start}" is a special '
                             "passage, not a part of the story" if story.start in self.by_name
                             else f"{story.where}: the story has no passages to play, only "
                             "special ones")
        self.passage = self.passages[0]
        self.trees: dict[str, list[Node]] = {}
        for passage in self.passages + self.starting:
            try:
                self.trees[passage.name] = parse_body(passage.text, story.dialect)
            except NestingError as exc:
                raise TwineError(f"{self.where(passage, exc.at)}: passage \"{passage.name}\": "
                                 f"{exc}; this cannot be imported") from None
        includes = Includes(self.by_name, self.trees, story.dialect)
        expanded = {p.name: includes.expand_passage(p.name) for p in self.passages + self.starting}
        self.read_trees = list(self.trees.values())  # as written: what is included, once
        self.trees.update(expanded)
        self.included = includes.included  # passages shown inside others
        self.ids = Ids()
        self.id_of = {p.name: self.ids.new(p.name) for p in self.passages}
        self.missing: dict[str, str] = {}  # link targets that are not passages -> their ids
        self.loud: dict[str, list[str]] = {}  # passage -> what could not be converted
        self.entered: list[Passage] = []
        self.recorded: set[tuple[str, str, str, str]] = set()
        self.context_name = story.start
        self.dialect = story.dialect
        self.counts_visits = False  # whether a test reads which passages were seen
        self.widgets = find_widgets(story)
        self.widget_links = widget_links(story)
        self.script_macros = script_macros(story) - {"widget"}
        self.temps: dict[str, str] = {}  # a passage's own variable -> the `_name` it was
        self.taken = {name for p in story.passages for name in re.findall(r"\$(\w+)", p.text)}
        for passage in self.passages:
            self.trees[passage.name] = self.own_temps(passage)
        changers = INPUTS | LOGIC | set(self.widgets) | self.script_macros
        code = story.script + "".join(p.text for p in story.passages if "script" in p.tags)
        widgets = widget_trees(story, self.trees)  # read only
        set_up_variables(self, widgets, changers, code)
        self.shown: dict[str, list[tuple[str, str]] | None] = {}  # printed(), once a name

    # -- where things are ------------------------------------------------------------------
    @staticmethod
    def where(passage: Passage, at: int) -> str:
        line = passage.line + (line_of(passage.text, at) if at >= 0 else 0)
        return f"{passage.file or 'the story'}:{line}"

    def enter(self, name: str) -> None:
        """Records now name the included passage `name`, until leave()."""
        self.entered.append(self.passage)
        self.passage = self.by_name[name]

    def leave(self) -> None:
        self.passage = self.entered.pop()

    def record(self, status: str, at: int, what: str, find: str = "") -> None:
        """Say what became of a piece of a passage: converted, approximated, dropped, or not
        converted (then the scene gets a not_converted list, and check fails). With no
        offset (`at` -1), the first place `find` is written in the passage is named."""
        passage = self.passage
        if at < 0 and find:
            at = in_prose(passage.text, find)
        entry = (passage.name, self.where(passage, at), status, what)
        if entry in self.recorded:
            return
        self.recorded.add(entry)
        self.out.records.append(entry)
        if status == "not converted":
            self.loud.setdefault(self.context_name, []).append(f"{entry[1]}: {what}")

    # -- variables -------------------------------------------------------------------------
    def own_temps(self, passage: Passage) -> list[Node]:
        """The passage's tree with each temporary variable it sets before reading renamed as
        a variable of its own (game/twine/temps.py); the others are reported."""
        if self.story.dialect not in ("sugarcube", "harlowe", "") or "_" not in passage.text \
                or not _TEMP.search(passage.text):
            return self.trees[passage.name]
        self.passage, self.context_name = passage, passage.name
        tree, own = own_temps(self.trees[passage.name], slugify(passage.name), self.taken,
                              self.record)
        self.temps.update(own)
        if own:
            self.read_trees.append(tree)  # its own variables' changes are read there
        return tree

    def changes(self, node: Macro) -> list[tuple[str, str, Any]] | None:
        """parse_sets, and only if every change fits the kind of its variable."""
        here = None if getattr(self, "context_passage", None) in self.starting else \
            self.context_name  # start-up passages run before any passage is shown
        changes = parse_sets(node.args, node.name == "put", here)
        if changes and node.raw in self.nan_steps:
            self.record("not converted", node.at, f"{short(node.raw)} steps a variable that has "
                        "no starting value the import can read; in Twine that makes it NaN (not "
                        "a number), which no later test holds for, unless code gave it one")
            return None
        for name, op, value in changes or ():
            if self.kinds.get(name) != kind_of(value) or (op == "add" and
                                                          self.kinds[name] != NUMBER):
                return None
        return changes

    def effects(self, node: Macro) -> list[dict] | None:
        changes = self.changes(node)
        if changes is None and node.name == "set" and style_set(node.args,
                                                                 self.style_variables):
            self.record("dropped", node.at, f"{short(node.raw)} only sets how text attached "
                        "to the variable comes in or looks, which is not a part of the "
                        "scenario format")
            return []
        if changes is None:
            return None
        effects = []
        for name, op, value in changes:
            ours = self.rename[name]
            effect = ({ours: Amount(value)} if op == "add" else
                      ({"set": ours} if value else {"clear": ours}) if isinstance(value, bool)
                      else {"set": ours, "to": value})
            why = WHY + short(node.raw, 200)
            self.out.origins.setdefault(why, (self.passage.name,
                                              self.where(self.passage, node.at)))
            effects.append({**effect, "why": why, "tag": TAG})
        return effects

    def restart(self, link: Link) -> list[dict]:
        """The effects of a link that starts the story again: every variable back to its
        starting value (the start passage's own changes follow, as it is entered)."""
        if self.counts_visits:
            self.record("not converted", link.at, f"{short(link.raw)} starts the story again, "
                        "but the scenario cannot forget which scenes were seen, and the story "
                        "tests that")
        else:
            self.record("converted", link.at, f"{short(link.raw)} starts the story again: "
                        "every variable is set back to its starting value")
        why = WHY + short(link.raw, 200)
        self.out.origins.setdefault(why, (self.passage.name, self.where(self.passage, link.at)))
        effects = []
        for name, value in self.initial.items():
            ours = self.rename[name]
            effects.append({**(({"set": ours} if value else {"clear": ours})
                                if isinstance(value, bool) else {"set": ours, "to": value}),
                            "why": why, "tag": TAG})
        return effects

    def printed(self, name: str) -> list[tuple[str, str]] | None:
        """Our condition and the text shown, for each value a variable shown in the text can
        have (None: its values are not all known, or too many)."""
        if name in self.shown:
            return self.shown[name]
        values = self.values.get(name)
        if values is None or name not in self.kinds:
            return None
        if name not in self.temps:  # a temporary one is set before it is shown
            values = values | {self.start[name]}
        shown = shown_as(self.rename[name], values, self.names)
        self.shown[name] = None if shown is None else [(c, shown_value(v)) for c, v in shown]
        return self.shown[name]

    def condition(self, source: str, unless: bool) -> tuple[str | None, set[str]]:
        """Our condition for a Twine test (None if it cannot be converted) and the
        variables it reads."""
        tokens = condition_tokens(source, self.context_name,  # the passage the reader is on
                                  self.story.dialect == "chapbook")
        if tokens is None:
            return None, set()
        if self.unset:  # comparisons of a variable that may have no value yet
            tokens, blocked = guarded(tokens, self.unset, self.flags, self.unset_rule, {
                name for name, kind in self.kinds.items() if kind == NUMBER})
            if tokens is None:
                self.unset_note(source, blocked)
                return None, set()
            unset_flags = set(self.flags.values()) - set(self.kinds)  # never set: false
            tokens = [("bool", "false") if kind == "var" and value in unset_flags else
                      (kind, value) for kind, value in tokens]
        words, reads = [], set()
        for kind, value in tokens:
            if kind == "path" and value not in self.assigned:
                return None, reads  # $a.b that no change in the story sets: not a variable
            if kind in ("var", "path"):
                words.append(self.rename.get(value, value))
                reads.add(self.rename.get(value, value))
            elif kind == "str":
                if '"' in value:
                    return None, reads
                words.append(f'"{value}"')
            elif kind in ("visited", "visits"):
                self.counts_visits = True
                if value not in self.id_of:
                    return None, reads
                words.append(f'{kind}("{self.id_of[value]}")')
            else:
                words.append(value)
        text = " ".join(words).replace("( ", "(").replace(" )", ")")
        text = negate(text) if unless else text
        try:
            parse_condition(text, self.names)
        except ConditionError:
            return None, reads
        return text, reads

    def unset_note(self, source: str, name: str) -> None:
        """Say, once a place, why a comparison of a variable with no starting value was not
        converted (the test itself is reported where it is, as any test not converted)."""
        what = UNSET_WHY[self.unset_rule]
        where = self.where(self.passage, in_prose(self.passage.text, source))
        note = (f"{where}: {short(source)} compares ${name}, which has no starting value: "
                f"{what}; the test is not converted")
        if note not in self.out.notes:
            self.out.notes.append(note)

    # -- passages --------------------------------------------------------------------------
    def read_passage(self, passage: Passage, conditional: bool) -> Rendered:
        self.passage = self.context_passage = passage
        self.context_name = passage.name
        renderer = Renderer(self, self.story.start, conditional)
        lines, together = renderer.render(self.trees[passage.name], (), True)
        renderer.finish()
        renderer.out.lines, renderer.out.together = lines, together
        return renderer.out

    def order(self, passage: Passage, rendered: Rendered) -> tuple[list, list]:
        """The passage's changes on the way in, and on the way out, keeping Twine's order.
        A change goes in on the way in when nothing before it tests or changes its variables;
        otherwise it happens on the way out, as (conditions, effects) in order: a change made
        under a condition has its conditions, tested when the choices are shown. If a test
        later in the passage reads what it changes, the order cannot be kept: it is
        reported."""
        arrival, departure, read, leaving = [], [], set(), set()
        timeline = rendered.timeline
        for index, (kind, payload, names, at) in enumerate(timeline):
            if kind == "read":
                read |= names
                continue
            effects, raw, conditions = payload
            if kind == "set" and not names & (read | leaving):
                arrival += effects
                continue
            problem = ""
            later = set().union(*(n for k, _, n, _ in timeline[index + 1:] if k == "read"))
            if names & later:
                flags = {self.rename.get(flag, flag) for flag in self.flags.values()}
                problem = (f"comes after a test of {', '.join(sorted(names & read - flags))} "
                           "and before "
                           "another; the order cannot be kept" if names & read else
                           "changes what a later test reads, under a condition; the order "
                           "cannot be kept")
            elif kind == "cset":
                tested = set().union(*(self.condition_reads(c) for c in conditions))
                if tested & leaving:
                    problem = ("happens under a condition on what the passage has changed "
                               "just before; the order cannot be kept")
            if problem:
                self.passage, self.context_name = passage, passage.name
                self.record("not converted", at, f"{short(raw)} {problem}")
                continue
            departure.append((conditions if kind == "cset" else (), effects))
            leaving |= names
        return arrival, departure

    def condition_reads(self, condition: str) -> set[str]:
        """The variables one of our conditions reads."""
        return {word for word in re.findall(r"[A-Za-z_]\w*", condition) if word in self.names}

    def convert(self) -> Conversion:
        for passage in self.starting:
            self.read_starting(passage)
        loud, self.every_turn_shown = every_turn(self.story.passages, self.story.dialect)
        for passage in loud:  # it runs with every passage and can change the story
            self.passage, self.context_name = passage, self.story.start
            self.record("not converted", -1, f'the passage "{passage.name}" runs with every '
                        "passage and can change the story (a change, a link or a go-to, "
                        "or a passage it shows that the import cannot copy in)")
        rendered: dict[str, Rendered] = {}
        for passage in self.passages:
            has_links = any(isinstance(n, Link) or getattr(n, "name", "") in (
                "link", "button", "choice", "actions", "goto", "go-to", "link-goto",
                "click-goto", "link-reveal-goto", "back", "return", "insert", "link-undo",
                "click", "link-reveal", "linkreplace")
                for n in walk(self.trees[passage.name]))
            rendered[passage.name] = self.read_passage(passage, has_links)
        flow = {}
        for passage in self.passages:
            flow[passage.name] = self.order(passage, rendered[passage.name])
        self.initial = dict(self.start)  # before the start passage's own changes
        start_arrival = flow[self.story.start][0]
        for effect in start_arrival:
            apply_start(self, effect)
        return build(self, rendered, flow)

    def read_starting(self, passage: Passage) -> None:
        """StoryInit and startup passages: their changes are the starting values."""
        self.passage = self.context_passage = passage
        self.context_name = self.story.start
        nodes = list(self.trees[passage.name])
        while nodes:
            node = nodes.pop(0)
            if isinstance(node, str) and not node.strip():
                continue
            if isinstance(node, Container) and node.name in ("included", "silently", "nobr"):
                nodes[:0] = node.body  # what an included passage holds counts as written here
                continue
            if isinstance(node, Container) and node.name == "widget":
                continue  # a widget's definition: its uses are reported where they are
            if isinstance(node, Macro) and node.name in ("set", "put"):
                effects = self.effects(node)
                if effects is not None:
                    for effect in effects:
                        apply_start(self, effect)
                    self.record("converted", node.at, f"{short(node.raw)} set starting values")
                    continue
            if isinstance(node, Macro) and node.name in ("comment", ""):
                continue
            if isinstance(node, Macro) and node.name == "set" and page_settings(node.args):
                self.record("dropped", node.at, f"{short(node.raw)} only changes how Twine's "
                            "page works (saves, history buttons, menus), which no scene reads")
                continue
            self.record("not converted" if changes_anything(node) else "dropped",
                        getattr(node, "at", -1),
                        f"{short(getattr(node, 'raw', '') or str(node))} in "
                        f'"{passage.name}" (only simple changes there become starting values)')


def convert(story: Story, scenario_id: str) -> Conversion:
    """The scenario data for a story, with its warnings, notes and import records."""
    return _Converter(story, scenario_id).convert()
