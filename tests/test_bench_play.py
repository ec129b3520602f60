"""The story benchmark's player loop (tools/bench_story.play): it reads the options offered,
takes only enabled ones, each as often as the others, and starts again at an ending."""
import collections
import sys

import pytest

from conftest import ROOT
from game.story import Run, load

sys.path.insert(0, str(ROOT / "tools"))
import bench_story  # noqa: E402


class Watched(Run):
    """A Run that notes, at each choice, how many options were enabled and which was taken."""

    picks: list[tuple[int, int]] = []
    endings: list[str] = []

    def choose(self, index):
        enabled = [view.index for view in self.choices if view.enabled]
        Watched.picks.append((len(enabled), enabled.index(index)))
        outcome = super().choose(index)
        if self.ended:
            Watched.endings.append(self.ending.id)
        return outcome


@pytest.fixture
def generated(tmp_path):
    bench_story.write_scenario(tmp_path, 60, seed=3)
    return load(tmp_path)


def test_play_takes_every_enabled_option_as_often_and_plays_each_run_to_an_ending(
        generated, monkeypatch):
    monkeypatch.setattr(bench_story, "Run", Watched)
    Watched.picks, Watched.endings = [], []
    made, _ = bench_story.play(generated, seed=5, runs=300)
    assert made == len(Watched.picks) and len(Watched.endings) == 300
    counts = collections.Counter(Watched.picks)
    for enabled in (2, 3):
        taken = [counts[enabled, position] for position in range(enabled)]
        assert min(taken) > 0.85 * sum(taken) / enabled, (enabled, taken)
    assert bench_story.play(generated, seed=5, runs=300)[0] == made  # seeded: the same runs


def test_play_stops_with_a_message_at_a_run_that_cannot_go_on(make_scenario):
    stuck = make_scenario("""\
        scenes:
          - id: a
            choices:
              - text: Only when trusted
                if: trust >= 90
                locked: Not yet.
                next: end
          - id: b
            next: end
        """)
    with pytest.raises(SystemExit, match="stuck at a"):
        bench_story.play(load(stuck), seed=1, runs=2)
