"""Starting a game: choose the scenario and the role (and, where the scenario offers chapter
starts, where to begin), then the prebrief; a chapter start then shows "The story so far"."""
from __future__ import annotations

from ....story import Run, Scenario
from ....story.starts import ChapterStart, StartBroken, begin, chapters, playable_starts
from ....support import support_for
from ..common import PageScreen


class ChooseScreen(PageScreen):
    """Scenarios first; picking one lists its roles. A scenario with errors is shown with them."""

    def __init__(self, app):
        super().__init__(app)
        self.scenario: Scenario | None = None
        self.role: str | None = None  # picked, when the scenario offers chapter starts for it
        self._starts: tuple[Scenario, str, list[ChapterStart]] | None = None

    def content(self, column):
        if self.scenario is None:
            self.scenario_list(column)
        elif self.role in self.scenario.roles and self.starts(self.role):
            self.start_list(column)
        else:
            self.role_list(column)

    def scenario_list(self, column):
        column.text("Choose a scenario", "heading")
        titles = [r.scenario.title for r in self.app.library if r.scenario is not None]
        for result in self.app.library:
            if result.scenario is not None:
                scenario = result.scenario
                note = scenario.summary
                if titles.count(scenario.title) > 1:  # two copies, say a draft: tell them apart
                    note = (f"{note} " if note else "") + \
                        f"(version {scenario.version}, from {scenario.path})"
                column.button(scenario.title, lambda s=scenario: self.pick(s), note=note)
            else:
                errors = result.errors
                first = str(errors[0]) if errors else "it could not be loaded"
                more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
                column.button(f"{result.title or result.path.name}: has problems", None,
                              enabled=False, note=first + more)
        if not self.app.library:
            column.text("No scenarios were found. Scenarios live in folders under scenes/.")
        column.button("Back", self.app.pop)

    def role_list(self, column):
        scenario = self.scenario
        column.text(scenario.title, "heading", after=0.5)
        if scenario.summary:
            column.text(scenario.summary, "body", "muted")
        column.text("Choose your role", "subheading")
        for role in scenario.roles.values():
            column.button(role.name, lambda r=role.id: self.pick_role(r), note=role.description)
        column.button("Back to the scenarios", self.unpick)

    def starts(self, role: str) -> list[ChapterStart]:
        """The chapter starts this role is offered (those that still reach their chapters)."""
        if self._starts is None or self._starts[:2] != (self.scenario, role):
            self._starts = (self.scenario, role, playable_starts(self.scenario, role))
        return self._starts[2]

    def start_list(self, column):
        """Where to begin: the beginning, or a later chapter, with what each part is about."""
        scenario, role = self.scenario, self.scenario.roles[self.role]
        column.text(scenario.title, "heading", after=0.5)
        column.text(f"Where do you start, as {role.name}?", "subheading")
        column.text("A short session can begin at a later chapter. The choices before it are made "
                    "for you, along a path a careful player might take, and you read what "
                    "happened in \u201cThe story so far\u201d before you play. What you choose "
                    "from there is yours.", "body", "muted")
        first = next(iter(chapters(scenario)), "")
        column.button("Start at the beginning", lambda: self.start(self.role), kind="primary",
                      note=" ".join(filter(None, (f"Chapter 1: {first}." if first else "",
                                                  self.part(first)))))
        for start in self.starts(self.role):
            column.button(start.label, lambda s=start: self.start(self.role, s),
                          note=self.part(start.chapter))
        column.button("Back to the roles", self.unpick_role)

    def part(self, chapter: str) -> str:
        """'This part: what the chapter is for.' ('' when the scenario does not say)."""
        purpose = self.scenario.purposes.get(chapter)
        return f"This part: {purpose.what.strip().rstrip('.')}." if purpose else ""

    def pick_role(self, role: str) -> None:
        if not self.starts(role):
            self.start(role)
            return
        self.role = role
        self.focused = None
        self.invalidate()

    def unpick_role(self) -> None:
        self.role = None
        self.focused = None
        self.invalidate()

    def pick(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.role = None
        self.focused = None
        self.invalidate()

    def unpick(self) -> None:
        self.scenario = None
        self.focused = None
        self.invalidate()

    def back(self):
        if self.scenario is not None and self.role is not None:
            self.unpick_role()
        elif self.scenario is not None and len(self.app.library) > 1:
            self.unpick()
        else:
            self.app.pop()

    def start(self, role: str, chapter_start: ChapterStart | None = None) -> None:
        self.app.push(PrebriefScreen(self.app, self.scenario, role, chapter_start))


class PrebriefScreen(PageScreen):
    """What the game is, that it is fiction, the content notes, and how to step out."""

    def __init__(self, app, scenario: Scenario, role: str,
                 chapter_start: ChapterStart | None = None):
        super().__init__(app)
        self.scenario, self.role = scenario, role
        self.chapter_start = chapter_start  # None: from the beginning
        self.support = support_for(scenario.path, app.save_folder)
        if self.support.problems:  # for the trainer setting up, before anyone plays
            app.say(self.support.notice(), seconds=10)

    def content(self, column):
        column.text("Before you start", "heading")
        column.text("This is a story about people making a mental-health service together. "
                    "It is fiction. The people in it are made up, and each of them has their "
                    "reasons.")
        column.text("There are no perfect answers. Every choice costs something. The game keeps "
                    "track of trust, the balance of power and how useful the work will be, and "
                    "tells you why each one moved.")
        column.text("You can take back a choice (Backspace), read back what happened (H), and "
                    "save at any time from the pause menu (Esc).")
        if self.scenario.content_notes:
            column.text("Content notes", "subheading")
            for note in self.scenario.content_notes:
                column.text("\u2022 " + note, after=0.5)
            column.space(1)
        column.text("Step out at any time with P, or the Step out button. The game pauses and "
                    "waits, with no penalty, and you come back to exactly where you were.")
        column.text("If the story brings up something hard", "subheading")
        for sentence in self.support.sentences():
            column.text("\u2022 " + sentence, "small", after=0.5)

    def cast(self) -> None:
        from ..play.cast import CastScreen
        self.app.push(CastScreen(self.app, self.scenario))

    def bar(self, column):
        # in view however long the notes and support lines are
        column.button("Begin", self.begin, kind="primary", after=0.5)
        people = [("Who\u2019s who", self.cast)] if self.scenario.cast else []
        column.row([("Back", self.app.pop)] + people, after=0)

    def begin(self) -> None:
        auto = next((slot for slot in self.app.slots() if slot.name == "auto"), None)
        if auto is not None and auto.ok and not auto.ending:
            from ..common import ConfirmScreen
            from .saves import describe
            self.app.push(ConfirmScreen(
                self.app, "Your autosave holds a story you have not finished ("
                + describe(auto, self.app.scenario(auto.scenario)) + "). A new game replaces it "
                "as soon as you make your first choice. Your save slots are kept. Start anyway?",
                "Start the new game", self.start, no="Go back"))
        else:
            self.start()

    def start(self) -> None:
        if self.chapter_start is not None:
            self.app.push(StorySoFarScreen(self.app, self.scenario, self.chapter_start))
            return
        play_new(self.app, Run(self.scenario, self.role))


def play_new(app, run: Run) -> None:
    """Play a new run: the title underneath it, then the scenario's reflection statements."""
    app.to_title()
    app.open_run(run, restored=False)
    from ..play.reflection import ask_before
    ask_before(app, run)


class StorySoFarScreen(PageScreen):
    """Before play at a later chapter: what has happened so far, and that those choices were
    made for the player."""

    def __init__(self, app, scenario: Scenario, start: ChapterStart):
        super().__init__(app)
        self.scenario, self.start = scenario, start

    def content(self, column):
        start = self.start
        column.text("The story so far", "heading", after=0.5)
        column.text(start.heading, "subheading")
        column.text(start.summary)
        column.text("The choices before this chapter were made for you. What you choose from here "
                    "is yours: the debrief and the reports read only that.", "small", "muted")

    def bar(self, column):
        # in view however long the summary is, on a projector's large text too
        column.button(f"Begin chapter {self.start.number}", self.begin, kind="primary", after=0.5)
        column.row([("Back", self.app.pop)], after=0)

    def begin(self) -> None:
        try:
            run = begin(self.scenario, self.start)
        except StartBroken as exc:  # the scenario was edited since the list was made
            self.app.say(f"This chapter start no longer works: {exc.problem}", seconds=8)
            self.app.pop()
            return
        play_new(self.app, run)  # the scenario's reflection statements, over the first scene
