"""`territory-planner assign --reps FILE`: balanced, compact territories for a team."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from planner.cli.common import add_workspace_argument, open_workspace, progress_bar
from planner.domain import DomainError
from planner.domain.formats import Formats, environment_locale
from planner.domain.i18n import N_, Translator
from planner.services.assign_territories import (
    Anchor,
    Balance,
    BalanceSettings,
    KeepTogether,
    TerritoryResult,
    assign_in_workspace,
    result_json,
    write_territory_csvs,
)
from planner.services.import_accounts import ImportFileError, read_reps


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "assign",
        help="split the workspace's accounts into balanced, compact territories",
        description="Assign every located account to one rep so that workload (visits × "
        "(meeting + drive)) and/or expected value are within ±tolerance of each rep's "
        "share (by capacity_hours) while keeping travel from each rep's home low. The reps "
        "file is a CSV/XLSX with name, address and/or latitude,longitude, capacity_hours. "
        "Saved territories' locked accounts stay put. The new territories are saved to "
        "the workspace unless --dry-run.",
    )
    parser.add_argument("--reps", type=Path, required=True, metavar="FILE", help="reps file")
    parser.add_argument("--balance", choices=[b.value for b in Balance], default="workload")
    parser.add_argument(
        "--tolerance", type=float, default=0.05, help="allowed deviation (default 0.05 = ±5 %%)"
    )
    parser.add_argument(
        "--centres",
        choices=["home", "moving"],
        default="home",
        help="measure travel from each rep's home (default) or from a moving territory centre",
    )
    parser.add_argument(
        "--keep-together",
        choices=[k.value for k in KeepTogether],
        default="none",
        help="keep each town (or postcode) with one rep where balance allows",
    )
    parser.add_argument(
        "--lock-rep", action="append", default=[], metavar="NAME",
        help="this rep keeps exactly their current accounts (repeatable)",
    )  # fmt: skip
    parser.add_argument("--export", type=Path, metavar="DIR", help="write per-rep CSV files here")
    parser.add_argument("--dry-run", action="store_true", help="do not save the territories")
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_workspace_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        reps, rejected = read_reps(args.reps)
        settings = BalanceSettings(
            balance=Balance(args.balance),
            tolerance=args.tolerance,
            anchor=Anchor.CENTROID if args.centres == "moving" else Anchor.HOME,
            keep_together=KeepTogether(args.keep_together),
        )
    except (ImportFileError, DomainError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for r in rejected:
        column = f", column {r.column!r}" if r.column else ""
        print(f"warning: {args.reps.name} row {r.number}{column}: {r.reason}", file=sys.stderr)
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    try:
        with workspace, progress_bar("balancing territories") as bar:
            result = assign_in_workspace(
                workspace, reps, settings, locked_reps=args.lock_rep,
                save=not args.dry_run, progress=bar,
            )  # fmt: skip
            accounts = workspace.accounts()
    except DomainError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.export:
        paths = write_territory_csvs(result, accounts, args.export)
        print(f"wrote {len(paths)} CSV files to {args.export}", file=sys.stderr)
    if args.json:
        print(json.dumps(result_json(result, accounts), ensure_ascii=False, indent=1))
    else:
        print("\n".join(summary_lines(result)))
    return 0


# (label, width) of the table's columns; a translated label may widen its column
COLUMNS = (
    (N_("rep"), 20), (N_("accounts"), 8), (N_("value"), 14), (N_("work h/wk"), 9),
    (N_("capacity"), 8), (N_("km/wk"), 8), (N_("compact km"), 10),
)  # fmt: skip


def summary_lines(result: TerritoryResult, locale: str | None = None) -> list[str]:
    """The territories' table and balance in `locale`'s language and formats (the
    environment's by default): values as money in the territories' currency."""
    locale = locale or environment_locale()
    t, f = Translator(locale), Formats(locale)
    m, settings = result.metrics, result.problem.settings
    lines = _table(result, t, f)
    lines.append(t(
        "balance: workload spread {workload}, value spread {value} (tolerance ±{tolerance} "
        "on {balance})", workload=_percent(f, m.workload_spread),
        value=_percent(f, m.value_spread), tolerance=_percent(f, settings.tolerance, 0),
        balance=settings.balance,
    ))  # fmt: skip
    if m.split_groups:
        lines.append(t("{count} towns/postcodes are shared by more than one rep",
                       count=f.number(m.split_groups)))  # fmt: skip
    if result.comparison is not None:
        before = result.comparison.before
        lines.append(t(
            "vs current: {count} accounts change hands; workload spread {before} → {after}, "
            "travel {km_before} → {km_after} km/wk",
            count=f.number(result.comparison.changed_hands),
            before=_percent(f, before.workload_spread), after=_percent(f, m.workload_spread),
            km_before=f.number(before.travel_km_estimate), km_after=f.number(m.travel_km_estimate),
        ))  # fmt: skip
    return lines + [t("note: {note}", note=n) for n in result.notes]


def _table(result: TerritoryResult, t: Translator, f: Formats) -> list[str]:
    labels = [t(label) for label, _ in COLUMNS]
    widths = [max(len(label), width) for label, (_, width) in zip(labels, COLUMNS, strict=True)]
    rows = [labels]
    for row in result.metrics.territories:
        rows.append([
            row.rep_name[:20], f.number(row.accounts), f.amount(row.value, result.currency, True),
            f.number(row.workload_hours, 1), f.number(row.capacity_hours, 1),
            f.number(row.travel_km_estimate), f.number(row.compactness_km, 1),
        ])  # fmt: skip
    return [
        " ".join(
            [cells[0].ljust(widths[0])]
            + [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        )
        for cells in rows
    ]


def _percent(f: Formats, fraction: float, digits: int = 1) -> str:
    """3.0 % / 3,0 %: a spread with its tenth, as the app's Territories tab shows it."""
    return f"{f.number(fraction * 100, digits)} %"
