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


@pytest.fixture
def two_depot_week() -> pyvrp.ProblemData:
    """A miniature week: two vehicle types (days) from different depots with their own
    shift windows, shift durations, duration and fixed costs; optional clients with
    prizes and opening windows, one required client."""
    pts = [(0, 0), (50, 0), (5, 5), (10, 2), (45, 4), (52, 8), (30, 30), (25, -10), (8, -6)]
    model, locs = _euclid_model(pts)
    home, hotel = model.add_depot(locs[0]), model.add_depot(locs[1])
    windows = [(0, 100), (20, 60), (0, 300), (100, 200), (0, 300), (0, 300), (40, 90)]
    for k, (loc, (early, late)) in enumerate(zip(locs[2:], windows, strict=True)):
        model.add_client(
            loc,
            service_duration=5,
            tw_early=early,
            tw_late=late,
            prize=60 + 7 * k,
            required=k == 0,
        )
    model.add_vehicle_type(
        num_available=1,
        start_depot=home,
        end_depot=hotel,
        tw_early=0,
        tw_late=250,
        shift_duration=200,
        unit_distance_cost=1,
        unit_duration_cost=1,
        fixed_cost=3,
    )
    model.add_vehicle_type(
        num_available=1,
        start_depot=hotel,
        end_depot=home,
        tw_early=100,
        tw_late=400,
        shift_duration=150,
        unit_distance_cost=2,
        fixed_cost=5,
    )
    _add_edges(model)
    return model.data()


@pytest.fixture
def random_tsp() -> pyvrp.ProblemData:
    """30 random points, one vehicle, nothing else: a plain TSP."""
    import numpy as np

    rng = np.random.default_rng(3)
    model, _ = _euclid_model([(int(x), int(y)) for x, y in rng.integers(0, 1000, (30, 2))])
    model.add_depot(model.locations[0])
    for loc in model.locations[1:]:
        model.add_client(loc)
    model.add_vehicle_type(num_available=1)
    _add_edges(model)
    return model.data()


@pytest.fixture
def grouped() -> pyvrp.ProblemData:
    """Accounts open in two windows become two clients in a mutually exclusive group, as
    the week model builds them; one group required, prizes differ inside a group."""
    model, locs = _euclid_model([(0, 0), (10, 0), (0, 12), (-9, -9), (40, 40)])
    model.add_depot(locs[0])
    optional = model.add_client_group(required=False)
    required = model.add_client_group(required=True)
    far = model.add_client_group(required=False)
    model.add_client(locs[1], tw_early=0, tw_late=30, prize=40, required=False, group=optional)
    model.add_client(locs[1], tw_early=60, tw_late=90, prize=35, required=False, group=optional)
    model.add_client(locs[2], tw_early=0, tw_late=20, prize=5, required=False, group=required)
    model.add_client(locs[2], tw_early=50, tw_late=80, prize=9, required=False, group=required)
    model.add_client(locs[4], prize=20, required=False, group=far)
    model.add_client(locs[4], prize=30, required=False, group=far)
    model.add_client(locs[3], prize=30, required=False)
    model.add_vehicle_type(num_available=2, tw_early=0, tw_late=150, max_distance=80)
    _add_edges(model)
    return model.data()
