"""The ending: its text, the numbers it ended on and the rung of the last decision, then the way
on: the debrief (first, and highlighted), playing the other side, the history, the title
screen. The charts, the fit of each part, the biggest changes and the roads not taken are in
the debrief (debrief.py), so they are not repeated here."""
from __future__ import annotations


from ...story import Run
from ..hud import label, number, rung_words
from .common import PageScreen


class EndingScreen(PageScreen):
    characters = 72

    def __init__(self, app, run: Run):
        super().__init__(app)
        self.run = run
        self.debrief_button = None

    def content(self, column):
        run = self.run
        ending = run.ending
        column.text("The end", "small_bold", "muted", after=0.25)
        column.text(ending.title, "heading")
        for paragraph in [p for p in ending.text.split("\n\n") if p.strip()]:
            column.text(" ".join(paragraph.split()))
        values = run.values
        meters = ", ".join(f"{label(m)} {number(values[m.name], m.name == 'power')}"
                           for m in run.scenario.deciding)
        column.text(f"At the end: {meters}.", "small", "muted")
        heading, signature = rung_words(run.rung)
        column.text(f"{heading}. {signature}" if run.rung is not None else heading + ".",
                    after=0.5)
        column.text("The debrief says, part by part, whether the rungs you worked at fit what "
                    "each part of the project needed." if run.scenario.purposes else
                    "The debrief shows the rung of each of your decisions over time.",
                    "small", "muted")
        self.room_answers(column)
        column.space(1)
        other = [r for r in run.scenario.roles.values() if r.id != run.role]
        if other:
            column.button(f"Play again from the other side: {other[0].name}",
                          lambda: self.play_as(other[0].id))
        column.button("History of this game", self.history)
        column.button("Back to the title screen", self.app.to_title)

    def room_answers(self, column) -> None:
        """With the live room open: how many devices have answered the debrief questions on
        their screens, and the feelings they picked, most first."""
        room = self.app.room
        if room is None:
            return
        answers = room.room.answers()
        column.space(0.5)
        column.text("The room's devices show the debrief questions now: "
                    f"{len(answers)} of {room.devices} have answered.", "body_bold", after=0.5)
        felt: dict[str, int] = {}
        for answer in answers:
            for word in answer.get("reactions", ()):
                felt[word] = felt.get(word, 0) + 1
        if felt:
            ranked = sorted(felt.items(), key=lambda item: (-item[1], item[0]))
            column.text("How it felt: " + ", ".join(f"{w} {n}" for w, n in ranked) + ".", "body",
                        after=0.5)
        column.text("Their answers go into the session record and the room report.", "small",
                    "muted")

    def bar(self, column):
        """The Debrief button stays in view below the ending's text, however long it is."""
        self.debrief_button = column.button(
            "Debrief", self.debrief, kind="primary", after=0,
            note="How it felt, what happened and why, what you take away")

    @property
    def buttons(self):
        """Debrief first in the Tab order too, though it sits below the text."""
        found = super().buttons
        return sorted(found, key=lambda button: button is not self.debrief_button)

    def ensure_layout(self):
        super().ensure_layout()
        if self.focused is None and self.debrief_button in self.buttons:
            self.focused = self.debrief_button  # Enter opens the debrief, whatever was used last

    def first_focus(self, buttons):
        return self.debrief_button if self.debrief_button in buttons else super().first_focus(buttons)

    def play_as(self, role: str) -> None:
        from .new_game import PrebriefScreen
        self.app.to_title()
        self.app.push(PrebriefScreen(self.app, self.run.scenario, role))

    def debrief(self) -> None:
        from .debrief import DebriefScreen
        from .reflection import ask_after
        # the reflection statements again (once, if the scenario has them), then the debrief
        ask_after(self.app, self.run, lambda: self.app.push(DebriefScreen(self.app, self.run)))

    def history(self):
        from .history import HistoryScreen
        self.app.push(HistoryScreen(self.app, self.run))

    def back(self):
        self.app.to_title()

    def on_action(self, action):
        if action.name == "history":
            self.history()
            return True
        if action.name == "undo":  # take back the last decision and play on from there
            from .play import PlayScreen, take_back
            undone = take_back(self.run)
            self.app.autosave(self.run)
            self.app.replace(PlayScreen(self.app, self.run, restored=True))
            self.app.say(f'Taken back: "{undone}"' if undone else "Back to the start of the story.")
            return True
        if action.name == "quick_save":
            self.app.say("This story has ended; the autosave already holds it.")
            return True
        return False
