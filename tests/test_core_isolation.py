"""The core never imports the UI: proven in a fresh interpreter, like harlequin does."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import quiz

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(quiz.__path__, "quiz.")
    if not m.name.startswith("quiz.tui") and m.name not in ("quiz.__main__", "quiz.commands.play")
)


def test_core_modules_found():
    # Guards the test below against silently checking nothing.
    assert {"quiz.session.session", "quiz.qtypes", "quiz.packfile"} <= set(CORE) and len(CORE) >= 8


def test_core_does_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core pulled in: {out.stdout.strip()}"


def test_help_does_not_import_textual():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from quiz.cli import cli\n"
        "r = CliRunner().invoke(cli, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_import_contract_names_every_core_module():
    """The static contract in pyproject.toml lists the core by name: a new core module must join it."""
    from conftest import ROOT

    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and newer
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    assert contract["forbidden_modules"] == ["quiz.tui", "textual"]
    top_level = {
        m.name for m in pkgutil.iter_modules(quiz.__path__, "quiz.") if m.name not in ("quiz.__main__", "quiz.schema")
    }
    ui_side = {"quiz.tui", "quiz.commands", "quiz.cli"}  # the UI, and the commands that may start it
    assert set(contract["source_modules"]) == top_level - ui_side
