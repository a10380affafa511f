"""The question generator: distractors, determinism, truthfulness, balance."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import ROOT

from quiz.facts import facts_from_data, load_facts
from quiz.generator import Generator, generate_pack
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
    exhaustive: true
  - id: debut
    category: dates
    subject: rider
    value: year
    statement: "{subject} made a debut in {value}."
    ask_object: ["In which year did {subject} debut?", "Type the year {subject} debuted."]
    exhaustive: true
facts:
  - {id: ada-red, subject: ada, relation: rode_for, object: red, status: confirmed, source: {seed: s, quote: q}}
  - {id: bo-red, subject: bo, relation: rode_for, object: red, status: confirmed, source: {seed: s, quote: q},
     confusions: [{object: green}]}
  - {id: ed-red, subject: ed, relation: rode_for, object: red, status: confirmed, source: {seed: s2, quote: q}}
  - {id: cy-blue, subject: cy, relation: rode_for, object: blue, status: confirmed, source: {seed: s, quote: q}}
  - {id: cy-green, subject: cy, relation: rode_for, object: green, status: reported, hedge: Reportedly,
     source: {seed: s, quote: q}}
  - {id: di-red-early, subject: di, relation: rode_for, object: red, status: superseded, source: {seed: s, quote: q}}
  - {id: fay-2018, subject: fay, relation: debut, value: 2018, status: confirmed, source: {seed: s, quote: q}}
  - {id: ada-2019, subject: ada, relation: debut, value: 2019, status: confirmed, source: {seed: s, quote: q}}
  - {id: bo-2020, subject: bo, relation: debut, value: 2020, status: confirmed, source: {seed: s, quote: q}}
"""


def pack_of(text: str = FACTS):
    return generate_pack(facts_from_data(parse_yaml(text, "gen"), "gen"))


def candidates_of(text: str = FACTS):
    """Every question the generator drafts, before selection keeps a varied few per fact."""
    return Generator(facts_from_data(parse_yaml(text, "gen"), "gen")).candidates()


def by_id(pack):
    return {q.id: q for q in (pack.questions if hasattr(pack, "questions") else pack)}


def test_distractors_are_entities_of_the_asked_type():
    qs = by_id(candidates_of())
    teams = {"Red Team", "Blue Team", "Green Team", "Gold Team", "Grey Team"}
    riders = {"Ada Lovelace", "Bo Diddley", "Cy Young", "Di Prima", "Ed Ruscha", "Fay Wray", "Gus Grissom"}
    assert set(qs["ada-red.object-mc"].choices) <= teams
    assert set(qs["ada-red.subject-mc"].choices) <= riders
    assert "Rome" not in {c for q in qs.values() for c in q.choices}


def test_multiple_choice_never_holds_a_second_true_answer():
    qs = by_id(candidates_of())
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
    qs = by_id(candidates_of())
    ms = qs["ada-red.subjects-all"]
    assert ms.type == MULTI_SELECT and set(ms.answers) == {"Ada Lovelace", "Bo Diddley", "Ed Ruscha"}
    wrong = set(ms.choices) - set(ms.answers)
    assert wrong and wrong <= {"Cy Young", "Di Prima", "Fay Wray", "Gus Grissom"}


def test_superseded_reports_are_never_stated_as_true():
    pack = candidates_of()
    about_di = [q for q in pack if "di-red-early" in q.facts]
    assert {q.id for q in about_di} == {"di-red-early.false", "di-red-early.superseded-mc"}
    assert by_id(pack)["di-red-early.false"].answers == ("false",)
    sup = by_id(pack)["di-red-early.superseded-mc"]
    assert sup.answers == ("Di Prima",) and "early report" in sup.prompt
    # Its wrong options are the riders really in Red Team, those of the same report first.
    assert set(sup.choices) == {"Di Prima", "Ada Lovelace", "Bo Diddley", "Ed Ruscha"}
    for q in [*pack, *pack_of().questions]:
        if q.type == TRUE_FALSE and q.answers == ("true",):
            assert "di-red-early" not in q.facts


def test_false_statements_come_from_confusions_and_near_years():
    qs = by_id(candidates_of())
    assert qs["bo-red.false-green"].prompt == "True or false: Bo Diddley rode for Green Team."
    assert qs["bo-red.false-green"].answers == ("false",)
    year = qs["ada-2019.false-year"]
    assert year.prompt in (
        "True or false: Ada Lovelace made a debut in 2018.",
        "True or false: Ada Lovelace made a debut in 2020.",
    )


def test_type_in_accepts_aliases_canonical_first():
    qs = by_id(candidates_of())
    assert qs["bo-red.object-typed"].type == TYPE_IN and qs["bo-red.object-typed"].answers == ("Red Team",)
    assert "cy-blue.object-typed" not in qs  # Cy has two true teams: a typed answer would be ambiguous
    assert "ada-red.subject-typed" not in qs  # three riders rode for Red Team
    aliased = by_id(candidates_of(FACTS.replace("name: Cy Young}", "name: Cy Young, aliases: [Cy, cy young, Young]}")))
    # Canonical name first; a repeat differing only in case is dropped.
    assert aliased["cy-blue.subject-typed"].answers == ("Cy Young", "Cy", "Young")
    example = by_id(Generator(load_facts(EXAMPLE)).candidates())
    assert example["uranus-herschel.object-typed"].answers == ("William Herschel", "Herschel")


def test_years_get_near_wrong_years_and_a_numeric_question():
    qs = by_id(candidates_of())
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
        assert q.explanation.rstrip("”").endswith((".", "!")) and q.explanation[0].isupper()
        assert q.difficulty in ("easy", "medium", "hard")


def test_ids_come_from_facts_not_positions():
    before = by_id(candidates_of())
    extra = FACTS.replace(
        "facts:\n",
        "facts:\n  - {id: cy-1999, subject: cy, relation: debut, value: 1999, status: confirmed, source: {seed: s, quote: q}}\n",
    )
    after = by_id(candidates_of(extra))
    for qid in ("ada-red.object-mc", "bo-red.false-green", "ada-2019.object-typed"):
        assert after[qid].prompt == before[qid].prompt and after[qid].answers == before[qid].answers


def test_difficulty_follows_the_stated_rule():
    from quiz.lint import expected_difficulty, familiarity

    pack = pack_of()
    for q, named in zip(pack.questions, familiarity(pack.questions)):
        assert q.difficulty == expected_difficulty(q, named), q.id
    levels = {q.type: q.difficulty for q in pack.questions}
    assert levels[TRUE_FALSE] == "easy"


def test_same_facts_give_byte_identical_packs():
    base = load_facts(EXAMPLE)
    assert dump_pack(generate_pack(base)) == dump_pack(generate_pack(load_facts(EXAMPLE)))


def test_output_does_not_depend_on_hash_seeds():
    code = (
        "import sys\n"
        "from quiz.facts import load_facts\n"
        "from quiz.generator import Generator, generate_pack\n"
        "from quiz.packfile import dump_pack\n"
        f"sys.stdout.write(dump_pack(generate_pack(load_facts({str(EXAMPLE)!r}))))\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        outputs.add(
            subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
        )
    assert len(outputs) == 1 and "questions:" in outputs.pop()


# ------------------------------------------------------------------ the kinds a teacher asks for (issue 14)

KINDS = """\
topic: {id: kinds, title: Kinds, description: A test topic., sources: [{seed: a.txt, called: the early report}, {seed: b.txt, called: the announcement}]}
types: [person, org, doc, team, source, sport]
entities:
  - {id: ann, type: person, kind: executive, name: Ann Lee}
  - {id: bob, type: person, kind: executive, name: Bob Ray}
  - {id: cid, type: person, kind: executive, name: Cid Moss}
  - {id: fred, type: person, kind: f1, name: Fred Fast}
  - {id: gus, type: person, kind: f1, name: Gus Grip, distractor_only: true}
  - {id: hal, type: person, kind: f1, name: Hal Hook, distractor_only: true}
  - {id: ivy, type: person, kind: f1, name: Ivy Inch, distractor_only: true}
  - {id: acme, type: org, name: Acme}
  - {id: bolt, type: org, name: Bolt}
  - {id: duo, type: org, name: Duo Works}
  - {id: x1, type: org, name: Xeno, distractor_only: true}
  - {id: x2, type: org, name: Yarrow, distractor_only: true}
  - {id: x3, type: org, name: Zinc, distractor_only: true}
  - {id: show, type: doc, kind: [racing, f1], name: Speed Show}
  - {id: old1, type: doc, years: 2019, name: Old One}
  - {id: old2, type: doc, years: 2020, name: Old Two}
  - {id: new1, type: doc, years: 2022, name: New One}
  - {id: new2, type: doc, years: 2022, name: New Two}
  - {id: new3, type: doc, years: 2022, name: New Three}
  - {id: plan, type: doc, years: 2022, name: the plan}
  - {id: paper, type: source, name: the paper}
  - {id: writer, type: source, name: the writer}
relations:
  - id: said
    category: quotes
    subject: person
    value: text
    kind: quote
    exhaustive: true
    choices: 3
    statement: "{subject} said: “{value}”"
    ask_object: ["Which of these did {subject} say?"]
    ask_subject: ["Which of the three people quoted said: “{value}”?"]
    match: "Match each person to words they said."
  - id: to_make
    category: makers
    subject: doc
    object: org
    time_frame: 2022
    statement: "{object} was to make {subject}."
    ask_subject: ["What was {object} lined up to make?"]
  - id: hooked_on
    category: fans
    subject: doc
    object: person
    statement: "fans of {subject} are hooked on {object}."
    ask_object: ["on whom are fans of {subject} hooked?"]
  - id: made_by
    category: makers
    subject: doc
    object: org
    exhaustive: true
    tense: past
    statement: "{subject} was made by {object}."
    ask_object: ["Who made {subject}?", "Name whoever made {subject}."]
  - id: why
    category: reasons
    subject: source
    value: text
    kind: reason
    exhaustive: true
    statement: "{subject} says {value}."
  - id: opinion
    category: views
    subject: source
    value: text
    kind: opinion
    exhaustive: true
    statement: "{subject} thinks it is {value}."
  - id: episodes
    category: numbers
    subject: doc
    value: number
    unit: episodes
    exhaustive: true
    statement: "{subject} has {value}."
    ask_object: ["How many episodes does {subject} have?"]
  - id: plan_to
    category: makers
    subject: doc
    object: org
    quiet: true
    statement: "{object} plans {subject}."
facts:
  - {id: ann-1, subject: ann, relation: said, value: We are very proud today., status: confirmed, source: {seed: b.txt, quote: q}}
  - {id: ann-2, subject: ann, relation: said, value: A unique chance for all., status: confirmed, source: {seed: b.txt, quote: q}}
  - {id: bob-1, subject: bob, relation: said, value: Our sport meets new fans., status: confirmed, source: {seed: b.txt, quote: q}}
  - {id: cid-1, subject: cid, relation: said, value: It adds to what we do., status: confirmed, source: {seed: b.txt, quote: q}}
  - {id: cid-2, subject: cid, relation: said, value: A larger audience will come., status: confirmed, source: {seed: b.txt, quote: q}}
  - {id: plan-acme, subject: new1, relation: to_make, object: acme, status: reported, hedge: According to the paper,
     source: {seed: a.txt, quote: q}}
  - {id: old1-bolt, subject: old1, relation: made_by, object: bolt, status: confirmed, source: {seed: a.txt, quote: q}}
  - {id: old2-duo, subject: old2, relation: made_by, object: duo, status: confirmed, source: {seed: a.txt, quote: q}}
  - {id: new2-bolt, subject: new2, relation: to_make, object: bolt, status: confirmed, source: {seed: a.txt, quote: q}}
  - {id: new3-duo, subject: new3, relation: to_make, object: duo, status: confirmed, source: {seed: a.txt, quote: q}}
  - {id: show-fred, subject: show, relation: hooked_on, object: fred, status: reported, hedge: According to the writer,
     source: {seed: a.txt, quote: q}}
  - id: why-pay
    subject: paper
    relation: why
    value: it would use their rights
    status: reported
    hedge: According to the paper
    ask: why would Acme pay the broadcasters?
    statement: Acme would pay the broadcasters because {value}.
    also_true: [why-rights]
    confusions: [{value: it had bought the broadcasters}]
    source: {seed: a.txt, quote: q}
  - id: why-rights
    subject: paper
    relation: why
    value: they hold the rights to the race
    status: reported
    hedge: According to the paper
    ask: why should Acme compensate the broadcasters?
    statement: Acme should compensate the broadcasters because {value}.
    also_true: [why-pay]
    source: {seed: a.txt, quote: q}
  - id: why-sign
    subject: writer
    relation: why
    value: it is a win for everyone
    status: reported
    hedge: According to the writer
    ask: why will the teams sign?
    statement: the teams will sign because {value}.
    source: {seed: a.txt, quote: q}
  - id: why-bus
    subject: writer
    relation: why
    value: fans never see inside the team bus
    status: reported
    hedge: According to the writer
    ask: why does cycling suit a series?
    statement: cycling suits a series because {value}.
    source: {seed: a.txt, quote: q}
  - id: why-power
    subject: writer
    relation: why
    value: it would make the organiser more powerful
    status: reported
    hedge: According to the writer
    ask: why is there a worry?
    statement: there is a worry because {value}.
    source: {seed: a.txt, quote: q}
  - id: hit
    subject: writer
    relation: opinion
    value: a smash hit
    status: reported
    hedge: According to the writer
    ask: what could the series be?
    statement: the series could be {value}.
    wrong: [a slow burner, a cult classic, a niche interest]
    confusions: [{value: a flop}]
    source: {seed: a.txt, quote: q}
  - {id: show-eps, subject: show, relation: episodes, value: 8, status: confirmed, gap: "8",
     source: {seed: b.txt, quote: "Consisting of 8 episodes of 45 minutes"}}
  - {id: acme-plans, subject: plan, relation: plan_to, object: acme, status: confirmed, source: {seed: b.txt, quote: q}}
changes:
  - id: maker-change
    category: makers
    subject: new1
    ask: "Who was to make {subject}, first and then (before → after)?"
    before: {fact: plan-acme, label: Acme alone}
    after: {fact: acme-plans, label: Acme with Bolt}
    wrong: [Bolt alone → Acme alone, Acme alone → Duo Works alone]
"""


# Every fact quotes a sentence of its own, as real facts do.
_NUMBERS = iter(range(100))
KINDS = re.sub(r"quote: q\b", lambda m: f"quote: q{next(_NUMBERS)}", KINDS)


def kinds():
    return Generator(facts_from_data(parse_yaml(KINDS, "kinds"), "kinds")).candidates()


def test_quotes_who_said_it_what_did_they_say_and_match():
    qs = by_id(kinds())
    who = qs["bob-1.subject-mc"]
    assert who.prompt == "Which of the three people quoted said: “Our sport meets new fans.”?"
    assert sorted(who.choices) == ["Ann Lee", "Bob Ray", "Cid Moss"] and who.answers == ("Bob Ray",)
    what = qs["ann-1.object-mc"]
    assert what.prompt == "Which of these did Ann Lee say?"
    # Her own other words are never a wrong option; the others' words are.
    assert "A unique chance for all." not in what.choices and len(what.choices) == 4
    match = qs["said.match"]
    assert dict(match.pairs)["Bob Ray"] == "Our sport meets new fans."
    false = [q for q in qs.values() if q.id.startswith("ann-1.false")]
    assert false and false[0].answers == ("false",) and "Ann Lee said:" in false[0].prompt


def test_changes_between_the_reports_and_the_announcement():
    qs = by_id(kinds())
    mc_ = qs["maker-change.change-mc"]
    assert mc_.answers == ("Acme alone → Acme with Bolt",)
    # Two befores crossed with two afters: every half is in two options, so the commonest halves tell nothing
    # (a blind read found the right change made of the halves the wrong ones repeated).
    assert sorted(mc_.choices) == sorted(["Acme alone → Acme with Bolt", "Acme alone → Duo Works alone",
                                          "Bolt alone → Acme with Bolt", "Bolt alone → Duo Works alone"])  # fmt: skip
    assert mc_.facts == ("plan-acme", "acme-plans")
    # It cites the later, official source, and its explanation quotes both.
    assert mc_.source.seed == "b.txt"
    assert mc_.explanation.startswith("The early report said:") and "The announcement says:" in mc_.explanation
    assert qs["maker-change.change-true"].answers == ("true",) and qs["maker-change.change-false"].answers == ("false",)
    assert "went from Acme with Bolt to Acme alone" in qs["maker-change.change-false"].prompt


def test_reasons_are_asked_why_against_the_other_stated_reasons():
    qs = by_id(kinds())
    why = qs["why-sign.object-mc"]
    assert why.prompt == "According to the writer, why will the teams sign?"
    others = {"it would use their rights", "they hold the rights to the race", "fans never see inside the team bus",
              "it would make the organiser more powerful"}  # fmt: skip
    assert set(why.choices) - {"it is a win for everyone"} <= others
    # A reason that would also answer the question is never a wrong option.
    pay = qs["why-pay.object-mc"]
    assert "they hold the rights to the race" not in pay.choices
    assert (
        qs["why-pay.false-1"].prompt
        == "True or false: According to the paper, Acme would pay the broadcasters because it had bought the broadcasters."
    )


def test_attributed_opinions_and_reported_facts_carry_their_hedge():
    qs = kinds()
    hedged = {"why-pay", "why-rights", "why-sign", "why-bus", "why-power", "hit", "plan-acme", "show-fred"}
    for q in qs:
        if hedged & set(q.facts) and not q.id.startswith("maker-change"):
            assert "According to the" in q.prompt, q.id
    opinion = by_id(qs)["hit.object-mc"]
    assert opinion.prompt == "According to the writer, what could the series be?"
    assert set(opinion.choices) == {"a smash hit", "a slow burner", "a cult classic", "a niche interest"}


def test_an_answer_the_tone_gives_away_is_never_drafted():
    """A blind read failed "a smash hit" against "a flop", "a footnote" and "a gamble": the odd one out."""
    text = KINDS.replace("[a slow burner, a cult classic, a niche interest]", "[a flop, a footnote, a gamble]")
    assert "hit.object-mc" not in by_id(Generator(facts_from_data(parse_yaml(text, "kinds"), "kinds")).candidates())


def test_numbers_in_context_fill_the_gap_in_the_quote():
    gap = by_id(kinds())["show-eps.gap"]
    assert gap.type == NUMERIC and gap.value == 8
    assert gap.prompt == "Fill the gap in the announcement: “Consisting of ___ episodes of 45 minutes”"


def test_a_gap_is_shown_in_its_own_sentence_and_a_quote_explained_in_the_speakers_words():
    """A blind read found "…de France. This is a unique opportunity…": an excerpt cut inside a name,
    and a reveal that named the speaker twice ("X said: “X, Manager…: “We are…")."""
    words = ("Ann Lee, Manager at Acme: “We are very proud to unveil new aspects of the emblematic Tour de France. "
             "This is a unique opportunity to dive into the stories of its inspiring characters!”")  # fmt: skip
    text = KINDS.replace(
        "- {id: ann-2, subject: ann, relation: said, value: A unique chance for all., status: confirmed, "
        "source: {seed: b.txt, quote: q1}}",
        "- {id: ann-2, subject: ann, relation: said, value: This is a unique opportunity, gap: inspiring characters,"
        f" gap_wrong: [long-standing rivalries, legendary climbs, main sponsors], status: confirmed,"
        f" source: {{seed: b.txt, quote: '{words}'}}}}",
    )
    assert text != KINDS
    gap = by_id(Generator(facts_from_data(parse_yaml(text, "kinds"), "kinds")).candidates())["ann-2.gap"]
    assert (
        gap.prompt
        == "Fill the gap in what Ann Lee said: “This is a unique opportunity to dive into the stories of its ___!”"
    )
    assert gap.explanation == (
        "Ann Lee said: “We are very proud to unveil new aspects of the emblematic Tour de France. "
        "This is a unique opportunity to dive into the stories of its inspiring characters!”"
    )


def test_a_long_excerpt_is_never_cut_inside_a_name():
    from quiz.generator import _excerpt

    quote = ("with The Telegraph reporting the streaming giant is currently in discussions with Tour organiser ASO "
             "and eight WorldTour teams.")  # fmt: skip
    assert _excerpt(quote, "eight").startswith("…The Telegraph reporting")
    quote = ("We are proud of this partnership with Netflix, France Télévisions and the Tour de France teams, which will "
             "offer fans a unique immersion. Through a narrative approach, which is additive to the competition itself")  # fmt: skip
    assert _excerpt(quote, "narrative") == "Through a ___ approach, which is additive to the competition itself"


def test_wrong_options_fit_the_time_frame_and_the_kind_in_question():
    qs = by_id(kinds())
    # "lined up to make" speaks of 2022: documentaries known only from before are never offered.
    lined = qs["plan-acme.subject-mc"]
    assert lined.answers == ("New One",) and not {"Old One", "Old Two"} & set(lined.choices)
    # Fred is a Formula 1 person in a question about a racing show: the wrong options are F1 people too.
    hooked = qs["show-fred.object-mc"]
    assert set(hooked.choices) == {"Fred Fast", "Gus Grip", "Hal Hook", "Ivy Inch"}
    assert hooked.prompt == "According to the writer, on whom are fans of Speed Show hooked?"


def test_no_false_statement_without_an_exhaustive_relation():
    qs = kinds()
    # to_make and hooked_on do not say their facts are all there is: nothing in them is stated false
    # (the change from one report to the other is another matter: both sources say what it was).
    statements = [q for q in qs if q.type == TRUE_FALSE and not q.id.startswith("maker-change")]
    assert not [q for q in statements if q.answers == ("false",) and {"plan-acme", "show-fred"} & set(q.facts)]
    # made_by does: another maker is a supported false statement.
    swap = by_id(qs)["old1-bolt.false-swap"]
    assert swap.prompt == "True or false: Old One was made by Duo Works."


def test_quiet_relations_ask_nothing_of_their_own():
    assert not [q for q in kinds() if q.facts == ("acme-plans",)]


def test_instructions_take_the_hedge_at_their_end_and_names_ending_in_s_their_apostrophe():
    from quiz.generator import Generator as G

    assert G.finish("type how one source described it.", "According to the paper") == (
        "Type how one source described it, according to the paper."
    )
    assert G.finish("which team won?", "According to the paper") == "According to the paper, which team won?"
    assert G.finish("A.S.O. is taking part.", "According to Ann") == "According to Ann, A.S.O. is taking part."
    assert (
        G.fill("How did {subject}'s part change?", "France Télévisions") == "How did France Télévisions' part change?"
    )


def test_variety_over_volume():
    pack = generate_pack(facts_from_data(parse_yaml(KINDS, "kinds"), "kinds"))
    per_fact: dict[str, list] = {}
    for q in pack.questions:
        for f in q.facts:
            per_fact.setdefault(f, []).append(q)
    assert max(len(v) for v in per_fact.values()) <= 4
    for fact, asked in per_fact.items():
        statements = [q for q in asked if q.type == TRUE_FALSE and q.facts[0] == fact]
        assert len(statements) <= 1, fact  # a true statement and its false twin say the same thing
    from quiz.lint import findings

    assert findings(pack) == []


def test_the_generated_pack_passes_the_linter_on_the_example():
    from quiz.lint import findings

    assert findings(generate_pack(load_facts(EXAMPLE))) == []


def test_a_superseded_report_is_asked_citing_the_source_that_contradicts_it():
    qs = by_id(candidates_of())
    for qid in ("di-red-early.false", "di-red-early.superseded-mc"):
        q = qs[qid]
        # Only ed-red comes from another source (s2) than the early report (s).
        assert q.source.seed == "s2" and q.facts == ("di-red-early", "ed-red"), qid
        assert "said: “q”" in q.explanation


def test_a_worked_out_figure_is_never_stated_as_true():
    """A blind read's check: "Plan B dates from 2021" cited "…released documentary 'Plan B' last year too".

    A year the cited sentence does not write is asked among options (with the working in the reveal), never
    stated as true; one it writes ("in 2020", "eight", "March 11") is.
    """
    text = FACTS.replace(
        "  - {id: fay-2018, subject: fay, relation: debut, value: 2018, status: confirmed, source: {seed: s, quote: q}}",
        "  - {id: fay-2018, subject: fay, relation: debut, value: 2018, status: confirmed,\n"
        "     source: {seed: s, quote: Fay made a debut last year}}",
    ).replace(
        "  - {id: bo-2020, subject: bo, relation: debut, value: 2020, status: confirmed, source: {seed: s, quote: q}}",
        "  - {id: bo-2020, subject: bo, relation: debut, value: 2020, status: confirmed,\n"
        "     source: {seed: s, quote: Bo made a debut in 2020}}",
    )
    qs = by_id(candidates_of(text))
    assert "fay-2018.true" not in qs and "fay-2018.object-mc" in qs
    assert qs["bo-2020.true"].prompt == "True or false: Bo Diddley made a debut in 2020."


def test_words_quoted_inside_a_quote_take_single_marks():
    """A blind read found “Laurent-Eric Le Lay, …: “As the historic partner…” with one mark never closed."""
    from quiz.generator import _quoted

    assert (
        _quoted("Ann Lee, Manager at Acme: “We are proud of it.") == "“Ann Lee, Manager at Acme: ‘We are proud of it.’”"
    )
    assert _quoted("Ann Lee: “We are proud” of it") == "“Ann Lee: ‘We are proud’ of it”."
    assert _quoted("Movistar’s trials") == "“Movistar’s trials”."
