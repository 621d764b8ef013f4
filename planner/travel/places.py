"""Places and legs as a networkx graph, for graph algorithms over a travel matrix.

Nodes are the caller's keys (account keys, "home", a hotel's name) with a `location`;
each ordered pair of distinct places is an edge carrying `distance_m`, `duration_s`
and, given a rep, `cost_cents` (from `costs.cost_matrix_cents`, so it matches what
the solvers optimise).
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx
import numpy as np

from planner.domain.geo import GeoPoint
from planner.domain.rep import Rep
from planner.travel.costs import cost_matrix_cents
from planner.travel.model import TravelError, TravelMatrix


def places_graph(
    keys: Sequence[str],
    points: Sequence[GeoPoint],
    matrix: TravelMatrix,
    rep: Rep | None = None,
) -> nx.DiGraph:
    """A complete directed graph of the places with the matrix on its edges."""
    if not len(keys) == len(points) == matrix.size:
        raise TravelError(
            f"{len(keys)} keys, {len(points)} places and a {matrix.size}-place matrix differ"
        )
    if len(set(keys)) != len(keys):
        raise TravelError("place keys must be unique")
    graph = nx.DiGraph()
    graph.add_nodes_from((k, {"location": p}) for k, p in zip(keys, points, strict=True))
    cents = cost_matrix_cents(rep, matrix) if rep is not None else None
    rows, cols = np.nonzero(~np.eye(matrix.size, dtype=bool))
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        attrs = {
            "distance_m": int(matrix.distance_m[i, j]),
            "duration_s": int(matrix.duration_s[i, j]),
        }
        if cents is not None:
            attrs["cost_cents"] = int(cents[i, j])
        graph.add_edge(keys[i], keys[j], **attrs)
    return graph
