"""The debrief as cards and tables (issue 15): a card per chapter with the decisions as a list,
what moved in a table of lined-up numbers and the principles as chips; the biggest changes as
cards; one minus sign and nothing in three levels of quotes; Back / Next scrolling with the
page in a small window; and damaged files described in a player's words."""
from __future__ import annotations

import io
import re

import pygame
import pytest
from conftest import ROOT
from test_debrief_window import haven_run, paragraphs, to_step
from drive_window import fit_problems, key, press

from game.records import open_recorder
from game.saves import list_slots, read_slot, save_run
from game.story import load
from game.story.debrief import chapter_cards, meter_series, principle, whole_run
from game.text.words import slot_words
from game.ui.app import App
from game.ui.screens.debrief.screen import DebriefScreen
from game.ui.screens.menus.records import RecordsScreen
from game.ui.screens.menus.saves import SavesScreen
from game.ui.settings import Settings

HAVEN = ROOT / "scenes" / "haven"


@pytest.fixture(scope="module")
def haven():
    return load(HAVEN)


def open_debrief(saves, run, size=(1280, 720), **settings) -> App:
    app = App([HAVEN], saves, size=size, settings=Settings(text_speed="instant", **settings))
    app.recorder = open_recorder(saves, run)
    app.record(run)
    app.push(DebriefScreen(app, run, show_file=lambda path: None))
    return app


# -- the story's side: the cards' data -------------------------------------------------------
def test_each_chapter_card_holds_its_decisions_and_what_moved_from_its_first_step_to_its_last(haven):
    run = haven_run(haven)
    cards = chapter_cards(run)
    chapters = []
    for number, taken in enumerate(run.taken, start=1):
        scene = haven.scenes[taken.scene]
        if scene.is_decision and scene.chapter not in chapters:
            chapters.append(scene.chapter)
    assert [card.chapter for card in cards] == chapters
    decided = [t.text for t in run.taken if haven.scenes[t.scene].is_decision]
    assert [d for card in cards for d in card.decisions] == decided
    for card in cards:
        steps = [n for n, t in enumerate(run.taken, start=1)
                 if (haven.scenes[t.scene].chapter or haven.title) == card.chapter]
        for move in card.moves:
            series = meter_series(run, move.name)
            assert (move.before, move.after) == (series[steps[0] - 1], series[steps[-1]])
        tags = {c.tag for c in run.history if c.step in steps and c.tag}
        assert set(card.tags) == tags
    # the chapters' changes add up to the whole run's
    for index, move in enumerate(whole_run(run)):
        assert sum(card.moves[index].change for card in cards) == move.change


def test_a_principle_tag_is_said_in_words():
    assert principle("next") == "knowing what happens next" and principle("power") == "power"


# -- the window: description and analysis ----------------------------------------------------
QUOTES = re.compile(r"[\"\u201c\u201d]")


def step_words(app: App, step: str) -> list[str]:
    to_step(app, step)
    return paragraphs(app)


def test_the_description_is_a_card_per_chapter_with_a_table_and_chips(saves, haven):
    run = haven_run(haven)
    app = open_debrief(saves, run)
    debrief = to_step(app, "description")
    column = debrief.panes[0].column
    text = paragraphs(app)
    cards = chapter_cards(run)
    for card in cards:
        at = text.index(card.chapter)
        for decision in card.decisions:          # a list item each, as written, in order
            at = text.index(decision, at)
            assert text[at - 1] == "\u2022"
        header = text.index("What moved", at)
        assert text[header:header + 4] == ["What moved", "Before", "After", "Change"]
    # numbers flush right: each numeric column's cells end at the same x
    table_top = next(i for i in column.texts if i.lines[0][1] == "What moved").y
    rows = sorted({i.y for i in column.texts if table_top < i.y < table_top + 6 * column.theme.line_height("body")})
    cells = [sorted((i for i in column.texts if i.y == y), key=lambda i: i.lines[0][0]) for y in rows[:4]]
    body = column.theme.font("body")
    for place in (1, 2, 3):
        ends = {c[place].lines[0][0] + body.size(c[place].lines[0][1])[0] for c in cells}
        assert len(ends) == 1, ends
    # principles as chips: the word on a pill drawn behind it, never "[power]"
    chips = [d for d in column.drawings if d.words]
    assert {w for d in chips for w in d.words} >= {principle(t) for c in cards for t in c.tags}
    for drawing in chips:
        word = next(i for i in column.texts if i.lines[0][1] == drawing.words[0]
                    and drawing.rect.collidepoint(i.lines[0][0], i.y + 1))
        assert word.lines[0][2] == "small_bold"
    assert fit_problems(app, "description") == []
    pygame.quit()


def test_no_step_nests_quotes_chains_thens_brackets_a_tag_or_uses_a_hyphen_for_minus(saves, haven):
    run = haven_run(haven, seed=3)
    app = open_debrief(saves, run)
    for step in ("description", "analysis"):
        for words in step_words(app, step):
            assert len(QUOTES.findall(words)) <= 2, words   # one level of quotes at most
            assert not re.search(r"\bthen \"", words), words
            assert not re.search(r"\[[a-z ]+\]", words), words
            assert not re.search(r"(^|[\s(])-\d", words), words
    pygame.quit()


def test_the_biggest_changes_are_cards_with_the_choice_the_numbers_the_reason_and_a_chip(saves, haven):
    run = haven_run(haven)
    app = open_debrief(saves, run)
    text = step_words(app, "analysis")
    from game.story.debrief import Debrief
    for change in Debrief(run).biggest(5):
        at = text.index(change.choice, text.index("When you chose"))
        assert text[at - 1] == "When you chose"
        assert text[at + 1:at + 4] == ["Meter", "Change", "Now"]
        assert text[at + 4] == ("Power balance" if change.name == "power"
                                else haven.variables[change.name].label)
        sign = "+" if change.amount > 0 else "\u2212"
        assert text[at + 5] == f"{sign}{abs(change.amount):g}"
        assert change.why in text[at + 6:at + 9]
    pygame.quit()


# -- a small window: Back / Next scroll with the page ----------------------------------------
def test_at_800x600_with_200pc_text_the_page_has_the_window_and_back_next_follow_it(saves, haven):
    run = haven_run(haven)
    app = open_debrief(saves, run, size=(800, 600), text_size=2.0, high_contrast=True)
    app.keyboard_used = True
    debrief = to_step(app, "description")
    assert debrief.nav_in_page and len(debrief.panes) == 1
    view = debrief.panes[0].view
    assert view.rect.height >= 11 * app.theme.line_height("body")   # not five lines
    assert [b.label for b in debrief.nav] == ["Back: Reactions", "Next: Analysis"]
    assert debrief.nav[-1].rect.bottom == max(b.rect.bottom for b in debrief.buttons)
    press(app, key(pygame.K_RIGHT))                 # the keys still step
    assert debrief.step == "analysis" and view.offset == 0
    next_button = next(b for b in debrief.buttons if b.label == "Next: Summary")
    debrief.focused = next_button
    next_button.press()                             # the next step opens at its top
    debrief.ensure_layout()
    assert debrief.step == "summary" and view.offset == 0
    assert fit_problems(app, "summary") == []
    pygame.quit()
    roomy = open_debrief(saves, run, size=(1280, 720))
    roomy.top.ensure_layout()
    assert not roomy.top.nav_in_page and len(roomy.top.panes) == 2  # a bar that stays in view
    pygame.quit()


def test_the_fit_check_reports_text_laid_over_a_button(saves, haven):
    app = open_debrief(saves, haven_run(haven))
    debrief = app.top
    debrief.ensure_layout()
    assert fit_problems(app, "reactions") == []
    item = debrief.panes[0].column.texts[0]
    item.y = debrief.buttons[0].rect.y
    assert any("overlaps" in p for p in fit_problems(app, "reactions"))
    pygame.quit()


# -- damaged files in a player's words ---------------------------------------------------------
def test_damaged_saves_and_records_say_what_the_player_can_do_not_a_parser_message(saves, haven):
    saves.mkdir(parents=True)
    (saves / "slot-2.json").write_text("{not a save", encoding="utf-8")
    run = haven_run(haven)
    save_run(saves, "slot-3", run)
    newer = (saves / "slot-3.json").read_text(encoding="utf-8").replace('"version": 1', '"version": 99', 1)
    (saves / "slot-3.json").write_text(newer, encoding="utf-8")
    assert read_slot(saves / "slot-3.json").reason == "it was made by a newer version of the game"
    app = App([HAVEN], saves, settings=Settings(text_speed="instant"))
    app.push(SavesScreen(app))
    app.top.ensure_layout()
    notes = {b.label: b.note for b in app.top.buttons}
    assert notes["Slot 2"] == ("This save can't be opened. It may be from a newer version or was "
                               "cut short. Your other saves are fine.")
    assert notes["Slot 3"] == ("This save was made by a newer version of the game: update the "
                               "game to open it. Your other saves are fine.")
    words = " ".join(p for pane in app.top.panes for i in pane.column.texts for p in (i.lines[0][1],))
    assert "JSON" not in words + " ".join(notes.values())
    (saves / "records").mkdir(exist_ok=True)
    (saves / "records" / "cut.json").write_text('{"format": ', encoding="utf-8")
    app.push(RecordsScreen(app))
    app.top.ensure_layout()
    cut = next(b for b in app.top.buttons if b.label == "cut.json")
    assert cut.note == ("This record can't be opened. It may be from a newer version or was cut "
                        "short. Your other records are fine.")
    pygame.quit()
    # the terminal's list says the same; the trainer's command keeps the reason
    listed = {slot.name: slot_words(slot) for slot in list_slots(saves)}
    assert listed["slot-2"] == ("slot-2: This save can't be opened. It may be from a newer "
                                "version or was cut short. Your other saves are fine.")
    from game.cli import main
    out = io.StringIO()
    import contextlib
    with contextlib.redirect_stdout(out):
        assert main(["saves", "--save-dir", str(saves)]) == 0
    assert "slot-2: damaged (it is not valid JSON (line 1))" in out.getvalue()


def test_a_table_too_wide_for_its_column_becomes_a_line_of_words_per_row(saves):
    from game.ui.layout import Column
    from game.ui.screens.debrief.cards import NUMERIC, table
    app = App([HAVEN], saves, settings=Settings(text_speed="instant"))
    rows = [("Trust", "45", "52", "+7"), ("Power balance", "\u221230", "\u221225", "+5")]
    kinds = ("", NUMERIC, NUMERIC, NUMERIC)
    wide = Column(app.theme, 900)
    assert table(wide, ("What moved", "Before", "After", "Change"), rows, kinds)
    assert len(wide.texts) == 12                             # a text per cell, header included
    narrow = Column(app.theme, 160)
    assert not table(narrow, ("What moved", "Before", "After", "Change"), rows, kinds)
    said = [" ".join(line[1] for line in item.lines) for item in narrow.texts]
    assert said == ["Trust: before 45, after 52, change +7",
                    "Power balance: before \u221230, after \u221225, change +5"]
    pygame.quit()
