"""Hostile files against the whole commands: no traceback, no hang, bounded memory.

Each case builds its file in tmp_path at test time (nothing big is committed),
runs one ``quiz`` command as a child process with a timeout, and checks that
it exits 1 or 2 with a message naming the file, quickly and within a memory
bound measured from the child itself (VmHWM, read as it exits).
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, RUN_AND_REPORT_PEAK

SAMPLE = (FIXTURES / "sample-pack.yaml").read_text(encoding="utf-8")
KAHOOT_HEADER = (
    "Question - max 120 characters,Answer 1 - max 75 characters,Answer 2 - max 75 characters,"
    "Answer 3 - max 75 characters,Answer 4 - max 75 characters,Time limit (sec),"
    "Correct answer(s) - choose at least one\n"
)


@dataclass
class Outcome:
    code: int
    output: str
    peak_mib: float
    cpu: float  # seconds of CPU: unlike wall time, a busy machine does not inflate it


def run_quiz(args: list[str], cwd: Path, data_dir: Path, timeout: float = 20) -> Outcome:
    env = dict(os.environ, QUIZ_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT), COLUMNS="200")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        proc = subprocess.run(
            [sys.executable, "-c", RUN_AND_REPORT_PEAK, *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"quiz {' '.join(args)} did not finish within {timeout} s (a hang)")
    text = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    peaks = [int(line.split()[1]) for line in text.splitlines() if line.startswith("PEAK-KIB ")]
    output = "\n".join(line for line in text.splitlines() if not line.startswith("PEAK-KIB "))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Outcome(proc.returncode, output, peaks[0] / 1024 if peaks else 0.0, cpu)


def assert_refused(outcome: Outcome, name: str, words: str, codes=(1, 2), peak_mib: float = 200) -> None:
    assert "Traceback" not in outcome.output, outcome.output
    assert outcome.code in codes, outcome.output
    assert name in outcome.output, outcome.output
    assert words in outcome.output, outcome.output
    assert outcome.peak_mib < peak_mib, f"{outcome.peak_mib:.0f} MiB"
    assert outcome.cpu < 3, f"{outcome.cpu:.1f} s of CPU"
    # Bounded output too: no line echoes a megabyte of the file back.
    assert max(map(len, outcome.output.splitlines())) < 2000


# --- files that are not regular files -----------------------------------------------------


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _loop(path: Path) -> Path:
    other = path.with_name("other-" + path.name)
    path.symlink_to(other.name)
    other.symlink_to(path.name)
    return path


def _broken_link(path: Path) -> Path:
    path.symlink_to("nowhere" + path.suffix)
    return path


def _device(path: Path) -> Path:
    path.symlink_to("/dev/zero")  # a link, so the pack's own name ends in .yaml
    return path


SPECIAL: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (_fifo, "named pipe"),
    "dev-zero": (_device, "device"),
    "link-loop": (_loop, "link loop"),
    "broken-link": (_broken_link, "does not exist"),
}
needs_posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and /dev/zero are POSIX")


@needs_posix
@pytest.mark.parametrize("kind", sorted(SPECIAL))
@pytest.mark.parametrize(
    "fmt, suffix",
    [
        ("gift", ".gift"),
        ("aiken", ".txt"),
        ("opentdb", ".json"),
        ("json", ".json"),
        ("kahoot", ".xlsx"),
        ("kahoot", ".csv"),
    ],
)
def test_import_refuses_what_is_not_a_regular_file(tmp_path, kind, fmt, suffix):
    make, words = SPECIAL[kind]
    path = make(tmp_path / f"{kind}{suffix}")
    outcome = run_quiz(["import", "--format", fmt, str(path)], tmp_path, tmp_path / "data")
    assert_refused(outcome, str(path), words)
    assert not list(tmp_path.glob("*.yaml"))


@needs_posix
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_validate_refuses_a_pipe_or_device_named_like_a_pack(tmp_path, kind):
    make, words = SPECIAL[kind]
    path = make(tmp_path / f"{kind}.yaml")
    outcome = run_quiz(["validate", str(path)], tmp_path, tmp_path / "data")
    assert_refused(outcome, str(path), words)


@needs_posix
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_generate_refuses_a_pipe_or_device_as_its_facts_file(tmp_path, kind):
    make, words = SPECIAL[kind]
    path = make(tmp_path / f"{kind}.facts.yaml")
    outcome = run_quiz(["generate", str(path), "-o", str(tmp_path / "out.yaml")], tmp_path, tmp_path / "data")
    assert_refused(outcome, str(path), words, codes=(1,))
    assert not (tmp_path / "out.yaml").exists()


@needs_posix
def test_quiz_packs_lists_the_good_packs_past_hostile_files_in_the_pack_folder(tmp_path):
    packs = tmp_path / "data" / "packs"
    packs.mkdir(parents=True)
    _fifo(packs / "pipe.yaml")
    _device(packs / "zero.yaml")
    _loop(packs / "loop.yaml")
    (packs / "folder.yaml").mkdir()
    (packs / "nul.yaml").write_bytes(SAMPLE.encode()[:100] + b"\0" + SAMPLE.encode()[100:])
    (packs / "utf16.yaml").write_bytes(SAMPLE.encode("utf-16"))
    (packs / "good.yaml").write_text(SAMPLE, encoding="utf-8")
    outcome = run_quiz(["packs"], tmp_path, tmp_path / "data")
    assert outcome.code == 0 and "Traceback" not in outcome.output, outcome.output
    assert "[valid]" in outcome.output and "NUL byte" in outcome.output and "UTF-16" in outcome.output
    assert outcome.peak_mib < 200


# --- text the readers choke on ------------------------------------------------------------


def test_a_utf16_pack_is_named_as_utf16(tmp_path):
    path = tmp_path / "wide.yaml"
    path.write_bytes(SAMPLE.encode("utf-16"))  # with its byte order mark
    outcome = run_quiz(["validate", str(path)], tmp_path, tmp_path / "data")
    assert_refused(outcome, f"{path}:1:1:", "saved as UTF-16")


@pytest.mark.parametrize(
    "fmt, name, body, words",
    [
        ("gift", "long.gift", lambda: "::q:: " + "x" * (10 << 20) + " {T}\n", "1 imported"),
        (
            "gift",
            "noanswers.gift",
            lambda: "".join(f"::q{i}:: Question {i}?\n\n" for i in range(5000)),
            "and 4,950 more skipped",
        ),
        (
            "aiken",
            "noanswers.txt",
            lambda: "".join(f"Question {i}?\nA. a\nB. b\n\n" for i in range(5000)),
            "and 4,950 more skipped",
        ),
        ("aiken", "long.txt", lambda: "x" * (10 << 20) + "\nA. a\nB. b\nANSWER: A\n", "1 imported"),
        ("json", "deep.json", lambda: "[" * 1000 + "]" * 1000, "nested too deeply"),
        ("opentdb", "deep.json", lambda: '{"results": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        (
            "opentdb",
            "digits.json",
            lambda: '{"response_code": 1' + "0" * 10_000 + ', "results": []}',
            "digits is far too long",
        ),
        ("opentdb", "huge.json", lambda: '{"response_code": 1e999999, "results": []}', "too big"),
        ("opentdb", "nan.json", lambda: '{"response_code": NaN, "results": []}', "NaN is not a JSON number"),
        ("opentdb", "twice.json", lambda: '{"results": [], "results": []}', "appears twice"),
        ("opentdb", "true.json", lambda: '{"response_code": true, "results": []}', "should be a whole number"),
        (
            "opentdb",
            "surrogate.json",
            lambda: (
                '[{"type": "boolean", "question": "Is \\ud800 it?", "correct_answer": "True", '
                '"incorrect_answers": ["False"]}]'
            ),
            "surrogate",
        ),
        (
            "json",
            "surrogate.json",
            lambda: json.dumps(
                [
                    {
                        "id": "a",
                        "pack": "p",
                        "category": "c",
                        "type": "true_false",
                        "difficulty": "easy",
                        "prompt": "q \ud800",
                        "choices": [],
                        "answers": ["true"],
                    }
                ]
            ),
            "surrogate",
        ),
        ("opentdb", "empties.json", lambda: json.dumps([{}] * 20_000), "and 19,950 more skipped"),
        (
            "opentdb",
            "base64.json",
            lambda: json.dumps(
                {
                    "response_code": 0,
                    "results": [
                        {
                            "type": "bXVsdGlwbGU=",
                            "question": "!!not base64@@",
                            "correct_answer": "YQ==",
                            "incorrect_answers": ["Yg=="],
                            "difficulty": "ZWFzeQ==",
                            "category": "Yw==",
                        }
                    ],
                }
            ),
            "cannot be decoded",
        ),
        (
            "opentdb",
            "percent.json",
            lambda: json.dumps(
                {
                    "response_code": 0,
                    "results": [
                        {
                            "type": "multiple",
                            "question": "What%20is%FF%FE",
                            "correct_answer": "a%ff",
                            "incorrect_answers": ["%C3%28"],
                            "difficulty": "easy",
                            "category": "c",
                        }
                    ],
                }
            ),
            "cannot be decoded",
        ),
        (
            "kahoot",
            "field.csv",
            lambda: KAHOOT_HEADER + '"' + "x" * (10 << 20) + '",a,b,,,20,1\n',
            "field larger than field limit",
        ),
        ("kahoot", "rows.csv", lambda: KAHOOT_HEADER + "Is it?,a,b,,,20,9\n" * 200_000, "and 4,949 more skipped"),
        ("gift", "latin1.gift", lambda: b"::q:: caf\xe9 {T}\n", "must use UTF-8"),
        ("kahoot", "formulas.csv", lambda: KAHOOT_HEADER + ",,,,,,\n" * 10, "every row below the header is empty"),
    ],
)
def test_import_of_hostile_text(tmp_path, fmt, name, body, words):
    path = tmp_path / name
    data = body()
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    outcome = run_quiz(["import", "--format", fmt, str(path)], tmp_path, tmp_path / "data")
    assert "Traceback" not in outcome.output, outcome.output
    assert words in outcome.output, outcome.output[:2000]
    assert str(path) in outcome.output or outcome.code == 0, outcome.output[:2000]
    assert outcome.output.count("\n") < 60  # the listing of skipped questions is capped
    assert max(map(len, outcome.output.splitlines())) < 400
    assert outcome.peak_mib < 250, f"{outcome.peak_mib:.0f} MiB"
    assert outcome.cpu < 4, f"{outcome.cpu:.1f} s of CPU"


def test_thousands_of_questions_of_one_name_get_their_ids_in_linear_time():
    from quiz.formats import gift

    # Every question is named "q": ids q, q-2, q-3... were found by trying each number from 2 again.
    start = time.process_time()
    result = gift.import_text("::q:: Is it? {T}\n\n" * 40_000, "same.gift")
    assert time.process_time() - start < 5
    ids = [q.id for q in result.pack.questions]
    assert ids[:3] == ["q", "q-2", "q-3"] and ids[-1] == "q-40000" and len(set(ids)) == 40_000


# --- spreadsheets -----------------------------------------------------------------------


def _workbook_members() -> dict[str, bytes]:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(KAHOOT_HEADER.strip().split(","))
    ws.append(["Is it?", "a", "b", None, None, 20, 1])
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as z:
        return {n: z.read(n) for n in z.namelist()}


def _zip(path: Path, members: dict[str, bytes], big: tuple[str, bytes, bytes, bytes, int] | None = None) -> None:
    """A zip of ``members``; ``big`` = (member, head, repeated unit, tail, repeats) is streamed in, never held."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            if big and name == big[0]:
                _, head, unit, tail, repeats = big
                with out.open(name, "w", force_zip64=True) as fh:
                    fh.write(head)
                    chunk = unit * 10_000
                    for _ in range(repeats):
                        fh.write(chunk)
                    fh.write(tail)
            else:
                out.writestr(name, data)


_SHEET = "xl/worksheets/sheet1.xml"
_NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _bomb(path: Path) -> None:  # ~60 MB of one repeated row, under the size cap, over 100:1
    row = b'<row><c t="inlineStr"><is><t>' + b"a" * 80 + b"</t></is></c></row>"
    _zip(path, _workbook_members(), (_SHEET, _NS + b"<sheetData>", row, b"</sheetData></worksheet>", 50))


def _huge_bomb(path: Path) -> None:  # over the size cap once unpacked
    _zip(path, _workbook_members(), (_SHEET, _NS + b"<sheetData>", b"<row/>" * 10, b"</sheetData></worksheet>", 120))


def _unsized_formulas(path: Path) -> None:  # 100,000 rows of formulas, no <dimension>, ratio ~10:1
    row = b"<row><c><f>A1&amp;B1</f></c><c><f>1+1</f></c><c><f>2+2</f></c><c><v>20</v></c><c><f>1+0</f></c></row>"
    import random

    rows = bytearray()
    rng = random.Random(1)
    for n in range(60_000):  # varied numbers keep the ratio realistic
        rows += row.replace(b"1+1", f"{rng.randrange(10**9)}+{n}".encode())
    members = _workbook_members()
    members[_SHEET] = _NS + b"<sheetData>" + bytes(rows) + b"</sheetData></worksheet>"
    _zip(path, members)


def _many_parts(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for i in range(6_000):
            z.writestr(str(i), b"")


def _not_a_workbook(path: Path) -> None:
    _zip(path, {"hello.txt": b"hi"})


def _truncated(path: Path) -> None:
    members = _workbook_members()
    _zip(path, members)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


WORKBOOKS = {
    "zip-bomb": (_bomb, "zip bomb"),
    "over-the-cap": (_huge_bomb, "over the 67,108,864-byte limit"),
    "unsized-sheet": (_unsized_formulas, "does not say its size"),
    "many-parts": (_many_parts, "parts"),
    "no-workbook": (_not_a_workbook, "no xl/workbook.xml"),
    "truncated": (_truncated, "damaged"),
}


@pytest.mark.parametrize("kind", sorted(WORKBOOKS))
def test_import_refuses_hostile_workbooks_before_opening_them(tmp_path, kind):
    make, words = WORKBOOKS[kind]
    path = tmp_path / f"{kind}.xlsx"
    make(path)
    outcome = run_quiz(["import", str(path)], tmp_path, tmp_path / "data", timeout=10)
    assert_refused(outcome, str(path), words, codes=(1,), peak_mib=150)


def test_the_workbook_checks_let_a_real_workbook_through(tmp_path):
    path = tmp_path / "quiz.xlsx"
    _zip(path, _workbook_members())
    outcome = run_quiz(["import", str(path)], tmp_path, tmp_path / "data")
    assert outcome.code == 0 and "1 imported" in outcome.output, outcome.output


# --- the validator quotes values back cut short ------------------------------------------------


def test_validate_does_not_echo_a_megabyte_value(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text('pack: "' + "x" * (1 << 20) + '"\nquestions: []\n', encoding="utf-8")
    outcome = run_quiz(["validate", str(path)], tmp_path, tmp_path / "data")
    assert outcome.code == 1
    assert max(map(len, outcome.output.splitlines())) < 2000
