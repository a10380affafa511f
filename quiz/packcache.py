"""A cache of checked packs, so a pack is parsed and validated once per change.

An entry is JSON in ``cache_dir()/packs/<key>.json``; the key is the SHA-256 of
the pack file's bytes together with what else decides the outcome: the cache
format, the code that reads and checks packs, and the seed articles quotes are
checked against. Any of them changing simply misses. Only packs without errors
are cached. A corrupt or unreadable entry is ignored and written afresh; writes
go to a temporary file first, then replace, so a crash never leaves half an entry.

Questions are stored as JSON objects, and rebuilt without running the
dataclass constructor: a cached 10,000-question pack loads in about the time
``json.load`` takes to read it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections import deque
from dataclasses import MISSING, dataclass, fields
from itertools import repeat
from operator import itemgetter
from pathlib import Path

from quiz import locations
from quiz.errors import PackInvalid, Problem
from quiz.model import Pack, PackInfo, Question, Source
from quiz.textfile import read_bytes

FORMAT = 1
_HERE = Path(__file__).parent
#: Files whose code decides what a cached entry holds; editing one retires old entries.
_CODE = ("validate.py", "packfile.py", "model.py", "schema/pack.schema.json")
_NAMES = tuple(f.name for f in fields(Question))
_REQUIRED = tuple(f.name for f in fields(Question) if f.default is MISSING)
_DEFAULTS = {f.name: f.default for f in fields(Question) if f.default is not MISSING}
#: Always stored, so that loading can convert them for every question at once.
_TUPLE_FIELDS = ("choices", "answers", "facts")
_ALWAYS = _TUPLE_FIELDS + ("pairs", "source")

_salts: dict[str, bytes] = {}


@dataclass
class Loaded:
    """A pack read from a file or the cache, with the warnings it was checked with."""

    pack: Pack
    warnings: list[Problem]
    from_cache: bool


def _code_salt() -> bytes:
    seeds = locations.seeds_dir()
    salt = _salts.get(str(seeds))
    if salt is None:
        h = hashlib.sha256(f"format {FORMAT}\n".encode())
        for name in _CODE:
            try:
                h.update((_HERE / name).read_bytes())
            except OSError:
                h.update(b"missing " + name.encode())
        if seeds is not None and seeds.is_dir():
            for p in sorted(seeds.iterdir()):
                if p.is_file():
                    h.update(p.name.encode() + b"\0" + p.read_bytes())
        else:
            h.update(b"no seeds")
        salt = _salts[str(seeds)] = h.digest()
    return salt


def cache_key(raw: bytes) -> str:
    return hashlib.sha256(_code_salt() + raw).hexdigest()


def cache_folder() -> Path:
    return locations.cache_dir() / "packs"


def lookup(raw: bytes) -> dict | None:
    """The cached entry for these file bytes, or None (missing, unreadable or corrupt)."""
    path = cache_folder() / f"{cache_key(raw)}.json"
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    # Decoding only allocates, never makes cycles: the collector would just rescan it.
    enabled = gc.isenabled()
    gc.disable()
    try:
        entry = json.loads(data)
    except ValueError:
        return None
    finally:
        if enabled:
            gc.enable()
    if not isinstance(entry, dict) or entry.get("format") != FORMAT:
        return None
    if not all(k in entry for k in ("info", "questions", "warnings", "ids")):
        return None
    return entry


def problem_to(p: Problem) -> list:
    return [p.line, p.column, p.message, p.severity]


def problem_from(item: list, name: str) -> Problem:
    line, column, message, severity = item
    return Problem(name, line, column, message, severity)


def _row(q: Question) -> dict:
    """A question as a JSON object: fields at their default are left out (the class has them)."""
    row = {}
    for name in _NAMES:
        value = getattr(q, name)
        if name in _ALWAYS or name not in _DEFAULTS or value != _DEFAULTS[name]:
            row[name] = value
    src = q.source
    row["source"] = None if src is None else {"seed": src.seed, "quote": src.quote}
    del row["pack"]
    return row


def store_data(raw: bytes, data: dict, problems: list[Problem], ids: list, name: str) -> None:
    """Cache a pack that was just checked and found without errors."""
    from quiz.packfile import pack_from_data

    try:
        pack = pack_from_data(data, name)
    except Exception:  # a rule the validator missed; better uncached than wrong
        return
    store(raw, pack, [p for p in problems if p.severity != "error"], ids)


def store(raw: bytes, pack: Pack, warnings: list[Problem], ids: list) -> None:
    info = pack.info
    entry = {
        "format": FORMAT,
        "info": {
            "id": info.id, "title": info.title, "description": info.description, "version": info.version,
            "language": info.language, "authors": list(info.authors), "license": info.license,
            "sources": [dict(s) for s in info.sources],
        },
        "questions": [_row(q) for q in pack.questions],
        "warnings": [problem_to(p) for p in warnings],
        "ids": [list(i) for i in ids],
    }
    folder = cache_folder()
    target = folder / f"{cache_key(raw)}.json"
    tmp = folder / f".{target.stem}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as fh:
            # dumps, not dump: only the one-shot encoder runs in C (3x faster on a big pack).
            fh.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
        os.replace(tmp, target)
    except (OSError, TypeError, ValueError):
        # A read-only or full disk only costs speed; the pack itself was fine.
        try:
            tmp.unlink()
        except OSError:
            pass


def _pack_from_entry(entry: dict, name: str) -> Pack:
    i = entry["info"]
    info = PackInfo(
        id=i["id"], title=i["title"], description=i["description"], version=i["version"],
        language=i["language"], authors=tuple(i["authors"]), license=i["license"],
        sources=tuple(i["sources"]),
    )
    questions = _questions(entry["questions"], info.id)
    return Pack(info=info, questions=questions, path=name)


def _questions(rows: list[dict], pack_id: str) -> list[Question]:
    # The JSON decoder already built each question's dict; what is left runs in C
    # (map/repeat over all rows at once), apart from making Source objects. That
    # keeps a cached load within a small factor of json.load itself.
    new, set_attr, set_item = object.__new__, object.__setattr__, dict.__setitem__
    n = len(rows)
    for name in _TUPLE_FIELDS:
        deque(map(set_item, rows, repeat(name), map(tuple, map(itemgetter(name), rows))), maxlen=0)
    pairs = map(tuple, map(map, repeat(tuple), map(itemgetter("pairs"), rows)))
    deque(map(set_item, rows, repeat("pairs"), pairs), maxlen=0)
    deque(map(set_item, rows, repeat("pack"), repeat(pack_id)), maxlen=0)
    for row in rows:
        src = row["source"]
        if src is not None:
            source = new(Source)
            set_attr(source, "__dict__", {"seed": src["seed"], "quote": src["quote"]})
            row["source"] = source
    for name in _REQUIRED:
        deque(map(itemgetter(name), rows), maxlen=0)  # KeyError on a damaged entry
    questions = list(map(new, repeat(Question, n)))
    # Question is frozen: give each its __dict__ whole instead of 20 guarded setattrs.
    # Fields left out at their default are found on the class, as dataclasses intend.
    deque(map(set_attr, questions, repeat("__dict__"), rows), maxlen=0)
    return questions


def load(path: str | Path) -> Loaded:
    """Read a pack, from the cache when its bytes were checked before.

    Raises FileProblem (cannot read or parse) or PackInvalid (every error found).
    """
    name = str(path)
    raw = read_bytes(path, "pack")
    entry = lookup(raw)
    if entry is not None:
        enabled = gc.isenabled()
        gc.disable()  # as in lookup(): thousands of new objects, no cycles among them
        try:
            pack = _pack_from_entry(entry, name)
            return Loaded(pack, [problem_from(p, name) for p in entry["warnings"]], True)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            pass  # a damaged entry: check the file again and rewrite it
        finally:
            if enabled:
                gc.enable()
    from quiz.packfile import pack_from_data
    from quiz.validate import check_pack_data, question_ids
    from quiz.yamlfile import decode_utf8, parse_yaml

    text = decode_utf8(raw, name, "pack")
    data = parse_yaml(text, name, "pack")
    problems = check_pack_data(data, name, text)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise PackInvalid(errors)
    pack = pack_from_data(data, name)
    warnings = [p for p in problems if p.severity != "error"]
    store(raw, pack, warnings, question_ids(data))
    return Loaded(pack, warnings, False)


def clear() -> int:
    """Remove every cached entry; returns how many were removed."""
    removed = 0
    folder = cache_folder()
    if folder.is_dir():
        for p in folder.iterdir():
            if p.suffix in (".json", ".tmp"):
                try:
                    p.unlink()
                    removed += 1
                except OSError:
                    pass
    return removed
