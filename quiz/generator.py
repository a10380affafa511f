"""Question banks generated from a facts file (``quiz.facts``).

Every question comes from one or more facts and carries the source of the
first one. Generation is deterministic: the facts are walked in file order,
each question's random choices come from an RNG seeded with the question's own
id, and sets are only ever iterated sorted. The same facts file therefore
always gives a byte-identical pack.

Difficulty rule (documented in docs/facts-format.md): each type has a base
level -- true/false and multiple choice are easy; pick-all, numeric and
matching are medium; typed answers and orderings are hard -- raised one step
(never past hard) when the question turns on an obscure entity, one named by
at most two true facts in the whole file.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from quiz.facts import Fact, FactBase, Relation, format_value, normalize_date, value_key
from quiz.model import (
    DIFFICULTIES,
    MATCHING,
    MULTI_SELECT,
    MULTIPLE_CHOICE,
    NUMERIC,
    ORDERING,
    TRUE_FALSE,
    TYPE_IN,
    Pack,
    PackInfo,
    Question,
    Source,
)

BASE_DIFFICULTY = {
    TRUE_FALSE: 0,
    MULTIPLE_CHOICE: 0,
    MULTI_SELECT: 1,
    NUMERIC: 1,
    MATCHING: 1,
    TYPE_IN: 2,
    ORDERING: 2,
}
#: An entity named by at most this many true facts is obscure: its questions are one step harder.
OBSCURE_MENTIONS = 2
#: Options in a multiple-choice question (one right, the rest wrong).
CHOICES = 4
#: At most this many right options in a pick-all question (plus up to two wrong ones).
MULTI_RIGHT = 3
MULTI_WRONG = 2


@dataclass
class _Draft:
    """A question being built, with what the difficulty rule needs."""

    question: Question
    focus: str = ""  # the entity the question turns on


@dataclass
class Generator:
    base: FactBase
    drafts: list[_Draft] = field(default_factory=list)

    def __post_init__(self) -> None:
        b = self.base
        self.true_facts = [f for f in b.facts if f.is_true]
        self.mentions: dict[str, int] = {}
        for f in self.true_facts:
            for ent in (f.subject, f.object):
                if ent:
                    self.mentions[ent] = self.mentions.get(ent, 0) + 1
        # Overlapping relations form groups (symmetric and transitive): a fact of
        # any relation in a group is true for all of them, so never a wrong option.
        group_of = {r: {r} for r in b.relations}
        for rel in b.relations.values():
            for other in rel.overlaps:
                if other in group_of and group_of[other] is not group_of[rel.id]:
                    merged = group_of[rel.id] | group_of[other]
                    for member in merged:
                        group_of[member] = merged
        self.related: dict[str, list[str]] = {r: sorted(group_of[r]) for r in b.relations}
        self.seed_entities: dict[str, set[str]] = {}
        for f in b.facts:
            self.seed_entities.setdefault(f.seed, set()).update(e for e in (f.subject, f.object) if e)

    # ------------------------------------------------------------ helpers

    def rng(self, qid: str) -> random.Random:
        digest = hashlib.sha256(f"{self.base.topic.id}/{qid}".encode()).hexdigest()
        return random.Random(int(digest[:16], 16))

    def name(self, entity_id: str) -> str:
        return self.base.entities[entity_id].name

    def answer_text(self, fact: Fact) -> str:
        rel = self.base.relations[fact.relation]
        if rel.is_value:
            return format_value(rel.value, fact.value, rel.unit)
        return self.name(fact.object)

    def render(self, template: str, subject: str = "", obj: str = "", rel: Relation | None = None) -> str:
        text = template.replace("{subject}", subject)
        text = text.replace("{value}" if rel is not None and rel.is_value else "{object}", obj)
        if text.endswith(".."):  # a name ending in a dot ("A.S.O.") closes the sentence itself
            text = text[:-1]
        return text[:1].upper() + text[1:]

    def statement(self, fact: Fact, answer: str | None = None) -> str:
        rel = self.base.relations[fact.relation]
        return self.render(rel.statement, self.name(fact.subject), self.answer_text(fact) if answer is None else answer, rel)

    def explanation(self, fact: Fact) -> str:
        return fact.explanation or self.statement(fact)

    def true_object_keys(self, subject: str, relation: str) -> set:
        """Keys (entity ids or value keys) that are true for subject in relation or its overlaps."""
        rel = self.base.relations[relation]
        keys: set = set()
        for f in self.true_facts:
            if f.subject == subject and f.relation in self.related[relation]:
                other = self.base.relations[f.relation]
                if other.is_value and rel.is_value:
                    keys.add(value_key(rel.value, f.value))
                elif f.object:
                    keys.add(f.object)
        return keys

    def true_subjects(self, relation: str, key: Any) -> set[str]:
        rel = self.base.relations[relation]
        out = set()
        for f in self.true_facts:
            if f.relation not in self.related[relation]:
                continue
            other = self.base.relations[f.relation]
            if rel.is_value and other.is_value and value_key(rel.value, f.value) == key:
                out.add(f.subject)
            elif not rel.is_value and f.object == key:
                out.add(f.subject)
        return out

    def entities_of(self, types: Iterable[str]) -> list[str]:
        wanted = set(types)
        return sorted(e.id for e in self.base.entities.values() if e.type in wanted)

    def difficulty(self, qtype: str, focus: str = "") -> str:
        level = BASE_DIFFICULTY[qtype]
        if focus and self.mentions.get(focus, 0) <= OBSCURE_MENTIONS:
            level += 1
        return DIFFICULTIES[min(level, len(DIFFICULTIES) - 1)]

    def add(self, qid: str, category: str, qtype: str, prompt: str, facts: list[Fact], focus: str = "", explanation: str = "", **kw: Any) -> None:
        first = facts[0]
        self.drafts.append(
            _Draft(
                Question(
                    id=qid,
                    category=category,
                    type=qtype,
                    prompt=prompt,
                    difficulty=self.difficulty(qtype, focus),
                    explanation=explanation or " ".join(dict.fromkeys(self.explanation(f) for f in facts)),
                    facts=tuple(dict.fromkeys(f.id for f in facts)),
                    source=Source(first.seed, first.quote),
                    pack=self.base.topic.id,
                    **kw,
                ),
                focus,
            )
        )

    def pick_entities(self, rng: random.Random, candidates: list[str], exclude: set[str], count: int, prefer: set[str] | None = None) -> list[str]:
        """Distinct wrong entities: none excluded, no two with the same name."""
        taken = {_fold(self.name(e)) for e in exclude if e in self.base.entities}
        pool = [e for e in candidates if e not in exclude]
        rng.shuffle(pool)
        if prefer:
            pool.sort(key=lambda e: e not in prefer)  # stable: preferred first, shuffled within
        out = []
        for e in pool:
            folded = _fold(self.name(e))
            if folded not in taken:
                taken.add(folded)
                out.append(e)
            if len(out) == count:
                break
        return out

    def wrong_values(self, rng: random.Random, rel: Relation, fact: Fact, exclude: set, count: int) -> list[str]:
        """Wrong values near the right one (years, numbers, dates) or from the relation's pool (text)."""
        kind = rel.value
        tolerance = max(fact.tolerance if fact.tolerance is not None else rel.tolerance, 0.0)
        candidates: list[Any] = []
        if kind == "year":
            candidates = [int(fact.value) + d for d in (-3, -2, -1, 1, 2, 3)]
        elif kind == "number":
            v = float(fact.value)
            step = 1 if v <= 12 else 5 if v <= 100 else 10 if v <= 1000 else 10 ** (len(str(int(v))) - 2)
            step = max(step, tolerance * 2 + (1 if v.is_integer() else 0.1))
            candidates = [v + k * step for k in (-3, -2, -1, 1, 2, 3) if v + k * step > 0]
        elif kind == "date":
            candidates = _shift_days(fact.value, (-7, -3, -1, 1, 3, 7))
        else:
            pool = list(rel.distractor_values) + [str(f.value) for f in self.base.facts_of(rel.id) if f.is_true]
            candidates = list(dict.fromkeys(pool))
        shown = {value_key(kind, v) for v in exclude}
        out: list[Any] = []
        if kind in ("year", "number", "date"):
            # The nearest few, so wrong options stay plausible.
            rng.shuffle(candidates)
            if kind != "date":
                candidates.sort(key=lambda c: abs(float(c) - float(fact.value)))
            candidates = candidates[: count + 2]
            rng.shuffle(candidates)
        else:
            rng.shuffle(candidates)
        for cand in candidates:
            key = value_key(kind, cand)
            if key in shown:
                continue
            shown.add(key)
            out.append(cand)
            if len(out) == count:
                break
        return [format_value(kind, c, rel.unit) for c in out]

    # ------------------------------------------------------------ building

    def build(self) -> Pack:
        for rel in self.base.relations.values():
            self.relation_questions(rel)
        for ordering in self.base.orderings:
            self.ordering_question(ordering)
        questions = self.balance_true_false([d.question for d in self.drafts])
        questions = _distinct_prompts(questions)
        order = {c: i for i, c in enumerate(self.base.categories)}
        questions.sort(key=lambda q: order.get(q.category, len(order)))  # stable within a category
        t = self.base.topic
        info = PackInfo(
            id=t.id,
            title=t.title,
            description=t.description,
            version=t.version,
            language=t.language,
            authors=t.authors,
            license=t.license,
            sources=tuple({str(k): str(v) for k, v in s.items()} for s in t.sources),
        )
        return Pack(info=info, questions=questions)

    def relation_questions(self, rel: Relation) -> None:
        facts = self.base.facts_of(rel.id)
        true = [f for f in facts if f.is_true]
        by_subject: dict[str, list[Fact]] = {}
        for f in true:
            by_subject.setdefault(f.subject, []).append(f)
        by_object: dict[Any, list[Fact]] = {}
        for f in true:
            by_object.setdefault(value_key(rel.value, f.value) if rel.is_value else f.object, []).append(f)
        for group in by_subject.values():
            self.ask_object(rel, group)
        for key, group in by_object.items():
            self.ask_subject(rel, key, group)
        for f in facts:
            if f.is_true:
                self.true_false(rel, f)
            else:
                self.superseded(rel, f)
        if rel.match:
            self.matching(rel, true)

    def ask_object(self, rel: Relation, group: list[Fact]) -> None:
        if not rel.ask_object:
            return
        fact = group[0]
        subject = self.name(fact.subject)
        exclude = self.true_object_keys(fact.subject, rel.id)
        rng = self.rng(f"{fact.id}.object")
        if rel.is_value:
            right = self.answer_text(fact)
            excluded_values = [f.value for f in self.true_facts if f.subject == fact.subject and f.relation in self.related[rel.id] and self.base.relations[f.relation].value == rel.value]
            wrong = self.wrong_values(rng, rel, fact, set(excluded_values), CHOICES - 1)
            focus = fact.subject
        else:
            right = self.name(fact.object)
            # Wrong options of the right answer's own type read as real alternatives.
            same_type = set(self.entities_of([self.base.entities[fact.object].type]))
            wrong = [self.name(e) for e in self.pick_entities(rng, self.entities_of(rel.object), exclude | {fact.subject}, CHOICES - 1, same_type)]
            focus = fact.object
        prompt = self.render(rel.ask_object[0], subject, rel=rel)
        if len(wrong) == CHOICES - 1:
            choices = self.arrange(rng, rel, [right, *wrong])
            self.add(f"{fact.id}.object-mc", rel.category, MULTIPLE_CHOICE, prompt, [fact], focus, choices=choices, answers=(right,))
        if len(rel.ask_object) > 1 and len(exclude) == 1:
            self.typed(rel, fact, self.render(rel.ask_object[1], subject, rel=rel), f"{fact.id}.object-typed", focus)
        if rel.ask_all_objects and len(group) > 1:
            rights = [self.answer_text(f) for f in group]
            if rel.is_value:
                wrong = self.wrong_values(rng, rel, fact, {f.value for f in group}, MULTI_WRONG)
            else:
                wrong = [self.name(e) for e in self.pick_entities(rng, self.entities_of(rel.object), exclude, MULTI_WRONG)]
            self.multi(rel, group, self.render(rel.ask_all_objects, subject, rel=rel), f"{fact.id}.objects-all", rights, wrong, rng, fact.subject)

    def ask_subject(self, rel: Relation, key: Any, group: list[Fact]) -> None:
        if not rel.ask_subject:
            return
        fact = group[0]
        answer = self.answer_text(fact)
        exclude = self.true_subjects(rel.id, key)
        rng = self.rng(f"{fact.id}.subject")
        candidates = [e for e in self.entities_of([rel.subject]) if e != fact.object]
        if rel.is_value or rel.closed_world:
            # Open world: an entity with nothing known here might have this answer too,
            # so only subjects known to have another value or object can be wrong options.
            candidates = sorted({f.subject for f in self.true_facts if f.relation == rel.id})
        prefer = {e for e in candidates if not self.base.entities[e].distractor_only}
        prompt = self.render(rel.ask_subject[0], obj=answer, rel=rel)
        right = self.name(fact.subject)
        wrong_ids = self.pick_entities(rng, candidates, exclude, CHOICES - 1, prefer if rel.is_value else None)
        if len(wrong_ids) == CHOICES - 1:
            choices = tuple(self.shuffled(rng, [right, *(self.name(e) for e in wrong_ids)]))
            self.add(f"{fact.id}.subject-mc", rel.category, MULTIPLE_CHOICE, prompt, [fact], fact.subject, choices=choices, answers=(right,))
        if len(rel.ask_subject) > 1 and len(exclude) == 1:
            subject = self.base.entities[fact.subject]
            self.add(
                f"{fact.id}.subject-typed", rel.category, TYPE_IN, self.render(rel.ask_subject[1], obj=answer, rel=rel), [fact],
                fact.subject, answers=_unique([subject.name, *subject.aliases]),
            )  # fmt: skip
        if rel.ask_all_subjects and len(group) > 1:
            wrong = [self.name(e) for e in self.pick_entities(rng, candidates, exclude, MULTI_WRONG)]
            rights = [self.name(f.subject) for f in group]
            self.multi(rel, group, self.render(rel.ask_all_subjects, obj=answer, rel=rel), f"{fact.id}.subjects-all", rights, wrong, rng, "")

    def typed(self, rel: Relation, fact: Fact, prompt: str, qid: str, focus: str) -> None:
        """A typed answer: a number for years and figures, else the name or text with its aliases."""
        if rel.value in ("year", "number"):
            tolerance = fact.tolerance if fact.tolerance is not None else rel.tolerance
            self.add(qid, rel.category, NUMERIC, prompt, [fact], focus, value=float(fact.value), tolerance=tolerance,
                     answers=(format_value("year", fact.value),), unit=rel.unit if rel.value == "number" else "")  # fmt: skip
        elif rel.value == "date":
            return  # dates are typed in too many ways to mark fairly
        elif rel.is_value:
            self.add(qid, rel.category, TYPE_IN, prompt, [fact], focus, answers=_unique([str(fact.value), *fact.aliases]))
        else:
            ent = self.base.entities[fact.object]
            self.add(qid, rel.category, TYPE_IN, prompt, [fact], focus, answers=_unique([ent.name, *ent.aliases]))

    def multi(self, rel: Relation, group: list[Fact], prompt: str, qid: str, rights: list[str], wrong: list[str], rng: random.Random, focus: str) -> None:
        if not wrong:
            return  # a pick-all with nothing wrong to leave out tests nothing
        chosen = list(zip(rights, group))
        rng.shuffle(chosen)
        chosen = sorted(chosen[:MULTI_RIGHT], key=lambda pair: group.index(pair[1]))
        choices = self.arrange(rng, rel, [r for r, _ in chosen] + wrong)
        answers = tuple(c for c in choices if c in {r for r, _ in chosen})
        self.add(qid, rel.category, MULTI_SELECT, prompt, [f for _, f in chosen], focus, choices=choices, answers=answers)

    def arrange(self, rng: random.Random, rel: Relation, options: list[str]) -> tuple[str, ...]:
        """Numbers, years and dates read best in order; names and texts are shuffled."""
        if rel.value in ("year", "number"):
            return tuple(sorted(options, key=lambda o: float(o.split()[0])))
        if rel.value == "date":
            return tuple(sorted(options, key=_date_sort_key))
        return tuple(self.shuffled(rng, options))

    @staticmethod
    def shuffled(rng: random.Random, options: list[str]) -> list[str]:
        out = list(options)
        rng.shuffle(out)
        return out

    def true_false(self, rel: Relation, fact: Fact) -> None:
        subject = self.name(fact.subject)
        self.add(f"{fact.id}.true", rel.category, TRUE_FALSE, "True or false: " + self.statement(fact), [fact], fact.subject, answers=("true",))
        wrongs: list[tuple[str, str]] = []  # (suffix, wrong answer text)
        true_keys = self.true_object_keys(fact.subject, rel.id)
        for i, conf in enumerate(fact.confusions):
            if conf.object:
                if conf.object not in true_keys:
                    wrongs.append((f"false-{conf.object}", self.name(conf.object)))
            elif value_key(rel.value, conf.value) not in true_keys:
                wrongs.append((f"false-{i + 1}", format_value(rel.value, conf.value, rel.unit)))
        if rel.value == "year" and not fact.confusions:
            # A year one off the right one is the commonest real slip.
            rng = self.rng(f"{fact.id}.false-year")
            for delta in sorted((-1, 1), key=lambda _: rng.random()):
                if value_key("year", int(fact.value) + delta) not in true_keys:
                    wrongs.append(("false-year", str(int(fact.value) + delta)))
                    break
        for suffix, answer in wrongs:
            prompt = "True or false: " + self.render(rel.statement, subject, answer, rel)
            self.add(f"{fact.id}.{suffix}", rel.category, TRUE_FALSE, prompt, [fact], fact.subject, answers=("false",))

    def superseded(self, rel: Relation, fact: Fact) -> None:
        """A superseded report only ever makes a false statement, or a question about early reports."""
        true_keys = self.true_object_keys(fact.subject, rel.id)
        key = value_key(rel.value, fact.value) if rel.is_value else fact.object
        if key in true_keys:
            return  # superseded by itself being confirmed: nothing false to ask
        corrections = [f for f in self.true_facts if f.subject == fact.subject and f.relation == rel.id]
        explanation = fact.explanation or " ".join(self.statement(f) for f in corrections) or (
            f"Only an early report said so; it was superseded ({fact.seed})."
        )
        self.add(f"{fact.id}.false", rel.category, TRUE_FALSE, "True or false: " + self.statement(fact), [fact], fact.subject,
                 explanation=explanation, answers=("false",))  # fmt: skip
        if not rel.ask_superseded or rel.is_value:
            return
        answer = self.answer_text(fact)
        rng = self.rng(f"{fact.id}.superseded")
        # The plausible wrong options are the ones the same early report named correctly.
        exclude = {fact.subject} | {e for e in self.entities_of([rel.subject]) if e not in self.true_subjects(rel.id, key)}
        named = self.seed_entities.get(fact.seed, set())
        wrong_ids = self.pick_entities(rng, self.entities_of([rel.subject]), exclude, CHOICES - 1, prefer=named)
        right = self.name(fact.subject)
        prompt = self.render(rel.ask_superseded[0], obj=answer, rel=rel)
        if len(wrong_ids) == CHOICES - 1:
            choices = tuple(self.shuffled(rng, [right, *(self.name(e) for e in wrong_ids)]))
            self.add(f"{fact.id}.superseded-mc", rel.category, MULTIPLE_CHOICE, prompt, [fact], fact.subject,
                     explanation=explanation, choices=choices, answers=(right,))  # fmt: skip
        if len(rel.ask_superseded) > 1:
            ent = self.base.entities[fact.subject]
            self.add(f"{fact.id}.superseded-typed", rel.category, TYPE_IN, self.render(rel.ask_superseded[1], obj=answer, rel=rel),
                     [fact], fact.subject, explanation=explanation, answers=_unique([ent.name, *ent.aliases]))  # fmt: skip

    def matching(self, rel: Relation, true: list[Fact]) -> None:
        pairs: list[tuple[str, str]] = []
        used: list[Fact] = []
        lefts, rights = set(), set()
        for f in true:
            left, right = self.name(f.subject), self.answer_text(f)
            # Each side once only, or two pairings could both be right.
            if _fold(left) in lefts or _fold(right) in rights:
                continue
            if len(self.true_object_keys(f.subject, rel.id)) > 1:
                continue
            lefts.add(_fold(left))
            rights.add(_fold(right))
            pairs.append((left, right))
            used.append(f)
            if len(pairs) == 4:
                break
        if len(pairs) >= 3:
            self.add(f"{rel.id}.match", rel.category, MATCHING, self.render(rel.match, rel=rel), used, "",
                     pairs=tuple(pairs), answers=tuple(r for _, r in pairs))  # fmt: skip

    def ordering_question(self, ordering: Any) -> None:
        facts = [f for f in self.base.facts if f.id in ordering.facts and f.is_true]
        if len(facts) < 3:
            return
        facts.sort(key=lambda f: _order_key(self.base.relations[f.relation].value, f.value))
        self.add(f"{ordering.id}.order", ordering.category, ORDERING, ordering.prompt, facts, "", answers=tuple(f.event for f in facts))

    def balance_true_false(self, questions: list[Question]) -> list[Question]:
        """Keep about as many false statements as true ones (within a tenth)."""
        trues = [q for q in questions if q.type == TRUE_FALSE and q.answers == ("true",)]
        falses = [q for q in questions if q.type == TRUE_FALSE and q.answers == ("false",)]
        big, small = (trues, falses) if len(trues) > len(falses) else (falses, trues)
        keep = len(small) + len(small) // 10
        if len(big) <= keep:
            return questions
        ranked = sorted(big, key=lambda q: hashlib.sha256(f"{self.base.topic.id}/{q.id}".encode()).hexdigest())
        dropped = {q.id for q in ranked[keep:]}
        return [q for q in questions if q.id not in dropped]


def _unique(names: list[str]) -> tuple[str, ...]:
    """Names in order, without repeats that differ only in case or spacing."""
    seen: set[str] = set()
    out = []
    for name in names:
        if _fold(name) not in seen:
            seen.add(_fold(name))
            out.append(name)
    return tuple(out)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _distinct_prompts(questions: list[Question]) -> list[Question]:
    """Two questions with one prompt would read as the same question: keep the first."""
    seen: set[str] = set()
    out = []
    for q in questions:
        key = _fold(q.prompt)
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out


def _shift_days(value: Any, deltas: Iterable[int]) -> list[str]:
    import datetime as dt

    iso = normalize_date(value)
    day_only = iso.startswith("--")
    base = dt.date.fromisoformat("2001" + iso[1:] if day_only else iso)
    out = []
    for d in deltas:
        moved = (base + dt.timedelta(days=d)).isoformat()
        out.append("--" + moved[5:] if day_only else moved)
    return out


def _date_sort_key(text: str) -> tuple[int, int, int]:
    import datetime as dt

    parts = text.replace(",", "").split()
    month = dt.datetime.strptime(parts[0], "%B").month
    return (int(parts[2]) if len(parts) > 2 else 0, month, int(parts[1]))


def _order_key(kind: str, value: Any) -> str:
    return normalize_date(value) if kind == "date" else f"{int(value):04d}"


def generate_pack(base: FactBase) -> Pack:
    """The question pack for a fact base."""
    return Generator(base).build()
