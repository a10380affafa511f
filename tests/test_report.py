"""Game reports: rounds of every mode played through the Session, saved, read back, written as CSV, xlsx and
HTML, and every row of every file checked against the game played; formulas and markup stay text."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportkit import (
    FORMULA_NAME,
    HOSTILE_CATEGORY,
    HOSTILE_PROMPT,
    csv_cell,
    expected_tables,
    html_cell,
    play_round,
    read_csv,
    read_html,
    read_xlsx,
    scripted,
    xlsx_formulas,
)

from quiz.report import FORMATS, format_for, output_files, report_stem, write_report
from quiz.report.cells import csv_text, looks_like_formula, xml_text
from quiz.report.tables import build_report
from quiz.session import HOTSEAT, LIVE, SOLO, TEAMS, AnswerRow, GameResult, RoundSettings, Session, Standing
from quiz.session.settings import BUZZER, PRESENTER
from quiz.storage import ScoreStore

TABLES = ("Summary", "Answers", "Questions")
#: The tags a report page may use: no script, no image, no frame, no form, no link to anything.
PAGE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "dl", "dt", "dd", "nav", "a", "section", "p",
    "table", "thead", "tbody", "tr", "th", "td", "svg", "rect",
}  # fmt: skip

# The modes a Session plays here; buzzer and presenter rounds leave records of the same shape (tested below).
MODES = {
    "solo": RoundSettings(mode=SOLO, players=(FORMULA_NAME,), questions=5, seed=3, timer=20),
    "hotseat": RoundSettings(mode=HOTSEAT, players=(FORMULA_NAME, "+Ann", "Zoë"), questions=1, seed=5, timer=None),
    "teams": RoundSettings(mode=TEAMS, players=("Red", FORMULA_NAME, "@Blue"), questions=5, seed=7, timer=30),
    "live": RoundSettings(mode=LIVE, players=("Ana", "Ben", FORMULA_NAME, "Dee"), questions=5, seed=9, timer=20),
}


def saved_and_read_back(session: Session) -> GameResult:
    """The game as ``quiz report`` sees it: saved by the store, read back by id."""
    with ScoreStore() as store:
        game_id = store.save_game(session.result())
        assert game_id is not None
        record = store.game(game_id)
    assert record is not None
    return record


def check_csv(files: list[Path], expected: dict) -> None:
    assert [f.name.rsplit("-", 1)[1] for f in files] == ["summary.csv", "answers.csv", "questions.csv"]
    for name, path in zip(TABLES, files):
        header, *rows = read_csv(path)
        want = [[csv_cell(kind, value) for kind, value in row] for row in expected[name]]
        assert rows == want, name
        assert all(len(r) == len(header) for r in rows)


def check_xlsx(path: Path, expected: dict) -> None:
    from openpyxl import load_workbook

    sheets = read_xlsx(path)
    assert list(sheets) == [*TABLES, "Game"]
    wb = load_workbook(path)
    for name in TABLES:
        _header, *rows = sheets[name]
        assert len(rows) == len(expected[name]), name
        for got, want in zip(rows, expected[name]):
            for cell, (kind, value) in zip(got, want):
                if kind == "percent" or kind == "seconds":
                    assert cell == (None if value is None else pytest.approx(value)), (name, got, want)
                elif kind == "yes/no":
                    assert cell == ("yes" if value else "no")
                elif kind == "text":
                    assert cell == (value or None), (name, got, want)  # an empty text cell reads back as None
                else:
                    assert cell == value, (name, got, want)
        ws = wb[name]
        assert ws.freeze_panes == "A2"
        assert all(c.font.b for c in ws[1]) and all(not c.font.b for c in ws[2])
        for col, (kind, _) in enumerate(expected[name][0], start=1):
            cell = ws.cell(row=2, column=col)
            if kind == "percent" and cell.value is not None:
                assert cell.number_format == "0%"
            if kind == "text" and cell.value is not None:
                assert cell.data_type == "s"
        widths = {c.value: ws.column_dimensions[c.column_letter].width for c in ws[1]}
        assert all(6 <= w <= 60 for w in widths.values())
        if "Question" in widths:
            assert widths["Question"] >= 20  # prompts are long: their column is wide
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                width = ws.column_dimensions[cell.column_letter].width
                if isinstance(cell.value, str) and len(cell.value) > width:  # shown whole, on taller rows
                    assert cell.alignment.wrap_text and ws.row_dimensions[cell.row].height >= 30, cell.value
    assert xlsx_formulas(path) == []
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = z.read(charts[0]).decode()
    n = len(expected["Questions"])
    assert "<barChart>" in chart and f"'Questions'!$G$2:$G${n + 1}" in chart  # % right, one bar per question
    assert "% right per question" in chart


def check_html(path: Path, expected: dict) -> None:
    page = read_html(path)
    assert set(page.tags) <= PAGE_TAGS, set(page.tags) - PAGE_TAGS
    assert not [a for a in page.attributes if a[1].startswith("on") or a[1] in ("src", "srcset", "action")]
    assert all(v.startswith("#") for tag, k, v in page.attributes if k == "href" and v is not None)
    assert list(page.sections) == [t.lower() for t in TABLES]
    for name in TABLES:
        want = [[html_cell(kind, value) for kind, value in row] for row in expected[name]]
        assert page.sections[name.lower()] == want, name
    assert page.tags.count("svg") == len(expected["Questions"])  # a bar per question


@pytest.mark.parametrize("mode", list(MODES))
def test_every_row_of_every_format_matches_the_game_played(mode, tmp_path):
    session = play_round(MODES[mode], scripted("rrw-wr"))
    expected = expected_tables(session)
    record = saved_and_read_back(session)
    check_csv(write_report(record, tmp_path / "r.csv", "csv"), expected)
    check_xlsx(write_report(record, tmp_path / "r.xlsx", "xlsx")[0], expected)
    check_html(write_report(record, tmp_path / "r.html", "html")[0], expected)
    assert {len(v) for v in expected.values()} != {0}


def test_the_scripted_games_cover_what_the_checks_are_for():
    """Guards the test above against checking easy games only."""
    teams = play_round(MODES["teams"], scripted("rrw-wr"))
    rows = expected_tables(teams)
    assert {r[6][1] for r in rows["Answers"]} == {True, False}  # right and wrong answers
    assert any(r[4][1] == "no answer" for r in rows["Answers"])
    assert any(r[8][1] and r[8][1] >= 2 for r in rows["Questions"])  # a wrong answer given by several teams
    assert any(r[1][1] == HOSTILE_PROMPT and r[2][1] == HOSTILE_CATEGORY for r in rows["Questions"])
    live = expected_tables(play_round(MODES["live"], scripted("rrw-wr")))
    assert {FORMULA_NAME, "\tTabbed", "-12"} <= {r[7][1] for r in live["Questions"]}  # formulas as wrong answers
    hotseat = play_round(MODES["hotseat"], scripted("rrw-wr"))
    assert len({r[1][1] for r in expected_tables(hotseat)["Questions"]}) == 3  # each player their own question


def test_a_formula_name_comes_out_as_text_in_every_format(tmp_path):
    record = saved_and_read_back(play_round(MODES["solo"], scripted("w")))
    [summary, answers, _] = write_report(record, tmp_path / "r.csv", "csv")
    assert read_csv(summary)[1][1] == "'=cmd|calc"
    assert {row[0] for row in read_csv(answers)[1:]} == {"'=cmd|calc"}
    assert "'=cmd|calc" in {row[4] for row in read_csv(answers)[1:]}  # the wrong answer chosen, too

    from openpyxl import load_workbook

    path = write_report(record, tmp_path / "r.xlsx", "xlsx")[0]
    cell = load_workbook(path)["Summary"]["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (FORMULA_NAME, "s", True)
    assert xlsx_formulas(path) == []
    with zipfile.ZipFile(path) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()

    page = read_html(write_report(record, tmp_path / "r.html", "html")[0])
    assert page.sections["summary"][0][1] == FORMULA_NAME


def test_hostile_prompts_categories_and_answers_stay_text_on_the_page(tmp_path):
    record = saved_and_read_back(play_round(MODES["teams"], scripted("wr")))
    path = write_report(record, tmp_path / "r.html", "html")[0]
    text = path.read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text and "<i>" not in text and "<em>" not in text
    page = read_html(path)
    assert set(page.tags) <= PAGE_TAGS
    prompts = {row[1] for row in page.sections["questions"]}
    assert HOSTILE_PROMPT in prompts
    assert HOSTILE_CATEGORY in {row[2] for row in page.sections["questions"]}
    assert "<script>x</script>" in {row[4] for row in page.sections["answers"]}
    assert "<em>extra</em>" in " ".join(page.details)  # a pack name too
    assert len(page.sections["answers"]) == len(record.answers)


def test_tabs_and_carriage_returns_at_the_start_are_escaped_and_numbers_stay_numbers(tmp_path):
    record = _buzzer_record(names=("\tTab", "\rReturn", "-12"))
    [summary, answers, _] = write_report(record, tmp_path / "r.csv", "csv")
    names = [row[1] for row in read_csv(summary)[1:]]
    assert names == ["'\rReturn", "-12", "'\tTab"]  # a plain number is no formula: left as it is
    rows = read_csv(answers)[1:]
    assert rows[0][0] == "'\tTab" and rows[0][8] == "-50"  # points are a real number, minus and all
    assert csv_text("-1+2") == "'-1+2" and csv_text("-3.5") == "-3.5" and csv_text("+5") == "'+5"
    assert not looks_like_formula("a=1") and looks_like_formula("@SUM(A1)")

    from openpyxl import load_workbook

    ws = load_workbook(write_report(record, tmp_path / "r.xlsx", "xlsx")[0])["Answers"]
    assert ws["I2"].value == -50 and ws["I2"].data_type == "n"


def _buzzer_record(names: tuple[str, str, str] = ("Red", "Blue", "Green"), mode: str = BUZZER) -> GameResult:
    """A buzzer round's record: only the teams that buzzed have a row; points include the teacher's awards."""

    def row(number, team, qid, response, correct, points, timed_out=False, elapsed=2.0):
        return AnswerRow(
            number=number, participant=team, question_id=qid, pack="tdf", category="people", type="multiple_choice",
            prompt=f"Prompt of {qid}", right_answer="Right", response=response, response_text=response or "no answer",
            correct=correct, timed_out=timed_out, elapsed=elapsed, points_base=points, points_speed=0,
            points_streak=0,
        )  # fmt: skip

    a, b, c = names
    answers = (
        row(1, a, "q1", "=SUM(1)", False, -50),  # buzzed first, wrong: the question passes on
        row(1, b, "q1", "Right", True, 1000),
        row(2, a, "q2", "Netflix", False, 0),
        row(2, b, "q2", "Netflix", False, 0),
        row(2, c, "q2", None, False, 0, timed_out=True, elapsed=None),  # nobody right
    )
    standings = (
        Standing(1, False, b, 1000, 1, 2, 1, 2.0),
        Standing(2, False, c, 300, 0, 1, 0, None),  # the teacher gave 300 by hand
        Standing(3, False, a, -50, 0, 2, 0, 2.0),
    )
    settings = RoundSettings(mode=mode, players=names, questions=2, seed=1, timer=None)
    return GameResult(settings, 1, ("tdf",), names, answers, standings, True, "2026-05-01T10:30:00+02:00", 7)


def test_a_buzzer_record_reports_who_buzzed_and_what_nobody_knew(tmp_path):
    record = _buzzer_record()
    report = build_report(record)
    assert report.summary.columns[1].title == "Team"
    assert [r[1:5] for r in report.summary.rows] == [("Blue", 1000, 1, 2), ("Green", 300, 0, 1), ("Red", -50, 0, 2)]
    questions = {r[0]: r for r in report.questions.rows}
    assert questions[1][4:10] == (2, 1, 0.5, "=SUM(1)", 1, 0)
    assert questions[2][4:10] == (3, 0, 0.0, "Netflix", 2, 1)
    page = read_html(write_report(record, tmp_path / "b.html", "html")[0])
    assert page.sections["questions"][1][6] == "0%" and page.sections["questions"][1][7] == "Netflix"
    assert page.headers["summary"][1] == "Team"
    assert page.sections["summary"][2][3:6] == ["0", "2", "0%"]


def test_a_presenter_game_with_no_answers_recorded_still_reports(tmp_path):
    record = replace(_buzzer_record(mode=PRESENTER), answers=())
    report = build_report(record)
    assert len(report.summary.rows) == 3 and report.answers.rows == () and report.questions.rows == ()
    [summary, answers, questions] = write_report(record, tmp_path / "p.csv", "csv")
    assert len(read_csv(summary)) == 4 and len(read_csv(answers)) == 1 and len(read_csv(questions)) == 1
    xlsx = write_report(record, tmp_path / "p.xlsx", "xlsx")[0]
    assert read_xlsx(xlsx)["Questions"] == [[c.title for c in report.questions.columns]]
    with zipfile.ZipFile(xlsx) as z:
        assert not [n for n in z.namelist() if "chart" in n]  # no bars to draw
    page = read_html(write_report(record, tmp_path / "p.html", "html")[0])
    assert page.sections["questions"] == [["No answers were recorded."]]


def test_a_game_saved_before_prompts_were_kept_still_reports(tmp_path):
    from test_storage import _version_1_database

    _version_1_database(tmp_path / "old.sqlite3")
    with ScoreStore(tmp_path / "old.sqlite3") as store:
        old = store.game(1)
    assert old is not None
    report = build_report(old)
    assert [(r[0], r[2], r[4], r[6], r[8]) for r in report.answers.rows] == [
        ("Ann", "q01", "True", True, 950),  # the question's id stands in for its prompt
        ("Bob", "q02", "False", False, 0),
    ]
    for fmt in FORMATS:
        for f in write_report(old, tmp_path / f"old.{fmt}", fmt):
            assert f.stat().st_size > 0
    assert read_csv(tmp_path / "old-questions.csv")[1][1] == "q01"


def test_file_names_and_formats():
    assert (
        format_for(Path("a.XLSX")) == "xlsx" and format_for(Path("a.htm")) == "html" and format_for(Path("a")) is None
    )
    assert [p.name for p in output_files(Path("out/results.csv"), "csv")] == [
        "results-summary.csv",
        "results-answers.csv",
        "results-questions.csv",
    ]
    assert output_files(Path("x.html"), "html") == [Path("x.html")]
    with pytest.raises(ValueError, match="unknown report format"):
        output_files(Path("x.pdf"), "pdf")
    record = _buzzer_record()
    assert report_stem(record) == "quiz-report-2026-05-01-1030-game-7"
    assert report_stem(replace(record, game_id=None, played_at="?")) == "quiz-report"


def test_a_failed_write_leaves_the_old_report_whole(tmp_path, monkeypatch):
    from quiz import report

    target = tmp_path / "r.html"
    target.write_text("the old report")
    real = report.os.replace

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report.os, "replace", broken)
    with pytest.raises(OSError):
        write_report(_buzzer_record(), target, "html")
    monkeypatch.setattr(report.os, "replace", real)
    assert target.read_text() == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]  # no temporary file left behind


TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=TEXT, prompt=TEXT, given_answer=TEXT, category=TEXT)
def test_any_text_comes_back_as_the_same_text(tmp_path, name, prompt, given_answer, category):
    """Whatever a name, prompt, answer or category holds, each format gives it back as it was (xlsx: less the
    control characters XML cannot hold) and never as a formula or markup."""
    record = _buzzer_record()
    answers = tuple(
        replace(a, participant=name if a.participant == "Blue" else a.participant, prompt=prompt, category=category,
                response_text=given_answer if not a.correct else a.response_text)
        for a in record.answers
    )  # fmt: skip
    names = tuple(name if n == "Blue" else n for n in record.participants)
    if len(set(names)) < 3:
        return
    standings = tuple(replace(s, name=name) if s.name == "Blue" else s for s in record.standings)
    record = replace(record, answers=answers, participants=names, standings=standings)
    out = tmp_path / str(abs(hash((name, prompt, given_answer, category))))

    [summary, *_] = write_report(record, out / "r.csv", "csv")
    got = read_csv(summary)[1][1]
    assert got == (("'" + name) if looks_like_formula(name) else name)

    def as_read(text: str) -> str:  # HTML and XML readers turn every line end into \n
        return xml_text(text).replace("\r\n", "\n").replace("\r", "\n")

    page = read_html(write_report(record, out / "r.html", "html")[0])
    assert page.sections["summary"][0][1] == as_read(name)
    assert {row[1] for row in page.sections["questions"]} == {as_read(prompt)}
    assert set(page.tags) <= PAGE_TAGS

    sheets = read_xlsx(write_report(record, out / "r.xlsx", "xlsx")[0])
    assert sheets["Summary"][1][1] == as_read(name)
    assert sheets["Questions"][1][7] == as_read(given_answer)
