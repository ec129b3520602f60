"""Where the content that ships with the game is: the scenarios and the shared assets.

From a source checkout, its top folders (`scenes/`, `assets/`); installed, the copy the build put
in the package (`game/bundled/`, see setup.py). Story code asks here, since it must not import
the game above it; game/places.py, which also knows where the player's files go, asks here too.
"""
from __future__ import annotations

import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
CHECKOUT = PACKAGE.parent


def from_checkout() -> bool:
    """True when the game runs from its source checkout rather than an installed copy."""
    if getattr(sys, "frozen", False):  # the standalone app (PyInstaller) is an installed copy
        return False
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "scenes").is_dir()


def shipped(name: str) -> Path:
    """The folder `name` ("scenes" or "assets") of the shipped content."""
    return CHECKOUT / name if from_checkout() else PACKAGE / "bundled" / name
