"""CSV export: one row per question, readable by Excel and by Python's csv module."""

from __future__ import annotations

import csv
import io

from quiz.formats import csvfmt
from quiz.model import Pack, PackInfo, Question
from quiz.packcache import load_pack


def rows_of(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_one_row_per_question_with_the_documented_columns(tmp_path, sample_pack_path):
    out = tmp_path / "sample.csv"
    result = csvfmt.export_packs([load_pack(sample_pack_path)], out)
    assert result.written == 7 and result.files == [str(out)]
    rows = rows_of(out)
    assert list(rows[0]) == list(csvfmt.COLUMNS)
    by_id = {r["id"]: r for r in rows}
    mc = by_id["sample-mc"]
    assert mc["pack"] == "sample" and mc["category"] == "producers" and mc["difficulty"] == "easy"
    assert mc["choices"] == "Box to Box Films | QUAD | NOS | Amazon"
    assert mc["answers"] == "Box to Box Films"
    assert mc["source_seed"] == "001_e4c48aa415051751.txt" and mc["source_quote"].startswith("It is understood")
    assert by_id["sample-ms"]["answers"] == "Ineos Grenadiers | Alpecin-Fenix | Groupama-FDJ cycling Team"
    assert by_id["sample-tf"]["answers"] == "true" and by_id["sample-tf"]["choices"] == ""
    assert by_id["sample-typein"]["answers"] == "Primož Roglič | Roglič"
    assert by_id["sample-matching"]["pairs"].startswith("The Least Expected Day → Movistar | ")
    assert by_id["sample-matching"]["answers"] == ""  # the pairs say it all
    assert by_id["sample-ordering"]["items"] == "The Least Expected Day | Code Yellow | Plan B"
    numeric = by_id["sample-numeric"]
    assert (numeric["answers"], numeric["unit"], numeric["tolerance"], numeric["range"]) == (
        "190",
        "territories",
        "",
        "",
    )


def test_commas_quotes_and_newlines_survive(tmp_path):
    q = Question(
        id="q",
        category="c",
        type="type_in",
        prompt='Who said "no-brainer", then\n"close"?',
        answers=("a source, close to the project",),
        explanation="Line one\nline two",
    )
    out = tmp_path / "tricky.csv"
    csvfmt.export_packs([Pack(PackInfo(id="p", title="P"), [q])], out)
    [row] = rows_of(out)
    assert row["prompt"] == 'Who said "no-brainer", then\n"close"?'
    assert row["answers"] == "a source, close to the project"
    assert row["explanation"] == "Line one\nline two"


def test_formula_like_cells_are_neutralised_but_numbers_kept():
    q = Question(id="q", category='=HYPERLINK("x")', type="numeric", prompt="+1 or -1?", value=-5.0, answers=("-5",))
    row = dict(zip(csvfmt.COLUMNS, csvfmt.question_row(q, "p")))
    assert row["category"] == '\'=HYPERLINK("x")'
    assert row["prompt"] == "'+1 or -1?"
    assert row["answers"] == "-5"


def test_text_form_has_no_bom_and_is_deterministic(sample_pack_path):
    pack = load_pack(sample_pack_path)
    text, result = csvfmt.export_text([pack])
    assert not text.startswith("\ufeff") and text.startswith("id,pack,category")
    assert text == csvfmt.export_text([pack])[0]
    assert result.written == 7
