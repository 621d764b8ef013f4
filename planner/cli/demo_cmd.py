"""`territory-planner demo --out DIR`: the whole main job, headless, on the demo territory."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from planner.cli.common import progress_bar
from planner.cli.plan_cmd import format_itinerary
from planner.domain import WeekPlan
from planner.services.demo import run_demo
from planner.services.import_accounts import ImportFileError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="run the whole pipeline on the demo territory and write the results to a folder",
    )
    parser.add_argument("--out", type=Path, default=Path("demo-out"), help="output folder")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        with progress_bar("demo") as bar:
            result = run_demo(args.out, progress=bar)
    except (ImportFileError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("\n".join(result.summary))
    plan = result.data.get("plan")
    if isinstance(plan, WeekPlan):
        print("\n" + "\n".join(format_itinerary(plan)) + "\n")
    print(f"results in {args.out}/:")
    for path in result.outputs:
        print(f"  {path.name}")
    return 0
