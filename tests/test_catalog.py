"""Pack discovery: every origin, broken packs listed not fatal, same-id precedence."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from quiz import catalog, locations

BROKEN = FIXTURES / "broken"


@pytest.fixture
def builtin(tmp_path, monkeypatch, sample_pack_path):
    folder = tmp_path / "builtin"
    (folder / "facts").mkdir(parents=True)
    (folder / "sample.yaml").write_bytes(sample_pack_path.read_bytes())
    (folder / "facts" / "ignored.yaml").write_text("not: [a pack", encoding="utf-8")
    monkeypatch.setattr(locations, "builtin_packs_dir", lambda: folder)
    return folder


def _user_packs():
    folder = locations.user_packs_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _renamed(sample_pack_path, new_id: str, title: str = "") -> str:
    text = sample_pack_path.read_text(encoding="utf-8").replace("id: sample\n", f"id: {new_id}\n", 1)
    return text.replace("title: Sample pack", f"title: {title}", 1) if title else text


def test_broken_user_pack_does_not_stop_builtin(builtin):
    users = _user_packs()
    (users / "broken.yaml").write_bytes((BROKEN / "many-problems.yaml").read_bytes())
    (users / "bad-yaml.yaml").write_bytes((BROKEN / "malformed.yaml").read_bytes())
    entries = catalog.discover(include_plugins=False)
    assert [(e.origin, e.valid) for e in entries] == [("built-in", True), ("user", False), ("user", False)]
    good, *broken = entries
    assert good.id == "sample" and good.total == 7 and good.question_counts["dates"] == 2
    by_path = {e.path.rsplit("/", 1)[-1]: e for e in broken}
    assert by_path["broken.yaml"].id == "Many Problems"  # named as the file claims
    assert by_path["broken.yaml"].error.endswith(
        "broken.yaml:2:7: pack id 'Many Problems' is not a slug: use lowercase letters, digits and hyphens (e.g. 'tdf-teams')"
    )
    assert len(by_path["broken.yaml"].problems) == 21  # its unknown seed is a warning: not a built-in pack
    assert "this is not valid YAML" in by_path["bad-yaml.yaml"].error
    assert by_path["bad-yaml.yaml"].question_counts == {} and by_path["bad-yaml.yaml"].total == 0
    assert len(catalog.load_questions(entries)) == 7


def test_user_pack_wins_same_id_with_warning_on_both(builtin, sample_pack_path):
    users = _user_packs()
    (users / "mine.yaml").write_text(_renamed(sample_pack_path, "sample", "My version"), encoding="utf-8")
    entries = catalog.discover(include_plugins=False)
    builtin_entry, user_entry = entries
    assert (builtin_entry.origin, user_entry.origin) == ("built-in", "user")
    assert user_entry.title.startswith("My version")
    assert builtin_entry.shadowed_by == user_entry.path and user_entry.shadowed_by is None
    assert any(f"also used by {user_entry.path}, which is used instead" in w for w in builtin_entry.warnings)
    assert any(f"this file ({user_entry.path}) is used" in w for w in user_entry.warnings)
    questions = catalog.load_questions(entries)
    assert len(questions) == 7  # not 14: the built-in copy is left out


def test_explicit_path_beats_user(tmp_path, sample_pack_path):
    users = _user_packs()
    (users / "mine.yaml").write_text(_renamed(sample_pack_path, "sample", "User copy"), encoding="utf-8")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "p.yaml").write_text(_renamed(sample_pack_path, "sample", "Path copy"), encoding="utf-8")
    (extra / "notes.facts.yaml").write_text("facts: []\n", encoding="utf-8")
    entries = catalog.discover([extra], include_builtin=False, include_plugins=False)
    assert [e.origin for e in entries] == ["user", "path"]
    winners = catalog.winners(entries)
    assert [w.title for w in winners] == ["Path copy (one question of each type)"]


def test_missing_path_listed_as_broken(tmp_path):
    entries = catalog.discover(
        [tmp_path / "nope.yaml"], include_builtin=False, include_user=False, include_plugins=False
    )
    (entry,) = entries
    assert not entry.valid and entry.error.endswith("nope.yaml: pack not found")


def test_same_file_twice_listed_once(sample_pack_path):
    entries = catalog.discover(
        [sample_pack_path, sample_pack_path.parent / "." / sample_pack_path.name],
        include_builtin=False,
        include_user=False,
        include_plugins=False,
    )
    assert len(entries) == 1 and entries[0].origin == "path"


def test_sorted_by_origin_then_id(builtin, sample_pack_path):
    users = _user_packs()
    for pid in ("zeta", "alpha"):
        (users / f"{pid}.yaml").write_text(
            _renamed(sample_pack_path, pid).replace("id: sample-", f"id: {pid}-"), encoding="utf-8"
        )
    entries = catalog.discover(include_plugins=False)
    assert [(e.origin, e.id) for e in entries] == [("built-in", "sample"), ("user", "alpha"), ("user", "zeta")]
    assert all(e.valid for e in entries)
    assert len(catalog.load_questions(entries)) == 21


def test_a_link_loop_pipe_or_broken_link_in_the_pack_folder_is_listed_as_broken():
    import os

    folder = locations.user_packs_dir()
    folder.mkdir(parents=True)
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "gone.yaml").symlink_to(folder / "nowhere.yaml")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.yaml")
    entries = {e.id: e for e in catalog.discover(include_builtin=False, include_plugins=False)}
    assert not entries["loop"].valid and "leads back to itself" in entries["loop"].error
    assert not entries["gone"].valid and "does not exist" in entries["gone"].error
    if hasattr(os, "mkfifo"):
        assert not entries["pipe"].valid and "named pipe" in entries["pipe"].error
