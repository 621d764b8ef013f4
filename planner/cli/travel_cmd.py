"""`territory-planner travel ...`: choose the travel model and check how good it is.

travel show                      the workspace's travel model
travel use geodesic|osm|osrm     choose it (osm needs --pbf, osrm needs --url)
travel calibrate --pbf FILE      geodesic vs road times; --save keeps the fitted values
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

from planner.cli.common import add_workspace_argument, open_workspace, progress_bar
from planner.domain import DomainError, GeoPoint, Rep
from planner.travel import (
    GeodesicParams,
    TravelError,
    TravelModel,
    TravelSettings,
    leg_cost,
    load_settings,
    save_settings,
)
from planner.travel.calibrate import CalibrationReport, Errors, calibrate
from planner.travel.osrm import OsrmModel
from planner.travel.roadgraph import RoadGraphModel


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "travel",
        help="choose and calibrate the travel model",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="travel_command", metavar="TOOL", required=True)
    show = sub.add_parser("show", help="print the workspace's travel model settings")
    add_workspace_argument(show)
    show.set_defaults(handler=run_show)
    _register_use(sub)
    _register_calibrate(sub)
    route = sub.add_parser("route", help="distance, time and cost of one leg")
    route.add_argument("start", type=_latlon, metavar="LAT,LON")
    route.add_argument("end", type=_latlon, metavar="LAT,LON")
    route.add_argument("--rep", metavar="NAME", help="price the leg with this rep's rates")
    route.add_argument("--json", action="store_true", help="print JSON, with the geometry")
    add_workspace_argument(route)
    route.set_defaults(handler=run_route)


def _latlon(text: str) -> GeoPoint:
    try:
        lat, lon = (float(part) for part in text.split(","))
        return GeoPoint(lat, lon)
    except (ValueError, DomainError) as exc:
        raise argparse.ArgumentTypeError(f"expected LAT,LON in degrees, got {text!r}") from exc


def _register_use(sub: Any) -> None:
    use = sub.add_parser(
        "use",
        help="choose the travel model the workspace plans with",
        description="geodesic: offline estimate (the default), and roads (OSRM in-process) "
        "inside the regions added with `region add`; osm: fastest routes on the road graph "
        "of a small .osm.pbf extract with networkx (small areas, and a readable teaching "
        "path); osrm: an OSRM server's /table and /route (for teams that run one).",
    )
    use.add_argument("backend", choices=["geodesic", "osm", "osrm"])
    use.add_argument("--pbf", type=Path, metavar="FILE", help="osm: the .osm.pbf extract")
    use.add_argument("--junction-penalty", type=float, metavar="S", help="osm: s per junction")
    use.add_argument("--url", metavar="URL", help="osrm: server address, http://host:port")
    use.add_argument("--table-size", type=int, metavar="N", help="osrm: server's table limit")
    use.add_argument("--roads", action=argparse.BooleanOptionalAction, default=None,
                     help="geodesic: time legs inside a region (`region add`) on its roads "
                     "with OSRM in-process (the default)")  # fmt: skip
    for f in fields(GeodesicParams):
        use.add_argument(f"--{f.name.replace('_', '-')}", type=float, dest=f.name,
                         metavar="X", help=f"geodesic: {f.name} (default {f.default})")  # fmt: skip
    add_workspace_argument(use)
    use.set_defaults(handler=run_use)


def _register_calibrate(sub: Any) -> None:
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
    cal.add_argument("--save", action="store_true",
                     help="keep the fitted geodesic parameters in the workspace")  # fmt: skip
    cal.add_argument("--json", action="store_true", help="print the report as JSON")
    add_workspace_argument(cal)
    cal.set_defaults(handler=run_calibrate)


def run_show(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    try:
        with workspace:
            settings = load_settings(workspace)
    except TravelError as exc:
        print(f"error: stored travel settings are unusable: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(settings.to_dict(), indent=1))
    return 0


def _requested(args: argparse.Namespace, current: TravelSettings) -> TravelSettings:
    """The current settings with what the command line asked to change."""
    options = {
        "pbf": args.pbf,
        "junction_penalty_s": args.junction_penalty,
        "osrm_url": args.url,
        "osrm_table_size": args.table_size,
        "roads": args.roads,
    }
    changes: dict[str, Any] = {"backend": args.backend}
    for name, value in options.items():
        if value is not None:
            changes[name] = str(value.resolve()) if isinstance(value, Path) else value
    geodesic = {f.name: getattr(args, f.name) for f in fields(GeodesicParams)}
    params = replace(current.geodesic, **{k: v for k, v in geodesic.items() if v is not None})
    return replace(current, geodesic=params, **changes)


def _stored(workspace: Any) -> TravelSettings:
    try:
        return load_settings(workspace)
    except TravelError:
        return TravelSettings()  # unusable stored settings are replaced, not fatal


def run_use(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    with workspace:
        try:
            settings = _requested(args, _stored(workspace))
            with progress_bar("checking the travel model"):
                settings.build()  # fail now, not at planning time (loads and caches osm)
        except TravelError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        save_settings(workspace, settings)
    print(f"travel model: {settings.backend}")
    return 0


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
    return _save_fit(args, report) if args.save else 0


def _save_fit(args: argparse.Namespace, report: CalibrationReport) -> int:
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    with workspace:
        save_settings(workspace, replace(_stored(workspace), geodesic=report.suggested))
    print("saved the suggested geodesic parameters in the workspace", file=sys.stderr)
    return 0


def run_route(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    with workspace:
        reps = workspace.reps()
        try:
            settings = load_settings(workspace)
        except TravelError as exc:
            print(f"error: stored travel settings are unusable: {exc}", file=sys.stderr)
            return 1
    rep = next((r for r in reps if r.name == args.rep), None) if args.rep else None
    if args.rep and rep is None:
        print(f"error: no rep named {args.rep!r} in the workspace", file=sys.stderr)
        return 1
    try:
        model = settings.build()
        distance_m, duration_s = model.matrix([args.start, args.end]).leg(0, 1)
        geometry = model.leg_geometry(args.start, args.end)
    except TravelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    cost = leg_cost(rep or Rep(name="default rates"), distance_m, duration_s)
    if args.json:
        out = {
            "backend": settings.backend,
            "distance_m": distance_m,
            "duration_s": duration_s,
            "cost": str(cost.amount),
            "currency": cost.currency,
            "geometry": geometry,
        }
        print(json.dumps(out))
    else:
        print(f"{settings.backend}: {distance_m / 1000:.1f} km, {duration_s / 60:.0f} min, "
              f"{cost} ({rep.name if rep else 'default rates'})")  # fmt: skip
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
