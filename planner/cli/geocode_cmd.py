"""`territory-planner geocode`: coordinates and their precision for the workspace's accounts."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from planner.cli.common import add_workspace_argument, open_workspace, progress_bar
from planner.domain import Rep
from planner.domain.progress import Cancelled
from planner.services.geocode_accounts import (
    DEFAULT_USER_AGENT,
    SOURCES,
    GeocodeConfig,
    GeocodeError,
    GeocodeSummary,
    ProviderConfig,
    default_gazetteer_path,
    geocode_accounts,
    geocode_rep_home,
)
from planner.services.workspaces import Workspace

API_KEY_ENV = "TERRITORY_PLANNER_GEOCODER_KEY"
_SHOWN = 10  # failures and shared pins listed by name


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "geocode",
        help="give accounts (and reps' homes) coordinates, with their precision",
        description="Locate every account not located yet: workspace cache first, then the "
        "address index of the regions added with `region add` (street and house number, "
        "offline), then the offline gazetteer (towns and US/DE/IT postcodes, built on first "
        "use), then an online provider (Nominatim by default, one request per second). "
        "Manual pins and coordinates from the CRM file are never changed. Interrupting keeps "
        "every result obtained; running again retries only the accounts still missing.",
    )
    add_workspace_argument(parser)
    parser.add_argument("--offline", action="store_true", help="never ask an online provider")
    parser.add_argument(
        "--online-first",
        action="store_true",
        help="ask the online provider before the gazetteer (finer pins, much slower)",
    )
    parser.add_argument(
        "--order",
        metavar="LIST",
        help=f"sources in order, comma-separated, from {', '.join(SOURCES)}",
    )
    parser.add_argument(
        "--refine",
        action="store_true",
        help="also retry postcode/town-level pins and keep a finer answer",
    )
    parser.add_argument(
        "--provider", default="nominatim", metavar="NAME",
        help="geopy provider name: nominatim, googlev3, bing, opencage, ...",
    )  # fmt: skip
    parser.add_argument(
        "--url", default="", help="provider server, e.g. https://nominatim.example.org"
    )
    parser.add_argument(
        "--min-delay", type=float, default=None, metavar="SECONDS",
        help="seconds between online requests (default: the provider's policy; "
        "lower it only for your own server)",
    )  # fmt: skip
    parser.add_argument("--user-agent", default=DEFAULT_USER_AGENT, help="sent to the provider")
    parser.add_argument(
        "--api-key", default=os.environ.get(API_KEY_ENV, ""),
        help=f"provider API key (default: ${API_KEY_ENV})",
    )  # fmt: skip
    parser.add_argument("--country", default="", metavar="CC",
                        help="ISO country assumed for addresses without one, e.g. IT")  # fmt: skip
    parser.set_defaults(handler=run)


def _config(args: argparse.Namespace) -> GeocodeConfig:
    if args.order:
        order = tuple(s.strip() for s in args.order.split(",") if s.strip())
    elif args.online_first:
        order = ("cache", "addresses", "online", "gazetteer")
    else:
        order = SOURCES
    provider = ProviderConfig(
        name=args.provider,
        url=args.url,
        user_agent=args.user_agent,
        api_key=args.api_key,
        min_delay_s=args.min_delay,
    )
    return GeocodeConfig(
        order=order, offline=args.offline, provider=provider, default_country=args.country
    )


def run(args: argparse.Namespace) -> int:
    try:
        config = _config(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    if "gazetteer" in config.sources and not default_gazetteer_path().exists():
        print("building the offline gazetteer (once; about half a minute)...", file=sys.stderr)
    with workspace:
        try:
            with progress_bar("geocoding") as bar:
                summary = geocode_accounts(workspace, config, bar, refine=args.refine)
            _geocode_reps(workspace, config)
        except GeocodeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        except (KeyboardInterrupt, Cancelled):
            print("interrupted: the results obtained are saved; run again to continue",
                  file=sys.stderr)  # fmt: skip
            return 130
    _print_summary(summary)
    return _exit_code(summary)


def _exit_code(summary: GeocodeSummary) -> int:
    """0 when every account tried was located, 3 when some were, 1 when none was."""
    if not summary.failed:
        return 0
    if summary.located == 0:
        print(f"error: none of the {summary.attempted} accounts tried could be geocoded",
              file=sys.stderr)  # fmt: skip
        return 1
    return 3


def _geocode_reps(workspace: Workspace, config: GeocodeConfig) -> None:
    """Locate reps' homes that have an address but no coordinate yet."""
    updated: list[Rep] = []
    for rep in workspace.reps():
        if rep.home is not None or not rep.home_address.strip():
            continue
        located, result, note = geocode_rep_home(rep, config)
        if result is None:
            print(f"warning: home of {rep.name} not found: {note}", file=sys.stderr)
            continue
        updated.append(located)
        print(f"home of {rep.name}: {result.precision.value} ({result.source})")
    if updated:
        workspace.save_reps(updated)


def _print_summary(summary: GeocodeSummary) -> None:
    print("\n".join(summary.lines()))
    for pin in summary.shared_pins[:_SHOWN]:
        names = ", ".join(pin.names[:4]) + (" ..." if len(pin.names) > 4 else "")
        print(f"  {len(pin.names)} accounts on one {pin.precision.value} pin "
              f"({pin.location.lat:.5f}, {pin.location.lon:.5f}): {names}")  # fmt: skip
    if summary.failures:
        print(f"{len(summary.failures)} not geocoded (run again to retry these only):")
        for name, reason in summary.failures[:_SHOWN]:
            print(f"  {name}: {reason}")
        if len(summary.failures) > _SHOWN:
            print(f"  ... and {len(summary.failures) - _SHOWN} more")
