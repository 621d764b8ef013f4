from __future__ import annotations

import math
import time

import pytest

from planner.domain.deadline import Deadline


def test_after_counts_down_on_the_monotonic_clock() -> None:
    before = time.monotonic()
    deadline = Deadline.after(5.0)
    assert before + 5.0 <= deadline.at <= time.monotonic() + 5.0
    assert 4.0 < deadline.remaining() <= 5.0
    assert not deadline.expired()
    assert deadline.budget_s == 5.0


def test_earlier_keeps_time_back_from_the_same_budget() -> None:
    deadline = Deadline.after(10.0)
    kept = deadline.earlier(deadline.share(0.1))
    assert kept.at == pytest.approx(deadline.at - 1.0)
    assert kept.budget_s == 10.0  # shares stay shares of the whole budget


def test_a_past_deadline_is_expired_with_nothing_left() -> None:
    past = Deadline(time.monotonic() - 1.0, 3.0)
    assert past.expired()
    assert past.remaining() == 0.0


def test_never_does_not_expire() -> None:
    assert not Deadline.never().expired()
    assert math.isinf(Deadline.never().remaining())


@pytest.mark.parametrize("seconds", [0.0, -1.0, math.nan, math.inf])
def test_a_time_limit_must_be_a_positive_number(seconds: float) -> None:
    with pytest.raises(ValueError, match="positive"):
        Deadline.after(seconds)
