"""Re-time a stored week plan on another travel model (roads) and list what breaks.

The rep follows the plan in its order: each leg leaves at its planned time or, when
running late, as soon as the previous meeting (or the lunch break) is over; a meeting
starts on arrival, never before its planned time, and lasts as planned. Every late
arrival, every meeting pushed outside the account's opening hours, every day ending
after working hours and every day over the driving limit is reported with its minutes.
Re-timing a plan on the model it was planned with finds nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from planner.domain.account import Account
from planner.domain.geo import GeoPoint
from planner.domain.plan import DayPlan, WeekPlan
from planner.domain.rep import Rep
from planner.travel.model import TravelModel

LATE, WINDOW, OVERTIME, DRIVING = "late", "window", "overtime", "driving"
_TOLERANCE_S = 60  # rounding between models is not lateness


@dataclass(frozen=True)
class RetimeIssue:
    day: str  # ISO date
    kind: str  # late | window | overtime | driving
    minutes: int
    text: str


@dataclass(frozen=True)
class Retimed:
    issues: tuple[RetimeIssue, ...]
    planned_driving_s: int
    road_driving_s: int
    notes: tuple[str, ...]

    def count(self, kind: str) -> int:
        return sum(1 for i in self.issues if i.kind == kind)


def retime_plan(
    plan: WeekPlan, accounts: Sequence[Account], rep: Rep, model: TravelModel
) -> Retimed:
    by_key = {a.key: a for a in accounts}
    issues: list[RetimeIssue] = []
    planned = road = 0
    notes: list[str] = []
    for day in plan.days:
        if not day.visits:
            continue
        points = _points(day, by_key)
        if points is None:
            notes.append(f"{day.day}: a visited account has no location; day skipped")
            continue
        matrix = model.matrix(points)
        durations = [int(matrix.duration_s[i, i + 1]) for i in range(len(points) - 1)]
        planned += day.driving_s
        road += sum(durations)
        issues += _day_issues(day, durations, by_key, rep)
        notes += [n for n in matrix.notes if n not in notes]
    return Retimed(tuple(issues), planned, road, tuple(notes))


def _points(day: DayPlan, by_key: Mapping[str, Account]) -> list[GeoPoint] | None:
    points = [day.start.location]
    for visit in day.visits:
        account = by_key.get(visit.account_key)
        if account is None or account.location is None:
            return None
        points.append(account.location)
    return [*points, day.end.location]


def _day_issues(
    day: DayPlan, durations: list[int], by_key: Mapping[str, Account], rep: Rep
) -> list[RetimeIssue]:
    out: list[RetimeIssue] = []
    iso = day.day.isoformat()
    first = day.legs[0].departure
    clock = first if first is not None else datetime.combine(day.day, rep.work_start, rep.tz)
    for i, (visit, leg) in enumerate(zip(day.visits, day.legs, strict=False)):
        if day.lunch is not None and day.lunch_after == i and i > 0:
            start = max(day.lunch.start, clock)
            clock = start + (day.lunch.end - day.lunch.start)
        depart = max(leg.departure or clock, clock)
        arrive = depart + timedelta(seconds=durations[i])
        late = (arrive - visit.arrival).total_seconds()
        if late > _TOLERANCE_S:
            text = f"{visit.name}: arrives {_hm(arrive, rep)}, planned {_hm(visit.arrival, rep)}"
            out.append(RetimeIssue(iso, LATE, _minutes(late), text))
        begin = max(arrive, visit.arrival)
        clock = begin + (visit.departure - visit.arrival)
        window = _outside_hours(by_key[visit.account_key], begin, clock, rep)
        if window is not None:
            text = f"{visit.name}: meeting {_hm(begin, rep)}–{_hm(clock, rep)} outside its hours"
            out.append(RetimeIssue(iso, WINDOW, window, text))
    back = max(day.legs[-1].departure or clock, clock) + timedelta(seconds=durations[-1])
    return out + _day_end(iso, back, sum(durations), rep)


def _day_end(iso: str, back: datetime, driving_s: int, rep: Rep) -> list[RetimeIssue]:
    out = []
    end = datetime.combine(back.astimezone(rep.tz).date(), rep.work_end, rep.tz)
    over = (back - end).total_seconds()
    if over > _TOLERANCE_S:
        text = f"back at {_hm(back, rep)}, after the working day ends ({rep.work_end:%H:%M})"
        out.append(RetimeIssue(iso, OVERTIME, _minutes(over), text))
    driving = driving_s - rep.max_driving_minutes * 60
    if driving > _TOLERANCE_S:
        text = f"over the {rep.max_driving_minutes}-minute daily driving limit"
        out.append(RetimeIssue(iso, DRIVING, _minutes(driving), text))
    return out


def _outside_hours(account: Account, begin: datetime, end: datetime, rep: Rep) -> int | None:
    """Minutes of the meeting outside the account's hours (None: inside them)."""
    if account.opening_hours is None:
        return None
    a, b = begin.astimezone(rep.tz), end.astimezone(rep.tz)
    spans = account.opening_hours.on(a.weekday())
    best: float | None = None
    for span in spans:
        lo = datetime.combine(a.date(), span.start, rep.tz)
        hi = datetime.combine(a.date(), span.end, rep.tz)
        missed = max(0.0, (lo - a).total_seconds()) + max(0.0, (b - hi).total_seconds())
        best = missed if best is None else min(best, missed)
    if best is None:
        return _minutes((b - a).total_seconds())  # closed that day
    return _minutes(best) if best > _TOLERANCE_S else None


def _minutes(seconds: float) -> int:
    return max(1, round(seconds / 60))


def _hm(moment: datetime, rep: Rep) -> str:
    return f"{moment.astimezone(rep.tz):%H:%M}"
