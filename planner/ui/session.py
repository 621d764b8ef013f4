"""What the window is working on: one workspace, its accounts, the rep, the week plan.

The session owns the undo stack and saves every change to the workspace as it happens,
so closing (or crashing) never loses work. Views listen to its signals.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from planner.domain import Account, Decision, DomainError, GeoPoint, Precision, Rep, WeekPlan
from planner.domain.plan import week_to_plan
from planner.io.workspace import Workspace
from planner.services.valuation import Valuation, week_valuation
from planner.ui.accounts_model import PlannerFigures
from planner.ui.undo import Replace

if TYPE_CHECKING:  # imported on first use: they load the solver and scipy
    from planner.services.assign_territories import TerritoryResult
    from planner.services.edit_plan import PlanContext
    from planner.travel import TravelModel


class Session(QObject):
    accounts_changed = Signal()
    account_changed = Signal(str)  # account key
    plan_changed = Signal()
    rep_changed = Signal()
    territories_changed = Signal()

    def __init__(
        self, workspace: Workspace, today: date | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.undo_stack = QUndoStack(self)
        self.week_start = week_to_plan(today or date.today())
        self.accounts: list[Account] = []
        self.rep: Rep | None = None
        self.plan: WeekPlan | None = None
        self.valuation: Valuation = week_valuation((), self.week_start)
        self._travel_model: TravelModel | None = None
        self.territory_result: TerritoryResult | None = None
        self.territory_problem = ""  # why the territories cannot be measured, if they cannot
        self.reload()

    @property
    def travel_model(self) -> TravelModel:
        """The workspace's travel model (`territory-planner travel use ...`), memoised."""
        if self._travel_model is None:
            from planner.services.travel import workspace_travel_model

            self._travel_model = workspace_travel_model(self.workspace)
        return self._travel_model

    # loading ---------------------------------------------------------------------------
    def switch(self, workspace: Workspace) -> None:
        """Work on another workspace file from now on."""
        self.workspace = workspace
        self._travel_model = None
        self.reload()

    def reload(self, rep_name: str | None = None) -> None:
        self.accounts = self.workspace.accounts()
        reps = self.workspace.reps()
        self.rep = next((r for r in reps if r.name == rep_name), reps[0] if reps else None)
        self.plan = self._latest_plan()
        self._revalue()
        self.territory_result = None
        self.undo_stack.clear()
        self.accounts_changed.emit()
        self.territories_changed.emit()
        self.rep_changed.emit()
        self.plan_changed.emit()

    def _latest_plan(self) -> WeekPlan | None:
        if self.rep is None:
            return None
        plan = self.workspace.load_plan(self.rep.name, self.week_start)
        if plan is None:
            stored = [week for name, week in self.workspace.plans() if name == self.rep.name]
            if stored:
                self.week_start = stored[0]
                plan = self.workspace.load_plan(self.rep.name, stored[0])
        return plan

    def _revalue(self) -> None:
        """The one valuation (table, map, inspector): this week's, with the plan's removals."""
        self.valuation = week_valuation(self.accounts, self.week_start, self.plan)

    def account(self, key: str) -> Account | None:
        return next((a for a in self.accounts if a.key == key), None)

    # the planner's view of each account ------------------------------------------------
    def decisions(self) -> dict[str, Decision]:
        if self.plan is None:
            return {}
        every = (*self.plan.planned, *self.plan.remote, *self.plan.excluded)
        return {d.account_key: d for d in every}

    def figures(self) -> dict[str, PlannerFigures]:
        decisions = self.decisions()
        planned_at = {
            v.account_key: f"{v.arrival:%a %H:%M}"
            for v in (self.plan.visits() if self.plan else [])
        }
        return {
            key: PlannerFigures(
                priority=float(b.total.amount),
                outcome=decisions[key].outcome if key in decisions else "",
                day=planned_at.get(key, ""),
            )
            for key, b in self.valuation.breakdowns.items()
        }

    # edits (undoable, saved at once) ---------------------------------------------------
    def set_accounts(self, accounts: list[Account]) -> None:
        self.accounts = accounts
        self._revalue()
        self.accounts_changed.emit()

    def choose_rep(self, name: str) -> None:
        """Work as another rep: their latest plan, their territory on the map."""
        if self.rep is None or name != self.rep.name:
            self.reload(name)

    def set_rep(self, rep: Rep) -> None:
        self.workspace.save_reps([rep])
        self.rep = rep
        self.rep_changed.emit()

    def _apply_plan(self, plan: WeekPlan | None) -> None:
        self.plan = plan
        if plan is not None:
            self.workspace.save_plan(plan)
            self.week_start = plan.week_start
        self._revalue()
        self.plan_changed.emit()

    def edit_plan(self, text: str, plan: WeekPlan) -> None:
        self.undo_stack.push(Replace(text, self.plan, plan, self._apply_plan))

    def edit_visit(self, text: str, edit: Callable[[PlanContext, WeekPlan], WeekPlan]) -> str:
        """Apply a hand edit to the plan (undoable); returns why it was refused, or ""."""
        from planner.services.edit_plan import PlanContext

        if self.plan is None or self.rep is None:
            return self.tr("there is no plan to edit")
        context = PlanContext(self.accounts, self.rep, self.travel_model)
        try:
            plan = edit(context, self.plan)
        except DomainError as exc:
            return str(exc)
        self.edit_plan(text, plan)
        return ""

    def territories(self) -> TerritoryResult | None:
        """The current split, measured (computed from the workspace on first use)."""
        from planner.services.assign_territories import describe_split

        reps = self.workspace.reps()
        if (
            self.territory_result is None
            and len(reps) > 1
            and any(a.location for a in self.accounts)
        ):
            try:
                self.territory_result = describe_split(
                    self.accounts, reps, self.workspace.territories()
                )
            except DomainError as exc:  # e.g. a rep without a home location
                self.territory_problem = str(exc)
                return None
        self.territory_problem = ""
        return self.territory_result

    def _apply_territories(self, result: TerritoryResult | None) -> None:
        self.territory_result = result
        self.workspace.replace_territories(result.territories() if result else ())
        self.territories_changed.emit()

    def edit_territories(self, text: str, result: TerritoryResult) -> None:
        self.undo_stack.push(Replace(text, self.territory_result, result, self._apply_territories))

    def give_accounts(self, keys: list[str], rep_name: str) -> str:
        """Move accounts to a rep's territory (undoable); returns why not, or ""."""
        from planner.services.assign_territories import reassign_accounts

        current = self.territories()
        if current is None:
            return self.tr("territories need at least two reps and geocoded accounts")
        try:
            result = reassign_accounts(current, keys, rep_name)
        except DomainError as exc:
            return str(exc)
        self.edit_territories(self.tr("Give %d accounts to %s") % (len(keys), rep_name), result)
        return ""

    def _apply_account(self, account: Account) -> None:
        self.workspace.save_accounts([account])
        self.accounts = [account if a.key == account.key else a for a in self.accounts]
        self.account_changed.emit(account.key)

    def set_manual_pin(self, key: str, lat: float, lon: float) -> None:
        before = self.account(key)
        if before is None:
            return
        after = before.with_location(GeoPoint(lat, lon), Precision.MANUAL, "manual")
        self.undo_stack.push(
            Replace(self.tr("Move pin of %s") % before.name, before, after, self._apply_account)
        )
