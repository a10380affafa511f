"""Synthetic, valid question packs of any size, for the benchmarks.

Every question type appears in turn; ids, prompts and facts are unique so a
round can draw from the whole pack. When the seed articles can be found, each
question quotes a run of words from one of them, so the validator's quote check
does the work it does on a real bank. The same size always gives the same bytes.

The YAML is written as text (strings as JSON, which YAML reads as double-quoted
scalars): dumping 100,000 questions through PyYAML would take longer than the
benchmark itself.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from quiz import locations  # noqa: E402

TYPES = ("multiple_choice", "multi_select", "true_false", "type_in", "numeric", "ordering", "matching")
CATEGORIES = ("riders", "teams", "producers", "the series", "dates", "broadcasters", "stages", "sponsors")
DIFFICULTIES = ("easy", "medium", "hard")
QUOTE_WORDS = 9


def _s(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _flow(items) -> str:
    return "[" + ", ".join(_s(str(i)) if isinstance(i, str) else str(i) for i in items) + "]"


def seed_quotes(limit: int = 400) -> list[tuple[str, str]]:
    """(seed file name, a run of words from it) pairs, in a fixed order; empty without seeds."""
    seeds = locations.seeds_dir()
    if seeds is None or not seeds.is_dir():
        return []
    out: list[tuple[str, str]] = []
    for path in sorted(p for p in seeds.iterdir() if p.is_file() and not p.name.startswith(".")):
        words = path.read_text(encoding="utf-8").split()
        for start in range(0, max(0, len(words) - QUOTE_WORDS), QUOTE_WORDS):
            out.append((path.name, " ".join(words[start : start + QUOTE_WORDS])))
    # Spread the picks over every seed rather than taking the first file's words only.
    step = max(1, len(out) // limit)
    return out[::step][:limit]


def question_lines(n: int, qtype: str, quote: tuple[str, str] | None) -> list[str]:
    """The YAML lines of question number ``n`` (1-based) of type ``qtype``."""
    qid = f"q{n:06d}"
    lines = [
        f"  - id: {qid}",
        f"    category: {_s(CATEGORIES[n % len(CATEGORIES)])}",
        f"    type: {qtype}",
        f"    difficulty: {DIFFICULTIES[n % len(DIFFICULTIES)]}",
    ]
    prompt = f"Synthetic question {n}: which answer belongs to item {n}?"
    if qtype == "multiple_choice":
        choices = [f"Choice {n}-{k}" for k in "ABCD"]
        lines += [f"    prompt: {_s(prompt)}", f"    choices: {_flow(choices)}", f"    answer: {_s(choices[n % 4])}"]
    elif qtype == "multi_select":
        choices = [f"Team {n}-{k}" for k in "ABCDE"]
        lines += [f"    prompt: {_s(prompt)}", f"    choices: {_flow(choices)}", f"    answers: {_flow(choices[:2])}"]
    elif qtype == "true_false":
        lines += [f"    prompt: {_s(f'Statement {n} is true.')}", f"    answer: {'true' if n % 2 else 'false'}"]
    elif qtype == "type_in":
        lines += [f"    prompt: {_s(prompt)}", f"    answers: {_flow([f'Rider {n}', f'rider-{n}'])}"]
    elif qtype == "numeric":
        if n % 2:
            lines += [
                f"    prompt: {_s(f'How many stages in edition {n}?')}",
                f"    answer: {n % 97}",
                "    tolerance: 1",
                "    unit: stages",
            ]
        else:
            lines += [
                f"    prompt: {_s(f'In what span of years is event {n}?')}",
                f"    range: [{1900 + n % 50}, {1960 + n % 50}]",
            ]
    elif qtype == "ordering":
        lines += [
            f"    prompt: {_s(f'Put the steps of sequence {n} in order.')}",
            f"    items: {_flow([f'Step {k} of {n}' for k in (1, 2, 3, 4)])}",
        ]
    elif qtype == "matching":
        lines += [f"    prompt: {_s(f'Match the pairs of set {n}.')}", "    pairs:"]
        for k in (1, 2, 3):
            lines.append(f"      - {{left: {_s(f'Left {k} of {n}')}, right: {_s(f'Right {k} of {n}')}}}")
    lines.append(f"    explanation: {_s(f'Explanation for question {n}, kept short.')}")
    lines.append(f"    facts: [f-{n:06d}]")
    if quote is not None:
        seed, words = quote
        lines += ["    source:", f"      seed: {_s(seed)}", f"      quote: {_s(words)}"]
    return lines


def pack_lines(count: int, types: tuple[str, ...] = TYPES, pack_id: str = "synthetic"):
    """The pack's lines one question at a time, so a big pack is never all in memory."""
    quotes = seed_quotes()
    yield from [
        "pack:",
        f"  id: {pack_id}",
        f"  title: {_s(f'Synthetic pack of {count:,} questions')}",
        "  description: Generated for the benchmarks; never committed.",
        "  version: 1.0.0",
        "  language: en",
        "  authors: [The quiz benchmarks]",
        "  license: CC0-1.0",
        "questions:",
    ]
    for n in range(1, count + 1):
        quote = quotes[n % len(quotes)] if quotes else None
        yield from question_lines(n, types[n % len(types)], quote)


def pack_text(count: int, types: tuple[str, ...] = TYPES, pack_id: str = "synthetic") -> str:
    return "".join(line + "\n" for line in pack_lines(count, types, pack_id))


def write_pack(folder: Path, count: int, types: tuple[str, ...] = TYPES, pack_id: str | None = None) -> Path:
    path = Path(folder) / f"synthetic-{count}.yaml"
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(line + "\n" for line in pack_lines(count, types, pack_id or f"synthetic-{count}"))
    return path


if __name__ == "__main__":
    # python bench/synthpack.py COUNT FOLDER: write one pack (to look at or validate by hand).
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(write_pack(Path(sys.argv[2]) if len(sys.argv) > 2 else Path.cwd(), size))
