"""Shared test setup: no display, no real saves folder, small scenario builders."""
from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_VIDEO_DRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(autouse=True)
def _saves_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("MAKING_TOGETHER_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("MAKING_TOGETHER_CACHE", str(tmp_path / "parse-cache"))


@pytest.fixture
def saves(tmp_path):
    return tmp_path / "saves"


def _window(saves, **options):
    import pygame

    from game.ui.app import App
    from game.ui.settings import Settings
    application = App([FIXTURES / "tiny"], saves, settings=Settings(text_speed="instant"), **options)
    yield application
    pygame.quit()


@pytest.fixture
def app(saves):
    """A window on the tiny test scenario, text shown at once."""
    yield from _window(saves)


@pytest.fixture
def room(saves):
    """The same window in workshop mode, as `python main.py --workshop` opens it."""
    yield from _window(saves, workshop=True, label="Tuesday group")


MINIMAL_SCENARIO = """\
scenario: mini
title: Mini
roles:
  professional:
    name: Pat
    start: a
  service_user:
    name: Sam
    start: b
flags:
  paid_fairly: Paid
endings:
  - id: good
    title: Good
    if: trust >= 60
    text: Good.
  - id: plain
    title: Plain
    text: Plain.
"""

MINIMAL_SCENES = """\
scenes:
  - id: a
    choices:
      - text: Up
        effects:
          - trust: +20
            why: Up
            tag: respect
          - outcome: -5
            why: Slower
            tag: resources
        next: end
      - text: Down
        effects:
          - trust: -20
            why: Down
            tag: respect
          - outcome: +5
            why: Faster
            tag: purpose
        next: end
  - id: b
    next: end
"""


def write_scenario(folder: Path, files: dict[str, str]) -> Path:
    """Write a scenario folder from {file name: YAML text}; text is dedented."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def make_scenario(tmp_path):
    """make_scenario(scenes_yaml, scenario_yaml=MINIMAL_SCENARIO) -> folder."""
    counter = iter(range(1000))

    def make(scenes: str = MINIMAL_SCENES, scenario: str = MINIMAL_SCENARIO,
             **extra: str) -> Path:
        folder = tmp_path / f"scenario{next(counter)}"
        files = {"scenario.yaml": scenario, "1-scenes.yaml": scenes}
        files.update({name.replace("_", "-") + ".yaml": text for name, text in extra.items()})
        return write_scenario(folder, files)

    return make
