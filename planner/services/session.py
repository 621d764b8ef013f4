"""The interactive session, without Qt: what the app is working on, and its edits.

One workspace, its accounts, the current rep, week and plan, the week's valuation (the
one formula: values, breakdowns, priority bands), territories and the map's layers.
Every edit is a plain command (`planner.services.events.Replace`) handed to a History —
the app's QUndoStack, or `UndoList` here — and saved to the workspace as it is applied,
so closing (or crashing) never loses work. Views listen to the change events. The role
napari's ViewerModel plays: `planner.ui.session` only adapts it to Qt.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from planner.domain import Account, Decision, DomainError, GeoPoint, Precision, Rep, WeekPlan
from planner.domain.deadline import Deadline
from planner.domain.i18n import N_
from planner.domain.plan import week_to_plan
from planner.domain.progress import CancelToken, ProgressReporter
from planner.io.workspace import Workspace
from planner.services.currencies import Rates, in_currency, load_rates, save_rates
from planner.services.events import Event, History, Replace, UndoList
from planner.services.rep_scope import RepScope, rep_scope
from planner.services.session_edits import HandEdits
from planner.services.valuation import (
    Valuation,
    ValueMemo,
    ValueParams,
    values_for_replan,
    week_valuation,
)
from planner.services.value_settings import (
    TierSettings,
    load_value_params,
    save_tier_settings,
)

if TYPE_CHECKING:  # imported on first use: they load the solver, scipy and folium
    from planner.maps.data import MapData
    from planner.maps.layers import FeatureMemo
    from planner.services.assign_territories import TerritoryResult
    from planner.services.plan_week import WeekParams
    from planner.travel import TravelModel

PlanJob = Callable[[ProgressReporter, CancelToken], WeekPlan]


@dataclass(frozen=True)
class PlannerFigures:
    """What the planner says about one account; empty until a plan exists."""

    priority: float | None = None  # value of a visit this week, in the rep's currency
    outcome: str = ""  # planned | remote | excluded
    day: str = ""  # planned day, e.g. "Tue 09:40"


def _removed(plan: WeekPlan | None) -> frozenset[str]:
    """The accounts the user took out of `plan`: the only part of a plan values depend on."""
    return values_for_replan(plan).excluded


def _same_inputs(a: tuple[str, list[Account]], b: tuple[str, list[Account]]) -> bool:
    """Same settings and regions, and the very same accounts list (edits replace it)."""
    return a[0] == b[0] and a[1] is b[1]


class SessionModel(HandEdits):
    def __init__(
        self, workspace: Workspace, today: date | None = None, history: History | None = None
    ) -> None:
        self.accounts_changed: Event[()] = Event()
        self.account_changed: Event[str] = Event()  # account key
        self.plan_changed: Event[()] = Event()
        self.rep_changed: Event[()] = Event()
        self.territories_changed: Event[()] = Event()
        self.history: History = history or UndoList()
        self.workspace = workspace
        self.week_start = week_to_plan(today or date.today())
        self.accounts: list[Account] = []
        self.rep: Rep | None = None
        self.all_accounts = False  # the switch: every rep's accounts, not only the rep's own
        self.plan: WeekPlan | None = None
        self.valuation: Valuation = week_valuation((), self.week_start)
        self.value_params = ValueParams()  # the workspace's (tier settings), from _revalue
        self._values = ValueMemo()  # breakdowns of unchanged accounts are kept
        self._map_memo: FeatureMemo | None = None
        self._init_hand_edits()
        self._travel_model: TravelModel | None = None
        self._travel_inputs: tuple[str, list[Account]] = ("", [])
        self.territory_result: TerritoryResult | None = None
        self.territory_problem = ""  # why the territories cannot be measured, if they cannot
        self.reload()

    @property
    def travel_model(self) -> TravelModel:
        """The workspace's travel model (`territory-planner travel use ...`), built once
        and kept across plans and edits; made again only when its inputs change: the
        travel settings, the regions (added in the app) or the accounts (pins shared
        after an import or geocoding). The road engines stay open even then."""
        from planner.services.travel import travel_inputs, workspace_travel_model

        inputs = (travel_inputs(self.workspace), self.accounts)
        if self._travel_model is None or not _same_inputs(inputs, self._travel_inputs):
            self._travel_model = workspace_travel_model(self.workspace, accounts=self.accounts)
            self._travel_inputs = inputs
        return self._travel_model

    # loading ---------------------------------------------------------------------------
    def switch(self, workspace: Workspace) -> None:
        """Work on another workspace from now on (the caller closes the old one)."""
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
        self.history.clear()
        self._pending_reasons = None  # an edit of the plan before: no longer undoable
        for event in (self.accounts_changed, self.territories_changed, self.rep_changed):
            event.emit()
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
        self.value_params = load_value_params(self.workspace)  # the workspace's tier settings
        accounts, rep = self.accounts, self.rep
        # Values in the rep's currency, as the planner's; while a rate is missing, each
        # account keeps its own currency (the planner says which rate to set).
        if rep is not None and any(a.currency != rep.currency for a in accounts):
            with contextlib.suppress(DomainError):
                accounts, _ = in_currency(accounts, rep.currency, load_rates(self.workspace))
        params = self.value_params
        self.valuation = week_valuation(accounts, self.week_start, self.plan, params, self._values)

    # what the views show ---------------------------------------------------------------
    def account(self, key: str) -> Account | None:
        return next((a for a in self.accounts if a.key == key), None)

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

    def map_data(self, locale: str | None = None) -> MapData:
        """Every layer of the map: accounts coloured by the valuation's bands, the plan,
        the remote list and the territories, and what it opens on (the rep's week);
        texts in `locale` (English by default)."""
        from planner.maps.data import build_map_data
        from planner.maps.layers import FeatureMemo
        from planner.services.map_focus import session_focus

        self._map_memo = self._map_memo or FeatureMemo()  # unchanged features are reused
        return build_map_data(
            self.accounts,
            self.plan,
            self.workspace.territories(),
            values=self.valuation.week_values(),
            reps=self.workspace.reps(),
            locale=locale,
            memo=self._map_memo,
            focus=session_focus(self.accounts, self.rep, self.plan, self.scope, self.all_accounts),
        )

    # accounts and rep ------------------------------------------------------------------
    def set_accounts(self, accounts: list[Account]) -> None:
        """After an import or geocoding saved them: not undoable (the workspace has them)."""
        self.accounts = accounts
        self._revalue()
        self.accounts_changed.emit()

    def set_tier_settings(self, settings: TierSettings) -> None:
        """Store the tier settings and value the accounts with them."""
        save_tier_settings(self.workspace, settings)
        self._revalue()
        self.accounts_changed.emit()

    def set_exchange_rates(self, rates: Rates) -> None:
        """Store the exchange rates and value the accounts with them."""
        save_rates(self.workspace, rates)
        self._revalue()
        self.accounts_changed.emit()

    def choose_week(self, week: date) -> None:
        """Show another week: its stored plan (none yet: plan it), values as of that week."""
        if week == self.week_start:
            return
        self.week_start = week
        self.plan = self.workspace.load_plan(self.rep.name, week) if self.rep else None
        self._revalue()
        self.accounts_changed.emit()
        self.plan_changed.emit()

    def scope(self) -> RepScope | None:
        """The selected rep's own accounts (territory, else CRM owner); None without a
        rep. With `all_accounts` set, every account is in scope."""
        if self.rep is None:
            return None
        reps, territories = self.workspace.reps(), self.workspace.territories()
        return rep_scope(self.accounts, self.rep, reps, territories, everyone=self.all_accounts)

    def choose_rep(self, name: str) -> None:
        """Work as another rep: their latest plan, their territory on the map."""
        if self.rep is None or name != self.rep.name:
            self.reload(name)

    def set_rep(self, rep: Rep) -> None:
        self.workspace.save_reps([rep])
        self.rep = rep
        self.rep_changed.emit()

    def _apply_account(self, account: Account) -> None:
        self.workspace.save_accounts([account])  # first: a refused save changes nothing here
        self.accounts = [account if a.key == account.key else a for a in self.accounts]
        self._revalue()
        self.account_changed.emit(account.key)

    def set_manual_pin(self, key: str, lat: float, lon: float) -> None:
        before = self.account(key)
        if before is None:
            return
        after = before.with_location(GeoPoint(lat, lon), Precision.MANUAL, "manual")
        text = N_("Move pin of {name}")
        self.history.push(Replace(text, before, after, self._apply_account, {"name": before.name}))

    # the plan --------------------------------------------------------------------------
    def _apply_plan(self, plan: WeekPlan | None) -> None:
        before = (self.week_start, _removed(self.plan))
        if plan is not None:
            self.workspace.save_plan(plan)  # first: a refused save changes nothing here
            self.week_start = plan.week_start
        self.plan = plan
        if (self.week_start, _removed(plan)) != before:  # else the values stand (~0.1 s)
            self._revalue()
        self.plan_changed.emit()

    def edit_plan(self, text: str, plan: WeekPlan) -> None:
        """Put `plan` in place (undoable), e.g. the planner's result."""
        self.history.push(Replace(text, self.plan, plan, self._apply_plan))

    def plan_job(self, week: date, days: int | None, params: WeekParams) -> PlanJob:
        """Planning `week` for the current rep, as a job to run off the UI thread; its
        result goes to `edit_plan`. The budget starts when the job starts."""
        from planner.services.plan_week import plan_in_workspace

        if self.rep is None or self.rep.home is None:
            raise DomainError(N_("set the rep's home location first"))
        workspace, rep_name, model = self.workspace, self.rep.name, self.travel_model

        everyone = self.all_accounts

        def job(progress: ProgressReporter, cancel: CancelToken) -> WeekPlan:
            deadline = Deadline.after(params.time_limit_s)
            return plan_in_workspace(
                workspace, rep_name, week, days, model, params=params, progress=progress,
                cancel=cancel, deadline=deadline, everyone=everyone,
            ).plan  # fmt: skip

        return job

    # territories -----------------------------------------------------------------------
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
                    self.accounts, reps, self.workspace.territories(),
                    rates=load_rates(self.workspace),
                )  # fmt: skip
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
        self.history.push(Replace(text, self.territory_result, result, self._apply_territories))

    def give_accounts(self, keys: list[str], rep_name: str) -> str:
        """Move accounts to a rep's territory (undoable); returns why not, or ""."""
        from planner.services.assign_territories import reassign_accounts

        current = self.territories()
        if current is None:
            return N_("territories need at least two reps and geocoded accounts")
        try:
            result = reassign_accounts(current, keys, rep_name)
        except DomainError as exc:
            return str(exc)
        text, values = N_("Give {count} accounts to {rep}"), {"count": len(keys), "rep": rep_name}
        command = Replace(text, self.territory_result, result, self._apply_territories, values)
        self.history.push(command)
        return ""
