"""Tiny named problem instances for the solver adapter tests."""

from __future__ import annotations

import math

import pytest
import pyvrp


def _euclid_model(points: list[tuple[int, int]]) -> tuple[pyvrp.Model, list[pyvrp.Location]]:
    model = pyvrp.Model()
    locations = [model.add_location(x, y) for x, y in points]
    return model, locations


def _add_edges(model: pyvrp.Model) -> None:
    for a in model.locations:
        for b in model.locations:
            d = round(math.hypot(a.x - b.x, a.y - b.y))
            model.add_edge(a, b, distance=d, duration=d)


@pytest.fixture
def small_vrptw() -> pyvrp.ProblemData:
    """Depot at the origin, 8 clients on a ring, 2 vehicles of capacity 4, time windows."""
    ring = [
        (round(10 * math.cos(k * math.pi / 4)), round(10 * math.sin(k * math.pi / 4)))
        for k in range(8)
    ]
    model, locs = _euclid_model([(0, 0), *ring])
    model.add_depot(locs[0], tw_early=0, tw_late=200)
    for k, loc in enumerate(locs[1:]):
        model.add_client(loc, delivery=1, service_duration=2, tw_early=0, tw_late=60 + 10 * k)
    model.add_vehicle_type(num_available=3, capacity=4, tw_early=0, tw_late=200)
    _add_edges(model)
    return model.data()


@pytest.fixture
def prize_line() -> pyvrp.ProblemData:
    """Optional clients on a line: two near ones with big prizes, one far with a tiny prize."""
    model, locs = _euclid_model([(0, 0), (3, 0), (5, 0), (100, 0)])
    model.add_depot(locs[0])
    model.add_client(locs[1], prize=50, required=False)
    model.add_client(locs[2], prize=50, required=False)
    model.add_client(locs[3], prize=5, required=False)
    model.add_vehicle_type(num_available=1)
    _add_edges(model)
    return model.data()
