"""`territory-planner region add|list|remove|update`: OpenStreetMap regions for road
times and street addresses, kept in the user data folder and shared by every workspace."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from planner.cli.common import progress_bar
from planner.domain.progress import Cancelled
from planner.services.regions import (
    AddResult,
    RegionError,
    RegionInfo,
    RegionStore,
    TravelError,
    add_region,
    default_regions_dir,
    info_dict,
    outdated_roads,
    remove_region,
    update_region,
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "region",
        help="add, list, update or remove OpenStreetMap regions (road times, addresses)",
        description="A region is an OpenStreetMap extract built once into a road dataset "
        "(OSRM, car) and an address index, in the user data folder "
        f"({default_regions_dir()}); every workspace uses it. Plans time legs inside a "
        "region on its roads, and `geocode --offline` finds street addresses in it.",
    )
    sub = parser.add_subparsers(dest="region_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="download (or read) an extract and build it")
    add.add_argument("source", metavar="SOURCE",
                     help="a local .osm.pbf, an https URL, or a Geofabrik region name such "
                     "as italy/nord-est")  # fmt: skip
    add.add_argument("--name", help="the region's name (default: from the source)")
    add.set_defaults(handler=run_add)
    listing = sub.add_parser("list", help="the regions built so far")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_list)
    remove = sub.add_parser("remove", help="delete a region's data")
    remove.add_argument("name")
    remove.set_defaults(handler=run_remove)
    update = sub.add_parser("update", help="rebuild a region when its source changed")
    update.add_argument("name")
    update.set_defaults(handler=run_update)


def _building(work: Callable[[Any], AddResult | None]) -> tuple[int, AddResult | None]:
    """Run a build with a progress bar: (exit code, result); errors printed as one line."""
    try:
        with progress_bar("region") as bar:
            return 0, work(bar)
    except (RegionError, TravelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1, None
    except (KeyboardInterrupt, Cancelled):
        print("interrupted: the regions are unchanged (a download resumes next time)",
              file=sys.stderr)  # fmt: skip
        return 130, None


def run_add(args: argparse.Namespace) -> int:
    code, result = _building(lambda bar: add_region(args.source, name=args.name, progress=bar))
    if result is not None:
        verb = "rebuilt" if result.replaced else "added"
        print(f"region {result.info.name} {verb}: {_summary(result.info)}")
    return code


def run_list(args: argparse.Namespace) -> int:
    store = RegionStore()
    regions = store.regions()
    if args.json:
        rows = [{**info_dict(r), "outdated": outdated_roads(r, store)} for r in regions]
        print(json.dumps(rows, indent=1, ensure_ascii=False))
        return 0
    if not regions:
        print("no regions: add one with `territory-planner region add SOURCE`")
        return 0
    for info in regions:
        print(f"{info.name}: {_summary(info)}")
        if reason := outdated_roads(info, store):
            print(f"  {reason}; `territory-planner region update {info.name}` rebuilds it")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    try:
        info = remove_region(args.name)
    except RegionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"region {info.name} removed ({info.size_bytes / 1e6:.1f} MB freed)")
    return 0


def run_update(args: argparse.Namespace) -> int:
    code, result = _building(lambda bar: update_region(args.name, progress=bar))
    if code == 0 and result is None:
        print(f"region {args.name} is up to date (same checksum as the published extract)")
    elif result is not None:
        print(f"region {result.info.name} rebuilt: {_summary(result.info)}")
    return code


def _summary(info: RegionInfo) -> str:
    s, w, n, e = info.bbox
    cal = info.calibration
    fitted = ""
    if cal.get("after"):
        bands = len(cal.get("bands", ()))
        fitted = (f"; the estimate outside it is calibrated on {cal['pairs']} road pairs "
                  f"({bands} distance bands)")  # fmt: skip
    return (
        f"{info.addresses} addresses on {info.streets} streets, box {s:.3f},{w:.3f} – "
        f"{n:.3f},{e:.3f}, {info.size_bytes / 1e6:.1f} MB, built in {info.build_s:.1f} s "
        f"from {info.source}{fitted}"
    )
