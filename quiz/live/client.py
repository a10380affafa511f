"""A client of a live room, without any screen: connect, say hello, hear the room, come back after a drop.

The terminal apps (``quiz join``, ``quiz host``), the tests and the load
benchmark all use it. Every message from the server is checked
(``protocol.read_server``) before it is passed on; one that fails the check is
reported and skipped. A dropped connection is retried with growing pauses, with
the token the room gave, so the student keeps their name and score; a refusal,
a removal or the end of the room stops the retries.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from quiz.live import protocol as p

#: Pauses between attempts to reconnect (the last one repeats).
BACKOFF = (0.25, 0.5, 1.0, 2.0, 3.0)
#: Close codes after which trying again is pointless.
GAME_OVER = "the game is over"
FINAL_CLOSES = {p.CLOSE_REFUSED, p.CLOSE_REPLACED, p.CLOSE_REMOVED, p.CLOSE_OVER, p.CLOSE_FLOOD}


def room_url(address: str, default_port: int = p.DEFAULT_PORT) -> str:
    """``HOST[:PORT]`` (or a full ws:// or http:// address) as the room's websocket URL."""
    text = address.strip()
    for scheme, ws in (("http://", "ws://"), ("https://", "wss://")):
        if text.startswith(scheme):
            text = ws + text[len(scheme) :]
    if not text.startswith(("ws://", "wss://")):
        text = "ws://" + text
    scheme, rest = text.split("://", 1)
    hostport = rest.split("/", 1)[0]
    if hostport.startswith("["):  # [::1]:8765
        has_port = "]:" in hostport
    else:
        has_port = ":" in hostport
    if not has_port:
        hostport = f"{hostport}:{default_port}"
    return f"{scheme}://{hostport}{p.WS_PATH}"


class LiveClient:
    """One connection to a room, kept up until ``stop()`` or a final refusal."""

    def __init__(
        self,
        url: str,
        hello: dict[str, Any],
        on_message: Callable[[dict[str, Any]], None],
        on_status: Callable[[str], None] | None = None,
        retry: bool = True,
    ) -> None:
        self.url = url
        self.hello = {"type": "hello", "v": p.VERSION, **hello}
        self.on_message = on_message
        self.on_status = on_status or (lambda status: None)
        self.retry = retry
        self.ws: ClientConnection | None = None
        #: Why the client stopped for good (a refusal's message), or None.
        self.ended: str | None = None
        self._stopping = False

    async def run(self) -> None:
        """Connect and keep connected until stopped or refused for good."""
        attempt = 0
        while not self._stopping:
            try:
                async with connect(
                    self.url,
                    max_size=None,
                    compression=None,
                    open_timeout=5,
                    ping_interval=20,
                    ping_timeout=20,
                    close_timeout=2,
                ) as ws:
                    self.ws = ws
                    await ws.send(p.encode(self.hello))
                    attempt = 0
                    self.on_status("connected")
                    async for raw in ws:
                        self._receive(raw)
                    code = ws.protocol.close_code  # (websockets 13 has no connection.close_code)
            except (OSError, InvalidHandshake, asyncio.TimeoutError, TimeoutError) as exc:
                code = None
                self.on_status(f"cannot reach the room ({_reason(exc)})")
            except InvalidURI:
                self.ended = f"{self.url} is not an address"
                self.on_status("ended")
                return
            except ConnectionClosed as exc:
                code = exc.rcvd.code if exc.rcvd else None
            finally:
                self.ws = None
            if self._stopping or self.ended is not None or code in FINAL_CLOSES or not self.retry:
                if self.ended is None and not self._stopping:
                    self.ended = "the connection was closed"
                self.on_status("ended")
                return
            self.on_status("reconnecting")
            await asyncio.sleep(BACKOFF[min(attempt, len(BACKOFF) - 1)])
            attempt += 1

    def _receive(self, raw: str | bytes) -> None:
        try:
            message = p.read_server(raw)
        except p.ProtocolError as exc:
            self.on_status(f"ignored a message from the room: {exc.message}")
            return
        kind = message["type"]
        if kind == "welcome" and message.get("token"):
            self.hello["token"] = message["token"]  # comes back as this student after a drop
        elif kind == "removed":
            self.ended = message["message"]
        elif kind == "finished" and self.hello.get("role") != "host":
            self.ended = GAME_OVER
        elif kind == "error" and message["code"] in p.FATAL:
            self.ended = message["message"]
        self.on_message(message)

    async def send(self, message: dict[str, Any]) -> bool:
        """Send one message; False when not connected."""
        ws = self.ws
        if ws is None:
            return False
        try:
            await ws.send(p.encode(message))
            return True
        except ConnectionClosed:
            return False

    async def stop(self) -> None:
        self._stopping = True
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__
