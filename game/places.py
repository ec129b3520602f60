"""Where the game's own files are, and where the player's files go.

Run from a source checkout (a `pyproject.toml` beside `game/`), everything is where the README
says: `scenes/`, `assets/` and `saves/` at the top of the checkout. Installed (a wheel, pipx, the
standalone app), the shipped scenarios and assets travel inside the package (`game/bundled/`,
put there by the build: setup.py for a wheel, packaging/making-together.spec for the app;
story/shipped.py finds them), and saves, settings, records, reports and the player's own
scenarios go in the user's data folder (`platformdirs`: ~/.local/share/making-together on Linux,
%LOCALAPPDATA% on Windows, ~/Library/Application Support on macOS). The standalone app is
never taken for a checkout (`sys.frozen`), and in its one-file form the bundled content is
unpacked afresh each time it starts, so nothing of the player's is ever kept beside it.
"""
from __future__ import annotations

import os
from pathlib import Path

from .story.shipped import CHECKOUT, PACKAGE, from_checkout, shipped

APP_NAME = "making-together"
__all__ = ["CHECKOUT", "PACKAGE", "from_checkout", "scenes_dir", "assets_dir", "data_dir",
           "default_save_dir", "user_scenes_dir", "scene_roots"]


def scenes_dir() -> Path:
    """The scenarios that ship with the game."""
    return shipped("scenes")


def assets_dir() -> Path:
    """Fonts and shared pictures."""
    return shipped("assets")


def data_dir() -> Path:
    """The user's data folder for the game (not used from a checkout, where saves/ is)."""
    override = os.environ.get("MAKING_TOGETHER_DATA")
    if override:
        return Path(override)
    from platformdirs import user_data_dir
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_save_dir() -> Path:
    """Saves, settings, records and reports, unless --save-dir or MAKING_TOGETHER_SAVES say."""
    return CHECKOUT / "saves" if from_checkout() else data_dir() / "saves"


def user_scenes_dir() -> Path | None:
    """Where the player's own scenarios live when installed (offered beside the shipped ones,
    and where `new` writes); None from a checkout, where they go in scenes/ itself."""
    return None if from_checkout() else data_dir() / "scenarios"


def scene_roots() -> list[Path]:
    """The folders whose scenarios are offered: the shipped ones, then the player's own."""
    own = user_scenes_dir()
    return [scenes_dir()] + ([own] if own is not None and own.is_dir() else [])
