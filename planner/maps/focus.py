"""What the map opens on: the area the user works on, not every account they have.

A rep with a week planned sees the week (its stops and the home or hotels the days start
and end at); without a plan, their own accounts and home; without a rep, every account.
A workspace of stores spread over the world then still opens on one rep's week.

The page frames a focus once per `key` (`planner.setFocus`): a new rep, week or kind of
focus re-frames the map; an edit of the same week keeps the user's zoom and pan. So the
key is cheap, and the box is worked out only when a page needs it (a new key): a plan
edit, which builds the map data again, does not scan 25,000 accounts for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any

from planner.domain import Account, GeoPoint, Rep, WeekPlan

Box = tuple[float, float, float, float]  # south, west, north, east


class Focus:
    def __init__(self, key: str, points: Callable[[], Iterable[GeoPoint]]) -> None:
        self.key = key  # what is framed: "week <rep> <date>", "rep <name>", "all"
        self._points = points

    @cached_property
    def box(self) -> Box | None:
        """The box around the focus's points (None without any)."""
        spots = list(self._points())
        if not spots:
            return None
        lats, lons = [p.lat for p in spots], [p.lon for p in spots]
        return min(lats), min(lons), max(lats), max(lons)

    def to_dict(self) -> dict[str, Any] | None:
        """For planner.setFocus: {key, bounds: [[south, west], [north, east]]}."""
        if self.box is None:
            return None
        south, west, north, east = (round(v, 5) for v in self.box)
        return {"key": self.key, "bounds": [[south, west], [north, east]]}


def week_focus(plan: WeekPlan | None, accounts: Iterable[Account]) -> Focus | None:
    """The planned week: its visits and where its days start and end (None when the
    plan has no visit)."""
    if plan is None or not plan.visits():
        return None

    def points() -> list[GeoPoint]:
        visited = {v.account_key for v in plan.visits()}
        spots = [a.location for a in accounts if a.location is not None and a.key in visited]
        return spots + [stop.location for day in plan.days for stop in (day.start, day.end)]

    return Focus(f"week {plan.rep_name} {plan.week_start.isoformat()}", points)


def rep_focus(
    rep: Rep,
    own: Callable[[], Iterable[Account]],
    everyone: Iterable[Account],
    all_accounts: bool = False,
) -> Focus:
    """The rep's `own` accounts and home; every account while none of those is located."""

    def points() -> list[GeoPoint]:
        spots = [a.location for a in own() if a.location is not None]
        if not spots:
            return located(everyone)
        return spots + ([rep.home] if rep.home else [])

    return Focus(f"rep {rep.name}" + (" (all accounts)" if all_accounts else ""), points)


def all_focus(accounts: Iterable[Account]) -> Focus:
    return Focus("all", lambda: located(accounts))


def located(accounts: Iterable[Account]) -> list[GeoPoint]:
    return [a.location for a in accounts if a.location is not None]
