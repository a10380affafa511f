"""What the game remembers between launches: the theme, and the last round's settings.

Kept as a small JSON file in the data folder. Reading it never stops the game
(a missing, unreadable or damaged file is simply no preferences), and writing
it replaces the file whole, so a crash leaves the old one or the new one.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quiz import locations

if TYPE_CHECKING:
    from quiz.session.settings import RoundSettings

#: Larger than any real preferences file: anything bigger is not ours.
MAX_BYTES = 64 * 1024


@dataclass
class Preferences:
    theme: str | None = None
    settings: RoundSettings | None = None


def _read(path: Path | None) -> dict[str, Any]:
    path = path or locations.preferences_file()
    try:
        if path.stat().st_size > MAX_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_theme(path: Path | None = None) -> str | None:
    """Only the theme: quick enough for before the first frame (the settings need the session's module)."""
    theme = _read(path).get("theme")
    return theme if isinstance(theme, str) else None


def load_settings(path: Path | None = None) -> RoundSettings | None:
    """The last round's settings, or None when there are none or they cannot make a round."""
    from quiz.session.settings import RoundError, RoundSettings

    data = _read(path).get("settings")
    if not isinstance(data, dict):
        return None
    try:
        settings = RoundSettings.from_data(data)
        settings.check()
    except (TypeError, ValueError, RoundError):
        return None
    return settings


def load(path: Path | None = None) -> Preferences:
    """The preferences saved last (empty when there are none or they cannot be read)."""
    return Preferences(load_theme(path), load_settings(path))


def save(theme: str | None = None, settings: RoundSettings | None = None, path: Path | None = None) -> bool:
    """Remember the theme and/or the round settings given (the others stay as they were); False if not written."""
    path = path or locations.preferences_file()
    data = _read(path)
    before = dict(data)
    if theme is not None:
        data["theme"] = theme
    if settings is not None:
        # Not the seed: a remembered seed would replay the same round every time.
        data["settings"] = {**settings.to_data(), "seed": None, "practice": False}
    if data == before:
        return True  # nothing new (the app tells its theme at every start): nothing written
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError:
        return False
    return True
