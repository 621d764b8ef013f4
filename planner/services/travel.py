"""The travel model a workspace uses: its saved backend settings, memoised, with the
matrices cached in the workspace so re-planning after a small change is quick.

With the geodesic backend (the default) and at least one region added
(`territory-planner region add`), legs inside a region are timed on its roads by OSRM
in-process, and the others estimated with parameters calibrated on those roads."""

from __future__ import annotations

from planner.io.regions import RegionStore
from planner.io.workspace import Workspace
from planner.services.regions import calibrated_params, road_regions
from planner.travel.cache import StoreMatrixCache
from planner.travel.geodesic import GeodesicModel, GeodesicParams
from planner.travel.incremental import MemoizedModel
from planner.travel.model import TravelModel
from planner.travel.roads import RoadsModel
from planner.travel.settings import KEY, NAMESPACE, TravelSettings, load_settings


def workspace_travel_model(workspace: Workspace, store: RegionStore | None = None) -> TravelModel:
    """The model `travel use ...` chose for this workspace (geodesic by default, on the
    roads of the user's regions where they cover the places)."""
    settings = load_settings(workspace)
    model = _roads(workspace, settings, store or RegionStore()) or settings.build()
    return MemoizedModel(model, StoreMatrixCache(workspace))


def _roads(
    workspace: Workspace, settings: TravelSettings, store: RegionStore
) -> TravelModel | None:
    if settings.backend != "geodesic" or not settings.roads:
        return None
    regions = road_regions(store)
    if not regions:
        return None
    params = settings.geodesic
    user_tuned = workspace.get_value(NAMESPACE, KEY) is not None and params != GeodesicParams()
    if not user_tuned:  # the region's own fit beats the textbook defaults
        params = calibrated_params(store) or params
    return RoadsModel(regions, GeodesicModel(params))
