"""What `python main.py import` makes of a Twine story, and how it is written: Conversion holds
the scenario and chapter data with what to tell the author, and gives the two files' text as
YAML laid out the way authors write it (lists indented under their keys, several lines as a
literal block, added amounts with their sign). game/twine/convert.py fills a Conversion;
game/twine/importer.py writes the files.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any

from .ids import slugify
from .read import Story

SCHEMA_LINE = "# yaml-language-server: $schema=../scenario.schema.json\n"
CHAPTER_BYTES = 3 * 1024 * 1024  # a chapter file may hold 4 MB; this leaves room to edit


@dataclass
class Conversion:
    """A converted story: the two files' data, and what to tell the author."""

    story: Story
    scenario: dict
    chapter: dict
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)  # scene or ending id -> tags
    warnings: list[str] = field(default_factory=list)  # kept as text, broken links
    effects: list[str] = field(default_factory=list)  # effects made from macros: to rewrite
    # an effect's why -> (its passage, "file:line" of the change)
    origins: dict[str, tuple[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what else the author should know
    links: int = 0  # links found in the passages (link macros and back links too)
    kept: int = 0  # links that became at least one choice
    choices: int = 0
    conditions: int = 0
    # (passage, "file:line", "converted" / "approximated" / "dropped" / "not converted", what)
    records: list[tuple[str, str, str, str]] = field(default_factory=list)
    loud: int = 0  # how many things could not be converted (each makes check fail)
    moved: str = ""  # where --force moved the old scenario folder, if it did
    # the chapter files once made, by size limit: the import writes them, the report names them
    made: dict[int, list[tuple[str, str]]] = field(default_factory=dict, repr=False)

    def scenario_yaml(self) -> str:
        return (SCHEMA_LINE + "# Imported from Twine by `python main.py import`.\n"
                + _dump(self.scenario))

    def chapter_yaml(self) -> str:
        return self.chapter_files()[0][1]

    def chapter_files(self, limit: int = CHAPTER_BYTES) -> list[tuple[str, str]]:
        """(file name, YAML text) of the chapter files. Passages tagged as a chapter (see
        chapter_tag) go to one file per chapter, named after the tag ("2-chapter-2.yaml"), the
        untagged ones to "N-story.yaml"; a file that would grow past `limit` bytes goes on in
        the next one (a file may hold 4 MB). The numbers keep the files in order when sorted."""
        if limit in self.made:
            return self.made[limit]
        files: list[tuple[str, str]] = []
        for title, slug, items in self.chapter_groups():
            files += [(slug, text) for text in self._sized(title, items, limit)]
        width = len(str(len(files)))
        self.made[limit] = [(f"{number:0{width}d}-{slug}.yaml", text)
                            for number, (slug, text) in enumerate(files, start=1)]
        return self.made[limit]

    def chapter_groups(self) -> list[tuple[str, str, dict[str, list[dict]]]]:
        """(chapter title, file name part, {"scenes": [...], "endings": [...]}) per chapter:
        one per chapter tag, in the order of the tags' numbers when every one has a number,
        else in the order they first appear (scenes first, then endings); the passages with no
        chapter tag make the story's own chapter, first when the tags are numbered. Tags that
        name the same chapter ("ch1", "chapter-1") make one."""
        groups: dict[str, dict[str, list[dict]]] = {}
        numbers: dict[str, int | None] = {}
        for key in ("scenes", "endings"):
            for item in self.chapter.get(key) or []:
                found = next(filter(None, map(chapter_tag, self.tags.get(item["id"], ()))),
                             None)
                title = found[0] if found else ""
                if found:
                    numbers[title] = found[1]
                groups.setdefault(title, {"scenes": [], "endings": []})[key].append(item)
        order = list(groups)
        if numbers and None not in numbers.values():
            order.sort(key=lambda title: (bool(title), numbers.get(title) or 0))
        story = str(self.chapter.get("chapter", ""))
        return [(title or story, slugify(title) if title else "story", groups[title])
                for title in order]

    def _sized(self, title: str, items: dict[str, list[dict]], limit: int) -> list[str]:
        """One chapter's YAML text, in as many files as keep each under `limit` bytes."""
        head = SCHEMA_LINE + _dump({"chapter": title})
        files: list[list[str]] = [[head]]
        size = empty = len(head.encode("utf-8"))
        for key in ("scenes", "endings"):
            opened = False
            for item in items[key]:
                part = ("  # tags: " + " ".join(self.tags[item["id"]]) + "\n"
                        if self.tags.get(item["id"]) else "") + _dump([item], 2)
                grown = len(part.encode("utf-8")) + len(key) + 4
                if size > empty and size + grown > limit:  # a file holds at least one item
                    files.append([head])
                    size, opened = empty, False
                if not opened:
                    files[-1].append(f"\n{key}:\n")
                    opened = True
                else:
                    files[-1].append("\n")
                files[-1].append(part)
                size += grown
        return ["".join(parts) for parts in files]


# -- chapters --------------------------------------------------------------------------------
_CHAPTER_WORDS = ("chapter", "chap", "ch", "part", "act", "book", "episode", "ep", "section",
                  "day")
_NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen "
                 "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()
_ROMAN = re.compile(r"(?=[ivx])(x{0,3})(ix|iv|v?i{0,3})", re.IGNORECASE)
_CHAPTER_TAG = re.compile(
    r"(?P<word>" + "|".join(_CHAPTER_WORDS) + r")(?:[-_.:]?(?P<number>\d{1,4})|"
    r"[-_.:](?P<name>[^\W_]+))", re.IGNORECASE)


def chapter_tag(tag: str) -> tuple[str, int | None] | None:
    """A Twine tag that names a chapter, as (its title, its number or None); None for any other
    tag. The rule: one of the words chapter, chap, ch, part, act, book, episode, ep, section or
    day, then a number ("chapter2", "part-3", "Act_1") or, after a -, _, . or :, one word
    ("part-two", "act:IV", "chapter_intro"). Case does not matter."""
    found = _CHAPTER_TAG.fullmatch(tag)
    if not found:
        return None
    word = found.group("word").lower()
    word = {"chap": "chapter", "ch": "chapter", "ep": "episode"}.get(word, word).capitalize()
    if found.group("number"):
        return f"{word} {int(found.group('number'))}", int(found.group("number"))
    name = found.group("name")
    roman = _ROMAN.fullmatch(name)
    if name.lower() in _NUMBER_WORDS:
        return f"{word} {name}", _NUMBER_WORDS.index(name.lower()) + 1
    if roman:
        ones = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix")
        return (f"{word} {name.upper()}",
                10 * len(roman.group(1)) + ones.index(roman.group(2).lower()))
    return f"{word} {name}", None


# -- YAML ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Amount:
    """A number added by an effect, written with its sign (+2, -1) as in the docs."""

    value: int | float


_PLAIN = re.compile(r"[A-Za-z_(][\w .,;'!?()&/+$\"-]*[\w.!?)\"']|[A-Za-z_]")
_NOT_PLAIN = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}  # YAML reads
# these words as true/false or nothing; ": " and " #" would start a key or a comment
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff"
                          "\ud800-\udfff\ufffe\uffff]")


def _scalar(value: Any, indent: int) -> str:
    """A value as YAML: numbers and true/false as they are, an Amount with its sign, words
    plain when that is safe, several lines as a literal block, anything else double-quoted."""
    if type(value) is str:  # the most common by far: tried first
        text = value
    elif isinstance(value, Amount):
        return f"{value.value:+d}" if isinstance(value.value, int) else f"{value.value:+}"
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif isinstance(value, (int, float)):
        return repr(value)
    else:
        text = str(value)
    if len(text) < 64:  # keys, ids and short words come again and again
        return _short_scalar(text, indent)
    if _plain(text):
        return text
    return _quoted_or_block(text, indent)


@functools.lru_cache(maxsize=8192)
def _short_scalar(text: str, indent: int) -> str:
    if _plain(text):
        return text
    return _quoted_or_block(text, indent)


def _plain(text: str) -> bool:
    """Whether YAML reads `text` back as the same words when written without quotes."""
    return (": " not in text and " #" not in text and text.lower() not in _NOT_PLAIN
            and _PLAIN.fullmatch(text) is not None)


def _quoted_or_block(text: str, indent: int) -> str:
    lines = text.split("\n")
    if len(lines) > 1 and not _UNPRINTABLE.search(text) and "\r" not in text and \
            not lines[0].startswith((" ", "\t")) and not any(
                line != line.rstrip() for line in lines):
        pad = " " * indent
        return "|-\n" + "\n".join(pad + line if line else "" for line in lines)
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _emit(data: Any, indent: int, out: list[str], lead: str = "") -> None:
    """Block-style YAML for dicts and lists, lists indented under their key. `lead` begins
    the first line in place of the indent (a list item's "- ")."""
    pad = " " * indent
    if isinstance(data, dict):
        for key, value in data.items():
            start, lead = lead or pad, ""
            if value and isinstance(value, (dict, list)):
                out.append(f"{start}{_scalar(key, indent)}:")
                _emit(value, indent + 2, out)
            else:
                out.append(f"{start}{_scalar(key, indent)}: {_scalar(value, indent + 2)}")
        return
    for item in data:
        start, lead = lead or pad, ""
        if item and isinstance(item, (dict, list)):
            _emit(item, indent + 2, out, f"{start}- ")
        else:
            out.append(f"{start}- {_scalar(item, indent + 2)}")


def _dump(data: Any, indent: int = 0) -> str:
    out: list[str] = []
    _emit(data, indent, out)
    return "\n".join(out) + "\n"
