"""Screenshots of the access settings, for `python main.py shots`: the settings rows for
scanning, speech, the colour-blind-safe colours and the hidden meters; the Keys screen (with a
key being chosen, and a clash refused); a decision in the colour-blind-safe colours; a choice's
outcome with the meters hidden.

Each shot changes the settings it shows and puts them back, so the shots after it are as before.
"""
from __future__ import annotations

from typing import Callable

import pygame

from ...story import Run


def access_shots(app, scenario, role: str, shot: Callable[[str], None]) -> None:
    from ..screens.menus.keys import KeysScreen
    from ..screens.play.screen import PlayScreen
    from ..screens.menus.settings import SettingsScreen
    from ..settings import LABELS
    from .steps import to_next_decision, show_options

    settings = app.settings
    kept = (settings.scanning, settings.colour_safe, settings.hide_meters)

    def use(**changes) -> None:
        for name, value in changes.items():
            setattr(settings, name, value)
        app.retheme()  # not saved: the shots' own settings stay as they were

    use(scanning=1.5)
    screen = SettingsScreen(app)
    app.push(screen)
    screen.ensure_layout()
    screen.focused = next(b for b in screen.buttons if b.label.startswith(LABELS["scanning"]))
    screen.keep_focus_in_view()
    shot("settings-access")
    app.pop()
    use(scanning=kept[0])

    keys = KeysScreen(app)
    app.push(keys)
    shot("keys")
    keys.choose("switch")
    shot("keys-waiting")
    keys.text_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="",
                                       scancode=0))  # Tab moves the highlight: refused
    shot("keys-refused")
    app.pop()
    app.notice = ""  # the refusal's notice would cover the shots after it

    def at_decision(options: bool = True) -> PlayScreen:
        play = PlayScreen(app, Run(scenario, role, seed=3), restored=True)
        app.push(play)
        if play.phase == "note":
            play.read_noted(False)
        to_next_decision(play, play.run)
        if options:
            show_options(play)
        return play

    use(colour_safe=True)
    play = at_decision(options=False)  # from the top: a small window shows the meters there
    if not play.run.ended:
        shot("play-colour-safe")
    app.pop()

    use(colour_safe=kept[1], hide_meters=True)
    play = at_decision()
    if not play.run.ended:
        shot("play-meters-hidden")
        play.choose(next(v.index for v in play.run.choices if v.enabled))
        shot("play-meters-hidden-outcome")
    app.pop()
    use(hide_meters=kept[2])
