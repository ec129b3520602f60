"""The window's input: each pygame event of a turn, and each action it becomes.

`App.step` hands every event here; a key, click or pad press is turned into an action
(actions.py, controller.py) and dispatched: to the keys every screen shares (help, step out,
reload, the voice's keys, quick load), else to the screen on top.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from .actions import Action, translate
from .controller import PAD_EVENTS
from .scanning import SCAN_EVENT

if TYPE_CHECKING:
    from .app import App

REPEATABLE = {"focus_next", "focus_prev", "up", "down", "scroll"}


def handle_event(app: App, event: pygame.event.Event) -> None:
    """One event of the turn: the window's own (quit, resize, expose, focus, the scan's
    timer), typing into a text box, or an input that becomes an action."""
    if event.type == pygame.QUIT:
        app.running = False
    elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
        app.surface = pygame.display.get_surface()
        if not app.surface.get_flags() & pygame.FULLSCREEN:
            app.window_size = app.surface.get_size()
        if app.theme.size != app.surface.get_size():
            app.retheme()
    elif event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
        app.dirty = True
    elif event.type == pygame.WINDOWFOCUSLOST:
        app.held.clear()  # key-ups may go to another window
    elif event.type == SCAN_EVENT:
        app.scanner.due()
    else:
        repeat = False
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.CONTROLLERBUTTONDOWN,
                          pygame.JOYBUTTONDOWN):
            app.voice.heard_key()  # the next key or click interrupts the voice
            app.scanner.heard_input()  # and the scan waits a whole step again
        if event.type == pygame.KEYDOWN:
            repeat = event.key in app.held
            app.held.add(event.key)
        elif event.type == pygame.KEYUP:
            app.held.discard(event.key)
        if app.top.takes_text and app.top.text_event(event):
            app.dirty = True  # typed into a text box: not a command
            return
        pad = event.type in PAD_EVENTS
        action = app.open_pads().translate(event) if pad else translate(event)
        # Holding a key may move the highlight or scroll, never choose or press for you.
        if action is not None and not (repeat and action.name not in REPEATABLE):
            app.dispatch(action)


def dispatch(app: App, action: Action) -> None:
    """One action: the keys every screen shares first, then the screen on top."""
    app.top.ensure_layout()  # lay out as the player last saw it, before this input counts
    if action.name == "switch":  # the one switch presses, as Enter does (scanning.py)
        action = Action("activate")
    if action.name in ("focus_next", "focus_prev", "activate", "left", "right", "up", "down"):
        app.keyboard_used = True
    elif action.name == "click":
        app.keyboard_used = False
    if action.name == "step_out":
        app.dispatch_step_out()
        return
    if action.name == "reload":
        from .reload import reload_story
        reload_story(app)
        return
    if action.name == "help":
        from .screens.menus.help import HelpScreen
        if isinstance(app.top, HelpScreen):
            app.pop()
        else:
            app.push(HelpScreen(app))
        return
    if app.voice.handle(action):  # F2 speech on/off, F3 the meters
        return
    if app.top.handle(action):
        app.dirty = True
    elif action.name == "quick_load" and app.top.takes_text:
        app.say("Save or cancel what you are typing first (Enter or Esc), then F9 loads.")
    elif action.name == "quick_load":
        run = app.restore("quick")
        if run is not None:
            app.to_title()
            app.open_run(run)
            if not run.restore_note:
                app.say("Loaded the quick save.")
    elif action.name == "quick_save":
        app.say("Quick save (F6) works while you are playing a story.")


def toggle_step_out(app: App) -> None:
    """Open the step-out screen, or close it when it is on top."""
    from .screens.menus.step_out import StepOutScreen
    if isinstance(app.top, StepOutScreen):
        app.pop()
    else:
        app.push(StepOutScreen(app))
