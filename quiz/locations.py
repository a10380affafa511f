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


def cache_dir() -> Path:
    # Under an overridden data dir the cache goes with it, so a test never touches the real cache.
    if _override is not None or os.environ.get("QUIZ_DATA_DIR"):
        return data_dir() / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


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
