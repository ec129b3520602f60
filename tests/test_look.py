"""The look of the window's key moments (issue 15): the projector layout at a workshop
decision, the title menu, the end card, small windows and high contrast in play, and the
cross-fade between scenes."""
from __future__ import annotations

import pygame
import pytest

from conftest import FIXTURES
from drive_window import key, labels, press, start_game
from game.ui.app import App
from game.ui.hud import MIN_BAR, bar_thickness, meter_strip
from game.ui.layout import Column
from game.ui.screen import FADE_SECONDS
from game.ui.screens.play.ending import EndingScreen
from game.ui.screens.play.layout import pictures_shown
from game.ui.screens.menus.title import TitleScreen
from game.ui.settings import Settings
from game.ui.theme import FontBook, Theme

SIZES = [(800, 600), (1280, 720), (1920, 1080)]
LOOKS = [dict(), dict(text_size=2.0, high_contrast=True)]


def window(saves, size, workshop=False, **settings) -> App:
    return App([FIXTURES / "tiny"], saves, size=size, workshop=workshop,
               settings=Settings(text_speed="instant", **settings))


def on_screen(screen, button) -> pygame.Rect:
    return screen.screen_rect(button)


def pane_showing(screen, text: str):
    """The pane whose column has a line starting with `text`, and that line's item."""
    for pane in screen.panes:
        for item in pane.column.texts:
            if any(line[1].startswith(text) for line in item.lines):
                return pane, item
    raise AssertionError(f"no line {text!r} on screen")


# -- the projector layout at a workshop decision --------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("look", LOOKS, ids=["calm", "200% high contrast"])
def test_at_a_workshop_decision_the_options_are_pinned_in_view(saves, size, look):
    app = window(saves, size, workshop=True, **look)
    play = start_game(app)
    assert play.facilitator.at_decision()
    play.ensure_layout()
    assert play.options is not None
    pane = play.pane_of(play.options.buttons[0])
    assert pane is not None and pane is not play.panes[0]    # a pane of their own, not the scene's
    window_rect = pygame.Rect((0, 0), size)
    assert window_rect.contains(pane.view.rect)
    options = [b for b in play.options.buttons if b.number is not None]
    assert len(options) == len(play.run.choices)
    assert pane.view.rect.contains(on_screen(play, options[0]))  # the first, whole
    line = app.theme.line_height("body")
    for button in options:                                   # every one begins in view
        top = on_screen(play, button).top
        assert pane.view.rect.top <= top <= pane.view.rect.bottom - line, button.label
    # the scene still has lines of its own to be read, above the options
    assert play.panes[0].view.rect.height >= 2 * line - app.theme.unit
    assert play.panes[0].view.rect.bottom <= pane.view.rect.top
    pygame.quit()


@pytest.mark.parametrize("size", SIZES)
def test_the_timer_is_in_the_top_bar_and_time_s_up_never_scrolls_away(saves, size):
    app = window(saves, size, workshop=True, text_size=2.0, high_contrast=True)
    play = start_game(app)
    press(app, key(pygame.K_t))
    app.step([], dt=30.0)
    play.ensure_layout()
    timer = next(p for p in play.panes if p.column.drawings and p is not play.panes[0]
                 and any(d.rect.height for d in p.column.drawings) and not p.column.buttons
                 and p.view.rect.top < play.panes[0].view.rect.top)
    assert timer.view.limit == 0 and timer.view.rect.bottom <= play.panes[0].view.rect.top
    app.step([], dt=200.0)
    pane, item = pane_showing(play, "Time's up")
    assert pane is not play.panes[0] and pane.view.limit == 0         # not in a scrolled pane
    assert pane.view.rect.bottom <= play.panes[0].view.rect.top       # in the top bar
    assert pygame.Rect((0, 0), size).contains(pane.view.rect)
    pygame.quit()


def test_the_questions_sit_beside_the_options_on_a_wide_screen(saves):
    app = window(saves, (1920, 1080), workshop=True)
    play = start_game(app)
    play.ensure_layout()
    pane, _ = pane_showing(play, "Talk it over")
    options = play.pane_of(play.options.buttons[0])
    assert pane.view.rect.left > options.view.rect.right        # beside, not above or below
    assert pane.view.rect.top < options.view.rect.bottom
    pygame.quit()


# -- the title ------------------------------------------------------------------------------------
@pytest.mark.parametrize("workshop", [False, True], ids=["solo", "workshop"])
def test_the_title_menu_fits_1280x720_with_no_scrollbar(saves, workshop):
    app = window(saves, (1280, 720), workshop=workshop)
    title = app.top
    assert isinstance(title, TitleScreen)
    title.ensure_layout()
    assert "Quit" in labels(app)
    assert all(pane.view.limit == 0 for pane in title.panes)         # nothing scrolls
    for button in title.buttons:
        pane = title.pane_of(button)
        assert pane.view.rect.contains(title.screen_rect(button)), button.label
        assert title.ring_area(pane).contains(app.theme.ring_rect(title.screen_rect(button)))
    pygame.quit()


def test_the_filled_title_button_is_the_focused_one(saves):
    app = window(saves, (1280, 720))
    title = app.top
    app.keyboard_used = True
    title.ensure_layout()
    assert title.focused.label == "New game"
    filled = []
    original = pygame.draw.rect

    def spy(surface, colour, rect, *args, **kwargs):
        if tuple(colour)[:3] == app.theme.palette.accent and not args and "width" not in kwargs:
            filled.append(pygame.Rect(rect))
        return original(surface, colour, rect, *args, **kwargs)

    press(app, key(pygame.K_TAB))                      # on to "Load a saved game"
    assert title.focused.label == "Load a saved game"
    pygame.draw.rect = spy
    try:
        title.draw(app.surface)
    finally:
        pygame.draw.rect = original
    assert filled == [title.screen_rect(title.focused)]
    assert title.buttons[0].kind == "primary"            # the kinds themselves are kept
    pygame.quit()


# -- the end card ---------------------------------------------------------------------------------
def to_the_end(app: App) -> EndingScreen:
    start_game(app)
    for _ in range(40):
        for pressed in (pygame.K_1, pygame.K_RETURN):
            if isinstance(app.top, EndingScreen):
                break
            press(app, key(pressed))
    assert isinstance(app.top, EndingScreen)
    app.top.ensure_layout()
    return app.top


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("look", LOOKS, ids=["calm", "200% high contrast"])
def test_the_end_card_s_actions_are_all_in_view(saves, size, look):
    app = window(saves, size, **look)
    ending = to_the_end(app)
    wanted = ["Debrief", "Play again from the other side", "History of this game",
              "Back to the title screen"]
    for name in wanted:
        button = next(b for b in ending.buttons if b.label.startswith(name))
        pane = ending.pane_of(button)
        assert pane.view.rect.contains(ending.screen_rect(button)), (name, size)
        assert pane.view.limit == 0                       # in the bar that never scrolls
    pygame.quit()


def test_the_end_card_shows_the_numbers_large_and_the_ladder(saves):
    app = window(saves, (1280, 720))
    ending = to_the_end(app)
    words = [w for d in ending.panes[0].column.drawings for w in d.words]
    text = [" ".join(line[1] for line in item.lines) for item in ending.panes[0].column.texts]
    assert "At the end: Trust 75, Power balance 0, Outcome 40, Energy 5." in text
    assert len(ending.panes[0].column.drawings) == 2          # the tiles, and the ladder
    assert any(w.startswith("The ladder: rung 6 ") for w in words)
    title = ending.panes[0].column.texts[1]
    assert title.lines[0][2] == "title"                   # the ending's name in the title face
    pygame.quit()


def test_with_the_meters_hidden_the_end_card_says_so_instead_of_numbers(saves):
    app = window(saves, (1280, 720), hide_meters=True)
    ending = to_the_end(app)
    text = " ".join(line[1] for item in ending.panes[0].column.texts for line in item.lines)
    assert "hidden until the debrief" in text
    assert "At the end" not in text and len(ending.panes[0].column.drawings) == 1  # no tiles
    pygame.quit()


# -- small windows and high contrast in play ---------------------------------------------------------
@pytest.mark.parametrize("size", [(640, 480), (800, 600), (1280, 720), (1920, 1080)])
@pytest.mark.parametrize("ui_scale", [1.0, 2.0])
def test_meter_bars_are_never_hairlines(size, ui_scale):
    pygame.font.init()
    theme = Theme(Settings(ui_scale=ui_scale, text_size=2.0), size, FontBook())
    assert bar_thickness(theme) >= MIN_BAR == 6
    assert bar_thickness(theme) >= theme.unit             # and they grow with the scale


def test_the_meter_strip_is_one_line_where_it_fits_and_keeps_every_number(saves):
    app = window(saves, (800, 600))
    play = start_game(app)
    column = Column(app.theme, 760)
    meter_strip(column, play.run)
    drawing = column.drawings[0]
    assert drawing.words == ["Trust 50", "Power balance 0", "Outcome 50", "Energy 5"]
    one_line = app.theme.line_height("small") + bar_thickness(app.theme) + app.theme.unit // 2
    assert drawing.rect.height == one_line
    assert [line[1] for item in column.texts for line in item.lines][0].startswith("Power balance: ")
    pygame.quit()


@pytest.mark.parametrize("look", [dict(high_contrast=True), dict(text_size=1.5)],
                         ids=["high contrast", "large text"])
def test_pictures_are_hidden_under_high_contrast_and_large_text(saves, look):
    app = window(saves, (1280, 720), **look)
    play = start_game(app)
    assert not pictures_shown(play)
    app.settings.high_contrast, app.settings.text_size = False, 1.0
    app.apply_settings()
    assert pictures_shown(play)
    pygame.quit()


@pytest.mark.parametrize("size", SIZES)
def test_the_top_bar_keeps_its_buttons_clear_of_the_card(saves, size):
    app = window(saves, size, text_size=2.0, high_contrast=True)
    play = start_game(app)
    play.ensure_layout()
    theme = app.theme
    tools = [b for b in play.buttons if b.kind == "tool"]
    assert [b.label for b in tools][:4] == ["Menu", "History", "Undo", "Step out"]
    for card in play.cards:
        edge = card.inflate(theme.unit * 4, theme.unit * 3)
        for button in tools:
            assert not edge.colliderect(theme.ring_rect(play.screen_rect(button))), button.label
    pygame.quit()


@pytest.mark.parametrize("size", SIZES)
def test_after_a_choice_what_changed_is_in_view_without_scrolling(saves, size):
    app = window(saves, size, text_size=2.0, high_contrast=True)
    play = start_game(app)
    press(app, key(pygame.K_1))
    assert play.phase == "outcome"
    pane, item = pane_showing(play, "What changed")
    assert pane.view.offset == 0
    assert item.y + item.height * 3 <= pane.view.rect.height    # the heading and what follows it
    pygame.quit()


def test_small_windows_put_the_full_meters_in_a_drawer(saves):
    app = window(saves, (800, 600), text_size=2.0)
    play = start_game(app)
    assert "Meters" in labels(app)
    play.open_meters()
    app.top.ensure_layout()
    text = " ".join(line[1] for p in app.top.panes for item in p.column.texts for line in item.lines)
    assert "staff decide on the left" in text and "Trust: 50" in text
    press(app, key(pygame.K_ESCAPE))
    assert app.top is play
    pygame.quit()


# -- motion -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("reduce_motion", [False, True], ids=["motion", "reduced motion"])
def test_scenes_cross_fade_briefly_and_not_at_all_under_reduced_motion(saves, reduce_motion):
    app = window(saves, (1280, 720), reduce_motion=reduce_motion)
    app.transitions = True                     # as in the real loop (App.run)
    play = start_game(app)
    app.step([])
    play.choose(0)                             # a choice: what it changed comes in
    assert play.phase == "outcome"
    assert app.fade.running is (not reduce_motion)
    assert app.animating is (not reduce_motion)
    if not reduce_motion:
        assert 0.15 <= FADE_SECONDS <= 0.25
        app.step([])                           # a frame of the fade: the old page over the new
        app.fade.started -= FADE_SECONDS       # the fade's time has passed
        app.step([])
        assert not app.fade.running and not app.animating   # the loop sleeps again
    pygame.quit()


def test_a_stepped_app_shows_each_state_at_once(saves):
    app = window(saves, (1280, 720))           # tests and screenshots: no transitions
    start_game(app)
    press(app, key(pygame.K_1))
    assert not app.fade.running
    pygame.quit()



def test_on_a_projector_options_short_of_room_by_a_sliver_take_it_from_the_scene():
    # Three long options at 1920x1080 were once cut by a few pixels at the foot of their pane,
    # while the scene above kept exactly three lines.
    from game.ui.screens.workshop.projector import MIN_SCENE_LINES, _options_height
    line, room = 50, 700
    assert _options_height(400, room, line) == 400                      # room to spare
    most = room - MIN_SCENE_LINES * line                                # the old cap
    assert _options_height(most + 10, room, line) == most + 10          # whole, not cut by 10 px
    assert room - _options_height(most + line - 2, room, line) > (MIN_SCENE_LINES - 1) * line
    assert _options_height(most + 220, room, line) == most              # a whole option more:
    # the scene keeps its lines and the options scroll, as before


def test_on_a_projector_four_long_options_all_show_with_the_questions_in_the_page(saves):
    # The Haven's first decision at 1920x1080: four options too long to show whole beside the
    # questions. The page becomes one wide column, and every option shows, with nothing to scroll.
    from conftest import ROOT
    from drive_window import tab_to
    app = App([ROOT / "scenes" / "haven"], saves, size=(1920, 1080), workshop=True,
              settings=Settings(text_speed="instant"))
    for label in ("New game", "The Haven", "Daniel", "Start at the beginning", "Begin"):
        tab_to(app, label)
    press(app, key(pygame.K_ESCAPE))                            # the reflection statements: later
    while not app.top.facilitator.at_decision():                # the opening, read
        press(app, key(pygame.K_1))
    play = app.top
    play.ensure_layout()
    options = [b for b in play.options.buttons if b.number is not None]
    assert len(options) == 4
    pane = play.pane_of(options[0])
    assert pane.view.limit == 0
    for button in options:
        assert pane.view.rect.contains(on_screen(play, button)), button.label
    scene, _ = pane_showing(play, "Talk it over")               # the questions, in the page
    assert scene is play.panes[0] and scene.view.rect.bottom <= pane.view.rect.top
    assert play.hud_rect is None
    pygame.quit()
