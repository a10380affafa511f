"""Anki export: a real .apkg whose note ids stay the same from one export to the next."""

from __future__ import annotations

import json
import sqlite3
import zipfile

import genanki

from quiz.formats import anki
from quiz.model import Pack, PackInfo, Question
from quiz.packcache import load_pack


def notes_in(apkg, tmp_path):
    with zipfile.ZipFile(apkg) as z:
        (tmp_path / "collection.anki2").write_bytes(z.read("collection.anki2"))
    con = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        notes = con.execute("SELECT guid, tags, flds, mid FROM notes ORDER BY id").fetchall()
        decks = json.loads(con.execute("SELECT decks FROM col").fetchone()[0])
        cards = con.execute("SELECT did FROM cards").fetchall()
    finally:
        con.close()
    return notes, decks, cards


def test_every_question_becomes_a_note_with_a_stable_guid(tmp_path, sample_pack_path):
    pack = load_pack(sample_pack_path)
    out = tmp_path / "sample.apkg"
    result = anki.export_packs([pack], out)
    assert result.written == 7 and result.files == [str(out)]
    notes, decks, cards = notes_in(out, tmp_path)
    assert [n[0] for n in notes] == [genanki.guid_for("sample", q.id) for q in pack.questions]
    assert {n[3] for n in notes} == {anki.stable_id("model", "sample")}
    deck_id = anki.stable_id("deck", "sample")
    assert decks[str(deck_id)]["name"] == "Sample pack (one question of each type)"
    assert {c[0] for c in cards} == {deck_id}


def test_exporting_twice_gives_the_same_guids(tmp_path, sample_pack_path):
    pack = load_pack(sample_pack_path)
    anki.export_packs([pack], tmp_path / "a.apkg")
    anki.export_packs([pack], tmp_path / "b.apkg")
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    first = [n[0] for n in notes_in(tmp_path / "a.apkg", tmp_path / "x")[0]]
    second = [n[0] for n in notes_in(tmp_path / "b.apkg", tmp_path / "y")[0]]
    assert first == second and len(set(first)) == 7


ARTICLE = "Netflix set to land Drive to Survive-style behind-the-scenes Tour de France series"


def test_front_back_and_tags(tmp_path, sample_pack_path):
    pack = load_pack(sample_pack_path)
    pack.info.sources = ({"seed": "001_e4c48aa415051751.txt", "title": ARTICLE},)
    notes, _, _ = notes_in_export(tmp_path, pack)
    fields = {n[0]: n[2].split("\x1f") for n in notes}
    tags = {n[0]: n[1].split() for n in notes}
    mc = fields[genanki.guid_for("sample", "sample-mc")]
    assert mc[0] == "Which company was lined up to make the Tour de France series?"
    assert "<li>QUAD</li>" in mc[1]
    assert mc[2] == "Box to Box Films"
    assert mc[3].startswith("Box to Box Films, makers of")
    # The article's title from the pack header, not the file it is stored in.
    assert mc[4].endswith(f"— {ARTICLE}")
    assert "001_e4c48aa415051751.txt" not in mc[4]
    assert tags[genanki.guid_for("sample", "sample-mc")] == ["producers", "sample", "multiple_choice"]
    # Spaces cannot be in Anki tags.
    assert "prior_documentaries" in tags[genanki.guid_for("sample", "sample-matching")]
    ordering = fields[genanki.guid_for("sample", "sample-ordering")]
    assert ordering[2] == "<ol><li>The Least Expected Day</li><li>Code Yellow</li><li>Plan B</li></ol>"


def test_text_is_html_escaped(tmp_path):
    q = Question(
        id="x", category="c", type="type_in", prompt="Is <b>this</b> & that bold?", answers=("<no>",), pack="p"
    )
    notes, _, _ = notes_in_export(tmp_path, Pack(PackInfo(id="p", title="P"), [q]))
    front, _, back, _, _ = notes[0][2].split("\x1f")
    assert front == "Is &lt;b&gt;this&lt;/b&gt; &amp; that bold?" and back == "&lt;no&gt;"


def notes_in_export(tmp_path, *packs):
    out = tmp_path / "deck.apkg"
    anki.export_packs(list(packs), out)
    return notes_in(out, tmp_path)


def _pack(pack_id: str, title: str, language: str = "en") -> Pack:
    q = Question(id="q1", category="c", type="true_false", prompt=f"{title}?", answers=("true",), pack=pack_id)
    return Pack(PackInfo(id=pack_id, title=title, language=language), [q])


def test_each_pack_gets_its_own_deck_named_after_it(tmp_path):
    french, other = _pack("tour-fr", "Le Tour en questions", "fr"), _pack("cycling", "Cycling basics")
    notes, decks, cards = notes_in_export(tmp_path, french, other)
    named = {int(i): d["name"] for i, d in decks.items() if d["name"] != "Default"}
    assert named == {
        anki.stable_id("deck", "tour-fr"): "Le Tour en questions",
        anki.stable_id("deck", "cycling"): "Cycling basics",
    }
    # Two packs never merge: each note's card is in its own pack's deck, with its own note type.
    assert sorted(c[0] for c in cards) == sorted(named)
    assert {n[3] for n in notes} == {anki.stable_id("model", "tour-fr"), anki.stable_id("model", "cycling")}


def test_deck_ids_are_stable_and_differ_between_packs():
    assert anki.stable_id("deck", "tour-fr") == anki.stable_id("deck", "tour-fr")
    ids = {anki.stable_id(kind, pack) for kind in ("deck", "model") for pack in ("a", "b", "tour-fr")}
    assert len(ids) == 6 and all((1 << 30) <= i < (1 << 31) for i in ids)
    # The built-in pack keeps the ids its decks were first exported with, so they keep updating.
    assert (anki.stable_id("model", "tdf-docuseries"), anki.stable_id("deck", "tdf-docuseries")) == (
        1_654_032_001,
        1_654_032_002,
    )


def test_two_packs_with_one_title_get_told_apart():
    assert anki.deck_names([_pack("a", "Quiz"), _pack("b", "Quiz"), _pack("c", "Other")]) == [
        "Quiz (a)",
        "Quiz (b)",
        "Other",
    ]
