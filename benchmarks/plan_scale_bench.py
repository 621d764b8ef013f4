"""Planning one rep in a large workspace: wall time and peak memory, each run in its own process.

    python -m benchmarks.plan_scale_bench --sizes 1000 5000 25000 --time-limit 10
    python -m benchmarks.plan_scale_bench --sizes 1000 --weeks 4 --time-limit 10
    python -m benchmarks.plan_scale_bench --workspace real.tpw --rep Sam --time-limit 10

A workspace of N generated accounts (`benchmarks.weekly_instances`: towns, deals, cadences,
opening hours) is split between reps of about 300 accounts each, owned through the CRM
owner column, reps' homes on a grid of 100 km cells across northern Italy. The CLI
(`python -m planner plan --rep "Rep 000" ...`) plans the first rep in a fresh subprocess;
its wall time, CPU time (user + system: the solver uses a second core when
it is free, so CPU can exceed wall) and peak RSS (ru_maxrss) are reported; on a loaded
machine wall time grows, CPU time much less. `--workspace` measures a copy of an existing
workspace instead (a real export imported with `territory-planner import`, e.g. the
25,600-store Starbucks directory of tests/data/real/SOURCES.md, and a rep added with
`reps import`). Targets (issue 17):
25,000 accounts ≤ 15 s and ≤ 1.5 GB at --time-limit 10; 4 weeks of 300 candidates ≤ 60 s.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from benchmarks.weekly_instances import CENTRE, WEEK, territory
from planner.domain import Account, GeoPoint, Rep
from planner.io.workspace import Workspace

PER_REP = 300
CELL_DEG = (0.9, 1.3)  # ~100 km × 100 km at 45° N
GRID_COLUMNS = 10


def build_workspace(path: Path, size: int, seed: int = 0, per_rep: int = PER_REP) -> str:
    """A workspace of `size` accounts split between reps; returns the first rep's name."""
    reps, accounts = [], []
    for r in range(math.ceil(size / per_rep)):
        count = min(per_rep, size - r * per_rep)
        shift = (CELL_DEG[0] * (r // GRID_COLUMNS), CELL_DEG[1] * (r % GRID_COLUMNS))
        home = GeoPoint(CENTRE.lat - 2 + shift[0], CENTRE.lon - 4 + shift[1])
        rep = Rep(name=f"Rep {r:03d}", home_address=f"home of rep {r}", home=home)
        reps.append(rep)
        accounts += [_moved(a, rep, r, shift) for a in territory(count, seed + r).accounts]
    with Workspace.open(path) as ws:
        ws.save_reps(reps)
        ws.save_accounts(accounts)
    return reps[0].name


def _moved(account: Account, rep: Rep, r: int, shift: tuple[float, float]) -> Account:
    assert account.location is not None
    point = GeoPoint(account.location.lat - 2 + shift[0], account.location.lon - 4 + shift[1])
    return replace(
        account,
        account_id=f"R{r:03d}-{account.account_id}",
        name=f"{account.name} ({rep.name})",
        location=point,
        owner=rep.name,
    )


def measure(workspace: Path, rep: str, time_limit: float, weeks: int) -> dict[str, object]:
    """Run the CLI in a child process; wall seconds, peak RSS and the plan's size."""
    command = [
        sys.executable, "-m", "planner", "plan", "--workspace", str(workspace),
        "--week", WEEK.isoformat(), "--rep", rep, "--time-limit", str(time_limit), "--json",
    ]  # fmt: skip
    if weeks > 1:
        command += ["--weeks", str(weeks)]
    code = "import resource, runpy, sys; sys.argv = sys.argv[1:]; sys.argv[0] = 'planner'\n"
    code += "try:\n    runpy.run_module('planner', run_name='__main__')\nfinally:\n"
    code += "    u = resource.getrusage(resource.RUSAGE_SELF)\n"
    code += "    print(u.ru_utime + u.ru_stime, u.ru_maxrss, file=sys.stderr)"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code, *command[2:]], capture_output=True, text=True, check=False
    )
    wall = time.monotonic() - started
    tail = done.stderr.strip().splitlines()
    cpu_s, peak_kib = (float(x) for x in tail[-1].split()) if tail else (0.0, 0.0)
    row: dict[str, object] = {
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu_s, 1),
        "peak_mb": round(peak_kib / 1024),
    }
    if done.returncode != 0:
        row["error"] = (tail[-2] if len(tail) > 1 else done.stdout[-200:]).strip()[:120]
        return row
    data = json.loads(done.stdout)
    plans = data.get("weeks", [data])
    row["visits"] = sum(p["totals"]["visits"] for p in plans)
    row["net"] = round(sum(p["totals"]["net"]["cents"] for p in plans) / 100)
    return row


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 25000])
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--weeks", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--workspace", type=Path, help="measure a copy of this workspace")
    parser.add_argument("--rep", default="", help="with --workspace: the rep to plan")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.workspace:
            copy = Path(tmp) / "copy.tpw"
            shutil.copyfile(args.workspace, copy)
            with Workspace.open(copy) as ws:
                size, rep = ws.account_count(), args.rep or ws.reps()[0].name
            row = {"accounts": size, "weeks": args.weeks, "time_limit_s": args.time_limit}
            rows.append(row | measure(copy, rep, args.time_limit, args.weeks))
        for size in [] if args.workspace else args.sizes:
            path = Path(tmp) / f"ws{size}.tpw"
            rep = build_workspace(path, size)
            row = {"accounts": size, "weeks": args.weeks, "time_limit_s": args.time_limit}
            rows.append(row | measure(path, rep, args.time_limit, args.weeks))
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    cols = ["accounts", "weeks", "time_limit_s", "wall_s", "cpu_s", "peak_mb", "visits", "net"]
    cols += ["error"]
    print(" | ".join(cols))
    for row in rows:
        print(" | ".join(str(row.get(c, "")) for c in cols))
    print(
        f"(bench process itself: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
