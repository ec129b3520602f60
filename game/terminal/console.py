"""The terminal itself, for the text game: wrapped output that a screen reader reads well,
prompts that end cleanly when the input ends, and numbered menus. Nothing here knows the story.

Any bytes may come in and any text may go out, whatever the locale: input that is not UTF-8 is
read with the unreadable bytes shown as \ufffd (and the player is told once), control and
invisible characters are taken out of what is typed (NUL above all, so nothing typed can stop
a record being written), and output the terminal cannot show is replaced rather than fatal."""
from __future__ import annotations

import os
import re
import shutil
import textwrap
from typing import TextIO

from ..text.safety import clean, unreadable

NUMBER = re.compile(r"[0-9]{1,3}")
_DIGIT_GAP = re.compile(r"(?<=[0-9]) (?=[0-9])")  # the space inside "116 123"


def choose_from(count: int) -> str:
    """The range for a prompt, as it is said: '1 to 3' (never '1-3', heard as "one minus
    three"), or '1' when there is only one."""
    return "1" if count <= 1 else f"1 to {count}"


def number(answer: str) -> int | None:
    """The number typed, if it is a plain number (not '²', not 5,000 digits)."""
    return int(answer) if NUMBER.fullmatch(answer) else None


class Quit(Exception):
    """The player is done (typed q, or the input ended)."""


class Terminal:
    """Plain text in and out. Bold headings only on a real terminal; no colour codes in pipes."""

    def __init__(self, stdin: TextIO, stdout: TextIO, plain: bool = False):
        self.stdin = _forgiving(stdin)
        self.out = _forgiving(stdout)
        self.width = max(40, min(shutil.get_terminal_size((88, 24)).columns, 88) - 1)
        on_terminal = hasattr(stdout, "isatty") and stdout.isatty()
        # wrapped only for eyes on a real terminal: piped (a screen reader's log, a braille
        # display, a file) or --plain, each paragraph is one line that the reader flows itself
        self.wraps = on_terminal and not plain
        self.styled = (on_terminal and not plain
                       and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb")
        self.echoes = hasattr(stdin, "isatty") and stdin.isatty()
        self.blank = True  # the last line printed was blank
        self.told_unreadable = False  # said once that some typed characters could not be read

    # -- output helpers --------------------------------------------------------------------
    def say(self, text: str = "", indent: str = "") -> None:
        """Print wrapped text. `indent` marks a list item (later lines hang under it).
        Never prints two blank lines in a row."""
        for paragraph in clean(text, lines=True).split("\n"):
            if not paragraph.strip():
                if not self.blank:
                    print(file=self.out)
                self.blank = True
                continue
            lead = indent + paragraph[: len(paragraph) - len(paragraph.lstrip())]
            if not self.wraps:
                print(lead + paragraph.strip(), file=self.out)
                self.blank = False
                continue
            # never break at a hyphen or inside a long word: a file path must stay copyable;
            # nor between the digit groups of a phone number ("116 123" stays on one line)
            kept = _DIGIT_GAP.sub("\u00a0", paragraph.strip())
            print(textwrap.fill(kept, self.width, initial_indent=lead,
                                subsequent_indent=lead + ("  " if indent else ""),
                                break_on_hyphens=False, break_long_words=False
                                ).replace("\u00a0", " "), file=self.out)
            self.blank = False

    def heading(self, text: str) -> None:
        """A heading: bold on a terminal, plain text otherwise (no rules of = for a screen
        reader to read out)."""
        self.say()
        if self.styled:  # the codes go round the cleaned text: a record's text cannot send its own
            print(f"\033[1m{clean(text)}\033[0m", file=self.out)
            self.blank = False
        else:
            self.say(text)
        self.say()

    def ask(self, prompt: str) -> str:
        self.out.write(prompt)
        self.out.flush()
        try:
            typed = self.stdin.readline()
        except UnicodeDecodeError:  # a stream that could not be told to forgive bad bytes
            typed = "\ufffd\n"
        if typed == "":
            print(file=self.out)
            raise Quit("end of input")
        answer = clean(typed).strip()
        if not self.echoes:
            print(answer, file=self.out)  # so a transcript reads like a conversation
        self.blank = False
        if "\0" in typed:
            self.say("(A NUL character, Ctrl+@, was left out of what you typed.)")
        if unreadable(typed) and not self.told_unreadable:
            self.told_unreadable = True
            self.say("(Some characters you typed could not be read: the terminal sent bytes "
                     "that are not UTF-8. They are kept as \ufffd.)")
        return answer

    def ask_yes(self, prompt: str) -> bool:
        while True:
            answer = self.ask(f"{prompt} (y/n) ").lower()
            if answer in ("y", "yes"):
                return True
            if answer in ("n", "no"):
                return False
            self.say("Please type y or n.")

    def pick(self, title: str, options: list[str]) -> int:
        """Ask for one of `options` by number; returns its index."""
        self.heading(title)
        for place, option in enumerate(options, start=1):
            self.say(f"{place}. {option}", "  ")
        while True:
            answer = self.ask(f"Choose {choose_from(len(options))}: ")
            chosen = number(answer)
            if chosen is not None and 1 <= chosen <= len(options):
                return chosen - 1
            if answer.lower() == "q":
                raise Quit("quit")
            self.say(f"Please type a number from 1 to {len(options)} (or q to quit).")


def _forgiving(stream: TextIO) -> TextIO:
    """The same stream, told not to stop at bytes it cannot decode (they read as \ufffd) or
    characters it cannot encode (they print as ?). A stream that cannot be told is kept as is."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="replace")
        except (OSError, ValueError, TypeError, AttributeError):
            pass
    return stream
