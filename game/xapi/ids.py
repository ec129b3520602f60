"""The names statements use: IRIs for what a player meets, verbs, extension keys, and
deterministic statement ids.

Every activity lives under the organisation's base IRI (config.Config.base), so two trusts
running the game keep their activities apart and a store can tell them from anyone else's:

    {base}/scenarios/{scenario}                          the scenario (launched, completed)
    {base}/scenarios/{scenario}/chapters/{chapter}       a chapter (its title, made into a slug)
    {base}/scenarios/{scenario}/scenes/{scene}           a scene: a decision, or one "Continue"
    {base}/scenarios/{scenario}/scenes/{scene}/options/{option}
    {base}/scenarios/{scenario}/endings/{ending}
    {base}/scenarios/{scenario}/debrief                  the answers after the ending
    {base}/extensions/{name}                             the keys of our extensions

A statement's id is a uuid5 of the base, the record's id and the statement's place in it
("initialized", "step/4", "completed"), so the same record always gives the same ids and a store that already
has a statement keeps one copy however often it is sent.
"""
from __future__ import annotations

import re
import uuid
from urllib.parse import quote

# A fixed namespace of our own: uuid5 of the game's name as a URL. Never change it, or every
# statement sent before would be sent again under new ids.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://making-together.invalid/xapi/statements")

VERBS = {
    "initialized": "http://adlnet.gov/expapi/verbs/initialized",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "experienced": "http://adlnet.gov/expapi/verbs/experienced",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "responded": "http://adlnet.gov/expapi/verbs/responded",
}
ACTIVITY_TYPES = {
    "scenario": "http://adlnet.gov/expapi/activities/simulation",
    "chapter": "http://adlnet.gov/expapi/activities/module",
    "scene": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "debrief": "http://adlnet.gov/expapi/activities/question",
}
EXTENSIONS = ("record", "header", "step", "changes", "after", "ending", "final", "closing",
              "reflection", "debrief", "room")


def slug(text: str) -> str:
    """A piece of an IRI path from any text: lowercase letters, digits and hyphens, and
    anything else percent-encoded so that two different ids never meet."""
    plain = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return plain if plain and plain == text else quote(text, safe="") or "-"


class Names:
    """The IRIs of one organisation's base."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")

    def scenario(self, scenario: str) -> str:
        return f"{self.base}/scenarios/{slug(scenario)}"

    def chapter(self, scenario: str, chapter: str) -> str:
        plain = re.sub(r"[^a-z0-9]+", "-", chapter.lower()).strip("-") or "chapter"
        return f"{self.scenario(scenario)}/chapters/{plain}"

    def scene(self, scenario: str, scene: str) -> str:
        return f"{self.scenario(scenario)}/scenes/{slug(scene)}"

    def option(self, scenario: str, scene: str, option: str) -> str:
        return f"{self.scene(scenario, scene)}/options/{slug(option)}"

    def ending(self, scenario: str, ending: str) -> str:
        return f"{self.scenario(scenario)}/endings/{slug(ending)}"

    def debrief(self, scenario: str) -> str:
        return f"{self.scenario(scenario)}/debrief"

    def extension(self, name: str) -> str:
        if name not in EXTENSIONS:
            raise KeyError(name)
        return f"{self.base}/extensions/{name}"


def statement_id(base: str, record_id: str, part: str) -> str:
    """The id of the statement for `part` of a record ("initialized", "step/3", ...) under
    an organisation's base IRI."""
    return str(uuid.uuid5(NAMESPACE, f"{base.rstrip('/')} {record_id}/{part}"))


def registration(base: str, record_id: str) -> str:
    """One registration per record: a store groups a playthrough's statements by it."""
    return str(uuid.uuid5(NAMESPACE, f"{base.rstrip('/')} {record_id}/registration"))


def actor_name(device: str, label: str) -> str:
    """The anonymous account name of the people at one device under one label: random per
    device (the device id is random), the same for the same label, and never the label."""
    return str(uuid.uuid5(uuid.UUID(device), label))
