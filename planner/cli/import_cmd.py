"""`territory-planner import FILE [--mapping FILE] [--currency CODE] [-w WORKSPACE]`:
import a CRM export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from planner.cli.common import add_workspace_argument, open_workspace, progress_bar
from planner.services.import_accounts import ImportFileError, Limits, import_accounts


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import accounts or opportunities from a CSV/XLSX export",
        description="Import a CRM export (Salesforce, HubSpot, Excel; CSV or XLSX). Rows are "
        "matched to existing accounts by CRM id, else by name and address. Prints the "
        "import report; exits 0 when the file was read, even if some rows were rejected.",
    )
    parser.add_argument("file", type=Path, help="the CSV or XLSX file")
    parser.add_argument(
        "--mapping", type=Path, help="mapping file (JSON or TOML) naming the columns"
    )
    parser.add_argument(
        "--currency",
        default="",
        metavar="CODE",
        help="currency of amounts written without one, e.g. USD (default: the mapping's "
        "[options] currency, else each row's country's currency)",
    )
    parser.add_argument(
        "--allow-large",
        action="store_true",
        help=f"import files over {Limits().max_file_bytes // 2**20} MB or "
        f"{Limits().max_rows:,} rows (cells stay capped at {Limits().max_cell_chars:,} characters)",
    )
    add_workspace_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args, create=True)
    if workspace is None:
        return 1
    try:
        with workspace, progress_bar(f"importing {args.file.name}") as bar:
            limits = Limits.unlimited() if args.allow_large else None
            report = import_accounts(
                workspace, args.file, args.mapping, progress=bar, limits=limits,
                currency=args.currency,
            )  # fmt: skip
    except ImportFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    return 0
