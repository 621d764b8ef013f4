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
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
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
    from planner.optimise.week.explain_memo import ExplainMemo
    from planner.services.assign_territories import TerritoryResult
    from planner.services.edit_plan import PlanContext
    from planner.services.plan_week import WeekParams
    from planner.services.road_legs import LegMemo
    from planner.travel import TravelModel

PlanEdit = Callable[["PlanContext", WeekPlan], WeekPlan]
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


class SessionModel:
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
        self._edit_values = ValueMemo()  # the same for hand edits (the planner's accounts)
        self._explain_memo: ExplainMemo | None = None  # figures kept between hand edits
        self._map_memo: FeatureMemo | None = None
        self._leg_memo: tuple[object, LegMemo] = (None, {})
        # The app shows a hand edit's route first and its remote accounts' reasons right
        # after (`explain_pending`, once the map has drawn the route): see `edit_visit`.
        self.reasons_later = False
        self._pending_reasons: tuple[Replace[WeekPlan | None], Callable[[], WeekPlan]] | None = None
        # Plans whose days' figures the memo has (the last few: undo goes back to them).
        self._prepared: deque[WeekPlan] = deque(maxlen=16)
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

    def edit_visit(self, text: str, edit: PlanEdit) -> str:
        """Apply a hand edit to the plan (undoable); returns why it was refused, or ""."""

        self.explain_pending()  # an earlier edit's reasons first: undo restores them
        if self.plan is None or self.rep is None:
            return N_("there is no plan to edit")
        try:
            context, accounts = self._edit_context(self.plan, self.rep)
            shown = {d.account_key: d for d in self.plan.remote} if self.reasons_later else None
            before = self.plan
            plan = edit(replace(context, shown=shown), before)
        except DomainError as exc:
            return str(exc)
        # As a planned week: road geometry and estimate flags on its legs.
        after = self._with_road_legs(plan, accounts)
        command: Replace[WeekPlan | None] = Replace(text, before, after, self._apply_plan)
        self.history.push(command)
        self._prepared.append(after)  # its days' figures are in the memo now
        if shown is not None:
            self._pending_reasons = (
                command, lambda: self._with_road_legs(edit(context, before), accounts)
            )  # fmt: skip
        return ""

    def _edit_context(self, plan: WeekPlan, rep: Rep) -> tuple[PlanContext, list[Account]]:
        """What a hand edit of `plan` starts from, and the accounts it plans from."""
        from planner.optimise.week.explain_memo import ExplainMemo
        from planner.services.calendar_week import week_calendar
        from planner.services.edit_plan import PlanContext
        from planner.services.plan_week import planning_accounts

        # The rep's calendar too: a hand edit keeps clear of busy time and days off.
        calendar = week_calendar(self.workspace, rep, plan.week_start)
        # The accounts the planner plans from (the rep's, in the rep's currency, with
        # earlier weeks' visits), so an edit explains what a re-plan would.
        accounts = planning_accounts(
            self.workspace, rep, plan.week_start, calendar,
            everyone=self.all_accounts, every=self.accounts,
        ).accounts  # fmt: skip
        self._explain_memo = self._explain_memo or ExplainMemo()
        context = PlanContext(
            accounts, rep, self.travel_model, calendar,
            values=self.value_params, memo=self._explain_memo, valuer=self._edit_values,
        )  # fmt: skip
        return context, accounts

    def prepare_edits(self) -> None:
        """Work out now what the first hand edit of the plan would for every day (its
        explanation figures, legs and values), so that this edit is as quick as the next:
        the window calls it when idle, after a plan is loaded or made."""
        from planner.services.edit_plan import retime

        plan, rep = self.plan, self.rep
        if plan is None or rep is None or any(plan is seen for seen in self._prepared):
            return
        self._prepared.append(plan)
        with contextlib.suppress(DomainError):  # a plan that no longer fits: edits will say
            context, accounts = self._edit_context(plan, rep)
            self._with_road_legs(retime(context, plan), accounts)

    def explain_pending(self) -> None:
        """The remote accounts' reasons of the last hand edit made with `reasons_later`:
        worked out, put in the edit (undo and redo keep them) and shown if it is current."""
        pending, self._pending_reasons = self._pending_reasons, None
        if pending is None:
            return
        command, explained = pending
        try:
            plan = explained()
        except DomainError:  # the same routes as just accepted: not expected
            return
        current = self.plan is command.after
        command.refine(plan)
        if current:
            self._apply_plan(plan)
            self._prepared.append(plan)

    def _with_road_legs(self, plan: WeekPlan, accounts: list[Account]) -> WeekPlan:
        from planner.services.road_legs import with_road_legs

        model = self.travel_model
        if self._leg_memo[0] is not model:
            self._leg_memo = (model, {})  # legs seen before, for this model
        return with_road_legs(plan, accounts, model, self._leg_memo[1])

    def move_visit(self, key: str, day_index: int, position: int) -> str:
        from planner.services.edit_plan import move_visit

        return self.edit_visit(
            N_("Move visit"), lambda c, p: move_visit(c, p, key, day_index, position)
        )

    def toggle_lock(self, key: str) -> str:
        from planner.services.edit_plan import toggle_lock

        return self.edit_visit(N_("Lock/unlock visit"), lambda c, p: toggle_lock(c, p, key))

    def remove_visit(self, key: str) -> str:
        from planner.services.edit_plan import remove_visit

        return self.edit_visit(N_("Remove visit"), lambda c, p: remove_visit(c, p, key))

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
