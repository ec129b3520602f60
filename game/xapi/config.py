"""The organisation's xAPI settings: its base IRI, its store (LRS), how the store knows us, and
whether players' own words may go there at all (each player is then asked, in the debrief).

They live in `<save folder>/xapi/config.json` (the folder also holds the outbox and this
device's random id), for example:

    {"base": "https://learning.example-trust.nhs.uk/making-together",
     "lrs": "https://lrs.example-trust.nhs.uk/xAPI",
     "username": "making-together", "password": "...",
     "share_answers": false, "learner_id": null}

The credentials may instead come from the environment variable MAKING_TOGETHER_LRS_AUTH
("username:password"), which wins. They are never taken from the command line (a command
line is visible to every user of the computer) and never written to a record, a statement,
the outbox or a message.
"""
from __future__ import annotations

import ipaddress
import os
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from ..files.read import DamagedFile, read_json
from ..files.write import write_json_atomic

AUTH_VARIABLE = "MAKING_TOGETHER_LRS_AUTH"
FOLDER = "xapi"
CONFIG_FILE = "config.json"
DEVICE_FILE = "device.json"
DEFAULT_BASE = "https://example.org/making-together"
MAX_CONFIG_BYTES = 64 * 1024


class ConfigError(ValueError):
    """Settings that cannot be used; the message says what to change."""


@dataclass(frozen=True)
class Config:
    base: str = DEFAULT_BASE
    lrs: str = ""
    username: str = ""
    password: str = ""
    share_answers: bool = False   # the organisation allows players' own words (each record's
    #                               player must agree too: the record's share_answers)
    learner_id: str | None = None  # the organisation's own learner id, instead of a random one
    device: str = ""               # this save folder's random id (config.device_id)

    def __repr__(self) -> str:  # never show the password, even in a traceback
        return f"Config(base={self.base!r}, lrs={self.lrs!r}, share_answers={self.share_answers})"

    @property
    def has_credentials(self) -> bool:
        return bool(self.username)


def folder_of(save_folder: Path) -> Path:
    return save_folder / FOLDER


def load_config(save_folder: Path, lrs: str | None = None) -> Config:
    """The settings for `save_folder`; `lrs` (from --lrs) wins over the file. Raises
    ConfigError with `file: what is wrong` for a file that cannot be used."""
    path = folder_of(save_folder) / CONFIG_FILE
    found: dict = {}
    if path.exists():
        try:
            found = read_json(path, MAX_CONFIG_BYTES)
        except DamagedFile as exc:
            raise ConfigError(f"{path}: {exc}") from None
        if not isinstance(found, dict):
            raise ConfigError(f"{path}: it should hold one JSON object of settings")
    kinds = {"base": str, "lrs": str, "username": str, "password": str, "share_answers": bool,
             "learner_id": (str, type(None))}
    for key, kind in kinds.items():
        if key in found and not isinstance(found[key], kind):
            raise ConfigError(f'{path}: "{key}" has the wrong type')
    unknown = sorted(set(found) - set(kinds))
    if unknown:
        raise ConfigError(f'{path}: unknown setting "{unknown[0]}" (known: {", ".join(kinds)})')
    username, password = found.get("username", ""), found.get("password", "")
    secret = os.environ.get(AUTH_VARIABLE)
    if secret:
        username, colon, password = secret.partition(":")
        if not colon or not username:
            raise ConfigError(f"{AUTH_VARIABLE} should be username:password")
    base = found.get("base", DEFAULT_BASE)
    check_base(base, str(path))
    return Config(base=base.rstrip("/"), lrs=(lrs or found.get("lrs", "")).strip(),
                  username=username, password=password,
                  share_answers=found.get("share_answers", False),
                  learner_id=found.get("learner_id") or None)


def check_base(base: str, where: str) -> None:
    parts = urlsplit(base)
    if parts.scheme != "https" or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(f'{where}: "base" should be an https:// address without ? or #, '
                          f"such as {DEFAULT_BASE}")


def check_lrs(url: str) -> str:
    """The LRS endpoint (ending before "statements"), or ConfigError. Plain http only to this
    computer: over a network it would show the password to anyone on the way."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f'"{url}" is not an LRS address: give its xAPI endpoint, such as '
                          "https://lrs.example.org/xAPI")
    if parts.username or parts.password:
        raise ConfigError("the LRS address holds a username or password: give the address "
                          f"alone, and the credentials in {AUTH_VARIABLE} or xapi/config.json")
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise ConfigError(f'"{url}" uses plain http to another computer, which would send the '
                          "password unprotected: use https")
    return url.rstrip("/")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def device_id(save_folder: Path) -> str:
    """This save folder's random id (made once, kept in xapi/device.json). It names no one."""
    path = folder_of(save_folder) / DEVICE_FILE
    try:
        found = read_json(path, MAX_CONFIG_BYTES)
        return str(uuid.UUID(found["device"]))
    except (DamagedFile, KeyError, TypeError, ValueError):
        pass
    made = str(uuid.uuid4())
    write_json_atomic(path, {"device": made})
    return made


def with_device(config: Config, save_folder: Path) -> Config:
    return replace(config, device=device_id(save_folder))
