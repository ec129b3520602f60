"""Reading Twine files for `python main.py import`: Twee 3 source and Twine 2 published HTML
become a Story, a list of named passages with their text and tags. The passage text is read by
game/twine/body.py; game/twine/convert.py turns the story into a scenario. Standard library only;
nothing here runs any code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..files.read import DamagedFile, parse_json, read_bytes

MAX_FILE_BYTES = 20 * 1024 * 1024
_SUGARCUBE_SPECIAL = {
    "StoryCaption", "StoryMenu", "StoryBanner", "StorySubtitle", "StoryAuthor", "StoryShare",
    "StoryDisplayTitle", "StoryInterface", "PassageReady", "PassageDone", "PassageHeader",
    "PassageFooter"}
_HARLOWE_SPECIAL_TAGS = {"header", "footer", "debug-header", "debug-footer", "debug-startup"}
_ANY_SPECIAL = {"StorySettings", "StoryIncludes", "StoryTitle", "StoryData", "StoryAuthor",
                "StorySubtitle", "StoryMenu", "StoryBanner", "StoryCaption", "StoryShare"}
_SPECIAL_TAGS = {"twee2", "Twine.image", "Twine.private", "annotation", "widget", "script",
                 "stylesheet", "Twine.system"}
TWEE_FILES = (".twee", ".tw", ".tw2", ".twee2", ".tw3", ".twee3")


class TwineError(ValueError):
    """A file that cannot be imported; the message says why in plain words."""


@dataclass
class Passage:
    name: str
    text: str
    tags: tuple[str, ...] = ()
    file: str = ""  # where it was read, for messages
    line: int = 1  # the line of the file its text starts on


@dataclass
class Story:
    title: str
    start: str  # the name of the start passage
    passages: list[Passage]
    format: str = ""  # the story format, as "Harlowe 3.3.8", if the file says
    notes: list[str] = field(default_factory=list)  # "file:line: what was left out", in words
    where: str = ""  # "file:line" of the story's own data (StoryData, <tw-storydata>), for notes
    script: str = ""  # a published story's own JavaScript (Twee keeps it in script passages)

    @property
    def dialect(self) -> str:
        """"sugarcube", "harlowe" or "" (not known: both kinds of markup are read)."""
        name = self.format.lower()
        for dialect in ("sugarcube", "harlowe", "chapbook", "snowman"):
            if dialect in name:
                return dialect
        return ""

    def special(self, passage: Passage) -> str:
        """Why a passage is not a part of the story ("start": it sets starting values)."""
        dialect, tags = self.dialect, set(passage.tags)
        if tags & {"script", "stylesheet"}:
            return "it is JavaScript or a stylesheet"
        if passage.name in _ANY_SPECIAL or tags & _SPECIAL_TAGS:
            return "it is a special passage (story settings, includes, widgets or notes)"
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
def read_story(path: Path | str, story_name: str = "") -> Story:
    """The story in a Twee file (Twee 1, Twee2 with its StoryIncludes, Twee 3), a folder of
    Twee files, or a published HTML file (Twine 2, or Twine 1's storeArea); TwineError saying
    why not. `story_name` picks one story from an HTML file that holds several (any other
    file holds one story: a name that is not its title is refused)."""
    path = Path(path)
    text = "" if path.is_dir() else _read_text(path)
    if "<tw-storydata" in text.lower():
        from .html_story import parse_html  # it reads into this module's Story
        return parse_html(text, str(path), story_name)
    story = _read_one(path, text)
    if story_name and _folded(story_name) != _folded(story.title):
        raise TwineError(f'{path} holds one story, "{story.title}", not "{story_name}": --story '
                         "chooses among the stories of a Twine 2 HTML file that holds several; "
                         "leave it out")
    return story


def _folded(name: str) -> str:
    """A story name as --story compares it: case and spacing do not matter."""
    return " ".join(name.casefold().split())


def _read_one(path: Path, text: str) -> Story:
    """The one story in a folder of Twee files, a Twee file or a Twine 1 HTML file."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in TWEE_FILES)
        if not files:
            raise TwineError(f"{path} is a folder with no Twee files (.twee or .tw) in it")
        texts: list[tuple[str, str]] = []
        notes: list[str] = []
        read = {file: _read_text(file) for file in files}
        named = {found.resolve() for file, text in read.items()
                 for include, _ in _includes(text)
                 if (found := _include_path(file, include)) is not None}
        seen: set[Path] = set()
        mains = sorted((file for file, text in read.items() if "StoryIncludes" in text),
                       key=lambda file: file.resolve() in named)  # one nobody names first
        for file in mains:  # a main file first, then its includes in its order
            if file.resolve() not in seen:
                _gather(file, read[file], file, texts, notes, seen)
        texts += [(text, str(file)) for file, text in read.items() if file.resolve() not in seen]
        story = _twee_story(texts)
        story.notes += notes
        return _finish(story, str(path))
    if "tiddler=" in text.lower():
        from .html_story import parse_twine1_html
        return parse_twine1_html(text, str(path))
    if re.search(r"^::", text, re.MULTILINE):
        texts: list[tuple[str, str]] = []
        notes: list[str] = []
        _gather(path, text, path, texts, notes, set())
        story = _twee_story(texts)
        story.notes += notes
        return _finish(story, str(path))
    raise TwineError(f"{path} is not a Twine story: it has no passages (lines starting with "
                     '"::", as in Twee) and no <tw-storydata> (as in a story published '
                     "from Twine 2)")


MAX_INCLUDE_DEPTH = 20  # Twee2 includes nest; a deeper chain is surely a loop of names


def _gather(path: Path, text: str, main: Path, texts: list[tuple[str, str]],
            notes: list[str], seen: set[Path], depth: int = 0) -> None:
    """A Twee file, then each file its StoryIncludes names, in order and depth first (an
    included file may name more), each file once. Includes are looked for from the main
    file's place, as Twee2 reads them from where it was run, then beside the including file."""
    seen.add(path.resolve())
    texts.append((text, str(path)))
    for include, line in _includes(text):
        found = _include_path(main, include) or _include_path(path, include)
        if found is None:
            notes.append(f'{path}:{line}: StoryIncludes names "{include}", which is not a '
                         f"Twee file next to {main.name}; it was left out")
        elif found.resolve() in seen:
            continue  # named twice, or a loop of includes: it is read once
        elif depth >= MAX_INCLUDE_DEPTH:
            notes.append(f'{path}:{line}: StoryIncludes names "{include}" inside '
                         f"{MAX_INCLUDE_DEPTH} files that include each other; it was left out")
        else:
            _gather(found, _read_text(found), main, texts, notes, seen, depth + 1)


def _read_text(path: Path) -> str:
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
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its byte-order mark
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].decode("utf-16", "replace").count("\n") + 1
            raise TwineError(f"{path}:{line}: the file says it is UTF-16 text, but this line "
                             "is not; open it in a text editor and save it again as UTF-8, "
                             "then import that file") from None
    if len(raw) > 3 and (raw[1:4:2] == b"\0\0" or raw[0:3:2] == b"\0\0"):
        raise TwineError(f"{path}:1: the file looks like UTF-16 text with no byte-order mark, "
                         "so it cannot be read safely; open it in a text editor and save it "
                         "again as UTF-8, then import that file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        sample = raw[:4096]
        high = sum(byte >= 0x80 for byte in sample)
        if b"\0" in sample or raw[:2] == b"\xff\xd8" or raw[:4] == b"\x89PNG" or \
                high > len(sample) // 5 or sum(byte < 9 for byte in sample) > 4:
            raise TwineError(f"{path} is not a Twine story: it is not a text file") from None
        line = raw.count(b"\n", 0, exc.start) + 1
        raise TwineError(f"{path}:{line}: the file is not UTF-8 text (it looks like Latin-1 or "
                         "Windows text); open it in a text editor and save it again as UTF-8, "
                         "then import that file") from None


def _include_path(path: Path, include: str) -> Path | None:
    """A Twee2 include, looked for beside the main file, then in the folders above it (Twee2
    reads them from where it was run), then by its bare name beside the main file."""
    if Path(include).suffix.lower() not in TWEE_FILES:
        return None
    for folder in [path.parent, *path.parent.parents][:4]:
        if (folder / include).is_file():
            return folder / include
    bare = path.parent / Path(include).name
    return bare if bare.is_file() else None


def _includes(text: str) -> list[tuple[str, int]]:
    """The files a Twee2 StoryIncludes passage names, with the line each is named on."""
    if "StoryIncludes" not in text:  # most files: no need to search line by line
        return []
    found = re.search(r"^::\s*StoryIncludes\b[^\n]*\n(.*?)(?=^::|\Z)", text,
                      re.MULTILINE | re.DOTALL)
    if not found:
        return []
    first = text.count("\n", 0, found.start(1)) + 1
    return [(line.strip(), first + number) for number, line in
            enumerate(found.group(1).splitlines())
            if line.strip() and not line.strip().startswith(("#", "/"))]


def parse_twee(text: str, shown: str = "the file") -> Story:
    """Twee 1, Twee2 and Twee 3: `:: Name [tags] {metadata}` or `<position>` headers, each
    followed by the passage's text."""
    return _finish(_twee_story([(text, shown)]), shown)


def _twee_story(texts: list[tuple[str, str]]) -> Story:
    found: list[tuple[str, tuple[str, ...], list[str], str, int]] = []
    for text, shown in texts:
        for number, line in enumerate(text.splitlines(), start=1):
            if line.startswith("::"):
                name, tags = _twee_header(line[2:])
                found.append((name, tags, [], shown, number + 1))
            elif found:
                found[-1][2].append(line[1:] if line.startswith("\\::") else line)
    title, data, passages, notes = "", {}, [], []
    where = f"{texts[0][1]}:1" if texts else ""
    for name, tags, lines, shown, first in found:
        whole = "\n".join(lines)
        body = whole.strip()
        line = first + whole[:len(whole) - len(whole.lstrip())].count("\n")
        if name == "StoryTitle":
            title = body
        elif name == "StoryData":
            where = f"{shown}:{line}"
            try:
                data = parse_json((body or "{}").encode("utf-8"))
            except DamagedFile as exc:
                notes.append(f"{where}: the StoryData passage was not read: {exc}")
            except RecursionError:
                notes.append(f"{where}: the StoryData passage was not read: it is nested too "
                             "deeply")
            data = data if isinstance(data, dict) else {}
        else:
            passages.append(Passage(name, body, tags, shown, line))
    start = str(data.get("start") or _twee2_start(passages)
                or ("Start" if any(p.name == "Start" for p in passages) else ""))
    story_format = " ".join(str(data.get(k, "")) for k in ("format", "format-version")).strip()
    return Story(title, start, passages, story_format, notes, where)


def _twee2_start(passages: list[Passage]) -> str:
    """The start passage a Twee2 story names in Ruby: build_config.story_start_name = 'X'."""
    for passage in passages:
        named = re.search(r"story_start_name\s*=\s*(['\"])(.+?)\1", passage.text)
        if "twee2" in passage.tags and named:
            return named.group(2)
    return ""


def _twee_header(rest: str) -> tuple[str, tuple[str, ...]]:
    """The name (with \\ escapes undone) and tags of a header line, after the `::`."""
    rest = rest.strip()
    rest = re.sub(r"\s*<-?\d+(?:\.\d+)?,\s*-?\d+(?:\.\d+)?>\s*$", "", rest)  # Twee2 position
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


def _finish(story: Story, shown: str) -> Story:
    """Drop unnamed and repeated passages, and settle the start passage."""
    seen: set[str] = set()
    kept = []
    for passage in story.passages:
        if passage.name == "StoryIncludes" and passage.name in seen:
            continue  # each included Twee2 file may have its own list of includes
        if not passage.name or passage.name in seen:
            story.notes.append(f"{passage.file or shown}:{passage.line}: " + (
                f'a second passage named "{passage.name}" was left out' if passage.name else
                "a passage with no name was left out"))
            continue
        seen.add(passage.name)
        kept.append(passage)
    story.passages = kept
    if not kept:
        raise TwineError(f"{shown} has no passages to import")
    if not story.format:  # Twee2 names the format in Ruby: story_format = 'Harlowe'
        for passage in story.passages:
            named = re.search(r"story_format\s*=\s*['\"](\w+)", passage.text)
            if "twee2" in passage.tags and named:
                story.format = named.group(1)
    for passage in kept:  # Chapbook and Snowman name no macros: guess from the text
        if not story.format and "<%" in passage.text:
            story.format = "Snowman"
        elif not story.format and re.search(r"^(?:\[(?:if|unless|else|continued?|cont'd)\b"
                                            r"[^\]\n]*\]|--)[ \t]*$", passage.text, re.MULTILINE):
            story.format = "Chapbook"
    story.where = story.where or f"{shown}:1"
    if all(story.special(p) for p in kept):
        missing = [note for note in story.notes if "StoryIncludes names" in note]
        raise TwineError(f"{story.where}: there is no passage to play, only special ones ("
                         + ", ".join(f'"{p.name}"' for p in kept[:5])
                         + (", ..." if len(kept) > 5 else "") + ")"
                         + (": " + "; ".join(missing) if missing else ""))
    if story.start not in seen:
        kept = sorted(kept, key=lambda p: bool(story.special(p)))  # a story passage first
        if story.start:
            story.notes.append(f'{story.where}: the start passage "{story.start}" is not in '
                               f'the story; the story starts at "{kept[0].name}" instead')
        else:
            story.notes.append(f"{story.where}: the story names no start passage (no "
                               'StoryData "start", no Twee2 story_start_name, no passage named '
                               f'"Start"); it starts at "{kept[0].name}", the first passage read')
        story.start = kept[0].name
    story.title = story.title or Path(shown).stem
    return story
