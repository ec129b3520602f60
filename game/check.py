"""`python main.py check`: load every scenario, explore it, report in words or as JSON."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from .files.parse_cache import user_cache
from .handouts.facts import read_money_facts
from .playtests import run_playtests
from .story import Problem, Scenario, find_scenarios, load_scenario
from .story.explore import MAX_STATES, explore
from .story.lesson import summary_lines
from .story.model import OBSTACLES
from .story.readability import NOTHING, Reading, measure
from .support import check_support
from .story.starts import check_starts


def check_paths(paths: list[str], runs: int = 1000, seed: int = 1,
                budget: int | None = None) -> dict:
    """The whole report, in the shape of the --json contract. `budget`: the states each
    search of every path may visit (None: explore.MAX_STATES)."""
    report: dict = {"ok": True, "scenarios": []}
    for given in paths:
        folders = find_scenarios(given)
        if not folders:
            report["scenarios"].append(_empty(given, Problem(
                given, 1, 1, "no scenario here (a scenario is a folder with a scenario.yaml)")))
            report["ok"] = False
        for folder in folders:
            entry = check_folder(folder, runs, seed, budget)
            report["ok"] = report["ok"] and not entry["errors"]
            report["scenarios"].append(entry)
    return report


def _empty(path: str, problem: Problem) -> dict:
    return {"id": Path(path).name, "title": "", "path": path, "roles": [], "scenes": 0,
            "endings": [], "errors": [problem.to_dict()], "warnings": [], "by_role": {},
            "_problems": [problem]}


def check_folder(folder: Path, runs: int, seed: int, budget: int | None = None) -> dict:
    result = load_scenario(folder, cache=user_cache())
    problems = list(result.problems) + result.alt_warnings  # pictures with no alt text
    # the files beside the scenario that the game reads too: its support lines and handouts
    problems.extend(check_support(folder))
    problems.extend(read_money_facts(folder).problems)
    scenario = result.scenario
    entry = {"id": result.id, "title": result.title, "path": str(folder),
             "roles": list(scenario.roles) if scenario else [],
             "scenes": len(scenario.scenes) if scenario else 0,
             "endings": [e.id for e in scenario.endings] if scenario else [],
             "by_role": {}}
    if scenario:
        reports, found = explore(scenario, runs=runs, seed=seed,
                                 max_states=budget or MAX_STATES)
        problems.extend(found)
        entry["by_role"] = {role: report.to_dict() for role, report in reports.items()}
        # True when the state search covered every reachable state of every role, so that
        # reachability is a proof rather than what was found in the states explored.
        entry["complete"] = all(report.proven for report in reports.values())
        entry["_lessons"] = {role: report.lesson for role, report in reports.items()}
        for role, report in reports.items():
            entry["by_role"][role]["obstacles"] = obstacle_decisions(
                scenario, report.reachable_scenes | report.random_scenes)
        entry["reading"], hard = scenario_reading(scenario)
        entry["words"] = entry["reading"]["words"]  # every word a player can read
        problems.extend(hard)
        playtests = run_playtests(scenario)
        entry["playtests"] = [result.to_dict() for result in playtests]
        problems.extend(problem for result in playtests for problem in result.problems)
        starts, working = check_starts(scenario)  # each chapter start replayed to its chapter
        entry["starts"] = [{"chapter": s.chapter, "number": s.number, "role": s.role,
                            "choices": len(s.choose), "reaches": s in working}
                           for s in starts.starts]
        problems.extend(starts.problems)
    problems.sort(key=lambda p: (p.file, p.line, p.column))
    entry["errors"] = [p.to_dict() for p in problems if p.severity == "error"]
    entry["warnings"] = [p.to_dict() for p in problems if p.severity == "warning"]
    entry["_problems"] = problems
    return entry


def obstacle_decisions(scenario: Scenario, scenes: set[str]) -> dict[str, int]:
    """How many decisions among `scenes` are about each obstacle (from their `obstacles:`)."""
    counts = dict.fromkeys(OBSTACLES, 0)
    for scene_id in scenes:
        scene = scenario.scenes[scene_id]
        if scene.is_decision:
            for obstacle in scene.obstacles:
                counts[obstacle] += 1
    return counts


def scenario_texts(scenario: Scenario) -> list[tuple[str | None, str]]:
    """Every text a player can read, with the scene it belongs to (None: intros, endings)."""
    texts: list[tuple[str | None, str]] = [(None, role.intro) for role in scenario.roles.values()]
    for scene in scenario.scenes.values():
        texts += [(scene.id, line.text) for line in scene.lines]
        texts += [(scene.id, part) for choice in scene.choices if scene.is_decision
                  for part in (choice.text, choice.feedback) if part]
    texts += [(None, ending.text) for ending in scenario.endings]
    return texts


HARDER_BY = 20      # Flesch points below the scenario's own score ...
HARD_BELOW = 60     # ... and below plain English
HARD_MIN_WORDS = 40  # short scenes swing too much to judge


def scenario_reading(scenario: Scenario) -> tuple[dict, list[Problem]]:
    """Words and Flesch reading ease for the scenario and each scene, and a warning for each
    scene much harder to read than the rest."""
    per_scene: dict[str, Reading] = {}
    total = NOTHING
    for scene_id, text in scenario_texts(scenario):
        reading = measure(text)
        total += reading
        if scene_id is not None:
            per_scene[scene_id] = per_scene.get(scene_id, NOTHING) + reading
    report = {"words": total.words, "sentences": total.sentences, "flesch": total.flesch,
              "scenes": {sid: {"words": r.words, "flesch": r.flesch} for sid, r in per_scene.items()}}
    problems = []
    for scene_id, reading in per_scene.items():
        if (reading.words >= HARD_MIN_WORDS and reading.flesch < HARD_BELOW
                and reading.flesch < total.flesch - HARDER_BY):
            file, line, column = scenario.scenes[scene_id].at
            problems.append(Problem(file, line, column,
                                    f'scene "{scene_id}" is much harder to read than the rest '
                                    f"(reading ease {reading.flesch:g}, against {total.flesch:g} for "
                                    "the scenario): shorter sentences and everyday words help",
                                    "warning"))
    return report, problems


def run_check(paths: list[str], as_json: bool, runs: int, seed: int, out: TextIO,
              budget: int | None = None) -> int:
    report = check_paths(paths, runs, seed, budget)
    if as_json:
        for entry in report["scenarios"]:
            entry.pop("_problems", None)
            entry.pop("_lessons", None)
        json.dump(report, out, indent=2)
        out.write("\n")
        return 0 if report["ok"] else 1
    for entry in report["scenarios"]:
        for problem in entry.pop("_problems", None) or []:
            print(problem, file=out)
        errors, warnings = len(entry["errors"]), len(entry["warnings"])
        verdict = "OK" if not errors else "HAS ERRORS"
        print(f'{entry["path"]}: "{entry["title"]}": {entry["scenes"]} scenes, '
              f'{len(entry["endings"])} endings: {verdict} ({_count(errors, "error")}, '
              f'{_count(warnings, "warning")})',
              file=out)
        if entry.get("reading"):
            reading = entry["reading"]
            print(f'  {reading["words"]:,} words; reading ease {reading["flesch"]:g} '
                  "(Flesch; 60 and above is plain English)", file=out)
        if entry.get("playtests"):
            passed = sum(1 for test in entry["playtests"] if test["passed"])
            print(f'  playtests: {passed} of {len(entry["playtests"])} passed', file=out)
        if entry.get("starts"):
            reached = sum(1 for start in entry["starts"] if start["reaches"])
            print(f'  chapter starts: {reached} of {len(entry["starts"])} reach their chapters',
                  file=out)
        for role, data in entry["by_role"].items():
            print(_role_line(role, entry, data), file=out)
            lesson = entry.get("_lessons", {}).get(role)
            if lesson is not None:
                print("\n".join(summary_lines(lesson)), file=out)
    total = sum(len(e["errors"]) for e in report["scenarios"])
    print(f"{_count(len(report['scenarios']), 'scenario')} checked, {_count(total, 'error')}.",
          file=out)
    return 0 if report["ok"] else 1


def _role_line(role: str, entry: dict, data: dict) -> str:
    random = data["random_runs"]
    runs = random["runs"] or 1  # percentages of the runs actually made
    odds = ", ".join(f"{ending} {count * 100 / runs:.0f}%"
                     for ending, count in random["ending_counts"].items())
    reachable = len(data["reachable_endings"])
    possible = reachable + len(data["unreachable_endings"])
    choices, words = random["choices_per_run"], random["words_per_run"]
    search = data["search"]
    lines = [f"  {role}: reaches {reachable} of {possible} endings ("
             + ("every state searched, so this is a proof)" if search["complete"] else
                f"the search stopped at its budget of {search['budget']:,} states)")]
    if data["dead_ends"]:
        lines.append("    dead ends: " + ", ".join(data["dead_ends"]))
    if data["unreachable_scenes"]:
        label = ("unreachable scenes" if search["scenes_complete"]
                 else "scenes not reached within the search budget")
        lines.append(f"    {label}: " + ", ".join(data["unreachable_scenes"]))
    if data["unreachable_endings"] and not search["endings_complete"]:
        lines.append("    endings not reached within the search budget: "
                     + ", ".join(data["unreachable_endings"]))
    lines.append(f"    {random['runs']} random runs (seed {random['seed']}): {odds or 'no endings'}")
    unfinished = [f"{random[key]} {words}" for key, words in (
        ("stuck_runs", "stuck at a dead end"), ("trapped_runs", "caught with no way to an ending"),
        ("endless_runs", "still going after the step limit")) if random.get(key)]
    if unfinished:
        lines.append("    runs that did not finish: " + ", ".join(unfinished))
    lines.append(f"    choices per run {choices['min']}-{choices['max']} (median {choices['median']:g}), "
                 f"words per run {words['min']}-{words['max']} (median {words['median']:g})")
    meters = random["meters"]
    lines.append("    final meters: " + ", ".join(
        f"{name} {m['min']:g} to {m['max']:g}" for name, m in meters.items()))
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
