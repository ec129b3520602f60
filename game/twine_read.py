"""Reading Twine files for `python main.py import`: Twee 3 source and Twine 2 published HTML
become a Story, a list of named passages with their text and tags. The passage text is read by
game/twine_body.py; game/twine_convert.py turns the story into a scenario. Standard library only;
nothing here runs any code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .safe_read import DamagedFile, parse_json, read_bytes

MAX_FILE_BYTES = 20 * 1024 * 1024
_SUGARCUBE_SPECIAL = {
    "StoryCaption", "StoryMenu", "StoryBanner", "StorySubtitle", "StoryAuthor", "StoryShare",
    "StoryDisplayTitle", "StoryInterface", "PassageReady", "PassageDone", "PassageHeader",
    "PassageFooter"}
_HARLOWE_SPECIAL_TAGS = {"header", "footer", "debug-header", "debug-footer", "debug-startup"}


class TwineError(ValueError):
    """A file that cannot be imported; the message says why in plain words."""


@dataclass
class Passage:
    name: str
    text: str
    tags: tuple[str, ...] = ()


@dataclass
class Story:
    title: str
    start: str  # the name of the start passage
    passages: list[Passage]
    format: str = ""  # the story format, as "Harlowe 3.3.8", if the file says
    notes: list[str] = field(default_factory=list)  # what was left out, in words

    @property
    def dialect(self) -> str:
        """"sugarcube", "harlowe" or "" (not known: both kinds of markup are read)."""
        name = self.format.lower()
        return "sugarcube" if "sugarcube" in name else "harlowe" if "harlowe" in name else ""

    def special(self, passage: Passage) -> str:
        """Why a passage is not a part of the story ("start": it sets starting values)."""
        dialect, tags = self.dialect, set(passage.tags)
        if tags & {"script", "stylesheet"}:
            return "it is JavaScript or a stylesheet"
        if dialect != "harlowe" and (passage.name == "StoryInit"):
            return "start"
        if dialect != "sugarcube" and "startup" in tags:
            return "start"
        if dialect != "harlowe" and ("widget" in tags or passage.name in _SUGARCUBE_SPECIAL):
            return "it is a special SugarCube passage"
        if dialect != "sugarcube" and tags & _HARLOWE_SPECIAL_TAGS:
            return "it is a special Harlowe passage (header, footer or debug)"
        return ""


# -- files ---------------------------------------------------------------------------------
def read_story(path: Path) -> Story:
    """The story in a Twee 3 or Twine 2 published HTML file, or TwineError saying why not."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TwineError(f"{path} is too large to be a Twine story ({size:,} bytes)")
    except OSError:
        pass  # read_bytes says why
    try:  # a regular file only: a pipe or a link to a device would never end
        raw = read_bytes(path, MAX_FILE_BYTES)
    except DamagedFile as exc:
        raise TwineError(f"cannot read {path}: {exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TwineError(f"{path} is not a Twine story: it is not a text file (UTF-8)") from None
    lowered = text.lower()
    if "<tw-storydata" in lowered:
        return parse_html(text, str(path))
    if "tiddler=" in lowered:
        raise TwineError(f"{path} looks like a Twine 1 story, which cannot be imported: open it "
                         "in Twine 2 and use Publish to File, then import that file")
    if re.search(r"^::", text, re.MULTILINE):
        return parse_twee(text, str(path))
    raise TwineError(f"{path} is not a Twine story: it has no passages (lines starting with "
                     '"::", as in Twee 3) and no <tw-storydata> (as in a story published '
                     "from Twine 2)")


def parse_twee(text: str, shown: str = "the file") -> Story:
    """Twee 3: `:: Name [tags] {metadata}` headers, each followed by the passage's text."""
    found: list[tuple[str, tuple[str, ...], list[str]]] = []
    for line in text.splitlines():
        if line.startswith("::"):
            name, tags = _twee_header(line[2:])
            found.append((name, tags, []))
        elif found:
            found[-1][2].append(line[1:] if line.startswith("\\::") else line)
    title, data, passages, notes = "", {}, [], []
    for name, tags, lines in found:
        body = "\n".join(lines).strip()
        if name == "StoryTitle":
            title = body
        elif name == "StoryData":
            try:
                data = parse_json((body or "{}").encode("utf-8"))
            except DamagedFile as exc:
                notes.append(f"the StoryData passage was not read: {exc}")
            data = data if isinstance(data, dict) else {}
        else:
            passages.append(Passage(name, body, tags))
    start = str(data.get("start") or ("Start" if any(p.name == "Start" for p in passages) else ""))
    story_format = " ".join(str(data.get(k, "")) for k in ("format", "format-version")).strip()
    return _finish(Story(title, start, passages, story_format, notes), shown)


def _twee_header(rest: str) -> tuple[str, tuple[str, ...]]:
    """The name (with \\ escapes undone) and tags of a header line, after the `::`."""
    rest = rest.strip()
    name: list[str] = []
    index = 0
    while index < len(rest) and rest[index] not in "[{":
        if rest[index] == "\\" and index + 1 < len(rest):
            index += 1
        name.append(rest[index])
        index += 1
    tail = rest[index:]
    tags: tuple[str, ...] = ()
    if tail.startswith("["):
        close = tail.find("]")
        tags = tuple(tail[1:close if close >= 0 else None].split())
    return "".join(name).strip(), tags


class _HTMLReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stories: list[dict] = []
        self.passage: tuple[dict, list[str]] | None = None
        self.inside: list[str] | None = None  # the story's own script or stylesheet

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "tw-storydata":
            self.stories.append({"attrs": values, "passages": [], "script": [], "style": []})
        elif tag == "tw-passagedata" and self.stories:
            self.passage = (values, [])
        elif tag in ("script", "style") and self.stories:
            self.inside = self.stories[-1][tag]

    def handle_endtag(self, tag: str) -> None:
        if tag == "tw-passagedata" and self.passage:
            attrs, chunks = self.passage
            self.stories[-1]["passages"].append((attrs, "".join(chunks)))
            self.passage = None
        elif tag in ("script", "style"):
            self.inside = None

    def handle_data(self, data: str) -> None:
        if self.passage is not None:
            self.passage[1].append(data)
        elif self.inside is not None:
            self.inside.append(data)


def parse_html(text: str, shown: str = "the file") -> Story:
    """A Twine 2 published story: <tw-storydata> holding <tw-passagedata> elements."""
    reader = _HTMLReader()
    reader.feed(text)
    reader.close()
    if not reader.stories:
        raise TwineError(f"{shown} is not a Twine 2 story: there is no <tw-storydata> in it")
    story, notes = reader.stories[0], []
    if len(reader.stories) > 1:
        notes.append(f"the file holds {len(reader.stories)} stories; only the first, "
                     f'"{story["attrs"].get("name", "")}", was imported')
    for kind, what in (("script", "the story JavaScript"), ("style", "the story stylesheet")):
        if "".join(story[kind]).strip():
            notes.append(f"{what} was not imported (a scenario cannot run scripts or styles)")
    attrs = story["attrs"]
    passages = [Passage(a.get("name", ""), body.strip(), tuple(a.get("tags", "").split()))
                for a, body in story["passages"]]
    names = {a.get("pid"): a.get("name", "") for a, _ in story["passages"]}
    start = names.get(attrs.get("startnode"), "")
    story_format = f'{attrs.get("format", "")} {attrs.get("format-version", "")}'.strip()
    return _finish(Story(attrs.get("name", ""), start, passages, story_format, notes), shown)


def _finish(story: Story, shown: str) -> Story:
    """Drop unnamed and repeated passages, and settle the start passage."""
    seen: set[str] = set()
    kept = []
    for passage in story.passages:
        if not passage.name or passage.name in seen:
            story.notes.append(f'a second passage named "{passage.name}" was left out'
                               if passage.name else "a passage with no name was left out")
            continue
        seen.add(passage.name)
        kept.append(passage)
    story.passages = kept
    if not kept:
        raise TwineError(f"{shown} has no passages to import")
    if story.start not in seen:
        if story.start:
            story.notes.append(f'the start passage "{story.start}" is not in the story; '
                               f'the story starts at "{kept[0].name}" instead')
        else:
            story.notes.append(f'the file does not say which passage comes first; '
                               f'the story starts at "{kept[0].name}"')
        story.start = kept[0].name
    story.title = story.title or Path(shown).stem
    return story
