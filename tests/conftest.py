from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"
CONFORMANCE = ROOT.parent / "shared" / "conformance"


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
