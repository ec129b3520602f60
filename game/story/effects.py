"""The `effects:` of a choice, made into Effect tuples and checked against the scenario's
meters, variables and flags: a part of the loader's builder (build.py) with one job."""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from .conditions import BOOL, NUMBER, TEXT
from .model import Effect, Variable
from .problems import Problem, did_you_mean
from .source import SourceFile

EFFECT_WORDS = ("why", "tag", "set", "to", "clear")


class EffectBuilder:
    """Builds the effects of each choice for one scenario; problems are added to `problems`.

    It holds no reference to the Builder: loading runs with the collector off, so a cycle
    between the two would keep every parsed file alive after the load."""

    def __init__(self, variables: Mapping[str, Variable], problems: list[Problem]):
        self.variables = variables
        self.problems = problems
        # The numbers an effect may add to (a name that is also an effect word never is), and
        # the flags it may set or clear.
        self.numbers = {name for name, variable in variables.items()
                        if variable.kind == NUMBER and name not in EFFECT_WORDS}
        self.flags = {name for name, variable in variables.items() if variable.kind == BOOL}

    def error(self, source: SourceFile, path: tuple, message: str, **kw: Any) -> None:
        self.problems.append(source.problem(path, message, **kw))

    def warn(self, source: SourceFile, path: tuple, message: str, **kw: Any) -> None:
        self.problems.append(source.problem(path, message, severity="warning", **kw))

    def build_all(self, source: SourceFile, path: tuple,
                  items: Iterable[tuple[int, Any]]) -> tuple[Effect, ...]:
        """The effects of one choice from its (index, item) pairs; `path` is the choice's."""
        effects: list[Effect] = []
        numbers, flags, new = self.numbers, self.flags, tuple.__new__
        for index, item in items:
            # The usual effects, one number up or down or one flag set or cleared, with why
            # and tag, are made here at once (whole, without Effect's Python-level __new__): a
            # large scenario has hundreds of thousands, and they have nothing to report.
            # build_effect makes the same from the rest.
            if len(item) == 3 and "why" in item and "tag" in item:
                for name in item:
                    if name != "why" and name != "tag":
                        break
                if name in numbers:
                    effects.append(new(Effect, (name, "add", item[name], item["why"], item["tag"])))
                    continue
                if (name == "set" or name == "clear") and item[name] in flags:
                    effects.append(new(Effect, (item[name], "set", name == "set", item["why"],
                                                item["tag"])))
                    continue
            effect = self.build_effect(source, path + ("effects", index), item)
            if effect is not None:
                effects.append(effect)
        return tuple(effects)

    def build_effect(self, source: SourceFile, path: tuple, spec: dict) -> Effect | None:
        changes = [k for k in spec if k not in EFFECT_WORDS]
        if "set" in spec:
            changes.append("set")
        if "clear" in spec:
            changes.append("clear")
        if len(changes) != 1:
            what = "nothing" if not changes else ", ".join(f'"{c}"' for c in changes)
            self.error(source, path, f"an effect changes exactly one thing; this one changes {what}. "
                       "Split it into one effect per line.")
            return None
        word = changes[0]
        name = spec[word] if word in ("set", "clear") else word
        name_path = path + ((word,) if word in ("set", "clear") else (word,))
        variable = self.variables.get(name)
        if variable is None:
            self.error(source, name_path, f'"{name}" is not a meter, variable or flag of this '
                       "scenario" + did_you_mean(name, self.variables), key=word not in ("set", "clear"))
            return None
        if "to" in spec and word != "set":
            self.error(source, path + ("to",), '"to" goes with "set"', key=True)
        if word == "clear":
            if variable.kind != BOOL:
                self.error(source, name_path, f'"clear" is for flags; "{name}" is {variable.kind}')
                return None
            effect = Effect(name, "set", False)
        elif word == "set":
            value = spec.get("to", True if variable.kind == BOOL else None)
            kind = (BOOL if isinstance(value, bool) else NUMBER if isinstance(value, (int, float))
                    else TEXT if isinstance(value, str) else None)
            if kind != variable.kind:
                how = {NUMBER: "a number, like  to: 40", BOOL: "true or false (or leave it out "
                       "for true)", TEXT: 'a word in quotes, like  to: "Dev"'}[variable.kind]
                self.error(source, path + (("to",) if "to" in spec else ("set",)),
                           f'to set "{name}", give "to:" {how}', key="to" not in spec)
                return None
            if kind == NUMBER and variable.clamp(value) != value:
                self.error(source, path + ("to",), f'{value} is outside the range of "{name}" '
                           f"({range_text(variable.minimum, variable.maximum)})")
            effect = Effect(name, "set", value)
        else:
            if variable.kind != NUMBER:
                self.error(source, name_path, f'"{name}" is not a number, so it cannot go up or '
                           f"down; use set: {name}", key=True)
                return None
            effect = Effect(name, "add", spec[word])
        effect = Effect(effect.name, effect.op, effect.value, spec.get("why", ""), spec.get("tag", ""))
        missing = [k for k in ("why", "tag") if k not in spec]
        if missing:
            self.warn(source, path, "this effect has no " + " and no ".join(f'"{k}"' for k in missing)
                      + ": say why it happens and which principle it is about")
        return effect


def range_text(low: float | None, high: float | None) -> str:
    """A meter's or variable's range in words, for messages."""
    if low is not None and high is not None:
        return f"{low} to {high}" if low <= high else f"min {low} is greater than max {high}"
    return f"at least {low}" if low is not None else f"at most {high}"
