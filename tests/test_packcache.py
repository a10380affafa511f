"""The pack cache: hits, misses, changed files, damaged entries, and its speed."""

from __future__ import annotations

import marshal

import pytest

from quiz import packcache
from quiz.errors import PackInvalid
from quiz.model import MULTIPLE_CHOICE, Pack, PackInfo, Question, Source
from quiz.packfile import pack_from_data
from quiz.yamlfile import load_yaml


def _entries():
    folder = packcache.cache_folder()
    return sorted(folder.glob("*.cache")) if folder.is_dir() else []


def test_miss_then_hit_gives_the_same_pack(tmp_path, sample_pack_path):
    target = tmp_path / "p.yaml"
    target.write_bytes(sample_pack_path.read_bytes())
    first = packcache.load(target)
    assert not first.from_cache and len(_entries()) == 1
    second = packcache.load(target)
    assert second.from_cache
    # The same as reading the file straight, with no cache at all.
    assert second.pack == first.pack == pack_from_data(load_yaml(target), str(target))
    assert second.pack.questions[0].source == Source("001_e4c48aa415051751.txt", first.pack.questions[0].source.quote)
    assert [str(w) for w in second.warnings] == [str(w) for w in first.warnings]


def test_changed_file_is_read_again(tmp_path, sample_pack_path):
    target = tmp_path / "p.yaml"
    text = sample_pack_path.read_text(encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    packcache.load(target)
    target.write_text(text.replace("title: Sample pack", "title: Changed pack"), encoding="utf-8")
    loaded = packcache.load(target)
    assert not loaded.from_cache and loaded.pack.title.startswith("Changed pack")
    assert len(_entries()) == 2


def test_broken_pack_is_not_cached(tmp_path, sample_pack_path):
    target = tmp_path / "p.yaml"
    target.write_text(
        sample_pack_path.read_text(encoding="utf-8").replace("answer: Box to Box Films", "answer: Nobody")
    )
    for _ in range(2):
        with pytest.raises(PackInvalid):
            packcache.load(target)
    assert _entries() == []


_SHAPE = {"format": packcache.FORMAT, "columns_named": packcache._COLUMNS, "info": {}, "warnings": [], "ids": []}


@pytest.mark.parametrize(
    "damage",
    [
        b"not marshal at all",
        b"",
        marshal.dumps({"format": 1}),
        marshal.dumps(["a list, not an entry"]),
        # columns of different lengths
        marshal.dumps({**_SHAPE, "columns": [["x"]] * len(packcache._COLUMNS), "seeds": [], "quotes": []}),
        "truncated",
    ],
)
def test_corrupt_entry_is_ignored_and_rewritten(tmp_path, sample_pack_path, damage):
    target = tmp_path / "p.yaml"
    target.write_bytes(sample_pack_path.read_bytes())
    good = packcache.load(target).pack
    (entry,) = _entries()
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2] if damage == "truncated" else damage)
    loaded = packcache.load(target)
    assert not loaded.from_cache and loaded.pack == good
    assert marshal.loads(entry.read_bytes())["format"] == packcache.FORMAT
    assert packcache.load(target).from_cache
    assert not list(packcache.cache_folder().glob("*.tmp"))


def test_unwritable_cache_still_loads(tmp_path, sample_pack_path, monkeypatch):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setattr(packcache, "cache_folder", lambda: blocker / "packs")
    loaded = packcache.load(sample_pack_path)
    assert loaded.pack.id == "sample" and not loaded.from_cache


def _big_pack(n: int) -> Pack:
    qs = [
        Question(
            id=f"q{i}",
            category=f"cat{i % 7}",
            type=MULTIPLE_CHOICE,
            prompt=f"Question number {i}, which one?",
            difficulty="medium",
            choices=("Alpha", "Bravo", "Charlie", "Delta"),
            answers=("Alpha",),
            explanation="Because it is the first.",
            facts=(f"f{i}",),
            source=Source("003_04c923ad2a43299d.txt", "Consisting of 8 episodes of 45 minutes"),
            pack="big",
            line=i,
        )
        for i in range(n)
    ]
    return Pack(PackInfo("big", "Big"), qs)


def test_big_pack_round_trips_through_the_cache(tmp_path):
    # Speed is the benchmark's business (bench/loading.py); here, every field must come back.
    raw = b"any bytes: the key is all that matters here"
    pack = _big_pack(4_000)
    target = tmp_path / "big.yaml"
    target.write_bytes(raw)
    packcache.store(raw, pack, [], [], target)  # the key is the bytes and the folder they are in
    loaded = packcache.load(target)
    assert loaded.from_cache and loaded.pack.questions == pack.questions
    assert loaded.pack.info == pack.info


def test_the_cache_keeps_the_most_recently_used_entries(tmp_path, sample_pack_path, monkeypatch):
    import os

    monkeypatch.setattr(packcache, "MAX_ENTRIES", 3)
    text = sample_pack_path.read_text(encoding="utf-8")
    paths = []
    for n in range(4):
        path = tmp_path / f"p{n}.yaml"
        path.write_text(text.replace("id: sample", f"id: sample-{n}"), encoding="utf-8")
        paths.append(path)
    for path in paths[:3]:
        assert not packcache.load(path).from_cache
        # Age what is there by ten seconds, so the order of use is clear even on a coarse clock.
        for entry in packcache.cache_folder().glob("*.cache"):
            then = entry.stat().st_mtime - 10
            os.utime(entry, (then, then))
    assert packcache.load(paths[0]).from_cache  # p0 used again: now the most recent
    assert not packcache.load(paths[3]).from_cache  # a fourth entry: the least recently used, p1's, goes
    assert len(list(packcache.cache_folder().glob("*.cache"))) == 3
    assert packcache.load(paths[0]).from_cache
    assert packcache.load(paths[2]).from_cache
    assert not packcache.load(paths[1]).from_cache


def test_unreadable_reason_names_what_is_wrong_without_reading(tmp_path, sample_pack_path):
    from quiz.textfile import unreadable_reason

    assert unreadable_reason(sample_pack_path, "pack") is None
    assert unreadable_reason(tmp_path, "pack").endswith("this is a folder, not a pack")
    assert unreadable_reason(tmp_path / "nope.yaml", "pack").endswith("pack not found")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    assert "is a link to" in unreadable_reason(tmp_path / "gone.yaml", "pack")
