"""The room's server: the web page and the websocket on one port, with every limit applied.

One asyncio server (websockets) per room. Plain HTTP GETs get the page (``web/``);
``/ws`` upgrades to the room's websocket. Each connection says hello first (a
student with the PIN and a name or their token, or a host with the PIN and the
host's secret), then sends answers or host controls. Everything a client sends
is checked (``quiz.live.protocol``) before the room sees it; what breaks a rule
gets an error reply, and a client that keeps breaking rules or floods is
dropped. No message can crash the server or stall the room.

The room is driven from this server's event loop only. ``ServerThread`` runs
the loop in a thread of its own, so the host's screen (Textual, in the main
thread) can never delay an answer's acknowledgement.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import socket
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, broadcast, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from quiz.live import protocol as p
from quiz.live.guard import PinGuard, Strikes, TokenBucket
from quiz.live.room import Refusal, Room
from quiz.session import RoundError

log = logging.getLogger("quiz.live")

#: Seconds a new connection has to say hello.
HELLO_TIMEOUT = 10.0
#: Seconds between the room's ticks (deadlines, batched updates).
TICK = 0.05
#: A student's message rate: honest clients send a hello and one answer per question.
STUDENT_RATE, STUDENT_BURST = 5.0, 10.0
HOST_RATE, HOST_BURST = 20.0, 40.0
#: Hellos from one address waiting on the PIN guard at once; more are refused outright.
PENDING_PER_ADDRESS = 8

_PAGES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/style.css": ("style.css", "text/css; charset=utf-8"),
}
#: The page may load its own script and style and open its own websocket; nothing else.
_SECURITY = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass(eq=False)
class _Client:
    ws: ServerConnection
    address: str
    bucket: TokenBucket
    strikes: Strikes
    name: str | None = None
    host: bool = False
    warned_at: float = -1e9
    extra: dict[str, Any] = field(default_factory=dict)


def _page(name: str) -> bytes:
    return resources.files("quiz.live").joinpath("web").joinpath(name).read_bytes()


class RoomServer:
    """Serves one room. ``await start()`` in a running loop, or use ``ServerThread``."""

    def __init__(
        self, room: Room, host: str = "127.0.0.1", port: int = p.DEFAULT_PORT, max_connections: int | None = None
    ) -> None:
        self.room = room
        self.host = host
        self.port = port
        self.max_connections = max_connections or room.capacity * 2 + 50
        self.guard = PinGuard()
        self._students: dict[str, _Client] = {}
        self._hosts: set[_Client] = set()
        self._open = 0
        self._pending: dict[str, int] = {}
        self._server: Server | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._pages = {path: (_page(file), kind) for path, (file, kind) in _PAGES.items()}
        room.outbox = self

    # -- running ----------------------------------------------------------------------------
    async def start(self) -> None:
        self._server = await serve(
            self._handle,
            self.host,
            self.port,
            process_request=self._http,
            max_size=p.HARD_MAX,
            compression=None,
            ping_interval=20,
            ping_timeout=20,
            close_timeout=2,
            max_queue=16,
        )
        if self.port == 0:
            self.port = self._server.sockets[0].getsockname()[1]
        self._ticker = asyncio.get_running_loop().create_task(self._tick())

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
        # Clients told the room has closed do not try to come back (a crash tells them nothing: they retry).
        closing = [
            asyncio.ensure_future(c.ws.close(p.CLOSE_OVER, "the room has closed"))
            for c in [*self._students.values(), *self._hosts]
        ]
        if closing:
            await asyncio.wait(closing, timeout=3)
        if self._server is not None:
            self._server.close(close_connections=True)
            await self._server.wait_closed()

    async def _tick(self) -> None:
        while True:
            try:
                self.room.tick()
            except Exception:  # a bug must not stop the clock of the whole room
                log.exception("room tick failed")
            await asyncio.sleep(TICK)

    # -- the page ---------------------------------------------------------------------------------
    def _http(self, connection: ServerConnection, request: Request) -> Response | None:
        path = request.path.split("?", 1)[0]
        if path == p.WS_PATH:
            return None  # the websocket handshake goes on
        page = self._pages.get(path)
        if page is None:
            return _response(404, "Not Found", b"Not found\n", "text/plain; charset=utf-8")
        body, kind = page
        return _response(200, "OK", body, kind)

    # -- the outbox (the room's messages) ---------------------------------------------------------
    def student(self, name: str, message: dict[str, Any]) -> None:
        client = self._students.get(name)
        if client is not None:
            broadcast([client.ws], p.encode(message))

    def students(self, message: dict[str, Any], names: Iterable[str] | None = None) -> None:
        if names is None:
            targets = [c.ws for c in self._students.values()]
        else:
            targets = [c.ws for n in names if (c := self._students.get(n)) is not None]
        if targets:
            broadcast(targets, p.encode(message))

    def hosts(self, message: dict[str, Any]) -> None:
        if self._hosts:
            broadcast([c.ws for c in self._hosts], p.encode(message))

    def drop(self, name: str, code: int, reason: str) -> None:
        client = self._students.pop(name, None)
        if client is not None:
            asyncio.get_running_loop().create_task(client.ws.close(code, reason))

    # -- a connection ----------------------------------------------------------------------------
    async def _handle(self, ws: ServerConnection) -> None:
        address = str(ws.remote_address[0]) if ws.remote_address else "?"
        if self._open >= self.max_connections:
            await ws.close(1013, "the server is busy")
            return
        self._open += 1
        client: _Client | None = None
        try:
            client = await self._hello(ws, address)
            if client is None:
                return
            async for raw in ws:
                if not await self._message(client, raw):
                    break
        except ConnectionClosed:
            pass
        except Exception:  # never let one connection's surprise take the server down
            log.exception("connection handler failed")
            with contextlib.suppress(Exception):
                await ws.close(1011, "internal error")
        finally:
            self._open -= 1
            if client is not None:
                self._forget(client)

    def _forget(self, client: _Client) -> None:
        if client.host:
            self._hosts.discard(client)
        elif client.name is not None and self._students.get(client.name) is client:
            del self._students[client.name]
            try:
                self.room.disconnected(client.name)
            except Exception:
                log.exception("disconnect failed")

    async def _refuse(self, ws: ServerConnection, code: str, message: str) -> None:
        with contextlib.suppress(ConnectionClosed):
            await ws.send(p.encode(p.error(code, message)))
            await ws.close(p.CLOSE_REFUSED, code)

    async def _hello(self, ws: ServerConnection, address: str) -> _Client | None:
        try:
            raw = await asyncio.wait_for(ws.recv(), HELLO_TIMEOUT)
        except (asyncio.TimeoutError, TimeoutError):
            await ws.close(p.CLOSE_REFUSED, "no hello")
            return None
        try:
            hello = p.read_client(raw)
        except p.ProtocolError as exc:
            await self._refuse(ws, exc.code, exc.message)
            return None
        if hello["type"] != "hello":
            await self._refuse(ws, p.BAD_MESSAGE, "Say hello first.")
            return None
        if hello["v"] != p.VERSION:
            await self._refuse(
                ws, p.BAD_VERSION, f"This room speaks version {p.VERSION} of the protocol; update the game to join it."
            )
            return None
        # Wrong PINs (and host secrets) from one address are slowed down, one after the other.
        if self._pending.get(address, 0) >= PENDING_PER_ADDRESS:
            await self._refuse(ws, p.SLOW_DOWN, "Too many attempts at once; wait a minute and try again.")
            return None
        self._pending[address] = self._pending.get(address, 0) + 1
        try:
            wait = self.guard.wait(address)
            while wait > 0:
                await asyncio.sleep(wait)
                wait = self.guard.wait(address)
            if not hmac.compare_digest(hello["pin"].encode("utf-8", "surrogatepass"), self.room.pin.encode()):
                self.guard.failed(address)
                await self._refuse(
                    ws, p.UNKNOWN_PIN, "No room has this PIN here; check the PIN on the teacher's screen."
                )
                return None
            if hello["role"] == p.HOST:
                if not self.room.is_host(hello.get("secret", "")):
                    self.guard.failed(address)
                    await self._refuse(ws, p.NOT_HOST, "Only the host (with the host's secret) controls the room.")
                    return None
            elif hello["role"] != p.STUDENT:
                await self._refuse(ws, p.BAD_MESSAGE, "The role must be student or host.")
                return None
        finally:
            self._pending[address] -= 1
            if not self._pending[address]:
                del self._pending[address]
        self.guard.succeeded(address)
        if hello["role"] == p.HOST:
            client = _Client(
                ws,
                address,
                TokenBucket(HOST_RATE, HOST_BURST, self.room.clock),
                Strikes(clock=self.room.clock),
                host=True,
            )
            self._hosts.add(client)
            await self._send_all(client, [self.room.welcome(None, None), *self.room.catch_up(None)])
            return client
        try:
            student, token = self.room.join(hello.get("name"), hello.get("token"))
        except Refusal as exc:
            await self._refuse(ws, exc.code, exc.message)
            return None
        client = _Client(
            ws,
            address,
            TokenBucket(STUDENT_RATE, STUDENT_BURST, self.room.clock),
            Strikes(clock=self.room.clock),
            name=student.name,
        )
        old = self._students.get(student.name)
        self._students[student.name] = client
        if old is not None:  # the same student again (a reloaded page): the new connection wins
            asyncio.get_running_loop().create_task(old.ws.close(p.CLOSE_REPLACED, "connected again elsewhere"))
        self.room.connected(student.name)
        await self._send_all(
            client, [self.room.welcome(student.name, token or hello.get("token")), *self.room.catch_up(student.name)]
        )
        return client

    async def _send_all(self, client: _Client, messages: list[dict[str, Any]]) -> None:
        for message in messages:
            await client.ws.send(p.encode(message))

    async def _message(self, client: _Client, raw: str | bytes) -> bool:
        """Handle one message; False when the connection is to be dropped."""
        if not client.bucket.take():
            return await self._strike(client, p.SLOW_DOWN, "Too many messages; slow down.")
        try:
            message = p.read_client(raw)
        except p.ProtocolError as exc:
            return await self._strike(client, exc.code, exc.message)
        kind = message["type"]
        try:
            if kind == "hello":
                return await self._strike(client, p.BAD_MESSAGE, "You have already said hello.")
            if kind in p.HOST_ONLY:
                if not client.host:
                    return await self._strike(client, p.NOT_HOST, "Only the host can do that.")
                self.room.host_command(message)
            elif kind == "answer":
                if client.host or client.name is None:
                    return await self._strike(client, p.BAD_MESSAGE, "The host does not answer.")
                self.room.answer(client.name, message["turn"], message["value"])
        except Refusal as exc:
            return await self._strike(client, exc.code, exc.message)
        except RoundError as exc:
            return await self._strike(client, p.NOT_NOW, f"{exc}.")
        return True

    async def _strike(self, client: _Client, code: str, message: str) -> bool:
        """An error reply (at most one "slow down" a second); False once the client has too many strikes."""
        if client.strikes.add():
            with contextlib.suppress(ConnectionClosed):
                await client.ws.send(p.encode(p.error(p.SLOW_DOWN, "Too many bad or hurried messages.")))
            await client.ws.close(p.CLOSE_FLOOD, "too many bad messages")
            return False
        now = client.bucket.clock()
        if code != p.SLOW_DOWN or now - client.warned_at >= 1.0:
            if code == p.SLOW_DOWN:
                client.warned_at = now
            broadcast([client.ws], p.encode(p.error(code, message)))
        return True


def _response(status: int, reason: str, body: bytes, kind: str) -> Response:
    headers = Headers({"Content-Type": kind, "Content-Length": str(len(body)), **_SECURITY})
    return Response(status, reason, headers, body)


class ServerThread:
    """A RoomServer on an event loop in a thread of its own (the host's screen keeps the main thread)."""

    def __init__(self, server: RoomServer) -> None:
        self.server = server
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="quiz-live-server", daemon=True)
        self._started = threading.Event()
        self._error: BaseException | None = None

    def start(self, timeout: float = 10.0) -> None:
        """Start serving; raises OSError (a port in use...) as binding did."""
        self._thread.start()
        if not self._started.wait(timeout):
            raise OSError("the room's server did not start")
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self.server.start())
        except BaseException as exc:  # noqa: BLE001 - raised again by start(), in the caller's thread
            self._error = exc
            self._started.set()
            return
        self._started.set()
        self.loop.run_forever()
        self.loop.run_until_complete(self.server.stop())
        self.loop.close()

    def stop(self) -> None:
        if self._thread.is_alive():
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(10)


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback, as other devices may reach it (best first)."""
    found: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for info in infos:
        address = str(info[4][0])
        if not address.startswith("127.") and address not in found:
            found.append(address)
    return found
