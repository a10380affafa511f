"""Pack loading: synthetic packs of 1,000, 10,000 and 100,000 questions.

Each measurement runs in a fresh subprocess (``--child``) so one load's memory
and warm caches never help the next:

* first load: ``quiz.packcache.load`` with an empty cache (read, parse, validate,
  build the Pack, write the cache entry), the loader the catalog uses;
* cached load: the same call once the entry exists;
* baseline: ``json.load`` of the same data as plain JSON (the cache entry's
  questions written as JSON objects, one per question).

Times are of the call alone (modules imported beforehand). Peak memory is the
child's peak resident set size (VmHWM in /proc/self/status; ru_maxrss where
there is no /proc), so it includes the interpreter and the modules imported
(the figure before the load is printed too).
``quiz validate`` of the 1,000-question pack is also timed as a whole process,
with an empty cache and with a warm one, beside two floors measured in the same
run: the bare interpreter, and one that only walks the file's YAML events with
PyYAML's C parser (no building, no checking), which no YAML loader built on
PyYAML can beat.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit_json, env_for, machine_line, median, ms, print_rows, run_child, time_process, verdict  # noqa: E402
from bench.synthpack import write_pack  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
#: (first loads, cached loads, json loads) per size; the first load of 100,000 takes a while.
REPEATS = {1_000: (3, 5, 5), 10_000: (3, 5, 5), 100_000: (1, 3, 3)}
VALIDATE_RUNS = 10


def _rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB.

    /proc's VmHWM starts afresh at exec; ru_maxrss would carry over the parent's
    size at fork time, which is large here once the parent has written a big pack.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(mode: str, path: str) -> None:
    """Measure one load in this (fresh) process and print it as JSON."""
    if mode == "json":
        before = _rss_mib()
        start = time.perf_counter()
        with open(path, "rb") as fh:
            data = json.load(fh)
        elapsed = time.perf_counter() - start
        count = len(data["questions"])
    else:
        from quiz import packcache

        before = _rss_mib()
        start = time.perf_counter()
        loaded = packcache.load(path)
        elapsed = time.perf_counter() - start
        count = len(loaded.pack.questions)
        if loaded.from_cache != (mode == "cached"):
            raise SystemExit(f"expected from_cache={mode == 'cached'}, got {loaded.from_cache}")
    gc.collect()
    print(json.dumps({"seconds": elapsed, "peak_mib": _rss_mib(), "before_mib": before, "questions": count}))


def measure(mode: str, path: Path, env: dict) -> dict:
    return run_child([sys.executable, str(Path(__file__).resolve()), "--child", mode, str(path)], env)


def cache_entry(data_dir: Path) -> Path:
    """The cached pack written as plain JSON, for the json.load baseline."""
    import marshal

    (entry,) = (data_dir / "cache" / "packs").glob("*.cache")
    data = marshal.loads(entry.read_bytes())
    names = data["columns_named"]
    questions = [dict(zip(names, row)) for row in zip(*data["columns"])]
    for q, seed, quote in zip(questions, data["seeds"], data["quotes"]):
        q["source"] = None if seed is None else {"seed": seed, "quote": quote}
    twin = entry.with_suffix(".json")
    twin.write_text(json.dumps({"info": data["info"], "questions": questions}, ensure_ascii=False), encoding="utf-8")
    return twin


PARSE_ONLY = (
    "import sys, yaml\n"
    "loader = yaml.CSafeLoader(open(sys.argv[1], encoding='utf-8').read())\n"
    "while loader.get_event().__class__ is not yaml.StreamEndEvent:\n"
    "    pass\n"
)


def main() -> list[tuple[str, str, str, str]]:
    print(f"Pack loading benchmark on {machine_line()}")
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="quiz-bench-") as tmp:
        folder = Path(tmp)
        for size in SIZES:
            pack = write_pack(folder, size)
            firsts, cached, plain = [], [], []
            n_first, n_cached, n_plain = REPEATS[size]
            for i in range(n_first):
                data_dir = folder / f"data-{size}-{i}"  # an empty cache every time
                firsts.append(measure("first", pack, env_for(data_dir)))
            env = env_for(folder / f"data-{size}-0")
            entry = cache_entry(folder / f"data-{size}-0")
            for _ in range(max(n_cached, n_plain)):  # interleaved: same load for both
                cached.append(measure("cached", pack, env))
                plain.append(measure("json", entry, env))
            f = median([r["seconds"] for r in firsts])
            c = median([r["seconds"] for r in cached])
            j = median([r["seconds"] for r in plain])
            size_mb = pack.stat().st_size / 1e6
            tag = f"{size:,} questions ({size_mb:.1f} MB YAML)"
            rows.append((f"{tag}: first load, parse + validate + cache (median of {n_first})", ms(f), "", ""))
            rows.append((f"{tag}: first load, peak RSS", f"{max(r['peak_mib'] for r in firsts):.0f} MiB", "", ""))
            target = ""
            met = ""
            if size == 10_000:
                target, met = "≤ 2× json.load", verdict(c <= 2 * j)
            elif size == 100_000:
                target, met = "≤ 0.6 s", verdict(c <= 0.6)
            rows.append((f"{tag}: cached load (median of {n_cached})", ms(c), target, met))
            rows.append((f"{tag}: json.load of the same data (median of {n_plain})", ms(j), "", ""))
            rows.append((f"{tag}: cached / json.load", f"{c / j:.2f}×", "", ""))
            peak = max(r["peak_mib"] for r in cached)
            rows.append(
                (
                    f"{tag}: cached load, peak RSS (interpreter alone ≈ {cached[0]['before_mib']:.0f} MiB)",
                    f"{peak:.0f} MiB",
                    "≤ 300 MB" if size == 100_000 else "",
                    verdict(peak * 1.048576 <= 300) if size == 100_000 else "",
                )
            )
            rows.append((f"{tag}: json.load, peak RSS", f"{max(r['peak_mib'] for r in plain):.0f} MiB", "", ""))
            if size == 1_000:
                cold, warm, floor, bare = [], [], [], []
                # The floor under an empty-cache validate: an interpreter that only imports
                # PyYAML and walks the file's events with the C parser, building nothing.
                parse_only = [sys.executable, "-c", PARSE_ONLY, str(pack)]
                for i in range(VALIDATE_RUNS):  # interleaved: the same load for all four
                    argv = [sys.executable, "-m", "quiz", "validate", str(pack)]
                    cold.append(time_process(argv, env_for(folder / f"validate-cold-{i}")))
                    warm.append(time_process(argv, env_for(folder / "validate-warm")))
                    floor.append(time_process(parse_only, env))
                    bare.append(time_process([sys.executable, "-c", "pass"], env))
                v_cold, v_warm = median(cold), median(warm[1:])  # the first warm run fills its cache
                rows.append(
                    (
                        f"`quiz validate` {size:,} questions, whole process, empty cache (median of {VALIDATE_RUNS})",
                        ms(v_cold),
                        "≤ 150 ms",
                        verdict(v_cold <= 0.150),
                    )
                )
                rows.append(
                    (
                        f"`quiz validate` {size:,} questions, whole process, cached (median of {VALIDATE_RUNS - 1})",
                        ms(v_warm),
                        "≤ 150 ms",
                        verdict(v_warm <= 0.150),
                    )
                )
                rows.append(
                    (
                        f"{size:,} questions: PyYAML's C parser alone, events only, whole process"
                        f" (median of {VALIDATE_RUNS})",
                        ms(median(floor)),
                        "",
                        "",
                    )
                )
                rows.append(
                    (f"`python -c pass`, the interpreter alone (median of {VALIDATE_RUNS})", ms(median(bare)), "", "")
                )
            print(f"  {size:,} questions done", flush=True)
    print_rows("Pack loading", rows)
    emit_json(rows)
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated pack sizes")
    args = parser.parse_args()
    if args.child:
        child(*args.child)
    else:
        SIZES = tuple(int(s) for s in args.sizes.split(","))
        for s in SIZES:
            REPEATS.setdefault(s, (3, 5, 5))
        main()
