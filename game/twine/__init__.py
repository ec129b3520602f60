"""Twine import: a Twine story (Twee, a folder of Twee files, or published HTML) becomes a
scenario folder, and whatever cannot be converted exactly is said, with its file:line.

read finds the passages; body parses each passage's text, links and macros; expr reads changes
and tests; links and chapbook turn link macros of every format into choices; render reads a
passage in order; convert keeps Twine's order of changes and tests; scenes builds scenes and
choices; content turns the story's content warnings into content notes; ids makes readable
ids; to_yaml writes the chapter files (one per chapter tag, each under the size cap); report
writes import-report.md; importer is `python main.py import`.
"""
from .importer import add_parser, command, import_story
