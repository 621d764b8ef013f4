"""Week planning end to end (optimise_week: greedy + solver + exact repair) on the demo territory.

    python -m benchmarks.plan_week_bench --limits 5 10 30 --reference 120 [--seeds 0 1 2]

For each time limit and seed: wall seconds, visits, value, travel (+ hotel) cost, net
(value − cost, higher is better), the ratio to the reference run's net, and whether the
independent checker finds the plan feasible. The demo rep plans the week of 2 March 2026
over every located demo account (no territory split), overnight stays compared.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from planner.io.workspace import Workspace
from planner.optimise.week.check import check_plan
from planner.optimise.week.orchestrate import WeekRequest, optimise_week
from planner.optimise.week.planner import WeekParams
from planner.services.demo import ensure_demo_workspace
from planner.travel import GeodesicModel

WEEK = date(2026, 3, 2)


def run(limit: float, seed: int, workspace: Path) -> dict[str, object]:
    with Workspace.open(workspace) as ws:
        accounts, rep = ws.accounts(), ws.reps()[0]
    started = time.monotonic()
    request = WeekRequest(accounts, rep, WEEK, None, GeodesicModel())
    outcome = optimise_week(request, WeekParams(time_limit_s=limit, seed=seed))
    wall = time.monotonic() - started
    plan = outcome.plan
    problems = check_plan(plan, accounts, rep, GeodesicModel())
    return {
        "limit_s": limit,
        "seed": seed,
        "wall_s": round(wall, 1),
        "candidates": len(outcome.problem.candidates),
        "visits": len(plan.visits()),
        "value": float(plan.value.amount),
        "cost": float(plan.cost.amount),
        "net": float((plan.value - plan.cost).amount),
        "km": round(plan.distance_m / 1000),
        "hotel": any(d.end.kind == "hotel" for d in plan.days),
        "feasible": not problems,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limits", type=float, nargs="+", default=[5.0, 10.0])
    parser.add_argument("--reference", type=float, default=None, metavar="S")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        workspace = ensure_demo_workspace(Path(tmp) / "demo.tpw")
        rows = [run(limit, seed, workspace) for limit in args.limits for seed in args.seeds]
        ref = run(args.reference, args.seeds[0], workspace) if args.reference else None
    if ref is not None:
        rows.append(ref)
        for row in rows:
            row["vs_ref"] = round(float(str(row["net"])) / float(str(ref["net"])), 4)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    cols = ["limit_s", "seed", "wall_s", "candidates", "visits", "value", "cost", "net", "km",
            "hotel", "feasible", "vs_ref"]  # fmt: skip
    print(" | ".join(cols))
    for row in rows:
        print(" | ".join(str(row.get(c, "")) for c in cols))
    return 0


if __name__ == "__main__":
    sys.exit(main())
