"""Paths written into commands a user is told to run next."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path


def word(path: str | Path) -> str:
    """The path as one word of a command pasted into this system's shell (quoted when it needs to be)."""
    return subprocess.list2cmdline([str(path)]) if os.name == "nt" else shlex.quote(str(path))
