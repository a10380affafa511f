"""A cache of checked packs, so a pack is parsed and validated once per change.

An entry is JSON in ``cache_dir()/packs/<key>.json``; the key is the SHA-256 of
the pack file's bytes together with what else decides the outcome: the cache
format, the code that reads and checks packs, and the seed articles quotes are
checked against. Any of them changing simply misses. Only packs without errors
are cached. A corrupt or unreadable entry is ignored and written afresh; writes
go to a temporary file first, then replace, so a crash never leaves half an entry.

Questions are stored as rows of field values, and rebuilt without running the
dataclass constructor: a cached 10,000-question pack loads in about the time
``json.load`` takes to read it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from quiz import locations
from quiz.errors import FileProblem, PackInvalid, Problem
from quiz.model import Pack, PackInfo, Question, Source

FORMAT = 1
_HERE = Path(__file__).parent
#: Files whose code decides what a cached entry holds; editing one retires old entries.
_CODE = ("validate.py", "packfile.py", "model.py", "schema/pack.schema.json")
#: Question fields stored per row (``pack`` is stored once per entry).
_ROW = tuple(f.name for f in fields(Question) if f.name != "pack")
_TUPLES = tuple(i for i, n in enumerate(_ROW) if n in ("choices", "answers", "facts"))
_PAIRS = _ROW.index("pairs")
_SOURCE = _ROW.index("source")

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


def _max_file_bytes() -> int:
    # Same rule as quiz.yamlfile.max_file_bytes, without importing yaml on a cache hit.
    try:
        return int(os.environ.get("QUIZ_MAX_FILE_BYTES", 64 * 1024 * 1024))
    except ValueError:
        return 64 * 1024 * 1024


def read_bytes(path: str | Path, what: str = "pack") -> bytes:
    """A file's bytes, refusing what cannot be a pack in one sentence (like quiz.yamlfile)."""
    p, name = Path(path), str(path)
    try:
        if p.is_dir():
            raise FileProblem(name, f"this is a folder, not a {what}")
        size = p.stat().st_size
        limit = _max_file_bytes()
        if size > limit:
            raise FileProblem(name, f"{what} is {size:,} bytes, over the {limit:,}-byte limit")
        return p.read_bytes()
    except FileNotFoundError:
        raise FileProblem(name, f"{what} not found") from None
    except OSError as exc:
        raise FileProblem(name, f"cannot read this {what}: {exc.strerror or exc}") from None


def lookup(raw: bytes) -> dict | None:
    """The cached entry for these file bytes, or None (missing, unreadable or corrupt)."""
    path = cache_folder() / f"{cache_key(raw)}.json"
    try:
        with open(path, "rb") as fh:
            entry = json.load(fh)
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("format") != FORMAT:
        return None
    if not all(k in entry for k in ("info", "rows", "warnings", "ids")):
        return None
    return entry


def problem_to(p: Problem) -> list:
    return [p.line, p.column, p.message, p.severity]


def problem_from(item: list, name: str) -> Problem:
    line, column, message, severity = item
    return Problem(name, line, column, message, severity)


def _row(q: Question) -> list:
    d = q.__dict__
    row = [d[n] for n in _ROW]
    src = row[_SOURCE]
    row[_SOURCE] = [src.seed, src.quote] if src is not None else None
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
        "rows": [_row(q) for q in pack.questions],
        "warnings": [problem_to(p) for p in warnings],
        "ids": [list(i) for i in ids],
    }
    folder = cache_folder()
    target = folder / f"{cache_key(raw)}.json"
    tmp = folder / f".{target.stem}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(entry, fh, ensure_ascii=False, separators=(",", ":"))
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
    pack_id = info.id
    new = object.__new__
    questions = []
    append = questions.append
    row_names = _ROW
    for row in entry["rows"]:
        for t in _TUPLES:
            row[t] = tuple(row[t])
        pairs = row[_PAIRS]
        if pairs:
            row[_PAIRS] = tuple(map(tuple, pairs))
        else:
            row[_PAIRS] = ()
        src = row[_SOURCE]
        if src is not None:
            s = new(Source)
            s.__dict__.update(seed=src[0], quote=src[1])
            row[_SOURCE] = s
        # Question is frozen: fill its __dict__ directly instead of 20 guarded setattrs.
        q = new(Question)
        d = q.__dict__
        d.update(zip(row_names, row))
        d["pack"] = pack_id
        append(q)
    return Pack(info=info, questions=questions, path=name)


def load(path: str | Path) -> Loaded:
    """Read a pack, from the cache when its bytes were checked before.

    Raises FileProblem (cannot read or parse) or PackInvalid (every error found).
    """
    name = str(path)
    raw = read_bytes(path)
    entry = lookup(raw)
    if entry is not None:
        try:
            pack = _pack_from_entry(entry, name)
            return Loaded(pack, [problem_from(p, name) for p in entry["warnings"]], True)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            pass  # a damaged entry: check the file again and rewrite it
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
