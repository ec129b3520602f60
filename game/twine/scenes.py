"""The scenes, endings and scenario of an imported Twine story, from the passages that
game/twine/convert.py has read: links become choices (with the effects of leaving this passage,
of the link itself and of arriving in the next, in that order), back links go to the one
passage that leads in, and what cannot be converted is listed under `not_converted:`.
"""
from __future__ import annotations

import re

from typing import TYPE_CHECKING, Any

from ..story.conditions import BOOL
from .links import BACK, RESTART, STAY
from .lines import CLOSE, OPEN, Variant, all_of, join_conditions, negate, short
from .render import Rendered
from .content import is_warning_passage, scene_notes, story_notes
from .ids import slugify
from .to_yaml import Conversion

if TYPE_CHECKING:
    from .body import Link
    from .convert import _Converter

ROLE = "player"
MAX_CHOICES = 9  # shown at once (the number keys 1-9; `check` proves it of the scene)
MAX_LISTED = 18  # in a scene's list (scenes/scenario.schema.json), when fewer show at once
NOT_CONVERTED = "not_converted"
_UNDOES = re.compile(r"<<back\b|\((?:link-)?undo\s*:", re.IGNORECASE)  # rewinds the state too
_AGAIN = re.compile(r"\b(?:re-?start|start (?:over|again)|play again|try again|begin again|"
                    r"from the (?:start|beginning))\b", re.IGNORECASE)


def build(conv: _Converter, rendered: dict[str, Rendered],
          flow: dict[str, tuple[list, list]]) -> Conversion:
    leads_in: dict[str, set[str]] = {p.name: set() for p in conv.passages}
    for name, read in rendered.items():
        targets = [link.target for link, _, _ in read.links]
        targets += [read.redirect.target] if read.redirect else []
        targets += [going.target for going, _ in read.redirects]
        for target in targets:
            if target in leads_in and target != name:
                leads_in[target].add(name)
    for name in conv.every_turn_shown & rendered.keys():  # shown with every passage: from
        for link, _, _ in rendered[name].links:  # any passage the reader can go on by it
            if link.target in leads_in:
                leads_in[link.target] |= set(leads_in) - {link.target}
    unreached = _unreached(conv, rendered)
    scenes, endings, start = [], [], conv.id_of[conv.story.start]
    for passage in conv.passages:
        conv.passage = passage
        conv.context_name = passage.name
        read = rendered[passage.name]
        item_id = conv.id_of[passage.name]
        conv.out.tags[item_id] = passage.tags
        lines = _fit(final_lines(read.lines))
        links = read.links
        conv.out.links += len(links) + bool(read.redirect) + len(read.redirects)
        if read.redirects and not read.redirect:  # goes on at once when a condition holds
            guard = tuple(negate(all_of(c)) for _, c in read.redirects if all_of(c))
            links = [(going, c, []) for going, c in read.redirects] + [
                (link, conditions + guard, own) for link, conditions, own in links]
        if read.redirect:
            if links:
                conv.record("approximated", read.redirect.at, "the passage goes on at once, so "
                            "its links were left out")
            links = [(read.redirect, (), [])]
        if not leads_in[passage.name] and passage.name in conv.included and item_id != start:
            conv.record("converted", -1, "shown inside the passages that include it, so it is "
                        "not a scene of its own")
            continue
        if passage.name in unreached and (links or leads_in[passage.name]):  # else below
            conv.record("dropped", -1, "no way on from the start leads here" + (
                " (only passages the story never reaches link here: " + ", ".join(
                    f'"{name}"' for name in sorted(leads_in[passage.name])) + ")"
                if leads_in[passage.name] else "") + ", so it could never be shown: it was "
                "left out")
            conv.loud.pop(passage.name, None)
            continue
        if links and not read.redirect and all(_starts_again(conv, link) for link, _, _ in links):
            conv.record("approximated", -1, "the passage's only way on starts the story again, "
                        "so it is an ending")
            links = []
        if not leads_in[passage.name] and item_id != start and lines and not links:
            conv.record("dropped", -1, "no link leads to this passage, so it could never be "
                        "shown: it was left out")  # an ending nobody reaches fails check
            conv.loud.pop(passage.name, None)
            continue
        if not links and item_id != start:
            if not lines and not leads_in[passage.name]:
                conv.record("dropped", -1, "an empty passage that no link leads to")
                conv.out.warnings.append(f'{conv.where(passage, -1)}: passage "{passage.name}" '
                                         "is empty and no link leads to it, so it was left out")
                continue
            if not lines:
                conv.record("approximated", -1, "an empty passage: its name is its text")
            text = "\n\n".join(text for _, text in lines) or passage.name
            if len(text) > 19_000:
                conv.record("approximated", -1, f"the ending's text is cut to 19,000 of its "
                            f"{len(text):,} characters (an ending holds at most 20,000)")
                text = text[:19_000].rsplit(" ", 1)[0]
            ending = {"id": item_id, "title": passage.name, "text": text}
            if passage.name in conv.loud:
                ending[NOT_CONVERTED] = conv.loud[passage.name]
            endings.append(ending)
            continue
        scene: dict[str, Any] = {"id": item_id, "title": passage.name}
        notes, bare = scene_notes(passage.tags)
        for tag in bare:
            conv.record("approximated", -1, f'the tag "{tag}" gives a content warning but not '
                        "what it is about, so the scene's content note says only that there is "
                        "one: say what the scene touches on")
        if notes:
            scene["content_notes"] = notes
        if any(condition for condition, _ in lines) or sum(len(t) for _, t in lines) > 19_000:
            scene["lines"] = [{"if": c, "text": t} if c else t for c, t in lines]
        elif lines:
            scene["text"] = "\n\n".join(text for _, text in lines)
        if links:
            scene["choices"] = choices(conv, passage, links, rendered, flow, leads_in)
            if not scene["choices"]:
                del scene["choices"]
        if passage.name in conv.loud:
            scene[NOT_CONVERTED] = conv.loud[passage.name]
        scenes.append(scene)
    start_scene = next(s for s in scenes if s["id"] == start)
    if not endings or "choices" not in start_scene:
        ending_id = conv.ids.new("the-end")
        endings.append({"id": ending_id, "title": "The end", "text": "The end."})
        if "choices" not in start_scene:
            start_scene["next"] = ending_id
            conv.out.notes.append(f"{conv.where(conv.by_name[conv.story.start], -1)}: "
                                  f"the start passage has no links, so it leads on to a "
                                  f'new ending, "{ending_id}"')
        else:
            conv.out.notes.append(f"{conv.story.where}: "
                                  f"no passage is without links, so the story had no ending: "
                                  f'the ending "{ending_id}" was added; lead a choice to it '
                                  "where the story should end")
    for scene in scenes:  # a scene whose every link was dropped still needs a way on
        if "choices" not in scene and "next" not in scene:
            scene["next"] = endings[-1]["id"]
    story_format = f" ({conv.story.format})" if conv.story.format else ""
    conv.out.scenario = {
        "scenario": conv.scenario_id, "title": conv.story.title,
        "summary": f"Imported from Twine{story_format}", "version": 1,
        "roles": {ROLE: {"name": "Player", "start": start}}}
    variables, flags = {}, {}
    for name, value in conv.start.items():
        if conv.kinds[name] != BOOL or value is True:  # flags always start false
            ends = zip(("min", "max"), conv.ranges.get(name, (None, None)))  # ranges.py
            variables[conv.rename[name]] = {"start": value, **{key: end for key, end in ends
                                                               if end is not None}}
        else:
            flags[conv.rename[name]] = f"${name} in the Twine story"
    warned = story_notes([text for passage in conv.passages if is_warning_passage(passage.name)
                          for _, text in final_lines(rendered[passage.name].lines)],
                         [scene_notes(passage.tags)[0] for passage in conv.passages])
    if warned:  # the story's own content warnings
        conv.out.scenario["content_notes"] = warned
    if variables:
        conv.out.scenario["variables"] = variables
    if flags:
        conv.out.scenario["flags"] = flags
    conv.out.chapter = {"chapter": conv.story.title, "scenes": scenes, "endings": endings}
    conv.out.loud = sum(len(v) for v in conv.loud.values())
    return conv.out


def choices(conv: _Converter, passage, links: list, rendered: dict[str, Rendered],
            flow: dict[str, tuple[list, list]], leads_in: dict[str, set[str]]) -> list[dict]:
    name, departure = passage.name, flow[passage.name][1]
    read = rendered[name]
    made, texts = [], {}
    variants = _variants(departure)
    if len(variants) > 1 and len(variants) * len(links) > MAX_CHOICES:
        conv.record("not converted", -1, f"the changes this passage makes under conditions "
                    f"would need {len(variants) * len(links)} choices (each link once per "
                    f"outcome), and a scene has at most {MAX_CHOICES}")
        variants = [((), [e for conditions, effects in departure if not conditions
                          for e in effects])]
    # Links under opposite conditions never show together: a scene may list up to MAX_LISTED
    # when at most MAX_CHOICES show at once. Redirects put first (build) may all show at once,
    # but never beside a link, which is shown only when none of them goes on.
    goes = len(links) - len(read.links)
    guarded = all(all_of(c) for _, c in read.redirects)
    together = max(read.together, goes) if guarded else read.together + goes
    kept = MAX_LISTED if together <= MAX_CHOICES else MAX_CHOICES
    if len(links) > kept:
        why = (f"a scene lists at most {MAX_LISTED} choices" if kept == MAX_LISTED else
               f"{together} of them can show at once, and at most {MAX_CHOICES} may")
        conv.record("not converted", links[kept][0].at, f"{len(links)} links, and {why}: "
                    "left out: " + ", ".join(short(l.raw, 40) for l, _, _ in links[kept:]))
    for link, conditions, own in links[:kept]:
        target, arrival = link.target, []
        if target == BACK:
            before = sorted(leads_in[name])
            if len(before) != 1:
                conv.record("not converted", link.at, f"{short(link.raw)} goes back, but "
                            f"{len(before)} passages lead here, so where it goes depends on "
                            "the way the reader came")
                continue
            target = before[0]
            changed = flow[name][0] or departure or own or any(
                effects for going, _, effects in rendered[target].links if going.target == name)
            if _UNDOES.match(link.raw) and changed:
                conv.record("not converted", link.at, f"{short(link.raw)} goes back and undoes "
                            "the changes made on the way here, which a scenario cannot do")
                continue
            conv.record("converted", link.at, f'{short(link.raw)} goes back to "{target}", the '
                        "only passage that leads here")
        if target == RESTART:
            own = own + conv.restart(link)
            target = conv.story.start
        if target == STAY:
            next_id = conv.id_of[name]
        elif target in conv.id_of:
            next_id, arrival = conv.id_of[target], flow[target][0]
        elif target in conv.missing:
            next_id = conv.missing[target]
        else:
            next_id = conv.missing[target] = conv.ids.new(target)
            conv.out.warnings.append(
                f'{conv.where(passage, link.at)}: passage "{name}": the link {short(link.raw)} '
                f'goes to "{short(target)}", which is '
                f'not a passage in this story; the choice leads to "{next_id}", which does '
                "not exist: add that scene or change the link")
        before = len(made)
        # a link that stays leaves nothing: the passage's changes on the way out still wait
        for leaving, extra in (variants if link.target != STAY else [((), [])]):
            joined = join_conditions(conditions, leaving)
            if joined is None:
                continue
            effects = extra + own + arrival
            for effect in effects:
                why = effect["why"]
                if why not in conv.out.effects:
                    conv.out.effects.append(why)
            choice: dict[str, Any] = {"text": " ".join(link.text.split()) or "Continue"}
            if choice["text"] in texts:  # a save finds a choice by its id, or else its text
                choice["id"] = f"{slugify(choice['text'])}-{len(made) + 1}"
            texts[choice["text"]] = True
            if all_of(joined):
                choice["if"] = all_of(joined)
            if effects:
                choice["effects"] = [dict(e) for e in effects]
            choice["next"] = next_id
            made.append(choice)
        conv.out.kept += len(made) > before
    conv.out.choices += len(made)
    conv.out.conditions += sum(1 for c in made if "if" in c)
    return made



def _unreached(conv: _Converter, rendered: dict[str, Rendered]) -> set[str]:
    """The passages no way on leads to from the start, when every way on was converted (when
    one was not, as a link to a passage named by a variable, it may lead anywhere)."""
    if any(conv.loud.values()):
        return set()
    seen, todo = {conv.story.start}, [conv.story.start]
    while todo:
        read = rendered.get(todo.pop())
        if read is None:
            continue
        targets = [link.target for link, _, _ in read.links] + [
            going.target for going, _ in read.redirects] + (
            [read.redirect.target] if read.redirect else [])
        for target in targets:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return {p.name for p in conv.passages} - seen


def _starts_again(conv: _Converter, link: Link) -> bool:
    """A restart link, or a link to the start passage that says it starts again."""
    return link.target == RESTART or (link.target == conv.story.start and bool(
        _AGAIN.search(link.text)))


def _variants(departure: list[tuple[tuple[str, ...], list[dict]]]
              ) -> list[tuple[tuple[str, ...], list[dict]]]:
    """The ways of leaving a passage: (conditions, effects in order), one for each outcome of
    the conditions its changes were made under."""
    variants: list[tuple[tuple[str, ...], list[dict]]] = [((), [])]
    for conditions, effects in departure:
        if not conditions:
            variants = [(c, e + effects) for c, e in variants]
            continue
        test = all_of(conditions)
        grown = []
        for c, e in variants:
            for branch, more in (((test,), effects), ((negate(test),), [])):
                joined = join_conditions(c, branch)
                if joined is not None:
                    grown.append((joined, e + more))
        variants = grown
    return variants


def _fit(lines: list[tuple[str, str]], most: int = 19_000) -> list[tuple[str, str]]:
    """Paragraphs longer than a scene line may be (20,000 characters) cut at sentence ends."""
    fitted = []
    for condition, text in lines:
        while len(text) > most:
            cut = max(text.rfind(". ", 0, most), text.rfind(" ", 0, most // 2))
            cut = cut + 1 if cut > 0 else most
            fitted.append((condition, text[:cut].strip()))
            text = text[cut:].strip()
        fitted.append((condition, text))
    return fitted


def final_lines(lines: list[list[Variant]]) -> list[tuple[str, str]]:
    """(condition or "", text) per paragraph. A line of nothing but links is left out (its
    links are the choices); a link inside a sentence keeps its words in the sentence. Lines
    one after another with the same condition make one paragraph, as Twine shows them."""
    result: list[tuple[str, str]] = []
    joining = False
    for line in lines:
        shown = []
        for conditions, text in line:
            without_links = re.sub(f"{OPEN}.*?{CLOSE}", "", text, flags=re.DOTALL)
            if OPEN in text and not any(ch.isalnum() for ch in without_links):
                continue
            text = " ".join(text.replace(OPEN, "").replace(CLOSE, "").split())
            if text:
                shown.append((all_of(conditions), text))
        if not shown:
            joining = False
            continue
        if joining and len(shown) == 1 and result[-1][0] == shown[0][0]:
            result[-1] = (shown[0][0], f"{result[-1][1]} {shown[0][1]}")
        else:
            result.extend(shown)
        joining = len(shown) == 1
    return result
