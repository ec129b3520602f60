"""The room's state, shared by the game's thread and the web server's thread.

The game publishes a `Page` (what every device shows now); devices join with the room code and
get a token; each token may vote once per decision (changeable until the vote closes), leave one
short comment per decision and answer the debrief questions at the ending. The facilitator
closes the vote from the game; nothing a device sends can close a vote, choose or move on.

Every method takes the room's lock, so either thread may call any of them. No addresses, no
names: a token is random and stands for a device only while the room is open.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import Callable

# Letters and digits that cannot be mistaken for one another when read off a projector.
CODE_ALPHABET = "ACDEFHJKLMNPRTUVWXY3479"
CODE_LENGTH = 5
COMMENT_LIMIT = 280        # characters in one comment
ANSWER_LIMIT = 500         # characters in one debrief answer
MAX_DEVICES = 500          # a workshop, not a stadium; and 500 comments of 280 characters at
#                            each of 30 decisions stay well inside a record's 8 MiB
KINDS = ("waiting", "scene", "decision", "ending")


@dataclass(frozen=True, slots=True)
class Option:
    """An option at a decision as devices see it: `number` counts from 1, as on the projector."""

    number: int
    text: str
    enabled: bool = True
    reason: str = ""       # why it is locked ('' when it can be taken)


@dataclass(frozen=True, slots=True)
class Page:
    """What every device shows now. `key` names the moment ("<step>:<scene id>", as the
    session record names a decision); votes, comments and answers are kept per key."""

    key: str
    kind: str                                     # one of KINDS
    scenario: str = ""                            # the scenario's title
    role: str = ""                                # whose chair the room is in
    title: str = ""
    lines: tuple[tuple[str, str], ...] = ()       # (speaker, words); speaker '' for narration
    discuss: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    ending: str = ""                              # the ending's title (kind "ending")
    reactions: tuple[str, ...] = ()               # words a device may pick at the ending
    prompts: tuple[tuple[str, str], ...] = ()     # (id, question) a device may answer at the ending

    @property
    def voting(self) -> bool:
        return self.kind == "decision" and any(o.enabled for o in self.options)


@dataclass(frozen=True, slots=True)
class Tally:
    """The votes at one decision: `counts[i]` is the votes for option number i + 1."""

    key: str
    counts: tuple[int, ...]
    voted: int                     # devices that have voted
    open: bool
    comments: tuple[str, ...]      # in the order they were first sent (a changed one keeps its place)

    @property
    def total(self) -> int:
        return sum(self.counts)

    def leaders(self) -> list[int]:
        """The option numbers (from 1) with the most votes: one, or several in a tie; none
        when nobody has voted."""
        top = max(self.counts, default=0)
        return [i + 1 for i, c in enumerate(self.counts) if c == top] if top else []


@dataclass(frozen=True, slots=True)
class Verdict:
    """What became of something a device sent: `ok`, or why not in words for that device."""

    ok: bool
    message: str
    status: int = 200              # the HTTP status the server answers with


@dataclass
class _Vote:
    options: int
    enabled: tuple[bool, ...]
    open: bool = True
    choices: dict[str, int] = field(default_factory=dict)       # token -> option index
    comments: dict[str, str] = field(default_factory=dict)      # token -> words (insertion order)


class Room:
    """One open room. `code` is what people type; `version` goes up whenever anything a page
    or the facilitator shows has changed (a listener is told too)."""

    def __init__(self, code: str | None = None):
        self.code = code or new_code()
        # The facilitator's own page (the tally and every comment, read-only) is at a path only
        # the game knows, and answers only browsers on the game's own computer.
        self.facilitator_key = os.urandom(16).hex()
        self._lock = threading.Lock()
        self._tokens: set[str] = set()
        self._page = Page(key="", kind="waiting")
        self._votes: dict[str, _Vote] = {}
        self._answers: dict[str, dict[str, dict]] = {}    # page key -> token -> answers
        self._listeners: list[Callable[[], None]] = []
        self.version = 0

    # -- the game's side --------------------------------------------------------------------
    def publish(self, page: Page) -> None:
        """Show `page` on every device. A decision's vote opens the first time it is shown
        (showing it again, after a step out, keeps its votes and whether it is closed)."""
        if page.kind not in KINDS:
            raise ValueError(f"unknown page kind {page.kind!r}")
        with self._lock:
            if page == self._page:
                return
            self._page = page
            if page.voting and page.key not in self._votes:
                self._votes[page.key] = _Vote(len(page.options),
                                              tuple(o.enabled for o in page.options))
            self._changed()

    def close(self, key: str | None = None) -> Tally | None:
        """Close the vote at `key` (the page shown, if None) and return its final tally."""
        with self._lock:
            key = self._page.key if key is None else key
            vote = self._votes.get(key)
            if vote is None:
                return None
            if vote.open:
                vote.open = False
                self._changed()
            return self._tally(key, vote)

    def reopen(self, key: str | None = None) -> None:
        """Open a closed vote again (the facilitator changed their mind before choosing)."""
        with self._lock:
            vote = self._votes.get(self._page.key if key is None else key)
            if vote is not None and not vote.open:
                vote.open = True
                self._changed()

    def tally(self, key: str | None = None) -> Tally | None:
        with self._lock:
            key = self._page.key if key is None else key
            vote = self._votes.get(key)
            return None if vote is None else self._tally(key, vote)

    def answers(self, key: str | None = None) -> list[dict]:
        """Debrief answers sent at the ending page `key`, one dict a device, in arrival order."""
        with self._lock:
            key = self._page.key if key is None else key
            return [dict(a) for a in self._answers.get(key, {}).values()]

    @property
    def page(self) -> Page:
        with self._lock:
            return self._page

    @property
    def devices(self) -> int:
        """Devices that have joined since the room opened."""
        with self._lock:
            return len(self._tokens)

    def listen(self, listener: Callable[[], None]) -> None:
        """Call `listener()` (from whichever thread made the change) whenever `version` goes up.
        It must be quick and must not call back into the room."""
        with self._lock:
            self._listeners.append(listener)

    # -- the devices' side ------------------------------------------------------------------
    def join(self, code: str) -> str | None:
        """A new device token for the right code (case and spaces do not matter), else None."""
        if normal_code(code) != self.code:
            return None
        with self._lock:
            if len(self._tokens) >= MAX_DEVICES:
                return None
            token = os.urandom(18).hex()
            self._tokens.add(token)
            self._changed()
            return token

    def knows(self, token: str | None) -> bool:
        with self._lock:
            return bool(token) and token in self._tokens

    def vote(self, token: str, key: str, number: int) -> Verdict:
        """`token`'s vote for option `number` (from 1) at `key`; a second vote replaces it."""
        with self._lock:
            vote, refused = self._open_vote(token, key)
            if refused:
                return refused
            if not (isinstance(number, int) and 1 <= number <= vote.options):
                return Verdict(False, "There is no option with that number.", 400)
            if not vote.enabled[number - 1]:
                return Verdict(False, "That option is not open in the story just now.", 409)
            changed = vote.choices.get(token) not in (None, number - 1)
            vote.choices[token] = number - 1
            self._changed()
            return Verdict(True, f"Your vote {'changed to' if changed else 'is for'} option "
                                 f"{number}. You can change it until the vote closes.")

    def withdraw(self, token: str, key: str) -> Verdict:
        with self._lock:
            vote, refused = self._open_vote(token, key)
            if refused:
                return refused
            if vote.choices.pop(token, None) is not None:
                self._changed()
            return Verdict(True, "Your vote is taken back.")

    def comment(self, token: str, key: str, text: str) -> Verdict:
        """`token`'s one comment at `key` (a second replaces it; empty removes it)."""
        words = " ".join(str(text).split())
        if len(words) > COMMENT_LIMIT:
            return Verdict(False, f"A comment can be up to {COMMENT_LIMIT} characters.", 413)
        with self._lock:
            vote, refused = self._open_vote(token, key)
            if refused:
                return refused
            if words:
                vote.comments[token] = words
            else:
                vote.comments.pop(token, None)
            self._changed()
            return Verdict(True, "Your comment is sent. The facilitator sees it first and "
                                 "chooses what goes on the big screen." if words
                           else "Your comment is taken back.")

    def answer(self, token: str, key: str, answers: dict) -> Verdict:
        """`token`'s debrief answers at the ending page `key`: {"reactions": [words],
        "<prompt id>": text}. Unknown words and prompts are left out; sending again replaces."""
        with self._lock:
            if token not in self._tokens:
                return Verdict(False, "This device has not joined the room.", 403)
            page = self._page
            if page.kind != "ending" or page.key != key:
                return Verdict(False, "The story has moved on: these questions are closed.", 409)
            kept: dict = {}
            reactions = answers.get("reactions")
            if isinstance(reactions, (list, tuple)):
                kept["reactions"] = [w for w in page.reactions if w in reactions]
            for prompt_id, _question in page.prompts:
                text = answers.get(prompt_id)
                if isinstance(text, str) and text.strip():
                    words = " ".join(text.split())
                    if len(words) > ANSWER_LIMIT:
                        return Verdict(False, f"An answer can be up to {ANSWER_LIMIT} "
                                              "characters.", 413)
                    kept[prompt_id] = words
            self._answers.setdefault(key, {})[token] = kept
            self._changed()
            return Verdict(True, "Thank you. Your answers are kept in the session record, "
                                 "with no name.")

    def mine(self, token: str, key: str) -> tuple[int | None, str]:
        """`token`'s vote (option number, or None) and comment at `key`."""
        with self._lock:
            vote = self._votes.get(key)
            if vote is None:
                return None, ""
            choice = vote.choices.get(token)
            return (None if choice is None else choice + 1), vote.comments.get(token, "")

    def my_answers(self, token: str, key: str) -> dict:
        with self._lock:
            return dict(self._answers.get(key, {}).get(token, {}))

    # -- inside the lock -------------------------------------------------------------------
    def _open_vote(self, token: str, key: str) -> tuple[_Vote | None, Verdict | None]:
        if token not in self._tokens:
            return None, Verdict(False, "This device has not joined the room.", 403)
        vote = self._votes.get(key)
        if vote is None:
            return None, Verdict(False, "There is no vote on that decision.", 404)
        if not vote.open or key != self._page.key:
            return None, Verdict(False, "That vote has closed: the room has chosen.", 409)
        return vote, None

    def _tally(self, key: str, vote: _Vote) -> Tally:
        counts = [0] * vote.options
        for index in vote.choices.values():
            counts[index] += 1
        return Tally(key, tuple(counts), len(vote.choices), vote.open,
                     tuple(vote.comments.values()))

    def _changed(self) -> None:
        self.version += 1
        for listener in self._listeners:
            listener()


def new_code() -> str:
    """A room code from the system's random source, easy to read off a screen."""
    return "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in _unbiased(CODE_LENGTH))


def _unbiased(count: int) -> list[int]:
    """`count` random bytes below the largest multiple of the alphabet's size (no bias)."""
    limit = 256 - 256 % len(CODE_ALPHABET)
    out: list[int] = []
    while len(out) < count:
        out += [b for b in os.urandom(count * 2) if b < limit]
    return out[:count]


def normal_code(code: str) -> str:
    """What someone typed, as a code: upper case, no spaces or dashes; O read as 0 is not in
    the alphabet, so it stays wrong rather than guessed."""
    return "".join(str(code).split()).replace("-", "").upper()[:32]
