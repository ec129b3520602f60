"""The `reflection:` block of scenario.yaml: the statements a player rates before play and again
after the ending, and the scale they rate them on. Checked here, with positions, for what the
schema cannot say (ids used twice, a scale too short to mean anything).

    reflection:
      before_after:
        - id: share-power
          text: I know how to share decisions with people who use a service.
      scale: [Strongly disagree, Disagree, Not sure, Agree, Strongly agree]   # optional
"""
from __future__ import annotations

from .model import DEFAULT_SCALE, Reflection, Statement
from .problems import Problem
from .source import SourceFile

KEY = "reflection"
FEWEST_POINTS, MOST_POINTS = 3, 7  # fewer says too little; more will not fit one row of keys 1-9
MOST_STATEMENTS = 8                # the 5-8: more is a lot to ask twice in one session


def read_reflection(sources: list[SourceFile], problems: list[Problem]) -> Reflection | None:
    """The reflection of scenario.yaml (the first source), or None when it has none or it
    cannot be used; each problem goes into `problems` with its position."""
    for source in sources[1:]:
        if isinstance(source.data, dict) and KEY in source.data:
            problems.append(source.problem((KEY,), f'"{KEY}" belongs in scenario.yaml, not in a '
                                           "chapter file", key=True))
    if not sources or not isinstance(sources[0].data, dict):
        return None
    head = sources[0]
    spec = head.data.get(KEY)
    if not isinstance(spec, dict) or "before_after" not in spec:
        return None  # none, or taken out after a schema error that is already said
    usable = True
    statements: list[Statement] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(spec["before_after"]):
        if item is None:  # pruned: its error is said
            usable = False
            continue
        path = (KEY, "before_after", index, "id")
        if item["id"] in seen:
            line = head.where((KEY, "before_after", seen[item["id"]], "id"))[0]
            problems.append(head.problem(path, f'the statement id "{item["id"]}" is used twice: '
                                         f"here and at line {line}; give each statement its own "
                                         "id, so answers before and after can be matched"))
            usable = False
            continue
        seen[item["id"]] = index
        text = " ".join(item["text"].split())
        if not text:
            problems.append(head.problem((KEY, "before_after", index, "text"),
                                         "this statement has no words"))
            usable = False
            continue
        statements.append(Statement(item["id"], text))
    if not spec["before_after"]:
        problems.append(head.problem((KEY, "before_after"), "list at least one statement under "
                                     '"before_after", or leave "reflection" out'))
        usable = False
    elif len(spec["before_after"]) > MOST_STATEMENTS:
        problems.append(head.problem(
            (KEY, "before_after"), f"{len(spec['before_after'])} statements is a lot to ask twice "
            f"in one session; {MOST_STATEMENTS} or fewer keeps it short", severity="warning"))
    scale = tuple(" ".join(point.split()) for point in spec.get("scale", DEFAULT_SCALE))
    if "scale" in spec and not FEWEST_POINTS <= len(scale) <= MOST_POINTS:
        problems.append(head.problem((KEY, "scale"), f"the scale has {len(scale)} point"
                                     f"{'s' * (len(scale) != 1)}; give from {FEWEST_POINTS} to "
                                     f"{MOST_POINTS}, such as: Disagree, Not sure, Agree"))
        usable = False
    elif len(set(scale)) != len(scale) or not all(scale):
        problems.append(head.problem((KEY, "scale"), "each point of the scale needs its own "
                                     "words (one is empty or said twice)"))
        usable = False
    return Reflection(tuple(statements), scale) if usable else None
