"""Import benchmark: a 100,000-row Salesforce-style CSV into a fresh workspace.

Targets (issue 2): ≤ 5 s and ≤ 500 MB peak RSS. Each import runs in its own process so
its peak RSS (resource.getrusage ru_maxrss) is the import's alone, not the generator's.

    .venv/bin/python benchmarks/import_bench.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HEADER = [
    "Account ID", "Account Name", "Account Owner", "Industry", "Phone", "Billing Street",
    "Billing City", "Billing State/Province", "Billing Zip/Postal Code", "Billing Country",
    "Billing Latitude", "Billing Longitude", "Stage", "Amount", "Probability (%)", "Close Date",
    "Last Activity", "Visit Cadence (Days)", "Meeting Duration (min)", "Opening Hours",
]  # fmt: skip


def make_file(path: Path, rows: int) -> None:
    rng = random.Random(1)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for i in range(rows):
            located = rng.random() < 0.6
            writer.writerow([
                f"0015g{i:013d}", f"Account {i} S.r.l.", "Giulia Bianchi", "Retail",
                "+39 051 123456", f"Via Roma {i % 200 + 1}\nScala {i % 3}", "Bologna", "BO",
                "40121", "Italy", f"{44 + rng.random():.6f}" if located else "",
                f"{11 + rng.random():.6f}" if located else "", "Prospecting",
                f"{rng.randint(500, 90000)}.00", str(rng.choice([10, 20, 50, 75])),
                f"{rng.randint(1, 28):02d}/0{rng.randint(1, 9)}/2026", "15/01/2026",
                "30", "45", "Mon-Fri 08:30-12:30,15:00-19:00; Sat 09:00-12:00",
            ])  # fmt: skip
        f.write(f'\n"Grand Totals ({rows} records)"\n')


CHILD = """
import resource, sys, time
from pathlib import Path
from planner.io.workspace import Workspace
from planner.services.import_accounts import import_accounts
start, cpu = time.perf_counter(), time.process_time()
with Workspace.open(sys.argv[1]) as ws:
    report = import_accounts(ws, Path(sys.argv[2]))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(seconds, cpu, peak_mb, report.accepted, report.updated, len(report.rejected))
"""


def run_import(workspace: Path, source: Path) -> tuple[float, float, float, int, int, int]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(workspace), str(source)],
        check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    return float(out[0]), float(out[1]), float(out[2]), int(out[3]), int(out[4]), int(out[5])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source, workspace = Path(tmp) / "export.csv", Path(tmp) / "ws.tpw"
        make_file(source, args.rows)
        size_mb = source.stat().st_size / 1e6
        print(f"{args.rows:,} rows, {size_mb:.1f} MB CSV (embedded newlines, footer)")
        print(
            f"{'run':<20} {'wall s':>7} {'CPU s':>6} {'peak RSS MB':>11} {'new':>7} {'updated':>7}"
        )
        for label in ("import (empty ws)", "re-import (update)"):
            wall, cpu, peak, new, updated, rejected = run_import(workspace, source)
            assert rejected == 0
            ok = "ok" if wall <= 5 and peak <= 500 else "OVER TARGET (5 s, 500 MB)"
            print(f"{label:<20} {wall:>7.2f} {cpu:>6.2f} {peak:>11.0f} {new:>7} {updated:>7}  {ok}")
    load = os.getloadavg()[0]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.1f}")


if __name__ == "__main__":
    main()
