"""Pack lint: what a teacher would fix before using a pack as it is.

The validator (``quiz.validate``) says whether a pack can be played; this
module says whether it is fair. Every rule is listed in :data:`RULES` and
documented in ``docs/lint.md``; each finding names its rule, and
:func:`lint_pack` turns them into ``file:line`` warnings. The rules only read
the pack, so they work on any pack, imported ones included; the generator
(``quiz.generator``) uses the same functions to keep the built-in bank clean.

Two kinds of rules:

* **question rules** (:func:`question_findings`) look at one question and the
  pack's header: give-aways, options of another kind or era, one option much
  longer than the rest, ordering hints, word-count hints;
* **pack rules** (:class:`Repetition`, :func:`difficulty_findings`,
  :func:`bias_findings`) look at the questions together: near-duplicates, a
  fact, sentence, answer or pairing asked too often, difficulty labels against
  the stated rule, right answers that are too often the longest option.
"""

from __future__ import annotations

import functools
import math
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from quiz.errors import Problem
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
)
from quiz.qtypes import canonical_answer

RULES: dict[str, str] = {
    "answer-in-prompt": "the right answer (or a word only it has) is written in the prompt",
    "answer-in-title": "the right answer is named in the pack's title or description",
    "answer-in-option": "the right answer is part of another option, or another option is part of it",
    "option-kind": "an option is of another kind (year, number, date, name, phrase) than the right answer",
    "option-era": "a wrong year is more than 10 years from the right one",
    "long-option": "one option is much longer than the rest",
    "option-tone": "every wrong option shares a tone (upbeat, downbeat, flat) the right answer lacks, or the reverse",
    "option-form": "one option alone ends a sentence, or alone starts mid-sentence, among sentence-like options",
    "option-convergence": "the right 'before → after' answer is the one made of the halves other options repeat",
    "order-hint": "an ordering item shows its own year or date, or the prompt names the first or last item",
    "length-hint": "a typed answer's hint ('two words') does not fit the answer",
    "near-duplicate": (
        "two questions ask the same thing with the same answer (or from the same sentence), or share one prompt"
    ),
    "fact-overasked": "more than 4 questions use the same fact",
    "sentence-overasked": "more questions cite one source sentence than twice the facts it holds (and more than 6)",
    "answer-overused": "the same right answer is given by more than 6 questions",
    "pairing-overasked": "the same two things are paired by more than 3 questions",
    "difficulty": "the difficulty label is two steps from the stated rule",
    "longest-answer-bias": "the right answer is the longest option in more than 40% of multiple-choice questions",
}

#: Limits the pack rules keep (documented in docs/lint.md).
MAX_PER_FACT = 4
MAX_PER_SENTENCE = 6
MAX_PER_ANSWER = 6
MAX_PER_PAIRING = 3
ERA_YEARS = 10
#: Token-set similarity (Jaccard) above which two prompts with one answer are the same question.
NEAR_DUPLICATE = 0.7
NEAR_DUPLICATE_TRUE_FALSE = 0.75
#: An option is "much longer" at twice the others' median length and this many characters more than the next.
LONG_FACTOR = 2.0
LONG_MARGIN = 15
BIAS_SHARE = 0.4
BIAS_MIN_QUESTIONS = 10
#: The difficulty rule's "familiar" answer: named in this many other questions.
FAMILIAR = 3

_CHOICE_TYPES = (MULTIPLE_CHOICE, MULTI_SELECT)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Little words no question is told apart by.
STOP = frozenset(
    (
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "nor",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "it",
        "its",
        "it's",
        "this",
        "that",
        "these",
        "those",
        "which",
        "what",
        "who",
        "whom",
        "whose",
        "how",
        "why",
        "when",
        "where",
        "did",
        "does",
        "do",
        "done",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "shall",
        "their",
        "there",
        "they",
        "them",
        "his",
        "her",
        "he",
        "she",
        "we",
        "our",
        "us",
        "you",
        "your",
        "i",
        "me",
        "my",
        "as",
        "if",
        "than",
        "then",
        "so",
        "not",
        "no",
        "also",
        "only",
        "very",
        "much",
        "more",
        "most",
        "some",
        "such",
        "each",
        "every",
        "other",
        "into",
        "onto",
        "about",
        "after",
        "before",
        "over",
        "under",
        "between",
        "through",
        "during",
        "according",
        "said",
        "says",
        "just",
        "even",
        "like",
        "own",
        "too",
    )
)
# Words of the question's frame rather than its content.
STOCK = frozenset(
    ("true", "false", "name", "type", "pick", "match", "complete", "fill", "gap", "put", "following", "one", "these")
)
# Words too common in names to give an answer away on their own.
GENERIC = frozenset(
    (
        "team",
        "teams",
        "films",
        "film",
        "series",
        "sport",
        "tour",
        "france",
        "cycling",
        "docuseries",
        "documentary",
        "race",
        "company",
    )
)
_CONNECTORS = frozenset(
    (
        "de",
        "du",
        "la",
        "le",
        "les",
        "of",
        "to",
        "the",
        "and",
        "or",
        "for",
        "von",
        "van",
        "der",
        "den",
        "di",
        "da",
        "del",
        "a",
        "an",
        "in",
        "on",
        "at",
        "&",
        "+",
        "y",
    )
)
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
#: Words that give an option its tone. A right answer that alone lacks the tone every wrong option
#: shares is the odd one out: the success among harms, the drama among calm (``option-tone``).
TONES: dict[str, frozenset[str]] = {
    "upbeat": frozenset(
        (
            "success",
            "successful",
            "popular",
            "acclaim",
            "acclaimed",
            "smash hit",
            "win-win",
            "breakthrough",
            "fascinating",
            "thrilling",
            "inspiring",
            "iconic",
            "legendary",
            "triumph",
            "celebrated",
            "praised",
            "beloved",
            "much-loved",
            "boost",
            "boosted",
            "benefit",
            "benefits",
            "delighted",
            "proud",
            "wildly",
            "hugely",
        )
    ),
    "downbeat": frozenset(
        (
            "cancelled",
            "canceled",
            "little-known",
            "little-watched",
            "little interest",
            "rarely",
            "poor",
            "poorly",
            "mixed",
            "mistake",
            "backwards",
            "footnote",
            "distraction",
            "costly",
            "fading",
            "failure",
            "failed",
            "flop",
            "lowered",
            "less",
            "fewer",
            "driven away",
            "declined",
            "worse",
            "short-lived",
            "unpopular",
            "criticised",
            "criticized",
            "panned",
            "gamble",
            "long shot",
            "disappointing",
            "waste",
        )
    ),
    "flat": frozenset(
        (
            "boredom",
            "boring",
            "bored",
            "indifference",
            "indifferent",
            "calm",
            "dull",
            "bland",
            "uneventful",
            "tedium",
        )
    ),
}
#: Separators of a two-part answer ("before → after"), for ``option-convergence``.
_ARROWS = ("→", "->")


@dataclass(frozen=True)
class Finding:
    rule: str
    question: Question | None  # None for a finding about the whole pack
    message: str


# ------------------------------------------------------------------ text


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, no accents, one space between words, straight apostrophes (remembered: texts recur)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def content_tokens(text: str) -> frozenset[str]:
    return frozenset(t for t in tokens(text) if t not in STOP and t not in STOCK)


def _occurs(needle: str, hay: str, word_start_only: bool = False) -> bool:
    """Is a (folded) needle in a (folded) text, starting a word (and ending one unless word_start_only)?"""
    if not needle:
        return False
    at = hay.find(needle)
    while at >= 0:
        end = at + len(needle)
        if (at == 0 or not _is_alnum(hay[at - 1])) and (word_start_only or end == len(hay) or not _is_alnum(hay[end])):
            return True
        at = hay.find(needle, at + 1)
    return False


def _is_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def shape(text: str) -> str:
    """The kind of an option as its text shows it: year, number, date, name or phrase."""
    t = text.strip()
    if re.fullmatch(r"1\d{3}|20\d{2}", t):
        return "year"
    if re.fullmatch(r"-?\d[\d,.]*(\s+[^\d\s]+)?", t):
        return "number"
    folded = fold(t).replace(",", "")
    if re.fullmatch(r"(\d{1,2} )?(" + "|".join(_MONTHS) + r")( \d{1,2})?( \d{4})?", folded) and re.search(
        r"\d", folded
    ):
        return "date"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", t):
        return "date"
    words = [re.sub(r"^[^\w]+", "", w) for w in re.findall(r"[^\s/]+", t) if re.search(r"[^\W\d_]", w)]
    significant = [w for w in words if w.casefold().strip("()'\"“”‘’,.:") not in _CONNECTORS]
    if significant and all(w[:1].isupper() or w[:1].isdigit() for w in significant):
        return "name"
    return "phrase"


def right_answers(q: Question) -> list[str]:
    """What a player must give: the right options, or the canonical typed answer and its longer aliases."""
    if q.type in _CHOICE_TYPES:
        return list(q.answers)
    if q.type == TYPE_IN and q.answers:
        return [q.answers[0], *(a for a in q.answers[1:] if len(fold(a)) >= 4)]
    return []


def answer_key(q: Question) -> tuple:
    """Questions with equal keys have the same right answer."""
    if q.type == TRUE_FALSE:
        return ("tf", q.answers[:1])
    if q.type == MATCHING:
        return ("match", frozenset(q.pairs))
    if q.type == ORDERING:
        return ("order", tuple(fold(a) for a in q.answers))
    if q.type == MULTI_SELECT:
        return ("set", frozenset(fold(a) for a in q.answers))
    return ("one", fold(canonical_answer(q)))


# ------------------------------------------------------------------ question rules


def question_findings(q: Question, info: PackInfo | None = None) -> list[Finding]:
    """Every question rule's findings for one question."""
    out: list[Finding] = []

    def add(rule, message):
        return out.append(Finding(rule, q, message))

    prompt = fold(q.prompt)
    rights = right_answers(q)
    wrongs = [c for c in q.choices if c not in q.answers]
    for answer in rights:
        fa = fold(answer)
        if len(fa) >= 2 and _occurs(fa, prompt, word_start_only=True):
            add("answer-in-prompt", f"give-away: the answer '{answer}' is written in the prompt")
            break
        in_wrong = set().union(*(content_tokens(w) for w in wrongs)) if wrongs else set()
        telling = sorted(
            t
            for t in content_tokens(answer)
            if len(t) >= 4 and t not in GENERIC and t not in in_wrong and _occurs(t, prompt)
        )
        if telling:
            add("answer-in-prompt", f"give-away: '{telling[0]}', from the answer '{answer}', is in the prompt")
            break
    if info is not None:
        header = fold(f"{info.title} {info.description}")
        for answer in rights[:1] if q.type == TYPE_IN else rights:
            if len(fold(answer)) >= 3 and _occurs(fold(answer), header):
                add("answer-in-title", f"give-away: the answer '{answer}' is named in the pack's title or description")
                break
    if q.type in _CHOICE_TYPES:
        _choice_findings(q, add, wrongs)
    if q.type == ORDERING:
        _order_findings(q, add)
    if q.type == TYPE_IN and q.answers:
        hint = re.search(r"\((one|two|three|four|five|\d+) words?\b", q.prompt, re.IGNORECASE)
        if hint:
            wanted = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}.get(hint[1].lower()) or int(hint[1])
            # Hyphens and apostrophes part words too: "no-brainer" is typed as "no brainer" as often.
            words = len(re.findall(r"[^\W_]+", q.answers[0]))
            if words != wanted:
                add(
                    "length-hint",
                    f"the prompt says {hint[1]} word(s), but the answer '{q.answers[0]}' has {words}",
                )
    return out


#: Reports a warning: (rule, message).
Add = Callable[[str, str], None]


def _choice_findings(q: Question, add: Add, wrongs: list[str]) -> None:
    for answer in q.answers:
        fa = fold(answer)
        for other in q.choices:
            fo = fold(other)
            if other == answer or other in q.answers:
                continue
            if _occurs(fa, fo) or _occurs(fo, fa):
                add("answer-in-option", f"give-away: '{answer}' and '{other}' are one inside the other")
                break
    if q.type == MULTIPLE_CHOICE and q.answers:
        kind = shape(q.answers[0])
        odd = [w for w in wrongs if shape(w) != kind]
        if odd:
            add("option-kind", f"the answer is a {kind}, but '{odd[0]}' is a {shape(odd[0])}")
        if kind == "year":
            far = [w for w in wrongs if shape(w) == "year" and abs(int(w) - int(q.answers[0])) > ERA_YEARS]
            if far:
                add("option-era", f"'{far[0]}' is more than {ERA_YEARS} years from the answer {q.answers[0]}")
    elif q.type == MULTI_SELECT and wrongs:
        right_kinds, wrong_kinds = {shape(a) for a in q.answers}, {shape(w) for w in wrongs}
        if not right_kinds & wrong_kinds:
            add(
                "option-kind",
                f"the right options are {'/'.join(sorted(right_kinds))}s"
                f" and the wrong ones {'/'.join(sorted(wrong_kinds))}s",
            )
    if wrongs and len(q.choices) >= 3:
        _tone_findings(q, add, wrongs)
        _form_findings(q, add, wrongs)
        if q.type == MULTIPLE_CHOICE:
            _convergence_findings(q, add)
    if len(q.choices) >= 3:
        by_length = sorted(q.choices, key=len, reverse=True)
        longest, rest = by_length[0], by_length[1:]
        median = statistics.median(len(c) for c in rest)
        if len(longest) >= LONG_FACTOR * median and len(longest) - len(rest[0]) >= LONG_MARGIN:
            which = "the right answer" if longest in q.answers else "a wrong option"
            add("long-option", f"'{longest}' ({which}) is much longer than the other options")


def tones(text: str) -> set[str]:
    """The tones (see :data:`TONES`) a text's words carry."""
    folded = fold(text)
    return {tone for tone, words in TONES.items() if any(_occurs(w, folded) for w in words)}


def _tone_findings(q: Question, add: Add, wrongs: list[str]) -> None:
    if len(wrongs) < 2:
        return
    wrong_tones = [tones(w) for w in wrongs]
    right_tones = [tones(a) for a in q.answers]
    for tone in TONES:
        if all(tone in t for t in wrong_tones) and not any(tone in t for t in right_tones):
            add("option-tone", f"every wrong option is {tone} and the right answer is not: the tone gives it away")
            return


def _sentence_like(option: str) -> bool:
    return len(option.split()) >= 4


def _form_findings(q: Question, add: Add, wrongs: list[str]) -> None:
    """Options cut differently from one quote: a full stop only the answer has, a fragment among sentences."""
    if not all(_sentence_like(c) for c in q.choices):
        return
    ends = {c: c.rstrip("”\"'’ ").endswith((".", "!", "?")) for c in q.choices}
    for answer in q.answers:
        if all(ends[w] != ends[answer] for w in wrongs) and len(wrongs) >= 2:
            how = "ends a sentence" if ends[answer] else "stops mid-sentence"
            add("option-form", f"only the right answer '{_cut(answer)}' {how}; the other options do not")
            return
    starts = [c.lstrip("“\"'‘…( ")[:1] for c in q.choices]
    lower = [c for c, first in zip(q.choices, starts) if first.islower()]
    if len(lower) == 1 and all(first.isupper() for first in starts if first and not first.islower()):
        add("option-form", f"'{_cut(lower[0])}' alone starts mid-sentence, among options that are whole sentences")


def _halves(option: str) -> tuple[str, str] | None:
    for arrow in _ARROWS:
        if option.count(arrow) == 1:
            before, after = option.split(arrow)
            return fold(before).strip(), fold(after).strip()
    return None


def _convergence_findings(q: Question, add: Add) -> None:
    """A player who picks the option made of the halves the others repeat should not win."""
    halves = [_halves(c) for c in q.choices]
    if len(halves) < 3 or any(h is None for h in halves) or not q.answers:
        return
    parts = [h for h in halves if h is not None]
    score = [sum(p[i] == o[i] for o in parts if o is not p for i in (0, 1)) for p in parts]
    right = q.choices.index(q.answers[0])
    if all(score[right] > s for i, s in enumerate(score) if i != right):
        add(
            "option-convergence",
            f"the right answer's halves are repeated by the other options ({score[right]} times, more than any "
            "other's): a player picking the commonest halves wins",
        )


def _order_findings(q: Question, add: Add) -> None:
    for item in q.answers:
        if re.search(r"\b(1\d{3}|20\d{2})\b", item) or any(_occurs(m, fold(item)) for m in _MONTHS):
            add("order-hint", f"the item '{item}' shows its own year or date")
            return
    items = [content_tokens(i) for i in q.answers]
    ordering_words = {
        "chronological",
        "order",
        "earliest",
        "latest",
        "first",
        "last",
        "oldest",
        "newest",
        "events",
        "put",
    }
    for t in sorted(content_tokens(q.prompt) - ordering_words):
        holders = [i for i, toks in enumerate(items) if t in toks]
        if len(holders) == 1 and holders[0] in (0, len(items) - 1):
            end = "first" if holders[0] == 0 else "last"
            add("order-hint", f"the prompt's '{t}' names the {end} item, '{q.answers[holders[0]]}'")
            return


# ------------------------------------------------------------------ pack rules


class _Phrases:
    """Finds which known phrases (options and answers of the pack) a text names, by whole words."""

    def __init__(self, phrases: Iterable[str], numbers: bool = False):
        # first word -> lengths of the phrases starting with it; the phrases themselves in a set,
        # so a text is scanned in one pass however many phrases a pack has.
        self.lengths: dict[str, set[int]] = defaultdict(set)
        self.known: set[tuple[str, ...]] = set()
        for p in set(phrases):
            toks = tuple(tokens(p))
            if toks and (numbers or any(not t.isdigit() for t in toks) or re.fullmatch(r"1\d{3}|20\d{2}", p.strip())):
                self.lengths[toks[0]].add(len(toks))
                self.known.add(toks)

    def __contains__(self, phrase: tuple[str, ...]) -> bool:
        return phrase in self.known

    def named_in(self, text: str) -> set[tuple[str, ...]]:
        toks = tokens(text)
        found = set()
        for i, t in enumerate(toks):
            for n in self.lengths.get(t, ()):
                phrase = tuple(toks[i : i + n])
                if phrase in self.known:
                    found.add(phrase)
        return found


def pack_phrases(questions: Iterable[Question]) -> list[str]:
    """The things a pack talks about: its options, answers and matching sides."""
    out: list[str] = []
    for q in questions:
        if q.type in _CHOICE_TYPES:
            out.extend(q.choices)
        elif q.type in (TYPE_IN, NUMERIC):
            out.extend(q.answers[:1])
        elif q.type == MATCHING:
            out.extend(side for pair in q.pairs for side in pair)
    return out


def _pairings(q: Question, phrases: _Phrases) -> set[frozenset]:
    """The pairs of things a question ties together (a true statement, a question and its answer)."""
    if q.type == TRUE_FALSE:
        if q.answers[:1] != ("true",):
            return set()
        named = sorted(phrases.named_in(q.prompt))
        return {frozenset((a, b)) for i, a in enumerate(named) for b in named[i + 1 :]}
    if q.type == MATCHING:
        return {frozenset((tuple(tokens(left)), tuple(tokens(right)))) for left, right in q.pairs}
    if q.type == ORDERING:
        return set()
    answers = q.answers if q.type == MULTI_SELECT else (canonical_answer(q),)
    out = set()
    for answer in answers:
        a = tuple(tokens(answer))
        for thing in phrases.named_in(q.prompt):
            if thing != a:
                out.add(frozenset((thing, a)))
    return out


def _sentence_key(q: Question) -> tuple[str, str] | None:
    return (q.source.seed, fold(q.source.quote)) if q.source is not None and q.source.quote else None


@dataclass
class Repetition:
    """The pack rules that count, kept as questions are added one by one.

    :meth:`findings` says what adding a question would break; :meth:`add` adds
    it. ``phrases`` are the things pairings are counted between (by default the
    options and answers of the questions added so far).
    """

    phrases: _Phrases | None = None
    per_fact: Counter = field(default_factory=Counter)
    #: sentence -> (questions citing it, the facts they use)
    per_sentence: dict[tuple[str, str], tuple[int, set[str]]] = field(default_factory=dict)
    per_answer: Counter = field(default_factory=Counter)
    per_pairing: Counter = field(default_factory=Counter)
    by_answer: dict[tuple, list[tuple[Question, frozenset[str]]]] = field(default_factory=dict)
    by_prompt: dict[str, Question] = field(default_factory=dict)
    #: (sentence, answer) -> the first question giving that answer from that sentence
    by_sentence_answer: dict[tuple, Question] = field(default_factory=dict)

    def findings(self, q: Question, duplicates: bool = True) -> list[Finding]:
        out: list[Finding] = []

        def add(rule, message):
            return out.append(Finding(rule, q, message))

        for fact in dict.fromkeys(q.facts):
            if self.per_fact[fact] + 1 > MAX_PER_FACT:
                add("fact-overasked", f"fact '{fact}' is used by more than {MAX_PER_FACT} questions")
                break
        key = _sentence_key(q)
        if key is not None:
            count, facts = self.per_sentence.get(key, (0, set()))
            limit = max(MAX_PER_SENTENCE, 2 * len(facts | set(q.facts)))
            if count + 1 > limit:
                add(
                    "sentence-overasked",
                    f"more than {limit} questions cite the sentence '{_cut(q.source.quote if q.source else '')}'",
                )
        for answer in self._answers(q):
            if self.per_answer[answer] + 1 > MAX_PER_ANSWER:
                add("answer-overused", f"'{answer}' is the right answer of more than {MAX_PER_ANSWER} questions")
                break
        phrases = self.phrases or _Phrases(pack_phrases([q]))
        for pair in sorted(_pairings(q, phrases), key=sorted):
            if self.per_pairing[pair] + 1 > MAX_PER_PAIRING:
                a, b = (" ".join(p) for p in sorted(pair))
                add("pairing-overasked", f"'{a}' and '{b}' are paired by more than {MAX_PER_PAIRING} questions")
                break
        told = _sentence_answer(q)
        same_sentence = self.by_sentence_answer.get(told) if told is not None else None
        if same_sentence is not None:
            add(
                "near-duplicate",
                f"gives the answer of '{same_sentence.id}'{_at(same_sentence)}, from the same sentence",
            )
            return out
        if not duplicates:
            return out
        same = self.by_prompt.get(fold(q.prompt))
        if same is not None:
            add("near-duplicate", f"has the prompt of '{same.id}'{_at(same)}")
            return out
        mine = content_tokens(q.prompt)
        threshold = NEAR_DUPLICATE_TRUE_FALSE if q.type == TRUE_FALSE else NEAR_DUPLICATE
        for other, theirs in self.by_answer.get(answer_key(q), []):
            if similar(mine, theirs, threshold):
                add("near-duplicate", f"asks what '{other.id}'{_at(other)} asks, with the same answer")
                break
        return out

    def add(self, q: Question, duplicates: bool = True) -> None:
        for fact in dict.fromkeys(q.facts):
            self.per_fact[fact] += 1
        key = _sentence_key(q)
        if key is not None:
            count, facts = self.per_sentence.get(key, (0, set()))
            self.per_sentence[key] = (count + 1, facts | set(q.facts))
        for answer in self._answers(q):
            self.per_answer[answer] += 1
        phrases = self.phrases or _Phrases(pack_phrases([q]))
        for pair in _pairings(q, phrases):
            self.per_pairing[pair] += 1
        key = _sentence_answer(q)
        if key is not None:
            self.by_sentence_answer.setdefault(key, q)
        if duplicates:
            self.by_answer.setdefault(answer_key(q), []).append((q, content_tokens(q.prompt)))
            self.by_prompt.setdefault(fold(q.prompt), q)

    @staticmethod
    def _answers(q: Question) -> list[str]:
        if q.type in (MULTIPLE_CHOICE, TYPE_IN, NUMERIC):
            return [fold(canonical_answer(q))]
        if q.type == MULTI_SELECT:
            return [fold(a) for a in q.answers]
        return []


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _sentence_answer(q: Question) -> tuple | None:
    """What a one-answer question asks of its sentence: two questions with one key ask the same thing."""
    sentence = _sentence_key(q)
    if sentence is None or q.type not in (MULTIPLE_CHOICE, TYPE_IN, NUMERIC) or not q.answers:
        return None
    words = tokens(canonical_answer(q))
    # "eight", "8" and a numeric 8 are one answer.
    words = [str(_NUMBER_WORDS.index(w)) if w in _NUMBER_WORDS else w for w in words]
    return (sentence, tuple(words))


def similar(a: frozenset[str], b: frozenset[str], threshold: float) -> bool:
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= threshold


def _at(q: Question) -> str:
    return f" (line {q.line})" if q.line else ""


def _cut(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def repetition_findings(questions: Sequence[Question]) -> list[Finding]:
    """The counting rules over a whole pack, in pack order (the later question of a pair is the one named)."""
    rep = Repetition(phrases=_Phrases(pack_phrases(questions)))
    out: list[Finding] = []
    for q in questions:
        # Near-duplicates are found below with an index, which stays fast on 100,000 questions.
        out.extend(rep.findings(q, duplicates=False))
        rep.add(q, duplicates=False)
    out.extend(_near_duplicates(questions))
    return out


def _near_duplicates(questions: Sequence[Question]) -> list[Finding]:
    """Near-duplicate pairs by prefix filtering (the AllPairs similarity join): no pair of sets is missed."""
    out: list[Finding] = []
    first: dict[str, Question] = {}
    repeated: set[int] = set()
    for i, q in enumerate(questions):
        same = first.setdefault(fold(q.prompt), q)
        if same is not q:
            out.append(Finding("near-duplicate", q, f"has the prompt of '{same.id}'{_at(same)}"))
            repeated.add(i)
    buckets: dict[tuple, list[int]] = defaultdict(list)
    sets = [content_tokens(q.prompt) for q in questions]
    for i, q in enumerate(questions):
        buckets[answer_key(q)].append(i)
    for members in buckets.values():
        if len(members) < 2:
            continue
        freq = Counter(t for i in members for t in sets[i])
        index: dict[str, list[int]] = defaultdict(list)
        flagged: set[int] = set()
        for i in members:
            q = questions[i]
            threshold = NEAR_DUPLICATE_TRUE_FALSE if q.type == TRUE_FALSE else NEAR_DUPLICATE
            order = sorted(sets[i], key=lambda t: (freq[t], t))
            prefix = order[: len(order) - math.ceil(threshold * len(order)) + 1] if order else []
            candidates = sorted({j for t in prefix for j in index[t]})
            for j in candidates:
                if i not in flagged and i not in repeated and similar(sets[i], sets[j], threshold):
                    out.append(
                        Finding(
                            "near-duplicate",
                            q,
                            f"asks what '{questions[j].id}'{_at(questions[j])} asks, with the same answer",
                        )
                    )
                    flagged.add(i)
            for t in prefix:
                index[t].append(i)
    return out


# ------------------------------------------------------------------ difficulty


def familiarity(questions: Sequence[Question]) -> list[int]:
    """For each question, how many other questions name its answer in their prompt or options."""
    keys = [
        tuple(tokens(canonical_answer(q))) if q.type not in (TRUE_FALSE, ORDERING, MATCHING, MULTI_SELECT) else ()
        for q in questions
    ]
    wanted = _Phrases((canonical_answer(q) for q, key in zip(questions, keys) if key), numbers=True)
    named = [wanted.named_in(" | ".join([q.prompt, *q.choices])) for q in questions]
    seen_in = Counter(k for found in named for k in found)
    return [seen_in[key] - (key in found) if key else 0 for key, found in zip(keys, named)]


def expected_difficulty(q: Question, familiar_count: int) -> str:
    """The stated rule (docs/lint.md): recognising is easy, recalling is harder, and the pack itself teaches.

    * true/false: easy;
    * multiple choice: easy when at least three other questions name the
      answer (the pack itself teaches it), medium otherwise;
    * pick-all and matching: medium; an ordering is medium, hard with five or more items;
    * typed answers and numbers: medium; easy when at least three other
      questions name the answer, hard when none does.
    """
    if q.type == TRUE_FALSE:
        level = 0
    elif q.type == MULTIPLE_CHOICE:
        level = 0 if familiar_count >= FAMILIAR else 1
    elif q.type in (TYPE_IN, NUMERIC):
        level = 0 if familiar_count >= FAMILIAR else 2 if familiar_count == 0 else 1
    elif q.type == ORDERING:
        level = 2 if len(q.answers) >= 5 else 1
    else:
        level = 1
    return DIFFICULTIES[level]


def difficulty_findings(questions: Sequence[Question]) -> list[Finding]:
    out = []
    for q, count in zip(questions, familiarity(questions)):
        rule = expected_difficulty(q, count)
        if q.difficulty in DIFFICULTIES and abs(DIFFICULTIES.index(q.difficulty) - DIFFICULTIES.index(rule)) >= 2:
            out.append(
                Finding(
                    "difficulty",
                    q,
                    f"labelled {q.difficulty}, but the rule makes it {rule} "
                    f"(a {q.type.replace('_', ' ')} whose answer {count} other questions name)",
                )
            )
    return out


def bias_findings(questions: Sequence[Question]) -> list[Finding]:
    """Is the right answer too often simply the longest option?"""
    counted = longest_right = 0
    for q in questions:
        if q.type != MULTIPLE_CHOICE or len(q.choices) < 3:
            continue
        by_length = sorted(q.choices, key=len, reverse=True)
        if len(by_length[0]) - len(by_length[1]) < 3:
            continue  # no option stands out by length
        counted += 1
        longest_right += by_length[0] in q.answers
    if counted >= BIAS_MIN_QUESTIONS and longest_right / counted > BIAS_SHARE:
        return [
            Finding(
                "longest-answer-bias",
                None,
                f"the right answer is the longest option in {longest_right} of {counted} "
                f"multiple-choice questions ({longest_right / counted:.0%}); a player who picks the longest wins",
            )
        ]
    return []


# ------------------------------------------------------------------ the whole pack


def findings(pack: Pack, ignore: Iterable[str] = ()) -> list[Finding]:
    """Every finding for a pack, in pack order, minus ignored rules."""
    skip = set(ignore)
    out: list[Finding] = []
    for q in pack.questions:
        out.extend(question_findings(q, pack.info))
    out.extend(repetition_findings(pack.questions))
    out.extend(difficulty_findings(pack.questions))
    out.extend(bias_findings(pack.questions))
    order = {id(q): i for i, q in enumerate(pack.questions)}
    out = [f for f in out if f.rule not in skip]
    out.sort(key=lambda f: (order.get(id(f.question), -1), f.rule))
    return out


def lint_pack(pack: Pack, ignore: Iterable[str] = ()) -> list[Problem]:
    """Every finding as a warning at its question's line (line 0: the whole pack)."""
    return [
        Problem(pack.path, f.question.line if f.question is not None else 0, 0, f"{f.message} [{f.rule}]", "warning")
        for f in findings(pack, ignore)
    ]
