"""Aiken import loses nothing without a word (issue 13): stray lines, options with no space, true/false.

The file below is like the ones teachers bring (Moodle's own Aiken test file
among them): every question in it is imported or skipped with its line.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.formats import aiken
from quiz.model import MULTIPLE_CHOICE, TRUE_FALSE, Pack, PackInfo, Question

AWKWARD = """\
A question with one option
A) Only option
ANSWER: A

A) An option with no question above it

ANSWER: A

Which company makes the series?
A) Box to Box Films
B) QUAD
ANSWER: A

A question that never gives its answer
A) One
B) Two

Which team is in the eight, written with no spaces?
A)Movistar
B)Ineos Grenadiers
ANSWER: B

What is rust?
A. Iron oxide
B. 22
NUMBERING: 123
Explanation: Rust is iron oxide.
ANSWER: A

A.S.O. organises the Tour de France.
A) True
B) False
ANSWER: A
"""


def counted(result) -> int:
    return len(result.pack.questions) + len(result.skipped)


def test_every_question_of_an_awkward_file_is_imported_or_skipped_with_its_line():
    result = aiken.import_text(AWKWARD, "awkward.txt")
    assert counted(result) == 8
    assert [(q.line, q.type) for q in result.pack.questions] == [
        (9, MULTIPLE_CHOICE),
        (18, MULTIPLE_CHOICE),
        (23, MULTIPLE_CHOICE),
        (30, TRUE_FALSE),
    ]
    assert [(s.line, s.reason.split(" (")[0]) for s in result.skipped] == [
        (1, "a question needs at least two options"),
        (5, "an option line with no question above it"),
        (7, "an ANSWER line with no question above it"),
        (14, "it has no 'ANSWER: <letter>' line"),
    ]


def test_a_stray_line_never_glues_onto_the_last_option():
    result = aiken.import_text(AWKWARD, "awkward.txt")
    rust = next(q for q in result.pack.questions if q.prompt == "What is rust?")
    assert rust.choices == ("Iron oxide", "22") and rust.answers == ("Iron oxide",)
    assert rust.explanation == "Rust is iron oxide."
    left_out, read_as = [w for w in result.warnings if w.startswith("What is rust? (line 23)")]
    assert "left out line 26 ('NUMBERING: 123')" in left_out
    assert "read line 27 ('Explanation: Rust is iron oxide.') as the explanation" in read_as


def test_options_with_no_space_after_the_letter_are_read_as_moodle_reads_them():
    [q] = aiken.import_text("Which?\nA)Movistar\nB.Ineos Grenadiers\nANSWER: B\n", "x.txt").pack.questions
    assert q.choices == ("Movistar", "Ineos Grenadiers") and q.answers == ("Ineos Grenadiers",)


def test_an_abbreviation_in_question_text_is_not_an_option():
    [q] = aiken.import_text(
        "Who organises the Tour?\nA.S.O. or not?\nA) A.S.O.\nB) UCI\nANSWER: A\n", "x.txt"
    ).pack.questions
    assert q.prompt == "Who organises the Tour?\nA.S.O. or not?" and q.choices == ("A.S.O.", "UCI")


def test_true_false_is_exported_as_moodle_files_hold_it_and_reads_back():
    questions = [
        Question(id="t", category="general", type=TRUE_FALSE, prompt="Netflix makes the series.", answers=("true",)),
        Question(id="f", category="general", type=TRUE_FALSE, prompt="QUAD is Spanish.", answers=("false",)),
    ]
    text, result = aiken.export_text([Pack(PackInfo(id="p", title="P"), questions)])
    assert result.written == 2
    assert (
        text
        == "Netflix makes the series.\nA. True\nB. False\nANSWER: A\n\nQUAD is Spanish.\nA. True\nB. False\nANSWER: B\n"
    )
    back = aiken.import_text(text, "p.txt").pack.questions
    assert [(q.type, q.answers) for q in back] == [(TRUE_FALSE, ("true",)), (TRUE_FALSE, ("false",))]


_PIECES = [
    "Q?\nA. x\nB. y\nANSWER: A",
    "Q?\nA)x\nB)y\nANSWER: B",
    "Q?\nA. x\nB. y\nNOTE: stray\nANSWER: A",
    "Q?\nA. x\nANSWER: A",
    "Q?\nA. x\nB. y",
    "Q?\nANSWER: A",
    "Q?\nA) True\nB) False\nANSWER: B",
    "Q?\nline two\nA. long\nwrapped option\nB. y\nANSWER: A",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10), st.sampled_from(["\n\n", "\n\n\n", "\n \n"]))
def test_imported_plus_skipped_is_every_question(pieces, between):
    result = aiken.import_text(between.join(pieces) + "\n", "any.txt")
    assert counted(result) == len(pieces)
    assert all(s.line >= 1 and s.reason for s in result.skipped)
