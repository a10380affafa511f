"""Finding every question pack: built in, the user's folder, paths given, plugins.

Plugins are installed Python distributions that declare an entry point in the
``quiz.packs`` group. The entry point names a module or package (its *.yaml
files are the packs) or a callable that returns pack paths.

A broken pack is listed with its first error and never stops the others. When
two valid packs share an id, the one nearer the user wins: an explicit path
beats the user's folder, which beats plugins, which beat the built-in packs.
Both entries then carry a warning naming the file that won.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from quiz import locations
from quiz.errors import FileProblem, PackInvalid, Problem
from quiz.model import QUESTION_TYPES, Pack, Question
from quiz.progress import Progress

BUILTIN, USER, PATH = "built-in", "user", "path"
PLUGIN_GROUP = "quiz.packs"
#: Listing order of origins; plugin origins are "plugin:<distribution>".
_ORDER = {BUILTIN: 0, USER: 1, PATH: 2}
#: Who wins a same-id clash: higher wins.
_PRECEDENCE = {BUILTIN: 0, USER: 2, PATH: 3}
_PLUGIN_RANK = 1


@dataclass
class PackEntry:
    id: str
    title: str
    origin: str  # "built-in" | "user" | "path" | "plugin:<distribution name>"
    path: str
    pack: Pack | None
    error: str | None  # the first error, as file:line:column: message
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: The file of the same-id pack used instead of this one, if any.
    shadowed_by: str | None = None

    @property
    def valid(self) -> bool:
        return self.pack is not None and self.error is None

    @property
    def question_counts(self) -> dict[str, int]:
        return self.pack.categories() if self.valid and self.pack is not None else {}

    @property
    def total(self) -> int:
        return len(self.pack.questions) if self.valid and self.pack is not None else 0

    @property
    def usable(self) -> bool:
        """Loaded without error and not shadowed by another pack with the same id."""
        return self.valid and self.shadowed_by is None

    def problem_line(self) -> str:
        """Why this entry cannot be picked, in one line (the file is named beside it)."""
        if self.problems and self.problems[0].severity == "error":
            first = self.problems[0]
            return f"line {first.line}: {first.message}" if first.line else first.message
        if self.error:
            return self.error
        if self.shadowed_by:
            return f"another pack with the same id is used instead ({self.shadowed_by})"
        return "cannot be used"


def _rank(origin: str) -> int:
    return _PRECEDENCE.get(origin, _PLUGIN_RANK)


def _is_facts_name(path: Path) -> bool:
    return path.name.endswith((".facts.yaml", ".facts.yml"))


def _yaml_files(folder: Path, recursive: bool = False) -> list[Path]:
    if not folder.is_dir():
        return []
    found = folder.rglob("*") if recursive else folder.iterdir()
    # Not only regular files: a pipe, device or broken link named *.yaml is listed as broken,
    # with the reader's sentence saying why, instead of vanishing without a word.
    return sorted(p for p in found if p.suffix in (".yaml", ".yml") and not p.is_dir() and not _is_facts_name(p))


def _stem(path: Path) -> str:
    return path.name.rsplit(".", 1)[0]


def load_entry(path: str | Path, origin: str, progress: Progress | None = None) -> PackEntry | None:
    """One pack as a catalog entry; None when the file is a facts file, not a pack.

    ``progress`` hears how far a first (uncached) reading of the file has got.
    """
    from quiz import packcache

    p = Path(path)
    name = str(path)
    try:
        loaded = packcache.load(p, progress)
    except FileProblem as exc:
        return PackEntry(_stem(p), _stem(p), origin, name, None, str(exc.problem), problems=[exc.problem])
    except PackInvalid as exc:
        data = _parsed(p)  # parsed once more, for what a broken pack's listing needs
        if _looks_like_facts(p, data):
            return None
        header = _header_guess(data)
        return PackEntry(
            header[0] or _stem(p),
            header[1] or _stem(p),
            origin,
            name,
            None,
            str(exc.problems[0]),
            problems=list(exc.problems),
        )
    pack = loaded.pack
    return PackEntry(
        pack.id,
        pack.title,
        origin,
        name,
        pack,
        None,
        warnings=[str(w) for w in loaded.warnings],
        problems=list(loaded.warnings),
    )


def _parsed(path: Path) -> object:
    from quiz.yamlfile import load_yaml

    try:
        return load_yaml(path, "pack")
    except FileProblem:
        return None


def _looks_like_facts(path: Path, data: object) -> bool:
    from quiz.validate import is_facts_data

    return is_facts_data(path.name, data)


def _header_guess(data: object) -> tuple[str | None, str | None]:
    """The id and title a broken pack claims, to list it by its name."""
    header = data.get("pack") if isinstance(data, dict) else None
    if not isinstance(header, dict):
        return None, None
    pid, title = header.get("id"), header.get("title")
    return (pid if isinstance(pid, str) and pid else None, title if isinstance(title, str) and title else None)


def _plugin_paths() -> list[tuple[str, Path | None, str | None]]:
    """(origin, pack path, error) for every pack that installed plugins provide."""
    from importlib import metadata

    out: list[tuple[str, Path | None, str | None]] = []
    try:
        points = metadata.entry_points(group=PLUGIN_GROUP)
    except Exception as exc:  # a broken installation must not stop the game
        return [("plugin:?", None, f"cannot list plugins: {exc}")]
    for ep in points:
        dist = getattr(ep, "dist", None)
        origin = f"plugin:{dist.name if dist is not None else ep.name}"
        try:
            out.extend((origin, p, None) for p in _entry_point_packs(ep))
        except Exception as exc:  # a plugin's own bug: list it as broken, go on
            out.append((origin, None, f"plugin entry point {ep.name} = {ep.value} failed: {exc}"))
    return out


def _entry_point_packs(ep: object) -> list[Path]:
    import importlib
    from importlib import resources

    value = ep.value  # type: ignore[attr-defined]
    if ":" in value:
        target = ep.load()  # type: ignore[attr-defined]
        if not callable(target):
            raise TypeError(f"{value} is not callable")
        return [Path(p) for p in target()]
    module = importlib.import_module(value)
    if not hasattr(module, "__path__"):
        # A plain module: its packs sit beside it.
        return _yaml_files(Path(module.__file__).parent)  # type: ignore[arg-type]
    folder = resources.files(value)
    packs = []
    for item in folder.iterdir():
        if (
            item.name.endswith((".yaml", ".yml"))
            and item.is_file()
            and not item.name.endswith((".facts.yaml", ".facts.yml"))
        ):
            packs.append(Path(str(item)))
    return sorted(packs)


def sources(
    extra_paths: Iterable[str | Path] = (),
    include_builtin: bool = True,
    include_user: bool = True,
    include_plugins: bool = True,
) -> list[tuple[str, Path | None, str | None]]:
    """Every (origin, path, error) the catalog would load, before loading anything."""
    found: list[tuple[str, Path | None, str | None]] = []
    if include_builtin:
        found += [(BUILTIN, p, None) for p in _yaml_files(locations.builtin_packs_dir())]
    if include_user:
        found += [(USER, p, None) for p in _yaml_files(locations.user_packs_dir())]
    for raw in extra_paths:
        p = Path(raw)
        if p.is_dir():
            found += [(PATH, f, None) for f in _yaml_files(p, recursive=True)]
        else:
            found.append((PATH, p, None))  # a missing file is listed as broken
    if include_plugins:
        found += _plugin_paths()
    return found


def discover(
    extra_paths: Iterable[str | Path] = (),
    include_builtin: bool = True,
    include_user: bool = True,
    include_plugins: bool = True,
    progress: Callable[[Path, float], None] | None = None,
) -> list[PackEntry]:
    """Every pack found, sorted by origin then id; never raises for a bad pack.

    ``progress(path, fraction)`` hears how far each file's first reading has got,
    so a big new pack can show progress instead of a frozen screen.
    """
    entries: list[PackEntry] = []
    seen: set[Path] = set()
    for origin, path, error in sources(extra_paths, include_builtin, include_user, include_plugins):
        if path is None:
            entries.append(PackEntry(origin, origin, origin, "", None, error or "unknown error"))
            continue
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a link loop: resolve() gives up; the reader will say why
            key = path.absolute()
        if key in seen:
            continue  # the same file named twice (say, --pack on the user folder)
        seen.add(key)
        entry = load_entry(path, origin, None if progress is None else partial(progress, path))
        if entry is not None:
            entries.append(entry)
    _settle_clashes(entries)
    entries.sort(key=lambda e: (_ORDER.get(e.origin, 3), e.origin, e.id, e.path))
    return entries


def _settle_clashes(entries: list[PackEntry]) -> None:
    by_id: dict[str, list[PackEntry]] = {}
    for e in entries:
        if e.valid:
            by_id.setdefault(e.id, []).append(e)
    for pack_id, group in by_id.items():
        if len(group) < 2:
            continue
        winner = max(group, key=lambda e: _rank(e.origin))  # first found wins a tie
        for e in group:
            if e is winner:
                others = ", ".join(o.path for o in group if o is not winner)
                e.warnings.append(f"pack id '{pack_id}' is also used by {others}; this file ({winner.path}) is used")
            else:
                e.shadowed_by = winner.path
                e.warnings.append(
                    f"pack id '{pack_id}' is also used by {winner.path}, which is used instead of this file"
                )


def winners(entries: Iterable[PackEntry]) -> list[PackEntry]:
    """The valid entries, one per pack id (the same precedence as ``discover``)."""
    best: dict[str, PackEntry] = {}
    for e in entries:
        if not e.valid or e.shadowed_by is not None:
            continue
        current = best.get(e.id)
        if current is None or _rank(e.origin) > _rank(current.origin):
            best[e.id] = e
    return list(best.values())


def categories_of(entries: Iterable[PackEntry]) -> dict[str, int]:
    """Category -> number of questions, over the usable entries, in name order."""
    counts: dict[str, int] = {}
    for entry in entries:
        if entry.usable and entry.pack is not None:
            for name, n in entry.pack.categories().items():
                counts[name] = counts.get(name, 0) + n
    return dict(sorted(counts.items(), key=lambda item: item[0].casefold()))


def types_of(entries: Iterable[PackEntry]) -> dict[str, int]:
    """Question type -> number of questions, over the usable entries, in the order the game lists types."""
    counts = dict.fromkeys(QUESTION_TYPES, 0)
    for entry in entries:
        if entry.usable and entry.pack is not None:
            for q in entry.pack.questions:
                counts[q.type] = counts.get(q.type, 0) + 1
    return {name: n for name, n in counts.items() if n}


def load_questions(entries: Iterable[PackEntry]) -> list[Question]:
    """The questions of the valid entries (one pack per id, as ``discover`` decided)."""
    questions: list[Question] = []
    for e in winners(entries):
        questions.extend(e.pack.questions)  # type: ignore[union-attr]
    return questions
