"""Screenshots of workshop mode, for `python main.py shots` and for looking at by eye.

The run is driven with the same keys a facilitator would press: the title's workshop button,
the group label typed in, T for the timer, V and digits for the votes, N for a note, O for what
the other side saw.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame

from ...story import Run
from ..actions import Action
from ..settings import Settings

LABEL = "Tuesday group"
NOTE = "Two people said the first option feels safer but slower; come back to who pays."


def _key(key: int, unicode: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=unicode, scancode=0)


def _press(app, *keys: int) -> None:
    for key in keys:
        app.step([_key(key)])
        app.step([pygame.event.Event(pygame.KEYUP, key=key, mod=0, scancode=0)])


def _type(app, text: str) -> None:
    app.step([pygame.event.Event(pygame.TEXTINPUT, text=text)])


def _to_mirrored_decision(play) -> None:
    """Play on with the first open option until a decision at a mirrored moment (or, failing
    that, the first real decision)."""
    facilitator = play.facilitator
    for attempt in range(2):
        run = play.run
        for _ in range(60):
            if play.phase == "note":
                play.read_noted(False)
            if run.ended:
                break
            if facilitator.at_decision() and (attempt or (run.scene.moment and run.scene.discuss)):
                return
            play.choose(next(v.index for v in run.choices if v.enabled))
            if play.phase == "outcome":
                play.after_outcome()
        play.run = Run(run.scenario, run.role, seed=run.seed)
        play.enter_scene()


def workshop_shots(folder: Path, size: tuple[int, int], settings: Settings, scene_roots: list[Path],
                   saves: Path, scenario_id: str | None = None, first: int = 1) -> list[Path]:
    """Write the workshop screens as PNGs into `folder`; numbering starts at `first`."""
    from ..app import App
    from .steps import shown_scenario
    from ..screens.play.screen import PlayScreen
    from ..screens.menus.title import TitleScreen

    app = App(scene_roots, saves, size=size, settings=replace(settings))
    app.keyboard_used = True
    written: list[Path] = []

    def shot(name: str) -> None:
        app.notice = ""  # a passing notice would hide part of the screen
        path = folder / f"{first + len(written):02d}-workshop-{name}.png"
        app.screenshot(path)
        written.append(path)

    scenario = shown_scenario(app, scenario_id)
    title = app.top
    assert isinstance(title, TitleScreen)
    title.ensure_layout()
    start = next(b for b in title.buttons if b.label.startswith("Workshop mode"))
    title.focused = start
    start.press()
    _type(app, LABEL)
    shot("group-label")
    _press(app, pygame.K_RETURN)           # start workshop mode: on to choosing a scenario
    app.to_title()
    shot("title")
    if scenario is None:
        pygame.quit()
        return written
    run = Run(scenario, next(iter(scenario.roles)), seed=3)
    app.open_run(run, restored=False)
    play = app.top
    assert isinstance(play, PlayScreen)
    play.begin()
    _to_mirrored_decision(play)
    if play.facilitator.at_decision():
        shot("decision")
        app.dispatch(Action("timer"))
        app.dispatch(Action("timer"))          # 3 minutes
        app.step([], dt=75.0)
        _press(app, pygame.K_v)
        _press(app, pygame.K_7, pygame.K_DOWN, pygame.K_1, pygame.K_2)
        shot("vote-panel")
        _press(app, pygame.K_RETURN)
        _press(app, pygame.K_n)
        _type(app, NOTE)
        _press(app, pygame.K_RETURN)
        app.step([], dt=1.0)
        shot("discussion")
        app.step([], dt=200.0)
        shot("times-up")
        app.dispatch(Action("workshop"))
        shot("tools")
        app.pop()
    if play.facilitator.mirror() is not None:
        _press(app, pygame.K_o)
        shot("other-side")
        _press(app, pygame.K_END)          # its options, at the foot of a long scene
        shot("other-side-options")
        app.pop()
    if play.facilitator.at_decision():
        _room_shots(app, play, shot)
    app.close()
    pygame.quit()
    return written


# What a room of twelve might send at the decision shown: (option, comment).
ROOM = [(1, "It was all decided before anyone asked us."), (1, ""), (1, ""), (2, ""),
        (1, "Who is paying for people's time?"), (2, ""), (1, ""), (3, ""), (1, ""), (2, ""),
        (1, ""), (2, "Slower, but we would trust it.")]


def _room_shots(app, play, shot) -> None:
    """The live room on this computer only: its join panel, then twelve devices' votes and a
    comment the facilitator put on the big screen."""
    from ..screens.workshop.room import CommentsScreen, open_room
    app.room_host = "127.0.0.1"
    while play.facilitator.timer.on:
        app.dispatch(Action("timer"))  # timer off: the side panel shows the room
    if not open_room(app):
        return
    room = app.room.room
    for _ in range(5):
        room.join(room.code)
    shot("room-join")
    app.pop()
    page = room.page
    open_options = [o.number for o in page.options if o.enabled]
    for number, words in ROOM:
        device = room.join(room.code)
        room.vote(device, page.key, number if number in open_options else open_options[0])
        if words:
            room.comment(device, page.key, words)
    app.step([])
    _press(app, pygame.K_k)
    if isinstance(app.top, CommentsScreen):
        shot("room-comments")  # their words hidden: this window may be on the projector
        app.top.toggle(ROOM[0][1], True)
        app.pop()
    play.facilitator.show_options()
    shot("room-votes")
