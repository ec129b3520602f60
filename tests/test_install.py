"""The game as a user installs it: a wheel built from this checkout, installed into a fresh
virtual environment, run from a folder outside the checkout. It must carry its scenarios and
fonts, and put saves in the user's data folder, never in site-packages or the working folder.

The fresh environment gets the wheel alone (--no-deps); what the game needs comes from the
test's own environment through a path file, so the test needs no network beyond the build.
With the build tools installed (pip install -e ".[build]"), the wheel is built from the sdist,
as `python -m build` does for a release, so a file the sdist leaves out fails here too; and
both pass `twine check`, the packaging index's own check of their metadata.
"""
from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from importlib.util import find_spec
from pathlib import Path

import pytest
from clean_copy import clean_copy


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="paths below are POSIX")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("install")
    wheels = base / "wheels"
    # built from a clean copy, so nothing stale in the checkout's build/ can ride along
    source = base / "source"
    clean_copy(source)
    if find_spec("build"):  # the sdist, then the wheel from it
        command = [sys.executable, "-m", "build", "-o", str(wheels), str(source)]
    else:
        command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(source), "-w", str(wheels)]
    built = subprocess.run(command, capture_output=True, text=True, cwd=base)
    if built.returncode != 0 and "Could not find a version" in built.stderr + built.stdout:
        pytest.skip("the build needs setuptools from the package index, which is out of reach")
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    wheel = next(wheels.glob("making_together-*.whl"))
    environment = base / "venv"
    venv.create(environment, with_pip=False)
    python = environment / "bin" / "python"
    target = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                 capture_output=True, text=True, check=True).stdout.strip())
    with zipfile.ZipFile(wheel) as archive:   # what pip does for a pure-Python wheel
        archive.extractall(target)
    here = [p for p in site.getsitepackages() + [sysconfig.get_paths()["purelib"]] if Path(p).is_dir()]
    (target / "zz-test-dependencies.pth").write_text("\n".join(dict.fromkeys(here)) + "\n")
    home = base / "home"
    work = base / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKING_TOGETHER", "XDG_", "PYTHON"))}
    env.update(HOME=str(home), SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    return python, target, work, home, env, wheel


def game(installed, *args, stdin=""):
    python, _target, work, _home, env, _wheel = installed
    return subprocess.run([str(python), "-m", "game", *args], input=stdin, capture_output=True,
                          text=True, cwd=work, env=env, timeout=600)


def test_the_wheel_carries_the_scenarios_fonts_and_room_page(installed):
    names = zipfile.ZipFile(installed[5]).namelist()
    for needed in ("game/bundled/scenes/haven/scenario.yaml", "game/bundled/scenes/tea-and-terms/scenario.yaml",
                   "game/bundled/scenes/scenario.schema.json", "game/bundled/assets/fonts/Lato-Regular.ttf",
                   "game/bundled/assets/fonts/LICENSE-Lato.txt", "game/room/static/room.js",
                   "game/templates/new/scenario.yaml", "game/bundled/assets/icons/making-together-64.png"):
        assert needed in names, needed
    assert not [n for n in names if "__pycache__" in n or n.startswith("game/bundled/saves")]


def test_installed_it_runs_from_anywhere_and_saves_in_the_user_folder(installed):
    python, target, work, home, env, _wheel = installed
    version = game(installed, "--version")
    assert version.returncode == 0 and version.stdout.startswith("Making Together ")
    where = game(installed, "where")
    assert "an installed copy" in where.stdout and str(target) in where.stdout
    data = home / ".local" / "share" / "making-together"
    assert f"Saves and settings: {data / 'saves'}" in where.stdout
    checked = game(installed, "check", "--runs", "20")
    assert checked.returncode == 0, checked.stdout[-2000:] + checked.stderr[-2000:]
    assert "The Haven" in checked.stdout and "Tea and Terms" in checked.stdout
    played = game(installed, "play", "--text", "--scenario", "tea-and-terms", "--role",
                  "professional", stdin="s\n" + "1\n2\n3\n\n" * 200)
    assert played.returncode == 0, played.stderr[-2000:]
    assert "Ending:" in played.stdout
    assert (data / "saves" / "auto.json").is_file()
    assert list((data / "saves" / "records").glob("*.json"))
    assert not (work / "saves").exists() and not list(target.rglob("auto.json"))


def test_installed_shots_draw_with_the_bundled_fonts(installed):
    _python, _target, work, _home, _env, _wheel = installed
    shots = game(installed, "shots", "--out", "shots", "--scenario", "tea-and-terms")
    assert shots.returncode == 0, shots.stderr[-2000:]
    assert len(list((work / "shots").rglob("*.png"))) > 20


def test_installed_the_window_draws_with_the_bundled_fonts_not_a_fallback(installed):
    python, target, work, _home, env, _wheel = installed
    asked = subprocess.run([str(python), "-c", "from game.ui.theme import FONTS; print(FONTS)"],
                           capture_output=True, text=True, cwd=work, env=env, timeout=120)
    fonts = Path(asked.stdout.strip())
    assert fonts == target / "game" / "bundled" / "assets" / "fonts", asked.stdout + asked.stderr
    assert (fonts / "Lato-Regular.ttf").is_file()


def test_the_distributions_pass_twine_check_and_the_sdist_carries_the_content(installed):
    wheels = installed[5].parent
    sdists = list(wheels.glob("making_together-*.tar.gz"))
    if not sdists:
        pytest.skip("no sdist: the build tools are not installed (pip install -e \".[build]\")")
    with tarfile.open(sdists[0]) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in ("setup.py", "scenes/haven/scenario.yaml", "assets/fonts/Lato-Regular.ttf",
                   "game/room/static/room.js", "packaging/icon.svg", "tools/build_app.py", "main.py",
                   "tests/conftest.py"):
        assert needed in names, needed
    if not find_spec("twine"):
        pytest.skip("twine is not installed (pip install -e \".[build]\")")
    checked = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(installed[5]),
                              str(sdists[0])], capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("PASSED") == 2, checked.stdout
