"""The window draws its title before it pays for the story loader (issue 18: first frame).

The loader brings in PyYAML, the schema checker and the builder; the session records bring in
their own readers. None of them is needed to draw the title screen, so none may be imported by
then: each is imported when first used (the library loads after the first frame).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LATE = ("yaml", "fastjsonschema", "game.story.loader", "game.story.build", "game.story.source",
        "game.story.schema", "game.records", "game.report.collect")

FIRST_FRAME = """\
import json, sys
from pathlib import Path
from game.ui.app import App
app = App([Path(sys.argv[1]) / "scenes"], Path(sys.argv[2]))
app.step([])
drawn = app.frames
early = sorted(name for name in sys.modules if name in {late!r})
app.library  # and the library still loads when asked
print(json.dumps({{"early": early, "drawn": drawn, "loaded": len(app.library),
                  "after": sorted(name for name in sys.modules if name in {late!r})}}))
"""


def test_the_title_is_drawn_before_the_loader_and_records_are_imported(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               PYGAME_HIDE_SUPPORT_PROMPT="1")
    done = subprocess.run([sys.executable, "-c", FIRST_FRAME.format(late=set(LATE)), str(ROOT),
                           str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["drawn"] >= 1
    assert seen["early"] == []
    assert seen["loaded"] >= 2  # the shipped scenarios
    assert {"yaml", "game.story.loader"} <= set(seen["after"])


def test_the_story_package_still_offers_the_loader_names():
    import game.story as story
    from game.story import loader

    for name in ("LoadResult", "find_scenarios", "load", "load_scenario"):
        assert getattr(story, name) is getattr(loader, name)
        assert name in story.__all__
