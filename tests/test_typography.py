"""Typography: printers' quotes and signs, hyphenation and no lone words, a display face for
titles, and letter and word spacing that wrapping measures exactly as it draws."""
from __future__ import annotations

import pygame
import pytest
from conftest import FIXTURES, ROOT
from drive_window import assert_fits, finish, start_game

from game.story import Run
from game.story.typeset import EN_DASH, MINUS, typeset
from game.ui.app import App
from game.ui.screens.debrief.screen import DebriefScreen
from game.ui.settings import CHOICES, Settings, load_settings, save_settings
from game.ui.text_draw import SetFont
from game.ui.text_wrap import wrap_prose
from game.ui.theme import DISPLAY_FILE, FontBook, Theme

LATO = ROOT / "assets" / "fonts" / "Lato-Regular.ttf"


@pytest.fixture(scope="module")
def font():
    pygame.font.init()
    return SetFont(LATO, 20)


# -- quotes, minus, dashes -----------------------------------------------------------------------
@pytest.mark.parametrize("plain,printed", [
    ('She said "yes" and left.', "She said \u201cyes\u201d and left."),
    ("It's Shona's turn.", "It\u2019s Shona\u2019s turn."),
    ("'Might' is good.", "\u2018Might\u2019 is good."),
    ('"Who made this room?"', "\u201cWho made this room?\u201d"),
    ("the '90s", "the \u201990s"),
    ("Trust -24, power -3", f"Trust {MINUS}24, power {MINUS}3"),
    ("(-5)", f"({MINUS}5)"),
    ("weeks 10-12", f"weeks 10{EN_DASH}12"),
    ("tea - then biscuits", f"tea {EN_DASH} then biscuits"),
])
def test_quotes_apostrophes_minus_and_dashes_are_set_as_a_printer_would(plain, printed):
    assert typeset(plain) == printed


@pytest.mark.parametrize("text", ["mental-health services", "2026-12-07", "COVID-19", "A&E",
                                  "well-being", "x-1", ""])
def test_hyphens_in_words_dates_and_names_stay_hyphens(text):
    assert typeset(text) == text


@pytest.mark.parametrize("text", ['"Now -24," she said. It\'s 10-12.', "a - b 'c' \"d\" -5"])
def test_typesetting_keeps_the_length_and_changes_nothing_the_second_time(text):
    once = typeset(text)
    assert len(once) == len(text) and typeset(once) == once


def test_the_window_measures_and_draws_the_typeset_line(font):
    assert font.size('"-5"') == font.size(f"\u201c{MINUS}5\u201d")
    assert font.render("-5", True, (0, 0, 0)).get_size() == font.render(f"{MINUS}5", True, (0, 0, 0)).get_size()


# -- hyphenation and lone words -----------------------------------------------------------------
def test_a_word_too_long_for_a_narrow_column_breaks_at_a_dictionary_hyphen(font):
    width = font.size("commissioning")[0] - 4
    lines = wrap_prose(font, "commissioning", width)
    assert len(lines) == 2 and lines[0].endswith("-")
    assert lines[0][:-1] + lines[1] == "commissioning"
    assert all(font.size(line)[0] <= width for line in lines)


def test_a_very_ragged_line_in_a_narrow_column_is_filled_by_hyphenating_the_next_word(font):
    width = font.size("We talked about the unex")[0]
    lines = wrap_prose(font, "We talked about representatives today", width)
    assert lines[0].endswith("-") and all(font.size(line)[0] <= width for line in lines)
    assert "".join(line[:-1] if line.endswith("-") else line + " " for line in lines).split() == \
        "We talked about representatives today".split()


def test_names_and_numbers_are_never_hyphenated(font):
    width = font.size("We talked about the unexplained")[0]
    for word in ("Bartholomew", "1234567890"):
        lines = wrap_prose(font, f"We talked about {word} today", width)
        assert not any(line.endswith("-") for line in lines), lines


def test_a_wide_column_does_not_hyphenate_to_fill_a_ragged_line(font):
    width = font.size("x" * 80)[0]
    text = "word " * 10 + "extraordinarily " * 6
    assert not any(line.endswith("-") for line in wrap_prose(font, text, width))


def test_a_paragraph_does_not_end_on_one_word_alone(font):
    text = "The group met on Tuesday in the hall and talked about the leaflet until late"
    width = font.size("The group met on Tuesday in the hall and talked about the leaflet until")[0] + 2
    lines = wrap_prose(font, text, width)
    assert " " in lines[-1] and all(font.size(line)[0] <= width for line in lines)
    assert " ".join(lines).split() == text.split()


# -- the display face ---------------------------------------------------------------------------
def test_titles_and_headings_use_the_bundled_display_face_with_its_licence():
    assert (ROOT / "assets" / "fonts" / DISPLAY_FILE).is_file()
    licence = (ROOT / "assets" / "fonts" / "LICENSE-Vollkorn.txt").read_text()
    assert "SIL Open Font License" in licence or "SIL OPEN FONT LICENSE" in licence
    pygame.font.init()
    theme = Theme(Settings(), (1280, 720), FontBook())
    assert theme.font("heading").style_name and theme.font("title").name == "Vollkorn"
    assert theme.font("body").name == "Lato"
    dyslexic = Theme(Settings(dyslexic_font=True), (1280, 720), FontBook())
    assert dyslexic.font("heading").name == dyslexic.font("body").name == "OpenDyslexic"
    assert "Vollkorn" in (ROOT / "README.md").read_text()


def test_the_display_face_sets_digits_as_lining_figures_for_codes_and_timers():
    pygame.font.init()
    title = Theme(Settings(), (1280, 720), FontBook()).font("title")
    lato = pygame.font.Font(ROOT / "assets" / "fonts" / "Lato-Bold.ttf", title.get_point_size())
    assert title.size("10")[0] == lato.size("10")[0]
    mixed = title.render("Room K7 10", True, (0, 0, 0))
    assert mixed.get_width() >= title.size("Room K7 10")[0]


def test_the_play_screen_keeps_a_comfortable_measure_on_a_wide_window(saves):
    app = App([FIXTURES / "tiny"], saves, size=(1920, 1080), settings=Settings(text_speed="instant"))
    play = start_game(app)
    play.begin()
    play.ensure_layout()
    font = app.theme.font("body")
    characters = play.main.width / (font.size("the quick brown fox jumps over a lazy dog ")[0] / 42)
    assert 55 <= characters <= 75, characters
    pygame.quit()


# -- letter and word spacing --------------------------------------------------------------------
def test_spacing_settings_have_their_steps_and_are_remembered(saves):
    assert CHOICES["letter_spacing"][0] == (0.0, 0.05, 0.1, 0.15)
    assert CHOICES["word_spacing"][0] == (0.0, 0.25, 0.5)
    save_settings(saves, Settings(letter_spacing=0.1, word_spacing=0.5))
    settings = load_settings(saves)
    assert (settings.letter_spacing, settings.word_spacing) == (0.1, 0.5)


def test_a_spaced_line_is_drawn_exactly_as_wide_as_it_is_measured():
    pygame.font.init()
    for letter, word in [(0.05, 0.0), (0.15, 0.5), (0.0, 0.25)]:
        spaced = SetFont(LATO, 21, letter, word)
        for text in ("Put \u201cwho staffs it\u201d on the group\u2019s side.", "Trust -24", "W"):
            width = spaced.size(text)[0]
            assert spaced.render(text, True, (0, 0, 0)).get_width() in (width, width + 1)
            assert width >= SetFont(LATO, 21).size(text)[0]


def test_wider_spacing_wraps_earlier():
    pygame.font.init()
    text = "Everyone referred to your team gets the same welcome letter. " * 4
    counts = [len(wrap_prose(SetFont(LATO, 21, letter, word), text, 500))
              for letter, word in [(0.0, 0.0), (0.1, 0.0), (0.15, 0.5)]]
    assert counts[0] < counts[1] < counts[2]


@pytest.mark.parametrize("size", [(800, 600), (1280, 720)])
def test_with_the_widest_spacing_nothing_is_clipped_in_play_or_the_debrief(saves, size):
    settings = Settings(text_speed="instant", letter_spacing=0.15, word_spacing=0.5, text_size=2.0)
    app = App([FIXTURES / "tiny"], saves, size=size, settings=settings)
    play = start_game(app)
    assert_fits(app, size)
    play.begin()
    assert_fits(app, size)
    finish(app, play)
    app.push(DebriefScreen(app, Run(app.scenario("tiny"), "professional")))
    assert_fits(app, size)
    pygame.quit()


def test_a_quoted_choice_that_quotes_someone_reads_as_one_quotation():
    from game.story.debrief.path import summarise_path
    from game.story.typeset import quoted
    choice = 'Invite anyone who ticks "I\'d like to help"'
    assert quoted(choice) == '"Invite anyone who ticks \'I\'d like to help\'"'
    assert quoted("Ask Dev") == '"Ask Dev"'
    assert quoted("\u201cfine\u201d, mostly") == '"\u2018fine\u2019, mostly"'
    line = summarise_path([("The invitation", choice)])[0]
    assert line.count('"') == 2 and line.endswith("help'\".")
    # In the window the outer quotes become double and the inner ones single, as a printer sets them.
    assert typeset(quoted(choice)) == "\u201cInvite anyone who ticks \u2018I\u2019d like to help\u2019\u201d"
