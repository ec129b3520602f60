"""What `python main.py import` tells the author: `report` is printed after an import, and
`import_report` is written as import-report.md beside the scenario, listing per passage what
was converted, approximated, dropped or could not be converted, with the source file:line.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..story.build import SCENARIO_FILE
from .convert import TAG, WHY
from .scenes import NOT_CONVERTED, ROLE
from .to_yaml import Conversion

REPORT_FILE = "import-report.md"
STATUSES = ("not converted", "approximated", "dropped", "converted")
_MOST_SHOWN = 40  # printed lines per kind; the file has them all


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def report(conversion: Conversion, source: Path | str, folder: Path | str) -> str:
    """What was converted, the effects to rewrite, what to fix, in words."""
    story, scenario, chapter = conversion.story, conversion.scenario, conversion.chapter
    names = [*scenario.get("variables", {}), *scenario.get("flags", {})]
    counts = (f"{_count(conversion.choices, 'link')} became choices, "
              f"{_count(conversion.conditions, 'choice')} with \"if:\" and "
              f"{_count(len(conversion.effects), 'change')} became effects.")
    tags = ('Tags are kept as "# tags:" comments above their scenes (the format has no tags key).'
            if any(conversion.tags.values()) else "No passage had tags.")
    made = (f"{_count(len(chapter['scenes']), 'scene')} and "
            f"{_count(len(chapter['endings']), 'ending')} from "
            f"{_count(len(story.passages), 'passage')}; the story starts at \"{story.start}\" "
            f'(scene {scenario["roles"][ROLE]["start"]}), played by one role, "{ROLE}".')
    story_format = f" ({story.format})" if story.format else ""
    files = ", ".join(name for name, _ in conversion.chapter_files())
    head = (f'Imported "{story.title}"{story_format} from {source} into {folder} '
            f"({SCENARIO_FILE}, {files}):")
    lines = [head, f"  {made}", f"  {counts}",
             "  Variables: " + (", ".join(names) or "none") + ".", f"  {tags}"]
    if conversion.moved:
        lines.append(f"  The folder that was there before was moved to {conversion.moved}.")
    tally = Counter(status for _, _, status, _ in conversion.records)
    lines.append("  Import report (" + ", ".join(f"{tally[s]} {s}" for s in STATUSES)
                 + f"): {Path(folder) / REPORT_FILE}")
    if conversion.effects:
        lines += ["", (f'Effects to rewrite ({len(conversion.effects)}): each says why: '
                       f'"{WHY}..." and tag: {TAG}. Say why in the player\'s words and choose '
                       "the principle it is about, for the changes made by:")]
        for why in conversion.effects[:_MOST_SHOWN]:
            name, where = conversion.origins[why]
            lines.append(f'  {where}: passage "{name}": {why[len(WHY):]}')
        if len(conversion.effects) > _MOST_SHOWN:
            lines.append(f"  ... and {len(conversion.effects) - _MOST_SHOWN} more")
    loud = [r for r in conversion.records if r[2] == "not converted"]
    if loud:
        lines += ["", f"Not converted ({len(loud)}): the story would play differently, so these "
                      f'are listed under "{NOT_CONVERTED}:" in their scenes and check fails until '
                      "you rewrite them:"]
        lines += [f"  {where}: passage \"{name}\": {what}" for name, where, _, what in
                  loud[:_MOST_SHOWN]]
    approximated = [r for r in conversion.records if r[2] == "approximated"]
    if approximated:
        lines += ["", f"Approximated ({len(approximated)}): the story plays the same, but "
                      "reads or looks a little different:"]
        lines += [f"  {where}: passage \"{name}\": {what}" for name, where, _, what in
                  approximated[:_MOST_SHOWN]]
        if len(approximated) > _MOST_SHOWN:
            lines.append(f"  ... and {len(approximated) - _MOST_SHOWN} more in {REPORT_FILE}")
    warnings = conversion.warnings
    lines += ["", f"Warnings ({len(warnings)}):" if warnings else "No warnings."]
    lines += [f"  {warning}" for warning in warnings]
    if conversion.notes:
        lines += ["", "Notes:"] + [f"  {note}" for note in conversion.notes]
    return shorten_data_urls("\n".join(lines))


def import_report(conversion: Conversion, source: Path | str, folder: Path | str) -> str:
    """import-report.md: per passage, what became of each piece, with its source line."""
    story = conversion.story
    tally = Counter(status for _, _, status, _ in conversion.records)
    lines = [f"# Import report: {story.title}", "",
             f"Imported from `{source}`" + (f" ({story.format})" if story.format else "")
             + f" into `{folder}` by `python main.py import`."
             + (f" The folder that was there before is in `{conversion.moved}`."
                if conversion.moved else ""), "",
             "| | count |", "| --- | --- |",
             f"| passages | {len(story.passages)} |",
             f"| scenes | {len(conversion.chapter['scenes'])} |",
             f"| endings | {len(conversion.chapter['endings'])} |",
             f"| choices | {conversion.choices} |"]
    lines += [f"| {status} | {tally[status]} |" for status in STATUSES]
    lines += ["", "**Not converted** means the story would play differently: the scene says so "
              f"under `{NOT_CONVERTED}:`, and `check` fails until it is rewritten. "
              "**Approximated** means it plays the same but reads or looks different. "
              "**Dropped** means it was left out (pictures, styles, scripts that change nothing "
              "in the story).", ""]
    by_passage: dict[str, list[tuple[str, str, str]]] = {}
    for name, where, status, what in conversion.records:
        by_passage.setdefault(name, []).append((where, status, what))
    for name, entries in by_passage.items():
        lines += [f"## {name}", ""]
        order = {status: index for index, status in enumerate(STATUSES)}
        for where, status, what in sorted(entries, key=lambda e: order[e[1]]):
            lines.append(f"- {status}: `{where}`: {_md(what)}")
        lines.append("")
    if conversion.warnings or conversion.notes:
        lines += ["## Warnings and notes", ""]
        lines += [f"- {_md(text)}" for text in conversion.warnings + conversion.notes]
        lines.append("")
    return shorten_data_urls("\n".join(lines))


# A data: URL holds a whole file (a picture, a sound) in the text: it is named, not copied.
_DATA_URL = re.compile(r"data:([\w.+-]+/[\w.+-]+)?((?:;[\w.+-]+(?:=[\w.+-]+)?)*),"
                       r"[^\s\"'()<>\[\]`|]*", re.IGNORECASE)


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    return f"{count / 1000:.1f} kB" if count >= 1000 else f"{count} bytes"


def shorten_data_urls(text: str) -> str:
    """Each data: URL in the text as a short description: its kind and its size."""
    def described(found: re.Match) -> str:
        body = len(found.group(0)) - found.group(0).index(",") - 1
        base64 = ";base64" in found.group(2).lower()
        size = body * 3 // 4 if base64 else body
        return f"(a {found.group(1) or 'text/plain'} file of {_size(size)} written into the story)"
    return _DATA_URL.sub(described, text) if "data:" in text.lower() else text


def _md(text: str) -> str:
    return re.sub(r"(?<!<)<(?=[A-Za-z/!])", r"\\<", text.replace("|", "\\|"))
