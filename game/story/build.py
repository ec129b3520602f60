"""Checks a schema cannot make, and the model objects they produce: the second half of the
loader. Every problem is recorded with its position; none is raised."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from .ladder import ABDICATION
from .conditions import Condition, ConditionError, parse_condition_cached
from .effects import EffectBuilder
from .folding import folded, paragraphs
from .model import (END, Choice, Ending, Line, Person, Place,
                    Purpose, Role, Scenario, Scene, Variable, find_asset)
from .model_makers import make_choice, make_scene
from .pictures import AltText, picture_file
from .problems import Problem, did_you_mean
from .reflection import read_reflection
from .source import SourceFile
from .variables import read_variables

SCENARIO_FILE = "scenario.yaml"
_new_tuple = tuple.__new__  # a Line made whole, without its Python-level __new__


def _items(container: Any) -> Iterable[tuple[int, Any]]:
    """(index, item) for the items of a list that survived pruning, to be gone through once."""
    if not container:
        return ()
    if None not in container:  # nothing pruned: the usual case
        return enumerate(container)
    return [(i, item) for i, item in enumerate(container) if item is not None]


class Builder:
    """Turns schema-valid data into model objects, checking what a schema cannot."""

    def __init__(self, folder: Path, sources: list[SourceFile], problems: list[Problem],
                 unread: tuple[str, ...] = ()):
        self.folder = folder
        self.sources = sources
        self.unread = unread  # files that could not be read: what is "missing" may be there
        self.problems = problems
        self.head = sources[0] if sources else SourceFile(str(folder / SCENARIO_FILE), {})
        self.variables: dict[str, Variable] = {}
        self.names: dict[str, str] = {}
        self.scene_at: dict[str, tuple[SourceFile, tuple]] = {}
        self.ending_at: dict[str, tuple[SourceFile, tuple]] = {}
        self.known_ids: set[str] = set()
        self.uses_end: list[tuple[SourceFile, tuple]] = []
        self.parsed: dict[str, Condition | ConditionError] = {}
        self.unrated: list[tuple[SourceFile, tuple, str, int, int]] = []  # scenes missing rungs
        self.rated = False  # does any option say its rung?

    def error(self, source: SourceFile, path: tuple, message: str, **kw: Any) -> None:
        self.problems.append(source.problem(path, message, **kw))

    def warn(self, source: SourceFile, path: tuple, message: str, **kw: Any) -> None:
        self.problems.append(source.problem(path, message, severity="warning", **kw))

    # -- the whole scenario ------------------------------------------------------
    def build(self) -> Scenario:
        head = self.head.data
        self.variables = read_variables(self.head, self.error)
        self.names = {name: variable.kind for name, variable in self.variables.items()}
        self.effects = EffectBuilder(self.variables, self.problems)
        self.alts = AltText(self.head)
        cast = {name: Person(name, spec.get("about", ""), picture_file(spec.get("portrait")),
                             self.alts.alt(self.head, ("cast", name, "portrait"), spec.get("portrait")))
                for name, spec in head.get("cast", {}).items()}
        self.cast = cast
        for name, person in cast.items():
            self.check_asset(self.head, ("cast", name, "portrait"), person.portrait)
        self.index_ids()
        roles = self.build_roles()
        self.role_ids = set(roles)
        scenes: dict[str, Scene] = {}
        endings: list[Ending] = []
        purposes: dict[str, Purpose] = {}
        for source in self.sources:
            default_chapter = source.data.get("chapter", "")
            purpose = self.build_purpose(source, default_chapter, purposes)
            if purpose is not None:
                purposes[purpose.chapter] = purpose
            for index, spec in _items(source.data.get("scenes")):
                scene = self.build_scene(source, ("scenes", index), spec, default_chapter)
                scenes.setdefault(scene.id, scene)
            for index, spec in _items(source.data.get("endings")):
                endings.append(self.build_ending(source, ("endings", index), spec))
        self.check_endings(endings, roles)
        self.report_unrated()
        self.alt_warnings = self.alts.problems(self.folder)  # said by check, not on loading
        return Scenario(
            id=head.get("scenario", self.folder.name), title=head.get("title", self.folder.name),
            path=self.folder, summary=head.get("summary", ""), version=str(head.get("version", 1)),
            content_notes=tuple(head.get("content_notes", ())), credits=tuple(head.get("credits", ())),
            roles=roles, variables=self.variables, cast=cast, scenes=scenes, endings=tuple(endings),
            purposes=purposes, reflection=read_reflection(self.sources, self.problems),
            pictures=self.alts.table)

    def build_purpose(self, source: SourceFile, chapter: str,
                      known: dict[str, Purpose]) -> Purpose | None:
        """A chapter file's `purpose:`; None (with the error said) when it cannot be used."""
        spec = source.data.get("purpose")
        if not isinstance(spec, dict) or not {"what", "fits"} <= set(spec):
            return None  # missing, or taken out after a schema error that is already said
        if not chapter:
            self.error(source, ("purpose",), 'a "purpose" belongs to a chapter: add '
                       '"chapter: ..." to this file', key=True)
            return None
        if chapter in known:
            self.error(source, ("purpose",), f'the chapter "{chapter}" already has a purpose '
                       "in another file", key=True)
            return None
        low, high = spec["fits"]
        if low > high:
            self.error(source, ("purpose", "fits"), f"the lowest rung comes first: [{high}, {low}]")
            return None
        return Purpose(chapter, " ".join(spec["what"].split()), low, high,
                       " ".join(spec.get("why", "").split()))

    def index_ids(self) -> None:
        for source in self.sources:
            self.known_ids |= source.broken_ids
            for kind, table in (("scenes", self.scene_at), ("endings", self.ending_at)):
                for index, spec in _items(source.data.get(kind)):
                    item_id, path = spec["id"], (kind, index, "id")
                    if item_id == END:
                        self.error(source, path, f'"{END}" is a reserved word (next: {END} picks '
                                   "an ending); choose another id")
                    taken = self.scene_at.get(item_id) or self.ending_at.get(item_id)
                    if taken:
                        other, other_path = taken
                        line, _ = other.where(other_path)
                        where = f"line {line}" + ("" if other is source else f" of {other.path}")
                        self.error(source, path, f'the id "{item_id}" is used twice: here and at '
                                   f"{where}; each scene and ending needs its own id")
                        continue
                    table[item_id] = (source, path)
        self.known_ids |= set(self.scene_at) | set(self.ending_at)

    def build_roles(self) -> dict[str, Role]:
        roles: dict[str, Role] = {}
        for role_id, spec in self.head.data.get("roles", {}).items():
            start = spec["start"]
            if start in self.ending_at:
                self.error(self.head, ("roles", role_id, "start"), f'role "{role_id}" starts at '
                           f'"{start}", which is an ending, not a scene')
            elif start not in self.scene_at and start not in self.known_ids:
                self.error(self.head, ("roles", role_id, "start"), f'role "{role_id}" starts at '
                           f'scene "{start}", which does not exist' + did_you_mean(start, self.scene_at)
                           + self.maybe_unread())
            roles[role_id] = Role(role_id, spec["name"], start, spec.get("description", ""),
                                  folded(spec.get("intro", "")))
        return roles

    # -- scenes and what is in them -------------------------------------------------------
    def build_scene(self, source: SourceFile, path: tuple, spec: dict, chapter: str) -> Scene:
        """One scene, made with model_makers (the builder's hot loop: every field is given)."""
        scene_id = spec["id"]
        has_choices, has_next = "choices" in spec, "next" in spec
        if has_choices == has_next and not {path + ("choices",), path + ("next",)} & source.pruned:
            self.error(source, path, f'scene "{scene_id}" needs either "choices" or "next"'
                       + (", not both" if has_choices else ""), key=True)
        get = spec.get
        background, portrait = get("background"), get("portrait")
        pictured = background is not None or portrait is not None  # most scenes have none
        if pictured:
            for key in ("background", "portrait"):
                self.check_asset(source, path + (key,), picture_file(spec.get(key)))
        role = get("role")
        if role and role not in self.role_ids:
            self.error(source, path + ("role",), f'there is no role "{role}"'
                       + did_you_mean(role, self.role_ids))
        lines: list[Line] = []
        text = get("text")
        if text:
            lines.extend([_new_tuple(Line, (None, paragraph, None))
                          for paragraph in paragraphs(text)])
        cast = self.cast
        for index, item in _items(get("lines")):
            if type(item) is str:
                lines.append(_new_tuple(Line, (None, item, None)))
                continue
            if len(item) == 1:  # `Speaker: words`, the usual line
                (speaker, words), = item.items()
                if speaker in cast or not cast:
                    lines.append(_new_tuple(Line, (speaker, words, None)))
                    continue
            lines.append(self.build_line(source, path + ("lines", index), item))
        if has_next and not has_choices:
            self.check_target(source, path + ("next",), spec["next"])
            choices: tuple[Choice, ...] = (
                make_choice("Continue", spec["next"], None, None, None, (), "", None, None),)
        else:
            items = list(_items(get("choices")))
            choices, missing = self.build_choices(source, path, items)
            if len({choice.id or choice.text for choice in choices}) != len(choices):
                self.check_choice_keys(source, path, [i for i, _ in items], choices)
            self.check_rungs(source, path, scene_id, missing, len(choices))
        obstacles, notes, discuss = get("obstacles"), get("content_notes"), get("discuss")
        return make_scene(
            scene_id, source.path, get("chapter", chapter), get("title", ""), role, get("moment"),
            tuple(obstacles) if obstacles else (),
            picture_file(background) if pictured else None,
            picture_file(portrait) if pictured else None,
            self.alts.alt(source, path + ("background",), background) if pictured else None,
            self.alts.alt(source, path + ("portrait",), portrait) if pictured else None,
            tuple(notes) if notes else (), tuple(lines), tuple(discuss) if discuss else (),
            choices, has_choices, Place(source, path))

    def build_line(self, source: SourceFile, path: tuple, item: dict) -> Line:
        """A line written as `Speaker: words`, or with an `if:` beside it."""
        if len(item) == 1:
            (speaker, words), = item.items()
            condition = None
        else:
            condition = self.condition(source, path + ("if",), item.get("if"))
            speaker = next(key for key in item if key != "if")  # the schema allows exactly one
            words = item[speaker]
        if speaker == "text" and "if" in item:
            speaker = None
        elif self.cast and speaker not in self.cast:
            self.error(source, path + (speaker,), f'"{speaker}" is not in the '
                       "cast in scenario.yaml" + did_you_mean(speaker, self.cast), key=True)
        return Line(speaker, words, condition)

    def check_choice_keys(self, source: SourceFile, path: tuple, indexes: list[int],
                          choices: tuple[Choice, ...]) -> None:
        """Saves find a choice again by its id, or else its text: both must be unique."""
        seen: dict[str, int] = {}
        for index, choice in zip(indexes, choices):
            key = choice.id or choice.text
            if key in seen:
                what = "id" if choice.id else "text"
                self.error(source, path + ("choices", index, "id" if choice.id else "text"),
                           f'two choices in this scene have the same {what} "{key}"; '
                           "give each choice its own")
            seen[key] = index

    def check_rungs(self, source: SourceFile, path: tuple, scene_id: str, missing: int,
                    count: int) -> None:
        """Every option at a decision says which rung of the ladder it is at, so the HUD and the
        debrief judge what was done rather than read a number. Noted here (`missing` of its
        `count` options say none), said once per scene by report_unrated (a scenario that says
        no rung at all is told once, by check)."""
        self.rated = self.rated or missing < count
        if missing and count > 1:
            self.unrated.append((source, path, scene_id, missing, count))

    def report_unrated(self) -> None:
        if not self.rated:
            return
        for source, path, scene_id, missing, count in self.unrated:
            some = "" if missing == count else f"{missing} of {count} "
            self.warn(source, path, f'in scene "{scene_id}", {some}options have no "rung:" (0 to '
                      '6, or abdication): say which rung of the ladder each option is at',
                      key=True)

    def build_choices(self, source: SourceFile, path: tuple,
                      items: list[tuple[int, dict]]) -> tuple[tuple[Choice, ...], int]:
        """The options of the scene at `path`, and how many of them say no rung: one loop,
        with what every option needs looked up once (the builder's hottest loop)."""
        known, condition, build_effects = self.known_ids, self.condition, self.effects.build_all
        made: list[Choice] = []
        missing = 0
        for index, spec in items:
            at = path + ("choices", index)
            if "if" in spec:
                test = condition(source, at + ("if",), spec["if"])
            else:
                test = None
                if "locked" in spec:
                    self.warn(source, at + ("locked",), '"locked" only matters together with "if"',
                              key=True)
            target = spec["next"]
            if target not in known or target == END:
                self.check_target(source, at + ("next",), target)
            get = spec.get
            effects, feedback, rung = get("effects"), get("feedback"), get("rung")
            if rung is None:
                missing += 1
            elif rung == "abdication":
                rung = ABDICATION
            made.append(make_choice(spec["text"], target, get("id"), test, get("locked"),
                                    build_effects(source, at, _items(effects)) if effects else (),
                                    folded(feedback) if feedback else "", Place(source, at), rung))
        return tuple(made), missing

    def build_ending(self, source: SourceFile, path: tuple, spec: dict) -> Ending:
        condition = self.condition(source, path + ("if",), spec.get("if"))
        for index, role in enumerate(spec.get("roles", [])):
            if role not in self.role_ids:
                self.error(source, path + ("roles", index), f'there is no role "{role}"'
                           + did_you_mean(role, self.role_ids))
        return Ending(spec["id"], spec["title"], folded(spec["text"]), condition,
                      tuple(spec.get("roles", ())), Place(source, path),
                      spec.get("kind", ""))

    def check_endings(self, endings: list[Ending], roles: dict[str, Role]) -> None:
        if not self.uses_end:
            return
        for role in roles:
            fallback = next((e for e in endings if e.applies_to(role) and e.condition is None), None)
            if fallback is None:
                source, path = self.uses_end[0]
                self.error(source, path, f'"next: {END}" picks an ending by its condition, but role '
                           f'"{role}" has no ending without a condition to fall back on; add one last')
                continue
            later = endings[endings.index(fallback) + 1:]
            for ending in later:
                if ending.applies_to(role) and ending.condition is not None \
                        and ending.id in self.ending_at:
                    source, path = self.ending_at[ending.id]
                    self.warn(source, path[:2], f'ending "{ending.id}" comes after "{fallback.id}", '
                              f'which has no condition, so "next: {END}" never picks it for {role}')

    def check_target(self, source: SourceFile, path: tuple, target: str) -> None:
        if target == END:
            self.uses_end.append((source, path))
        elif target not in self.known_ids:
            self.error(source, path, f'"{target}" is not a scene or an ending'
                       + did_you_mean(target, self.known_ids | {END}) + self.maybe_unread())

    def maybe_unread(self) -> str:
        if not self.unread:
            return ""
        return f" (it may be in {', '.join(self.unread)}, which could not be read: fix that first)"

    def check_asset(self, source: SourceFile, path: tuple, name: str | None) -> None:
        if name and find_asset(self.folder, name) is None:
            self.error(source, path, f'the picture "{name}" is not in {self.folder / "assets"}')

    def condition(self, source: SourceFile, path: tuple, text: str | None) -> Condition | None:
        if text is None:
            return None
        parsed = self.parsed.get(text)
        if parsed is None:  # the same text is often used many times: parse it once
            try:
                parsed = parse_condition_cached(text, self.names)
            except ConditionError as exc:
                parsed = exc
            self.parsed[text] = parsed
        if isinstance(parsed, ConditionError):
            self.error(source, path, parsed.message, offset=parsed.offset)
            return None
        condition = parsed
        for scene, offset in condition.scenes:
            if scene in self.ending_at:
                self.error(source, path, f'"{scene}" is an ending; visited() and visits() count '
                           "scenes", offset=offset)
            elif scene not in self.scene_at and scene not in self.known_ids:
                self.error(source, path, f'there is no scene "{scene}"'
                           + did_you_mean(scene, self.scene_at), offset=offset)
        return condition

