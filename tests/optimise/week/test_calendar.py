"""The week planner around the rep's calendar: holidays, time off, appointments, busy times."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from planner.domain import Account, Rep
from planner.domain.calendar import (
    Appointment,
    AppointmentKind,
    BusyTime,
    HalfDay,
    TimeOff,
    WeekCalendar,
)
from planner.optimise.week.calendar import calendar_problems, week_effect
from planner.optimise.week.check import check_plan
from planner.optimise.week.planner import WeekParams
from planner.services.plan_week import plan_week
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import MONDAY

FAST = WeekParams(time_limit_s=0.5, overnight=False)
TUESDAY, WEDNESDAY, THURSDAY = (MONDAY + timedelta(days=i) for i in (1, 2, 3))


def at(day: date, hour: int, minute: int = 0, rep: Rep | None = None) -> datetime:
    zone = (rep or Rep(name="x")).tz
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def appointment(key: str, kind: AppointmentKind, start: datetime, **extra: object) -> Appointment:
    return Appointment(
        id=f"a-{key}-{kind.value}", rep_name="Giulia", kind=kind, start=start, account_key=key,
        title=key, **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def weekly_meeting() -> tuple[BusyTime, ...]:
    """A team call every weekday 09:00–10:00 (as a recurring event expands)."""
    return tuple(
        BusyTime(at(MONDAY + timedelta(days=i), 9), at(MONDAY + timedelta(days=i), 10), "team")
        for i in range(5)
    )


def test_the_week_keeps_every_appointment_and_never_books_closed_or_busy_time(
    near_accounts: list[Account], rep: Rep, travel: GeodesicModel
) -> None:
    fixed_key, day_key, week_key = (a.key for a in near_accounts[:3])
    calendar = WeekCalendar(
        holidays=((TUESDAY, "Test holiday"),),
        time_off=(TimeOff("Giulia", THURSDAY),),
        appointments=(
            appointment(fixed_key, AppointmentKind.FIXED, at(WEDNESDAY, 11), minutes=90),
            appointment(
                day_key, AppointmentKind.DAY, at(MONDAY, 0), earliest=time(14), latest=time(16)
            ),
            appointment(week_key, AppointmentKind.WEEK, at(MONDAY, 0)),
        ),
        busy=weekly_meeting(),
    )
    plan = plan_week(near_accounts, rep, MONDAY, None, travel, params=FAST, calendar=calendar)
    assert [(c.day, c.reason) for c in plan.closed] == [
        (TUESDAY, "public holiday: Test holiday"),
        (THURSDAY, "time off"),
    ]
    assert {d.day for d in plan.days} == {MONDAY, WEDNESDAY, MONDAY + timedelta(days=4)}
    visits = {v.account_key: v for v in plan.visits()}
    fixed = visits[fixed_key]
    assert fixed.fixed and fixed.arrival == at(WEDNESDAY, 11)
    assert fixed.departure - fixed.arrival == timedelta(minutes=90)
    flexible = visits[day_key]
    assert flexible.arrival.date() == MONDAY and time(14) <= flexible.arrival.time() <= time(16)
    assert not flexible.fixed and flexible.appointment_id
    assert week_key in visits
    assert calendar_problems(plan, calendar) == []
    assert check_plan(plan, near_accounts, rep, travel) == []
    assert plan.conflicts == ()


def test_an_appointment_on_a_holiday_is_a_conflict_not_a_silent_drop(
    near_accounts: list[Account], rep: Rep, travel: GeodesicModel
) -> None:
    key = near_accounts[0].key
    calendar = WeekCalendar(
        holidays=((TUESDAY, "Test holiday"),),
        appointments=(appointment(key, AppointmentKind.FIXED, at(TUESDAY, 10)),),
    )
    plan = plan_week(near_accounts, rep, MONDAY, 3, travel, params=FAST, calendar=calendar)
    assert not any(v.day == TUESDAY and v.visits for v in plan.days)
    assert (
        len(plan.conflicts) == 1 and "closed (public holiday: Test holiday)" in (plan.conflicts[0])
    )


def test_afternoon_off_ends_the_day_at_lunch_and_morning_off_starts_after_it(
    near_accounts: list[Account], rep: Rep, travel: GeodesicModel
) -> None:
    calendar = WeekCalendar(
        time_off=(
            TimeOff("Giulia", MONDAY, HalfDay.AFTERNOON),
            TimeOff("Giulia", TUESDAY, HalfDay.MORNING),
        )
    )
    plan = plan_week(near_accounts, rep, MONDAY, 2, travel, params=FAST, calendar=calendar)
    monday, tuesday = plan.days
    assert monday.visits and tuesday.visits
    assert all(v.departure <= at(MONDAY, 12, 30) for v in monday.visits)
    assert all(v.arrival >= at(TUESDAY, 14) for v in tuesday.visits)
    assert check_plan(plan, near_accounts, rep, travel) == []


def test_both_halves_off_close_the_day_and_overlapping_fixed_ones_are_reported(
    rep: Rep,
) -> None:
    calendar = WeekCalendar(
        time_off=(
            TimeOff("Giulia", MONDAY, HalfDay.MORNING),
            TimeOff("Giulia", MONDAY, HalfDay.AFTERNOON),
        ),
        appointments=(
            appointment("id:a", AppointmentKind.FIXED, at(TUESDAY, 10)),
            appointment("id:b", AppointmentKind.FIXED, at(TUESDAY, 10, 30)),
            appointment("id:a", AppointmentKind.DAY, at(WEDNESDAY, 0)),
        ),
    )
    effect = week_effect(calendar, rep, [MONDAY, TUESDAY, WEDNESDAY])
    assert effect.open_dates == [TUESDAY, WEDNESDAY]
    assert [c.reason for c in effect.closed] == ["time off (afternoon)"]
    assert [lock.account_key for lock in effect.locks] == ["id:a", "id:b"]
    assert any("one visit per account a week" in c for c in effect.conflicts)
    assert any("overlaps" in c for c in effect.conflicts)


def test_busy_time_at_the_start_of_the_day_moves_the_start(rep: Rep) -> None:
    calendar = WeekCalendar(busy=(BusyTime(at(MONDAY, 8), at(MONDAY, 10, 30), "dentist"),))
    effect = week_effect(calendar, rep, [MONDAY])
    assert effect.shifts[MONDAY] == (time(10, 30), rep.work_end)
