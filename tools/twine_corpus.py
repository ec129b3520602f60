"""Import every Twine story in a folder and say how each one fared: passages in, scenes and
endings out, links found and links lost (not made into choices), what the import report
counts as not converted, approximated and dropped, and check's errors and warnings. The
stories stay where they are; each is imported into a scenes folder in a temporary folder.
The machine's load average is printed beside the times.

    python tools/twine_corpus.py /tmp/twine-corpus            # each file or folder in it
    python tools/twine_corpus.py /tmp/twine-corpus --runs 50  # more random runs in check
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.check import check_paths  # noqa: E402
from game.twine import import_story  # noqa: E402
from game.twine.ids import slugify  # noqa: E402
from game.twine.read import TWEE_FILES, TwineError  # noqa: E402

COLUMNS = ("story", "format", "passages", "scenes", "endings", "links", "lost", "not conv.",
           "approx.", "dropped", "errors", "warnings", "seconds")


def load_average() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average unknown"


def stories(folder: Path) -> list[Path]:
    """Each Twine file in `folder`, and each subfolder (a project of Twee files)."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.is_dir() or path.suffix.lower() in TWEE_FILES + (".html", ".htm"):
            found.append(path)
    return found


def measure(source: Path, scenes: Path, runs: int) -> dict:
    row: dict = {"story": source.name}
    began = time.perf_counter()
    try:
        conversion = import_story(source, scenes / slugify(source.name))
    except TwineError as exc:
        row.update(format="refused", seconds=f"{time.perf_counter() - began:.2f}",
                   why=str(exc))
        return row
    took = time.perf_counter() - began
    statuses = [status for _, _, status, _ in conversion.records]
    report = check_paths([str(scenes / slugify(source.name))], runs, 1)
    entry = report["scenarios"][0] if report["scenarios"] else {"errors": [1], "warnings": []}
    row.update({
        "format": conversion.story.format or "?",
        "passages": len(conversion.story.passages),
        "scenes": len(conversion.chapter["scenes"]),
        "endings": len(conversion.chapter["endings"]),
        "links": conversion.links,
        "lost": conversion.links - conversion.kept,
        "not conv.": statuses.count("not converted"),
        "approx.": statuses.count("approximated"),
        "dropped": statuses.count("dropped"),
        "errors": len(entry["errors"]),
        "warnings": len(entry["warnings"]),
        "seconds": f"{took:.2f}"})
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of Twine stories")
    parser.add_argument("--runs", type=int, default=20, help="random runs per role in check")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        scenes = Path(temporary) / "scenes"
        scenes.mkdir()
        for source in stories(args.folder):
            rows.append(measure(source, scenes, args.runs))
            print(f"  {source.name}: done", file=sys.stderr)
    print(f"{len(rows)} stories from {args.folder} ({load_average()})\n")
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + " --- |" * len(COLUMNS))
    for row in rows:
        print("| " + " | ".join(str(row.get(column, "")) for column in COLUMNS) + " |")
    refused = [row for row in rows if row["format"] == "refused"]
    for row in refused:
        print(f"\nrefused: {row['story']}: {row['why']}")
    clean = [row for row in rows if row.get("errors") == 0]
    print(f"\n{len(clean)} of {len(rows)} import with no check errors "
          f"({100 * len(clean) // max(len(rows), 1)}%); {len(refused)} refused.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
