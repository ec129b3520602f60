"""The meters, variables and flags a scenario declares in scenario.yaml, for the builder
(story/build.py): each made a Variable, with its range and start checked and its name its own."""
from __future__ import annotations

from typing import Callable

from .conditions import BOOL, NUMBER, TEXT
from .effects import range_text
from .model import DEFAULT_METERS, HEADLINE, Variable
from .source import SourceFile

RESERVED = ("true", "false", "and", "or", "not", "visited", "visits")  # words of conditions


def read_variables(src: SourceFile, error: Callable[..., None]) -> dict[str, Variable]:
    """The meters (the headline three first, with their defaults), variables and flags of
    scenario.yaml, in that order; `error(source, path, message, key=...)` says what is wrong."""
    head = src.data
    variables: dict[str, Variable] = {}

    def add(variable: Variable, path: tuple) -> None:
        if variable.name in variables:
            error(src, path, f'"{variable.name}" is already the name of a meter, variable or '
                  "flag", key=True)
        elif variable.name in RESERVED:
            error(src, path, f'"{variable.name}" is a word of the condition language; choose '
                  "another name", key=True)
        else:
            variables[variable.name] = variable

    meters = dict(head.get("meters", {}))
    for name in HEADLINE:
        meters[name] = {**DEFAULT_METERS[name], **meters.get(name, {})}
    for name, spec in meters.items():
        low, high = spec.get("min", 0), spec.get("max", 100)
        start = spec.get("start", low)
        given = head.get("meters", {}).get(name, {})
        if "start" not in given:
            start = min(max(start, low), high)  # a default start follows a new range
        if low > high:
            error(src, ("meters", name), f'meter "{name}": min ({low}) is greater than '
                  f"max ({high})", key=True)
        elif not low <= start <= high:
            error(src, ("meters", name, "start"), f'meter "{name}": start {start} is '
                  f"outside its range {low} to {high}")
        add(Variable(name, spec.get("label", name.replace("_", " ").capitalize()), NUMBER, start,
                     low, high, spec.get("description", ""), headline=name in HEADLINE),
            ("meters", name))
    for name, spec in head.get("variables", {}).items():
        start = spec["start"]
        kind = BOOL if isinstance(start, bool) else NUMBER if isinstance(start, (int, float)) else TEXT
        low, high = spec.get("min"), spec.get("max")
        if kind != NUMBER and (low is not None or high is not None):
            error(src, ("variables", name), f'variable "{name}" is not a number, so it '
                  "cannot have min or max", key=True)
            low = high = None
        if kind == NUMBER and ((low is not None and start < low) or (high is not None and start > high)):
            error(src, ("variables", name), f'variable "{name}": start {start} is outside '
                  f"its range ({range_text(low, high)})", key=True)
        if spec.get("capacity") and kind != NUMBER:
            error(src, ("variables", name, "capacity"), f'variable "{name}" is not a '
                  "number, so it cannot be a capacity")
        add(Variable(name, spec.get("label", name.replace("_", " ").capitalize()), kind, start,
                     low, high, spec.get("description", ""),
                     capacity=bool(spec.get("capacity")) and kind == NUMBER),
            ("variables", name))
    flags = head.get("flags", {})
    items = flags.items() if isinstance(flags, dict) else ((f, "") for f in flags)
    for position, (name, description) in enumerate(items):
        path = ("flags", name) if isinstance(flags, dict) else ("flags", position)
        add(Variable(name, name.replace("_", " ").capitalize(), BOOL, False,
                     description=description), path)
    return variables
