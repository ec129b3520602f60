"""Save and load: six slots, the quick slot and the autosave, each with what is in it."""
from __future__ import annotations

from .common import ConfirmScreen, PageScreen

MANUAL = [f"slot-{n}" for n in range(1, 7)]
NAMES = {"quick": "Quick save (F6)", "auto": "Autosave (after every choice)",
         **{slot: f"Slot {n}" for n, slot in enumerate(MANUAL, start=1)}}


def describe(slot) -> str:
    if not slot.ok:
        return f"Damaged: {slot.reason}"
    where = f"the end: {slot.ending}" if slot.ending else (slot.chapter or "the start")
    when = slot.saved_at.replace("T", " ")[:16]
    return (f"{slot.scenario_title or slot.scenario}, as {slot.role.replace('_', ' ')}. "
            f"{where[:1].upper() + where[1:]}. Saved {when}")


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
                if name == "auto":
                    column.button(title, None, enabled=False,
                                  note="Written for you after every choice.")
                    continue
                column.button(title, lambda n=name: self.save(n),
                              note=describe(slot) if slot else "Empty")
            else:
                if slot is None:
                    column.button(title, None, enabled=False, note="Empty")
                else:
                    column.button(title, lambda n=name: self.load(n), enabled=slot.ok,
                                  note=describe(slot))
        column.button("Back", self.app.pop, kind="primary")

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
                                        f"({describe(existing)}). Replace it?", "Replace it", write))

    def load(self, name: str) -> None:
        from .play import PlayScreen
        run = self.app.restore(name)
        if run is None:
            return
        self.app.to_title()
        self.app.push(PlayScreen(self.app, run, restored=True))
        self.app.say(f"Loaded {NAMES.get(name, name)}.")
