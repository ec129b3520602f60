"""`python main.py report`: one HTML page and a CSV from session records.

Records are made the way the game makes them (game.records.Recorder over real runs of the main
scenario), so the report is tested on what players will really give it.
"""
from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.cli import main
from game.records import Recorder, records_folder, run_of
from game.report import Shelf, build_report, compare
from game.report.csv_out import COLUMNS
from game.report.room import read_room
from game.story import Run, load
from game.story.debrief import forks
from tools.bench_report import make_records

ROOT = Path(__file__).resolve().parent.parent
HAVEN = ROOT / "scenes" / "haven"
SHOTS = Path("/tmp/report_shots")


@pytest.fixture(scope="module")
def haven():
    return load(HAVEN)


@pytest.fixture(scope="module")
def room_folder(haven, tmp_path_factory):
    """50 records of random playthroughs, both roles; every fifth in workshop mode."""
    saves = tmp_path_factory.mktemp("room")
    make_records(saves, haven, 50, seed=7)
    return records_folder(saves)


def first_votes(options: int) -> list[int]:
    """The room's votes at the first decision of `one_record`: 3, 1, then none."""
    return [3, 1] + [0] * (options - 2)


@pytest.fixture
def one_record(haven, tmp_path):
    """One finished record with votes at the first decision, a note and debrief answers."""
    run = Run(haven, "professional", 11)
    recorder = Recorder(tmp_path / "saves", run, "Table 4", "workshop")
    recorder.set_votes(first_votes(len(run.choices)))
    recorder.set_note("Long talk about the date.")
    while not run.ended:
        run.choose(next(v.index for v in run.choices if v.enabled))
    recorder.set_debrief(reactions=["torn", "hopeful"], takeaways=["Ask first."],
                         action="Show the budget at the first meeting.",
                         journal={"feelings": "Rushed, then relieved."})
    assert recorder.update()
    return recorder.path


def report(*args: object) -> int:
    return main(["report", *map(str, args)])


def shelf(haven) -> Shelf:
    return Shelf([ROOT / "scenes"], {"haven": (haven, "")})


class Page(HTMLParser):
    """What the tests read from a report: headings, attributes, tables (caption and cells)."""

    def __init__(self, text: str):
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.attributes: list[tuple[str, dict]] = []
        self.tables: list[dict] = []
        self._tag: list[str] = []
        self._text = ""
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.attributes.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3", "h4", "caption", "th", "td"):
            self._text = ""
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        if tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        self._tag.append(tag)

    def handle_endtag(self, tag):
        text = " ".join(self._text.split())
        if tag in ("h1", "h2", "h3", "h4"):
            self.headings.append((tag, text))
        elif tag == "caption" and self.tables:
            self.tables[-1]["caption"] = text
        elif tag in ("th", "td") and self.tables and self.tables[-1]["rows"]:
            self.tables[-1]["rows"][-1].append(text)
        if self._tag and self._tag[-1] == tag:
            self._tag.pop()

    def handle_data(self, data):
        self._text += data

    def titles(self, level: str) -> list[str]:
        return [text for tag, text in self.headings if tag == level]


# -- one record ------------------------------------------------------------------------------
def test_a_report_of_one_record_is_its_debrief_in_pearls_order(one_record, haven, tmp_path, capsys):
    out = tmp_path / "one.html"
    assert report(one_record, "--out", out) == 0
    assert "Wrote" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    page = Page(text)
    assert page.titles("h1") == ["Debrief: The Haven, Table 4"]
    sections = [t for t in page.titles("h2") if t != "Contents"]
    assert sections == ["1. Reactions", "2. Description", "3. Analysis", "4. Summary",
                        "The branch map"]
    for heading in ("The path", "The meters over time", "The ladder over time",
                    "The biggest changes, and why", "Each decision, and the roads not taken",
                    "The other side: mirrored moments", "Questions to discuss", "Take-aways",
                    "One action", "Journal"):
        assert heading in page.titles("h3"), heading
    for words in ("torn", "hopeful", "Ask first.", "Show the budget at the first meeting.",
                  "Rushed, then relieved.", "Daniel Osei, team manager", "Workshop"):
        assert words in text
    data = json.loads(one_record.read_text(encoding="utf-8"))
    assert data["ending"]["title"] in text
    # one table of options per decision on the path, the chosen row marked in words too
    run = run_of(data, haven)
    assert not run.restore_note
    decisions = [t for t in page.tables if t["caption"].startswith("Step ")]
    assert len(decisions) == len(forks(run))
    for table in decisions:
        assert sum(row[0].startswith("\u2713 chosen:") for row in table["rows"]) == 1
    assert 'class="chosen"' in text
    # the map shows the path
    assert 'class="map"' in text and "your path" in text


def test_charts_have_a_title_a_description_and_the_numbers_as_a_table(one_record, haven, tmp_path):
    out = tmp_path / "one.html"
    assert report(one_record, "--out", out) == 0
    text = out.read_text(encoding="utf-8")
    charts = re.findall(r'<svg class="chart".*?</svg>', text, re.S)
    extra = [m for m in haven.deciding if not m.headline]   # energy, when an ending reads it
    # trust and outcome; power balance; each other number that decides an ending; the rung
    assert len(charts) == 3 + len(extra)
    for chart in charts:
        assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
    assert "fairly shared" in charts[1]  # the band round 0 on the power axis
    for chart, meter in zip(charts[2:], extra):
        assert f"{meter.label.lower()} over the steps" in chart
    assert "6 Co-production" in charts[-1] and "0 Coercion" in charts[-1]
    assert "off the ladder: abdication" in charts[-1]      # its own band, not a low rung
    page = Page(text)
    numbers = next(t for t in page.tables if t["rows"] and t["rows"][0][:3] == [
        "Step", "Scene", "Chosen"])
    steps = json.loads(one_record.read_text(encoding="utf-8"))["steps"]
    assert len(numbers["rows"]) == 1 + 1 + len(steps)  # the head, the start, each step
    assert numbers["rows"][-1][3] == str(steps[-1]["after"]["trust"])


def test_every_table_header_has_a_scope_and_ids_are_unique(one_record, room_folder, tmp_path):
    for name, records in (("one", [one_record]), ("room", [room_folder])):
        out = tmp_path / f"{name}.html"
        assert report(*records, "--out", out) == 0
        page = Page(out.read_text(encoding="utf-8"))
        headers = [attrs for tag, attrs in page.attributes if tag == "th"]
        assert headers and all(a.get("scope") in ("col", "row") for a in headers)
        ids = [attrs["id"] for _, attrs in page.attributes if "id" in attrs]
        assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_the_html_parses_and_fetches_nothing(one_record, room_folder, tmp_path):
    for name, records in (("one", [one_record]), ("room", [room_folder])):
        out = tmp_path / f"{name}.html"
        assert report(*records, "--out", out) == 0
        page = Page(out.read_text(encoding="utf-8"))
        assert page.titles("h1")
        for tag, attrs in page.attributes:
            assert tag not in ("link", "img", "iframe", "object", "embed"), tag
            for key in ("src", "href", "xlink:href", "action", "data"):
                value = attrs.get(key) or ""
                assert not re.match(r"\s*(https?:)?//", value), (tag, key, value)
            assert "url(http" not in (attrs.get("style") or "")


# -- a room ------------------------------------------------------------------------------------
def test_a_room_report_counts_every_option_at_every_decision(room_folder, haven, tmp_path):
    out = tmp_path / "room.html"
    assert report(room_folder, "--out", out) == 0
    page = Page(out.read_text(encoding="utf-8"))
    assert page.titles("h1") == ["Room report: The Haven"]
    for heading in ("Endings and meters by role", "Where the room was most divided",
                    "Every decision, role by role", "Facilitator notes",
                    "Branch maps with the room's paths", "Records in this report"):
        assert heading in page.titles("h2"), heading
    # what reached each decision, read straight from the files
    reached: Counter = Counter()
    for path in room_folder.glob("*.json"):
        steps = json.loads(path.read_text(encoding="utf-8"))["steps"]
        reached.update({s["scene"] for s in steps if s["decision"]})
    checked = 0
    for table in page.tables:
        found = re.search(r"\((\d+) records?\)$", table["caption"])
        if not found or table["rows"][0][:2] != ["Option", "Chose"]:
            continue
        chose = [int(row[1].split()[0]) for row in table["rows"][1:]]
        assert sum(chose) == int(found.group(1))
        checked += 1
    scenes = {sid for sid in reached if haven.scenes[sid].is_decision}
    assert checked >= len(scenes)  # every decision once, the most divided twice
    room = read_room(build_report([room_folder], shelf(haven)).collection.entries)
    for summary in room.roles:
        for decision in summary.decisions:
            assert decision.reached == reached[decision.scene]
            assert sum(o.chosen for o in decision.options) == decision.reached
            assert [o.text for o in decision.options] == \
                [c.text for c in haven.scenes[decision.scene].choices]  # scenario order
    assert [r.role for r in room.roles] == ["professional", "service_user"]
    assert sum(count for r in room.roles for _, count in r.endings) == 50


def test_the_most_divided_decisions_come_first_with_their_prompts(room_folder, haven):
    room = read_room(build_report([room_folder], shelf(haven)).collection.entries)
    divided = room.most_divided(5)
    assert len(divided) == 5
    assert [d.divided for d in divided] == sorted((d.divided for d in divided), reverse=True)
    everything = [d.divided for r in room.roles for d in r.decisions]
    assert divided[0].divided == max(everything)
    html = build_report([room_folder], shelf(haven)).html
    section = html[html.index('id="divided"'):html.index('id="decisions"')]
    assert divided[0].prompts[0].replace('"', "&quot;").replace("'", "&#x27;") in section
    assert "1 \u2212 the share of the most chosen option" in section


def test_the_room_maps_carry_counts_on_their_arrows(room_folder, haven):
    html = build_report([room_folder], shelf(haven)).html
    maps = re.findall(r'<svg class="map".*?</svg>', html, re.S)
    assert len(maps) == 2  # one per role
    assert all('class="count' in m for m in maps)
    assert "<?xml" not in html


# -- workshop votes and notes ------------------------------------------------------------------
def test_workshop_votes_and_notes_reach_the_report_and_the_csv(one_record, haven, tmp_path):
    out = tmp_path / "one.html"
    assert report(one_record, "--out", out) == 0
    page = Page(out.read_text(encoding="utf-8"))
    first = next(t for t in page.tables if t["caption"].startswith("Step 1 "))
    assert first["rows"][0][-1] == "Room votes"
    assert [row[-1] for row in first["rows"][1:]] == [str(v) for v in first_votes(len(first["rows"]) - 1)]
    rows = list(csv.DictReader(out.with_suffix(".csv").open(encoding="utf-8-sig")))
    assert rows[0]["votes"] == " | ".join(str(v) for v in first_votes(len(first["rows"]) - 1))
    assert rows[0]["note"] == "Long talk about the date."
    # in a room, the votes are added up beside the choices, and the note is listed
    copy = tmp_path / "two"
    copy.mkdir()
    for number in range(3):
        shutil.copy(one_record, copy / f"r{number}.json")
        data = json.loads((copy / f"r{number}.json").read_text(encoding="utf-8"))
        data["id"] = f"copy-{number}"
        (copy / f"r{number}.json").write_text(json.dumps(data), encoding="utf-8")
    room = read_room(build_report([copy], shelf(haven)).collection.entries)
    first = room.roles[0].decisions[0]
    assert [o.votes for o in first.options] == [3 * v for v in first_votes(len(first.options))]
    assert first.voted
    assert [note for *_, note in room.notes] == ["Long talk about the date."] * 3
    assert report(copy, "--out", tmp_path / "room.html") == 0
    text = (tmp_path / "room.html").read_text(encoding="utf-8")
    assert "Votes" in text and "9 (75%)" in text and "Long talk about the date." in text


# -- the CSV -----------------------------------------------------------------------------------
def test_the_csv_has_a_row_per_record_per_step(room_folder, haven, tmp_path):
    out = tmp_path / "room.html"
    assert report(room_folder, "--out", out) == 0
    with out.with_suffix(".csv").open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        assert [c for c in reader.fieldnames if c in COLUMNS] == list(COLUMNS)
        extra = [c for c in reader.fieldnames if c not in COLUMNS]
        rows = list(reader)
    assert extra == [f"{m.name}_after" for m in haven.deciding if not m.headline]
    assert reader.fieldnames.index("outcome_after") + len(extra) + 1 == \
        reader.fieldnames.index("rung_after")                 # energy beside the meters
    files = sorted(room_folder.glob("*.json"))
    steps = {json.loads(p.read_text(encoding="utf-8"))["id"]:
             json.loads(p.read_text(encoding="utf-8"))["steps"] for p in files}
    assert len(rows) == sum(len(s) for s in steps.values())
    assert {r["record_id"] for r in rows} == set(steps)
    first = rows[0]
    step = steps[first["record_id"]][0]
    assert first["option_chosen"] == step["choice_text"]
    assert first["options_shown"] == " | ".join(o["text"] for o in step["options"])
    assert first["trust_after"] == str(step["after"]["trust"])
    rung = step["after"]["rung"]
    assert first["rung_after"] == ("" if rung is None else "abdication" if rung == -1 else str(rung))
    assert first["decision"] in ("yes", "no") and first["role"] in ("professional", "service_user")
    assert "Trust" in first["changes"] and "[" in first["changes"]


# -- bad, old and strange records --------------------------------------------------------------
def test_damaged_and_foreign_files_are_named_and_skipped(one_record, tmp_path, capsys):
    folder = one_record.parent
    (folder / "broken.json").write_text('{"format": "making-together/record", ', encoding="utf-8")
    (folder / "other.json").write_text('{"name": "a shopping list"}', encoding="utf-8")
    out = tmp_path / "report.html"
    assert report(folder, "--out", out) == 0
    errors = capsys.readouterr().err
    assert f"{folder / 'broken.json'}: it is not valid JSON" in errors
    assert f"{folder / 'other.json'}: it is not a Making Together session record" in errors
    text = out.read_text(encoding="utf-8")
    skipped = text[text.index('id="skipped"'):]
    assert "Files skipped" in skipped and "broken.json" in skipped and "other.json" in skipped
    assert "Debrief: The Haven" in text  # the good record still makes the report


def test_no_usable_record_writes_nothing_and_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    out = tmp_path / "report.html"
    assert report(bad, "--out", out) == 2
    assert "No usable session records" in capsys.readouterr().err
    assert not out.exists() and not out.with_suffix(".csv").exists()
    assert report("--save-dir", tmp_path / "empty", "--out", out) == 2


def test_with_no_records_named_the_save_folder_is_used(one_record, tmp_path):
    out = tmp_path / "report.html"
    assert report("--save-dir", one_record.parent.parent, "--out", out) == 0
    assert "Table 4" in out.read_text(encoding="utf-8")


def test_a_record_of_an_older_version_is_marked(one_record, tmp_path):
    data = json.loads(one_record.read_text(encoding="utf-8"))
    data["scenario_version"] = "0"
    one_record.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "report.html"
    assert report(one_record, "--out", out) == 0
    text = out.read_text(encoding="utf-8")
    assert "Made with an older version of this scenario (version 0; it is now 1)" in text
    assert "The analysis is partial" not in text  # the same choices still replay


def test_a_record_the_scenario_no_longer_matches_gets_a_partial_analysis(one_record, tmp_path):
    data = json.loads(one_record.read_text(encoding="utf-8"))
    data["scenario_version"] = "0.9"
    data["steps"][4]["choice_id"] = "an-option-since-cut"
    data["steps"][4]["choice_text"] = "An option since cut"
    one_record.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "report.html"
    assert report(one_record, "--out", out) == 0
    text = out.read_text(encoding="utf-8")
    assert "older version of this scenario" in text and "The analysis is partial" in text
    # what the record says is still all there: the steps after the change, and the ending
    assert data["steps"][-1]["choice_text"].replace("'", "&#x27;").replace('"', "&quot;") in text
    assert data["ending"]["title"] in text
    rows = list(csv.DictReader(out.with_suffix(".csv").open(encoding="utf-8-sig")))
    assert len(rows) == len(data["steps"]) and rows[4]["option_chosen"] == "An option since cut"


def test_a_record_of_a_scenario_not_found_is_still_reported(one_record, tmp_path, capsys):
    data = json.loads(one_record.read_text(encoding="utf-8"))
    data["scenario"] = "the-lost-one"
    data["scenario_title"] = "The Lost One"
    one_record.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "report.html"
    assert report(one_record, "--out", out) == 0
    text = out.read_text(encoding="utf-8")
    assert "Debrief: The Lost One" in text and "the-lost-one&quot; was not found" in text
    assert "The analysis is partial" in text
    assert data["ending"]["title"] in text and "Room votes" in text


def test_records_of_several_scenarios_share_one_page(one_record, haven, tmp_path):
    other = one_record.parent / "other.json"
    data = json.loads(one_record.read_text(encoding="utf-8"))
    data.update(id="elsewhere", scenario="the-lost-one", scenario_title="The Lost One")
    other.write_text(json.dumps(data), encoding="utf-8")
    result = build_report([one_record.parent], shelf(haven))
    assert result.title == "Session report: 2 records of 2 scenarios"
    assert "The Haven: one record" in result.html and "The Lost One: one record" in result.html


# -- two runs --------------------------------------------------------------------------------
def test_two_records_are_compared_side_by_side(room_folder, haven, tmp_path):
    files = sorted(room_folder.glob("*.json"))[:2]  # one of each role
    out = tmp_path / "two.html"
    assert report(*files, "--out", out) == 0
    page = Page(out.read_text(encoding="utf-8"))
    assert page.titles("h1")[0].startswith("Two runs compared")
    assert "Two runs side by side" in page.titles("h2")
    assert "At the moments both went through" in page.titles("h3")
    assert sum(t.endswith("1. Reactions") for t in page.titles("h2")) == 2
    assert report(*sorted(room_folder.glob("*.json"))[:3], "--compare", "--out", out) == 2


def test_compare_gives_plain_data(room_folder, haven):
    entries = build_report([room_folder], shelf(haven)).collection.entries
    professionals = [e for e in entries if e.role == "professional"][:2]
    service_user = next(e for e in entries if e.role == "service_user")
    same = compare(professionals[0].data, professionals[0].run,
                   professionals[1].data, professionals[1].run)
    assert same.same_role and same.parted_at is not None
    assert same.scale["power"] == (-100, 100) and same.scale["trust"] == (0, 100)
    assert len(same.a.series["trust"]) == len(same.a.steps) + 1
    other = compare(professionals[0].data, professionals[0].run, service_user.data,
                    service_user.run)
    assert not other.same_role and other.moments
    pair = other.moments[0]
    assert pair.a.moment == pair.b.moment and pair.a.scene != pair.b.scene
    no_scenario = compare(professionals[0].data, None, service_user.data, None)
    assert no_scenario.moments == () and no_scenario.a.ending == professionals[0].ending_title


def test_the_report_code_does_not_import_pygame():
    code = ("import sys, game.cli, game.report.command, game.report.build; "
            "print('pygame' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "False"


# -- in a real browser -------------------------------------------------------------------------
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def browser(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--hide-scrollbars", *args], capture_output=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it "
                                             "with apt-get; it may have failed there)")
def test_the_report_renders_in_a_browser(one_record, room_folder, tmp_path):
    import pygame  # the test reads the screenshot; the report code never imports pygame
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, records, headings in (
            ("one-record", [one_record], ["Debrief: The Haven, Table 4", "1. Reactions",
                                          "3. Analysis", "The branch map"]),
            ("fifty-records", [room_folder], ["Room report: The Haven",
                                              "Where the room was most divided"])):
        out = SHOTS / f"{name}.html"
        assert report(*records, "--out", out) == 0
        shot = SHOTS / f"{name}.png"
        shot.unlink(missing_ok=True)
        browser(f"--screenshot={shot}", "--window-size=1280,2000", out.as_uri())
        assert shot.is_file(), "chromium made no screenshot"
        image = pygame.image.load(str(shot))
        assert image.get_size() == (1280, 2000)
        colours, inked = set(), 0
        for y in range(0, 2000, 7):
            for x in range(0, 1280, 7):
                colour = tuple(image.get_at((x, y)))[:3]
                colours.add(colour)
                inked += colour != (255, 255, 255)
        assert len(colours) > 20 and inked > 2000, "the page looks blank"
        dom = browser("--dump-dom", out.as_uri()).stdout.decode("utf-8")
        for heading in headings:
            assert heading in dom
        pdf = SHOTS / f"{name}.pdf"
        pdf.unlink(missing_ok=True)
        browser("--no-pdf-header-footer", f"--print-to-pdf={pdf}", out.as_uri())
        pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))
        assert 3 <= pages <= 60, pages


# -- found preparing a workshop: notes, reworded options and unfinished games --------------
def _reword_first_step(data: dict) -> None:
    """As a newer draft of the scenario would have it: the first step's options say the same
    things in other words (their ids stay)."""
    step = data["steps"][0]
    for option in step["options"]:
        option["text"] = "Reworded: " + option["text"]
    step["choice_text"] = step["options"][step["chosen"]]["text"]
    data["scenario_version"] = "2"


def test_the_facilitators_note_is_in_a_one_record_debrief(one_record, tmp_path):
    out = tmp_path / "one.html"
    assert report(one_record, "--out", out) == 0
    assert "Facilitator's note:</strong> Long talk about the date." in out.read_text(encoding="utf-8")


def test_votes_stay_beside_their_options_when_another_version_reworded_them(one_record, tmp_path):
    data = json.loads(one_record.read_text(encoding="utf-8"))
    _reword_first_step(data)
    one_record.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "one.html"
    assert report(one_record, "--out", out) == 0
    first = next(t for t in Page(out.read_text(encoding="utf-8")).tables
                 if t["caption"].startswith("Step 1 "))
    assert first["rows"][0][-1] == "Room votes"
    assert [row[-1] for row in first["rows"][1:]] == [str(v) for v in first_votes(len(first["rows"]) - 1)]


def test_the_same_option_under_reworded_text_is_the_same_choice(one_record, haven, tmp_path):
    data = json.loads(one_record.read_text(encoding="utf-8"))
    other = json.loads(json.dumps(data))
    _reword_first_step(other)
    other["id"] = data["id"][:-4] + "zzzz"
    (one_record.parent / f"{other['id']}.json").write_text(json.dumps(other), encoding="utf-8")
    comparison = compare(data, run_of(data, haven), other, run_of(other, haven))
    assert comparison.parted_at is None
    out = tmp_path / "pair.html"
    assert report(one_record.parent, "--out", out) == 0
    text = out.read_text(encoding="utf-8")
    assert "Both took exactly the same path." in text and "chose the same until" not in text


def test_two_runs_that_part_say_where_in_plain_words(haven, room_folder):
    records = [json.loads(p.read_text(encoding="utf-8"))
               for p in sorted(room_folder.glob("*professional*.json"))[:2]]
    comparison = compare(records[0], run_of(records[0], haven), records[1], run_of(records[1], haven))
    from game.report import compare_html
    said = compare_html._where_they_parted(comparison, ("A", "B"))
    at = comparison.parted_at
    assert at is not None and "until step" not in said
    assert (f"differently at step {at}." in said) if at > 1 else ("from the first step" in said)


def test_a_note_made_where_a_record_stopped_reaches_the_room_and_its_debrief(haven, tmp_path):
    saves = tmp_path / "saves"
    make_records(saves, haven, 2, seed=4, workshop_every=0)
    run = Run(haven, "professional", 5)
    recorder = Recorder(saves, run, "Table 9", "workshop")
    run.choose(next(v.index for v in run.choices if v.enabled))
    recorder.update()
    while len(run.choices) < 2:
        run.choose(0)
    recorder.set_note("Out of time; start here next week.")
    assert recorder.update()
    room = read_room(build_report([records_folder(saves)], shelf(haven)).collection.entries)
    assert [(e.label, step, note) for e, step, _, _, note in room.notes] == \
        [("Table 9", run.step + 1, "Out of time; start here next week.")]
    out = tmp_path / "room.html"
    assert report(records_folder(saves), "--out", out) == 0
    assert "Out of time; start here next week." in out.read_text(encoding="utf-8")
    out = tmp_path / "one.html"
    assert report(recorder.path, "--out", out) == 0
    assert "where the record stops" in out.read_text(encoding="utf-8")


# -- found in a trainer's review: print, notes, the CSV, votes, ties, shares, dates -------------
def _small_room(one_record: Path, folder: Path, starts=("09:51:10", "09:51:40", "09:52:20"),
                voting=(True, True, True)) -> list[dict]:
    """Copies of `one_record` in `folder`, as three tables that all typed "Table 4": each with
    its own id and start time; those not `voting` have no votes."""
    folder.mkdir()
    copies = []
    for number, (start, votes) in enumerate(zip(starts, voting)):
        data = json.loads(one_record.read_text(encoding="utf-8"))
        data["id"] = f"20261126-0951{number:02d}-haven-professional-c{number:03d}"
        data["started"] = f"2026-11-26T{start}+00:00"
        if not votes:
            data["mode"] = "solo"
            for step in data["steps"]:
                step["votes"] = None
        (folder / f"{data['id']}.json").write_text(json.dumps(data), encoding="utf-8")
        copies.append(data)
    return copies


class Nesting(HTMLParser):
    """For each <svg class="map">: the classes of the elements it sits in."""

    VOID = {"meta", "br", "img", "input", "hr", "link", "wbr", "col", "source", "area", "base"}

    def __init__(self, text: str):
        super().__init__()
        self.open: list[tuple[str, list[str]]] = []
        self.maps: list[set[str]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "svg" and "map" in classes:
            self.maps.append({c for _, cs in self.open for c in cs})
        if tag not in self.VOID:
            self.open.append((tag, classes))

    def handle_startendtag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "svg" and "map" in classes:
            self.maps.append({c for _, cs in self.open for c in cs})

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break


def test_printed_reports_leave_the_maps_out_and_say_where_they_are(one_record, tmp_path):
    _small_room(one_record, tmp_path / "room")
    for name, records, plural in (("one", [one_record], False), ("room", [tmp_path / "room"], True)):
        out = tmp_path / f"{name}.html"
        assert report(*records, "--out", out) == 0
        text = out.read_text(encoding="utf-8")
        nesting = Nesting(text)
        assert nesting.maps and all("screen-only" in around for around in nesting.maps)
        assert ("The branch maps are not printed" if plural else "The branch map is not printed") \
            in text and "on-screen version of this report" in text
        style = text[text.index("<style>"):text.index("</style>")]
        print_rules = style[style.index("@media print"):]
        assert "screen-only" in print_rules and ".print-only { display: block; }" in print_rules
        assert "max-height: 205mm" not in style  # the old rule that fitted a map onto one page
        assert ".print-only { display: none; }" in style[:style.index("@media print")]
        assert "fitted to one page" not in text


PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(CHROMIUM is None or PDFTOTEXT is None,
                    reason="chromium or pdftotext (poppler-utils) is not installed")
def test_a_printed_report_has_no_map_in_it(one_record, tmp_path):
    out = tmp_path / "one.html"
    assert report(one_record, "--out", out) == 0
    pdf = tmp_path / "one.pdf"
    browser("--no-pdf-header-footer", f"--print-to-pdf={pdf}", out.as_uri())
    assert pdf.is_file(), "chromium made no PDF"
    printed = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, check=True,
                             timeout=60).stdout.decode("utf-8")
    printed = " ".join(printed.split())
    assert "The branch map is not printed" in printed
    assert "Story map" not in printed and "p1-the-letter" not in printed  # the map's own text


def test_facilitator_notes_tell_records_with_one_label_apart(one_record, haven, tmp_path):
    copies = _small_room(one_record, tmp_path / "room")
    out = tmp_path / "room.html"
    assert report(tmp_path / "room", "--out", out) == 0
    text = out.read_text(encoding="utf-8")
    notes = text[text.index('id="notes"'):text.index('id="maps"')]
    table = Page(notes).tables[0]
    assert table["rows"][0] == ["Record", "Role", "Started", "Id", "Step", "Scene",
                                "Option chosen", "Note"]
    rows = table["rows"][1:]
    assert len(rows) == 3 and {row[0] for row in rows} == {"Table 4"}
    assert {row[1] for row in rows} == {"Daniel Osei"}
    # two of the tables started in the same minute: the id's end still tells them apart
    assert sorted(row[2] for row in rows) == sorted(
        f"26 November 2026, {c['started'][11:16]}" for c in copies)
    assert sorted(row[3] for row in rows) == sorted(c["id"][-4:] for c in copies)
    assert len({tuple(row[:4]) for row in rows}) == 3


def test_the_csv_has_choice_id_scenario_mode_and_ending(one_record, haven, tmp_path):
    old = ("record_id", "label", "role", "step", "chapter", "scene", "scene_title", "decision",
           "option_chosen", "options_shown", "trust_after", "power_after", "outcome_after",
           "rung_after", "votes", "note", "changes")
    assert [c for c in COLUMNS if c in old] == list(old)  # kept, in their order
    assert {"choice_id", "scenario", "scenario_version", "mode", "ending"} <= set(COLUMNS)
    data = json.loads(one_record.read_text(encoding="utf-8"))
    unfinished = json.loads(json.dumps(data))
    unfinished.update(id=data["id"][:-4] + "open", ending=None, finished=None, mode="solo")
    unfinished["steps"] = unfinished["steps"][:3]
    (one_record.parent / f"{unfinished['id']}.json").write_text(json.dumps(unfinished),
                                                                encoding="utf-8")
    out = tmp_path / "two.html"
    assert report(one_record.parent, "--out", out) == 0
    with out.with_suffix(".csv").open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        assert [c for c in reader.fieldnames if c in COLUMNS] == list(COLUMNS)
        rows = list(reader)
    finished = [r for r in rows if r["record_id"] == data["id"]]
    assert len(finished) == len(data["steps"])
    for row, step in zip(finished, data["steps"]):
        assert row["choice_id"] == (step["choice_id"] or "")
        assert (row["scenario"], row["scenario_version"], row["mode"]) == ("haven", "1", "workshop")
        assert row["ending"] == data["ending"]["title"]
    assert any(row["choice_id"] for row in finished)
    started = [r for r in rows if r["record_id"] == unfinished["id"]]
    assert len(started) == 3 and all(r["ending"] == "" and r["mode"] == "solo" for r in started)


def test_the_csv_changes_use_hyphen_minus_signs(one_record, tmp_path):
    data = json.loads(one_record.read_text(encoding="utf-8"))
    data["steps"][0]["changes"] = [
        {"name": "power", "before": -30, "after": -35, "why": "Fixed from above", "tag": "power"},
        {"name": "trust", "before": 45, "after": 48, "why": "", "tag": ""}]
    one_record.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "one.html"
    assert report(one_record, "--out", out) == 0
    table = out.with_suffix(".csv").read_text(encoding="utf-8-sig")
    assert "\u2212" not in table
    rows = list(csv.DictReader(out.with_suffix(".csv").open(encoding="utf-8-sig")))
    assert rows[0]["changes"] == ("Power balance -5 (now -35): Fixed from above [power]; "
                                  "Trust +3 (now 48)")
    from game.report import readings
    change = data["steps"][0]["changes"][0]
    assert readings.change_text(change).startswith("Power balance \u22125 (now \u221235)")


def test_votes_say_how_many_records_they_come_from(one_record, haven, tmp_path):
    _small_room(one_record, tmp_path / "room", voting=(True, False, False))
    room = read_room(build_report([tmp_path / "room"], shelf(haven)).collection.entries)
    first = room.roles[0].decisions[0]
    assert first.voted and first.voters == 1 and first.reached == 3
    out = tmp_path / "room.html"
    assert report(tmp_path / "room", "--out", out) == 0
    text = out.read_text(encoding="utf-8")
    page = Page(text)
    voted = [t for t in page.tables if t["rows"] and t["rows"][0][:2] == ["Option", "Chose"]
             and len(t["rows"][0]) == 3]
    assert voted and all(t["rows"][0][2] == "Votes (from 1 record)" for t in voted)
    assert ("Votes were recorded here in 1 of the 3 records that reached this decision "
            "(in workshop mode); \u201cChose\u201d counts all 3.") in text
    # when every record that reached it voted, the heading says so and no line is needed
    everyone = tmp_path / "everyone"
    _small_room(one_record, everyone)
    assert report(everyone, "--out", out) == 0
    text = out.read_text(encoding="utf-8")
    assert "Votes (from 3 records)" in text and "Votes were recorded here" not in text


def _fake_room(divisions: list[tuple[int, ...]]) -> "Room":
    from game.report.room import DecisionCount, OptionCount, Room, RoleSummary
    decisions = []
    for number, chosen in enumerate(divisions):
        options = [OptionCount(f"o{i}", f"Option {i}", count, count)
                   for i, count in enumerate(chosen)]
        decisions.append(DecisionCount(f"s{number}", f"Scene {number}", "", "professional",
                                       options, sum(chosen), sum(chosen)))
    summary = RoleSummary("professional", "Daniel Osei, team manager", [], [], {}, {}, decisions)
    return Room("haven", "The Haven", None, [summary], {}, [])


def test_a_most_divided_list_cut_from_a_tie_says_how_many_more(haven):
    from game.report import room_html
    tied = _fake_room([(1, 1)] * 7 + [(3, 1)])
    assert len(tied.most_divided(5)) == 5 and tied.also_divided(5) == 2
    html = room_html._divided(tied)
    assert "2 more decisions were as divided (0.50) but left out" in html
    one_more = _fake_room([(1, 1)] * 6)
    assert one_more.also_divided(5) == 1
    assert "1 more decision was as divided (0.50)" in room_html._divided(one_more)
    no_tie = _fake_room([(1, 1)] * 5 + [(3, 1), (2, 1)])
    assert no_tie.also_divided(5) == 0 and "more decision" not in room_html._divided(no_tie)
    assert _fake_room([(1, 1)] * 3).also_divided(5) == 0


def test_shares_round_half_up_everywhere(haven):
    from game.report import readings, room_html
    assert [readings.percent(n, 8) for n in (1, 3, 4, 5, 7, 8)] == \
        ["13%", "38%", "50%", "63%", "88%", "100%"]
    assert readings.percent(0, 8) == "0%" and readings.percent(0, 0) == "0%"
    assert readings.percent(1, 300) == "under 1%" and readings.percent(299, 300) == "over 99%"
    assert readings.percent(1, 200) == "1%" and readings.percent(199, 200) == "over 99%"
    room = _fake_room([(1, 3, 4), (5, 3)])
    heads, rows = room_html._option_rows(room.roles[0].decisions[0])
    assert [row[1] for row in rows] == ["1 (13%)", "3 (38%)", "4 (50%)"]
    # how divided, rounded the same way: 1 − 5/8 = 0.375 -> 0.38 (round() would give 0.38 too,
    # but 1 − 3/8 = 0.625 -> 0.63 where round() and "%.2f" give 0.62)
    assert room_html._divided_value(room.roles[0].decisions[1]) == "0.38"
    assert room_html._divided_value(_fake_room([(3, 1, 1, 1, 1, 1)]).roles[0].decisions[0]) == \
        "0.63"


def test_a_date_range_within_one_day_names_the_day_once(one_record, tmp_path):
    from game.report import readings
    assert readings.span("2026-11-26T09:51:10+00:00", "2026-11-26T09:52:40+00:00") == \
        "26 November 2026, 09:51 to 09:52"
    assert readings.span("2026-11-26T23:51:00+00:00", "2026-11-27T00:10:00+00:00") == \
        "26 November 2026, 23:51 to 27 November 2026, 00:10"
    assert readings.span("2026-11-26T09:51:10+00:00", "2026-11-26T09:51:50+00:00") == \
        "26 November 2026, 09:51"
    assert readings.span("yesterday", "today") == "yesterday to today"
    _small_room(one_record, tmp_path / "room", starts=("09:51:10", "09:51:40", "09:52:20"))
    out = tmp_path / "room.html"
    assert report(tmp_path / "room", "--out", out) == 0
    assert "Played 26 November 2026, 09:51 to 09:52." in out.read_text(encoding="utf-8")


# -- did the way people worked fit the work? -------------------------------------------------
@pytest.fixture
def two_parts(make_scenario):
    """The story of test_records: planning suits rungs 5 to 6, fixing the boiler rungs 0 to 2."""
    from test_records import BUILDING, PLANNING
    folder = make_scenario(PLANNING, two_building=BUILDING)
    return folder, load(folder)


def fit_record(saves: Path, scenario, name: str, *options: str, role: str = "professional") -> Path:
    run = Run(scenario, role)
    recorder = Recorder(saves, run, name)
    recorder.id = f"fit-{name}"
    recorder.path = recorder.folder / f"{recorder.id}.json"
    for text in options:
        run.choose(next(v.index for v in run.choices if v.text == text))
    assert recorder.update()
    return recorder.path


def cut_second_choice(path: Path) -> None:
    """As if the option taken at step 2 was cut from the scenario since."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["steps"][1].update(choice_id="since-cut", choice_text="An option since cut")
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_one_record_debrief_says_how_each_part_fitted_the_work(two_parts, tmp_path):
    folder, scenario = two_parts
    path = fit_record(tmp_path / "saves", scenario, "alone", "Plan alone", "Call the engineer")
    text = build_report([path], Shelf([folder.parent], {"mini": (scenario, "")})).html
    page = Page(text)
    assert "Did the way you worked fit the work?" in page.titles("h3")
    assert [h for h in page.titles("h4") if h in ("Planning", "Building")] == ["Planning", "Building"]
    assert "This part: deciding what to make." in text
    assert ("Below what this part needed.</strong> You worked at Informing; the work suits "
            "Co-design to Co-production.") in text
    assert "Fits.</strong> You worked at Informing; the work suits Coercion to Informing." in text
    assert "It needs a gas engineer." in text


def test_a_part_that_no_longer_matches_says_it_has_no_reading(two_parts, tmp_path):
    folder, scenario = two_parts
    path = fit_record(tmp_path / "saves", scenario, "cut", "Plan together", "Call the engineer")
    cut_second_choice(path)
    text = build_report([path], Shelf([folder.parent], {"mini": (scenario, "")})).html
    assert "The analysis is partial" in text
    assert "Fits.</strong> You worked at Co-production;" in text   # planning
    assert "No reading: the scenario has changed since this was played" in text  # building


def test_a_debrief_without_purposes_has_no_fit_section(tmp_path):
    tiny = load(ROOT / "tests" / "fixtures" / "tiny")
    path = fit_record(tmp_path / "saves", tiny, "tiny", "Offer to pay everyone", "Decide together")
    text = build_report([path], Shelf([ROOT / "tests" / "fixtures"], {"tiny": (tiny, "")})).html
    assert "fit the work" not in text and "This part:" not in text


def test_the_room_counts_how_each_roles_records_fitted_each_part(two_parts, tmp_path):
    folder, scenario = two_parts
    saves = tmp_path / "saves"
    fit_record(saves, scenario, "both-fit", "Plan together", "Call the engineer")
    fit_record(saves, scenario, "alone", "Plan alone", "Call the engineer")
    fit_record(saves, scenario, "group-fixes", "Plan together", "Ask the group to fix it")
    fit_record(saves, scenario, "unfinished", "Plan alone")            # stopped as building began
    cut_second_choice(fit_record(saves, scenario, "cut", "Plan together", "Call the engineer"))
    fit_record(saves, scenario, "sam", "Continue", role="service_user")
    report_page = build_report([records_folder(saves)], Shelf([folder.parent], {"mini": (scenario, "")}))
    page = Page(report_page.html)
    assert "Did the way people worked fit the work?" in page.titles("h2")
    tables = {t["caption"]: t["rows"] for t in page.tables}
    assert tables["The parts and the rungs that suit them"][1:] == [
        ["Planning", "Deciding what to make. The people it is for know what they need.",
         "Co-design to Co-production (rungs 5 to 6)"],
        ["Building", "Fixing the boiler. It needs a gas engineer.",
         "Coercion to Informing (rungs 0 to 2)"]]
    pat = tables["Pat (5 records)"]
    assert pat[0] == ["Part", "Rungs that fit", "Fits", "Below what this part needed",
                      "Beyond what this part needed", "Staff stepped back too far for this part",
                      "No reading"]
    assert pat[1:] == [["Planning", "Co-design to Co-production", "3", "2", "0", "0", "0"],
                       ["Building", "Coercion to Informing", "2", "0", "1", "0", "2"]]
    # Sam only read on: no decision in the part said its rung, so there is no reading
    assert tables["Sam (1 record)"][1:] == [["Planning", "Co-design to Co-production",
                                             "0", "0", "0", "0", "1"]]
