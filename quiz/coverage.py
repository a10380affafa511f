"""Which sentences of the seed articles the facts quote, and which they leave out.

A **sentence** here is what a reader would call one:

* text never runs across a line break: every non-empty line (a headline, a
  paragraph) is split on its own;
* within a line, a sentence ends at ``.``, ``!`` or ``?`` (and any closing
  quotes or brackets right after it) when white space follows and the next
  word starts with a capital letter, a digit or an opening quote. So
  "with A.S.O. to create" stays one sentence, and "…France Télévisions.
  Produced by…" is two;
* a line with no closing mark (a headline) is one sentence.

A **word** is a run of non-space characters holding a letter or a digit ("-"
alone is not one); the punctuation around it is not part of it. A sentence is
**quoted** by a fact when the fact's quote,
found in the seed (spacing aside), covers at least ``min(6, words in the
sentence)`` of its words: a quote may take a clause of a long sentence, or run
across two sentences.

``quiz generate --coverage`` prints the sentences of six words or more that no
fact quotes, and the share that are quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from quiz.facts import FactBase
from quiz.model import Pack

#: Sentences shorter than this are left out of the measure ("The arguments.").
MIN_WORDS = 6
#: A quote covering this many of a sentence's words (or all of a shorter one) quotes it.
QUOTED_WORDS = 6

_WORD = re.compile(r"\S+")
_CORE = re.compile(r"\w(?:.*\w)?")
# A closing mark, any closing quotes/brackets, then space and a capital, digit or opening quote.
_END = re.compile(r"""[.!?]['"’”)\]]*(?=\s+[A-Z0-9À-ÖØ-Þ'"‘“(\[])""")


@dataclass(frozen=True)
class Sentence:
    seed: str
    start: int  # character offsets in the seed text
    end: int
    text: str
    words: tuple[tuple[int, int], ...]  # (start, end) of each word
    line: int = 1  # where it starts in the seed (1-based)

    @property
    def word_count(self) -> int:
        return len(self.words)


def words_in(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Where each word stands, punctuation around it left out ("seven." is the word "seven")."""
    out = []
    for m in _WORD.finditer(text):
        core = _CORE.search(m.group())
        if core is not None:
            out.append((m.start() + core.start() + offset, m.start() + core.end() + offset))
    return out


def split_sentences(text: str, seed: str = "") -> list[Sentence]:
    """The sentences of a text, in order, with their character spans (see the module docstring)."""
    out: list[Sentence] = []
    pos = 0
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        start = pos
        pos += len(line)
        body = line.rstrip("\r\n")
        cut = 0
        pieces = [m.end() for m in _END.finditer(body)] + [len(body)]
        for end in pieces:
            piece = body[cut:end]
            words = words_in(piece, start + cut)
            if words:
                s = start + cut + (len(piece) - len(piece.lstrip()))
                e = start + cut + len(piece.rstrip())
                out.append(Sentence(seed, s, e, text[s:e], tuple(words), number))
            cut = end
    return out


def find_quote(quote: str, text: str) -> tuple[int, int] | None:
    """Where a quote stands in a text, runs of white space matching any other run; None if absent."""
    parts = quote.split()
    if not parts:
        return None
    m = re.search(r"\s+".join(re.escape(p) for p in parts), text)
    return (m.start(), m.end()) if m else None


@dataclass
class SeedCoverage:
    seed: str
    sentences: list[Sentence]
    text: str = ""
    #: index of a sentence -> ids of the facts quoting it
    quoted_by: dict[int, list[str]] = field(default_factory=dict)

    def counted(self) -> list[int]:
        return [i for i, s in enumerate(self.sentences) if s.word_count >= MIN_WORDS]

    def missing(self) -> list[Sentence]:
        return [self.sentences[i] for i in self.counted() if i not in self.quoted_by]


@dataclass
class Coverage:
    seeds: list[SeedCoverage]
    #: seeds a fact cites that could not be read
    unreadable: list[str] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return sum(len(s.counted()) for s in self.seeds)

    @property
    def quoted(self) -> int:
        return sum(1 for s in self.seeds for i in s.counted() if i in s.quoted_by)

    @property
    def ratio(self) -> float:
        return self.quoted / self.counted if self.counted else 1.0

    def missing(self) -> list[Sentence]:
        return [m for s in self.seeds for m in s.missing()]


def quotes_sentence(span: tuple[int, int], sentence: Sentence) -> bool:
    inside = sum(1 for s, e in sentence.words if s >= span[0] and e <= span[1])
    return inside >= min(QUOTED_WORDS, sentence.word_count)


def measure(quotes: list[tuple[str, str, str]], seed_texts: dict[str, str]) -> Coverage:
    """Coverage of the seeds by quotes given as (fact id, seed name, quote)."""
    seeds = {
        name: SeedCoverage(name, split_sentences(text, name), text=text) for name, text in sorted(seed_texts.items())
    }
    for fact_id, seed, quote in quotes:
        cov = seeds.get(seed)
        if cov is None:
            continue
        span = find_quote(quote, seed_texts[seed])
        if span is None:
            continue
        for i, sentence in enumerate(cov.sentences):
            if sentence.end > span[0] and sentence.start < span[1] and quotes_sentence(span, sentence):
                cov.quoted_by.setdefault(i, []).append(fact_id)
    return Coverage(list(seeds.values()))


def fact_coverage(base: FactBase, seeds_dir: Path | None) -> Coverage:
    """How much of the seeds a fact base quotes: every seed a fact cites, and every seed its topic lists."""
    names = sorted({f.seed for f in base.facts} | {str(s.get("seed")) for s in base.topic.sources if s.get("seed")})
    texts: dict[str, str] = {}
    unreadable: list[str] = []
    for name in names:
        places = ([Path(base.path).parent / name] if base.path else []) + (
            [Path(seeds_dir) / name] if seeds_dir else []
        )
        for path in places:
            try:
                texts[name] = path.read_text(encoding="utf-8")
                break
            except (OSError, UnicodeDecodeError):
                continue
        else:
            unreadable.append(name)
    cov = measure([(f.id, f.seed, f.quote) for f in base.facts], texts)
    cov.unreadable = unreadable
    return cov


def question_coverage(pack: Pack, cov: Coverage) -> int:
    """How many of the counted sentences the pack's questions cite, as measured for ``cov``."""
    texts = {s.seed: s for s in cov.seeds}
    asked: set[tuple[str, int]] = set()
    spans: dict[str, list[tuple[int, int]]] = {}
    for q in pack.questions:
        if q.source is None or q.source.seed not in texts:
            continue
        span = find_quote(q.source.quote, texts[q.source.seed].text)
        if span is not None:
            spans.setdefault(q.source.seed, []).append(span)
    for seed, seed_cov in texts.items():
        for i in seed_cov.counted():
            sentence = seed_cov.sentences[i]
            if any(
                sentence.end > a and sentence.start < b and quotes_sentence((a, b), sentence)
                for a, b in spans.get(seed, [])
            ):
                asked.add((seed, i))
    return len(asked)
