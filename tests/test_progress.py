"""Progress of slow work: reported by the core, shown on a terminal only when it is slow."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from quiz import packcache, yamlfile
from quiz.progress import TerminalProgress, part
from tests.conftest import ROOT

QUESTION = """\
  - id: q{n}
    category: teams
    type: multiple_choice
    prompt: "Which team is number {n}?"
    choices: ["Team {n}", "Other {n}", "Third {n}"]
    answer: "Team {n}"
"""


def _pack(path, count: int):
    head = "pack:\n  id: many\n  title: Many questions\n  version: 1.0.0\n  language: en\nquestions:\n"
    path.write_text(head + "".join(QUESTION.format(n=n) for n in range(count)), encoding="utf-8")
    return path


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_parse_reports_growing_fractions(monkeypatch, tmp_path):
    monkeypatch.setattr(yamlfile, "_PROGRESS_EVERY", 50)
    seen: list[float] = []
    text = _pack(tmp_path / "p.yaml", 60).read_text(encoding="utf-8")
    data = yamlfile.parse_yaml(text, "p.yaml", "pack", seen.append)
    assert len(data["questions"]) == 60
    assert len(seen) >= 5
    assert seen == sorted(seen) and 0 < seen[0] < seen[-1] <= 1


def test_first_load_reports_to_the_end_and_a_cache_hit_reports_nothing(monkeypatch, tmp_path):
    monkeypatch.setattr(yamlfile, "_PROGRESS_EVERY", 50)
    path = _pack(tmp_path / "p.yaml", 40)
    first: list[float] = []
    loaded = packcache.load(path, first.append)
    assert not loaded.from_cache and len(loaded.pack.questions) == 40
    assert first == sorted(first) and first[-1] == 1.0 and any(f < 0.75 for f in first)
    again: list[float] = []
    assert packcache.load(path, again.append).from_cache
    assert again == []


def test_part_maps_a_step_onto_its_share():
    seen: list[float] = []
    step = part(seen.append, 0.5, 0.9)
    step(0.0), step(0.5), step(1.0), step(7.0)
    assert seen == pytest.approx([0.5, 0.7, 0.9, 0.9])
    assert part(None, 0, 1) is None


def test_terminal_progress_draws_in_place_and_erases():
    out = _Tty()
    with TerminalProgress("Checking big.yaml", out, delay=0, every=0) as progress:
        progress(0.25)
        progress(0.5)
    text = out.getvalue()
    assert "\rChecking big.yaml… 25%" in text and "\rChecking big.yaml… 50%" in text
    assert text.endswith("\r" + " " * len("Checking big.yaml… 50%") + "\r")


def test_terminal_progress_is_silent_on_pipes_and_for_quick_work():
    piped = io.StringIO()
    with TerminalProgress("Checking", piped, delay=0, every=0) as progress:
        progress(0.5)
    assert piped.getvalue() == ""
    quick = _Tty()
    with TerminalProgress("Checking", quick, delay=60) as progress:
        progress(0.5)
    assert quick.getvalue() == ""


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_validate_of_a_big_new_pack_shows_progress_on_a_terminal(tmp_path):
    # Big enough that a first reading takes well over the half second before progress shows.
    path = _pack(tmp_path / "big.yaml", 12_000)
    master, slave = os.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "quiz", "validate", str(path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=slave,
            timeout=120,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the pty's other end is closed: all read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert done.returncode == 0, shown
    assert done.stdout.decode().strip() == "1 file checked: 1 valid"
    assert "Checking big.yaml… " in shown and "%" in shown
    # And on a pipe nothing but the report: scripts get clean output.
    again = subprocess.run(
        [sys.executable, "-m", "quiz", "validate", str(_pack(tmp_path / "big2.yaml", 12_001))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0 and again.stderr == ""
