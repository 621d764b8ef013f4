"""Use cases on whole workspaces: create one, copy one to another backend, add team logins."""

from __future__ import annotations

from pathlib import Path

from planner.io.codec import account_to_dict, rep_to_dict
from planner.io.workspace import SCHEMA_VERSION, Workspace, WorkspaceError, default_workspace_path
from planner.io.workspace.access import add_member
from planner.io.workspace.postgres import is_postgres_url, with_password
from planner.io.workspace.transfer import copy_workspace

# The service's API; it also hands on the lower layers' types its callers need
# (the app and the command line import only services and domain).
__all__ = [
    "Workspace",
    "WorkspaceError",
    "account_to_dict",
    "add_team_member",
    "copy_between",
    "default_workspace_path",
    "init_workspace",
    "is_postgres_url",
    "rep_to_dict",
    "with_password",
]


# The store itself, for the app and the command line (which use services, not io).


def init_workspace(target: str | Path) -> str:
    """Create (or bring up to date) the workspace schema at `target`; a sentence on it."""
    with Workspace.open(target, create=True) as workspace:
        kind = "team workspace" if workspace.is_team else "workspace file"
        return f"{kind} {workspace.location} is ready (schema version {SCHEMA_VERSION})"


def copy_between(source: str | Path, target: str | Path) -> dict[str, int]:
    """Copy every row of `source` into the new or empty `target`; rows per table."""
    if not is_postgres_url(source) and not Path(source).is_file():
        raise WorkspaceError(f"no workspace file at {source}")
    if not is_postgres_url(target) and Path(target).exists() and Path(target).stat().st_size:
        raise WorkspaceError(f"{target} already exists: copy into a new file")
    with Workspace.open(source) as src, Workspace.open(target, create=True) as dst:
        return copy_workspace(src, dst)


def add_team_member(url: str, login: str, role: str, rep_name: str | None,
                    password: str | None) -> str:  # fmt: skip
    """Give `login` access to the team workspace at `url` as a manager or a rep."""
    if not is_postgres_url(url):
        raise WorkspaceError("logins and roles exist only in a team (postgresql://) workspace")
    with Workspace.open(url) as workspace:
        if rep_name is not None and workspace.rep(rep_name) is None:
            known = ", ".join(r.name for r in workspace.reps()) or "none yet"
            raise WorkspaceError(f"no rep named {rep_name!r} in the workspace (known: {known})")
        add_member(workspace.database, login, role, rep_name, password)
    what = f"rep {rep_name}" if rep_name else "manager"
    return f"{login} can now log in to {workspace.location} as {what}"
