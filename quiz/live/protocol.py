"""The live room's messages: JSON objects with a ``type``, checked on arrival on both sides.

``docs/protocol.md`` documents every message. A client's message is checked
strictly (known type, known fields, each of its kind, nothing else) before the
room sees it; a server's message is checked by the client for the fields it
uses, so a newer server may add fields. Anything that fails a check is a
:class:`ProtocolError` carrying an error code and a sentence for people.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

#: Bumped when a message changes in a way an older client or server would misread.
VERSION = 1
#: The path of the websocket on the room's server (the page is served from the same port).
WS_PATH = "/ws"
#: Largest message the room reads (bytes of UTF-8); larger ones get an error reply.
MAX_MESSAGE = 4096
#: Larger frames are not even read: the connection is closed (code 1009).
HARD_MAX = 65536
DEFAULT_PORT = 8765
PIN_DIGITS = 6

STUDENT, HOST = "student", "host"

# Error codes (the "code" of an "error" message).
BAD_JSON = "bad-json"
BAD_MESSAGE = "bad-message"
TOO_LARGE = "too-large"
SLOW_DOWN = "slow-down"
BAD_VERSION = "bad-version"
UNKNOWN_PIN = "unknown-pin"
ROOM_FULL = "room-full"
BAD_NAME = "bad-name"
NAME_TAKEN = "name-taken"
UNKNOWN_TOKEN = "unknown-token"
REMOVED = "removed"
NOT_HOST = "not-host"
NOT_OPEN = "not-open"
ALREADY_ANSWERED = "already-answered"
BAD_ANSWER = "bad-answer"
NOT_NOW = "not-now"
#: Errors after which the server closes the connection (the client should not retry as is).
FATAL = frozenset({BAD_VERSION, UNKNOWN_PIN, ROOM_FULL, BAD_NAME, NAME_TAKEN, UNKNOWN_TOKEN, REMOVED, NOT_HOST})

# Close codes of the application range (4000-4999).
CLOSE_REFUSED = 4000  # hello refused (see the error message sent before)
CLOSE_REPLACED = 4001  # the same student connected again elsewhere
CLOSE_REMOVED = 4002  # the host removed this student
CLOSE_FLOOD = 4003  # too many messages, or too many bad ones
CLOSE_OVER = 4004  # the room has closed

ANY = object()  # a field whose value is checked elsewhere (an answer's value)


class ProtocolError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_CHECKS: dict[object, Any] = {
    int: _int,
    str: lambda v: isinstance(v, str),
    bool: lambda v: isinstance(v, bool),
    list: lambda v: isinstance(v, list),
    dict: lambda v: isinstance(v, dict),
    "int?": lambda v: v is None or _int(v),
    "num?": lambda v: v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)),
    "str?": lambda v: v is None or isinstance(v, str),
    "list?": lambda v: v is None or isinstance(v, list),
    "dict?": lambda v: v is None or isinstance(v, dict),
    ANY: lambda v: True,
}

# Client -> server: field -> (kind, required). Every field is listed: others are refused.
CLIENT_MESSAGES: dict[str, dict[str, tuple[object, bool]]] = {
    "hello": {
        "v": (int, True),
        "role": (str, True),
        "pin": (str, True),
        "name": (str, False),
        "token": (str, False),
        "secret": (str, False),
    },
    "answer": {"turn": (int, True), "value": (ANY, True)},
    # The host's controls.
    "start": {},
    "next": {},
    "close": {},
    "end": {},
    "remove": {"name": (str, True)},
    "readmit": {"name": (str, True)},
    "leaderboard": {"show": (bool, True)},
}
HOST_ONLY = frozenset({"start", "next", "close", "end", "remove", "readmit", "leaderboard"})

# Server -> client: the fields a client relies on (more may come).
SERVER_MESSAGES: dict[str, dict[str, tuple[object, bool]]] = {
    "welcome": {
        "v": (int, True),
        "role": (str, True),
        "room": (dict, True),
        "name": ("str?", False),
        "token": ("str?", False),
    },
    "lobby": {"count": (int, True), "students": ("list?", False)},
    "ready": {"turn": (int, True), "number": (int, True), "of": (int, True), "seconds": ("num?", True)},
    "question": {
        "turn": (int, True),
        "number": (int, True),
        "of": (int, True),
        "question": (dict, True),
        "limit": ("num?", True),
        "remaining": ("num?", True),
        "answered": (bool, False),
    },
    "waiting": {"turn": (int, True), "message": (str, True)},
    "ack": {"turn": (int, True)},
    "progress": {"turn": (int, True), "answered": (int, True), "expected": (int, True)},
    "reveal": {
        "turn": (int, True),
        "number": (int, True),
        "of": (int, True),
        "answer": (str, True),
        "right": (ANY, False),
        "explanation": (str, False),
        "you": ("dict?", False),
        "distribution": ("list?", False),
        "answered": (int, False),
        "expected": (int, False),
    },
    "standings": {"top": ("list?", True), "you": ("dict?", False), "last": (bool, False)},
    "finished": {"podium": (list, True), "you": ("dict?", False), "game_id": ("int?", False)},
    "roster": {"students": (list, True), "leaderboard": (bool, True), "phase": (str, True)},
    "removed": {"message": (str, True)},
    "error": {"code": (str, True), "message": (str, True)},
}


def encode(message: Mapping[str, Any]) -> str:
    """One message as the wire carries it (compact JSON, no NaN)."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _parse(raw: str | bytes, limit: int) -> dict[str, Any]:
    if isinstance(raw, (bytes, bytearray, memoryview)):
        raise ProtocolError(BAD_MESSAGE, "messages are JSON text, not binary")
    if len(raw) > limit or len(raw.encode("utf-8", "surrogatepass")) > limit:
        raise ProtocolError(TOO_LARGE, f"the message is larger than {limit} bytes")
    try:
        data = json.loads(raw, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise ProtocolError(BAD_JSON, "the message is not valid JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise ProtocolError(BAD_MESSAGE, 'a message is a JSON object with a "type"')
    return data


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _check(data: dict[str, Any], specs: dict[str, dict[str, tuple[object, bool]]], strict: bool) -> dict[str, Any]:
    kind = data["type"]
    spec = specs.get(kind)
    if spec is None:
        raise ProtocolError(BAD_MESSAGE, f"unknown message type {kind[:40]!r}")
    for field, (check, required) in spec.items():
        if field not in data:
            if required:
                raise ProtocolError(BAD_MESSAGE, f"a {kind} message needs {field!r}")
            continue
        if not _CHECKS[check](data[field]):
            raise ProtocolError(BAD_MESSAGE, f"{field!r} of a {kind} message has the wrong kind of value")
    if strict:
        extra = set(data) - set(spec) - {"type"}
        if extra:
            raise ProtocolError(BAD_MESSAGE, f"a {kind} message has no field {min(extra)[:40]!r}")
    return data


def read_client(raw: str | bytes) -> dict[str, Any]:
    """A client's message, checked strictly; raises ProtocolError."""
    return _check(_parse(raw, MAX_MESSAGE), CLIENT_MESSAGES, strict=True)


def read_server(raw: str | bytes) -> dict[str, Any]:
    """A server's message, checked for what clients use; raises ProtocolError."""
    return _check(_parse(raw, HARD_MAX * 16), SERVER_MESSAGES, strict=False)


def error(code: str, message: str) -> dict[str, Any]:
    return {"type": "error", "code": code, "message": message}
