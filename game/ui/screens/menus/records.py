"""Session records and debriefs: every playthrough kept in the save folder, newest first.

Opening a record replays it through its scenario (`records.run_of`) and opens its debrief, where
answers go straight into the record's file. "Compare two" switches to marking: Enter or Space
marks a record (at most two), and Compare opens the two side by side. A damaged record is listed
with its reason and cannot be opened.

The list holds only each record's heading (record_headings.py): a record is read whole from
its file when it is opened or compared, so a folder of hundreds of records is not kept in memory.
"""
from __future__ import annotations

from datetime import datetime

from ....files.folders import folder_problem
from ....record_headings import heading_of, list_headings
from ....records import RecordFile, describe, is_older, read_record, records_folder, run_of
from ....saves import cannot_open
from ....story import RestoreError, Run
from ..common import PageScreen
from .report_files import make_report, open_in_browser


class RecordsScreen(PageScreen):
    characters = 72

    def __init__(self, app):
        super().__init__(app)
        self.records: list[RecordFile] = list_headings(app.save_folder)
        self.comparing = False
        self.marked: list[RecordFile] = []
        self.show_file = open_in_browser  # how a written report is shown (tests replace it)

    @property
    def hints(self):
        if self.comparing:
            return "Enter or Space: mark or unmark     Tab: move     Esc: stop comparing"
        return "Enter: open the debrief     Tab: move     Esc: back     P: step out"

    def content(self, column):
        column.text("Session records and debriefs", "heading")
        if not self.records:
            problem = folder_problem(self.app.save_folder) or folder_problem(
                records_folder(self.app.save_folder), "records folder")
            if problem:  # not "none yet": the folder itself is wrong
                column.text(f"{problem}, so no session records can be kept or shown. Start the "
                            "game with another save folder (python main.py --save-dir DIR).")
            else:
                column.text("There are no session records yet. One is kept for every game you "
                            "play, so you can come back to its debrief here.")
            column.button("Back", self.app.pop, kind="primary")
            return
        usable = [r for r in self.records if r.ok]
        if self.comparing:
            column.text("Mark two records to compare, then press Compare. They can be of the same "
                        "role or of both sides.")
            column.row([(self.compare_label, self.compare), ("Stop comparing", self.stop_comparing)],
                       after=1.5)
        else:
            column.text("One record is kept for every game played. Open one to see its debrief and "
                        "add to your answers, compare two, or make a report of them all: for a "
                        "workshop, how the room chose at each decision and where it ended.")
            tools = [("Compare two", self.start_comparing)] if len(usable) >= 2 else []
            count = len(usable)
            if count:  # every record damaged: nothing to report on
                tools.append(("Make a report" if count == 1 else "Report on both records"
                              if count == 2 else f"Report on all {count} records", self.report_all))
            if tools:
                column.row(tools, after=1.5)
        for record in self.records:
            if not record.ok:
                # the reason in a parser's words is for trainers: `python main.py records`
                column.button(record.name, None, enabled=False,
                              note=cannot_open(record.reason, "record"))
                continue
            why_not = self.unusable(record)
            text = describe(record.data)
            if why_not:
                column.button(text, None, enabled=False, note=f"Cannot be opened: {why_not}")
            elif self.comparing:
                # Marked is said in words at the start of the label, not by colour alone. (A
                # primary button is drawn bold but wrapped as regular text, so long labels stay
                # secondary here.)
                column.button(self.mark_label(record), lambda r=record: self.mark(r),
                              note="Press again to unmark it" if record in self.marked
                              else "Press to mark it for comparing")
            else:
                column.button(text, lambda r=record: self.open(r), note=self.note(record))
        column.button("Back", self.back)

    def mark_label(self, record: RecordFile) -> str:
        text = describe(record.data)
        if record not in self.marked:
            return text
        return f"Marked {'AB'[self.marked.index(record)]}: {text}"

    @property
    def compare_label(self) -> str:
        left = 2 - len(self.marked)
        return "Compare the two marked" if not left else f"Compare (mark {left} more)"

    def note(self, record: RecordFile) -> str:
        debrief = record.data.get("debrief")
        answered = isinstance(debrief, dict) and any(debrief.get(k) for k in
                                                     ("reactions", "takeaways", "action", "journal"))
        note = "Open its debrief" + (" (it has your answers)" if answered else "")
        scenario = self.app.scenario(record.data["scenario"])
        if scenario is not None and is_older(record.data, scenario):
            note += ". Made with an older version of the story"
        return note

    def unusable(self, record: RecordFile) -> str:
        """Why a readable record cannot be opened here ('' when it can)."""
        data = record.data
        scenario = self.app.scenario(data["scenario"])
        if scenario is None:
            return f'its scenario "{data["scenario"]}" is not here, or has problems'
        if data["role"] not in scenario.roles:
            return f'its role "{data["role"]}" is not in this scenario any more'
        return ""

    # -- opening ------------------------------------------------------------------------------
    def replay(self, listed: RecordFile) -> tuple[RecordFile, Run] | None:
        """The record read whole from its file and replayed into a Run, with a notice when it
        is older or stops early; None, said, when it cannot be."""
        record = read_record(listed.path)
        if not record.ok:  # changed or removed since the list was read
            self.app.say(f"Cannot open that record: {record.reason}.")
            return None
        scenario = self.app.scenario(record.data["scenario"])
        if scenario is None or self.unusable(record):
            self.app.say(f"Cannot open it: {self.unusable(record)}.")
            return None
        try:
            run = run_of(record.data, scenario)
        except RestoreError as exc:
            self.app.say(f"Cannot open that record: {exc}")
            return None
        notes = []
        if is_older(record.data, scenario):
            notes.append(f"This record was made with an older version of {scenario.title}.")
        if run.restore_note:
            notes.append(run.restore_note.replace("since this was saved", "since this was played"))
        if notes:
            self.app.say(" ".join(notes), seconds=8)
        return record, run

    def open(self, listed: RecordFile) -> None:
        opened = self.replay(listed)
        if opened is not None:
            from ..debrief.screen import DebriefScreen
            record, run = opened
            self.app.push(DebriefScreen(self.app, run, record))
            # answers given in the debrief go into `record`: the list shows them when back
            index = next((i for i, r in enumerate(self.records) if r is listed), None)
            if index is not None:
                self.records[index] = self.keep_heading(record)
                self.invalidate()

    def keep_heading(self, record: RecordFile) -> RecordFile:
        """The heading of a record opened from the list, whose answers the debrief may change:
        it shares the record's answers, so the list says "it has your answers" when back."""
        if not isinstance(record.data.get("debrief"), dict):
            record.data["debrief"] = {}  # as records.save_answers would make it, so it is shared
        return heading_of(record)

    # -- comparing ------------------------------------------------------------------------------
    def report_all(self) -> None:
        """A report of every record here (a room report when there are three or more)."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        make_report(self.app, [records_folder(self.app.save_folder)], f"all-records-{stamp}",
                    self.show_file)

    def start_comparing(self) -> None:
        self.comparing = True
        self.marked = []
        self.invalidate()

    def stop_comparing(self) -> None:
        self.comparing = False
        self.marked = []
        self.invalidate()

    def mark(self, record: RecordFile) -> None:
        if record in self.marked:
            self.marked.remove(record)
        elif len(self.marked) >= 2:
            self.app.say("Two are marked already. Unmark one to choose another.")
            return
        else:
            self.marked.append(record)
        label = self.mark_label(record)
        self.invalidate()
        self.ensure_layout()
        self.focused = next((b for b in self.buttons if b.label == label), self.focused)
        if len(self.marked) == 2:
            self.app.say("Two marked. Compare is at the top of the list.")

    def compare(self) -> None:
        if len(self.marked) != 2:
            self.app.say(f"Mark {2 - len(self.marked)} more record{'s' if len(self.marked) == 0 else ''} "
                         "to compare.")
            return
        sides = []
        for record in self.marked:
            opened = self.replay(record)
            if opened is None:
                return
            sides.append(opened)
        from ..debrief.compare import CompareScreen
        self.app.push(CompareScreen(self.app, sides[0], sides[1]))

    def back(self):
        if self.comparing:
            self.stop_comparing()
        else:
            self.app.pop()
