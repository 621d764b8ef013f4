"""`territory-planner settings [tiers A=14d ... | tier-values A=800 ... | default-tier C |
rates USD=0.92 GBP=1.17 [--base EUR]]`."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import Any

from planner.cli.common import add_workspace_argument, open_workspace
from planner.domain import DomainError
from planner.services.currencies import Rates, load_rates, parse_rates, save_rates
from planner.services.value_settings import (
    TIERS,
    describe,
    load_tier_settings,
    parse_cadences,
    parse_values,
    save_tier_settings,
)
from planner.services.workspaces import Workspace


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "settings",
        help="show or change the value settings: customer tiers, cadences, visit values",
        description="Every account has a tier A/B/C (a tag such as 'Tier A', else annual "
        "revenue, else the default tier). A tier sets how often the account is due a visit "
        "and what a relationship visit is worth when due. Without an action, prints them.",
    )
    add_workspace_argument(parser)
    actions = parser.add_subparsers(dest="settings_action", metavar="ACTION")
    tiers = actions.add_parser("tiers", help="visit cadence per tier, e.g. A=14d B=30d C=90d")
    tiers.add_argument("pairs", nargs="+", metavar="TIER=DAYS")
    values = actions.add_parser("tier-values", help="relationship visit value, e.g. A=800 C=120")
    values.add_argument("pairs", nargs="+", metavar="TIER=AMOUNT")
    default = actions.add_parser("default-tier", help="tier of accounts nothing else places")
    default.add_argument("tier", choices=TIERS)
    rates = actions.add_parser(
        "rates",
        help="exchange rates: the value of one unit in the base currency, e.g. USD=0.92",
        description="Plans value every account in the rep's currency; accounts in another "
        "currency are converted at these rates (each: the value of 1 unit in the base "
        "currency). Without pairs, prints them.",
    )
    rates.add_argument("pairs", nargs="*", metavar="CODE=RATE")
    rates.add_argument("--base", help="the base currency (default: the one saved, else EUR)")
    for sub in (tiers, values, default, rates):
        add_workspace_argument(sub)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    action = getattr(args, "settings_action", None)
    if action == "rates":
        return _rates(workspace, args)
    try:
        with workspace:
            settings = load_tier_settings(workspace)
            if action == "tiers":
                cadences = {**settings.cadence_days, **parse_cadences(args.pairs)}
                settings = replace(settings, cadence_days=cadences)
            elif action == "tier-values":
                values = {**settings.visit_value, **parse_values(args.pairs)}
                settings = replace(settings, visit_value=values)
            elif action == "default-tier":
                settings = replace(settings, default_tier=args.tier)
            if action is not None:
                save_tier_settings(workspace, settings)
            currency = next((r.currency for r in workspace.reps()), "EUR")
    except DomainError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(describe(settings, currency)))
    return 0


def _rates(workspace: Workspace, args: argparse.Namespace) -> int:
    try:
        with workspace:
            rates = load_rates(workspace)
            base = (args.base or rates.base).upper()
            if args.pairs or base != rates.base:
                kept = {} if base != rates.base else dict(rates.per_unit)
                rates = Rates(base, {**kept, **parse_rates(args.pairs, base)})
                save_rates(workspace, rates)
    except DomainError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(rates.describe()))
    return 0
