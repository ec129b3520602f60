"""Save and load: six slots, the quick slot and the autosave, each with what is in it."""
from __future__ import annotations

from ....saves import cannot_open
from ....text.words import spoken_date
from ..common import ConfirmScreen, PageScreen

MANUAL = [f"slot-{n}" for n in range(1, 7)]
NAMES = {"quick": "Quick save (F6)", "auto": "Autosave (after every choice)",
         **{slot: f"Slot {n}" for n, slot in enumerate(MANUAL, start=1)}}


def describe(slot, scenario=None) -> str:
    """What a slot holds, in the scenario's own words when the scenario is here."""
    if not slot.ok:  # the reason in a parser's words is for trainers: `python main.py saves`
        return cannot_open(slot.reason)
    role = slot.role_name or slot.role.replace("_", " ")
    where = slot.chapter or "the start"
    if scenario is not None:
        role = scenario.roles[slot.role].name if slot.role in scenario.roles else role
    if slot.ending:
        ending = scenario.ending(slot.ending) if scenario is not None else None
        where = f"the end: {ending.title if ending else slot.ending}"
    when = spoken_date(slot.saved_at) or "at an unknown time"
    return (f"{slot.scenario_title or slot.scenario}, as {role}. "
            f"{where[:1].upper() + where[1:]}. Saved {when}")


def unusable(app, slot) -> str:
    """Why a readable save cannot be loaded here ('' when it can)."""
    scenario = app.scenario(slot.scenario)
    if scenario is None:
        return f'its scenario "{slot.scenario}" is not here, or has problems'
    if slot.role not in scenario.roles:
        return f'its role "{slot.role}" is not in this scenario any more'
    return ""


class SavesScreen(PageScreen):
    def __init__(self, app, run=None):
        super().__init__(app)
        self.run = run  # saving this run; None means loading

    def content(self, column):
        saving = self.run is not None
        column.text("Save the game" if saving else "Load a saved game", "heading")
        slots = {slot.name: slot for slot in self.app.slots()}
        names = ["quick", "auto"] + MANUAL
        if not saving:  # saves made elsewhere (e.g. in the terminal) can be loaded too
            names += sorted(n for n in slots if n not in names)
        for name in names:
            slot = slots.get(name)
            title = NAMES.get(name, name)
            if saving:
                if name == "auto":  # words, not a button: Tab passes it by, Enter cannot miss
                    column.text(f"{title}: written for you after every choice; "
                                "Load a saved game opens it.", "small", "muted")
                    continue
                column.button(title, lambda n=name: self.save(n),
                              note=self.describe(slot) if slot else "Empty")
            else:
                if slot is None:
                    column.button(title, None, enabled=False, note="Empty")
                else:
                    why_not = unusable(self.app, slot) if slot.ok else ""
                    note = f"Cannot be loaded: {why_not}" if why_not else self.describe(slot)
                    column.button(title, lambda n=name: self.load(n), enabled=slot.ok and not why_not,
                                  note=note)
        column.button("Back", self.app.pop, kind="primary")

    def describe(self, slot) -> str:
        return describe(slot, self.app.scenario(slot.scenario) if slot.ok else None)

    def save(self, name: str) -> None:
        existing = next((s for s in self.app.slots() if s.name == name), None)

        def write():
            if self.app.save(name, self.run):
                self.app.say(f"Saved in {NAMES.get(name, name)}.")
                self.invalidate()

        if existing is None:
            write()
        else:
            self.app.push(ConfirmScreen(self.app, f"{NAMES.get(name, name)} already holds a save "
                                        f"({self.describe(existing)}). Replace it?", "Replace it", write))

    def load(self, name: str) -> None:
        run = self.app.restore(name)
        if run is None:
            return
        self.app.to_title()
        self.app.open_run(run)
        if not run.restore_note:  # that note matters more than "Loaded"
            self.app.say(f"Loaded {NAMES.get(name, name)}.")
