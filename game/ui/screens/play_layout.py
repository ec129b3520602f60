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

from ...story.model import find_asset
from ..hud import HIDDEN_WORDS, change_head, compact_hud, full_hud, hidden_change_head
from ..layout import Column
from ..theme import Theme
from .common import footer_height, reading_width

if TYPE_CHECKING:
    from .play import PlayScreen

# The play screen's phases: which page it is showing.
INTRO, NOTE, SCENE, OUTCOME = "intro", "note", "scene", "outcome"


def arrange(screen: PlayScreen, theme: Theme, size: tuple[int, int]) -> list[tuple[Column, pygame.Rect]]:
    """The roomy layout (meters beside or above the text), or the cramped one when that would
    leave fewer than eight lines for the text."""
    placed = _arrange_roomy(screen, theme, size)
    if placed[0][1].height >= 8 * theme.line_height("body"):
        return placed
    return _arrange_cramped(screen, theme, size)


def _tools(screen: PlayScreen) -> list:
    """The toolbar: the screen's verbs, then the workshop's, if it is on."""
    own = [("Menu", screen.back), ("History", lambda: screen.app.dispatch_named("history")),
           ("Undo", screen.undo), ("Step out", screen.app.dispatch_step_out)]
    return own + screen.facilitator.tools()


def _arrange_cramped(screen: PlayScreen, theme: Theme, size: tuple[int, int]):
    """Little room (a small window, very large text): only the buttons stay put; the
    heading and the meters scroll with the text, so there is always room to read."""
    width, height = size
    margin = theme.unit * 2
    toolbar = Column(theme, width - 2 * margin)
    toolbar.space(0.75)
    toolbar.row(_tools(screen), after=0.75)
    bottom = height - footer_height(theme, screen.hints)
    main = Column(theme, width - 2 * margin - theme.unit)
    scene = screen.shown_scene
    if scene is not None and scene.chapter:
        main.text(scene.chapter, "small_bold", "muted", after=0.25)
    main.text(_title_text(screen), "subheading", after=1)
    screen.facilitator.fill_hud(main, compact=True)
    compact_hud(main, screen.run)
    main.space(1)
    fill_main(screen, main)
    screen.main = main
    screen.reveal = None
    screen.hud_rect = None
    return [(main, pygame.Rect(margin, margin + toolbar.height, main.width,
                               bottom - margin - toolbar.height - theme.unit)),
            (toolbar, pygame.Rect(margin, margin, toolbar.width, toolbar.height))]


def _arrange_roomy(screen: PlayScreen, theme: Theme, size: tuple[int, int]):
    width, height = size
    margin = theme.unit * 3
    gap = theme.unit * 3
    bottom = height - footer_height(theme, screen.hints)
    body_width = reading_width(theme, 68)
    hud_width = max(theme.unit * 34, round(width * screen.facilitator.side_share))
    wide = width - 2 * margin - hud_width - gap >= min(body_width, reading_width(theme, 46))

    toolbar = Column(theme, width - 2 * margin)
    scene = screen.shown_scene
    chapter = scene.chapter if scene else ""
    title = _title_text(screen)
    tools = _tools(screen)
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
        screen.facilitator.fill_hud(hud)
        full_hud(hud, screen.run)
        if hud.height > bottom - top - theme.unit * 4:  # too tall: the same readings, compact
            hud = Column(theme, hud_width - theme.unit * 4)
            screen.facilitator.fill_hud(hud)
            compact_hud(hud, screen.run)
        hud_rect = pygame.Rect(width - margin - hud_width + theme.unit * 2, top + theme.unit * 2,
                               hud.width, min(hud.height, bottom - top - theme.unit * 4))
    else:
        main_width = min(body_width, width - 2 * margin - theme.unit)
        left = (width - main_width) // 2
        hud = Column(theme, width - 2 * margin)
        screen.facilitator.fill_hud(hud, compact=True)
        compact_hud(hud, screen.run)
        hud_rect = pygame.Rect(margin, top, hud.width, hud.height)
        top = hud_rect.bottom + theme.unit * 2

    main = Column(theme, main_width)
    fill_main(screen, main)
    screen.main = main
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
    screen.hud_rect = hud_rect if wide else None
    return placed


def _title_text(screen: PlayScreen) -> str:
    if screen.phase == INTRO:
        return screen.run.scenario.roles[screen.run.role].name
    scene = screen.shown_scene
    return (scene.title if scene and scene.title else screen.run.scenario.title)


def fill_main(screen: PlayScreen, column: Column) -> None:
    """The page of the current phase: introduction, content note, scene and options, outcome."""
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
        for line in run.lines:
            column.speech(line.speaker, line.text)
    column.space(0.5)
    screen.facilitator.fill_talk(column)
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


def _picture(screen: PlayScreen, column: Column) -> None:
    """The scene's background as a band above the text; a plain panel if it is missing."""
    scene = screen.run.scene
    if not scene.background and not scene.portrait:
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
    if outcome.feedback:
        for paragraph in [p for p in outcome.feedback.split("\n\n") if p.strip()]:
            column.text(" ".join(paragraph.split()))
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
    column.button("Continue", screen.after_outcome, kind="primary", number=1)
    screen.facilitator.fill_outcome(column)


def draw_cards(screen: PlayScreen, surface: pygame.Surface, theme: Theme) -> None:
    """The background: a card behind the text and, beside it, a box behind the meters."""
    surface.fill(theme.palette.background)
    if screen.panes:
        main = screen.panes[0].view.rect
        card = main.inflate(theme.unit * 4, theme.unit * 3)
        card.width += theme.unit
        pygame.draw.rect(surface, theme.palette.panel, card, border_radius=theme.radius)
        pygame.draw.rect(surface, theme.palette.border, card, width=1, border_radius=theme.radius)
    if screen.hud_rect is not None:
        box = screen.hud_rect.inflate(theme.unit * 4, theme.unit * 4)
        pygame.draw.rect(surface, theme.palette.panel, box, border_radius=theme.radius)
        pygame.draw.rect(surface, theme.palette.border, box, width=1, border_radius=theme.radius)
