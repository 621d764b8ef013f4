"""Map updates send only what changed (no Qt: the calls planner.js would receive)."""

from __future__ import annotations

import json
from dataclasses import replace

from planner.domain import Account, GeoPoint, Precision, WeekPlan
from planner.maps.data import MapData, build_map_data
from planner.services.map_page import PageUpdates
from planner.services.valuation import week_valuation
from tests.io.exporters.plan_fixture import make_accounts, make_plan


def _data(accounts: dict[str, Account], plan: WeekPlan | None = None) -> MapData:
    week = make_plan(accounts).week_start
    values = week_valuation(accounts.values(), week, plan).week_values()
    return build_map_data(accounts, plan, values=values)


def test_the_first_push_sends_every_layer_then_nothing_when_unchanged() -> None:
    accounts = make_accounts()
    plan = make_plan(accounts)
    updates = PageUpdates()
    first = updates.calls(_data(accounts, plan))
    assert [f for f, _ in first] == ["setAccounts", "setRoutes", "setRemote", "setTerritories"]
    assert updates.calls(_data(accounts, plan)) == []


def test_a_moved_pin_sends_that_point_only() -> None:
    accounts = make_accounts()
    updates = PageUpdates()
    updates.calls(_data(accounts))
    key = next(iter(accounts))
    accounts[key] = accounts[key].with_location(GeoPoint(44.1, 11.1), Precision.MANUAL, "manual")
    calls = updates.calls(_data(accounts))
    assert len(calls) == 1 and calls[0][0] == "patchAccounts"
    patch = calls[0][1]
    assert [f["id"] for f in patch["features"]] == [key] and patch["remove"] == []
    assert patch["features"][0]["geometry"]["coordinates"] == [11.1, 44.1]


def test_a_plan_edit_resends_the_routes_and_only_the_changed_points() -> None:
    accounts = make_accounts()
    plan = make_plan(accounts)
    updates = PageUpdates()
    updates.calls(_data(accounts, plan))
    day = plan.days[0]
    legs = (*day.legs[:-2], day.legs[-1])  # the last visit out, its leg in dropped
    shorter = replace(plan, days=(replace(day, visits=day.visits[:-1], legs=legs), *plan.days[1:]))
    calls = dict(updates.calls(_data(accounts, shorter)))
    assert "setRoutes" in calls and "setTerritories" not in calls
    changed = {f["id"] for f in calls.get("patchAccounts", {"features": []})["features"]}
    assert day.visits[-1].account_key in changed  # its "planned" label went
    assert len(changed) < len(accounts)


def test_after_a_reload_everything_is_sent_again() -> None:
    accounts = make_accounts()
    updates = PageUpdates()
    updates.calls(_data(accounts))
    updates.forget()
    calls = updates.calls(_data(accounts))
    assert calls[0][0] == "setAccounts"
    assert len(json.loads(calls[0][1])["features"]) == sum(
        1 for a in accounts.values() if a.location is not None
    )
