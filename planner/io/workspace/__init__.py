"""The workspace store: a SQLite file, or a PostgreSQL database for a team (store.py)."""

from planner.io.workspace.db import AccessDenied, WorkspaceError
from planner.io.workspace.records import CachedGeocode, ImportRecord, RejectedRow
from planner.io.workspace.schema import SCHEMA_VERSION, WorkspaceVersionError
from planner.io.workspace.store import Workspace, default_workspace_path
from planner.io.workspace.versions import ConflictError

__all__ = [
    "SCHEMA_VERSION",
    "AccessDenied",
    "CachedGeocode",
    "ConflictError",
    "ImportRecord",
    "RejectedRow",
    "Workspace",
    "WorkspaceError",
    "WorkspaceVersionError",
    "default_workspace_path",
]
