"""Every screen fits its window (issue 15): the play screen and saves at every tested size and
text size, the main scenario with the biggest settings, long words broken rather than clipped,
and the screenshot set (every screen, at every size the shots are taken) written whole. The walk
through every screen at every size, text size and theme is in test_focus_visible.py."""
from __future__ import annotations

import pygame
import pytest

from conftest import FIXTURES, ROOT
from drive_window import SIZES, start_game, start_game_in
from window_fit import assert_fits

from game.ui.app import App
from game.ui.layout import wrap
from game.ui.screens.menus.saves import SavesScreen
from game.ui.settings import Settings


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text_size", [1.0, 2.0])
def test_layout_reflows_with_nothing_clipped_or_overlapping(saves, size, text_size):
    app = App([FIXTURES / "tiny"], saves, size=size,
              settings=Settings(text_size=text_size, text_speed="instant"))
    play = start_game(app)
    assert_fits(app, size)
    app.push(SavesScreen(app, run=play.run))
    assert_fits(app, size)


def test_long_words_are_broken_rather_than_clipped():
    pygame.font.init()
    font = pygame.font.Font(None, 20)
    lines = wrap(font, "a" * 200 + " end", 120)
    assert all(font.size(line)[0] <= 120 for line in lines) and lines[-1].endswith("end")


def test_screenshots_command_writes_every_screen(tmp_path):
    from game.ui.shots import take_shots
    assert take_shots(tmp_path, [FIXTURES / "tiny"]) == 0
    shots = sorted(tmp_path.glob("*/*.png"))
    assert len(shots) >= 90
    assert {p.parent.name for p in shots} == {"1280x720", "800x600-200pc-contrast", "1920x1080"}
    for folder in {p.parent for p in shots}:
        names = {p.name.split("-", 1)[1] for p in folder.glob("*.png")}
        # a decision with its options, a locked option, the end card, every debrief step and
        # the workshop's projector layout, in every set
        assert {"play-decision.png", "play-locked-option.png", "ending.png",
                "debrief-1-reactions.png", "debrief-2-description.png", "debrief-3-analysis.png",
                "debrief-4-summary.png", "debrief-5-journal.png",
                "workshop-decision.png"} <= names, folder.name
        assert next(folder.glob("*-play-scene.png")).read_bytes() != \
            next(folder.glob("*-play-decision.png")).read_bytes()


@pytest.mark.parametrize("size", [(640, 480), (800, 600), (1280, 720), (1920, 1080)])
def test_the_biggest_settings_still_leave_room_to_read_the_main_scenario(saves, size):
    app = App([ROOT / "scenes" / "haven"], saves, size=size,
              settings=Settings(text_size=2.0, ui_scale=2.0, dyslexic_font=True, text_speed="instant"))
    play = start_game_in(app, "The Haven", "Daniel")
    play.read_noted(False)
    play.ensure_layout()
    main = play.panes[0].view.rect
    assert main.height >= 4 * app.theme.line_height("body")
    for pane in play.panes:
        assert pane.view.rect.bottom <= size[1] and pane.view.rect.right <= size[0]
    for i, a in enumerate(play.panes):
        for b in play.panes[i + 1:]:
            assert not a.view.rect.colliderect(b.view.rect)
