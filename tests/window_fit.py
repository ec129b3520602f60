"""Does the top screen fit its window? The one check the window tests share: nothing outside
the window or its column, nothing laid over anything else, room to read."""
from __future__ import annotations

import pygame

from game.ui.app import App


def fit_problems(app: App, where: str = "") -> list[str]:
    """What does not fit on the top screen, as laid out: a pane outside the window or over
    another pane; a line of text, a button or a drawing outside its column; a button label
    wider than its button; a line of text or a button over another; fewer than three lines
    of text to read in the main pane. [] when it all fits."""
    screen = app.top
    screen.ensure_layout()
    theme = app.theme
    window = pygame.Rect((0, 0), app.surface.get_size())
    problems: list[str] = []
    rects = [pane.view.rect for pane in screen.panes]
    for number, pane in enumerate(screen.panes):
        column, view = pane.column, pane.view.rect
        if not window.contains(view):
            problems.append(f"{where}: pane {number} {view} leaves the window {window.size}")
        boxes: list[tuple[pygame.Rect, str]] = []
        for item in column.texts:
            for row, (x, line, role, _) in enumerate(item.lines):
                width = theme.font(role).size(line)[0]
                if x < 0 or x + width > column.width + 1:
                    problems.append(f"{where}: {line!r} runs out of its column "
                                    f"({x} + {width} > {column.width})")
                if line.strip():
                    boxes.append((pygame.Rect(x, item.y + row * item.line_height, width,
                                              item.line_height), line))
        for b in column.buttons:
            if b.rect.left < 0 or b.rect.right > column.width:
                problems.append(f"{where}: button {b.label!r} {b.rect} leaves its column")
            font = theme.font({"tool": "small_bold", "primary": "body_bold"}.get(b.kind, "body"))
            for line in b.label_lines:
                if font.size(line)[0] > b.rect.width:
                    problems.append(f"{where}: {line!r} is wider than its button")
            boxes.append((b.rect, f"button {b.label!r}"))
        for drawing in column.drawings:
            if drawing.rect.left < 0 or drawing.rect.right > column.width:
                problems.append(f"{where}: a drawing {drawing.rect} leaves its column")
        boxes.sort(key=lambda box: box[0].top)
        for i, (rect, what) in enumerate(boxes):  # each against those below it that it reaches
            for other, other_what in boxes[i + 1:]:
                if other.top >= rect.bottom:
                    break
                if rect.colliderect(other):
                    problems.append(f"{where}: {what!r} overlaps {other_what!r}")
    for i, first in enumerate(rects):
        for second in rects[i + 1:]:
            if first.colliderect(second):
                problems.append(f"{where}: panes {first} and {second} overlap")
    if screen.panes and screen.panes[0].view.rect.height < 3 * theme.line_height("body"):
        problems.append(f"{where}: the main pane shows fewer than three lines")
    return problems


def assert_fits(app: App, size) -> None:
    """The top screen's panes lie inside the window and apart, and every line of text, button
    label and drawing lies inside its column, with nothing over anything else; at least three
    lines of text can be read."""
    assert app.surface.get_size() == tuple(size)
    problems = fit_problems(app, f"{size}")
    assert problems == [], "\n".join(problems[:20])
    app.draw()
