"""Game reports: how long writing one takes, per format, for a class and for a large live room.

``python bench/reports.py``. A game's record is made up (answers right or wrong
by a fixed pattern, a few wrong answers repeated), then its report is built and
written in each format, in this process, several times; the figure is the
median. openpyxl's import is paid once before timing (the results screen pays it
once too). The whole ``quiz report`` command is timed for the class game, as a
teacher runs it, against ``python -c pass`` in the same run.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit_json, env_for, median, ms, print_rows, time_process, verdict

#: (label, participants, questions, timed runs)
GAMES = (("class: 30 players × 20 questions", 30, 20, 7), ("live room: 2,000 players × 20 questions", 2000, 20, 3))
#: A teacher presses E (or runs quiz report) for a class game: each format within this.
CLASS_TARGET = 0.5


def make_record(players: int, questions: int):
    from quiz.session import AnswerRow, GameResult, RoundSettings, Standing
    from quiz.session.settings import LIVE

    names = tuple(f"Student {i:04d}" for i in range(players))
    answers = []
    totals = {}
    for p, name in enumerate(names):
        right = 0
        for q in range(1, questions + 1):
            correct = (p * 7 + q * 3) % 5 < 3
            right += correct
            answers.append(
                AnswerRow(
                    number=q, participant=name, question_id=f"q{q:02d}", pack="tdf-docuseries",
                    category=("people", "dates", "teams", "the deal")[q % 4], type="multiple_choice",
                    prompt=f"Question {q}: which of these is named in the announcement of the series?",
                    right_answer="The right choice", response=None,
                    response_text="The right choice" if correct else ("A common mistake", "Another choice")[p % 2],
                    correct=correct, timed_out=False, elapsed=2.0 + (p % 13), points_base=1000 if correct else 0,
                    points_speed=0, points_streak=0,
                )
            )  # fmt: skip
        totals[name] = right
    order = sorted(names, key=lambda n: -totals[n])
    standings = tuple(
        Standing(i + 1, False, n, totals[n] * 1000, totals[n], questions, 1, 5.0) for i, n in enumerate(order)
    )
    settings = RoundSettings(mode=LIVE, players=names, questions=questions, seed=1)
    return GameResult(
        settings, 1, ("tdf-docuseries",), names, tuple(answers), standings, True, "2026-05-01T10:00:00+02:00", 1
    )


def time_formats(record, runs: int, out: Path) -> dict[str, float]:
    from quiz.report import FORMATS, write_report

    write_report(record, out / "warm.xlsx", "xlsx")  # imports openpyxl
    times: dict[str, list[float]] = {fmt: [] for fmt in FORMATS}
    for _ in range(runs):
        for fmt in FORMATS:  # interleaved: every format sees the same load
            start = time.perf_counter()
            write_report(record, out / f"r.{fmt}", fmt)
            times[fmt].append(time.perf_counter() - start)
    return {fmt: median(t) for fmt, t in times.items()}


def main() -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for label, players, questions, runs in GAMES:
            record = make_record(players, questions)
            figures = time_formats(record, runs, out)
            for fmt, seconds in figures.items():
                target, ok = ("", "")
                if players <= 30:
                    target, ok = f"≤ {CLASS_TARGET * 1000:.0f} ms", verdict(seconds <= CLASS_TARGET)
                rows.append((f"{label}: build and write {fmt} (median of {runs})", ms(seconds), target, ok))
            if players <= 30:
                from quiz.storage import ScoreStore

                data = out / "data"
                with ScoreStore(data / "scores.sqlite3") as store:
                    store.save_game(record)
                env = env_for(data)
                py = sys.executable
                whole, baseline = [], []
                for i in range(runs):
                    baseline.append(time_process([py, "-c", "pass"], env))
                    whole.append(time_process([py, "-m", "quiz", "report", "1", "-o", str(out / f"c{i}.xlsx")], env))
                rows.append((f"`quiz report 1 -o FILE.xlsx`, {label}, whole process (median of {runs})",
                             ms(median(whole)), "", ""))  # fmt: skip
                rows.append(
                    (f"`python -c pass`, the interpreter alone (median of {runs})", ms(median(baseline)), "", "")
                )
    print_rows("Reports", rows)
    emit_json(rows)
    return rows


if __name__ == "__main__":
    main()
