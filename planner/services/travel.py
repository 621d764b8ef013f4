"""The travel model a workspace uses: its saved backend settings, memoised, with the
matrices cached in the workspace so re-planning after a small change is quick."""

from __future__ import annotations

from planner.io.workspace import Workspace
from planner.travel.cache import StoreMatrixCache
from planner.travel.incremental import MemoizedModel
from planner.travel.model import TravelModel
from planner.travel.settings import load_settings


def workspace_travel_model(workspace: Workspace) -> TravelModel:
    """The model `travel use ...` chose for this workspace (geodesic by default)."""
    return MemoizedModel(load_settings(workspace).build(), StoreMatrixCache(workspace))
