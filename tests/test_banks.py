"""The committed question banks: the done-when numbers, truthfulness, freshness."""

from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS

from quiz.cli import cli
from quiz.facts import check_facts_data, load_facts, quote_in_text
from quiz.model import MATCHING, MULTI_SELECT, MULTIPLE_CHOICE, NUMERIC, ORDERING, QUESTION_TYPES, TRUE_FALSE, TYPE_IN
from quiz.packfile import pack_from_data
from quiz.validate import check_pack_data
from quiz.yamlfile import load_yaml

FACTS = ROOT / "questions" / "facts" / "tdf-docuseries.facts.yaml"
BANK = ROOT / "questions" / "tdf-docuseries.yaml"
MAIN_CATEGORIES = ("teams", "producers", "dates", "prior documentaries")


@pytest.fixture(scope="module")
def base():
    return load_facts(FACTS, SEEDS)


@pytest.fixture(scope="module")
def bank():
    data = load_yaml(BANK)
    assert [p for p in check_pack_data(data, str(BANK)) if p.severity == "error"] == []
    return pack_from_data(data, str(BANK))


def test_facts_file_is_clean_against_the_seeds():
    assert check_facts_data(load_yaml(FACTS), str(FACTS), SEEDS) == []


def test_at_least_200_questions_with_distinct_prompts(bank):
    prompts = [" ".join(q.prompt.casefold().split()) for q in bank.questions]
    assert len(prompts) >= 200
    assert len(set(prompts)) == len(prompts)
    assert len({q.id for q in bank.questions}) == len(bank.questions)


def test_each_main_category_has_at_least_30(bank):
    counts = bank.categories()
    for category in MAIN_CATEGORIES:
        assert counts.get(category, 0) >= 30, (category, counts)


def test_every_type_appears_and_ordering_where_required(bank):
    assert {q.type for q in bank.questions} == set(QUESTION_TYPES)
    ordering = {q.category for q in bank.questions if q.type == ORDERING}
    assert {"dates", "prior documentaries"} <= ordering


def test_every_quote_is_verbatim_in_its_seed(bank):
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.iterdir()}
    for q in bank.questions:
        assert q.source is not None, q.id
        assert quote_in_text(q.source.quote, texts[q.source.seed]), q.id


def test_no_superseded_report_is_stated_as_true(bank, base):
    superseded = {f.id for f in base.facts if f.status == "superseded"}
    assert superseded  # the check below must have something to check
    seen = 0
    for q in bank.questions:
        if not superseded & set(q.facts):
            continue
        seen += 1
        if q.type == TRUE_FALSE:
            assert q.answers == ("false",), q.id
        else:
            # Only a question about what early reports said, answered by the report's mistake.
            assert "early report" in q.prompt, q.id
    assert seen >= 2


def _true_names(base, fact, direction):
    """Names that are true answers for a fact's question in one direction, overlaps included."""
    # Overlapping relations, followed both ways and transitively.
    group, todo = set(), [fact.relation]
    while todo:
        r = todo.pop()
        if r not in group:
            group.add(r)
            todo += list(base.relations[r].overlaps) + [o.id for o in base.relations.values() if r in o.overlaps]
    names = set()
    for f in base.facts:
        if f.status == "superseded" or f.relation not in group or not f.object:
            continue
        if direction == "object" and f.subject == fact.subject:
            names.add(base.entities[f.object].name)
        if direction == "subject" and f.object == fact.object:
            names.add(base.entities[f.subject].name)
    return names


def test_no_distractor_is_also_a_correct_answer(bank, base):
    facts = {f.id: f for f in base.facts}
    checked = 0
    for q in bank.questions:
        if q.type not in (MULTIPLE_CHOICE, MULTI_SELECT):
            continue
        assert len(set(q.choices)) == len(q.choices), q.id
        assert set(q.answers) <= set(q.choices), q.id
        m = re.fullmatch(r"(.+)\.(object|subject)s?-(mc|all)", q.id)
        if not m or facts[m[1]].object == "":
            continue
        truths = _true_names(base, facts[m[1]], m[2])
        wrong = set(q.choices) - set(q.answers)
        assert not wrong & truths, (q.id, wrong & truths)
        checked += 1
    assert checked >= 40


def test_distractor_only_entities_are_never_answers(bank, base):
    only = {e.name for e in base.entities.values() if e.distractor_only}
    for q in bank.questions:
        if q.type in (MULTIPLE_CHOICE, MULTI_SELECT, TYPE_IN, MATCHING):
            assert not only & set(q.answers), q.id


def test_true_false_is_balanced(bank):
    tf = Counter(q.answers[0] for q in bank.questions if q.type == TRUE_FALSE)
    assert tf["true"] and tf["false"]
    assert abs(tf["true"] - tf["false"]) <= max(3, (tf["true"] + tf["false"]) // 10)


def test_every_question_is_complete(bank, base):
    fact_ids = {f.id for f in base.facts}
    for q in bank.questions:
        assert q.category in base.categories and q.difficulty in ("easy", "medium", "hard")
        assert q.facts and set(q.facts) <= fact_ids, q.id
        assert q.explanation[:1].isupper() and q.explanation.endswith("."), q.id
        if q.type == NUMERIC:
            assert q.value is not None
        if q.type == MULTIPLE_CHOICE:
            assert len(q.choices) == 4


def test_type_in_accepts_unaccented_names(bank):
    roglic = [q for q in bank.questions if q.type == TYPE_IN and q.answers[0] == "Primož Roglič"]
    assert roglic and {"Primoz Roglic", "Roglič"} <= set(roglic[0].answers)


def test_generate_check_passes_on_the_committed_banks():
    result = CliRunner().invoke(cli, ["generate", "--check"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


def test_generate_check_names_a_stale_pack(tmp_path):
    facts = tmp_path / "solar.facts.yaml"
    shutil.copy(ROOT / "examples" / "solar-system.facts.yaml", facts)
    shutil.copy(ROOT / "examples" / "solar-system.seed.txt", tmp_path / "solar-system.seed.txt")
    out = tmp_path / "solar.yaml"
    runner = CliRunner()
    missing = runner.invoke(cli, ["generate", str(facts), "-o", str(out), "--check"])
    assert missing.exit_code == 1 and "solar.yaml is missing" in missing.output
    assert runner.invoke(cli, ["generate", str(facts), "-o", str(out)]).exit_code == 0
    assert runner.invoke(cli, ["generate", str(facts), "-o", str(out), "--check"]).exit_code == 0
    out.write_text(out.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    stale = runner.invoke(cli, ["generate", str(facts), "-o", str(out), "--check"])
    assert stale.exit_code == 1 and "solar.yaml is out of date" in stale.output


def test_example_pack_is_up_to_date():
    example = ROOT / "examples" / "solar-system.facts.yaml"
    result = CliRunner().invoke(cli, ["generate", str(example), "-o", str(ROOT / "examples" / "solar-system.yaml"), "--check"])
    assert result.exit_code == 0, result.output


def test_bad_facts_file_gives_located_problems_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.facts.yaml"
    bad.write_text("topic: {id: x, title: X}\ntypes: [a]\nentities: []\nrelations: []\nfacts:\n  - {id: f, subject: nobody}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["generate", str(bad), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{bad}:6:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.yaml").exists()
    broken = tmp_path / "broken.facts.yaml"
    broken.write_text("topic: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["generate", str(broken)])
    assert result.exit_code == 1 and str(broken) in result.output and "Traceback" not in result.output
