"""The debrief in the window (PEARLS: reactions, description, analysis, summary, and a journal for
solo players), the records list and the compare screen, driven with synthetic events on SDL's
dummy video driver."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pygame
import pytest
from conftest import FIXTURES, ROOT
from drive_window import (assert_fits, finish, key, labels, press, skip_reflection, start_game,
                         start_game_in, tab_to)

from game.records import list_records, read_record
from game.story import Run, load
from game.story.debrief import GIBBS, REACTION_WORDS, TAKEAWAY_PROMPTS, forks
from game.ui.app import App
from game.ui.screens.menus.ask_text import AskTextScreen
from game.ui.screens.debrief.compare import CompareScreen
from game.ui.screens.debrief.screen import DebriefScreen
from game.ui.screens.debrief.analysis import effects_text
from game.ui.screens.play.ending import EndingScreen
from game.ui.screens.menus.records import RecordsScreen
from game.ui.settings import Settings

HAVEN = ROOT / "scenes" / "haven"


def shown(app: App) -> list[str]:
    """Every line of text on the top screen, in order."""
    app.top.ensure_layout()
    return [line[1] for pane in app.top.panes for item in pane.column.texts for line in item.lines]


def paragraphs(app: App) -> list[str]:
    """Each text item of the top screen's main column as one string (its lines joined)."""
    app.top.ensure_layout()
    items = sorted(app.top.panes[0].column.texts, key=lambda item: (item.y, item.lines[0][0]))
    return [" ".join(line[1] for line in item.lines) for item in items]


def button(app: App, label: str):
    app.top.ensure_layout()
    return next(b for b in app.top.buttons if b.label == label)


def record_data(app: App) -> dict:
    return json.loads(app.recorder.path.read_text(encoding="utf-8"))


def type_text(app: App, text: str) -> None:
    assert isinstance(app.top, AskTextScreen)
    press(app, pygame.event.Event(pygame.TEXTINPUT, text=text), key(pygame.K_RETURN))


def to_step(app: App, name: str) -> DebriefScreen:
    debrief = app.top
    assert isinstance(debrief, DebriefScreen)
    debrief.go(debrief.steps.index(name))
    debrief.ensure_layout()
    return debrief


def ended_tiny(app: App, role: str = "Pat") -> EndingScreen:
    play = start_game(app, role)
    finish(app, play)
    assert isinstance(app.top, EndingScreen)
    return app.top


def haven_run(scenario, role: str = "professional", seed: int = 7) -> Run:
    run = Run(scenario, role, seed=seed)
    rng = random.Random(seed)
    while not run.ended:
        run.choose(rng.choice([v.index for v in run.choices if v.enabled]))
    return run


@pytest.fixture(scope="module")
def haven():
    return load(HAVEN)


# -- the ending leads into the debrief ------------------------------------------------------------
def test_the_ending_is_short_and_offers_the_debrief_first_and_highlighted(app):
    ending = ended_tiny(app)
    assert labels(app)[0] == "Debrief"
    assert ending.focused is not None and ending.focused.label == "Debrief"
    text = " ".join(shown(app))
    assert "biggest changes" not in text                             # the debrief has those
    assert "Last decision: Rung 6, Co-production." in text           # not a reading of power
    assert "At the end: Trust 75, Power balance 0, Outcome 40, Energy 5." in text  # energy decides
    assert "You ended on rung" not in text
    assert "Play again from the other side: Sam, member" in labels(app)
    press(app, key(pygame.K_RETURN))
    assert isinstance(app.top, DebriefScreen) and app.top.record is None
    assert shown(app)[0] == "Step 1 of 5: Reactions"
    press(app, key(pygame.K_ESCAPE))
    assert app.top is ending


def test_a_full_haven_game_ends_in_a_debrief_whose_answers_reach_the_record_on_disk(saves):
    app = App([HAVEN], saves, settings=Settings(text_speed="instant"))
    play = start_game_in(app, "The Haven", "Daniel")
    if play.phase == "note":
        play.read_noted(False)
    finish(app, play)
    app.step([])
    assert isinstance(app.top, EndingScreen) and app.top.focused.label == "Debrief"
    press(app, key(pygame.K_RETURN))
    skip_reflection(app)  # the statements again, after the ending
    tab_to(app, "uneasy")
    tab_to(app, "curious")
    press(app, key(pygame.K_RIGHT), key(pygame.K_RIGHT), key(pygame.K_RIGHT))
    assert app.top.step == "summary"
    tab_to(app, "Write take-away 1")
    type_text(app, "Opening a door is not the same as sharing the room.")
    tab_to(app, "Write your action")
    type_text(app, "Ask who is missing before the first meeting.")
    data = json.loads(app.recorder.path.read_text(encoding="utf-8"))
    assert data["ending"] and len(data["steps"]) == app.top.run.step >= 24
    assert data["debrief"] == {
        "reactions": ["uneasy", "curious"],
        "takeaways": ["Opening a door is not the same as sharing the room."],
        "takeaway_prompts": [TAKEAWAY_PROMPTS[0]],
        "action": "Ask who is missing before the first meeting."}


def test_keyboard_alone_goes_through_every_step_and_back(app):
    ended_tiny(app)
    press(app, key(pygame.K_RETURN))
    debrief = app.top
    headings = [shown(app)[0]]
    for _ in range(4):
        press(app, key(pygame.K_RIGHT))
        headings.append(shown(app)[0])
    assert headings == ["Step 1 of 5: Reactions", "Step 2 of 5: Description", "Step 3 of 5: Analysis",
                        "Step 4 of 5: Summary", "Step 5 of 5: Journal"]
    press(app, key(pygame.K_RIGHT))                      # nothing after the last step
    assert debrief.step == "journal"
    for _ in range(4):
        press(app, key(pygame.K_LEFT))
    assert debrief.step == "reactions"
    # Tab reaches Next, and Enter on it walks on with the highlight staying on Next (then Finish)
    tab_to(app, "Next: Description")
    assert debrief.step == "description" and debrief.focused.label == "Next: Analysis"
    for step in ("analysis", "summary", "journal"):
        press(app, key(pygame.K_RETURN))
        assert debrief.step == step
    assert debrief.focused.label == "Finish"
    press(app, key(pygame.K_RETURN))
    assert isinstance(app.top, EndingScreen)


def test_a_workshop_debrief_has_four_steps_and_questions_for_the_room(saves):
    app = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"), workshop=True)
    ended_tiny(app)
    app.top.debrief()
    assert app.top.steps == ["reactions", "description", "analysis", "summary"]
    assert shown(app)[0] == "Step 1 of 4: Reactions"
    to_step(app, "analysis")
    assert any(line.startswith("Presence: Who was in the room") for line in paragraphs(app))
    to_step(app, "summary")
    assert "Make a report" in labels(app) and labels(app)[-1] == "Finish"


# -- reactions -------------------------------------------------------------------------------------
def test_reaction_words_toggle_say_so_in_words_and_are_saved_at_once(app):
    ended_tiny(app)
    press(app, key(pygame.K_RETURN))
    words = [b.label for b in app.top.buttons][:len(REACTION_WORDS)]
    assert words == list(REACTION_WORDS)
    tab_to(app, "torn")
    tab_to(app, "hopeful")
    assert record_data(app)["debrief"]["reactions"] == ["torn", "hopeful"]
    picked = button(app, "hopeful (picked)")       # the state is in words, not only colour
    assert picked.kind == "primary" and app.top.focused is picked
    press(app, key(pygame.K_RETURN))              # pressed again: unpicked
    assert record_data(app)["debrief"]["reactions"] == ["torn"]
    assert app.top.focused.label == "hopeful"
    tab_to(app, "Something else")
    type_text(app, "hopeful, a bit lost")
    assert record_data(app)["debrief"]["reactions"] == ["torn", "hopeful", "a bit lost"]
    assert "a bit lost (picked)" in labels(app)
    assert app.notice == "Saved in your session record."


def test_skip_goes_on_without_picking_anything(app):
    ended_tiny(app)
    app.top.debrief()
    tab_to(app, "Skip this step")
    assert app.top.step == "description"
    assert record_data(app)["debrief"] == {}


# -- description and analysis ------------------------------------------------------------------------
def test_description_shows_the_path_the_charts_the_rung_over_time_and_the_ending(app):
    ended_tiny(app)
    app.top.debrief()
    debrief = to_step(app, "description")
    text = paragraphs(app)
    # a card for the chapter: its decisions as a list, no "then ... then" chain of quotes
    at = text.index("The meeting")
    assert text[at + 1:at + 6] == ["Your decisions", "\u2022", "Offer to pay everyone", "\u2022",
                                   "Decide together"]
    assert not any(" then " in p and '"' in p for p in text)
    assert "It ended: " + debrief.run.ending.title + "." in text
    charts = [d for d in debrief.panes[0].column.drawings if "add_chart" in d.draw.__qualname__]
    assert len(charts) == 4                              # trust+outcome, power, energy, rung
    assert "Energy (0 to 10)" in text                    # energy can decide the ending
    assert "The rung of your latest decision (0 to 6, or off the ladder)" in text
    assert "From decision 1 to the end: Rung 6, Co-production" in text
    assert "Last decision: Rung 6, Co-production. Doing with. Equal from design to delivery, with " \
           "pay, credit and support." in text
    ended = text.index("Where it ended")
    assert text[ended + 1:ended + 5] == ["Meter", "Start", "End", "Change"]
    assert text[ended + 5:ended + 21:4] == ["Trust", "Power balance", "Outcome", "Energy"]
    assert [text[ended + 7 + 4 * row] for row in range(4)] == ["75", "0", "40", "5"]  # the ends
    assert "Power balance 0: power is fairly shared." in text
    assert f"The ending: {debrief.run.ending.title}." in text


def tiny_with_purpose(folder: Path, rungs: str) -> Path:
    """A copy of the tiny scenario whose one chapter says what it is for and which rungs fit."""
    shutil.copytree(FIXTURES / "tiny", folder)
    meeting = folder / "1-meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        "chapter: The meeting\n",
        "chapter: The meeting\npurpose:\n  what: agreeing how the group will work\n"
        f"  fits: {rungs}\n  why: The group is new, and the board still holds the budget.\n", 1),
        encoding="utf-8")
    return folder


@pytest.mark.parametrize("rungs, verdict", [("[5, 6]", "Fits."),
                                            ("[4, 5]", "Beyond what this part needed.")])
def test_description_says_in_words_whether_the_way_you_worked_fit_each_part(saves, tmp_path,
                                                                             rungs, verdict):
    app = App([tiny_with_purpose(tmp_path / "tiny", rungs)], saves,
              settings=Settings(text_speed="instant"))
    ended_tiny(app)                                      # both decisions at rung 6
    app.top.debrief()
    debrief = to_step(app, "description")
    lines = shown(app)
    text = " ".join(lines)
    assert "Did the way you worked fit the work?" in lines and "The meeting" in lines
    assert "This part: agreeing how the group will work." in text
    assert f"{verdict} You worked at Co-production; the work suits" in text
    assert "(2 of 2 decisions fitted)" in text if verdict == "Fits." else "(0 of 2" in text
    assert "The group is new, and the board still holds the budget." in text
    # the verdict leads, in bold words (its colour only repeats them)
    lead = next(item for item in debrief.panes[0].column.texts if item.lines[0][1] == verdict)
    assert lead.lines[0][2] == "body_bold"
    pygame.quit()


def test_a_part_still_being_played_has_no_reading_yet(saves, tmp_path):
    app = App([tiny_with_purpose(tmp_path / "tiny", "[5, 6]")], saves,
              settings=Settings(text_speed="instant"))
    app.push(DebriefScreen(app, Run(app.scenario("tiny"), "professional")))
    to_step(app, "description")
    lines = shown(app)
    assert "Did the way you worked fit the work?" in lines
    assert "No reading yet: this part has not been played to its end." in " ".join(lines)
    assert not any(line.startswith(("Fits.", "Further")) for line in lines)
    pygame.quit()


def test_a_record_that_no_longer_matches_says_why_its_part_has_no_reading(saves, tmp_path):
    app = App([tiny_with_purpose(tmp_path / "tiny", "[5, 6]")], saves,
              settings=Settings(text_speed="instant"))
    ended_tiny(app)
    data = json.loads(app.recorder.path.read_text(encoding="utf-8"))
    data["steps"][-1].update(choice_id=None, choice_text="An option that was cut")
    app.recorder.path.write_text(json.dumps(data), encoding="utf-8")
    app.to_title()
    app.push(RecordsScreen(app))
    app.top.open(next(r for r in app.top.records if r.ok))
    to_step(app, "description")
    text = " ".join(shown(app))
    assert "No reading: the story has changed since this was played" in text
    assert "Fits." not in text
    pygame.quit()


def test_without_purposes_there_is_no_fit_section(app):
    ended_tiny(app)
    app.top.debrief()
    to_step(app, "description")
    text = " ".join(shown(app))
    assert "fit the work" not in text and "This part:" not in text
    assert "A rung is a judgement of what a decision did, not a score" in text


def test_analysis_shows_every_option_with_the_numbers_forks_gives(saves, haven):
    app = App([HAVEN], saves, size=(1920, 1080), settings=Settings(text_speed="instant"))
    run = haven_run(app.scenario("haven"))
    app.open_run(run, restored=False)
    app.top.debrief()
    skip_reflection(app)
    debrief = to_step(app, "analysis")
    found = forks(run)
    assert len(found) > 6
    shown_first = [p for p in paragraphs(app) if p.startswith("Decision ")]
    assert 3 <= len([p for p in shown_first if ":" in p]) < len(found) + 4
    tab_to(app, f"Show all {len(found)} decisions")
    assert debrief.show_all_forks and debrief.focused.label.startswith("Show only the")
    text = paragraphs(app)
    roads = text.index("The road not taken")
    for fork in found:
        for road in fork.roads:
            where = text.index(road.text, roads)         # a list item, not in quotes
            if road.enabled:
                mark = "Your choice. " if road.chosen else ""
                assert text[where + 1].startswith(mark + effects_text(run.scenario, road))
                for name, amount in road.deltas.items():
                    label = run.scenario.variables[name].label
                    sign = "+" if amount > 0 else "\u2212"
                    assert f"{label} {sign}{abs(amount):g}" in text[where + 1]
    chosen = [p for p in text if p.startswith("Your choice. ")]
    assert len(chosen) == len(found)
    assert "The other side of the same moments" in text
    assert any(p.startswith("For Shona") or p.startswith("For ") for p in text)


def test_forks_agree_with_choosing_each_option_in_a_fresh_run(haven):
    """Story level: what the debrief says each option would have done is what the runner does."""
    run = haven_run(haven, "service_user", seed=11)
    headline = [m.name for m in haven.deciding]          # energy too: it can decide an ending
    for fork in forks(run):
        for road in fork.roads:
            if not road.enabled:
                continue
            fresh = Run(haven, run.role, seed=run.seed)
            for taken in run.taken[:fork.step - 1]:
                fresh.choose(next(v.index for v in fresh.choices if v.enabled and v.text == taken.text))
            assert fresh.scene.id == fork.scene.id
            before = {name: fresh.values[name] for name in headline}
            view = next(v for v in fresh.choices if v.text == road.text)
            fresh.choose(view.index)
            moved = {name: fresh.values[name] - before[name] for name in headline
                     if fresh.values[name] != before[name]}
            assert moved == road.deltas, (fork.scene.id, road.text)


def test_the_branch_map_opens_with_the_path_of_this_run(app):
    ended_tiny(app)
    app.top.debrief()
    to_step(app, "analysis")
    tab_to(app, "Branch map")
    from game.ui.screens.play.branch_map import BranchMapScreen
    assert isinstance(app.top, BranchMapScreen)


# -- summary and journal ------------------------------------------------------------------------------
def test_take_aways_and_an_action_are_typed_and_saved_in_the_record_on_disk(app):
    ended_tiny(app)
    app.top.debrief()
    to_step(app, "summary")
    tab_to(app, "Write take-away 2")
    assert app.top.prompt == TAKEAWAY_PROMPTS[1]
    type_text(app, "Ask before I tell.")
    assert app.notice == "Saved in your session record."
    assert "Ask before I tell." in paragraphs(app) and "Edit take-away 2" in labels(app)
    assert app.top.focused.label == "Edit take-away 2"
    tab_to(app, "Write your action")
    type_text(app, "Pay people for their time.")
    data = record_data(app)["debrief"]
    assert data["takeaways"] == ["Ask before I tell."]
    assert data["takeaway_prompts"] == [TAKEAWAY_PROMPTS[1]]
    assert data["action"] == "Pay people for their time."
    tab_to(app, "Edit take-away 2")                 # edit, keeping what was there
    assert app.top.text == "Ask before I tell."
    press(app, key(pygame.K_END), pygame.event.Event(pygame.TEXTINPUT, text=" Always."),
          key(pygame.K_RETURN))
    assert record_data(app)["debrief"]["takeaways"] == ["Ask before I tell. Always."]
    reopened = DebriefScreen(app, app.top.run)        # the answers come back
    assert reopened.answers.takeaways == {1: "Ask before I tell. Always."}


def test_journal_answers_reach_the_record(app):
    ended_tiny(app)
    app.top.debrief()
    to_step(app, "journal")
    assert [p for p in paragraphs(app) if p in dict(GIBBS).values()] == [p for _, p in GIBBS]
    tab_to(app, "Write: Feelings")
    type_text(app, "Torn between the budget and the people.")
    tab_to(app, "Write: Action plan")
    type_text(app, "Ask the group first.")
    assert record_data(app)["debrief"]["journal"] == {
        "feelings": "Torn between the budget and the people.", "action": "Ask the group first."}


def test_make_a_report_writes_the_html_into_the_reports_folder(app, saves):
    ended_tiny(app)
    opened = []
    app.top.debrief()
    app.top.show_file = opened.append
    to_step(app, "journal")
    tab_to(app, "Make a report")
    assert app.background.wait(10)  # built off the window's thread (test_report_background.py)
    reports = list((saves / "reports").glob("*.html"))
    assert len(reports) == 1 and opened == reports
    assert str(reports[0]) in app.notice and app.top.report_path == reports[0]
    assert "<html" in reports[0].read_text(encoding="utf-8").lower()


# -- the records list -----------------------------------------------------------------------------
def test_the_title_screen_opens_the_records_list(app):
    app.step([])
    tab_to(app, "Session records and debriefs")
    assert isinstance(app.top, RecordsScreen)
    assert "There are no session records yet." in " ".join(paragraphs(app))


def test_a_record_from_disk_opens_its_debrief_and_a_damaged_one_is_listed_not_opened(app, saves):
    ended_tiny(app)
    steps_before = record_data(app)["steps"]
    (saves / "records" / "broken.json").write_text("{not json", encoding="utf-8")
    app.to_title()
    app.push(RecordsScreen(app))
    labels(app)
    broken = next(b for b in app.top.buttons if b.label == "broken.json")
    assert not broken.enabled and broken.note == ("This record can't be opened. It may be from a "
                                                  "newer version or was cut short. Your other "
                                                  "records are fine.")
    press(app, pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1,
                                  pos=app.top.screen_rect(broken).center))
    assert isinstance(app.top, RecordsScreen)
    good = next(b for b in app.top.buttons if "Tiny test scenario, Pat, manager" in b.label)
    assert good.enabled and good.note.startswith("Open its debrief")
    tab_to(app, good.label)
    debrief = app.top
    assert isinstance(debrief, DebriefScreen) and debrief.record is not None
    assert debrief.run.ended and debrief.run.step == len(steps_before)
    tab_to(app, "proud")
    on_disk = read_record(debrief.record.path).data
    assert on_disk["debrief"]["reactions"] == ["proud"]
    assert on_disk["steps"] == steps_before                 # answers added, steps untouched
    press(app, key(pygame.K_ESCAPE))
    assert isinstance(app.top, RecordsScreen)
    assert "it has your answers" in next(b for b in app.top.buttons if b.label == good.label).note


def test_the_records_list_makes_one_report_of_every_record_with_its_csv(app, saves, monkeypatch):
    ended_tiny(app, "Pat")
    app.to_title()
    app.top.invalidate()
    ended_tiny(app, "Sam")
    (saves / "records" / "broken.json").write_text("{not json", encoding="utf-8")
    app.to_title()
    app.push(RecordsScreen(app))
    opened = []
    app.top.show_file = opened.append
    # the window says it is writing, and shows it, before the (slow) build starts
    from game.ui.screens.menus import report_files
    shown_first = []
    build = report_files.build_report
    monkeypatch.setattr(report_files, "build_report",
                        lambda *a: (shown_first.append(app.notice), build(*a))[1])
    tab_to(app, "Report on both records")
    assert app.background.wait(10)
    assert shown_first == ["Writing the report…"]
    assert len(opened) == 1 and opened[0].parent == saves / "reports"
    page = opened[0].read_text(encoding="utf-8")
    assert "Pat, manager" in page and "Sam" in page and "broken.json" in page
    assert opened[0].with_suffix(".csv").is_file()
    assert "1 damaged file left out" in app.notice


def test_a_record_of_an_older_story_version_says_so_when_opened(app, saves):
    ended_tiny(app)
    path = app.recorder.path
    data = json.loads(path.read_text(encoding="utf-8"))
    data["scenario_version"] = "1"
    path.write_text(json.dumps(data), encoding="utf-8")
    app.to_title()
    app.push(RecordsScreen(app))
    record = next(r for r in app.top.records if r.ok)
    app.top.open(record)
    assert isinstance(app.top, DebriefScreen)
    assert "older version of Tiny test scenario" in app.notice


def test_two_records_compared_side_by_side_with_the_same_moment(app):
    ended_tiny(app, "Pat")
    app.to_title()
    app.top.invalidate()
    ended_tiny(app, "Sam")
    app.to_title()
    app.push(RecordsScreen(app))
    tab_to(app, "Compare two")
    assert "Compare (mark 2 more)" in labels(app)
    records = [b.label for b in app.top.buttons if "Tiny test scenario" in b.label]
    assert len(records) == 2
    tab_to(app, records[0])                              # Enter marks
    assert app.top.focused.label.startswith("Marked A: ")
    app.top.focused = next(b for b in app.top.buttons if b.label == records[1])
    press(app, key(pygame.K_SPACE))                      # so does Space
    assert len(app.top.marked) == 2
    tab_to(app, "Compare the two marked")
    compare = app.top
    assert isinstance(compare, CompareScreen)
    text = paragraphs(app)
    assert any("As Pat, manager" in p for p in text) and any("As Sam, member" in p for p in text)
    assert "The same moments, from both sides" in text
    assert 'A chose "Offer to pay everyone"' in text or 'B chose "Offer to pay everyone"' in text
    assert any(p.endswith("had no decision to make here") for p in text)
    assert len(compare.panes[0].column.drawings) == 5      # trust, outcome, power, energy, rung
    a, b = compare.comparison.a, compare.comparison.b
    assert compare.comparison.scale["trust"] == (0, 100) and len(a.series["trust"]) and len(b.series["trust"])
    tab_to(app, "Open B's debrief")
    assert isinstance(app.top, DebriefScreen) and app.top.record is compare.record_b


@pytest.mark.parametrize("size", [(800, 600), (1280, 720)])
def test_every_step_the_records_list_and_compare_fit_with_200pc_text(saves, haven, size):
    app = App([HAVEN], saves, size=size,
              settings=Settings(text_size=2.0, high_contrast=True, text_speed="instant"))
    for role in ("professional", "service_user"):
        run = haven_run(app.scenario("haven"), role)
        app.to_title()
        app.open_run(run, restored=False)
        assert_fits(app, size)                              # the ending
    app.top.debrief()
    assert_fits(app, size)                                  # the reflection statements again
    skip_reflection(app)
    for name in app.top.steps:
        to_step(app, name)
        assert_fits(app, size)
    app.to_title()
    app.push(RecordsScreen(app))
    assert_fits(app, size)
    records = [r for r in list_records(saves) if r.ok]
    app.top.marked = records[:2]
    app.top.compare()
    assert isinstance(app.top, CompareScreen)
    assert_fits(app, size)


# -- when things go wrong -----------------------------------------------------------------------------
def test_a_failed_write_is_said_and_never_called_saved(app, monkeypatch):
    ended_tiny(app)
    app.top.debrief()
    debrief = app.top

    def fail():
        debrief.recorder.error = "No space left on device"
        return False

    monkeypatch.setattr(debrief.recorder, "update", fail)
    to_step(app, "summary")
    tab_to(app, "Write your action")
    type_text(app, "Ask first.")
    assert app.notice == "Could not save that in the session record: No space left on device"


def test_a_record_opened_from_disk_that_cannot_be_written_says_so(app, monkeypatch):
    ended_tiny(app)
    app.to_title()
    app.push(RecordsScreen(app))
    app.top.open(next(r for r in app.top.records if r.ok))

    def refuse(record, **answers):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("game.ui.screens.debrief.screen.save_answers", refuse)
    tab_to(app, "proud")
    assert app.notice == "Could not save that in the session record: Permission denied"


def test_damaged_answers_in_a_record_and_an_unfinished_game_still_open(app, saves):
    play = start_game(app)
    press(app, key(pygame.K_1), key(pygame.K_RETURN))        # one decision, not finished
    path = app.recorder.path
    data = json.loads(path.read_text(encoding="utf-8"))
    data["debrief"] = {"reactions": "torn", "takeaways": [3, None, "Keep it"], "action": 5,
                       "journal": ["not", "a", "dict"]}
    path.write_text(json.dumps(data), encoding="utf-8")
    app.to_title()
    app.push(RecordsScreen(app))
    record = next(r for r in app.top.records if r.ok)
    assert any("unfinished, step 1" in label for label in labels(app))
    app.top.open(record)
    debrief = app.top
    assert isinstance(debrief, DebriefScreen) and not debrief.run.ended
    assert debrief.answers.reactions == [] and debrief.answers.takeaways == {0: "Keep it"}
    for name in debrief.steps:
        to_step(app, name)
        app.draw()
    to_step(app, "description")
    assert "This playthrough has not reached an ending yet." in paragraphs(app)
    assert play.run.step == 1


def test_a_record_whose_replay_stops_early_says_so_and_shows_what_still_matches(app):
    ended_tiny(app)
    path = app.recorder.path
    data = json.loads(path.read_text(encoding="utf-8"))
    data["steps"][-1]["choice_id"] = None
    data["steps"][-1]["choice_text"] = "An option that was cut"
    path.write_text(json.dumps(data), encoding="utf-8")
    app.to_title()
    app.push(RecordsScreen(app))
    app.top.open(next(r for r in app.top.records if r.ok))
    assert isinstance(app.top, DebriefScreen) and app.top.run.step == len(data["steps"]) - 1
    assert "The story has changed since this was played" in app.notice
