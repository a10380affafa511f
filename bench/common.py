"""What every benchmark shares: the machine description, statistics, timed processes.

Figures are medians (or percentiles) of several runs. Whole-process timings
are wall-clock from just before the process is started to its exit, so they
include the interpreter's own start-up; ``python -c pass`` is measured in the
same run as the baseline to read them against.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ram_gib() -> float:
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def machine() -> dict:
    from importlib import metadata

    try:
        textual_version = metadata.version("textual")
    except metadata.PackageNotFoundError:  # the core benchmarks still run without textual
        textual_version = "not installed"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count() or 1,
        "ram_gib": round(ram_gib(), 1),
        "python": platform.python_version(),
        "textual": textual_version,
        "load_1min": round(load, 2),
    }


def machine_line() -> str:
    m = machine()
    return (
        f"{m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM; Python {m['python']}, "
        f"textual {m['textual']}; load average {m['load_1min']} at start"
    )


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def env_for(data_dir: Path | None = None, **extra: str) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if data_dir is not None:
        env["QUIZ_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def time_process(argv: list[str], env: dict | None = None, cwd: Path = ROOT, expect: tuple[int, ...] = (0,)) -> float:
    """Wall-clock seconds of one whole process, start to exit."""
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in expect:
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def run_child(argv: list[str], env: dict | None = None) -> dict:
    """Run a measuring child process that prints one JSON object as its last line."""
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def print_rows(title: str, rows: list[tuple[str, str, str, str]]) -> None:
    """Rows of (measure, figure, target, verdict) as a Markdown table."""
    print(f"\n### {title}\n")
    print("| Measure | Result | Target | |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    sys.stdout.flush()


def emit_json(rows: list[tuple[str, str, str, str]], extra: dict | None = None) -> None:
    """The machine-readable line run_all.py collects (``BENCH-JSON {...}``)."""
    print("BENCH-JSON " + json.dumps({"rows": rows, **(extra or {})}))
