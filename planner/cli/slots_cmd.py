"""`territory-planner plan slots --account ID`: the best times for one account's visit."""

from __future__ import annotations

import argparse
import json
import sys

from planner.cli.common import run_in_workspace
from planner.services.find_slot import Slot, describe_slot, find_slots
from planner.services.workspaces import Workspace


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--account", metavar="ID",
                        help="with `plan slots`: the account (CRM id) to place")  # fmt: skip
    parser.add_argument("--count", type=int, default=5, metavar="N",
                        help="with `plan slots`: how many slots (default 5)")  # fmt: skip


def run_slots(args: argparse.Namespace) -> int:
    if not args.account or not args.rep:
        print("error: plan slots needs --account ID and --rep NAME", file=sys.stderr)
        return 2

    def show(workspace: Workspace) -> None:
        slots = find_slots(workspace, args.rep, args.account, args.week, args.count)
        if args.json:
            print(json.dumps([_json(s) for s in slots], indent=1, ensure_ascii=False))
            return
        if not slots:
            print("no slot fits this week or next")
        for rank, slot in enumerate(slots, 1):
            print(f"{rank}. {slot.arrival:%a %d %b %H:%M}: {describe_slot(slot)}")

    return run_in_workspace(args, show)


def _json(slot: Slot) -> dict[str, object]:
    return {
        "start": slot.arrival.isoformat(),
        "added_cost_cents": slot.added_cost.cents,
        "pushes_out": list(slot.pushes_out),
        "pushed_value_cents": slot.pushed_value.cents if slot.pushed_value else 0,
    }
