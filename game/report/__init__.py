"""Reports from session records: `python main.py report RECORD... --out FILE.html`.

One self-contained HTML page (a debrief for one record, two runs side by side, or a room
report for many) and a CSV of every decision beside it. Pure Python; never imports pygame.
The parts: collect (read records, find scenarios, replay), readings (what a record says),
room and compare (plain data), the *_html modules and page/charts/svg_charts (the page),
csv_out, build (putting a report together) and command (the command line).
"""
from .build import Report, build_report, write_report
from .collect import Shelf
from .compare import Comparison, compare

__all__ = ["Comparison", "Report", "Shelf", "build_report", "compare", "write_report"]
