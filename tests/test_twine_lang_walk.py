"""A differential test of the Twine import for the story languages: random SugarCube stories with
<<switch>>, tests of passage() and of def/ndef, comparisons of a variable no start-up passage
sets (undefined until the story sets it), numbers kept in a range by Math.clamp,
temporary variables, values shown in the text (a naked $mood and <<print>>), HTML links with
data-passage, [[links]] with quoted names and <<link>>s whose body tests before it changes are
read by a small reference reader here (Twine's order: changes as the passage is shown, a link's
body when it is chosen, a temporary variable forgotten when the reader moves on) and played
through the converted scenario. Seeded random walks must offer the same links, show the same
values and end with the same variables."""
import random
import re

from game.story.runner import Run
from game.twine.body import Block, Container, Link, Macro, parse_body
from game.twine.read import parse_twee

from test_twine_walk import convert_and_load, holds

MOODS = ("calm", "cross", "glad")
_KEPT = re.compile(r"\$(\w+) to Math\.clamp\(\$\w+ ([+-]) (\d+), (\d+), (\d+)\)")
_CHANGE = re.compile(r"""([$_])(\w+)\s*(to|\+=|-=)\s*(-?\d+|true|false|"[^"]*"|'[^']*')""")


def apply(changes: str, values: dict, temps: dict) -> None:
    for name, sign, amount, low, high in _KEPT.findall(changes):  # Math.clamp
        step = int(amount) if sign == "+" else -int(amount)
        values[name] = min(max(values[name] + step, int(low)), int(high))
    for sigil, name, word, value in _CHANGE.findall(_KEPT.sub("", changes)):
        store = values if sigil == "$" else temps
        new = (value == "true" if value in ("true", "false") else value[1:-1]
               if value[:1] in "'\"" else int(value))
        store[name] = (store[name] + new if word == "+=" else store[name] - new
                       if word == "-=" else new)


class _Undefined:
    """A SugarCube variable nothing has set yet: JavaScript's undefined, false as a test, and
    every comparison with it false but `!=`."""
    def __bool__(self):
        return False

    def __eq__(self, other):
        return False

    def __ne__(self, other):
        return True

    __lt__ = __le__ = __gt__ = __ge__ = __eq__
    __hash__ = object.__hash__


class _Named(dict):
    def __missing__(self, name):
        return _Undefined()


def holds_now(condition: str, values: dict, temps: dict, here: str = "") -> bool:
    named = _Named({**values, **{f"tmp_{k}": v for k, v in temps.items()}})
    condition = condition.replace("passage()", f'"{here}"')  # the passage the reader is on
    condition = re.sub(r"\bisnot\b", "is not", condition)
    condition = re.sub(r"\b(n?)def \$(\w+)", lambda m: "true" if (m.group(2) in values) != (
        m.group(1) == "n") else "false", condition)  # has it a value yet?
    return holds(re.sub(r"(?<![\w$])_(\w+)", r"$tmp_\1", condition), named)


def shown(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def show(nodes: list, values: dict, temps: dict, links: list, printed: list,
         here: str = "") -> None:
    """Show a passage: changes in order, values printed as they are at that point, links
    offered as their tests say."""
    for node in nodes:
        if isinstance(node, str):
            for line in node.split("\n"):
                if line.startswith("Mood: $mood, met "):
                    printed.append(f"Mood: {values['mood']}, met ")
        elif isinstance(node, Macro) and node.name == "set":
            apply(node.args, values, temps)
        elif isinstance(node, Macro) and node.name == "print":
            printed[-1] += shown(values[node.args.strip()[1:]]) + "."
        elif isinstance(node, Block):
            for branch in node.branches:
                if branch.condition is None or holds_now(branch.condition, values, temps,
                                                         here):
                    show(branch.body, values, temps, links, printed, here)
                    break
        elif isinstance(node, Link):
            links.append((unquoted(node.text), unquoted(node.target), node.setter or ""))
        elif isinstance(node, Container) and node.name == "link":  # its body runs when chosen
            text, target = re.findall(r'"([^"]*)"', node.args)
            links.append((text, target, node.body))


def unquoted(name: str) -> str:
    """SugarCube reads a quoted name in a [[link]] as the string it is."""
    return name[1:-1] if len(name) > 1 and name[0] == name[-1] == '"' else name


def random_story(rng: random.Random, size: int) -> str:
    names = [f"P{i}" for i in range(size)]
    endings = [f"End{i}" for i in range(2)]

    def change() -> str:
        kind = rng.random()
        if kind < 0.1:
            return "$seen to true"  # never set at the start: `def $seen` tells
        if kind < 0.15:  # never set at the start either: compared, it is undefined until set
            return f"$coins to {rng.randint(0, 2)}"
        if kind < 0.2:  # kept between 0 and 4
            return f"$care to Math.clamp($care {rng.choice('+-')} {rng.randint(1, 3)}, 0, 4)"
        if kind < 0.3:
            return f"$mood to \"{rng.choice(MOODS)}\""
        if kind < 0.5:
            return f"$met to {rng.choice(['true', 'false'])}"
        return f"$gold {rng.choice(['+=', '-=', 'to'])} {rng.randint(0, 3)}"

    def test() -> str:
        if rng.random() < 0.15:
            return f"{rng.choice(['def', 'ndef'])} $seen"
        if rng.random() < 0.15:
            return f"$care {rng.choice(['is', 'gte', 'lt'])} {rng.randint(0, 4)}"
        if rng.random() < 0.3:
            return f"$coins {rng.choice(['is', 'isnot', 'gte', 'lt'])} {rng.randint(0, 2)}"
        if rng.random() < 0.4:
            return f"{rng.choice(['', 'not '])}$met"
        return f'$mood is "{rng.choice(MOODS)}"'

    def link() -> str:
        target = rng.choice(names + endings)
        text = f"Go {target} {rng.randint(0, 999)}"
        kind = rng.random()
        if kind < 0.3:
            setter = change().replace('"', "'")
            return f'<a data-passage="{target}" data-setter="{setter}">{text}</a>'
        if kind < 0.5:
            return f"[[{text}|{target}][{change()}]]"
        if kind < 0.65:
            return (f'<<link "{text}" "{target}">><<if {test()}>><<set {change()}>><<else>>'
                    f"<<set {change()}>><</if>><</link>>")
        if kind < 0.75:  # SugarCube: a quoted name is the name inside the quotes
            return f'[["{text}"|"{target}"]]'
        return f"[[{text}->{target}]]"

    parts = [':: StoryData\n{"format": "SugarCube", "start": "P0"}\n',
             f':: StoryInit\n<<set $gold to {rng.randint(0, 2)}>><<set $care to 2>><<set $mood to "calm">>'
             '<<set $met to false>>\n']
    for name in names:
        body = [f"<<set {change()}>>" for _ in range(rng.randint(0, 2))]
        if rng.random() < 0.5:
            body.append(f"<<set _k to {rng.randint(0, 2)}>>")
            body.append(f"<<if _k gte {rng.randint(0, 2)}>>{link()}<</if>>")
        body.append("Mood: $mood, met <<print $met>>.")
        if rng.random() < 0.3:  # a test of the passage's own name
            body.append(f'<<if passage() is "{rng.choice(names)}">>{link()}<</if>>')
        if rng.random() < 0.5:
            cases = rng.sample(MOODS, 2)
            body.append(f'<<switch $mood>><<case "{cases[0]}">>{link()}<<case "{cases[1]}" '
                        f'"none">>{link()}<<default>>{link()}<</switch>>')
        body += [link() for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.3:
            body.append(f"<<set {change()}>>")
        parts.append(f":: {name}\n" + "\n".join(body) + "\n")
    parts += [f":: {ending}\nThe end.\n" for ending in endings]
    return "".join(parts)


def test_random_walks_match_the_reference_reading(tmp_path):
    """Same links offered at every step, the same values shown, the same variables at the end."""
    compared = walks = 0
    # stories compared that use each
    asked = {"passage()": 0, "def $seen": 0, "Math.clamp": 0, "<<if $coins": 0}
    for seed in range(30):
        ended = walk_story(seed, tmp_path)
        compared += ended is not None
        walks += ended or 0
        source = random_story(random.Random(seed), 6)
        for words in asked:
            asked[words] += ended is not None and words in source
    assert compared >= 15 and walks >= 40, (compared, walks)
    assert min(asked.values()) >= 5, asked


def walk_story(seed: int, tmp_path) -> int | None:
    """The number of walks that reached an ending, or None for a story outside the subset."""
    rng = random.Random(seed)
    source = random_story(rng, 6)
    converted = convert_and_load(source, f"walk-{seed}", tmp_path)
    if converted is None:
        return None
    conversion, result = converted
    assert not any("_k" in what for _, _, status, what in conversion.records
                   if status != "converted"), source
    trees = {p.name: parse_body(p.text, "sugarcube") for p in parse_twee(source).passages}
    chapter = conversion.chapter
    ids = {s["title"]: s["id"] for s in chapter["scenes"] + chapter["endings"]}
    ended = 0
    for _ in range(5):
        values = {"gold": 0, "met": False, "mood": ""}
        show(trees["StoryInit"], values, {}, [], [])
        here, links, printed = "P0", [], []
        show(trees[here], values, {}, links, printed, here)
        run = Run(result.scenario, "player")
        for _ in range(25):
            offered = [(c.text, c.choice.next) for c in run.choices]
            assert offered == [(text, ids[target]) for text, target, _ in links], (here, source)
            if not links:
                assert run.ended or not run.choices
                break
            assert set(printed) <= {line.text for line in run.lines}, (printed, source)
            index = rng.randrange(len(links))
            _, target, changes = links[index]
            if isinstance(changes, str):
                apply(changes, values, {})
            else:  # a link's body, run when it is chosen: its test reads the values now
                show(changes, values, {}, [], [])
            run.choose(index)
            here, links, printed = target, [], []
            show(trees[here], values, {}, links, printed, here)
            assert (run.ending.id if run.ended else run.scene.id) == ids[here]
        if run.ended:
            ended += 1
            assert {name: run.values[name] for name in values} == values, (here, source)
    return ended
