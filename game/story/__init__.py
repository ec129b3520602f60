"""The story core: load scenarios, track state, run a playthrough. Never imports pygame."""
from .ladder import ABDICATION, ABDICATION_RUNG, RUNGS, Rung, rung_named
from .model import END, HEADLINE, PRINCIPLES, ROLES, Choice, Effect, Ending, Scenario, Scene
from .problems import Problem, ScenarioError
from .runner import ChoiceUnavailable, ChoiceView, Outcome, RestoreError, Run
from .state import Change, State

__all__ = [
    "ABDICATION", "ABDICATION_RUNG", "RUNGS", "Rung", "rung_named", "LoadResult", "find_scenarios", "load", "load_scenario",
    "END", "HEADLINE", "PRINCIPLES", "ROLES", "Choice", "Effect", "Ending", "Scenario", "Scene",
    "Problem", "ScenarioError", "ChoiceUnavailable", "ChoiceView", "Outcome", "RestoreError",
    "Run", "Change", "State",
]

# The loader (and with it YAML, the schema checker and the builder) is imported on first use, so
# code that only plays, saves or draws (the window's first frame) does not pay for it.
_LAZY = {"LoadResult", "find_scenarios", "load", "load_scenario"}


def __getattr__(name: str):
    if name in _LAZY:
        from . import loader
        value = getattr(loader, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
