"""The window: one loop (events, update, draw if something changed), a stack of screens.

Frame pacing: the loop draws only when something changed (an input, a resize, an expose, an
animation), runs at 60 frames a second only while something animates, and otherwise sleeps in
`Clock.tick(IDLE_FPS)`, which costs far less than `pygame.event.wait()` (a 1 ms poll loop in SDL2).
Tests drive `step(events)` directly and never enter the blocking loop.

`App` is what the screens talk to; the work behind some of its methods is in small modules
beside it: input_dispatch.py (events and actions), saving.py (the save folder, slots and the
session record), library.py (the scenarios), room_follow.py (the live room) and notice.py.
"""
from __future__ import annotations

import os
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from ..files.lock import acquire
from ..places import assets_dir
from ..saves import list_slots
from ..files.write import set_read_only
from .background import Background
from .actions import Action
from .controller import Pads
from . import input_dispatch, keymap, saving
from .library import keep_loaded, load_library
from .notice import draw_notice
from .room_follow import follow_room
from .screen import Fade, Screen
from .settings import Settings, load_settings, save_settings
from .images import Pictures
from .portraits import Portraits
from .theme import FontBook, Theme
from .voice import Voice
from .scanning import Scanner
from ..speech import Speaker

if TYPE_CHECKING:  # the loader (YAML, schema, builder) is imported when the library loads,
    from ..story.loader import LoadResult  # after the title screen is drawn
    from ..records import Recorder
    from ..story import Run, Scenario

ACTIVE_FPS = 60
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

    def use_folder(self, folder: Path) -> None:
        """Save in `folder` from now on (when its lock can be had)."""
        saving.use_folder(self, folder)

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
            self._library = load_library(self.scene_roots)  # (library.py)
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
        keep_loaded(self.library, result)

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

    # Saving, restoring and the session record are in saving.py.
    def save(self, slot: str, run: Run, overwrite: bool = True) -> bool:
        return saving.save(self, slot, run, overwrite)

    def restore(self, slot_name: str) -> Run | None:
        """The run saved in a slot, or None with a notice saying why."""
        run, record_id = saving.restore_slot(self, slot_name)
        if run is not None:
            self._restored_record = record_id
        return run

    def autosave(self, run: Run) -> None:
        """After the run moved: the autosave slot and the session record."""
        self.save("auto", run)
        self.record(run)

    def record(self, run: Run) -> None:
        """Write the session record of `run` (the one being played); a failure is said once."""
        saving.record(self, run)

    def open_run(self, run: Run, restored: bool = True) -> None:
        """Show a run: the play screen, or the ending if the run has already ended."""
        record_id, self._restored_record = (self._restored_record if restored else None), None
        saving.open_run(self, run, record_id, restored)

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
        input_dispatch.dispatch(self, action)  # (input_dispatch.py)

    def dispatch_named(self, name: str) -> None:
        self.dispatch(Action(name))

    def dispatch_step_out(self) -> None:
        input_dispatch.toggle_step_out(self)

    def step(self, events: list[pygame.event.Event], dt: float = 0.0) -> bool:
        """One turn of the loop; False once the player has quit."""
        if self.ask_folder:
            saving.offer_other_folder(self)
        for event in events:
            input_dispatch.handle_event(self, event)
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
        """Keep the live room on the page the story is at (room_follow.py)."""
        follow_room(self)

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
            draw_notice(surface, self.theme, self.notice)
        self.frames += 1
        if self.first_frame_at is None:
            self.first_frame_at = time.perf_counter() - self.started

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
