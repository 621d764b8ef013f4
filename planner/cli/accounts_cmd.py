"""`territory-planner accounts [-w WORKSPACE] [--json]`: list the workspace's accounts."""

from __future__ import annotations

import argparse
import json
from typing import Any

from planner.cli.common import add_workspace_argument, open_workspace
from planner.domain import Account
from planner.io import codec


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("accounts", help="list the accounts in the workspace")
    add_workspace_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON (one list of objects)")
    parser.set_defaults(handler=run)


def account_json(account: Account) -> dict[str, Any]:
    """The codec's form, flattened for scripts: one-line address, latitude/longitude, numbers."""
    data = codec.account_to_dict(account)
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
    )
    return data


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    with workspace:
        accounts = workspace.accounts()
    if args.json:
        print(json.dumps([account_json(a) for a in accounts], ensure_ascii=False, indent=1))
        return 0
    print(
        f"{'account id':<20} {'name':<36} {'town':<22} {'precision':<9} {'amount':>12} {'prob':>5}"
    )
    for a in accounts:
        amount = f"{a.amount:,.2f}" if a.amount is not None else ""
        prob = f"{a.probability:.0%}" if a.probability is not None else ""
        print(
            f"{a.account_id[:20]:<20} {a.name[:36]:<36} {a.address.city[:22]:<22} "
            f"{a.precision.value:<9} {amount:>12} {prob:>5}"
        )
    print(f"{len(accounts)} accounts")
    return 0
