"""The live room from the terminal (`play --text --workshop --room`): the same room as the
window's, driven by typed commands. The terminal cannot redraw as votes arrive, so `r` shows
the count so far; choosing a number closes the vote and keeps its count in the record."""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from .console import number

if TYPE_CHECKING:
    from ..room.live import LiveRoom
    from ..story import Run
    from .game import TextGame

ROOM_HELP = """With the live room open, at a decision:
  r  the room's votes and comments so far
  m  close the vote and go with the majority (a tie is said; then you choose)
  l  close the vote, or open it again
  k  choose comments to read out to the room"""
PRIVACY = ("The record keeps the votes, comments and debrief answers with no name and no "
           "address; nobody's vote can be traced to them.")


def open_room(game: "TextGame", host: str | None, port: int) -> "LiveRoom | None":
    """Open the room and say how to join; None, having said why, when it cannot open."""
    from ..room.live import LiveRoom  # the web server is loaded only when a room opens
    room = LiveRoom(host, port)
    problem = room.open()
    if problem:
        game.say(f"The room could not open: {problem} The workshop goes on without it: "
                 "type the room's votes with v.")
        return None
    game.heading("The room is open")
    game.say("Everyone on the same Wi-Fi (or this computer's hotspot) can join from a phone or "
             "laptop: nothing to install, no account, no names.")
    game.say_command("Go to:", room.url)
    game.say(f"Room code: {' '.join(room.code)}")
    if not room.lan:
        game.say("No network was found: only this computer can join.")
    if game.out is sys.stdout and sys.stdout.isatty():
        game.say("Or scan this QR code:")
        for line in qr_lines(room.join_url):
            print(line, file=game.out)
    game.say(PRIVACY)
    return room


def qr_lines(text: str) -> list[str]:
    """A QR code in half-block characters, two rows of modules a line. Light modules are
    drawn as ink, so it reads right on a dark terminal; on a light one it shows inverted,
    which most phone cameras read too (the address is printed above it either way)."""
    from ..room.qr import matrix
    rows = matrix(text)
    if len(rows) % 2:
        rows = rows + [[False] * len(rows[0])]
    blocks = {(False, False): "\u2588", (True, False): "\u2584", (False, True): "\u2580",
              (True, True): " "}
    return ["".join(blocks[top, bottom] for top, bottom in zip(rows[i], rows[i + 1]))
            for i in range(0, len(rows), 2)]


def follow(game: "TextGame", run: "Run | None") -> None:
    if game.room is not None:
        game.room.follow(run)
        if game.room.keep(game.recorder):
            game.record(run)


def command(game: "TextGame", run: "Run", answer: str) -> bool:
    """A room command typed at a decision; True when it was one (and has been done)."""
    room = game.room
    if room is None or answer not in ("r", "m", "l", "k"):
        return False
    follow(game, run)
    tally = room.tally()
    if tally is None:
        game.say("The room votes at a decision with more than one option.")
        return True
    if answer == "r":
        game.say(f"{tally.voted} of {room.devices} devices have voted; the vote is "
                 f"{'open' if tally.open else 'closed'}.")
        for view, count in zip(run.choices, tally.counts):
            game.say(f"{view.index + 1}. {count} vote{'' if count == 1 else 's'}: {view.text}", "  ")
        if tally.comments:
            game.say(f"{len(tally.comments)} comment(s): k to read them.")
    elif answer == "l":
        if tally.open:
            tally = room.close_vote(game.recorder)
            game.record(run)
            game.say("The vote is closed. Choose with a number, or m for the majority; l opens it again.")
        else:
            room.reopen_vote()
            game.say("The vote is open again.")
    elif answer == "m":
        from ..room.live import majority
        tally = room.close_vote(game.recorder)
        game.record(run)
        chosen, words = majority(tally)
        if chosen is not None:
            game.say(words)
            game.take(run, chosen - 1)
        elif tally is not None and tally.voted:
            game.say(words + " Talk it over, then type the number of the one the room takes.")
        else:
            game.say(words + " The vote is closed: l opens it again.")
    else:
        read_comments(game, tally.comments)
    return True


def read_comments(game: "TextGame", comments: tuple[str, ...]) -> None:
    """Only the facilitator reads the list; those they pick are printed for the room."""
    room = game.room
    if not comments:
        game.say("No comments yet at this decision.")
        return
    game.say("The room's comments (only you see this list; none has a name):")
    for index, text in enumerate(comments, 1):
        game.say(f"{index}. {text}", "  ")
    answer = game.ask("Numbers of the comments to show the room, with spaces (Enter: none): ")
    picked = [number(word) for word in answer.replace(",", " ").split()]
    chosen = [comments[n - 1] for n in picked if n is not None and 1 <= n <= len(comments)]
    if not chosen:
        return
    game.say()
    game.say("The room says:")
    for text in chosen:
        room.show_comment(text)
        game.say(f"\u201c{text}\u201d", "  ")


def before_choice(game: "TextGame", run: "Run", index: int) -> None:
    """The facilitator is choosing: close the vote, so its count goes in with the choice."""
    room = game.room
    views = run.choices
    if room is None or not (0 <= index < len(views) and views[index].enabled):
        return
    follow(game, run)
    if room.tally() is not None:
        room.close_vote(game.recorder)


def at_ending(game: "TextGame", run: "Run") -> None:
    """The devices show the debrief questions; wait while the room answers, then keep them."""
    room = game.room
    if room is None:
        return
    follow(game, run)
    game.say()
    game.say("The devices in the room show the debrief questions now: how it felt, what they "
             "take away and one thing to try.")
    game.ask("Press Enter when the room has answered: ")
    answers = room.room.answers()
    if room.keep(game.recorder, force=True):
        game.record(run)
    game.say(f"{len(answers)} of {room.devices} devices answered. Their answers are in the "
             "session record and the room report.")


def close(game: "TextGame") -> None:
    room = game.room
    if room is None:
        return
    if game.run is not None:
        room.close_vote(game.recorder)
        if room.keep(game.recorder, force=True):
            game.record(game.run)
    room.close()
    game.room = None
    game.say("The room is closed.")
