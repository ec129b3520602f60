"""The short notice at the foot of the window (`App.say`), drawn over whatever is on screen."""
from __future__ import annotations

import pygame

from .layout import wrap
from .theme import Theme


def draw_notice(surface: pygame.Surface, theme: Theme, notice: str) -> None:
    """The notice in an accent-coloured box, centred near the window's foot, wrapped to fit."""
    width, height = surface.get_size()
    lines = wrap(theme.font("body"), notice, max(80, width - theme.unit * 10))
    step = theme.line_height("body")
    box = pygame.Rect(0, 0, max(theme.font("body").size(line)[0] for line in lines) + theme.unit * 4,
                      step * len(lines) + theme.unit * 2)
    box.midbottom = (width // 2, height - theme.unit * 2)
    pygame.draw.rect(surface, theme.palette.accent, box, border_radius=theme.radius)
    for number, line in enumerate(lines):
        image = theme.render(line, "body", theme.palette.on_accent)
        surface.blit(image, image.get_rect(midtop=(box.centerx, box.y + theme.unit + number * step)))
