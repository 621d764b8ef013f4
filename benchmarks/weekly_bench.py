"""Weekly planning benchmark: our adapter against PyVRP alone and OR-Tools alone at equal
wall time, on generated weekly territories and on the prize-collecting Solomon variant.

    python -m benchmarks.weekly_bench --sizes 300 1000 --reference 120 [--seeds 0 1 2 3]
    python -m benchmarks.weekly_bench --sizes --prize ../shared/bench --time-limit 30

"ours" on a weekly instance is the week planner as the app runs it
(`planner.optimise.week.planner.solve_week`: greedy start, solver adapter, exact
re-timing with lunch, top-up); the peers solve the PyVRP model it builds, at equal wall
time. On the prize variant "ours" is the solver adapter (`planner.optimise.solver.solve`).

Value = prizes collected − travel cost (higher is better): € for weekly instances
(their matrices are in cents), Solomon units for the prize variant (R101, RC101 with 5
routes, see ../shared/bench/README.md). "vs peers" = ours / the better peer;
"vs ref" = ours / our own run with --reference seconds. With several seeds every solver
runs once per seed, and the ratios compare mean values (a "mean" row per solver): a
short run's result depends on its seed, so one seed says little. A peer that finds no
feasible plan scores "-".
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import pyvrp

from benchmarks.instances import prize_variant
from benchmarks.weekly_instances import weekly_instance
from planner.domain.deadline import Deadline
from planner.domain.progress import NeverCancel, NullProgress
from planner.optimise.solver import SolveParams, solve
from planner.optimise.week.planner import WeekParams, solve_week
from planner.optimise.week.problem import WeekProblem

PEERS = ("pyvrp", "ortools")
DEFAULT_LIMITS = {300: 10.0, 1000: 30.0}


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    data: pyvrp.ProblemData
    unit: float  # divide objective units by this to print values
    time_limit: float
    problem: WeekProblem | None = None  # the week behind `data`, when there is one


@dataclass(frozen=True, slots=True)
class Run:
    instance: str
    clients: int
    solver: str
    seed: int
    strategy_used: str
    time_limit: float
    seconds: float
    feasible: bool
    value: float | None
    visits: int


def cases(sizes: Sequence[int], prize_dir: Path | None, limit: float | None) -> list[Case]:
    out = []
    for n in sizes:
        week = weekly_instance(n)
        seconds = limit or DEFAULT_LIMITS.get(n, 30.0)
        out.append(Case(week.name, week.data, 100.0, seconds, week.problem))
    if prize_dir is not None:
        for name in ("R101", "RC101"):
            data = prize_variant(prize_dir / "solomon" / f"{name}.txt")
            out.append(Case(f"{name}-prize5", data, 10.0, limit or 30.0))
    return out


def run_one(case: Case, solver: str, seconds: float, seed: int) -> Run:
    if solver == "auto" and case.problem is not None:
        return _run_planner(case, case.problem, seconds, seed)
    res = solve(case.data, SolveParams(time_limit_s=seconds, seed=seed, strategy=solver))
    total = sum(c.prize for c in case.data.clients())
    value = (total - res.objective) / case.unit if res.feasible else None
    return Run(
        instance=case.name,
        clients=case.data.num_clients,
        solver="ours" if solver == "auto" else f"{solver} alone",
        seed=seed,
        strategy_used=res.strategy_used,
        time_limit=seconds,
        seconds=res.seconds,
        feasible=res.feasible,
        value=value,
        visits=res.solution.num_clients(),
    )


def _run_planner(case: Case, problem: WeekProblem, seconds: float, seed: int) -> Run:
    params = WeekParams(time_limit_s=seconds, seed=seed, overnight=False)
    deadline = Deadline.after(params.time_limit_s)
    solved = solve_week(problem, params, NullProgress(), NeverCancel(), deadline)
    return Run(
        instance=case.name,
        clients=case.data.num_clients,
        solver="ours",
        seed=seed,
        strategy_used="planner",
        time_limit=seconds,
        seconds=solved.seconds,
        feasible=True,  # solve_week's routes are re-timed exactly, lunch included
        value=solved.net_cents / case.unit,
        visits=sum(len(route) for route in solved.routes),
    )


def _ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or b is None or b == 0 else f"{a / b:.4f}"


def mean_value(runs: Sequence[Run]) -> float | None:
    """The mean over seeds, or None when a run found no feasible plan."""
    values = [r.value for r in runs]
    if not values or any(v is None for v in values):
        return None
    return statistics.fmean(v for v in values if v is not None)


def format_table(runs: Sequence[Run]) -> str:
    head = f"{'instance':<13} {'clients':>7} {'solver':<14} {'seed':>4} {'used':<7} {'limit':>6} "
    head += f"{'s':>6} {'value':>12} {'visits':>6} {'vs peers':>8} {'vs ref':>7}"
    lines = [head, "-" * len(head)]
    solvers = list(dict.fromkeys(r.solver for r in runs))
    means = {s: mean_value([r for r in runs if r.solver == s]) for s in solvers}
    peers = [v for s, v in means.items() if s.endswith("alone") and v is not None]
    ref = means.get("ours (ref)")

    def row(run: Run, seed: str, value: float | None, visits: str, seconds: float) -> str:
        ours = run.solver == "ours"
        shown = "-" if value is None else f"{value:.1f}"
        return (
            f"{run.instance:<13} {run.clients:>7} {run.solver:<14} {seed:>4} "
            f"{run.strategy_used:<7} {run.time_limit:>6g} {seconds:>6.1f} {shown:>12} "
            f"{visits:>6} {_ratio(value, max(peers)) if ours and peers else '':>8} "
            f"{_ratio(value, ref) if ours else '':>7}"
        )

    for run in runs:
        lines.append(row(run, str(run.seed), run.value, str(run.visits), run.seconds))
    if len({r.seed for r in runs}) > 1:
        for solver in solvers:
            mine = [r for r in runs if r.solver == solver]
            seconds = statistics.fmean(r.seconds for r in mine)
            lines.append(row(mine[0], "mean", means[solver], "", seconds))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.weekly_bench", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[300, 1000])
    parser.add_argument("--prize", type=Path, default=None, help="bench dir with solomon/")
    parser.add_argument("--time-limit", type=float, default=None, help="seconds (all cases)")
    parser.add_argument("--reference", type=float, default=0.0, help="seconds; 0 = skip")
    parser.add_argument("--peers", nargs="*", default=list(PEERS), choices=PEERS)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    runs: list[Run] = []
    for case in cases(args.sizes, args.prize, args.time_limit):
        for solver in ("auto", *args.peers):
            runs += [run_one(case, solver, case.time_limit, seed) for seed in args.seeds]
        if args.reference > 0:
            for seed in args.seeds:
                ref = run_one(case, "auto", args.reference, seed)
                runs.append(Run(**{**asdict(ref), "solver": "ours (ref)"}))
        if not args.json:
            print(format_table([r for r in runs if r.instance == case.name]), flush=True)
    if args.json:
        print(json.dumps([asdict(r) for r in runs], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
