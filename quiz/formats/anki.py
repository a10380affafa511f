"""Anki decks (.apkg) built with genanki.

Every id is stable: the note type and the deck have fixed ids, and each note's
guid comes from the pack id and question id. Importing a newer export into
Anki therefore updates the cards already there instead of adding copies, and
keeps the learner's review history.

A note per question: the front is the prompt (with the choices or items to
order), the back the answer, the explanation and the source. Tags are the
category, the pack and the question type.
"""

from __future__ import annotations

import html
import random
from pathlib import Path

from quiz.formats.base import ExportResult
from quiz.model import MATCHING, MULTI_SELECT, MULTIPLE_CHOICE, ORDERING, TYPE_IN, Pack, Question

NAME = "anki"
DESCRIPTION = "Anki deck (.apkg); re-importing updates the cards"
SUFFIX = ".apkg"

# Fixed forever: changing them would make Anki see a new note type and deck.
MODEL_ID = 1_654_032_001
DECK_ID = 1_654_032_002
DECK_NAME = "Tour de France docuseries quiz"
MODEL_NAME = "Tour de France docuseries quiz question"
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


def _model():
    import genanki

    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
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


def note_fields(q: Question) -> list[str]:
    """The five fields of a question's note, as HTML."""
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
        answer = html.escape(q.canonical_answer)
    source = ""
    if q.source:
        source = f"“{html.escape(q.source.quote)}” — {html.escape(q.source.seed)}"
    return [html.escape(q.prompt), options, answer, html.escape(q.explanation), source]


def build_package(packs: list[Pack]):
    import genanki

    model = _model()
    deck = genanki.Deck(DECK_ID, DECK_NAME, description="Questions about the Netflix/A.S.O. Tour de France docuseries.")
    for pack in packs:
        for q in pack.questions:
            pack_id = q.pack or pack.id
            deck.add_note(
                genanki.Note(
                    model=model,
                    fields=note_fields(q),
                    guid=note_guid(pack_id, q.id),
                    tags=[_tag(q.category), _tag(pack_id), _tag(q.type)],
                )
            )
    return genanki.Package(deck), len(deck.notes)


def export_packs(packs: list[Pack], out: Path | None) -> ExportResult:
    if out is None:
        raise ValueError("an Anki deck is a binary file; give an output file")
    package, written = build_package(packs)
    package.write_to_file(str(out), timestamp=TIMESTAMP)
    return ExportResult(written=written, files=[str(out)])
