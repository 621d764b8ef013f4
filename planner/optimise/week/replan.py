"""Re-planning: start from the previous plan so one change does not reshuffle the week.

Two mechanisms, both explicit:

* Warm start: the previous routes (same accounts, same days, same order) are handed to
  the solver as its initial solution, so the search starts from the old week.
* Day pinning (`keep_days`): an account planned before and not touched by a lock keeps
  only its previous day's windows — it may be re-ordered within the day or dropped if
  it no longer pays, but it does not wander to another day. Moving a visit is a day lock
  on the new day; the user lifts pinning by asking for a full re-plan.
"""

from __future__ import annotations

from dataclasses import replace

from planner.domain.plan import WeekPlan
from planner.optimise.week.planner import WarmStart
from planner.optimise.week.problem import WeekProblem


def previous_routes(problem: WeekProblem, previous: WeekPlan) -> WarmStart:
    index = {c.key: i for i, c in enumerate(problem.candidates)}
    by_date = {day.day: day for day in previous.days}
    routes = []
    for spec in problem.days:
        old = by_date.get(spec.day)
        visits = [] if old is None else old.visits
        routes.append(
            [
                (index[v.account_key], problem.to_seconds(v.arrival))
                for v in visits
                if v.account_key in index and not v.cancelled
            ]
        )
    return routes


def pin_days(problem: WeekProblem, previous: WeekPlan) -> WeekProblem:
    day_index = {spec.day: d for d, spec in enumerate(problem.days)}
    old_day = {
        v.account_key: day_index[day.day]
        for day in previous.days
        if day.day in day_index
        for v in day.visits
    }
    candidates = []
    for cand in problem.candidates:
        d = old_day.get(cand.key)
        if cand.lock is None and d is not None:
            pinned = tuple(w for w in cand.windows if w.day == d)
            cand = replace(cand, windows=pinned) if pinned else cand
        candidates.append(cand)
    return problem.with_candidates(candidates)
