"""Two accounts on one town-level pin are a town apart, never 0 km / 0 min."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain import Account, Address, GeoPoint, Precision
from planner.io.workspace import Workspace
from planner.services.travel import town_pins, workspace_travel_model
from planner.travel.geodesic import GeodesicModel, GeodesicParams
from planner.travel.model import leg_is_estimate
from planner.travel.town_pins import (
    TownPin,
    TownPinModel,
    intra_town_leg,
    pin_key,
    rounding_radius_m,
    town_radius_m,
)

FERRARA = GeoPoint(44.83804, 11.62057)
HOUSE = GeoPoint(44.8400, 11.6100)
BOLOGNA = GeoPoint(44.4938, 11.3387)


def test_town_size_sets_the_expected_leg() -> None:
    big, small = town_radius_m(130_000), town_radius_m(5_000)
    assert big == pytest.approx(4_549, rel=0.01) and small == pytest.approx(892, rel=0.01)
    params = GeodesicParams()
    big_leg, small_leg = intra_town_leg(big, params), intra_town_leg(small, params)
    assert 4_000 < big_leg[0] < 7_000 and 8 * 60 < big_leg[1] < 20 * 60
    assert 0 < small_leg[0] < big_leg[0] and 60 < small_leg[1] < big_leg[1]
    assert intra_town_leg(1.0, params)[0] >= 300  # a hamlet is never free either


def test_shared_town_pin_legs_are_estimates_and_same_building_stays_zero() -> None:
    pins = {pin_key(FERRARA): TownPin("Ferrara", town_radius_m(130_000))}
    model = TownPinModel(GeodesicModel(), pins, GeodesicParams())
    matrix = model.matrix([FERRARA, FERRARA, HOUSE, HOUSE, BOLOGNA])
    assert matrix.distance_m[0, 1] == matrix.distance_m[1, 0] > 4_000
    assert matrix.duration_s[0, 1] > 8 * 60
    assert matrix.distance_m[2, 3] == 0  # one building (house-level pin)
    assert matrix.distance_m[0, 4] == GeodesicModel().matrix([FERRARA, BOLOGNA]).distance_m[0, 1]
    assert any("town-level pin (Ferrara)" in note for note in matrix.notes)
    assert leg_is_estimate(model, FERRARA, FERRARA)
    assert model.cache_key() != GeodesicModel().cache_key()


def _account(name: str, street: str, point: GeoPoint, precision: Precision) -> Account:
    return Account(name, name, Address(street, "Ferrara"), point, precision)


def test_workspace_model_knows_the_shared_town_pins(tmp_path: Path) -> None:
    accounts = [
        _account("A", "Via Garibaldi 1", FERRARA, Precision.TOWN),
        _account("B", "Corso Ercole I d'Este 5", FERRARA, Precision.TOWN),
        _account("C", "Via Bologna 3", HOUSE, Precision.HOUSE),
        _account("D", "Via Bologna 3", HOUSE, Precision.HOUSE),
    ]
    assert list(town_pins(accounts)) == [pin_key(FERRARA)]
    with Workspace.open(tmp_path / "w.tpw") as ws:
        ws.save_accounts(accounts)
        model = workspace_travel_model(ws)
        matrix = model.matrix([FERRARA, FERRARA, HOUSE, HOUSE])
    assert matrix.distance_m[0, 1] > 0 and matrix.duration_s[0, 1] > 0
    assert matrix.distance_m[2, 3] == 0


SEATTLE_ROUNDED = GeoPoint(47.61, -122.34)  # a store directory's two-decimal coordinates


def test_rounded_coordinates_spread_over_their_cell() -> None:
    # a 1,113 m × 751 m cell holds as much as a disk of 516 m
    assert rounding_radius_m(SEATTLE_ROUNDED) == pytest.approx(516, rel=0.01)
    assert rounding_radius_m(GeoPoint(47.6, -122.3)) == pytest.approx(5_160, rel=0.01)
    assert rounding_radius_m(GeoPoint(47.60981, -122.34202)) == pytest.approx(0.516, rel=0.01)
    assert rounding_radius_m(GeoPoint(47.609812, -122.342017)) == 0.0


def test_different_addresses_on_one_source_pin_are_never_free() -> None:
    stores = [
        _account("Pike Place", "1912 Pike Pl", SEATTLE_ROUNDED, Precision.SOURCE),
        _account("2nd & Lenora", "2001 2nd Ave", SEATTLE_ROUNDED, Precision.SOURCE),
        _account("Bldg A", "Via Bologna 3", HOUSE, Precision.SOURCE),
        _account("Bldg A office", "Via Bologna 3", HOUSE, Precision.SOURCE),
    ]
    pins = town_pins(stores)
    assert list(pins) == [pin_key(SEATTLE_ROUNDED)]  # one building stays one point
    model = TownPinModel(GeodesicModel(), pins, GeodesicParams())
    matrix = model.matrix([SEATTLE_ROUNDED, SEATTLE_ROUNDED, HOUSE, HOUSE])
    assert 300 <= matrix.distance_m[0, 1] < 1_500 and matrix.duration_s[0, 1] > 60
    assert matrix.distance_m[2, 3] == 0
    assert leg_is_estimate(model, SEATTLE_ROUNDED, SEATTLE_ROUNDED)
