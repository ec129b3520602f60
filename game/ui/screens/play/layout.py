"""What the play screen shows and where: the page for each phase (the role's introduction, a
content note, the scene with its options, what a choice did), the heading and toolbar, the
meters, and how they are placed in a roomy or a cramped window.

Each function takes the PlayScreen; the buttons it builds call the screen's own verbs
(`begin`, `read_noted`, `choose`, `after_outcome`, `undo`, `back`), so what happens on a
press stays in play.py. Laying out records on the screen what later steps need: `main`
(the column with the scene's words and options) and `hud_rect` (the side panel, if any).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ....story.model import find_asset
from ...hud import HIDDEN_WORDS, change_head, compact_hud, full_hud, hidden_change_head, meter_strip
from ...layout import Column
from ...theme import Theme
from ..common import footer_height, reading_width

if TYPE_CHECKING:
    from .screen import PlayScreen

# The play screen's phases: which page it is showing.
INTRO, NOTE, SCENE, OUTCOME = "intro", "note", "scene", "outcome"


def arrange(screen: PlayScreen, theme: Theme, size: tuple[int, int]) -> list[tuple[Column, pygame.Rect]]:
    """At a workshop decision, the projector layout (projector.py); else the roomy layout
    (meters beside the text, or a strip of them above it), or the cramped one when that would
    leave fewer than eight lines for the text."""
    screen.options = None
    if screen.app.workshop and screen.facilitator.at_decision():
        from ..workshop.projector import arrange_projector
        return arrange_projector(screen, theme, size)
    placed = _arrange_roomy(screen, theme, size)
    if placed[0][1].height >= 8 * theme.line_height("body"):
        return placed
    return _arrange_cramped(screen, theme, size)


def _tools(screen: PlayScreen, drawer: bool = False) -> list:
    """The toolbar: the screen's verbs, then the workshop's, if it is on; with the meters in a
    strip (`drawer`), a button opening all of them with their explanations."""
    own = [("Menu", screen.back), ("History", lambda: screen.app.dispatch_named("history")),
           ("Undo", screen.undo), ("Step out", screen.app.dispatch_step_out)]
    if drawer and not screen.app.settings.hide_meters:
        own.append(("Meters", screen.open_meters))
    return own + screen.facilitator.tools()


def top_bar(screen: PlayScreen, theme: Theme, size: tuple[int, int], margin: int,
            drawer: bool = False, chapter: bool = True) -> tuple[list, int, bool]:
    """The bar across the top: the toolbar on the right, the chapter and title on the left when
    there is room for them, and at a workshop decision the timer under the toolbar. It
    reserves its own height, room for a focus ring included, so nothing below reaches under
    it. Returns the placed columns, where the bar ends, and whether it holds the heading.
    Without `chapter`, the title stands alone (the projector layout wants the height)."""
    width = size[0]
    inner = width - 2 * margin
    gap = theme.unit * 3
    tools = _tools(screen, drawer)
    font = theme.font("small_bold")
    row_width = min(inner, sum(font.size(t)[0] + theme.unit * 5 for t, _ in tools))
    heading = inner - row_width - gap >= reading_width(theme, 24)
    tools_column = Column(theme, row_width if heading else inner)
    tools_column.space(0.75)  # room for the focus ring above and below the buttons
    tools_column.row(tools, align="right", after=0.75)
    placed = [(tools_column, pygame.Rect(width - margin - tools_column.width, margin,
                                         tools_column.width, tools_column.height))]
    bottom = placed[0][1].bottom
    if heading:  # the timer, when it runs, takes the chapter's line above the title
        head = Column(theme, inner - row_width - gap)
        screen.facilitator.fill_timer(head)
        scene = screen.shown_scene
        if chapter and not head.height and scene is not None and scene.chapter:
            head.text(scene.chapter, "small_bold", "muted", after=0.25)
        head.text(_title_text(screen), "subheading", after=0)
        placed.insert(0, (head, pygame.Rect(margin, margin, head.width, head.height)))
        bottom = max(bottom, margin + head.height)
    else:  # no room beside the toolbar: the timer under it, across the window
        timer = Column(theme, inner)
        screen.facilitator.fill_timer(timer)
        if timer.height:
            placed.append((timer, pygame.Rect(margin, bottom, timer.width, timer.height)))
            bottom += timer.height
    return placed, bottom, heading


def _heading_in(screen: PlayScreen, column: Column) -> None:
    """The chapter and title at the top of the page, when the top bar has no room for them."""
    scene = screen.shown_scene
    if scene is not None and scene.chapter:
        column.text(scene.chapter, "small_bold", "muted", after=0.25)
    column.text(_title_text(screen), "subheading", after=1)


def _arrange_cramped(screen: PlayScreen, theme: Theme, size: tuple[int, int]):
    """Little room (a small window, very large text): the top bar stays put; the heading and
    the strip of meters scroll with the text, so there is always room to read."""
    width, height = size
    margin = theme.unit * 2
    bar, bar_bottom, heading = top_bar(screen, theme, size, margin, drawer=True)
    bottom = height - footer_height(theme, screen.hints)
    main = Column(theme, width - 2 * margin - theme.unit)
    if not heading:
        _heading_in(screen, main)
    screen.facilitator.fill_hud(main, compact=True)
    if screen.phase != OUTCOME:  # after a choice, What changed gives the numbers that moved
        meter_strip(main, screen.run)
        main.space(0.5)
    fill_main(screen, main)
    screen.main = main
    screen.reveal = None
    screen.hud_rect = None
    top = bar_bottom + theme.unit * 3  # the card's edge stays clear of the toolbar's rings
    rect = pygame.Rect(margin, top, main.width, bottom - top - theme.unit)
    screen.cards = [rect]
    return [(main, rect)] + bar


def _arrange_roomy(screen: PlayScreen, theme: Theme, size: tuple[int, int]):
    width, height = size
    margin = theme.unit * 3
    gap = theme.unit * 3
    bottom = height - footer_height(theme, screen.hints)
    body_width = reading_width(theme, 68)
    hud_width = max(theme.unit * 34, round(width * screen.facilitator.side_share))
    wide = width - 2 * margin - hud_width - gap >= min(body_width, reading_width(theme, 46))
    bar, bar_bottom, heading = top_bar(screen, theme, size, margin, drawer=not wide)
    top = bar_bottom + gap

    main_width = min(body_width, width - 2 * margin - (hud_width + gap if wide else theme.unit))
    main = Column(theme, main_width)
    if not heading:
        _heading_in(screen, main)
    placed_hud = []
    if wide:
        left = margin + (width - 2 * margin - hud_width - gap - main_width) // 2
        hud = Column(theme, hud_width - theme.unit * 4)
        screen.facilitator.fill_hud(hud)
        full_hud(hud, screen.run)
        if hud.height > bottom - top - theme.unit * 4:  # too tall: the same readings, compact
            hud = Column(theme, hud_width - theme.unit * 4)
            screen.facilitator.fill_hud(hud)
            compact_hud(hud, screen.run)
        hud_rect = pygame.Rect(width - margin - hud_width + theme.unit * 2, top + theme.unit * 2,
                               hud.width, min(hud.height, bottom - top - theme.unit * 4))
        placed_hud.append((hud, hud_rect))
        screen.hud_rect = hud_rect
    else:
        # a strip of meters across the top of the page, its explanations in a drawer (Meters)
        left = (width - main_width) // 2
        strip = Column(theme, main_width)
        screen.facilitator.fill_hud(strip, compact=True)
        meter_strip(strip, screen.run)
        strip.height -= round(theme.unit * 0.5)
        strip_rect = pygame.Rect(left, top, main_width, strip.height)
        placed_hud.append((strip, strip_rect))
        top = strip_rect.bottom + theme.unit * 2
        screen.hud_rect = None
    fill_main(screen, main)
    screen.main = main
    main_rect = pygame.Rect(left, top, main_width, bottom - top - theme.unit)
    screen.cards = [main_rect.union(placed_hud[0][1])] if not wide else [main_rect]
    return [(main, main_rect)] + bar + placed_hud


def _title_text(screen: PlayScreen) -> str:
    if screen.phase == INTRO:
        return screen.run.scenario.roles[screen.run.role].name
    scene = screen.shown_scene
    return (scene.title if scene and scene.title else screen.run.scenario.title)


def fill_main(screen: PlayScreen, column: Column, options: Column | None = None) -> None:
    """The page of the current phase: introduction, content note, scene and options, outcome.
    With `options` (the projector layout), a scene's options go there, in a pane of their own."""
    run = screen.run
    if screen.phase == INTRO:
        role = run.scenario.roles[run.role]
        for paragraph in [p.strip() for p in role.intro.split("\n\n") if p.strip()] or [role.description]:
            column.text(" ".join(paragraph.split()))
        column.button("Begin", screen.begin, kind="primary", number=1)
        return
    if screen.phase == OUTCOME:
        _fill_outcome(screen, column)
        return
    scene = run.scene
    _picture(screen, column)
    if screen.phase == NOTE:
        column.text("Content note for this scene", "subheading", after=0.5)
        for note in scene.content_notes:
            column.text("\u2022 " + note, after=0.5)
        column.space(1)
        column.text("You can read it, skip its text and go straight to the choices, or step "
                    "out for a while.", "body", "muted")
        column.button("Read the scene", lambda: screen.read_noted(False), kind="primary", number=1)
        column.button("Skip the text, show the choices", lambda: screen.read_noted(True), number=2)
        column.button("Step out", screen.app.dispatch_step_out, number=3)
        return
    if screen.skip_text:
        column.text("You skipped the text of this scene.", "italic", "muted")
    else:
        faces = screen.app.portraits
        for line in run.lines:
            face = faces.drawer(column.theme, run.scenario, line.speaker) if line.speaker else None
            column.speech(line.speaker, line.text, face)
    column.space(0.5)
    screen.facilitator.fill_talk(column)
    fill_options(screen, column if options is None else options)


def fill_options(screen: PlayScreen, column: Column) -> None:
    """The scene's options as numbered buttons; a locked one says why (or the room's votes)."""
    run = screen.run
    for view in run.choices:
        note = "" if view.enabled else f"Not available: {view.reason}"
        note = screen.facilitator.option_note(view.index, note)  # the room's votes, if any
        column.button(view.text, lambda i=view.index: screen.choose(i), note=note,
                      enabled=view.enabled, number=view.index + 1,
                      kind="primary" if len(run.choices) == 1 else "choice")


def band_height(theme: Theme, width: int) -> int:
    """A picture band: never more than a fifth of the window, nor five lines of text."""
    return max(theme.unit * 6, min(width * 9 // 32, theme.size[1] // 5,
                                   theme.line_height("body") * 5))


def pictures_shown(screen: PlayScreen) -> bool:
    """Whether the page shows the scene's picture. Not under high contrast (the pictures are
    light and would glare on the black theme) nor with large text (every line is wanted for
    the words), and not where a layout has no room for it (`screen.show_picture`). The
    picture's description is still spoken (voice.py reads its alt text)."""
    settings = screen.app.settings
    return screen.show_picture and not settings.high_contrast and settings.text_size < 1.5


def _picture(screen: PlayScreen, column: Column) -> None:
    """The scene's background as a band above the text; a plain panel if it is missing."""
    scene = screen.run.scene
    if not (scene.background or scene.portrait) or not pictures_shown(screen):
        return
    theme = column.theme
    height = band_height(screen.app.theme, column.width)
    folder = screen.run.scenario.path
    background = find_asset(folder, scene.background)
    portrait = find_asset(folder, scene.portrait)
    pictures = screen.app.pictures

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


def _fill_outcome(screen: PlayScreen, column: Column) -> None:
    outcome = screen.outcome
    scenario = screen.run.scenario
    column.text("You chose", "small_bold", "muted", after=0.25)
    column.text(outcome.choice, "body_bold")
    # What changed comes first, in view without scrolling; what happened follows it.
    if outcome.changes:
        column.text("What changed", "subheading", after=0.75)
        hide = column.theme.settings.hide_meters  # the reasons, without numbers or colours
        if hide:
            column.text(HIDDEN_WORDS, "small", "muted", after=0.5)
        for change in outcome.changes:
            head, colour = change_head(scenario, change), "ink"
            if isinstance(change.after, (int, float)) and not isinstance(change.after, bool):
                amount = change.after - change.before
                colour = "rise" if amount > 0 else "fall" if amount < 0 else "ink"
                if change.name == "power":
                    colour = "ink"  # for power, up is not "good": no colour judgement
            if hide:
                head, colour = hidden_change_head(scenario, change), "ink"
            column.text(head, "body_bold", colour, after=0.25)
            why = change.why or ""
            tag = f" ({change.tag})" if change.tag else ""
            column.text(why + tag, "body", "ink", indent=column.theme.unit * 2, after=1)
    if outcome.feedback:
        for paragraph in [p for p in outcome.feedback.split("\n\n") if p.strip()]:
            column.text(" ".join(paragraph.split()))
    column.button("Continue", screen.after_outcome, kind="primary", number=1)
    screen.facilitator.fill_outcome(column)


def draw_cards(screen: PlayScreen, surface: pygame.Surface, theme: Theme) -> None:
    """The background: a card behind the text (and the options, and a strip of meters, as
    the layout says in `screen.cards`) and, beside it, a box behind the meters."""
    surface.fill(theme.palette.background)
    for main in screen.cards if screen.panes else ():
        card = main.inflate(theme.unit * 4, theme.unit * 3)
        card.width += theme.unit
        pygame.draw.rect(surface, theme.palette.panel, card, border_radius=theme.radius)
        pygame.draw.rect(surface, theme.palette.border, card, width=1, border_radius=theme.radius)
    if screen.hud_rect is not None:
        box = screen.hud_rect.inflate(theme.unit * 4, theme.unit * 4)
        pygame.draw.rect(surface, theme.palette.panel, box, border_radius=theme.radius)
        pygame.draw.rect(surface, theme.palette.border, box, width=1, border_radius=theme.radius)
