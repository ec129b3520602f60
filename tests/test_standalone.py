"""The standalone app, as a trainer without Python gets it: tools/build_app.py builds it with
PyInstaller from a clean copy of the source, and the bundle is run from another folder with no
Python on the PATH, a fresh home folder, and the dummy video driver.

Building takes about half a minute here (two cores, busy); the tests that need the build are
marked `slow`. Without PyInstaller (pip install -e ".[build]") they are skipped and say so.
The icon tests at the end need no build.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from clean_copy import clean_copy

from conftest import ROOT
from game import __version__

POSIX = sys.platform != "win32"


def _build_app_module():
    spec = importlib.util.spec_from_file_location("build_app", ROOT / "tools" / "build_app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e \".[build]\"), so the standalone "
                    "app is not built or tested")
    base = tmp_path_factory.mktemp("standalone")
    source = base / "source"   # a clean copy: nothing in the checkout's build/ or saves/ rides along
    clean_copy(source)
    started = time.perf_counter()
    built = subprocess.run([sys.executable, str(source / "tools" / "build_app.py"), "--dist",
                            str(base / "dist"), "--work", str(base / "work")],
                           capture_output=True, text=True, cwd=source, timeout=1800)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    print(f"\nstandalone app built in {time.perf_counter() - started:.0f} s: {built.stdout.strip()}")
    build_app = _build_app_module()
    bundle = build_app.built(base / "dist", onefile=False)
    program = build_app.program(bundle)
    home, work = base / "home", base / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MAKING_TOGETHER", "XDG_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    if POSIX:  # no Python to fall back on: not the test's, not the virtual environment's
        env["PATH"] = os.pathsep.join(p for p in ("/usr/bin", "/bin") if Path(p).is_dir())
    else:      # Windows asks the system, not the environment, for the user's folders
        env["MAKING_TOGETHER_DATA"] = str(home / "data")
    data = (home / "data" if not POSIX else home / "Library" / "Application Support" / "making-together"
            if sys.platform == "darwin" else home / ".local" / "share" / "making-together")
    return {"bundle": bundle, "program": program, "work": work, "env": env, "data": data}


def run(app, *args, stdin=""):
    return subprocess.run([str(app["program"]), *args], input=stdin, capture_output=True, text=True,
                          cwd=app["work"], env=app["env"], timeout=600)


@pytest.mark.slow
def test_the_app_carries_the_scenarios_fonts_icons_and_room_page(app):
    inside = next(app["bundle"].rglob("bundled")).parent   # the app's game/ folder
    for needed in ("bundled/scenes/haven/scenario.yaml", "bundled/scenes/tea-and-terms/scenario.yaml",
                   "bundled/scenes/scenario.schema.json", "bundled/assets/fonts/Lato-Regular.ttf",
                   "bundled/assets/icons/making-together-64.png", "room/static/room.js",
                   "templates/new/scenario.yaml", "xapi/statement.schema.json"):
        assert (inside / needed).is_file(), needed
    # the one hyphenation dictionary the game uses, not pyphen's seventy-odd (about 6 MB)
    assert [p.name for p in app["bundle"].rglob("pyphen/dictionaries/*")] == ["hyph_en_GB.dic"]
    assert not list(app["bundle"].rglob("pytest")) and not list(app["bundle"].rglob("__pycache__"))
    if sys.platform == "linux":
        assert (app["bundle"] / "making-together.desktop").is_file()
        assert list(app["bundle"].rglob("libpython3*.so*"))  # it brings its own Python


@pytest.mark.slow
def test_the_app_says_its_version_and_where_its_files_are(app):
    version = run(app, "--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"Making Together {__version__}")
    where = run(app, "where")
    assert where.returncode == 0 and "an installed copy" in where.stdout, where.stdout + where.stderr
    assert f"Saves and settings: {app['data'] / 'saves'}" in where.stdout
    fonts = Path(where.stdout.split("Fonts: ")[1].splitlines()[0])
    assert fonts.is_relative_to(app["bundle"]) and (fonts / "Lato-Regular.ttf").is_file()


@pytest.mark.slow
def test_the_app_checks_both_scenarios_with_no_errors(app):
    checked = run(app, "check", "--runs", "20")
    assert checked.returncode == 0, checked.stdout[-2000:] + checked.stderr[-2000:]
    assert "The Haven" in checked.stdout and "Tea and Terms" in checked.stdout
    assert "2 scenarios checked, 0 errors." in checked.stdout


@pytest.mark.slow
def test_the_app_plays_to_an_ending_in_the_terminal_and_reports_on_it(app):
    played = run(app, "play", "--text", "--scenario", "tea-and-terms", "--role", "professional",
                 stdin="s\n" + "1\n2\n3\n\n" * 200)
    assert played.returncode == 0, played.stderr[-2000:]
    assert "Ending:" in played.stdout
    saves = app["data"] / "saves"
    assert (saves / "auto.json").is_file() and list((saves / "records").glob("*.json"))
    assert not (app["work"] / "saves").exists()
    reported = run(app, "report", "--out", "report.html")  # from the records folder, as a trainer would
    assert reported.returncode == 0, reported.stderr[-2000:]
    page = (app["work"] / "report.html").read_text(encoding="utf-8")
    assert "Tea and Terms" in page and (app["work"] / "report.csv").is_file()
    exported = run(app, "export", "--xapi", "statements.json")  # the statement schema is bundled too
    assert exported.returncode == 0, exported.stdout[-2000:] + exported.stderr[-2000:]
    assert (app["work"] / "statements.json").is_file()


@pytest.mark.slow
def test_the_app_draws_every_screen_with_the_dummy_driver(app):
    shots = run(app, "shots", "--out", "shots", "--scenario", "haven")
    assert shots.returncode == 0, shots.stderr[-2000:]
    drawn = list((app["work"] / "shots").rglob("*.png"))
    assert len(drawn) > 20 and {p.parent.name for p in drawn} >= {"1280x720", "800x600-200pc-contrast"}


def test_the_app_keeps_the_hyphenation_dictionary_the_game_asks_for():
    """The spec keeps one of pyphen's dictionaries: the one for the language the game asks
    pyphen for, wherever it does."""
    import re
    import pyphen
    spec = (ROOT / "packaging" / "making-together.spec").read_text(encoding="utf-8")
    kept = re.search(r'^HYPHENATION = "([^"]+)"', spec, re.M).group(1)
    asked = {lang for path in (ROOT / "game").rglob("*.py")
             for lang in re.findall(r'Pyphen\(lang="(\w+)"', path.read_text(encoding="utf-8"))}
    assert asked and {Path(pyphen.LANGUAGES[lang]).name for lang in asked} == {kept}


def test_the_kept_icons_are_drawn_from_the_svg():
    """assets/icons/ holds what `tools/build_app.py --icons` draws from packaging/icon.svg:
    an edited SVG with old PNGs fails here."""
    import pygame
    build_app = _build_app_module()
    for size in build_app.PNG_SIZES:
        kept = pygame.image.load(ROOT / "assets" / "icons" / f"making-together-{size}.png")
        fresh = build_app.draw(size)
        assert kept.get_size() == fresh.get_size() == (size, size)
        differences = [abs(a - b) for x in range(size) for y in range(size)
                       for a, b in zip(kept.get_at((x, y)), fresh.get_at((x, y)))]
        assert sum(differences) / len(differences) < 2, f"making-together-{size}.png is not the SVG's"


def test_the_window_shows_the_app_icon(saves, monkeypatch):
    import pygame
    from conftest import _window
    shown = []
    monkeypatch.setattr(pygame.display, "set_icon", shown.append)
    window = _window(saves)
    next(window)
    assert [icon.get_size() for icon in shown] == [(64, 64)]
    next(window, None)  # the fixture's own ending: pygame.quit()


def test_the_desktop_entry_and_metainfo_are_valid():
    tools = {"desktop-file-validate": ROOT / "packaging" / "making-together.desktop",
             "appstreamcli": ROOT / "packaging" / "io.github.making_together.MakingTogether.metainfo.xml"}
    found = {tool: path for tool, path in tools.items() if shutil.which(tool)}
    if not found:
        pytest.skip("neither desktop-file-validate nor appstreamcli is installed "
                    "(Debian: desktop-file-utils, appstream)")
    for tool, path in found.items():
        command = [tool, str(path)] if tool != "appstreamcli" else [tool, "validate", "--no-net", str(path)]
        checked = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert checked.returncode == 0 and "error" not in checked.stdout.lower(), checked.stdout + checked.stderr
