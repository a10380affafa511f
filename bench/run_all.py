"""Run every benchmark and print one Markdown table: ``python bench/run_all.py``.

Each benchmark runs as its own process (one's imports and memory never help
the next); the table collects the lines they mark ``BENCH-JSON``. Pass
``--quick`` to skip the 100,000-question pack (its first load alone takes about
a minute). ``--out FILE`` also writes the table to FILE.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, env_for, machine_line  # noqa: E402

BENCHES = (
    ("Start-up", ["bench/startup.py"]),
    ("Pack loading", ["bench/loading.py"]),
    ("Response", ["bench/response.py"]),
    ("Reports", ["bench/reports.py"]),
)


def main() -> None:
    parser = argparse.ArgumentParser(description="Run every benchmark; print a Markdown table.")
    parser.add_argument("--quick", action="store_true", help="leave out the 100,000-question pack")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    lines = [f"Machine: {machine_line()}", "", "| Benchmark | Measure | Result | Target | |", "|---|---|---|---|---|"]
    started = time.perf_counter()
    failed = False
    for name, script in BENCHES:
        argv = [sys.executable, *script]
        if args.quick and name == "Pack loading":
            argv += ["--sizes", "1000,10000"]
        print(f"running {name}...", file=sys.stderr, flush=True)
        done = subprocess.run(argv, cwd=ROOT, env=env_for(), capture_output=True, text=True)
        found = [line for line in done.stdout.splitlines() if line.startswith("BENCH-JSON ")]
        if done.returncode != 0 or not found:
            failed = True
            lines.append(
                f"| {name} | failed (exit {done.returncode}) | {done.stderr.strip().splitlines()[-1:] or ''} | | |"
            )
            continue
        for row in json.loads(found[-1][len("BENCH-JSON ") :])["rows"]:
            lines.append("| " + " | ".join([name, *row]) + " |")
    lines += ["", f"Whole run: {time.perf_counter() - started:.0f} s"]
    table = "\n".join(lines)
    print(table)
    if args.out:
        args.out.write_text(table + "\n", encoding="utf-8")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
