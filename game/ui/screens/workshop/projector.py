"""The play screen at a workshop decision, laid out for a projector and the back of a room.

The options are pinned in a pane of their own at the foot of the page, never scrolled away,
whatever the length of the scene; the discussion questions ("Talk it over") sit beside them
when the window is wide enough, else between the scene and the options; the timer is in the
top bar (play/layout.py, top_bar); the meters are a one-line strip. Where the options would not all
show beside the questions (four long ones at a projector's text size), the page is one wide
column instead: the scene, then the questions, then the options, each taking fewer lines. The
scene's picture is shown only where it leaves every line of the scene room to be read without
scrolling.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ...hud import meter_strip
from ...layout import Column
from ...theme import Theme
from ..common import footer_height, reading_width
from ..play.layout import fill_main, top_bar

if TYPE_CHECKING:
    from ..play.screen import PlayScreen

SIDE_SHARE = 0.36        # of the width, for the questions beside the options
MIN_SCENE_LINES = 3      # the scene's pane keeps at least this many lines


def arrange_projector(screen: PlayScreen, theme: Theme, size: tuple[int, int]):
    width, height = size
    margin = theme.unit * 3
    gap = theme.unit * 3
    bar, bar_bottom, heading = top_bar(screen, theme, size, margin, chapter=False)
    top = bar_bottom + gap
    bottom = height - footer_height(theme, screen.hints) - theme.unit
    inner = width - 2 * margin
    side_width = round(inner * SIDE_SHARE)
    beside = (inner - side_width - gap >= reading_width(theme, 36)
              and side_width >= reading_width(theme, 22))
    screen.reveal = None  # the room reads the whole scene at once; no typewriter
    frame = (margin, top, bottom, inner, heading)
    if beside:
        placed, whole = _arrange(screen, theme, size, frame, side_width, gap)
        if whole:
            return placed + bar
    # One column: the questions between the scene and the options; as wide as the screen
    # allows where the options did not all fit beside the questions.
    return _arrange(screen, theme, size, frame, 0, gap, wide=beside)[0] + bar


def _arrange(screen: PlayScreen, theme: Theme, size: tuple[int, int], frame: tuple,
             side_width: int, gap: int, wide: bool = False) -> tuple[list, bool]:
    """The scene, its options and (with a `side_width`) the questions beside them; and whether
    every option shows whole, with no scrolling."""
    width = size[0]
    margin, top, bottom, inner, heading = frame
    beside = side_width > 0
    characters = 100 if wide else 68
    main_width = min(reading_width(theme, characters),
                     inner - side_width - gap if beside else inner - theme.unit)
    left = margin if beside else (width - main_width) // 2

    side = None
    if beside:  # the questions and the meters beside the scene and its options
        side = Column(theme, side_width - theme.unit * 4)
        screen.facilitator.fill_hud(side)
        meter_strip(side, screen.run)

    def build(picture: bool) -> tuple[Column, Column]:
        screen.show_picture = picture
        scene, options = Column(theme, main_width), Column(theme, main_width)
        if not beside:  # how the room joins, at the top; the questions go in the page
            screen.facilitator.fill_hud(scene, compact=True)
        if not heading:
            scene.text(_title(screen), "subheading", after=1)
        fill_main(screen, scene, options)
        if not beside:  # after the scene and its questions: the room reads those first
            meter_strip(scene, screen.run)
        options.height -= theme.unit  # the last option's spacing below it is not needed
        return scene, options

    scene, options = build(True)
    room = bottom - top
    line = theme.line_height("body")
    split = theme.unit * 2
    options_height = _options_height(options.height, room - split, line)
    if scene.height > room - split - options_height:
        scene, options = build(False)  # the picture gives way to the words
        options_height = _options_height(options.height, room - split, line)
    scene_height = min(max(scene.height, MIN_SCENE_LINES * line), room - split - options_height)
    scene_rect = pygame.Rect(left, top, main_width, scene_height)
    options_rect = pygame.Rect(left, scene_rect.bottom + split, main_width, options_height)
    screen.main = options  # what the voice reads as the options, and Enter goes to
    screen.options = options
    screen.cards = [scene_rect.union(options_rect)]
    placed = [(scene, scene_rect), (options, options_rect)]
    screen.hud_rect = None
    if side is not None:
        side_rect = pygame.Rect(width - margin - side_width + theme.unit * 2, top + theme.unit * 2,
                                side.width, min(side.height, room - theme.unit * 4))
        placed.append((side, side_rect))
        screen.hud_rect = side_rect
    screen.show_picture = True
    return placed, options_height >= options.height


def _options_height(needed: int, room: int, line: int) -> int:
    """The options' pane: all they need if the scene keeps MIN_SCENE_LINES lines. Where they
    fall short by less than a line, the scene gives up that much (it scrolls; it keeps more than
    MIN_SCENE_LINES - 1 lines), so the last option is never cut by a sliver on the projector."""
    if needed <= room - (MIN_SCENE_LINES - 1) * line - 1:
        return needed
    return min(needed, room - MIN_SCENE_LINES * line)


def _title(screen: PlayScreen) -> str:
    scene = screen.run.scene
    return scene.title if scene and scene.title else screen.run.scenario.title
