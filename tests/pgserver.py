"""A throw-away PostgreSQL server for the tests: initdb + pg_ctl in a temporary folder.

Started once per test session on a free port of 127.0.0.1, with password (SCRAM) logins
over TCP, and stopped at the end. PostgreSQL refuses to run as root, so under root the
server runs as the `postgres` system user of Debian's package (or a dedicated user made
for it). Tests that need it skip only when no PostgreSQL is installed at all.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ADMIN, ADMIN_PASSWORD = "tp_admin", "admin-secret"
_TEST_USER = "tp-pgtest"


def pg_bin() -> Path | None:
    """The folder of initdb/pg_ctl: on PATH, else Debian's versioned folder."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(versions[0]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_user() -> str | None:
    """None when we may run the server ourselves; else the user to run it as."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", _TEST_USER):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", _TEST_USER], check=True)
    return _TEST_USER


@dataclass
class PgServer:
    port: int
    folder: Path
    bin: Path
    user: str | None

    def url(self, user: str = ADMIN, password: str | None = ADMIN_PASSWORD,
            db: str = "postgres") -> str:  # fmt: skip
        auth = f"{user}:{password}" if password is not None else user
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{db}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.user is not None:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        data = self.folder / "data"
        self._run("pg_ctl", "-D", str(data), "-l", str(self.folder / "log"), "-w", "-t", "60",
                  "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                  "-c fsync=off -c full_page_writes=off", "start")  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def create_database(self) -> str:
        import psycopg

        name = f"ws_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server() -> Iterator[PgServer]:
    """Yield a running server; stop it and remove its folder afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="tp-pg-"))
    user = _server_user()
    binaries = pg_bin()
    assert binaries is not None
    (folder / "pw").write_text(ADMIN_PASSWORD + "\n")
    if user is not None:
        shutil.chown(folder, user)
        shutil.chown(folder / "pw", user)
    folder.chmod(0o700)
    server = PgServer(_free_port(), folder, binaries, user)
    server._run("initdb", "-D", str(folder / "data"), "-U", ADMIN, "--pwfile", str(folder / "pw"),
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                "--locale=C")  # fmt: skip
    server.start()
    try:
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
