"""The live room in the session record and the room report: a tally from devices lands on the
step it was given for (with where the votes came from, how many devices voted and the anonymous
comments), survives a crash before the choice, and the answers at the ending are kept with
nothing else a device sent. The report says what the room said, escaped; the CSV has it too."""
from __future__ import annotations

import csv
import io
import json
import random
import re
from pathlib import Path

import pytest

from game.records import Recorder, open_recorder, read_record, records_folder
from game.report import Shelf, build_report
from game.report import readings
from game.report.collect import collect
from game.report.csv_out import COLUMNS, SEPARATOR, rows, to_csv
from game.story import Run, load

ROOT = Path(__file__).resolve().parent.parent
HAVEN = ROOT / "scenes" / "haven"
TEA = ROOT / "scenes" / "tea-and-terms"
SCRIPT = "<script>alert('hi')</script> & more"


@pytest.fixture(scope="module")
def haven():
    return load(HAVEN)


@pytest.fixture(scope="module")
def tea():
    return load(TEA)


def on_disk(recorder: Recorder) -> dict:
    return json.loads(recorder.path.read_text(encoding="utf-8"))


def counts_for(run: Run, *given: int) -> list[int]:
    """Votes per option shown at the decision the run is at: `given`, then none."""
    return (list(given) + [0] * len(run.choices))[:len(run.choices)]


def choose_first(run: Run) -> None:
    run.choose(next(v.index for v in run.choices if v.enabled))


def play_to_end(run: Run, seed: int) -> None:
    rng = random.Random(seed)
    while not run.ended:
        run.choose(rng.choice([v.index for v in run.choices if v.enabled]))


# -- the record ------------------------------------------------------------------------------
def test_a_room_tally_then_the_choice_puts_the_room_on_the_step(haven, tmp_path):
    run = Run(haven, "professional", seed=1)
    recorder = Recorder(tmp_path, run, mode="workshop")
    recorder.set_room_tally(counts_for(run, 3, 5, 1), 9, ["Ask the group first", "Too fast"],
                            ["Too fast", "never sent"])
    assert recorder.pending_votes() == counts_for(run, 3, 5, 1)
    choose_first(run)
    assert recorder.update()
    data = on_disk(recorder)
    step = data["steps"][0]
    assert step["votes"] == counts_for(run, 3, 5, 1) and step["votes_from"] == "room"
    assert step["voted"] == 9
    assert step["comments"] == ["Ask the group first", "Too fast"]
    assert step["comments_shown"] == ["Too fast"]        # only comments that were sent
    assert data["pending_votes"] == {} and data["pending_room"] == {}


def test_typed_votes_after_the_room_replace_its_counts_and_say_typed(haven, tmp_path):
    run = Run(haven, "professional", seed=1)
    recorder = Recorder(tmp_path, run, mode="workshop")
    recorder.set_room_tally(counts_for(run, 3, 5), 8, ["Pay people"], [])
    recorder.set_votes(counts_for(run, 1, 1, 1))
    choose_first(run)
    recorder.update()
    step = on_disk(recorder)["steps"][0]
    assert step["votes"] == counts_for(run, 1, 1, 1) and step["votes_from"] == "typed"
    assert "voted" not in step                       # the devices no longer match the counts
    assert step["comments"] == ["Pay people"]        # what the room said is still kept
    # typed alone: marked typed, no room fields; the room after typing wins again
    choose_first(run)
    recorder.set_votes([2])
    choose_first(run)
    recorder.update()
    typed = on_disk(recorder)["steps"][2]
    assert typed["votes_from"] == "typed"
    assert not {"voted", "comments", "comments_shown"} & set(typed)
    recorder.set_votes(counts_for(run, 4))
    wanted = counts_for(run, 0, 2)
    recorder.set_room_tally(wanted, 2, [], [])
    choose_first(run)
    recorder.update()
    room = on_disk(recorder)["steps"][3]
    assert (room["votes"], room["votes_from"], room["voted"]) == (wanted, "room", 2)
    assert room["comments"] == [] and room["comments_shown"] == []


def test_a_step_without_votes_gets_no_room_fields(haven, tmp_path):
    run = Run(haven, "professional", seed=1)
    recorder = Recorder(tmp_path, run)
    choose_first(run)
    recorder.update()
    step = on_disk(recorder)["steps"][0]
    assert step["votes"] is None
    assert not {"votes_from", "voted", "comments", "comments_shown"} & set(step)


def test_a_pending_room_tally_survives_a_crash_before_the_choice(haven, tmp_path):
    run = Run(haven, "service_user", seed=3)
    recorder = Recorder(tmp_path, run, mode="workshop")
    choose_first(run)
    recorder.update()
    key = f"{run.step + 1}:{run.scene.id}"
    recorder.set_room_tally(counts_for(run, 2, 6), 8, ["Who pays for the bus?"],
                            ["Who pays for the bus?"])
    assert recorder.update()                          # written as the vote closes
    data = on_disk(recorder)
    assert data["pending_votes"] == {key: counts_for(run, 2, 6)}
    assert data["pending_room"] == {key: {"voted": 8, "comments": ["Who pays for the bus?"],
                                          "comments_shown": ["Who pays for the bus?"]}}
    # the game crashes; the save brings the run back to the same decision
    again = Run(haven, "service_user", seed=3)
    choose_first(again)
    reopened = open_recorder(tmp_path, again, recorder.id, mode="workshop")
    assert reopened.path == recorder.path
    assert reopened.pending_votes() == counts_for(again, 2, 6)
    choose_first(again)
    reopened.update()
    step = on_disk(reopened)["steps"][1]
    assert (step["votes_from"], step["voted"], step["comments_shown"]) == \
        ("room", 8, ["Who pays for the bus?"])
    assert on_disk(reopened)["pending_room"] == {}


def test_the_rooms_answers_at_the_ending_keep_only_their_own_fields(tea, tmp_path):
    run = Run(tea, "professional", seed=2)
    recorder = Recorder(tmp_path, run, mode="workshop")
    play_to_end(run, 2)
    recorder.set_room_answers([
        {"reactions": ["torn", "hopeful"], "takeaway1": "Ask  first ", "action": "Share the budget",
         "name": "Ann Smith", "address": "10.0.0.7", "token": "abc123"},
        {"reactions": ["torn"], "takeaway3": "Slow down"},
        {"reactions": "torn", "takeaway2": 42},          # damaged: nothing usable is kept
    ], devices=5)
    recorder.update()
    data = on_disk(recorder)
    assert data["room"] == {"devices": 5, "answers": [
        {"reactions": ["torn", "hopeful"], "takeaway1": "Ask first", "action": "Share the budget"},
        {"reactions": ["torn"], "takeaway3": "Slow down"}]}
    text = recorder.path.read_text(encoding="utf-8")
    assert "Ann Smith" not in text and "10.0.0.7" not in text and "abc123" not in text
    found = readings.room_answers(data)
    assert found.devices == 5 and len(found.answers) == 2


def test_older_records_read_as_before_and_damaged_room_fields_are_ignored(haven, tmp_path):
    run = Run(haven, "professional", seed=1)
    recorder = Recorder(tmp_path, run, mode="workshop")
    recorder.set_votes(counts_for(run, 1, 2))
    for _ in range(3):
        choose_first(run)
    recorder.update()
    data = on_disk(recorder)
    for name in ("room", "pending_room"):
        del data[name]
    for step in data["steps"]:
        step.pop("votes_from", None)                  # as a record made before the live room
    old = readings.steps(data)
    assert old[0].votes_from == "typed" and old[0].voted is None and old[0].comments == ()
    assert old[1].votes_from == "" and old[1].votes is None
    assert readings.room_answers(data) is None and readings.pending_room(data) == []
    # damaged: every new field of the wrong type
    data["steps"][0].update(votes_from=["room"], voted="many", comments="not a list",
                            comments_shown=[1, None])
    data["steps"][1].update(votes_from="room", voted=True, comments=[7, "Fine", None],
                            comments_shown="Fine")
    data["room"] = {"devices": "five", "answers": ["x", 3, {"reactions": [1, "torn"]}]}
    data["pending_room"] = {"9:x": 7, "bad": {"voted": 1}, "4:s": {"voted": -2, "comments": {}}}
    recorder.path.write_text(json.dumps(data), encoding="utf-8")
    record = read_record(recorder.path)
    assert record.ok, record.reason
    steps = readings.steps(record.data)
    assert steps[0].votes_from == "typed" and steps[0].voted is None and steps[0].comments == ()
    assert steps[1].votes_from == "" and steps[1].voted is None      # no votes, so no source
    assert steps[1].comments == ("Fine",) and steps[1].comments_shown == ()
    assert readings.room_answers(record.data).answers == ({"reactions": ["torn"]},)
    assert readings.pending_room(record.data) == []
    # a recorder opened on it does not fail either
    again = Recorder(tmp_path, run, mode="workshop", existing=record.data)
    assert set(again.room_facts) == {"bad"}        # unplaceable, as a damaged pending vote is
    assert again.room_answers["answers"] == [{"reactions": ["torn"]}]
    data["room"] = "garbage"
    assert readings.room_answers(data) is None
    assert Recorder(tmp_path, run, existing=data).room_answers == {}


# -- the room report and the CSV -------------------------------------------------------------
def room_records(haven, saves: Path, live: bool = True) -> None:
    """Three records of the professional's chair: the first played with the live room open
    (12 devices voted at the first decision, with comments, one of them a script), the second
    with typed votes, the third solo."""
    for number in range(3):
        run = Run(haven, "professional", seed=number)
        recorder = Recorder(saves, run, f"Table {number + 1}", "workshop" if number < 2 else "solo")
        if number == 0 and live:
            recorder.set_room_tally(counts_for(run, 7, 5), 12, [SCRIPT, "Ask Precious"],
                                    ["Ask Precious"])
        elif number < 2:
            recorder.set_votes(counts_for(run, 2, 1))
        play_to_end(run, number)
        if number == 0 and live:
            recorder.set_room_answers([{"reactions": ["torn", "hopeful"], "takeaway1": "Power <b>",
                                        "action": "Pay on the day"},
                                       {"reactions": ["torn"], "takeaway3": "Ask sooner"}], 6)
        assert recorder.update()


def test_the_room_report_says_what_the_room_said_escaped(haven, tmp_path):
    saves = tmp_path / "saves"
    room_records(haven, saves)
    report = build_report([records_folder(saves)], Shelf([ROOT / "scenes"]))
    html = report.html
    assert report.title.startswith("Room report")
    assert "What the room said" in html
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt; &amp; more" in html
    assert "<script>alert" not in html
    assert "Ask Precious <span class=\"badge\">shown on the projector</span>" in html
    assert "From the live room: 12 devices voted; in 1 record the facilitator typed the votes." \
        in html
    said = re.sub(r">\s+<", "><", html[html.index('id="said"'):])
    assert "2 devices sent answers (of 6 in the room)" in said
    # reactions counted across devices, most first
    assert said.index("<td class=\"num\">2</td>") < said.index("<td class=\"num\">1</td>")
    assert "<th scope=\"row\">torn</th><td class=\"num\">2</td>" in said
    assert "<th scope=\"row\">hopeful</th><td class=\"num\">1</td>" in said
    # take-aways and the action under their questions, escaped
    assert ("Something I now see differently about sharing power:</h4>"
            "<ul><li>Power &lt;b&gt;") in said
    assert "Something I would change:</h4><ul><li>Ask sooner" in said
    assert "One thing I will try in the next month:</h4><ul><li>Pay on the day" in said
    assert "Something I would do again:</h4><p>No device answered this one.</p>" in said


def test_a_room_report_without_the_live_room_says_nothing_of_it(haven, tmp_path):
    saves = tmp_path / "saves"
    room_records(haven, saves, live=False)
    html = build_report([records_folder(saves)], Shelf([ROOT / "scenes"])).html
    assert "What the room said" not in html and "From the live room" not in html


def test_comments_at_the_decision_the_game_stopped_at_are_in_the_report(haven, tmp_path):
    saves = tmp_path / "saves"
    room_records(haven, saves, live=False)
    run = Run(haven, "professional", seed=9)
    recorder = Recorder(saves, run, "Table 9", "workshop")
    choose_first(run)
    recorder.set_room_tally(counts_for(run, 1), 1, ["Wait for the group"], [])
    recorder.update()
    html = build_report([records_folder(saves)], Shelf([ROOT / "scenes"])).html
    said = html[html.index('id="said"'):]
    assert "The game stopped here before a choice." in said and "Wait for the group" in said


def test_the_csv_has_where_votes_came_from_the_devices_and_the_comments(haven, tmp_path):
    saves = tmp_path / "saves"
    room_records(haven, saves)
    entries = collect([records_folder(saves)], Shelf([ROOT / "scenes"])).entries
    found = rows(entries)
    text = to_csv(found)
    header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert header[-3:] == ["votes_from", "devices_voted", "comments"] == list(COLUMNS[-3:])
    assert header.index("changes") == len(header) - 4        # the old columns stay in place
    by_label = {}
    for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff"))):
        by_label.setdefault(row["label"], []).append(row)
    live, typed, solo = by_label["Table 1"][0], by_label["Table 2"][0], by_label["Table 3"][0]
    assert (live["votes_from"], live["devices_voted"]) == ("room", "12")
    assert live["comments"] == SEPARATOR.join([SCRIPT, "Ask Precious"])
    assert (typed["votes_from"], typed["devices_voted"], typed["comments"]) == ("typed", "", "")
    assert (solo["votes_from"], solo["devices_voted"], solo["comments"]) == ("", "", "")
    assert all(r["votes_from"] == "" for r in by_label["Table 1"][1:])
