"""Benchmark `python main.py import` (issue 16's goals): a generated 2,000-passage story
imported in under 2 s, and the sentence with 14 inline conditionals converted in under 0.1 s.
Each figure is CPU time (time.process_time), the best of several tries, with the parts of the
import (reading, converting, the chapter files, writing and the import report) beside it and
the machine's load average, since other work on the machine slows the wall clock.

    python tools/bench_twine.py              # best of 3
    python tools/bench_twine.py --tries 5 --passages 6000
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.twine.convert import convert  # noqa: E402
from game.twine.importer import import_story  # noqa: E402
from game.twine.read import parse_twee, read_story  # noqa: E402
from game.twine.report import import_report, report  # noqa: E402

GOAL_IMPORT_S = 2.0
GOAL_SENTENCE_S = 0.1


def load_average() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average not known"


def generated_story(passages: int) -> str:
    """A SugarCube story of `passages` passages, each with a change, a test with two links, a
    link back and about 1,800 characters of text (the shape of the import tests' big story)."""
    words = "Tea and talk in the drop-in centre. " * 50
    parts = [':: StoryData\n{"start": "P0", "format": "SugarCube"}\n']
    for i in range(passages):
        parts.append(f":: P{i}\n<<set $n += 1>>{words}\n<<if $n gt {i % 7}>>[[On->P{i + 1}]]"
                     f"<<else>>[[Wait->P{(i + 2) % passages}]]<</if>>\n"
                     f"[[Back->P{max(i - 1, 0)}]]\n")
    return "".join(parts) + f":: P{passages}\nThe end.\n"


def fourteen_conditionals() -> str:
    sentence = " ".join(f"<<if $m>>him{i}<<else>>her{i}<</if>>" for i in range(14))
    return f":: Start\n<<set $m to true>>{sentence}\n[[On->End]]\n:: End\nEnd.\n"


def best(tries: int, work) -> tuple[float, object]:
    """The least CPU time of `tries` runs of work(), and what the last run gave."""
    times, result = [], None
    for _ in range(tries):
        began = time.process_time()
        result = work()
        times.append(time.process_time() - began)
    return min(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tries", type=int, default=3)
    parser.add_argument("--passages", type=int, default=2000)
    args = parser.parse_args(argv)
    print(f"Twine import benchmark, CPU time, best of {args.tries} ({load_average()})")
    with tempfile.TemporaryDirectory() as temp:
        source = Path(temp) / "big.twee"
        source.write_text(generated_story(args.passages), encoding="utf-8")
        size = source.stat().st_size
        read_s, story = best(args.tries, lambda: read_story(source))
        convert_s, conversion = best(args.tries, lambda: convert(story, "big"))
        files_s, files = best(args.tries, lambda: (conversion.made.clear(),
                                                   conversion.chapter_files())[1])
        report_s, _ = best(args.tries, lambda: (report(conversion, source, "scenes/big"),
                                                import_report(conversion, source, "scenes/big")))
        counter = iter(range(args.tries))
        whole_s, whole = best(args.tries, lambda: import_story(
            source, Path(temp) / "scenes" / f"big-{next(counter)}"))
    print(f"  {args.passages:,} passages ({size / 1_048_576:.1f} MB of Twee) into "
          f"{len(whole.chapter['scenes']):,} scenes, {len(files)} chapter files "
          f"({', '.join(f'{len(text) / 1_048_576:.2f} MB' for _, text in files)})")
    print(f"  whole import (read, convert, write, import report): {whole_s:.3f} s "
          f"(goal under {GOAL_IMPORT_S} s for 2,000 passages) "
          f"{'ok' if whole_s < GOAL_IMPORT_S * args.passages / 2000 else 'SLOW'}")
    print(f"    read {read_s:.3f} s, convert {convert_s:.3f} s, chapter files {files_s:.3f} s, "
          f"reports {report_s:.3f} s")
    text = fourteen_conditionals()
    sentence_s, converted = best(max(args.tries, 5),
                                 lambda: convert(parse_twee(text, "story.twee"), "story"))
    lines = converted.chapter["scenes"][0].get("lines", [])
    print(f"  14 inline conditionals in one sentence: {sentence_s * 1000:.1f} ms, "
          f"{len(lines)} lines (goal under {GOAL_SENTENCE_S * 1000:.0f} ms) "
          f"{'ok' if sentence_s < GOAL_SENTENCE_S else 'SLOW'}")
    print(f"  ({load_average()} at the end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
