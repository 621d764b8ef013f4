"""What the app's map opens on: the rep's week, else the rep's accounts, else all of them;
sent to the page once per rep and week (no Qt: the calls planner.js would receive)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain import GeoPoint, Rep
from planner.domain.progress import NeverCancel, NullProgress
from planner.io.workspace import Workspace
from planner.maps.focus import Focus
from planner.services.map_page import PageUpdates
from planner.services.plan_week import WeekParams
from planner.services.session import SessionModel
from tests.optimise.week.conftest import HOME, MONDAY, account

FAST = WeekParams(time_limit_s=0.5, seed=1, overnight=False)
NEW_YORK = GeoPoint(40.7128, -74.006)
# Giulia's shops east of Bologna, Marco's in New York, stores of no rep around the world
GIULIA = [("Faenza Ceramics", 44.285, 11.883), ("Lugo Seeds", 44.420, 11.911),
          ("Medicina Grain", 44.478, 11.637), ("Molinella Rice", 44.619, 11.667)]  # fmt: skip
MARCO = [("Brooklyn Deli", 40.678, -73.944), ("Queens Hardware", 40.728, -73.794)]
WORLD = [("Sydney Surf", -33.87, 151.21), ("Tokyo Tea", 35.68, 139.69),
         ("Lima Llama", -12.05, -77.04), ("Oslo Oars", 59.91, 10.75)]  # fmt: skip


@pytest.fixture
def model(tmp_path: Path) -> SessionModel:
    workspace = Workspace.open(tmp_path / "world.tpw")
    shops = [account(n, la, lo, owner="Giulia") for n, la, lo in GIULIA]
    shops += [account(n, la, lo, owner="Marco") for n, la, lo in MARCO]
    shops += [account(n, la, lo) for n, la, lo in WORLD]
    workspace.save_accounts(shops)
    workspace.save_reps([
        Rep(name="Giulia", home_address="Bologna", home=HOME),
        Rep(name="Marco", home_address="Manhattan", home=NEW_YORK, timezone="America/New_York"),
    ])  # fmt: skip
    return SessionModel(workspace, today=MONDAY)


def _focus(model: SessionModel) -> Focus:
    focus = model.map_data().focus
    assert focus is not None and focus.box is not None
    return focus


def _holds(focus: Focus, point: GeoPoint) -> bool:
    assert focus.box is not None
    south, west, north, east = focus.box
    return south <= point.lat <= north and west <= point.lon <= east


def test_without_a_plan_the_map_opens_on_the_reps_own_accounts_and_home(
    model: SessionModel,
) -> None:
    focus = _focus(model)
    assert focus.key == "rep Giulia"
    assert all(_holds(focus, GeoPoint(la, lo)) for _, la, lo in GIULIA) and _holds(focus, HOME)
    assert not _holds(focus, NEW_YORK) and focus.box[2] - focus.box[0] < 1  # type: ignore[index]
    model.choose_rep("Marco")
    marco = _focus(model)
    assert marco.key == "rep Marco" and _holds(marco, NEW_YORK) and not _holds(marco, HOME)


def test_with_a_plan_the_map_opens_on_the_weeks_stops_and_home(model: SessionModel) -> None:
    job = model.plan_job(model.week_start, 2, FAST)
    model.edit_plan("Plan week", job(NullProgress(), NeverCancel()))
    assert model.plan is not None and model.plan.visits()
    focus = _focus(model)
    assert focus.key == f"week Giulia {model.week_start.isoformat()}"
    stops = {v.account_key for v in model.plan.visits()}
    points = [a.location for a in model.accounts if a.key in stops and a.location] + [HOME]
    lats, lons = [p.lat for p in points], [p.lon for p in points]
    assert focus.box == (min(lats), min(lons), max(lats), max(lons))


def test_without_a_rep_the_map_opens_on_every_account(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "plain.tpw")
    workspace.save_accounts([account(n, la, lo) for n, la, lo in GIULIA + WORLD])
    focus = _focus(SessionModel(workspace, today=MONDAY))
    assert focus.key == "all" and focus.box is not None
    assert focus.box[0] == -33.87 and focus.box[3] == 151.21


def test_the_focus_is_sent_first_and_again_only_for_another_rep_or_week(
    model: SessionModel,
) -> None:
    updates = PageUpdates()
    calls = updates.calls(model.map_data())
    assert calls[0] == ("setFocus", _focus(model).to_dict())
    assert calls[0][1]["bounds"][0] == list(_focus(model).box[:2])  # type: ignore[index]
    key = next(iter(model.accounts)).key
    model.set_manual_pin(key, 44.3, 11.9)  # an edit of the same rep's data: the view stays
    assert "setFocus" not in [name for name, _ in updates.calls(model.map_data())]
    model.choose_rep("Marco")
    calls = updates.calls(model.map_data())
    assert calls[0][0] == "setFocus" and calls[0][1]["key"] == "rep Marco"


def test_a_rep_without_accounts_of_their_own_sees_every_account(model: SessionModel) -> None:
    model.workspace.save_reps([Rep(name="Nina", home_address="", home=None)])
    model.choose_rep("Nina")
    focus = _focus(model)
    assert focus.key == "rep Nina"  # nothing of hers: the whole workspace
    assert all(_holds(focus, a.location) for a in model.accounts if a.location)
