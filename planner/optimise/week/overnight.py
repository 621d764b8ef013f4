"""Overnight stays: a hotel near a far, valuable cluster versus driving home every night.

The site: among accounts at least `overnight_min_drive_s` from home (one way), the most
valuable one seeds a cluster of the far accounts within an hour's drive of it; the hotel
is placed at the cluster member with the least value-weighted driving time to the others
("hotel near <account>"). The week sleeping at home is optimised first; then for each run
of consecutive nights (one night, then two, then three) that week is re-routed with the
run's first day ending at the hotel, the days inside it starting and ending there and
the day after starting there (re-timed, visits that no longer fit dropped, every account
that pays inserted best-first), and its net (value − travel − hotels and allowances)
is compared with the home week's. A stay is planned, and optimised further, only when
it pays; every option's figures are kept for the user to see
(`planner.optimise.week.orchestrate`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, replace

from planner.domain.formats import Formats
from planner.domain.i18n import N_
from planner.domain.plan import Stop
from planner.domain.units import Money
from planner.optimise.week.planner import Solved
from planner.optimise.week.problem import HOME, WeekProblem
from planner.travel.costs import overnight_cost

CLUSTER_RADIUS_S = 3600


@dataclass(frozen=True)
class StayOption:
    """One way of spending the week's nights, with its figures."""

    label: str  # "home every night" or "hotel near X after Tue 03 Mar"
    nights: tuple[int, ...]  # indices of the days that end at the hotel
    value: Money
    travel: Money
    hotel: Money
    distance_m: int
    driving_s: int

    @property
    def net(self) -> Money:
        return self.value - self.travel - self.hotel

    def line(self, chosen: bool) -> str:
        return N_(
            "{mark} {label}: value {value} − travel {travel} − hotel {hotel} = {net} "
            "({km} km, {driving} driving)"
        ).format(
            mark="*" if chosen else "-", label=self.label, value=self.value,
            travel=self.travel, hotel=self.hotel, net=self.net,
            km=round(self.distance_m / 1000), driving=Formats.duration(self.driving_s),
        )  # fmt: skip


@dataclass(frozen=True)
class StayComparison:
    options: tuple[StayOption, ...]  # options[0] is home every night
    chosen: int

    def lines(self) -> list[str]:
        header = N_(
            "Overnight comparison (the optimised week at home, and that week re-routed "
            "through a hotel):"
        )
        return [header, *(o.line(i == self.chosen) for i, o in enumerate(self.options))]


def hotel_site(problem: WeekProblem, min_drive_s: int) -> int | None:
    """Index of the candidate whose place hosts the hotel, or None without a far cluster.

    A cluster worth less than one night away cannot pay for it and is not tried. The
    hotel must be reachable from home, and home from it, within one day's driving limit
    and shift: a hotel further away would leave the day of the drive there (or back)
    impossible, which on a US territory once made every plan with a night away fail.
    """
    dur = problem.duration_s
    far = [
        i
        for i, c in enumerate(problem.candidates)
        if c.prize > 0
        and c.windows
        and min_drive_s <= int(dur[HOME, c.place]) <= _one_day_drive(problem)
        and int(dur[c.place, HOME]) <= _one_day_drive(problem)
    ]
    if not far:
        return None
    seed = max(far, key=lambda i: problem.candidates[i].prize)
    seed_place = problem.candidates[seed].place
    members = [
        i for i in far if int(dur[seed_place, problem.candidates[i].place]) <= CLUSTER_RADIUS_S
    ]

    def spread(i: int) -> int:
        here = problem.candidates[i].place
        return sum(
            problem.candidates[m].prize * int(dur[here, problem.candidates[m].place])
            for m in members
        )

    if sum(problem.candidates[m].prize for m in members) <= overnight_cost(problem.rep).cents:
        return None
    return min(members, key=spread)


def _one_day_drive(problem: WeekProblem) -> int:
    """The longest drive every day of the week allows, within its shift and driving limit."""
    return min(min(d.max_drive_s, d.end_s - d.start_s) for d in problem.days)


def stay_runs(problem: WeekProblem, longest: int = 3) -> list[tuple[int, ...]]:
    """Runs of consecutive hotel nights worth trying, shortest first: every run, or only
    those from the first night when every day is alike (then where a run sits is moot)."""
    nights = len(problem.days) - 1
    return [
        tuple(range(first, first + n))
        for n in range(1, min(longest, nights) + 1)
        for first in _distinct_nights(problem)
        if first + n <= nights
    ]


def stay_label(problem: WeekProblem, nights: tuple[int, ...], hotel: str) -> str:
    first = problem.days[nights[0]].day
    if len(nights) == 1:
        return N_("{hotel} after {day}").format(hotel=hotel, day=f"{first:%a %d %b}")
    return N_("{hotel}, {count} nights from {day}").format(
        hotel=hotel, count=len(nights), day=f"{first:%a %d %b}"
    )


def _distinct_nights(problem: WeekProblem) -> list[int]:
    """Nights worth trying: all of them, or only the first when every day is alike."""
    nights = list(range(len(problem.days) - 1))

    def signature(d: int) -> tuple[object, ...]:
        spec = problem.days[d]
        windows = frozenset(
            (c, w.early_s - spec.offset_s, w.late_s - spec.offset_s)
            for c, cand in enumerate(problem.candidates)
            for w in cand.windows_on(d)
        )
        return (spec.start_s - spec.offset_s, spec.end_s - spec.offset_s, windows)

    first = signature(0)
    if all(signature(d) == first for d in range(1, len(problem.days))):
        return nights[:1]
    return nights


def with_hotel(problem: WeekProblem, nights: Iterable[int], site: int) -> WeekProblem:
    """The same week with each day in `nights` ending at the hotel and the next day
    starting there."""
    cand = problem.candidates[site]
    assert cand.account.location is not None
    hotel = Stop(
        N_("hotel near {place}").format(place=cand.account.name),
        cand.account.location,
        kind="hotel",
    )
    days = list(problem.days)
    for night in nights:
        days[night] = replace(days[night], end_place=cand.place, end_stop=hotel)
        days[night + 1] = replace(days[night + 1], start_place=cand.place, start_stop=hotel)
    return problem.with_days(days)


def option(problem: WeekProblem, solved: Solved, label: str, nights: tuple[int, ...]) -> StayOption:
    cur = problem.rep.currency
    distance = driving = 0
    for d, route in enumerate(solved.routes):
        spec = problem.days[d]
        if not route and spec.start_place == spec.end_place:
            continue
        p = [spec.start_place, *(problem.candidates[c].place for c in route), spec.end_place]
        distance += sum(int(problem.distance_m[a, b]) for a, b in itertools.pairwise(p))
        driving += sum(int(problem.duration_s[a, b]) for a, b in itertools.pairwise(p))
    return StayOption(
        label,
        nights,
        Money(solved.value_cents, cur),
        Money(solved.travel_cents, cur),
        Money(solved.hotel_cents, cur),
        distance,
        driving,
    )
