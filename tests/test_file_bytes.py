"""Reading a file's bytes (game/story/file_bytes.py): memory in proportion to the file, and a
file that grows after it was looked at is still read whole, or refused past the cap."""
import os
import tracemalloc

import pytest

from game.story import file_bytes
from game.story.file_bytes import DamagedFile, read_bytes


def test_a_small_file_costs_memory_in_proportion_to_itself_not_to_the_cap(tmp_path):
    small = tmp_path / "record.json"
    small.write_bytes(b"{}" * 500)
    tracemalloc.start()
    try:
        for _ in range(5):
            assert len(read_bytes(small)) == 1000
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 256 * 1024  # asking for the 8 MB cap every time peaked at 8 MB


def _stat_saying_size(monkeypatch, size):
    real = os.fstat

    def smaller(handle):
        info = list(real(handle))
        info[6] = size  # st_size, as if taken before the file grew
        return os.stat_result(info)
    monkeypatch.setattr(file_bytes.os, "fstat", smaller)


def test_a_file_that_grows_after_it_was_looked_at_is_read_whole(tmp_path, monkeypatch):
    grown = tmp_path / "grown.yaml"
    grown.write_bytes(b"x" * 5000)
    _stat_saying_size(monkeypatch, 10)
    assert read_bytes(grown, max_bytes=8000) == b"x" * 5000


def test_a_file_that_grows_past_the_cap_after_it_was_looked_at_is_refused(tmp_path, monkeypatch):
    grown = tmp_path / "grown.yaml"
    grown.write_bytes(b"x" * 9000)
    _stat_saying_size(monkeypatch, 10)
    with pytest.raises(DamagedFile, match="far too large"):
        read_bytes(grown, max_bytes=8000)
