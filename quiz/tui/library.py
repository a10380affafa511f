"""Where the app's questions and scores come from.

This module never imports Textual, so ``quiz play`` can check its settings
(and fail with a plain message) before the UI is loaded. It uses the pack
catalog and the score store when they are installed and falls back to reading
pack files directly (and keeping no scores) when they are not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quiz.errors import QuizError
from quiz.model import QUESTION_TYPES, Pack, Question


@dataclass
class PackEntry:
    """A pack found on disk, usable or not (stand-in for the catalog's entry)."""

    id: str
    title: str
    origin: str
    path: str
    pack: Pack | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.pack is not None and self.error is None

    @property
    def question_counts(self) -> dict[str, int]:
        return self.pack.categories() if self.pack else {}

    @property
    def total(self) -> int:
        return len(self.pack.questions) if self.pack else 0


def _load_entry(path: Path, origin: str) -> PackEntry:
    from quiz.packfile import load_pack

    try:
        pack = load_pack(path)
    except QuizError as exc:
        return PackEntry(id=path.stem, title=path.name, origin=origin, path=str(path), error=str(exc))
    return PackEntry(id=pack.id, title=pack.title, origin=origin, path=str(path), pack=pack)


def discover_packs(
    paths: Sequence[str | Path] = (),
    include_builtin: bool = True,
    include_user: bool = True,
    progress: Callable[[Path, float], None] | None = None,
) -> list[Any]:
    """Every pack the game can offer: the given files, then built-in and user packs.

    ``progress(path, fraction)`` hears how far a file's first (uncached) reading has got.
    """
    try:
        from quiz import catalog
    except ImportError:
        catalog = None
    if catalog is not None:
        return list(
            catalog.discover(
                extra_paths=tuple(paths),
                include_builtin=include_builtin,
                include_user=include_user,
                include_plugins=include_builtin,
                progress=progress,
            )
        )
    from quiz import locations

    files: list[tuple[Path, str]] = [(Path(p), "file") for p in paths]
    if include_builtin and locations.builtin_packs_dir().is_dir():
        files += [(p, "built-in") for p in sorted(locations.builtin_packs_dir().glob("*.yaml"))]
    if include_user and locations.user_packs_dir().is_dir():
        files += [(p, "user") for p in sorted(locations.user_packs_dir().glob("*.yaml"))]
    return [_load_entry(path, origin) for path, origin in files]


def entry_ok(entry: Any) -> bool:
    """Usable: loaded without error and not shadowed by another pack with the same id."""
    return (
        bool(getattr(entry, "valid", False))
        and getattr(entry, "pack", None) is not None
        and getattr(entry, "shadowed_by", None) is None
    )


def entry_problem(entry: Any) -> str:
    """Why an entry cannot be picked, in one line (the file is named beside it)."""
    problems = getattr(entry, "problems", None) or []
    if problems and getattr(problems[0], "message", None):
        first = problems[0]
        return f"line {first.line}: {first.message}" if first.line else first.message
    if getattr(entry, "error", None):
        return str(entry.error)
    if getattr(entry, "shadowed_by", None):
        return f"another pack with the same id is used instead ({entry.shadowed_by})"
    return "cannot be used"


def entry_categories(entries: Iterable[Any]) -> dict[str, int]:
    """Category -> number of questions, over the usable entries, in name order."""
    counts: dict[str, int] = {}
    for entry in entries:
        if entry_ok(entry):
            for name, n in entry.pack.categories().items():
                counts[name] = counts.get(name, 0) + n
    return dict(sorted(counts.items(), key=lambda item: item[0].casefold()))


def entry_types(entries: Iterable[Any]) -> dict[str, int]:
    """Question type -> number of questions, over the usable entries, in the model's order of types."""
    counts = dict.fromkeys(QUESTION_TYPES, 0)
    for entry in entries:
        if entry_ok(entry):
            for q in entry.pack.questions:
                counts[q.type] = counts.get(q.type, 0) + 1
    return {name: n for name, n in counts.items() if n}


def questions_of(entries: Iterable[Any]) -> list[Question]:
    usable = [e for e in entries if entry_ok(e)]
    try:
        from quiz import catalog
    except ImportError:
        catalog = None
    if catalog is not None and hasattr(catalog, "load_questions"):
        return list(catalog.load_questions(usable))
    return [q for e in usable for q in e.pack.questions]


class NullStore:
    """Keeps no scores; used when the score store cannot be had at all."""

    def __init__(self, problem: str | None = None) -> None:
        self.problem = problem

    def save_game(self, game: Any, packs: Sequence[str] = ()) -> int | None:
        return None

    def top_scores(self, limit: int = 10) -> list:
        return []

    def recent_games(self, limit: int = 20) -> list:
        return []

    def recently_seen(self, player: str, games: int = 5) -> frozenset[str]:
        return frozenset()

    def close(self) -> None:
        pass


def open_store(path: Path | None = None) -> Any:
    """The score store; never raises (its own .problem says what went wrong)."""
    try:
        from quiz.storage import ScoreStore
    except ImportError:
        return NullStore("Scores are not kept in this build of the game.")
    return ScoreStore(path)


def recently_seen(store: Any, players: Iterable[str]) -> frozenset[str]:
    seen: set[str] = set()
    for name in players:
        try:
            seen |= store.recently_seen(name)
        except Exception:  # a broken store must never stop play
            continue
    return frozenset(seen)
