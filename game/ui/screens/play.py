"""The play screen: the scene's words, the options, what a choice did, and the meters.

All story logic is the runner's: this screen shows `run.lines` and `run.choices`, calls
`run.choose()` and `run.undo()`, and saves after every choice.
"""
from __future__ import annotations

import pygame

from ...story import ChoiceUnavailable, Run
from ...story.model import find_asset
from ..hud import compact_hud, full_hud, label, number
from ..layout import Column
from ..screen import Screen
from .common import draw_footer, footer_height, reading_width
from .workshop import HINTS as WORKSHOP_HINTS, Facilitator

INTRO, NOTE, SCENE, OUTCOME = "intro", "note", "scene", "outcome"
PLAY_HINTS = "1-9: choose     Backspace: undo     H: history     Esc: menu     F1: keys     P: step out"


def take_back(run: Run) -> str | None:
    """Undo the last decision and any "Continue" after it; the text of the choice taken back."""
    while run.taken:
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
        self._prefetched: tuple | None = None
        self.facilitator = Facilitator(self)  # workshop mode: timer, votes, notes, other side
        if self.phase == SCENE:
            self.enter_scene()
        if restored and run.restore_note:
            app.say(run.restore_note, seconds=6)

    # -- moving through the story ----------------------------------------------------------
    def enter_scene(self) -> None:
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
        try:
            outcome = run.choose(index)
        except ChoiceUnavailable as exc:
            self.app.say(str(exc))
            return
        self.app.autosave(run)
        if outcome.feedback or outcome.changes:
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
        if not self.run.taken:
            self.app.say("There is nothing to take back yet.")
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

    def back(self):
        from .pause import PauseScreen
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
        placed = self.arrange_roomy(theme, size)
        if placed[0][1].height >= 8 * theme.line_height("body"):
            return placed
        return self.arrange_cramped(theme, size)

    def tools(self) -> list:
        return [("Menu", self.back), ("History", lambda: self.app.dispatch_named("history")),
                ("Undo", self.undo), ("Step out", self.app.dispatch_step_out)] + self.facilitator.tools()

    def arrange_cramped(self, theme, size):
        """Little room (a small window, very large text): only the buttons stay put; the
        heading and the meters scroll with the text, so there is always room to read."""
        width, height = size
        margin = theme.unit * 2
        toolbar = Column(theme, width - 2 * margin)
        toolbar.space(0.75)
        toolbar.row(self.tools(), after=0.75)
        bottom = height - footer_height(theme, self.hints)
        main = Column(theme, width - 2 * margin - theme.unit)
        scene = self.shown_scene
        if scene is not None and scene.chapter:
            main.text(scene.chapter, "small_bold", "muted", after=0.25)
        main.text(self.title_text(), "subheading", after=1)
        self.facilitator.fill_hud(main, compact=True)
        compact_hud(main, self.run)
        main.space(1)
        self.fill_main(main)
        self.main = main
        self.reveal = None
        self.hud_rect = None
        return [(main, pygame.Rect(margin, margin + toolbar.height, main.width,
                                   bottom - margin - toolbar.height - theme.unit)),
                (toolbar, pygame.Rect(margin, margin, toolbar.width, toolbar.height))]

    def arrange_roomy(self, theme, size):
        width, height = size
        margin = theme.unit * 3
        gap = theme.unit * 3
        bottom = height - footer_height(theme, self.hints)
        body_width = reading_width(theme, 68)
        hud_width = max(theme.unit * 34, round(width * self.facilitator.side_share))
        wide = width - 2 * margin - hud_width - gap >= min(body_width, reading_width(theme, 46))

        toolbar = Column(theme, width - 2 * margin)
        scene = self.shown_scene
        chapter = scene.chapter if scene else ""
        title = self.title_text()
        tools = self.tools()
        row_width = sum(theme.font("small_bold").size(t)[0] + theme.unit * 5 for t, _ in tools)
        heading_room = toolbar.width - row_width - gap
        if heading_room >= reading_width(theme, 24):
            head = Column(theme, heading_room)
            tools_column = Column(theme, row_width)
            tools_column.space(0.75)  # room for the focus ring above and below the buttons
            tools_column.row(tools, align="right", after=0.75)
        else:
            head = toolbar
            tools_column = None
            toolbar.row(tools, after=0.5)
        if chapter:
            head.text(chapter, "small_bold", "muted", after=0.25)
        head.text(title, "subheading", after=0)

        placed = []
        top = margin
        if tools_column is None:
            head_rect = pygame.Rect(margin, top, toolbar.width, toolbar.height)
        else:
            head_rect = pygame.Rect(margin, top, head.width, head.height)
        top = head_rect.bottom + gap

        if wide:
            main_width = min(body_width, width - 2 * margin - hud_width - gap)
            left = margin + (width - 2 * margin - hud_width - gap - main_width) // 2
            hud = Column(theme, hud_width - theme.unit * 4)
            self.facilitator.fill_hud(hud)
            full_hud(hud, self.run)
            if hud.height > bottom - top - theme.unit * 4:  # too tall: the same readings, compact
                hud = Column(theme, hud_width - theme.unit * 4)
                self.facilitator.fill_hud(hud)
                compact_hud(hud, self.run)
            hud_rect = pygame.Rect(width - margin - hud_width + theme.unit * 2, top + theme.unit * 2,
                                   hud.width, min(hud.height, bottom - top - theme.unit * 4))
        else:
            main_width = min(body_width, width - 2 * margin - theme.unit)
            left = (width - main_width) // 2
            hud = Column(theme, width - 2 * margin)
            self.facilitator.fill_hud(hud, compact=True)
            compact_hud(hud, self.run)
            hud_rect = pygame.Rect(margin, top, hud.width, hud.height)
            top = hud_rect.bottom + theme.unit * 2

        main = Column(theme, main_width)
        self.fill_main(main)
        self.main = main
        main_rect = pygame.Rect(left, top, main_width, bottom - top - theme.unit)
        placed.append((main, main_rect))
        if tools_column is not None:
            placed.append((head, head_rect))
            tools_top = margin + max(0, (head.height - tools_column.height) // 2)
            placed.append((tools_column, pygame.Rect(width - margin - tools_column.width, tools_top,
                                                     tools_column.width, tools_column.height)))
        else:
            placed.append((toolbar, head_rect))
        placed.append((hud, hud_rect))
        self.hud_rect = hud_rect if wide else None
        return placed

    def title_text(self) -> str:
        if self.phase == INTRO:
            return self.run.scenario.roles[self.run.role].name
        scene = self.shown_scene
        return (scene.title if scene and scene.title else self.run.scenario.title)

    @property
    def shown_scene(self):
        """The scene the page is about: while showing what a choice did, the scene it was made in."""
        if self.phase == OUTCOME and self.outcome is not None:
            return self.run.scenario.scenes.get(self.outcome.scene, self.run.scene)
        return self.run.scene

    def fill_main(self, column: Column) -> None:
        run = self.run
        if self.phase == INTRO:
            role = run.scenario.roles[run.role]
            for paragraph in [p.strip() for p in role.intro.split("\n\n") if p.strip()] or [role.description]:
                column.text(" ".join(paragraph.split()))
            column.button("Begin", self.begin, kind="primary", number=1)
            return
        if self.phase == OUTCOME:
            self.fill_outcome(column)
            return
        scene = run.scene
        self.picture(column)
        if self.phase == NOTE:
            column.text("Content note for this scene", "subheading", after=0.5)
            for note in scene.content_notes:
                column.text("\u2022 " + note, after=0.5)
            column.space(1)
            column.text("You can read it, skip its text and go straight to the choices, or step "
                        "out for a while.", "body", "muted")
            column.button("Read the scene", lambda: self.read_noted(False), kind="primary", number=1)
            column.button("Skip the text, show the choices", lambda: self.read_noted(True), number=2)
            column.button("Step out", self.app.dispatch_step_out, number=3)
            return
        if self.skip_text:
            column.text("You skipped the text of this scene.", "italic", "muted")
        else:
            for line in run.lines:
                column.speech(line.speaker, line.text)
        column.space(0.5)
        self.facilitator.fill_talk(column)
        for view in run.choices:
            note = "" if view.enabled else f"Not available: {view.reason}"
            note = self.facilitator.option_note(view.index, note)  # the room's votes, if any
            column.button(view.text, lambda i=view.index: self.choose(i), note=note,
                          enabled=view.enabled, number=view.index + 1,
                          kind="primary" if len(run.choices) == 1 else "choice")

    def band_height(self, width: int) -> int:
        """A picture band: never more than a fifth of the window, nor five lines of text."""
        theme = self.app.theme
        return max(theme.unit * 6, min(width * 9 // 32, theme.size[1] // 5,
                                       theme.line_height("body") * 5))

    def idle(self) -> None:
        """While nothing happens, draw the pictures of the scenes the options lead to, so the
        next key press does not wait for them (a large SVG takes up to ~0.1 s to draw)."""
        key = (self.run.step, self.run.scene.id if self.run.scene else None, id(self.app.theme))
        if self.main is None or self._prefetched == key:
            return
        self._prefetched = key
        scenario = self.run.scenario
        size = (self.main.width, self.band_height(self.main.width))
        for choice in self.run.scene.choices if self.run.scene else ():
            scene = scenario.scenes.get(choice.next)
            if scene is not None and scene.background:
                self.app.pictures.cover(find_asset(scenario.path, scene.background), size)

    def picture(self, column: Column) -> None:
        """The scene's background as a band above the text; a plain panel if it is missing."""
        scene = self.run.scene
        if not scene.background and not scene.portrait:
            return
        theme = column.theme
        height = self.band_height(column.width)
        folder = self.run.scenario.path
        background = find_asset(folder, scene.background)
        portrait = find_asset(folder, scene.portrait)
        pictures = self.app.pictures

        def draw(surface, rect):
            image = pictures.cover(background, rect.size)
            if image is not None:
                surface.blit(image, rect)
            else:
                pygame.draw.rect(surface, theme.palette.soft, rect)
            if portrait is not None:
                side = rect.height - theme.unit * 2
                face = pictures.cover(portrait, (side, side))
                if face is not None:
                    spot = face.get_rect(bottomright=(rect.right - theme.unit, rect.bottom - theme.unit))
                    pygame.draw.rect(surface, theme.palette.panel, spot.inflate(6, 6))
                    surface.blit(face, spot)
            pygame.draw.rect(surface, theme.palette.border, rect, width=1)

        column.drawing(height, draw)

    def fill_outcome(self, column: Column) -> None:
        outcome = self.outcome
        scenario = self.run.scenario
        column.text("You chose", "small_bold", "muted", after=0.25)
        column.text(outcome.choice, "body_bold")
        if outcome.feedback:
            for paragraph in [p for p in outcome.feedback.split("\n\n") if p.strip()]:
                column.text(" ".join(paragraph.split()))
        if outcome.changes:
            column.text("What changed", "subheading", after=0.75)
            for change in outcome.changes:
                variable = scenario.variables.get(change.name)
                name = label(variable) if variable else change.name
                if isinstance(change.after, bool):
                    head, colour = f"{name}: {'yes' if change.after else 'no'}", "ink"
                elif isinstance(change.after, (int, float)):
                    amount = change.after - change.before
                    head = f"{name} {number(amount, signed=True)} (now {number(change.after)})"
                    colour = "rise" if amount > 0 else "fall" if amount < 0 else "ink"
                    if change.name == "power":
                        colour = "ink"  # for power, up is not "good": no colour judgement
                else:
                    head, colour = f"{name}: {change.after}", "ink"
                column.text(head, "body_bold", colour, after=0.25)
                why = change.why or ""
                tag = f" ({change.tag})" if change.tag else ""
                column.text(why + tag, "body", "ink", indent=column.theme.unit * 2, after=1)
        column.button("Continue", self.after_outcome, kind="primary", number=1)
        self.facilitator.fill_outcome(column)

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
        surface.fill(theme.palette.background)
        if self.panes:
            main = self.panes[0].view.rect
            card = main.inflate(theme.unit * 4, theme.unit * 3)
            card.width += theme.unit
            pygame.draw.rect(surface, theme.palette.panel, card, border_radius=theme.radius)
            pygame.draw.rect(surface, theme.palette.border, card, width=1, border_radius=theme.radius)
        if self.hud_rect is not None:
            box = self.hud_rect.inflate(theme.unit * 4, theme.unit * 4)
            pygame.draw.rect(surface, theme.palette.panel, box, border_radius=theme.radius)
            pygame.draw.rect(surface, theme.palette.border, box, width=1, border_radius=theme.radius)

    def draw_over(self, surface, theme):
        self.facilitator.draw_votes(surface)
        draw_footer(surface, theme, self.hints)

    @property
    def hints(self) -> str:
        return WORKSHOP_HINTS if self.app.workshop else PLAY_HINTS
