"""Map updates send only what changed (no Qt: the calls planner.js would receive)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from planner.domain import Account, GeoPoint, Precision, WeekPlan
from planner.maps.data import MapData, build_map_data
from planner.maps.layers import FeatureMemo
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


def _without_last_visit(plan: WeekPlan, index: int) -> WeekPlan:
    """The plan with day `index`'s last visit taken out (its leg in dropped)."""
    day = plan.days[index]
    legs = (*day.legs[:-2], day.legs[-1])
    days = list(plan.days)
    days[index] = replace(day, visits=day.visits[:-1], legs=legs)
    return replace(plan, days=tuple(days))


def test_a_plan_edit_resends_that_day_and_only_the_changed_points() -> None:
    accounts = make_accounts()
    plan = make_plan(accounts)
    updates = PageUpdates()
    updates.calls(_data(accounts, plan))
    tuesday = plan.days[1]
    calls = dict(updates.calls(_data(accounts, _without_last_visit(plan, 1))))
    assert set(calls) <= {"patchRoutes", "patchAccounts"}  # no whole layer sent again
    routes = calls["patchRoutes"]
    assert list(routes["days"]) == ["Tue 3 Mar"] and not routes["remove"]
    stops = [f for f in routes["days"]["Tue 3 Mar"] if f["properties"]["kind"] == "stop"]
    assert [f["properties"]["id"] for f in stops] == [v.account_key for v in tuesday.visits[:-1]]
    changed = {f["id"] for f in calls.get("patchAccounts", {"features": []})["features"]}
    assert tuesday.visits[-1].account_key in changed  # its "planned" label went
    assert len(changed) < len(accounts)


def test_an_edit_on_tuesday_leaves_mondays_features_untouched() -> None:
    """With the memo the session keeps, Monday's features are the very objects built
    before (not built again, not compared, not sent); only Tuesday's are new."""
    accounts = make_accounts()
    plan = make_plan(accounts)
    memo, updates = FeatureMemo(), PageUpdates()
    values = week_valuation(accounts.values(), plan.week_start, plan).week_values()
    before = build_map_data(accounts, plan, values=values, memo=memo)
    updates.calls(before)
    edited = _without_last_visit(plan, 1)
    values = week_valuation(accounts.values(), plan.week_start, edited).week_values()
    after = build_map_data(accounts, edited, values=values, memo=memo)
    assert before.routes is not None and after.routes is not None

    def by_day(features: list[dict[str, Any]], label: str) -> list[dict[str, Any]]:
        return [f for f in features if f["properties"]["day_label"] == label]

    old, new = before.routes["features"], after.routes["features"]
    for label in ("Mon 2 Mar", "Wed 4 Mar", "Thu 5 Mar"):
        assert all(a is b for a, b in zip(by_day(old, label), by_day(new, label), strict=True))
    tuesday = zip(by_day(old, "Tue 3 Mar"), by_day(new, "Tue 3 Mar"), strict=False)
    assert not any(a is b for a, b in tuesday)
    assert before.remote is not None and after.remote is not None
    remote = zip(before.remote["features"], after.remote["features"], strict=True)
    assert all(a is b for a, b in remote)
    calls = dict(updates.calls(after))
    assert list(calls["patchRoutes"]["days"]) == ["Tue 3 Mar"] and "patchRemote" not in calls


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


def test_the_app_page_is_written_once_per_version_and_language(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from planner.services import map_page

    italian = map_page.app_page(tmp_path, "it")
    assert 'id="planner-config"' in italian.read_text(encoding="utf-8")
    assert "Territori" in italian.read_text(encoding="utf-8")  # the labels' language

    def no_child(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a cached page must not be written again")

    monkeypatch.setattr(subprocess, "run", no_child)
    assert map_page.app_page(tmp_path, "it") == italian  # reused: folium is not loaded
    monkeypatch.undo()
    english = map_page.app_page(tmp_path, None)
    assert english != italian and italian.exists()  # each language has its page

    # Another version of the page builders: a new page, the old one of that language gone.
    monkeypatch.setattr(map_page, "_page_fingerprint", lambda locale: f"next-{locale}")
    newer = map_page.app_page(tmp_path, "it")
    assert newer != italian and not italian.exists() and english.exists()
    assert not list(tmp_path.glob("*.part"))


def test_the_app_page_is_written_here_when_no_child_process_starts(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from planner.services import map_page

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError("no interpreter")

    monkeypatch.setattr(subprocess, "run", broken)
    page = map_page.app_page(tmp_path, None)
    assert 'id="planner-config"' in page.read_text(encoding="utf-8")
