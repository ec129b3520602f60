"""What every device in the room shows for the moment a run is at: `page_of(run)`.

The key of a decision is the session record's key for it ("<step>:<scene id>"), so the room's
tally and the record name the same decision; an ending's key also names the ending.
"""
from __future__ import annotations

from ..story.debrief import ACTION_PROMPT, REACTION_WORDS, TAKEAWAY_PROMPTS, Debrief
from ..story.runner import Outcome, Run
from ..text.words import hidden_describe  # pure words: nothing printed
from .model import Option, Page

# The debrief questions a device may answer at the ending, with the ids the record keeps them by.
PROMPTS: tuple[tuple[str, str], ...] = tuple(
    (f"takeaway{number}", prompt) for number, prompt in enumerate(TAKEAWAY_PROMPTS, 1)
) + (("action", ACTION_PROMPT),)


def decision_key(run: Run) -> str:
    scene = run.scene.id if run.scene else ""
    return f"{run.step + 1}:{scene}"


def waiting_page(run: Run | None = None) -> Page:
    """Before the story starts (or between runs): who is playing, and nothing to vote on."""
    if run is None:
        return Page(key="waiting", kind="waiting")
    return Page(key="waiting", kind="waiting", scenario=run.scenario.title,
                role=_role(run))


def page_of(run: Run) -> Page:
    """The page for where `run` is now: a scene to read, a decision to vote on, or the ending
    with the debrief's questions."""
    scenario, role = run.scenario.title, _role(run)
    if run.ending is not None:
        ending = run.ending
        return Page(key=f"end:{run.step}:{ending.id}", kind="ending", scenario=scenario,
                    role=role, title=ending.title, ending=ending.title,
                    lines=tuple(("", paragraph.strip()) for paragraph in ending.text.split("\n\n")
                                if paragraph.strip()),
                    reactions=REACTION_WORDS, prompts=PROMPTS)
    scene = run.scene
    lines: list[tuple[str, str]] = []
    if scene.content_notes:
        lines.append(("", "Content note: " + "; ".join(scene.content_notes) + "."))
    lines += [(line.speaker or "", line.text.strip()) for line in run.lines]
    views = run.choices
    deciding = scene.is_decision and len(views) > 1
    return Page(
        key=decision_key(run), kind="decision" if deciding else "scene", scenario=scenario,
        role=role, title=scene.title, lines=tuple(lines),
        discuss=tuple(scene.discuss) if deciding else (),
        options=tuple(Option(view.index + 1, view.text, view.enabled, view.reason or "")
                      for view in views) if deciding else ())


def outcome_page(run: Run, outcome: Outcome, hide_meters: bool = False) -> Page:
    """What the choice just made did, while the projector shows it: no vote yet, so nobody
    votes on the next scene before the room has seen it. With `hide_meters` (the window's
    setting) each change says what it moved and why, with no number, as the window does."""
    scenario = run.scenario
    chosen = next((t.text for t in reversed(run.taken) if t.outcome is outcome), "")
    lines = [("", f"The room chose: {chosen}")] if chosen else []
    if outcome.feedback.strip():
        lines.append(("", " ".join(outcome.feedback.split())))
    describe = hidden_describe if hide_meters else Debrief.describe
    lines += [("", describe(scenario, change)) for change in outcome.changes]
    return Page(key=f"out:{outcome.step}:{outcome.scene}", kind="scene", scenario=scenario.title,
                role=_role(run), title="What it did", lines=tuple(lines))


def _role(run: Run) -> str:
    role = run.scenario.roles.get(run.role)
    return role.name if role else run.role
