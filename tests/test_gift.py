"""GIFT import and export, and the HTML-to-text helper they share."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.errors import FileProblem, QuizError
from quiz.formats import get_format, gift
from quiz.formats.html_text import html_to_text, looks_like_html
from quiz.model import MATCHING, MULTI_SELECT, MULTIPLE_CHOICE, NUMERIC, ORDERING, TRUE_FALSE, TYPE_IN, Question
from quiz.packcache import load_pack
from quiz.packfile import dump_pack
from quiz.qtypes.true_false import truth_of
from quiz.validate import check_pack_data
from quiz.yamlfile import parse_yaml
from tests.conftest import FIXTURES

FEATURES = FIXTURES / "gift" / "features.gift"
ESCAPES = FIXTURES / "gift" / "escapes-pack.yaml"


def errors_in(pack) -> list:
    """Validator errors for a pack as the import command would write it (through YAML)."""
    data = parse_yaml(dump_pack(pack, None), "imported.yaml", "pack")
    errors = [p for p in check_pack_data(data, "imported.yaml", seeds=None) if p.severity == "error"]
    # An empty pack is an error for the validator; `quiz import` refuses to write one itself.
    return [p for p in errors if pack.questions or not p.message.startswith("the pack has no questions")]


def one(text: str) -> Question:
    result = gift.import_text(text, "one.gift")
    assert result.skipped == [], result.skipped
    [question] = result.pack.questions
    return question


# --------------------------------------------------------------------------- HTML to text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("Match the <b>activity</b> to the description.", "Match the activity to the description."),
        ("<p>asdf<br></p>", "asdf"),
        ("one<br/>two<br />three", "one\ntwo\nthree"),
        ("<p>First</p><p>Second</p>", "First\n\nSecond"),
        ("Fish &amp; chips&nbsp;&eacute;&#233;&#x41;", "Fish & chips ééA"),
        ("&lt;b&gt; stays visible", "<b> stays visible"),
        ("x < 3 and y > 2", "x < 3 and y > 2"),
        ("a\n   b\t\tc", "a b c"),
        ("<!-- hidden -->shown<script>alert(1)</script><style>p{}</style>", "shown"),
        ('<a href="http://example.org/x.mp3">Listen</a>', "Listen"),
        ("<span", "<span"),
        ("&#0;&#xD800;ok", "\ufffd\ufffdok"),
    ],
)
def test_html_to_text(html, text):
    assert html_to_text(html) == text


def test_html_to_text_can_keep_newlines():
    assert html_to_text("line one\nline  two<br>three", collapse_whitespace=False) == "line one\nline  two\nthree"


def test_looks_like_html():
    assert looks_like_html("<b>x</b>") and looks_like_html("Fish &amp; chips") and looks_like_html("<!-- c -->")
    assert not looks_like_html("x < 3 & y > 2") and not looks_like_html("plain")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_html_to_text_never_raises(text):
    assert isinstance(html_to_text(text), str)
    assert isinstance(html_to_text(text, collapse_whitespace=False), str)


# --------------------------------------------------------------------------- import: the feature file


@pytest.fixture(scope="module")
def features():
    result = gift.import_file(FEATURES)
    return result, {q.id: q for q in result.pack.questions}


def test_feature_file_pack_header_and_validity(features):
    result, _ = features
    assert result.pack.id == "features" and result.pack.title == "features"
    assert result.pack.path == str(FEATURES)
    assert len(result.pack.questions) == 12
    assert errors_in(result.pack) == []


def test_multiple_choice_with_html_and_feedback(features):
    q = features[1]["producer"]
    assert q.type == MULTIPLE_CHOICE and q.line == 4 and q.difficulty == "medium" and q.category == "general"
    assert q.prompt == "Which company was lined up to make the series?"
    assert q.choices == ("Box to Box Films", "QUAD", "NOS") and q.answers == ("Box to Box Films",)
    # The right answer's feedback (escapes resolved) explains it when there is no general feedback.
    assert q.explanation == "Right: makers of Formula 1: Drive to Survive."


def test_multiple_response_categories_and_weights(features):
    q = features[1]["eight-teams"]
    assert q.type == MULTI_SELECT and q.category == "Teams"
    assert q.choices == ("Ineos Grenadiers", "Alpecin-Fenix", "Movistar")
    assert q.answers == ("Ineos Grenadiers", "Alpecin-Fenix")


def test_true_false_forms_and_feedback(features):
    _, qs = features
    assert truth_of(qs["survive"]) is True and qs["survive"].explanation == ""
    assert truth_of(qs["broadcaster"]) is False
    assert qs["broadcaster"].explanation == "Right, it was NOS."  # {FALSE#wrong#right}


@pytest.mark.parametrize(("mark", "value"), [("T", True), ("TRUE", True), ("F", False), ("FALSE", False)])
def test_true_false_marks(mark, value):
    q = one(f"Is this so?{{{mark}}}")
    assert q.type == TRUE_FALSE and truth_of(q) is value


def test_true_false_wrong_feedback_is_the_fallback_explanation():
    assert one("Movistar made Code Yellow.{F#Jumbo-Visma made it.}").explanation == "Jumbo-Visma made it."


def test_short_answer_aliases_partial_credit_and_wildcard(features):
    result, qs = features
    q = qs["roglic"]
    assert q.type == TYPE_IN and q.answers == ("Primož Roglič", "Roglič")
    assert q.explanation == "Code Yellow covered the 2020 Tour."  # general feedback wins
    assert any(w.startswith("Roglic (line 23): left out") and "'Pogačar'" in w for w in result.warnings)


def test_short_answer_without_full_credit_is_skipped():
    result = gift.import_text("::Half:: Who?{=%50%Roglič}", "x.gift")
    assert result.pack.questions == []
    assert result.skipped[0].name == "Half" and "full marks" in result.skipped[0].reason


def test_short_answer_duplicates_folded():
    assert one("Who?{=Roglič =roglič =ROGLIČ =Primož Roglič}").answers == ("Roglič", "Primož Roglič")


def test_numeric_exact_range_and_several_answers(features):
    result, qs = features
    assert (qs["territories"].value, qs["territories"].tolerance) == (190, 0)
    assert (qs["episodes"].low, qs["episodes"].high, qs["episodes"].value) == (6, 10, None)
    minutes = qs["minutes"]
    assert (minutes.value, minutes.tolerance, minutes.explanation) == (45, 5, "spot on")
    assert any(w.startswith("Minutes (line 34):") and "'60:0'" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("#abc", "not a number"),
        ("#1e999", "not a number"),
        ("#5..1", "ends below"),
        ("#3:-1", "negative"),
        ("#", "needs a number"),
        ("#*", "not a number"),
        ("#%50%3", "full marks"),
    ],
)
def test_numeric_problems_are_skipped(answer, reason):
    result = gift.import_text(f"How many?{{{answer}}}", "x.gift")
    assert result.pack.questions == [] and reason in result.skipped[0].reason


def test_numeric_accepts_signs_decimals_and_exponents():
    q = one("Value?{#-2.5e1:.5}")
    assert (q.value, q.tolerance, q.answers) == (-25.0, 0.5, ("-25",))


def test_matching_drops_distractor_with_warning(features):
    result, qs = features
    q = qs["films"]
    assert q.type == MATCHING and q.category == "Documentaries"
    assert q.pairs == (("The Least Expected Day", "Movistar"), ("Code Yellow", "Jumbo-Visma"))
    assert q.answers == ("Movistar", "Jumbo-Visma")
    assert any("'Ineos Grenadiers'" in w and "dropped" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        ("=a -> 1 =b", "no '->'"),
        ("=a -> 1 =a -> 2", "same left side"),
        ("=a -> 1 =b -> 1", "same right side"),
        ("=a -> 1 = -> 2", "at least two pairs"),
        ("=a -> =b -> 2", "nothing after"),
    ],
)
def test_matching_problems_are_skipped(answers, reason):
    result = gift.import_text(f"Match.{{{answers}}}", "x.gift")
    assert result.pack.questions == [] and reason in result.skipped[0].reason


def test_missing_word_gets_a_blank_and_a_numbered_id(features):
    q = features[1]["features-10"]  # the 10th question of the file has no name
    assert q.prompt == "Box to Box Films also produces a series about the _____ Tour."
    assert q.answers == ("ATP",) and q.line == 47


def test_essay_description_and_broken_question_are_skipped_with_lines(features):
    result, _ = features
    skipped = {s.name: s for s in result.skipped}
    assert [(s.name, s.line) for s in result.skipped] == [
        ("Essay", 49),
        ("Broken", 51),
        ("A plain description with no braces at all.", 53),
    ]
    assert "essay" in skipped["Essay"].reason
    assert "never closed" in skipped["Broken"].reason
    assert "description" in skipped["A plain description with no braces at all."].reason


def test_escapes_resolve_to_their_characters(features):
    q = features[1]["escapes"]
    assert q.prompt == "A \\ backslash, a : colon, a # hash, = equals, ~ tilde, {braces}\nand a new line."


def test_repeated_names_get_unique_ids(features):
    assert features[1]["producer-2"].prompt == "Same name again: which streaming giant?"


@pytest.mark.parametrize(
    ("gift_text", "reason"),
    [
        ("Why? }{=a}", "before"),
        ("Why? =a}", "no '{'"),
        ("::N::{=a ~b}", "no text"),
        ("Pick.{=a =b ~c}", "2 answers marked"),
        ("Pick.{=a ~}", "empty"),
        ("Pick.{=a ~a}", "read the same"),
        ("Pick.{~a ~b}", "none is right"),
        ("Pick.{~a}", "at least two"),
    ],
)
def test_malformed_multiple_choice_is_skipped(gift_text, reason):
    result = gift.import_text(gift_text, "x.gift")
    assert result.pack.questions == [] and reason in result.skipped[0].reason


def test_partial_credit_in_single_answer_multiple_choice_warns():
    result = gift.import_text("Pick.{=a ~%50%b ~c}", "x.gift")
    assert result.pack.questions[0].answers == ("a",)
    assert "'b'" in result.warnings[0] and "counts as wrong" in result.warnings[0]


def test_format_markers_choose_how_text_is_read():
    assert one("[plain]<b>Bold</b> &amp; more?{T}").prompt == "<b>Bold</b> &amp; more?"
    assert one("[markdown]**Bold** & more?{T}").prompt == "**Bold** & more?"
    assert one("[html]<p>One</p>\n<p>Two</p>{T}").prompt == "One\n\nTwo"
    assert one("[unknown]kept?{T}").prompt == "[unknown]kept?"


def test_category_and_question_without_blank_line_between():
    result = gift.import_text("$CATEGORY: tom/dick/harry\n::Q:: Harry?{T}\n\n$CATEGORY: $course$/top\nX?{F}", "c.gift")
    assert [(q.category, q.line) for q in result.pack.questions] == [("harry", 2), ("general", 5)]


def test_names_and_comments():
    result = gift.import_text(
        "// comment {not an answer}\n::Code: Yellow::\n// inside\nWho made it?{=Jumbo-Visma ~NOS}", "n.gift"
    )
    [q] = result.pack.questions
    assert (q.id, q.line, q.prompt) == ("code-yellow", 2, "Who made it?")


def test_pack_names_come_from_the_file_name():
    result = gift.import_text("Q?{T}", "some/dir/Tour de France_Quiz.gift.txt")
    assert result.pack.id == "tour-de-france-quiz" and result.pack.title == "Tour de France Quiz"
    assert result.pack.questions[0].id == "tour-de-france-quiz-1"
    assert gift.import_text("Q?{T}", "???.gift").pack.id == "imported"


def test_empty_file_gives_an_empty_pack():
    result = gift.import_text("// only a comment\n\n", "empty.gift")
    assert result.pack.questions == [] and result.skipped == []


def test_file_problems(tmp_path):
    bad = tmp_path / "latin1.gift"
    bad.write_bytes("Q?{T}\n\nCaf\u00e9?{F}".encode("latin-1"))
    with pytest.raises(FileProblem) as err:
        gift.import_file(bad)
    assert err.value.line == 3 and "GIFT format files must use UTF-8" in str(err.value)
    with pytest.raises(FileProblem, match="not found"):
        gift.import_file(tmp_path / "missing.gift")
    with pytest.raises(FileProblem, match="folder"):
        gift.import_file(tmp_path)
    bom = tmp_path / "bom.gift"
    bom.write_bytes(b"\xef\xbb\xbf::B::Q?{T}")
    assert gift.import_file(bom).pack.questions[0].id == "b"


def test_format_is_registered():
    module = get_format("gift")
    assert module is gift and module.NAME == "gift" and module.SUFFIX == ".gift"


# --------------------------------------------------------------------------- export


def test_export_of_each_type():
    pack = load_pack(FIXTURES / "sample-pack.yaml")
    text, result = gift.export_text([pack])
    assert result.written == 6
    assert [(s.name, "ordering" in s.reason) for s in result.skipped] == [("sample-ordering", True)]
    assert "$CATEGORY: $course$/top/Sample pack (one question of each type)/producers\n" in text
    assert "::sample-tf::True or false\\: the fourth series" in text and "March 11.{TRUE}" in text
    assert "\t=Box to Box Films\n\t~QUAD\n" in text
    assert "\t####Box to Box Films, makers of Drive to Survive, were lined up to make it.\n}" in text
    assert "\t~%33.33333%Ineos Grenadiers\n\t~%33.33333%Alpecin-Fenix\n\t~%-100%Movistar\n" in text
    assert "\t=%100%Primož Roglič\n\t=%100%Roglič\n" in text
    assert "according to the announcement?{#190}" in text
    assert "\t=The Least Expected Day -> Movistar\n" in text


def test_export_escapes_and_markers():
    q = Question(
        id="q",
        category="c",
        type=TRUE_FALSE,
        prompt="a:b#c=d~e{f}g\\h\ni",
        answers=("false",),
        explanation="<b>&amp;</b>",
    )
    assert gift.question_to_gift(q) == "::q::a\\:b\\#c\\=d\\~e\\{f\\}g\\\\h\\ni{FALSE####[plain]<b>&amp;</b>}"
    assert gift.escape("x\r\ny") == "x\\ny"


def test_export_numeric_forms():
    exact = Question(id="n", category="c", type=NUMERIC, prompt="P", value=190.0, answers=("190",))
    tol = Question(id="n", category="c", type=NUMERIC, prompt="P", value=-2.5, tolerance=0.5, answers=("-2.5",))
    rng = Question(id="n", category="c", type=NUMERIC, prompt="P", low=6.0, high=10.0, answers=("6..10",))
    assert gift.question_to_gift(exact).endswith("{#190}")
    assert gift.question_to_gift(tol).endswith("{#-2.5:0.5}")
    assert gift.question_to_gift(rng).endswith("{#6..10}")


def test_export_refuses_what_gift_cannot_hold():
    arrow = Question(id="t", category="c", type=TYPE_IN, prompt="P", answers=("a -> b",))
    order = Question(id="o", category="c", type=ORDERING, prompt="P", answers=("a", "b", "c"))
    for q in (arrow, order):
        with pytest.raises(ValueError):
            gift.question_to_gift(q)


def test_export_to_file_and_stdout(tmp_path, capsys):
    pack = load_pack(FIXTURES / "sample-pack.yaml")
    out = tmp_path / "sub" / "sample.gift"
    result = gift.export_packs([pack], out)
    assert result.files == [str(out)] and result.written == 6
    text = out.read_text(encoding="utf-8")
    assert text == gift.export_text([pack])[0]
    assert not list(out.parent.glob("*.tmp"))
    result = gift.export_packs([pack], None)
    assert capsys.readouterr().out == text and result.files == []


# --------------------------------------------------------------------------- round trips

COMPARED = (
    "type",
    "prompt",
    "choices",
    "answers",
    "explanation",
    "category",
    "value",
    "tolerance",
    "low",
    "high",
    "pairs",
    "difficulty",
    "unit",
)


@pytest.mark.parametrize("path", [FIXTURES / "sample-pack.yaml", ESCAPES], ids=["sample", "escapes"])
def test_round_trip_keeps_every_question_gift_can_hold(path, tmp_path):
    pack = load_pack(path)
    out = tmp_path / "round.gift"
    exported = gift.export_packs([pack], out)
    back = gift.import_file(out)
    kept = [q for q in pack.questions if q.type != ORDERING]
    assert exported.written == len(kept) and len(exported.skipped) == len(pack.questions) - len(kept)
    assert back.skipped == [] and back.warnings == []
    assert len(back.pack.questions) == len(kept)
    for before, after in zip(kept, back.pack.questions):
        assert after.id == before.id
        for name in COMPARED:
            assert getattr(after, name) == getattr(before, name), (before.id, name)
    assert errors_in(back.pack) == []


def test_difficulty_and_unit_ride_in_our_comment_line_only():
    pack = load_pack(FIXTURES / "sample-pack.yaml")
    text, _ = gift.export_text([pack])
    assert "// sample-numeric (numeric, medium, unit: territories)\n" in text
    assert "// sample-tf (true_false, easy)\n" in text
    hard = [q.difficulty for q in gift.import_text(text, "x.gift").pack.questions]
    assert hard == [q.difficulty for q in pack.questions if q.type != ORDERING] and "hard" in hard
    # A comment naming another type (the question was edited by hand) or Moodle's own are not ours.
    edited = gift.import_text("// q (multiple_choice, hard)\n::q:: Is it? {TRUE}\n", "x.gift").pack.questions[0]
    assert edited.difficulty == "medium"
    moodle = gift.import_text("// question: 12  name: q\n::q:: How many? {#8}\n", "x.gift").pack.questions[0]
    assert (moodle.difficulty, moodle.unit) == ("medium", "")
    # A comment before a category line does not carry over to the next question.
    carried = gift.import_text("// q (true_false, hard)\n\n$CATEGORY: c\n\n::q:: Is it? {TRUE}\n", "x.gift")
    assert carried.pack.questions[0].difficulty == "medium"


def test_escape_pack_really_uses_the_special_characters():
    text = ESCAPES.read_text(encoding="utf-8")
    for special in (":", "#", "=", "~", "{", "}", "\\\\", "\\n", "<b>", "&amp;", "[html]", "%50%", "->", "/"):
        assert special in text, special


# --------------------------------------------------------------------------- never a traceback

GIFT_BITS = st.sampled_from(
    [
        "{",
        "}",
        "=",
        "~",
        "#",
        "####",
        "->",
        "::",
        "\\",
        "\\{",
        "\\n",
        "%",
        "%50%",
        "%-100%",
        "..",
        ":",
        "\n",
        "\n\n",
        "//",
        "$CATEGORY:",
        "[html]",
        "[plain]",
        "<b>",
        "&amp;",
        "T",
        "FALSE",
        "1e5",
        "-",
        " ",
        "*",
        "x",
        "é",
        "\ufdd0",
    ]
)
SEED_TEXT = FEATURES.read_text(encoding="utf-8")


def _check_import(text: str) -> None:
    try:
        result = gift.import_text(text, "fuzz.gift")
    except QuizError:
        return
    assert errors_in(result.pack) == []
    for skipped in result.skipped:
        assert skipped.reason and skipped.line >= 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(GIFT_BITS, st.text(max_size=5)), max_size=40).map("".join))
def test_random_gift_never_raises(text):
    _check_import(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(SEED_TEXT)), st.integers(0, 20), GIFT_BITS), min_size=1, max_size=6))
def test_mutated_gift_never_raises(edits):
    text = SEED_TEXT
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut :]
    _check_import(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_in_a_file_never_raise(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "bytes.gift"
    path.write_bytes(data)
    try:
        gift.import_file(path)
    except QuizError:
        pass


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(SEED_TEXT)), st.integers(0, 20), GIFT_BITS), max_size=6))
def test_whatever_we_import_exports_and_reads_back_the_same(edits):
    text = SEED_TEXT
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut :]
    try:
        first = gift.import_text(text, "fuzz.gift")
    except QuizError:
        return
    exported, result = gift.export_text([first.pack])
    again = gift.import_text(exported, "fuzz.gift")
    assert again.skipped == [] and len(again.pack.questions) == result.written == len(first.pack.questions)
    for before, after in zip(first.pack.questions, again.pack.questions):
        for name in COMPARED + ("id",):
            assert getattr(after, name) == getattr(before, name), (before.id, name)
