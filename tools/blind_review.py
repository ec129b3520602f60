"""A blind review of a scenario's scoring: does an independent reader, who sees only the text of
each scene and option, expect what the numbers say?

    python tools/blind_review.py export scenes/haven --out review/   # sheet.md + ratings.csv
    (the reader fills in ratings.csv: trust and outcome as -, 0 or +, and a rung)
    python tools/blind_review.py compare scenes/haven review/ratings.csv

The sheet shows each decision's scene (what a player reads before choosing) and its options in
a shuffled order, lettered, with no numbers, no rungs, no ids and no feedback. ratings.csv has
one row per option; its last column is the option's id, for `compare` (hide it from the reader
or ask them to ignore it). `compare` prints how often the
reader and the game agree on the direction of trust and outcome for each option, the options
where they point opposite ways (those need a second look), and how close the rungs are.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.story import load  # noqa: E402
from game.story.ladder import ABDICATION  # noqa: E402

COLUMNS = ("scenario", "role", "scene", "label", "text", "trust", "outcome", "rung", "option")
QUIET = 1  # a change of this size or less reads as "about the same"


def decisions(scenario):
    for scene in scenario.scenes.values():
        if scene.is_decision and len(scene.choices) > 1:
            yield scene


def export(folder: Path, out: Path, seed: int) -> None:
    scenario = load(folder)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    sheet = [f"# Blind review: {scenario.title}", "",
             "For each option, judge from its words alone, as the speech would: would it make the "
             "group trust each other and the process more (+), less (-) or about the same (0)? "
             "Would the thing being made be more useful and safe for the people who will use it "
             "(+), less (-) or about the same (0)? Which rung of the ladder is it at (0 Coercion, "
             "1 Educating, 2 Informing, 3 Consultation, 4 Engagement, 5 Co-design, "
             "6 Co-production, or abdication)? Fill in ratings.csv.", ""]
    rows = []
    for scene in decisions(scenario):
        role = scene.role or "any"
        sheet += [f"## {scene.id} ({role}): {scene.title}", ""]
        sheet += [(f"**{line.speaker}:** " if line.speaker else "") + line.text
                  for line in scene.lines if line.condition is None]
        sheet.append("")
        options = list(scene.choices)
        rng.shuffle(options)
        for letter, choice in zip("abcdefghi", options):
            # Letters, not ids: an id can hint at which option its author had in mind.
            sheet.append(f"- ({letter}) {choice.text}")
            rows.append({"scenario": scenario.id, "role": role, "scene": scene.id, "label": letter,
                         "text": choice.text, "trust": "", "outcome": "", "rung": "",
                         "option": choice.id or choice.text})
        sheet.append("")
    (out / "sheet.md").write_text("\n".join(sheet), encoding="utf-8")
    with open(out / "ratings.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"Wrote {out / 'sheet.md'} and {out / 'ratings.csv'} ({len(rows)} options).")


def _sign(amount: float) -> int:
    return 0 if abs(amount) <= QUIET else (1 if amount > 0 else -1)


def _reader_sign(text: str) -> int | None:
    text = text.strip()
    return {"+": 1, "-": -1, "0": 0, "−": -1}.get(text)


def compare(folder: Path, ratings: Path) -> int:
    scenario = load(folder)
    game = {}
    for scene in decisions(scenario):
        for choice in scene.choices:
            totals = {"trust": 0, "outcome": 0}
            for effect in choice.effects:
                if effect.name in totals and effect.op == "add":
                    totals[effect.name] += effect.value
            found = (totals, choice.rung, scene.role or "any")
            # by id, and by text too: a sheet made before options had ids still matches
            game[(scene.id, choice.text)] = found
            if choice.id:
                game[(scene.id, choice.id)] = found
    by_role: dict[str, dict[str, list[int]]] = {}
    opposite, rung_gaps, read = [], [], 0
    with open(ratings, newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            key = (row["scene"], row["option"])
            if key not in game:
                continue
            totals, rung, role = game[key]
            read += 1
            counts = by_role.setdefault(role, {"trust": [0, 0, 0], "outcome": [0, 0, 0]})
            for meter in ("trust", "outcome"):
                theirs, ours = _reader_sign(row[meter]), _sign(totals[meter])
                if theirs is None:
                    continue
                agree = 0 if theirs == ours else (2 if theirs * ours == -1 else 1)
                counts[meter][agree] += 1
                if agree == 2:
                    opposite.append(f"{row['scene']} / {row['option']}: {meter} reader "
                                    f"{row[meter]}, game {totals[meter]:+g}  ({row['text']})")
            given = row["rung"].strip().lower()
            if rung is not None and given:
                theirs = ABDICATION if given.startswith("abd") else int(given)
                rung_gaps.append(0 if theirs == rung else
                                 (9 if ABDICATION in (theirs, rung) else abs(theirs - rung)))
    print(f"{scenario.title}: {read} options rated")
    for role, counts in by_role.items():
        for meter, (same, near, against) in counts.items():
            total = same + near + against or 1
            print(f"  {role} {meter}: same direction {same * 100 / total:.0f}%, one of the two "
                  f"says 'about the same' {near * 100 / total:.0f}%, opposite {against * 100 / total:.0f}%")
    if rung_gaps:
        exact = sum(1 for g in rung_gaps if g == 0) * 100 / len(rung_gaps)
        close = sum(1 for g in rung_gaps if g <= 1) * 100 / len(rung_gaps)
        print(f"  rungs: the same {exact:.0f}%, within one rung {close:.0f}% "
              f"({sum(1 for g in rung_gaps if g == 9)} disagree about abdication)")
    if opposite:
        print("Options where the reader and the game point opposite ways:")
        for line in opposite:
            print("  " + line)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    out = commands.add_parser("export", help="write the reader's sheet and an empty ratings file")
    out.add_argument("scenario", type=Path)
    out.add_argument("--out", type=Path, required=True)
    out.add_argument("--seed", type=int, default=1, help="the order options are shuffled in")
    back = commands.add_parser("compare", help="compare a reader's ratings with the scoring")
    back.add_argument("scenario", type=Path)
    back.add_argument("ratings", type=Path)
    args = parser.parse_args()
    if args.command == "export":
        export(args.scenario, args.out, args.seed)
        return 0
    return compare(args.scenario, args.ratings)


if __name__ == "__main__":
    sys.exit(main())
