"""Fact files: typed entities, relations between them, and sourced facts.

A facts file is the hand-curated ground truth the question banks are generated
from (``quiz.generator``). Its format is documented in ``docs/facts-format.md``
and ``quiz/schema/facts.schema.json``. This module reads one (through
``quiz.yamlfile``), checks it, reporting every problem with its line and
column (:func:`check_facts_data`), and turns it into dataclasses.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeGuard

from quiz.errors import Problem, QuizError
from quiz.model import PackInfo
from quiz.yamlfile import LineDict, LineList, load_yaml

STATUSES = ("confirmed", "reported", "superseded")
#: What a relation's facts are: plain statements, people's words, reasons the sources give, or opinions.
RELATION_KINDS = ("quote", "reason", "opinion")
TENSES = ("past", "present", "future")
#: Words that attribute or hedge a statement ("reportedly", "according to"); a reported
#: fact is only ever asked in a sentence holding one (see docs/facts-format.md).
HEDGE_WORDS = (
    "according to", "reportedly", "report", "reports", "reported", "believed", "understood", "understands",
    "expected", "expect", "likely", "hoped", "said", "says", "say", "suggest", "suggests", "rumoured", "as of",
    "telegraph", "claimed", "described", "calls", "called", "quoted", "writer",
)  # fmt: skip
#: Statuses a question may present as true.
TRUE_STATUSES = ("confirmed", "reported")
VALUE_KINDS = ("year", "number", "date", "text")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_PLACEHOLDER = re.compile(r"{([^{}]*)}")
_SPACE = re.compile(r"\s+")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


#: How a change is stated when it gives no 'statement' of its own (used by quiz.generator).
DEFAULT_CHANGE_STATEMENT = (
    "Between the early reports and the official announcement, {subject} went from {before} to {after}."
)


class FactsInvalid(QuizError):
    """A facts file parsed but breaks the format's rules; carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__((str(problems[0]) if problems else "invalid facts file") + more)


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    #: Only ever a wrong option: never a right answer, never a fact's subject.
    distractor_only: bool = False
    note: str = ""
    #: Finer kinds within the type ("cycling", "f1", "executive"): a wrong option shares
    #: one with the right answer when the answer has any.
    kind: tuple[str, ...] = ()
    #: (first, last) year the entity existed or was released; None when unknown.
    years: tuple[int, int] | None = None


@dataclass(frozen=True)
class Relation:
    id: str
    category: str
    subject: str  # entity type of the subject
    statement: str  # "{subject} ... {object}." (or {value})
    #: Entity types the object may have; empty when the relation holds a value.
    object: tuple[str, ...] = ()
    #: "year", "number", "date" or "text" when the object is a value.
    value: str = ""
    #: Question phrasings whose answer is the object (or value): the first for a
    #: multiple-choice question, the second (when given) for a typed answer.
    ask_object: tuple[str, ...] = ()
    ask_subject: tuple[str, ...] = ()
    #: Pick-all-that-apply phrasings (several true objects / subjects).
    ask_all_objects: str = ""
    ask_all_subjects: str = ""
    #: For superseded reports: which subject did early reports wrongly name?
    ask_superseded: tuple[str, ...] = ()
    #: A "match the pairs" prompt over the relation's facts.
    match: str = ""
    unit: str = ""
    tolerance: float = 0.0
    #: Wrong values to offer for text-valued relations.
    distractor_values: tuple[str, ...] = ()
    #: Relations whose facts also count as true answers here (never distractors).
    overlaps: tuple[str, ...] = ()
    #: Subject questions take wrong options only from subjects known to have
    #: another object here (the seeds say nothing of the rest, so they might be right).
    closed_world: bool = False
    #: The facts name every true object (or value) of each subject, so any other one
    #: makes a false statement the sources support.
    exhaustive: bool = False
    #: Years the relation's statement is about: a wrong option known to exist only
    #: outside them ("already released" for "lined up to make") is never offered.
    time_frame: tuple[int, int] | None = None
    #: Options in a multiple-choice question asking for the subject (3 for a closed set of three people).
    choices: int = 4
    #: The templates carry their own hedge ("reportedly", "according to ...").
    hedged: bool = False
    #: "", or quote, reason or opinion (see RELATION_KINDS).
    kind: str = ""
    tense: str = ""
    #: Its facts make no question of their own (they serve changes, orderings and coverage).
    quiet: bool = False

    @property
    def is_value(self) -> bool:
        return bool(self.value)


@dataclass(frozen=True)
class Confusion:
    """A real mix-up a false statement is built from: a wrong object or value."""

    object: str = ""
    value: Any = None
    note: str = ""


@dataclass(frozen=True)
class Fact:
    id: str
    subject: str
    relation: str
    status: str
    seed: str
    quote: str
    object: str = ""
    value: Any = None
    tolerance: float | None = None
    #: Short label used when the fact is an item in an ordering question.
    event: str = ""
    #: How the fact follows from the quote when it is not word for word.
    note: str = ""
    #: Other accepted spellings of a text value.
    aliases: tuple[str, ...] = ()
    confusions: tuple[Confusion, ...] = ()
    #: A full sentence used instead of the relation's statement to explain.
    explanation: str = ""
    #: Who says so, put before every sentence the fact is asked in ("According to Telegraph Sport").
    hedge: str = ""
    #: Phrasings of this fact's own question towards its object or value (MC, then typed).
    ask: tuple[str, ...] = ()
    #: This fact's own statement template (overrides the relation's).
    statement: str = ""
    #: This fact's category (overrides the relation's).
    category: str = ""
    #: Words of the quote to blank out for a fill-the-gap question, and wrong fillers for it.
    gap: str = ""
    gap_wrong: tuple[str, ...] = ()
    #: Other facts of the relation whose value would also be a right answer to this one's question.
    also_true: tuple[str, ...] = ()
    #: Wrong values for this fact's own question (each contradicted by the sources).
    wrong: tuple[str, ...] = ()

    @property
    def is_true(self) -> bool:
        return self.status in TRUE_STATUSES


@dataclass(frozen=True)
class Ordering:
    id: str
    category: str
    prompt: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """What changed between an early report and the official word, from two facts."""

    id: str
    category: str
    subject: str
    ask: str
    before_fact: str
    before: str  # label of the earlier state
    after_fact: str
    after: str
    #: Wrong options, each a whole "before → after" answer the sources contradict.
    wrong: tuple[str, ...] = ()
    #: The true statement, with {subject}, {before} and {after}.
    statement: str = ""


# A facts file's topic is the header of the pack generated from it.
Topic = PackInfo


@dataclass
class FactBase:
    topic: Topic
    types: tuple[str, ...]
    categories: tuple[str, ...]
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: dict[str, Relation] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    orderings: list[Ordering] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    path: str = ""
    #: The year the facts speak from; past-tense relations are required for what ended before it.
    as_of: int | None = None
    #: seed file -> how a question names it ("the official announcement").
    seed_names: dict[str, str] = field(default_factory=dict)

    def facts_of(self, relation: str) -> list[Fact]:
        return [f for f in self.facts if f.relation == relation]


# ---------------------------------------------------------------- values


def value_key(kind: str, value: Any) -> Any:
    """A comparable, hashable form of a value (text compares without case or spacing)."""
    if kind in ("year", "number"):
        return float(value)
    if kind == "date":
        return normalize_date(value)
    return _SPACE.sub(" ", str(value)).strip().casefold()


def normalize_date(value: Any) -> str:
    """'YYYY-MM-DD' or '--MM-DD' (a day without a year); '' when not a date."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).strip()
    full = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text)
    day = re.fullmatch(r"(?:--)?(\d\d)-(\d\d)", text)
    try:
        if full:
            return _dt.date(*(int(g) for g in full.groups())).isoformat()
        if day:
            # 2000 is a leap year, so a bare 02-29 is still a day.
            return "--" + _dt.date(2000, int(day[1]), int(day[2])).isoformat()[5:]
    except ValueError:
        pass
    return ""


def format_value(kind: str, value: Any, unit: str = "") -> str:
    """A value as a sentence shows it."""
    if kind == "date":
        iso = normalize_date(value)
        if iso.startswith("--"):
            month, day = int(iso[2:4]), int(iso[5:7])
            return f"{_MONTHS[month - 1]} {day}"
        year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
        return f"{_MONTHS[month - 1]} {day}, {year}"
    if kind in ("year", "number"):
        number = float(value)
        text = str(int(number)) if number.is_integer() else f"{number:g}"
        return f"{text} {unit}".strip() if kind == "number" else text
    return str(value)


@lru_cache(maxsize=64)
def _squeezed(text: str) -> str:
    """Runs of spacing as one space (an article is squeezed once, however many quotes it is searched for)."""
    return _SPACE.sub(" ", text).strip()


def quote_in_text(quote: str, text: str) -> bool:
    """Is the quote a verbatim part of the text, spacing aside?"""
    needle = _SPACE.sub(" ", quote).strip()
    return bool(needle) and needle in _squeezed(text)


# ---------------------------------------------------------------- checking


class _Checker:
    def __init__(self, name: str, seeds_dir: Path | None):
        self.name = name
        self.seeds_dir = Path(seeds_dir) if seeds_dir else None
        self.problems: list[Problem] = []
        self._seed_text: dict[str, str | None] = {}

    def add(self, where: Any, key: Any, message: str, severity: str = "error") -> None:
        """Record a problem at a key of a LineDict / index of a LineList (or the node itself)."""
        line = column = 0
        if isinstance(where, (LineDict, LineList)):
            if key is None:
                line, column = where.line, where.column
            else:
                line, column = where.pos_of(key)
        self.problems.append(Problem(self.name, line, column, message, severity))

    def seed(self, seed: str) -> str | None:
        """The seed's text: beside the facts file first (a topic may ship its own), then in the seeds folder."""
        if seed not in self._seed_text:
            self._seed_text[seed] = None
            places = [Path(self.name).parent / seed] + ([self.seeds_dir / seed] if self.seeds_dir else [])
            for path in places:
                try:
                    if path.is_file():
                        self._seed_text[seed] = path.read_text(encoding="utf-8")
                        break
                except (OSError, UnicodeDecodeError):
                    continue
        return self._seed_text[seed]


def _is_str(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value.strip())


def _str_list(value: Any) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(_is_str(v) for v in value)


def _phrasings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return ()


def _value_ok(kind: Any, value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if kind == "year":
        return isinstance(value, int) and 1000 <= value <= 9999
    if kind == "number":
        return isinstance(value, (int, float))
    if kind == "date":
        return bool(normalize_date(value))
    return _is_str(value)


_VALUE_WORDS = {
    "year": "a year like 2020",
    "number": "a number",
    "date": "a date like 2022-03-04 or '03-11'",
    "text": "some text",
}


def check_facts_data(data: Any, name: str, seeds_dir: Path | str | None = None) -> list[Problem]:
    """Every problem in parsed facts data, each with its line and column.

    Every quote must be found word for word (spacing aside) in the seed file it
    names, looked up beside the facts file, then in ``seeds_dir``. A seed found in
    neither place is a problem only when ``seeds_dir`` is given (an installed game
    ships no seeds, so it cannot check them).
    """
    c = _Checker(name, Path(seeds_dir) if seeds_dir else None)
    if not isinstance(data, dict):
        c.add(data, None, "a facts file is a mapping with 'topic', 'types', 'entities', 'relations' and 'facts'")
        return c.problems
    for key in data:
        if key not in ("topic", "types", "categories", "entities", "relations", "facts", "orderings", "changes"):
            c.add(data, key, f"unknown section '{key}'")
    for key in ("topic", "types", "entities", "relations", "facts"):
        if key not in data:
            c.add(data, None, f"the '{key}' section is missing")

    topic = data.get("topic")
    if "topic" in data:
        if not isinstance(topic, dict):
            c.add(data, "topic", "'topic' must be a mapping with at least an id and a title")
        else:
            for key in ("id", "title"):
                if not _is_str(topic.get(key)):
                    c.add(topic, key if key in topic else None, f"the topic needs a '{key}' (text)")
            if _is_str(topic.get("id")) and not _ID.match(str(topic["id"])):
                c.add(topic, "id", "the topic id may only use lower-case letters, digits, '-', '_' and '.'")
            if "as_of" in topic and not _value_ok("year", topic["as_of"]):
                c.add(topic, "as_of", "'as_of' must be a year like 2022")
            sources = topic.get("sources")
            for entry in sources if isinstance(sources, list) else []:
                if isinstance(entry, dict) and "called" in entry and not _is_str(entry["called"]):
                    c.add(
                        entry,
                        "called",
                        "'called' must be text, how a question names the source ('the official announcement')",
                    )

    types: set[str] = set()
    raw_types = data.get("types")
    if "types" in data:
        if not _str_list(raw_types):
            c.add(data, "types", "'types' must be a list of entity type names")
        else:
            for i, t in enumerate(raw_types):
                if t in types:
                    c.add(raw_types, i, f"the type '{t}' is listed twice")
                types.add(t)

    categories: set[str] | None = None
    raw_cats = data.get("categories")
    if "categories" in data:
        if not _str_list(raw_cats):
            c.add(data, "categories", "'categories' must be a list of category names")
        else:
            categories = set(raw_cats)

    entities = _check_entities(c, data, types)
    relations = _check_relations(c, data, types, categories)
    facts = _check_facts(c, data, entities, relations)
    _check_named_in_quote(c, facts, entities, topic)
    _check_orderings(c, data, facts, relations, categories)
    _check_changes(c, data, facts, entities, categories)
    _check_tenses(c, topic if isinstance(topic, dict) else {}, facts, entities, relations)
    return c.problems


def _check_list(c: _Checker, data: dict, key: str) -> list:
    items = data.get(key)
    if key in data and not isinstance(items, list):
        c.add(data, key, f"'{key}' must be a list")
        return []
    return items or []


def _check_id(c: _Checker, item: dict, seen: dict[str, Any], what: str) -> str | None:
    ident = item.get("id")
    if not _is_str(ident):
        c.add(item, "id" if "id" in item else None, f"this {what} needs an 'id'")
        return None
    ident = str(ident)
    if not _ID.match(ident):
        c.add(item, "id", f"the {what} id '{ident}' may only use lower-case letters, digits, '-', '_' and '.'")
    if ident in seen:
        first = seen[ident]
        c.add(item, "id", f"duplicate {what} id '{ident}' (first used on line {first.line})")
        return None
    seen[ident] = item
    return ident


def _check_entities(c: _Checker, data: dict, types: set[str]) -> dict[str, dict]:
    seen: dict[str, Any] = {}
    listed = _check_list(c, data, "entities")
    for index, item in enumerate(listed):
        if not isinstance(item, dict):
            c.add(listed, index, "each entity is a mapping with id, type and name")
            continue
        _check_keys(c, item, ("id", "type", "name", "aliases", "distractor_only", "note", "kind", "years"), "entity")
        _check_id(c, item, seen, "entity")
        if not _is_str(item.get("type")):
            c.add(item, "type" if "type" in item else None, "this entity needs a 'type'")
        elif types and item["type"] not in types:
            c.add(item, "type", f"unknown entity type '{item['type']}' (declare it under 'types')")
        if not _is_str(item.get("name")):
            c.add(item, "name" if "name" in item else None, "this entity needs a 'name'")
        if "aliases" in item and not _str_list(item["aliases"]):
            c.add(item, "aliases", "'aliases' must be a list of names")
        if "distractor_only" in item and not isinstance(item["distractor_only"], bool):
            c.add(item, "distractor_only", "'distractor_only' must be true or false")
        if "kind" in item and not (_is_str(item["kind"]) or _str_list(item["kind"])):
            c.add(item, "kind", "'kind' must be a word or a list of words ('cycling', [f1, executive])")
        if "years" in item and not _years_ok(item["years"]):
            c.add(item, "years", "'years' must be a year or [first, last], like 2020 or [2019, 2022]")
    return seen


_RELATION_KEYS = (
    "id", "category", "subject", "object", "value", "statement", "ask_object", "ask_subject",
    "ask_all_objects", "ask_all_subjects", "ask_superseded", "match", "unit", "tolerance",
    "distractor_values", "overlaps", "closed_world", "exhaustive", "time_frame", "choices", "hedged", "kind", "tense",
    "quiet",
)  # fmt: skip


def _check_keys(c: _Checker, item: dict, allowed: tuple[str, ...], what: str) -> None:
    for key in item:
        if key not in allowed:
            c.add(item, key, f"unknown {what} field '{key}'")


def _check_template(c: _Checker, item: dict, key: str, allowed: set[str], required: set[str]) -> None:
    for text in _phrasings(item.get(key)):
        names = set(_PLACEHOLDER.findall(text))
        for bad in sorted(names - allowed):
            c.add(
                item,
                key,
                f"'{key}' uses {{{bad}}}; it may use only {', '.join('{' + a + '}' for a in sorted(allowed))}",
            )
        for missing in sorted(required - names):
            c.add(item, key, f"'{key}' must mention {{{missing}}}")


def _check_relations(c: _Checker, data: dict, types: set[str], categories: set[str] | None) -> dict[str, dict]:
    seen: dict[str, Any] = {}
    listed = _check_list(c, data, "relations")
    for index, item in enumerate(listed):
        if not isinstance(item, dict):
            c.add(
                listed, index, "each relation is a mapping with id, category, subject, object or value, and statement"
            )
            continue
        _check_keys(c, item, _RELATION_KEYS, "relation")
        _check_id(c, item, seen, "relation")
        if not _is_str(item.get("category")):
            c.add(item, "category" if "category" in item else None, "this relation needs a 'category'")
        elif categories is not None and item["category"] not in categories:
            c.add(item, "category", f"unknown category '{item['category']}' (declare it under 'categories')")
        if not _is_str(item.get("subject")):
            c.add(item, "subject" if "subject" in item else None, "this relation needs a 'subject' entity type")
        elif types and item["subject"] not in types:
            c.add(item, "subject", f"unknown entity type '{item['subject']}'")
        has_obj, has_val = "object" in item, "value" in item
        if has_obj == has_val:
            c.add(
                item,
                None,
                "a relation needs exactly one of 'object' (entity types) or 'value' (year, number, date or text)",
            )
        if has_obj:
            objs = _phrasings(item["object"])
            if not objs or not all(_is_str(o) for o in objs):
                c.add(item, "object", "'object' must be an entity type or a list of them")
            for o in objs:
                if types and o not in types:
                    c.add(item, "object", f"unknown entity type '{o}'")
        if has_val and item["value"] not in VALUE_KINDS:
            c.add(item, "value", f"'value' must be one of {', '.join(VALUE_KINDS)}")
        other = "object" if has_obj else "value"
        if not _is_str(item.get("statement")):
            c.add(item, "statement" if "statement" in item else None, "this relation needs a 'statement' template")
        _check_template(c, item, "statement", {"subject", other}, {"subject", other})
        for key, required in (
            ("ask_object", {"subject"}), ("ask_subject", {other}), ("ask_all_objects", {"subject"}),
            ("ask_all_subjects", {other}), ("ask_superseded", {other}), ("match", set()),
        ):  # fmt: skip
            if key in item:
                ok = (
                    _is_str(item[key])
                    if key in ("ask_all_objects", "ask_all_subjects", "match")
                    else (_is_str(item[key]) or (_str_list(item[key]) and 1 <= len(item[key]) <= 2))
                )
                if not ok:
                    c.add(item, key, f"'{key}' must be a question (or, where allowed, a list of two phrasings)")
                else:
                    _check_template(c, item, key, {"subject", other}, required)
        if "tolerance" in item and (
            isinstance(item["tolerance"], bool)
            or not isinstance(item["tolerance"], (int, float))
            or item["tolerance"] < 0
        ):
            c.add(item, "tolerance", "'tolerance' must be a number of at least 0")
        if "distractor_values" in item and not _str_list(item["distractor_values"]):
            c.add(item, "distractor_values", "'distractor_values' must be a list of texts")
        for flag in ("closed_world", "exhaustive", "hedged", "quiet"):
            if flag in item and not isinstance(item[flag], bool):
                c.add(item, flag, f"'{flag}' must be true or false")
        if "time_frame" in item and not _years_ok(item["time_frame"]):
            c.add(item, "time_frame", "'time_frame' must be a year or [first, last], like 2022 or [2019, 2020]")
        if "choices" in item and (isinstance(item["choices"], bool) or item["choices"] not in (3, 4, 5, 6)):
            c.add(item, "choices", "'choices' must be 3, 4, 5 or 6")
        if "kind" in item and item["kind"] not in RELATION_KINDS:
            c.add(item, "kind", f"'kind' must be one of {', '.join(RELATION_KINDS)}")
        elif "kind" in item and item.get("value") != "text":
            c.add(item, "kind", f"a {item['kind']} relation holds its words as a value: give it 'value: text'")
        if "tense" in item and item["tense"] not in TENSES:
            c.add(item, "tense", f"'tense' must be one of {', '.join(TENSES)}")
        if item.get("hedged") is True:
            for key in ("statement", "ask_object", "ask_subject", "ask_all_objects", "ask_all_subjects", "match"):
                for text in _phrasings(item.get(key)):
                    if not has_hedge(text):
                        c.add(
                            item,
                            key,
                            f"'{key}' must carry its hedge ('reportedly', 'according to' ...):"
                            " the relation says hedged: true",
                        )
        if "unit" in item and not isinstance(item["unit"], str):
            c.add(item, "unit", "'unit' must be text")
    # Overlaps name other relations, so they are checked once all are known.
    for item in seen.values():
        if "overlaps" in item:
            if not _str_list(item["overlaps"]):
                c.add(item, "overlaps", "'overlaps' must be a list of relation ids")
                continue
            for i, other in enumerate(item["overlaps"]):
                if other not in seen:
                    c.add(item["overlaps"], i, f"unknown relation '{other}'")
    return seen


_FACT_KEYS = (
    "id", "subject", "relation", "object", "value", "status", "source", "tolerance", "event",
    "note", "aliases", "confusions", "explanation", "hedge", "ask", "statement", "category", "gap", "gap_wrong",
    "also_true", "wrong",
)  # fmt: skip


def _check_facts(c: _Checker, data: dict, entities: dict[str, dict], relations: dict[str, dict]) -> dict[str, dict]:
    seen: dict[str, Any] = {}
    listed = _check_list(c, data, "facts")
    for index, item in enumerate(listed):
        if not isinstance(item, dict):
            c.add(
                listed, index, "each fact is a mapping with id, subject, relation, object or value, status and source"
            )
            continue
        _check_keys(c, item, _FACT_KEYS, "fact")
        _check_id(c, item, seen, "fact")
        rel = relations.get(str(item.get("relation")))
        if not _is_str(item.get("relation")):
            c.add(item, "relation" if "relation" in item else None, "this fact needs a 'relation'")
        elif rel is None:
            c.add(item, "relation", f"unknown relation '{item['relation']}'")
        subject = item.get("subject")
        if not _is_str(subject):
            c.add(item, "subject" if "subject" in item else None, "this fact needs a 'subject' (an entity id)")
        elif subject not in entities:
            c.add(item, "subject", f"unknown entity '{subject}'")
        else:
            ent = entities[subject]
            if ent.get("distractor_only") is True:
                c.add(item, "subject", f"'{subject}' is distractor-only; it cannot be the subject of a fact")
            if rel is not None and ent.get("type") != rel.get("subject"):
                c.add(
                    item,
                    "subject",
                    f"'{subject}' is a {ent.get('type')}, but '{rel.get('id')}' needs a {rel.get('subject')}"
                    " as subject",
                )
        status = item.get("status")
        if status not in STATUSES:
            c.add(item, "status" if "status" in item else None, f"'status' must be one of {', '.join(STATUSES)}")
        if rel is not None:
            _check_fact_object(c, item, rel, entities)
        _check_source(c, item)
        if "aliases" in item and not _str_list(item["aliases"]):
            c.add(item, "aliases", "'aliases' must be a list of texts")
        for key in ("event", "note", "explanation"):
            if key in item and not _is_str(item[key]):
                c.add(item, key, f"'{key}' must be text")
        if "tolerance" in item and (
            isinstance(item["tolerance"], bool)
            or not isinstance(item["tolerance"], (int, float))
            or item["tolerance"] < 0
        ):
            c.add(item, "tolerance", "'tolerance' must be a number of at least 0")
    _check_confusions(c, seen, entities, relations)
    _check_fact_wording(c, seen, relations, data.get("categories"))
    return seen


def has_hedge(text: str) -> bool:
    """Does a sentence say who says so, or that it is only reported?"""
    folded = " " + " ".join(re.findall(r"[a-z]+", text.casefold())) + " "
    return any(f" {word} " in folded for word in HEDGE_WORDS)


def _years_ok(value: Any) -> bool:
    if isinstance(value, list):
        return len(value) == 2 and all(_value_ok("year", v) for v in value) and value[0] <= value[1]
    return _value_ok("year", value)


def _word_count_in(needle: str, text: str) -> int:
    def squeeze(s):
        return _SPACE.sub(" ", s).strip()

    return len(_word_starts(squeeze(needle), squeeze(text)))


def _check_fact_wording(c: _Checker, seen: dict[str, dict], relations: dict[str, dict], categories: Any) -> None:
    """Hedges, a fact's own phrasings, gaps, and what each relation kind asks of its facts."""
    for item in seen.values():
        rel = relations.get(str(item.get("relation")))
        if rel is None:
            continue
        other = "object" if "object" in rel else "value"
        for key in ("hedge", "statement", "category", "gap"):
            if key in item and not _is_str(item[key]):
                c.add(item, key, f"'{key}' must be text")
        if _is_str(item.get("hedge")) and not has_hedge(str(item["hedge"])):
            c.add(
                item,
                "hedge",
                "a hedge must say who says so or that it is reported ('According to Telegraph Sport', 'Reportedly')",
            )
        hedged = _is_str(item.get("hedge")) or rel.get("hedged") is True
        if item.get("status") == "reported" and not hedged:
            c.add(
                item,
                "status",
                "a reported fact is asked with its hedge: give it a 'hedge' ('According to Telegraph Sport') "
                "or phrase its relation's templates with one and mark it hedged: true",
            )
        if rel.get("kind") == "opinion" and not hedged:
            c.add(item, None, "an opinion is always attributed: give this fact a 'hedge' naming whose it is")
        if "ask" in item:
            if not (_is_str(item["ask"]) or (_str_list(item["ask"]) and 1 <= len(item["ask"]) <= 2)):
                c.add(item, "ask", "'ask' must be a question, or a list of two phrasings")
            else:
                _check_template(c, item, "ask", {"subject"}, set())
        if rel.get("kind") == "reason":
            asks = _phrasings(item.get("ask")) or _phrasings(rel.get("ask_object"))
            if not any("why" in a.casefold() for a in asks):
                c.add(item, None, "a reason is asked as a 'why' question: give this fact an 'ask' starting with Why")
        if "statement" in item and _is_str(item["statement"]):
            _check_template(c, item, "statement", {"subject", other}, {other})
        if _is_str(item.get("category")) and _str_list(categories) and item["category"] not in categories:
            c.add(item, "category", f"unknown category '{item['category']}' (declare it under 'categories')")
        quote = item.get("source", {}).get("quote") if isinstance(item.get("source"), dict) else None
        if (
            rel.get("kind") == "quote"
            and _is_str(item.get("value"))
            and _is_str(quote)
            and not quote_in_text(str(item["value"]), str(quote))
        ):
            c.add(item, "value", "a quote's value must be word for word in the fact's source quote")
        if _is_str(item.get("gap")) and _is_str(quote):
            found = _word_count_in(str(item["gap"]), str(quote))
            if found != 1:
                c.add(
                    item,
                    "gap",
                    "the gap must be words found exactly once in the quote"
                    if found == 0
                    else "the gap is found more than once in the quote, so the question could not say which to fill",
                )
        if "wrong" in item and not _str_list(item["wrong"]):
            c.add(item, "wrong", "'wrong' must be a list of wrong values")
        elif "wrong" in item and "value" not in rel:
            c.add(
                item, "wrong", f"'{rel['id']}' links entities; wrong options come from its entities, not from 'wrong'"
            )
        if "gap_wrong" in item:
            if not _str_list(item["gap_wrong"]):
                c.add(item, "gap_wrong", "'gap_wrong' must be a list of wrong fillers")
            elif not _is_str(item.get("gap")):
                c.add(item, "gap_wrong", "'gap_wrong' needs a 'gap' to fill")
            elif any(
                " ".join(w.casefold().split()) == " ".join(str(item["gap"]).casefold().split())
                for w in item["gap_wrong"]
            ):
                c.add(item, "gap_wrong", "a wrong filler cannot be the gap itself")
        if "also_true" in item:
            if not _str_list(item["also_true"]):
                c.add(item, "also_true", "'also_true' must be a list of fact ids")
            else:
                for i, fid in enumerate(item["also_true"]):
                    other_fact = seen.get(fid)
                    if other_fact is None:
                        c.add(item["also_true"], i, f"unknown fact '{fid}'")
                    elif other_fact.get("relation") != item.get("relation"):
                        c.add(item["also_true"], i, f"fact '{fid}' is of another relation")


def _check_changes(
    c: _Checker, data: dict, facts: dict[str, dict], entities: dict[str, dict], categories: set[str] | None
) -> None:
    seen: dict[str, Any] = {}
    for index, item in enumerate(_check_list(c, data, "changes")):
        if not isinstance(item, dict):
            c.add(
                data["changes"],
                index,
                "each change is a mapping with id, category, subject, ask, before, after and wrong",
            )
            continue
        _check_keys(c, item, ("id", "category", "subject", "ask", "before", "after", "wrong", "statement"), "change")
        if "statement" in item:
            if not _is_str(item["statement"]):
                c.add(item, "statement", "'statement' must be text")
            else:
                _check_template(c, item, "statement", {"subject", "before", "after"}, {"before", "after"})
        _check_id(c, item, seen, "change")
        if not _is_str(item.get("category")):
            c.add(item, "category" if "category" in item else None, "this change needs a 'category'")
        elif categories is not None and item["category"] not in categories:
            c.add(item, "category", f"unknown category '{item['category']}'")
        if item.get("subject") not in entities:
            c.add(item, "subject" if "subject" in item else None, "this change needs a 'subject' (an entity id)")
        if not _is_str(item.get("ask")):
            c.add(item, "ask" if "ask" in item else None, "this change needs an 'ask' (the question)")
        else:
            _check_template(c, item, "ask", {"subject"}, set())
        ends = {}
        for side in ("before", "after"):
            end = item.get(side)
            if not isinstance(end, dict) or not _is_str(end.get("fact")) or not _is_str(end.get("label")):
                c.add(
                    item, side if side in item else None, f"'{side}' must be a mapping with a 'fact' (id) and a 'label'"
                )
                continue
            _check_keys(c, end, ("fact", "label"), side)
            fact = facts.get(end["fact"])
            if fact is None:
                c.add(end, "fact", f"unknown fact '{end['fact']}'")
                continue
            ends[side] = (end, fact)
        if "after" in ends and ends["after"][1].get("status") != "confirmed":
            c.add(ends["after"][0], "fact", "a change ends at the official word: the 'after' fact must be confirmed")
        if len(ends) == 2:
            seeds = [
                f.get("source", {}).get("seed") if isinstance(f.get("source"), dict) else None for _, f in ends.values()
            ]
            if seeds[0] == seeds[1]:
                c.add(
                    ends["after"][0],
                    "fact",
                    "a change is between two sources: 'before' and 'after' facts quote the same seed",
                )
        # The labels sit in "went from {before} to {after}": a "to" or "from" of their own makes it read two ways.
        frame = item.get("statement") if _is_str(item.get("statement")) else DEFAULT_CHANGE_STATEMENT
        if "from {before} to {after}" in str(frame):
            for end, _ in ends.values():
                clash = _sentence_to_or_from(str(end["label"]))
                if clash:
                    c.add(
                        end,
                        "label",
                        f"'{end['label']}' holds '{clash}', so \"went from … to …\" reads two ways: "
                        "word the label without it",
                    )
        if "wrong" in item and not _str_list(item["wrong"]):
            c.add(item, "wrong", "'wrong' must be a list of wrong answers")
        elif _str_list(item.get("wrong")) and len(item["wrong"]) < 2:
            c.add(item, "wrong", "a change question needs at least two wrong answers besides the reversed change")


def _sentence_to_or_from(label: str) -> str | None:
    """A 'to' or 'from' of the label's own sentence; inside a name ("Box to Box Films") it is the name's."""
    words = label.split()
    for i, word in enumerate(words):
        if word.casefold() in ("to", "from"):
            before, after = words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else ""
            if not (before[:1].isupper() and after[:1].isupper()):
                return word.casefold()
    return None


def _check_tenses(
    c: _Checker, topic: dict, facts: dict[str, dict], entities: dict[str, dict], relations: dict[str, dict]
) -> None:
    """What ended before the topic's 'as_of' year is only spoken of in the past."""
    as_of: Any = topic.get("as_of")
    if not _value_ok("year", as_of):
        return
    for item in facts.values():
        rel = relations.get(str(item.get("relation")))
        if rel is None or item.get("status") not in TRUE_STATUSES:
            continue
        for key in ("subject", "object"):
            ent = entities.get(str(item.get(key)))
            years: Any = ent.get("years") if ent else None
            if not _years_ok(years):
                continue
            last = int(years[-1] if isinstance(years, list) else years)
            if last < int(as_of) and rel.get("tense") != "past":
                c.add(
                    item,
                    key,
                    f"'{item[key]}' ended in {last}, before {as_of} (the topic's as_of): "
                    f"'{rel['id']}' must speak in the past (tense: past)",
                )


def _folded(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return " ".join("".join(ch for ch in plain if not unicodedata.combining(ch)).casefold().split())


def _names(entity: dict) -> list[str]:
    names = [entity.get("name"), *(entity.get("aliases") or [])]
    out = []
    for n in names:
        if _is_str(n):
            folded = _folded(n)
            out.append(folded.removeprefix("the "))
    return [n for n in out if n]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what re's \w matches in a str


def _word_starts(word: str, text: str) -> list[int]:
    r"""Where ``word`` stands in ``text`` as a whole word (not inside a longer one), without overlaps.

    The same as ``re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text)``, without
    compiling a pattern per word: the facts check looks for a few hundred names, and
    compiling was most of its time."""
    found: list[int] = []
    start = text.find(word) if word else -1
    while start != -1:
        end = start + len(word)
        if (start == 0 or not _is_word_char(text[start - 1])) and (end == len(text) or not _is_word_char(text[end])):
            found.append(start)
            start = text.find(word, end)
        else:
            start = text.find(word, start + 1)
    return found


def _named(names: list[str], text: str) -> bool:
    return any(_word_starts(n, text) for n in names)


def _check_named_in_quote(c: _Checker, facts: dict[str, dict], entities: dict[str, dict], topic: Any) -> None:
    """A fact's quote names its subject and object (by name or alias), so a question citing it shows its support.

    An entity its seed does not name at all is an error (the link is only in another article); one the seed
    names but the quote leaves out is a warning, unless the fact's ``note`` names it (saying how the quote
    points to it).

    Not checked: an entity no seed of the topic names (the sources themselves, "the Telegraph's writer"), and
    one the topic's title or description, or the name the cited seed is called by, already names (the
    series a whole quiz is about; "Telegraph Sport" in Telegraph Sport's report). A quote that takes a clause
    of a sentence without its subject ("The Dutch outfit…", "we are delighted…") should take the words
    before it that name it.
    """
    header = topic if isinstance(topic, dict) else {}
    known = _folded(" ".join(str(header.get(k, "")) for k in ("title", "description")))
    called = {
        str(src.get("seed")): _folded(str(src.get("called", "")))
        for src in header.get("sources") or []
        if isinstance(src, dict)
    }
    texts: dict[str, str] = {}
    for item in facts.values():
        source = item.get("source")
        if isinstance(source, dict) and _is_str(source.get("seed")) and str(source["seed"]) not in texts:
            text = c.seed(str(source["seed"]))  # each article folded once, not once per fact citing it
            if text is not None:
                texts[str(source["seed"])] = _folded(text)
    for item in facts.values():
        source = item.get("source")
        seed = str(source.get("seed")) if isinstance(source, dict) else ""
        quote = source.get("quote") if isinstance(source, dict) else None
        if seed not in texts or not _is_str(quote) or not quote_in_text(str(quote), c.seed(seed) or ""):
            continue  # a quote not in its seed is reported already
        for key in ("subject", "object"):
            ent = entities.get(str(item.get(key)))
            names = _names(ent) if ent else []
            if not names or not any(_named(names, text) for text in texts.values()):
                continue
            if _named(names, _folded(str(quote))) or _named(names, known) or _named(names, called.get(seed, "")):
                continue
            name = ent["name"] if ent else ""
            if _named(names, texts[seed]):
                # The quote may point back to it ("it", "the Dutch outfit"): a warning, unless the fact's
                # note says how, naming it; the author decides.
                if _is_str(item.get("note")) and _named(names, _folded(str(item["note"]))):
                    continue
                message = f"'{name}' is not named in this quote, though {seed} names it: quote the words that do"
                c.add(item, key, message, "warning")
            else:
                elsewhere = sorted(n for n, text in texts.items() if _named(names, text))
                message = (
                    f"'{name}' is not named in {seed}, only in {', '.join(elsewhere)}: cite the seed that names it"
                )
                c.add(item, key, message)


def _check_fact_object(c: _Checker, item: dict, rel: dict, entities: dict[str, dict]) -> None:
    if "object" in rel:
        if "value" in item:
            c.add(item, "value", f"'{rel['id']}' links two entities; give an 'object', not a 'value'")
        obj = item.get("object")
        if not _is_str(obj):
            c.add(item, "object" if "object" in item else None, "this fact needs an 'object' (an entity id)")
            return
        ent = entities.get(obj)
        if ent is None:
            c.add(item, "object", f"unknown entity '{obj}'")
            return
        allowed = _phrasings(rel["object"])
        if ent.get("type") not in allowed:
            c.add(
                item,
                "object",
                f"'{obj}' is a {ent.get('type')}, but '{rel['id']}' needs a {' or '.join(allowed)} as object",
            )
        if ent.get("distractor_only") is True:
            c.add(item, "object", f"'{obj}' is distractor-only; it can never be a right answer")
    else:
        kind = str(rel.get("value"))
        if "object" in item:
            c.add(item, "object", f"'{rel['id']}' holds a {kind}; give a 'value', not an 'object'")
        if "value" not in item:
            c.add(item, None, f"this fact needs a 'value' ({_VALUE_WORDS.get(kind, 'a value')})")
        elif kind in VALUE_KINDS and not _value_ok(kind, item["value"]):
            c.add(item, "value", f"'{rel['id']}' needs {_VALUE_WORDS[kind]} as value")


def _check_source(c: _Checker, item: dict) -> None:
    source = item.get("source")
    if not isinstance(source, dict):
        c.add(
            item, "source" if "source" in item else None, "this fact has no source (a mapping with 'seed' and 'quote')"
        )
        return
    seed, quote = source.get("seed"), source.get("quote")
    if not _is_str(seed):
        c.add(source, "seed" if "seed" in source else None, "the source needs a 'seed' (the seed file's name)")
    if not _is_str(quote):
        c.add(
            source,
            "quote" if "quote" in source else None,
            "the source needs a 'quote' (the exact sentence from the seed)",
        )
    if not (_is_str(seed) and _is_str(quote)):
        return
    text = c.seed(str(seed))
    if text is None:
        if c.seeds_dir is not None:
            c.add(source, "seed", f"seed file '{seed}' not found beside the facts file nor in the seeds folder")
    elif not quote_in_text(str(quote), text):
        c.add(source, "quote", f"this quote is not word for word in {seed}")


def _true_keys(seen: dict[str, dict], relations: dict[str, dict]) -> dict[tuple[str, str], set]:
    """(subject, relation) -> keys of its true objects or values."""
    out: dict[tuple[str, str], set] = {}
    for item in seen.values():
        rel = relations.get(str(item.get("relation")))
        if rel is None or item.get("status") not in TRUE_STATUSES:
            continue
        key = (str(item.get("subject")), str(rel["id"]))
        if "object" in rel:
            out.setdefault(key, set()).add(("o", item.get("object")))
        elif "value" in item and _value_ok(rel.get("value"), item["value"]):
            out.setdefault(key, set()).add(("v", value_key(rel["value"], item["value"])))
    return out


def _check_confusions(
    c: _Checker, seen: dict[str, dict], entities: dict[str, dict], relations: dict[str, dict]
) -> None:
    truths = _true_keys(seen, relations)
    for item in seen.values():
        if "confusions" not in item:
            continue
        confusions = item["confusions"]
        rel = relations.get(str(item.get("relation")))
        if not isinstance(confusions, list):
            c.add(item, "confusions", "'confusions' must be a list of {object: ...} or {value: ...}")
            continue
        if item.get("status") == "superseded":
            c.add(item, "confusions", "a superseded fact is itself the confusion; it needs no 'confusions'")
        elif rel is not None and rel.get("exhaustive") is not True:
            c.add(
                item,
                "confusions",
                f"a confusion makes a false statement, which the sources only support when they name every "
                f"true answer: mark '{rel['id']}' exhaustive: true if they do, or drop the confusion",
            )
        for i, conf in enumerate(confusions):
            if not isinstance(conf, dict) or ("object" in conf) == ("value" in conf):
                c.add(confusions, i, "each confusion names either an 'object' or a 'value'")
                continue
            _check_keys(c, conf, ("object", "value", "note"), "confusion")
            if rel is None:
                continue
            related = [str(item.get("relation"))] + [o for o in _phrasings(rel.get("overlaps")) if o in relations]
            true_here = set().union(*(truths.get((str(item.get("subject")), r), set()) for r in related))
            if "ask" in item and "value" in rel and _value_ok(rel.get("value"), item.get("value")):
                # A fact with its own question: only its value, and those it says are also true, answer it.
                own = [item, *(seen[i] for i in item.get("also_true") or [] if isinstance(i, str) and i in seen)]
                true_here = {
                    ("v", value_key(rel["value"], f["value"]))
                    for f in own
                    if "value" in f and _value_ok(rel["value"], f["value"])
                }
            if "object" in conf:
                if "object" not in rel:
                    c.add(conf, "object", f"'{rel['id']}' holds a value; a confusion must give a 'value'")
                    continue
                ent = entities.get(conf["object"])
                if ent is None:
                    c.add(conf, "object", f"unknown entity '{conf['object']}'")
                elif ent.get("type") not in _phrasings(rel["object"]):
                    c.add(
                        conf,
                        "object",
                        f"'{conf['object']}' is a {ent.get('type')}, not a {' or '.join(_phrasings(rel['object']))}",
                    )
                elif ("o", conf["object"]) in true_here:
                    c.add(
                        conf, "object", f"'{conf['object']}' is a true answer here, so it cannot make a false statement"
                    )
            else:
                kind = rel.get("value")
                if not kind:
                    c.add(conf, "value", f"'{rel['id']}' links entities; a confusion must give an 'object'")
                elif not _value_ok(kind, conf["value"]):
                    c.add(conf, "value", f"'{rel['id']}' needs {_VALUE_WORDS.get(kind, 'a value')} here")
                elif ("v", value_key(kind, conf["value"])) in true_here:
                    c.add(conf, "value", "this value is true here, so it cannot make a false statement")


def _check_orderings(
    c: _Checker, data: dict, facts: dict[str, dict], relations: dict[str, dict], categories: set[str] | None
) -> None:
    seen: dict[str, Any] = {}
    listed = _check_list(c, data, "orderings")
    for index, item in enumerate(listed):
        if not isinstance(item, dict):
            c.add(listed, index, "each ordering is a mapping with id, category, prompt and facts")
            continue
        _check_keys(c, item, ("id", "category", "prompt", "facts"), "ordering")
        _check_id(c, item, seen, "ordering")
        if not _is_str(item.get("prompt")):
            c.add(item, "prompt" if "prompt" in item else None, "this ordering needs a 'prompt'")
        if not _is_str(item.get("category")):
            c.add(item, "category" if "category" in item else None, "this ordering needs a 'category'")
        elif categories is not None and item["category"] not in categories:
            c.add(item, "category", f"unknown category '{item['category']}'")
        ids = item.get("facts")
        if not _str_list(ids) or len(ids) < 3:
            c.add(item, "facts" if "facts" in item else None, "an ordering needs a list of at least 3 fact ids")
            continue
        keys: list[str] = []
        for i, fid in enumerate(ids):
            fact = facts.get(fid)
            if fact is None:
                c.add(ids, i, f"unknown fact '{fid}'")
                continue
            rel = relations.get(str(fact.get("relation")))
            kind = rel.get("value") if rel else None
            if kind not in ("year", "date") or not _value_ok(kind, fact.get("value")):
                c.add(ids, i, f"fact '{fid}' has no year or full date to order by")
                continue
            if fact.get("status") not in TRUE_STATUSES:
                c.add(ids, i, f"fact '{fid}' is superseded; an ordering may only use true facts")
            if not _is_str(fact.get("event")):
                c.add(ids, i, f"fact '{fid}' needs an 'event' label to be an ordering item")
            key = normalize_date(fact["value"]) if kind == "date" else f"{int(fact['value']):04d}"
            if key.startswith("--"):
                c.add(ids, i, f"fact '{fid}' has a day without a year; it cannot be ordered against others")
                continue
            if any(k[: len(key)] == key or key[: len(k)] == k for k in keys):
                c.add(
                    ids,
                    i,
                    f"fact '{fid}' falls in the same year or day as another item, so the order would be ambiguous",
                )
            keys.append(key)


# ---------------------------------------------------------------- loading


def load_facts(path: str | Path, seeds_dir: Path | str | None = None) -> FactBase:
    """Read and check a facts file; raises FileProblem or FactsInvalid."""
    name = str(path)
    data = load_yaml(path, "facts file")
    problems = [p for p in check_facts_data(data, name, seeds_dir) if p.severity == "error"]
    if problems:
        raise FactsInvalid(problems)
    return facts_from_data(data, name)


def _years(value: Any) -> tuple[int, int] | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return (value, value)
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return (value[0], value[1])
    return None


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or [])


def facts_from_data(data: dict, name: str = "") -> FactBase:
    """Convert checked facts data (``check_facts_data`` found no error) to a FactBase."""
    t = data["topic"]
    raw_sources = [s for s in t.get("sources", []) or [] if isinstance(s, dict)]
    topic = Topic(
        id=str(t["id"]),
        title=str(t["title"]),
        description=str(t.get("description", "") or ""),
        version=str(t.get("version", "1.0.0")),
        language=str(t.get("language", "en")),
        authors=tuple(str(a) for a in t.get("authors", []) or []),
        license=str(t.get("license", "") or ""),
        # "called" is for the generator's prompts, not the pack's header.
        sources=tuple({k: v for k, v in s.items() if k != "called"} for s in raw_sources),
    )
    seed_names = {str(s["seed"]): str(s["called"]) for s in raw_sources if "seed" in s and "called" in s}
    relations: dict[str, Relation] = {}
    for r in data["relations"]:
        relations[str(r["id"])] = Relation(
            id=str(r["id"]),
            category=str(r["category"]),
            subject=str(r["subject"]),
            statement=str(r["statement"]),
            object=_phrasings(r.get("object")),
            value=str(r.get("value", "") or ""),
            ask_object=_phrasings(r.get("ask_object")),
            ask_subject=_phrasings(r.get("ask_subject")),
            ask_all_objects=str(r.get("ask_all_objects", "") or ""),
            ask_all_subjects=str(r.get("ask_all_subjects", "") or ""),
            ask_superseded=_phrasings(r.get("ask_superseded")),
            match=str(r.get("match", "") or ""),
            unit=str(r.get("unit", "") or ""),
            tolerance=float(r.get("tolerance", 0) or 0),
            distractor_values=_texts(r.get("distractor_values")),
            overlaps=_texts(r.get("overlaps")),
            closed_world=bool(r.get("closed_world", False)),
            exhaustive=bool(r.get("exhaustive", False)),
            time_frame=_years(r.get("time_frame")),
            choices=int(r.get("choices", 4) or 4),
            hedged=bool(r.get("hedged", False)),
            kind=str(r.get("kind", "") or ""),
            tense=str(r.get("tense", "") or ""),
            quiet=bool(r.get("quiet", False)),
        )
    entities = {
        str(e["id"]): Entity(
            id=str(e["id"]),
            type=str(e["type"]),
            name=str(e["name"]),
            aliases=_texts(e.get("aliases")),
            distractor_only=bool(e.get("distractor_only", False)),
            note=str(e.get("note", "") or ""),
            kind=_phrasings(e.get("kind")),
            years=_years(e.get("years")),
        )
        for e in data["entities"]
    }
    facts = []
    for f in data["facts"]:
        rel = relations[str(f["relation"])]
        value = f.get("value")
        if rel.value == "date":
            value = normalize_date(value)
        confusions = tuple(
            Confusion(
                object=str(x.get("object", "") or ""),
                value=normalize_date(x["value"]) if rel.value == "date" and "value" in x else x.get("value"),
                note=str(x.get("note", "") or ""),
            )
            for x in f.get("confusions", []) or []
        )
        facts.append(
            Fact(
                id=str(f["id"]),
                subject=str(f["subject"]),
                relation=rel.id,
                status=str(f["status"]),
                seed=str(f["source"]["seed"]),
                quote=str(f["source"]["quote"]),
                object=str(f.get("object", "") or ""),
                value=value,
                tolerance=float(f["tolerance"]) if "tolerance" in f else None,
                event=str(f.get("event", "") or ""),
                note=str(f.get("note", "") or ""),
                aliases=_texts(f.get("aliases")),
                confusions=confusions,
                explanation=str(f.get("explanation", "") or ""),
                hedge=str(f.get("hedge", "") or ""),
                ask=_phrasings(f.get("ask")),
                statement=str(f.get("statement", "") or ""),
                category=str(f.get("category", "") or ""),
                gap=str(f.get("gap", "") or ""),
                gap_wrong=_texts(f.get("gap_wrong")),
                also_true=_texts(f.get("also_true")),
                wrong=_texts(f.get("wrong")),
            )
        )
    orderings = [
        Ordering(
            id=str(o["id"]),
            category=str(o["category"]),
            prompt=str(o["prompt"]),
            facts=tuple(str(x) for x in o["facts"]),
        )
        for o in data.get("orderings", []) or []
    ]
    changes = [
        Change(
            id=str(c["id"]),
            category=str(c["category"]),
            subject=str(c["subject"]),
            ask=str(c["ask"]),
            before_fact=str(c["before"]["fact"]),
            before=str(c["before"]["label"]),
            after_fact=str(c["after"]["fact"]),
            after=str(c["after"]["label"]),
            wrong=_texts(c.get("wrong")),
            statement=str(c.get("statement", "") or ""),
        )
        for c in data.get("changes", []) or []
    ]
    fact_categories = [f.category for f in facts if f.category]
    categories = tuple(str(x) for x in data.get("categories", []) or []) or tuple(
        dict.fromkeys(
            [r.category for r in relations.values()]
            + fact_categories
            + [o.category for o in orderings]
            + [c.category for c in changes]
        )
    )
    as_of = t.get("as_of")
    return FactBase(
        topic=topic,
        types=tuple(str(x) for x in data["types"]),
        categories=categories,
        entities=entities,
        relations=relations,
        facts=facts,
        orderings=orderings,
        changes=changes,
        path=name,
        as_of=as_of if isinstance(as_of, int) and not isinstance(as_of, bool) else None,
        seed_names=seed_names,
    )
