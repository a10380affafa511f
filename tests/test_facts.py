"""Facts files: loading, and every kind of problem reported at its line and column."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.errors import FileProblem
from quiz.facts import (
    FactsInvalid,
    check_facts_data,
    facts_from_data,
    format_value,
    load_facts,
    normalize_date,
    quote_in_text,
)
from quiz.yamlfile import parse_yaml

SEED = "Ada rode for Red Team in 2020. Bo rode for Blue Team.\nThe race is  long."

# Line numbers below are counted in this text (line 1 is "topic:").
MINI = """\
topic:
  id: mini
  title: Mini
types: [rider, team]
categories: [teams, dates]
entities:
  - {id: ada, type: rider, name: Ada}
  - {id: bo, type: rider, name: Bo}
  - {id: red, type: team, name: Red Team}
  - {id: blue, type: team, name: Blue Team}
  - {id: green, type: team, name: Green Team, distractor_only: true}
relations:
  - id: rode_for
    category: teams
    subject: rider
    object: team
    statement: "{subject} rode for {object}."
    ask_object: ["Which team did {subject} ride for?"]
  - id: rode_in
    category: dates
    subject: rider
    value: year
    statement: "{subject} rode in {value}."
facts:
  - id: ada-red
    subject: ada
    relation: rode_for
    object: red
    status: confirmed
    source: {seed: seed.txt, quote: Ada rode for Red Team}
  - id: ada-2020
    subject: ada
    relation: rode_in
    value: 2020
    status: confirmed
    source: {seed: seed.txt, quote: "Ada rode for Red Team in 2020."}
  - id: bo-blue
    subject: bo
    relation: rode_for
    object: blue
    status: confirmed
    source: {seed: seed.txt, quote: Bo rode for Blue Team.}
"""


def problems(text: str, seeds=None, name: str = "mini.facts.yaml"):
    return check_facts_data(parse_yaml(text, name), name, seeds)


def only(text: str, seeds=None):
    found = problems(text, seeds)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED, encoding="utf-8")
    (folder / "seed2.txt").write_text(SEED, encoding="utf-8")  # a second source, for changes between two
    return folder


def test_the_mini_file_is_clean(seeds):
    assert problems(MINI, seeds) == []


def test_loads_into_dataclasses(tmp_path, seeds):
    path = tmp_path / "mini.facts.yaml"
    path.write_text(MINI, encoding="utf-8")
    base = load_facts(path, seeds)
    assert base.topic.id == "mini"
    assert base.categories == ("teams", "dates")
    assert [f.id for f in base.facts] == ["ada-red", "ada-2020", "bo-blue"]
    assert base.facts[1].value == 2020 and base.facts[0].object == "red"
    assert base.entities["green"].distractor_only
    assert base.relations["rode_for"].ask_object == ("Which team did {subject} ride for?",)


def test_unknown_entity_is_reported_at_its_line():
    p = only(MINI.replace("    subject: bo\n", "    subject: bob\n"))
    assert (p.line, p.column) == (38, 14)
    assert "unknown entity 'bob'" in p.message


def test_wrong_entity_type_for_the_relation():
    p = only(MINI.replace("    object: red\n", "    object: ada\n"))
    assert p.line == 28 and "'ada' is a rider, but 'rode_for' needs a team as object" in p.message


def test_distractor_only_entity_cannot_be_an_answer():
    p = only(MINI.replace("    object: blue\n", "    object: green\n"))
    assert p.line == 40 and "distractor-only" in p.message


def test_distractor_only_entity_cannot_be_a_subject():
    text = MINI.replace(
        "  - {id: green, type: team, name: Green Team, distractor_only: true}",
        "  - {id: green, type: rider, name: Green, distractor_only: true}",
    )
    text = text.replace("    subject: bo\n", "    subject: green\n")
    p = only(text)
    assert p.line == 38 and "cannot be the subject of a fact" in p.message


def test_missing_source_is_reported_on_the_fact():
    p = only(MINI.replace("    source: {seed: seed.txt, quote: Bo rode for Blue Team.}\n", ""))
    assert p.line == 37 and "has no source" in p.message


def test_quote_not_in_the_seed(seeds):
    p = only(MINI.replace("quote: Bo rode for Blue Team.", "quote: Bo rode for Green Team."), seeds)
    assert p.line == 42 and "not word for word in seed.txt" in p.message


def test_quote_spacing_does_not_matter(seeds):
    text = MINI.replace("quote: Bo rode for Blue Team.", 'quote: "Bo rode  for Blue\n      Team."')
    assert problems(text, seeds) == []


def test_missing_seed_file(seeds):
    p = only(MINI.replace("{seed: seed.txt, quote: Bo", "{seed: other.txt, quote: Bo"), seeds)
    assert p.line == 42 and "seed file 'other.txt' not found" in p.message


def test_quotes_are_not_checked_without_seeds():
    assert problems(MINI.replace("quote: Bo rode for Blue Team.", "quote: anything")) == []


def test_a_seed_beside_the_facts_file_is_found(tmp_path):
    (tmp_path / "seed.txt").write_text(SEED, encoding="utf-8")
    name = str(tmp_path / "mini.facts.yaml")
    bad = MINI.replace("quote: Bo rode for Blue Team.", "quote: Bo rode for Green Team.")
    found = check_facts_data(parse_yaml(bad, name), name)
    assert [p.line for p in found] == [42]


def test_duplicate_fact_id():
    p = only(MINI.replace("  - id: bo-blue\n", "  - id: ada-red\n"))
    assert p.line == 37 and "duplicate fact id 'ada-red' (first used on line 25)" in p.message


def test_duplicate_entity_id():
    p = only(
        MINI.replace(
            "{id: bo, type: rider, name: Bo}", "{id: bo, type: rider, name: Bo}\n  - {id: bo, type: rider, name: Bob}"
        )
    )
    assert p.line == 9 and "duplicate entity id 'bo'" in p.message


def test_unknown_relation():
    p = only(MINI.replace("    relation: rode_in\n", "    relation: rides_in\n"))
    assert p.line == 33 and "unknown relation 'rides_in'" in p.message


def test_value_of_the_wrong_kind():
    p = only(MINI.replace("    value: 2020\n", "    value: last year\n"))
    assert p.line == 34 and "needs a year like 2020" in p.message


def test_object_given_where_a_value_is_needed():
    found = problems(MINI.replace("    value: 2020\n", "    object: red\n"))
    assert {p.line for p in found} == {31, 34}
    assert any("give a 'value', not an 'object'" in p.message for p in found)


def test_bad_status():
    p = only(
        MINI.replace(
            "    status: confirmed\n    source: {seed: seed.txt, quote: Bo",
            "    status: rumoured\n    source: {seed: seed.txt, quote: Bo",
        )
    )
    assert p.line == 41 and "'status' must be one of confirmed, reported, superseded" in p.message


def test_unknown_placeholder_in_a_template():
    found = problems(MINI.replace('"{subject} rode in {value}."', '"{subject} rode in {year}."'))
    assert [(p.line, p.column) for p in found] == [(23, 16), (23, 16)]
    assert "uses {year}" in found[0].message and "must mention {value}" in found[1].message


def test_unknown_entity_type():
    found = problems(MINI.replace("{id: ada, type: rider, name: Ada}", "{id: ada, type: ryder, name: Ada}"))
    assert (found[0].line, found[0].column) == (7, 21) and "unknown entity type 'ryder'" in found[0].message
    # ...and each fact whose subject it is now has the wrong type.
    assert [p.line for p in found[1:]] == [26, 32]


EXHAUSTIVE = MINI.replace(
    "    object: team\n", "    object: team\n    exhaustive: true\n"
)  # every line after 16 moves one down


def test_confusion_that_is_true_cannot_make_a_false_statement():
    text = EXHAUSTIVE.replace("    object: red\n", "    object: red\n    confusions: [{object: red}]\n")
    p = only(text)
    assert p.line == 30 and "is a true answer here" in p.message


def test_ordering_needs_distinct_years():
    text = MINI + (
        "orderings:\n  - id: o\n    category: dates\n    prompt: Order them.\n    facts: [ada-2020, ada-2020, nope]\n"
    )
    found = problems(text)
    messages = " | ".join(p.message for p in found)
    assert "unknown fact 'nope'" in messages and "same year" in messages and "needs an 'event' label" in messages
    assert all(p.line == 47 for p in found)


def test_missing_sections_and_not_a_mapping():
    assert "is a mapping" in problems("- just a list")[0].message
    found = problems("topic: {id: x, title: X}\ntypes: [a]\n")
    assert {p.message for p in found} >= {"the 'entities' section is missing", "the 'facts' section is missing"}


def test_every_problem_is_reported_not_just_the_first():
    text = MINI.replace("    subject: bo\n", "    subject: bob\n").replace("    value: 2020\n", "    value: soon\n")
    text = text.replace("  - id: bo-blue\n", "  - id: ada-red\n")
    assert len(problems(text)) == 3


def test_load_facts_raises_with_every_problem(tmp_path):
    path = tmp_path / "bad.facts.yaml"
    path.write_text(MINI.replace("    subject: bo\n", "    subject: bob\n"), encoding="utf-8")
    with pytest.raises(FactsInvalid) as info:
        load_facts(path)
    assert str(info.value.problems[0]).startswith(f"{path}:38:14: unknown entity")


def test_bad_yaml_is_a_file_problem_with_a_line(tmp_path):
    path = tmp_path / "broken.facts.yaml"
    path.write_text("topic: [unclosed\ntypes: []\n", encoding="utf-8")
    with pytest.raises(FileProblem) as info:
        load_facts(path)
    assert info.value.line >= 1


def test_dates_and_values_format():
    assert normalize_date("2022-03-04") == "2022-03-04"
    assert normalize_date("03-11") == "--03-11"
    assert normalize_date("2022-02-30") == ""
    assert format_value("date", "--03-11") == "March 11"
    assert format_value("date", "2022-03-04") == "March 4, 2022"
    assert format_value("number", 45, "minutes") == "45 minutes"
    assert quote_in_text("a  b\nc", "x a b c y") and not quote_in_text("a c", "a b c")


def test_facts_from_data_keeps_file_order():
    base = facts_from_data(parse_yaml(MINI, "m"), "m")
    assert list(base.entities) == ["ada", "bo", "red", "blue", "green"]


def test_unknown_confusion_field_catches_an_unquoted_comma():
    text = EXHAUSTIVE.replace(
        "    object: red\n", "    object: red\n    confusions: [{object: blue, note: a swap, really}]\n"
    )
    p = only(text)
    assert p.line == 30 and "unknown confusion field 'really'" in p.message


def test_committed_facts_files_match_the_json_schema():
    import json

    import jsonschema
    from conftest import ROOT

    schema = json.loads((ROOT / "quiz" / "schema" / "facts.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in [
        *sorted((ROOT / "questions" / "facts").glob("*.facts.yaml")),
        ROOT / "examples" / "solar-system.facts.yaml",
    ]:
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_plain(load_yaml_file(path))))
        assert errors == [], (path.name, [e.message for e in errors[:3]])


def load_yaml_file(path):
    from quiz.yamlfile import load_yaml

    return load_yaml(path)


def _plain(node):
    """LineDict/LineList as plain dicts and lists, as jsonschema expects."""
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


@pytest.mark.parametrize("section", ["entities", "relations", "facts"])
def test_an_item_that_is_not_a_mapping_is_reported_at_its_own_line(seeds, section):
    lines = MINI.splitlines()
    at = lines.index(f"{section}:")
    text = "\n".join(lines[: at + 1] + ["  - 42"] + lines[at + 1 :]) + "\n"
    found = [p for p in problems(text, seeds) if "is a mapping with" in p.message]
    assert [(p.line, p.column) for p in found] == [(at + 2, 5)]


# ------------------------------------------------------------------ what supports a question (issue 14)

# A second file whose relations use the newer keys; each test breaks one thing.
RICH = """\
topic: {id: rich, title: Rich, as_of: 2022, sources: [{seed: seed.txt, title: T, called: the seed}]}
types: [rider, team, doc, source, person]
categories: [teams, quotes, why]
entities:
  - {id: ada, type: rider, name: Ada}
  - {id: red, type: team, name: Red Team, kind: [pro]}
  - {id: blue, type: team, name: Blue Team, kind: pro, years: [2019, 2020]}
  - {id: film, type: doc, name: Film, years: 2020}
  - {id: paper, type: source, name: the paper}
  - {id: cy, type: person, name: Cy}
relations:
  - id: rode_for
    category: teams
    subject: rider
    object: team
    exhaustive: true
    time_frame: [2019, 2022]
    choices: 3
    statement: "{subject} rode for {object}."
    ask_object: ["Which team did {subject} ride for?"]
  - id: filmed
    category: teams
    subject: doc
    object: team
    tense: past
    hedged: true
    statement: "{subject} reportedly filmed {object}."
  - id: said
    category: quotes
    subject: person
    value: text
    kind: quote
    statement: "{subject} said: {value}"
  - id: why
    category: why
    subject: source
    value: text
    kind: reason
    exhaustive: true
    statement: "{subject} says: {value}."
facts:
  - id: ada-red
    subject: ada
    relation: rode_for
    object: red
    status: reported
    hedge: According to the paper
    gap: Red Team
    gap_wrong: [Blue Team, Gold Team]
    confusions: [{object: blue}]
    source: {seed: seed.txt, quote: Ada rode for Red Team in 2020.}
  - id: film-blue
    subject: film
    relation: filmed
    object: blue
    status: reported
    source: {seed: seed.txt, quote: Bo rode for Blue Team.}
  - id: cy-said
    subject: cy
    relation: said
    value: The race is long.
    status: confirmed
    source: {seed: seed2.txt, quote: The race is  long.}
  - id: why-long
    subject: paper
    relation: why
    category: why
    value: the race is long
    status: confirmed
    ask: Why did Ada ride?
    statement: Ada rode because {value}.
    also_true: [why-short]
    wrong: [she was paid]
    source: {seed: seed.txt, quote: The race is  long.}
  - id: why-short
    subject: paper
    relation: why
    value: Bo rode too
    status: confirmed
    ask: Why did Bo ride?
    statement: Bo rode because {value}.
    source: {seed: seed.txt, quote: Bo rode for Blue Team.}
changes:
  - id: ada-change
    category: teams
    subject: ada
    ask: "How did {subject}'s team change (before → after)?"
    before: {fact: film-blue, label: in the film}
    after: {fact: cy-said, label: quoted}
    wrong: [a → b, c → d]
"""


def rich(seeds, old: str = "", new: str = "", count: int = 1):
    text = RICH
    if old:
        assert text.count(old) == count, old
        text = text.replace(old, new)
    return [p.message for p in problems(text, seeds, "rich.facts.yaml")]


def test_the_rich_file_is_clean_and_loads(seeds):
    assert rich(seeds) == []
    base = facts_from_data(parse_yaml(RICH, "rich"), "rich")
    assert base.as_of == 2022 and base.seed_names == {"seed.txt": "the seed"}
    assert "called" not in base.topic.sources[0]
    assert base.entities["red"].kind == ("pro",) and base.entities["blue"].years == (2019, 2020)
    assert base.entities["film"].years == (2020, 2020)
    rel = base.relations["rode_for"]
    assert rel.exhaustive and rel.time_frame == (2019, 2022) and rel.choices == 3
    assert base.relations["filmed"].hedged and base.relations["filmed"].tense == "past"
    assert base.relations["why"].kind == "reason"
    fact = base.facts[0]
    assert (fact.hedge, fact.gap, fact.gap_wrong) == ("According to the paper", "Red Team", ("Blue Team", "Gold Team"))
    why = base.facts[3]
    assert why.ask == ("Why did Ada ride?",) and why.also_true == ("why-short",) and why.wrong == ("she was paid",)
    assert why.category == "why" and why.statement == "Ada rode because {value}."
    change = base.changes[0]
    assert (change.before_fact, change.before, change.after_fact, change.after) == (
        "film-blue",
        "in the film",
        "cy-said",
        "quoted",
    )


def test_a_confusion_needs_an_exhaustive_relation(seeds):
    found = rich(seeds, "    exhaustive: true\n    time_frame", "    time_frame")
    assert any("mark 'rode_for' exhaustive: true" in m for m in found)


def test_a_reported_fact_needs_its_hedge(seeds):
    found = rich(seeds, "    hedge: According to the paper\n", "")
    assert any("a reported fact is asked with its hedge" in m for m in found)
    assert rich(seeds, "hedge: According to the paper", "hedge: Quite possibly") == [
        "a hedge must say who says so or that it is reported ('According to Telegraph Sport', 'Reportedly')"
    ]


def test_a_hedged_relation_carries_its_hedge_in_every_template(seeds):
    assert any(
        "must carry its hedge" in m
        for m in rich(seeds, "{subject} reportedly filmed {object}.", "{subject} filmed {object}.")
    )


def test_an_opinion_is_always_attributed(seeds):
    found = rich(seeds, "    kind: quote\n", "    kind: opinion\n")
    assert "an opinion is always attributed: give this fact a 'hedge' naming whose it is" in found


def test_a_reason_is_asked_why(seeds):
    assert any("asked as a 'why' question" in m for m in rich(seeds, "ask: Why did Ada ride?", "ask: What did Ada do?"))


def test_a_quote_is_word_for_word(seeds):
    assert rich(seeds, "value: The race is long.", "value: The race is short.") == [
        "a quote's value must be word for word in the fact's source quote"
    ]


def test_relation_kinds_hold_text(seeds):
    found = rich(seeds, "    kind: quote\n", "    kind: gossip\n")
    assert "'kind' must be one of quote, reason, opinion" in found


def test_gaps(seeds):
    assert any("exactly once" in m for m in rich(seeds, "gap: Red Team", "gap: Gold Team"))
    assert any(
        "cannot be the gap itself" in m
        for m in rich(seeds, "gap_wrong: [Blue Team, Gold Team]", "gap_wrong: [Red Team]")
    )
    assert any("needs a 'gap'" in m for m in rich(seeds, "    gap: Red Team\n", ""))


def test_also_true_and_wrong(seeds):
    assert any("unknown fact 'why-tall'" in m for m in rich(seeds, "also_true: [why-short]", "also_true: [why-tall]"))
    assert any("is of another relation" in m for m in rich(seeds, "also_true: [why-short]", "also_true: [cy-said]"))
    found = rich(seeds, "    gap: Red Team\n", "    wrong: [Blue Team]\n    gap: Red Team\n")
    assert any("wrong options come from its entities" in m for m in found)


def test_a_fact_own_question_and_statement(seeds):
    assert any("uses {value}" in m for m in rich(seeds, "ask: Why did Ada ride?", "ask: Why did Ada ride, {value}?"))
    assert any(
        "must mention {value}" in m for m in rich(seeds, "statement: Ada rode because {value}.", "statement: Ada rode.")
    )
    assert any(
        "unknown category 'how'" in m
        for m in rich(seeds, "    category: why\n    value: the race", "    category: how\n    value: the race")
    )


def test_changes_are_checked(seeds):
    assert any(
        "unknown fact 'nope'" in m for m in rich(seeds, "{fact: cy-said, label: quoted}", "{fact: nope, label: quoted}")
    )
    found = rich(seeds, "{fact: cy-said, label: quoted}", "{fact: ada-red, label: quoted}")
    assert "a change ends at the official word: the 'after' fact must be confirmed" in found
    assert "a change is between two sources: 'before' and 'after' facts quote the same seed" in found
    assert any("at least two wrong answers" in m for m in rich(seeds, "wrong: [a → b, c → d]", "wrong: [a → b]"))
    assert any(
        "unknown change field 'because'" in m
        for m in rich(seeds, "    wrong: [a → b", "    because: x\n    wrong: [a → b")
    )


def test_what_ended_before_as_of_is_spoken_of_in_the_past(seeds):
    found = rich(seeds, "    tense: past\n    hedged: true", "    hedged: true")
    assert (
        "'film' ended in 2020, before 2022 (the topic's as_of): 'filmed' must speak in the past (tense: past)" in found
    )


def test_new_keys_are_type_checked(seeds):
    assert any(
        "'years' must be a year or [first, last]" in m
        for m in rich(seeds, "years: [2019, 2020]", "years: [2020, 2019]")
    )
    assert any("'kind' must be a word or a list" in m for m in rich(seeds, "kind: [pro]", "kind: 3"))
    assert any("'time_frame' must be a year" in m for m in rich(seeds, "time_frame: [2019, 2022]", "time_frame: soon"))
    assert any("'choices' must be 3, 4, 5 or 6" in m for m in rich(seeds, "choices: 3", "choices: 2"))
    assert any("'tense' must be one of" in m for m in rich(seeds, "tense: past", "tense: pluperfect"))
    assert any(
        "'exhaustive' must be true or false" in m
        for m in rich(seeds, "    exhaustive: true\n    time_frame", "    exhaustive: maybe\n    time_frame")
    )
    assert any("'as_of' must be a year" in m for m in rich(seeds, "as_of: 2022", "as_of: now"))


def test_a_change_label_never_holds_the_to_or_from_of_its_sentence(seeds):
    """A blind read found "went from a partnership with Netflix to create the series to no comment"."""
    found = rich(seeds, "label: in the film", "label: a partnership to create the film")
    assert any("'a partnership to create the film' holds 'to'" in m for m in found), found
    found = rich(seeds, "label: quoted", "label: a rights holder Netflix was expected to compensate")
    assert any("holds 'to'" in m for m in found), found
    # A statement of its own that does not frame the labels "from … to …" may use the words.
    own = rich(seeds, "    wrong: [a → b", '    statement: "{subject} was {before}; now {after}."\n    wrong: [a → b')
    assert own == []
    text = RICH.replace("    wrong: [a → b", '    statement: "{subject} was {before}; now {after}."\n    wrong: [a → b')
    text = text.replace("label: in the film", "label: moved to the film")
    assert [p.message for p in problems(text, seeds, "rich.facts.yaml")] == []


def test_a_fact_quotes_the_words_that_name_its_entities(tmp_path):
    """A blind read found "The Least Expected Day covered 2019 and 2020" citing an article that never names it."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED, encoding="utf-8")
    (folder / "other.txt").write_text("Di rode for Red Team as well.", encoding="utf-8")
    text = MINI.replace(
        "  - {id: bo, type: rider, name: Bo}\n",
        "  - {id: bo, type: rider, name: Bo}\n  - {id: di, type: rider, name: Di}\n",
    )
    fair = text + "  - {id: di-red, subject: di, relation: rode_for, object: red, status: confirmed,\n"
    fair += "     source: {seed: other.txt, quote: Di rode for Red Team}}\n"
    assert problems(fair, folder) == []
    bad = fair + "  - {id: di-2020, subject: di, relation: rode_in, value: 2020, status: confirmed,\n"
    bad += "     source: {seed: seed.txt, quote: Ada rode for Red Team in 2020.}}\n"
    found = [p.message for p in problems(bad, folder)]
    assert found == ["'Di' is not named in seed.txt, only in other.txt: cite the seed that names it"], found
    # A blind read also found quotes cut after the name they need ("we are delighted…", "The Dutch outfit…").
    cut = fair.replace("quote: Di rode for Red Team}", "quote: rode for Red Team as well}")
    assert [p.message for p in problems(cut, folder)] == [
        "'Di' is not named in this quote, though other.txt names it: quote the words that do"
    ]
    # A note naming it says how the quote points to it: the author has decided.
    noted = cut.replace(
        "quote: rode for Red Team as well}}", "quote: rode for Red Team as well}, note: Di is the one who}"
    )
    assert problems(noted, folder) == []
    # What the topic's title names, or the name its source goes by, needs no naming in every quote.
    titled = cut.replace("  title: Mini\n", "  title: Mini, about Di\n")
    assert problems(titled, folder) == []


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab _-é1.Ç", min_size=1, max_size=8), st.text(alphabet="ab _-é1.Ç ", max_size=40))
def test_whole_word_search_matches_the_regex_it_replaced(word, text):
    # The facts check finds names as whole words by a plain scan (compiling a pattern per name was slow).
    from quiz.facts import _word_starts

    expected = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text)]
    assert _word_starts(word, text) == expected
