"""Reports from session records: `python main.py report RECORD... --out FILE.html`.

One self-contained HTML page (a debrief for one record, two runs side by side, or a room
report for many) and a CSV of every decision beside it. Pure Python; never imports pygame.
The parts: collect (read records, find scenarios, replay), readings (what a record says),
room and compare (plain data), the *_html modules and page/charts/svg_charts (the page),
csv_out, build (putting a report together) and command (the command line).
"""
from .compare import Comparison, compare

__all__ = ["Comparison", "Report", "Shelf", "build_report", "compare", "write_report"]
_BUILD = ("Report", "build_report", "write_report")


def __getattr__(name: str):
    """The page-building names, imported when first used: the window imports this package for
    its ladder and readings at start-up, and the HTML parts would more than double that."""
    if name in _BUILD:
        from . import build
        return getattr(build, name)
    if name == "Shelf":  # it finds and loads scenarios: the loader and YAML come with it
        from .collect import Shelf
        return Shelf
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
