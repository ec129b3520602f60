"""A session record as xAPI statements (docs/xapi.md has the mapping as a table).

    statements_of(record, config)  ->  [initialized, answered/experienced per step,
                                        completed (when it ended), responded (the answers)]

Pure functions of the record and the settings: the same record gives the same statements,
ids included. Everything the room report reads is carried, so `readback.records_of` can turn
the statements back into the record. Players' own words (debrief and room answers, the live
room's comments, the facilitator's notes) go only when both agree: the organisation allows
them (its `share_answers` setting) and the player said yes in the debrief (the record's
`share_answers` is true). Otherwise they are left out and say so nowhere else.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from .config import Config
from .ids import ACTIVITY_TYPES, VERBS, Names, actor_name, registration, statement_id

XAPI_VERSION = "1.0.3"
LANGUAGE = "en"
PLATFORM = "Making Together"
# the record's own parts that other statements carry (the rest goes in the header)
NOT_HEADER = ("steps", "ending", "debrief", "reflection", "room", "taken_back", "updated",
              "finished", "pending_votes", "pending_room", "pending_notes")
CLOSING = ("updated", "finished", "taken_back", "pending_votes", "pending_room", "pending_notes")
OWN_WORDS_IN_STEPS = ("comments", "comments_shown", "note")
OWN_WORDS_PENDING = ("pending_room", "pending_notes")


def actor(record: dict, config: Config) -> dict:
    """An account with no name: the organisation's learner id when it gives one, else a random
    id of this device and the record's label (the label itself never goes)."""
    name = config.learner_id or actor_name(config.device, str(record.get("label") or ""))
    return {"objectType": "Agent", "account": {"homePage": config.base, "name": name}}


def shares_words(record: dict, config: Config) -> bool:
    """True when the record's own words may go: the organisation allows it and the player
    agreed (true, not false or unanswered)."""
    return config.share_answers and record.get("share_answers") is True


def statements_of(record: dict, config: Config) -> list[dict]:
    """Every statement of one record (a dict as records.read_record gives it)."""
    shares = shares_words(record, config)
    names = Names(config.base)
    rid, scenario = record["id"], record["scenario"]
    who = actor(record, config)
    scenario_activity = _activity(names.scenario(scenario), "scenario",
                                  str(record.get("scenario_title") or ""))

    def statement(part: str, verb: str, activity: dict, when: Any, result: dict | None = None,
                  extensions: dict | None = None, parents: list[dict] | None = None,
                  statement_key: str | None = None) -> dict:
        context: dict[str, Any] = {
            "registration": registration(config.base, rid), "platform": PLATFORM, "language": LANGUAGE,
            "contextActivities": {"grouping": [{"id": scenario_activity["id"]}]},
            "extensions": {names.extension("record"): rid, **(extensions or {})}}
        if record.get("scenario_version") not in (None, ""):
            context["revision"] = str(record["scenario_version"])
        if parents:
            context["contextActivities"]["parent"] = parents
        made = {"id": statement_id(config.base, rid, statement_key or part), "actor": who,
                "verb": {"id": VERBS[verb], "display": {LANGUAGE: verb}},
                "object": activity, "context": context, "version": XAPI_VERSION}
        if isinstance(when, str) and when:
            made["timestamp"] = when
        if result:
            made["result"] = result
        return made

    header = {k: v for k, v in record.items() if k not in NOT_HEADER}
    out = [statement("initialized", "initialized", scenario_activity, record.get("started"),
                     extensions={names.extension("header"): header})]
    for step in record["steps"]:
        out.append(_step_statement(statement, names, record, step, shares))
    ending = record.get("ending")
    if isinstance(ending, dict) and ending.get("id"):
        final = record["steps"][-1]["after"] if record["steps"] else record.get("start", {})
        result = {"completion": True, "extensions": {
            names.extension("ending"): {**ending, "iri": names.ending(scenario, str(ending["id"]))},
            names.extension("final"): final}}
        out.append(statement("completed", "completed", scenario_activity,
                             record.get("finished") or record.get("updated"), result))
    closing = {k: record[k] for k in CLOSING if k in record}
    if not shares:
        closing = {k: v for k, v in closing.items() if k not in OWN_WORDS_PENDING}
    answers = {names.extension("closing"): closing}
    if "reflection" in record:
        answers[names.extension("reflection")] = record["reflection"]
    if shares:
        for key in ("debrief", "room"):
            if key in record:
                answers[names.extension(key)] = record[key]
    # the answers may be added to after a record is sent (a debrief written later), so this
    # statement's id is of its content: sent again unchanged it is the same statement; changed,
    # it is a new one, and readers take the latest
    digest = hashlib.sha256(json.dumps(answers, sort_keys=True, ensure_ascii=False)
                            .encode("utf-8")).hexdigest()[:16]
    out.append(statement("answers", "responded",
                         _activity(names.debrief(scenario), "debrief", "Debrief"),
                         record.get("updated") or record.get("started"),
                         {"extensions": answers}, statement_key=f"answers/{digest}"))
    return out


def _step_statement(statement, names: Names, record: dict, step: dict, shares: bool) -> dict:
    scenario = record["scenario"]
    options = step.get("options") or []
    choices = [{"id": _option_key(option, index),
                "description": {LANGUAGE: str(option.get("text") or "") or "(no text)"}}
               for index, option in enumerate(options) if isinstance(option, dict)]
    activity = _activity(names.scene(scenario, step["scene"]), "scene",
                         str(step.get("scene_title") or ""))
    activity["definition"]["interactionType"] = "choice"
    if choices:
        activity["definition"]["choices"] = choices
    result: dict[str, Any] = {"extensions": {names.extension("changes"): step.get("changes", []),
                                             names.extension("after"): step["after"]}}
    chosen = step.get("chosen")
    if isinstance(chosen, int) and not isinstance(chosen, bool) and 0 <= chosen < len(options) \
            and isinstance(options[chosen], dict):
        result["response"] = _option_key(options[chosen], chosen)
    rest = {k: v for k, v in step.items() if k not in ("changes", "after")}
    if not shares:
        rest = {k: v for k, v in rest.items() if k not in OWN_WORDS_IN_STEPS}
    chapter = str(step.get("chapter") or "")
    parents = [_activity(names.chapter(scenario, chapter), "chapter", chapter)] if chapter else None
    verb = "answered" if step.get("decision", True) else "experienced"
    return statement(f"step/{step.get('step')}", verb, activity, step.get("time"), result,
                     {names.extension("step"): rest}, parents)


def _option_key(option: dict, index: int) -> str:
    """An option's id in the interaction: its own id, or its place for an option without one."""
    own = option.get("id")
    return own if isinstance(own, str) and own and " " not in own else f"option-{index + 1}"


def _activity(iri: str, kind: str, title: str) -> dict:
    definition: dict[str, Any] = {"type": ACTIVITY_TYPES[kind]}
    if title:
        definition["name"] = {LANGUAGE: title}
    return {"objectType": "Activity", "id": iri, "definition": definition}
