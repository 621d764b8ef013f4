"""Time and size of each itinerary export for a real planned week of the demo territory.

    .venv/bin/python benchmarks/export_bench.py [--time-limit 5]

Builds the demo workspace in a temporary folder, plans the first rep's week with the
geodesic travel model, then exports it in every format (twice for .ics: the second run
is a re-export with the stored state, which should change no SEQUENCE).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from planner.io.workspace import Workspace
from planner.optimise.week.planner import WeekParams
from planner.services.demo import STEPS, run_demo
from planner.services.export_itinerary import ExportFormat, export_from_workspace
from planner.services.plan_week import plan_in_workspace
from planner.travel import GeodesicModel

WEEK = date(2026, 12, 7)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--time-limit", type=float, default=5.0, help="solver seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        steps = [s for s in STEPS if s.name in ("import accounts", "import reps", "geocode")]
        path = run_demo(out / "demo", steps=steps).workspace.path
        with Workspace.open(path) as workspace:  # run_demo closed its own handle
            _bench(workspace, out, args.time_limit)


def _bench(workspace: Workspace, out: Path, time_limit: float) -> None:
    params = WeekParams(time_limit_s=time_limit)
    plan = plan_in_workspace(workspace, None, WEEK, None, GeodesicModel(), params=params).plan
    print(
        f"plan: {plan.rep_name}, {len(plan.days)} days, {len(plan.visits())} visits, "
        f"{len(plan.remote)} remote, {plan.distance_m / 1000:.0f} km"
    )
    print(f"{'format':<10}{'seconds':>9}{'files':>7}{'bytes':>10}")
    runs = [*ExportFormat, ExportFormat.ICS]
    for i, fmt in enumerate(runs):
        again = i == len(runs) - 1
        start = time.perf_counter()
        result = export_from_workspace(
            workspace, plan.rep_name, WEEK, fmt, out / f"week.{fmt.value}"
        )
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in result.files)
        label = "ics again" if again else fmt.value
        print(f"{label:<10}{seconds:>9.2f}{len(result.files):>7}{size:>10,}")
        if result.ics_state is not None and again:
            bumped = sum(1 for s in result.ics_state.values() if s.sequence)
            print(f"  re-export: {bumped} of {len(result.ics_state)} events bumped SEQUENCE")


if __name__ == "__main__":
    main()
