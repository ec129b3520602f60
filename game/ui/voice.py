"""Self-voicing: what the window says aloud, through a `game.speech.Speaker`.

The app calls three things (app.py, input_dispatch.py): `heard_key()` when a key or click
comes in (it stops the voice: the next key always interrupts), `handle(action)` for the speech
keys (F2 turns speech on and off, F3 says the meters), and `follow()` once a frame after
drawing. `follow()` compares what is on screen with what it last said, and says only what
changed, in this order:

1. a notice at the foot of the window ("Taken back: ...", "Saved", the meters after F3);
2. a screen that opened: its words above its first button (its title and what it is for);
3. on the play screen, a new page: the heading, the picture's description, the scene's words
   with who says them, each option with its number and why it is locked, or what a choice
   changed;
4. the highlighted control: its label, its number, and its note.

With the meters hidden until the debrief (a setting), F3 and what a choice changed say no numbers:
what moved and why, as the window shows it; at the ending (the debrief) the meters are said.

Nothing is said while the `self_voicing` setting is off (except "Speech off" as it goes off).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..speech import Speaker

# The meters' words (hud.py, the debrief and with them the report's readings) are imported by
# the functions that say them: the title screen, drawn first, needs none of them.

if TYPE_CHECKING:
    from .app import App
    from .layout import Button, Column
    from .screen import Screen

OPENING_PARAGRAPHS = 40  # of a screen's words above its first button (any key stops them)
TITLE_HINT = "F2: speech on or off"
NO_METERS = "The meters show while you play a story; there are none on this screen."
HIDDEN_METERS = ("The meters are hidden until the debrief, as your settings ask. What each choice "
                 "moved, and why, is still said; Settings can show the numbers again.")


def spoken_number(value: float) -> str:
    text = f"{abs(value):g}"
    return f"minus {text}" if value < 0 else text


def focus_words(button: "Button") -> str:
    """'Option 2: Ask the group first. Not available: ...' or 'Settings, button.'"""
    if button.number is not None:
        words = f"Option {button.number}: {button.label}."
    else:
        words = f"{button.label}, button."
    note = button.note.strip()
    if not button.enabled and not note.lower().startswith("not available"):
        words += " Not available."
    if note:
        words += " " + note.rstrip(".") + "."
    return words


def change_words(scenario, change) -> str:
    """One change for the ear: 'Trust up 8, now 58. You asked before you told.'"""
    from ..story.debrief import Debrief
    from .hud import label as meter_label
    variable = scenario.variables.get(change.name)
    name = meter_label(variable) if variable else change.name
    after = change.after
    if isinstance(after, (int, float)) and not isinstance(after, bool) and not change.limited:
        amount = after - change.before
        how = "no change" if not amount else f"{'up' if amount > 0 else 'down'} {abs(amount):g}"
        words = f"{name} {how}, now {spoken_number(after)}"
    else:  # a yes/no, a text, or a number held at its bound: the debrief's own words
        words = Debrief.describe(scenario, change._replace(why="", tag=""))
        words = words.replace("\u2212", "minus ").replace("+", "plus ")
    if change.why:
        words += ". " + change.why.strip().rstrip(".")
    return words + "."


def hidden_change_words(scenario, change) -> str:
    """One change with the meters hidden: what it touched and why, no number ('Trust: People
    felt valued.'); a yes/no or a text keeps its words, as the window shows them."""
    from .hud import hidden_change_head
    words = hidden_change_head(scenario, change)
    if change.why:
        words += (": " if words == meter_name(scenario, change) else ". ")
        words += change.why.strip().rstrip(".")
    return words + "."


def meter_name(scenario, change) -> str:
    from .hud import label as meter_label
    variable = scenario.variables.get(change.name)
    return meter_label(variable) if variable else change.name


def meter_words(run) -> str:
    """Every meter with its scale, and the rung of the last decision (F3)."""
    from ..story.debrief import power_words
    from .hud import compact_rung, label as meter_label, meters
    values = run.values
    parts = []
    for variable in meters(run):
        value = values[variable.name]
        if variable.name == "power":
            parts.append(f"{meter_label(variable)}: {spoken_number(value)}, {power_words(value)}.")
        elif variable.maximum is not None and (variable.minimum or 0) == 0:
            parts.append(f"{meter_label(variable)}: {spoken_number(value)} out of {variable.maximum:g}.")
        else:
            parts.append(f"{meter_label(variable)}: {spoken_number(value)}.")
    parts.append(compact_rung(run.rung) + ".")
    return " ".join(parts)


def column_words(column: "Column", before: int | None = None, limit: int = 10 ** 6) -> list[str]:
    """The text of a column, a paragraph a piece, in order (only above `before`, if given)."""
    found = []
    for item in sorted(column.texts, key=lambda t: t.y):
        if before is not None and item.y >= before:
            break
        words = item.words.strip().lstrip("\u2022").strip()  # hyphenated words whole
        if words:
            found.append(words)
        if len(found) >= limit:
            break
    return found


def opening_words(screen: "Screen") -> list[str]:
    """A screen's title and purpose: its words above its first button, read from the top pane
    down (a heading may sit in a pane of its own above the buttons, as on the title screen)."""
    words = [screen.title] if screen.title else []
    for pane in sorted(screen.panes, key=lambda p: p.view.rect.top):
        column = pane.column
        first = min((b.rect.y for b in column.buttons), default=None)
        words += column_words(column, first, OPENING_PARAGRAPHS - len(words))
        if first is not None or len(words) >= OPENING_PARAGRAPHS:
            break
    return words


def alt_words(scene) -> list[str]:
    """The description of the scene's pictures, where the story gives one."""
    alt = getattr(scene, "alt", None)
    if isinstance(alt, dict):
        alt = " ".join(str(v) for v in alt.values() if v)
    return [f"Picture: {alt.strip()}"] if isinstance(alt, str) and alt.strip() else []


def play_page(screen) -> tuple[list[str], set[str]]:
    """What the play screen's page says, and the labels of the options it read out."""
    from .screens.play.layout import INTRO, NOTE, OUTCOME, _title_text
    run = screen.run
    scene = screen.shown_scene
    words: list[str] = []
    if screen.phase == INTRO:
        words.append(f"You play {_title_text(screen)}.")
    else:
        if scene is not None and scene.chapter:
            words.append(scene.chapter)
        words.append(_title_text(screen))
    if screen.phase == OUTCOME and screen.outcome is not None:
        outcome = screen.outcome
        words.append(f"You chose: {outcome.choice}")
        words += [" ".join(p.split()) for p in outcome.feedback.split("\n\n") if p.strip()]
        if outcome.changes:
            hidden = screen.app.settings.hide_meters
            words.append("What changed (the meters are hidden until the debrief):" if hidden
                         else "What changed:")
            say = hidden_change_words if hidden else change_words
            words += [say(run.scenario, change) for change in outcome.changes]
    elif screen.phase == INTRO:
        words += column_words(screen.main, min((b.rect.y for b in screen.main.buttons), default=None))
    else:
        words += alt_words(run.scene)
        if screen.phase == NOTE:
            words += column_words(screen.main, min((b.rect.y for b in screen.main.buttons), default=None))
        elif screen.skip_text:
            words.append("You skipped the text of this scene.")
        else:
            for line in run.lines:
                text = " ".join(line.text.split())
                words.append(f"{line.speaker} says: {text}" if line.speaker else text)
    said = set()
    for button in screen.main.buttons:
        words.append(focus_words(button))
        said.add(button.label)
    return words, said


class Voice:
    def __init__(self, app: "App", speaker: Speaker):
        self.app = app
        self.speaker = speaker
        self.forget()

    def forget(self) -> None:
        """Say everything afresh at the next frame (speech just came on)."""
        self.screen = None
        self.page = None
        self.focus = None
        self.notice = None

    @property
    def on(self) -> bool:
        return bool(self.app.settings.self_voicing)

    # -- from the app ----------------------------------------------------------------------
    def heard_key(self) -> None:
        """A key or click: whatever is being said stops (the next words replace it)."""
        if self.on:
            self.speaker.stop()

    def handle(self, action) -> bool:
        """F2 (speech on/off) and F3 (the meters); True when the action was one of them."""
        app = self.app
        if action.name == "speech":
            app.settings.self_voicing = not app.settings.self_voicing
            app.apply_settings()
            if app.settings.self_voicing:
                self.forget()
                app.say("Speech on. F2 turns it off; F3 says the meters.")
            else:
                self.speaker.stop()
                self.speaker.say("Speech off.")
                app.say("Speech off. F2 turns it on again.")
            return True
        if action.name == "meters":
            from .screens.play.ending import EndingScreen
            from .screens.play.screen import PlayScreen
            shown = next((s for s in reversed(app.stack) if isinstance(s, (PlayScreen, EndingScreen))),
                         None)
            if shown is None:
                app.say(NO_METERS, seconds=8)
            elif app.settings.hide_meters and isinstance(shown, PlayScreen):
                app.say(HIDDEN_METERS, seconds=8)  # the ending is the debrief: there, they are said
            else:
                app.say(meter_words(shown.run), seconds=8)
            return True
        return False

    def follow(self) -> None:
        """Say what changed on screen since the last frame (see the module's notes)."""
        speaker = self.speaker
        if not self.on:
            speaker.pump()
            return
        speaker.rate = self.app.settings.speech_rate
        words = self.changes()
        for index, part in enumerate(words):
            speaker.say(part, interrupt=index == 0)
        speaker.pump()

    def changes(self) -> list[str]:
        from .screens.play.screen import PlayScreen
        app = self.app
        top = app.top
        top.ensure_layout()
        words: list[str] = []
        notice = (app.notice, app.notice_until) if app.notice else None
        if notice != self.notice:
            self.notice = notice
            if notice:
                words.append(app.notice)
        said: set[str] = set()
        if top is not self.screen:
            self.screen, self.page = top, None
            if not isinstance(top, PlayScreen):
                words += opening_words(top)
        if isinstance(top, PlayScreen) and top.main is not None:
            page = (top.phase, top.run.step, top.run.scene.id if top.run.scene else None,
                    top.skip_text, len(top.run.taken), id(top.outcome))
            if page != self.page:
                self.page = page
                page_words, said = play_page(top)
                words += page_words
        button = top.focused
        focus = (id(top), button.label, button.note, button.enabled) if button else None
        if focus != self.focus:
            self.focus = focus
            if button is not None and button.label not in said:
                words.append(focus_words(button))
        return words
