"""The geodesic estimate corrected per distance band."""

from __future__ import annotations

import numpy as np
import pytest

from planner.domain import GeoPoint
from planner.travel.geodesic import GeodesicModel, GeodesicParams
from planner.travel.geodesic_bands import Band, BandedGeodesicModel
from planner.travel.model import TravelError

A = GeoPoint(44.49, 11.34)
NEAR = GeoPoint(44.50, 11.34)  # ~1.1 km
FAR = GeoPoint(44.65, 10.93)  # ~37 km


def test_each_pair_takes_its_bands_factor_and_beyond_the_bands_none() -> None:
    plain = GeodesicModel().matrix([A, NEAR, FAR])
    bands = [Band(2.0, 1.5, 2.0), Band(10.0, 1.1, 1.2)]
    banded = BandedGeodesicModel(GeodesicParams(), bands).matrix([A, NEAR, FAR])
    assert banded.distance_m[0, 1] == round(plain.distance_m[0, 1] * 1.5)
    assert banded.duration_s[0, 1] == round(plain.duration_s[0, 1] * 2.0)
    assert banded.duration_s[0, 2] == plain.duration_s[0, 2]  # 37 km: no band reached it
    assert np.all(np.diag(banded.distance_m) == 0)
    assert BandedGeodesicModel(GeodesicParams(), bands).cache_key() != GeodesicModel().cache_key()


def test_absurd_corrections_are_refused() -> None:
    with pytest.raises(TravelError):
        Band(2.0, 10.0, 1.0)
