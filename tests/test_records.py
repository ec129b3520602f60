"""Session records: written at every step, complete at the end, readable back, and damaged
files named rather than fatal. Also the runner-computed readings the debrief shows."""
from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from game.records import (RECORD_FORMAT, Recorder, find_records, list_records, open_recorder,
                          read_record, run_of, save_answers, steps_of)
from game.saves import read_slot, save_run
from game.story import Run, load
from game.story.debrief import fits, forks, mirrors, rung_series
from game.terminal.game import TextGame
from game.story import load_scenario

ROOT = Path(__file__).resolve().parent.parent
HAVEN = ROOT / "scenes" / "haven"
TINY = ROOT / "tests" / "fixtures" / "tiny"


@pytest.fixture(scope="module")
def haven():
    return load(HAVEN)


def play_to_end(run: Run, seed: int, each=None) -> None:
    rng = random.Random(seed)
    while not run.ended:
        run.choose(rng.choice([v.index for v in run.choices if v.enabled]))
        if each:
            each()


def record_on_disk(recorder: Recorder) -> dict:
    return json.loads(recorder.path.read_text(encoding="utf-8"))


def test_record_written_at_each_step_and_complete_at_the_end(haven, tmp_path):
    run = Run(haven, "professional", seed=4)
    recorder = Recorder(tmp_path, run, label="Table 3")
    seen = []

    def check():
        recorder.update()
        data = record_on_disk(recorder)
        seen.append(len(data["steps"]))
        assert data["steps"][-1]["choice_text"] == run.taken[-1].text
        assert data["finished"] is None or run.ended

    play_to_end(run, 7, check)
    assert seen == list(range(1, run.step + 1))
    data = record_on_disk(recorder)
    assert data["format"] == RECORD_FORMAT and data["version"] == 1
    assert data["scenario"] == "haven" and data["role"] == "professional"
    assert data["label"] == "Table 3" and data["mode"] == "solo"
    assert data["ending"]["id"] == run.ending.id and data["finished"]
    last = data["steps"][-1]["after"]
    for meter in ("trust", "power", "outcome"):
        assert last[meter] == run.values[meter]
    assert last["rung"] == (run.rung.number if run.rung else None)
    assert data["start"]["rung"] is None                 # no decision yet at the start
    assert {d["name"] for d in data["deciding"]} == {m.name for m in haven.deciding}
    decision = next(s for s in data["steps"] if s["decision"])
    assert decision["options"][decision["chosen"]]["text"] == decision["choice_text"]
    assert all(c["why"] and c["tag"] for s in data["steps"] for c in s["changes"])
    assert not list(tmp_path.rglob(".*.tmp")), "no half-written files are left behind"


def test_record_round_trip_replays_to_the_same_run(haven, tmp_path):
    run = Run(haven, "service_user", seed=9)
    recorder = Recorder(tmp_path, run)
    play_to_end(run, 3)
    recorder.update()
    record = read_record(recorder.path)
    assert record.ok, record.reason
    again = run_of(record.data, haven)
    assert again.ending.id == run.ending.id and again.values == run.values
    assert not again.restore_note
    assert steps_of(again) == [{k: v for k, v in s.items() if k not in ("time", "votes", "note")}
                               for s in record.data["steps"]]


def test_taken_back_steps_are_kept_apart(haven, tmp_path):
    run = Run(haven, "professional", seed=1)
    recorder = Recorder(tmp_path, run)
    run.choose(0)
    recorder.update()
    run.choose(0)
    recorder.update()
    undone = run.taken[-1].text
    run.undo()
    recorder.update()
    data = record_on_disk(recorder)
    assert len(data["steps"]) == 1
    assert [t["choice_text"] for t in data["taken_back"]] == [undone]


def test_votes_and_notes_land_on_the_step_they_were_given_for(haven, tmp_path):
    run = Run(haven, "professional", seed=1)
    recorder = Recorder(tmp_path, run, mode="workshop")
    recorder.set_votes([3, 5, 1])
    recorder.set_note("Long argument about the date")
    run.choose(1)
    recorder.update()
    data = record_on_disk(recorder)
    assert data["mode"] == "workshop"
    assert data["steps"][0]["votes"] == [3, 5, 1]
    assert data["steps"][0]["note"] == "Long argument about the date"
    assert data["pending_votes"] == {}


def test_a_loaded_save_goes_on_in_its_own_record(haven, tmp_path):
    run = Run(haven, "professional", seed=2)
    recorder = open_recorder(tmp_path, run)
    run.choose(0)
    recorder.update()
    save_run(tmp_path, "auto", run, overwrite=True, record=recorder.id)
    slot = read_slot(tmp_path / "auto.json")
    again = Run.from_dict(haven, slot.data)
    continued = open_recorder(tmp_path, again, slot.data["record"])
    assert continued.path == recorder.path and continued.started == recorder.started
    again.choose(0)
    continued.update()
    assert len(record_on_disk(continued)["steps"]) == 2
    stranger = open_recorder(tmp_path, Run(haven, "service_user"), recorder.id)
    assert stranger.path != recorder.path, "a record of another role is not taken over"


def test_damaged_and_foreign_files_are_named_and_skipped(haven, tmp_path):
    run = Run(haven, "professional", seed=2)
    recorder = Recorder(tmp_path, run)
    run.choose(0)
    recorder.update()
    folder = recorder.path.parent
    (folder / "broken.json").write_text("{ not json", encoding="utf-8")
    (folder / "other.json").write_text(json.dumps({"hello": 1}), encoding="utf-8")
    (folder / "newer.json").write_text(json.dumps({"format": RECORD_FORMAT, "version": 99}))
    damaged_step = json.loads(recorder.path.read_text())
    damaged_step["steps"][0] = "oops"
    (folder / "step.json").write_text(json.dumps(damaged_step))
    found = {r.name: r for r in find_records([folder])}
    assert found[recorder.path.name].ok
    assert "not valid JSON (line 1)" in found["broken.json"].reason
    assert "not a Making Together session record" in found["other.json"].reason
    assert "newer version" in found["newer.json"].reason
    assert "step 1 is damaged" in found["step.json"].reason
    listed = list_records(tmp_path)
    assert listed[0].ok and not listed[-1].ok


def test_debrief_answers_are_added_without_touching_the_steps(haven, tmp_path):
    run = Run(haven, "professional", seed=2)
    recorder = Recorder(tmp_path, run)
    play_to_end(run, 1)
    recorder.update()
    record = read_record(recorder.path)
    before = record.data["steps"]
    save_answers(record, takeaways=["Ask before deciding"], action="Pay people on the day")
    after = read_record(recorder.path).data
    assert after["steps"] == before
    assert after["debrief"] == {"takeaways": ["Ask before deciding"], "action": "Pay people on the day"}


def test_terminal_play_writes_a_record_and_the_debrief_answers(tmp_path):
    scenario = load_scenario(TINY)
    answers = "\n".join(["1"] * 10)  # two decisions, then the answers at the end
    out = io.StringIO()
    TextGame([scenario], io.StringIO(answers + "\n"), out, tmp_path, label="Solo").play(
        "tiny", "professional")
    records = list_records(tmp_path)
    assert len(records) == 1 and records[0].ok
    data = records[0].data
    assert data["label"] == "Solo" and data["ending"] and data["steps"]
    assert data["debrief"]["action"] == "1"
    assert "session record" in out.getvalue()



def test_a_failed_record_write_is_worded_once_until_a_write_works(tmp_path):
    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "records").write_text("not a folder")
    recorder = Recorder(saves, Run(load(TINY), "professional", seed=1))
    problem = f"The records folder {saves / 'records'} is a file, not a folder"
    said = f"The session record could not be written: {problem}. The game goes on."
    assert recorder.update_and_say() == said
    assert recorder.update_and_say() == ""          # the same failure again: not said again
    (saves / "records").unlink()
    assert recorder.update_and_say() == "" and recorder.path.exists()
    recorder.path.unlink()
    (saves / "records").rmdir()
    (saves / "records").write_text("not a folder")
    assert recorder.update_and_say(problem) == ""   # the autosave has said it already
    assert recorder.error


def test_a_record_that_cannot_be_written_is_said_once_in_the_terminal(tmp_path):
    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "records").write_text("not a folder")
    out = io.StringIO()
    TextGame([load_scenario(TINY)], io.StringIO("1\n" * 12), out, saves).play("tiny", "professional")
    text = " ".join(out.getvalue().split())
    assert text.count("session record could not be written") == 1
    assert f"The records folder {saves / 'records'} is a file, not a folder" in text


def test_a_record_that_cannot_be_written_is_said_once_in_the_window(tmp_path):
    pygame = pytest.importorskip("pygame")
    from game.ui.app import App
    from game.ui.settings import Settings
    from game.ui.screens.play.ending import EndingScreen
    from drive_window import key, press, start_game

    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "records").write_text("not a folder")
    app = App([TINY], saves, settings=Settings(text_speed="instant"))
    notices: list[str] = []
    say = app.say
    app.say = lambda text, *args, **kwargs: (notices.append(text), say(text, *args, **kwargs))
    try:
        start_game(app)
        press(app, key(pygame.K_1), key(pygame.K_RETURN), key(pygame.K_1), key(pygame.K_RETURN))
        assert isinstance(app.top, EndingScreen)  # two choices, each written to no avail
        failed = [n for n in notices if "session record could not be written" in n]
        assert len(failed) == 1 and "is a file, not a folder" in failed[0]
    finally:
        pygame.quit()

# -- readings the debrief shows, computed by the runner ---------------------------------------
def test_other_options_agree_with_the_runner(haven):
    run = Run(haven, "professional", seed=11)
    play_to_end(run, 5)
    found = forks(run)
    assert found and all(fork.prompts for fork in found)
    deciding = {m.name for m in haven.deciding}     # the headline meters, and energy
    replay = Run(haven, "professional", seed=11)
    for fork in found[:6]:
        while replay.step + 1 < fork.step:
            taken = run.taken[replay.step]
            replay.choose(next(v.index for v in replay.choices if v.text == taken.text))
        assert replay.scene.id == fork.scene.id
        for index, road in enumerate(fork.roads):
            if not road.enabled:
                continue
            outcome = replay.choose(index)
            moved = {}
            for change in outcome.changes:
                if change.name in deciding and change.amount:
                    moved[change.name] = moved.get(change.name, 0) + change.amount
            assert moved == road.deltas, fork.scene.id
            replay.undo()
        assert sum(road.chosen for road in fork.roads) == 1


def test_mirrored_moments_show_the_other_role(haven):
    run = Run(haven, "service_user", seed=3)
    play_to_end(run, 2)
    found = mirrors(run)
    assert found
    for mirror in found:
        assert mirror.other.moment == mirror.scene.moment and mirror.other_role == "professional"
        assert mirror.other_lines and mirror.other.id not in {t.scene for t in run.taken}


def test_rung_series_has_a_value_per_step(haven):
    run = Run(haven, "professional", seed=3)
    play_to_end(run, 2)
    series = rung_series(run)
    assert len(series) == run.step + 1 and series[0] is None and series[-1] == run.rung.number


def test_the_window_writes_the_record_and_a_quick_load_goes_on_in_it(tmp_path):
    pygame = pytest.importorskip("pygame")
    from game.ui.app import App
    from game.ui.settings import Settings
    from drive_window import key, press, start_game

    saves = tmp_path / "saves"
    app = App([ROOT / "tests" / "fixtures" / "tiny"], saves, settings=Settings(text_speed="instant"),
              label="Room 2")
    try:
        start_game(app)
        press(app, key(pygame.K_2))
        records = list_records(saves)
        assert len(records) == 1 and records[0].data["label"] == "Room 2"
        assert len(records[0].data["steps"]) == 1
        press(app, key(pygame.K_F6))             # quick save, then quick load: the same record
        press(app, key(pygame.K_F9))
        press(app, key(pygame.K_RETURN))
        assert app.recorder.path == records[0].path
    finally:
        pygame.quit()


def test_the_records_command_lists_records_and_damaged_files(haven, tmp_path, capsys):
    from game.cli import main
    assert main(["records", "--save-dir", str(tmp_path)]) == 0
    assert "No session records" in capsys.readouterr().out
    run = Run(haven, "professional", seed=2)
    recorder = Recorder(tmp_path, run, label="Table 5")
    run.choose(0)
    recorder.update()
    (recorder.path.parent / "broken.json").write_text("[", encoding="utf-8")
    assert main(["--save-dir", str(tmp_path), "records"]) == 0
    out = capsys.readouterr().out
    assert str(recorder.path) in out and "Table 5: The Haven" in out
    assert "broken.json" in out and "damaged: it is not valid JSON" in out


def test_terminal_workshop_votes_and_notes_reach_the_record(tmp_path):
    scenario = load_scenario(TINY)
    answers = ["v", "3 x", "4 2", "4 3 5", "n", "Long talk about the agenda", "2"] + ["1"] * 10
    out = io.StringIO()
    TextGame([scenario], io.StringIO("\n".join(answers) + "\n"), out, tmp_path,
             workshop=True).play("tiny", "professional")
    text = out.getvalue()
    assert "Talk it over before you choose (v: the room's votes, n: a note)" in text
    assert text.count("Please type 3 whole numbers") == 2 and "Votes saved (7 in all)" in text
    data = list_records(tmp_path)[0].data
    first = data["steps"][0]
    assert data["mode"] == "workshop" and first["chosen"] == 1
    assert first["votes"] == [4, 3, 0]                   # the locked option takes 0
    assert first["note"] == "Long talk about the agenda"


# -- the fit between the rungs practised and what each part of the project was for ------------
PLANNING = """\
chapter: Planning
purpose:
  what: deciding what to make
  fits: [5, 6]
  why: The people it is for know what they need.
scenes:
  - id: a
    choices:
      - text: Plan together
        rung: 6
        effects:
          - trust: +20
            why: You planned it together
            tag: power
        next: c
      - text: Plan alone
        rung: 2
        effects:
          - power: -60
            why: You planned it alone
            tag: power
        next: c
  - id: b
    next: end
"""

BUILDING = """\
chapter: Building
purpose:
  what: fixing the boiler
  fits: [0, 2]
  why: It needs a gas engineer.
scenes:
  - id: c
    choices:
      - text: Call the engineer
        rung: 2
        effects:
          - power: -60
            why: A specialist decided
            tag: purpose
        next: end
      - text: Ask the group to fix it
        rung: 6
        effects:
          - outcome: -10
            why: Nobody knew how
            tag: purpose
        next: end
"""


@pytest.fixture
def two_parts_folder(make_scenario):
    """Two chapters with purposes: planning suits rungs 5-6, fixing the boiler rungs 0-2."""
    return make_scenario(PLANNING, two_building=BUILDING)


@pytest.fixture
def two_parts(two_parts_folder):
    return load(two_parts_folder)


def played(scenario, *options: str) -> Run:
    run = Run(scenario, "professional")
    for text in options:
        run.choose(next(v.index for v in run.choices if v.text == text))
    return run


def verdicts(run: Run) -> dict[str, tuple[int, str]]:
    return {fit.purpose.chapter: (fit.rung.number, fit.verdict) for fit in fits(run)}


def test_the_same_part_fits_on_one_path_and_not_on_another(two_parts):
    assert verdicts(played(two_parts, "Plan together", "Call the engineer")) == {
        "Planning": (6, "fits"), "Building": (2, "fits")}
    assert verdicts(played(two_parts, "Plan alone", "Call the engineer")) == {
        "Planning": (2, "below"), "Building": (2, "fits")}
    assert verdicts(played(two_parts, "Plan together", "Ask the group to fix it")) == {
        "Planning": (6, "fits"), "Building": (6, "beyond")}


def test_a_part_is_judged_by_its_own_decisions_not_by_the_last_one(two_parts):
    run = played(two_parts, "Plan together", "Call the engineer")
    assert run.rung.number == 2                      # the last decision is far from the group...
    planning = fits(run)[0]
    assert planning.rung.number == 6 and planning.verdict == "fits"  # ...planning was not
    assert "You worked at Co-production" in planning.reading and "can be right" not in planning.reading


def test_a_part_still_being_played_has_no_reading(two_parts):
    run = played(two_parts)
    assert fits(run) == []                           # still planning
    run = played(two_parts, "Plan alone")
    assert verdicts(run) == {"Planning": (2, "below")}  # building is still being played


def test_a_lower_rung_that_suits_the_work_is_read_as_fitting(two_parts):
    building = fits(played(two_parts, "Plan alone", "Call the engineer"))[1]
    assert building.rung.number == 2 and building.verdict == "fits"
    assert building.line.startswith("Fits. You worked at Informing; the work suits Coercion to")


def test_the_terminal_looks_back_with_the_fit_of_each_part(two_parts_folder, tmp_path):
    out = io.StringIO()
    TextGame([load_scenario(two_parts_folder)], io.StringIO("2\n1\n"), out, tmp_path).play(
        "mini", "professional")
    text = " ".join(out.getvalue().split())
    rung_line = text.index("The rungs of your decisions, in order: Informing.")
    question = text.index("Did the way you worked fit the work?")
    assert rung_line < question < text.index("The biggest changes, and why:")
    assert "You ended on rung" not in text
    assert ("Planning: below what this part needed. You worked at Informing; the work suits "
            "Co-design to Co-production.") in text
    assert "Building: fits. You worked at Informing; the work suits Coercion to Informing." in text
    assert "It needs a gas engineer." in text


def test_the_terminal_says_nothing_of_fit_when_no_part_has_a_purpose(tmp_path):
    out = io.StringIO()
    TextGame([load_scenario(ROOT / "tests" / "fixtures" / "tiny")],
             io.StringIO("1\n1\n"), out, tmp_path).play("tiny", "professional")
    assert "Looking back" in out.getvalue() and "fit the work" not in out.getvalue()


def test_stepping_back_reads_as_abdication_and_deciding_alone_as_below(make_scenario):
    from game.story import load_scenario as load_one
    from game.story.debrief import fits
    scenes = """\
        chapter: The meeting
        purpose: {what: agreeing the agenda, fits: [5, 6], why: Both kinds of knowledge count.}
        scenes:
          - id: a
            choices:
              - text: Leave the room to them
                rung: abdication
                effects:
                  - {power: +60, why: Staff left, tag: power}
                next: b
              - text: Decide it yourself
                rung: 0
                effects:
                  - {power: -60, why: Staff decided, tag: power}
                next: b
          - id: b
            chapter: Afterwards
            text: Later.
            next: end
        """
    scenario = load_one(make_scenario(scenes=scenes)).scenario
    readings = {}
    for index in (0, 1):
        run = Run(scenario, "professional", seed=1)
        run.choose(index)
        assert fits(run) and run.scene.chapter == "Afterwards"
        readings[index] = fits(run)[0]
    assert readings[0].verdict == "withdrawn" and "what staff know goes missing" in readings[0].reading
    assert "power moved away from shared (0 to 60)" in readings[0].reading
    assert readings[1].verdict == "below" and "had less say than it called for" in readings[1].reading
    assert readings[1].line.startswith("Below what this part needed. You worked at Coercion")
    assert "In this part, power moved away from shared (0 to \u221260) and trust held." in readings[1].line
    assert readings[1].line.endswith("Both kinds of knowledge count.")
    early = Run(scenario, "professional", seed=1)
    assert fits(early) == []                     # the chapter is still being played
