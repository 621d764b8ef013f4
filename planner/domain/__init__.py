"""Pure value objects of the planner: no I/O, no Qt."""

from planner.domain.account import Account, Address
from planner.domain.errors import DomainError
from planner.domain.geo import GeoPoint, Precision
from planner.domain.hours import Interval, OpeningHours
from planner.domain.plan import Break, DayPlan, Decision, Leg, Lock, Stop, Visit, WeekPlan
from planner.domain.rep import Rep
from planner.domain.territory import Territory
from planner.domain.units import Money

__all__ = [
    "Account",
    "Address",
    "Break",
    "DayPlan",
    "Decision",
    "DomainError",
    "GeoPoint",
    "Interval",
    "Leg",
    "Lock",
    "Money",
    "OpeningHours",
    "Precision",
    "Rep",
    "Stop",
    "Territory",
    "Visit",
    "WeekPlan",
]
