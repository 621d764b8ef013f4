"""What the map opens on: the area the user works on, not every account they have.

A rep with a week planned sees the week (its stops and the home or hotels the days start
and end at); without a plan, their own accounts and home; without a rep, every account.
A workspace of stores spread over the world then still opens on one rep's week.

The page fits a focus once per `key` (`planner.setFocus`): a new rep, week or kind of
focus re-frames the map; an edit of the same week keeps the user's zoom and pan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from planner.domain import Account, GeoPoint, Rep, WeekPlan


@dataclass(frozen=True)
class Focus:
    key: str  # what is framed: "week <rep> <date>", "rep <name>", "all"
    south: float
    west: float
    north: float
    east: float

    @classmethod
    def around(cls, key: str, points: Iterable[GeoPoint]) -> Focus | None:
        """The box around `points` (None without any)."""
        spots = list(points)
        if not spots:
            return None
        lats, lons = [p.lat for p in spots], [p.lon for p in spots]
        return cls(key, min(lats), min(lons), max(lats), max(lons))

    def to_dict(self) -> dict[str, Any]:
        """For planner.setFocus: {key, bounds: [[south, west], [north, east]]}."""
        corners = [[self.south, self.west], [self.north, self.east]]
        return {"key": self.key, "bounds": [[round(v, 5) for v in c] for c in corners]}


def week_focus(plan: WeekPlan | None, accounts: Iterable[Account]) -> Focus | None:
    """The planned week: its visits and where its days start and end (None when the
    plan has no visit)."""
    visited = {v.account_key for v in plan.visits()} if plan is not None else set()
    points = [a.location for a in accounts if a.key in visited and a.location is not None]
    if plan is None or not points:
        return None
    points += [stop.location for day in plan.days for stop in (day.start, day.end)]
    return Focus.around(f"week {plan.rep_name} {plan.week_start.isoformat()}", points)


def rep_focus(rep: Rep, own: Iterable[Account], everyone: bool = False) -> Focus | None:
    """The rep's own accounts and home (None when none of them is located)."""
    points = [a.location for a in own if a.location is not None]
    if not points:
        return None
    key = f"rep {rep.name}" + (" (all accounts)" if everyone else "")
    return Focus.around(key, points + ([rep.home] if rep.home else []))


def all_focus(accounts: Iterable[Account]) -> Focus | None:
    return Focus.around("all", (a.location for a in accounts if a.location is not None))
