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
from typing import Any

from quiz import locations
from quiz.session.settings import RoundError, RoundSettings

#: Larger than any real preferences file: anything bigger is not ours.
MAX_BYTES = 64 * 1024


@dataclass
class Preferences:
    theme: str | None = None
    settings: RoundSettings | None = None


def load(path: Path | None = None) -> Preferences:
    """The preferences saved last (empty when there are none or they cannot be read)."""
    path = path or locations.preferences_file()
    try:
        if path.stat().st_size > MAX_BYTES:
            return Preferences()
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Preferences()
    if not isinstance(data, dict):
        return Preferences()
    theme = data.get("theme") if isinstance(data.get("theme"), str) else None
    settings = None
    if isinstance(data.get("settings"), dict):
        try:
            settings = RoundSettings.from_data(data["settings"])
            settings.check()
        except (TypeError, ValueError, RoundError):
            settings = None
    return Preferences(theme, settings)


def save(theme: str | None = None, settings: RoundSettings | None = None, path: Path | None = None) -> bool:
    """Remember the theme and/or the round settings given (the others stay as they were); False if not written."""
    path = path or locations.preferences_file()
    current = load(path)
    data: dict[str, Any] = {}
    theme = theme if theme is not None else current.theme
    settings = settings if settings is not None else current.settings
    if theme is not None:
        data["theme"] = theme
    if settings is not None:
        # Not the seed: a remembered seed would replay the same round every time.
        data["settings"] = {**settings.to_data(), "seed": None, "practice": False}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError:
        return False
    return True
