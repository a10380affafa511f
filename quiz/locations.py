"""Every path the game reads or writes, in one place.

``--data-dir`` or ``QUIZ_DATA_DIR`` move the user's data (scores, packs, cache)
away from the platform's default, which tests and classrooms both need.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "tdf-quiz"
_override: Path | None = None


def set_data_dir(path: str | Path | None) -> None:
    """Override the user data directory for this process (``--data-dir``)."""
    global _override
    _override = Path(path).expanduser() if path else None


def data_dir() -> Path:
    if _override is not None:
        return _override
    env = os.environ.get("QUIZ_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir_origin() -> str:
    """Who chose the data folder, as a user would say it: --data-dir, QUIZ_DATA_DIR or the default."""
    env = os.environ.get("QUIZ_DATA_DIR")
    if _override is not None:
        # The click option reads QUIZ_DATA_DIR too: the same folder means the variable chose it.
        return "QUIZ_DATA_DIR" if env and Path(env).expanduser() == _override else "--data-dir"
    return "QUIZ_DATA_DIR" if env else "the platform's default"


def folder_problem(folder: Path) -> str | None:
    """Why ``folder`` cannot hold files because of a file in the way, in words; None when nothing is."""
    if folder.exists():
        return None if folder.is_dir() else "is a file, not a folder"
    for above in folder.parents:
        if above.exists():
            return None if above.is_dir() else f"cannot be made, because {above} is a file"
    return None


def data_dir_problem() -> str | None:
    """A warning to print when the data folder is unusable, or None.

    Nothing stops the game: scores, your packs and the pack cache are just not kept.
    """
    folder = Path(os.path.abspath(data_dir()))
    problem = folder_problem(folder)
    if problem is None:
        return None
    origin = data_dir_origin()
    fix = f"point {origin} at a folder to keep them" if origin != "the platform's default" else "move that file away"
    return (
        f"the data folder {folder} (from {origin}) {problem}; scores, your own packs and the pack cache "
        f"are not kept ({fix}). The game goes on."
    )


def cache_dir() -> Path:
    # Under an overridden data dir the cache goes with it, so a test never touches the real cache.
    if _override is not None or os.environ.get("QUIZ_DATA_DIR"):
        return data_dir() / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def preferences_file() -> Path:
    """The theme and the last round's settings, remembered between launches."""
    return data_dir() / "preferences.json"


def user_packs_dir() -> Path:
    return data_dir() / "packs"


def scores_db() -> Path:
    return data_dir() / "scores.sqlite3"


def reports_dir() -> Path:
    """Where the results screen (and ``quiz report`` without ``-o``) writes game reports."""
    return data_dir() / "reports"


def project_root() -> Path | None:
    """The source checkout this package runs from, if any (None when installed as a wheel)."""
    root = Path(__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").is_file() and (root / "questions").is_dir() else None


def builtin_packs_dir() -> Path:
    """The packs shipped with the game: ``questions/`` in a checkout, bundled data in a wheel."""
    root = project_root()
    if root is not None:
        return root / "questions"
    return Path(__file__).resolve().parent / "builtin_questions"


def facts_dir() -> Path:
    return builtin_packs_dir() / "facts"


def seeds_dir() -> Path | None:
    """The seed articles, used to check that every quote is verbatim.

    ``QUIZ_SEEDS_DIR`` names them; otherwise ``../shared/seeds`` beside a checkout.
    None when they cannot be found (an installed game does not ship them).
    """
    env = os.environ.get("QUIZ_SEEDS_DIR")
    if env:
        return Path(env).expanduser()
    root = project_root()
    if root is not None and (root.parent / "shared" / "seeds").is_dir():
        return root.parent / "shared" / "seeds"
    return None
