"""The debrief after a playthrough, following PEARLS (Eppich & Cheng, 2015): Reactions,
Description, Analysis, Summary; solo players also get a short journal (Gibbs' reflective cycle).

One screen walks through the steps (Back / Next, or Left / Right); what each step shows is built
in debrief_steps.py, debrief_description.py and debrief_analysis.py. Answers are saved the
moment they are given: for the game just played through the App's session recorder, for a
record opened from the records list straight into its file (`records.save_answers`, which
leaves the record's steps alone).

Keys kept in the record's "debrief": reactions (list of words), takeaways (list of answers in
prompt order) with takeaway_prompts (the prompt each answers), action (str), journal (dict keyed
by the Gibbs keys).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable

import pygame
from ....records import RecordFile, save_answers, save_sharing, sharing_of
from ....story import Run
from ....story.debrief import (ACTION_PROMPT, GIBBS, TAKEAWAY_PROMPTS, Fit, Fork, Mirror, fits,
                              forks, mirrors)
from ....text.safety import clean_all
from ....xapi.consent import SHARE_NO, SHARE_YES, asks_to_share
from ...layout import Button, Column
from . import analysis as debrief_analysis
from . import description as debrief_description
from . import steps as debrief_steps
from ..menus.ask_text import AskTextScreen
from ..common import PageScreen, reading_width
from .charts import Points, points_of
from .steps import JOURNAL_TITLES, toggle_label
from ..menus.report_files import make_report, open_in_browser, record_path

STEP_NAMES = {"reactions": "Reactions", "description": "Description", "analysis": "Analysis",
              "summary": "Summary", "journal": "Journal"}
GIBBS_KEYS = tuple(key for key, _ in GIBBS)
ANSWER_LIMIT = 400


@dataclass
class Answers:
    """The player's debrief answers, read defensively (a record on disk may be damaged)."""

    reactions: list[str] = field(default_factory=list)
    takeaways: dict[int, str] = field(default_factory=dict)  # prompt index -> answer
    action: str = ""
    journal: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, raw: Any) -> "Answers":
        # typed answers read back: a NUL or a zero-width character alone is no answer
        raw = clean_all(raw) if isinstance(raw, dict) else {}
        answers = cls()
        words = raw.get("reactions")
        if isinstance(words, list):
            answers.reactions = list(dict.fromkeys(w.strip() for w in words
                                                  if isinstance(w, str) and w.strip()))
        given = raw.get("takeaways")
        prompts = raw.get("takeaway_prompts")
        if isinstance(given, list):
            texts = [t if isinstance(t, str) else "" for t in given]
            if isinstance(prompts, list) and len(prompts) == len(texts):
                for prompt, text in zip(prompts, texts):
                    if prompt in TAKEAWAY_PROMPTS and text.strip():
                        answers.takeaways[TAKEAWAY_PROMPTS.index(prompt)] = text.strip()
            else:  # written without prompts: take them in order
                for index, text in enumerate(t for t in texts if t.strip()):
                    if index < len(TAKEAWAY_PROMPTS):
                        answers.takeaways[index] = text.strip()
        if isinstance(raw.get("action"), str):
            answers.action = raw["action"].strip()
        journal = raw.get("journal")
        if isinstance(journal, dict):
            answers.journal = {k: v.strip() for k, v in journal.items()
                               if k in GIBBS_KEYS and isinstance(v, str) and v.strip()}
        return answers

    def takeaway_fields(self) -> dict[str, list[str]]:
        order = sorted(self.takeaways)
        return {"takeaways": [self.takeaways[i] for i in order],
                "takeaway_prompts": [TAKEAWAY_PROMPTS[i] for i in order]}


# Below this many lines of body text in the window's height, Back / Next go at the foot of the
# page and scroll with it (and the key hints, which F1 lists, give way): a fixed bar and footer
# there would leave the lesson a handful of lines to be read through.
NAV_SCROLLS_BELOW = 16


class DebriefScreen(PageScreen):
    lift_short = False  # Back / Next stay at the foot of the window, step after step
    characters = 72
    hints = "Left / Right: steps     Tab: move     Esc: back     P: step out"
    nav_in_page = False

    def __init__(self, app, run: Run, record: RecordFile | None = None,
                 show_file: Callable[[Path], Any] | None = None):
        super().__init__(app)
        self.run = run
        self.record = record
        self.show_file = show_file or open_in_browser
        # The live run's recorder, kept from now on: a reload (F5) may hand it a replayed run.
        self.recorder = app.recorder if record is None and app.recorder is not None \
            and app.recorder.run is run else None
        if record is not None:
            raw = record.data.get("debrief")
        else:
            raw = self.recorder.debrief if self.recorder is not None else {}
        self.answers = Answers.read(raw)
        # asked on the Summary step only when the organisation has a store that takes answers
        self.asks_to_share = asks_to_share(app.save_folder)
        self.sharing = (sharing_of(record.data) if record is not None else
                        self.recorder.share_answers if self.recorder is not None else None)
        self.steps = ["reactions", "description", "analysis", "summary"]
        if not app.workshop or self.answers.journal:
            self.steps.append("journal")
        self.index = 0
        self.show_all_forks = False
        self.show_all_mirrors = False
        self.nav: list[Button] = []
        self.report_path: Path | None = None
        self._focus_on: str | int | None = None  # a label, or the place of a nav button

    # -- what the steps read (computed once, when first needed) ----------------------------
    @property
    def step(self) -> str:
        return self.steps[self.index]

    @cached_property
    def forks(self) -> list[Fork]:
        return forks(self.run)

    @cached_property
    def mirrors(self) -> list[Mirror]:
        return mirrors(self.run)

    @cached_property
    def fit_readings(self) -> list[Fit]:
        return fits(self.run)

    @cached_property
    def points(self) -> Points:
        return points_of(self.run)

    @property
    def who(self) -> str:
        scenario = self.run.scenario
        role = scenario.roles[self.run.role].name
        label = (self.record.data.get("label") if self.record
                 else self.recorder.label if self.recorder else self.app.label) or ""
        return f"{scenario.title}, as {role}" + (f". {label}" if isinstance(label, str) and label else "")

    # -- layout ------------------------------------------------------------------------------
    def content(self, column: Column) -> None:
        column.text(f"Step {self.index + 1} of {len(self.steps)}: {STEP_NAMES[self.step]}",
                    "heading", after=0.25)
        column.text(f"Debrief of {self.who}", "small", "muted")
        build = {"reactions": debrief_steps.reactions, "description": debrief_description.description,
                 "analysis": debrief_analysis.analysis, "summary": debrief_steps.summary,
                 "journal": debrief_steps.journal}[self.step]
        build(self, column)

    def arrange(self, theme, size):
        width, height = size
        self.nav_in_page = height < NAV_SCROLLS_BELOW * theme.line_height("body")
        if not self.nav_in_page:
            return super().arrange(theme, size)
        margin = theme.unit * 3
        column = Column(theme, min(width - theme.unit * 8, reading_width(theme, self.characters)))
        column.space(1)
        self.content(column)
        column.space(1)
        self.nav = column.row(self.nav_items(), align="right", after=1)
        return [(column, pygame.Rect((width - column.width) // 2, margin, column.width,
                                     height - 2 * margin))]

    def draw_over(self, surface, theme):
        if not self.nav_in_page:
            super().draw_over(surface, theme)

    def bar(self, column: Column) -> None:
        self.nav = column.row(self.nav_items(), align="right", after=0)

    def nav_items(self) -> list[tuple[str, Callable[[], None]]]:
        items = []
        if self.index > 0:
            items.append((f"Back: {STEP_NAMES[self.steps[self.index - 1]]}", self.previous))
        else:
            items.append(("Close", self.back))
        if self.index < len(self.steps) - 1:
            items.append((f"Next: {STEP_NAMES[self.steps[self.index + 1]]}", self.next))
        else:
            items.append(("Finish", self.back))
        return items

    def ensure_layout(self):
        fresh = self._laid_out_for is None
        super().ensure_layout()
        if not fresh or self._focus_on is None:
            return
        wanted, self._focus_on = self._focus_on, None
        if isinstance(wanted, int):
            target = self.nav[min(wanted, len(self.nav) - 1)] if self.nav else None
        else:
            target = next((b for b in self.buttons if b.label == wanted), None)
        if target is not None:
            self.focused = target
            self.keep_focus_in_view()

    def first_focus(self, buttons):
        """The step's first button; on a step with none, the way on (Next, or Finish)."""
        return next((b for b in buttons if b.enabled and b not in self.nav),
                    self.nav[-1] if self.nav else buttons[0])

    # -- moving between steps ---------------------------------------------------------------
    def go(self, index: int) -> None:
        index = max(0, min(len(self.steps) - 1, index))
        if index == self.index:
            return
        # On Back or Next, the highlight stays on the same place in the bar (Next becomes Finish);
        # where Back / Next scroll with the page, the next step opens at its top instead.
        self._focus_on = (self.nav.index(self.focused) if self.focused in self.nav
                          and not self.nav_in_page else None)
        self.index = index
        self.focused = None
        if self._views:
            self._views[0].offset = 0
        self.invalidate()

    def next(self) -> None:
        self.go(self.index + 1)

    def previous(self) -> None:
        self.go(self.index - 1)

    def on_action(self, action):
        if action.name == "right":
            self.next()
            return True
        if action.name == "left":
            self.previous()
            return True
        return False

    # -- answers ------------------------------------------------------------------------------
    def keep(self, announce: bool = True, **answers: Any) -> bool:
        """Save answers in the session record at once; say so, or say why not."""
        if self.record is not None:
            try:
                save_answers(self.record, **answers)
            except OSError as exc:
                self.app.say(f"Could not save that in the session record: {exc.strerror or exc}")
                return False
        else:
            recorder = self.recorder
            if recorder is None:
                self.app.say("This game has no session record, so answers cannot be kept.")
                return False
            recorder.set_debrief(**answers)
            if not recorder.update():
                self.app.say(f"Could not save that in the session record: {recorder.error}")
                return False
        if announce:
            self.app.say("Saved in your session record.")
        return True

    def set_sharing(self, agreed: bool) -> None:
        """The player's answer about sending their written answers to the organisation."""
        try:
            if self.record is not None:
                save_sharing(self.record, agreed)
            elif self.recorder is not None:
                self.recorder.set_share_answers(agreed)
                if not self.recorder.update():
                    raise OSError(self.recorder.error)
            else:
                return self.app.say("This game has no session record, so nothing can be shared.")
        except OSError as exc:
            return self.app.say(f"Could not save that in the session record: {exc.strerror or exc}")
        self.sharing = agreed
        self.app.say("Your written answers will be shared." if agreed else
                     "Your written answers will not be shared.")
        self._focus_on = toggle_label(SHARE_YES if agreed else SHARE_NO, True)
        self.invalidate()

    def toggle_reaction(self, word: str) -> None:
        reactions = self.answers.reactions
        if word in reactions:
            reactions.remove(word)
        else:
            reactions.append(word)
        self.keep(announce=False, reactions=list(reactions))
        self._focus_on = toggle_label(word, word in reactions)
        self.invalidate()

    def ask_reaction(self) -> None:
        def done(text: str) -> None:
            words = [w.strip() for w in text.split(",") if w.strip()]
            fresh = [w for w in words if w not in self.answers.reactions]
            if fresh:
                self.answers.reactions.extend(fresh)
                self.keep(reactions=list(self.answers.reactions))
                self.invalidate()
        self.app.push(AskTextScreen(self.app, "How did it feel, in your own words?", done,
                                    note="A word or a few, separated by commas.", limit=120))

    def ask(self, prompt: str, initial: str, store: Callable[[str], dict], edit_label: str,
            write_label: str, note: str = "") -> None:
        """Ask for one typed answer; `store` files it and returns the fields to save."""
        def done(text: str) -> None:
            if text == initial:
                return
            self.keep(**store(text))
            self._focus_on = edit_label if text else write_label
            self.invalidate()
        self.app.push(AskTextScreen(self.app, prompt, done, initial=initial, limit=ANSWER_LIMIT,
                                    note=note or "Enter saves it. Leave it empty to remove it."))

    def ask_takeaway(self, index: int) -> None:
        def store(text: str) -> dict:
            if text:
                self.answers.takeaways[index] = text
            else:
                self.answers.takeaways.pop(index, None)
            return self.answers.takeaway_fields()
        self.ask(TAKEAWAY_PROMPTS[index], self.answers.takeaways.get(index, ""), store,
                 f"Edit take-away {index + 1}", f"Write take-away {index + 1}")

    def ask_action(self) -> None:
        def store(text: str) -> dict:
            self.answers.action = text
            return {"action": text}
        self.ask(ACTION_PROMPT, self.answers.action, store, "Edit your action", "Write your action")

    def ask_journal(self, key: str) -> None:
        prompt = dict(GIBBS)[key]

        def store(text: str) -> dict:
            if text:
                self.answers.journal[key] = text
            else:
                self.answers.journal.pop(key, None)
            return {"journal": {k: self.answers.journal[k] for k in GIBBS_KEYS if k in self.answers.journal}}
        title = JOURNAL_TITLES[key]
        self.ask(prompt, self.answers.journal.get(key, ""), store, f"Edit: {title}", f"Write: {title}",
                 note=f"{title}. All of the journal is optional. Enter saves it.")

    # -- the wider views ------------------------------------------------------------------------
    def toggle_forks(self) -> None:
        self.show_all_forks = not self.show_all_forks
        self._refocus_toggle("forks")

    def toggle_mirrors(self) -> None:
        self.show_all_mirrors = not self.show_all_mirrors
        self._refocus_toggle("mirrors")

    def _refocus_toggle(self, which: str) -> None:
        self._focus_on = debrief_analysis.toggle_labels(self)[which]
        self.invalidate()

    def branch_map(self) -> None:
        """The scenario's map with this run's path drawn on it."""
        from ....story_map.path import run_path
        from ..play.branch_map import BranchMapScreen
        scenario = self.run.scenario
        role = scenario.roles[self.run.role].name
        self.app.push(BranchMapScreen(self.app, scenario, self.run.role, run_path(self.run),
                                      f"Your path through {scenario.title}, as {role}"))

    def make_report(self) -> None:
        """Write the HTML report of this record into <save folder>/reports/ and show it."""
        source = record_path(self)
        if source is not None:
            scenario = self.run.scenario
            make_report(self.app, [source], source.stem, self.show_file, loaded=scenario,
                        then=self.report_made)

    def report_made(self, path: Path | None) -> None:
        """The report is written (built off the window's thread): the Summary names it."""
        if path is not None:
            self.report_path = path
            self.invalidate()
