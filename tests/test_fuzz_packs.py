"""Hardening: no pack file, however broken or hostile, ends in a traceback.

Random and mutated pack YAML goes through the loaders the game uses
(quiz.packfile.load_pack, quiz.packcache.load) and the validator
(quiz.checkfile.check_file): each either gives a pack or a QuizError whose text
names the file and, where the problem has one, a line. Hostile files (alias
bombs, deep nesting, Python tags, oversized files) are refused quickly with
bounded memory, by the loader and by ``quiz validate`` as a whole process.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, RUN_AND_REPORT_PEAK
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz import packcache
from quiz.checkfile import check_file
from quiz.errors import FileProblem, PackInvalid, QuizError
from quiz.formats import opentdb
from quiz.model import Pack
from quiz.packcache import load_pack

SAMPLE = (FIXTURES / "sample-pack.yaml").read_text(encoding="utf-8")
SAMPLE_LINES = SAMPLE.splitlines(keepends=True)
#: Problems about the file as a whole may have no line; every other one must.
#: "unacceptable character" is a known defect (no line yet): see test_control_character_is_located.
WHOLE_FILE = re.compile(r"empty|limit|not found|folder|NUL byte|no questions")
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

KEYS = [
    "pack",
    "questions",
    "id",
    "title",
    "type",
    "prompt",
    "choices",
    "answer",
    "answers",
    "items",
    "pairs",
    "left",
    "right",
    "range",
    "tolerance",
    "unit",
    "source",
    "seed",
    "quote",
    "facts",
    "category",
    "difficulty",
    "explanation",
    "bogus",
    "Answer",
    "0",
    "? x",
    "<<",
]
VALUES = [
    "[]",
    "{}",
    "null",
    "~",
    "0",
    "-1.5",
    "1e400",
    ".nan",
    "true",
    "yes",
    '"x"',
    "''",
    "[1, 2]",
    "[a, a, a]",
    "{left: 1}",
    "!!python/name:os.system",
    "!!binary aGk=",
    "!!set {a}",
    "*anchor",
    "&anchor x",
    "2022-07-01",
    "|\n  text",
    ">-",
    "- a",
    "[[[[",
    "}",
    '"unterminated',
    "multiple_choice",
    "ordering",
    "matching",
    "numeric",
    "true_false",
    "\t",
    "# comment",
    "%TAG ! x",
    "\\u0000",
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz-packs")


def check_outcome(path: Path) -> None:
    """Every loader gives a pack or a located QuizError; the validator never raises."""
    name = str(path)
    for load in (load_pack, lambda p: packcache.load(p).pack):
        try:
            pack = load(path)
        except FileProblem as exc:
            assert str(exc).startswith(name + ":"), str(exc)
            assert exc.problem.line >= 1 or WHOLE_FILE.search(exc.problem.message), str(exc)
        except PackInvalid as exc:
            assert exc.problems and str(exc).startswith(name + ":"), str(exc)
            for problem in exc.problems:
                assert problem.file == name
                assert problem.line >= 1 or WHOLE_FILE.search(problem.message), str(problem)
        else:
            assert isinstance(pack, Pack) and pack.path == name
    report = check_file(path)
    assert all(p.file == name for p in report.problems)
    assert all(p.line >= 1 or WHOLE_FILE.search(p.message) for p in report.problems), report.problems


def write(folder: Path, data: bytes | str, name: str = "fuzz.yaml") -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    packcache.clear()  # each example is checked afresh, not answered from the cache
    return path


def test_the_unmutated_sample_loads(folder):
    pack = load_pack(write(folder, SAMPLE))
    assert len(pack.questions) == 7
    check_outcome(write(folder, SAMPLE))


def test_control_character_is_located(folder):
    path = write(folder, "pack:\n  id: caf\u00e9\n  title: x\x1f\n", "control.yaml")
    with pytest.raises(FileProblem) as info:
        load_pack(path)
    assert "U+001F is a control character" in info.value.problem.message
    assert (info.value.problem.line, info.value.problem.column) == (3, 11)


# --- mutations of the sample pack ------------------------------------------------

_line_index = st.integers(0, len(SAMPLE_LINES) - 1)
_line_edit = st.one_of(
    st.tuples(st.just("delete"), _line_index, st.just("")),
    st.tuples(st.just("duplicate"), _line_index, st.just("")),
    st.tuples(st.just("swap"), _line_index, st.integers(0, len(SAMPLE_LINES) - 1).map(str)),
    st.tuples(st.just("indent"), _line_index, st.sampled_from([" ", "  ", "\t", "-"])),
    st.tuples(st.just("dedent"), _line_index, st.just("")),
    st.tuples(st.just("key"), _line_index, st.sampled_from(KEYS)),
    st.tuples(st.just("value"), _line_index, st.sampled_from(VALUES) | st.text(max_size=12)),
)


def edit_lines(lines: list[str], edits) -> str:
    lines = list(lines)
    for kind, index, arg in edits:
        if not lines:
            break
        index %= len(lines)
        line = lines[index]
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "swap":
            other = int(arg) % len(lines)
            lines[index], lines[other] = lines[other], line
        elif kind == "indent":
            lines[index] = arg + line
        elif kind == "dedent":
            lines[index] = line[2:] if line.startswith("  ") else line
        elif kind == "key" and ":" in line:
            indent = line[: len(line) - len(line.lstrip(" -"))]
            lines[index] = indent + arg + ":" + line.split(":", 1)[1]
        elif kind == "value" and ":" in line:
            lines[index] = line.split(":", 1)[0] + ": " + arg + "\n"
    return "".join(lines)


@FUZZ
@given(st.lists(_line_edit, min_size=1, max_size=5))
def test_mutated_lines_keys_and_values(folder, edits):
    check_outcome(write(folder, edit_lines(SAMPLE_LINES, edits)))


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(0, len(SAMPLE.encode())), st.integers(0, 6), st.binary(max_size=6)),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_bytes(folder, edits):
    raw = SAMPLE.encode("utf-8")
    for position, dropped, noise in edits:
        raw = raw[:position] + noise + raw[position + dropped :]
    check_outcome(write(folder, raw))


@FUZZ
@given(st.integers(0, len(SAMPLE)), st.text(max_size=40))
def test_inserted_text(folder, position, text):
    check_outcome(write(folder, SAMPLE[:position] + text + SAMPLE[position:]))


# --- random pack-shaped data ------------------------------------------------------

_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=15),
    st.sampled_from(["multiple_choice", "true_false", "numeric", "easy", "x"]),
)
_any = st.recursive(
    _scalar,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
    max_leaves=25,
)
_question = st.dictionaries(st.sampled_from(KEYS), _any, max_size=8)
_pack_data = st.fixed_dictionaries(
    {},
    optional={
        "pack": st.dictionaries(st.sampled_from(KEYS), _any, max_size=6) | _any,
        "questions": st.lists(_question, max_size=4) | _any,
    },
)


@FUZZ
@given(_pack_data)
def test_random_pack_shaped_data(folder, data):
    check_outcome(write(folder, yaml.safe_dump(data, allow_unicode=True)))


@FUZZ
@given(
    st.lists(
        st.sampled_from(list("ab:-[]{}&*!#'\"\n |>?,%@`\\\t0.") + ["pack:\n", "questions:\n", "  - ", "id: x\n"]),
        max_size=60,
    ).map("".join)
)
def test_random_yaml_text(folder, text):
    check_outcome(write(folder, text))


# --- the importers: Open Trivia DB had random input only; here are mutated dumps ----

OPENTDB_DUMP = (FIXTURES / "opentdb" / "default.json").read_text(encoding="utf-8")


@FUZZ
@given(st.integers(0, len(OPENTDB_DUMP)), st.integers(0, 8), st.text(max_size=8))
def test_mutated_opentdb_dump_never_crashes(position, dropped, noise):
    text = OPENTDB_DUMP[:position] + noise + OPENTDB_DUMP[position + dropped :]
    try:
        opentdb.import_text(text, "mutated.json")
    except QuizError as exc:
        assert "mutated.json" in str(exc)


@pytest.mark.parametrize(
    "test_file, needles",
    [
        ("test_gift.py", ("random", "mutated")),
        ("test_aiken.py", ("random", "mutated")),
        ("test_kahoot.py", ("fuzz", "mutated")),
        ("test_jsonfmt.py", ("fuzz", "mutated")),
        ("test_opentdb.py", ("fuzz",)),
    ],
)
def test_every_importer_has_its_own_fuzz_tests(test_file, needles):
    # Random and mutated input for each importer (Open Trivia DB's mutated dumps are above).
    text = (Path(__file__).parent / test_file).read_text(encoding="utf-8")
    assert "@given(" in text
    for needle in needles:
        assert re.search(rf"def test_\w*{needle}\w*\(", text), f"{test_file} has no {needle} test"


# --- hostile files ------------------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['lol0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"lol{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


HOSTILE = {
    "alias-bomb": (billion_laughs(), "aliases", 1),
    "deep-flow": ("pack: " + "[" * 1000 + "]" * 1000 + "\n", "deeper", 1),
    "deep-block": (
        "".join(f"{'  ' * i}k{i}:\n" for i in range(1000)) + "  " * 1000 + "end: 1\n",
        "deeper",
        65,
    ),  # the 65th mapping
    "python-apply": ("pack:\n  id: x\nquestions: !!python/object/apply:os.system ['true']\n", "unknown YAML tag", 3),
    "python-name": ("pack: !!python/name:os.system\n", "unknown YAML tag", 1),
    "python-object": ("questions:\n  - !!python/object:builtins.dict {}\n", "unknown YAML tag", 2),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_file_refused_by_the_loaders_fast_and_small(folder, kind):
    text, words, line = HOSTILE[kind]
    path = write(folder, text, f"{kind}.yaml")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for load in (load_pack, packcache.load):
        start = time.perf_counter()
        with pytest.raises(FileProblem) as info:
            load(path)
        assert time.perf_counter() - start < 1.0
        assert words in info.value.problem.message
        assert str(info.value).startswith(f"{path}:{line}:")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024  # KiB


def test_file_over_the_default_size_cap_is_refused_unread(folder):
    path = folder / "huge.yaml"
    with open(path, "wb") as fh:  # sparse: 65 MiB on paper, nothing on disk
        fh.truncate(65 * 1024 * 1024)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for load in (load_pack, packcache.load):
        start = time.perf_counter()
        with pytest.raises(FileProblem, match="over the 67,108,864-byte limit"):
            load(path)
        assert time.perf_counter() - start < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 10 * 1024


def run_validate(path: Path, data_dir: Path) -> tuple[int, str, float, float]:
    """``quiz validate PATH`` as a whole process: exit code, output, CPU seconds, peak RSS in MiB.

    CPU time rather than wall time, so a busy machine does not fail the test.
    """
    env = dict(os.environ, QUIZ_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN_AND_REPORT_PEAK, "validate", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    output = proc.stdout.read().decode("utf-8", "replace")
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    peaks = [int(line.split()[1]) for line in output.splitlines() if line.startswith("PEAK-KIB ")]
    assert peaks, f"the child did not report its peak memory: {output}"
    output = "\n".join(line for line in output.splitlines() if not line.startswith("PEAK-KIB "))
    return proc.returncode, output, usage.ru_utime + usage.ru_stime, peaks[0] / 1024


@pytest.mark.parametrize("kind", ["alias-bomb", "deep-flow", "python-apply", "oversize"])
def test_hostile_file_refused_by_quiz_validate(folder, tmp_path, kind):
    if kind == "oversize":
        path = folder / "huge-cli.yaml"
        with open(path, "wb") as fh:
            fh.truncate(65 * 1024 * 1024)
        words, where = "over the 67,108,864-byte limit", f"{path}: "
    else:
        text, words, line = HOSTILE[kind]
        path = write(folder, text, f"cli-{kind}.yaml")
        where = f"{path}:{line}:"
    code, output, cpu, peak_mib = run_validate(path, tmp_path / "data")
    assert code == 1, output
    assert where in output and words in output, output
    assert "Traceback" not in output
    assert cpu < 1.0, f"{cpu:.2f} s of CPU"
    assert peak_mib < 150, f"{peak_mib:.0f} MiB"


# --- every importer, on random and mutated bytes ------------------------------------


def _small_workbook() -> bytes:
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(
        [
            "Question - max 120 characters",
            "Answer 1",
            "Answer 2",
            "Answer 3",
            "Answer 4",
            "Time limit",
            "Correct answer(s)",
        ]
    )
    wb.active.append(["Is it?", "a", "b", None, None, 20, 1])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


WORKBOOK = _small_workbook()
_SEEDS_OF = {
    "gift": b"::q:: Is it? {T}\n\n::m:: Which? {=a ~b ~c}\n",
    "aiken": b"Which?\nA. a\nB. b\nANSWER: A\n",
    "opentdb": OPENTDB_DUMP.encode("utf-8"),
    "json": b'[{"id": "a", "pack": "p", "category": "c", "type": "true_false", "prompt": "Is it?", "answers": ["true"]}]',
    "kahoot": WORKBOOK,
}


@FUZZ
@given(
    st.sampled_from(sorted(_SEEDS_OF)),
    st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 16), st.binary(max_size=8)), max_size=4) | st.just([]),
    st.binary(max_size=64),
)
def test_every_importer_on_mutated_bytes_gives_a_pack_or_a_located_error(folder, fmt, edits, tail):
    from quiz.formats import get_format

    raw = _SEEDS_OF[fmt]
    for position, dropped, noise in edits:
        position %= len(raw) + 1
        raw = raw[:position] + noise + raw[position + dropped :]
    path = folder / f"mutated-{fmt}.bin"
    path.write_bytes(raw + tail if not edits else raw)
    try:
        result = get_format(fmt).import_file(path)
    except QuizError as exc:
        assert str(exc).startswith(f"{path}"), str(exc)
    else:
        assert all(q.id and q.prompt for q in result.pack.questions)
