"""A manager's view of the team's week: each rep's plan in a few numbers, side by side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.domain import Rep, WeekPlan
from planner.domain.units import Money
from planner.io.workspace import Workspace


@dataclass(frozen=True)
class RepWeek:
    """One rep's week as the team view shows it; `planned` False when no plan is stored."""

    rep: str
    planned: bool
    visits: int = 0
    remote: int = 0
    distance_m: int = 0
    driving_s: int = 0
    cost: Money | None = None
    value: Money | None = None
    utilisation: float = 0.0  # meetings + driving over the working time of the plan's days
    nights_away: int = 0

    @property
    def net(self) -> Money | None:
        if self.cost is None or self.value is None:
            return None
        return self.value - self.cost


def _minutes(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 60


def working_minutes(rep: Rep, days: int) -> float:
    """The rep's working time on `days` working days, lunch break excluded."""
    day = rep.work_end.hour * 60 + rep.work_end.minute - rep.work_start.hour * 60
    day -= rep.work_start.minute + rep.lunch_minutes
    return max(0, day) * days


def rep_week(rep: Rep, plan: WeekPlan | None) -> RepWeek:
    if plan is None:
        return RepWeek(rep.name, planned=False)
    busy = sum(_minutes(v.arrival, v.departure) for v in plan.visits()) + plan.driving_s / 60
    available = working_minutes(rep, len(plan.days))
    return RepWeek(
        rep=rep.name,
        planned=True,
        visits=len(plan.visits()),
        remote=len(plan.remote),
        distance_m=plan.distance_m,
        driving_s=plan.driving_s,
        cost=plan.cost,
        value=plan.value,
        utilisation=busy / available if available else 0.0,
        nights_away=sum(1 for d in plan.days if d.hotel_cost is not None),
    )


def team_week(workspace: Workspace, week_start: date) -> list[RepWeek]:
    """Every rep this login may see, in the workspace's order, with that week's plan."""
    return [rep_week(rep, workspace.load_plan(rep.name, week_start)) for rep in workspace.reps()]
