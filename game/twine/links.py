"""The many ways a Twine story makes a link, for `python main.py import`: SugarCube `<<link>>`,
`<<button>>`, `<<click>>`, `<<choice>>`, `<<actions>>`, `<<back>>`, `<<return>>`; Harlowe
`(link-goto:)`, `(click-goto:)`, `(link-reveal-goto:)`, `(link:)[(go-to:)]`, `(link-undo:)`;
Chapbook `{link to:}` and `{back link}`; and plain `[[links]]` to web addresses or back.
links_of turns any of them into Link nodes (game/twine/nodes.py) for game/twine/convert.py;
plain_text takes the leftover markup out of prose. Standard library only.
"""
from __future__ import annotations

import re

from .body import Container, Link, Macro, Node, link

BACK = "\x00back"  # the target of a link back to the passage before
STAY = "\x00stay"  # a link that runs its body and stays in the passage
RESTART = "\x00restart"  # a link that starts the story again, every variable as it began
URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|mailto:|www\.)", re.IGNORECASE)
_BACK_TARGETS = re.compile(r"^(?:previous\(\)|`previous\(\)`|_previous|\$previous|"
                           r"\(history:\)'s\s+last|\(history:\)'s\s+\(-1\))$")
_ARG = re.compile(r"""\s*(\[\[.*?\]\](?:\[.*?\])?|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`"""
                  r"""|\?[\w-]+|[^\s,]+)\s*,?""", re.DOTALL)
_SUGARCUBE_LINKS = {"link", "button", "click", "linkreplace", "linkappend", "linkprepend",
                    "choice", "actions", "back", "return"}
_HARLOWE_LINKS = {"link-goto", "click-goto", "link-reveal-goto", "link", "link-reveal",
                  "link-repeat", "link-replace", "link-rerun", "click", "link-undo",
                  "link-show", "link-fullscreen", "link-storylet"}
_GOES = {"goto", "go-to", "redirect"}


def arguments(args: str) -> list[str]:
    """The arguments of a macro: quoted texts unquoted, links and other words as written."""
    found = []
    for match in _ARG.finditer(args):
        value = match.group(1)
        if value[:1] in "\"'" and value[-1:] == value[:1]:
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        found.append(value)
    return found


def _target(value: str) -> str:
    value = value.strip()
    if _BACK_TARGETS.match(value):
        return BACK
    return passage_name(value)


def passage_name(value: str) -> str:
    """A passage named in a macro: `Name`, `[[Name]]`, or a SugarCube expression in backquotes
    that is one quoted text (`"Name"`); anything else is returned as written."""
    value = value.strip()
    if value.startswith("[[") and value.endswith("]]"):
        return value[2:-2].strip()
    if value.startswith("`") and value.endswith("`") and len(value) > 1:
        inner = value[1:-1].strip()
        quoted = re.fullmatch(r"""(["'])((?:(?!\1)[^\\])*)\1""", inner)
        return quoted.group(2) if quoted else inner
    return value


def fix_target(found: Link) -> Link:
    """A [[link]] whose target is `previous()` and the like goes back."""
    if _BACK_TARGETS.match(found.target):
        found.target = BACK
        if found.text == found.raw[2:-2].strip():
            found.text = "Back"
    return found


def goes_to(body: list[Node]) -> str | None:
    """Where a link's body sends the reader: the first `<<goto>>`/`(go-to:)` at its top level,
    BACK for `<<back>>`/`(undo:)`, or None."""
    for node in body:
        if isinstance(node, Macro) and node.name in _GOES:
            values = arguments(node.args)
            if values:
                inner = link(values[0]) if values[0].startswith("[[") else None
                return inner.target if inner else _target(values[0])
        if isinstance(node, Macro) and node.name in ("back", "return", "undo"):
            return BACK
        if is_restart(node):
            return RESTART
    return None


_RESTART_CODE = re.compile(r"\s*(?:Engine|UI)\.restart\(\)\s*;?\s*")
# JavaScript that names none of these changes only the page, never the story
_STORY_CODE = re.compile(r"\b(?:State|variables|temporary|Engine|Story|story|Save|setup|"
                         r"SugarCube|Macro|Config|UI|Dialog|wiki|Wikifier|passage|eval|Function|"
                         r"engine|Harlowe|"
                         r"window|s)\b")


_PAGE_OBJECTS = {"document", "jQuery", "$", "Fullscreen", "console", "UIBar", "Math", "JSON",
                 "Date", "String", "Number", "Array", "Object", "parseInt", "parseFloat", "this",
                 "if", "for", "while", "switch", "return", "function", "typeof", "new", "catch"}


def script_code(node: Node) -> str | None:
    """The JavaScript of a `<<script>>...<</script>>` or `<<run code>>` (None: not code)."""
    if isinstance(node, Container) and node.name == "script":
        return "".join(part if isinstance(part, str) else getattr(part, "raw", None) or " ".join(
            getattr(b, "opening", "") for b in getattr(part, "branches", ())) for part in node.body)
    if isinstance(node, Macro) and node.name == "run":
        return node.args
    return None


def page_only(code: str) -> bool:
    """Whether JavaScript only changes how the page looks: it names nothing of the story's
    state, passages or engine, and calls only the page's own objects (document, jQuery ...)
    or what it declares itself, so leaving it out changes nothing in the story."""
    if _STORY_CODE.search(code):
        return False
    own = set(re.findall(r"\b(?:var|let|const|function)\s+([A-Za-z_$][\w$]*)", code))
    for params in re.findall(r"function\s*[\w$]*\s*\(([^)]*)\)|\(([^)]*)\)\s*=>", code):
        own |= {name.strip() for group in params for name in group.split(",") if name.strip()}
    own |= set(re.findall(r"([A-Za-z_$][\w$]*)\s*=>", code))
    used = re.findall(r"(?<![\w$.])([A-Za-z_$][\w$]*)\s*[.(]", code)
    return all(name in _PAGE_OBJECTS or name in own for name in used)


def is_restart(node: Node) -> bool:
    """SugarCube `<<restart>>`, `<<run Engine.restart()>>` or `<<script>>UI.restart()
    <</script>>`; Harlowe `(restart:)`."""
    if isinstance(node, Macro) and node.name in ("restart", "reload"):
        return True
    code = script_code(node)
    return code is not None and bool(_RESTART_CODE.fullmatch(code))


def is_link_macro(node: Node) -> bool:
    return isinstance(node, (Macro, Container)) and (
        node.name in _SUGARCUBE_LINKS or node.name in _HARLOWE_LINKS or
        (node.name == "insert" and re.match(r"(back link|link to|restart link)", node.args)))


def links_of(node: Macro | Container, start: str) -> list[Link] | None:
    """The links a link macro makes (several for `<<actions>>`), or None if it is not one.
    A link whose body changes nothing and goes nowhere is not a choice: None too (its text is
    shown). `start` is the start passage (for Chapbook's restart link)."""
    if not is_link_macro(node):
        return None
    values = arguments(node.args)
    body = node.body if isinstance(node, Container) else []
    name, at = node.name, node.at
    if name == "insert":  # Chapbook {back link}, {link to: 'P', label: 'T'}, {restart link}
        fields = dict(re.findall(r"(\w+)\s*:\s*'([^']*)'|(\w+)\s*:\s*\"([^\"]*)\"", node.args)
                      and [(m[0] or m[2], m[1] or m[3]) for m in
                           re.findall(r"(\w+)\s*:\s*'([^']*)'|(\w+)\s*:\s*\"([^\"]*)\"",
                                      node.args)])
        if node.args.startswith("back link"):
            return [Link(fields.get("label", "Back"), BACK, None, node.raw, at)]
        if node.args.startswith("restart link"):
            return [Link(fields.get("label", "Restart"), RESTART, None, node.raw, at)]
        target = fields.get("to") or (values[2] if len(values) > 2 else "")
        return [Link(fields.get("label", target), target, None, node.raw, at)]
    if name in ("back", "return", "link-undo"):
        text = values[0] if values and not values[0].startswith("[[") else "Back"
        return [Link(text, BACK, None, node.raw, at)]
    if name == "actions":
        made = []
        for value in values:
            made.append(fix_target(link(value, at)) if value.startswith("[[") else
                        Link(value, value, None, node.raw, at))
        return made or None
    if values and values[0].startswith("[["):  # <<link [[text|P]]>> and <<choice [[...]]>>
        inner = fix_target(link(values[0], at))
        return [Link(inner.text, inner.target, inner.setter, node.raw, at, body)]
    if name == "choice":  # SugarCube 1: <<choice "Passage" "text">>
        if not values:
            return None
        return [Link(values[1] if len(values) > 1 else values[0], _target(values[0]), None,
                     node.raw, at)]
    if name in ("link-goto", "click-goto", "link-reveal-goto"):
        if not values:
            return None
        target = _target(values[-1])
        text = values[0] if len(values) > 1 and not values[0].startswith("?") else values[-1]
        return [Link(text, target, None, node.raw, at, body)]
    text = values[0] if values else ""
    reveals = name in ("linkappend", "linkreplace", "linkprepend")  # the 2nd word: a transition
    target = _target(values[1]) if len(values) > 1 and not reveals else goes_to(body)
    if target is None:
        target = STAY
    return [Link(text or "Continue", target, None, node.raw, at, body)]


IMAGE = "an image (![...](...)): add the picture to the scenario's assets"


# -- leftover markup in prose --------------------------------------------------------------
_MARKUP = [
    (re.compile(r"!\[[^\]\n]*\]\([^)\s]+[^)\n]*\)"), "", IMAGE),
    (re.compile(r"\[([^\[\]\n]+)\]\((?:[a-z]+://|mailto:|www\.)[^)\s]*\)"), r"\1",
     "a web link ([...](...))"),
    (re.compile(r"''(.+?)''", re.DOTALL), r"\1", "bold (''...'')"),
    (re.compile(r"(?<![:/])//(?!/)(.+?)//", re.DOTALL), r"\1", "italic (//...//)"),
    (re.compile(r"__(.+?)__", re.DOTALL), r"\1", "underline (__...__)"),
    (re.compile(r"==(.+?)==", re.DOTALL), r"\1", "strike-through (==...==)"),
    (re.compile(r"~~(.+?)~~", re.DOTALL), r"\1", "strike-through (~~...~~)"),
    (re.compile(r"\^\^(.+?)\^\^", re.DOTALL), r"\1", "superscript (^^...^^)"),
    (re.compile(r"@@(?:[^;@]*;)?(.*?)@@", re.DOTALL), r"\1", "styled text (@@...@@)"),
    (re.compile(r"^!{1,6}\s*(.*)$", re.MULTILINE), r"\1\n", "a heading (!...)"),
    (re.compile(r"^#{1,6}\s+(.*)$", re.MULTILINE), r"\1\n", "a heading (#...)"),
    (re.compile(r"\*\*(.+?)\*\*", re.DOTALL), r"\1", "bold (**...**)"),
    (re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])"), r"\1", "emphasis (*...*)"),
    (re.compile(r"\|[\w-]+>\[|\]<[\w-]+\||\?[\w-]+\b(?=\s*[\])])"), "", "a named hook"),
    (re.compile(r"^\s*(?:---+|\*\*\*+)\s*$", re.MULTILINE), "", "a horizontal rule"),
    (re.compile(r"^[ \t]*(?:<>|<==|==>|=><=)[ \t]*$", re.MULTILINE), "", "an alignment mark"),
    (re.compile(r"\\\n|\n\\"), "", "a joined line (\\ at the end or start of a line)"),
    (re.compile(r"{(?=\s*\n)|(?<=\n)\s*}"), "", "whitespace braces ({...})"),
]

_NEEDLES = [("![",), ("](",), ("''",), ("//",), ("__",), ("==",), ("~~",), ("^^",), ("@@",),
            ("!",), ("#",),
            ("**",), ("*",), ("|", "]<", "?"), ("---", "***"), ("<>", "<==", "==>", "=><="),
            ("\\\n", "\n\\"), ("{", "}")]


def plain_text(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Prose without Twine's text markup, and what was taken out: (what, as first written)."""
    taken = []
    for (pattern, replacement, what), needles in zip(_MARKUP, _NEEDLES):
        if not any(needle in text for needle in needles):
            continue  # most prose has none of it: a quick look first
        first = pattern.search(text)
        if first:
            taken.append((what, first.group()))
            text = pattern.sub(replacement, text)
    return text, taken
