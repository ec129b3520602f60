"""The game in a terminal: plain text in, plain text out, so it works in pipes and with
screen readers. It drives the same Run as the window does."""
from __future__ import annotations

import shlex
from pathlib import Path
from typing import TextIO

from ..files.folders import HINT, saving_problem
from ..records import Recorder, open_recorder
from .console import Quit, Terminal, choose_from, number
from . import debrief as text_debrief
from . import map as text_map
from . import room as text_room
from . import saves as text_saves
from . import start as text_start
from . import workshop as text_workshop
from .workshop import NOTE_LIMIT  # noqa: F401  (kept importable from here)
from .reflection import reflect as reflect_on
from ..text.words import slot_words
from ..support import Support, support_for
from ..saves import read_slot, save_run, slot_path
from ..files.write import set_read_only
from ..story import ChoiceUnavailable, LoadResult, Run, Scenario

# one item a line, the key first: a screen reader reads each line whole ("u: undo the last
# choice"), where aligned columns would be read across, two items run together
HELP = "\n".join((
    "Type the number of an option to choose it. Other keys:",
    "u: undo the last choice, and hear what was taken back",
    "h: history of what you read and chose",
    "s: the meters, with their scales and reasons (unless hidden until the debrief)",
    "d: questions to think over at a decision",
    "o: the other side's view, at a moment both chairs live",
    "map: the branch map as an outline, chapter by chapter",
    "p: pause and step out for a moment",
    *text_saves.SAVE_HELP,
    "?: this help",
    "q: quit (you can save first)"))
WORKSHOP_HELP = "\n".join((
    "In workshop mode, at a decision:",
    "v: type the room's votes for each option (they go into the session record)",
    "n: a facilitator's note on this decision"))

class TextGame(Terminal):
    def __init__(self, scenarios: list[LoadResult], stdin: TextIO, stdout: TextIO,
                 save_folder: Path, label: str = "", workshop: bool = False,
                 room: tuple[str | None, int] | None = None, plain: bool = False,
                 hide_meters: bool = False):
        super().__init__(stdin, stdout, plain)
        self.hide_meters = hide_meters  # no meter numbers until the ending (the debrief)
        self.room_at = room     # (host, port) to open the live room at the start
        self.room = None        # the live room (game.room.live.LiveRoom) while it is open
        self.scenarios = scenarios
        self.save_folder = save_folder
        self.autosaved = False  # did the latest autosave work?
        self.save_trouble = ""  # why the latest autosave failed, once said
        self.run: Run | None = None
        self.label = label
        self.workshop = workshop
        self.recorder: Recorder | None = None
        self.record_id: str | None = None  # the session record named by a loaded save
        self.read_only = False  # another game holds the save folder: write nothing to it
        self.lock = None        # this game's hold on the save folder (game/files/lock.py)

    # -- the game ------------------------------------------------------------------------------
    def play(self, scenario_id: str | None = None, role: str | None = None,
             load: str | None = None, chapter: int | None = None) -> int:
        """Play to the end or until the player quits. `chapter` (1-based) begins the role at
        that chapter when the scenario declares a start there (story/starts.py)."""
        try:
            self.take_lock()
            if self.room_at is not None:  # first, so the room can join while the story starts
                self.room = text_room.open_room(self, *self.room_at)
            run = self.start(scenario_id, role, load, chapter)
            if run is None:  # a wrong --scenario, --role, --chapter or --load: said why
                return 2
            if not load and not self.may_replace_autosave():
                return 0
            self.run = run
            self.recorder = open_recorder(self.save_folder, run, self.record_id, self.label,
                                          "workshop" if self.workshop else "solo")
            if run.step:
                self.record(run)
            if not load:
                reflect_on(self, run, "before")  # the scenario's statements, if it has them
            return self.loop()
        except Quit as reason:
            if str(reason) == "end of input":
                kept = self.run is not None and self.run.step and self.autosaved
                self.say("Input ended." + (" Your place is kept in the autosave." if kept else ""))
            return 0
        finally:
            text_room.close(self)

    def take_lock(self) -> None:
        """Hold the save folder's lock; when another game holds it, use another folder or go on
        read-only (asked on a terminal; read-only, said so, when the input is not a terminal)."""
        from ..files.lock import BUSY, acquire, other_folder
        self.lock = acquire(self.save_folder)
        if self.lock is not None:
            return
        self.say(BUSY.format(folder=self.save_folder))
        spare = other_folder(self.save_folder)
        use_spare = self.echoes and self.pick("What would you like to do?", [
            f"Use another save folder: {spare}",
            "Go on read-only: you can play, but nothing is saved or recorded"]) == 0
        if use_spare:
            self.lock = acquire(spare)
        if self.lock is not None:
            self.save_folder = spare
            self.say(f"Saving in {spare} (next time: --save-dir {shlex.quote(str(spare))}).")
            return
        self.read_only = True
        set_read_only(self.save_folder)
        self.say("Going on read-only: this game writes no autosave, save or session record. "
                 f"To keep your game, play with --save-dir {shlex.quote(str(spare))}.")

    def may_replace_autosave(self) -> bool:
        """Before a new game: True if there is no unfinished autosave, or the player agrees to
        replace it (as the window asks)."""
        if self.read_only:
            return True
        path = slot_path(self.save_folder, "auto")
        auto = read_slot(path) if path.exists() else None
        if auto is None or not auto.ok or auto.ending:
            return True
        self.say(f"Your autosave holds a story you have not finished ({slot_words(auto)}). A new "
                 "game replaces it as soon as you make your first choice. Your save slots are kept.")
        if self.ask_yes("Start anyway?"):
            return True
        self.say_command("The autosave is kept. To go on with it:",
                         "python main.py play --text --load auto" + self.save_dir_option)
        return False

    def start(self, scenario_id: str | None, role: str | None, load: str | None,
              chapter: int | None = None) -> Run | None:
        if load:
            if chapter:
                self.say("(--chapter is left out: a loaded game goes on from where it was saved.)")
            return self.load_slot(load)
        playable = [r for r in self.scenarios if r.scenario]
        for broken in (r for r in self.scenarios if not r.scenario):
            self.say_command(f'The scenario "{broken.title}" has problems and cannot be played; '
                             "to see them:", f"python main.py check {shlex.quote(str(broken.path))}")
        if scenario_id:
            playable = [r for r in playable if r.scenario.id == scenario_id]
            if not playable:
                self.say(f'There is no playable scenario "{scenario_id}". Try: '
                         + ", ".join(r.id for r in self.scenarios if r.scenario))
                return None
        if not playable:
            self.say("There is no scenario to play.")
            return None
        scenario = playable[0].scenario if len(playable) == 1 else playable[self.pick(
            "Which scenario?", [f"{r.scenario.title}: {r.scenario.summary}" for r in playable])].scenario
        text_start.prebrief(self, scenario)
        roles = list(scenario.roles.values())
        if role and role not in scenario.roles:
            self.say(f'This scenario has no role "{role}". It has: ' + ", ".join(scenario.roles))
            return None
        if not role:
            role = roles[self.pick("Which chair will you sit in?",
                                   [f"{r.name}: {r.description}".rstrip(": ") for r in roles])].id
        chosen = scenario.roles[role]
        if chapter is not None and chapter != 1:  # chapter 1 is the beginning
            return text_start.start_at_chapter(self, scenario, role, chapter)
        if chosen.intro:
            self.heading(chosen.name)
            self.say(chosen.intro.strip())
        return Run(scenario, role)

    def support(self, scenario: Scenario | None) -> Support:
        """The support lines for `scenario` (its support.yaml, then the save folder's)."""
        return support_for(scenario.path if scenario else None, self.save_folder)

    def load_slot(self, name: str) -> Run | None:
        return text_saves.load_slot(self, name)

    def loop(self) -> int:
        chapter = None
        shown_scene = None
        while not self.run.ended:
            run = self.run  # read each time: `load` puts another run here
            scene = run.scene
            if (scene.id, run.step) != shown_scene:
                if scene.chapter and scene.chapter != chapter:
                    chapter = scene.chapter
                    self.heading(chapter)
                self.show_scene(run)
                text_room.follow(self, run)  # the devices show the same scene
                shown_scene = (scene.id, run.step)
            views = run.choices
            if run.stuck:
                self.say("The story is stuck here: every option is closed. This is a mistake in "
                         "the scenario (python main.py check finds it). Type u to undo or q to quit.")
                answer = self.ask("u or q: ").lower()
            elif scene.is_decision:
                answer = self.ask(f"Your choice ({choose_from(len(views))}, ? for help): ").lower()
            else:
                answer = self.ask("Press Enter to go on (? for help): ").lower() or "1"
            if number(answer) is not None:
                self.take(run, number(answer) - 1)
            elif answer in ("u", "undo"):
                self.undo(run)
                shown_scene = None
                chapter = None
            elif answer in ("h", "history"):
                text_debrief.show_history(self, run)
            elif answer in ("s", "state", "meters"):
                text_debrief.show_state(self, run)
            elif answer in ("d", "discuss", "questions"):
                text_debrief.show_questions(self, run)
            elif answer in ("o", "other", "other side"):
                text_debrief.show_other_side(self, run)
            elif answer == "map":
                self.heading("The story map")
                for line in text_map.map_lines(run):
                    self.say(line, "  " if line.startswith("- ") else "")
            elif answer == "save":
                text_saves.save_here(self, run)
            elif answer == "load":
                if text_saves.load_here(self):
                    shown_scene = chapter = None
            elif answer in ("p", "pause"):
                self.step_out()
                shown_scene = None
            elif answer in ("?", "help"):
                self.say(HELP + ("\n" + WORKSHOP_HELP if self.workshop else "")
                         + ("\n" + text_room.ROOM_HELP if self.room else ""))
            elif scene.is_decision and text_room.command(self, run, answer):
                pass
            elif self.workshop and scene.is_decision and answer in ("v", "votes"):
                text_workshop.take_votes(self, run)
            elif self.workshop and scene.is_decision and answer in ("n", "note"):
                text_workshop.take_note(self, run)
            elif answer in ("q", "quit"):
                text_saves.offer_save(self, run)
                return 0
            elif scene.is_decision:
                self.say("Please type 1, or ? for help." if len(views) == 1 else
                         f"Please type a number from {choose_from(len(views))}, or ? for help.")
            else:
                self.say("Press Enter to go on, or ? for help.")
        text_debrief.show_ending(self, self.run)
        return 0

    def undo(self, run: Run) -> None:
        """Go back one step and say what was taken back, and where that leaves the player."""
        last = run.taken[-1] if len(run.taken) > run.started_at else None
        if last is None or not run.undo():
            self.say("There is nothing to undo yet.")
            return
        scene = run.scenario.scenes.get(last.scene)
        if scene is not None and scene.is_decision:
            self.say(f'Undone: your choice "{last.text}" is taken back. You can choose again.')
        else:
            name = (scene.title or scene.chapter) if scene is not None else ""
            self.say("Undone: back one step" + (f", to {name}." if name else "."))
        self.autosave(run)

    def step_out(self) -> None:
        self.heading("Step out")
        self.say(self.support(self.run.scenario if self.run else None).step_out_text())
        self.ask("Press Enter when you are ready to go on. ")

    def show_scene(self, run: Run) -> None:
        scene = run.scene
        if scene.title:
            self.heading(scene.title)
        skip = False
        if scene.content_notes:
            self.say("Content note: " + "; ".join(scene.content_notes) + ".")
            while True:
                answer = self.ask("Press Enter to read this scene, or type k to skip its text: ")
                answer = answer.lower()
                if answer in ("", "k", "skip"):
                    break
                if answer in ("q", "quit"):
                    text_saves.offer_save(self, run)
                    raise Quit("quit")
                if answer in ("p", "pause"):
                    self.step_out()
                    continue
                self.say("Press Enter to read it, k to skip it, p to pause or q to quit.")
            skip = answer in ("k", "skip")
            if skip:
                self.say("Skipped. What happens next is below.")
        for alt in () if skip else getattr(scene, "alt_texts", ()):  # what the pictures show
            self.say()
            self.say(f"Picture: {alt}")
        for line in () if skip else run.lines:
            self.say()
            self.say(f"{line.speaker}: {line.text}" if line.speaker else line.text)
        if not scene.is_decision:
            return
        tools = ("r: the room's votes so far, m: go with the majority, k: comments, n: a note"
                 if self.room else "v: the room's votes, n: a note")
        if self.workshop and scene.discuss:
            self.say()
            self.say(f"Talk it over before you choose ({tools}):")
            for prompt in scene.discuss:
                self.say(f"- {prompt}", "  ")
        elif self.workshop:
            self.say()
            self.say(f"({tools})")
        elif scene.discuss:  # solo: on request, so the story is not interrupted
            self.say()
            self.say("(d: questions to think over before you choose)")
        mirror = text_debrief.other_side_here(self, run)
        if mirror is not None:
            other = run.scenario.roles.get(mirror.other_role)
            self.say()
            self.say("(o: this same moment from the other chair, "
                     f"{other.name if other else 'the other side'})")
        self.say()
        for view in run.choices:
            if view.enabled:
                self.say(f"{view.index + 1}. {view.text}", "  ")
            else:
                self.say(f"{view.index + 1}. (not available) {view.text} \u2014 {view.reason}", "  ")

    def take(self, run: Run, index: int) -> None:
        text_room.before_choice(self, run, index)
        try:
            outcome = run.choose(index)
        except ChoiceUnavailable as exc:
            self.say(f"That option cannot be chosen: {str(exc).rstrip('.')}.")
            return
        if outcome.feedback:
            self.say()
            self.say(outcome.feedback.strip())
        for change in outcome.changes:
            self.say(text_debrief.describe(self, run, change), "  ")
        self.autosave(run)

    def autosave(self, run: Run) -> None:
        if self.read_only:
            return
        try:
            save_run(self.save_folder, "auto", run, overwrite=True, record=self.record_name)
            self.autosaved = True
            self.save_trouble = ""
        except OSError as exc:
            self.autosaved = False
            trouble = saving_problem(self.save_folder)
            hint = f" ({HINT})" if trouble else ""
            trouble = trouble or exc.strerror or str(exc)
            if trouble != self.save_trouble:  # said once, not after every choice
                self.save_trouble = trouble
                self.say(f"(Autosave failed. {trouble}. Nothing is saved{hint}; the game goes on.)")
        self.record(run)

    def say_command(self, words: str, command: str) -> None:
        """Words, then a command to copy on a line of its own: never wrapped, so a long path
        stays whole (paths in it are quoted with shlex.quote)."""
        self.say(words)
        print(f"  {command}", file=self.out)

    @property
    def save_dir_option(self) -> str:
        """' --save-dir DIR' when the saves are not where `--load` alone would look for them."""
        from ..saves import save_dir
        if Path(self.save_folder).resolve() == save_dir().resolve():
            return ""
        return f" --save-dir {shlex.quote(str(self.save_folder))}"

    @property
    def record_name(self) -> str | None:
        return self.recorder.id if self.recorder else None

    def record(self, run: Run) -> None:
        """Write the session record; say so once if it cannot be written."""
        recorder = self.recorder
        if recorder is None or self.read_only:
            return
        words = recorder.update_and_say(self.save_trouble)
        if words:
            self.say(f"({words})")
