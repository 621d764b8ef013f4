"""The weekly benchmark harness and its generated instances, on tiny sizes."""

from __future__ import annotations

import json

import pytest

from benchmarks import weekly_bench
from benchmarks.weekly_instances import DAY_S, DAYS, SHIFT, weekly_instance


def test_instance_is_shaped_like_the_week_model() -> None:
    data = weekly_instance(40, seed=1).data
    assert data.num_depots == 1
    assert data.num_vehicle_types == DAYS
    assert data.num_groups == 40
    for d, vt in enumerate(data.vehicle_types()):
        assert (vt.tw_early, vt.tw_late) == (d * DAY_S + SHIFT[0], d * DAY_S + SHIFT[1])
    for group in data.groups():
        members = [data.client(i) for i in group.clients]
        assert len({c.location for c in members}) == 1
        assert len({c.prize for c in members}) == 1
        for c in members:
            day = c.tw_early // DAY_S
            assert SHIFT[0] <= c.tw_early - day * DAY_S
            assert c.tw_late + c.service_duration <= day * DAY_S + SHIFT[1]


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
    assert weekly_bench.main(argv) == 0
    out = capsys.readouterr().out
    assert "vs peers" in out
    assert "ours (ref)" in out
