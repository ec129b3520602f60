"""What the room said: the live room's anonymous comments at each decision (those the
facilitator showed on the projector marked), and the answers devices sent at the ending (the
reactions counted, the take-aways and actions listed under their questions). Read from any
number of records; a report shows it only when some record holds something the room said.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..room.page import PROMPTS as QUESTIONS  # (id, question): the take-aways, then the action
from ..story.debrief import REACTION_WORDS
from . import readings
from .collect import Entry
from .page import Part, bullets, esc, table
from .room import PENDING_CHOICE

MIDDOT = " \u00b7 "


@dataclass(frozen=True)
class Comments:
    """One record's comments at one decision."""

    entry: Entry
    step: int
    choice: str                    # the option the room chose (PENDING_CHOICE when none yet)
    comments: tuple[str, ...]
    shown: frozenset[str]          # those put on the projector


@dataclass
class SaidAt:
    """The comments at one decision, record by record."""

    scene: str
    title: str
    chapter: str
    role_name: str
    records: list[Comments] = field(default_factory=list)


@dataclass
class Said:
    decisions: list[SaidAt]
    endings: list[tuple[Entry, readings.RoomAnswers]]

    @property
    def answers(self) -> list[dict]:
        return [answer for _, found in self.endings for answer in found.answers]

    @property
    def devices(self) -> int:
        return sum(found.devices for _, found in self.endings)

    def reactions(self) -> list[tuple[str, int]]:
        """Each word picked and by how many devices, most first (a tie in the debrief's order)."""
        counts = Counter(word for answer in self.answers for word in answer.get("reactions", ()))
        order = {word: index for index, word in enumerate(REACTION_WORDS)}
        return sorted(counts.items(), key=lambda item: (-item[1], order.get(item[0], len(order)),
                                                        item[0]))

    def written(self, question: str) -> list[str]:
        """Every answer to one question ("takeaway1" to "takeaway3", "action"), as sent."""
        return [answer[question] for answer in self.answers if answer.get(question)]


def read_said(entries: list[Entry]) -> Said | None:
    """What the room said in `entries`; None when none of them holds any comment or answer."""
    found: dict[str, SaidAt] = {}
    for entry in entries:
        at = [(s.number, s.scene, s.title, s.chapter, s.choice, s.comments, s.comments_shown)
              for s in entry.steps if s.comments]
        for number, scene_id, room in readings.pending_room(entry.data):
            scene = entry.scenario.scenes.get(scene_id) if entry.scenario else None
            at.append((number, scene_id, scene.title if scene else "",
                       scene.chapter if scene else "", PENDING_CHOICE, tuple(room["comments"]),
                       tuple(room["comments_shown"])))
        for number, scene_id, title, chapter, choice, comments, shown in at:
            if not comments:
                continue
            decision = found.setdefault(scene_id, SaidAt(scene_id, title or scene_id, chapter,
                                                         entry.role_name))
            decision.records.append(Comments(entry, number, choice, comments, frozenset(shown)))
    endings = [(entry, answers) for entry in entries
               if (answers := readings.room_answers(entry.data)) is not None and answers.answers]
    if not found and not endings:
        return None
    scenario = next((e.scenario for e in entries if e.scenario is not None), None)
    order = {scene_id: index for index, scene_id in enumerate(scenario.scenes)} if scenario else {}
    first = {scene_id: index for index, scene_id in enumerate(found)}
    decisions = sorted(found.values(),
                       key=lambda d: (order.get(d.scene, len(order)), first[d.scene]))
    return Said(decisions, endings)


def part(entries: list[Entry], stem: str = "", name: str = "") -> Part | None:
    """The "What the room said" section of a report of `entries`, or None when there is
    nothing to say. `name` goes before its heading when the page has several scenarios."""
    said = read_said(entries)
    if said is None:
        return None
    return Part(f"{stem}said", f"{name}: What the room said" if name else "What the room said",
                html(said))


def html(said: Said) -> str:
    out = ["<p>What devices in the live room sent, with no name: the anonymous comments at "
           "each decision and the answers at the ending. The facilitator saw every comment; "
           "those marked \u201cshown\u201d were put on the projector.</p>"]
    roles = {d.role_name for d in said.decisions}
    for decision in said.decisions:
        out.append('<div class="decision">')
        out.append(f"<h3>{esc(decision.title)}</h3>")
        where = [decision.chapter] if decision.chapter else []
        where += [decision.role_name] if len(roles) > 1 else []
        if where:
            out.append(f'<p class="small">{esc(MIDDOT.join(where))}</p>')
        several = len(decision.records) > 1
        for found in decision.records:
            chose = ("The game stopped here before a choice." if found.choice == PENDING_CHOICE
                     else f"Chosen: \u201c{esc(found.choice)}\u201d.")
            who = (f"<strong>{esc(found.entry.name)}</strong>, step {found.step}. "
                   if several else "")
            out.append(f'<p class="small">{who}{chose}</p>')
            out.append(bullets(_comment(text, text in found.shown) for text in found.comments))
        out.append("</div>")
    if said.endings:
        out.append(_endings(said))
    return "\n".join(out)


def _comment(text: str, shown: bool) -> str:
    return esc(text) + (' <span class="badge">shown on the projector</span>' if shown else "")


def _endings(said: Said) -> str:
    answered = len(said.answers)
    out = ["<h3>At the ending</h3>"]
    endings = sorted({entry.ending_title for entry, _ in said.endings if entry.ending_title})
    reached = (" Ending: " + "; ".join(f"\u201c{esc(title)}\u201d" for title in endings) + "."
               if endings else "")
    out.append(f"<p>{answered} device{'s' * (answered != 1)} sent answers "
               f"(of {said.devices} in the room"
               + (f", over {len(said.endings)} records" if len(said.endings) > 1 else "")
               + f").{reached}</p>")
    reactions = said.reactions()
    if reactions:
        out.append(table(["Word", "Devices"],
                         [[esc(word), str(count)] for word, count in reactions],
                         "How did it feel? The words picked, most first", (1,)))
    else:
        out.append("<p>No device picked a word for how it felt.</p>")
    for question, prompt in QUESTIONS:
        out.append(f"<h4>{esc(prompt)}</h4>")
        texts = said.written(question)
        out.append(bullets(esc(text) for text in texts) if texts
                   else "<p>No device answered this one.</p>")
    return "\n".join(out)
