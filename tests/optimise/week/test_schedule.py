from datetime import date

import numpy as np

from planner.optimise.week.problem import DaySpec, Window
from planner.optimise.week.schedule import StopTiming, schedule_day

H = 3600
# Places: 0 home, 1 and 2 accounts; every leg takes 30 minutes.
DUR = np.array([[0, 1800, 1800], [1800, 0, 1800], [1800, 1800, 0]], dtype=np.int64)
DIST = DUR * 10


def day(lunch_s: int = 45 * 60) -> DaySpec:
    return DaySpec(
        day=date(2026, 3, 2),
        offset_s=0,
        start_s=8 * H + 1800,
        end_s=18 * H,
        lunch_from_s=12 * H + 1800,
        lunch_to_s=14 * H,
        lunch_s=lunch_s,
        max_drive_s=5 * H,
    )


def stop(place: int, *windows: tuple[int, int], service: int = 3600) -> StopTiming:
    return StopTiming(place, service, tuple(Window(0, a, b) for a, b in windows))


def test_lunch_fills_the_wait_for_an_afternoon_opening() -> None:
    morning = stop(1, (9 * H, 11 * H))
    afternoon = stop(2, (14 * H + 1800, 17 * H))
    t = schedule_day(day(), [morning, afternoon], DUR, DIST)
    assert t is not None
    assert t.arrivals == (9 * H, 14 * H + 1800)
    assert t.lunch is not None and t.lunch[0] >= 12 * H + 1800 and t.lunch[1] <= 14 * H
    assert t.leg_departures[0] == 8 * H + 1800  # leaves just in time for 09:00
    assert t.end_s == 16 * H  # 14:30 + 1 h meeting + 30 min home
    assert t.driving_s == 3 * 1800


def test_a_second_window_is_used_when_the_first_is_missed() -> None:
    two_windows = stop(1, (9 * H, 9 * H + 600), (14 * H + 1800, 17 * H))
    late_first = stop(2, (10 * H, 12 * H))
    t = schedule_day(day(), [late_first, two_windows], DUR, DIST)
    assert t is not None
    assert t.arrivals[1] >= 14 * H + 1800


def test_lunch_pushes_later_visits_and_can_make_the_day_infeasible() -> None:
    # Meetings back to back from 11:00 to 15:00 leave no 45-minute gap in 12:30–14:00.
    busy = [stop(1, (11 * H, 11 * H), service=2 * H), stop(2, (13 * H + 1800, 13 * H + 1800))]
    assert schedule_day(day(), busy, DUR, DIST) is None
    assert schedule_day(day(lunch_s=0), busy, DUR, DIST) is not None


def test_empty_day_and_closing_time() -> None:
    assert schedule_day(day(), [], DUR, DIST) is not None
    too_late = stop(1, (17 * H + 1800, 17 * H + 1800))
    assert schedule_day(day(), [too_late], DUR, DIST) is None  # back home after 18:00
