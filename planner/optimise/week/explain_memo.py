"""Why-not-visited figures kept between hand edits of one week.

A left-out candidate's reason rests on two figures per day it could go on: whether the
day could hold it alone, and its cheapest insertion into the day as planned. Both depend
only on that day (its shift, where it starts and ends, its stops in order) and on the
candidate (where it is, how long the meeting lasts, its windows that day). A hand edit
changes one or two days, so the other days' figures stand and only the changed days are
searched again — for all left-out candidates at once (`day_insertions`).

Keys name places by account and location, never by matrix index: a problem rebuilt after
an edit (an account taken out shifts every index) still finds what is unchanged. The
figures behind a key — travel times and costs between those places — come from the
travel model and the rep's costs, so a memo holds for one rep, one travel model and one
week, and empties itself when any of them changes (`bind`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt

from planner.domain.geo import GeoPoint
from planner.domain.rep import Rep
from planner.optimise.week.insertion import (
    DayState,
    Insertion,
    Routes,
    cause_text,
    places,
    time_day,
    trial_verdict,
)
from planner.optimise.week.problem import Candidate, DaySpec, WeekProblem

Place = tuple[str, float, float]  # (account key, or "" for the rep's home; lat; lon)
DayKey = tuple[Any, ...]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
CandidateKey = tuple[Any, ...]


class ExplainMemo:
    """Per-day insertion figures of left-out candidates, for the last `max_days` day states."""

    def __init__(self, max_days: int = 64) -> None:
        self._max_days = max_days
        self._scope: tuple[Rep, Any, Any] | None = None
        self._insertions: OrderedDict[DayKey, dict[CandidateKey, Insertion]] = OrderedDict()
        self._alone: dict[tuple[int, CandidateKey], bool] = {}
        self._shift_ids: dict[DayKey, int] = {}  # a shift's key, hashed once per lookup
        self.searched = 0  # candidate-days searched (not found in the memo): for tests

    def bind(self, rep: Rep, week: Any, travel_model: object) -> None:
        """The figures hold for this rep (costs, home), week and travel model only."""
        scope = (rep, week, travel_model)
        if self._scope is None or not _same_scope(self._scope, scope):
            self._scope = scope
            self._insertions.clear()
            self._alone.clear()
            self._shift_ids.clear()

    def lookup(
        self,
        problem: WeekProblem,
        routes: Routes,
        states: dict[int, DayState],
        left_out: Sequence[int],
    ) -> Lookup:
        """Figures for the `left_out` candidates of `problem` planned as `routes`."""
        return Lookup(self, problem, routes, states, left_out)

    def _shift_id(self, key: DayKey) -> int:
        return self._shift_ids.setdefault(key, len(self._shift_ids))

    def _day(self, key: DayKey) -> dict[CandidateKey, Insertion]:
        found = self._insertions.get(key)
        if found is None:
            found = self._insertions[key] = {}
            while len(self._insertions) > self._max_days:
                self._insertions.popitem(last=False)
        else:
            self._insertions.move_to_end(key)
        return found


def _same_scope(a: tuple[Rep, Any, Any], b: tuple[Rep, Any, Any]) -> bool:
    return a[2] is b[2] and a[1] == b[1] and a[0] == b[0]


class Lookup:
    """The memo seen from one problem and its routes: insertion figures per candidate.
    Days the memo lacks are searched when the lookup is made, for every candidate."""

    def __init__(
        self,
        memo: ExplainMemo,
        problem: WeekProblem,
        routes: Routes,
        states: dict[int, DayState],
        left_out: Sequence[int],
    ) -> None:
        self._memo, self._problem = memo, problem
        self._places: dict[int, Place] = {0: _place("", problem.rep.home)}
        for cand in problem.candidates:
            self._places[cand.place] = _place(cand.key, cand.account.location)
        self._shifts = [memo._shift_id(self._shift_key(spec)) for spec in problem.days]
        self._keys = {idx: self._keys_of(problem.candidates[idx]) for idx in left_out}
        self._days = []
        for day, route in enumerate(routes):
            stops = tuple(self._candidate_key(problem.candidates[c], day) for c in route)
            found = memo._day((self._shifts[day], stops))
            missing = [
                i for i in left_out if day in self._keys[i] and self._keys[i][day] not in found
            ]
            if missing:
                memo.searched += len(missing)
                searched = day_insertions(problem, routes, day, missing, states[day])
                found.update({self._keys[i][day]: searched[i] for i in missing})
            self._days.append(found)

    def best_insertion(self, idx: int) -> Insertion:
        """What `insertion.best_insertion` gives for the whole week, from each day's."""
        per_day = []
        for day, key in self._keys[idx].items():
            ins = self._days[day][key]
            # Found under another problem of the scope, where this day may have had another
            # index (a day closed since): the figures hold, the index is this problem's.
            per_day.append(ins if ins.day == day else replace(ins, day=day))
        return _combine(per_day)

    def alone(self, idx: int) -> list[int]:
        """The days that could hold the visit with nothing else in them."""
        out = []
        for day, candidate in self._keys[idx].items():
            key = (self._shifts[day], candidate)
            fits = self._memo._alone.get(key)
            if fits is None:
                fits = self._memo._alone[key] = time_day(self._problem, day, [idx]) is not None
            if fits:
                out.append(day)
        return out

    def _keys_of(self, cand: Candidate) -> dict[int, CandidateKey]:
        """The candidate's key on each day it is open, by day."""
        windows: dict[int, list[tuple[int, int]]] = {}
        for w in cand.windows:
            windows.setdefault(w.day, []).append((w.early_s, w.late_s))
        place = self._places[cand.place]
        return {day: (place, cand.service_s, tuple(windows[day])) for day in sorted(windows)}

    def _candidate_key(self, cand: Candidate, day: int) -> CandidateKey:
        windows = tuple((w.early_s, w.late_s) for w in cand.windows if w.day == day)
        return (self._places[cand.place], cand.service_s, windows)

    def _shift_key(self, spec: DaySpec) -> DayKey:
        neutral = replace(spec, start_place=0, end_place=0)  # places by name, below
        return (neutral, self._places[spec.start_place], self._places[spec.end_place])


def day_insertions(
    problem: WeekProblem, routes: Routes, day: int, cands: Sequence[int], state: DayState
) -> dict[int, Insertion]:
    """`best_insertion(problem, routes, c, states={day: state}, days=(day,))` for every
    candidate `c` (each open on `day`), with every position's cost and the quick checks
    (`insertion._quick_verdict`) computed for all candidates at once."""
    if not cands:
        return {}
    spec = problem.days[day]
    p = np.array(places(problem, day, routes[day]), dtype=np.int64)
    a, b = p[:-1], p[1:]  # the leg each position would split
    v = np.array([problem.candidates[c].place for c in cands], dtype=np.int64)
    cost, dur = problem.cost_cents, problem.duration_s
    delta = cost[np.ix_(a, v)].T + cost[np.ix_(v, b)] - cost[a, b]  # (candidate, position)
    to_v = dur[np.ix_(a, v)].T
    detour = to_v + dur[np.ix_(v, b)] - dur[a, b]
    service = np.array([problem.candidates[c].service_s for c in cands])
    late = np.array([max(w.late_s for w in problem.candidates[c].windows_on(day)) for c in cands])
    # `insertion._quick_verdict`, in its order: no free time for the meeting ("full"),
    # even the earliest arrival misses its hours ("hours"), over the driving limit.
    full = np.broadcast_to((state.idle_s < service)[:, None], delta.shape)
    hours = ~full & ((np.array(state.ready_s)[None, :] + to_v) > late[:, None])
    driving = ~full & ~hours & (state.driving_s + detour > spec.max_drive_s)
    # Beyond the quick checks, and without changing any answer: the meeting and the extra
    # driving must fit in the day's free time (a timed day always holds its lunch break,
    # so the free time is net of it). A position failing this cannot be timed even were
    # the account open all day: "full", and not tried.
    no_room = (service[:, None] + detour) > state.idle_s
    # Nor when the visit, even were the account open all day, pushes the stops after it
    # past their hours or the shift's end (lunch left out: it only delays).
    arrive_next, slack = _slack(problem, routes, day, state)
    pushed = np.array(state.ready_s)[None, :] + to_v + service[:, None]
    pushed += dur[np.ix_(v, b)] - arrive_next[None, :]
    no_room = ~full & ~hours & ~driving & (no_room | (pushed > slack[None, :]))
    ruled_out = full | hours | driving | no_room
    out = {}
    for i, cand in enumerate(cands):
        causes = {
            cause for cause, ruled in (("full", full[i] | no_room[i]), ("hours", hours[i]),
                                       ("driving", driving[i])) if ruled.any()
        }  # fmt: skip
        out[cand] = _first_fit(problem, routes, (day, cand), delta[i], (ruled_out[i], causes))
    return out


def _slack(
    problem: WeekProblem, routes: Routes, day: int, state: DayState
) -> tuple[IntArray, IntArray]:
    """For the place after each position (a stop, or the day's end): its arrival in the
    day as timed without lunch, and how much later it could be reached with every later
    stop still in its hours and the day ended in the shift (waiting absorbs delay)."""
    route, spec = routes[day], problem.days[day]
    p = places(problem, day, route)
    ready = state.ready_s
    arrive = [ready[k] + int(problem.duration_s[p[k], p[k + 1]]) for k in range(len(p) - 1)]
    slack = [0] * len(arrive)
    slack[-1] = spec.end_s - arrive[-1]  # the end of the day
    for k in range(len(route) - 1, -1, -1):  # stop k: reached at arrive[k], left at ready[k + 1]
        cand = problem.candidates[route[k]]
        wait = ready[k + 1] - cand.service_s - arrive[k]
        latest = max((w.late_s for w in cand.windows_on(day)), default=arrive[k])
        slack[k] = min(latest - arrive[k], wait + slack[k + 1])
    return np.array(arrive, dtype=np.int64), np.array(slack, dtype=np.int64)


def _first_fit(
    problem: WeekProblem,
    routes: Routes,
    at: tuple[int, int],
    delta: IntArray,
    ruled: tuple[BoolArray, set[str]],
) -> Insertion:
    """The cheapest position (ties: the earlier) not ruled out whose day times out
    feasible; else the cheapest position, infeasible, with the reason: every cause met,
    the ruled-out positions' (`ruled`: which, and why) and the timed ones'."""
    day, cand = at
    ruled_out, causes = ruled
    order = np.argsort(delta, kind="stable")  # by cost, then position
    for pos in order:
        if ruled_out[pos]:
            continue
        timed = trial_verdict(problem, routes, cand, day, int(pos))
        if timed == "fits":
            return Insertion(day, int(pos), int(delta[pos]), True)
        causes = causes | {timed}
    cheapest = int(order[0])
    return Insertion(day, cheapest, int(delta[cheapest]), False, cause_text(causes))


# Each day's reason names its weightiest cause; the week's names the weightiest of all.
_CAUSE_OF = {cause_text({cause}): cause for cause in ("full", "hours", "driving")}


def _combine(per_day: list[Insertion]) -> Insertion:
    """The week's answer from each day's: the cheapest feasible position (ties to the
    earlier day and position); when none is feasible, the cheapest position, with the
    reason all days' causes give."""
    feasible = [ins for ins in per_day if ins.feasible]
    if feasible:
        return min(feasible, key=_order)
    cheapest = min(per_day, key=_order)
    return replace(cheapest, reason=cause_text({_CAUSE_OF[ins.reason] for ins in per_day}))


def _order(ins: Insertion) -> tuple[int, int, int]:
    return (ins.delta_cents, ins.day or 0, ins.position)


def _place(key: str, location: GeoPoint | None) -> Place:
    return (key, location.lat, location.lon) if location else (key, 0.0, 0.0)
