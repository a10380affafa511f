"""Anki decks (.apkg) built with genanki.

Each pack becomes a deck of its own, named after the pack's title, with its
own note type. Every id is stable: the deck's and the note type's come from the
pack id, and each note's guid from the pack id and question id. Importing a
newer export into Anki therefore updates the cards already there instead of
adding copies, and keeps the learner's review history; two packs never land in
one deck.

A note per question: the front is the prompt (with the choices or items to
order), the back the answer, the explanation and the source (the quote and the
article's title). Tags are the category, the pack and the question type.
"""

from __future__ import annotations

import hashlib
import html
import random
from pathlib import Path

from quiz.formats.base import ExportResult
from quiz.formats.sources import seed_titles
from quiz.model import MATCHING, MULTI_SELECT, MULTIPLE_CHOICE, ORDERING, TYPE_IN, Pack, Question
from quiz.qtypes import canonical_answer

NAME = "anki"
DESCRIPTION = "Anki deck (.apkg); re-importing updates the cards"
SUFFIX = ".apkg"

# The built-in pack's ids from before decks were made per pack: kept, so that decks
# learners already imported keep updating (a new note type id would make Anki
# refuse the notes it already holds).
LEGACY_IDS = {"tdf-docuseries": (1_654_032_001, 1_654_032_002)}
#: The package's timestamp, fixed so the same packs give the same file.
TIMESTAMP = 1_656_633_600.0  # 2022-07-01

FIELDS = ["Prompt", "Options", "Answer", "Explanation", "Source"]
CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; }
.options { margin-top: 0.8em; }
.answer { font-weight: bold; }
.explanation, .source { margin-top: 0.8em; font-size: 16px; }
.source { color: #666; }
"""
FRONT = '<div class="prompt">{{Prompt}}</div>{{#Options}}<div class="options">{{Options}}</div>{{/Options}}'
BACK = (
    '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>'
    '{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}'
    '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'
)


def stable_id(kind: str, pack_id: str) -> int:
    """An Anki id for a pack's deck or note type: the same for the same pack, in Anki's usual range."""
    legacy = LEGACY_IDS.get(pack_id)
    if legacy is not None:
        return legacy[0] if kind == "model" else legacy[1]
    digest = hashlib.sha256(f"tdf-quiz anki {kind} {pack_id}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def deck_names(packs: list[Pack]) -> list[str]:
    """Each pack's deck name: its title, with its id added when two packs share a title."""
    titles = [p.title.strip() or p.id for p in packs]
    return [t if titles.count(t) == 1 else f"{t} ({p.id})" for t, p in zip(titles, packs)]


def _model(pack: Pack, deck_name: str):
    import genanki

    return genanki.Model(
        stable_id("model", pack.id),
        f"{deck_name} question",
        fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Question", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )


def note_guid(pack_id: str, question_id: str) -> str:
    import genanki

    return genanki.guid_for(pack_id, question_id)


def _tag(text: str) -> str:
    # Anki tags cannot hold spaces.
    return "_".join(str(text).split()) or "untagged"


def _list(items: list[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + f"</{tag}>"


def note_fields(q: Question, titles: dict[str, str] | None = None) -> list[str]:
    """The five fields of a question's note, as HTML; ``titles`` names the seed articles."""
    options = ""
    if q.type in (MULTIPLE_CHOICE, MULTI_SELECT):
        options = _list(list(q.choices))
    elif q.type == ORDERING:
        items = list(q.answers)
        random.Random(f"{q.pack}/{q.id}").shuffle(items)
        options = "Put in order:" + _list(items)
    elif q.type == MATCHING:
        rights = [right for _, right in q.pairs]
        random.Random(f"{q.pack}/{q.id}").shuffle(rights)
        options = "Match:" + _list([left for left, _ in q.pairs]) + "with:" + _list(rights)
    if q.type == ORDERING:
        answer = _list(list(q.answers), ordered=True)
    elif q.type == MATCHING:
        answer = _list([f"{left} → {right}" for left, right in q.pairs])
    elif q.type == TYPE_IN and len(q.answers) > 1:
        answer = html.escape(q.answers[0]) + "<br>(also accepted: " + html.escape(", ".join(q.answers[1:])) + ")"
    else:
        answer = html.escape(canonical_answer(q))
    source = ""
    if q.source:
        article = (titles or {}).get(q.source.seed) or q.source.seed
        source = f"“{html.escape(q.source.quote)}” — {html.escape(article)}"
    return [html.escape(q.prompt), options, answer, html.escape(q.explanation), source]


def build_package(packs: list[Pack]):
    import genanki

    decks = []
    written = 0
    for pack, name in zip(packs, deck_names(packs)):
        model = _model(pack, name)
        deck = genanki.Deck(stable_id("deck", pack.id), name, description=html.escape(pack.info.description))
        titles = seed_titles(pack)
        for q in pack.questions:
            pack_id = q.pack or pack.id
            deck.add_note(
                genanki.Note(
                    model=model,
                    fields=note_fields(q, titles),
                    guid=note_guid(pack_id, q.id),
                    tags=[_tag(q.category), _tag(pack_id), _tag(q.type)],
                )
            )
        decks.append(deck)
        written += len(deck.notes)
    return genanki.Package(decks), written


def export_packs(packs: list[Pack], out: Path | None) -> ExportResult:
    if out is None:
        raise ValueError("an Anki deck is a binary file; give an output file")
    package, written = build_package(packs)
    package.write_to_file(str(out), timestamp=TIMESTAMP)
    return ExportResult(written=written, files=[str(out)])
