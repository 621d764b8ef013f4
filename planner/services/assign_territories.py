"""Use case: split the accounts between reps so that workload (and/or value) is balanced
and nobody drives across the map; compare with the current split; edit it by hand;
export each rep's accounts.

The current split is the workspace's saved territories, else the CRM `owner` column
when it names a rep. Accounts a territory marks as locked stay with their rep; a
locked rep keeps exactly their current accounts and takes no new ones. The
workspace is written only after a successful run, in one transaction.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from planner.domain import Account, DomainError, Rep, Territory
from planner.domain.progress import CancelToken, NeverCancel, NullProgress, ProgressReporter
from planner.io.exporters.common import clean_text
from planner.io.exporters.csv_export import neutralise
from planner.io.workspace import Workspace
from planner.optimise.territories import (
    Anchor,
    AssignmentMetrics,
    Balance,
    BalanceSettings,
    Comparison,
    KeepTogether,
    TerritoryProblem,
    build_problem,
    compare,
    evaluate,
    reassign,
    solve,
)
from planner.services.currencies import Rates, in_one_currency, load_rates
from planner.services.rep_scope import current_split

# The service's API; it also hands on the lower layers' types its callers need
# (the app and the command line import only services and domain).
__all__ = [
    "CSV_COLUMNS",
    "Anchor",
    "Balance",
    "BalanceSettings",
    "KeepTogether",
    "TerritoryResult",
    "assign_in_workspace",
    "assign_territories",
    "current_split",
    "describe_split",
    "reassign_accounts",
    "result_json",
    "territory_csv",
    "with_known_homes",
    "write_territory_csvs",
]


_NO_PROGRESS = NullProgress()
_NEVER = NeverCancel()
_DEFAULT = BalanceSettings()


@dataclass(frozen=True, eq=False)
class TerritoryResult:
    problem: TerritoryProblem
    assignment: dict[str, str]  # account key → rep name
    current: dict[str, str]  # the split before balancing (may be empty)
    locked: dict[str, str]  # account key → rep that keeps it
    metrics: AssignmentMetrics
    comparison: Comparison | None  # current vs proposed, when there was a current split
    notes: tuple[str, ...] = ()
    currency: str = "EUR"  # of the territories' values (`in_one_currency`)

    def territories(self) -> tuple[Territory, ...]:
        """One Territory per rep (named after the rep), locked accounts marked."""
        out = []
        for rep in self.problem.rep_names:
            keys = frozenset(k for k, r in self.assignment.items() if r == rep)
            locked = frozenset(k for k, r in self.locked.items() if r == rep and k in keys)
            out.append(Territory(name=rep, rep_name=rep, account_keys=keys, locked_keys=locked))
        return tuple(out)


def assign_territories(
    accounts: Sequence[Account],
    reps: Sequence[Rep],
    settings: BalanceSettings = _DEFAULT,
    *,
    territories: Iterable[Territory] = (),
    locked_reps: Collection[str] = (),
    rates: Rates | None = None,
    progress: ProgressReporter = _NO_PROGRESS,
    cancel: CancelToken = _NEVER,
) -> TerritoryResult:
    """Balanced territories for `reps`, values in one currency (converted at `rates` when
    the accounts' differ); raises DomainError on unusable input, Cancelled."""
    unknown = sorted(set(locked_reps) - {r.name for r in reps})
    if unknown:
        raise DomainError(f"locked reps not in the reps list: {', '.join(unknown)}")
    progress.report(0.0, "measuring workload and distances")
    accounts, currency = in_one_currency(accounts, reps, rates)
    problem = build_problem(accounts, reps, settings)
    if not problem.keys:
        raise DomainError("no account has coordinates: geocode the accounts first")
    current, locked = current_split(accounts, reps, territories)
    solution = solve(
        problem,
        locked=locked,
        locked_reps=locked_reps,
        current=current,
        progress=_Scaled(progress, 0.05, 0.95),
        cancel=cancel,
    )
    notes = list(solution.notes)
    if problem.skipped:
        notes.append(f"{len(problem.skipped)} accounts without coordinates were not assigned")
    assignment = solution.assignment(problem)
    result = _result(problem, assignment, current, locked, tuple(notes), currency=currency)
    progress.report(1.0, "territories ready")
    return result


def reassign_accounts(
    result: TerritoryResult, keys: Iterable[str], rep_name: str
) -> TerritoryResult:
    """The result after a manual edit: `keys` move to `rep_name`; metrics are recomputed."""
    keys = list(keys)
    moved_locked = [k for k in keys if result.locked.get(k, rep_name) != rep_name]
    if moved_locked:
        raise DomainError(f"locked accounts cannot move: {', '.join(moved_locked[:5])}")
    assignment = reassign(result.problem, result.assignment, keys, rep_name)
    return _result(
        result.problem, assignment, result.current, result.locked, result.notes,
        currency=result.currency,
    )  # fmt: skip


def describe_split(
    accounts: Sequence[Account],
    reps: Sequence[Rep],
    territories: Iterable[Territory],
    settings: BalanceSettings = _DEFAULT,
    rates: Rates | None = None,
) -> TerritoryResult:
    """The saved split (or the CRM owners) measured, without balancing: to view and edit."""
    accounts, currency = in_one_currency(accounts, reps, rates)
    problem = build_problem(accounts, reps, settings)
    current, locked = current_split(accounts, reps, territories)
    located = set(problem.keys)
    assignment = {k: r for k, r in current.items() if k in located}
    return _result(problem, assignment, {}, locked, (), currency=currency)


def _result(
    problem: TerritoryProblem,
    assignment: dict[str, str],
    current: dict[str, str],
    locked: dict[str, str],
    notes: tuple[str, ...],
    *,
    currency: str,
) -> TerritoryResult:
    comparison = compare(problem, current, assignment) if current else None
    metrics = evaluate(problem, assignment)
    return TerritoryResult(
        problem, assignment, current, locked, metrics, comparison, notes, currency
    )


def assign_in_workspace(
    workspace: Workspace,
    reps: Sequence[Rep],
    settings: BalanceSettings = _DEFAULT,
    *,
    locked_reps: Collection[str] = (),
    save: bool = True,
    progress: ProgressReporter = _NO_PROGRESS,
    cancel: CancelToken = _NEVER,
) -> TerritoryResult:
    """Balance the workspace's accounts; with `save`, store the reps and new territories."""
    reps = with_known_homes(reps, workspace.reps())
    missing = [r.name for r in reps if r.home is None]
    if missing:
        raise DomainError(
            f"reps without a home location: {', '.join(missing)}. Give latitude and "
            "longitude in the reps file, or import the reps ('reps import FILE') and locate "
            "their addresses with 'geocode' first"
        )
    result = assign_territories(
        workspace.accounts(),
        reps,
        settings,
        territories=workspace.territories(),
        locked_reps=locked_reps,
        rates=load_rates(workspace),
        progress=progress,
        cancel=cancel,
    )
    if save:
        with workspace.transaction():
            workspace.save_reps(reps)
            workspace.replace_territories(result.territories())
    return result


def with_known_homes(reps: Sequence[Rep], known: Sequence[Rep]) -> list[Rep]:
    """Reps without coordinates take the home saved in the workspace for the same name."""
    homes = {r.name: r for r in known if r.home is not None}
    out = []
    for rep in reps:
        saved = homes.get(rep.name)
        if rep.home is None and saved is not None:
            address = rep.home_address or saved.home_address
            rep = replace(rep, home=saved.home, home_address=address)
        out.append(rep)
    return out


class _Scaled:
    """Maps a sub-task's 0..1 progress into [start, end] of the whole."""

    def __init__(self, inner: ProgressReporter, start: float, end: float) -> None:
        self._inner, self._start, self._end = inner, start, end

    def report(self, fraction: float, message: str = "") -> None:
        self._inner.report(self._start + (self._end - self._start) * fraction, message)


# JSON and CSV -------------------------------------------------------------------------


def result_json(result: TerritoryResult, accounts: Iterable[Account]) -> dict[str, Any]:
    """The `assign --json` document: reps[], balance, assignments (account id → rep)."""
    ids = {a.key: a.account_id or a.key for a in accounts}
    m = result.metrics
    settings = result.problem.settings
    return {
        "reps": [
            {
                "name": t.rep_name,
                "accounts": t.accounts,
                "value": round(t.value, 2),
                "currency": result.currency,
                "workload_hours": round(t.workload_hours, 2),
                "capacity_hours": t.capacity_hours,
                "travel_km_estimate": round(t.travel_km_estimate, 1),
                "compactness_km": round(t.compactness_km, 2),
            }
            for t in m.territories
        ],
        "balance": {
            "mode": settings.balance.value,
            "tolerance": settings.tolerance,
            "workload_spread": round(m.workload_spread, 4),
            "value_spread": round(m.value_spread, 4),
            "split_groups": m.split_groups,
        },
        "changed_hands": result.comparison.changed_hands if result.comparison else None,
        "assignments": {ids.get(k, k): rep for k, rep in sorted(result.assignment.items())},
        "unassigned": [ids.get(k, k) for k in result.problem.skipped],
        "notes": list(result.notes),
    }


CSV_COLUMNS = (
    "rep",
    "account_id",
    "name",
    "address",
    "latitude",
    "longitude",
    "visits_per_week",
    "workload_hours",
    "expected_value",
    "locked",
    "previous_rep",
)


def territory_csv(
    result: TerritoryResult, accounts: Iterable[Account], rep_name: str | None = None
) -> str:
    """The assignment as CSV (one rep's accounts when rep_name is given), formula-safe."""
    by_key = {a.key: a for a in accounts}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for key, rep in sorted(result.assignment.items(), key=lambda kv: (kv[1], kv[0])):
        if rep_name is None or rep == rep_name:
            writer.writerow(_csv_row(result, key, rep, by_key.get(key)))
    return buffer.getvalue()


def _csv_row(result: TerritoryResult, key: str, rep: str, account: Account | None) -> list[str]:
    problem = result.problem
    i = problem.index_of()[key]
    text = (
        rep,
        account.account_id if account else "",
        account.name if account else key,
        account.address.one_line() if account else "",
    )
    lat, lon = problem.lat_lon[i]
    numbers = (lat, lon, problem.visits[i], problem.workload_h[i], problem.value[i])
    formats = (".6f", ".6f", ".3f", ".3f", ".2f")
    tail = ("yes" if key in result.locked else "", result.current.get(key, ""))
    return (
        [neutralise(clean_text(t)) for t in text]
        + [format(float(v), f) for v, f in zip(numbers, formats, strict=True)]
        + [neutralise(clean_text(t)) for t in tail]
    )


def write_territory_csvs(
    result: TerritoryResult, accounts: Sequence[Account], directory: Path
) -> list[Path]:
    """`assignment.csv` plus one `<rep>.csv` per rep in `directory`; returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / "assignment.csv"]
    paths[0].write_text(territory_csv(result, accounts), encoding="utf-8-sig")
    for rep in result.problem.rep_names:
        path = directory / f"{_file_name(rep)}.csv"
        path.write_text(territory_csv(result, accounts, rep), encoding="utf-8-sig")
        paths.append(path)
    return paths


def _file_name(name: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_ " else "_" for c in name).strip()
    return safe or "rep"
