"""`territory-planner accounts [-w WORKSPACE] [--week DATE] [--json]`: list the accounts,
with what a visit is worth that week and its priority band (the app's and the map's)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from planner.cli.common import add_workspace_argument, iso_date, open_workspace
from planner.domain import Account
from planner.domain.plan import week_to_plan
from planner.domain.text import visible_text
from planner.domain.value import WeekValue
from planner.services.valuation import week_valuation
from planner.services.value_settings import load_value_params
from planner.services.workspaces import account_to_dict


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("accounts", help="list the accounts in the workspace")
    add_workspace_argument(parser)
    parser.add_argument("--week", type=iso_date, metavar="YYYY-MM-DD",
                        help="week the visit values are for (default: the next week to "
                        "plan, as in the app)")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print JSON (one list of objects)")
    parser.set_defaults(handler=run)


def account_json(account: Account, value: WeekValue | None = None) -> dict[str, Any]:
    """The codec's form, flattened for scripts: one-line address, latitude/longitude, numbers,
    and this week's visit value and priority band."""
    data = account_to_dict(account)
    parts = data.pop("address")
    location = data.pop("location")
    data.update(
        key=account.key,
        address=account.address.one_line(),
        **parts,
        latitude=location[0] if location else None,
        longitude=location[1] if location else None,
        amount=float(account.amount) if account.amount is not None else None,
        expected_value=float(ev) if (ev := account.expected_value) is not None else None,
        visit_value=float(value.visit_value.amount) if value else None,
        priority=value.band if value else None,
    )
    return data


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    with workspace:
        accounts = workspace.accounts()
        week = args.week or week_to_plan(date.today())
        reps = workspace.reps()
        plan = workspace.load_plan(reps[0].name, week) if reps else None
        params = load_value_params(workspace)
    values = week_valuation(accounts, week, plan, params).week_values()
    if args.json:
        rows = [account_json(a, values.get(a.key)) for a in accounts]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print(f"visit value and priority for the week of {week.isoformat()}")
    print(
        f"{'account id':<20} {'name':<36} {'town':<22} {'precision':<9} {'amount':>12} {'prob':>5}"
        f" {'visit value':>11} {'priority':<8}"
    )
    for a in accounts:
        amount = f"{a.amount:,.2f}" if a.amount is not None else ""
        prob = f"{a.probability:.0%}" if a.probability is not None else ""
        value = values.get(a.key)
        visit, band = (f"{value.visit_value.amount:,.2f}", value.band) if value else ("", "")
        print(
            f"{a.account_id[:20]:<20} {visible_text(a.name)[:36]:<36} "
            f"{visible_text(a.address.city)[:22]:<22} "
            f"{a.precision.value:<9} {amount:>12} {prob:>5} {visit:>11} {band:<8}"
        )
    print(f"{len(accounts)} accounts")
    return 0
