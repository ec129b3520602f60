"""A clean copy of the checkout for the build tests: no .git, venv, caches, or the checkout's own
build output, saves and screenshots (at the top only: game/ui/shots is source)."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_ANYWHERE = shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", ".pytest_cache",
                                   ".hypothesis")


def _ignore(folder: str, names: list[str]) -> set[str]:
    top = {"build", "dist", "saves", "shots"} & set(names) if Path(folder) == ROOT else set()
    return _ANYWHERE(folder, names) | top


def clean_copy(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=_ignore)
    return target
