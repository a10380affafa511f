"""Safe YAML reading: hostile files are refused quickly, with a file and line."""

from __future__ import annotations

import resource
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.errors import FileProblem
from quiz.yamlfile import MAX_DEPTH, load_yaml, parse_yaml, too_deep


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def refused(text: str) -> FileProblem:
    start = time.perf_counter()
    with pytest.raises(FileProblem) as info:
        parse_yaml(text, "bad.yaml")
    assert time.perf_counter() - start < 1.0
    return info.value


def test_positions_of_keys_and_items():
    data = parse_yaml("pack:\n  id: x\nquestions:\n  - id: a\n    prompt: hello\n  - id: b\n", "p.yaml")
    assert data.pos_of("questions") == (4, 3)
    assert data["questions"].pos_of(1) == (6, 5)
    assert data["questions"][0].pos_of("prompt") == (5, 13)
    assert data["questions"][0].line == 4


def test_billion_laughs_refused_with_bounded_memory():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    problem = refused(billion_laughs())
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert "aliases" in problem.problem.message
    assert problem.line == 1  # the anchor of the first shared node
    assert after - before < 50 * 1024  # ru_maxrss is in KiB on Linux


def test_deep_nesting_refused():
    problem = refused("[" * 1000 + "]" * 1000)
    assert f"deeper than {MAX_DEPTH}" in problem.problem.message
    problem = refused("".join(f"{'  ' * i}k{i}:\n" for i in range(1000)) + "  " * 1000 + "end: 1\n")
    assert "deeper" in problem.problem.message


DEEP_SHAPES = {
    "flow lists": "pack: " + "[" * 1000 + "]" * 1000 + "\n",
    "flow mappings": "{a: " * 300 + "1" + "}" * 300 + "\n",
    "block mappings": "".join(f"{'  ' * i}k{i}:\n" for i in range(300)) + "  " * 300 + "end: 1\n",
    "block lists": "".join(f"{'  ' * i}-\n" for i in range(300)) + "  " * 300 + "x\n",
    "dashes on one line": "- " * 300 + "x\n",
    "lists under their keys": "".join(f"{'  ' * i}k{i}:\n{'  ' * i}-\n" for i in range(100)),
}


@pytest.mark.parametrize("shape", DEEP_SHAPES)
def test_deep_nesting_gets_our_sentence_at_the_first_level_too_many(shape):
    """Whatever the YAML reader does with deep nesting (libyaml refuses it itself since
    PyYAML 6.0.4, in its own words, after scanning ahead), the author hears our sentence,
    at the opening of the 65th level."""
    text = DEEP_SHAPES[shape]
    problem = refused(text)
    assert problem.problem.message == f"nesting is deeper than {MAX_DEPTH} levels"
    assert (problem.line, problem.column) == too_deep(text, MAX_DEPTH)


def test_a_reader_that_refuses_deep_nesting_in_its_own_words_still_gives_our_sentence(monkeypatch):
    import yaml

    from quiz import yamlfile

    text = DEEP_SHAPES["flow lists"]

    def reader_refuses(loader, name, progress=None, size=0):
        mark = yaml.Mark(name, 1003, 0, 1003, None, None)
        raise yaml.scanner.ScannerError(None, None, "a brand-new way to say: too deep", mark)

    monkeypatch.setattr(yamlfile, "_build", reader_refuses)
    problem = refused(text)
    assert problem.problem.message == f"nesting is deeper than {MAX_DEPTH} levels"
    assert (problem.line, problem.column) == (1, 7 + MAX_DEPTH - 1)


def test_any_other_reader_message_is_one_line_with_its_place(monkeypatch):
    import yaml

    from quiz import yamlfile

    def reader_refuses(loader, name, progress=None, size=0):
        mark = yaml.Mark(name, 0, 1, 4, None, None)
        raise yaml.parser.ParserError(None, None, "words no version said before", mark)

    monkeypatch.setattr(yamlfile, "_build", reader_refuses)
    problem = refused("pack:\n  id: x\n")
    assert (problem.line, problem.column) == (2, 5)
    assert "\n" not in str(problem)
    assert problem.problem.message.startswith("this is not valid YAML: ")
    assert "words no version said before" in problem.problem.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(depth=st.integers(1, 80), flow=st.booleans(), mapping_levels=st.lists(st.booleans(), min_size=80, max_size=80))
def test_depth_count_agrees_with_the_event_reader(depth, flow, mapping_levels):
    import yaml

    value: object = "x"
    for level in range(depth):
        value = {"k": value} if mapping_levels[level] else [value]
    text = yaml.safe_dump(value, default_flow_style=flow, width=10_000)
    try:
        parse_yaml(text, "n.yaml")
    except FileProblem as exc:
        assert "deeper" in exc.problem.message
        assert too_deep(text, MAX_DEPTH) == (exc.line, exc.column)
    else:
        assert too_deep(text, MAX_DEPTH) is None


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['true']",
        "!!python/name:os.system",
        "!!python/object:builtins.dict {}",
        "!custom 3",
    ],
)
def test_python_and_unknown_tags_refused(tag):
    problem = refused(f"ok: 1\nevil: {tag}\n")
    assert problem.line == 2
    assert "unknown YAML tag" in problem.problem.message


def test_size_cap(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZ_MAX_FILE_BYTES", "1000")
    big = tmp_path / "big.yaml"
    big.write_text("x: " + "a" * 2000 + "\n")
    start = time.perf_counter()
    with pytest.raises(FileProblem, match="over the 1,000-byte limit"):
        load_yaml(big)
    assert time.perf_counter() - start < 1.0


def test_not_utf8_names_the_line(tmp_path):
    f = tmp_path / "latin1.yaml"
    f.write_bytes("a: 1\nb: caf\xe9\n".encode("latin-1"))
    with pytest.raises(FileProblem) as info:
        load_yaml(f)
    assert info.value.line == 2 and "not UTF-8" in str(info.value)


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "empty"),
        ("   \n# only a comment\n", "empty"),
        ("a: [1, 2\n", "not valid YAML"),
        ("a: 1\na: 2\n", "appears twice"),
    ],
)
def test_plain_mistakes(text, words):
    assert words in str(refused(text))


def test_missing_file(tmp_path):
    with pytest.raises(FileProblem, match="not found"):
        load_yaml(tmp_path / "nope.yaml")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(list("ab:-[]{}&*!#'\"\n |>?,%@`\\\t0.") + ["!!python/name:os.system", "&a ", "*a", "- "]),
        max_size=80,
    ).map("".join)
)
def test_random_text_never_escapes_as_a_traceback(text):
    try:
        parse_yaml(text, "fuzz.yaml")
    except FileProblem as exc:
        assert str(exc).startswith("fuzz.yaml")


@pytest.mark.parametrize(
    "text, position, words",
    [
        ("pack:\n\tid: x\n", (2, 1), "indented with a tab"),
        ("q:\n  prompt: Quadbox: a joint venture\n", (2, 18), "put the whole text in quotes"),
        ("q:\n  prompt: 'the team's bus'\n", (2, 21), "apostrophe twice"),
        ("q:\n  choices: [a, b\n  answer: a\n", (2, 12), "list is not closed"),
    ],
)
def test_yaml_mistakes_say_how_to_fix_them(text, position, words):
    # Every reader (validate, play, the catalog) gets the advice, not only `quiz validate`.
    problem = refused(text)
    assert (problem.problem.line, problem.problem.column) == position
    assert words in problem.problem.message


def test_not_utf8_names_column_and_the_likely_character(tmp_path):
    f = tmp_path / "ansi.yaml"
    f.write_bytes("a: 1\nb: caf\xe9\n".encode("cp1252"))
    with pytest.raises(FileProblem) as info:
        load_yaml(f)
    assert (info.value.problem.line, info.value.problem.column) == (2, 7)
    assert "'é' in Windows-1252" in str(info.value)


@pytest.mark.parametrize(
    "text, position, words",
    [
        ("a: 1\n---\nb: 2\n", (2, 1), "one YAML document"),
        ("base: {x: 1}\nq:\n  <<: {y: 2}\n", (3, 3), "merge keys"),
        ("a: &anchor 1\n", (1, 4), "anchors and aliases"),
        ("? [a, b]\n: 1\n", (1, 3), "a key here is a list or mapping"),
        ("a: !!set {x}\n", (1, 4), "unknown YAML tag !!set"),
    ],
)
def test_what_packs_never_need_is_refused_where_it_stands(text, position, words):
    problem = refused(text)
    assert (problem.problem.line, problem.problem.column) == position
    assert words in problem.problem.message


def test_explicit_plain_tags_still_read():
    assert parse_yaml("a: !!str 3\nb: !!int '4'\nc: ! 5\nd: 2022-03-04\n", "t.yaml") == {
        "a": "3",
        "b": 4,
        "c": "5",
        "d": __import__("datetime").date(2022, 3, 4),
    }
