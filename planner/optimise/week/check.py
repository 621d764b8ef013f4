"""An independent feasibility check of a finished WeekPlan.

It shares no code with the model, the schedule or the decoder: it re-reads the domain
objects, asks the travel model for the legs again and checks every rule from scratch —
opening hours, meeting lengths, working hours, the lunch break (the plan's break is long
enough, inside the lunch window and clear of driving and meetings; a plan that states
none needs an idle gap that could hold it), maximum driving, leg figures and costs, locks, and that
no account is visited twice. It returns the violations as sentences (empty = feasible).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta

from planner.domain.account import Account
from planner.domain.geo import GeoPoint
from planner.domain.plan import DayPlan, Lock, WeekPlan
from planner.domain.rep import Rep
from planner.optimise.week.locks import LockSpec
from planner.travel.costs import leg_cost
from planner.travel.model import TravelModel


def check_plan(
    plan: WeekPlan,
    accounts: Sequence[Account],
    rep: Rep,
    travel: TravelModel,
    locks: Sequence[LockSpec] = (),
) -> list[str]:
    by_key = {a.key: a for a in accounts}
    problems: list[str] = []
    seen: dict[str, date] = {}
    for day in plan.days:
        for visit in day.visits:
            if visit.account_key in seen:
                problems.append(
                    f"{visit.name} visited twice ({seen[visit.account_key]}, {day.day})"
                )
            seen[visit.account_key] = day.day
        problems += [f"{day.day}: {p}" for p in _check_day(day, by_key, rep, travel)]
    problems += _check_locks(plan, locks, rep)
    problems += _check_nights(plan)
    return problems


def _check_day(
    day: DayPlan, by_key: Mapping[str, Account], rep: Rep, travel: TravelModel
) -> list[str]:
    if not day.legs:
        return [] if not day.visits else ["visits without legs"]
    out: list[str] = []
    if day.day.weekday() not in rep.work_days:
        out.append("not a working day")
    points: list[GeoPoint] = [day.start.location]
    for visit in day.visits:
        account = by_key.get(visit.account_key)
        if account is None or account.location is None:
            return [f"{visit.name}: unknown or unlocated account"]
        points.append(account.location)
    points.append(day.end.location)
    out += _check_legs(day, points, rep, travel)
    out += _check_times(day, by_key, rep)
    if day.driving_s > rep.max_driving_minutes * 60:
        out.append(f"drives {day.driving_s} s, over the {rep.max_driving_minutes} min limit")
    if day.visits and rep.lunch_minutes:
        out += _check_lunch(day, rep)
    return out


def _check_lunch(day: DayPlan, rep: Rep) -> list[str]:
    """The plan's own break when it states one, else any idle gap that could hold it."""
    rule = (
        f"{rep.lunch_minutes}-minute lunch break between "
        f"{rep.lunch_start:%H:%M} and {rep.lunch_end:%H:%M}"
    )
    if day.lunch is None:
        return [] if lunch_break(day, rep) is not None else [f"no {rule}"]
    start, end = day.lunch.start.astimezone(rep.tz), day.lunch.end.astimezone(rep.tz)
    if end - start < timedelta(minutes=rep.lunch_minutes):
        return [f"the lunch break {start:%H:%M}–{end:%H:%M} is shorter than the {rule}"]
    if start.date() != day.day or start.time() < rep.lunch_start or end.time() > rep.lunch_end:
        return [f"the lunch break {start:%H:%M}–{end:%H:%M} is outside the {rule}"]
    if any(s < end.timestamp() and start.timestamp() < e for s, e in _busy(day)):
        return [f"the lunch break {start:%H:%M}–{end:%H:%M} overlaps driving or a meeting"]
    return []


def _check_legs(day: DayPlan, points: list[GeoPoint], rep: Rep, travel: TravelModel) -> list[str]:
    out = []
    matrix = travel.matrix(points)
    keys = [day.start.kind, *(v.account_key for v in day.visits), day.end.kind]
    if len(day.legs) != len(points) - 1:
        return [f"{len(day.legs)} legs for {len(points) - 1} moves"]
    for i, leg in enumerate(day.legs):
        if (leg.from_key, leg.to_key) != (keys[i], keys[i + 1]):
            out.append(
                f"leg {i} runs {leg.from_key}→{leg.to_key}, expected {keys[i]}→{keys[i + 1]}"
            )
        dist, dur = matrix.leg(i, i + 1)
        if (leg.distance_m, leg.duration_s) != (dist, dur):
            out.append(
                f"leg {i}: {leg.distance_m} m/{leg.duration_s} s, travel model says {dist}/{dur}"
            )
        if leg.cost != leg_cost(rep, dist, dur):
            out.append(f"leg {i}: cost {leg.cost} ≠ {leg_cost(rep, dist, dur)}")
    return out


def _local(moment: datetime, rep: Rep) -> datetime:
    return moment.astimezone(rep.tz)


def _check_times(day: DayPlan, by_key: Mapping[str, Account], rep: Rep) -> list[str]:
    out = []
    start = datetime.combine(day.day, rep.work_start, tzinfo=rep.tz)
    end = datetime.combine(day.day, rep.work_end, tzinfo=rep.tz)
    departures = [leg.departure for leg in day.legs]
    if any(d is None for d in departures):
        return ["a leg has no departure time"]
    clock = start
    for i, leg in enumerate(day.legs):
        assert leg.departure is not None
        if _local(leg.departure, rep) < clock:
            out.append(f"leg {i} leaves at {leg.departure:%H:%M}, before the previous step ends")
        arrive = _local(leg.departure, rep).timestamp() + leg.duration_s
        if i == len(day.visits):
            if arrive > end.timestamp():
                out.append("returns after the end of the working day")
            break
        visit = day.visits[i]
        if visit.arrival.timestamp() < arrive:
            out.append(f"{visit.name}: meeting starts before the rep arrives")
        account = by_key[visit.account_key]
        booked = bool(visit.appointment_id)  # an appointment sets its own length
        if not booked and (visit.departure - visit.arrival).total_seconds() < (
            account.meeting_minutes * 60
        ):
            out.append(f"{visit.name}: meeting shorter than {account.meeting_minutes} min")
        if visit.lock is not Lock.TIME and not _open(account, visit.arrival, visit.departure, rep):
            out.append(f"{visit.name}: {visit.arrival:%H:%M}–{visit.departure:%H:%M} outside hours")
        clock = _local(visit.departure, rep)
    return out


def _open(account: Account, arrival: datetime, departure: datetime, rep: Rep) -> bool:
    a, d = _local(arrival, rep), _local(departure, rep)
    if a.date() != d.date():
        return False
    if account.opening_hours is None:
        spans = [(rep.work_start, rep.work_end)]
    else:
        spans = [(iv.start, iv.end) for iv in account.opening_hours.on(a.weekday())]
    return any(s <= a.time() and d.time() <= e for s, e in spans)


def lunch_break(day: DayPlan, rep: Rep) -> tuple[datetime, datetime] | None:
    """The first idle gap (not driving, not meeting) holding the break in the lunch window."""
    busy = _busy(day)
    lo = datetime.combine(day.day, rep.lunch_start, tzinfo=rep.tz).timestamp()
    hi = datetime.combine(day.day, rep.lunch_end, tzinfo=rep.tz).timestamp()
    midnight = datetime.combine(day.day, time(0), tzinfo=rep.tz).timestamp()
    need = rep.lunch_minutes * 60
    free_from = midnight
    for busy_start, busy_end in [*busy, (midnight + 86_400, midnight + 86_400)]:
        start = max(free_from, lo)
        if min(busy_start, hi) - start >= need:
            return (
                datetime.fromtimestamp(start, rep.tz),
                datetime.fromtimestamp(start + need, rep.tz),
            )
        free_from = max(free_from, busy_end)
    return None


def _busy(day: DayPlan) -> list[tuple[float, float]]:
    """Driving and meetings, as (start, end) epoch seconds in time order."""
    busy: list[tuple[float, float]] = []
    for leg in day.legs:
        assert leg.departure is not None
        t = leg.departure.timestamp()
        busy.append((t, t + leg.duration_s))
    busy += [(v.arrival.timestamp(), v.departure.timestamp()) for v in day.visits]
    return sorted(busy)


def _check_locks(plan: WeekPlan, locks: Sequence[LockSpec], rep: Rep) -> list[str]:
    where = {v.account_key: (d.day, v) for d in plan.days for v in d.visits}
    out = []
    for lock in locks:
        found = where.get(lock.account_key)
        if found is None:
            out.append(f"locked account {lock.account_key} is not in the plan")
        elif lock.kind is Lock.DAY and found[0] != lock.day:
            out.append(f"{lock.account_key} locked to {lock.day} but planned on {found[0]}")
        elif lock.kind is Lock.TIME and found[1].arrival != lock.arrival:
            out.append(f"{lock.account_key} locked at {lock.arrival} but starts {found[1].arrival}")
    return out


def _check_nights(plan: WeekPlan) -> list[str]:
    out = []
    for before, after in zip(plan.days, plan.days[1:], strict=False):
        if before.end.kind == "hotel" and after.start.location != before.end.location:
            out.append(f"{after.day} does not start at the hotel where {before.day} ended")
    return out
