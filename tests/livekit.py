"""Live rooms in tests: a room served on loopback on a free port, and clients that record what they hear."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any

from conftest import FIXTURES
from sessionkit import FakeClock
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from quiz.live import protocol as p
from quiz.live.room import Room
from quiz.live.server import RoomServer
from quiz.packcache import load_pack
from quiz.session import RoundSettings

#: Every wait in these tests is bounded by this.
WAIT = 5.0


def sample_questions():
    return load_pack(FIXTURES / "sample-pack.yaml").questions


async def serve_room(questions: Sequence | None = None, clock: FakeClock | None = None, **options: Any):
    """A room and its server on 127.0.0.1 (a free port), driven by ``clock``."""
    settings = options.pop("settings", None) or RoundSettings(questions=3, timer=20, seed=5)
    room = Room(list(questions or sample_questions()), settings, clock=clock or FakeClock(), **options)
    server = RoomServer(room, host="127.0.0.1", port=0)
    await server.start()
    return room, server


class Peer:
    """A websocket client speaking the protocol by hand, keeping every message it receives."""

    def __init__(self, server: RoomServer) -> None:
        self.url = f"ws://127.0.0.1:{server.port}{p.WS_PATH}"
        self.ws: ClientConnection | None = None
        self.heard: list[dict[str, Any]] = []
        self.raw: list[str] = []
        self._seen = 0

    async def open(self, **connect_options: Any) -> Peer:
        self.ws = await connect(self.url, open_timeout=WAIT, **connect_options)
        return self

    async def send(self, message: dict[str, Any] | str) -> None:
        assert self.ws is not None
        await self.ws.send(message if isinstance(message, str) else json.dumps(message))

    async def hello(self, pin: str, **fields: Any) -> dict[str, Any]:
        await self.send({"type": "hello", "v": p.VERSION, "pin": pin, **fields})
        return await self.expect("welcome", "error")

    async def expect(self, *kinds: str, timeout: float = WAIT) -> dict[str, Any]:
        """The next message (after those already taken) of one of ``kinds``; earlier ones of other kinds
        are skipped but kept in ``heard``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            while self._seen < len(self.heard):
                message = self.heard[self._seen]
                self._seen += 1
                if message["type"] in kinds:
                    return message
            left = deadline - loop.time()
            if left <= 0:
                raise AssertionError(f"no {kinds} within {timeout} s; heard {[m['type'] for m in self.heard]}")
            assert self.ws is not None
            try:
                raw = await asyncio.wait_for(self.ws.recv(), left)
            except (asyncio.TimeoutError, TimeoutError):
                continue
            self.raw.append(raw)
            self.heard.append(p.read_server(raw))

    async def closed(self, timeout: float = WAIT) -> int | None:
        """Wait until the server closes the connection; its close code."""
        ws = self.ws
        assert ws is not None

        async def drain() -> None:
            while True:
                raw = await ws.recv()
                self.raw.append(raw)
                self.heard.append(p.read_server(raw))

        try:
            await asyncio.wait_for(drain(), timeout)
        except ConnectionClosed:
            pass
        return ws.protocol.close_code

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


async def student(server: RoomServer, name: str, **fields: Any) -> Peer:
    peer = await Peer(server).open()
    welcome = await peer.hello(server.room.pin, role=p.STUDENT, name=name, **fields)
    assert welcome["type"] == "welcome", welcome
    return peer


async def host(server: RoomServer) -> Peer:
    peer = await Peer(server).open()
    welcome = await peer.hello(server.room.pin, role=p.HOST, secret=server.room.secret)
    assert welcome["type"] == "welcome", welcome
    return peer


async def until(condition, timeout: float = WAIT) -> None:
    """Wait until ``condition()`` holds (the server works in the same loop)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("the condition never held")
        await asyncio.sleep(0.01)
