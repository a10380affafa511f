"""Which seed sentences the facts quote: the sentence splitter, the measure and `quiz generate --coverage`."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from conftest import ROOT, SEEDS

from quiz.cli import cli
from quiz.coverage import MIN_WORDS, fact_coverage, measure, split_sentences
from quiz.facts import load_facts


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_a_sentence_ends_at_a_closing_mark_before_a_capital():
    assert texts("Netflix made it. Jumbo made another! Did Movistar? Yes.") == [
        "Netflix made it.", "Jumbo made another!", "Did Movistar?", "Yes.",
    ]  # fmt: skip


def test_an_abbreviation_before_a_small_letter_does_not_end_one():
    assert texts("Netflix is partnering with A.S.O. to create a series. Produced by Quadbox, it follows 8 teams.") == [
        "Netflix is partnering with A.S.O. to create a series.",
        "Produced by Quadbox, it follows 8 teams.",
    ]


def test_closing_quotes_stay_with_their_sentence_and_an_opening_quote_starts_one():
    text = "Le Lay said: “It is additive. We believe it.” Then “Another one.” followed."
    assert texts(text) == ["Le Lay said: “It is additive.", "We believe it.”", "Then “Another one.” followed."]


def test_lines_never_run_together_and_a_headline_is_a_sentence():
    text = "Netflix set to land a Tour de France series - AP\n\nThe arguments. The deals hatched and broken.\n- Advertisement -\n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Netflix set to land a Tour de France series - AP", "The arguments.", "The deals hatched and broken.", "- Advertisement -",
    ]  # fmt: skip
    assert [s.line for s in sentences] == [1, 3, 3, 4]
    # "-" is not a word: the headline has ten, the advertisement one.
    assert [s.word_count for s in sentences] == [10, 2, 5, 1]


def test_spans_point_into_the_text():
    text = "First one here. Second one\nthird line."
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


def test_a_quote_covers_a_sentence_with_six_of_its_words_or_all_of_a_short_one():
    text = "One two three four five six seven eight nine ten. Short one here now. Last sentence has exactly six words."
    cov = measure([("a", "s", "three four five six seven eight"), ("b", "s", "here now. Last")], {"s": text})
    seed = cov.seeds[0]
    assert seed.quoted_by == {0: ["a"]}  # "b" holds two words of each of the others, not enough
    cov = measure([("c", "s", "eight nine ten. Short one here now.")], {"s": text})
    # A quote may run across a sentence break: the short one is covered whole; the first only by three words.
    assert cov.seeds[0].quoted_by == {1: ["c"]}
    assert cov.counted == 2 and [s.text for s in cov.missing()] == [
        "One two three four five six seven eight nine ten.",
        "Last sentence has exactly six words.",
    ]


def test_spacing_in_a_quote_does_not_matter():
    cov = measure([("a", "s", "one  two\nthree four five six")], {"s": "One two three four five six seven."})
    assert cov.quoted == 0  # case matters: quotes are word for word
    cov = measure([("a", "s", "two\nthree  four five six seven")], {"s": "One two three four five six seven."})
    assert cov.quoted == 1


def test_the_built_in_facts_quote_at_least_nine_tenths_of_the_seeds():
    base = load_facts(ROOT / "questions" / "facts" / "tdf-docuseries.facts.yaml", SEEDS)
    cov = fact_coverage(base, SEEDS)
    assert cov.unreadable == []
    assert cov.counted >= 45  # the three articles hold about fifty sentences of six words or more
    assert cov.ratio >= 0.9, [s.text for s in cov.missing()]


def test_generate_coverage_lists_what_no_fact_quotes(tmp_path):
    facts = tmp_path / "solar.facts.yaml"
    shutil.copy(ROOT / "examples" / "solar-system.facts.yaml", facts)
    seed = tmp_path / "solar-system.seed.txt"
    shutil.copy(ROOT / "examples" / "solar-system.seed.txt", seed)
    with seed.open("a", encoding="utf-8") as fh:
        fh.write("\nA sentence no fact quotes at all here.\n")
    result = CliRunner().invoke(cli, ["generate", str(facts), "--coverage"])
    assert result.exit_code == 0, result.output
    assert "solar-system.seed.txt:7: not quoted by any fact: “A sentence no fact quotes at all here.”" in result.output
    assert f"seed sentences of {MIN_WORDS} words or more are quoted by a fact" in result.output
    assert not (tmp_path / "solar.pack.yaml").exists()  # --coverage writes nothing
    strict = CliRunner().invoke(cli, ["generate", str(facts), "--coverage", "--min-coverage", "100"])
    assert strict.exit_code == 1 and "is below the 100% asked for" in strict.output


def test_generate_coverage_on_the_built_in_bank():
    result = CliRunner().invoke(cli, ["generate", "--coverage", "--min-coverage", "90"])
    assert result.exit_code == 0, result.output
    assert "the generated pack asks about" in result.output
