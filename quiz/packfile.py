"""Reading and writing pack files (YAML).

A pack is a mapping with a ``pack`` header and a ``questions`` list; the format
is documented in the README and in ``quiz/schema/pack.schema.json``. Checking
what a pack says is the validator's job (``quiz.validate``); this module turns
checked data into :class:`~quiz.model.Pack` objects and back.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from quiz.model import Pack, PackInfo, Question, Source
from quiz.qtypes import TYPES
from quiz.qtypes.base import texts

SCHEMA_FILE = Path(__file__).parent / "schema" / "pack.schema.json"

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def pack_from_data(data: dict, name: str = "") -> Pack:
    """Convert checked pack data to a Pack (assumes ``check_pack_data`` found no error)."""
    header = data["pack"]
    info = PackInfo(
        id=str(header["id"]),
        title=str(header.get("title", header["id"])),
        description=str(header.get("description", "")),
        version=str(header.get("version", "1.0.0")),
        language=str(header.get("language", "en")),
        authors=tuple(str(a) for a in header.get("authors", []) or []),
        license=str(header.get("license", "")),
        sources=tuple(dict(s) if isinstance(s, dict) else {"title": str(s)} for s in header.get("sources", []) or []),
    )
    questions = [question_from_data(q, info.id) for q in data.get("questions", []) or []]
    return Pack(info=info, questions=questions, path=name)


def question_from_data(q: dict, pack_id: str) -> Question:
    """A checked question mapping as a Question; its type reads its own answer fields."""
    source = q.get("source")
    return Question(
        id=str(q["id"]),
        category=str(q["category"]),
        type=q["type"],
        prompt=str(q["prompt"]),
        difficulty=str(q.get("difficulty", "medium")),
        explanation=str(q.get("explanation", "") or ""),
        facts=texts(q.get("facts")),
        source=Source(str(source["seed"]), str(source["quote"])) if isinstance(source, dict) else None,
        pack=pack_id,
        line=getattr(q, "line", 0),
        **TYPES[q["type"]].read(q),
    )


def question_to_data(q: Question) -> dict:
    """The YAML shape of one question, keys in the documented order."""
    out: dict[str, Any] = {
        "id": q.id,
        "category": q.category,
        "type": q.type,
        "difficulty": q.difficulty,
        "prompt": q.prompt,
    }
    out.update(TYPES[q.type].write(q))
    if q.explanation:
        out["explanation"] = q.explanation
    if q.facts:
        out["facts"] = list(q.facts)
    if q.source is not None:
        out["source"] = {"seed": q.source.seed, "quote": q.source.quote}
    return out


def pack_to_data(pack: Pack, seeds: str | None = None) -> dict:
    """The pack as YAML-ready data; ``seeds`` is the header's seeds folder, if it names one."""
    info = pack.info
    header: dict[str, Any] = {"id": info.id, "title": info.title}
    if info.description:
        header["description"] = info.description
    header["version"] = info.version
    header["language"] = info.language
    if info.authors:
        header["authors"] = list(info.authors)
    if info.license:
        header["license"] = info.license
    if info.sources:
        header["sources"] = [dict(s) for s in info.sources]
    if seeds:
        header["seeds"] = seeds
    return {"pack": header, "questions": [question_to_data(q) for q in pack.questions]}


def schema_line(target: str | Path | None) -> str:
    """The comment that lets YAML-aware editors validate and complete a pack.

    Inside the source tree (the built-in packs) the schema is named relative to
    the pack, so the committed files name no machine's folders; anywhere else
    (a user's own pack) it is the installed schema's file URI, which survives
    the pack being moved.
    """
    schema = SCHEMA_FILE.resolve()
    root = schema.parent.parent.parent  # the folder holding the quiz package
    if target is not None:
        folder = Path(target).resolve().parent
        if folder == root or root in folder.parents:
            return f"# yaml-language-server: $schema={Path(os.path.relpath(schema, folder)).as_posix()}"
    return f"# yaml-language-server: $schema={schema.as_uri()}"


def dump_pack(pack: Pack, target: str | Path | None = None, with_schema: bool = True, seeds: str | None = None) -> str:
    """Deterministic YAML text for a pack: same pack and target, byte-identical output."""
    body = yaml.dump(
        pack_to_data(pack, seeds),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return (schema_line(target) + "\n" if with_schema else "") + body


def write_pack(pack: Pack, path: str | Path) -> None:
    """Write a pack atomically (a crash never leaves half a file)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(dump_pack(pack, target), encoding="utf-8")
    tmp.replace(target)
