"""Timing one day's route, lunch break included.

PyVRP has no breaks (see `planner.optimise.week.model`); here the break is placed
exactly: we try every
point of the day where the rep is idle — at the start, before each leg, on arrival before a
meeting, on arrival at the end — start lunch at the earliest moment allowed, push later
visits back, and keep the placement that ends the day soonest while every visit still
starts inside one of its opening windows. Waiting for a shop to reopen after its own lunch
closure therefore becomes the rep's lunch at no cost. When no placement works the day is
infeasible and the caller drops a visit (see `planner.optimise.week.repair`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from planner.optimise.week.problem import DaySpec, Window


@dataclass(frozen=True)
class StopTiming:
    """A visit to time: its place, meeting length and that day's windows in time order."""

    place: int
    service_s: int
    windows: tuple[Window, ...]


@dataclass(frozen=True)
class Timeline:
    leg_departures: tuple[int, ...]  # len(stops) + 1
    arrivals: tuple[int, ...]  # visit start (service begins)
    departures: tuple[int, ...]  # visit end
    end_s: int  # arrival at the day's end place (a lunch taken there comes after)
    lunch: tuple[int, int] | None
    driving_s: int
    distance_m: int


# A lunch slot: ("leg", i) = before driving leg i; ("arrive", i) = on arrival at stop i
# (i == len(stops) means the end place).
Slot = tuple[str, int]


def schedule_day(
    day: DaySpec,
    stops: Sequence[StopTiming],
    duration_s: npt.NDArray[np.int64],
    distance_m: npt.NDArray[np.int64],
) -> Timeline | None:
    """The earliest-ending feasible timing of `stops` in this order, or None."""
    if not stops:  # a transfer day (home → hotel) or an empty day
        drive = int(duration_s[day.start_place, day.end_place])
        dist = int(distance_m[day.start_place, day.end_place])
        end = day.start_s + drive
        return (
            Timeline((day.start_s,), (), (), end, None, drive, dist) if end <= day.end_s else None
        )
    ready: dict[Slot, int] = {}
    base = _simulate(day, stops, duration_s, distance_m, slot=None, ready=ready)
    if base is None or day.lunch_s <= 0:
        # Lunch only delays, and a later arrival never opens an earlier window: when the
        # day fails without the break it fails with it.
        return base
    # Up to a slot, the day runs exactly as without lunch; a slot whose clock is already
    # past the last possible lunch start cannot hold the break.
    slots = [slot for slot, t in ready.items() if t + day.lunch_s <= day.lunch_to_s]
    best: Timeline | None = None
    for slot in slots:
        timeline = _simulate(day, stops, duration_s, distance_m, slot=slot)
        if timeline is not None and (best is None or timeline.end_s < best.end_s):
            best = timeline
    return best


def _lunch_at(day: DaySpec, ready: int) -> tuple[int, int] | None:
    start = max(ready, day.lunch_from_s)
    if start + day.lunch_s > day.lunch_to_s:
        return None
    return (start, start + day.lunch_s)


def _service_start(arrive: int, windows: Sequence[Window]) -> int | None:
    for window in windows:  # in time order (see StopTiming)
        if arrive <= window.late_s:
            return max(arrive, window.early_s)
    return None


def _simulate(
    day: DaySpec,
    stops: Sequence[StopTiming],
    duration_s: npt.NDArray[np.int64],
    distance_m: npt.NDArray[np.int64],
    *,
    slot: Slot | None,
    ready: dict[Slot, int] | None = None,
) -> Timeline | None:
    """Time the day with lunch at `slot`; `ready` collects the clock at every slot."""
    places = [day.start_place, *(s.place for s in stops), day.end_place]
    t, lunch = day.start_s, None
    legs, arrivals, departures = [], [], []
    for i in range(len(stops) + 1):
        if ready is not None:
            ready["leg", i] = t
        if slot == ("leg", i):
            if (lunch := _lunch_at(day, t)) is None:
                return None
            t = lunch[1]
        legs.append(t)
        t += int(duration_s[places[i], places[i + 1]])
        if ready is not None:
            ready["arrive", i] = t
        if i == len(stops):
            # Lunch on getting back is taken at home/hotel: the working day ends on arrival.
            if slot == ("arrive", i) and (lunch := _lunch_at(day, t)) is None:
                return None
            break
        if slot == ("arrive", i):
            if (lunch := _lunch_at(day, t)) is None:
                return None
            t = lunch[1]
        start = _service_start(t, stops[i].windows)
        if start is None:
            return None
        arrivals.append(start)
        t = start + stops[i].service_s
        departures.append(t)
    if t > day.end_s:
        return None
    legs[0] = _leave_later(legs[0], arrivals[0], places, duration_s, slot)
    driving = sum(int(duration_s[a, b]) for a, b in itertools.pairwise(places))
    distance = sum(int(distance_m[a, b]) for a, b in itertools.pairwise(places))
    return Timeline(tuple(legs), tuple(arrivals), tuple(departures), t, lunch, driving, distance)


def _leave_later(
    leave: int,
    first_start: int,
    places: list[int],
    duration_s: npt.NDArray[np.int64],
    slot: Slot | None,
) -> int:
    """Leave home just in time for the first meeting instead of waiting outside."""
    if slot in (("leg", 0), ("arrive", 0)):
        return leave
    return max(leave, first_start - int(duration_s[places[0], places[1]]))
