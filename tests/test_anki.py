"""Anki export: a real .apkg whose note ids stay the same from one export to the next."""

from __future__ import annotations

import json
import sqlite3
import zipfile

import genanki

from quiz.formats import anki
from quiz.model import Pack, PackInfo, Question
from quiz.packfile import load_pack


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
    assert {n[3] for n in notes} == {anki.MODEL_ID}
    assert str(anki.DECK_ID) in decks and decks[str(anki.DECK_ID)]["name"] == anki.DECK_NAME
    assert {c[0] for c in cards} == {anki.DECK_ID}


def test_exporting_twice_gives_the_same_guids(tmp_path, sample_pack_path):
    pack = load_pack(sample_pack_path)
    anki.export_packs([pack], tmp_path / "a.apkg")
    anki.export_packs([pack], tmp_path / "b.apkg")
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    first = [n[0] for n in notes_in(tmp_path / "a.apkg", tmp_path / "x")[0]]
    second = [n[0] for n in notes_in(tmp_path / "b.apkg", tmp_path / "y")[0]]
    assert first == second and len(set(first)) == 7


def test_front_back_and_tags(tmp_path, sample_pack_path):
    notes, _, _ = notes_in_export(tmp_path, load_pack(sample_pack_path))
    fields = {n[0]: n[2].split("\x1f") for n in notes}
    tags = {n[0]: n[1].split() for n in notes}
    mc = fields[genanki.guid_for("sample", "sample-mc")]
    assert mc[0] == "Which company was lined up to make the Tour de France series?"
    assert "<li>QUAD</li>" in mc[1]
    assert mc[2] == "Box to Box Films"
    assert mc[3].startswith("Box to Box Films, makers of")
    assert "001_e4c48aa415051751.txt" in mc[4]
    assert tags[genanki.guid_for("sample", "sample-mc")] == ["producers", "sample", "multiple_choice"]
    # Spaces cannot be in Anki tags.
    assert "prior_documentaries" in tags[genanki.guid_for("sample", "sample-matching")]
    ordering = fields[genanki.guid_for("sample", "sample-ordering")]
    assert ordering[2] == "<ol><li>The Least Expected Day</li><li>Code Yellow</li><li>Plan B</li></ol>"


def test_text_is_html_escaped(tmp_path):
    q = Question(id="x", category="c", type="type_in", prompt="Is <b>this</b> & that bold?", answers=("<no>",), pack="p")
    notes, _, _ = notes_in_export(tmp_path, Pack(PackInfo(id="p", title="P"), [q]))
    front, _, back, _, _ = notes[0][2].split("\x1f")
    assert front == "Is &lt;b&gt;this&lt;/b&gt; &amp; that bold?" and back == "&lt;no&gt;"


def notes_in_export(tmp_path, pack):
    out = tmp_path / "deck.apkg"
    anki.export_packs([pack], out)
    return notes_in(out, tmp_path)
