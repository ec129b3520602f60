"""Import every Twine story in a folder and say how each one fared: passages in, scenes and
endings out, links found and links lost (not made into choices), what the import report
counts as not converted, approximated and dropped, and check's errors and warnings. The
stories stay where they are; each is imported into a scenes folder in a temporary folder.
The import's CPU time is given, and the machine's load average is printed beside it.

    python tools/twine_corpus.py /tmp/twine-corpus            # each file or folder in it
    python tools/twine_corpus.py /tmp/twine-corpus --runs 50  # more random runs in check
    python tools/twine_corpus.py /tmp/twine-corpus --details out/  # each story's messages
    python tools/twine_corpus.py /tmp/twine-corpus --json corpus.json
    python tools/twine_corpus.py /tmp/twine-corpus --causes         # what blocks, grouped
    python tools/twine_corpus.py /tmp/twine-corpus --compare old.json  # what changed since

--details writes one Markdown file per story: check's errors and warnings (with the scene
file:line) and every import record that is not plain "converted" (passage, source place,
status, what). --json writes the table rows with the same lists, for comparing two runs.
--causes groups what keeps stories from passing check (each "not converted" record and each
check error other than the not-converted one) by its kind, most stories first, with one
source place for each. --compare reads an earlier --json file and says which stories'
error counts changed, and which passed or stopped passing.

Exit status: 0 when every story was measured; 1 when the import raised on a story (its row
says "crashed", with the exception and where; the other stories are still measured); 2 when
the folder or the --compare file cannot be read.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.check import check_paths  # noqa: E402
from game.files.write import write_text_atomic  # noqa: E402
from game.twine import import_story  # noqa: E402
from game.twine.ids import slugify  # noqa: E402
from game.twine.read import TWEE_FILES, TwineError  # noqa: E402

COLUMNS = ("story", "format", "passages", "scenes", "endings", "links", "lost", "not conv.",
           "approx.", "dropped", "errors", "warnings", "import cpu s")


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
    """The table row for one story, with "messages" (check's errors and warnings) and
    "records" (what the import did not convert exactly) for --details and --json."""
    row: dict = {"story": source.name, "messages": [], "records": []}
    began = time.process_time()  # CPU time: wall clock depends on the load
    try:
        conversion = import_story(source, scenes / slugify(source.name))
    except TwineError as exc:
        row.update({"format": "refused", "why": str(exc),
                    "import cpu s": f"{time.process_time() - began:.2f}"})
        return row
    except Exception as exc:  # noqa: BLE001 - a crash is what this tool is here to find
        place = traceback.extract_tb(exc.__traceback__)[-1]
        row.update({"format": "crashed", "import cpu s": f"{time.process_time() - began:.2f}",
                    "why": f"{type(exc).__name__}: {exc} "
                           f"(at {Path(place.filename).name}:{place.lineno})"})
        return row
    took = time.process_time() - began
    statuses = [status for _, _, status, _ in conversion.records]
    report = check_paths([str(scenes / slugify(source.name))], runs, 1)
    entry = report["scenarios"][0] if report["scenarios"] else {
        "errors": [{"file": "", "line": 0, "column": 0, "message": "no scenario written"}],
        "warnings": []}
    for level in ("errors", "warnings"):
        for problem in entry[level]:
            where = Path(problem["file"]).name if problem["file"] else ""
            row["messages"].append({"kind": level[:-1], "where":
                                    f"{where}:{problem['line']}:{problem['column']}",
                                    "message": problem["message"]})
    row["records"] = [{"passage": passage, "where": where, "status": status, "what": what}
                      for passage, where, status, what in conversion.records
                      if status != "converted"]
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
        "import cpu s": f"{took:.2f}"})
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of Twine stories")
    parser.add_argument("--runs", type=int, default=20, help="random runs per role in check")
    parser.add_argument("--details", type=Path, metavar="FOLDER",
                        help="write each story's messages and import records here")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the rows as JSON")
    parser.add_argument("--causes", action="store_true",
                        help="print what blocks the stories, grouped by kind")
    parser.add_argument("--compare", type=Path, metavar="FILE",
                        help="an earlier --json file: say what changed since")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: not a folder of Twine stories", file=sys.stderr)
        return 2
    earlier = None
    if args.compare:
        try:
            earlier = json.loads(args.compare.read_text(encoding="utf-8"))["rows"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(f"{args.compare}: not a --json file of this tool ({exc})", file=sys.stderr)
            return 2
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
    crashed = [row for row in rows if row["format"] == "crashed"]
    for row in refused + crashed:
        print(f"\n{row['format']}: {row['story']}: {row['why']}")
    clean = [row for row in rows if row.get("errors") == 0]
    print(f"\n{len(clean)} of {len(rows)} import with no check errors "
          f"({100 * len(clean) // max(len(rows), 1)}%); {len(refused)} refused"
          + (f"; {len(crashed)} CRASHED (the import raised)." if crashed else "."))
    if args.causes:
        print(causes(rows))
    if earlier is not None:
        print(compare(earlier, rows))
    if args.details:
        for row in rows:
            write_text_atomic(args.details / f"{row['story']}.md", details(row))
    if args.json:
        write_text_atomic(args.json, json.dumps({"load": load_average(), "rows": rows},
                                                indent=1, ensure_ascii=False))
    return 1 if crashed else 0


NOT_CONVERTED_KEY = "unknown key \"not_converted\""  # check's error for a not-converted piece


def blocker_kind(text: str) -> str:
    """What a message is about, with its particulars taken out: the macro or markup it starts
    with, then its words with quoted text, variables and numbers replaced by "_"."""
    head = re.match(r"\s*(<<\w+|\(\w[\w-]*:|\[\[|<%=?|<script|\{[\w ]+|\$\w+)", text)
    words = re.sub(r'"[^"]*"|`[^`]*`|\$[\w.]+|_\w+|\d+', "_", text)
    if not head:
        return words.strip()[:90]
    # the macro's own text is particular; what is said about it is the kind
    words = re.sub(r"^.*?(?=\b(is|are|goes|in|shows|happens|lets|changes|can|its)\b)", "", words)
    return f"{head.group(1)} ... {words.strip()[:90]}"


def causes(rows: list[dict]) -> str:
    """The kinds of blockers, most stories first: occurrences, stories, one source place."""
    found: dict[str, dict] = defaultdict(lambda: {"count": 0, "stories": set(), "example": ""})
    for row in rows:
        blockers = [(r["where"], r["what"]) for r in row["records"]
                    if r["status"] == "not converted"]
        blockers += [(m["where"], m["message"]) for m in row["messages"]
                     if m["kind"] == "error" and NOT_CONVERTED_KEY not in m["message"]]
        for where, what in blockers:
            entry = found[blocker_kind(what)]
            entry["count"] += 1
            entry["stories"].add(row["story"])
            entry["example"] = entry["example"] or f"{where}: {what[:120]}"
    lines = ["", "what blocks the stories (occurrences / stories / kind / one place):"]
    for name, entry in sorted(found.items(), key=lambda kv: (-len(kv[1]["stories"]),
                                                             -kv[1]["count"], kv[0])):
        lines.append(f"  {entry['count']:5} {len(entry['stories']):3}  {name}")
        lines.append(f"             e.g. {entry['example']}")
    return "\n".join(lines)


def compare(earlier: list[dict], rows: list[dict]) -> str:
    """Which stories' check errors changed since an earlier run, and which now pass or fail."""
    before = {row["story"]: row.get("errors") for row in earlier}
    lines = ["", "since the earlier run:"]
    for row in rows:
        old, new = before.get(row["story"], "new"), row.get("errors", row["format"])
        if old != new:
            change = ("now passes" if new == 0 else "STOPPED PASSING" if old == 0 else "")
            lines.append(f"  {row['story']}: errors {old} -> {new} {change}".rstrip())
    gone = sorted(set(before) - {row["story"] for row in rows})
    lines += [f"  {story}: not in this run" for story in gone]
    if len(lines) == 2:
        lines.append("  no story's error count changed")
    return "\n".join(lines)


def details(row: dict) -> str:
    """One story's check messages and import records as Markdown."""
    lines = [f"# {row['story']}", ""]
    lines += [f"{column}: {row[column]}" for column in COLUMNS[1:] if column in row]
    if row.get("why"):
        lines.append(f"{row['format']}: {row['why']}")
    lines += ["", "## check", ""]
    lines += [f"- {m['kind']} {m['where']}: {m['message']}" for m in row["messages"]]
    lines += ["", "## import records (all but converted)", ""]
    lines += [f"- {r['status']}: {r['passage']} ({r['where']}): {r['what']}"
              for r in row["records"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
