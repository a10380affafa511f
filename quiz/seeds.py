"""Where the seed articles a pack quotes are found.

A question's ``source`` names a seed file and quotes it word for word. The
built-in bank quotes the game's own seeds (``locations.seeds_dir()``), and there
a seed that cannot be found is an error. Any other pack brings its seeds with
it: they are looked up in the folder its header names in ``seeds`` (relative to
the pack file), or else beside the pack, and then among the game's own seeds. A
seed found in none of these places only means that its quotes cannot be checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SeedPlaces:
    """The folders a pack's seeds are looked up in, in order."""

    folders: tuple[Path, ...]
    #: A seed found in none of them is an error (the built-in bank), not a warning.
    strict: bool
    #: How many of the folders, from the first, belong to the pack; the rest are the game's seeds.
    own: int = 0
    #: The pack's folder is the one its header names (not the pack's own folder).
    named: bool = False

    def find(self, name: str) -> Path | None:
        """The seed file of that name, or None; a name with a folder in it is never looked up."""
        if not _plain(name):
            return None
        for folder in self.folders:
            path = folder / name
            if path.is_file():
                return path
        return None

    def names(self) -> list[str]:
        """Every file in the folders, for "did you mean"."""
        found: set[str] = set()
        for folder in self.folders:
            try:
                found.update(e.name for e in os.scandir(folder) if e.is_file() and not e.name.startswith("."))
            except OSError:
                continue
        return sorted(found)

    def stamps(self, names: set[str]) -> list[tuple[str, int, int]]:
        """(path, size, mtime in ns) of each of the pack's own folders' files the names were looked up as.

        A file not there is stamped with -1s: one added later would change what is found.
        The game's own seeds are not stamped: the pack cache's key covers them.
        """
        out = []
        for name in sorted(filter(_plain, names)):
            for folder in self.folders[: self.own]:
                out.append(stamp(folder / name))
                if out[-1][1] >= 0:
                    break
        return out


def _plain(name: str) -> bool:
    """A bare file name: a seed is never looked up outside its folder."""
    return bool(name) and "/" not in name and "\\" not in name and not name.startswith(".")


def stamp(path: Path) -> tuple[str, int, int]:
    """(path, size, mtime in ns) of a file, -1s when it is not one."""
    try:
        st = path.stat()
    except OSError:
        return str(path), -1, -1
    if not path.is_file():
        return str(path), -1, -1
    return str(path), st.st_size, st.st_mtime_ns


def in_folder(folder: str | Path) -> SeedPlaces:
    """One given folder: every seed must be there."""
    return SeedPlaces((Path(folder),), strict=True)


def is_builtin_pack(pack_path: str | Path) -> bool:
    """The pack file is one of the built-in bank's."""
    from quiz import locations  # platformdirs, only when a pack is checked

    try:
        folder = locations.builtin_packs_dir().resolve()
        return folder in Path(pack_path).resolve().parents
    except (OSError, RuntimeError, ValueError):
        return False


def for_pack(pack_path: str | Path, named: str | None = None) -> SeedPlaces | None:
    """Where the seeds of the pack at ``pack_path`` are, ``named`` being its header's ``seeds``.

    None when nothing can be checked: the built-in bank without the game's seeds.
    """
    from quiz import locations

    game = locations.seeds_dir()
    game_folders = (game,) if game is not None and game.is_dir() else ()
    if is_builtin_pack(pack_path):
        return SeedPlaces(game_folders, strict=True) if game_folders else None
    here = Path(pack_path).parent
    own = here / named if named else here
    folders = (own,) + tuple(f for f in game_folders if _other(f, own))
    return SeedPlaces(folders, strict=False, own=1, named=bool(named))


def folder_from(pack_path: str | Path, folder: str | Path, names: set[str]) -> str | None:
    """What a pack written to ``pack_path`` puts in its header's ``seeds`` to find its seeds in ``folder``.

    None when that is not needed: no seed of those ``names`` is in the folder, or
    the pack is written into it. Otherwise the folder relative to the pack, so the
    pack and its seeds can move together.
    """
    here = Path(folder)
    if not any((here / name).is_file() for name in filter(_plain, names)):
        return None
    target = Path(pack_path).parent
    if not _other(here, target):
        return None
    here, target = here.resolve(), target.resolve()
    try:
        if os.path.commonpath([here, target]) != here.anchor:
            return Path(os.path.relpath(here, target)).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        pass
    return here.as_posix()  # nothing in common but the root: the full path says it better


def _other(a: Path, b: Path) -> bool:
    try:
        return a.resolve() != b.resolve()
    except (OSError, RuntimeError):
        return True
