"""The story core: load scenarios, track state, run a playthrough. Never imports pygame."""
from .ladder import ABDICATION, ABDICATION_RUNG, RUNGS, Rung, rung_named
from .loader import LoadResult, find_scenarios, load, load_scenario
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
