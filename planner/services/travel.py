"""The travel model a workspace uses: its saved backend settings, memoised, with the
matrices cached in the workspace so re-planning after a small change is quick.

With the geodesic backend (the default) and at least one region added
(`territory-planner region add`), legs inside a region are timed on its roads by OSRM
in-process, and the others estimated with parameters calibrated on those roads."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence

from planner.domain import Account, GeoPoint, Precision
from planner.io.geocoding.town_size import town_sizes
from planner.io.regions import RegionStore
from planner.io.workspace import Workspace
from planner.services.regions import calibrated_model, road_regions
from planner.travel.cache import StoreMatrixCache
from planner.travel.geodesic import GeodesicModel, GeodesicParams
from planner.travel.incremental import MemoizedModel
from planner.travel.model import TravelError, TravelModel
from planner.travel.roads import RoadRegion, RoadsModel
from planner.travel.settings import KEY, NAMESPACE, TravelSettings, load_settings
from planner.travel.town_pins import (
    SHARED_PIN_NAME,
    TownPin,
    TownPinModel,
    pin_key,
    rounding_radius_m,
    town_radius_m,
)

# The service's API; it also hands on the lower layers' types its callers need
# (the app and the command line import only services and domain).
__all__ = [
    "TravelError",
    "town_pins",
    "travel_inputs",
    "workspace_travel_model",
]

# The roads model of the current regions, shared by every caller in the process: its
# OSRM engines (a region's whole dataset in memory) open once, not once per plan.
_SHARED_ROADS: dict[tuple[object, ...], RoadsModel] = {}
_SHARED_LOCK = threading.Lock()


def workspace_travel_model(
    workspace: Workspace,
    store: RegionStore | None = None,
    accounts: Sequence[Account] | None = None,
) -> TravelModel:
    """The model `travel use ...` chose for this workspace (geodesic by default, on the
    roads of the user's regions where they cover the places), where accounts sharing a
    town-level pin are a town's size apart (`accounts`: the workspace's, by default)."""
    settings = load_settings(workspace)
    model = _roads(workspace, settings, store or RegionStore()) or settings.build()
    memo = MemoizedModel(model, StoreMatrixCache(workspace))
    pins = town_pins(workspace.accounts() if accounts is None else accounts)
    # outside the memo, which computes each distinct point once
    return TownPinModel(memo, pins, settings.geodesic) if pins else memo


def town_pins(accounts: Sequence[Account]) -> dict[tuple[float, float], TownPin]:
    """The pins two or more accounts at different addresses share, with their spread.

    A coarse pin (town, postcode) spreads its accounts over the town's size. Any other pin
    shared by different addresses spreads them over the grid its coordinates were rounded
    to: an export with two decimals puts every shop of a quarter on one point 1 km
    apart from the next. Accounts at one address (one building) share a pin for free."""
    groups: dict[tuple[float, float], list[Account]] = defaultdict(list)
    for account in accounts:
        if account.location is not None and account.precision is not Precision.COUNTRY:
            groups[pin_key(account.location)].append(account)
    coarse = [
        key for key, group in groups.items()
        if len(group) > 1 and any(a.precision.is_coarse for a in group)
    ]  # fmt: skip
    sizes = town_sizes([GeoPoint(*key) for key in coarse])
    pins = {
        key: TownPin(size[0] if size else "town", town_radius_m(size[1] if size else None))
        for key, size in zip(coarse, sizes, strict=True)
    }
    for key, group in groups.items():
        if len(group) > 1 and key not in pins and len({_same_place(a) for a in group}) > 1:
            pins[key] = TownPin(SHARED_PIN_NAME, rounding_radius_m(GeoPoint(*key)))
    return pins


def _same_place(account: Account) -> str:
    """The address up to case and spacing (cheaper than the full accent folding)."""
    return " ".join(account.address.one_line().casefold().split())


def _roads(
    workspace: Workspace, settings: TravelSettings, store: RegionStore
) -> TravelModel | None:
    if settings.backend != "geodesic" or not settings.roads:
        return None
    return workspace_roads_model(workspace, store)


def workspace_roads_model(workspace: Workspace, store: RegionStore) -> RoadsModel | None:
    """OSRM on the user's regions, estimating elsewhere with the workspace's own geodesic
    parameters when the user tuned them, else with those fitted on the region."""
    regions = road_regions(store)
    if not regions:
        return None
    params = load_settings(workspace).geodesic
    user_tuned = workspace.get_value(NAMESPACE, KEY) is not None and params != GeodesicParams()
    # the region's own fit (curve and distance bands) beats the textbook defaults
    fitted = None if user_tuned else calibrated_model(store)
    return _shared_roads(regions, fitted or GeodesicModel(params))


def _shared_roads(regions: list[RoadRegion], fallback: GeodesicModel) -> RoadsModel:
    key = (*((r.name, r.dataset, r.stamp) for r in regions), fallback.cache_key())
    with _SHARED_LOCK:
        model = _SHARED_ROADS.get(key)
        if model is None:
            _SHARED_ROADS.clear()  # other regions now: let the old engines go
            model = _SHARED_ROADS[key] = RoadsModel(regions, fallback)
        return model


def travel_inputs(workspace: Workspace, store: RegionStore | None = None) -> str:
    """What the travel model is made of besides the accounts: the workspace's travel
    settings and the regions in use (a region added, updated or removed changes it)."""
    regions = ",".join(f"{r.name}:{r.folder}" for r in (store or RegionStore()).regions())
    settings = workspace.get_value(NAMESPACE, KEY)
    return f"{settings!r}|{regions}"
