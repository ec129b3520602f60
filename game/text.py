"""The game in a terminal: plain text in, plain text out, so it works in pipes and with
screen readers. It drives the same Run as the window does."""
from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import TextIO

from .folders import HINT, saving_problem
from .records import Recorder, open_recorder
from .text_io import NUMBER, Quit, Terminal, number
from . import text_room
from .text_reflection import reflect as reflect_on
from .story.debrief import ACTION_PROMPT, REACTION_WORDS, Debrief
from .support import Support, support_for
from .saves import (SaveError, list_slots, read_slot, restore, save_run, set_read_only,
                    slot_path)
from .story import ChoiceUnavailable, LoadResult, Run, Scenario

HELP = """\
Type the number of an option to choose it. Other keys:
  u  undo the last choice        h  history of what you read and chose
  s  meters, with reasons        p  pause and step out for a moment
  ?  this help                   q  quit (you can save first)"""
WORKSHOP_HELP = """In workshop mode, at a decision:
  v  type the room's votes for each option (they go into the session record)
  n  a facilitator's note on this decision"""

NOTE_LIMIT = 600  # characters in a facilitator's note, as in the window


class TextGame(Terminal):
    def __init__(self, scenarios: list[LoadResult], stdin: TextIO, stdout: TextIO,
                 save_folder: Path, label: str = "", workshop: bool = False,
                 room: tuple[str | None, int] | None = None):
        super().__init__(stdin, stdout)
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
        self.lock = None        # this game's hold on the save folder (game/lock.py)

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
        from .lock import BUSY, acquire, other_folder
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
        self.say(f"Your autosave holds a story you have not finished ({auto.describe()}). A new "
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
        self.prebrief(scenario)
        roles = list(scenario.roles.values())
        if role and role not in scenario.roles:
            self.say(f'This scenario has no role "{role}". It has: ' + ", ".join(scenario.roles))
            return None
        if not role:
            role = roles[self.pick("Which chair will you sit in?",
                                   [f"{r.name}: {r.description}".rstrip(": ") for r in roles])].id
        chosen = scenario.roles[role]
        if chapter is not None and chapter != 1:  # chapter 1 is the beginning
            return self.start_at_chapter(scenario, role, chapter)
        if chosen.intro:
            self.heading(chosen.name)
            self.say(chosen.intro.strip())
        return Run(scenario, role)

    def start_at_chapter(self, scenario: Scenario, role: str, number: int) -> Run | None:
        """A run of `role` begun at chapter `number`, after "The story so far"; None (and why)
        when the scenario has no start there."""
        from .story.starts import begin, chapters, playable_starts
        starts = playable_starts(scenario, role)
        found = next((s for s in starts if s.number == number), None)
        if found is None:
            name = scenario.roles[role].name
            if not starts:
                self.say(f'"{scenario.title}" has no chapter starts for {name}: play it from the '
                         "beginning (leave out --chapter).")
            else:
                count = len(chapters(scenario))
                offer = [f"{s.number} ({s.chapter})" for s in starts]
                offer = ", ".join(offer[:-1]) + " or " + offer[-1] if len(offer) > 1 else offer[0]
                where = (f"There is no chapter {number}: the story has {count} chapters."
                         if not 1 <= number <= count else f"There is no start at chapter {number}.")
                self.say(f"{where} As {name}, you can start at chapter {offer}; or leave out "
                         "--chapter to play from the beginning.")
            return None
        run = begin(scenario, found)
        self.heading("The story so far")
        self.say(found.heading + ".")
        self.say(found.summary)
        self.say()
        self.say("The choices before this chapter were made for you; the game reads only "
                 "what you choose from here.")
        return run

    def prebrief(self, scenario: Scenario) -> None:
        self.heading(scenario.title)
        if scenario.summary:
            self.say(scenario.summary.strip())
        self.say()
        self.say("This is a piece of fiction about making things together. There are no perfect "
                 "answers: every choice costs something, and that is the point. You can stop or "
                 "pause at any time (type p to pause, q to quit).")
        if scenario.content_notes:
            self.say("Content notes: " + "; ".join(scenario.content_notes) + ".")
        support = self.support(scenario)
        if support.problems:  # said before play, for the trainer, never at step-out
            self.say("A support file has problems, so its lines are left out:")
            for problem in support.problems:  # unwrapped, so the file:line:col stays whole
                print(f"  {problem}", file=self.out)
        self.say()
        self.say("If the story brings up something hard, there are people to talk to:")
        for sentence in support.sentences():
            self.say(f"- {sentence}", "  ")

    def support(self, scenario: Scenario | None) -> Support:
        """The support lines for `scenario` (its support.yaml, then the save folder's)."""
        return support_for(scenario.path if scenario else None, self.save_folder)

    def load_slot(self, name: str) -> Run | None:
        try:
            path = slot_path(self.save_folder, name)
            if not path.exists():
                names = ", ".join(s.name for s in list_slots(self.save_folder)) or "none yet"
                raise SaveError(f'there is no save called "{name}" (saves: {names})')
            slot = read_slot(path)
            match = next((r.scenario for r in self.scenarios
                          if r.scenario and r.scenario.id == slot.scenario), None)
            if slot.ok and match is None:
                raise SaveError(f'the scenario "{slot.scenario}" is not here')
            run = restore(match, slot)
        except SaveError as exc:
            self.say(f'Cannot load "{name}": {exc}')
            return None
        self.record_id = slot.data.get("record") if slot.data else None
        self.say(f"Loaded {slot.describe()}.")
        if run.restore_note:
            self.say(run.restore_note)
        return run

    def loop(self) -> int:
        run = self.run
        chapter = None
        shown_scene = None
        while not run.ended:
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
                answer = self.ask(f"Your choice (1-{len(views)}, ? for help): ").lower()
            else:
                answer = self.ask("Press Enter to go on (? for help): ").lower() or "1"
            if number(answer) is not None:
                self.take(run, number(answer) - 1)
            elif answer in ("u", "undo"):
                if run.undo():
                    self.say("Undone: back one step.")
                    self.autosave(run)
                else:
                    self.say("There is nothing to undo yet.")
                shown_scene = None
                chapter = None
            elif answer in ("h", "history"):
                self.show_history(run)
            elif answer in ("s", "state", "meters"):
                self.show_state(run)
            elif answer in ("p", "pause"):
                self.step_out()
                shown_scene = None
            elif answer in ("?", "help"):
                self.say(HELP + ("\n" + WORKSHOP_HELP if self.workshop else "")
                         + ("\n" + text_room.ROOM_HELP if self.room else ""))
            elif scene.is_decision and text_room.command(self, run, answer):
                pass
            elif self.workshop and scene.is_decision and answer in ("v", "votes"):
                self.take_votes(run)
            elif self.workshop and scene.is_decision and answer in ("n", "note"):
                self.take_note(run)
            elif answer in ("q", "quit"):
                self.offer_save(run)
                return 0
            elif scene.is_decision:
                self.say(f"Please type a number from 1 to {len(views)}, or ? for help.")
            else:
                self.say("Press Enter to go on, or ? for help.")
        self.show_ending(run)
        return 0

    def take_votes(self, run: Run) -> None:
        """The room's vote count for each option shown, typed on one line."""
        if self.room is not None:
            self.say("The room is open: the votes come from the devices (r shows them so far).")
            return
        views = run.choices
        self.say(f"Type how many people chose each of the {len(views)} options, in order, with "
                 "spaces between (a locked option takes 0). Enter alone keeps what was there.")
        while True:
            answer = self.ask("Votes: ")
            if not answer:
                return
            counts = answer.replace(",", " ").split()
            if len(counts) == len(views) and all(NUMBER.fullmatch(c) for c in counts):
                break
            self.say(f"Please type {len(views)} whole numbers, such as "
                     + " ".join(str(n) for n in range(len(views), 0, -1)) + ".")
        numbers = [int(c) if view.enabled else 0 for c, view in zip(counts, views)]
        self.recorder.set_votes(numbers)
        self.record(run)
        total = sum(numbers)
        self.say(f"Votes saved ({total} in all): "
                 + "; ".join(f"{v.index + 1}: {n}" for v, n in zip(views, numbers)) + ".")

    def take_note(self, run: Run) -> None:
        old = self.recorder.pending_note()
        if old:
            self.say(f"The note so far: {old}")
        note = self.ask("Facilitator's note (Enter alone keeps it as it is): ")
        if note:
            cut = len(note) > NOTE_LIMIT  # as the window's note box; a pasted file stays out
            self.recorder.set_note(note[:NOTE_LIMIT])
            self.record(run)
            self.say("Note saved in the session record."
                     + (f" It keeps the first {NOTE_LIMIT} characters." if cut else ""))

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
                    self.offer_save(run)
                    raise Quit("quit")
                if answer in ("p", "pause"):
                    self.step_out()
                    continue
                self.say("Press Enter to read it, k to skip it, p to pause or q to quit.")
            skip = answer in ("k", "skip")
            if skip:
                self.say("Skipped. What happens next is below.")
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
            self.say(Debrief.describe(run.scenario, change), "  ")
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
        from .saves import save_dir
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
        had_error = bool(recorder.error)
        if not recorder.update() and not had_error:
            trouble = saving_problem(self.save_folder)
            if trouble and trouble == self.save_trouble:
                return  # the autosave has said what is wrong with the folder
            self.say(f"(The session record could not be written: {trouble or recorder.error}. "
                     "The game goes on.)")

    def offer_save(self, run: Run) -> None:
        if self.read_only:
            self.say("This game was read-only (another game holds the save folder), so it is "
                     "not saved. Goodbye.")
            return
        if run.step == 0 or not self.ask_yes("Save before you go?"):
            self.say("Goodbye.")
            return
        while True:
            name = self.ask("Save name (Enter for 'quick'): ").lower() or "quick"
            try:
                path = slot_path(self.save_folder, name)
            except SaveError as exc:
                self.say(str(exc))
                continue
            if path.exists():
                if not self.ask_yes(f'"{read_slot(path).describe()}" is already there. Replace it?'):
                    continue
            try:
                save_run(self.save_folder, name, run, overwrite=True, record=self.record_name)
            except OSError as exc:
                self.say(f"Could not save: {exc.strerror}.")
                return
            self.say_command(f'Saved as "{name}". Load it with:',
                             f"python main.py play --text --load {name}" + self.save_dir_option)
            return

    def show_history(self, run: Run) -> None:
        self.heading("What happened so far")
        for line in Debrief(run).history_lines():
            self.say(line, "  ")

    def show_state(self, run: Run) -> None:
        self.heading("Where things stand")
        for line in Debrief(run).state_lines():
            self.say(line, "  ")

    def show_ending(self, run: Run) -> None:
        ending = run.ending
        self.heading(f"Ending: {ending.title}")
        self.say(ending.text)
        reflect_on(self, run, "after")  # the same statements again, before the debrief
        self.heading("Looking back")
        for line in Debrief(run).summary_lines():
            self.say(line)
        self.say()
        self.say("Thank you for playing. Talk it over: what would you do differently, "
                 "and what would the other chair say?")
        text_room.at_ending(self, run)
        self.reflect(run)

    def reflect(self, run: Run) -> None:
        """A short debrief that goes into the session record; every question can be skipped."""
        if self.recorder is None or self.read_only:
            return
        self.heading("Before you go (Enter skips any question)")
        self.say("How did that feel? Some words people use: " + ", ".join(REACTION_WORDS) + ".")
        feeling = self.ask("A word or two: ")
        takeaway = self.ask("One thing you will take away: ")
        action = self.ask(ACTION_PROMPT + " ")
        answers = {"reactions": [w.strip() for w in re.split(r"[,;]", feeling) if w.strip()],
                   "takeaways": [takeaway] if takeaway else [], "action": action}
        if any(answers.values()):
            self.recorder.set_debrief(**answers)
            self.record(run)
            where = self.recorder.path
            self.say(f"Saved in your session record: {where}")
            self.say("To make a printable report of it, run this (on one line):")
            print(f"  python main.py report {shlex.quote(str(where))} --out report.html", file=self.out)
