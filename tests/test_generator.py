"""The question generator: distractors, determinism, truthfulness, balance."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

from quiz.facts import facts_from_data, load_facts
from quiz.generator import generate_pack
from quiz.model import MATCHING, MULTI_SELECT, MULTIPLE_CHOICE, NUMERIC, ORDERING, TRUE_FALSE, TYPE_IN
from quiz.packfile import dump_pack
from quiz.yamlfile import parse_yaml

EXAMPLE = ROOT / "examples" / "solar-system.facts.yaml"

# Two riders share a team (two true subjects), one rider has two teams (two true
# objects), and an early report was superseded.
FACTS = """\
topic: {id: gen, title: Gen}
types: [rider, team, city]
entities:
  - {id: ada, type: rider, name: Ada Lovelace, aliases: [Ada, Lovelace]}
  - {id: bo, type: rider, name: Bo Diddley}
  - {id: cy, type: rider, name: Cy Young}
  - {id: di, type: rider, name: Di Prima}
  - {id: ed, type: rider, name: Ed Ruscha}
  - {id: fay, type: rider, name: Fay Wray}
  - {id: gus, type: rider, name: Gus Grissom}
  - {id: red, type: team, name: Red Team}
  - {id: blue, type: team, name: Blue Team}
  - {id: green, type: team, name: Green Team}
  - {id: gold, type: team, name: Gold Team, distractor_only: true}
  - {id: grey, type: team, name: Grey Team, distractor_only: true}
  - {id: rome, type: city, name: Rome}
relations:
  - id: rode_for
    category: teams
    subject: rider
    object: team
    statement: "{subject} rode for {object}."
    ask_object: ["Which of these teams did {subject} ride for?", "Name the team {subject} rode for."]
    ask_subject: ["Which of these riders rode for {object}?", "Name the rider who rode for {object}."]
    ask_all_subjects: "Pick every rider of {object}."
    ask_all_objects: "Pick every team {subject} rode for."
    ask_superseded: ["Which rider, placed in {object} by an early report, never rode for it?"]
  - id: debut
    category: dates
    subject: rider
    value: year
    statement: "{subject} made a debut in {value}."
    ask_object: ["In which year did {subject} debut?", "Type the year {subject} debuted."]
facts:
  - {id: ada-red, subject: ada, relation: rode_for, object: red, status: confirmed, source: {seed: s, quote: q}}
  - {id: bo-red, subject: bo, relation: rode_for, object: red, status: confirmed, source: {seed: s, quote: q},
     confusions: [{object: green}]}
  - {id: ed-red, subject: ed, relation: rode_for, object: red, status: confirmed, source: {seed: s2, quote: q}}
  - {id: cy-blue, subject: cy, relation: rode_for, object: blue, status: confirmed, source: {seed: s, quote: q}}
  - {id: cy-green, subject: cy, relation: rode_for, object: green, status: reported, source: {seed: s, quote: q}}
  - {id: di-red-early, subject: di, relation: rode_for, object: red, status: superseded, source: {seed: s, quote: q}}
  - {id: fay-2018, subject: fay, relation: debut, value: 2018, status: confirmed, source: {seed: s, quote: q}}
  - {id: ada-2019, subject: ada, relation: debut, value: 2019, status: confirmed, source: {seed: s, quote: q}}
  - {id: bo-2020, subject: bo, relation: debut, value: 2020, status: confirmed, source: {seed: s, quote: q}}
"""


def pack_of(text: str = FACTS):
    return generate_pack(facts_from_data(parse_yaml(text, "gen"), "gen"))


def by_id(pack):
    return {q.id: q for q in pack.questions}


def test_distractors_are_entities_of_the_asked_type():
    qs = by_id(pack_of())
    teams = {"Red Team", "Blue Team", "Green Team", "Gold Team", "Grey Team"}
    riders = {"Ada Lovelace", "Bo Diddley", "Cy Young", "Di Prima", "Ed Ruscha", "Fay Wray", "Gus Grissom"}
    assert set(qs["ada-red.object-mc"].choices) <= teams
    assert set(qs["ada-red.subject-mc"].choices) <= riders
    assert "Rome" not in {c for q in qs.values() for c in q.choices}


def test_multiple_choice_never_holds_a_second_true_answer():
    qs = by_id(pack_of())
    # Ada, Bo and Ed all rode for Red Team: only one of them may be offered.
    red = qs["ada-red.subject-mc"]
    assert red.answers == ("Ada Lovelace",) and not {"Bo Diddley", "Ed Ruscha"} & set(red.choices)
    # Cy rode for Blue and (reportedly) Green: only one of them may be offered.
    cy = qs["cy-blue.object-mc"]
    assert cy.answers == ("Blue Team",) and "Green Team" not in cy.choices
    for q in qs.values():
        if q.type == MULTIPLE_CHOICE:
            assert len(q.choices) == 4 and len(set(q.choices)) == 4 and q.answers[0] in q.choices


def test_pick_all_has_every_offered_truth_and_a_wrong_option():
    qs = by_id(pack_of())
    ms = qs["ada-red.subjects-all"]
    assert ms.type == MULTI_SELECT and set(ms.answers) == {"Ada Lovelace", "Bo Diddley", "Ed Ruscha"}
    wrong = set(ms.choices) - set(ms.answers)
    assert wrong and wrong <= {"Cy Young", "Di Prima", "Fay Wray", "Gus Grissom"}


def test_superseded_reports_are_never_stated_as_true():
    pack = pack_of()
    about_di = [q for q in pack.questions if "di-red-early" in q.facts]
    assert {q.id for q in about_di} == {"di-red-early.false", "di-red-early.superseded-mc"}
    assert by_id(pack)["di-red-early.false"].answers == ("false",)
    sup = by_id(pack)["di-red-early.superseded-mc"]
    assert sup.answers == ("Di Prima",) and "early report" in sup.prompt
    # Its wrong options are the riders really in Red Team, those of the same report first.
    assert set(sup.choices) == {"Di Prima", "Ada Lovelace", "Bo Diddley", "Ed Ruscha"}
    for q in pack.questions:
        if q.type == TRUE_FALSE and q.answers == ("true",):
            assert "di-red-early" not in q.facts


def test_false_statements_come_from_confusions_and_near_years():
    qs = by_id(pack_of())
    assert qs["bo-red.false-green"].prompt == "True or false: Bo Diddley rode for Green Team."
    assert qs["bo-red.false-green"].answers == ("false",)
    year = qs["ada-2019.false-year"]
    assert year.prompt in ("True or false: Ada Lovelace made a debut in 2018.", "True or false: Ada Lovelace made a debut in 2020.")


def test_type_in_accepts_aliases_canonical_first():
    qs = by_id(pack_of())
    assert qs["bo-red.object-typed"].type == TYPE_IN and qs["bo-red.object-typed"].answers == ("Red Team",)
    assert "cy-blue.object-typed" not in qs  # Cy has two true teams: a typed answer would be ambiguous
    assert "ada-red.subject-typed" not in qs  # three riders rode for Red Team
    aliased = by_id(pack_of(FACTS.replace("name: Cy Young}", "name: Cy Young, aliases: [Cy, cy young, Young]}")))
    # Canonical name first; a repeat differing only in case is dropped.
    assert aliased["cy-blue.subject-typed"].answers == ("Cy Young", "Cy", "Young")
    example = by_id(generate_pack(load_facts(EXAMPLE)))
    assert example["uranus-herschel.object-typed"].answers == ("William Herschel", "Herschel")


def test_years_get_near_wrong_years_and_a_numeric_question():
    qs = by_id(pack_of())
    mc = qs["ada-2019.object-mc"]
    assert mc.answers == ("2019",) and all(abs(int(c) - 2019) <= 3 for c in mc.choices)
    assert list(mc.choices) == sorted(mc.choices)
    num = qs["ada-2019.object-typed"]
    assert num.type == NUMERIC and num.value == 2019 and num.tolerance == 0


def test_true_false_is_balanced_on_the_example():
    pack = generate_pack(load_facts(EXAMPLE))
    tf = [q.answers[0] for q in pack.questions if q.type == TRUE_FALSE]
    assert tf.count("true") and tf.count("false")
    assert abs(tf.count("true") - tf.count("false")) <= max(1, len(tf) // 10)


def test_ordering_and_matching_on_the_example():
    qs = by_id(generate_pack(load_facts(EXAMPLE)))
    order = qs["discoveries-order.order"]
    assert order.type == ORDERING and order.answers[0] == "William Herschel discovers Uranus"
    match = qs["orbits.match"]
    assert match.type == MATCHING and ("Titan", "Saturn") in match.pairs
    # Mars has two moons, so only one of them can be in a pairing.
    assert [left for left, _ in match.pairs].count("Phobos") + [left for left, _ in match.pairs].count("Deimos") == 1


def test_every_question_names_its_facts_and_source():
    pack = generate_pack(load_facts(EXAMPLE))
    fact_ids = {f.id for f in load_facts(EXAMPLE).facts}
    for q in pack.questions:
        assert q.facts and set(q.facts) <= fact_ids
        assert q.source is not None and q.source.seed == "solar-system.seed.txt"
        assert q.explanation.endswith(".") and q.explanation[0].isupper()
        assert q.difficulty in ("easy", "medium", "hard")


def test_ids_come_from_facts_not_positions():
    before = by_id(pack_of())
    extra = FACTS.replace("facts:\n", "facts:\n  - {id: cy-1999, subject: cy, relation: debut, value: 1999, status: confirmed, source: {seed: s, quote: q}}\n")
    after = by_id(pack_of(extra))
    for qid in ("ada-red.object-mc", "bo-red.false-green", "ada-2019.object-typed"):
        assert after[qid].prompt == before[qid].prompt and after[qid].answers == before[qid].answers


def test_difficulty_follows_the_stated_rule():
    qs = by_id(pack_of())
    assert qs["ada-red.object-mc"].difficulty == "easy"  # Red Team is named by three true facts
    assert qs["cy-blue.object-mc"].difficulty == "medium"  # Blue Team by only one: obscure
    assert qs["cy-blue.subject-typed"].difficulty == "hard"
    assert qs["ada-red.subjects-all"].difficulty == "medium"  # no single entity to find obscure


def test_same_facts_give_byte_identical_packs():
    base = load_facts(EXAMPLE)
    assert dump_pack(generate_pack(base)) == dump_pack(generate_pack(load_facts(EXAMPLE)))


def test_output_does_not_depend_on_hash_seeds():
    code = (
        "import sys\n"
        "from quiz.facts import load_facts\n"
        "from quiz.generator import generate_pack\n"
        "from quiz.packfile import dump_pack\n"
        f"sys.stdout.write(dump_pack(generate_pack(load_facts({str(EXAMPLE)!r}))))\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        outputs.add(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout)
    assert len(outputs) == 1 and "questions:" in outputs.pop()
