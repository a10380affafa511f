"""Checking whole files for ``quiz validate``: a pack through the pack cache, or a facts file.

The validator (``quiz.validate``) checks parsed data; this module reads a file,
asks the cache whether its bytes were checked before, and otherwise parses and
checks it (storing a good pack for next time). It never raises for a bad file:
everything wrong is a Problem in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quiz import packcache
from quiz.errors import FileProblem, Problem
from quiz.progress import part


@dataclass
class FileReport:
    """What checking one file found."""

    path: str
    kind: str  # "pack" | "facts" | "unknown"
    problems: list[Problem] = field(default_factory=list)
    #: (question id, line, column) of each question, for cross-pack duplicate checks.
    ids: list[tuple[str, int, int]] = field(default_factory=list)
    #: (pack id, line, column) of the header's id, for cross-pack checks.
    pack_id: tuple[str, int, int] | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]


def _shown(value: Any) -> str:
    from quiz.validate import shown

    return shown(value)


def check_facts(data: Any, name: str) -> list[Problem]:
    from quiz.facts import check_facts_data
    from quiz.locations import seeds_dir

    return list(check_facts_data(data, name, seeds_dir()))


def check_file(path: str | Path, progress: Any = None) -> FileReport:
    """Check one pack or facts file; never raises for a bad file.

    ``progress`` hears the fraction done while a file is read for the first time.
    """
    name = str(path)
    what = "facts file" if name.endswith((".facts.yaml", ".facts.yml")) else "pack"
    try:
        raw = packcache.read_bytes(path, what)
        if what == "pack":
            hit = packcache.lookup(raw, path)
            if hit is not None:
                return FileReport(
                    name,
                    "pack",
                    [packcache.problem_from(p, name) for p in hit["warnings"]],
                    [tuple(i) for i in hit["ids"]],
                    _cached_pack_id(hit["info"]["id"], raw),
                )
        # A miss: only now the YAML reader and the validator (a hit, the common case, needs neither).
        from quiz.validate import check_pack_data, is_facts_data, question_ids
        from quiz.yamlfile import decode_utf8, parse_yaml

        text = decode_utf8(raw, name, what)
        data = parse_yaml(text, name, what, part(progress, 0.0, 0.75))
    except FileProblem as exc:
        return FileReport(name, "unknown", [exc.problem])
    if progress is not None:
        progress(0.75)
    if is_facts_data(name, data):
        return FileReport(name, "facts", check_facts(data, name))
    problems = check_pack_data(data, name, text)
    ids = question_ids(data)
    if not any(p.severity == "error" for p in problems):
        if progress is not None:
            progress(0.9)
        packcache.store_data(raw, data, problems, ids, name)
    return FileReport(name, "pack", problems, ids, header_pack_id(data))


def header_pack_id(data: Any) -> tuple[str, int, int] | None:
    header = data.get("pack") if isinstance(data, dict) else None
    if not isinstance(header, dict) or not isinstance(header.get("id"), str):
        return None
    line, column = header.pos_of("id") if hasattr(header, "pos_of") else (0, 0)
    return header["id"], line, column


def _cached_pack_id(pack_id: str, raw: bytes) -> tuple[str, int, int]:
    """A cached pack's id with its line, found again in the text (the cache keeps no positions)."""
    m = re.search(rb"^( +id: *)['\"]?" + re.escape(pack_id.encode()) + rb"\b", raw, re.M)
    if m is None:
        return pack_id, 0, 0
    return pack_id, raw.count(b"\n", 0, m.start()) + 1, len(m.group(1)) + 1


def duplicate_pack_ids(reports: list[FileReport]) -> list[Problem]:
    """Packs checked together that share an id: only one of them can be chosen in the game."""
    first: dict[str, tuple[str, int]] = {}
    out = []
    for report in reports:
        if report.kind != "pack" or report.pack_id is None:
            continue
        pack_id, line, column = report.pack_id
        if pack_id in first:
            other, other_line = first[pack_id]
            where = f"{other}:{other_line}" if other_line else other
            out.append(
                Problem(
                    report.path,
                    line,
                    column,
                    f"pack id {_shown(pack_id)} is also used in {where}; only one of the two can be played, "
                    "so give this pack its own id",
                    "warning",
                )
            )
        else:
            first[pack_id] = (report.path, line)
    return out


def duplicate_ids(reports: list[FileReport]) -> list[Problem]:
    """A question id used by more than one of the packs checked together."""
    first: dict[str, tuple[str, int]] = {}
    out = []
    for report in reports:
        if report.kind != "pack":
            continue
        seen_here: set[str] = set()
        for qid, line, col in report.ids:
            if qid in seen_here:
                continue  # within one pack: already reported by check_pack_data
            seen_here.add(qid)
            if qid in first:
                other, other_line = first[qid]
                out.append(
                    Problem(report.path, line, col, f"question id {_shown(qid)} is also used in {other}:{other_line}")
                )
            else:
                first[qid] = (report.path, line)
    return out
