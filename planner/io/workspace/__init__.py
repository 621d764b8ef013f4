"""The workspace store (SQLite). See store.py for the guarantees it gives."""

from planner.io.workspace.records import CachedGeocode, ImportRecord, RejectedRow
from planner.io.workspace.schema import SCHEMA_VERSION, WorkspaceVersionError
from planner.io.workspace.store import Workspace, WorkspaceError, default_workspace_path

__all__ = [
    "SCHEMA_VERSION",
    "CachedGeocode",
    "ImportRecord",
    "RejectedRow",
    "Workspace",
    "WorkspaceError",
    "WorkspaceVersionError",
    "default_workspace_path",
]
