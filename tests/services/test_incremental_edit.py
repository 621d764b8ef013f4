"""Hand edits in the session are incremental and still exact, on the demo territory
(401 accounts, a full week): after each edit the plan — timings, totals, every
explanation — equals the one a full recompute gives, and an edit searches again only
the days it changed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from planner.domain import DomainError, WeekPlan
from planner.io.workspace import Workspace
from planner.services.calendar_week import week_calendar
from planner.services.demo import ensure_demo_workspace
from planner.services.edit_plan import PlanContext, move_visit, remove_visit, toggle_lock
from planner.services.plan_week import planning_accounts
from planner.services.road_legs import with_road_legs
from planner.services.session import SessionModel
from planner.services.value_settings import TierSettings

Edit = Callable[[PlanContext, WeekPlan], WeekPlan]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_demo_workspace(tmp_path_factory.mktemp("demo") / "demo.tpw")


@pytest.fixture
def model(demo: Path, tmp_path: Path) -> SessionModel:
    copy = tmp_path / "demo.tpw"
    shutil.copy(demo, copy)
    return SessionModel(Workspace.open(copy))


def _full_recompute(model: SessionModel, edit: Edit) -> WeekPlan:
    """The edit from scratch: no memo, every account valued, every day searched."""
    assert model.plan is not None and model.rep is not None
    week = model.plan.week_start
    calendar = week_calendar(model.workspace, model.rep, week)
    accounts = planning_accounts(model.workspace, model.rep, week, calendar).accounts
    values = model.value_params
    context = PlanContext(accounts, model.rep, model.travel_model, calendar, values=values)
    return with_road_legs(edit(context, model.plan), accounts, model.travel_model)


def _keys_by_day(plan: WeekPlan) -> list[list[str]]:
    """The visits' keys by day; the demo week's length depends on today's holidays, so
    the tests index days modulo their count."""
    return [[v.account_key for v in day.visits] for day in plan.days]


def _visit(days: list[list[str]], day: int, position: int) -> str:
    route = days[day % len(days)]
    return route[min(position, len(route) - 1)]


def _apply(model: SessionModel, edit: Edit) -> bool:
    """Apply `edit` in the session and check it against a full recompute."""
    try:
        expected = _full_recompute(model, edit)
    except DomainError:
        assert model.edit_visit("edit", edit) != ""  # refused the same way
        return False
    assert model.edit_visit("edit", edit) == ""
    assert model.plan == expected
    return True


def test_explanations_after_edits_equal_a_full_recompute(model: SessionModel) -> None:
    assert model.plan is not None
    days = _keys_by_day(model.plan)
    decided = len(model.plan.planned) + len(model.plan.remote) + len(model.plan.excluded)
    assert len(model.plan.remote) > 100  # most accounts are left out: explanations matter
    n = len(days)
    edits: list[Edit] = [
        lambda c, p: remove_visit(c, p, _visit(days, 1, 2)),
        lambda c, p: toggle_lock(c, p, _visit(days, 0, 0)),
        lambda c, p: move_visit(c, p, _visit(days, 2, 0), 2 % n, 99),  # to the end of its day
        lambda c, p: move_visit(c, p, _visit(days, 3, 1), 0, 0),  # to another day, or refused
        lambda c, p: remove_visit(c, p, _visit(days, -1, 0)),
    ]
    applied = [_apply(model, edit) for edit in edits]
    assert sum(applied) >= 3  # the moves may be refused (opening hours): checked too
    # The planner's accounts, as the planner decided them: the rep's, not every rep's.
    assert model.plan is not None
    assert len(model.plan.planned) + len(model.plan.remote) + len(model.plan.excluded) == decided
    model.history.undo()  # back to an earlier plan, then edited again
    assert _apply(model, lambda c, p: remove_visit(c, p, _visit(days, 0, 1)))


def test_an_edit_searches_again_only_the_days_it_changed(model: SessionModel) -> None:
    assert model.plan is not None
    days = _keys_by_day(model.plan)
    assert _apply(model, lambda c, p: remove_visit(c, p, _visit(days, 0, 0)))  # fills the memo
    memo = model._explain_memo
    assert memo is not None
    searched = memo.searched
    assert _apply(model, lambda c, p: toggle_lock(c, p, _visit(days, 1, 0)))  # no day changes
    assert memo.searched == searched
    assert _apply(model, lambda c, p: remove_visit(c, p, _visit(days, 2, 0)))  # one day changes
    left_out = len(model.plan.remote) if model.plan else 0
    assert 0 < memo.searched - searched <= left_out  # that day's search, not every day's


def test_an_edit_keeps_the_other_days_as_they_were(model: SessionModel) -> None:
    """Legs keep their road geometry and estimate flags as after planning, so the days
    an edit did not touch are equal to before (and the views leave them alone)."""
    assert model.plan is not None
    before = model.plan
    days = _keys_by_day(before)
    assert _apply(model, lambda c, p: remove_visit(c, p, _visit(days, 1, 0)))
    assert model.plan is not None
    pairs = enumerate(zip(before.days, model.plan.days, strict=True))
    changed = [d for d, (a, b) in pairs if a != b]
    assert changed == [1 % len(days)]


def test_a_hand_edit_values_accounts_with_the_workspace_tiers(model: SessionModel) -> None:
    """An edit re-values with the tier settings the planner used, not the defaults."""
    assert model.plan is not None
    days = _keys_by_day(model.plan)
    values = {"A": Decimal(900), "B": Decimal(400), "C": Decimal(50)}
    model.set_tier_settings(TierSettings(visit_value=values))
    assert _apply(model, lambda c, p: remove_visit(c, p, _visit(days, 0, 0)))
    assert model.plan is not None
    remote = {d.account_key: d.value for d in model.plan.remote}
    breakdowns = model.valuation.breakdowns
    assert all(remote[k] == breakdowns[k].total for k in list(remote)[:50])


def test_an_edit_shown_route_first_gets_its_reasons_after(model: SessionModel) -> None:
    """The app's way (`reasons_later`): the edit keeps the remote accounts' reasons as
    shown until `explain_pending`; then the plan equals a full recompute, and undo, redo
    and a second edit all see the explained plans."""
    assert model.plan is not None
    before = model.plan
    key = _visit(_keys_by_day(before), 0, 0)
    expected = _full_recompute(model, lambda c, p: remove_visit(c, p, key))
    model.reasons_later = True
    seen: list[WeekPlan | None] = []
    model.plan_changed.connect(lambda: seen.append(model.plan))
    assert model.remove_visit(key) == ""
    shown = model.plan
    assert shown is not None and shown.days == expected.days  # the route at once
    assert {d.account_key: d for d in shown.remote}.items() <= {
        d.account_key: d for d in before.remote
    }.items()  # every remote decision as it was shown
    assert shown.remote != expected.remote  # (the demo's reasons do change)
    model.explain_pending()
    assert model.plan == expected and seen == [shown, expected]
    assert model.workspace.load_plan(expected.rep_name, expected.week_start) == expected
    model.history.undo()  # type: ignore[attr-defined]
    assert model.plan == before
    model.history.redo()  # type: ignore[attr-defined]
    assert model.plan == expected  # redo brings the explained plan back
    # Undone before its reasons came: they still reach the edit, not the plan shown.
    model.history.undo()  # type: ignore[attr-defined]
    assert model.remove_visit(key) == ""
    model.history.undo()  # type: ignore[attr-defined]
    model.explain_pending()
    assert model.plan == before
    model.history.redo()  # type: ignore[attr-defined]
    assert model.plan == expected


def test_prepared_edits_make_the_first_edit_search_one_day(model: SessionModel) -> None:
    """`prepare_edits` (the window calls it when idle) works out every day of the loaded
    plan once, and changes nothing: the first edit then searches only the day it changed."""
    assert model.plan is not None
    loaded, days = model.plan, _keys_by_day(model.plan)
    model.prepare_edits()
    memo = model._explain_memo
    assert memo is not None and memo.searched > 0
    assert model.plan is loaded and not model.history._done  # type: ignore[attr-defined]
    searched = memo.searched
    model.prepare_edits()  # the same plan: nothing again
    assert memo.searched == searched
    assert _apply(model, lambda c, p: remove_visit(c, p, _visit(days, 0, 0)))
    left_out = len(model.plan.remote) if model.plan else 0
    assert 0 < memo.searched - searched <= left_out
    searched = memo.searched
    model.history.undo()  # type: ignore[attr-defined]
    model.prepare_edits()  # a plan worked out before: nothing to do when idle after undo
    assert model.plan is loaded and memo.searched == searched
