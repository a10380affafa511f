"""Start-up: the game to its title screen in a real terminal, and the CLI's quick commands.

The terminal is a detached tmux session (100x30). Each run respawns the pane
with a fresh ``python`` and polls ``capture-pane`` about every 5 ms until a
text the first screen shows appears; the time is from the respawn to that
moment. The game and a minimal Textual app (bench/minimal_app.py) take turns,
after one unmeasured warm-up each (it fills the pack cache and the OS's file
cache), so both see the same machine load.

``quiz --help`` and ``quiz validate questions/`` are timed as whole processes;
``python -X importtime`` shows whether either imported textual.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    ROOT,
    emit_json,
    env_for,
    machine_line,
    median,
    ms,
    print_rows,
    time_process,
    verdict,
)
from bench.minimal_app import MARKER as MINIMAL_MARKER  # noqa: E402

RUNS = 10
POLL = 0.005
TIMEOUT = 30.0
QUIZ_MARKER = "Behind the Scenes Quiz"


class Tmux:
    """A private tmux server (own socket) with one 100x30 pane to start programs in."""

    def __init__(self, width: int = 100, height: int = 30) -> None:
        self.socket = f"quiz-bench-{time.time_ns()}"
        self.tmux(
            "-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", str(width), "-y", str(height), "sleep 3600"
        )
        self.tmux("set-option", "-g", "remain-on-exit", "on")

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def time_to_text(self, command: str, marker: str) -> float:
        """Seconds from starting ``command`` in the pane to ``marker`` showing in it."""
        self.tmux("respawn-pane", "-k", "-t", "bench", command)
        start = time.perf_counter()
        while True:
            screen = self.tmux("capture-pane", "-p", "-t", "bench")
            now = time.perf_counter()
            if marker in screen:
                return now - start
            if now - start > TIMEOUT:
                raise RuntimeError(f"{marker!r} never showed; the pane shows:\n{screen}")
            time.sleep(POLL)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def imports_textual(argv: list[str], env: dict) -> bool:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    return any(line.rsplit("|", 1)[-1].strip().split(".")[0] == "textual" for line in done.stderr.splitlines())


def title_screen(data_dir: Path, env: dict) -> tuple[list[float], list[float]]:
    exports = f"cd {shlex.quote(str(ROOT))} && export PYTHONPATH={shlex.quote(env['PYTHONPATH'])} && exec "
    quiz = exports + f"{shlex.quote(sys.executable)} -m quiz --data-dir {shlex.quote(str(data_dir))}"
    minimal = exports + f"{shlex.quote(sys.executable)} bench/minimal_app.py"
    term = Tmux()
    try:
        term.time_to_text(quiz, QUIZ_MARKER)  # warm-up: fills the pack cache
        term.time_to_text(minimal, MINIMAL_MARKER)
        quiz_times, minimal_times = [], []
        for _ in range(RUNS):
            quiz_times.append(term.time_to_text(quiz, QUIZ_MARKER))
            minimal_times.append(term.time_to_text(minimal, MINIMAL_MARKER))
        return quiz_times, minimal_times
    finally:
        term.close()


def main() -> list[tuple[str, str, str, str]]:
    print(f"Start-up benchmark on {machine_line()}")
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="quiz-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        env = env_for(data_dir)
        py = sys.executable
        if shutil.which("tmux"):
            quiz_times, minimal_times = title_screen(data_dir, env)
            q, m = median(quiz_times), median(minimal_times)
            rows.append(("`quiz` to title screen, tmux 100x30 (median of 10)", ms(q), "", ""))
            rows.append(("minimal Textual app to its label, same way (median of 10)", ms(m), "", ""))
            rows.append(("ratio game / minimal app", f"{q / m:.2f}", "≤ 1.15", verdict(q / m <= 1.15)))
        else:
            rows.append(("`quiz` to title screen", "skipped: tmux not installed", "", ""))
        # The console script pip installed beside this interpreter: what a user types.
        script = Path(py).parent / "quiz"
        baseline, helps, scripted = [], [], []
        for _ in range(RUNS):  # interleaved, so all see the same load
            baseline.append(time_process([py, "-c", "pass"], env))
            helps.append(time_process([py, "-m", "quiz", "--help"], env))
            if script.is_file():
                scripted.append(time_process([str(script), "--help"], env))
        time_process([py, "-m", "quiz", "validate", "questions/"], env)  # warm-up: caches the built-in packs
        validates = [time_process([py, "-m", "quiz", "validate", "questions/"], env) for _ in range(RUNS)]
        rows.append(("`python -c pass`, the interpreter alone (median of 10)", ms(median(baseline)), "", ""))
        h = median(helps)
        rows.append(("`quiz --help`, whole process (median of 10)", ms(h), "≤ 100 ms", verdict(h <= 0.100)))
        rows.append(("`quiz --help` minus the interpreter alone", ms(h - median(baseline)), "", ""))
        if scripted:
            s = median(scripted)
            rows.append(
                (
                    "`quiz --help` through the installed `quiz` script (median of 10)",
                    ms(s),
                    "≤ 100 ms",
                    verdict(s <= 0.100),
                )
            )
        v = median(validates)
        rows.append(("`quiz validate questions/`, whole process, cached (median of 10)", ms(v), "", ""))
        for label, argv in (
            ("--help", ["-m", "quiz", "--help"]),
            ("validate", ["-m", "quiz", "validate", "questions/"]),
        ):
            loaded = imports_textual(argv, env)
            rows.append((f"`quiz {label}` imports textual", "yes" if loaded else "no", "no", verdict(not loaded)))
    print_rows("Start-up", rows)
    emit_json(rows)
    return rows


if __name__ == "__main__":
    main()
