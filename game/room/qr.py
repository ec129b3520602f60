"""The room's QR code: the join link as dark and light squares, for the game to draw or a page
to show. Made by segno (pure Python) at error level M, which still scans from the back of a room
when a projector washes part of it out."""
from __future__ import annotations

import io

import segno


def _code(text: str) -> segno.QRCode:
    return segno.make(text, error="m", boost_error=False, micro=False)


def matrix(text: str) -> list[list[bool]]:
    """Rows of modules, True for dark, with the four-module quiet zone around the code."""
    return [[bool(module) for module in row] for row in _code(text).matrix_iter(border=4)]


def svg(text: str) -> str:
    """The code as an SVG document (black on white, one unit a module, quiet zone included),
    with `text` as its title for screen readers."""
    out = io.BytesIO()
    _code(text).save(out, kind="svg", xmldecl=False, svgns=True, title=text, border=4)
    return out.getvalue().decode("utf-8")
