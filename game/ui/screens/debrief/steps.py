"""What the debrief's steps show: Reactions, Summary and the solo Journal (Description is in
debrief_description.py, Analysis in debrief_analysis.py). Each function adds one step's
content to a Column; the screen (debrief.py) owns the answers and the saving.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pygame

from ....story.debrief import ACTION_PROMPT, GIBBS, REACTION_WORDS, TAKEAWAY_PROMPTS
from ....xapi.consent import SHARE_NO, SHARE_YES, share_question, share_state
from ...layout import Button, Column, TextItem, wrap

if TYPE_CHECKING:
    from .screen import DebriefScreen

JOURNAL_TITLES = {"description": "What happened", "feelings": "Feelings", "evaluation": "Evaluation",
                  "analysis": "Analysis", "conclusion": "Conclusion", "action": "Action plan"}
SAVED_AS_YOU_GO = "Your answers are saved in your session record as you go."


def bullet(column: Column, text: str, role: str = "body", colour: str = "ink", indent: int = 0,
           after: float = 0.5) -> None:
    """A line of a list: the bullet hangs, and the text wraps under itself."""
    font = column.theme.font(role)
    item = column.text(text, role, colour, indent=indent + font.size("\u2022  ")[0], after=after)
    column.texts.append(TextItem(item.y, [(indent, "\u2022", role, colour)], item.line_height,
                                 item.line_height))


def lead_in(column: Column, lead: str, rest: str, colour: str = "ink", indent: int = 0,
            after: float = 1.5) -> None:
    """A paragraph whose first words are bold (and coloured): "Fits. This part ended on ...".
    The rest begins on the lead's last line and then wraps at the column's width."""
    theme = column.theme
    bold, plain = theme.font("body_bold"), theme.font("body")
    width = column.width - indent
    step = theme.line_height("body")
    head = wrap(bold, lead, width)
    room = width - bold.size(head[-1] + " ")[0]
    words = rest.split(" ")
    first: list[str] = []
    while words and plain.size(" ".join(first + words[:1]))[0] <= room:
        first.append(words.pop(0))
    top = column.height
    column.texts.append(TextItem(top, [(indent, line, "body_bold", colour) for line in head],
                                 step * len(head), step))
    lines = [(indent, line, "body", "ink") for line in (wrap(plain, " ".join(words), width)
                                                         if words else ())]
    start = top + step * len(head)
    if first:
        lines.insert(0, (indent + width - room, " ".join(first), "body", "ink"))
        start -= step
    if lines:
        column.texts.append(TextItem(start, lines, step * len(lines), step))
    column.height = max(start + step * len(lines), top + step * len(head))
    column.space(after)


def toggle_label(word: str, picked: bool) -> str:
    """A toggle says its state in words, so it never rests on colour alone."""
    return f"{word} (picked)" if picked else word


def toggle_grid(column: Column, items: list[tuple[str, bool, Callable[[], None]]]) -> list[Button]:
    """Toggle buttons in a grid of equal cells; a picked one is filled and says "(picked)"."""
    theme = column.theme
    gap, pad = theme.unit, theme.unit * 2
    labels = [toggle_label(word, picked) for word, picked, _ in items]
    bold = theme.font("body_bold")
    # Size the cells for the longest label as it reads when picked, so nothing moves on a press.
    widest = max(bold.size(toggle_label(word, True))[0] for word, _, _ in items) + 2 * pad
    per_row = max(1, min(len(items), (column.width + gap) // (widest + gap)))
    cell = (column.width - gap * (per_row - 1)) // per_row
    line = theme.line_height("body")
    made: list[Button] = []
    for start in range(0, len(items), per_row):
        row = []
        for offset, (_, picked, on_press) in enumerate(items[start:start + per_row]):
            text = labels[start + offset]
            button = Button(text, on_press, kind="primary" if picked else "secondary")
            button.label_lines = wrap(theme.font("body_bold" if picked else "body"), text, cell - 2 * pad)
            button.rect = pygame.Rect(offset * (cell + gap), column.height, cell, 0)
            row.append(button)
        height = max(len(b.label_lines) for b in row) * line + 2 * theme.unit + pad // 2
        for button in row:
            button.rect.height = height
        column.buttons.extend(row)
        made.extend(row)
        column.height += height + gap
    column.space(1)
    return made


# -- 1. Reactions -----------------------------------------------------------------------------
def reactions(screen: "DebriefScreen", column: Column) -> None:
    picked = screen.answers.reactions
    column.text("How did that feel?", "subheading", after=0.5)
    column.text("Pick any words that fit, as many as you like, or none. There are no right answers.")
    words = list(REACTION_WORDS) + [w for w in picked if w not in REACTION_WORDS]
    toggle_grid(column, [(word, word in picked, lambda w=word: screen.toggle_reaction(w))
                         for word in words])
    column.row([("Something else", screen.ask_reaction), ("Skip this step", screen.next)])
    if picked:
        column.text("Saved in your session record: " + ", ".join(picked) + ".", "small", "muted")
    column.text("If the story stirred up something hard, press P to step out for a moment, "
                "or talk to your facilitator or someone you trust.", "small", "muted")


# -- 4. Summary -------------------------------------------------------------------------------
def answer_block(column: Column, prompt: str, answer: str, write_label: str, edit_label: str,
                 on_press: Callable[[], None]) -> None:
    """A question, the answer given (if any) and the button that writes or edits it."""
    theme = column.theme
    column.text(prompt, "body_bold", after=0.5)
    if answer:
        column.text(answer, indent=theme.unit * 2, after=0.5)
    column.row([(edit_label if answer else write_label, on_press)], after=1.5)


def summary(screen: "DebriefScreen", column: Column) -> None:
    answers = screen.answers
    column.text("What you take away", "subheading", after=0.5)
    column.text("Two or three take-aways, and one thing to try. Write as much or as little as you "
                "like, and skip any you wish.")
    for index, prompt in enumerate(TAKEAWAY_PROMPTS):
        answer_block(column, prompt, answers.takeaways.get(index, ""), f"Write take-away {index + 1}",
                     f"Edit take-away {index + 1}", lambda i=index: screen.ask_takeaway(i))
    column.text("One action", "subheading", after=0.5)
    answer_block(column, ACTION_PROMPT, answers.action, "Write your action", "Edit your action",
                 screen.ask_action)
    sharing(screen, column)
    column.text(SAVED_AS_YOU_GO, "small", "muted")
    if screen.step == screen.steps[-1]:
        keep_a_copy(screen, column)


def sharing(screen: "DebriefScreen", column: Column) -> None:
    """The player's agreement to send their own words to the organisation's store; asked only
    when the organisation has one and allows it (xapi.consent.asks_to_share)."""
    if not screen.asks_to_share:
        return
    agreed = screen.sharing
    column.text("Sharing with your organisation", "subheading", after=0.5)
    column.text(share_question(screen.app.workshop))
    toggle_grid(column, [(SHARE_YES, agreed is True, lambda: screen.set_sharing(True)),
                         (SHARE_NO, agreed is False, lambda: screen.set_sharing(False))])
    column.text(share_state(agreed), "small", "muted")


# -- 5. Journal (solo) ------------------------------------------------------------------------
def journal(screen: "DebriefScreen", column: Column) -> None:
    answers = screen.answers
    column.text("A short journal", "subheading", after=0.5)
    column.text("Six questions from Gibbs' reflective cycle, to think the game through on your own. "
                "All of them are optional.")
    for key, prompt in GIBBS:
        title = JOURNAL_TITLES[key]
        column.text(title, "small_bold", "muted", after=0.25)
        answer_block(column, prompt, answers.journal.get(key, ""), f"Write: {title}", f"Edit: {title}",
                     lambda k=key: screen.ask_journal(k))
    column.text(SAVED_AS_YOU_GO, "small", "muted")
    keep_a_copy(screen, column)


def keep_a_copy(screen: "DebriefScreen", column: Column) -> None:
    column.text("Keep a copy", "subheading", after=0.5)
    column.button("Make a report", screen.make_report,
                  note="A web page of this debrief, with the charts and your answers, to print or share.")
    if screen.report_path is not None:
        column.text(f"Last report: {screen.report_path}", "small", "muted")
