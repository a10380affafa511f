"""Response: from a key press to the screen updated, over 200 answers.

The game (``quiz.tui.app.QuizApp``) runs under ``app.run_test`` at 100x30 with
a synthetic fixture pack of multiple-choice and true/false questions and the
default 20-second timer. For each question the benchmark presses an answer key
and waits for the reveal screen to be drawn, then presses Enter and waits for
the next question to be drawn. "Drawn" is the moment the app hands the
screen's compositor update to its display; the headless driver skips only the
terminal write, so the benchmark renders the update to terminal codes itself,
inside the measured time. A key arrives as from a terminal: one ``Key`` event
posted to the app, as the driver does. Time runs from just before the post to
then; the app is let settle (not counted) before the next key. ``--pilot``
presses keys with ``pilot.press`` instead, which also waits for every widget of
the screen to go idle: the method of the figures from before the round moved
into the core.

The round is played RUNS times, each in a fresh app; the figures reported are
the medians over the runs of each run's p50, p95 and maximum, so one run on a
moment of machine load does not decide the result.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit_json, machine_line, median, percentile, print_rows, verdict  # noqa: E402
from bench.synthpack import write_pack  # noqa: E402

ANSWERS = 200
RUNS = 3
SIZE = (100, 30)
TIMEOUT = 5.0
#: --pilot: press keys with Textual's test pilot, which also waits for every widget of the
#: screen to go idle before the frame is drawn (the method of the first figures; see the module doc).
PILOT = "--pilot" in sys.argv[1:] or os.environ.get("QUIZ_BENCH_PILOT") == "1"
CHARACTERS = {"enter": "\r"}


async def play(pack: Path) -> tuple[list[float], list[float]]:
    from textual import events

    from quiz.catalog import discover, load_questions
    from quiz.model import TRUE_FALSE
    from quiz.session import Phase, RoundSettings, Session
    from quiz.storage import ScoreStore
    from quiz.tui.app import QuizApp

    entries = [
        e for e in discover([pack], include_builtin=False, include_user=False, include_plugins=False) if e.usable
    ]
    settings = RoundSettings(questions=ANSWERS, seed=1, timer=20)
    session = Session.create(load_questions(entries), settings)
    store = ScoreStore(pack.parent / "scores.sqlite3")
    app = QuizApp(entries=entries, settings=settings, store=store, session=session)

    drawn: dict[str, float] = {}
    waiting: dict[str, object] = {"phase": None}
    event = asyncio.Event()
    original = app._display

    def display(screen, renderable) -> None:
        original(screen, renderable)
        want = waiting["phase"]
        if renderable is not None and want is not None and session.phase is want:
            if hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)  # what a real terminal write would cost
            drawn["at"] = time.perf_counter()
            waiting["phase"] = None
            event.set()

    app._display = display  # type: ignore[method-assign]

    async def timed(pilot, key: str, phase: Phase) -> float:
        event.clear()
        waiting["phase"] = phase
        start = time.perf_counter()
        if PILOT:
            await pilot.press(key)
        else:
            # As a terminal's key arrives: the driver posts one Key event to the app.
            app.post_message(events.Key(key, CHARACTERS.get(key, key)))
        await asyncio.wait_for(event.wait(), TIMEOUT)
        elapsed = drawn["at"] - start
        if not PILOT:
            await pilot.pause()  # let the app settle before the next key (not counted)
        return elapsed

    to_reveal, to_next = [], []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for n in range(ANSWERS):
            if session.phase is not Phase.OPEN or session.turn is None:
                raise RuntimeError(f"answer {n + 1}: expected a question, the round is at {session.phase.value}")
            key = ("t" if n % 2 else "f") if session.turn.question.type == TRUE_FALSE else str(1 + n % 4)
            to_reveal.append(await timed(pilot, key, Phase.CLOSED))
            if n + 1 < ANSWERS:
                to_next.append(await timed(pilot, "enter", Phase.OPEN))
        app.exit()
    return to_reveal, to_next


def main() -> list[tuple[str, str, str, str]]:
    print(f"Response benchmark on {machine_line()}")
    runs: list[tuple[list[float], list[float]]] = []
    with tempfile.TemporaryDirectory(prefix="quiz-bench-") as tmp:
        import os

        os.environ["QUIZ_DATA_DIR"] = str(Path(tmp) / "data")  # never the user's own cache
        pack = write_pack(Path(tmp), ANSWERS + 20, types=("multiple_choice", "true_false"), pack_id="response")
        for _ in range(RUNS):
            runs.append(asyncio.run(play(pack)))
    rows = []
    for label, pick in (
        ("answer key → reveal drawn", lambda r: r[0]),
        ("Enter → next question drawn", lambda r: r[1]),
        ("all key presses", lambda r: r[0] + r[1]),
    ):
        samples = [pick(run) for run in runs]
        p50 = median([median(values) for values in samples])
        p95 = median([percentile(values, 95) for values in samples])
        worst = median([max(values) for values in samples])
        rows.append(
            (
                f"{label}: p50 / p95 / max ({len(samples[0])} presses, median of {RUNS} runs)",
                f"{p50 * 1000:.1f} / {p95 * 1000:.1f} / {worst * 1000:.1f} ms",
                "p95 ≤ 30 ms",
                verdict(p95 <= 0.030),
            )
        )
    print_rows("Response", rows)
    emit_json(rows)
    return rows


if __name__ == "__main__":
    main()
