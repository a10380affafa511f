"""Limits that keep one client from hurting the room: message rates, and PIN guessing.

Both take a clock (``time.monotonic`` by default) so tests can move time by hand.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

Clock = Callable[[], float]


class TokenBucket:
    """``rate`` messages a second on average, ``burst`` at once; ``take()`` is False when over."""

    def __init__(self, rate: float, burst: float, clock: Clock = time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.tokens = burst
        self.stamp = clock()

    def take(self) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class Strikes:
    """Counts a connection's refused messages; past ``limit`` it is dropped.

    Strikes fade (one per ``fade`` seconds), so a student who mistypes now and then
    is never dropped, while a client that keeps sending junk soon is.
    """

    def __init__(self, limit: int = 20, fade: float = 5.0, clock: Clock = time.monotonic) -> None:
        self.limit = limit
        self.fade = fade
        self.clock = clock
        self.count = 0.0
        self.stamp = clock()

    def add(self) -> bool:
        """One more; True when the connection should be dropped."""
        now = self.clock()
        self.count = max(0.0, self.count - (now - self.stamp) / self.fade) + 1
        self.stamp = now
        return self.count > self.limit


class PinGuard:
    """Slows down wrong PINs from one address, so a room cannot be found by guessing.

    The first ``free`` wrong PINs cost nothing (a student mistyping); after that each
    one makes the next attempt from that address wait twice as long, up to ``most``
    seconds. A right PIN forgives the address (a class behind one router has typos
    too, and a guesser never gets one right). Failures older than ``forget`` seconds
    are forgotten, and at most ``addresses`` addresses are remembered.
    """

    def __init__(
        self,
        free: int = 5,
        most: float = 60.0,
        forget: float = 600.0,
        addresses: int = 10_000,
        clock: Clock = time.monotonic,
    ) -> None:
        self.free = free
        self.most = most
        self.forget = forget
        self.addresses = addresses
        self.clock = clock
        # address -> [failures, time of the last failure, time the next attempt may be read]
        self._seen: OrderedDict[str, list[float]] = OrderedDict()

    def wait(self, address: str) -> float:
        """Seconds an attempt from ``address`` must wait before it is read (0 for most)."""
        entry = self._entry(address)
        return 0.0 if entry is None else max(0.0, entry[2] - self.clock())

    def failed(self, address: str) -> None:
        now = self.clock()
        entry = self._entry(address) or [0.0, now, now]
        entry[0] += 1
        entry[1] = now
        over = entry[0] - self.free
        if over > 0:
            entry[2] = max(entry[2], now) + min(self.most, 2.0 ** (over - 1))
        self._seen[address] = entry
        self._seen.move_to_end(address)
        while len(self._seen) > self.addresses:
            self._seen.popitem(last=False)

    def succeeded(self, address: str) -> None:
        self._seen.pop(address, None)

    def _entry(self, address: str) -> list[float] | None:
        entry = self._seen.get(address)
        if entry is not None and self.clock() - entry[1] > self.forget and entry[2] <= self.clock():
            del self._seen[address]
            return None
        return entry
