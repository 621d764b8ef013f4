"""Workspace schema and its forward migrations.

The version lives in SQLite's `user_version`; each migration runs in its own transaction,
so a workspace is always at one exact version. Never edit a released migration: append one.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: tuple[str, ...] = (
    # 1: accounts, reps, imports and their rejected rows, caches, plans, territories.
    """
    CREATE TABLE accounts (
        key TEXT PRIMARY KEY,
        account_id TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX accounts_by_crm_id ON accounts(account_id);
    CREATE TABLE reps (name TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE imports (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        file TEXT NOT NULL,
        started_at TEXT NOT NULL,
        format TEXT NOT NULL,
        preset TEXT NOT NULL,
        accepted INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        messages TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE rejected_rows (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        row_number INTEGER NOT NULL,
        column_name TEXT NOT NULL,
        reason TEXT NOT NULL,
        raw TEXT NOT NULL
    );
    CREATE INDEX rejected_by_import ON rejected_rows(import_id);
    CREATE TABLE geocode_cache (
        address_key TEXT PRIMARY KEY,
        lat REAL,
        lon REAL,
        precision TEXT NOT NULL,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE matrix_cache (
        key TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        distance BLOB NOT NULL,
        duration BLOB NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE plans (
        rep_name TEXT NOT NULL,
        week_start TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (rep_name, week_start)
    );
    CREATE TABLE territories (name TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE visit_log (
        account_key TEXT NOT NULL,
        day TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (account_key, day)
    );
    CREATE TABLE kv (
        namespace TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (namespace, key)
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


class WorkspaceVersionError(RuntimeError):
    """The file was written by a newer version of the program."""


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to SCHEMA_VERSION; return the version it had before."""
    (found,) = conn.execute("PRAGMA user_version").fetchone()
    if found > SCHEMA_VERSION:
        raise WorkspaceVersionError(
            f"this workspace has schema version {found}, newer than this program's "
            f"{SCHEMA_VERSION}: update Territory planner to open it"
        )
    for version in range(found + 1, SCHEMA_VERSION + 1):
        script = MIGRATIONS[version - 1]
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in filter(str.strip, script.split(";")):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (a full disk)
                conn.execute("ROLLBACK")
            raise
    return int(found)
