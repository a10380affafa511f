"""A cache of checked packs, so a pack is parsed and validated once per change.

An entry lives in ``cache_dir()/packs/<key>.cache``; the key is the SHA-256 of
the pack file's bytes together with what else decides the outcome: the cache
format, the code that reads and checks packs, the game's seed articles quotes
are checked against, and the pack's folder (a pack's own seeds are found from
there; see quiz.seeds). Any of them changing simply misses, and so does an entry
whose own seed files have changed since (each entry keeps their sizes and times). Only packs without errors
are cached. A corrupt or unreadable entry is ignored and written afresh; writes
go to a temporary file first, then replace, so a crash never leaves half an entry.

Entries are plain data (dicts, lists, tuples, strings, numbers) written with
``marshal``, one column per question field. That is what Python itself uses
for the ``__pycache__`` files in the same kind of per-user folder, it reads
several times faster than JSON, and columns let the questions be rebuilt in a
few C-level passes: a cached 100,000-question pack loads in about half a
second. Nothing in an entry is ever executed; an entry of the wrong shape is a
miss.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import mmap
import os
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, fields
from itertools import repeat
from pathlib import Path

from quiz import locations
from quiz.errors import PackInvalid, Problem
from quiz.model import Pack, PackInfo, Question, Source
from quiz.progress import Progress, part
from quiz.seeds import stamp
from quiz.textfile import read_bytes, sha256_of

FORMAT = 3
SUFFIX = ".cache"
_HERE = Path(__file__).parent
#: Files whose code decides what a cached entry holds; editing one retires old entries.
_CODE = (
    "validate.py",
    "packfile.py",
    "model.py",
    "schema/pack.schema.json",
    *sorted(f"qtypes/{p.name}" for p in (Path(__file__).parent / "qtypes").glob("*.py")),
)
#: The stored columns: every Question field but the pack (the entry's own) and the source (two columns).
_COLUMNS = tuple(f.name for f in fields(Question) if f.name not in ("pack", "source"))

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


def _salt_for(path: str | Path | None) -> bytes:
    """The salt for the pack at ``path``: the code's, and the folder its own seeds are found from."""
    if path is None:
        return _code_salt()
    try:
        folder = Path(path).resolve().parent
    except (OSError, RuntimeError):
        folder = Path(path).absolute().parent
    return _code_salt() + b"\0" + os.fsencode(folder)


def cache_key(raw: bytes, path: str | Path | None = None) -> str:
    h = hashlib.sha256(_salt_for(path))
    h.update(raw)
    return h.hexdigest()


def cache_folder() -> Path:
    return locations.cache_dir() / "packs"


def lookup(raw: bytes, path: str | Path | None = None) -> dict | None:
    """The cached entry for these bytes of the file at ``path``, or None (missing, unreadable, corrupt or stale)."""
    return _lookup_key(cache_key(raw, path))


def _lookup_key(key: str) -> dict | None:
    path = cache_folder() / f"{key}{SUFFIX}"
    # Decoding only allocates, never makes cycles: the collector would just rescan it.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as fh:
            # Decoding straight from the mapped file skips a copy of the whole entry as bytes:
            # about a third off a 24 MB entry. What marshal builds never points into the map.
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                entry = marshal.loads(mapped)
        try:
            os.utime(path)  # used now: prune() removes the least recently used first
        except OSError:
            pass
    except (OSError, EOFError, ValueError, TypeError):  # missing, empty (mmap refuses) or damaged
        return None
    finally:
        if enabled:
            gc.enable()
    if type(entry) is not dict or entry.get("format") != FORMAT or entry.get("columns_named") != _COLUMNS:
        return None
    if not all(k in entry for k in ("info", "columns", "seeds", "quotes", "warnings", "ids", "seed_stamps")):
        return None
    if not _stamps_hold(entry["seed_stamps"]):
        return None  # a seed file of the pack's own was changed, added or removed
    return entry


def _stamps_hold(stamps: object) -> bool:
    try:
        return all(tuple(s) == stamp(Path(s[0])) for s in stamps)  # type: ignore[attr-defined]
    except (TypeError, IndexError, ValueError):
        return False


def problem_to(p: Problem) -> list:
    return [p.line, p.column, p.message, p.severity]


def problem_from(item: list, name: str) -> Problem:
    line, column, message, severity = item
    return Problem(name, line, column, message, severity)


def store_data(raw: bytes, data: dict, problems: list[Problem], ids: list, name: str) -> None:
    """Cache a pack that was just checked and found without errors."""
    from quiz.packfile import pack_from_data
    from quiz.validate import seed_stamps

    try:
        pack = pack_from_data(data, name)
    except Exception:  # a rule the validator missed; better uncached than wrong
        return
    store(raw, pack, [p for p in problems if p.severity != "error"], ids, name, seed_stamps(data, name))


def _shared(values: list, same: dict) -> list:
    """The values with equal strings (also inside tuples) made one object.

    marshal writes an object met twice as a reference, so categories, types,
    seed quotes and recurring choices are stored once, load once and share
    memory in every question that uses them.
    """

    def one(value: object) -> object:
        if type(value) is str:
            return same.setdefault(value, value)
        if type(value) is tuple:
            return tuple(map(one, value))
        return value

    return list(map(one, values))


def store(
    raw: bytes, pack: Pack, warnings: list[Problem], ids: list, path: str | Path | None = None, stamps: Sequence = ()
) -> None:
    """Cache a checked pack, read from ``raw`` at ``path``; ``stamps`` are its own seed files' (quiz.seeds)."""
    info = pack.info
    same: dict[str, str] = {}
    entry = {
        "format": FORMAT,
        "info": {
            "id": info.id,
            "title": info.title,
            "description": info.description,
            "version": info.version,
            "language": info.language,
            "authors": list(info.authors),
            "license": info.license,
            "sources": [dict(s) for s in info.sources],
        },
        "columns_named": _COLUMNS,
        "columns": [_shared([getattr(q, name) for q in pack.questions], same) for name in _COLUMNS],
        "seeds": _shared([None if q.source is None else q.source.seed for q in pack.questions], same),
        "quotes": _shared([None if q.source is None else q.source.quote for q in pack.questions], same),
        "warnings": [problem_to(p) for p in warnings],
        "ids": [list(i) for i in ids],
        "seed_stamps": [list(s) for s in stamps],
    }
    folder = cache_folder()
    target = folder / f"{cache_key(raw, path)}{SUFFIX}"
    tmp = folder / f".{target.stem}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(marshal.dumps(entry))
        os.replace(tmp, target)
        prune(keep=target)
    except (OSError, TypeError, ValueError):
        # A read-only or full disk only costs speed; the pack itself was fine.
        try:
            tmp.unlink()
        except OSError:
            pass


def _pack_from_entry(entry: dict, name: str) -> Pack:
    i = entry["info"]
    info = PackInfo(
        id=i["id"],
        title=i["title"],
        description=i["description"],
        version=i["version"],
        language=i["language"],
        authors=tuple(i["authors"]),
        license=i["license"],
        sources=tuple(i["sources"]),
    )
    questions = _questions(entry, info.id)
    return Pack(info=info, questions=questions, path=name)


def _slot_setter(cls: type, name: str):
    """The C-level setter of one slot: skips the name lookup and the frozen guard of setattr."""
    return cls.__dict__[name].__set__


def _questions(entry: dict, pack_id: str) -> list[Question]:
    # Every step below runs over all questions at once in C (map over a column, each
    # slot's own setter); a Python loop or the dataclass constructor would cost
    # several times more, and object.__setattr__ about 1.6 times more.
    new = object.__new__
    columns, seeds, quotes = entry["columns"], entry["seeds"], entry["quotes"]
    n = len(seeds)
    if len(quotes) != n or len(columns) != len(_COLUMNS) or any(len(column) != n for column in columns):
        raise ValueError("damaged entry")
    sources: list[Source | None] = list(map(new, repeat(Source, n)))
    deque(map(_slot_setter(Source, "seed"), sources, seeds), maxlen=0)
    deque(map(_slot_setter(Source, "quote"), sources, quotes), maxlen=0)
    for i, seed in enumerate(seeds):
        if seed is None:
            sources[i] = None
    questions = list(map(new, repeat(Question, n)))
    for name, column in zip(_COLUMNS, columns):
        deque(map(_slot_setter(Question, name), questions, column), maxlen=0)
    deque(map(_slot_setter(Question, "pack"), questions, repeat(pack_id, n)), maxlen=0)
    deque(map(_slot_setter(Question, "source"), questions, sources), maxlen=0)
    return questions


def load_pack(path: str | Path) -> Pack:
    """The pack in ``path``, checked (from the cache when its bytes were checked before).

    Raises FileProblem (cannot read or parse) or PackInvalid (every error found).
    """
    return load(path).pack


def load(path: str | Path, progress: Progress | None = None) -> Loaded:
    """Read a pack, from the cache when its bytes were checked before.

    Raises FileProblem (cannot read or parse) or PackInvalid (every error found).
    ``progress`` hears how far a first reading has got (a cache hit is quick).
    """
    name = str(path)
    # A hit needs only the file's hash, read in pieces; the bytes are kept only to parse a miss.
    entry = _lookup_key(sha256_of(path, _salt_for(path), "pack"))
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

    # Only a miss needs the YAML reader, the validator and the builder: a cache hit
    # (every start of the game, every `quiz validate` of an unchanged pack) never
    # imports them, which saves about 40 ms of each such process.
    from quiz.packfile import pack_from_data
    from quiz.validate import check_pack_data, question_ids, seed_stamps
    from quiz.yamlfile import decode_utf8, parse_yaml

    raw = read_bytes(path, "pack")
    text = decode_utf8(raw, name, "pack")
    data = parse_yaml(text, name, "pack", part(progress, 0.0, 0.75))  # parsing is most of the work
    if progress is not None:
        progress(0.75)
    problems = check_pack_data(data, name, text)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise PackInvalid(errors)
    if progress is not None:
        progress(0.9)
    pack = pack_from_data(data, name)
    warnings = [p for p in problems if p.severity != "error"]
    store(raw, pack, warnings, question_ids(data), path, seed_stamps(data, name))
    if progress is not None:
        progress(1.0)
    return Loaded(pack, warnings, False)


#: The cache keeps at most this many entries and bytes; past either, the least recently used go.
MAX_ENTRIES = 200
MAX_BYTES = 1 << 30


def prune(keep: Path | None = None) -> int:
    """Remove the least recently used entries beyond MAX_ENTRIES or MAX_BYTES; returns how many.

    Every edit of a pack, and every new version of the game, makes a new entry;
    without this the folder would only grow. A hit marks its entry as used.
    """
    folder = cache_folder()
    entries = []
    try:
        for p in folder.iterdir():
            if p.suffix == SUFFIX and p != keep:
                try:
                    st = p.stat()
                except OSError:
                    continue
                entries.append((st.st_mtime, st.st_size, p))
        total = sum(size for _, size, _ in entries) + (keep.stat().st_size if keep is not None else 0)
    except OSError:
        return 0
    count = len(entries) + (keep is not None)
    removed = 0
    for _, size, p in sorted(entries, key=lambda e: e[0]):  # oldest use first
        if count <= MAX_ENTRIES and total <= MAX_BYTES:
            break
        try:
            p.unlink()
        except OSError:
            continue
        count -= 1
        total -= size
        removed += 1
    return removed


def clear() -> int:
    """Remove every cached entry; returns how many were removed."""
    removed = 0
    folder = cache_folder()
    if folder.is_dir():
        for p in folder.iterdir():
            if p.suffix in (SUFFIX, ".json", ".tmp"):  # .json: entries of the first format
                try:
                    p.unlink()
                    removed += 1
                except OSError:
                    pass
    return removed
