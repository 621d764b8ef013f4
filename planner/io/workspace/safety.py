"""Workspace safety: never touch a file that is not a workspace, say truly what went wrong.

Opening a file with SQLite already changes it (WAL mode, the schema, ``user_version``),
so a file is inspected first, read-only and by its header: a workspace carries this
program's SQLite *application id*. A workspace from before the id existed is recognised by
its tables; an empty file or an empty database may become a workspace; any other file is
refused with its bytes untouched.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

APPLICATION_ID = int.from_bytes(b"TPLW", "big")  # "Territory PLanner Workspace"
_MAGIC = b"SQLite format 3\x00"
_OUR_TABLES = frozenset({"accounts", "reps", "imports"})
_SHOWN_TABLES = 4


class ForeignFileError(RuntimeError):
    """The file exists and is not a workspace; it was left exactly as it was."""


def check_workspace_file(path: Path) -> None:
    """Raise ForeignFileError unless ``path`` is missing, empty or a workspace."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise ForeignFileError(f"{path} is a folder, not a workspace file") from None
    except PermissionError:
        raise ForeignFileError(f"{path} cannot be read: permission denied") from None
    if not header:
        return  # an empty file holds nothing to lose
    if not header.startswith(_MAGIC) or len(header) < 100:
        raise ForeignFileError(
            f"{path} is not a workspace file (not a Territory planner database); "
            "it was not changed: check the path"
        )
    application_id = int.from_bytes(header[68:72], "big")
    if application_id == APPLICATION_ID:
        return
    if application_id:
        raise ForeignFileError(
            f"{path} is another program's database (application id {application_id:#x}), "
            "not a workspace; it was not changed"
        )
    tables = _tables(path)
    if tables and not tables >= _OUR_TABLES:
        shown = ", ".join(sorted(tables)[:_SHOWN_TABLES]) + (
            ", …" if len(tables) > _SHOWN_TABLES else ""
        )
        raise ForeignFileError(
            f"{path} is another program's SQLite database (tables {shown}), not a "
            "workspace; it was not changed"
        )


def _tables(path: Path) -> set[str]:
    """The file's table names, read without locking or writing anything (immutable)."""
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ForeignFileError(f"{path} is damaged ({exc}); it was not changed") from None
    return {str(name) for (name,) in rows if not str(name).startswith("sqlite_")}


def stamp(conn: sqlite3.Connection) -> None:
    """Mark the database as a workspace (done once, after the schema is in place)."""
    (found,) = conn.execute("PRAGMA application_id").fetchone()
    if found != APPLICATION_ID:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open. SQLite ends a transaction by itself on
    some errors (a full disk): a second ROLLBACK would raise "cannot rollback - no
    transaction is active" and hide the real error."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):  # the original error is the one to report
            conn.execute("ROLLBACK")


def sqlite_problem(exc: sqlite3.Error, where: str) -> str:
    """One sentence for an SQLite error on the workspace ``where``."""
    text = str(exc).lower()
    if "full" in text:
        return (
            f"the disk holding {where} is full: free some space and run again "
            "(nothing was half-written)"
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return (
            f"{where} cannot be written (a read-only file or folder): check its permissions, "
            "or copy it to a folder you can write to"
        )
    if "locked" in text or "busy" in text:
        return (
            f"{where} is in use by another Territory planner window or command: close it, "
            "or wait for it to finish, and run again"
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"{where} is damaged ({exc}): restore it from a backup"
    if "i/o error" in text:
        return f"{where} could not be read or written (disk I/O error): check the disk"
    return f"{where}: database error ({exc})"
