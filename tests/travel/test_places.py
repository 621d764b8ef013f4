from __future__ import annotations

from decimal import Decimal

import networkx as nx
import pytest

from planner.domain.rep import Rep
from planner.travel import GeodesicModel, TravelError, leg_cost
from planner.travel.places import places_graph
from tests.travel.conftest import random_points


def test_graph_carries_matrix_and_costs() -> None:
    points = random_points(6, (45.0, 9.0, 45.5, 9.6), seed=1)
    keys = [f"acc{i}" for i in range(6)]
    matrix = GeodesicModel().matrix(points)
    rep = Rep(name="R", cost_per_km=Decimal("0.4"), cost_per_hour=Decimal("25"))
    g = places_graph(keys, points, matrix, rep)
    assert g.number_of_nodes() == 6 and g.number_of_edges() == 30
    edge = g.edges["acc1", "acc4"]
    assert (edge["distance_m"], edge["duration_s"]) == matrix.leg(1, 4)
    assert edge["cost_cents"] == leg_cost(rep, *matrix.leg(1, 4)).cents
    assert g.nodes["acc2"]["location"] == points[2]
    # graph algorithms run on it directly
    tree = nx.minimum_spanning_tree(g.to_undirected(), weight="distance_m")
    assert tree.number_of_edges() == 5


def test_mismatched_inputs_are_rejected() -> None:
    points = random_points(3, (45.0, 9.0, 45.5, 9.6), seed=2)
    matrix = GeodesicModel().matrix(points)
    with pytest.raises(TravelError, match="differ"):
        places_graph(["a", "b"], points, matrix)
    with pytest.raises(TravelError, match="unique"):
        places_graph(["a", "a", "b"], points, matrix)
    assert "cost_cents" not in places_graph(["a", "b", "c"], points, matrix).edges["a", "b"]
