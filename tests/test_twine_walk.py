"""A differential test of the Twine import: random SugarCube stories within the supported
subset are read by a small reference reader of the macros here (Twine's own order: changes as
the passage is shown, link conditions when it is shown, a link's changes when it is chosen) and
played through the converted scenario; seeded random walks must visit the same passages,
offer the same links and end with the same variables."""
import ast
import operator
import random
import re

from game.story import load_scenario
from game.story.runner import Run
from game.twine.body import Block, Container, Link, Macro, parse_body
from game.twine.convert import convert
from game.twine.read import parse_twee

NUMBERS, FLAGS = ("gold", "keys"), ("brave", "met")
_SET = re.compile(r"\$(\w+)\s*(to|\+=|-=)\s*(-?\d+|true|false)")
_COMPARE = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt,
            ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge}


# -- the reference reader ------------------------------------------------------------------
def apply(changes: str, values: dict) -> None:
    for name, operator_word, value in _SET.findall(changes):
        number = value == "true" if value in ("true", "false") else int(value)
        values[name] = (values[name] + number if operator_word == "+=" else
                        values[name] - number if operator_word == "-=" else number)


def holds(test: str, values: dict) -> bool:
    """A SugarCube test, read with Python's parser (never run): $x, numbers, true/false,
    is/gte/gt/lte/lt, and/or/not."""
    for word, symbol in (("gte", ">="), ("lte", "<="), ("gt", ">"), ("lt", "<"),
                         ("is not", "!="), ("is", "==")):
        test = re.sub(rf"\b{word}\b", symbol, test)
    tree = ast.parse(test.replace("$", "v_").replace("true", "True").replace("false", "False"),
                     mode="eval")

    def value(node):
        if isinstance(node, ast.BoolOp):
            parts = [value(v) for v in node.values]
            return all(parts) if isinstance(node.op, ast.And) else any(parts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return not value(node.operand)
        if isinstance(node, ast.Compare):
            return _COMPARE[type(node.ops[0])](value(node.left), value(node.comparators[0]))
        if isinstance(node, ast.Name):
            return values[node.id[2:]]
        if isinstance(node, ast.Constant):
            return node.value
        raise ValueError(ast.dump(node))
    return bool(value(tree.body))


def show(nodes: list, values: dict, links: list) -> None:
    """Show a passage: changes happen in order, links are offered as their tests say."""
    for node in nodes:
        if isinstance(node, Macro) and node.name == "set":
            apply(node.args, values)
        elif isinstance(node, Block):
            for branch in node.branches:
                if branch.condition is None or holds(branch.condition, values):
                    show(branch.body, values, links)
                    break
        elif isinstance(node, Link):
            links.append((node.text, node.target, node.setter or ""))
        elif isinstance(node, Container) and node.name == "link":
            text, target = re.findall(r'"([^"]*)"', node.args)
            links.append((text, target, " ".join(n.args for n in node.body
                                                 if isinstance(n, Macro))))


# -- random stories in the supported subset ------------------------------------------------
def random_story(rng: random.Random, size: int) -> str:
    names = [f"P{i}" for i in range(size)]
    endings = [f"End{i}" for i in range(2)]

    def change() -> str:
        if rng.random() < 0.4:
            return f"${rng.choice(FLAGS)} to {rng.choice(['true', 'false'])}"
        return f"${rng.choice(NUMBERS)} {rng.choice(['+=', '-=', 'to'])} {rng.randint(0, 3)}"

    def test() -> str:
        if rng.random() < 0.4:
            return f"{rng.choice(['', 'not '])}${rng.choice(FLAGS)}"
        return f"${rng.choice(NUMBERS)} {rng.choice(['gte', 'lt', 'is'])} {rng.randint(0, 3)}"

    def link() -> str:
        target = rng.choice(names + endings)
        text = f"Go {target} {rng.randint(0, 99)}"
        kind = rng.random()
        if kind < 0.3:
            return f"[[{text}|{target}][{change()}]]"
        if kind < 0.5:
            return f'<<link "{text}" "{target}">><<set {change()}>><</link>>'
        return f"[[{text}->{target}]]"

    parts = [":: StoryData\n{\"format\": \"SugarCube\", \"start\": \"P0\"}\n",
             ":: StoryInit\n" + "".join(f"<<set ${n} to {rng.randint(0, 2)}>>" for n in NUMBERS)
             + "\n"]
    for name in names:
        body = []
        for _ in range(rng.randint(0, 2)):
            body.append(f"<<set {change()}>>")
        body.append("Some words.")
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.4:
                body.append(f"<<if {test()}>>{link()}<<else>>{link()}<</if>>")
            else:
                body.append(link())
        if rng.random() < 0.3:
            body.append(f"<<if {test()}>><<set {change()}>><</if>>")
        if rng.random() < 0.3:
            body.append(f"<<set {change()}>>")
        parts.append(f":: {name}\n" + "\n".join(body) + "\n")
    parts += [f":: {ending}\nThe end.\n" for ending in endings]
    return "".join(parts)


# -- the walk ------------------------------------------------------------------------------
def test_random_walks_match_the_reference_reading(tmp_path):
    """Same links offered at every step, same passages, same variables at every ending."""
    compared = walks = 0
    for seed in range(30):
        ended = walk_story(seed, tmp_path)
        compared += ended is not None
        walks += ended or 0
    assert compared >= 15 and walks >= 40, (compared, walks)


def convert_and_load(source: str, scenario_id: str, tmp_path):
    """The conversion of a Twee `source` and the scenario loaded from its files, or None for a
    story outside the supported subset (the import says so, loudly)."""
    conversion = convert(parse_twee(source, "walk.twee"), scenario_id)
    if conversion.loud:  # outside the supported subset: the import says so, check fails
        assert any(status == "not converted" for _, _, status, _ in conversion.records)
        return None
    folder = tmp_path / "scenes" / scenario_id
    folder.mkdir(parents=True)
    (folder / "scenario.yaml").write_text(conversion.scenario_yaml(), encoding="utf-8")
    for name, text in conversion.chapter_files():
        (folder / name).write_text(text, encoding="utf-8")
    result = load_scenario(folder)
    assert not result.errors, [str(p) for p in result.errors]
    return conversion, result


def walk_story(seed: int, tmp_path) -> int | None:
    """The number of walks that reached an ending, or None for a story outside the subset."""
    rng = random.Random(seed)
    source = random_story(rng, 8)
    converted = convert_and_load(source, f"walk-{seed}", tmp_path)
    if converted is None:
        return None
    conversion, result = converted
    trees = {p.name: parse_body(p.text, "sugarcube") for p in parse_twee(source).passages}
    ids = {s["title"]: s["id"] for s in conversion.chapter["scenes"] + conversion.chapter["endings"]}
    ended = 0
    for walk in range(5):
        values = {name: 0 for name in NUMBERS} | {name: False for name in FLAGS}
        show(trees["StoryInit"], values, [])
        here, links = "P0", []
        show(trees[here], values, links)
        run = Run(result.scenario, "player")
        for _ in range(25):
            offered = [(c.text, c.choice.next) for c in run.choices]
            assert offered == [(text, ids[target]) for text, target, _ in links], (here, source)
            if not links:
                assert run.ended or not run.choices
                break
            index = rng.randrange(len(links))
            _, target, changes = links[index]
            apply(changes, values)
            run.choose(index)
            here, links = target, []
            show(trees[here], values, links)
            assert (run.ending.id if run.ended else run.scene.id) == ids[here]
        if run.ended:  # an ending makes no changes on the way out: every change is in
            ended += 1
            assert {name: run.values[name] for name in values} == values, (here, source)
    return ended
