"""Handouts from the window: the same pages `python main.py handouts` writes, put in
`<save folder>/handouts/<scenario id>/` and opened in the browser (index.html)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ....handouts import INDEX, build_handouts, read_money_facts, write_handouts
from ....story import Scenario
from ....support import support_for
from ..common import PageScreen
from ..menus.report_files import open_in_browser

HANDOUTS = "handouts"


def make_handouts(app, scenario: Scenario,
                  show: Callable[[Path], object] | None = None) -> Path | None:
    """Write the scenario's handouts, say where, and open the index. None after saying why not."""
    support = support_for(scenario.path, app.save_folder)
    facts = read_money_facts(scenario.path)
    folder = app.save_folder / HANDOUTS / scenario.id
    try:
        write_handouts(build_handouts(scenario, support, facts), folder)
    except OSError as exc:
        app.say(f"Could not write the handouts to {folder}: {exc.strerror or exc}", seconds=8)
        return None
    index = folder / INDEX
    left_out = support.problems + facts.problems
    app.say(f"Handouts saved in {folder}. Print them from the browser (A4)."
            + (f" Left out, with a problem: {left_out[0]}" if left_out else ""), seconds=8)
    try:
        (show or open_in_browser)(index)
    except Exception as exc:  # a missing browser is no reason to stop the game
        app.say(f"Handouts saved: {index}. They could not be opened here ({exc}); open that "
                "file in a web browser.", seconds=10)
    return index


class HandoutsScreen(PageScreen):
    """Which scenario's handouts to make."""

    def content(self, column):
        column.text("Handouts to print", "heading")
        column.text("Pages for a session, to print on A4: the six words and where they come "
                    "from, the ladder of co-production, a card for each character, templates "
                    "for \u201copen and fixed\u201d and a working agreement, the money and "
                    "benefits facts, the discussion prompts by chapter, and the support lines.")
        column.text(f"They are saved in {self.app.save_folder / HANDOUTS} and open in your "
                    "web browser.", "small", "muted")
        playable = [r.scenario for r in self.app.library if r.scenario is not None]
        for scenario in playable:
            column.button(f"Handouts for {scenario.title}",
                          lambda s=scenario: make_handouts(self.app, s), note=scenario.summary)
        if not playable:
            column.text("There is no scenario to make handouts for: scenarios live in folders "
                        "under scenes/, and python main.py check says what is wrong with one.")
        column.button("Back", self.app.pop)
