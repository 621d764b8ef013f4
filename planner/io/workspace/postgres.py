"""The PostgreSQL side of a workspace, through psycopg 3 (the `team` extra).

A URL `postgresql://user[:password]@host:port/db` is handed to libpq unchanged, so a
password may also come from PGPASSWORD or ~/.pgpass, and every libpq parameter works
(`?sslmode=require`, `?connect_timeout=5`). The connection runs in autocommit mode and
the store brackets its writes with BEGIN/COMMIT; every libpq failure becomes one
WorkspaceError sentence naming the server, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

from planner.io.workspace.db import AccessDenied, Dialect, Row, WorkspaceError

URL_PREFIXES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_S = 10


def is_postgres_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(URL_PREFIXES)


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise WorkspaceError(
            "PostgreSQL workspaces need psycopg: pip install 'territory-planner[team]'"
        ) from None
    return psycopg


def display_url(url: str) -> str:
    """The URL without its password (or query), for messages and window titles."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    user = f"{parts.username}@" if parts.username else ""
    host = parts.netloc.rsplit("@", 1)[-1]
    return f"postgresql://{user}{host}{parts.path}"


def explain(exc: Exception, where: str) -> str:
    """One sentence for a libpq or server error."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    lowered = text.lower()
    if "password authentication failed" in lowered:
        return f"wrong user name or password for {where}"
    if "no password supplied" in lowered or "fe_sendauth" in lowered:
        return f"{where} asks for a password: put it in the URL, PGPASSWORD or ~/.pgpass"
    if "connection refused" in lowered or "could not connect" in lowered:
        return f"cannot reach the PostgreSQL server of {where}: is it running? ({text})"
    if "does not exist" in lowered and "database" in lowered:
        return f"{where}: {text} (create it first, e.g. createdb)"
    if "timeout" in lowered:
        return f"the PostgreSQL server of {where} did not answer in time ({text})"
    if "terminat" in lowered or "server closed the connection" in lowered:
        return f"lost the connection to {where}: nothing was written by the unfinished step"
    return f"{where}: {text}"


class PostgresDatabase:
    dialect: Dialect = "postgresql"

    def __init__(self, url: str) -> None:
        psycopg = _psycopg()
        self._errors = (psycopg.Error,)
        self.location = display_url(url)
        self.url = url
        try:
            self.conn = psycopg.connect(
                url,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT_S,
                application_name="territory-planner",
            )
        except psycopg.Error as exc:
            raise WorkspaceError(explain(exc, self.location)) from None
        self.user = str(self.conn.info.user)

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except self._errors as exc:
            if getattr(exc, "sqlstate", None) == "42501":  # insufficient_privilege (RLS)
                raise AccessDenied(
                    f"{self.user} may not do this in {self.location}: {explain(exc, 'it')}"
                ) from None
            raise WorkspaceError(explain(exc, self.location)) from None

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        with self._translated():
            return list(self.conn.execute(self._sql(sql), tuple(params)).fetchall())

    def execute(self, sql: str, params: Iterable[Any] = ()) -> None:
        with self._translated():
            self.conn.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Row]) -> None:
        with self._translated(), self.conn.cursor() as cursor:
            cursor.executemany(self._sql(sql), list(rows))

    def execute_script(self, script: str) -> None:
        with self._translated():
            self.conn.execute(script)

    def begin(self, lock: str | None = None) -> None:
        with self._translated():
            self.conn.execute("BEGIN")
            if lock is not None:  # waits for the other holder's transaction to end
                self.conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (lock,))

    def commit(self) -> None:
        with self._translated():
            self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.closed:
            return
        with suppress(*self._errors):  # a server that is gone rolled back for us
            self.conn.execute("ROLLBACK")

    def lock_rows(self) -> str:
        return " FOR UPDATE"

    def close(self) -> None:
        self.conn.close()


def with_password(url: str, password: str) -> str:
    """`url` with `password` set in it (percent-encoded), for a password typed in a dialog."""
    from urllib.parse import quote, urlsplit, urlunsplit

    parts = urlsplit(url)
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[-1]
    netloc = f"{quote(user, safe='')}:{quote(password, safe='')}@{host}"
    return urlunsplit(parts._replace(netloc=netloc))
