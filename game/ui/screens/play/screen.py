"""The play screen: moving through the story — the role's introduction, content notes, the
scene, what a choice did — choosing, taking back, the typewriter, and the keys and toolbar verbs.

All story logic is the runner's: this screen shows `run.lines` and `run.choices`, calls
`run.choose()` and `run.undo()`, and saves after every choice. What each page shows and how it
is laid out is play_layout.py's.
"""
from __future__ import annotations

import pygame

from ....story import ChoiceUnavailable, Run
from ....story.model import find_asset
from ...screen import Screen
from ...text_wrap import get_ready
from . import layout as play_layout
from ..common import draw_footer
from .layout import INTRO, NOTE, OUTCOME, SCENE
from ..workshop.facilitator import Facilitator

PLAY_HINTS = "1-9: choose     Backspace: undo     H: history     Esc: menu     F1: keys     P: step out"


def take_back(run: Run) -> str | None:
    """Undo the last decision and any "Continue" after it; the text of the choice taken back.
    A run begun at a chapter goes back no further than where it began."""
    while len(run.taken) > run.started_at:
        last = run.taken[-1].text
        run.undo()
        if run.scene.is_decision:
            return last
    return None


class PlayScreen(Screen):
    auto_focus = False  # Enter must never pick option 1 by accident: a decision starts unfocused

    def __init__(self, app, run: Run, restored: bool = False):
        super().__init__(app)
        self.run = run
        self.phase = INTRO if run.step == 0 and not restored else SCENE
        self.skip_text = False          # the player chose to skip a content-noted scene's text
        # (step, scene) whose content note was answered -> whether its text was skipped
        self.noted: dict[tuple[int, str], bool] = {}
        self.outcome = None
        self.reveal: float | None = None  # characters shown so far while the typewriter runs
        self.main = None
        self.hud_rect: pygame.Rect | None = None  # the side panel, when there is one
        self.options = None      # the projector layout's pane of options (its Column), if shown
        self.cards: list[pygame.Rect] = []  # where the layout wants a card drawn behind panes
        self.show_picture = True  # False where a layout has no room for the scene's picture
        self._prefetched: tuple | None = None
        self.facilitator = Facilitator(self)  # workshop mode: timer, votes, notes, other side
        if self.phase == SCENE:
            self.enter_scene()
        if restored and run.restore_note:
            app.say(run.restore_note, seconds=6)

    # -- moving through the story ----------------------------------------------------------
    def enter_scene(self) -> None:
        if self.app.top is self:
            self.app.begin_fade()  # the scene on screen gives way softly to the next
        run = self.run
        scene = run.scene
        answered = self.noted.get((run.step, scene.id)) if scene is not None else None
        self.skip_text = bool(answered)
        if scene is not None and scene.content_notes and answered is None:
            self.phase = NOTE
        else:
            self.phase = SCENE
        speed = self.app.settings.reveal_speed
        self.reveal = 0.0 if self.phase == SCENE and speed and not self.skip_text else None
        self.focused = None
        self.invalidate()
        for view in self._views:
            view.offset = 0

    def begin(self) -> None:
        self.enter_scene()

    def read_noted(self, skip: bool) -> None:
        self.noted[(self.run.step, self.run.scene.id)] = skip
        self.enter_scene()

    def choose(self, index: int) -> None:
        run = self.run
        self.facilitator.before_choice(index)
        try:
            outcome = run.choose(index)
        except ChoiceUnavailable as exc:
            self.app.say(str(exc))
            return
        self.app.autosave(run)
        if outcome.feedback or outcome.changes:
            self.app.begin_fade()  # what the choice changed comes in softly
            self.outcome = outcome
            self.phase = OUTCOME
            self.reveal = None
            self.focused = None
            self.invalidate()
            for view in self._views:
                view.offset = 0
        else:
            self.after_outcome()

    def after_outcome(self) -> None:
        self.outcome = None
        if self.run.ended:
            from .ending import EndingScreen
            self.app.begin_fade()
            self.app.replace(EndingScreen(self.app, self.run))
        else:
            self.enter_scene()

    def go_on_with(self, run: Run) -> None:
        """Show `run`, this playthrough replayed on a reloaded story (F5), at the same point
        while it still exists: the new words of the same scene, or of what the last choice did.
        An answered content note stays answered; the scroll position is kept."""
        same_place = run.step == self.run.step and not run.restore_note
        offsets = [view.offset for view in self._views]
        self.run = run
        self._prefetched = None
        if self.phase == INTRO:
            self.invalidate()
        elif self.phase == OUTCOME and same_place and run.last is not None:
            self.outcome = run.last
            self.invalidate()
        else:
            self.after_outcome()  # the scene the run is at now, or its ending
        self.reveal = None  # someone checking an edit wants the whole text at once
        if same_place:
            for view, offset in zip(self._views, offsets):
                view.offset = offset  # the next layout clamps it to the new length

    def undo(self) -> None:
        """Take back the last decision (and any "Continue" after it)."""
        if len(self.run.taken) <= self.run.started_at:
            self.app.say("There is nothing to take back yet." if not self.run.started_at else
                         "This is where you started: there is nothing of yours to take back yet.")
            return
        undone = take_back(self.run)
        self.app.autosave(self.run)
        self.outcome = None
        self.enter_scene()
        self.reveal = None
        self.app.say(f'Taken back: "{undone}"' if undone else "Back to the start of the story.")

    # -- actions -----------------------------------------------------------------------------
    def on_action(self, action):
        name = action.name
        if self.revealing and name in ("activate", "click", "choose", "any_key", "focus_next",
                                       "focus_prev", "up", "down"):
            button = self.button_at(action.pos) if name == "click" else None
            if button is None or button in self.main.buttons:
                self.reveal = None  # any key or click shows the whole text first
                return True
        if self.revealing and name == "scroll" and action.pos is None and action.value > 0:
            self.reveal = None  # End (or Page Down) shows the whole text, then goes down to it
            self.scroll(action.value)
            return True
        if self.facilitator.handle(action):
            return True
        if name == "undo":
            self.undo()
            return True
        if name == "history":
            from .history import HistoryScreen
            self.app.push(HistoryScreen(self.app, self.run))
            return True
        if name == "quick_save":
            if self.app.save("quick", self.run):
                self.app.say("Saved in the quick slot (F9 loads it).")
            return True
        return False

    def open_meters(self) -> None:
        """The drawer of the meters, for a layout that shows them as a strip."""
        from .meters import MetersScreen
        self.app.push(MetersScreen(self.app, self.run))

    def back(self):
        from ..menus.pause import PauseScreen
        self.app.push(PauseScreen(self.app, self.run))

    @property
    def revealing(self) -> bool:
        return self.reveal is not None and self.main is not None and self.reveal < self.main.characters

    @property
    def animating(self) -> bool:
        return self.revealing

    def update(self, dt):
        ticked = self.facilitator.update(dt)  # the workshop timer, when one is running
        if not self.revealing:
            if self.reveal is not None and self.main is not None:
                self.reveal = None
                if self.phase == SCENE and len(self.run.choices) == 1:
                    self.invalidate()  # focus the single Continue once it shows
                return True
            return ticked
        speed = self.app.settings.reveal_speed
        if speed is None:
            self.reveal = None
        else:
            self.reveal += speed * dt
        return True

    def reveal_for(self, pane):
        if pane.column is self.main and self.reveal is not None:
            return int(self.reveal)
        return None

    # -- layout ----------------------------------------------------------------------------
    def arrange(self, theme, size):
        return play_layout.arrange(self, theme, size)

    @property
    def shown_scene(self):
        """The scene the page is about: while showing what a choice did, the scene it was made in."""
        if self.phase == OUTCOME and self.outcome is not None:
            return self.run.scenario.scenes.get(self.outcome.scene, self.run.scene)
        return self.run.scene

    def idle(self) -> None:
        """While nothing happens, draw the pictures of the scenes the options lead to, so the
        next key press does not wait for them (a large SVG takes up to ~0.1 s to draw)."""
        get_ready()  # and the hyphenation dictionary, for the first narrow column
        key = (self.run.step, self.run.scene.id if self.run.scene else None, id(self.app.theme))
        if self.main is None or self._prefetched == key:
            return
        self._prefetched = key
        scenario = self.run.scenario
        size = (self.main.width, play_layout.band_height(self.app.theme, self.main.width))
        for choice in self.run.scene.choices if self.run.scene else ():
            scene = scenario.scenes.get(choice.next)
            if scene is not None and scene.background:
                self.app.pictures.cover(find_asset(scenario.path, scene.background), size)

    def first_focus(self, buttons):
        return buttons[0]

    def ensure_layout(self):
        super().ensure_layout()
        if self.reveal is not None and self.main is not None and self.main.texts and self.panes:
            text_bottom = max(item.y + item.height for item in self.main.texts)
            if text_bottom > self.panes[0].view.rect.height:
                self.reveal = None  # text longer than the pane: no typewriter below the fold
        # On a page with one way on (Continue, Begin, the outcome), Enter should just go on.
        if self.focused is None and self.main is not None and not self.revealing:
            only = [b for b in self.main.buttons if b.enabled]
            if only and self.can_see(only[0]) and (
                    self.phase in (INTRO, OUTCOME) or (self.phase == SCENE and len(only) == 1)):
                self.focused = only[0]

    # -- drawing ---------------------------------------------------------------------------
    def draw_behind(self, surface, theme):
        play_layout.draw_cards(self, surface, theme)

    def draw_over(self, surface, theme):
        self.facilitator.draw_votes(surface)
        draw_footer(surface, theme, self.hints)

    @property
    def hints(self) -> str:
        return self.facilitator.hints if self.app.workshop else PLAY_HINTS