"""At most 9 choices of a scene show at once (the number keys 1-9); a scene may list up to 18
when some never show together. The schema caps the list; `check` proves the 9."""
import io

from conftest import MINIMAL_SCENES
from game.check import run_check
from game.story import load, load_scenario
from game.story.conditions import parse_condition
from game.story.crowding import most_shown
from game.story.explore import explore
from game.story.model import Choice, Scene
from test_twine import convert_twee, write_and_load

TRUST = {"trust": "number"}


def listed(count: int, condition: str, word: str) -> str:
    """`count` choices of scene "s", each shown when `condition` holds, ending the story."""
    test = f"        if: {condition}\n" if condition else ""
    return "".join(f"      - text: {word} {n}\n{test}        next: end\n"
                   for n in range(1, count + 1))


def shared_scene(first: str, second: str, before: str = "s") -> str:
    """Both roles come to scene "s": the professional after trust went up or down by 20, the
    service user with trust at 50 (through `before`). "s" lists 6 + 6 choices."""
    scenes = MINIMAL_SCENES.replace("        next: end\n      - text: Down", "        next: s\n"
                                    "      - text: Down").replace("          - outcome: +5\n"
                                    "            why: Faster\n            tag: purpose\n"
                                    "        next: end", "          - outcome: +5\n            why: "
                                    "Faster\n            tag: purpose\n        next: s")
    scenes = scenes.replace("  - id: b\n    next: end\n", f"  - id: b\n    next: {before}\n")
    return scenes + "  - id: s\n    choices:\n" + listed(6, first, "High") + listed(6, second, "Low")


def problems_of(folder, max_states: int = 20_000) -> list:
    _, problems = explore(load(folder), runs=0, max_states=max_states, parallel=False,
                          lesson=False)
    return problems


def test_the_schema_takes_a_list_of_18_and_refuses_19(make_scenario):
    twelve = shared_scene("trust >= 60", "trust < 60")
    assert load_scenario(make_scenario(scenes=twelve)).scenario is not None
    nineteen = twelve + listed(7, "", "More")
    result = load_scenario(make_scenario(scenes=nineteen))
    assert result.scenario is None
    assert any("a scene lists from 1 to 18 choices" in p.message for p in result.problems)


def test_ten_shown_at_once_is_an_error_naming_the_scene_the_role_and_the_choices(make_scenario):
    # at trust 50 (the service user) both halves hold: 12 show; the professional sees 6
    folder = make_scenario(scenes=shared_scene("trust >= 40", "trust < 60"))
    crowded = [p for p in problems_of(folder) if "choices at once" in p.message]
    assert len(crowded) == 1, crowded
    problem = crowded[0]
    assert problem.severity == "error"
    assert problem.message.startswith('scene "s" can show service_user 12 choices at once, and '
                                      "at most 9 may show (the number keys 1-9): 1. High 1; ")
    assert "12. Low 6" in problem.message
    assert problem.file.endswith("1-scenes.yaml")
    lines = (folder / "1-scenes.yaml").read_text().splitlines()
    assert lines[problem.line - 1].strip() == "- id: s"


def test_twelve_listed_that_never_show_more_than_six_together_pass(make_scenario):
    # the conditions are not each other's opposite in words, so the search has to prove it
    folder = make_scenario(scenes=shared_scene("trust >= 60", "trust < 60"))
    assert most_shown(load(folder).scenes["s"]) == 12
    problems = problems_of(folder)
    assert not [p for p in problems if "choices" in p.message], problems


def test_a_search_stopped_at_its_budget_says_it_could_not_prove_the_cap(make_scenario):
    corridor = "".join(f"  - id: c{i}\n    next: c{i + 1}\n" for i in range(6)) + \
        "  - id: c6\n    next: s\n"
    folder = make_scenario(scenes=shared_scene("trust >= 60", "trust < 60", "c0") + corridor)
    messages = [p.message for p in problems_of(folder, max_states=3) if "choices" in p.message]
    assert messages == ['scene "s" lists 12 choices; that at most 9 of them show at once to '
                        "professional or service_user could not be proven within the search "
                        "budget (3 states): "
                        "make sure their conditions keep the others apart"]


def test_opposite_conditions_prove_the_cap_without_a_search(make_scenario):
    folder = make_scenario(scenes=shared_scene("paid_fairly", "not paid_fairly", "c0") +
                           "".join(f"  - id: c{i}\n    next: c{i + 1}\n" for i in range(6)) +
                           "  - id: c6\n    next: s\n")
    assert most_shown(load(folder).scenes["s"]) == 6
    assert not [p for p in problems_of(folder, max_states=3) if "choices" in p.message]


def _scene(*conditions: str, locked: str = "") -> Scene:
    names = {"trust": "number", "chair": "text", "paid": "yes/no", "asked": "yes/no"}
    choices = tuple(Choice(f"Option {n}", "end", condition=parse_condition(c, names) if c else
                           None, locked=locked or None) for n, c in enumerate(conditions))
    return Scene("s", "test.yaml", choices=choices)


def test_most_shown_reads_opposites_values_and_the_tests_joined_by_and():
    # Twine's <<if>> / <<elseif>> / <<else>>: the later branches test "not" the earlier ones
    branches = ["paid"] * 3 + ["not paid and asked"] * 3 + ["not paid and not asked"] * 3
    assert most_shown(_scene(*branches)) == 3
    assert most_shown(_scene(*['chair == "Dev"'] * 4, *['chair == "Sam"'] * 4, "")) == 5
    assert most_shown(_scene(*["(paid and asked)"] * 5, *["not (paid and asked)"] * 5)) == 5
    # what the reading cannot see into counts as able to show together
    assert most_shown(_scene(*["trust > 5"] * 5, *["trust < 5"] * 5)) == 10
    assert most_shown(_scene(*["paid or asked"] * 5, *["not paid"] * 5)) == 10
    # a locked choice shows (greyed out) whether or not its condition holds
    assert most_shown(_scene(*["paid"] * 5, *["not paid"] * 5, locked="Not yet")) == 10


def test_a_twine_if_and_else_of_six_links_each_keeps_all_twelve_and_passes_check(tmp_path):
    links = "".join(f"[[Way {i}->End]]" for i in range(6))
    conversion = convert_twee(":: Start\n<<set $brave to true>>[[Go on->Fork]]\n"
                              f":: Fork\n<<if $brave>>{links}<<else>>{links.replace('Way', 'Path')}"
                              "<</if>>\n:: End\nThe end.\n")
    folder = tmp_path / "fork"
    result = write_and_load(conversion, folder)
    fork = result.scenario.scenes["fork"]
    assert len(fork.choices) == 12 and most_shown(fork) == 6
    out = io.StringIO()
    assert run_check([str(folder)], as_json=False, runs=20, seed=1, out=out) == 0, out.getvalue()
    assert "choices at once" not in out.getvalue()


def test_twine_redirects_never_show_beside_the_links_so_six_and_four_are_all_kept():
    def start_of(gotos: int, links: int) -> dict:
        flags = "".join(f"<<set $v{i} to false>>" for i in range(gotos))
        went = "".join(f'<<if $v{i}>><<goto "End">><</if>>' for i in range(gotos))
        ways = "".join(f"[[L{i}->End]]" for i in range(links))
        conversion = convert_twee(f":: StoryInit\n{flags}\n:: Start\n{went}{ways}\n:: End\nEnd.\n")
        return next(s for s in conversion.chapter["scenes"] if s["id"] == "start")

    start = start_of(6, 4)  # each link is shown only when no redirect goes on
    assert len(start["choices"]) == 10 and "not_converted" not in start
    start = start_of(10, 1)  # the 10 redirects can all hold at once
    assert len(start["choices"]) == 9
    assert "11 links, and 10 of them can show at once, and at most 9 may" in \
        start["not_converted"][0]
