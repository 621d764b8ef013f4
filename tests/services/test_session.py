"""The session model without Qt: edits, undo/redo, re-plan, switch workspace, events."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from planner.domain import DomainError, Rep
from planner.domain.progress import NeverCancel, NullProgress
from planner.io.workspace import Workspace
from planner.services.events import UndoList
from planner.services.plan_week import WeekParams
from planner.services.session import SessionModel
from tests.optimise.week.conftest import HOME, MONDAY, account

FAST = WeekParams(time_limit_s=0.5, seed=1, overnight=False)
SPOTS = [  # towns east of Bologna, an hour's drive at most
    ("Faenza Ceramics", 44.285, 11.883),
    ("Lugo Seeds", 44.420, 11.911),
    ("Castel San Pietro Spa", 44.398, 11.589),
    ("Medicina Grain", 44.478, 11.637),
    ("Molinella Rice", 44.619, 11.667),
    ("Argenta Boats", 44.613, 11.836),
]


def _workspace(path: Path, rep_name: str = "Giulia") -> Workspace:
    workspace = Workspace.open(path)
    accounts = [
        account(n, la, lo, amount=30_000 + 5_000 * i) for i, (n, la, lo) in enumerate(SPOTS)
    ]
    workspace.save_accounts(accounts)
    workspace.save_reps([Rep(name=rep_name, home_address="Bologna", home=HOME)])
    return workspace


class Recorder:
    """Counts the model's change events, as the Qt adapter's signals would fire."""

    def __init__(self, model: SessionModel) -> None:
        self.seen: Counter[str] = Counter()
        for name in ("accounts_changed", "plan_changed", "rep_changed", "territories_changed"):
            getattr(model, name).connect(lambda name=name: self.seen.update([name]))
        model.account_changed.connect(lambda key: self.seen.update([f"account:{key}"]))


@pytest.fixture
def model(tmp_path: Path) -> SessionModel:
    return SessionModel(_workspace(tmp_path / "a.tpw"), today=MONDAY)


def _plan(model: SessionModel) -> None:
    job = model.plan_job(model.week_start, 3, FAST)
    model.edit_plan("Plan week", job(NullProgress(), NeverCancel()))


def test_loads_the_workspace_and_values_the_week(model: SessionModel) -> None:
    assert model.rep is not None and model.rep.name == "Giulia"
    assert len(model.accounts) == len(SPOTS) and model.plan is None
    assert set(model.valuation.bands) == {a.key for a in model.accounts}
    assert model.map_data().accounts is not None  # the map's layers come from the model


def test_replan_is_an_undoable_edit_saved_at_once(model: SessionModel) -> None:
    seen = Recorder(model)
    _plan(model)
    plan = model.plan
    assert plan is not None and plan.visits()
    assert model.workspace.load_plan("Giulia", plan.week_start) == plan
    assert seen.seen["plan_changed"] == 1
    assert {k for k, f in model.figures().items() if f.outcome == "planned"}
    history = model.history
    assert isinstance(history, UndoList) and history.undo_text == "Plan week"
    assert history.undo() and model.plan is None
    assert history.redo() and model.plan == plan
    assert seen.seen["plan_changed"] == 3


def test_hand_edits_are_refused_with_a_reason_or_undone(model: SessionModel) -> None:
    assert model.remove_visit("nobody") == "there is no plan to edit"
    _plan(model)
    assert model.plan is not None
    visit = model.plan.visits()[0]
    assert model.move_visit(visit.account_key, 9, 0) == "there is no day 10 in this plan"
    assert model.remove_visit(visit.account_key) == ""
    after = model.plan
    assert visit.account_key not in {v.account_key for v in after.visits()}
    # The one valuation follows the plan: the removed account is excluded everywhere.
    assert model.valuation.breakdowns[visit.account_key].excluded
    assert isinstance(model.history, UndoList) and model.history.undo()
    assert visit.account_key in {v.account_key for v in model.plan.visits()}
    assert not model.valuation.breakdowns[visit.account_key].excluded


def test_a_manual_pin_is_saved_and_undone(model: SessionModel) -> None:
    seen = Recorder(model)
    key = model.accounts[0].key
    model.set_manual_pin(key, 44.5, 11.0)
    moved = model.account(key)
    assert moved is not None and moved.location is not None and moved.location.lat == 44.5
    assert model.workspace.accounts()[0].location == moved.location
    assert isinstance(model.history, UndoList)
    assert model.history.undo_text == f"Move pin of {moved.name}"
    model.history.undo()
    assert model.account(key) == model.workspace.accounts()[0] != moved
    assert seen.seen[f"account:{key}"] == 2


def test_switching_workspace_reloads_everything_and_forgets_undo(
    model: SessionModel, tmp_path: Path
) -> None:
    _plan(model)
    seen = Recorder(model)
    other = _workspace(tmp_path / "b.tpw", rep_name="Marco")
    old = model.workspace
    model.switch(other)
    old.close()
    assert model.rep is not None and model.rep.name == "Marco" and model.plan is None
    assert isinstance(model.history, UndoList) and not model.history.undo()
    assert all(seen.seen[e] == 1 for e in ("accounts_changed", "plan_changed", "rep_changed"))


def test_planning_needs_a_rep_with_a_home(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "c.tpw")
    workspace.save_reps([Rep(name="Homeless")])
    model = SessionModel(workspace, today=MONDAY)
    with pytest.raises(DomainError, match="home location"):
        model.plan_job(MONDAY, 3, FAST)
