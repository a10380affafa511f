"""The points table: speed on a timer, half marks at worst, streak bonuses."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.scoring import Points, score_answer, streak_bonus, time_points


@pytest.mark.parametrize(
    ("elapsed", "timer", "points"),
    [
        (0.0, 20, 1000),
        (0.3, 20, 1000),
        (0.5, 20, 1000),  # within half a second: the full 1000
        (0.51, 20, 987),  # round(1000 × (1 − 0.0255/2)) = round(987.25)
        (1.0, 20, 975),
        (5.0, 20, 875),
        (10.0, 20, 750),
        (15.0, 20, 625),
        (19.99, 20, 500),  # 500.25
        (20.0, 20, 500),
        (3.0, 10, 850),
        (7.0, 30, 883),  # 883.33…
        (45.0, 60, 625),
    ],
)
def test_time_points_follow_the_formula(elapsed, timer, points):
    assert time_points(elapsed, timer) == points


def test_exact_halves_round_up():
    # 962.5 and 937.5: Python's round() would give 962 and 938 (half to even).
    assert time_points(1.5, 20) == 963
    assert time_points(2.5, 20) == 938


def test_late_negative_and_broken_times_stay_in_bounds():
    assert time_points(25.0, 20) == 500  # never below half marks
    assert time_points(-2.0, 20) == 1000  # a clock running backwards is not a bonus beyond full
    assert time_points(math.nan, 20) == 500  # a glitch scores as answering at the buzzer


def test_no_timer_is_always_full():
    assert time_points(0.0, None) == 1000
    assert time_points(999.0, None) == 1000


@pytest.mark.parametrize(
    ("streak", "bonus"),
    [(0, 0), (1, 0), (2, 100), (3, 200), (4, 300), (5, 400), (6, 500), (7, 500), (40, 500)],
)
def test_streak_bonus_grows_by_100_and_stops_at_500(streak, bonus):
    assert streak_bonus(streak) == bonus


def test_wrong_answer_scores_nothing_even_on_a_streak():
    assert score_answer(False, 0.1, 20, 5) == Points(0, 0, 0)
    assert score_answer(False, None, None, 3).total == 0


def test_right_answer_on_a_timer_splits_into_base_speed_and_streak():
    points = score_answer(True, 5.0, 20, 3)
    assert points == Points(base=500, speed=375, streak=200)
    assert points.total == 1075


def test_right_answer_without_timer_is_flat_1000_plus_streak():
    assert score_answer(True, 12.0, None, 1) == Points(base=1000, speed=0, streak=0)
    assert score_answer(True, None, None, 4).total == 1300


def test_right_answer_with_unknown_time_on_a_timer_gets_half_marks():
    assert score_answer(True, None, 20, 1).total == 500


@given(
    t1=st.floats(min_value=0, max_value=120, allow_nan=False),
    t2=st.floats(min_value=0, max_value=120, allow_nan=False),
    timer=st.sampled_from([10, 20, 30, 60]),
)
def test_faster_never_scores_less_and_always_between_500_and_1000(t1, t2, timer):
    fast, slow = sorted((t1, t2))
    assert 500 <= time_points(slow, timer) <= time_points(fast, timer) <= 1000
