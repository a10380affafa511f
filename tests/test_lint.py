"""The pack linter: every rule on a small pack written for it, and the command line."""

from __future__ import annotations

import random
import re
import textwrap

import pytest
from click.testing import CliRunner
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import lint
from quiz.cli import cli
from quiz.model import MULTIPLE_CHOICE, TRUE_FALSE, Question
from quiz.packfile import pack_from_data
from quiz.validate import check_pack_data
from quiz.yamlfile import parse_yaml


def pack_of(questions: str, title: str = "Lint test", description: str = ""):
    """A pack from the YAML of its questions (each '- id: ...' block), checked by the validator first."""
    text = (
        f"pack:\n  id: lint-test\n  title: {title}\n  description: {description!r}\nquestions:\n"
        + textwrap.indent(textwrap.dedent(questions).strip("\n"), "  ")
        + "\n"
    )
    data = parse_yaml(text, "t.yaml")
    errors = [p for p in check_pack_data(data, "t.yaml", text, seeds=False) if p.severity == "error"]
    assert errors == [], [str(e) for e in errors]
    return pack_from_data(data, "t.yaml")


def found(pack, rule: str) -> list[str]:
    """Ids of the questions a rule warns about (None for the whole pack)."""
    return [f.question.id if f.question else None for f in lint.findings(pack) if f.rule == rule]


def mc(qid: str, prompt: str, choices: list[str], answer: str, difficulty: str = "easy", extra: str = "") -> str:
    return (
        f"- id: {qid}\n  category: c\n  type: multiple_choice\n  difficulty: {difficulty}\n  prompt: {prompt!r}\n"
        f"  choices: {choices!r}\n  answer: {answer!r}\n{extra}"
    )


def test_every_rule_is_documented():
    doc = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    for rule in lint.RULES:
        assert f"`{rule}`" in doc, rule


# ------------------------------------------------------------------ give-aways


def test_answer_in_prompt_catches_quad_inside_quadbox():
    bad = pack_of(
        mc(
            "q",
            "Which of these companies is a partner in the joint venture Quadbox?",
            ["QUAD", "Fremantle", "Banijay", "All3Media"],
            "QUAD",
        )
    )
    assert found(bad, "answer-in-prompt") == ["q"]
    fair = pack_of(
        mc(
            "q",
            "Which company formed a joint venture with Box to Box Films?",
            ["QUAD", "Fremantle", "Banijay", "All3Media"],
            "QUAD",
        )
    )
    assert found(fair, "answer-in-prompt") == []


def test_answer_in_prompt_catches_a_word_only_the_answer_has():
    bad = pack_of(
        mc(
            "q",
            "Which team made Jumbo-Visma's documentary Plan B?",
            ["Team Jumbo-Visma", "Movistar", "Ineos Grenadiers", "Cofidis"],
            "Team Jumbo-Visma",
        )
    )
    assert found(bad, "answer-in-prompt") == ["q"]
    # The same word in a wrong option tells the player nothing.
    fair = pack_of(
        mc(
            "q",
            "Which team rode beside Visma's sponsor?",
            ["Team Jumbo-Visma", "Visma Lease", "Ineos Grenadiers", "Cofidis"],
            "Team Jumbo-Visma",
        )
    )
    assert found(fair, "answer-in-prompt") == []


def test_answer_in_title_catches_netflix_in_a_netflix_quiz():
    questions = mc(
        "q",
        "Which streaming platform made The Least Expected Day?",
        ["Netflix", "Amazon", "Disney+", "HBO Max"],
        "Netflix",
    )
    assert found(pack_of(questions, title="Netflix's Tour de France series"), "answer-in-title") == ["q"]
    assert found(pack_of(questions, description="Questions on what Netflix announced"), "answer-in-title") == ["q"]
    assert found(pack_of(questions, title="Cycling documentaries"), "answer-in-title") == []


def test_answer_in_option():
    bad = pack_of(
        mc(
            "q",
            "What was Netflix offering the teams?",
            ["a nominal amount", "a nominal amount per episode", "a seven-figure sum", "nothing"],
            "a nominal amount",
        )
    )
    assert found(bad, "answer-in-option") == ["q"]
    fair = pack_of(
        mc(
            "q",
            "What was Netflix offering the teams?",
            ["a nominal amount", "a share of revenue", "a seven-figure sum", "nothing"],
            "a nominal amount",
        )
    )
    assert found(fair, "answer-in-option") == []


# ------------------------------------------------------------------ options


def test_option_kind_catches_a_phrase_among_titles_and_a_sport_among_names():
    titles = mc(
        "q",
        "What is Yann Le Moënner's job title?",
        ["Managing Director", "Sports Director", "Race Director", "Haas F1 team principal"],
        "Managing Director",
    )
    assert found(pack_of(titles), "option-kind") == ["q"]
    sports = mc(
        "s", "Which sport is Drive to Survive about?", ["Formula 1", "MotoGP", "IndyCar", "cycling"], "Formula 1"
    )
    assert found(pack_of(sports), "option-kind") == ["s"]
    fair = mc(
        "q",
        "What is Yann Le Moënner's job title?",
        ["Managing Director", "Sports Director", "Race Director", "Chief Executive"],
        "Managing Director",
    )
    assert found(pack_of(fair), "option-kind") == []


def test_option_kind_in_pick_all_when_kind_alone_tells_right_from_wrong():
    bad = """\
        - id: m
          category: c
          type: multi_select
          difficulty: medium
          prompt: Which seasons did The Least Expected Day cover?
          choices: ["2019", "2020", "the final stage", "the rest day"]
          answers: ["2019", "2020"]
        """
    assert found(pack_of(bad), "option-kind") == ["m"]


def test_shapes():
    assert [lint.shape(t) for t in ("2020", "8 episodes", "March 11", "March 4, 2022", "Box to Box Films", "the penultimate stage")] == [
        "year", "number", "date", "date", "name", "phrase",
    ]  # fmt: skip
    assert lint.shape("~Amazon~") == "name"  # punctuation around a word is not its kind


def test_option_era():
    bad = pack_of(mc("q", "When did Code Yellow come out?", ["2020", "2019", "2021", "1995"], "2020"))
    assert found(bad, "option-era") == ["q"]
    assert (
        found(
            pack_of(mc("q", "When did Code Yellow come out?", ["2020", "2019", "2021", "2017"], "2020")), "option-era"
        )
        == []
    )


def test_long_option():
    bad = pack_of(
        mc(
            "q",
            "Which team is in the eight?",
            ["AG2R", "Cofidis", "Team DSM", "Intermarché-Wanty-Gobert Matériaux"],
            "AG2R",
        )
    )
    assert found(bad, "long-option") == ["q"]
    fair = pack_of(
        mc(
            "q",
            "Which team is in the eight?",
            ["AG2R Citroën Team", "Cofidis", "Team DSM", "Lotto Soudal"],
            "AG2R Citroën Team",
        )
    )
    assert found(fair, "long-option") == []


def multi(qid: str, prompt: str, choices: list[str], answers: list[str]) -> str:
    return (
        f"- id: {qid}\n  category: c\n  type: multi_select\n  difficulty: medium\n  prompt: {prompt!r}\n"
        f"  choices: {choices!r}\n  answers: {answers!r}\n"
    )


def test_option_tone_catches_the_one_upbeat_option_among_downbeat_ones():
    # Found by a blind read: "what has the success of Drive to Survive done?" against three harms.
    bad = mc(
        "success",
        "According to the report, what has the success of Drive to Survive done?",
        ["attracted a much wider audience to the sport", "driven away many of the sport's older fans",
         "lowered the sport's television ratings", "made the sport's teams less willing to be filmed"],
        "attracted a much wider audience to the sport",
    )  # fmt: skip
    bad += mc(
        "gap",
        "Fill the gap: “Box to Box Films - which also produces the ___ Formula 1 'Drive to Survive'”",
        ["hugely popular", "recently cancelled", "little-known", "rarely watched"],
        "hugely popular",
    )
    # Three undramatic options beside the one ingredient of a smash hit.
    bad += mc(
        "flat",
        "According to the writer, which of these is one of the ingredients for the series to be a smash hit?",
        ["exhaustion", "calm", "indifference", "boredom"],
        "exhaustion",
    )
    bad += multi(
        "flat-all",
        "According to the writer, which of these are ingredients for the series to be a smash hit? Pick every one.",
        ["anger", "boredom", "exhaustion", "frustration", "indifference"],
        ["anger", "exhaustion", "frustration"],
    )
    assert found(pack_of(bad), "option-tone") == ["success", "gap", "flat", "flat-all"]
    fair = mc(
        "gap",
        "Fill the gap: “Indeed some teams have already made their own to ___.”",
        ["critical acclaim", "record audiences", "commercial success", "huge fanfare"],
        "critical acclaim",
    )
    fair += mc(
        "ingredient",
        "According to the writer, which of these is one of the ingredients for the series to be a smash hit?",
        ["exhaustion", "fear", "jealousy", "pride"],
        "exhaustion",
    )
    fair += mc(  # one downbeat option among neutral ones tells nothing
        "teams",
        "Where did the teams stand on the project?",
        ["close to signing off on it", "split over whether to take part", "far from any agreement",
         "made less willing by the money on offer"],
        "close to signing off on it",
    )  # fmt: skip
    assert found(pack_of(fair), "option-tone") == []


def test_option_form_catches_the_one_whole_sentence_among_fragments():
    # Found by a blind read: the right quote alone kept its full stop, and one wrong one began mid-sentence.
    bad = mc(
        "stop",
        "Which of these did Dolores Emile say in the official announcement?",
        ["We are very proud to unveil new aspects of the emblematic Tour de France.",
         "As the historic partner and broadcaster of the Tour de France, we are delighted to participate",
         "We are proud of this partnership with Netflix and the teams",
         "It is additive to what we do every year during the race"],
        "We are very proud to unveil new aspects of the emblematic Tour de France.",
    )  # fmt: skip
    bad += mc(
        "lower",
        "Which of these did Laurent-Eric Le Lay say in the official announcement?",
        ["It is additive to what we do every year during the race",
         "which will allow everyone to experience part of the daily life of champions",
         "We are proud of this partnership with Netflix and the teams",
         "Through a narrative approach, which is additive to the competition itself"],
        "It is additive to what we do every year during the race",
    )  # fmt: skip
    assert found(pack_of(bad), "option-form") == ["stop", "lower"]
    fair = mc(
        "quotes",
        "Which of these did Dolores Emile say in the official announcement?",
        ["We are very proud to unveil new aspects of the emblematic Tour de France",
         "As the historic partner and broadcaster of the Tour de France, we are delighted to participate",
         "We are proud of this partnership with Netflix and the teams",
         "It is additive to what we do every year during the race"],
        "We are very proud to unveil new aspects of the emblematic Tour de France",
    )  # fmt: skip
    fair += mc(  # a name starting one option among lower-case phrases is no fragment
        "names",
        "What would happen if one of the eight teams declined?",
        ["the offer would go to the next team on the wishlist", "the series would go ahead with seven teams",
         "A.S.O. would choose a replacement team itself", "the whole deal would be called off at once"],
        "the offer would go to the next team on the wishlist",
    )  # fmt: skip
    fair += mc("short", "Who organises the Tour?", ["A.S.O.", "RCS Sport", "Golazo", "Flanders Classics"], "A.S.O.")
    assert found(pack_of(fair), "option-form") == []


def test_option_convergence_catches_the_answer_made_of_the_commonest_halves():
    # Found by a blind read: each half of the right change appeared in two other options.
    bad = mc(
        "change",
        "How did France Télévisions' part change (before → after)?",
        ["a rival bidder → a participant", "a rights holder → a participant", "a rights holder → the producer",
         "a participant → a rights holder"],
        "a rights holder → a participant",
    )  # fmt: skip
    assert found(pack_of(bad), "option-convergence") == ["change"]
    fair = mc(
        "change",
        "How did France Télévisions' part change (before → after)?",
        ["a rival bidder → a participant", "a rights holder → a participant", "a rights holder → the producer",
         "a rival bidder → the producer"],
        "a rights holder → a participant",
    )  # fmt: skip
    assert found(pack_of(fair), "option-convergence") == []


# ------------------------------------------------------------------ orderings and typed answers


def order(qid: str, prompt: str, items: list[str]) -> str:
    return f"- id: {qid}\n  category: c\n  type: ordering\n  difficulty: medium\n  prompt: {prompt!r}\n  items: {items!r}\n"


def test_order_hint_catches_items_printing_their_years():
    bad = order(
        "o",
        "Put these in order, earliest first.",
        ["Movistar's first series", "Movistar again, in 2020", "Plan B comes out"],
    )
    assert found(pack_of(bad), "order-hint") == ["o"]


def test_order_hint_catches_a_prompt_naming_the_last_item():
    bad = order("o", "From Movistar's series to the Tour de France docuseries, put these in order.",
                ["Code Yellow is made", "Plan B is made", "The Tour de France docuseries is filmed"])  # fmt: skip
    assert found(pack_of(bad), "order-hint") == ["o"]
    fair = order(
        "o",
        "Put these in chronological order, earliest first.",
        ["Code Yellow is made", "Plan B is made", "The docuseries is filmed"],
    )
    assert found(pack_of(fair), "order-hint") == []


def typed(qid: str, prompt: str, answers: list[str], difficulty: str = "medium") -> str:
    return f"- id: {qid}\n  category: c\n  type: type_in\n  difficulty: {difficulty}\n  prompt: {prompt!r}\n  answers: {answers!r}\n"


def test_length_hint_catches_two_words_for_a_no_brainer():
    bad = typed(
        "t", "Type how one source described the project (two words).", ["a no-brainer", "no-brainer", "no brainer"]
    )
    assert found(pack_of(bad), "length-hint") == ["t"]
    fair = typed("t", "Type the nationality of NOS (one word, like Italian).", ["Dutch"])
    assert found(pack_of(fair), "length-hint") == []


# ------------------------------------------------------------------ repetition


def test_near_duplicate_same_answer_other_wording():
    questions = mc(
        "a",
        "Which streaming platform is The Least Expected Day made for?",
        ["Netflix", "Amazon", "Disney+", "HBO Max"],
        "Netflix",
    )
    questions += typed("b", "Name the streaming platform The Least Expected Day is made for.", ["Netflix"])
    questions += typed("c", "Name the streaming platform All or Nothing is made for.", ["Amazon"])
    assert found(pack_of(questions), "near-duplicate") == ["b"]


def test_near_duplicate_same_prompt_other_answer():
    questions = mc("a", "Which of these teams is one of the eight?", ["AG2R", "Cofidis", "Team DSM", "Lotto"], "AG2R")
    questions += mc("b", "Which of these teams is one of the eight?", ["BORA", "Cofidis", "Team DSM", "Lotto"], "BORA")
    assert found(pack_of(questions), "near-duplicate") == ["b"]


def test_near_duplicate_same_answer_from_the_same_sentence():
    # Found by a blind read: Ineos's nationality asked as a gap and as a question, from one sentence.
    cite = "  source: {seed: s.txt, quote: 'British outfit Ineos Grenadiers are one of the eight teams'}\n"
    questions = mc(
        "gap", "Fill the gap: “___ outfit Ineos Grenadiers are one of the eight teams”",
        ["Dutch", "British", "Spanish", "French"], "British", extra=cite,
    )  # fmt: skip
    questions += mc(
        "ask", "What nationality do the reports give Ineos Grenadiers?",
        ["Spanish", "Dutch", "British", "Italian"], "British", extra=cite,
    )  # fmt: skip
    questions += typed("other", "Type the nationality of NOS (one word, like Italian).", ["British"])
    assert found(pack_of(questions), "near-duplicate") == ["ask"]


def tf(qid: str, statement: str, answer: bool = True, extra: str = "") -> str:
    return f"- id: {qid}\n  category: c\n  type: true_false\n  difficulty: easy\n  prompt: {statement!r}\n  answer: {str(answer).lower()}\n{extra}"


def test_fact_overasked():
    questions = "".join(
        tf(f"q{i}", f"True or false: statement number {i} about Code Yellow.", extra="  facts: [f1]\n")
        for i in range(5)
    )
    assert found(pack_of(questions), "fact-overasked") == ["q4"]


def test_sentence_overasked():
    cite = "  source: {seed: s.txt, quote: 'Produced by Quadbox, a joint venture between QUAD and Box to box Films'}\n"
    questions = "".join(tf(f"q{i}", f"True or false: claim {i} about the joint venture.", extra=cite) for i in range(7))
    assert found(pack_of(questions), "sentence-overasked") == ["q6"]


def test_answer_overused():
    papers = ["The Telegraph", "The Times", "The Guardian", "L'Équipe"]
    teams = ["Ineos", "Movistar", "Cofidis", "Lotto", "AG2R", "BORA", "EF"]
    questions = "".join(
        mc(f"q{i}", f"Which newspaper named {team} among the teams in talks?", papers, "The Telegraph")
        for i, team in enumerate(teams)
    )
    assert found(pack_of(questions), "answer-overused") == ["q6"]


def test_pairing_overasked_catches_code_yellow_and_2020():
    years = ["2018", "2019", "2020", "2021"]
    questions = mc("a", "In which year did Code Yellow come out?", years, "2020")
    questions += mc("b", "Which season did Code Yellow cover?", years, "2020")
    questions += tf("c", "True or false: Code Yellow was made in 2020.")
    questions += typed("d", "Type the year Jumbo-Visma made Code Yellow.", ["2020"])
    # Things are what the pack offers as options or answers: here Code Yellow is one.
    questions += mc(
        "e",
        "Which documentary did Jumbo-Visma make first?",
        ["Code Yellow", "Plan B", "All or Nothing", "Icarus"],
        "Code Yellow",
    )
    assert found(pack_of(questions), "pairing-overasked") == ["d"]


# ------------------------------------------------------------------ difficulty and bias


def test_difficulty_catches_an_easy_typed_answer_labelled_hard():
    sports = ["Formula 1", "MotoGP", "IndyCar", "NASCAR"]
    questions = typed("t", "Name the sport Drive to Survive is about.", ["Formula 1", "F1"], difficulty="hard")
    for i, doc in enumerate(["the series", "the show", "the docuseries"]):
        questions += mc(f"m{i}", f"Which sport is {doc} about?", sports, "Formula 1", difficulty="easy")
    assert found(pack_of(questions), "difficulty") == ["t"]
    assert lint.expected_difficulty(pack_of(questions).questions[0], 3) == "easy"


def test_difficulty_catches_a_true_false_labelled_hard_and_spares_one_step():
    questions = tf("t", "True or false: Code Yellow was made in 2020.").replace("difficulty: easy", "difficulty: hard")
    questions += tf("u", "True or false: Plan B was made in 2021.").replace("difficulty: easy", "difficulty: medium")
    assert found(pack_of(questions), "difficulty") == ["t"]


def test_longest_answer_bias_is_a_warning_about_the_whole_pack():
    long_right = "".join(
        mc(
            f"q{i}",
            f"Question number {i}?",
            [f"the long right answer {i}", "short", "brief", "tiny"],
            f"the long right answer {i}",
        )
        for i in range(10)
    )
    assert found(pack_of(long_right), "longest-answer-bias") == [None]
    mixed = "".join(
        mc(
            f"q{i}",
            f"Question number {i}?",
            [f"answer {i}", "a much longer wrong option", "brief", "tiny"],
            f"answer {i}",
        )
        for i in range(10)
    )
    assert found(pack_of(mixed), "longest-answer-bias") == []


# ------------------------------------------------------------------ scale and the whole


def _question(i: int, prompt: str, answer: str) -> Question:
    return Question(
        id=f"q{i}",
        category="c",
        type=MULTIPLE_CHOICE,
        prompt=prompt,
        choices=(answer, "x", "y", "z"),
        answers=(answer,),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa", "theta"]), min_size=1, max_size=6),
                          st.sampled_from(["A", "B"])), min_size=2, max_size=25))  # fmt: skip
def test_near_duplicate_index_finds_what_comparing_every_pair_finds(items):
    questions = [_question(i, " ".join(words) + "?", answer) for i, (words, answer) in enumerate(items)]
    by_index = {f.question.id for f in lint._near_duplicates(questions)}
    brute = set()
    for i, q in enumerate(questions):
        for other in questions[:i]:
            same_prompt = lint.fold(q.prompt) == lint.fold(other.prompt)
            close = q.answers == other.answers and lint.similar(
                lint.content_tokens(q.prompt), lint.content_tokens(other.prompt), lint.NEAR_DUPLICATE
            )
            if same_prompt or close:
                brute.add(q.id)
                break
    assert by_index == brute


def test_a_big_pack_is_linted_in_one_pass():
    rng = random.Random(5)
    words = [f"w{i}" for i in range(400)]
    questions = [
        Question(
            id=f"q{i}",
            category="c",
            type=TRUE_FALSE,
            prompt="True or false: " + " ".join(rng.sample(words, 8)),
            answers=(rng.choice(["true", "false"]),),
        )
        for i in range(5000)
    ]
    # Only a handful of pairs can be near-duplicates, and every one found is one.
    for f in lint._near_duplicates(questions):
        assert f.rule == "near-duplicate"


def test_lint_pack_gives_file_and_line_warnings_and_ignores_rules():
    pack = pack_of(
        mc("first", "Fine question one?", ["a", "b", "c", "d"], "a")
        + mc("q", "Which partner is in Quadbox?", ["QUAD", "Fremantle", "Banijay", "All3Media"], "QUAD")
    )
    problems = lint.lint_pack(pack)
    assert [str(p) for p in problems] == [
        "t.yaml:13: warning: give-away: the answer 'QUAD' is written in the prompt [answer-in-prompt]"
    ]
    assert lint.lint_pack(pack, ignore=["answer-in-prompt"]) == []


# ------------------------------------------------------------------ the command


def test_quiz_lint_reports_warnings_and_exits_1(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "pack: {id: p, title: P}\nquestions:\n"
        + textwrap.indent(
            mc("q", "Which partner is in Quadbox?", ["QUAD", "Fremantle", "Banijay", "All3Media"], "QUAD"), "  "
        ),
        encoding="utf-8",
    )
    (tmp_path / "ignored.facts.yaml").write_text("not: a pack\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{path}:3: warning: give-away" in result.output and "[answer-in-prompt]" in result.output
    assert result.output.endswith("1 pack linted: 0 clean, 1 with 1 warning\n")
    quiet = CliRunner().invoke(cli, ["lint", "--ignore", "answer-in-prompt", str(path)])
    assert quiet.exit_code == 0 and quiet.output == "1 pack linted: 1 clean\n"


def test_quiz_lint_reads_an_imported_format_with_its_lines(tmp_path):
    gift = tmp_path / "quiz.gift"
    gift.write_text(
        "// a Moodle export\n\n::q1::Which partner is in Quadbox? {=QUAD ~Fremantle ~Banijay ~All3Media}\n\n"
        "::q2::Which team made Code Yellow? {=Jumbo-Visma ~Movistar ~Ineos ~Cofidis}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["lint", str(gift)])
    assert result.exit_code == 1, result.output
    assert f"{gift}:3: warning: give-away: the answer 'QUAD'" in result.output
    assert ":5:" not in result.output


def test_quiz_lint_bad_paths_and_usage(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["lint", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "no such file or folder" in missing.output
    empty = runner.invoke(cli, ["lint", str(tmp_path)])
    assert empty.exit_code == 2 and "no pack found" in empty.output
    unknown = runner.invoke(cli, ["lint", "--ignore", "no-such-rule", str(tmp_path)])
    assert unknown.exit_code == 2 and "unknown rule 'no-such-rule'" in unknown.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: {id: b}\nquestions: [\n", encoding="utf-8")
    result = runner.invoke(cli, ["lint", str(broken)])
    assert result.exit_code == 1 and f"`quiz validate {broken}`" in result.output and "Traceback" not in result.output


def test_quiz_lint_rules_lists_every_rule():
    result = CliRunner().invoke(cli, ["lint", "--rules"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == list(lint.RULES)


@pytest.mark.parametrize("rule", sorted(lint.RULES))
def test_every_rule_has_a_test_here(rule):
    """A rule added without a test of its own (one asking found(..., rule)) fails here."""
    import inspect
    import sys

    source = inspect.getsource(sys.modules[__name__])
    assert re.search(r'found\([^()]*(?:\([^()]*\)[^()]*)*,\s*"' + re.escape(rule) + '"', source), rule
