"""Question banks generated from a facts file (``quiz.facts``).

Generation has three steps:

1. **Candidates.** Every way a fact can be asked becomes a candidate question:
   towards its object or value and towards its subject (multiple choice, typed,
   pick-all), true and false statements, matching and ordering, fill-the-gap
   questions from the quote itself, who said a quote and what a person said,
   why (a reason against the other reasons the sources give), attributed
   opinions, and what changed between an early report and the official word.
   Reported facts and opinions carry their hedge ("According to Telegraph
   Sport, …") into every sentence. Wrong options are of the right answer's
   type and kind, and never known only from outside the relation's time frame.
   A candidate the linter (``quiz.lint``) would warn about is redrawn, or left
   out.
2. **Selection.** Variety over volume: facts take turns, each taking first a
   question of a type it has not had yet, up to four questions per fact, and no
   question that the linter's counting rules would flag (near-duplicates, a
   sentence, answer or pairing asked too often). True and false statements are
   balanced.
3. **Difficulty** follows the rule stated in ``quiz.lint.expected_difficulty``.

Generation is deterministic: facts are walked in file order, every random
choice comes from an RNG seeded with the topic id and the question's own id,
and sets are only ever iterated sorted. The same facts file always gives a
byte-identical pack.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from quiz import lint
from quiz.coverage import split_sentences
from quiz.facts import (
    DEFAULT_CHANGE_STATEMENT,
    Change,
    Fact,
    FactBase,
    Ordering,
    Relation,
    format_value,
    normalize_date,
    value_key,
)
from quiz.model import (
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

#: Options in a multiple-choice question unless the relation says otherwise.
CHOICES = 4
#: At most this many right options in a pick-all question (plus up to two wrong ones).
MULTI_RIGHT = 3
MULTI_WRONG = 2
#: Draws of wrong options tried before a question the linter warns about is given up.
DRAWS = 12
#: At most this share of a bank is true/false statements.
TRUE_FALSE_SHARE = 0.4
#: Rounds of selection: a fact takes at most one question per round.
ROUNDS = lint.MAX_PER_FACT
#: Words a question may start with that are not names, so a hedge before them takes them in lower case.
_LOWERABLE = frozenset(
    (
        "which",
        "what",
        "who",
        "whom",
        "whose",
        "how",
        "why",
        "when",
        "where",
        "name",
        "type",
        "pick",
        "match",
        "complete",
        "fill",
        "put",
        "in",
        "on",
        "for",
        "to",
        "from",
        "the",
        "a",
        "an",
        "each",
        "one",
        "there",
        "it",
        "this",
        "these",
        "is",
        "was",
        "were",
        "are",
        "did",
        "does",
        "do",
        "had",
        "has",
        "if",
        "between",
        "early",
        "teams",
        "casual",
        "with",
        "as",
        "at",
        "by",
        "after",
        "before",
        "during",
        "of",
    )
)
#: Preferred order of question kinds for a fact (lower first): the kinds a teacher misses most come first.
RANK = {
    "change": 0,
    "who-said": 0,
    "superseded": 0,
    "reason": 0,
    "object-mc": 1,
    "subject-mc": 1,
    "gap": 1,
    "match": 1,
    "order": 1,
    "all": 1,
    "typed": 1,
    "true": 2,
    "false": 2,
}


@dataclass
class _Draft:
    question: Question
    rank: int


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    """Names in order, without repeats that differ only in case or spacing."""
    seen: set[str] = set()
    out = []
    for name in names:
        if _fold(name) not in seen:
            seen.add(_fold(name))
            out.append(name)
    return tuple(out)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    first = re.match(r"([A-Za-z]+)\s+(\S)", text)
    if first is None or first[1].casefold() not in _LOWERABLE:
        return text
    if first[1].casefold() in ("the", "a", "an") and first[2].isupper():
        return text  # the start of a title: "The Least Expected Day"
    return text[:1].lower() + text[1:]


def _close(text: str) -> str:
    """A name ending in a dot ("A.S.O.") closes the sentence itself."""
    return text[:-1] if text.endswith("..") else text


class Generator:
    def __init__(self, base: FactBase):
        self.base = base
        self.drafts: list[_Draft] = []
        self.true_facts = [f for f in base.facts if f.is_true]
        self.by_id = {f.id: f for f in base.facts}
        # Overlapping relations form groups (symmetric and transitive): a fact of
        # any relation in a group is true for all of them, so never a wrong option.
        group_of = {r: {r} for r in base.relations}
        for rel in base.relations.values():
            for other in rel.overlaps:
                if other in group_of and group_of[other] is not group_of[rel.id]:
                    merged = group_of[rel.id] | group_of[other]
                    for member in merged:
                        group_of[member] = merged
        self.related: dict[str, list[str]] = {r: sorted(group_of[r]) for r in base.relations}
        self.seed_entities: dict[str, set[str]] = {}
        for f in base.facts:
            self.seed_entities.setdefault(f.seed, set()).update(e for e in (f.subject, f.object) if e)

    # ------------------------------------------------------------ words

    def rng(self, qid: str) -> random.Random:
        digest = hashlib.sha256(f"{self.base.topic.id}/{qid}".encode()).hexdigest()
        return random.Random(int(digest[:16], 16))

    def name(self, entity_id: str) -> str:
        return self.base.entities[entity_id].name

    def rel(self, fact: Fact) -> Relation:
        return self.base.relations[fact.relation]

    def answer_text(self, fact: Fact) -> str:
        rel = self.rel(fact)
        if rel.is_value:
            return format_value(rel.value, fact.value, rel.unit)
        return self.name(fact.object)

    def category(self, fact: Fact) -> str:
        return fact.category or self.rel(fact).category

    @staticmethod
    def fill(template: str, subject: str = "", obj: str = "", rel: Relation | None = None) -> str:
        slot = "{value}" if rel is not None and rel.is_value else "{object}"
        for placeholder, name in (("{subject}", subject), (slot, obj)):
            if name.endswith("s"):  # France Télévisions' part, not Télévisions's
                template = template.replace(placeholder + "'s ", name + "' ")
            template = template.replace(placeholder, name)
        return template

    @staticmethod
    def finish(text: str, hedge: str = "") -> str:
        """A sentence: capitalised, or after its hedge ("According to X, which…").

        An instruction ("Type…", "Name…") keeps its verb first and takes the hedge at its end.
        """
        text = _close(text)
        if text.endswith("”") and text[-2:-1] not in (".", "!", "?"):
            text += "."  # a quote that stops mid-sentence, inside a sentence that must end
        if not hedge:
            return _capitalise(text)
        if re.match(r"(type|name|pick|match|put|fill|complete)\b", text, re.IGNORECASE):
            body, stop = (text[:-1], text[-1]) if text[-1:] in ".?" else (text, ".")
            return f"{_capitalise(body)}, {hedge[:1].lower()}{hedge[1:]}{stop}"
        return f"{hedge}, {_lower_first(text)}"

    def hedge_of(self, facts: Iterable[Fact]) -> str | None:
        """The hedge a question over these facts needs; None when they need different ones."""
        hedges = {f.hedge for f in facts}
        return hedges.pop() if len(hedges) == 1 else None

    def statement(self, fact: Fact, answer: str | None = None) -> str:
        rel = self.rel(fact)
        template = fact.statement or rel.statement
        text = self.fill(template, self.name(fact.subject), self.answer_text(fact) if answer is None else answer, rel)
        return self.finish(text, fact.hedge)

    def explanation(self, fact: Fact) -> str:
        return fact.explanation or self.statement(fact)

    def called(self, seed: str) -> str:
        return self.base.seed_names.get(seed, "the article")

    # ------------------------------------------------------------ truth

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

    def true_for_question(self, fact: Fact) -> set:
        """What is right for a fact's own question: its value and the values it says are also true."""
        rel = self.rel(fact)
        if not fact.ask:
            return self.true_object_keys(fact.subject, fact.relation)
        facts = [fact, *(self.by_id[i] for i in fact.also_true)]
        return {value_key(rel.value, f.value) if rel.is_value else f.object for f in facts}

    def true_subjects(self, relation: str, key: Any) -> set[str]:
        rel = self.base.relations[relation]
        out = set()
        for f in self.true_facts:
            if f.relation not in self.related[relation]:
                continue
            other = self.base.relations[f.relation]
            if (
                rel.is_value
                and other.is_value
                and value_key(rel.value, f.value) == key
                or not rel.is_value
                and f.object == key
            ):
                out.add(f.subject)
        return out

    def entities_of(self, types: Iterable[str]) -> list[str]:
        wanted = set(types)
        return sorted(e.id for e in self.base.entities.values() if e.type in wanted)

    def fits(self, candidate: str, answer: str, rel: Relation, context: str = "") -> bool:
        """Could this entity stand beside the answer as a wrong option?

        Not when it is known only outside the relation's time frame; and when the
        answer shares a kind with the entity the question names (an F1 person in a
        question about Drive to Survive), the wrong options must share it too, or
        the answer would be the only one of the question's kind.
        """
        cand, right = self.base.entities[candidate], self.base.entities[answer]
        named = self.base.entities[context].kind if context in self.base.entities else ()
        shared = set(right.kind) & set(named)
        if shared and not shared & set(cand.kind):
            return False
        if rel.time_frame and cand.years:
            first, last = rel.time_frame
            if cand.years[1] < first or cand.years[0] > last:
                return False
        return True

    # ------------------------------------------------------------ candidates

    def candidate(
        self,
        qid: str,
        kind: str,
        category: str,
        qtype: str,
        prompt: str,
        facts: list[Fact],
        explanation: str = "",
        source: Fact | None = None,
        **kw: Any,
    ) -> bool:
        """Add a candidate unless the linter would warn about it; say whether it was added."""
        cited = source or facts[0]
        if not explanation:
            explanation = " ".join(dict.fromkeys(self.explanation(f) for f in facts))
            # A question over several sentences cites one; the reveal quotes the others.
            others = [f for f in facts if lint.fold(f.quote) != lint.fold(cited.quote) and self.rel(f).kind != "quote"]
            quoted = dict.fromkeys(f"{_capitalise(self.called(f.seed))}: {_quoted(f.quote)}" for f in others)
            if quoted:
                explanation += " Also cited: " + " ".join(quoted)
        q = Question(
            id=qid,
            category=category,
            type=qtype,
            prompt=prompt,
            explanation=explanation,
            facts=tuple(dict.fromkeys(f.id for f in facts)),
            source=Source(cited.seed, cited.quote),
            pack=self.base.topic.id,
            **kw,
        )
        if lint.question_findings(q, self.base.topic):
            return False
        self.drafts.append(_Draft(q, RANK[kind]))
        return True

    def choice(
        self,
        qid: str,
        kind: str,
        category: str,
        prompt: str,
        facts: list[Fact],
        right: str,
        pools: list[list[str]],
        rng: random.Random,
        count: int,
        arrange: str = "shuffle",
        **kw: Any,
    ) -> bool:
        """A multiple-choice candidate: the first draw of wrong options the linter finds fair.

        ``pools`` are tried in order (a draw takes from the first pool, topped up
        from the next ones), so same-kind options come first.
        """
        pool = list(dict.fromkeys(w for p in pools for w in p if _fold(w) != _fold(right)))
        if len(pool) < count:
            return False
        fair: list[tuple[str, ...]] = []
        for _ in range(DRAWS):
            wrong = rng.sample(pool, count) if len(pools) == 1 else self._layered(rng, pools, right, count)
            choices = self.arrange([right, *wrong], rng, arrange)
            probe = Question(
                id=qid, category=category, type=MULTIPLE_CHOICE, prompt=prompt, choices=choices, answers=(right,)
            )
            if choices not in fair and not lint.question_findings(probe, self.base.topic):
                fair.append(choices)
        if not fair:
            return False
        # The right answer should not stand out as the longest option (lint's longest-answer-bias).
        fair.sort(key=lambda c: _stands_out(right, c))
        return self.candidate(
            qid, kind, category, MULTIPLE_CHOICE, prompt, facts, choices=fair[0], answers=(right,), **kw
        )

    @staticmethod
    def _layered(rng: random.Random, pools: list[list[str]], right: str, count: int) -> list[str]:
        out: list[str] = []
        for p in pools:
            fresh = [w for w in dict.fromkeys(p) if _fold(w) != _fold(right) and w not in out]
            out += rng.sample(fresh, min(count - len(out), len(fresh)))
            if len(out) == count:
                break
        return out

    @staticmethod
    def arrange(options: list[str], rng: random.Random, how: str) -> tuple[str, ...]:
        """Numbers, years and dates read best in order; names and texts are shuffled."""
        if how == "number":
            return tuple(sorted(options, key=lambda o: float(o.split()[0])))
        if how == "date":
            return tuple(sorted(options, key=_date_sort_key))
        out = list(options)
        rng.shuffle(out)
        return tuple(out)

    def wrong_entities(
        self, answer: str, candidates: Iterable[str], exclude: set[str], rel: Relation, context: str = ""
    ) -> list[list[str]]:
        """Wrong options for an entity answer: same type and kind first, then same type, then the relation's
        other types."""
        taken = {_fold(self.name(e)) for e in exclude if e in self.base.entities}
        ok = [
            e
            for e in sorted(set(candidates))
            if e not in exclude and _fold(self.name(e)) not in taken and self.fits(e, answer, rel, context)
        ]
        right = self.base.entities[answer]
        kind = [
            self.name(e)
            for e in ok
            if self.base.entities[e].type == right.type and set(self.base.entities[e].kind) & set(right.kind)
        ]
        same = [self.name(e) for e in ok if self.base.entities[e].type == right.type and self.name(e) not in kind]
        rest = [self.name(e) for e in ok if self.base.entities[e].type != right.type]
        return [p for p in (kind, same, rest) if p]

    def wrong_values(self, fact: Fact, exclude: set) -> list[str]:
        """Wrong values: near years, numbers and dates, or texts from the relation's pool (length-balanced
        later by lint)."""
        rel = self.rel(fact)
        kind = rel.value
        tolerance = max(fact.tolerance if fact.tolerance is not None else rel.tolerance, 0.0)
        candidates: list[Any]
        if kind == "year":
            candidates = [int(fact.value) + d for d in (-1, 1, -2, 2, -3, 3)]
        elif kind == "number":
            v = float(fact.value)
            step = 1 if v <= 12 else 5 if v <= 100 else 10 if v <= 1000 else 10 ** (len(str(int(v))) - 2)
            step = max(step, tolerance * 2 + (1 if v.is_integer() else 0.1))
            candidates = [v + k * step for k in (-1, 1, -2, 2, -3, 3) if v + k * step > 0]
        elif kind == "date":
            candidates = _shift_days(fact.value, (-1, 1, -3, 3, -7, 7))
        else:
            # Other facts' values are of the same kind unless each fact asks its own question;
            # quotes, reasons and opinions are alike whatever they answer.
            alike = not fact.ask or rel.kind in ("quote", "reason")
            others = (
                [f for f in self.base.facts_of(rel.id) if f.is_true and f.id != fact.id and f.id not in fact.also_true]
                if alike
                else []
            )
            candidates = list(dict.fromkeys([*fact.wrong, *rel.distractor_values, *(str(f.value) for f in others)]))
        shown = {value_key(kind, v) for v in exclude}
        out = []
        for cand in candidates:
            key = value_key(kind, cand)
            if key not in shown:
                shown.add(key)
                out.append(format_value(kind, cand, rel.unit))
        return out

    # ------------------------------------------------------------ relations

    def relation_questions(self, rel: Relation) -> None:
        if rel.quiet:
            return
        facts = self.base.facts_of(rel.id)
        true = [f for f in facts if f.is_true]
        by_subject: dict[tuple[str, str], list[Fact]] = {}
        for f in true:
            # A fact with its own question is asked on its own.
            by_subject.setdefault((f.subject, f.id if f.ask else ""), []).append(f)
        by_object: dict[Any, list[Fact]] = {}
        for f in true:
            if not f.ask:
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
            if f.gap:
                self.gap(rel, f)
        if rel.match:
            self.matching(rel, true)

    def ask_object(self, rel: Relation, group: list[Fact]) -> None:
        fact = group[0]
        asks = fact.ask or rel.ask_object
        if not asks and not rel.ask_all_objects:
            return
        subject = self.name(fact.subject)
        exclude = self.true_for_question(fact)
        rng = self.rng(f"{fact.id}.object")
        hedge = fact.hedge
        kind = "reason" if rel.kind == "reason" else "object-mc"
        prompt = self.finish(self.fill(asks[0], subject, rel=rel), hedge) if asks else ""
        count = CHOICES - 1
        if not asks:
            pass
        elif rel.is_value:
            excluded = (
                exclude
                if fact.ask
                else {
                    f.value
                    for f in self.true_facts
                    if f.subject == fact.subject
                    and f.relation in self.related[rel.id]
                    and self.rel(f).value == rel.value
                }
            )
            wrong = self.wrong_values(fact, excluded)
            how = "number" if rel.value in ("year", "number") else "date" if rel.value == "date" else "shuffle"
            pools = [wrong[: count + 2]] if rel.value in ("year", "number", "date") else [wrong]
            self.choice(
                f"{fact.id}.object-mc",
                kind,
                self.category(fact),
                prompt,
                [fact],
                self.answer_text(fact),
                pools,
                rng,
                count,
                how,
            )
        else:
            context = fact.subject
            pools = self.wrong_entities(
                fact.object, self.entities_of(rel.object), exclude | {fact.subject}, rel, context
            )
            self.choice(
                f"{fact.id}.object-mc",
                kind,
                self.category(fact),
                prompt,
                [fact],
                self.name(fact.object),
                pools,
                rng,
                count,
            )
        if len(asks) > 1 and len(exclude) == 1:
            self.typed(rel, fact, self.finish(self.fill(asks[1], subject, rel=rel), hedge), f"{fact.id}.object-typed")
        if rel.ask_all_objects and len(group) > 1 and not fact.ask:
            hedge_all = self.hedge_of(group)
            if hedge_all is None:
                return
            rights = [self.answer_text(f) for f in group]
            if rel.is_value:
                wrong = self.wrong_values(fact, {f.value for f in group})[:MULTI_WRONG]
            else:
                pools = self.wrong_entities(
                    fact.object, self.entities_of(rel.object), exclude | {fact.subject}, rel, fact.subject
                )
                wrong = self._layered(rng, pools, "", MULTI_WRONG)
            prompt_all = self.finish(self.fill(rel.ask_all_objects, subject, rel=rel), hedge_all)
            self.multi(rel, group, prompt_all, f"{fact.id}.objects-all", rights, wrong, rng)

    def ask_subject(self, rel: Relation, key: Any, group: list[Fact]) -> None:
        if not rel.ask_subject:
            return
        fact = group[0]
        answer = self.answer_text(fact)
        exclude = self.true_subjects(rel.id, key)
        rng = self.rng(f"{fact.id}.subject")
        hedge = self.hedge_of(group)
        if hedge is None:
            return
        candidates = [e for e in self.entities_of([rel.subject]) if e != fact.object]
        if rel.is_value or rel.closed_world:
            # Open world: an entity with nothing known here might have this answer too,
            # so only subjects known to have another value or object can be wrong options.
            candidates = sorted({f.subject for f in self.true_facts if f.relation == rel.id})
        kind = "who-said" if rel.kind == "quote" else "subject-mc"
        prompt = self.finish(self.fill(rel.ask_subject[0], obj=answer, rel=rel), hedge)
        pools = self.wrong_entities(fact.subject, candidates, exclude, rel, "" if rel.is_value else fact.object)
        self.choice(
            f"{fact.id}.subject-mc",
            kind,
            self.category(fact),
            prompt,
            [fact],
            self.name(fact.subject),
            pools,
            rng,
            rel.choices - 1,
        )
        if len(rel.ask_subject) > 1 and len(exclude) == 1:
            subject = self.base.entities[fact.subject]
            self.candidate(
                f"{fact.id}.subject-typed",
                "typed",
                self.category(fact),
                TYPE_IN,
                self.finish(self.fill(rel.ask_subject[1], obj=answer, rel=rel), hedge),
                [fact],
                answers=_unique([subject.name, *subject.aliases]),
            )
        if rel.ask_all_subjects and len(group) > 1:
            wrong = self._layered(
                rng,
                self.wrong_entities(fact.subject, candidates, exclude, rel, "" if rel.is_value else fact.object),
                "",
                MULTI_WRONG,
            )
            rights = [self.name(f.subject) for f in group]
            prompt_all = self.finish(self.fill(rel.ask_all_subjects, obj=answer, rel=rel), hedge)
            self.multi(rel, group, prompt_all, f"{fact.id}.subjects-all", rights, wrong, rng)

    def typed(self, rel: Relation, fact: Fact, prompt: str, qid: str) -> None:
        """A typed answer: a number for years and figures, else the name or text with its aliases."""
        category = self.category(fact)
        if rel.value in ("year", "number"):
            tolerance = fact.tolerance if fact.tolerance is not None else rel.tolerance
            self.candidate(
                qid,
                "typed",
                category,
                NUMERIC,
                prompt,
                [fact],
                value=float(fact.value),
                tolerance=tolerance,
                answers=(format_value("year", fact.value),),
                unit=rel.unit if rel.value == "number" else "",
            )
        elif rel.value == "date":
            return  # dates are typed in too many ways to mark fairly
        elif rel.is_value:
            self.candidate(
                qid, "typed", category, TYPE_IN, prompt, [fact], answers=_unique([str(fact.value), *fact.aliases])
            )
        else:
            ent = self.base.entities[fact.object]
            self.candidate(qid, "typed", category, TYPE_IN, prompt, [fact], answers=_unique([ent.name, *ent.aliases]))

    def multi(
        self,
        rel: Relation,
        group: list[Fact],
        prompt: str,
        qid: str,
        rights: list[str],
        wrong: list[str],
        rng: random.Random,
    ) -> None:
        if not wrong:
            return  # a pick-all with nothing wrong to leave out tests nothing
        chosen = list(zip(rights, group))
        rng.shuffle(chosen)
        chosen = sorted(chosen[:MULTI_RIGHT], key=lambda pair: group.index(pair[1]))
        how = "number" if rel.value in ("year", "number") else "date" if rel.value == "date" else "shuffle"
        choices = self.arrange([r for r, _ in chosen] + wrong, rng, how)
        answers = tuple(c for c in choices if c in {r for r, _ in chosen})
        self.candidate(
            qid,
            "all",
            self.category(group[0]),
            MULTI_SELECT,
            prompt,
            [f for _, f in chosen],
            choices=choices,
            answers=answers,
        )

    def true_false(self, rel: Relation, fact: Fact) -> None:
        category = self.category(fact)
        if _value_quoted(rel.value, fact.value, fact.quote):
            # A figure worked out from the source ("last year" in an article of 2022 is 2021) is asked
            # among options, never stated as true in words the cited sentence does not hold.
            self.candidate(
                f"{fact.id}.true",
                "true",
                category,
                TRUE_FALSE,
                "True or false: " + self.statement(fact),
                [fact],
                answers=("true",),
            )
        if not rel.exhaustive:
            return  # the sources do not say what else is untrue, so no false statement is supported
        wrongs: list[tuple[str, str]] = []  # (suffix, wrong answer text)
        true_keys = self.true_for_question(fact) | self.true_object_keys(fact.subject, rel.id)
        for i, conf in enumerate(fact.confusions):
            if conf.object:
                if conf.object not in true_keys:
                    wrongs.append((f"false-{conf.object}", self.name(conf.object)))
            elif value_key(rel.value, conf.value) not in true_keys:
                wrongs.append((f"false-{i + 1}", format_value(rel.value, conf.value, rel.unit)))
        rng = self.rng(f"{fact.id}.false")
        if not wrongs and rel.value == "year":
            # A year one off the right one is the commonest real slip.
            for delta in sorted((-1, 1), key=lambda _: rng.random()):
                if value_key("year", int(fact.value) + delta) not in true_keys:
                    wrongs.append(("false-year", str(int(fact.value) + delta)))
                    break
        if not wrongs and not (fact.ask or fact.statement):
            # Another subject's answer in this exhaustive relation is a supported falsehood (a fact
            # worded on its own has nothing alike to swap with: its false statements are its confusions).
            others = [
                f
                for f in self.true_facts
                if f.relation == rel.id and f.subject != fact.subject and not (f.ask or f.statement)
            ]
            keys = {value_key(rel.value, f.value) if rel.is_value else f.object: f for f in others}
            swaps = [
                f
                for k, f in sorted(keys.items(), key=lambda kv: str(kv[0]))
                if k not in true_keys and k not in fact.also_true
            ]
            if not rel.is_value:
                swaps = [f for f in swaps if self.fits(f.object, fact.object, rel, fact.subject)]
            if swaps:
                wrongs.append(("false-swap", self.answer_text(rng.choice(swaps))))
        for suffix, answer in wrongs:
            self.candidate(
                f"{fact.id}.{suffix}",
                "false",
                category,
                TRUE_FALSE,
                "True or false: " + self.statement(fact, answer),
                [fact],
                answers=("false",),
            )

    def superseded(self, rel: Relation, fact: Fact) -> None:
        """A superseded report is only stated as false, or asked about as what early reports said.

        Its questions cite the source that contradicts it, and list both facts.
        """
        true_keys = self.true_object_keys(fact.subject, rel.id)
        key = value_key(rel.value, fact.value) if rel.is_value else fact.object
        if key in true_keys:
            return  # superseded by itself being confirmed: nothing false to ask
        official = [
            f
            for f in self.true_facts
            if f.relation == rel.id
            and (f.subject == fact.subject or (value_key(rel.value, f.value) if rel.is_value else f.object) == key)
            and f.seed != fact.seed
        ]
        rng = self.rng(f"{fact.id}.superseded")
        cited = rng.choice(official) if official else fact
        facts = [fact, cited] if official else [fact]
        explanation = fact.explanation or self.explanation(cited)
        if official:
            explanation += f" {_capitalise(self.called(fact.seed))} said: {_quoted(fact.quote)}"
        category = self.category(fact)
        self.candidate(
            f"{fact.id}.false",
            "false",
            category,
            TRUE_FALSE,
            "True or false: " + self.statement(fact),
            facts,
            explanation=explanation,
            source=cited,
            answers=("false",),
        )
        if not rel.ask_superseded or rel.is_value:
            return
        answer = self.answer_text(fact)
        # The plausible wrong options are the ones the same early report named correctly.
        really = self.true_subjects(rel.id, key)
        named = self.seed_entities.get(fact.seed, set())
        candidates = sorted(really & named) or sorted(really)
        pools = [[self.name(e) for e in sorted(really & named)], [self.name(e) for e in sorted(really - named)]]
        prompt = self.finish(self.fill(rel.ask_superseded[0], obj=answer, rel=rel))
        if candidates:
            self.choice(
                f"{fact.id}.superseded-mc",
                "superseded",
                category,
                prompt,
                facts,
                self.name(fact.subject),
                pools,
                rng,
                CHOICES - 1,
                explanation=explanation,
                source=cited,
            )
        if len(rel.ask_superseded) > 1:
            ent = self.base.entities[fact.subject]
            self.candidate(
                f"{fact.id}.superseded-typed",
                "typed",
                category,
                TYPE_IN,
                self.finish(self.fill(rel.ask_superseded[1], obj=answer, rel=rel)),
                facts,
                explanation=explanation,
                source=cited,
                answers=_unique([ent.name, *ent.aliases]),
            )

    def matching(self, rel: Relation, true: list[Fact]) -> None:
        hedge = self.hedge_of(true)
        if hedge is None:
            return
        pairs: list[tuple[str, str]] = []
        used: list[Fact] = []
        for f in true:
            left, right = self.name(f.subject), self.answer_text(f)
            if any(_fold(left) == _fold(a) or _fold(right) == _fold(b) for a, b in pairs):
                continue  # each side once
            # No left may be truly paired with another pair's right: two pairings would both be right.
            mine = self.true_object_keys(f.subject, rel.id)
            theirs = [self.by_id[u.id] for u in used]
            rkey = value_key(rel.value, f.value) if rel.is_value else f.object
            if any((value_key(rel.value, u.value) if rel.is_value else u.object) in mine for u in theirs):
                continue
            if any(rkey in self.true_object_keys(u.subject, rel.id) for u in theirs):
                continue
            pairs.append((left, right))
            used.append(f)
            if len(pairs) == 4:
                break
        if len(pairs) >= 3:
            prompt = self.finish(self.fill(rel.match, rel=rel), hedge)
            self.candidate(
                f"{rel.id}.match",
                "match",
                rel.category,
                MATCHING,
                prompt,
                used,
                pairs=tuple(pairs),
                answers=tuple(r for _, r in pairs),
            )

    def gap(self, rel: Relation, fact: Fact) -> None:
        """Fill the gap in the quote itself: numbers and words in their own context."""
        excerpt = _excerpt(fact.quote, fact.gap)
        if rel.kind == "quote":
            where = f"what {self.name(fact.subject)} said"
        else:
            where = self.called(fact.seed)
        prompt = f"Fill the gap in {where}: “{excerpt}”"
        category = self.category(fact)
        rng = self.rng(f"{fact.id}.gap")
        # The reveal shows the whole sentence, gap filled.
        speaker = self.name(fact.subject) if rel.kind == "quote" else _capitalise(self.called(fact.seed))
        said = "said" if rel.kind == "quote" else "says"
        # A quote cites its speaker's name and title first; the reveal gives only the words.
        words = _spoken(fact.quote) if rel.kind == "quote" else fact.quote
        kw: dict[str, Any] = {"explanation": f"{speaker} {said}: {_quoted(words)}"}
        number = re.fullmatch(r"\d+(\.\d+)?", fact.gap)
        if fact.gap_wrong:
            self.choice(
                f"{fact.id}.gap",
                "gap",
                category,
                prompt,
                [fact],
                fact.gap,
                [list(fact.gap_wrong)],
                rng,
                CHOICES - 1,
                **kw,
            )
        elif number:
            tolerance = fact.tolerance if fact.tolerance is not None else rel.tolerance
            self.candidate(
                f"{fact.id}.gap",
                "gap",
                category,
                NUMERIC,
                prompt,
                [fact],
                value=float(fact.gap),
                tolerance=tolerance,
                answers=(fact.gap,),
                **kw,
            )
        else:
            spelled = _NUMBER_WORDS.get(fact.gap.casefold())
            answers = _unique([fact.gap, *fact.aliases, *([str(spelled)] if spelled is not None else [])])
            self.candidate(f"{fact.id}.gap", "gap", category, TYPE_IN, prompt, [fact], answers=answers, **kw)

    # ------------------------------------------------------------ changes and orderings

    def change_questions(self, change: Change) -> None:
        before, after = self.by_id[change.before_fact], self.by_id[change.after_fact]
        subject = self.name(change.subject)
        explanation = (
            f"{_capitalise(self.called(before.seed))} said: {_quoted(before.quote)} "
            f"{_capitalise(self.called(after.seed))} says: {_quoted(after.quote)}"
        )
        right = f"{change.before} → {change.after}"
        rng = self.rng(f"{change.id}.change")
        prompt = self.finish(self.fill(change.ask, subject))
        self.choice(
            f"{change.id}.change-mc",
            "change",
            change.category,
            prompt,
            [before, after],
            right,
            [_change_grid(change, rng)],
            rng,
            CHOICES - 1,
            explanation=explanation,
            source=after,
        )
        frame = change.statement or DEFAULT_CHANGE_STATEMENT
        for suffix, a, b, truth in (
            ("change-true", change.before, change.after, "true"),
            ("change-false", change.after, change.before, "false"),
        ):
            statement = self.finish(frame.replace("{subject}", subject).replace("{before}", a).replace("{after}", b))
            self.candidate(
                f"{change.id}.{suffix}",
                "true" if truth == "true" else "false",
                change.category,
                TRUE_FALSE,
                "True or false: " + statement,
                [before, after],
                explanation=explanation,
                source=after,
                answers=(truth,),
            )

    def ordering_question(self, ordering: Ordering) -> None:
        facts = [f for f in self.base.facts if f.id in ordering.facts and f.is_true]
        if len(facts) < 3:
            return
        facts.sort(key=lambda f: _order_key(self.rel(f).value, f.value))
        self.candidate(
            f"{ordering.id}.order",
            "order",
            ordering.category,
            ORDERING,
            ordering.prompt,
            facts,
            answers=tuple(f.event for f in facts),
        )

    # ------------------------------------------------------------ selection

    def candidates(self) -> list[Question]:
        """Every candidate question, before selection (each already fair by the question rules)."""
        if not self.drafts:
            for rel in self.base.relations.values():
                self.relation_questions(rel)
            for change in self.base.changes:
                self.change_questions(change)
            for ordering in self.base.orderings:
                self.ordering_question(ordering)
        return [d.question for d in self.drafts]

    def build(self) -> Pack:
        self.candidates()
        questions = self.select()
        order = {c: i for i, c in enumerate(self.base.categories)}
        questions.sort(key=lambda q: order.get(q.category, len(order)))  # stable within a category
        levels = lint.familiarity(questions)
        questions = [replace(q, difficulty=lint.expected_difficulty(q, n)) for q, n in zip(questions, levels)]
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

    def fixed_order(self, q: Question) -> str:
        """A fixed, arbitrary order of questions (by a hash of the topic and question ids)."""
        return hashlib.sha256(f"{self.base.topic.id}/{q.id}".encode()).hexdigest()

    def select(self) -> list[Question]:
        """Facts take turns; the linter's counting rules decide what fits; true and false stay balanced.

        While one side of the true/false statements outnumbers the other by more than a
        tenth, statements of that side are struck out and the rounds run again: first
        those whose fact has a twin on the other side (it takes the twin instead, which
        evens two at once), half the excess at a time; then, when none has, the excess.
        Statements beyond TRUE_FALSE_SHARE of the bank are struck out evenly from both sides.
        """
        twins: dict[tuple[str, str], bool] = {}
        for d in self.drafts:
            if d.question.type == TRUE_FALSE:
                twins[(d.question.facts[0], d.question.answers[0])] = True
        banned: set[str] = set()
        chosen: list[Question] = []
        for _ in range(50):
            chosen = self._select_once(banned)
            trues = [q for q in chosen if q.type == TRUE_FALSE and q.answers == ("true",)]
            falses = [q for q in chosen if q.type == TRUE_FALSE and q.answers == ("false",)]
            big, small = (trues, falses) if len(trues) > len(falses) else (falses, trues)
            excess = len(big) - (len(small) + len(small) // 10)
            surplus = len(trues) + len(falses) - int(TRUE_FALSE_SHARE * len(chosen))
            if excess <= 0 and surplus > 0:
                # Statements are the cheapest questions: no more than their share, taken evenly.
                cut = sorted(trues, key=self.fixed_order)[: (surplus + 1) // 2]
                cut += sorted(falses, key=self.fixed_order)[: surplus // 2]
                banned |= {q.id for q in cut}
                continue
            if excess <= 0:
                break
            other = "false" if big is trues else "true"
            flippable = sorted((q for q in big if twins.get((q.facts[0], other))), key=self.fixed_order)
            if flippable:
                banned |= {q.id for q in flippable[: (excess + 1) // 2]}
            else:
                banned |= {q.id for q in sorted(big, key=self.fixed_order)[:excess]}
        return chosen

    def _select_once(self, banned: set[str]) -> list[Question]:
        drafts = [d for d in self.drafts if d.question.id not in banned]
        home: dict[str, list[_Draft]] = {}
        for d in drafts:
            home.setdefault(d.question.facts[0], []).append(d)
        for group in home.values():
            # Kinds of equal rank take turns fact by fact, so the bank mixes them.
            group.sort(key=lambda d: (d.rank, self.fixed_order(d.question)))
        rep = lint.Repetition(phrases=lint._Phrases(lint.pack_phrases(d.question for d in drafts)))
        taken: set[str] = set()
        types: dict[str, set[str]] = {}
        answered: dict[str, set[str]] = {}  # fact -> answers its questions already gave
        for round_ in range(ROUNDS):
            for fact in self.base.facts:
                waiting = [d for d in home.get(fact.id, []) if d.question.id not in taken]
                # A type this fact has not had yet first, in the first rounds.
                if round_ < 2:
                    fresh = [d for d in waiting if d.question.type not in types.get(fact.id, set())]
                    waiting = fresh + [d for d in waiting if d not in fresh]
                for d in waiting:
                    q = d.question
                    if q.type == TRUE_FALSE and TRUE_FALSE in types.get(fact.id, set()):
                        continue  # one statement per fact: the true one and its false twin say the same thing
                    said = _answer_signature(q)
                    if said and said in answered.get(fact.id, set()):
                        continue  # the same answer to the same fact, only worded or typed differently
                    if not rep.findings(q):
                        rep.add(q)
                        taken.add(q.id)
                        types.setdefault(fact.id, set()).add(q.type)
                        if said:
                            answered.setdefault(fact.id, set()).add(said)
                        break
        return [d.question for d in drafts if d.question.id in taken]


_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
}
#: Words of the quote kept on each side of a gap.
EXCERPT_WORDS = 14
#: A gap's sentence shorter than this many words is shown after the sentence before it.
SHORT_SENTENCE = 6


def _change_grid(change: Change, rng: random.Random) -> list[str]:
    """Wrong options crossing the true before and after with a wrong one of each.

    With "B → X", "Y → A" and "Y → X" beside the right "B → A", every half is in
    two options, so a player who picks the halves the options repeat most
    (lint's ``option-convergence``) learns nothing. The wrong halves come from
    the change's ``wrong`` answers; without both kinds, those answers are used as
    they are.
    """
    befores, afters = [], []
    for answer in change.wrong:
        parts = [p.strip() for p in answer.split("→")]
        if len(parts) != 2:
            continue
        if _fold(parts[0]) not in (_fold(change.before), _fold(change.after)):
            befores.append(parts[0])
        if _fold(parts[1]) not in (_fold(change.before), _fold(change.after)):
            afters.append(parts[1])
    befores, afters = list(dict.fromkeys(befores)), list(dict.fromkeys(afters))
    if not befores or not afters:
        return list(change.wrong)
    y, x = rng.choice(befores), rng.choice(afters)
    return [f"{change.before} → {x}", f"{y} → {change.after}", f"{y} → {x}"]


def _quoted(text: str) -> str:
    """A quote in quotation marks, closed with a full stop when it stops mid-sentence.

    Words quoted inside it ("Name, Title: “We are…") take single marks, closed where the quote stops.
    """
    text = " ".join(text.split()).strip('“”"')
    open_inside = text.count("“") > text.count("”")
    text = text.replace("“", "‘").replace("”", "’")
    stop = "" if text[-1:] in ".!?" else "."
    return f"“{text}{'’' if open_inside else ''}”" + stop


def _value_quoted(kind: str, value: Any, quote: str) -> bool:
    """Does the quote hold a year, number or date value as written ("2020", "eight", "March 11", "2022-03-04")?

    Entities and texts are not checked here (quote facts are checked word for word by quiz.facts).
    """
    if kind not in ("year", "number", "date") or value is None:
        return True
    text = lint.fold(quote)
    if kind == "date":
        shown = [normalize_date(value).lstrip("-"), format_value("date", value).replace(",", "")]
        return any(lint.fold(s) in text.replace(",", "") for s in shown)
    number = float(value)
    words = [format_value("year", value)]
    if number.is_integer() and int(number) in _NUMBER_WORDS.values():
        words += [w for w, n in _NUMBER_WORDS.items() if n == int(number)]
    return any(re.search(r"(?<![\w.])" + re.escape(w) + r"(?![\w])", text) for w in words)


def _spoken(quote: str) -> str:
    """The words said, without the "Name, Title:" a quote is cited with."""
    opening = quote.find("“")
    return quote[opening + 1 :] if opening >= 0 else quote


def _answer_signature(q: Question) -> str:
    """What a single-answer question asks for, units aside ("8 episodes" and a numeric 8 agree)."""
    if q.type not in (MULTIPLE_CHOICE, TYPE_IN, NUMERIC):
        return ""
    text = lint.fold(q.answers[0] if q.answers else "")
    if text in _NUMBER_WORDS:
        return str(float(_NUMBER_WORDS[text]))
    number = re.match(r"\d+(\.\d+)?", text)
    return str(float(number.group())) if number else text


def _stands_out(right: str, choices: tuple[str, ...]) -> bool:
    """Is the right answer the longest option by a visible margin?"""
    others = [len(c) for c in choices if c != right]
    return bool(others) and len(right) - max(others) >= 3


def _excerpt(quote: str, gap: str) -> str:
    """The sentence of the quote holding its gap, the gap shown as ___.

    A sentence of fewer than SHORT_SENTENCE words takes the one before it. Beyond
    EXCERPT_WORDS words a side it is cut with …, never inside a name ("…de
    France" becomes "…Tour de France", "…Telegraph" "…The Telegraph").
    """
    text = " ".join(quote.split()).strip('“”"')
    m = re.search(r"(?<!\w)" + re.escape(" ".join(gap.split())) + r"(?!\w)", text)
    if m is None:
        return text
    sentences = split_sentences(text)
    starts = [0, *(s.start for s in sentences[1:])]
    first = max(i for i, at in enumerate(starts) if at <= m.start())
    last = min((s.end for s in sentences if s.end >= m.end()), default=len(text))
    if first > 0 and len(text[starts[first] : last].split()) < SHORT_SENTENCE:
        first -= 1  # too short alone to say what is asked
    pre, post = text[starts[first] : m.start()].lstrip().lstrip("“"), text[m.end() : last].rstrip().rstrip("”")
    words = pre.split(" ")
    if len([w for w in words if w]) > EXCERPT_WORDS:
        keep = len(words) - (EXCERPT_WORDS + pre.endswith(" "))
        while keep > 0 and _in_name(words[keep - 1], words[keep]):
            keep -= 1
        pre = "…" + " ".join(words[keep:])
    words = post.split(" ")
    if len([w for w in words if w]) > EXCERPT_WORDS:
        post = " ".join(words[: EXCERPT_WORDS + post.startswith(" ")]) + "…"
    return f"{pre}___{post}"


#: Name words that may be lower case ("Tour de France", "Box to Box").
_NAME_LINKS = frozenset(("de", "du", "des", "la", "le", "to", "of", "von", "van", "der", "di", "da"))


def _in_name(before: str, word: str) -> bool:
    """Would cutting between these two words split a name ("de | France", "The | Telegraph")?"""
    if not word[:1].isupper() and word.casefold() not in _NAME_LINKS:
        return False
    if before.endswith((".", "!", "?", ",", ":", ";", "”")):
        return False
    return before[:1].isupper() or before.casefold() in _NAME_LINKS


def _shift_days(value: Any, deltas: Iterable[int]) -> list[str]:
    iso = normalize_date(value)
    day_only = iso.startswith("--")
    base = dt.date.fromisoformat("2001" + iso[1:] if day_only else iso)
    out = []
    for d in deltas:
        moved = (base + dt.timedelta(days=d)).isoformat()
        out.append("--" + moved[5:] if day_only else moved)
    return out


def _date_sort_key(text: str) -> tuple[int, int, int]:
    parts = text.replace(",", "").split()
    month = dt.datetime.strptime(parts[0], "%B").month
    return (int(parts[2]) if len(parts) > 2 else 0, month, int(parts[1]))


def _order_key(kind: str, value: Any) -> str:
    return normalize_date(value) if kind == "date" else f"{int(value):04d}"


def generate_pack(base: FactBase) -> Pack:
    """The question pack for a fact base."""
    return Generator(base).build()
