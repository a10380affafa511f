"""Printable worksheets: Markdown (sheet + answers file) and HTML (key on its own page)."""

from __future__ import annotations

import re

from quiz.formats import worksheet, worksheet_html, worksheet_md
from quiz.model import Pack, PackInfo, Question
from quiz.packcache import load_pack


def test_sheet_numbers_questions_and_letters_choices(sample_pack_path):
    sheet = worksheet.build_sheet([load_pack(sample_pack_path)])
    assert [q.number for q in sheet.questions] == list(range(1, 8))
    mc = sheet.questions[0]
    assert [letter for letter, _ in mc.options] == ["A", "B", "C", "D"]
    assert sorted(text for _, text in mc.options) == sorted(["Box to Box Films", "QUAD", "NOS", "Amazon"])
    letter = next(letter for letter, text in mc.options if text == "Box to Box Films")
    assert mc.answer == f"{letter} (Box to Box Films)"


def test_ordering_items_are_shuffled_deterministically(sample_pack_path):
    pack = load_pack(sample_pack_path)
    ordering = worksheet.build_sheet([pack]).questions[5]
    right = ["The Least Expected Day", "Code Yellow", "Plan B"]
    assert sorted(ordering.boxed) == sorted(right) and ordering.boxed != right
    assert worksheet.build_sheet([pack]).questions[5].boxed == ordering.boxed
    # The key says which number goes in each box, top to bottom.
    expected = ", ".join(str(right.index(item) + 1) for item in ordering.boxed)
    assert ordering.answer.endswith(f"(boxes from the top: {expected})")


def test_markdown_writes_sheet_and_answer_file(tmp_path, sample_pack_path):
    out = tmp_path / "sample.md"
    result = worksheet_md.export_packs([load_pack(sample_pack_path)], out)
    key = tmp_path / "sample.answers.md"
    assert result.files == [str(out), str(key)] and result.written == 7
    sheet, answers = out.read_text(encoding="utf-8"), key.read_text(encoding="utf-8")
    assert sheet.startswith("# Sample pack (one question of each type)\n")
    assert "licence: CC-BY-4.0" in sheet and "001\\_e4c48aa415051751.txt" in sheet
    assert re.search(r"^\*\*1\.\*\* Which company", sheet, re.MULTILINE)
    assert re.search(r"^- [A-D]\. QUAD$", sheet, re.MULTILINE)
    assert "☐ True    ☐ False" in sheet
    assert "Answer: \\_" in sheet and sheet.count("\\_" * 24) >= 3  # name, type-in, numeric
    assert "territories" in sheet
    assert "Box to Box Films" in sheet and "(Box to Box Films)" not in sheet  # no answers on the sheet
    assert "answer key" in answers and "4. Primož Roglič (also accepted: Roglič)" in answers
    assert "5. 190 territories" in answers


def test_markdown_escapes_pack_text():
    q = Question(
        id="q", category="c", type="type_in", prompt="Is *this* a [link](x) or <b>html</b>?", answers=("a_b",), pack="p"
    )
    text, _ = worksheet_md.export_text([Pack(PackInfo(id="p", title="# P | Q"), [q])])
    assert "Is \\*this\\* a \\[link\\](x) or \\<b\\>html\\</b\\>?" in text
    assert text.startswith("# \\# P \\| Q\n")
    assert "1. a\\_b" in text


def test_html_escapes_everything_and_breaks_page_before_key():
    q = Question(
        id="q",
        category="c",
        type="multiple_choice",
        prompt="<script>alert(1)</script>?",
        choices=('"quoted"', "a & b"),
        answers=("a & b",),
        explanation="<i>why</i>",
        pack="p",
    )
    page, result = worksheet_html.export_text([Pack(PackInfo(id="p", title="Tom & <Jerry>", license="CC"), [q])])
    assert result.written == 1
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;?" in page
    assert "&quot;quoted&quot;" in page and "a &amp; b" in page and "&lt;i&gt;why&lt;/i&gt;" in page
    assert "<title>Tom &amp; &lt;Jerry&gt;</title>" in page
    assert "page-break-before: always" in page
    assert page.index('class="answer-key"') > page.index('class="questions"')


def test_html_sheet_is_deterministic(tmp_path, sample_pack_path):
    pack = load_pack(sample_pack_path)
    worksheet_html.export_packs([pack], tmp_path / "a.html")
    worksheet_html.export_packs([pack], tmp_path / "b.html")
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert page == (tmp_path / "b.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert page.count('<span class="box">☐</span>') == 4 + 2 + 3 + 3  # multi-select, T/F, ordering, matching


def test_several_packs_share_one_sheet(sample_pack_path):
    pack = load_pack(sample_pack_path)
    other = Pack(
        PackInfo(id="other", title="Other", sources=({"title": "Telegraph Sport", "url": "https://example.org"},)),
        [Question(id="o", category="c", type="true_false", prompt="Other?", answers=("false",), pack="other")],
    )
    sheet = worksheet.build_sheet([pack, other])
    assert sheet.title == worksheet.DEFAULT_TITLE and len(sheet.questions) == 8
    assert sheet.packs[1].sources == ["Source: Telegraph Sport — https://example.org"]
    assert sheet.questions[-1].number == 8 and sheet.questions[-1].answer == "False"
