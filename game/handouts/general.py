"""The handouts every scenario shares: the six words with their history, the ladder of
co-production, and the two templates a group fills in (open and fixed; a working agreement).
Each returns the body of one sheet as HTML."""
from __future__ import annotations

from ..report.page import esc
from ..story.ladder import ABDICATION_RUNG, RUNGS
from .words import CREDIT, HISTORY, SIX_WORDS


def six_words() -> str:
    cards = "".join(
        f'<div class="word"><h3>{esc(w.word)}</h3><p>{esc(w.meaning)}</p>'
        f'<p class="ask">Ask: {esc(w.ask)}</p></div>' for w in SIX_WORDS)
    history = "".join(f"<p>{esc(p)}</p>" for p in HISTORY)
    return (f'<p class="intro">Six words for what makes coproduction work, or stop working. '
            "Every change in the game is tagged with one of them, and the debrief asks which "
            "mattered most.</p>"
            f'<div class="words-grid">{cards}</div>'
            f'<h2>Where it comes from</h2><div class="history">{history}</div>'
            f'<p class="small">{esc(CREDIT)}</p>')


def ladder() -> str:
    rungs = "".join(
        f'<div class="rung"><span class="n">{r.number}</span><span class="name">{esc(r.name)}</span>'
        f'<span class="group">{esc(r.group)}</span><span class="sig">{esc(r.signature)}</span></div>'
        for r in reversed(RUNGS))
    off = ABDICATION_RUNG
    return ('<p class="intro">Each option in the game sits at a rung of this ladder: the way of '
            "working it stands for. Higher is not always better. Some work is best explained "
            "(rung 2) or consulted on (rung 3); the question is what each part of the project "
            "needed, and whether the rung fitted it.</p>"
            f'<div class="ladder"><div class="rails" role="list" aria-label="The ladder, top '
            f'rung first">{rungs}</div>'
            f'<div class="off"><h3>Off the ladder: {esc(off.name)}</h3><p>{esc(off.signature)}</p>'
            "<p>It is not a low rung. Stepping back so far that the group works without what "
            "staff know is its own failure, however kindly meant.</p></div></div>"
            "<h2>Talk about it</h2><ul><li>Which rung was the first meeting at? Which rung was "
            "the last?</li><li>Where was a lower rung the right fit, and why?</li><li>Where "
            "did someone step back so far that the group was left without what it needed?"
            "</li></ul>"
            '<p class="small">The rungs follow Think Local Act Personal\u2019s ladder of '
            "co-production, which grew from Sherry Arnstein\u2019s ladder of citizen "
            "participation (1969). The short descriptions are the game\u2019s own.</p>")


def _blank_table(heads: tuple[str, ...], rows: int) -> str:
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in heads)
    empty = "<tr>" + "<td></td>" * len(heads) + "</tr>"
    return f'<table class="blank"><thead><tr>{head}</tr></thead><tbody>{empty * rows}</tbody></table>'


def open_and_fixed() -> str:
    return ('<p class="intro">Write this together at the first meeting, and keep it where '
            "everyone can see it. A group told that everything is open, when it is not, finds "
            "out later and stops trusting the rest.</p>"
            "<p>What are we making? ______________________________________________</p>"
            + _blank_table(("Open: the group decides",
                            "Fixed: who fixed it, and why",
                            "Not sure yet: who finds out, by when"), 14)
            + "<ul><li>Can anything fixed be reopened? Who would we ask?</li>"
            "<li>Is anything on the open side really decided already?</li>"
            "<li>Which parts need what staff know (safety, law, money) as well as what members "
            "know?</li></ul><p>We will look at this list again on: ____________________</p>")


AGREEMENT = (
    ("What we are here to make", "and who it is for"),
    ("How we treat each other", "listening, speaking plainly, disagreeing well"),
    ("How we decide", "and what happens when we do not agree"),
    ("Pay, expenses and access", "how much, how and when; a benefits check before anyone is "
                                 "paid; travel, times and rooms that work for everyone"),
    ("When someone is unwell or needs a break", "how they stay in touch, and how they come back"),
    ("What stays in the room", "and what we may share outside it"),
    ("Who does what", "and what staff will bring that members cannot see from outside"),
    ("When the project ends", "whose names are on it, who carries it on, and who is paid to"),
)


def working_agreement() -> str:
    parts = "".join(
        f'<h3>{esc(title)}</h3><p class="hint">{esc(hint)}</p><div class="write"></div>'
        '<div class="write"></div>' for title, hint in AGREEMENT)
    return ('<p class="intro">Agree how you will work together before the work starts. Write it '
            "in the group\u2019s own words, sign it, and change it when it stops fitting.</p>"
            f'<div class="agreement">{parts}</div>'
            "<p>Agreed by: ______________________________________ on ____________</p>"
            "<p>We will look at it again on: ____________</p>")
