"""The weekly benchmark harness and its generated instances, on tiny sizes."""

from __future__ import annotations

import json

import pytest

from benchmarks import weekly_bench
from benchmarks.weekly_instances import DAYS, territory, weekly_instance


def test_instance_is_what_production_solves() -> None:
    instance = weekly_instance(40, seed=1)
    data, problem = instance.data, instance.problem
    assert len(problem.candidates) == 40
    assert data.num_vehicle_types == DAYS == len(problem.days)
    assert data.num_depots == 1
    prize_of = {c.key: c.prize for c in problem.candidates}
    assert all(c.prize == prize_of[c.name] for c in data.clients())
    # One client per opening interval: between one and two per account.
    assert 40 <= data.num_clients <= 80
    names = {c.name for c in data.clients()}
    assert names == {c.key for c in problem.candidates}


def test_territory_looks_like_an_import() -> None:
    ground = territory(200, seed=2)
    assert len({a.account_id for a in ground.accounts}) == 200
    for a in ground.accounts:
        assert a.location is not None and a.opening_hours is not None
        assert 44 < a.location.lat < 45.1 and 10.3 < a.location.lon < 12.4
        assert a.amount is not None and a.amount > 0
    hours = [a.opening_hours for a in ground.accounts if a.opening_hours is not None]
    closed_one_day = [h for h in hours if sum(map(bool, h.days)) == 4]
    assert 0 < len(closed_one_day) < 200


def test_instances_are_reproducible() -> None:
    assert weekly_instance(30, seed=4).data == weekly_instance(30, seed=4).data


def test_harness_compares_with_peers(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--sizes", "25", "--time-limit", "0.4", "--json"]
    assert weekly_bench.main(argv) == 0
    runs = json.loads(capsys.readouterr().out)
    assert [r["solver"] for r in runs] == ["ours", "pyvrp alone", "ortools alone"]
    assert runs[0]["feasible"]
    assert runs[0]["value"] > 0


def test_table_has_ratios(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--sizes", "15", "--time-limit", "0.3", "--peers", "pyvrp", "--reference", "0.5"]
    argv += ["--seeds", "0", "1"]
    assert weekly_bench.main(argv) == 0
    out = capsys.readouterr().out
    assert "vs peers" in out
    assert "ours (ref)" in out
    means = [line for line in out.splitlines() if " mean " in line]
    assert [line.split()[2] for line in means] == ["ours", "pyvrp", "ours"]
    assert all(float(line.split()[-2]) > 0.9 for line in means[:1])
