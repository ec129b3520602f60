"""How often a device, or a network address, may ask the room's web server for something.

Token buckets: each key (an address, or a device's token) has a bucket that holds up to `burst`
tokens and fills at `per_second`; a request takes one, and with none left it is refused (429).
The per-address bucket is generous, since a workshop's phones may all reach the facilitator
through one hotspot address; the per-device one is tight, since one phone has one person.
Nothing here is written anywhere: buckets live in memory while the room is open.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True, slots=True)
class Rate:
    """`per_second` requests on average, with up to `burst` at once."""

    per_second: float
    burst: float


ADDRESS_RATE = Rate(50, 400)      # a hotspot of 200 phones behind one address
DEVICE_RATE = Rate(5, 20)         # one phone: a page, its live updates and a few votes
WRONG_CODE_RATE = Rate(1, 20)     # wrong room codes from one address (guessing the code)


class Buckets:
    """A token bucket for each key, made full the first time a key is seen. At most `keys`
    buckets are kept: past that, full ones are forgotten (a full bucket is a new one)."""

    def __init__(self, rate: Rate, clock: Callable[[], float] = time.monotonic,
                 keys: int = 4096):
        self.rate = rate
        self._clock = clock
        self._keys = keys
        self._level: dict[str, tuple[float, float]] = {}     # key -> (tokens, when)

    def has(self, key: str) -> bool:
        """Whether `key` could take a token now (takes nothing)."""
        return self._tokens(key, self._clock()) >= 1

    def take(self, key: str) -> bool:
        """Take a token for `key`: True, or False when its bucket is empty."""
        now = self._clock()
        tokens = self._tokens(key, now)
        if tokens < 1:
            return False
        self._keep(key, tokens - 1, now)
        return True

    def _tokens(self, key: str, now: float) -> float:
        tokens, when = self._level.get(key, (self.rate.burst, now))
        return min(self.rate.burst, tokens + (now - when) * self.rate.per_second)

    def _keep(self, key: str, tokens: float, now: float) -> None:
        if key not in self._level and len(self._level) >= self._keys:
            self._forget_full(now)
        self._level[key] = (tokens, now)

    def _forget_full(self, now: float) -> None:
        full = [k for k in self._level if self._tokens(k, now) >= self.rate.burst]
        for key in full:
            del self._level[key]
        if len(self._level) >= self._keys:
            # Still crowded with busy keys: starting them all afresh is fairer than refusing
            # every newcomer.
            self._level.clear()


class Limits:
    """The room server's limits: per address and per device, and on wrong room codes."""

    def __init__(self, address: Rate = ADDRESS_RATE, device: Rate = DEVICE_RATE,
                 wrong_code: Rate = WRONG_CODE_RATE,
                 clock: Callable[[], float] = time.monotonic):
        self.address = Buckets(address, clock)
        self.device = Buckets(device, clock)
        self.wrong_code = Buckets(wrong_code, clock)

    def allow(self, address: str, device: str | None = None) -> bool:
        """One request from `address` (and `device`, a joined device's token): True if both
        buckets have a token (both are taken), else False (neither is)."""
        if device is not None and not self.device.has(device):
            return False
        if not self.address.take(address):
            return False
        if device is not None:
            self.device.take(device)
        return True

    def may_try_code(self, address: str) -> bool:
        """Whether `address` may try a room code now (it has not sent too many wrong ones)."""
        return self.wrong_code.has(address)

    def wrong_code_from(self, address: str) -> None:
        self.wrong_code.take(address)
