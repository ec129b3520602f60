"""Printable handouts: `python main.py handouts SCENARIO --out DIR`, and the title screen's
"Handouts to print". Each page is self-contained HTML for A4, built from the scenario's own
files, and is looked at in a real browser."""
from __future__ import annotations

import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from html import unescape
import shutil
import subprocess
import tempfile
import sys
from pathlib import Path

import pygame
import pytest

from conftest import FIXTURES, ROOT
from game.cli import main
from game.handouts import read_money_facts
from game.story import load_scenario
from game.story.ladder import RUNGS
from test_report import CHROMIUM
from drive_window import key, labels, press, tab_to

SHOTS = Path(tempfile.gettempdir()) / "handout_shots"  # pictures of each printed page
SHEETS = ("six-words", "ladder", "characters", "open-and-fixed", "working-agreement", "money",
          "prompts", "support")
PDFINFO = shutil.which("pdfinfo")
PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")


def handouts(*args) -> int:
    return main(["handouts", *[str(a) for a in args]])


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("handouts")
    folders = {}
    for scenario in ("haven", "tea-and-terms"):
        folders[scenario] = out / scenario
        assert handouts(scenario, "--out", folders[scenario], "--save-dir", out / "saves") == 0
    return folders


def page(folder: Path, name: str) -> str:
    return (folder / f"{name}.html").read_text(encoding="utf-8")


def words(html: str) -> str:
    """The page's text, as a reader sees it: no tags, no style, one space between words."""
    body = html[html.index("<body>"):] if "<body>" in html else html
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).replace("\u2019", "'").split())
    return re.sub(r" ([:;,.?!)])", r"\1", text)  # a closing tag before punctuation


def test_handouts_build_for_both_scenarios_with_an_index_linking_them(written, capsys):
    for folder in written.values():
        index = page(folder, "index")
        for name in SHEETS:
            assert (folder / f"{name}.html").is_file()
            assert f'href="{name}.html"' in index
        assert not list(folder.glob(".*.tmp"))  # written atomically, nothing left behind


def test_pages_are_self_contained_for_print_and_fetch_nothing(written):
    for folder in written.values():
        for path in folder.glob("*.html"):
            html = path.read_text(encoding="utf-8")
            assert "@page { size: A4" in html and "<script" not in html
            assert not re.search(r'(src|href)="(https?:)?//|@import|url\(', html), path.name


def test_the_six_words_in_our_words_with_the_history(written):
    html = page(written["haven"], "six-words")
    text = words(html[:html.index('<p class="small">')])  # less the credit, which cites the title
    for word in ("Power", "Purpose", "Respect", "Responsibility", "Resources",
                 "Knowing what happens next"):
        assert f"{word} " in text
    assert "Scottish Union of Mental Patients" in text and "1971" in text
    assert "Mental Patients' Union" in text and "1973" in text
    speech = (Path("/work/shared/seed/coproduction-speech-2017.txt"))
    if speech.is_file():  # no sentence of the speech is copied (eight words in a row at most)
        said = " ".join(speech.read_text(encoding="utf-8").replace("\u2019", "'").split()).lower()
        ours = text.lower().split()
        copied = [" ".join(ours[i:i + 9]) for i in range(len(ours) - 8)
                  if " ".join(ours[i:i + 9]) in said]
        assert copied == []


def test_the_ladder_has_every_rung_and_abdication_off_it(written):
    html = page(written["haven"], "ladder")
    rails = html[html.index('class="rails"'):html.index('class="off"')]
    for rung in RUNGS:
        assert rung.name in rails
    assert "Abdication" not in rails
    assert "Off the ladder: Abdication" in words(html[html.index('class="off"'):])


def test_character_cards_come_from_each_scenarios_cast(written):
    for scenario_id, folder in written.items():
        scenario = load_scenario(ROOT / "scenes" / scenario_id).scenario
        text = words(page(folder, "characters"))
        for name, person in scenario.cast.items():
            assert name in text and person.about.split(".")[0] in text
    cards = page(written["tea-and-terms"], "characters")
    assert cards.count('src="data:image/svg+xml;base64,') == 6  # everyone has a portrait now


def test_prompts_by_chapter_come_from_every_scenes_discuss(written):
    for scenario_id, folder in written.items():
        scenario = load_scenario(ROOT / "scenes" / scenario_id).scenario
        text = words(page(folder, "prompts"))
        for scene in scenario.scenes.values():
            for prompt in scene.discuss:
                assert " ".join(prompt.split()) in text.replace("\u2019", "'")
        assert "Chapter 1: " + next(iter(scenario.scenes.values())).chapter in text
    # each prompt sits in the chair that meets it, whether or not its scene names the role
    tea = words(page(written["tea-and-terms"], "prompts"))
    ruth, dev = tea.index("In Ruth's chair Monday"), tea.index("In Dev's chair A call from Marcia")
    assert ruth < tea.index("Jo set the date before anyone else was asked") < dev


def test_money_facts_say_the_date_they_hold_for(written):
    text = words(page(written["haven"], "money"))
    assert "These facts hold for April 2025 to March 2026" in text
    assert "£280,000" in text and "£83.30 a week" in text and "£196 a week" in text
    assert "Nothing here is benefits advice" in text
    assert "These facts hold for" in words(page(written["tea-and-terms"], "money"))


def test_support_lines_on_the_handout_follow_the_save_folders_file(tmp_path):
    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "support.yaml").write_text(
        "lines: [{name: Wrenham Crisis Line, how: call 01234 000111}]\n"
        "facilitator: {name: Sam Patel, how: at the front}\n", encoding="utf-8")
    assert handouts("tea-and-terms", "--out", tmp_path / "out", "--save-dir", saves) == 0
    text = words(page(tmp_path / "out", "support"))
    assert "Wrenham Crisis Line call 01234 000111" in text
    assert "Talk to Sam Patel, your facilitator: at the front." in text
    assert "Samaritans call 116 123" in text and "Local support" not in text


def test_a_new_scenario_gets_its_own_cards_and_prompts_and_says_what_it_lacks(tmp_path):
    assert handouts(FIXTURES / "tiny", "--out", tmp_path) == 0
    assert "Who set the agenda?" in words(page(tmp_path, "prompts"))
    cards = words(page(tmp_path, "characters"))
    assert "Pat Manager" in cards and "Sam Member" in cards
    assert not (tmp_path / "money.html").exists()
    assert "no handouts.yaml with money facts" in words(page(tmp_path, "index"))


def test_a_bad_handouts_file_is_reported_with_its_position(tmp_path, capsys):
    folder = shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny")
    (folder / "handouts.yaml").write_text(
        "facts:\n  - about: Universal Credit\n    txt: counts as earnings\n", encoding="utf-8")
    problems = [str(p) for p in read_money_facts(folder).problems]
    assert any(p.endswith('handouts.yaml:1:1: handouts.yaml needs "as_of:", the date its money '
                          "facts hold for (the rules change every April)") for p in problems)
    assert any(':3:5: unknown key "txt" in facts item 1 (did you mean "text"?)' in p
               for p in problems)
    assert handouts(folder, "--out", tmp_path / "out") == 0  # the rest are still written
    assert "handouts.yaml:1:1" in capsys.readouterr().err
    assert "has a problem" in words(page(tmp_path / "out", "index"))


def test_an_unknown_scenario_is_a_clear_message_not_a_traceback(tmp_path, capsys):
    assert handouts("nowhere", "--out", tmp_path) == 2
    err = capsys.readouterr().err
    assert 'there is no scenario "nowhere"' in err and "haven, tea-and-terms" in err
    assert not list(tmp_path.iterdir())


def test_an_unwritable_folder_is_a_clear_message_not_a_traceback(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert handouts("haven", "--out", blocker) == 2
    assert "is a file; --out names a folder" in capsys.readouterr().err
    assert handouts("haven", "--out", blocker / "inside") == 2
    err = capsys.readouterr().err
    assert f"cannot write to {blocker / 'inside'}" in err and "Traceback" not in err
    result = subprocess.run([sys.executable, "main.py", "handouts", "haven", "--out",
                             str(blocker / "inside")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_the_handouts_code_does_not_import_pygame():
    code = "import sys, game.handouts.command; print('pygame' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "False"


# -- in a real browser -------------------------------------------------------------------------
def in_browsers(jobs: list[list[str]], profiles: Path) -> list[subprocess.CompletedProcess]:
    """Run headless Chromium once per job, several at a time (each with its own profile, so
    they do not wait on each other's lock): one page per launch costs about three seconds."""
    def run(numbered):
        number, args = numbered
        return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                               "--hide-scrollbars", f"--user-data-dir={profiles / str(number)}",
                               *args], capture_output=True, timeout=180)
    with ThreadPoolExecutor(max_workers=8) as pool:  # they mostly wait, not compute
        return list(pool.map(run, enumerate(jobs)))


@pytest.mark.skipif(None in (CHROMIUM, PDFINFO, PDFTOTEXT, PDFTOPPM),
                    reason="chromium or poppler-utils (pdfinfo, pdftotext, pdftoppm) is not "
                           "installed (.ci/run installs them with apt-get)")
def test_every_handout_renders_and_prints_on_a4_with_nothing_cut_off(written, tmp_path):
    """Each page printed by Chromium, as a trainer would print it; its pages are saved as
    pictures (in SHOTS) to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    longer = {"money", "prompts"}  # the Haven's have more than a page holds
    pages = [(scenario_id, name, folder / f"{name}.html", SHOTS / f"{scenario_id}-{name}.pdf")
             for scenario_id, folder in written.items() for name in SHEETS + ("index",)]
    for old in SHOTS.glob("*"):
        old.unlink()
    in_browsers([["--no-pdf-header-footer", f"--print-to-pdf={pdf}", source.as_uri()]
                 for _, _, source, pdf in pages], tmp_path)
    for scenario_id, name, source, pdf in pages:
        assert pdf.is_file(), "chromium made no PDF"
        info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True,
                              check=True).stdout
        assert "(A4)" in info
        count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert count <= (3 if name in longer else 1), f"{scenario_id}/{name}: {count} pages"
        printed = " ".join(subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True,
                                          text=True, check=True).stdout.split())
        # every word on the page reaches the paper, none clipped or lost off an edge
        missing = Counter(words(source.read_text(encoding="utf-8")).split()) - Counter(
            printed.replace("\u2019", "'").split())
        assert not missing, f"{scenario_id}/{name}: not printed: {list(missing)[:10]}"
        stem = SHOTS / f"{scenario_id}-{name}"
        subprocess.run([PDFTOPPM, "-r", "80", "-png", str(pdf), str(stem)], check=True)
        image = pygame.image.load(str(sorted(SHOTS.glob(f"{stem.name}-*.png"))[0]))
        width, height = image.get_size()
        assert abs(width / height - 210 / 297) < 0.01  # A4
        inked = sum(tuple(image.get_at((x, y)))[:3] != (255, 255, 255)
                    for y in range(0, height, 6) for x in range(0, width, 6))
        assert inked > 300, f"{scenario_id}/{name} looks blank"


# -- in the window -----------------------------------------------------------------------------
def test_the_title_screen_writes_the_handouts_and_opens_the_index(app, saves, monkeypatch):
    opened = []
    monkeypatch.setattr("game.ui.screens.workshop.handouts.open_in_browser", opened.append)
    assert "Handouts to print" in labels(app)
    tab_to(app, "Handouts to print")
    assert "Handouts for Tiny test scenario" in labels(app)
    tab_to(app, "Handouts for Tiny test scenario")
    index = saves / "handouts" / "tiny" / "index.html"
    assert index.is_file() and opened == [index]
    assert f"Handouts saved in {index.parent}" in app.notice
    press(app, key(pygame.K_ESCAPE))
    assert "Handouts to print" in labels(app)


def test_the_window_says_clearly_when_handouts_cannot_be_written(app, saves, monkeypatch):
    monkeypatch.setattr("game.ui.screens.workshop.handouts.open_in_browser", lambda path: None)
    saves.mkdir(parents=True, exist_ok=True)
    (saves / "handouts").write_text("in the way")
    tab_to(app, "Handouts to print")
    tab_to(app, "Handouts for Tiny test scenario")
    assert app.notice.startswith(f"Could not write the handouts to {saves / 'handouts' / 'tiny'}")


def test_a_browser_that_will_not_open_is_said_not_raised(app, saves, monkeypatch):
    def refuse(path):
        raise RuntimeError("no browser here")
    monkeypatch.setattr("game.ui.screens.workshop.handouts.open_in_browser", refuse)
    tab_to(app, "Handouts to print")
    tab_to(app, "Handouts for Tiny test scenario")
    assert "could not be opened here (no browser here)" in app.notice
