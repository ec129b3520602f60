"""Reading published Twine stories for `python main.py import`: Twine 2 HTML (one story, or
a library of several, chosen by name) and Twine 1's storeArea, as a Story (game/twine/read.py).
Standard library only; nothing here runs any code.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .read import Passage, Story, TwineError, _finish, _folded


class _HTMLReader(HTMLParser):
    """Twine 2's <tw-storydata>/<tw-passagedata>, or Twine 1's <div tiddler=...>."""

    def __init__(self, twine1: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.twine1 = twine1
        self.stories: list[dict] = []
        self.passage: tuple[dict, list[str], int] | None = None
        self.inside: list[str] | None = None  # the story's own script or stylesheet
        self.depth = 0  # <div>s open inside a Twine 1 passage

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "tw-storydata" or (self.twine1 and not self.stories and tag == "div"
                                     and values.get("id") in ("storeArea", "store-area")):
            self.stories.append({"attrs": values, "passages": [], "script": [], "style": [],
                                 "line": self.getpos()[0]})
        elif (tag == "tw-passagedata" or (self.twine1 and tag == "div" and "tiddler" in values)) \
                and self.stories:
            if self.twine1:
                values = {**values, "name": values["tiddler"]}
            self.passage = (values, [], self.getpos()[0])
        elif tag in ("script", "style") and self.stories and not self.twine1:
            self.inside = self.stories[-1][tag]
            self.stories[-1].setdefault(f"{tag}-line", self.getpos()[0])

    def handle_endtag(self, tag: str) -> None:
        if (tag == "tw-passagedata" or (self.twine1 and tag == "div")) and self.passage:
            attrs, chunks, line = self.passage
            self.stories[-1]["passages"].append((attrs, "".join(chunks), line))
            self.passage = None
        elif tag in ("script", "style"):
            self.inside = None

    def handle_data(self, data: str) -> None:
        if self.passage is not None:
            self.passage[1].append(data)
        elif self.inside is not None:
            self.inside.append(data)


def parse_html(text: str, shown: str = "the file", story_name: str = "") -> Story:
    """A Twine 2 published story or library: <tw-storydata> holding <tw-passagedata>
    elements. With several stories, `story_name` says which (else the first)."""
    reader = _HTMLReader()
    reader.feed(text)
    reader.close()
    if not reader.stories:
        raise TwineError(f"{shown} is not a Twine 2 story: there is no <tw-storydata> in it")
    names = [s["attrs"].get("name", "") for s in reader.stories]
    notes = []
    if story_name:
        close = [n for n in names if _folded(n) == _folded(story_name)]
        if story_name not in names and len(close) != 1:
            raise TwineError(f'{shown} has no story named "{story_name}"; it holds: '
                             + ", ".join(f'"{n}"' for n in names)
                             + ". Add --story with one of these names")
        story = reader.stories[names.index(story_name if story_name in names else close[0])]
    else:
        story = reader.stories[0]
        if len(reader.stories) > 1:
            notes.append(f"{shown}:{story['line']}: the file holds {len(reader.stories)} "
                         "stories ("
                         + ", ".join(f'"{n}"' for n in names) + f'); only the first, "{names[0]}", '
                         "was imported: add --story NAME to choose another")
    for kind, what in (("script", "the story JavaScript"), ("style", "the story stylesheet")):
        if "".join(story[kind]).strip():
            notes.append(f"{shown}:{story.get(kind + '-line', story['line'])}: {what} was not "
                         "imported (a scenario cannot run scripts or styles)")
    attrs = story["attrs"]
    passages = [_html_passage(a, body, line, shown) for a, body, line in story["passages"]]
    pids = {a.get("pid"): a.get("name", "") for a, _, _ in story["passages"]}
    start = pids.get(attrs.get("startnode"), "")
    story_format = f'{attrs.get("format", "")} {attrs.get("format-version", "")}'.strip()
    return _finish(Story(attrs.get("name", ""), start, passages, story_format, notes,
                         f"{shown}:{story['line']}", "".join(story["script"])), shown)


def parse_twine1_html(text: str, shown: str = "the file") -> Story:
    """A story published from Twine 1: <div tiddler="Name" tags="..."> in the storeArea,
    with newlines written as \\n."""
    reader = _HTMLReader(twine1=True)
    reader.feed(text)
    reader.close()
    if not reader.stories or not reader.stories[0]["passages"]:
        raise TwineError(f"{shown} looks like a Twine 1 story, but no passages were found in it")
    passages, title = [], ""
    for attrs, body, line in reader.stories[0]["passages"]:
        body = re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "s": "\\"}.get(
            m.group(1), m.group()), body)
        passage = _html_passage(attrs, body, line, shown)
        if passage.name == "StoryTitle":
            title = passage.text
        else:
            passages.append(passage)
    story_format = "SugarCube 1" if "sugarcube" in text[:200000].lower() else ""
    start = "Start" if any(p.name == "Start" for p in passages) else ""
    where = f"{shown}:{reader.stories[0]['line']}"
    return _finish(Story(title, start, passages, story_format,
                         [f"{where}: read as a story published from Twine 1"], where), shown)


def _html_passage(attrs: dict, body: str, line: int, shown: str) -> Passage:
    stripped = body.lstrip()
    line += body[:len(body) - len(stripped)].count("\n")
    return Passage(attrs.get("name", ""), body.strip(), tuple(attrs.get("tags", "").split()),
                   shown, line)
