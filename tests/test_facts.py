"""Facts files: loading, and every kind of problem reported at its line and column."""

from __future__ import annotations

import pytest

from quiz.errors import FileProblem
from quiz.facts import FactsInvalid, check_facts_data, facts_from_data, format_value, load_facts, normalize_date, quote_in_text
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
    text = MINI.replace("  - {id: green, type: team, name: Green Team, distractor_only: true}",
                        "  - {id: green, type: rider, name: Green, distractor_only: true}")
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
    text = MINI.replace("quote: Bo rode for Blue Team.", 'quote: "The race is long."')
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
    p = only(MINI.replace("{id: bo, type: rider, name: Bo}", "{id: bo, type: rider, name: Bo}\n  - {id: bo, type: rider, name: Bob}"))
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
    p = only(MINI.replace("    status: confirmed\n    source: {seed: seed.txt, quote: Bo", "    status: rumoured\n    source: {seed: seed.txt, quote: Bo"))
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


def test_confusion_that_is_true_cannot_make_a_false_statement():
    text = MINI.replace("    object: red\n", "    object: red\n    confusions: [{object: red}]\n")
    p = only(text)
    assert p.line == 29 and "is a true answer here" in p.message


def test_ordering_needs_distinct_years():
    text = MINI + (
        "orderings:\n"
        "  - id: o\n    category: dates\n    prompt: Order them.\n"
        "    facts: [ada-2020, ada-2020, nope]\n"
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
    text = MINI.replace("    object: red\n", "    object: red\n    confusions: [{object: blue, note: a swap, really}]\n")
    p = only(text)
    assert p.line == 29 and "unknown confusion field 'really'" in p.message


def test_committed_facts_files_match_the_json_schema():
    import json

    import jsonschema
    from conftest import ROOT

    schema = json.loads((ROOT / "quiz" / "schema" / "facts.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in [*sorted((ROOT / "questions" / "facts").glob("*.facts.yaml")), ROOT / "examples" / "solar-system.facts.yaml"]:
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
    text = "\n".join(lines[: at + 1] + ["  - 42"] + lines[at + 1:]) + "\n"
    found = [p for p in problems(text, seeds) if "is a mapping with" in p.message]
    assert [(p.line, p.column) for p in found] == [(at + 2, 5)]
