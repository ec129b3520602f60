"""A scenario that fails `check` because a scene shows more than 9 choices at once is still
playable, in the window and in the terminal: every option can be reached and taken."""
import io

import pygame

from conftest import MINIMAL_SCENARIO, write_scenario
from drive_window import click, key, labels, press, start_game_in
from game.story import load_scenario
from game.terminal.game import TextGame
from game.ui.app import App
from game.ui.layout import Column, draw_button
from game.ui.screens.play.screen import PlayScreen
from game.ui.settings import Settings
from test_choice_cap import shared_scene

# At trust 50 the service user (Sam) sees all 12 options of scene "s": both halves hold.
CROWDED = {"scenario.yaml": MINIMAL_SCENARIO, "1-scenes.yaml": shared_scene("trust >= 40",
                                                                            "trust < 60")}


def window_at_the_crowded_scene(tmp_path) -> tuple[App, PlayScreen]:
    app = App([write_scenario(tmp_path / "crowded", CROWDED)], tmp_path / "saves",
              settings=Settings(text_speed="instant"))
    play = start_game_in(app, "Mini", "Sam")
    press(app, key(pygame.K_1))  # scene b: Continue
    assert play.run.scene.id == "s" and len(play.run.choices) == 12
    return app, play


def test_the_window_reaches_the_twelfth_option_with_tab(tmp_path):
    app, play = window_at_the_crowded_scene(tmp_path)
    try:
        options = [b for b in app.top.buttons if b.number is not None]
        assert [b.number for b in options] == list(range(1, 13))
        assert "Low 6" in labels(app)
        for _ in range(30):
            if app.top.focused is not None and app.top.focused.label == "Low 6":
                break
            press(app, key(pygame.K_TAB))
        assert app.top.focused.label == "Low 6"
        press(app, key(pygame.K_RETURN))
        assert play.run.taken[-1].choice == "Low 6"
    finally:
        pygame.quit()


def test_the_window_takes_the_tenth_option_by_a_click_and_draws_two_figure_badges(tmp_path):
    app, play = window_at_the_crowded_scene(tmp_path)
    try:
        tenth = next(b for b in app.top.buttons if b.number == 10)
        ninth = next(b for b in app.top.buttons if b.number == 9)
        # the badge of "10" is as wide as its two figures; 1 to 9 keep one figure's width
        column = Column(app.theme, 600)
        figures = app.theme.font("body_bold").size
        assert column.badge_width(10) - column.badge_width(9) == figures("10")[0] - figures("9")[0] > 0
        assert column.badge_width(3) == column.badge_width(9)
        draw_button(pygame.Surface((600, 200)), app.theme, tenth, pygame.Rect(0, 0, 600, 120),
                    False, False)
        while not app.top.can_see(tenth):  # scrolled into view as a player would, with Tab
            press(app, key(pygame.K_TAB))
        press(app, click(app.top.screen_rect(tenth).center))
        assert play.run.taken[-1].choice == tenth.label == "Low 4"
        assert ninth.label == "Low 3"
    finally:
        pygame.quit()


def test_the_terminal_lists_and_takes_options_past_nine(tmp_path):
    folder = write_scenario(tmp_path / "crowded", CROWDED)
    out = io.StringIO()
    game = TextGame([load_scenario(folder)], io.StringIO("1\n11\n"), out, tmp_path / "saves")
    assert game.play("mini", "service_user", None) == 0
    text = out.getvalue()
    assert "12. Low 6" in text
    assert "Your choice (1 to 12, ? for help)" in text
    assert 'A decision: you chose "Low 5".' in text
