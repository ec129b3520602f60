"""The story core: load scenarios, track state, run a playthrough. Never imports pygame."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .ladder import ABDICATION, ABDICATION_RUNG, RUNGS, Rung, rung_named
    from .loader import LoadResult, find_scenarios, load, load_scenario
    from .model import END, HEADLINE, PRINCIPLES, ROLES, Choice, Effect, Ending, Scenario, Scene
    from .problems import Problem, ScenarioError
    from .runner import ChoiceUnavailable, ChoiceView, Outcome, RestoreError, Run
    from .state import Change, State

# Each name is imported from its module on first use. Importing one module of the package (where
# the shipped files are, how text is typeset, how a file is read) then costs only that module:
# the window's first frame needs those and none of the model, the runner or the loader (YAML,
# the schema checker and the builder).
_HOME = {
    "ladder": ("ABDICATION", "ABDICATION_RUNG", "RUNGS", "Rung", "rung_named"),
    "loader": ("LoadResult", "find_scenarios", "load", "load_scenario"),
    "model": ("END", "HEADLINE", "PRINCIPLES", "ROLES", "Choice", "Effect", "Ending", "Scenario",
              "Scene"),
    "problems": ("Problem", "ScenarioError"),
    "runner": ("ChoiceUnavailable", "ChoiceView", "Outcome", "RestoreError", "Run"),
    "state": ("Change", "State"),
}
_MODULE_OF = {name: module for module, names in _HOME.items() for name in names}

__all__ = [name for names in _HOME.values() for name in names]


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
