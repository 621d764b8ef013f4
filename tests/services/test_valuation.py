"""The one valuation: the same values and bands in the app's session, the exported map
page, the CSV and the command line."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from planner.domain import Account, Rep, WeekPlan
from planner.optimise.priorities import USER_EXCLUDED
from planner.services.export_itinerary import export_itinerary
from planner.services.valuation import week_valuation
from tests.io.exporters.plan_fixture import make_accounts, make_plan, make_rep


def _week(accounts: dict[str, Account]) -> tuple[WeekPlan, Rep]:
    return make_plan(accounts), make_rep()


def test_bands_are_thirds_of_this_weeks_visit_value() -> None:
    accounts = make_accounts()
    plan, _ = _week(accounts)
    valuation = week_valuation(accounts.values(), plan.week_start)
    ranked = sorted(
        (b for b in valuation.breakdowns.values() if b.total.cents > 0 and not b.excluded),
        key=lambda b: -b.total.cents,
    )
    bands = [valuation.bands[b.account_key] for b in ranked]
    assert bands == sorted(bands, key=["high", "medium", "low"].index)  # never out of order
    assert bands[0] == "high" and bands[-1] == "low"
    value = valuation.week_value(ranked[0].account_key)
    assert value is not None and value.visit_value == ranked[0].total


def test_accounts_the_user_took_out_of_the_plan_stay_out() -> None:
    accounts = make_accounts()
    plan, _ = _week(accounts)
    key = plan.planned[0].account_key
    removed = replace(plan.planned[0], reason=USER_EXCLUDED, outcome="excluded")
    plan = replace(plan, excluded=(*plan.excluded, removed))
    valuation = week_valuation(accounts.values(), plan.week_start, plan)
    assert valuation.breakdowns[key].excluded_reason == USER_EXCLUDED
    assert valuation.bands[key] == "low"


def test_the_exported_map_colours_by_the_same_bands(tmp_path: Path) -> None:
    accounts = make_accounts()
    plan, rep = _week(accounts)
    result = export_itinerary(plan, accounts, rep, "html", tmp_path / "week.html")
    html = result.files[0].read_text(encoding="utf-8")
    payload = re.search(r'id="planner-data">(.*?)</script>', html, re.S)
    assert payload is not None
    table = json.loads(payload.group(1))["accounts"]
    columns = table["columns"]
    on_map = {row[2]: dict(zip(columns, row[3:], strict=True)) for row in table["rows"]}
    valuation = week_valuation(accounts.values(), plan.week_start, plan)
    assert on_map
    for key, props in on_map.items():
        assert props["priority"] == valuation.bands[key]
        assert props["visit_value"] == str(valuation.breakdowns[key].total)
