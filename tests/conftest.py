from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The seed articles and Moodle's cases live in ../shared beside the checkout;
# QUIZ_SHARED_DIR names that folder when the clone stands somewhere else.
SHARED = Path(os.environ.get("QUIZ_SHARED_DIR") or ROOT.parent / "shared")
SEEDS = SHARED / "seeds"
CONFORMANCE = SHARED / "conformance"
if os.environ.get("QUIZ_SHARED_DIR") and not os.environ.get("QUIZ_SEEDS_DIR"):
    # So the game itself (locations.seeds_dir) finds them too, here and in child processes.
    os.environ["QUIZ_SEEDS_DIR"] = str(SEEDS)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """No test reads or writes the real user data folder."""
    from quiz import locations

    monkeypatch.setenv("QUIZ_DATA_DIR", str(tmp_path / "data"))
    locations.set_data_dir(None)
    yield
    locations.set_data_dir(None)


@pytest.fixture
def sample_pack_path() -> Path:
    return FIXTURES / "sample-pack.yaml"


# `python -c RUN_AND_REPORT_PEAK ARGS...` runs `quiz ARGS...` and, as it exits, writes
# "PEAK-KIB n" (the process's own VmHWM) to standard error: the kernel carries the
# parent's peak over fork and exec into ru_maxrss, so a test process that has grown
# would otherwise be measured instead of the child.
RUN_AND_REPORT_PEAK = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            sys.stderr.write('PEAK-KIB ' + line.split()[1] + '\\n')\n"
    "atexit.register(peak)\n"
    "sys.argv = ['quiz', *sys.argv[1:]]\n"
    "runpy.run_module('quiz', run_name='__main__')\n"
)
