"""The scenario library: every scenario under the window's scene folders, loaded when first
asked for (`App.library`), which is after the first frame is on screen."""
from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the loader (YAML, schema, builder) is imported when the library loads
    from ..story.loader import LoadResult


def load_library(scene_roots: list[Path]) -> list[LoadResult]:
    """Every scenario found under `scene_roots`, each folder loaded once."""
    # Loading freezes everything alive (story/loader.py), so a window thrown away since
    # an earlier load (the shots, the tests) would stay in memory for good, fonts and
    # files held open: let the collector see it again first.
    gc.unfreeze()
    gc.collect()
    from ..files.parse_cache import user_cache
    from ..story.loader import find_scenarios, load_scenario
    folders = dict.fromkeys(f.resolve() for f in find_scenarios(*scene_roots))
    cache = user_cache()
    return [load_scenario(folder, cache=cache) for folder in folders]


def keep_loaded(library: list[LoadResult], result: LoadResult) -> None:
    """Put a freshly loaded scenario in the place of the one loaded from the same folder."""
    for index, known in enumerate(library):
        if known.path == result.path:
            library[index] = result
            return
    library.append(result)
