"""The room's pages as a device sees them, rendered on the server so they work with no script.

Every word that comes from the story or from a device goes through `_text` (html.escape), and
nothing here writes a `style=` or `on...=` attribute or an inline script: the page's look and
its live updates come from /static/room.css and /static/room.js, which the Content-Security-
Policy allows and nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from .model import COMMENT_LIMIT, ANSWER_LIMIT, Page

BRAND = "Making Together · live room"


@dataclass(frozen=True, slots=True)
class DeviceView:
    """What one joined device sees now: the page, and its own vote, comment and answers.
    `open` is whether the vote at this page is open (None when the page has no vote)."""

    page: Page
    version: int
    open: bool | None = None
    mine: int | None = None
    comment: str = ""
    answers: dict = field(default_factory=dict)


def _text(words: object) -> str:
    return escape(str(words), quote=True)


def _document(title: str, story: str, *, version: int = 0, live: bool = False) -> str:
    """The whole page around `story` (the part the script swaps when the room changes)."""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(title)} · {_text(BRAND)}</title>\n"
        '<link rel="icon" href="data:,">\n'
        '<link rel="stylesheet" href="/static/room.css">\n'
        '<script src="/static/room.js" defer></script>\n'
        "</head>\n<body>\n"
        f'<header class="brand"><p>{_text(BRAND)}</p></header>\n'
        f'<main id="main" data-live="{"on" if live else "off"}">\n'
        '<p id="notice" class="notice" role="status" aria-live="polite"></p>\n'
        f'<div id="story" data-version="{int(version)}">\n{story}</div>\n'
        "</main>\n</body>\n</html>\n")


def _said(said: str) -> str:
    return f'<p class="said" role="status">{_text(said)}</p>\n' if said else ""


# -- not joined ------------------------------------------------------------------------------
def join_page(message: str = "") -> str:
    """The join form, with `message` (why the last code was refused) above it."""
    problem = (f'<p class="problem" id="join-problem" role="alert">{_text(message)}</p>\n'
               if message else "")
    described = ' aria-describedby="join-problem"' if message else ""
    story = (
        "<h1>Join the room</h1>\n"
        "<p>Type the room code shown on the big screen.</p>\n"
        f"{problem}"
        '<form class="join" method="post" action="/join">\n'
        '<label for="code">Room code</label>\n'
        '<input id="code" name="code" type="text" autocomplete="off" '
        f'autocapitalize="characters" spellcheck="false" maxlength="32" required{described}>\n'
        '<button type="submit" id="join">Join</button>\n'
        "</form>\n"
        '<section class="kept" aria-labelledby="kept">\n'
        '<h2 id="kept">What is kept</h2>\n'
        "<p>Kept in the facilitator's session record, with no name: your votes, your comments "
        "and your answers to the questions at the end.</p>\n"
        "<p>Not kept: your name (nobody asks for it), an account (there is none) and your "
        "device's address (it is not logged). This device gets a random code in a cookie so "
        "the room knows its vote; it stands for the device only while the room is open and "
        "goes when you close the browser.</p>\n"
        "</section>\n")
    return _document("Join the room", story)


# -- joined ----------------------------------------------------------------------------------
def room_page(view: DeviceView, said: str = "") -> str:
    """The current page for one joined device, with `said` (what became of its last form)."""
    page = view.page
    if page.kind == "decision":
        story, title = _decision(view), page.title or "A decision"
    elif page.kind == "ending":
        story, title = _ending(view), page.ending or page.title or "The ending"
    elif page.kind == "scene":
        story, title = _scene(page), page.title or "The story"
    else:
        title = "Waiting for the story"
        story = ("<h1>Waiting for the story</h1>\n" + _context(page) +
                 "<p>The facilitator has not started the story yet. You are in the room: "
                 "this page changes by itself when the story begins (if it does not, "
                 "reload it).</p>\n")
    return _document(title, _said(said) + story, version=view.version, live=True)


def _context(page: Page) -> str:
    bits = [b for b in (page.scenario, f"In the chair of: {page.role}" if page.role else "")
            if b]
    return f'<p class="context">{_text(" · ".join(bits))}</p>\n' if bits else ""


def _lines(page: Page) -> str:
    out = []
    for speaker, words in page.lines:
        if speaker:
            out.append(f'<p class="line"><strong>{_text(speaker)}:</strong> {_text(words)}</p>')
        else:
            out.append(f'<p class="line narration">{_text(words)}</p>')
    return "\n".join(out) + ("\n" if out else "")


def _scene(page: Page) -> str:
    return (f'<h1 id="title" tabindex="-1">{_text(page.title or "The story")}</h1>\n'
            f"{_context(page)}{_lines(page)}")


def _hidden_key(page: Page) -> str:
    return f'<input type="hidden" name="key" value="{_text(page.key)}">\n'


def _decision(view: DeviceView) -> str:
    page = view.page
    voting = view.open is True
    parts = [_scene(page)]
    if page.discuss:
        items = "".join(f"<li>{_text(d)}</li>\n" for d in page.discuss)
        parts.append('<section aria-labelledby="talk">\n<h2 id="talk">Talk it over</h2>\n'
                     f"<ul class=\"discuss\">\n{items}</ul>\n</section>\n")
    parts.append('<section aria-labelledby="options">\n<h2 id="options">The options</h2>\n')
    if view.open is False:
        parts.append('<p class="closed" role="status">The vote has closed.</p>\n')
    elif view.open is None:
        parts.append("<p>There is no vote here: the facilitator chooses.</p>\n")
    parts.append('<ol class="options">\n')
    for option in page.options:
        parts.append(_option(page, option, view.mine, voting))
    parts.append("</ol>\n")
    if voting and view.mine is not None:
        parts.append('<form class="withdraw" method="post" action="/withdraw">\n'
                     f"{_hidden_key(page)}"
                     '<button type="submit" id="withdraw">Take back my vote</button>\n</form>\n')
    parts.append("</section>\n")
    if voting:
        parts.append(
            '<section aria-labelledby="comment-heading">\n'
            '<h2 id="comment-heading">Your comment</h2>\n'
            '<form class="comment" method="post" action="/comment">\n'
            f"{_hidden_key(page)}"
            '<label for="comment">A comment for the facilitator (optional, anonymous)</label>\n'
            f'<textarea id="comment" name="comment" maxlength="{COMMENT_LIMIT}" rows="3">'
            f"{_text(view.comment)}</textarea>\n"
            '<button type="submit" id="send-comment">Send comment</button>\n'
            "</form>\n</section>\n")
    return "".join(parts)


def _option(page: Page, option, mine: int | None, voting: bool) -> str:
    number = int(option.number)
    text_id = f"option-{number}"
    yours = mine == number
    mark = '<strong class="mine">Your vote</strong> ' if yours else ""
    words = (f'<p class="option-text" id="{text_id}">{mark}'
             f'<span class="number">{number}.</span> {_text(option.text)}</p>\n')
    if not option.enabled:
        reason = option.reason or "This option is not open in the story just now."
        return (f'<li class="option locked">\n{words}'
                f'<p class="reason">Not open: {_text(reason)}</p>\n</li>\n')
    if not voting:
        return f'<li class="option{" chosen" if yours else ""}">\n{words}</li>\n'
    return (f'<li class="option{" chosen" if yours else ""}">\n{words}'
            '<form class="vote" method="post" action="/vote">\n'
            f"{_hidden_key(page)}"
            f'<button type="submit" id="vote-{number}" name="option" value="{number}" '
            f'aria-describedby="{text_id}">Vote for {number}</button>\n'
            "</form>\n</li>\n")


def _ending(view: DeviceView) -> str:
    page = view.page
    answers = view.answers or {}
    picked = set(answers.get("reactions", ()))
    title = page.ending or page.title or "The ending"
    parts = [f'<h1 id="title" tabindex="-1">{_text(title)}</h1>\n', _context(page)]
    if page.title and page.ending and page.title != page.ending:
        parts.append(f"<p>{_text(page.title)}</p>\n")
    parts.append(_lines(page))
    if answers:
        parts.append('<p class="sent">Your answers are sent. You can change them and send '
                     "them again.</p>\n")
    parts.append('<form class="answers" method="post" action="/answers">\n'
                 f"{_hidden_key(page)}")
    if page.reactions:
        parts.append('<fieldset class="reactions">\n<legend>How did it feel?</legend>\n')
        for index, word in enumerate(page.reactions):
            checked = " checked" if word in picked else ""
            parts.append(f'<label class="check" for="reaction-{index}">'
                         f'<input type="checkbox" id="reaction-{index}" name="reactions" '
                         f'value="{_text(word)}"{checked}> {_text(word)}</label>\n')
        parts.append("</fieldset>\n")
    for index, (prompt_id, question) in enumerate(page.prompts):
        parts.append(f'<label for="answer-{index}">{_text(question)}</label>\n'
                     f'<textarea id="answer-{index}" name="{_text(prompt_id)}" '
                     f'maxlength="{ANSWER_LIMIT}" rows="3">'
                     f"{_text(answers.get(prompt_id, ''))}</textarea>\n")
    parts.append('<button type="submit" id="send-answers">Send my answers</button>\n</form>\n')
    return "".join(parts)


# -- refusals and errors ---------------------------------------------------------------------
def refusal_page(message: str, title: str = "That did not go through") -> str:
    """A page for a refused form or an error: the reason in plain words and a way back."""
    story = (f'<h1 id="title" tabindex="-1">{_text(title)}</h1>\n'
             f'<p class="problem" role="alert">{_text(message)}</p>\n'
             '<p><a href="/">Back to the room</a></p>\n')
    return _document(title, story)
