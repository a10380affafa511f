"""Whole rounds of each mode through the Session alone (no Textual), on a fake clock:
phases in order, hand-offs and their guard, time-outs by the session's own deadline,
late answers, the pause under a dialog, and the record the round leaves."""

from __future__ import annotations

import json

import pytest
from sessionkit import FakeClock

from quiz.model import TRUE_FALSE, Question
from quiz.session import HOTSEAT, SOLO, TEAMS, GameResult, Phase, RoundError, RoundSettings, Session
from quiz.session.modes import Buzzer
from quiz.session.settings import BUZZER, PRESENTER


def pool(n: int = 12) -> list[Question]:
    return [
        Question(
            id=f"q{i:02d}",
            category="people",
            type=TRUE_FALSE,
            prompt=f"Statement {i}?",
            answers=("true",),
            facts=(f"f{i}",),
            pack="p",
        )
        for i in range(n)
    ]


def started(settings: RoundSettings) -> tuple[Session, FakeClock, list[str]]:
    clock = FakeClock()
    session = Session.create(pool(), settings, clock=clock, packs=("p",))
    changes: list[str] = []
    session.watch(lambda c: changes.append(c.kind if c.participant is None else f"{c.kind}:{c.participant}"))
    session.start()
    return session, clock, changes


def test_a_whole_solo_round_with_a_time_out_and_a_late_answer():
    session, clock, changes = started(RoundSettings(mode=SOLO, questions=3, seed=1, timer=10))
    assert session.phase is Phase.OPEN and changes == ["open:Player"]
    clock.advance(2.0)
    first = session.answer(True)
    assert first.correct and first.elapsed == 2.0 and first.points.total == 900
    assert session.phase is Phase.CLOSED
    assert session.answer(False) is first  # answered already: the same record, not a second answer
    session.next()
    clock.advance(9.99)
    session.tick()
    assert session.phase is Phase.OPEN  # not yet
    clock.advance(0.02)
    session.tick()
    assert session.phase is Phase.CLOSED and session.players["Player"].records[-1].timed_out
    session.next()
    # An answer the screen sends after the deadline, before its next tick: a time-out all the same.
    clock.advance(10.5)
    late = session.answer(True)
    assert late.timed_out and not late.correct and late.points.total == 0
    session.next()
    assert session.finished and changes[-1] == "finished"
    assert changes == ["open:Player", "answered:Player", "closed"] * 3 + ["finished"]


def test_a_whole_hotseat_round_hands_the_keyboard_over_with_a_guard():
    session, clock, changes = started(
        RoundSettings(mode=HOTSEAT, players=("Ann", "Bob"), questions=2, seed=2, timer=20)
    )
    assert session.phase is Phase.READY and session.group == ("Ann",)
    assert not session.ready()  # the key that opened it, still held: ignored
    clock.advance(5.0)  # Ann takes her time to sit down: no clock runs yet
    assert session.ready() and session.phase is Phase.OPEN and session.remaining() == 20
    clock.advance(1.0)
    session.answer(True)
    session.next()
    assert session.phase is Phase.READY and session.group == ("Bob",)
    clock.advance(0.5)
    assert session.ready()
    clock.advance(3.0)
    assert session.answer(False).player == "Bob"
    for _ in range(2):
        session.next()
        clock.advance(0.5)
        session.ready()
        clock.advance(2.0)
        session.answer(True)
    session.next()
    assert session.finished
    assert [s.name for s in session.standings()] == ["Ann", "Bob"]
    assert changes[:4] == ["ready:Ann", "open:Ann", "answered:Ann", "closed"]


def test_a_whole_teams_round_every_team_answers_in_turn_then_one_reveal():
    session, clock, changes = started(
        RoundSettings(mode=TEAMS, players=("Red", "Blue", "Gold"), questions=2, seed=3, timer=10)
    )
    turn = session.turn
    assert turn.participants == ("Red", "Blue", "Gold")
    for team, response, took in (("Red", True, 1.0), ("Blue", False, 2.0)):
        assert session.phase is Phase.READY and session.group == (team,)
        clock.advance(0.5)
        session.ready()
        clock.advance(took)
        session.answer(response)
        assert session.turn is turn  # the same question goes to the next team
    clock.advance(0.5)
    session.ready()
    clock.advance(11.0)
    session.tick()  # Gold runs out of time
    assert session.phase is Phase.CLOSED
    assert {name: r.correct for name, r in session.answers.items()} == {"Red": True, "Blue": False, "Gold": False}
    assert session.answers["Gold"].timed_out and session.answers["Red"].elapsed == 1.0
    session.next()
    assert session.turn.index == 1 and session.group == ("Red",)
    assert changes[:3] == ["ready:Red", "open:Red", "answered:Red"]
    assert "closed" not in changes[: changes.index("answered:Gold")]


def test_a_dialog_pauses_the_question_and_nothing_is_refunded_or_lost():
    session, clock, changes = started(RoundSettings(questions=1, seed=4, timer=20))
    clock.advance(11.0)
    assert session.remaining() == 9.0
    session.pause()
    clock.advance(100.0)  # the help screen stays open a long while
    session.tick()
    assert session.phase is Phase.OPEN and session.remaining() == 9.0
    with pytest.raises(RoundError, match="paused"):
        session.answer(True)
    session.resume()
    assert session.remaining() == 9.0  # not 19: the time used before the dialog stays used
    clock.advance(1.0)
    record = session.answer(True)
    assert record.elapsed == 12.0
    assert changes == ["open:Player", "paused", "resumed", "answered:Player", "closed"]


def test_a_dialog_over_a_hand_off_renews_its_guard():
    session, clock, _ = started(RoundSettings(mode=HOTSEAT, players=("Ann", "Bob"), questions=1, seed=5))
    clock.advance(2.0)
    session.pause()
    clock.advance(2.0)
    session.resume()
    assert not session.ready()  # the key that closed the dialog
    clock.advance(0.5)
    assert session.ready()


def test_the_record_holds_settings_participants_and_every_answer_and_survives_json():
    session, clock, _ = started(RoundSettings(mode=HOTSEAT, players=("Ann", "Bob"), questions=2, seed=6, timer=10))
    for response in (True, False, True, True):
        clock.advance(0.5)
        session.ready()
        clock.advance(2.0)
        session.answer(response)
        session.next()
    result = session.result()
    assert result.finished and result.mode == HOTSEAT and result.packs == ("p",)
    assert result.participants == ("Ann", "Bob") and result.winners == ("Ann",)
    assert len(result.answers) == 4
    row = next(a for a in result.answers if a.participant == "Bob" and not a.correct)
    assert (row.response, row.response_text, row.right_answer, row.elapsed, row.points) == (
        False,
        "False",
        "True",
        2.0,
        0,
    )
    again = GameResult.from_data(json.loads(json.dumps(result.to_data())))
    assert again == result
    assert RoundSettings.from_data(json.loads(json.dumps(result.settings.to_data()))) == result.settings


def test_an_abandoned_round_says_so():
    session, clock, changes = started(RoundSettings(questions=3, seed=7, timer=None))
    session.answer(True)
    session.abandon()
    assert session.finished and session.abandoned and not session.result().finished
    assert changes[-1] == "finished"


def test_names_longer_than_twenty_characters_are_refused():
    with pytest.raises(RoundError, match="at most 20 characters"):
        RoundSettings(players=("A" * 21,)).check()
    RoundSettings(players=("A" * 20,)).check()


# -- buzzer teams -------------------------------------------------------------------
def buzzer(timer: float | None = 20) -> tuple[Session, FakeClock, list[str]]:
    return started(RoundSettings(mode=BUZZER, players=("Red", "Blue", "Green"), questions=3, seed=8, timer=timer))


def test_the_first_team_to_buzz_holds_the_question_and_locks_the_others_out():
    session, clock, changes = buzzer()
    assert session.phase is Phase.OPEN and session.holder is None
    with pytest.raises(RoundError, match="not open to Red"):
        session.answer(True, "Red")  # no answering before buzzing
    clock.advance(2.0)
    assert session.buzz("Blue") and session.holder == "Blue"
    assert not session.buzz("Red")  # locked out while Blue holds it
    assert session.remaining() == Buzzer.ANSWER_SECONDS  # Blue's own time to answer
    clock.advance(1.5)
    record = session.answer(True, "Blue")
    assert record.correct and record.points.total == 1000 and record.elapsed == 3.5
    assert session.phase is Phase.CLOSED
    assert changes[-3:] == ["buzzed:Blue", "answered:Blue", "closed"]


def test_a_wrong_answer_opens_the_question_to_the_teams_that_have_not_tried():
    session, clock, changes = buzzer()
    session.buzz("Red")
    assert not session.answer(False, "Red").correct
    assert session.phase is Phase.OPEN and session.holder is None and changes[-1] == "reopened:Red"
    assert not session.buzz("Red")  # Red has had its go
    assert session.buzz("Green")
    clock.advance(Buzzer.ANSWER_SECONDS + 0.1)
    session.tick()  # Green runs out of time: a miss
    assert session.answers["Green"].timed_out and session.phase is Phase.OPEN
    session.buzz("Blue")
    session.answer(True, "Blue")
    assert session.phase is Phase.CLOSED
    assert [(n, r.correct) for n, r in session.answers.items()] == [("Red", False), ("Green", False), ("Blue", True)]


def test_a_question_nobody_gets_shows_the_answer_and_streaks_are_per_team():
    session, clock, _ = buzzer()
    for team in ("Red", "Blue", "Green"):
        session.buzz(team)
        session.answer(False, team)
    assert session.phase is Phase.CLOSED and not any(r.correct for r in session.answers.values())
    session.next()
    clock.advance(20.0)
    session.tick()  # nobody buzzed in time
    assert session.phase is Phase.CLOSED and session.answers == {}
    session.next()
    session.buzz("Red")
    session.answer(True, "Red")
    assert session.players["Red"].points == 1000 and session.players["Red"].streak == 1
    session.next()
    result = session.result()
    assert result.mode == BUZZER and result.participants == ("Red", "Blue", "Green")
    assert sum(1 for a in result.answers if a.participant == "Red") == 2


def test_with_no_timer_a_buzzer_question_waits_until_revealed():
    session, clock, _ = buzzer(timer=None)
    clock.advance(600)
    session.tick()
    assert session.phase is Phase.OPEN
    session.reveal()
    assert session.phase is Phase.CLOSED


# -- presenter ----------------------------------------------------------------------
def presenter(teams=("Red", "Blue")) -> tuple[Session, FakeClock, list[str]]:
    return started(RoundSettings(mode=PRESENTER, players=teams, questions=3, seed=9, timer=None))


def test_the_presenter_reveals_gives_points_undoes_and_goes_back():
    session, clock, changes = presenter()
    assert session.phase is Phase.OPEN
    session.reveal()
    assert session.phase is Phase.CLOSED
    assert session.award("Red") and not session.award("Red")  # once a question
    assert session.award("Blue")
    assert (session.players["Red"].points, session.players["Blue"].points) == (1000, 1000)
    assert session.undo_award() == "Blue" and session.players["Blue"].points == 0
    session.next()
    first = session.turns[0]
    session.next()  # straight on without revealing: the teacher's choice
    assert session.turn.index == 2
    assert session.back() and session.turn.index == 1 and session.phase is Phase.OPEN
    assert session.back() and session.turn is first
    assert not session.award("Red")  # already given this question
    assert session.award("Blue") and session.players["Blue"].points == 1000
    assert not session.back()  # no question before the first
    for _ in range(3):
        session.next()
    assert session.finished
    result = session.result()
    rows = {(a.participant, a.number): (a.correct, a.points, a.response_text) for a in result.answers}
    assert rows[("Red", 1)] == (True, 1000, "given the points by the presenter")
    assert rows[("Blue", 2)] == (False, 0, "not given the points")
    assert len(result.answers) == 6  # every team, every question shown
    assert session.result().answers == result.answers  # the board is completed once


def test_a_presenter_needs_no_teams():
    session, clock, _ = presenter(teams=())
    session.reveal()
    session.next()
    assert session.turn.index == 1
