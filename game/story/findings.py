"""What the checker tells an author after exploring every role: dead ends, loops with no way
out, endings and scenes no one reaches, scenes showing more choices at once than the number
keys reach, options that win on every meter, and the limits hit.

`judge` reads the reports of the state search and the random runs, completes them (what each
role reaches, and does not), and returns the problems, each at the scene or ending it is about.
"""
from __future__ import annotations

from .crowding import MAX_SHOWN, most_shown
from .model import Scenario
from .problems import Problem
from .random_runs import MAX_RANDOM_CHOICES, MAX_STEPS
from .role_report import RoleReport
from .scene_graph import graph_reach


def judge(scenario: Scenario, reports: dict[str, RoleReport], runs: int) -> list[Problem]:
    """The problems found in `reports` (errors and warnings). Also fills in each report's
    unreachable scenes and endings, and adds what the random runs reached to what it reaches."""
    problems: list[Problem] = []

    def add(at: tuple, message: str, severity: str = "error") -> None:
        problems.append(Problem(at[0], at[1], at[2], message, severity))

    everywhere = set().union(*(r.reachable_scenes | r.random_scenes for r in reports.values()))
    endings_reached = set().union(*(r.reachable_endings for r in reports.values()))
    # What was not reached is a proof of "cannot be reached" only when every search finished;
    # otherwise it is only what the search budget allowed, and the message says so.
    scenes_settled = all(r.complete for r in reports.values())
    endings_settled = all(r.endings_complete for r in reports.values())
    explored = sum(r.states + r.ending_states for r in reports.values())
    for role, report in reports.items():
        report.reachable_endings |= set(report.random.get("ending_counts", {}))
        report.reachable_scenes |= report.random_scenes
        linked = graph_reach(scenario, scenario.roles[role].start)
        report.unreachable_scenes = sorted(
            sid for sid, scene in scenario.scenes.items()
            if sid not in report.reachable_scenes and (scene.role == role or sid in linked))
        report.unreachable_endings = [e.id for e in scenario.endings
                                      if e.applies_to(role) and e.id not in report.reachable_endings]
        if report.trapped_scenes:
            first = sorted(report.trapped_scenes)[0]
            add(scenario.scenes[first].at, f"{role} can get caught in a loop with no way to any "
                "ending, at scene " + ", ".join(f'"{s}"' for s in sorted(report.trapped_scenes)[:5]))
        for scene_id, ending_id in sorted(report.wrong_endings):
            add(scenario.scenes[scene_id].at, f'scene "{scene_id}" leads {role} straight to the '
                f'ending "{ending_id}", which is not for {role} (see its roles:)')
        for scene_id in sorted(report.wrong_role_scenes):
            add(scenario.scenes[scene_id].at, f'scene "{scene_id}" is marked "role: '
                f'{scenario.scenes[scene_id].role}", but {role} can reach it')
        for scene_id in sorted(report.dead_ends):
            add(scenario.scenes[scene_id].at, f'scene "{scene_id}" is a dead end for {role}: '
                "there is a way to arrive here with every choice hidden or locked")
        if report.random.get("endless_runs"):
            add(scenario.scenes[scenario.roles[role].start].at,
                f"{report.random['endless_runs']} random {role} runs went on for {MAX_STEPS} "
                "choices without an ending: the story can go round in circles", "warning")
        unreached = set() if report.doomed else report.reachable_scenes - report.random_scenes
        for scene_id in sorted(unreached):
            add(scenario.scenes[scene_id].at, f'no random {role} run reached scene "{scene_id}" '
                f"in {runs} runs: it may be very hard to reach", "warning")
        for scene_id, text in sorted(report.dominated.items()):
            add(scenario.scenes[scene_id].at, f'in scene "{scene_id}" ({role}), "{text}" is at least '
                "as good as every other option on every number, its costs included: a dilemma "
                "should cost something (time, money, energy, comfort or standing)", "warning")
        if report.lesson is not None:
            problems.extend(report.lesson.warnings)
        if report.random["runs"] < report.random["requested_runs"]:
            add(scenario.scenes[scenario.roles[role].start].at,
                f"{role}: made {report.random['runs']} of {report.random['requested_runs']} random "
                f"runs before the limit of {MAX_RANDOM_CHOICES:,} choices; the runs are long",
                "warning")
        if not report.complete:
            add(scenario.scenes[scenario.roles[role].start].at, f"{role}: the search stopped at "
                f"its budget of {report.budget:,} states, so dead ends and loops were looked for "
                f"only in the {report.states:,} states explored, and a scene not reached within "
                "the search budget may still be reachable", "warning")
        elif not report.endings_complete and report.unreachable_endings:
            add(scenario.scenes[scenario.roles[role].start].at, f"{role}: the search for the "
                f"endings not yet reached stopped at its budget of {report.budget:,} states; "
                "they may still be reachable", "warning")
    for scene_id, scene in scenario.scenes.items():
        if scene_id not in everywhere:
            add(scene.at, f'no role can reach scene "{scene_id}"' if scenes_settled else
                f'scene "{scene_id}" was not reached within the search budget ({explored:,} '
                "states) or by the random runs; it may still be reachable", "warning")
    for ending in scenario.endings:
        if ending.id not in endings_reached and not any(
                ending.id in r.reachable_endings for r in reports.values()):
            if endings_settled:
                add(ending.at, f'no role can reach the ending "{ending.id}"')
            else:
                add(ending.at, f'the ending "{ending.id}" was not reached within the search '
                    f"budget ({explored:,} states) or by the random runs; it may still be "
                    "reachable", "warning")
    problems.extend(_crowding(scenario, reports))
    moments: dict[str, set[str]] = {}
    for role, report in reports.items():
        for scene_id in report.reachable_scenes:
            moment = scenario.scenes[scene_id].moment
            if moment:
                moments.setdefault(moment, set()).add(role)
    if len(scenario.roles) > 1:
        for moment, roles in sorted(moments.items()):
            if len(roles) == 1:
                scene = next(s for s in scenario.scenes.values() if s.moment == moment)
                add(scene.at, f'the moment "{moment}" only happens for {next(iter(roles))}; '
                    "mirror it with a scene in the other role", "warning")
    return problems


def _crowding(scenario: Scenario, reports: dict[str, RoleReport]) -> list[Problem]:
    """At most MAX_SHOWN choices of a scene may show at once. A scene that lists no more, or
    whose conditions keep enough of them apart (crowding.py), needs nothing else; for the
    others a state where more show is an error (it is a real run), and a search that stopped
    at its budget without finding one proves nothing, which a warning says."""
    problems = []
    for scene_id, scene in scenario.scenes.items():
        if len(scene.choices) <= MAX_SHOWN or most_shown(scene) <= MAX_SHOWN:
            continue
        unsure = []
        for role, report in reports.items():
            shown = report.crowded.get(scene_id)
            if shown:
                problems.append(Problem(*scene.at, f'scene "{scene_id}" can show {role} '
                                        f"{len(shown)} choices at once, and at most {MAX_SHOWN} "
                                        "may show (the number keys 1-9): " + "; ".join(
                                            f"{n}. {text}" for n, text in enumerate(shown, 1)),
                                        "error"))
            elif not report.complete:
                unsure.append(role)
        if unsure:
            problems.append(Problem(*scene.at, f'scene "{scene_id}" lists {len(scene.choices)} '
                                    f"choices; that at most {MAX_SHOWN} of them show at once to "
                                    f"{' or '.join(unsure)} could not be proven within the search "
                                    f"budget ({reports[unsure[0]].budget:,} states): make sure "
                                    "their conditions keep the others apart", "warning"))
    return problems
