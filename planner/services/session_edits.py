"""Hand edits of the week plan in the session: a visit moved, locked or removed.

Each edit re-times the week from what the planner planned from (the rep's calendar, the
accounts in the rep's currency) and is one undoable step. Figures that an edit leaves
unchanged are kept between edits: the explanation memo (days not edited are not searched
again), the values and the road legs. The app shows an edit's route first and its remote
accounts' reasons right after (`reasons_later`, `explain_pending`), and works out a new
plan's figures when idle (`prepare_edits`). Mixed into `SessionModel`.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from planner.domain import Account, DomainError, Rep, WeekPlan
from planner.domain.i18n import N_
from planner.io.workspace import Workspace
from planner.services.events import History, Replace
from planner.services.valuation import ValueMemo, ValueParams

if TYPE_CHECKING:  # imported on first use: they load the solver
    from planner.optimise.week.explain_memo import ExplainMemo
    from planner.services.edit_plan import PlanContext
    from planner.services.road_legs import LegMemo
    from planner.travel import TravelModel

PlanEdit = Callable[["PlanContext", WeekPlan], WeekPlan]


class HandEdits:
    """The session's hand edits; it needs the session's state and `_apply_plan`."""

    workspace: Workspace
    history: History
    accounts: list[Account]
    all_accounts: bool
    rep: Rep | None
    plan: WeekPlan | None
    value_params: ValueParams

    if TYPE_CHECKING:

        @property
        def travel_model(self) -> TravelModel: ...
        def _apply_plan(self, plan: WeekPlan | None) -> None: ...

    def _init_hand_edits(self) -> None:
        self._edit_values = ValueMemo()  # values kept for hand edits (the planner's accounts)
        self._explain_memo: ExplainMemo | None = None  # figures kept between hand edits
        self._leg_memo: tuple[object, LegMemo] = (None, {})
        # The app shows a hand edit's route first and its remote accounts' reasons right
        # after (`explain_pending`, once the map has drawn the route): see `edit_visit`.
        self.reasons_later = False
        self._pending_reasons: tuple[Replace[WeekPlan | None], Callable[[], WeekPlan]] | None = None
        # Plans whose days' figures the memo has (the last few: undo goes back to them).
        self._prepared: deque[WeekPlan] = deque(maxlen=16)

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
