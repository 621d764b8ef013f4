"""The routing benchmark harness on a tiny directory laid out like ../shared/bench."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from benchmarks import routing
from benchmarks.instances import load, read_bks, read_tsplib, tsplib_matrix

TINY = Path(__file__).parents[1] / "data" / "bench_tiny"


def _tour_optimum(matrix: np.ndarray) -> int:
    n = matrix.shape[0]
    return min(
        int(sum(matrix[a, b] for a, b in itertools.pairwise((0, *p, 0))))
        for p in itertools.permutations(range(1, n))
    )


@pytest.mark.parametrize("name", ["tiny7", "att6", "geo5"])
def test_bks_of_tiny_tsp_files_is_the_brute_force_optimum(name: str) -> None:
    row = next(r for r in read_bks(TINY) if r.name == name)
    assert _tour_optimum(tsplib_matrix(read_tsplib(row.file))) == row.bks


def test_tsplib_rounding_conventions() -> None:
    euc = tsplib_matrix(read_tsplib(TINY / "tsplib" / "tiny7.tsp"))
    assert euc[0, 1] == 10  # nint(sqrt(109)) = nint(10.44)
    att = tsplib_matrix(read_tsplib(TINY / "tsplib" / "att6.tsp"))
    assert att[0, 1] == 1495  # r = 1494.7, nint gives 1495 >= r
    geo = tsplib_matrix(read_tsplib(TINY / "tsplib" / "geo5.tsp"))
    assert 470 <= geo[0, 1] <= 490  # Milan-Rome in km
    assert (geo == geo.T).all()


def test_solomon_conventions() -> None:
    dist = next(r for r in read_bks(TINY) if r.kind == "vrptw_dist")
    inst = load(dist)
    matrix = inst.data.distance_matrix(0)
    assert matrix[0, 1] == 186  # floor(10 * sqrt(25 + 324)) = floor(186.8)
    assert inst.data.client(0).tw_late == 1200  # due date 120 x 10
    assert inst.data.client(0).service_duration == 100
    assert inst.data.num_vehicles == 1


def test_harness_solves_every_row_to_the_optimum() -> None:
    rows = routing.run(TINY, time_limit=0.2)
    assert [(r.name, r.kind) for r in rows] == [(b.name, b.kind) for b in read_bks(TINY)]
    for row in rows:
        assert row.feasible, row
        assert row.gap_pct is not None
        assert abs(row.gap_pct) < 0.01, row


def test_only_filters_by_name() -> None:
    rows = routing.run(TINY, time_limit=0.1, only=["TINY6"])
    assert {r.kind for r in rows} == {"vrptw_dist", "vrptw_hier"}


def test_cli_prints_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert routing.main(["--instances", str(TINY), "--time-limit", "0.1", "--only", "tiny7"]) == 0
    out = capsys.readouterr().out
    assert "tiny7" in out
    assert "gap %" in out
    args = ["--instances", str(TINY), "--time-limit", "0.1", "--only", "TINY6", "--json"]
    assert routing.main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["kind"] for d in data} == {"vrptw_dist", "vrptw_hier"}
    assert all(d["vehicles"] == 1 for d in data)


def test_missing_directory_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert routing.main(["--instances", str(tmp_path)]) == 2
    assert "bks.csv" in capsys.readouterr().err


def test_unknown_kind_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "bks.csv").write_text("name,kind,bks,source\nx,cvrp,1,me\n")
    with pytest.raises(ValueError, match="unknown kind"):
        read_bks(tmp_path)


def test_compare_runs_both_at_the_same_seed(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--instances", str(TINY), "--time-limit", "0.1", "--only", "TINY6", "tiny7"]
    assert routing.main([*args, "--compare", "pyvrp", "--seeds", "0", "1"]) == 0
    out = capsys.readouterr().out
    assert out.count("TINY6") == 4 and out.count("tiny7") == 2  # two kinds x two seeds
    assert "ours worse on 0 of 6 runs" in out  # tiny instances: both optimal
    assert "iterations" in out


def _row(kind: str, cost: float | None, vehicles: int) -> routing.Row:
    return routing.Row("x", kind, cost, 100.0, None, 1.0, vehicles, None, cost is not None, "s")


@pytest.mark.parametrize(
    ("kind", "ours", "plain", "worse"),
    [
        ("vrptw_dist", (101.0, 3), (100.0, 4), True),  # distance alone counts
        ("vrptw_hier", (101.0, 3), (100.0, 4), False),  # fewer vehicles first
        ("vrptw_hier", (99.0, 5), (100.0, 4), True),
        ("vrptw_hier", (100.5, 4), (100.0, 4), True),
        ("vrptw_dist", (None, 0), (100.0, 4), True),  # infeasible loses
        ("vrptw_dist", (100.0, 4), (None, 0), False),
    ],
)
def test_worse_is_judged_by_the_instance_objective(
    kind: str, ours: tuple[float | None, int], plain: tuple[float | None, int], worse: bool
) -> None:
    pair = routing.Pair("x", kind, 0, _row(kind, *ours), _row(kind, *plain), load=1.0)
    assert pair.ours_worse is worse
