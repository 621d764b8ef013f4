"""`territory-planner travel calibrate --pbf FILE`: how good is the offline travel estimate?"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from planner.cli.common import progress_bar
from planner.travel import TravelError, TravelModel
from planner.travel.calibrate import CalibrationReport, Errors, calibrate
from planner.travel.osrm import OsrmModel
from planner.travel.roadgraph import RoadGraphModel


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "travel", help="travel model tools", description="Travel model tools."
    )
    sub = parser.add_subparsers(dest="travel_command", metavar="TOOL", required=True)
    cal = sub.add_parser(
        "calibrate",
        help="compare geodesic estimates with road times and suggest parameters",
        description="Sample places on the road network of an OSM extract, price every pair "
        "with the road graph (or an OSRM server) and with the offline geodesic estimate, "
        "report the errors and fit circuity/speed parameters that reduce them.",
    )
    cal.add_argument("--pbf", type=Path, required=True, metavar="FILE", help=".osm.pbf extract")
    cal.add_argument("--places", type=int, default=200, metavar="N",
                     help="road nodes to sample (default 200 → ~40,000 pairs)")  # fmt: skip
    cal.add_argument("--seed", type=int, default=0, metavar="N", help="sampling seed")
    cal.add_argument("--osrm", metavar="URL", help="use this OSRM server as the reference")
    cal.add_argument("--cache-dir", type=Path, metavar="DIR", help="road graph cache directory")
    cal.add_argument("--json", action="store_true", help="print the report as JSON")
    cal.set_defaults(handler=run_calibrate)


def run_calibrate(args: argparse.Namespace) -> int:
    if args.places < 5:
        print("error: --places must be at least 5", file=sys.stderr)
        return 2
    try:
        with progress_bar("loading road graph") as bar:
            graph = RoadGraphModel.from_pbf(args.pbf, cache_dir=args.cache_dir)
            places = graph.sample_places(args.places, args.seed)
            reference: TravelModel = OsrmModel(args.osrm) if args.osrm else graph
            report = calibrate(reference, places, progress=bar)
    except TravelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report.as_dict(), indent=1))
    else:
        print("\n".join(report_lines(report)))
    return 0


def _pct(e: Errors) -> tuple[str, str]:
    return (
        f"{e.duration_median_pct:6.1f} % / {e.duration_p90_pct:6.1f} %",
        f"{e.distance_median_pct:6.1f} % / {e.distance_p90_pct:6.1f} %",
    )


def report_lines(report: CalibrationReport) -> list[str]:
    lines = [
        f"reference: {report.reference}",
        f"pairs: {report.pairs:,} (straight line up to {report.max_straight_km:.1f} km)",
        "",
        f"{'geodesic parameters':<22} {'time error median / p90':>26} {'distance error':>24}",
    ]
    for label, errors in (("current", report.before), ("suggested", report.after)):
        t, d = _pct(errors)
        lines.append(f"{label:<22} {t:>26} {d:>24}")
    lines += ["", f"fitted: {', '.join(report.fitted)}"]
    current, suggested = asdict(report.current), asdict(report.suggested)
    for name, value in suggested.items():
        mark = "" if name in report.fitted else "   (kept: the sample cannot tell)"
        lines.append(f"  {name:<16} {current[name]:>8g} → {value:<8g}{mark}")
    return lines
