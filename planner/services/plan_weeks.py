"""Use case: plan 1–4 consecutive weeks so that visit cadences are met across them.

Weeks are planned in order and each is stored before the next is planned. A week's
accounts count the visits of the rep's weeks stored before it
(`planner.services.visit_history`),
so an A-customer due every 14 days and visited in week 1 is worth little in week 2 and
due again in week 3 — whether the weeks are planned together (`plan --weeks 4`) or one
at a time. Weeks before the one being re-planned are never touched: they stay fixed.
"""

from __future__ import annotations

from datetime import date, timedelta

from planner.domain.deadline import Deadline
from planner.domain.errors import DomainError
from planner.domain.progress import CancelToken, NullProgress, ProgressReporter
from planner.io.workspace import Workspace
from planner.optimise.week.orchestrate import WeekOutcome
from planner.optimise.week.planner import WeekParams
from planner.services.plan_week import plan_in_workspace
from planner.travel.model import TravelModel

MAX_WEEKS = 4


class _WeekSpan:
    """Week k of n: maps that week's progress into its share of the whole."""

    def __init__(self, progress: ProgressReporter, k: int, n: int) -> None:
        self.progress, self.k, self.n = progress, k, n

    def report(self, fraction: float, message: str = "") -> None:
        label = f"week {self.k + 1}/{self.n}: {message}" if self.n > 1 else message
        self.progress.report((self.k + min(1.0, fraction)) / self.n, label)


def plan_weeks_in_workspace(
    workspace: Workspace,
    rep_name: str | None,
    first_week: date,
    travel_model: TravelModel,
    *,
    weeks: int = 1,
    days: int | None = None,
    params: WeekParams | None = None,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
    everyone: bool = False,
) -> list[WeekOutcome]:
    """Plan and store `weeks` consecutive weeks from `first_week`, each within its own
    `params.time_limit_s`."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise DomainError(f"weeks must be 1–{MAX_WEEKS}, got {weeks}")
    params = params or WeekParams()
    progress = progress or NullProgress()
    outcomes = []
    for k in range(weeks):
        if cancel is not None and cancel.cancelled:
            break
        outcome = plan_in_workspace(
            workspace, rep_name, first_week + timedelta(weeks=k), days, travel_model,
            params=params, progress=_WeekSpan(progress, k, weeks), cancel=cancel,
            deadline=Deadline.after(params.time_limit_s), everyone=everyone,
        )  # fmt: skip
        outcomes.append(outcome)
    return outcomes
