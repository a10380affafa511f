"""Checking written reports: play a round through the Session, read the files back, and say what each row should be.

The expected rows come from the Session itself (its players' stats and answer
records), not from the report's own code, so a report that drops, reorders or
miscounts anything disagrees with them.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from pathlib import Path

from sessionkit import FakeClock

from quiz.model import MULTIPLE_CHOICE, NUMERIC, TRUE_FALSE, TYPE_IN, Question
from quiz.qtypes import Response, canonical_answer
from quiz.qtypes.true_false import truth_of
from quiz.session import Phase, RoundSettings, Session

# Text a spreadsheet would run, and text that would break a page, in every place a game keeps text.
FORMULA_NAME = "=cmd|calc"
HOSTILE_PROMPT = '</td></tr></table><script>alert("x")</script><img src=x onerror=alert(1)> & <b>bold</b>?'
HOSTILE_CATEGORY = "<i>teams</i> & co"


def report_pool() -> list[Question]:
    """A small pool of every kind of text a report must carry safely."""
    return [
        Question(
            id="mc-formula",
            category="people",
            type=MULTIPLE_CHOICE,
            prompt='=HYPERLINK("http://example.invalid","Which answer is right?")',
            choices=("Right one", "=cmd|calc", "@SUM(A1:A9)", "+1+2"),
            answers=("Right one",),
            pack="tdf",
        ),
        Question(
            id="mc-html",
            category=HOSTILE_CATEGORY,
            type=MULTIPLE_CHOICE,
            prompt=HOSTILE_PROMPT,
            choices=("<script>x</script>", "-2+3", "Plain", "\tTabbed"),
            answers=("Plain",),
            pack="tdf",
        ),
        Question(
            id="typed",
            category="people",
            type=TYPE_IN,
            prompt="Type the name, accents and all",
            answers=("Télévisions",),
            pack="tdf",
        ),
        Question(id="number", category="dates", type=NUMERIC, prompt="Which year?", value=2022, pack="tdf"),
        Question(
            id="tf", category="dates", type=TRUE_FALSE, prompt="True or false: @here", answers=("true",), pack="tdf"
        ),
    ]


#: Wrong answers by question type, in turn: several players give the same one, so one is most common.
WRONG: dict[str, tuple[Response, ...]] = {
    MULTIPLE_CHOICE: ("=cmd|calc", "<script>x</script>", "=cmd|calc"),
    TYPE_IN: ("=1+1", "-5", "=1+1"),
    NUMERIC: ("-12", "1999", "-12"),
    TRUE_FALSE: (False,),
}


def right_response(q: Question) -> Response:
    if q.type == TRUE_FALSE:
        return truth_of(q)
    if q.type == NUMERIC:
        return "2022"
    return q.answers[0]


def scripted(pattern: str) -> Callable[[str, int, Question, int], Response]:
    """Answers by a pattern over (participant seat, question number): 'r' right, 'w' wrong, '-' no answer."""

    def respond(name: str, seat: int, q: Question, number: int) -> Response:
        mark = pattern[(seat + number) % len(pattern)]
        if mark == "r":
            return right_response(q)
        if mark == "-":
            return None
        wrong = WRONG.get(q.type, ("nothing",))
        if q.type == MULTIPLE_CHOICE and q.id == "mc-html":
            wrong = ("<script>x</script>", "\tTabbed", "<script>x</script>")
        return wrong[seat % len(wrong)]

    return respond


def play_round(
    settings: RoundSettings,
    respond: Callable[[str, int, Question, int], Response],
    pool: Sequence[Question] | None = None,
    packs: Sequence[str] = ("tdf", "<em>extra</em>"),
) -> Session:
    """A round of any mode played to the end through the Session alone, each answer 1.5 s or more after opening."""
    clock = FakeClock()
    session = Session.create(list(pool or report_pool()), settings, clock=clock, packs=packs)
    session.start()
    seats = {name: i for i, name in enumerate(settings.players)}
    for _ in range(1000):
        if session.finished:
            return session
        if session.phase is Phase.READY:
            clock.advance(Session.READY_GUARD)
            session.ready()
        elif session.phase is Phase.OPEN:
            # Those answering now: one team at a time in teams mode, everyone at once in a live room.
            for extra, name in enumerate(session.group):
                if session.phase is not Phase.OPEN:
                    break
                clock.advance(1.5 + extra * 0.25)
                turn = session.turn
                assert turn is not None
                session.answer(respond(name, seats[name], turn.question, turn.number), name)
        else:
            session.next()
    raise AssertionError("the round did not finish")


# -- what each table should say, from the Session --------------------------------------
# Each expected cell is (kind, value), kinds as in quiz.report.tables.
def expected_summary(session: Session) -> list[list[tuple[str, object]]]:
    categories = sorted({r.question.category for s in session.players.values() for r in s.records}, key=str.casefold)
    rows = []
    for place in session.ranking():
        s = place.stats
        per = [
            ("percent", s.per_category[c][0] / s.per_category[c][1] if c in s.per_category else None)
            for c in categories
        ]
        rows.append(
            [
                ("count", place.place),
                ("text", s.name),
                ("count", s.points),
                ("count", s.correct),
                ("count", s.answered),
                ("percent", s.correct / s.answered if s.answered else None),
                ("seconds", s.mean_time),
                ("count", s.best_streak),
                *per,
            ]
        )
    return rows


def _question_order(session: Session) -> list[str]:
    """Question ids in the order the round asked them."""
    order: list[str] = []
    for turn in session.turns:
        if turn.question.id not in order:
            order.append(turn.question.id)
    return order


def expected_answers(session: Session) -> list[list[tuple[str, object]]]:
    number = {qid: i for i, qid in enumerate(_question_order(session), start=1)}
    rows = []
    for name in session.settings.players:
        records = sorted(session.players[name].records, key=lambda r: number[r.question.id])
        for r in records:
            rows.append(
                [
                    ("text", name),
                    ("count", number[r.question.id]),
                    ("text", r.question.prompt),
                    ("text", r.question.category),
                    ("text", r.response_text),
                    ("text", canonical_answer(r.question)),
                    ("yes/no", r.correct),
                    ("seconds", r.elapsed),
                    ("count", r.points.total),
                ]
            )
    return rows


def expected_questions(session: Session) -> list[list[tuple[str, object]]]:
    records = [r for s in session.players.values() for r in s.records]
    rows = []
    for n, qid in enumerate(_question_order(session), start=1):
        mine = [r for r in records if r.question.id == qid]
        q = mine[0].question
        right = sum(r.correct for r in mine)
        wrong = Counter(r.response_text for r in mine if not r.correct and not r.timed_out)
        top, times = wrong.most_common(1)[0] if wrong else ("", None)
        rows.append(
            [
                ("count", n),
                ("text", q.prompt),
                ("text", q.category),
                ("text", canonical_answer(q)),
                ("count", len(mine)),
                ("count", right),
                ("percent", right / len(mine)),
                ("text", top),
                ("count", times),
                ("count", sum(r.timed_out for r in mine)),
            ]
        )
    return rows


def expected_tables(session: Session) -> dict[str, list[list[tuple[str, object]]]]:
    return {
        "Summary": expected_summary(session),
        "Answers": expected_answers(session),
        "Questions": expected_questions(session),
    }


# -- how each format writes a cell -----------------------------------------------------------
_PLAIN_NUMBER = re.compile(r"-\d+(?:[.,]\d+)?")


def words(kind: str, value: object) -> str:
    """A cell as CSV and HTML write it."""
    if value is None:
        return ""
    if kind == "percent":
        return f"{round(float(value) * 100)}%"  # type: ignore[arg-type]
    if kind == "seconds":
        return f"{float(value):.1f}"  # type: ignore[arg-type]
    if kind == "yes/no":
        return "yes" if value else "no"
    return str(value)


def csv_cell(kind: str, value: object) -> str:
    text = words(kind, value)
    if kind == "text" and text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def html_cell(kind: str, value: object) -> str:
    if kind == "yes/no":
        return "✔ yes" if value else "✘ no"
    text = words(kind, value)
    return text if kind == "text" or text else "–"


# -- reading the files back ------------------------------------------------------------------
def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark: Excel would mangle accents"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def read_xlsx(path: Path) -> dict[str, list[list[object]]]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def xlsx_formulas(path: Path) -> list[str]:
    """Every formula in the workbook's sheets (there should be none)."""
    with zipfile.ZipFile(path) as z:
        return [
            m.group(0)
            for name in z.namelist()
            if name.startswith("xl/worksheets/")
            for m in re.finditer(r"<f[ >].*?</f>", z.read(name).decode())
        ]


class PageParser(HTMLParser):
    """A report page's tables by section, its title and every tag and attribute used."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.sections: dict[str, list[list[str]]] = {}
        self.headers: dict[str, list[str]] = {}
        self.title = ""
        self.details: list[str] = []
        self._section = ""
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, k, v) for k, v in attrs]
        if tag not in ("meta", "rect"):
            self._in.append(tag)
        if tag == "section":
            self._section = dict(attrs).get("id") or ""
            self.sections[self._section] = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if "thead" in self._in:
                self.headers[self._section] = self._row
            else:
                self.sections[self._section].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._in and self._in[-1] == "title":
            self.title += data
        elif self._in and self._in[-1] in ("dt", "dd"):
            self.details.append(data)


def read_html(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser
