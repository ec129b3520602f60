"""The window: one loop (events, update, draw if something changed), a stack of screens.

Frame pacing: the loop draws only when something changed (an input, a resize, an expose, an
animation), runs at 60 frames a second only while something animates, and otherwise sleeps in
`Clock.tick(IDLE_FPS)`, which costs far less than `pygame.event.wait()` (a 1 ms poll loop in SDL2).
Tests drive `step(events)` directly and never enter the blocking loop.
"""
from __future__ import annotations

import gc
import os
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from ..files.folders import HINT, saving_problem
from ..files.lock import BUSY, acquire, other_folder
from ..places import assets_dir
from ..saves import list_slots, read_slot, restore, save_run, slot_path, SaveError
from ..files.write import set_read_only
from .background import Background
from .actions import Action, translate
from .controller import PAD_EVENTS, Pads
from . import keymap
from .screen import Fade, Screen
from .settings import Settings, load_settings, save_settings
from .images import Pictures
from .portraits import Portraits
from .layout import wrap
from .theme import FontBook, Theme
from .voice import Voice
from .scanning import SCAN_EVENT, Scanner
from ..speech import Speaker

if TYPE_CHECKING:  # the loader (YAML, schema, builder) is imported when the library loads,
    from ..story.loader import LoadResult  # after the title screen is drawn
    from ..records import Recorder
    from ..story import Run, Scenario

ACTIVE_FPS = 60
REPEATABLE = {"focus_next", "focus_prev", "up", "down", "scroll"}
IDLE_FPS = 15
DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (640, 480)


class App:
    def __init__(self, scene_roots: list[Path], save_folder: Path, size: tuple[int, int] = DEFAULT_SIZE,
                 settings: Settings | None = None, workshop: bool = False, label: str = "",
                 speaker: Speaker | None = None):
        self.started = time.perf_counter()
        # Everything is drawn in software; asking SDL for a GPU-backed window surface costs
        # ~0.12 s at start-up (measured under X) and buys nothing here. A player can override it.
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
        pygame.display.init()
        pygame.font.init()
        self.scene_roots = scene_roots
        self.save_folder = save_folder
        self.settings = settings or load_settings(save_folder)
        keymap.apply(self.settings)  # the player's own keys, if any (keymap.py)
        # self-voicing (voice.py); the computer's own voice is looked for after the first frame
        self.voice = Voice(self, speaker or Speaker())
        self._find_speaker = speaker is None
        self.settled = False  # True once what waits for the first frame is done (settle())
        self.window_size = size
        icon = assets_dir() / "icons" / "making-together-64.png"  # from packaging/icon.svg
        if icon.is_file():  # set before the window opens: some systems ignore a later change
            pygame.display.set_icon(pygame.image.load(icon))
        self.surface = self._open_window()
        pygame.display.set_caption("Making Together")
        pygame.key.set_repeat(400, 40)
        self.pads: Pads | None = None  # gamepads and adaptive controllers, after the first frame
        self.fonts = FontBook()
        self.theme = Theme(self.settings, self.surface.get_size(), self.fonts, projector=workshop)
        self.keyboard_used = False
        self.running = True
        self.dirty = True
        self.notice = ""
        self.notice_until = 0.0
        self.first_frame_at: float | None = None
        self.frames = 0
        self.held: set[int] = set()  # keys down now: a repeat of one of them is not a new press
        self._library: list[LoadResult] | None = None
        self.clock = pygame.time.Clock()
        self.fade = Fade()  # the cross-fade between scenes (screen.py)
        # Transitions run in the real loop (run() turns them on); an app driven step by step
        # (tests, screenshots) shows each state at once, as it will look when still.
        self.transitions = False
        self.pictures = Pictures()
        self.portraits = Portraits()  # the cast's faces beside their lines
        self.workshop = workshop  # a room playing together: discussion pauses, votes, notes
        self.label = label        # the player's or group's label for session records
        self.recorder: Recorder | None = None  # the record of the run being played
        self.background = Background()  # work on a worker thread, handed back in step()
        self.room = None          # the live room (game.room.live.LiveRoom) while it is open
        self.room_host: str | None = None  # where it listens (None: this machine's LAN address)
        self.room_port = 0                 # 0: a free port
        self.room_news = False    # the room changed this turn (a join, a vote, a comment)
        self.room_reveal = False  # comments' words shown in the window (its screen is private)
        self.save_trouble = ""  # why the latest autosave failed, once said
        self._restored_record: str | None = None  # the record named by the save just read
        from .screens.menus.title import TitleScreen
        self.stack: list[Screen] = [TitleScreen(self)]
        self.scanner = Scanner(self)  # one-switch scanning, when the setting is on (scanning.py)
        self.lock = acquire(save_folder)  # one game at a time on a save folder (game/files/lock.py)
        self.read_only = self.lock is None
        if self.read_only:
            set_read_only(save_folder)
        self.ask_folder = self.read_only  # asked at the first turn, over what start-up opened

    def offer_other_folder(self) -> None:
        """Another game holds the save folder: go on read-only, or use a new folder."""
        from .screens.common import ConfirmScreen
        self.ask_folder = False
        spare = other_folder(self.save_folder)
        self.push(ConfirmScreen(
            self, BUSY.format(folder=self.save_folder) + f" You can use another save folder "
            f"({spare}), or go on read-only: browse saves, records and reports, and play, with "
            "nothing saved or recorded.", "Use the other folder",
            lambda: self.use_folder(spare), no="Go on read-only"))

    def use_folder(self, folder: Path) -> None:
        """Save in `folder` from now on (when its lock can be had)."""
        lock = acquire(folder)
        if lock is None:
            self.say("That folder is in use too; this game stays read-only.", seconds=6)
            return
        self.lock, self.read_only, self.save_folder = lock, False, folder
        self.say(f"Saving in {folder} (next time: --save-dir {folder}).", seconds=6)

    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        surface = pygame.display.set_mode(self.window_size, pygame.RESIZABLE)
        try:  # below this, text at 200% has too little room to be useful
            with warnings.catch_warnings():  # pygame-ce marks this bridge as deprecated
                warnings.simplefilter("ignore", DeprecationWarning)
                pygame.Window.from_display_module().minimum_size = MIN_SIZE
        except (AttributeError, pygame.error):
            pass
        return surface

    # -- the scenarios -----------------------------------------------------------------------
    @property
    def library(self) -> list[LoadResult]:
        """Every scenario found, loaded on first use (after the first frame is on screen)."""
        if self._library is None:
            # Loading freezes everything alive (story/loader.py), so a window thrown away since
            # an earlier load (the shots, the tests) would stay in memory for good, fonts and
            # files held open: let the collector see it again first.
            gc.unfreeze()
            gc.collect()
            from ..files.parse_cache import user_cache
            from ..story.loader import find_scenarios, load_scenario
            folders = dict.fromkeys(f.resolve() for f in find_scenarios(*self.scene_roots))
            cache = user_cache()
            self._library = [load_scenario(folder, cache=cache) for folder in folders]
        return self._library

    @property
    def loaded(self) -> bool:
        """True once the scenarios have been loaded (`library`)."""
        return self._library is not None

    def scenario(self, scenario_id: str) -> Scenario | None:
        return next((r.scenario for r in self.library
                     if r.scenario is not None and r.scenario.id == scenario_id), None)

    def reload_library(self) -> list[LoadResult]:
        """Look for scenarios again and load each one afresh (F5: the files changed on disk)."""
        self._library = None
        return self.library

    def keep_loaded(self, result: LoadResult) -> None:
        """Put a freshly loaded scenario in the place of the one loaded from the same folder."""
        library = self.library
        for index, known in enumerate(library):
            if known.path == result.path:
                library[index] = result
                return
        library.append(result)

    # -- the screen stack ------------------------------------------------------------------
    @property
    def top(self) -> Screen:
        return self.stack[-1]

    def push(self, screen: Screen) -> None:
        self.stack.append(screen)
        self.dirty = True

    def pop(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()
            self.top.invalidate()
        self.dirty = True

    def replace(self, screen: Screen) -> None:
        self.stack[-1] = screen
        self.dirty = True

    def to_title(self) -> None:
        del self.stack[1:]
        self.top.invalidate()
        self.dirty = True

    def find(self, kind: type) -> Screen | None:
        return next((s for s in reversed(self.stack) if isinstance(s, kind)), None)

    # -- settings and saves ------------------------------------------------------------------
    def apply_settings(self) -> None:
        """Remember the settings and redraw everything with them."""
        try:
            if not self.read_only:
                save_settings(self.save_folder, self.settings)
        except OSError as exc:
            self.say(f"Settings could not be saved: {exc.strerror}")
        is_full = bool(self.surface.get_flags() & pygame.FULLSCREEN)
        if is_full != self.settings.fullscreen:
            self.surface = self._open_window()
        self.retheme()
        self.scanner.configure()

    def retheme(self) -> None:
        """Lay everything out again: after a settings change, a resize, or workshop mode (which
        makes text and buttons larger for a projector, leaving the saved settings alone)."""
        self.theme = Theme(self.settings, self.surface.get_size(), self.fonts, projector=self.workshop)
        for screen in self.stack:
            screen.invalidate()
        self.dirty = True

    def save(self, slot: str, run: Run, overwrite: bool = True) -> bool:
        if self.read_only:
            if slot != "auto":  # the autosave is skipped quietly; a save asked for is answered
                self.say("Read-only: another game is using this save folder, so nothing is saved.")
            return False
        recorder = self.recorder if self.recorder and self.recorder.run is run else None
        try:
            save_run(self.save_folder, slot, run, overwrite=overwrite,
                     record=recorder.id if recorder else None)
        except (OSError, SaveError) as exc:
            trouble = saving_problem(self.save_folder)
            hint = f" ({HINT})" if trouble else ""
            trouble = trouble or getattr(exc, "strerror", None) or str(exc)
            if slot != "auto" or trouble != self.save_trouble:  # an autosave says it once
                self.say(f"Could not save. {trouble}. Nothing is saved{hint}; the game goes on.")
            self.save_trouble = trouble if slot == "auto" else self.save_trouble
            return False
        if slot == "auto":
            self.save_trouble = ""
        return True

    def restore(self, slot_name: str) -> Run | None:
        """The run saved in a slot, or None with a notice saying why."""
        try:
            path = slot_path(self.save_folder, slot_name)
        except SaveError as exc:
            self.say(str(exc))
            return None
        if not path.exists():
            self.say("There is no quick save yet (F6 makes one)." if slot_name == "quick"
                     else f'There is no save called "{slot_name}" yet.')
            return None
        slot = read_slot(path)
        if not slot.ok:
            self.say(f"That save is damaged: {slot.reason}")
            return None
        scenario = self.scenario(slot.scenario)
        if scenario is None:
            self.say(f'The scenario "{slot.scenario}" of that save is not here, or has problems.')
            return None
        try:
            run = restore(scenario, slot)
        except SaveError as exc:
            self.say(str(exc))
            return None
        self._restored_record = slot.data.get("record") if slot.data else None
        return run

    def autosave(self, run: Run) -> None:
        """After the run moved: the autosave slot and the session record."""
        self.save("auto", run)
        self.record(run)

    def record(self, run: Run) -> None:
        """Write the session record of `run` (the one being played); a failure is said once."""
        recorder = self.recorder
        if recorder is None or recorder.run is not run or self.read_only:
            return
        words = recorder.update_and_say(self.save_trouble)
        if words:
            self.say(words)

    def open_run(self, run: Run, restored: bool = True) -> None:
        """Show a run: the play screen, or the ending if the run has already ended."""
        record_id, self._restored_record = (self._restored_record if restored else None), None
        from ..records import open_recorder  # (not needed before the first frame)
        self.recorder = open_recorder(self.save_folder, run, record_id, self.label,
                                      "workshop" if self.workshop else "solo")
        if run.step:
            self.record(run)
        if run.ended:
            from .screens.play.ending import EndingScreen
            self.push(EndingScreen(self, run))
            if run.restore_note:
                self.say(run.restore_note, seconds=8)
        else:
            from .screens.play.screen import PlayScreen
            self.push(PlayScreen(self, run, restored=restored))

    def slots(self):
        return list_slots(self.save_folder)

    def begin_fade(self) -> None:
        """The next frame cross-fades from the one on screen now (not with reduced motion)."""
        if self.transitions:
            self.fade.start(self.surface, self.settings.reduce_motion, time.monotonic())
        self.dirty = True

    def say(self, text: str, seconds: float = 3.5) -> None:
        """A short notice at the foot of the window, shown longer when it is longer."""
        self.notice = text
        self.notice_until = time.monotonic() + max(seconds, len(text.split()) / 3)
        self.dirty = True

    # -- the loop ----------------------------------------------------------------------------
    def dispatch(self, action: Action) -> None:
        self.top.ensure_layout()  # lay out as the player last saw it, before this input counts
        if action.name == "switch":  # the one switch presses, as Enter does (scanning.py)
            action = Action("activate")
        if action.name in ("focus_next", "focus_prev", "activate", "left", "right", "up", "down"):
            self.keyboard_used = True
        elif action.name == "click":
            self.keyboard_used = False
        if action.name == "step_out":
            self.dispatch_step_out()
            return
        if action.name == "reload":
            from .reload import reload_story
            reload_story(self)
            return
        if action.name == "help":
            from .screens.menus.help import HelpScreen
            if isinstance(self.top, HelpScreen):
                self.pop()
            else:
                self.push(HelpScreen(self))
            return
        if self.voice.handle(action):  # F2 speech on/off, F3 the meters
            return
        if self.top.handle(action):
            self.dirty = True
        elif action.name == "quick_load" and self.top.takes_text:
            self.say("Save or cancel what you are typing first (Enter or Esc), then F9 loads.")
        elif action.name == "quick_load":
            run = self.restore("quick")
            if run is not None:
                self.to_title()
                self.open_run(run)
                if not run.restore_note:
                    self.say("Loaded the quick save.")
        elif action.name == "quick_save":
            self.say("Quick save (F6) works while you are playing a story.")

    def dispatch_named(self, name: str) -> None:
        self.dispatch(Action(name))

    def dispatch_step_out(self) -> None:
        from .screens.menus.step_out import StepOutScreen
        if isinstance(self.top, StepOutScreen):
            self.pop()
        else:
            self.push(StepOutScreen(self))

    def step(self, events: list[pygame.event.Event], dt: float = 0.0) -> bool:
        """One turn of the loop; False once the player has quit."""
        if self.ask_folder:
            self.offer_other_folder()
        for event in events:
            if event.type == pygame.QUIT:
                self.running = False
            elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
                self.surface = pygame.display.get_surface()
                if not self.surface.get_flags() & pygame.FULLSCREEN:
                    self.window_size = self.surface.get_size()
                if self.theme.size != self.surface.get_size():
                    self.retheme()
            elif event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
                self.dirty = True
            elif event.type == pygame.WINDOWFOCUSLOST:
                self.held.clear()  # key-ups may go to another window
            elif event.type == SCAN_EVENT:
                self.scanner.due()
            else:
                repeat = False
                if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.CONTROLLERBUTTONDOWN,
                                  pygame.JOYBUTTONDOWN):
                    self.voice.heard_key()  # the next key or click interrupts the voice
                    self.scanner.heard_input()  # and the scan waits a whole step again
                if event.type == pygame.KEYDOWN:
                    repeat = event.key in self.held
                    self.held.add(event.key)
                elif event.type == pygame.KEYUP:
                    self.held.discard(event.key)
                if self.top.takes_text and self.top.text_event(event):
                    self.dirty = True  # typed into a text box: not a command
                    continue
                pad = event.type in PAD_EVENTS
                action = self.open_pads().translate(event) if pad else translate(event)
                # Holding a key may move the highlight or scroll, never choose or press for you.
                if action is not None and not (repeat and action.name not in REPEATABLE):
                    self.dispatch(action)
        if self.room is not None:
            self.follow_room()
        if self.background.follow():
            self.dirty = True
        if self.top.update(dt):
            self.dirty = True
        if self.fade.update(time.monotonic()):
            self.dirty = True
        if self.notice and time.monotonic() > self.notice_until:
            self.notice = ""
            self.dirty = True
        if self.dirty and self.running:
            self.draw()
            pygame.display.flip()
            self.dirty = False
            if not self.settled:
                self.settle()
        elif not events and not self.animating:
            self.top.idle()
        self.voice.follow()  # say what changed; returns at once (speech runs in a child process)
        self.scanner.follow()
        return self.running

    def settle(self) -> None:
        """What the window needs soon, but not to draw its first frame, done once it is on
        screen (and before anything is said aloud): the C library's memory setting (found by
        starting a child process), the speech program (looked for on the PATH) and SDL's
        gamepad and joystick subsystems each cost milliseconds the title need not wait for."""
        from ..speech import choose_speaker
        from .heap import keep_large_buffers_separate
        self.settled = True
        keep_large_buffers_separate()  # so a long session's memory does not creep up (heap.py)
        if self._find_speaker:
            self.voice.speaker = choose_speaker()
        self.open_pads()

    def open_pads(self) -> Pads:
        """The gamepads (controller.py), opened after the first frame or at a pad's first event."""
        if self.pads is None:
            self.pads = Pads(self.say)
        return self.pads

    def follow_room(self) -> None:
        """Keep the live room on the page the story is at; redraw when devices have sent
        something; put what they sent into the session record (game/room/live.py)."""
        from .screens.play.ending import EndingScreen
        from .screens.play.screen import PlayScreen
        shown = next((s for s in reversed(self.stack) if isinstance(s, (PlayScreen, EndingScreen))),
                     None)
        run = shown.run if shown is not None else None
        outcome = None
        if isinstance(shown, PlayScreen):
            if shown.phase == "intro":
                run = None  # the room waits while the facilitator introduces the story
            elif shown.phase == "outcome":
                outcome = shown.outcome  # what the choice did, before the next scene
        self.room.hide_meters = self.settings.hide_meters  # the phones hide them too
        self.room.follow(run, outcome)
        self.room_news = self.room.changed()
        if self.room_news:
            self.dirty = True
            if shown is not None:
                shown.invalidate()
        recorder = self.recorder
        if recorder is not None and recorder.run is run and self.room.keep(recorder):
            self.record(run)

    def close(self) -> None:
        """Before the window goes: close the live room, keeping what it sent."""
        self.voice.speaker.close()
        self.scanner.close()
        if self.room is not None:
            from .screens.workshop.room import close_room
            close_room(self)

    def draw(self) -> None:
        surface = self.surface
        base = len(self.stack) - 1
        while base > 0 and self.stack[base].overlay:
            base -= 1
        for index in range(base, len(self.stack)):
            if index > base:
                shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
                shade.fill((0, 0, 0, 150))
                surface.blit(shade, (0, 0))
            self.stack[index].draw(surface)
        self.fade.draw(surface, time.monotonic())
        if self.notice:
            self._draw_notice()
        self.frames += 1
        if self.first_frame_at is None:
            self.first_frame_at = time.perf_counter() - self.started

    def _draw_notice(self) -> None:
        theme = self.theme
        width, height = self.surface.get_size()
        lines = wrap(theme.font("body"), self.notice, max(80, width - theme.unit * 10))
        step = theme.line_height("body")
        box = pygame.Rect(0, 0, max(theme.font("body").size(line)[0] for line in lines) + theme.unit * 4,
                          step * len(lines) + theme.unit * 2)
        box.midbottom = (width // 2, height - theme.unit * 2)
        pygame.draw.rect(self.surface, theme.palette.accent, box, border_radius=theme.radius)
        for number, line in enumerate(lines):
            image = theme.render(line, "body", theme.palette.on_accent)
            self.surface.blit(image, image.get_rect(midtop=(box.centerx, box.y + theme.unit + number * step)))

    @property
    def animating(self) -> bool:
        return self.top.animating or self.fade.running

    def run(self) -> int:
        self.transitions = True
        dt = 0.0
        # Each turn waits for the clock after its frame, not before: the clock's first tick
        # would hold the first frame back by up to 1/IDLE_FPS of a second.
        while self.step(pygame.event.get(), dt):
            dt = self.clock.tick(self.top.fps if self.animating else IDLE_FPS) / 1000
        self.close()
        pygame.quit()
        return 0

    def screenshot(self, path: Path) -> None:
        self.dirty = True
        self.step([])
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.surface, str(path))
