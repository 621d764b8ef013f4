"""Territory balancing benchmark: 20,000 accounts / 12 reps.

    .venv/bin/python -m benchmarks.territory_bench [--accounts 20000] [--reps 12] [--seed 7]
        [--no-cells]

Accounts are drawn around 40 towns of uneven size over northern and central Italy
(a few dense cities, many small towns), with cadences 7–56 days, meetings 30–90
minutes and lognormal deal sizes. Reps live at random accounts. Every method is
timed from domain objects to an assignment (problem build included). Columns:
workload/value spread = max |x - mean| / mean; compactness = visit-weighted mean
road km from accounts to their territory's centre; from home = the same to the
rep's home; travel = the weekly road-km estimate summed over reps.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from decimal import Decimal

import numpy as np
from scipy.cluster.vq import kmeans2
from scipy.optimize import linear_sum_assignment

from planner.domain import Account, Address, GeoPoint, Precision, Rep
from planner.optimise.territories import (
    Anchor,
    AssignmentMetrics,
    Balance,
    BalanceSettings,
    KeepTogether,
    TerritoryProblem,
    build_problem,
    evaluate,
    solve,
)
from planner.optimise.territories.cells import planar
from planner.optimise.territories.solve import centroids

Assign = Callable[[TerritoryProblem], dict[str, str]]


def generate(n: int, n_reps: int, seed: int) -> tuple[list[Account], list[Rep]]:
    rng = np.random.default_rng(seed)
    towns = rng.uniform([41.0, 8.0], [46.0, 14.0], (40, 2))
    weight = rng.pareto(1.2, 40) + 0.2
    town = rng.choice(40, size=n, p=weight / weight.sum())
    spread = rng.uniform(0.03, 0.3, 40)[town]
    points = towns[town] + rng.normal(0, 1, (n, 2)) * spread[:, None]
    accounts = [
        Account(
            name=f"Account {i}",
            account_id=f"A{i}",
            address=Address(city=f"Town {town[i]}", country="IT"),
            location=GeoPoint(float(lat), float(lon)),
            precision=Precision.SOURCE,
            amount=Decimal(int(rng.lognormal(9.5, 1.0))),
            probability=float(rng.choice([0.1, 0.25, 0.5, 0.75])),
            cadence_days=int(rng.choice([7, 14, 28, 56])),
            meeting_minutes=int(rng.choice([30, 45, 60, 90])),
        )
        for i, (lat, lon) in enumerate(points)
    ]
    homes = rng.choice(n, size=n_reps, replace=False)
    reps = [Rep(name=f"Rep {j:02d}", home=accounts[int(h)].location) for j, h in enumerate(homes)]
    return accounts, reps


def nearest_base(problem: TerritoryProblem) -> dict[str, str]:
    rep_of = np.argmin(problem.home_km, axis=0)
    return {k: problem.rep_names[r] for k, r in zip(problem.keys, rep_of, strict=True)}


def kmeans(problem: TerritoryProblem) -> dict[str, str]:
    """k-means on the map, clusters matched to reps by least home-to-centre distance."""
    _, label = kmeans2(planar(problem.lat_lon), len(problem.reps), minit="++", seed=1)
    centre = centroids(problem, np.asarray(label, dtype=np.intp))
    rows, cols = linear_sum_assignment(problem.distance(problem.home, centre))
    rep_of_cluster = dict(zip(cols, rows, strict=True))
    return {
        k: problem.rep_names[rep_of_cluster[c]] for k, c in zip(problem.keys, label, strict=True)
    }


def balanced(problem: TerritoryProblem) -> dict[str, str]:
    return solve(problem).assignment(problem)


def run(
    accounts: list[Account], reps: list[Rep], no_cells: bool
) -> list[tuple[str, float, AssignmentMetrics, dict[str, str]]]:
    methods: list[tuple[str, BalanceSettings, Assign]] = [
        ("nearest base (no balance)", BalanceSettings(), nearest_base),
        ("k-means k=reps (no balance)", BalanceSettings(), kmeans),
        ("flow: workload ±5 %", BalanceSettings(), balanced),
        ("HiGHS LP: workload ±5 %", BalanceSettings(use_lp=True), balanced),
        ("flow: value ±5 %", BalanceSettings(balance=Balance.VALUE), balanced),
        ("HiGHS LP: both ±5 %", BalanceSettings(balance=Balance.BOTH), balanced),
        ("flow: workload, moving centres", BalanceSettings(anchor=Anchor.CENTROID), balanced),
        (
            "flow: workload, towns kept whole",
            BalanceSettings(keep_together=KeepTogether.TOWN),
            balanced,
        ),
    ]
    if no_cells:  # one account per cell: the exact transportation problem, much slower
        methods += [
            ("flow, no cells: workload ±5 %", BalanceSettings(cell_size=1), balanced),
            ("HiGHS LP, no cells: workload ±5 %", BalanceSettings(cell_size=1, use_lp=True),
             balanced),
        ]  # fmt: skip
    rows = []
    for label, settings, method in methods:
        start = time.perf_counter()
        problem = build_problem(accounts, reps, settings)
        assignment = method(problem)
        seconds = time.perf_counter() - start
        rows.append((label, seconds, evaluate(problem, assignment), assignment))
    return rows


def towns_split(accounts: list[Account], assignment: dict[str, str]) -> int:
    reps_in: dict[str, set[str]] = {}
    for account in accounts:
        reps_in.setdefault(account.address.city, set()).add(assignment[account.key])
    return sum(len(r) > 1 for r in reps_in.values())


def stability(accounts: list[Account], reps: list[Rep], seed: int) -> tuple[int, int, float]:
    """Re-balance after 1 % of accounts change cadence; how many change hands?"""
    problem = build_problem(accounts, reps)
    before = solve(problem).assignment(problem)
    rng = np.random.default_rng(seed + 1)
    changed = list(accounts)
    picks = rng.choice(len(accounts), size=len(accounts) // 100, replace=False)
    for i in picks:
        old = changed[i]
        cadence = 7 if old.cadence_days != 7 else 28
        changed[i] = Account(**{**old.__dict__, "cadence_days": cadence})
    start = time.perf_counter()
    problem2 = build_problem(changed, reps)
    after = solve(problem2, current=before).assignment(problem2)
    seconds = time.perf_counter() - start
    moved = sum(before[k] != after[k] for k in before)
    return len(picks), moved, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--accounts", type=int, default=20_000)
    parser.add_argument("--reps", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--no-cells", action="store_true", help="also solve without micro-cells (slow)"
    )
    args = parser.parse_args()
    accounts, reps = generate(args.accounts, args.reps, args.seed)
    print(f"{args.accounts} accounts, {args.reps} reps, seed {args.seed}\n")
    head = (
        "method",
        "s",
        "work spread",
        "value spread",
        "compact km",
        "km home",
        "travel km/wk",
        "towns split",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for label, seconds, m, assignment in run(accounts, reps, args.no_cells):
        km_home = sum(t.mean_km_from_home * t.accounts for t in m.territories) / len(accounts)
        print(
            f"| {label} | {seconds:.2f} | {m.workload_spread:.1%} | {m.value_spread:.1%} "
            f"| {m.compactness_km:.1f} | {km_home:.1f} | {m.travel_km_estimate:,.0f} "
            f"| {towns_split(accounts, assignment)} |"
        )
    changed, moved, seconds = stability(accounts, reps, args.seed)
    print(
        f"\nstability: {changed} accounts change cadence, re-balanced from the previous "
        f"assignment in {seconds:.2f} s; {moved} accounts change hands"
    )


if __name__ == "__main__":
    main()
