"""Team scale: whole-team planning on Dask with 1 and 2 workers, and a 100,000-account
import into PostgreSQL vs SQLite.

    python -m benchmarks.team_bench [--reps 20] [--per-rep 400] [--time-limit 10]
                                    [--workers 1 2] [--import-rows 100000] [--url ADMIN_URL]

The team workspace (`plan_scale_bench.build_workspace`: reps on a grid of 100 km cells
across northern Italy, each owning `--per-rep` generated accounts) is copied into a
PostgreSQL database — on a throw-away server started like the tests' (initdb/pg_ctl,
needs Debian's `postgresql`), or on `--url`'s server — and every rep's week is planned
by `plan_team` on a LocalCluster of 1, then 2, single-threaded worker processes. Reported:
wall time, reps per minute, the 2-vs-1 throughput ratio (issue 18 target >= 1.8 on two
cores), each worker's peak RSS and CPU time, and the machine's load average (the cores
are shared: a loaded machine lowers the ratio). Then the 100,000-row CSV of
`import_bench` is imported into a fresh workspace file and into an empty PostgreSQL
database, each in its own process; and the measured per-rep cost is projected to 200
reps on N machines.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.import_bench import make_file, run_import
from benchmarks.plan_scale_bench import build_workspace
from benchmarks.weekly_instances import WEEK
from planner.io.workspace import Workspace
from planner.optimise.week.planner import WeekParams
from planner.services.plan_team import TeamJob, plan_team
from planner.services.workspaces import copy_between


def _peak_and_cpu() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


@contextmanager
def databases(admin_url: str | None) -> Iterator[Callable[[], str]]:
    """A function making an empty database, on `--url`'s server or on a throw-away one."""
    if admin_url is not None:
        yield lambda: _create_database(admin_url)
        return
    from tests.pgserver import start_server

    servers = start_server()
    server = next(servers)
    try:
        yield lambda: _create_database(server.url())
    finally:
        servers.close()  # stops the server and removes its folder


def _create_database(admin_url: str) -> str:
    import psycopg

    name = f"team_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + "/" + name


def plan_with(target: str, reps: list[str], workers: int, time_limit: float) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    job = TeamJob(target, WEEK, None, WeekParams(time_limit_s=time_limit, seed=0))
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=":0",
                     silence_logs=logging.ERROR) as cluster,
        Client(cluster) as client,
    ):  # fmt: skip
        load = os.getloadavg()[0]
        started = time.monotonic()
        plans = plan_team(job, reps, scheduler=cluster.scheduler_address)
        wall = time.monotonic() - started
        usage = client.run(_peak_and_cpu)
    return {
        "workers": workers,
        "wall_s": wall,
        "reps_per_min": len(reps) / wall * 60,
        "load_before": load,
        "load_after": os.getloadavg()[0],
        "peak_mb": [round(u[0]) for u in usage.values()],
        "cpu_s": [round(u[1]) for u in usage.values()],
        "visits": sum(p["totals"]["visits"] for p in plans),
    }


def print_plans(rows: list[dict[str, Any]], reps: int, per_rep: int, limit: float) -> None:
    print(f"\nWhole-team plan: {reps} reps x {per_rep} accounts, --time-limit {limit:g}")
    print(f"{'workers':>7} {'wall s':>7} {'reps/min':>8} {'load 1-min before/after':>24} "
          f"{'peak RSS MB per worker':>24} {'CPU s per worker':>18} {'visits':>7}")  # fmt: skip
    for r in rows:
        print(f"{r['workers']:>7} {r['wall_s']:>7.1f} {r['reps_per_min']:>8.2f} "
              f"{r['load_before']:>11.1f} / {r['load_after']:<10.1f} "
              f"{'/'.join(map(str, r['peak_mb'])):>24} {'/'.join(map(str, r['cpu_s'])):>18} "
              f"{r['visits']:>7}")  # fmt: skip
    if len(rows) > 1:
        ratio = rows[-1]["reps_per_min"] / rows[0]["reps_per_min"]
        print(f"throughput ratio {rows[-1]['workers']} vs {rows[0]['workers']} workers: "
              f"{ratio:.2f} (target >= 1.8 on 2 idle cores)")  # fmt: skip


def print_projection(per_rep_s: float, reps: int = 200) -> None:
    """200 reps on N machines: waves of (machines x cores) reps at `per_rep_s` each."""
    print(f"\nProjection for {reps} reps (measured {per_rep_s:.1f} s per rep per worker):")
    print(f"{'machines':>8} {'cores each':>10} {'waves':>6} {'minutes':>8}")
    for machines in (1, 2, 5, 10, 25):
        for cores in (2, 8):
            waves = math.ceil(reps / (machines * cores))
            print(f"{machines:>8} {cores:>10} {waves:>6} {waves * per_rep_s / 60:>8.1f}")


def compare_imports(rows: int, new_database: Callable[[], str], folder: Path) -> None:
    source = folder / "export.csv"
    make_file(source, rows)
    print(f"\nImport of {rows:,} accounts (import_bench CSV), each in its own process:")
    print(f"{'backend':<11} {'wall s':>7} {'CPU s':>6} {'peak RSS MB':>11} {'new':>7}")
    results = {}
    for backend, target in (("SQLite", str(folder / "import.tpw")), ("PostgreSQL", None)):
        if target is None:
            target = new_database()
            Workspace.open(target, create=True).close()
        seconds, cpu, peak, new, _updated, _rejected = run_import(target, source)  # type: ignore[arg-type]
        results[backend] = seconds
        print(f"{backend:<11} {seconds:>7.1f} {cpu:>6.1f} {peak:>11.0f} {new:>7,}")
    print(f"PostgreSQL / SQLite time ratio: {results['PostgreSQL'] / results['SQLite']:.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--per-rep", type=int, default=400)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--import-rows", type=int, default=100_000, help="0: skip the import")
    parser.add_argument(
        "--url",
        help="a PostgreSQL login that may create databases, e.g. "
        "postgresql://postgres@localhost/postgres (default: a temporary server)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, databases(args.url) as new_database:
        folder = Path(tmp)
        base = folder / "team.tpw"
        build_workspace(base, args.reps * args.per_rep, per_rep=args.per_rep)
        with Workspace.open(base) as ws:
            reps = [r.name for r in ws.reps()]
        rows = []
        for workers in args.workers:
            target = new_database()
            copy_between(base, target)
            rows.append(plan_with(target, reps, workers, args.time_limit))
        print_plans(rows, len(reps), args.per_rep, args.time_limit)
        one = next((r for r in rows if r["workers"] == 1), rows[0])
        print_projection(one["wall_s"] * one["workers"] / len(reps))
        if args.import_rows:
            compare_imports(args.import_rows, new_database, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
